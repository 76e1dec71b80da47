"""Values as a reader wants them: numbers with separators, money with its unit, one line per fact.

Why apart from the page: highlights, cards, the gold notes and the template
all print values, and must print them alike, for records and gold facts.

Example::

    >>> format_number(1200000000.0), format_money({"value": 5e9, "unit": "USD"})
    ('1,200,000,000', '5,000,000,000 USD')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.records import Fact, Money
from pipeline.scoring import InterchangeFact


def format_number(x: float) -> str:
    """Thousands separators, no trailing zeros: 1200000000.0 → '1,200,000,000'."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def format_money(m: Money | Mapping[str, object] | None) -> str:
    """'1,200,000,000 USD' from a Money or its dict form; '—' for none."""
    if m is None:
        return "—"
    if isinstance(m, Money):
        return f"{format_number(m.value)} {m.unit}"
    amount, unit = m.get("value"), m.get("unit")
    return f"{format_number(amount)} {unit}" if isinstance(amount, (int, float)) else str(m)


def display_value(f: Fact) -> str:
    """The normalised value as a reader wants it, per type."""
    if f.type == "DATE":
        return f.value or "unresolved"
    if f.type == "PARTY":
        return f"{f.value} ({f.kind})"
    if f.type == "MINERAL":
        return f"{f.value} ({f.symbol})" if f.symbol else f.value
    if f.type == "PERCENTAGE":
        comp = "" if f.comparator == "=" else f"{f.comparator} "
        unit = "%" if f.unit == "percent" else " pp"
        return f"{comp}{format_number(f.value)}{unit}"
    if f.type == "AMOUNT":
        comp = "" if f.comparator == "=" else f"{f.comparator} "
        return comp + format_money(f.value)
    return _commitment_summary(f.modality, f.agents, f.deadline, f.amount)


def _commitment_summary(
    modality: str | None,
    agents: Sequence[str] | None,
    deadline: str | None,
    amount: Money | Mapping[str, object] | None,
) -> str:
    parts = [modality or "?", "agents " + (", ".join(agents or []) or "none")]
    if deadline:
        parts.append(f"deadline {deadline}")
    if amount is not None:
        parts.append(f"amount {format_money(amount)}")
    return "; ".join(parts)


def interchange_value(f: InterchangeFact) -> str:
    """A gold fact's value for display (gold facts are interchange format, not records)."""
    if f.type == "COMMITMENT":
        amount = f.amount if isinstance(f.amount, Mapping) else None
        return _commitment_summary(f.modality, f.agents, f.deadline, amount)
    if isinstance(f.value, Mapping):
        return format_money(f.value)
    if isinstance(f.value, float | int) and not isinstance(f.value, bool):
        return format_number(f.value)
    return "unresolved" if f.value is None else str(f.value)
