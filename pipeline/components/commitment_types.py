"""Shared shapes of the commitment rules: a found trigger and the document state.

Why a module of their own: the trigger rules, the agent rules and the
component that drives them all read these, and none should import another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.components.base import Candidate

# Rules whose PARTY facts are companies: what "the company" can stand for.
COMPANY_RULES = ("party-company", "party-coref-organization")


def company_names(found: Iterable[Candidate]) -> frozenset[str]:
    """The names given to companies (a legal form, a known company), not their short names."""
    return frozenset(
        str(f.value) for f in found if f.type == "PARTY" and f.rule.startswith("party-company")
    )


@dataclass
class Trigger:
    start: int  # token index
    end: int
    modality: str
    kind: str
    rule: str


@dataclass
class DocState:
    """What earlier sentences tell later ones."""

    last_group: list[str] = field(default_factory=list)
    last_countries: list[str] = field(default_factory=list)  # the last group of 2+ countries
    signatories: list[str] = field(default_factory=list)
    last_company: str | None = None
    last_subject: list[str] = field(default_factory=list)
    explicit: bool = False
    lead_in: Candidate | None = None
    last_commitment: Candidate | None = None
    text: str = ""  # the document's text, for looking at the words around a fact
