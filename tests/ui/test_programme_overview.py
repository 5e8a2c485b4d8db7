"""The programme's ideas and prototypes per unit: table rows as the service adds them up, grouping,
numeric sorting, the chart and the wall."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt

from desktop.domain.ideas import Idea, add_idea
from desktop.services.ideas import edit_board
from desktop.services.overview import by_unit, norwegian_key
from desktop.services.views import group_figures
from desktop.ui.charts import format_value
from desktop.ui.programme_overview import InnovationOverview


def add_ideas(db, group_id: uuid.UUID, n: int) -> None:
    def operation(board):
        for i in range(n):
            board = add_idea(board, Idea(uuid.uuid4(), f"Idé {i + 1}"))
        return board

    edit_board(db, group_id, operation)


@pytest.fixture
def overview(window, qtbot) -> InnovationOverview:
    """The overview on the demo, with more ideas in two groups at different places (the demo may or may
    not have ideas of its own: expectations come from the service)."""
    db = window.context.db
    figures = group_figures(db)
    first = figures[0]
    second = next(f for f in figures if f.location != first.location and f.sector != first.sector)
    add_ideas(db, first.group_id, 12)
    add_ideas(db, second.group_id, 3)
    widget = InnovationOverview(window.context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def table_rows(widget: InnovationOverview) -> list[tuple]:
    model = widget.table.model()
    return [
        tuple(model.index(r, c).data(Qt.ItemDataRole.UserRole) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_table_rows_are_the_services_sums(overview) -> None:
    expected = by_unit(group_figures(overview.context.db), "location")
    assert overview.key == "location"
    assert table_rows(overview) == [tuple(r) for r in expected]
    model = overview.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Navn", "Grupper", "Idéer", "Stemmer", "Valgt", "Prototyper", "Testet"]
    ideas = model.index(0, 2)
    assert ideas.data() == str(expected[0].ideas)
    assert ideas.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole)
    assert f"{format_value(sum(r.ideas for r in expected))} idéer" in overview.totals.text()


def test_the_summary_names_the_unit_with_most_ideas(overview) -> None:
    db = overview.context.db
    group = group_figures(db)[-1]
    add_ideas(db, group.group_id, 300)
    overview.context.changed.emit()
    top = by_unit(group_figures(db), "location")[0]
    assert top.name == group.location
    assert overview.summary.text() == f"{top.name} hadde flest idéer ({top.ideas})"


def test_the_chart_shows_the_top_units_by_ideas(overview) -> None:
    expected = by_unit(group_figures(overview.context.db), "location")
    chart = overview.chart
    assert chart.labels == [r.name for r in expected[:15]]
    assert [name for name, _values in chart.series] == ["Idéer", "Prototyper"]
    assert chart.series[0][1] == [r.ideas for r in expected[:15]]
    assert chart.series[1][1] == [r.prototypes for r in expected[:15]]
    assert "topp 15" in chart.title if len(expected) > 15 else "topp" not in chart.title
    assert chart.has_data()


@pytest.mark.parametrize(("key", "text"), [("sector", "Kommunalområde"), ("cohort", "Kull")])
def test_switching_the_grouping(overview, key, text) -> None:
    overview.grouping.setCurrentIndex(overview.grouping.findText(text))
    assert overview.key == key
    expected = by_unit(group_figures(overview.context.db), key)
    assert table_rows(overview) == [tuple(r) for r in expected]
    assert overview.chart.labels == [r.name for r in expected[:15]]
    assert sum(r[1] for r in table_rows(overview)) == len(group_figures(overview.context.db))


def test_sorting_by_a_number_column_is_numeric(overview) -> None:
    db = overview.context.db
    add_ideas(db, group_figures(db)[-1].group_id, 100)  # three digits among one- and two-digit counts
    overview.context.changed.emit()
    overview.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    ideas = [row[2] for row in table_rows(overview)]
    assert ideas == sorted(ideas) and ideas[-1] >= 100 > ideas[0]
    shown = [overview.table.model().index(r, 2).data() for r in range(len(ideas))]
    assert shown != sorted(shown)  # as text, "100" would come before "2"
    overview.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    rows = table_rows(overview)
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)
    overview.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [r[0] for r in table_rows(overview)]
    assert names == sorted(names, key=norwegian_key)


def test_the_sort_is_kept_when_the_register_changes(overview) -> None:
    overview.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    overview.context.changed.emit()
    votes = [row[3] for row in table_rows(overview)]
    assert votes == sorted(votes)


def test_refreshes_on_change_only_while_shown(overview) -> None:
    db = overview.context.db
    group = group_figures(db)[-1]
    overview.hide()
    add_ideas(db, group.group_id, 100)
    overview.context.changed.emit()
    assert all(row[2] < 100 for row in table_rows(overview))  # not read while hidden
    overview.show()
    expected = by_unit(group_figures(db), "location")
    assert table_rows(overview) == [tuple(r) for r in expected]
    assert expected[0].name == group.location and overview.summary.text().startswith(group.location)
    add_ideas(db, group.group_id, 1)
    overview.context.changed.emit()  # shown: read at once
    assert table_rows(overview)[0][2] == expected[0].ideas + 1


def test_the_chart_goes_on_the_wall(overview, window) -> None:
    overview.show_on_wall()
    wall = window.context.runner.projection
    assert wall.isVisible() and wall.showing_card  # the picture holds the wall until the countdown


def test_no_ideas_yet(db, qtbot) -> None:
    from desktop.ui.context import AppContext

    widget = InnovationOverview(AppContext(db))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0
    assert widget.summary.text() == "Ingen idéer registrert ennå."
    assert not widget.chart.has_data()
    widget.show_on_wall()  # no run controller outside the main window: nothing happens
