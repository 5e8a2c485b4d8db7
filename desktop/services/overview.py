"""The programme overview's figures added up by unit: service location, sector or cohort.

Pure functions over ``views.GroupFigures`` (no database, no Qt), so the dashboard can reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from desktop.domain.rules import norwegian_key
from desktop.services.views import GroupFigures

UNIT_KEYS = ("location", "sector", "cohort")


class UnitFigures(NamedTuple):
    """What the leader groups of one unit produced together."""

    name: str
    groups: int
    ideas: int
    votes: int
    chosen: int
    prototypes: int
    tested: int


def by_unit(figures: Iterable[GroupFigures], key: str) -> tuple[UnitFigures, ...]:
    """The groups' figures added up per ``key`` ("location", "sector" or "cohort"), most ideas first, then
    by name in Norwegian order."""
    if key not in UNIT_KEYS:
        raise ValueError(f"unknown unit: {key!r} (expected one of {', '.join(UNIT_KEYS)})")
    sums: dict[str, list[int]] = {}
    for f in figures:
        row = sums.setdefault(getattr(f, key), [0] * 6)
        for i, n in enumerate((1, f.ideas, f.votes, f.chosen, f.prototypes, f.tested)):
            row[i] += n
    rows = (UnitFigures(name, *row) for name, row in sums.items())
    return tuple(sorted(rows, key=lambda r: (-r.ideas, norwegian_key(r.name), r.name)))


def total(rows: Iterable[UnitFigures], name: str = "") -> UnitFigures:
    """All rows added up (the overview's total line)."""
    sums = [0] * 6
    for r in rows:
        for i, n in enumerate(r[1:]):
            sums[i] += n
    return UnitFigures(name, *sums)


def most_ideas(rows: Iterable[UnitFigures]) -> tuple[tuple[str, ...], int]:
    """The units with the most ideas (all of them on a tie, in Norwegian order) and that number; no names
    when no unit has an idea yet."""
    rows = list(rows)
    top = max((r.ideas for r in rows), default=0)
    if top == 0:
        return (), 0
    names = sorted((r.name for r in rows if r.ideas == top), key=lambda n: (norwegian_key(n), n))
    return tuple(names), top
