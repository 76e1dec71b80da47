# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean schema

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Extract every bundled corpus article into outputs/facts.jsonl and score it.
run: $(STAMP)
	$(BIN)/facts extract corpus -o outputs/facts.jsonl
	$(BIN)/facts verify outputs/facts.jsonl corpus
	$(BIN)/facts diff outputs/facts.jsonl corpus/gold
	$(BIN)/facts report outputs/facts.jsonl --corpus corpus --gold corpus/gold -o outputs/report.html

## Lint, type-check and run the test suite.
test: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts $(wildcard benchmarks)
	$(BIN)/ruff format --check pipeline tests scripts $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/pytest

schema: $(STAMP)
	$(BIN)/facts schema

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
