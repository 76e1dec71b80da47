"""Highlights in a document's text, and how overlapping ones nest into a tree.

Highlights may overlap (a COMMITMENT clause contains PARTY and DATE facts, a
missed gold fact may cross a system fact), so `layout` nests them, splitting
a highlight into fragments where two cross; only the first fragment carries
the element id, so every record id appears exactly once. Text between
highlights is the document text unchanged, which the tests check after
HTML-unescaping.

Example::

    >>> Mark("x", 0, 4, "PERCENTAGE", "missed", "5%", "r", "x").label
    'MISSED PCT'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Status = Literal["found", "missed", "spurious", "value"]
# Short labels drawn next to each highlight, so the type never depends on colour alone.
TYPE_LABELS: dict[str, str] = {
    "DATE": "DATE",
    "PARTY": "PARTY",
    "MINERAL": "MINERAL",
    "PERCENTAGE": "PCT",
    "AMOUNT": "AMOUNT",
    "COMMITMENT": "COMMIT",
}
STATUS_LABELS: dict[Status, str] = {
    "found": "",
    "missed": "MISSED",
    "spurious": "SPURIOUS",
    "value": "≠GOLD",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight to place in a document: a record, or a gold fact the system missed."""

    key: str  # element id: the record id, or gold-… for a missed gold fact
    start: int
    end: int
    type: str
    status: Status
    value: str
    rule: str
    source: str  # what the tooltip names as the origin: the record id or gold file:line
    note: str = ""  # e.g. the gold value a system value differs from

    @property
    def is_commitment(self) -> bool:
        return self.type == "COMMITMENT"

    @property
    def label(self) -> str:
        prefix = STATUS_LABELS[self.status]
        return f"{prefix} {TYPE_LABELS[self.type]}" if prefix else TYPE_LABELS[self.type]

    @property
    def title(self) -> str:
        parts = [f"{self.label}: {self.value}", f"rule {self.rule}", self.source]
        return " · ".join([*parts, self.note] if self.note else parts)


@dataclass(slots=True)
class MarkNode:
    """A highlight in the layout tree; `first` is False for the continuation of a split one."""

    mark: Mark
    first: bool
    children: list[str | MarkNode] = field(default_factory=list)


def _nesting_order(m: Mark) -> tuple[int, int, int, str]:
    # Earlier first; at one start the longer span encloses; commitments enclose entities.
    return (m.start, -m.end, 0 if m.is_commitment else 1, m.key)


def layout(text: str, marks: Iterable[Mark]) -> list[str | MarkNode]:
    """Nest `marks` over `text` into a tree of text runs and highlights.

    Crossing spans cannot nest in HTML, so when a highlight ends while others
    opened inside it are still open, those are closed and reopened as
    continuation fragments. Joining the text runs in order gives `text` back.

    >>> tree = layout("ab cd", [Mark("x", 0, 2, "DATE", "found", "v", "r", "x")])
    >>> tree[0].children, tree[1]
    (['ab'], ' cd')
    """
    ordered = sorted(marks, key=_nesting_order)
    starts: dict[int, list[Mark]] = {}
    for m in ordered:
        starts.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text), *starts, *(m.end for m in ordered)})
    root: list[str | MarkNode] = []
    stack: list[MarkNode] = []
    pos = 0
    for b in bounds:
        if b > pos:
            (stack[-1].children if stack else root).append(text[pos:b])
            pos = b
        if any(n.mark.end == b for n in stack):
            reopen: list[Mark] = []
            while any(n.mark.end == b for n in stack):
                node = stack.pop()
                if node.mark.end != b:
                    reopen.append(node.mark)
            for m in reversed(reopen):
                _open(MarkNode(m, first=False), stack, root)
        for m in starts.get(b, []):
            _open(MarkNode(m, first=True), stack, root)
    return root


def _open(node: MarkNode, stack: list[MarkNode], root: list[str | MarkNode]) -> None:
    (stack[-1].children if stack else root).append(node)
    stack.append(node)
