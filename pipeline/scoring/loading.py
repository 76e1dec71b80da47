"""Read interchange-format fact files (docs/ANNOTATION.md) and validate every line.

Why strict: a mistyped key or value must fail loudly, naming `file:line`,
rather than score as a mismatch. Unknown keys are ignored, so the pipeline's
own records (which carry more) load as they are.

Example::

    >>> facts = load_facts("corpus/gold")   # every *.jsonl under the folder, sorted
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import get_args

from pipeline.errors import FactFormatError
from pipeline.records import FACT_TYPES, Modality
from pipeline.scoring.facts import (
    COMMITMENT_ATTRIBUTES,
    InterchangeFact,
    SentenceContext,
    is_number,
)

REQUIRED_KEYS = ("doc_id", "type", "start", "end", "text", "value")
MODALITIES: tuple[str, ...] = get_args(Modality)


def load_facts(path: str | Path) -> list[InterchangeFact]:
    """Load a JSONL file, or every `*.jsonl` under a folder (recursively, sorted)."""
    p = Path(path)
    if p.is_dir():
        files = sorted((f for f in p.rglob("*.jsonl") if f.is_file()), key=lambda f: f.as_posix())
    elif p.is_file():
        files = [p]
    else:
        raise FactFormatError(f"{p}: no such file or folder")
    return [fact for f in files for fact in read_fact_file(f)]


def read_fact_file(path: Path) -> list[InterchangeFact]:
    """Parse one JSONL file; the first bad line raises FactFormatError naming it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FactFormatError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    facts = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        where = f"{path}:{n}"
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise FactFormatError(f"{where}: invalid UTF-8 at byte {exc.start}") from None
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FactFormatError(
                f"{where}: not valid JSON ({exc.msg}, column {exc.colno})"
            ) from None
        if not isinstance(obj, dict):
            raise FactFormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        facts.append(parse_fact(obj, where))
    return facts


def _bad(where: str, key: str, expected: str, got: object) -> FactFormatError:
    shown = json.dumps(got, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return FactFormatError(f"{where}: bad key '{key}': expected {expected}, got {shown}")


def _money(where: str, key: str, x: object) -> dict[str, object]:
    if (
        isinstance(x, dict)
        and is_number(x.get("value"))
        and isinstance(x.get("unit"), str)
        and x["unit"]
    ):
        return {"value": x["value"], "unit": x["unit"]}
    raise _bad(where, key, 'money {"value": number, "unit": "ISO 4217 code"}', x)


def _value(where: str, ftype: str, x: object) -> object:
    """Check a value's shape per type, so a mistyped value fails loudly, not as a mismatch."""
    if ftype == "DATE" and (x is None or isinstance(x, str)):
        return x
    if ftype in ("PARTY", "MINERAL") and isinstance(x, str):
        return x
    if ftype == "PERCENTAGE" and is_number(x):
        return x
    if ftype == "AMOUNT":
        return _money(where, "value", x)
    if ftype == "COMMITMENT" and x is None:
        return None
    expected = {
        "DATE": "a string or null",
        "PARTY": "a string",
        "MINERAL": "a string",
        "PERCENTAGE": "a number",
        "COMMITMENT": "null (a COMMITMENT's content is in its attributes)",
    }[ftype]
    raise _bad(where, "value", f"{expected} for {ftype}", x)


def _sentence(x: object) -> SentenceContext | None:
    """The pipeline's `sentence` key ({"text", "start", ...}) or a bare string; else None."""
    if isinstance(x, str) and x:
        return SentenceContext(x)
    if isinstance(x, dict) and isinstance(x.get("text"), str) and x["text"]:
        start = x.get("start")
        ok = isinstance(start, int) and not isinstance(start, bool)
        return SentenceContext(x["text"], start if ok else None)
    return None


def parse_fact(obj: Mapping[str, object], where: str = "-") -> InterchangeFact:
    """Validate one interchange-format object; unknown keys are ignored."""
    missing = [k for k in REQUIRED_KEYS if k not in obj]
    if obj.get("type") == "COMMITMENT":
        missing += [k for k in COMMITMENT_ATTRIBUTES if k not in obj]
    if missing:
        names = ", ".join(f"'{k}'" for k in missing)
        raise FactFormatError(f"{where}: missing key{'s' if len(missing) > 1 else ''} {names}")
    doc_id, ftype, start, end, text = (obj[k] for k in ("doc_id", "type", "start", "end", "text"))
    if not isinstance(doc_id, str) or not doc_id:
        raise _bad(where, "doc_id", "a non-empty string", doc_id)
    if not isinstance(ftype, str) or ftype not in FACT_TYPES:
        raise _bad(where, "type", f"one of {', '.join(FACT_TYPES)}", ftype)
    for key, pos in (("start", start), ("end", end)):
        if not isinstance(pos, int) or isinstance(pos, bool) or pos < 0:
            raise _bad(where, key, "a non-negative integer", pos)
    assert isinstance(start, int) and isinstance(end, int)
    if end <= start:
        raise _bad(where, "end", f"an offset greater than start ({start})", end)
    if not isinstance(text, str) or len(text) != end - start:
        raise _bad(where, "text", f"a string of end - start = {end - start} characters", text)
    value = _value(where, ftype, obj["value"])
    sentence = _sentence(obj.get("sentence"))
    fact = InterchangeFact(doc_id, ftype, start, end, text, value, where, sentence=sentence)
    if ftype != "COMMITMENT":
        return fact
    agents, modality, deadline, amount = (obj[k] for k in COMMITMENT_ATTRIBUTES)
    if not isinstance(agents, list) or not all(isinstance(a, str) for a in agents):
        raise _bad(where, "agents", "a list of PARTY values (strings)", agents)
    if not isinstance(modality, str) or modality not in MODALITIES:
        raise _bad(where, "modality", f"one of {', '.join(MODALITIES)}", modality)
    if deadline is not None and not isinstance(deadline, str):
        raise _bad(where, "deadline", "a DATE value (string) or null", deadline)
    money = None if amount is None else _money(where, "amount", amount)
    return replace(fact, agents=tuple(agents), modality=modality, deadline=deadline, amount=money)
