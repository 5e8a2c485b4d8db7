"""The start page and the session checklist driven offscreen: ticks stored and undone, today's session one
click from running, and the facilitator remembered."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import pytest

from desktop.domain.enums import SessionKind
from desktop.services import cohorts, guide, timeplan, views
from desktop.services.demo import demo_id
from desktop.ui.commands import ChangeCommand
from desktop.ui.context import AppContext
from desktop.ui.guide import ME, ChecklistPanel, StartPage, long_date

LUP4_INSIGHT = demo_id("session", "LUP 4:Innsikt og brukerreiser")
PROGRAMME = demo_id("programme", "LUP")
KEY = "before:worksheet:brukerreise-a3"


@pytest.fixture
def context(demo_db, qtbot):
    return AppContext(demo_db)


@pytest.fixture
def panel(context, qtbot) -> ChecklistPanel:
    widget = ChecklistPanel(context)
    qtbot.addWidget(widget)
    widget.load(LUP4_INSIGHT)
    widget.show()
    return widget


def _stored(context, key: str = KEY) -> bool:
    return guide.checklist(context.db, LUP4_INSIGHT, context.kit("lup")).item(key).done


# --- the checklist ---------------------------------------------------------------------------------------


def test_checklist_shows_three_phases_with_the_kit_items(panel):
    keys = list(panel.boxes)
    assert keys[0].startswith("before:") and keys[-1].startswith("after:")
    assert {"before:room", KEY, "after:summaries"} <= set(keys)
    assert any(k.startswith("during:block:") for k in keys)
    assert (
        panel.boxes[KEY].text().startswith("Skriv ut ")
        and "Brukerreise (A3 liggende)" in panel.boxes[KEY].text()
    )
    assert panel.progress_text.text() == f"0 av {len(keys)} punkter klare"
    assert panel.kit_note.isHidden()
    assert "LUP 4" in panel.summary.text()


def test_a_tick_is_stored_and_undone(panel, context):
    total = len(panel.boxes)
    panel.boxes[KEY].click()
    assert _stored(context)
    assert panel.boxes[KEY].isChecked()
    assert panel.progress_text.text() == f"1 av {total} punkter klare"
    assert context.undo_stack.undoText().startswith("Kryss av «Skriv ut ")

    context.undo_stack.undo()
    assert not _stored(context)
    assert not panel.boxes[KEY].isChecked()
    assert panel.progress_text.text() == f"0 av {total} punkter klare"

    context.undo_stack.redo()
    assert _stored(context)
    assert panel.boxes[KEY].isChecked()


def test_unticking_is_undoable_too_and_ticks_survive_a_new_panel(panel, context, qtbot):
    panel.boxes["after:notes"].click()
    panel.boxes["after:notes"].click()
    assert not _stored(context, "after:notes")
    assert context.undo_stack.undoText() == "Fjern krysset for «Skriv notater fra samlingen»"
    context.undo_stack.undo()
    assert _stored(context, "after:notes")

    again = ChecklistPanel(context)
    qtbot.addWidget(again)
    again.load(LUP4_INSIGHT)
    assert again.boxes["after:notes"].isChecked()
    assert not again.boxes[KEY].isChecked()


def test_a_hidden_panel_catches_up_when_shown(panel, context):
    panel.hide()
    guide_key = "before:projector"
    context.perform(ChangeCommand("tick", lambda db, v: guide.set_tick(db, LUP4_INSIGHT, guide_key, v), True))
    assert not panel.boxes[guide_key].isChecked()  # hidden: not reloaded yet
    panel.show()
    assert panel.boxes[guide_key].isChecked()


def test_without_the_kit_the_panel_says_why_worksheets_are_missing(context, qtbot, monkeypatch):
    monkeypatch.setattr(context, "kit", lambda kit_id: None)
    widget = ChecklistPanel(context)
    qtbot.addWidget(widget)
    widget.load(LUP4_INSIGHT)
    assert not widget.kit_note.isHidden()
    assert "«lup»" in widget.kit_note.text()
    assert not any(k.startswith("before:worksheet:") for k in widget.boxes)
    assert "before:material:tusjer" in widget.boxes


def test_a_deleted_session_empties_the_panel(panel, context):
    from desktop.ui.commands import DeleteCommand

    context.perform(DeleteCommand("slett", lambda db: cohorts.delete_session(db, LUP4_INSIGHT)))
    assert panel.session_id is None
    assert panel.boxes == {}
    context.undo_stack.undo()
    panel.load(LUP4_INSIGHT)
    assert KEY in panel.boxes


def test_ctrl_z_in_the_main_window_undoes_a_tick(window, qtbot):
    widget = ChecklistPanel(window.context)
    qtbot.addWidget(widget)
    widget.load(LUP4_INSIGHT)
    widget.show()
    widget.boxes["after:photos"].click()
    assert guide.checklist(window.context.db, LUP4_INSIGHT, None).item("after:photos").done
    window.undo_action.trigger()
    assert not guide.checklist(window.context.db, LUP4_INSIGHT, None).item("after:photos").done
    assert not widget.boxes["after:photos"].isChecked()


# --- the start page --------------------------------------------------------------------------------------


class Calls:
    def __init__(self) -> None:
        self.opened: list[uuid.UUID] = []
        self.run: list[uuid.UUID] = []


def _start_page(context, settings, qtbot, today=None) -> tuple[StartPage, Calls]:
    calls = Calls()
    extra = {"today": today} if today else {}
    page = StartPage(context, settings, calls.opened.append, calls.run.append, **extra)
    qtbot.addWidget(page)
    page.show()
    return page, calls


def _session_today(db, facilitator: uuid.UUID, with_plan: bool = True) -> uuid.UUID:
    today = date.today()
    cohort = cohorts.create_cohort(
        db, PROGRAMME, "LUP 8", today - timedelta(days=14), today + timedelta(days=180)
    )
    session = cohorts.plan_session(
        db, cohort, SessionKind.OPENING, "Oppstartsamling", today, time(8, 30), time(15, 30), "Dønski"
    )
    cohorts.plan_session(
        db, cohort, SessionKind.WORKING, "Innsikt", today + timedelta(days=28), time(9), time(15), "Bekkestua"
    )
    cohorts.assign_session_facilitators(db, session, [facilitator])
    if with_plan:
        from desktop.kits import load_kit
        from desktop.paths import project_root

        timeplan.plan_from_template(
            db, session, load_kit(project_root() / "workshop_kits" / "lup"), "oppstart"
        )
    return session


def test_start_page_on_the_demo_shows_recent_sessions_and_nothing_ahead(context, settings, qtbot):
    page, calls = _start_page(context, settings, qtbot)
    assert page.heading.text() == "Velkommen til LUP Verksted"
    assert page.who.currentText() == "Alle veiledere"
    assert page.upcoming == [] and page.today_card.isHidden()
    assert len(page.recent) == 5
    first = page.recent[0]
    page.open_buttons[first.id].click()
    assert calls.opened == [first.id] and calls.run == []
    assert long_date(date.today()) in page.date_line.text()


def test_todays_session_is_one_click_from_running(context, settings, qtbot):
    me = guide.facilitators(context.db)[2]
    session = _session_today(context.db, me.id)
    page, calls = _start_page(context, settings, qtbot)
    page.choose(me.id)

    assert page.heading.text() == f"Velkommen, {me.name.split()[0]}"
    assert page.upcoming_heading.text() == "Dine neste samlinger"
    assert [x.id for x in page.upcoming][:1] == [session]
    assert [x.title for x in page.upcoming] == ["Oppstartsamling"]  # «Innsikt» has other facilitators
    assert not page.today_card.isHidden()
    assert page.run_today_button.isEnabled()
    assert page.run_today_button.text() == "Kjør dagens samling ▶"
    total = guide.checklist(context.db, session, context.kit("lup")).total
    assert page.today_ready.text() == f"Sjekklisten: 0 av {total} punkter klare"
    page.run_today_button.click()
    assert calls.run == [session]
    page.open_today_button.click()
    page.open_buttons[session].click()
    assert calls.opened == [session, session]


def test_other_facilitators_do_not_see_the_session(context, settings, qtbot):
    facilitators = guide.facilitators(context.db)
    _session_today(context.db, facilitators[2].id)
    page, _calls = _start_page(context, settings, qtbot)
    page.choose(facilitators[3].id)
    assert page.upcoming == []
    assert page.today_card.isHidden()
    page.choose(None)
    assert page.upcoming_heading.text() == "Neste samlinger"
    assert [x.title for x in page.upcoming] == ["Oppstartsamling", "Innsikt"]


def test_without_a_plan_the_run_button_is_disabled(context, settings, qtbot):
    me = guide.facilitators(context.db)[0]
    _session_today(context.db, me.id, with_plan=False)
    page, calls = _start_page(context, settings, qtbot)
    page.choose(me.id)
    assert not page.today_card.isHidden()
    assert not page.run_today_button.isEnabled()
    assert "ingen tidsplan" in page.run_today_button.toolTip()


def test_the_facilitator_choice_is_remembered(context, settings, qtbot):
    me = guide.facilitators(context.db)[1]
    page, _calls = _start_page(context, settings, qtbot)
    index = page.who.findText(me.name)
    page.who.setCurrentIndex(index)
    page.who.activated.emit(index)  # as a user's choice in the combo box
    assert settings.get(ME) == str(me.id)

    again, _calls = _start_page(context, settings, qtbot)
    assert again.who.currentText() == me.name
    assert again.facilitator_id() == me.id
    cohort_names = set(views.facilitator_detail(context.db, me.id).cohorts)
    assert again.recent and {x.cohort_name for x in again.recent} <= cohort_names

    settings.set(ME, "not-a-uuid")  # a broken setting means every facilitator
    broken, _calls = _start_page(context, settings, qtbot)
    assert broken.facilitator_id() is None


def test_the_start_page_follows_changes(context, settings, qtbot):
    day = date(2017, 4, 4)  # LUP 4's insight session
    page, calls = _start_page(context, settings, qtbot, today=lambda: day)
    assert page.todays is not None and page.todays.id == LUP4_INSIGHT
    context.perform(
        ChangeCommand(
            "rename",
            lambda db, v: cohorts.update_session(db, LUP4_INSIGHT, **v),
            {"title": "Innsikt, brukerreiser og intervju"},
        )
    )
    assert page.today_title.text() == "Innsikt, brukerreiser og intervju"
    context.undo_stack.undo()
    assert page.today_title.text() == "Innsikt og brukerreiser"
    page.run_today_button.click()
    assert calls.run == [LUP4_INSIGHT]


def test_a_second_session_today_gets_its_own_run_button(context, settings, qtbot):
    me = guide.facilitators(context.db)[4]
    first = _session_today(context.db, me.id)
    cohort = views.session_detail(context.db, first).cohort_id
    second = cohorts.plan_session(
        context.db, cohort, SessionKind.WORKING, "Kveldsøkt", date.today(), time(17), time(19), "Dønski"
    )
    cohorts.assign_session_facilitators(context.db, second, [me.id])
    page, calls = _start_page(context, settings, qtbot)
    page.choose(me.id)
    assert page.todays.id == first
    assert set(page.run_buttons) == {second}  # the first is run from the card
    assert not page.run_buttons[second].isEnabled()  # no plan yet
    assert page.who_hint.isHidden()
    page.choose(None)
    assert not page.who_hint.isHidden()


def test_a_new_register_says_where_to_begin_and_ticks_off_each_step(db, settings, qtbot):
    """An empty register: «Kom i gang» with the five steps in order (the page said «Velg deg selv» with
    nobody to choose, and to plan from a cohort that did not exist); each step is ticked when done, and
    the card goes once all are; a step that needs a cohort waits for one."""
    from datetime import date, time

    from desktop.domain.enums import SessionKind
    from desktop.services import cohorts, groups, register
    from desktop.ui.context import AppContext

    context = AppContext(db)
    page, _calls = _start_page(context, settings, qtbot)
    page.show()
    assert page.first_card.isVisible() and not page.who_hint.isVisible()
    marks = lambda: [mark.text() for mark, _b in page.first_steps]  # noqa: E731
    assert marks() == ["○"] * 5
    assert not page.first_steps[3][1].isEnabled()  # the sessions need a cohort first
    register.create_facilitator(db, "Kari Nordmann")
    location = register.create_service_location(db, "Eikeli skole", new_sector="Oppvekst skole")
    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "LUP 9", date(2027, 1, 5), date(2027, 6, 22))
    page.reload()
    assert marks() == ["✓", "✓", "✓", "○", "○"] and page.first_steps[3][1].isEnabled()
    cohorts.plan_session(db, cohort, SessionKind.OPENING, "Oppstart", date(2027, 1, 5), time(9), time(15))
    groups.add_leader_group(db, cohort, location)
    page.reload()
    assert not page.first_card.isVisible()


def test_the_start_page_fits_a_laptop_beside_the_navigator(context, settings, qtbot):
    """With sessions ahead (long titles and places) the page needed 1,039 px and scrolled sideways on a
    1366-pixel laptop."""
    from datetime import date

    from PySide6.QtWidgets import QScrollArea

    from desktop.kits import load_kit
    from desktop.paths import project_root
    from desktop.services import cohort_plan, cohorts

    kit = load_kit(project_root() / "workshop_kits" / "lup")
    db = context.db
    cohort = cohorts.create_cohort(
        db, cohorts.ensure_programme(db), "LUP 8", date(2027, 1, 5), date(2027, 6, 22)
    )
    cohort_plan.plan_programme(db, cohort, kit, place="Bærum rådhus, Arnold Haukelands plass 10, møterom 3")
    page, _calls = _start_page(context, settings, qtbot, today=lambda: date(2027, 1, 4))
    page.show()
    assert page.upcoming
    inner = page.findChild(QScrollArea).widget()
    assert inner.minimumSizeHint().width() <= 1366 - 380 - 60  # the navigator and the margins
