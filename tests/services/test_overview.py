"""The programme overview's sums per unit, against hand-counted fixtures (no database needed)."""

from __future__ import annotations

import uuid

import pytest

from desktop.services.overview import UnitFigures, by_unit, most_ideas, norwegian_key, total
from desktop.services.views import GroupFigures


def group(cohort, sector, location, ideas=0, votes=0, chosen=0, prototypes=0, tested=0) -> GroupFigures:
    return GroupFigures(uuid.uuid4(), cohort, sector, location, ideas, votes, chosen, prototypes, tested)


FIGURES = (
    group("Kull 1", "Skole", "Bekkestua skole", ideas=6, votes=18, chosen=2, prototypes=2, tested=1),
    group("Kull 1", "Barnehage", "Åsstua barnehage", ideas=4, votes=12, chosen=1, prototypes=1, tested=1),
    group("Kull 1", "Helse og omsorg", "Kunnskapssenteret", ideas=9, votes=20, chosen=3, prototypes=2),
    group("Kull 2", "Skole", "Østerås skole", ideas=4, votes=8, chosen=1, prototypes=0),
    group("Kull 2", "Barnehage", "Ask barnehage"),  # no ideas yet
    group(
        "Kull 2", "Helse og omsorg", "Kunnskapssenteret", ideas=3, votes=5, chosen=1, prototypes=1, tested=1
    ),
    group("Kull 3", "Skole", "Zinken skole", ideas=4, votes=2),
)


def test_by_location_adds_up_the_groups_of_a_place() -> None:
    rows = by_unit(FIGURES, "location")
    assert rows == (
        UnitFigures("Kunnskapssenteret", 2, 12, 25, 4, 3, 1),
        UnitFigures("Bekkestua skole", 1, 6, 18, 2, 2, 1),
        # four ideas each: Norwegian order puts z, ø, å last (code points would give å before ø)
        UnitFigures("Zinken skole", 1, 4, 2, 0, 0, 0),
        UnitFigures("Østerås skole", 1, 4, 8, 1, 0, 0),
        UnitFigures("Åsstua barnehage", 1, 4, 12, 1, 1, 1),
        UnitFigures("Ask barnehage", 1, 0, 0, 0, 0, 0),
    )


def test_by_sector() -> None:
    assert by_unit(FIGURES, "sector") == (
        UnitFigures("Skole", 3, 14, 28, 3, 2, 1),
        UnitFigures("Helse og omsorg", 2, 12, 25, 4, 3, 1),
        UnitFigures("Barnehage", 2, 4, 12, 1, 1, 1),
    )


def test_by_cohort() -> None:
    assert by_unit(FIGURES, "cohort") == (
        UnitFigures("Kull 1", 3, 19, 50, 6, 5, 2),
        UnitFigures("Kull 2", 3, 7, 13, 2, 1, 1),
        UnitFigures("Kull 3", 1, 4, 2, 0, 0, 0),
    )


def test_rows_are_plain_tuples_too() -> None:
    name, groups, ideas, *_rest = by_unit(FIGURES, "cohort")[0]
    assert (name, groups, ideas) == ("Kull 1", 3, 19)


def test_the_total_is_the_same_whatever_the_grouping() -> None:
    expected = UnitFigures("Totalt", 7, 30, 65, 8, 6, 3)
    for key in ("location", "sector", "cohort"):
        assert total(by_unit(FIGURES, key), "Totalt") == expected


def test_most_ideas_names_the_leader_and_every_tie() -> None:
    assert most_ideas(by_unit(FIGURES, "location")) == (("Kunnskapssenteret",), 12)
    tied = (UnitFigures("Østerås skole", 1, 4, 0, 0, 0, 0), UnitFigures("Bryn skole", 1, 4, 0, 0, 0, 0))
    assert most_ideas(tied) == (("Bryn skole", "Østerås skole"), 4)


def test_nothing_yet() -> None:
    assert by_unit((), "location") == ()
    assert most_ideas(by_unit((group("Kull 1", "Skole", "Bryn skole"),), "location")) == ((), 0)
    assert total(()) == UnitFigures("", 0, 0, 0, 0, 0, 0)


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        by_unit(FIGURES, "programme")


def test_norwegian_order() -> None:
    names = ["Åsstua", "øvre", "Ærlig", "Zinken", "aker", "Émile"]
    assert sorted(names, key=norwegian_key) == ["aker", "Émile", "Zinken", "Ærlig", "øvre", "Åsstua"]


def test_figures_from_the_register_add_up(demo_db) -> None:
    from desktop.services.views import group_figures

    figures = group_figures(demo_db)
    rows = by_unit(figures, "sector")
    assert sum(r.groups for r in rows) == len(figures)
    assert sum(r.ideas for r in rows) == sum(f.ideas for f in figures)
    assert [r.ideas for r in rows] == sorted((r.ideas for r in rows), reverse=True)
