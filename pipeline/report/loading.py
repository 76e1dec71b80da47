"""Read the report's inputs: pipeline fact records (validated) and the corpus they came from.

Why records and not interchange facts: the page shows what only records carry
(rule, id, sentence, trigger, links), so each line is validated as a record
and the first bad one raises FactFormatError naming `file:line`.

Example::

    >>> records = load_records(Path("outputs/facts.jsonl"))
    >>> documents, errors = load_corpus(Path("corpus"))
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from pipeline.corpus import Document, read_inputs
from pipeline.errors import FactFormatError
from pipeline.io import iter_jsonl
from pipeline.records import FACT_ADAPTER, Fact, InputError


def load_records(path: Path) -> list[Fact]:
    """Read and validate a facts JSONL file; the first bad line raises FactFormatError."""
    records: list[Fact] = []
    try:
        for n, obj in iter_jsonl(path):
            try:
                records.append(FACT_ADAPTER.validate_python(obj))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "record"
                raise FactFormatError(
                    f"{path}:{n}: not a fact record ({where}: {first['msg']}); "
                    "write it with `facts extract`"
                ) from None
    except OSError as exc:
        raise FactFormatError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise FactFormatError(f"{path}: invalid UTF-8 at byte {exc.start}") from None
    except ValueError as exc:  # iter_jsonl names the line that is not a JSON object
        raise FactFormatError(str(exc)) from None
    return records


def load_corpus(corpus: Path) -> tuple[list[Document], list[InputError]]:
    """The documents of a folder or file, and what could not be read."""
    documents: list[Document] = []
    problems: list[InputError] = []
    for item in read_inputs([str(corpus)]):
        if isinstance(item, Document):
            documents.append(item)
        else:
            problems.append(item)
    return documents, problems
