"""JSON Schema of the records, generated from the pydantic models into `schemas/`.

Why generated: the models are the contract; a hand-kept schema would drift.
A test regenerates the schema in memory and fails when `schemas/` differs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from pipeline.records import FACT_ADAPTER, DocumentRecord, InputError

SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "fact.schema.json": FACT_ADAPTER,
    "document.schema.json": TypeAdapter(DocumentRecord),
    "input-error.schema.json": TypeAdapter(InputError),
}


def render_schemas() -> dict[str, str]:
    """File name → JSON Schema text (stable: sorted keys, trailing newline)."""
    out = {}
    for name, adapter in SCHEMAS.items():
        schema = adapter.json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema file into `out_dir`; return the paths written."""
    from pipeline.io import atomic_writer

    paths = []
    for name, text in render_schemas().items():
        path = out_dir / name
        with atomic_writer(path) as fh:
            fh.write(text)
        paths.append(path)
    return paths
