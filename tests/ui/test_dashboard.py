"""The programme dashboard: key figures against ``dashboard()`` and a hand-counted register, charts that
add up to them, the groups without an initiative (and the signal to open one), the wall, and the demo."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtTest import QTest

from desktop.domain.benefits import GainSum, GainType
from desktop.domain.fund import FundDecision
from desktop.domain.ideas import Idea, add_idea
from desktop.domain.kit import VeikartPhase
from desktop.services import fund, initiatives
from desktop.services.cohorts import create_cohort, ensure_programme
from desktop.services.dashboard import Dashboard, dashboard
from desktop.services.groups import add_leader_group
from desktop.services.ideas import edit_board
from desktop.services.register import create_service_location, ensure_sector
from desktop.ui.context import AppContext
from desktop.ui.dashboard import ProgrammeDashboard, benefit_figures, programme_figures, wall_columns

TODAY = date(2025, 6, 1)
NBSP = "\u00a0"


@dataclass
class Register:
    groups: dict[str, uuid.UUID]  # "A1": location A in LUP 1
    initiatives: list[uuid.UUID]


def add_ideas(db, group_id: uuid.UUID, n: int) -> None:
    def operation(board):
        for i in range(n):
            board = add_idea(board, Idea(uuid.uuid4(), f"Idé {i + 1}"))
        return board

    edit_board(db, group_id, operation)


@pytest.fixture
def register(db) -> Register:
    """Five service locations; LUP 1 (finished before TODAY) with A, B, C; LUP 2 (running) with A again
    and D; E never took part. Four initiatives (two in A1, one in B1, one in D2): C1 and A2 have none.
    Benefits: two avoided costs in kr (30 000 + 50 000 realised), one time saved not measured yet, one
    quality (+0,5 poeng). Fund: spring round with a grant of 250 000 (applied 300 000), a rejection
    (200 000) and a withdrawn application (not counted); autumn round with one pending (150 000)."""
    programme = ensure_programme(db)
    lup1 = create_cohort(db, programme, "LUP 1", date(2024, 1, 1), date(2024, 6, 30))
    lup2 = create_cohort(db, programme, "LUP 2", date(2025, 1, 1), date(2025, 12, 31))
    sector = ensure_sector(db, "Oppvekst")
    places = {k: create_service_location(db, f"Sted {k}", sector) for k in "ABCDE"}
    groups = {
        f"{k}{n}": add_leader_group(db, cohort, places[k])
        for k, n, cohort in (("A", 1, lup1), ("B", 1, lup1), ("C", 1, lup1), ("A", 2, lup2), ("D", 2, lup2))
    }
    made = [
        initiatives.create_initiative(db, groups["A1"], "Digital innsjekk", phase=VeikartPhase.INNSIKT),
        initiatives.create_initiative(db, groups["A1"], "Felles vaktliste", phase=VeikartPhase.PILOTERING),
        initiatives.create_initiative(db, groups["B1"], "Ny mottakssamtale", phase=VeikartPhase.INNSIKT),
        initiatives.create_initiative(db, groups["D2"], "Brukerråd", phase=VeikartPhase.NY_PRAKSIS),
    ]
    day = date(2024, 2, 1)
    costs = [
        initiatives.create_benefit(
            db, made[0], GainType.AVOIDED_COSTS, "Vikarer", "kr", 100_000, day, 50_000
        ),
        initiatives.create_benefit(
            db, made[1], GainType.AVOIDED_COSTS, "Overtid", "kr", 200_000, day, 100_000
        ),
    ]
    initiatives.add_measurement(db, costs[0], date(2024, 9, 1), 70_000)
    initiatives.add_measurement(db, costs[1], date(2024, 9, 1), 180_000)
    initiatives.add_measurement(db, costs[1], date(2025, 3, 1), 150_000)  # the latest counts: 50 000
    initiatives.create_benefit(db, made[2], GainType.TIME_SAVED, "Rapportering", "timer", 100, day, 40)
    quality = initiatives.create_benefit(db, made[3], GainType.QUALITY, "Trivsel", "poeng", 3, day, 4)
    initiatives.add_measurement(db, quality, date(2025, 5, 1), 3.5)
    spring = fund.create_round(db, "Vår 2025", 1_000_000)
    autumn = fund.create_round(db, "Høst 2025", 500_000)
    fund.create_application(
        db, spring, made[0], 300_000, decision=FundDecision.GRANTED, amount_granted=250_000
    )
    fund.create_application(db, spring, made[1], 200_000, decision=FundDecision.REJECTED)
    fund.create_application(db, spring, made[2], 100_000, decision=FundDecision.WITHDRAWN)
    fund.create_application(db, autumn, made[3], 150_000)
    add_ideas(db, groups["A1"], 3)
    add_ideas(db, groups["D2"], 1)
    return Register(groups, made)


@pytest.fixture
def board(db, register, qtbot) -> ProgrammeDashboard:
    widget = ProgrammeDashboard(AppContext(db))
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_tiles_show_the_hand_counted_figures(board) -> None:
    texts = [tile.text() for tile in board.tiles()]
    assert texts == [
        "3 av 5 tjenestesteder har fullført LUP (2 har ikke fullført ennå)",
        "5 ledergrupper (i 2 kull)",
        # C1 (LUP 1, over) has none; A2 (LUP 2, running) has time yet and is counted apart
        "4 innovasjonstiltak (1 ledergrupper i avsluttede kull mangler tiltak · 1 til i kull som ikke er "
        "avsluttet)",
        f"250{NBSP}000{NBSP}kr tildelt fra innovasjonsfondet (3 søknader · 1 innvilget · 2 runder)",
        "3 av 4 gevinster er målt (i gevinstrealiseringsplanene)",
        "2 gevinster trenger oppfølging (0 forsinket · 2 bør måles)",
        f"80{NBSP}000{NBSP}kr unngåtte kostnader (2 av 2 gevinster målt)",
        "ikke målt ennå spart tid (timer) (0 av 1 gevinster målt)",  # not "0 timer"
        # 3 → 4 points, 3,5 now: half way, not reached; points are never summed
        f"0 av 1 kvalitetsgevinster har nådd målet (i snitt 50{NBSP}% av målet · 1 av 1 gevinster målt)",
    ]


def test_the_tiles_are_the_services_figures(board) -> None:
    d = dashboard(board.context.db, TODAY)
    assert board.data == d
    assert (d.locations, d.locations_completed, d.initiatives) == (5, 3, 4)
    assert (d.applications, d.funded, d.applied, d.granted) == (3, 1, 650_000, 250_000)
    expected = [*programme_figures(d), *benefit_figures(d)]
    assert [tile.figure for tile in board.tiles()] == expected
    assert [tile.value.text() for tile in board.tiles()][:4] == [
        f"{d.locations_completed} av {d.locations}",
        str(sum(count for _name, count in d.groups_per_cohort)),
        str(d.initiatives),
        f"250{NBSP}000{NBSP}kr",
    ]


def test_every_figure_says_how_it_is_counted(board) -> None:
    tips = {tile.figure.key: tile.toolTip() for tile in board.tiles()}
    assert "Tjenestesteder med en ledergruppe i et kull som er avsluttet" in tips["locations"]
    assert "telles én gang per kull" in tips["groups"]
    assert f"søkt til sammen 650{NBSP}000{NBSP}kr" in tips["fund"]
    assert "Ulike enheter legges aldri sammen" in tips["gain:avoided_costs:kr"]
    assert "legges ikke sammen" in tips["gain:quality:scores"]
    assert "gjelder hele registeret" in tips["fund"]
    assert "Gjelder hele registeret, alle programmer." in tips["initiatives"]
    assert "bare ledergrupper uten et eneste tiltak i kull som er avsluttet" in tips["initiatives"]
    assert "Ledergrupper uten tiltak i alt: 2." in tips["initiatives"]
    assert all(tips.values())
    assert all(card.note.text() and card.toolTip() for card in board.cards.values())
    assert "01.06.2025" in board.as_of.text()


def test_the_charts_add_up_to_the_key_figures(board) -> None:
    assert board.cohort_chart.labels == ["LUP 1", "LUP 2"]
    assert board.cohort_chart.series == [("Ledergrupper", [3.0, 2.0])]
    assert "Til sammen 5 ledergrupper i 2 kull" in board.cards["cohorts"].note.text()

    assert board.phase_chart.labels == [phase.label for phase in VeikartPhase]
    assert board.phase_chart.series == [("Tiltak", [0.0, 2.0, 0.0, 1.0, 0.0, 1.0])]
    assert "Til sammen 4 tiltak" in board.cards["phases"].note.text()

    assert board.ideas_chart.labels == ["Sted A", "Sted D"]
    assert board.ideas_chart.series == [("Idéer", [3.0, 1.0])]

    assert board.fund_chart.labels == ["Vår 2025", "Høst 2025"]
    assert board.fund_chart.series == [("Søkt", [500_000.0, 150_000.0]), ("Innvilget", [250_000.0, 0.0])]
    assert board.fund_chart.value_format(250_000) == f"250{NBSP}000{NBSP}kr"
    note = board.cards["fund"].note.text()
    assert f"søkt 650{NBSP}000{NBSP}kr og innvilget 250{NBSP}000{NBSP}kr (1 av 3 søknader)" in note

    # the realised share of the planned change: 80 000 of (50 000 + 100 000) kr; 0,5 of 1 point; the
    # hours are not measured and left out of the chart (not drawn as 0)
    assert board.gain_chart.title == "Realisert andel av planlagt endring, per gevinsttype og enhet"
    assert board.gain_chart.labels == ["Unngåtte kostnader (kr)", "Økt kvalitet (poeng)"]
    [(name, values)] = board.gain_chart.series
    assert name == "Realisert av planlagt endring"
    assert values == [pytest.approx(100 * 80_000 / 150_000), pytest.approx(50.0)]
    assert board.gain_chart.value_format(53.3) == f"53{NBSP}%"
    note = board.cards["gains"].note.text()
    assert (
        "Antall: Unngåtte kostnader (kr): 2 av 2 målt; Spart tid (timer): 0 av 1 målt; "
        "Økt kvalitet (poeng): 1 av 1 målt." in note
    )
    assert f"Oppnådd: unngåtte kostnader 80{NBSP}000{NBSP}kr; ulike enheter legges aldri sammen." in note
    assert "poeng" not in note.split("Oppnådd:")[1]  # points are not summed
    assert note.endswith("Ikke målt ennå: spart tid (timer).")


def test_the_groups_without_an_initiative(board, register, qtbot) -> None:
    assert board.groups_without_initiative == [
        (register.groups["C1"], "Sted C · LUP 1"),
        (register.groups["A2"], "Sted A · LUP 2 (kullet pågår)"),
    ]
    assert board.groups_heading.text() == (
        "Ledergrupper uten innovasjonstiltak (2, av dem 1 i kull som ikke er avsluttet)"
    )
    assert not board.groups_empty.isVisible()
    board.scroll.ensureWidgetVisible(board.groups_list)
    rect = board.groups_list.visualItemRect(board.groups_list.item(1))
    with qtbot.waitSignal(board.open_group) as clicked:
        QTest.mouseClick(board.groups_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [register.groups["A2"]]
    board.groups_list.setCurrentRow(0)
    with qtbot.waitSignal(board.open_group) as entered:
        QTest.keyClick(board.groups_list, Qt.Key.Key_Return)
    assert entered.args == [register.groups["C1"]]


def test_refreshes_on_change_only_while_shown(board, register) -> None:
    db = board.context.db
    board.hide()
    initiatives.create_initiative(db, register.groups["C1"], "Åpen dag", phase=VeikartPhase.FORANKRING)
    board.context.changed.emit()
    assert len(board.groups_without_initiative) == 2  # not read while hidden
    board.show()
    assert board.groups_without_initiative == [(register.groups["A2"], "Sted A · LUP 2 (kullet pågår)")]
    assert board.tiles()[2].text() == (
        "5 innovasjonstiltak (Alle ledergrupper i avsluttede kull har tiltak · 1 til i kull som ikke er "
        "avsluttet)"
    )
    initiatives.create_initiative(db, register.groups["A2"], "Ny rutine")
    board.context.changed.emit()  # shown: read at once
    assert board.groups_without_initiative == []
    assert board.groups_empty.isVisible() and not board.groups_list.isVisible()
    assert board.tiles()[2].note.text() == "Alle ledergrupper har tiltak"


def non_white(image) -> int:
    white = QColor("#ffffff").rgb()
    step = 7
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) != white
    )


def test_the_wall_images(board) -> None:
    for i in range(board.wall_choice.count()):
        key = board.wall_choice.itemData(i)
        image = board.wall_image(1280, 720, key)
        assert (image.width(), image.height()) == (1280, 720)
        assert non_white(image) > 500, key
    assert [board.wall_choice.itemData(i) for i in range(board.wall_choice.count())] == [
        "figures",
        "benefits",
        "cohorts",
        "phases",
        "ideas",
        "fund",
        "gains",
    ]
    assert board.wall_choice.currentData() == "figures"
    assert board.wall_image(1280, 720) == board.wall_image(1280, 720, "figures")


def test_a_unit_of_several_words_keeps_the_value_short() -> None:
    d = Dashboard(
        locations=0,
        locations_completed=0,
        groups_per_cohort=(),
        initiatives=0,
        initiatives_by_phase=(),
        groups_without_initiative=(),
        most_ideas=(),
        rounds=(),
        benefits=5,
        benefits_measured=4,
        gains=(
            GainSum(GainType.AVOIDED_COSTS, "kr per år", 1_250_000.0, 2, 2),
            GainSum(GainType.TIME_SAVED, "timer per uke", -2.5, 1, 1),
            GainSum(GainType.QUALITY, "prosent", 12.0, 1, 1, 10.0, 1, 120.0),
            GainSum(GainType.QUALITY, "poeng", 0.0, 1, 0, 0.0, 0, 0.0),
        ),
    )
    figures = benefit_figures(d)
    assert [(f.value, f.caption, f.note) for f in figures] == [
        ("4 av 5", "gevinster er målt", "i gevinstrealiseringsplanene"),
        ("0", "gevinster trenger oppfølging", "0 forsinket · 0 bør måles"),
        (f"1{NBSP}250{NBSP}000{NBSP}kr", "unngåtte kostnader per år", "2 av 2 gevinster målt"),
        (f"\u22122,5{NBSP}timer", "spart tid per uke", "1 av 1 gevinster målt"),
        (
            "1 av 1",
            "kvalitetsgevinster har nådd målet",
            f"i snitt 120{NBSP}% av målet · 1 av 2 gevinster målt",
        ),
    ]
    assert "«kr per år»" in figures[2].tooltip


@pytest.mark.parametrize(("n_tiles", "columns"), [(1, 1), (3, 3), (4, 2), (6, 3), (8, 3), (9, 3), (12, 4)])
def test_wall_columns(n_tiles, columns) -> None:
    assert wall_columns(n_tiles) == columns


def test_tiles_and_charts_fit_a_laptop_and_a_big_screen(board, qtbot) -> None:
    for width, height, chart_columns in ((1280, 800, 2), (1920, 1080, 3)):
        board.resize(width, height)
        qtbot.wait(1)
        assert board._chart_columns == chart_columns
        body = board.scroll.widget()
        assert body.width() <= board.width()  # no sideways scrolling
        for tile in board.tiles():
            value = tile.value
            assert value.width() > 0
            font = value.fitted_font()
            assert QFontMetricsF(font).horizontalAdvance(value.text()) <= value.width() + 1
        sizes = {tile.value.fitted_font().pixelSize() for tile in board.benefit_section.tiles}
        assert len(sizes) == 1  # one size across a row of tiles


def test_an_empty_register(db, qtbot) -> None:
    widget = ProgrammeDashboard(AppContext(db))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.tiles()[0].text() == "0 av 0 tjenestesteder har fullført LUP (0 har ikke fullført ennå)"
    assert widget.groups_empty.isVisible()
    assert not widget.phase_chart.has_data() and not widget.gain_chart.has_data()
    assert non_white(widget.wall_image(1280, 720)) > 100
    widget.show_on_wall()  # no run controller outside the main window: nothing happens
    widget.show_next_on_wall()
    assert widget.wall_choice.currentIndex() == 1


def test_on_the_demo(window, qtbot) -> None:
    widget = ProgrammeDashboard(window.context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    d = dashboard(window.context.db)
    assert [tile.figure for tile in widget.tiles()] == [*programme_figures(d), *benefit_figures(d)]
    assert len(widget.groups_without_initiative) == len(d.groups_without_initiative)
    assert not widget.grab().isNull()  # paints every part (a Qt warning fails the test)
    widget.show_on_wall()
    wall = window.context.runner.projection
    assert wall.isVisible() and wall.showing_card
    widget.show_next_on_wall()
    assert widget.wall_choice.currentData() == "benefits"


def test_a_group_without_an_initiative_opens_from_the_programme_page(window, qtbot):
    from desktop.services.demo import demo_id
    from desktop.ui.pages import GroupPage

    window.navigator.select(f"programme:{demo_id('programme', 'LUP')}")
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.dashboard)
    [(group_id, _text), *_rest] = page.dashboard.groups_without_initiative
    page.dashboard.open_group.emit(group_id)
    qtbot.waitUntil(lambda: isinstance(window.workspace.current_page(), GroupPage))
    assert window.workspace.current_page().id == group_id
    group_page = window.workspace.current_page()
    assert group_page.tabs.currentWidget() is group_page.initiatives  # where the missing initiative goes


def test_scores_and_shares_are_counted_never_summed() -> None:
    """Twelve quality indicators in points and a time benefit in percent: how many reached the target and
    the mean share of it, never "1,5 poeng" added over unrelated indicators."""
    d = Dashboard(
        locations=0,
        locations_completed=0,
        groups_per_cohort=(),
        initiatives=0,
        initiatives_by_phase=(),
        groups_without_initiative=(),
        most_ideas=(),
        rounds=(),
        benefits=15,
        benefits_measured=14,
        gains=(
            GainSum(GainType.TIME_SAVED, "prosent", 20.0, 1, 1, 40.0, 0, 50.0),
            GainSum(GainType.TIME_SAVED, "timer", 0.0, 1, 0),
            GainSum(GainType.QUALITY, "poeng", 1.5, 12, 12, 6.0, 5, 12 * 30.0),
            GainSum(GainType.QUALITY, "prosent", 9.0, 1, 1, 10.0, 0, 90.0),
        ),
    )
    figures = {f.key: f for f in benefit_figures(d)}
    assert list(figures) == [
        "benefits",
        "follow_up",
        "gain:time_saved:timer",
        "gain:time_saved:scores",
        "gain:quality:scores",
    ]
    assert (figures["gain:time_saved:timer"].value, figures["gain:time_saved:timer"].caption) == (
        "ikke målt ennå",
        "spart tid (timer)",
    )
    time_share = figures["gain:time_saved:scores"]
    assert (time_share.value, time_share.note) == (
        "0 av 1",
        f"i snitt 50{NBSP}% av målet · 1 av 1 gevinster målt",
    )
    quality = figures["gain:quality:scores"]
    assert (quality.value, quality.caption) == ("5 av 13", "kvalitetsgevinster har nådd målet")
    assert quality.note == f"i snitt 35{NBSP}% av målet · 13 av 13 gevinster målt"  # 450 / 13
    assert all("1,5" not in f.value + f.note and "poeng" not in f.value + f.note for f in figures.values())
    assert "«poeng», «prosent»" in quality.tooltip


def test_a_quality_gain_not_measured_yet() -> None:
    d = Dashboard(0, 0, (), 0, (), (), (), (), 2, 0, (GainSum(GainType.QUALITY, "poeng", 0.0, 2, 0),))
    (_benefits, _follow_up, quality) = benefit_figures(d)
    assert (quality.value, quality.caption, quality.note) == (
        "ikke målt ennå",
        "kvalitetsgevinster",
        "0 av 2 gevinster målt",
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, on the offscreen platform
def test_tiles_say_how_they_are_counted_to_the_keyboard(board, qtbot) -> None:
    tiles = board.tiles()
    for tile in tiles:
        assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert tile.accessibleDescription() == tile.toolTip() == tile.figure.tooltip
        assert tile.accessibleName() == tile.text()
    tiles[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tiles[0].hasFocus)
    QTest.keyClick(tiles[0], Qt.Key.Key_Tab)
    assert tiles[1].hasFocus()
    assert "Tab" in board.as_of.text()


def test_ties_for_the_tenth_place_are_told(db, qtbot) -> None:
    programme = ensure_programme(db)
    lup = create_cohort(db, programme, "LUP 1", date(2024, 1, 1), date(2024, 6, 30))
    sector = ensure_sector(db, "Oppvekst")
    for n, count in enumerate([4] * 2 + [2] * 11):
        add_ideas(db, add_leader_group(db, lup, create_service_location(db, f"Sted {n:02}", sector)), count)
    widget = ProgrammeDashboard(AppContext(db))
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.show()
    assert len(widget.ideas_chart.labels) == 10
    assert widget.ideas_chart.title == "Tjenestesteder med flest idéer (og 3 andre med 2)"
    assert "3 andre har like mange som nummer ti (2), men får ikke plass" in widget.cards["ideas"].note.text()


def test_one_programme_at_a_time(db, register, qtbot) -> None:
    from desktop.storage.models import Programme

    with db.transaction() as s:
        other = Programme(name="Et annet program", description="")
        s.add(other)
        s.flush()
        other_id = other.id
    cohort = create_cohort(db, other_id, "Kull X", date(2024, 1, 1), date(2024, 3, 31))
    place = create_service_location(db, "Sted F", ensure_sector(db, "Oppvekst"))
    add_leader_group(db, cohort, place)  # no initiative
    widget = ProgrammeDashboard(AppContext(db))
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.set_programme(other_id)  # hidden: read when shown
    assert widget.data is None
    widget.show()
    assert widget.data == dashboard(db, TODAY, other_id)
    assert widget.tiles()[1].text() == "1 ledergrupper (i 1 kull)"
    assert widget.tiles()[2].text() == "0 innovasjonstiltak (1 ledergrupper i avsluttede kull mangler tiltak)"
    assert widget.groups_without_initiative[0][1] == "Sted F · Kull X"
    tips = {tile.figure.key: tile.toolTip() for tile in widget.tiles()}
    assert "Gjelder dette programmet" in tips["groups"]
    assert "Bare kull i dette programmet telles" in tips["locations"]
    assert tips["fund"].endswith("ikke bare dette programmet.")
    widget.set_programme(ensure_programme(db))  # shown: read at once
    assert widget.tiles()[1].text() == "5 ledergrupper (i 2 kull)"
    widget.set_programme(None)
    assert widget.tiles()[1].text() == "6 ledergrupper (i 3 kull)"


def test_an_edit_with_the_dashboard_showing_counts_it_once(window, monkeypatch):
    """Every edit with the dashboard showing counted the whole programme three times (2 s at ten years)."""
    from desktop.services.demo import demo_id
    from desktop.ui import dashboard as module

    window.navigator.select(f"programme:{demo_id('programme', 'LUP')}")
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.dashboard)
    counted: list[object] = []
    real = module.dashboard
    monkeypatch.setattr(module, "dashboard", lambda *a, **k: counted.append(a) or real(*a, **k))
    window.context.changed.emit()
    assert len(counted) == 1


def test_the_dashboard_counts_again_when_opened_on_a_new_day(window, monkeypatch):
    """Left open past midnight, «Tall per {dag}» kept yesterday's date when the programme was opened again."""
    from datetime import date

    from desktop.services.demo import demo_id
    from desktop.ui.navigator import node_key

    key = f"programme:{demo_id('programme', 'LUP')}"
    window.navigator.select(key)
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.dashboard)
    page.dashboard.today = date(2019, 6, 1)
    page.dashboard.refresh()
    assert "01.06.2019" in page.dashboard.as_of.text()
    page.dashboard.today = date(2019, 6, 2)  # the next morning
    window.navigator.select(node_key("start"))
    window.navigator.select(key)
    page.tabs.setCurrentWidget(page.dashboard)
    assert "02.06.2019" in page.dashboard.as_of.text()
