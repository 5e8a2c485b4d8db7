"""The method-card browser on the real LUP kit: search, filters, decks, the signals, the random card, broken
kits, and card text shown literally."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from desktop.domain.kit import BltStage, Kit, MethodCard, MethodStep, VeikartPhase
from desktop.kits.loader import KitEntry, load_kit
from desktop.kits.schema import KitIssue
from desktop.ui.method_browser import LENGTH_RANGES, METHODS, PROTOTYPES, MethodBrowser

KIT_FOLDER = Path(__file__).parents[2] / "workshop_kits" / "lup"


@pytest.fixture(scope="module")
def kit() -> Kit:
    return load_kit(KIT_FOLDER)


@pytest.fixture
def make_browser(qtbot, kit):
    def make(entries: list[KitEntry] | None = None, rng: random.Random | None = None) -> MethodBrowser:
        browser = MethodBrowser(entries if entries is not None else [KitEntry(KIT_FOLDER, kit)], rng=rng)
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
    headings = [heading for heading, _text in sections]
    assert headings == ["Hensikt", "Slik gjør dere", "Materiell", "Tips"]
    body = dict(sections)
    assert body["Hensikt"] == card.purpose
    lines = body["Slik gjør dere"].split("\n")
    assert lines == [f"{i}. {step.text} ({step.minutes} min)" for i, step in enumerate(card.steps, 1)]
    assert lines[0] == "1. Veilederen viser spørsmålet og svarer selv først, som et eksempel (2 min)"
    assert all(material in body["Materiell"] for material in card.materials)
    assert all(tip in body["Tips"] for tip in card.tips)


def test_show_on_wall_for_a_prototype_card(browser, kit, qtbot) -> None:
    card = kit.prototypes[0]
    browser.select(kit.id, card.id)  # not a method id: found among the prototype cards
    assert browser.deck == PROTOTYPES
    with qtbot.waitSignal(browser.show_on_wall) as signal:
        browser.wall_button.click()
    title, sections = signal.args
    assert title == card.title
    body = dict(sections)
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
    assert browser.errors_label.text() == "1 arbeidspakke(r) har feil og vises ikke"
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
    assert dict(signal.args[1])["Hensikt"] == "<b>fet</b> &amp;"
