"""Load the pattern and gazetteer data files under `pipeline/patterns/`.

Why data files: a rule writer adds a company suffix or a date pattern by
editing JSONL, not Python. Each entry has an `id` that becomes the `rule`
of the records it produces. Tables that a maintained library keeps are
taken from it: country names and codes from pycountry, element names and
symbols from periodictable.

Token patterns may use `{"MACRO": "MONTH"}`; the macro's attributes from
`macros.json` are merged into the token (other keys such as `OP` are kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import periodictable
import pycountry

PATTERN_DIR = "patterns"


def _read(name: str) -> str:
    return resources.files("pipeline").joinpath(PATTERN_DIR, name).read_text("utf-8")


@cache
def load_json(name: str) -> Any:
    """A JSON data file from `pipeline/patterns/`."""
    return json.loads(_read(name))


@cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A JSONL data file from `pipeline/patterns/`, one entry per non-blank line."""
    rows = []
    for n, line in enumerate(_read(name).splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if "id" not in row:
                raise ValueError(f"patterns/{name}:{n}: entry has no 'id'")
            rows.append(row)
    return tuple(rows)


def expand_macros(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace `{"MACRO": name, ...}` tokens by the macro's attributes plus the other keys."""
    macros: dict[str, dict[str, Any]] = load_json("macros.json")
    out = []
    for token in pattern:
        if "MACRO" in token:
            name = token["MACRO"]
            if name not in macros:
                raise ValueError(f"unknown pattern macro {name!r}")
            merged = dict(macros[name])
            merged.update({k: v for k, v in token.items() if k != "MACRO"})
            out.append(merged)
        else:
            out.append(token)
    return out


def token_patterns(name: str) -> list[dict[str, Any]]:
    """Matcher patterns of a file with macros expanded: [{id, label, pattern, ...}]."""
    return [dict(row, pattern=expand_macros(row["pattern"])) for row in load_jsonl(name)]


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One phrase to look up, what it normalises to, and the rule id it reports."""

    phrase: str
    value: str
    rule: str
    kind: str = ""
    extra: str | None = None


@lru_cache(maxsize=1)
def country_entries() -> tuple[GazetteerEntry, ...]:
    """Country names from pycountry (name, common and official names) plus our aliases."""
    entries: dict[str, GazetteerEntry] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                entries[name] = GazetteerEntry(name, c.alpha_3, "party-country", "country")
    for row in load_jsonl("country_aliases.jsonl"):
        if pycountry.countries.get(alpha_3=row["value"]) is None:
            raise ValueError(f"country_aliases.jsonl: {row['value']} is not ISO 3166-1 alpha-3")
        entries[row["pattern"]] = GazetteerEntry(row["pattern"], row["value"], row["id"], "country")
    return tuple(entries.values())


@lru_cache(maxsize=1)
def capital_entries() -> tuple[GazetteerEntry, ...]:
    """Capitals that stand for their governments ("Beijing said ...")."""
    return tuple(
        GazetteerEntry(r["pattern"], r["value"], r["id"], "country")
        for r in load_jsonl("capitals.jsonl")
    )


@lru_cache(maxsize=1)
def organization_entries() -> tuple[GazetteerEntry, ...]:
    """Known organisations, agencies and companies with canonical names."""
    out = []
    for r in load_jsonl("organizations.jsonl"):
        kind = "country" if pycountry.countries.get(alpha_3=r["value"]) else "organization"
        out.append(GazetteerEntry(r["pattern"], r["value"], r["id"], kind))
    return tuple(out)


@lru_cache(maxsize=1)
def subnational_entries() -> tuple[GazetteerEntry, ...]:
    """Provinces and states that act as governments ("Ontario has committed ..."); `extra`
    is the country they belong to."""
    return tuple(
        GazetteerEntry(r["pattern"], r["value"], r["id"], "organization", extra=r["country"])
        for r in load_jsonl("subnational.jsonl")
    )


@lru_cache(maxsize=1)
def people_entries() -> tuple[GazetteerEntry, ...]:
    """Well-known office holders, found without a title ("Donald Trump left early")."""
    return tuple(
        GazetteerEntry(r["pattern"], r["value"], r["id"], "person")
        for r in load_jsonl("people.jsonl")
    )


@lru_cache(maxsize=1)
def mineral_entries() -> tuple[GazetteerEntry, ...]:
    """Element names (periodictable) with symbols, plus groups, ores and aliases."""
    rules = load_json("mineral_rules.json")
    never = set(rules["never"])
    aliases = {r["pattern"]: r["value"] for r in load_jsonl("minerals.jsonl")}
    symbols: dict[str, str] = {}
    entries: list[GazetteerEntry] = []
    for el in periodictable.elements:
        if el.number == 0 or el.name in never:
            continue
        canonical = aliases.get(el.name, el.name)
        symbols[canonical] = el.symbol
        entries.append(GazetteerEntry(el.name, canonical, "mineral-element", extra=el.symbol))
        if canonical != el.name:
            entries.append(GazetteerEntry(canonical, canonical, "mineral-element", extra=el.symbol))
        # "cobalt ore" is the mineral too, the word "ore" included (as "nickel ore" in the gold)
        for ore in (f"{el.name} ore", f"{el.name} ores"):
            entries.append(GazetteerEntry(ore, canonical, "mineral-ore", extra=el.symbol))
    for r in load_jsonl("minerals.jsonl"):
        entries.append(
            GazetteerEntry(r["pattern"], r["value"], r["id"], extra=symbols.get(r["value"]))
        )
    return tuple(entries)
