"""The method-card browser on the real LUP kit: search, filters, decks, the signals, the random card, broken
kits, and card text shown literally."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from desktop.domain.kit import BltStage, Kit, MethodCard, MethodStep, VeikartPhase
from desktop.kits.loader import KitEntry, load_kit
from desktop.kits.schema import KitIssue
from desktop.ui.method_browser import (
    FOOT_ROLE,
    GRID_VIEW,
    KICKER_ROLE,
    LENGTH_RANGES,
    LIST_VIEW,
    METHODS,
    MINUTES_ROLE,
    PROTOTYPES,
    CardTileDelegate,
    MethodBrowser,
)

KIT_FOLDER = Path(__file__).parents[2] / "workshop_kits" / "lup"


@pytest.fixture(scope="module")
def kit() -> Kit:
    return load_kit(KIT_FOLDER)


@pytest.fixture
def make_browser(qtbot, kit):
    def make(
        entries: list[KitEntry] | None = None, rng: random.Random | None = None, view_mode: str = LIST_VIEW
    ) -> MethodBrowser:
        browser = MethodBrowser(
            entries if entries is not None else [KitEntry(KIT_FOLDER, kit)], rng=rng, view_mode=view_mode
        )
        qtbot.addWidget(browser)
        return browser

    return make


@pytest.fixture
def browser(make_browser) -> MethodBrowser:
    return make_browser()


def ids(kit: Kit, cards) -> list[tuple[str, str]]:
    return [(kit.id, card.id) for card in cards]


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_all_method_cards_are_listed(browser, kit) -> None:
    assert len(kit.methods) == 41
    assert browser.visible_cards() == ids(kit, kit.methods)
    assert browser.count_label.text() == f"{len(kit.methods)} av {len(kit.methods)} kort"
    assert browser.deck == METHODS
    assert browser.current_card() == kit.methods[0]  # the first card is shown, never an empty pane


def test_search_narrows_case_insensitively_over_every_text_field(browser, kit) -> None:
    browser.search.setText("SKYGGING")  # in the title «Observasjon og skygging» only
    assert browser.visible_cards() == [(kit.id, "observasjon")]
    assert browser.count_label.text() == f"1 av {len(kit.methods)} kort"

    word = "klistreprikker"  # a material
    browser.search.setText(word)
    expected = [
        (kit.id, m.id) for m in kit.methods if any(word in material.lower() for material in m.materials)
    ]
    assert expected and browser.visible_cards() == expected

    browser.search.setText("taletur")  # in a material of «Sjekk-inn»
    assert (kit.id, "sjekk-inn") in browser.visible_cards()

    tip = kit.method("brukerreise").tips[0]  # «Skriv fra brukerens ståsted: …»
    browser.search.setText(tip[:30].upper())
    assert (kit.id, "brukerreise") in browser.visible_cards()

    step = kit.method("1-2-4-alle").steps[2].text
    browser.search.setText(step)
    assert browser.visible_cards() == [(kit.id, "1-2-4-alle")]

    browser.search.setText("ingen-metode-har-dette-ordet")
    assert browser.visible_cards() == []
    assert browser.current_card() is None
    assert "Ingen kort passer" in browser.detail_text()
    assert not browser.wall_button.isEnabled()
    assert not browser.random_button.isEnabled()


def test_search_ignores_accents_but_not_the_norwegian_letters(browser, kit) -> None:
    browser.search.setText("omvendt idemyldring")  # as most people write «idé»
    assert (kit.id, "omvendt-idemyldring") in browser.visible_cards()
    browser.search.setText("stasted")  # å is a letter of its own, not an a with a ring
    assert (kit.id, "brukerreise") not in browser.visible_cards()
    browser.search.setText(unicodedata.normalize("NFD", "ståsted"))  # å typed as a + ring is å
    assert (kit.id, "brukerreise") in browser.visible_cards()


def test_every_search_word_must_match(browser, kit) -> None:
    browser.search.setText("post-it prikk")
    expected = [
        (kit.id, m.id)
        for m in kit.methods
        if all(
            word in "\n".join([m.title, m.purpose, *(s.text for s in m.steps), *m.tips, *m.materials]).lower()
            for word in ("post-it", "prikk")
        )
    ]
    assert 0 < len(expected) < len(kit.methods)
    assert browser.visible_cards() == expected


@pytest.mark.parametrize("phase", list(VeikartPhase))
def test_phase_filter(browser, kit, phase) -> None:
    choose(browser.phase_filter, phase.value)
    assert browser.phase_filter.currentText() == phase.label
    expected = ids(kit, [m for m in kit.methods if m.phase == phase])
    assert expected
    assert browser.visible_cards() == expected


@pytest.mark.parametrize("stage", list(BltStage))
def test_blt_filter(browser, kit, stage) -> None:
    choose(browser.blt_filter, stage.value)
    assert browser.blt_filter.currentText() == stage.label
    expected = ids(kit, [m for m in kit.methods if m.blt == stage])
    assert expected
    assert browser.visible_cards() == expected


def test_length_filter(browser, kit) -> None:
    labels = [browser.length_filter.itemText(i) for i in range(browser.length_filter.count())]
    assert labels == ["Alle lengder", "Inntil 15 min", "15–45 min", "45–90 min", "Over 90 min"]
    checks = [
        lambda m: m <= 15,
        lambda m: 15 < m <= 45,
        lambda m: 45 < m <= 90,
        lambda m: m > 90,
    ]
    assert len(checks) == len(LENGTH_RANGES)
    seen = 0
    for index, check in enumerate(checks, 1):
        browser.length_filter.setCurrentIndex(index)
        expected = ids(kit, [m for m in kit.methods if check(m.minutes)])
        assert browser.visible_cards() == expected, labels[index]
        seen += len(expected)
    assert seen == len(kit.methods)  # the ranges neither overlap nor leave gaps
    browser.length_filter.setCurrentIndex(0)
    assert len(browser.visible_cards()) == len(kit.methods)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 9, 11, 40, 41, 80, 81])
def test_group_size_filter(browser, kit, size) -> None:
    browser.group_filter.setValue(size)
    expected = ids(kit, [m for m in kit.methods if m.group_min <= size <= m.group_max])
    assert browser.visible_cards() == expected


def test_group_size_semantic_on_known_cards(browser, kit) -> None:
    assert browser.group_filter.value() == 0
    assert browser.group_filter.text() == "Alle gruppestørrelser"
    browser.group_filter.setValue(40)
    visible = browser.visible_cards()
    # 3–40 and 4–80 fit a group of 40; 3–8 does not.
    assert (kit.id, "sjekk-inn") in visible
    assert (kit.id, "1-2-4-alle") in visible
    assert (kit.id, "brukerreise") not in visible
    browser.group_filter.setValue(1)
    assert (kit.id, "observasjon") in browser.visible_cards()  # 1–2 personer
    assert (kit.id, "sjekk-inn") not in browser.visible_cards()  # at least 3


def test_filters_combine_and_reset(browser, kit) -> None:
    choose(browser.phase_filter, VeikartPhase.INNSIKT.value)
    browser.group_filter.setValue(3)
    browser.search.setText("bruker")
    expected = ids(
        kit,
        [
            m
            for m in kit.methods
            if m.phase == VeikartPhase.INNSIKT
            and m.group_min <= 3 <= m.group_max
            and "bruker"
            in "\n".join([m.title, m.purpose, *(s.text for s in m.steps), *m.tips, *m.materials]).lower()
        ],
    )
    assert 0 < len(expected) < len(kit.methods)
    assert browser.visible_cards() == expected
    browser.reset_button.click()
    assert browser.search.text() == ""
    assert browser.visible_cards() == ids(kit, kit.methods)


def test_switching_to_prototype_cards(browser, kit) -> None:
    choose(browser.phase_filter, VeikartPhase.PILOTERING.value)
    browser.prototypes_button.click()
    assert browser.deck == PROTOTYPES
    # Phase, group size and stage say nothing about a prototype card: disabled, and not applied.
    assert browser.visible_cards() == ids(kit, kit.prototypes)
    assert browser.count_label.text() == f"{len(kit.prototypes)} av {len(kit.prototypes)} kort"
    assert not browser.phase_filter.isEnabled()
    assert not browser.group_filter.isEnabled()
    assert not browser.blt_filter.isEnabled()
    assert browser.length_filter.isEnabled()
    assert browser.current_card() == kit.prototypes[0]
    assert "Wizard" not in browser.detail_text()

    browser.length_filter.setCurrentIndex(4)  # over 90 min
    assert browser.visible_cards() == ids(kit, [p for p in kit.prototypes if p.minutes > 90])
    browser.length_filter.setCurrentIndex(0)
    browser.search.setText("oppfølgingssamtaler")  # in «Telefonmanus»' good_for
    assert browser.visible_cards() == [(kit.id, "telefonmanus")]
    browser.search.clear()

    browser.methods_button.click()
    assert browser.deck == METHODS
    assert browser.phase_filter.isEnabled()
    assert browser.visible_cards() == ids(kit, [m for m in kit.methods if m.phase == VeikartPhase.PILOTERING])


def test_add_to_plan_only_when_the_host_allows(browser, kit, qtbot) -> None:
    emitted: list[tuple[str, str]] = []
    browser.add_to_plan.connect(lambda kit_id, method_id: emitted.append((kit_id, method_id)))
    assert browser.select(kit.id, "prikkvoting")
    assert browser.can_add is False
    assert not browser.add_button.isEnabled()
    browser.add_current_to_plan()
    assert emitted == []

    browser.can_add = True
    assert browser.add_button.isEnabled()
    with qtbot.waitSignal(browser.add_to_plan) as signal:
        browser.add_button.click()
    assert signal.args == [kit.id, "prikkvoting"]
    assert emitted == [(kit.id, "prikkvoting")]

    browser.prototypes_button.click()  # prototype cards never go into the plan
    assert not browser.add_button.isEnabled()
    browser.add_current_to_plan()
    assert emitted == [(kit.id, "prikkvoting")]


def test_enter_on_a_card_adds_it_or_shows_it(browser, kit, qtbot) -> None:
    from PySide6.QtCore import Qt

    added: list[tuple[str, str]] = []
    shown: list[str] = []
    browser.add_to_plan.connect(lambda k, m: added.append((k, m)))
    browser.show_on_wall.connect(lambda title, sections: shown.append(title))
    browser.select(kit.id, "sjekk-inn")
    qtbot.keyClick(browser.list, Qt.Key.Key_Return)
    assert shown == ["Sjekk-inn"] and added == []
    browser.can_add = True
    qtbot.keyClick(browser.list, Qt.Key.Key_Return)
    assert added == [(kit.id, "sjekk-inn")] and shown == ["Sjekk-inn"]


def test_keyboard_search_first_then_down_into_the_list(browser, kit, qtbot) -> None:
    from PySide6.QtCore import Qt

    assert browser.focusProxy() is browser.search
    browser.show()
    browser.activateWindow()
    browser.setFocus()
    qtbot.waitUntil(lambda: browser.search.hasFocus())
    qtbot.keyClicks(browser.search, "persona")
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)
    assert browser.list.hasFocus()
    assert browser.current_card().id == browser.visible_cards()[0][1]
    qtbot.keyClick(browser.list, Qt.Key.Key_Up)  # from the first card, back to the search
    assert browser.search.hasFocus()
    qtbot.keyClick(browser.search, Qt.Key.Key_Escape)
    assert browser.search.text() == ""


def test_show_on_wall_sends_the_sections(browser, kit, qtbot) -> None:
    card = kit.method("sjekk-inn")
    browser.select(kit.id, card.id)
    with qtbot.waitSignal(browser.show_on_wall) as signal:
        browser.wall_button.click()
    title, sections = signal.args
    assert title == card.title
    headings = [section.heading for section in sections]  # a section per step, the heading on the first
    assert headings == ["Hensikt", "Slik gjør dere", *[""] * (len(card.steps) - 1), "Materiell"]  # no tips
    body = {section.heading: section.text for section in sections}
    assert body["Hensikt"] == card.purpose
    lines = [section.text for section in sections[1 : 1 + len(card.steps)]]
    assert lines == [f"{i}. {step.text} ({step.minutes} min)" for i, step in enumerate(card.steps, 1)]
    assert lines[0] == "1. Veilederen viser spørsmålet og svarer selv først, som et eksempel (2 min)"
    assert all(material in body["Materiell"] for material in card.materials)
    assert "Tips" not in body  # the facilitator's, not the room's


def test_show_on_wall_for_a_prototype_card(browser, kit, qtbot) -> None:
    card = kit.prototypes[0]
    browser.select(kit.id, card.id)  # not a method id: found among the prototype cards
    assert browser.deck == PROTOTYPES
    with qtbot.waitSignal(browser.show_on_wall) as signal:
        browser.wall_button.click()
    title, sections = signal.args
    assert title == card.title
    body = {section.heading: section.text for section in sections}
    assert body["Hensikt"] == card.purpose
    assert body["Slik gjør dere"].split("\n")[0] == f"1. {card.how_to[0]}"


def test_random_card_is_among_the_filtered_and_seeded(make_browser, kit) -> None:
    picks: list[list[tuple[str, str]]] = []
    for _run in range(2):
        browser = make_browser(rng=random.Random(2024))
        choose(browser.phase_filter, VeikartPhase.TJENESTEUTVIKLING.value)
        allowed = set(browser.visible_cards())
        assert allowed == set(ids(kit, [m for m in kit.methods if m.phase == VeikartPhase.TJENESTEUTVIKLING]))
        run = []
        for _pick in range(12):
            browser.random_button.click()
            assert browser.current_ids() in allowed
            assert browser.current_card().phase == VeikartPhase.TJENESTEUTVIKLING
            run.append(browser.current_ids())
        picks.append(run)
    assert picks[0] == picks[1]
    assert len(set(picks[0])) > 1


def test_select_clears_filters_that_hide_the_card(browser, kit) -> None:
    choose(browser.phase_filter, VeikartPhase.FORANKRING.value)
    assert browser.select(kit.id, "pitch")  # a «Ny praksis» card
    assert browser.current_card() == kit.method("pitch")
    assert browser.phase_filter.currentIndex() == 0
    assert not browser.select(kit.id, "finnes-ikke")
    assert not browser.select("annen-pakke", "pitch")
    assert browser.current_card() == kit.method("pitch")


def test_detail_shows_the_whole_card(browser, kit) -> None:
    card = kit.method("brukerreise")
    browser.select(kit.id, card.id)
    text = browser.detail_text()
    for expected in (
        card.title,
        card.purpose,
        card.space,
        card.phase.label,
        card.blt.label,
        f"{card.group_min}–{card.group_max} personer",
        f"{card.minutes} min",
        "Totalt",
        *card.materials,
        *card.tips,
        *(step.text for step in card.steps),
    ):
        assert expected in text, expected
    chained = ", ".join(kit.method(other).title for other in card.chains_with)
    assert f"Henger sammen med: {chained}" in text


def test_a_chain_link_selects_the_chained_card(browser, kit) -> None:
    card = kit.method("brukerreise")
    browser.select(kit.id, card.id)
    browser.detail.anchorClicked.emit(QUrl("#chain-0"))
    assert browser.current_ids() == (kit.id, card.chains_with[0])


def test_a_broken_kit_is_reported_and_skipped(make_browser, kit, tmp_path) -> None:
    issue = KitIssue("broken/kit.toml", 3, "name", "mangler.")
    browser = make_browser([KitEntry(tmp_path / "broken", None, (issue,)), KitEntry(KIT_FOLDER, kit)])
    assert not browser.errors_label.isHidden()
    assert browser.errors_label.text() == "1 arbeidspakke har feil og vises ikke"
    assert "mangler." in browser.errors_label.toolTip()
    assert browser.visible_cards() == ids(kit, kit.methods)

    healthy = make_browser()
    assert healthy.errors_label.isHidden()


def test_no_kits_at_all(make_browser) -> None:
    browser = make_browser([])
    assert browser.visible_cards() == []
    assert browser.count_label.text() == "0 av 0 kort"
    assert browser.current_card() is None
    browser.pick_random()  # nothing to pick: no error
    assert browser.current_card() is None


def test_markup_in_card_text_shows_literally(make_browser, kit, qtbot) -> None:
    base = kit.method("sjekk-inn")
    card = replace(
        base,
        id="markup",
        title="<i>Kort</i> & co",
        purpose="<b>fet</b> &amp;",
        steps=(MethodStep("<script>x</script> trinn", 5),),
        materials=("<u>tape</u>",),
        tips=("a < b > c",),
        chains_with=(),
    )
    assert isinstance(card, MethodCard)
    other = Kit(
        id="test",
        name="Testpakke",
        language="nb",
        version="1",
        description="",
        path="",
        sequence=(),
        sessions=(),
        methods=(card,),
    )
    browser = make_browser([KitEntry(Path("test"), other)])
    browser.select("test", "markup")
    text = browser.detail_text()
    for literal in (
        "<b>fet</b> &amp;",
        "<i>Kort</i> & co",
        "<script>x</script> trinn",
        "<u>tape</u>",
        "a < b > c",
    ):
        assert literal in text, literal
    index = browser.model.index(0, 0)
    assert browser.model.data(index) == "<i>Kort</i> & co"
    with qtbot.waitSignal(browser.show_on_wall) as signal:
        browser.wall_button.click()
    assert signal.args[0] == "<i>Kort</i> & co"
    assert {s.heading: s.text for s in signal.args[1]}["Hensikt"] == "<b>fet</b> &amp;"


# --- the cards as a grid --------------------------------------------------------------------------------


def shown_grid(make_browser, qtbot, width: int = 1300, height: int = 700, **kwargs) -> MethodBrowser:
    """A browser on screen in the grid mode, laid out, with its window active (for the focus)."""
    browser = make_browser(view_mode=GRID_VIEW, **kwargs)
    browser.resize(width, height)
    browser.show()
    browser.activateWindow()
    qtbot.waitExposed(browser)
    qtbot.wait(10)  # the queued scroll to the current card
    return browser


def grid_columns(browser: MethodBrowser) -> int:
    """How many cards the grid's first row holds."""
    top = browser.list.visualRect(browser.model.index(0, 0)).top()
    rows = range(browser.model.rowCount())
    return sum(1 for row in rows if browser.list.visualRect(browser.model.index(row, 0)).top() == top)


def test_the_view_toggle_switches_one_view_between_list_and_grid(browser, qtbot) -> None:
    from PySide6.QtWidgets import QListView

    assert browser.view_mode == LIST_VIEW
    assert browser.list_view_button.isChecked() and not browser.grid_view_button.isChecked()
    assert browser.list.viewMode() == QListView.ViewMode.ListMode
    selection = browser.list.selectionModel()
    browser.select(browser.visible_cards()[0][0], "brukerreise")

    with qtbot.waitSignal(browser.view_mode_changed) as signal:
        browser.grid_view_button.click()
    assert signal.args == [GRID_VIEW]
    assert browser.view_mode == GRID_VIEW
    assert browser.list.viewMode() == QListView.ViewMode.IconMode
    assert browser.list.isWrapping()
    assert browser.list.movement() == QListView.Movement.Static  # cards are not dragged about
    assert browser.list.resizeMode() == QListView.ResizeMode.Adjust  # the rows reflow
    assert isinstance(browser.list.itemDelegate(), CardTileDelegate)
    # One model, one selection: the card chosen in the list is the card chosen in the grid.
    assert browser.list.model() is browser.model and browser.list.selectionModel() is selection
    assert browser.current_card().id == "brukerreise"

    with qtbot.waitSignal(browser.view_mode_changed) as signal:
        browser.list_view_button.click()
    assert signal.args == [LIST_VIEW]
    assert browser.list.viewMode() == QListView.ViewMode.ListMode
    assert not browser.list.isWrapping()
    assert browser.current_card().id == "brukerreise"

    with qtbot.assertNotEmitted(browser.view_mode_changed):
        browser.set_view_mode("tiles")  # an unknown (old) setting: the list
    assert browser.view_mode == LIST_VIEW


def test_the_browser_can_start_in_the_grid(make_browser) -> None:
    from PySide6.QtWidgets import QListView

    browser = make_browser(view_mode=GRID_VIEW)
    assert browser.view_mode == GRID_VIEW
    assert browser.grid_view_button.isChecked()
    assert browser.list.viewMode() == QListView.ViewMode.IconMode


def test_the_grid_shows_the_filtered_cards_as_uniform_cards_in_rows(make_browser, kit, qtbot) -> None:
    browser = shown_grid(make_browser, qtbot)
    choose(browser.phase_filter, VeikartPhase.INNSIKT.value)
    browser.search.setText("bruker")
    expected = ids(
        kit,
        [
            m
            for m in kit.methods
            if m.phase == VeikartPhase.INNSIKT
            and "bruker"
            in "\n".join([m.title, m.purpose, *(s.text for s in m.steps), *m.tips, *m.materials]).lower()
        ],
    )
    assert 2 < len(expected) < len(kit.methods)
    assert browser.visible_cards() == expected
    assert browser.model.rowCount() == len(expected)
    qtbot.wait(150)  # the grid's delayed layout
    rects = [browser.list.visualRect(browser.model.index(row, 0)) for row in range(len(expected))]
    assert len({rect.size().toTuple() for rect in rects}) == 1  # every card the same size
    assert rects[0].height() > rects[0].width() * 0.8  # a card, not a list row
    assert grid_columns(browser) >= 2
    assert all(browser.list.viewport().rect().contains(rect) for rect in rects[: grid_columns(browser)])

    index = browser.model.index(0, 0)
    card = kit.method(expected[0][1])
    assert browser.model.data(index, KICKER_ROLE) == card.phase.label
    assert browser.model.data(index, MINUTES_ROLE) == f"{card.minutes} min"
    foot = browser.model.data(index, FOOT_ROLE)
    assert foot[0] == f"{card.group_min}–{card.group_max} personer"
    assert foot[1].startswith("Materiell: ") and card.materials[0] in foot[1]
    browser.grab()  # paints every visible card (a Qt warning fails the test)

    browser.prototypes_button.click()
    expected = ids(
        kit,
        [
            p
            for p in kit.prototypes
            if "bruker" in "\n".join([p.title, p.purpose, *p.how_to, *p.materials, p.good_for]).lower()
        ],
    )
    assert 0 < len(expected) < len(kit.prototypes)
    assert browser.visible_cards() == expected  # the same search, on the other deck
    assert browser.view_mode == GRID_VIEW
    browser.reset_button.click()
    assert browser.visible_cards() == ids(kit, kit.prototypes)
    prototype = browser.model.index(0, 0)
    assert browser.model.data(prototype, KICKER_ROLE) == "Prototype"
    assert browser.model.data(prototype, FOOT_ROLE)[0] == f"Egner seg for: {kit.prototypes[0].good_for}"
    browser.grab()


def test_the_grid_reflows_when_it_is_resized(make_browser, qtbot) -> None:
    browser = shown_grid(make_browser, qtbot, width=1600)
    qtbot.wait(150)
    wide = grid_columns(browser)
    browser.resize(800, 700)
    qtbot.waitUntil(lambda: grid_columns(browser) < wide)
    assert grid_columns(browser) >= 1
    rects = [browser.list.visualRect(browser.model.index(row, 0)) for row in range(grid_columns(browser))]
    assert all(browser.list.viewport().rect().contains(rect) for rect in rects)  # no card cut at the right


def test_random_draw_in_the_grid_selects_and_shows_a_visible_card(make_browser, kit, qtbot) -> None:
    browser = shown_grid(make_browser, qtbot, height=600, rng=random.Random(7))
    choose(browser.blt_filter, BltStage.LOSNING.value)
    allowed = set(browser.visible_cards())
    qtbot.wait(150)
    seen = set()
    for _pick in range(8):
        browser.random_button.click()
        current = browser.list.currentIndex()
        assert browser.current_ids() in allowed
        assert browser.list.selectionModel().isSelected(current)
        visible = browser.list.viewport().rect()
        assert visible.intersects(browser.list.visualRect(current)), browser.current_ids()
        assert browser.current_card().title in browser.detail_text()
        seen.add(browser.current_ids())
    assert len(seen) > 1
    assert browser.list.hasFocus()  # the drawn card carries the focus ring


def test_show_on_wall_from_the_grid_sends_what_the_list_sends(browser, kit, qtbot) -> None:
    for card_id in ("sjekk-inn", kit.prototypes[2].id):
        browser.set_view_mode(LIST_VIEW)
        browser.select(kit.id, card_id)
        with qtbot.waitSignal(browser.show_on_wall) as from_list:
            browser.wall_button.click()
        browser.set_view_mode(GRID_VIEW)
        assert browser.current_ids() == (kit.id, card_id)
        with qtbot.waitSignal(browser.show_on_wall) as from_grid:
            browser.wall_button.click()
        assert from_grid.args == from_list.args
        with qtbot.waitSignal(browser.show_on_wall) as by_enter:
            qtbot.keyClick(browser.list, Qt.Key.Key_Return)  # Enter on a card in the grid
        assert by_enter.args == from_list.args


def test_keyboard_navigation_in_the_grid(make_browser, kit, qtbot) -> None:
    browser = shown_grid(make_browser, qtbot)
    qtbot.waitUntil(lambda: browser.search.hasFocus())
    qtbot.wait(150)
    columns = grid_columns(browser)
    assert columns >= 2
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)  # from the search into the grid, on the first card
    assert browser.list.hasFocus()
    assert browser.list.currentIndex().row() == 0
    qtbot.keyClick(browser.list, Qt.Key.Key_Right)
    assert browser.list.currentIndex().row() == 1
    assert browser.current_ids() == browser.visible_cards()[1]
    assert kit.method(browser.visible_cards()[1][1]).title in browser.detail_text()
    qtbot.keyClick(browser.list, Qt.Key.Key_Down)  # the card below, one row further
    assert browser.list.currentIndex().row() == 1 + columns
    qtbot.keyClick(browser.list, Qt.Key.Key_Left)
    assert browser.list.currentIndex().row() == columns
    qtbot.keyClick(browser.list, Qt.Key.Key_Up)
    assert browser.list.currentIndex().row() == 0
    assert browser.list.hasFocus()
    qtbot.keyClick(browser.list, Qt.Key.Key_Right)
    qtbot.keyClick(browser.list, Qt.Key.Key_Up)  # Up from any card of the top row: back to the search
    assert browser.search.hasFocus()
    assert browser.list.currentIndex().row() == 1
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)  # back to the card left, not to the first
    assert browser.list.currentIndex().row() == 1
    qtbot.keyClick(browser.list, Qt.Key.Key_End)
    assert browser.list.currentIndex().row() == browser.model.rowCount() - 1
    assert browser.list.viewport().rect().intersects(browser.list.visualRect(browser.list.currentIndex()))


def test_the_window_remembers_list_or_cards(window, settings):
    from desktop.ui import settings as keys
    from desktop.ui.method_browser import GRID_VIEW

    window.methods_dock.show()
    window.methods_dock.widget().set_view_mode(GRID_VIEW)
    assert settings.get(keys.METHOD_VIEW) == GRID_VIEW
