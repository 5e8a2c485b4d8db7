"""The register's actions through the window: sessions, participants, facilitators, locations."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime

from desktop.domain.enums import SessionKind
from desktop.services import views
from desktop.services.demo import demo_id
from desktop.ui.navigator import node_key

LUP3 = demo_id("cohort", "LUP 3")
CAPRALHAUGEN = demo_id("group", "LUP 4:Capralhaugen BBS")


def test_plan_session_outside_the_cohort_is_refused_then_planned(window, dialogs):
    db = window.context.db
    window.navigator.select(node_key("sessions", LUP3))

    def outside(dialog) -> None:
        dialog.fields["title"].setText("Ekstra arbeidssamling")
        dialog.fields["date"].setDate(QDate(2018, 1, 9))

    dialogs.answer(outside)
    window.plan_session_action.trigger()
    assert "kullets periode" in dialogs.seen[-1].errors.message("date")
    assert views.cohort_detail(db, LUP3).sessions == 6

    def inside(dialog) -> None:
        dialog.fields["kind"].setCurrentIndex(dialog.fields["kind"].findData(SessionKind.WORKING.value))
        dialog.fields["title"].setText("Ekstra arbeidssamling")
        dialog.fields["date"].setDate(QDate(2016, 11, 15))
        dialog.fields["start_time"].setTime(QTime(12, 0))
        dialog.fields["end_time"].setTime(QTime(15, 30))
        dialog.fields["place"].setText("Kunnskapssenteret")

    dialogs.answer(inside)
    window.plan_session_action.trigger()
    assert views.cohort_detail(db, LUP3).sessions == 7
    page = window.workspace.current_page()
    assert page.title.text() == "Ekstra arbeidssamling"
    session_id = page.id
    detail = views.session_detail(db, session_id)
    assert (detail.date, detail.start_time, detail.end_time) == (date(2016, 11, 15), time(12), time(15, 30))

    page.end.setTime(QTime(11, 0))  # before the start
    page.end.editingFinished.emit()
    assert "slutte etter" in page.errors.message("end_time")
    assert views.session_detail(db, session_id).end_time == time(15, 30)

    window.undo_action.trigger()
    assert views.cohort_detail(db, LUP3).sessions == 6
    assert not window.current_key().startswith("session:")  # the page left the deleted session


def test_move_participant_to_another_group_and_undo(window, dialogs):
    db = window.context.db
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    page = window.workspace.current_page()
    person = page._people[0]
    target = demo_id("group", "LUP 4:Jar skole")
    page.people.selectRow(0)

    def fill(dialog) -> None:
        combo = dialog.fields["leader_group"]
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == target))

    dialogs.answer(fill)
    page._with_person(lambda p: window.actions.move_participant(p, CAPRALHAUGEN))
    assert person.id in {p.id for p in views.group_detail(db, target).participants}
    assert person.id not in {p.id for p in views.group_detail(db, CAPRALHAUGEN).participants}
    assert window.undo_action.text().startswith(f"Angre Flytt {person.name} til LUP 4 · Jar skole")
    window.undo_action.trigger()
    assert person.id in {p.id for p in views.group_detail(db, CAPRALHAUGEN).participants}


def test_change_the_lead_facilitator_then_undo_and_redo(window):
    db = window.context.db
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    page = window.workspace.current_page()
    before = views.group_detail(db, CAPRALHAUGEN).lead_facilitator_id
    index = next(i for i in range(page.lead.count()) if page.lead.itemData(i) not in (before, None))
    chosen = page.lead.itemData(index)
    page.lead.setCurrentIndex(index)
    page.lead.activated.emit(index)
    assert views.group_detail(db, CAPRALHAUGEN).lead_facilitator_id == chosen
    assert window.undo_action.text() == "Angre Endre ansvarlig veileder"
    window.undo_action.trigger()
    assert views.group_detail(db, CAPRALHAUGEN).lead_facilitator_id == before
    assert page.lead.currentData() == before
    window.redo_action.trigger()
    assert views.group_detail(db, CAPRALHAUGEN).lead_facilitator_id == chosen


def test_remove_participant_with_delete_key_and_undo(window, qtbot):
    db = window.context.db
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    page = window.workspace.current_page()
    before = [p.id for p in views.group_detail(db, CAPRALHAUGEN).participants]
    page.people.setFocus()
    page.people.selectRow(1)
    qtbot.keyClick(page.people, Qt.Key.Key_Delete)
    after = [p.id for p in views.group_detail(db, CAPRALHAUGEN).participants]
    assert after == before[:1] + before[2:]
    window.undo_action.trigger()
    assert [p.id for p in views.group_detail(db, CAPRALHAUGEN).participants] == before


def test_assign_cohort_facilitators_by_checking_and_undo(window):
    db = window.context.db
    window.navigator.select(node_key("cohort", LUP3))
    page = window.workspace.current_page()
    before = views.cohort_detail(db, LUP3).facilitator_ids
    item = next(
        page.facilitators.item(i)
        for i in range(page.facilitators.count())
        if page.facilitators.item(i).checkState() == Qt.CheckState.Unchecked
    )
    item.setCheckState(Qt.CheckState.Checked)
    after = views.cohort_detail(db, LUP3).facilitator_ids
    assert len(after) == len(before) + 1 and before < after
    window.undo_action.trigger()
    assert views.cohort_detail(db, LUP3).facilitator_ids == before


def test_new_location_in_a_new_sector(window, dialogs):
    db = window.context.db

    def fill(dialog) -> None:
        dialog.fields["name"].setText("Frivilligsentralen Sandvika")
        dialog.fields["sector"].setEditText("Frivillighet")

    dialogs.answer(fill)
    window.actions.new_location()
    tree = views.load_tree(db)
    sector = next(s for s in tree.sectors if s.name == "Frivillighet")
    assert [c.name for c in sector.locations] == ["Frivilligsentralen Sandvika"]
    assert window.workspace.current_page().heading.text() == "Frivilligsentralen Sandvika"
    window.undo_action.trigger()
    assert "Frivilligsentralen Sandvika" not in {
        c.name for s in views.load_tree(db).sectors for c in s.locations
    }


def test_duplicate_location_name_is_refused_at_the_field(window, dialogs):
    def fill(dialog) -> None:
        dialog.fields["name"].setText("capralhaugen bbs")

    dialogs.answer(fill)
    window.actions.new_location()
    assert "finnes allerede" in dialogs.seen[-1].errors.message("name")


def test_deleting_a_location_with_groups_is_refused_with_a_message(window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "desktop.ui.context.show_error", lambda parent, message, title=None: shown.append(message)
    )
    window.navigator.select(node_key("location", demo_id("location", "Capralhaugen BBS")))
    window.delete_action.trigger()
    assert shown and "ledergruppe" in shown[0]
    assert window.context.undo_stack.count() == 0


def test_undo_history_names_each_edit(window, dialogs):
    window.navigator.select(node_key("cohort", LUP3))
    page = window.workspace.current_page()
    for name in ("LUP 3 a", "LUP 3 b"):
        page.name.setText(name)
        page.name.editingFinished.emit()
    stack = window.context.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Gi nytt navn til kull «LUP 3»",
        "Gi nytt navn til kull «LUP 3 a»",
    ]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert views.cohort_detail(window.context.db, LUP3).name == "LUP 3"


def test_a_new_cohorts_sessions_come_from_the_kit_in_one_step(window, dialogs):
    """A newcomer planned six sessions one by one, each on the cohort's first day and without a plan."""
    from datetime import date

    from PySide6.QtWidgets import QLabel

    from desktop.services import cohorts, views

    programme = cohorts.ensure_programme(window.context.db)
    cohort = cohorts.create_cohort(window.context.db, programme, "LUP 9", date(2027, 1, 5), date(2027, 6, 22))
    window.context.changed.emit()
    window.navigator.select(node_key("cohort", cohort))
    page = window.workspace.current_page()
    assert not page.programme_button.isHidden()
    listed: list[str] = []
    dialogs.answer(lambda d: listed.append(d.findChildren(QLabel)[-1].text()))
    page.programme_button.click()
    assert "Oppstartsamling (08:30–15:30)" in listed[0] and "05.01.2027" in listed[0]
    assert views.cohort_detail(window.context.db, cohort).sessions == 6
    assert page.programme_button.isHidden()  # the others one at a time now
    window.undo_action.trigger()
    assert views.cohort_detail(window.context.db, cohort).sessions == 0


def test_a_name_already_there_is_asked_about(window, dialogs, monkeypatch):
    """Two «Kari Nordmann» after a double Enter could not be told apart in any list; two people may share
    a name, so it is asked, and «Nei» keeps the dialog open with the reason at the name."""
    existing = views.facilitator_choices(window.context.db)[0].name
    answers = iter([False, True])
    asked: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.actions.ask", lambda _p, _t, question: asked.append(question) or next(answers)
    )

    def fill(dialog) -> None:
        dialog.fields["name"].setText(f"  {existing.upper()} ")

    dialogs.answer(fill)  # «Nei»: the dialog stays open, the reason at the name
    dialogs.answer(fill)  # «Ja»: two people with one name
    before = len(views.facilitator_choices(window.context.db))
    assert not window.actions.new_facilitator()
    assert existing.upper() in asked[0] and "Legge til likevel?" in asked[0]
    assert "finnes allerede en veileder" in dialogs.seen[0].errors.message("name")
    assert len(views.facilitator_choices(window.context.db)) == before
    assert window.actions.new_facilitator()
    assert len(views.facilitator_choices(window.context.db)) == before + 1


def test_the_new_cohorts_example_name_is_the_next_one(window, db):
    """«for eksempel LUP 8» on an empty register; now LUP 1 there, and after LUP 7 in the demo, LUP 8."""
    from desktop.ui.actions import next_cohort_name

    assert next_cohort_name(window.context.db) == "LUP 8"
    assert next_cohort_name(db) == "LUP 1"
