"""Snapshot test: the JSON Schema files in schemas/ are what the models generate today.

Like FastAPI's OpenAPI snapshot tests: change a model, and this fails until
`facts schema` has regenerated schemas/ (and the change is reviewed in git).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.schema import render_schemas

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
RENDERED = render_schemas()
FIX = "schemas/ is stale: run `facts schema` and commit the result"


def test_every_schema_file_is_generated() -> None:
    on_disk = sorted(p.name for p in SCHEMAS_DIR.glob("*.schema.json"))
    assert on_disk == sorted(RENDERED), FIX


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_schema_file_is_up_to_date(name: str) -> None:
    path = SCHEMAS_DIR / name
    assert path.is_file(), f"{path} is missing: {FIX}"
    assert path.read_text(encoding="utf-8") == RENDERED[name], f"{name}: {FIX}"


def test_rendering_is_stable() -> None:
    assert render_schemas() == RENDERED


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_schemas_are_json_schema_2020_12(name: str) -> None:
    schema = json.loads(RENDERED[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert RENDERED[name].endswith("}\n")


def test_fact_schema_is_a_union_discriminated_by_type() -> None:
    schema = json.loads(RENDERED["fact.schema.json"])
    mapping = schema["discriminator"]["mapping"]
    assert schema["discriminator"]["propertyName"] == "type"
    assert sorted(mapping) == ["AMOUNT", "COMMITMENT", "DATE", "MINERAL", "PARTY", "PERCENTAGE"]
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, definition.get("title")
