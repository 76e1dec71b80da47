"""When two facts' values (or a COMMITMENT's attributes) count as equal.

Why one place: value accuracy, error listings and run-to-run changes must
agree on what "the same value" means. Numbers compare within 1e-6 (relative
above 1), money by value and unit, a COMMITMENT's agents as a set.

Example::

    >>> values_equal(25, 25.0000001)
    True
"""

from __future__ import annotations

import math

from pipeline.scoring.facts import InterchangeFact, is_number

FLOAT_TOLERANCE = 1e-6


def values_equal(a: object, b: object) -> bool:
    """Equal values: numbers within 1e-6 (relative above 1), money by value and unit.

    >>> values_equal({"value": 5.5e11, "unit": "USD"}, {"value": 550000000000, "unit": "USD"})
    True
    """
    if is_number(a) and is_number(b):
        x, y = float(a), float(b)  # type: ignore[arg-type]
        return math.isclose(x, y, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        if {"value", "unit"} <= a.keys() and {"value", "unit"} <= b.keys():
            return a["unit"] == b["unit"] and values_equal(a["value"], b["value"])
        return a.keys() == b.keys() and all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def attributes_equal(a: InterchangeFact, b: InterchangeFact) -> dict[str, bool]:
    """Per COMMITMENT attribute, whether two facts agree (agents as a set)."""
    return {
        "agents": set(a.agents or ()) == set(b.agents or ()),
        "modality": a.modality == b.modality,
        "deadline": values_equal(a.deadline, b.deadline),
        "amount": values_equal(a.amount, b.amount),
    }


def differences(a: InterchangeFact, b: InterchangeFact) -> tuple[str, ...]:
    """Names of what differs between two facts of one type: `value` or attribute names."""
    if a.type == "COMMITMENT":
        return tuple(k for k, same in attributes_equal(a, b).items() if not same)
    return () if values_equal(a.value, b.value) else ("value",)
