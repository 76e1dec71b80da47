"""Check hand-written gold files against their articles.

Why: gold is written by hand, so typos in offsets are easy to make. This
script checks every line of every `corpus/gold/*.jsonl` file: the keys the
interchange format requires, `text == doc[start:end]`, spans inside one line
(a line is at least one sentence), no overlap between two facts of the
entity types, and value shapes per type.

Usage: python scripts/check_gold.py [corpus_dir]
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

ENTITY_TYPES = {"DATE", "PARTY", "MINERAL", "PERCENTAGE", "AMOUNT"}
ALL_TYPES = ENTITY_TYPES | {"COMMITMENT"}
MODALITIES = {"binding", "pledge", "intent", "exploratory"}


def document_text(path: Path) -> tuple[str, str]:
    raw = path.read_text(encoding="utf-8")
    doc_id = path.stem
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        for line in raw[4:end].splitlines():
            key, _, val = line.partition(":")
            if key.strip() == "id":
                doc_id = val.strip()
        return doc_id, raw[end + 5 :]
    return doc_id, raw


def main(corpus: Path) -> int:
    docs = {}
    for p in sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.md")):
        doc_id, text = document_text(p)
        docs[doc_id] = text
    problems = 0
    for gold in sorted((corpus / "gold").glob("*.jsonl")):
        facts = []
        for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{gold.name}:{n}"
            try:
                f = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{where}: bad JSON: {e}")
                problems += 1
                continue
            missing = {"doc_id", "type", "start", "end", "text", "value"} - f.keys()
            if f.get("type") == "COMMITMENT":
                missing |= {"agents", "modality", "deadline", "amount"} - f.keys()
            if missing:
                print(f"{where}: missing keys {sorted(missing)}")
                problems += 1
                continue
            text = docs.get(f["doc_id"])
            if text is None:
                print(f"{where}: unknown doc_id {f['doc_id']!r}")
                problems += 1
                continue
            if f["type"] not in ALL_TYPES:
                print(f"{where}: unknown type {f['type']}")
                problems += 1
            if text[f["start"] : f["end"]] != f["text"]:
                print(
                    f"{where}: offsets give {text[f['start'] : f['end']]!r}, text is {f['text']!r}"
                )
                problems += 1
            if "\n" in f["text"]:
                print(f"{where}: span crosses a line break")
                problems += 1
            if f["text"] != f["text"].strip():
                print(f"{where}: span has outer whitespace")
                problems += 1
            t, v = f["type"], f["value"]
            if t == "PERCENTAGE" and not isinstance(v, (int, float)):
                print(f"{where}: PERCENTAGE value must be a number")
                problems += 1
            if t == "AMOUNT" and not (isinstance(v, dict) and {"value", "unit"} <= v.keys()):
                print(f"{where}: AMOUNT value must be {{value, unit}}")
                problems += 1
            if t == "PARTY" and not isinstance(v, str):
                print(f"{where}: PARTY value must be a string")
                problems += 1
            if t == "MINERAL" and (not isinstance(v, str) or v != v.lower()):
                print(f"{where}: MINERAL value must be a lower-case string")
                problems += 1
            if (
                t == "DATE"
                and v is not None
                and not re.fullmatch(
                    r"[0-9]{2,4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4]|-H[12]|-W[0-9]{2}|-(?:SP|SU|FA|WI))?"
                    r"|P[0-9.]+[DWMY]|PAST_REF|FUTURE_REF|PRESENT_REF",
                    v,
                )
            ):
                print(f"{where}: DATE value {v!r} is not TIMEX3-like")
                problems += 1
            if t == "COMMITMENT":
                if f["modality"] not in MODALITIES:
                    print(f"{where}: bad modality {f['modality']!r}")
                    problems += 1
                if not isinstance(f["agents"], list):
                    print(f"{where}: agents must be a list")
                    problems += 1
            facts.append((where, f))
        ents = sorted(
            (x for x in facts if x[1]["type"] in ENTITY_TYPES),
            key=lambda x: (x[1]["doc_id"], x[1]["start"]),
        )
        for (w1, a), (w2, b) in itertools.pairwise(ents):
            if a["doc_id"] == b["doc_id"] and b["start"] < a["end"]:
                print(f"{w1} and {w2}: overlapping facts {a['text']!r} / {b['text']!r}")
                problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")))
