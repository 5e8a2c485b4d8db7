"""Run mode after the review: resuming an interrupted run, following plan edits, rebalancing the rest of
the day, thresholds, the panel of another session, closing mid-run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.domain.run import RunStatus
from desktop.services import run as run_service
from desktop.services import timeplan
from desktop.services.demo import demo_id
from desktop.services.demo_content import SESSION_PLAN
from desktop.ui.navigator import node_key
from desktop.ui.timeplan_editor import PlanModel

OPENING = demo_id("session", f"LUP 3:{SESSION_PLAN[0][1]}")
INSIGHT = demo_id("session", f"LUP 3:{SESSION_PLAN[1][1]}")


class FakeClock:
    def __init__(self) -> None:
        self.value = datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.value

    def advance(self, minutes: float) -> None:
        self.value += timedelta(minutes=minutes)


@pytest.fixture
def answers(monkeypatch):
    """Every question of the run mode answered with yes, and the questions kept."""
    asked: list[str] = []

    def answer(parent, title, question) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr("desktop.ui.run_mode.ask", answer)
    monkeypatch.setattr("desktop.ui.context.ask", answer)
    return asked


@pytest.fixture
def session_page(window):
    window.navigator.select(node_key("session", OPENING))
    page = window.workspace.current_page()
    window.context.runner.clock = FakeClock()
    return page


def start(window, page):
    page.plan_editor.run_action.trigger()
    window.context.runner.actions["toggle"].trigger()
    return window.context.runner


def test_an_interrupted_run_is_resumed_where_it_stopped(window, session_page, answers):
    runner = start(window, session_page)
    runner.clock.advance(20)
    runner.actions["next"].trigger()
    runner.clock.advance(3)
    # The laptop dies: a new controller, as after a restart, finds the stored events.
    runner.run = None
    runner.plan = None
    assert runner.load(OPENING)
    assert "Fortsette kjøringen?" in answers
    assert runner.run.current == 1 and runner.is_live()
    assert runner.run.elapsed_in_block_seconds() == pytest.approx(3 * 60)


def test_starting_again_after_an_unfinished_start_asks_and_does_not_double_the_start(
    window, session_page, monkeypatch
):
    runner = start_with_yes(window, session_page, monkeypatch)
    runner.run = None
    runner.plan = None
    monkeypatch.setattr("desktop.ui.run_mode.ask", lambda parent, title, q: title != "Fortsette kjøringen?")
    assert runner.load(OPENING)  # declined to resume: a fresh run …
    runner.actions["toggle"].trigger()  # … whose start asks to replace the record (yes)
    kinds = [e.kind for e in run_service.stored_events(window.context.db, OPENING)]
    assert kinds == ["start"]


def messages(monkeypatch) -> list[str]:
    """The messages the window shows (in a message box), kept instead."""
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.context.show_error", lambda parent, message, *a: shown.append(message))
    return shown


def test_a_coming_block_removed_during_the_run_is_left_out_by_the_run(
    window, session_page, answers, monkeypatch
):
    """The run kept the old plan («endringene gjelder neste gang»): a block taken out because the day ran
    late was still counted down, and «Neste» named it."""
    runner = start(window, session_page)
    shown = messages(monkeypatch)
    editor = session_page.plan_editor
    editor.table.selectRow(2)
    removed = editor.current_block()
    editor.remove_action.trigger()
    assert shown == []
    plan = timeplan.load_plan(window.context.db, OPENING)
    assert list(runner.run.planned_minutes) == [b.minutes for b in plan.blocks]
    for _n in range(4):
        runner.clock.advance(5)
        runner.actions["next"].trigger()
    runner.actions["finish"].trigger()
    stored = run_service.stored_events(window.context.db, OPENING)
    assert [e.kind for e in stored] == ["start", "next", "next", "next", "next", "finish"]
    assert all(e.index >= 0 for e in stored)  # every event names a block of the plan
    plan = timeplan.load_plan(window.context.db, OPENING)
    assert removed.id not in {b.id for b in plan.blocks}
    assert all(plan.blocks[n].actual_start is not None for n in range(5))


def test_a_block_inserted_after_the_current_one_is_run_next(window, session_page, answers, monkeypatch):
    """An extra exercise (or break) put in during the day: the run goes to it next, and it is stored."""
    runner = start(window, session_page)
    shown = messages(monkeypatch)
    runner.clock.advance(10)
    runner.actions["next"].trigger()  # on the second block
    editor = session_page.plan_editor
    editor.table.selectRow(1)
    editor.add_action.trigger()  # a new block after the selected one
    QApplication.processEvents()
    assert shown == []
    plan = timeplan.load_plan(window.context.db, OPENING)
    inserted = plan.blocks[2]
    assert runner.plan.blocks[2].id == inserted.id and runner.run.current == 1
    panel = session_page.run_panel
    panel.refresh()
    assert inserted.title in panel.next_label.text()
    assert panel.result.rowCount() == len(plan.blocks) + 1  # the plan-against-actual follows it too
    assert panel.result.item(2, 0).text() == inserted.title
    runner.clock.advance(10)
    runner.actions["next"].trigger()
    assert runner.run.current == 2
    runner.run = runner.plan = None  # the laptop dies: taken up on the new plan
    assert runner.load(OPENING)
    assert runner.run.current == 2 and runner.is_live()


def test_a_block_removed_before_the_current_one_leaves_the_run_on_its_plan(
    window, session_page, answers, monkeypatch
):
    runner = start(window, session_page)
    shown = messages(monkeypatch)
    for _n in range(2):
        runner.clock.advance(5)
        runner.actions["next"].trigger()
    editor = session_page.plan_editor
    editor.table.selectRow(0)
    editor.remove_action.trigger()
    assert "planen slik den var" in shown[-1]
    assert runner.run.current == 2 and len(runner.run.planned_minutes) == len(runner.plan.blocks)


def test_a_run_interrupted_before_its_plan_was_changed_is_not_taken_up_on_other_blocks(
    window, session_page, answers, monkeypatch
):
    runner = start(window, session_page)
    db = window.context.db
    for _n in range(4):
        runner.clock.advance(10)
        runner.actions["next"].trigger()
    plan = timeplan.load_plan(db, OPENING)
    recorded = [(b.actual_start, b.actual_end) for b in plan.blocks]
    runner.run = runner.plan = None  # the laptop dies; after the restart a done block is removed
    timeplan.remove_blocks(db, OPENING, {plan.blocks[1].id})
    shown = messages(monkeypatch)
    assert runner.load(OPENING)
    assert "Tidsplanen er endret siden kjøringen ble avbrutt" in shown[-1]
    assert "Fortsette kjøringen?" not in answers
    assert runner.run.current == 0 and not runner.is_live()  # ready to start anew (P asks first)
    after = {b.id: (b.actual_start, b.actual_end) for b in timeplan.load_plan(db, OPENING).blocks}
    assert all(after[b.id] == times for b, times in zip(plan.blocks, recorded, strict=True) if b.id in after)


def test_a_block_removed_during_the_run_and_brought_back_by_undo_can_be_resumed(
    window, session_page, answers, monkeypatch
):
    runner = start(window, session_page)
    messages(monkeypatch)
    runner.clock.advance(10)
    runner.actions["next"].trigger()  # on the second block
    editor = session_page.plan_editor
    editor.table.selectRow(1)
    editor.remove_action.trigger()
    window.undo_action.trigger()  # the same block again
    runner.clock.advance(10)
    runner.actions["next"].trigger()
    runner.run = runner.plan = None  # the laptop dies
    assert runner.load(OPENING)
    assert "Fortsette kjøringen?" in answers
    assert runner.run.current == 2 and runner.is_live()


def test_a_run_not_started_yet_takes_the_plan_as_it_is_when_started(set_cell, window, session_page, answers):
    runner = window.context.runner
    editor = session_page.plan_editor
    editor.run_action.trigger()  # ready, not started
    session_page.tabs.setCurrentWidget(editor)
    set_cell(editor, editor.model.index(0, PlanModel.MINUTES), 45)
    runner.actions["toggle"].trigger()
    assert runner.run.remaining_seconds() == 45 * 60
    runner.actions["finish"].trigger()

    editor.run_action.trigger()
    session_page.tabs.setCurrentWidget(editor)
    editor.table.selectRow(0)
    first = editor.current_block()
    editor.remove_action.trigger()
    assert runner.plan.blocks[0].id != first.id
    assert len(runner.run.planned_minutes) == len(runner.plan.blocks)


def test_a_prepared_run_follows_its_plan_emptied_and_filled_again_and_goes_with_its_session(
    window, session_page, answers
):
    from desktop.services import cohorts
    from desktop.ui.commands import DeleteCommand, PlanCommand

    runner = window.context.runner
    session_page.plan_editor.run_action.trigger()  # prepared, not started
    window.context.perform(PlanCommand("Tøm", OPENING, lambda db: timeplan.set_plan(db, OPENING, ())))
    assert runner.run is None and not runner.actions["toggle"].isEnabled()
    window.undo_action.trigger()  # the blocks are back: P starts the run again
    assert runner.run is not None and runner.actions["toggle"].isEnabled()
    assert len(runner.run.planned_minutes) == len(timeplan.load_plan(window.context.db, OPENING).blocks)
    window.context.perform(DeleteCommand("Slett", lambda db: cohorts.delete_session(db, OPENING)))
    assert runner.run is None and runner.plan is None  # no crash, nothing left to run


def test_page_down_in_a_text_being_written_pages_the_text_not_the_run(window, session_page, answers, qtbot):
    runner = start(window, session_page)
    notes = session_page.plan_editor.notes
    session_page.tabs.setCurrentWidget(session_page.plan_editor)
    session_page.plan_editor.table.selectRow(0)
    window.activateWindow()
    assert notes.isVisible()
    notes.setPlainText("\n".join(f"Linje {n}" for n in range(200)))
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    assert not runner.actions["next"].isEnabled()  # PgDn is the text's: it pages through it
    qtbot.keyClick(notes, Qt.Key.Key_PageDown)
    assert runner.run.current == 0 and notes.textCursor().blockNumber() > 0
    window.navigator.tree.setFocus()
    qtbot.waitUntil(window.navigator.tree.hasFocus)
    assert runner.actions["next"].isEnabled()  # a clicker's PgDn anywhere else: the next block
    runner.actions["next"].trigger()
    assert runner.run.current == 1


def start_with_yes(window, page, monkeypatch):
    monkeypatch.setattr("desktop.ui.run_mode.ask", lambda *a: True)
    return start(window, page)


def test_minutes_edited_during_the_run_reach_the_countdown(set_cell, window, session_page, answers):
    runner = start(window, session_page)
    editor = session_page.plan_editor
    second = timeplan.load_plan(window.context.db, OPENING).blocks[1]
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), second.minutes + 10)
    runner.actions["next"].trigger()
    assert runner.run.remaining_seconds() == (second.minutes + 10) * 60


def test_rebalance_the_rest_of_the_day_after_an_overrun(window, session_page, answers):
    runner = start(window, session_page)
    first = timeplan.load_plan(window.context.db, OPENING).blocks[0]
    runner.clock.advance(first.minutes + 30)
    assert runner.rebalance_rest()
    plan = timeplan.load_plan(window.context.db, OPENING)
    assert runner.run.planned_minutes == tuple(b.minutes for b in plan.blocks)
    assert window.undo_action.text() == "Angre Fordel resten av dagen"


def test_rebalancing_the_rest_of_a_rehearsal_on_another_day_keeps_a_plan_on_time(
    window, session_page, answers
):
    runner = window.context.runner
    runner.clock.value = datetime(2030, 1, 7, 18, 0).astimezone().astimezone(UTC)  # not the session's day
    before = timeplan.load_plan(window.context.db, OPENING)
    start(window, session_page)
    runner.clock.advance(2)  # two minutes into the first block: on plan
    assert runner.rebalance_rest()
    after = timeplan.load_plan(window.context.db, OPENING)
    assert [b.minutes for b in after.blocks] == [b.minutes for b in before.blocks]  # nothing to make up


def test_the_run_tab_of_another_session_names_the_running_one(window, session_page, answers):
    runner = start(window, session_page)
    window.navigator.select(node_key("session", INSIGHT))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.run_panel)
    assert "En annen samling kjøres nå" in page.run_panel.block_title.text()
    assert runner.plan.session_id == OPENING


def test_opening_the_run_tab_prepares_its_own_session(window, session_page, answers):
    session_page.tabs.setCurrentWidget(session_page.run_panel)
    assert window.context.runner.plan.session_id == OPENING
    assert window.context.runner.actions["toggle"].isEnabled()


def test_plain_run_keys_are_off_until_the_run_is_going(window, session_page, answers):
    runner = window.context.runner
    session_page.plan_editor.run_action.trigger()
    assert runner.actions["toggle"].isEnabled()
    assert not runner.actions["add5"].isEnabled() and not runner.actions["next"].isEnabled()
    runner.actions["toggle"].trigger()
    assert runner.actions["add5"].isEnabled()
    assert not runner.actions["blackout"].isEnabled()  # no wall yet
    runner.show_projection()
    assert runner.actions["blackout"].isEnabled()
    runner.close()


def test_thresholds_come_from_the_kit_unless_the_settings_say_otherwise(window, session_page, answers):
    from desktop.ui.settings import RUN_CRITICAL, RUN_WARNING

    runner = window.context.runner
    session_page.plan_editor.run_action.trigger()
    assert (runner.run.warning, runner.run.critical) == (0.20, 0.05)  # the LUP kit's [run]
    runner.run = None
    runner.plan = None
    window.settings.set(RUN_WARNING, 0.3)
    window.settings.set(RUN_CRITICAL, 0.1)
    assert runner.load(OPENING)
    assert (runner.run.warning, runner.run.critical) == (0.3, 0.1)
    for own, expected in (((0.03, 0.0), (0.03, 0.03)), ((0.0, 0.25), (0.25, 0.25))):
        window.settings.set(RUN_WARNING, own[0])  # one share of one's own, on the wrong side of the kit's
        window.settings.set(RUN_CRITICAL, own[1])  # other: one's own wins, the kit's gives way
        runner.run = runner.plan = None
        assert runner.load(OPENING)
        assert (runner.run.warning, runner.run.critical) == expected


def test_closing_during_a_run_asks(window, session_page, monkeypatch):
    start_with_yes(window, session_page, monkeypatch)
    monkeypatch.setattr("desktop.ui.context.ask", lambda *a: False)
    window.close()
    assert window.isVisible()  # stayed open
    window.context.runner.run.finish()


def test_text_typed_in_the_details_is_kept_when_a_toolbar_button_is_clicked(window, session_page, qtbot):
    editor = session_page.plan_editor
    editor.table.setCurrentIndex(editor.model.index(2, PlanModel.TITLE))
    block = editor.current_block()
    editor.notes.moveCursor(editor.notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.notes, " Husk flippover.")  # typed; focus never leaves the field
    editor.duplicate_action.trigger()  # a toolbar button takes no focus
    stored = next(b for b in timeplan.load_plan(window.context.db, OPENING).blocks if b.id == block.id)
    assert stored.notes == block.notes + " Husk flippover."


def test_summary_does_not_say_on_time_when_blocks_overlap(set_cell, window, session_page):
    editor = session_page.plan_editor
    first = timeplan.load_plan(window.context.db, OPENING).blocks[0]
    set_cell(editor, editor.model.index(0, PlanModel.MINUTES), first.minutes + 45)
    assert "overlapper" in editor.summary.text()


def test_a_session_run_on_its_day_knows_its_end_and_its_pinned_blocks(window, session_page, answers):
    from datetime import date, time

    db = window.context.db
    plan = timeplan.load_plan(db, OPENING)
    lunch = next(b for b in plan.blocks if b.pinned_start is not None)
    runner = window.context.runner
    runner.clock.value = datetime.combine(plan.date, time(8, 30)).astimezone()  # the morning of the day
    assert runner.load(OPENING)
    pins = runner.run.pinned_starts
    index = [b.id for b in plan.blocks].index(lunch.id)
    assert pins[index] is not None and pins[index].time() == lunch.pinned_start
    assert pins[index].date() == plan.date and pins[index].tzinfo is not None
    assert sum(p is not None for p in pins) == sum(b.pinned_start is not None for b in plan.blocks)
    assert runner.run.planned_end.time() == plan.end
    runner.toggle()  # started; the lunch is moved half an hour while it runs
    later = (datetime.combine(plan.date, lunch.pinned_start) + timedelta(minutes=30)).time()
    timeplan.update_block(db, OPENING, lunch.id, pinned_start=later)
    runner.plan_changed()
    assert runner.run.pinned_starts[index].time() == later
    runner.run.finish()
    runner.run = None
    runner.plan = None
    run_service.clear_run(db, OPENING)
    runner.clock.value = datetime.combine(date(2030, 1, 7), time(8, 30)).astimezone()  # another day
    assert runner.load(OPENING)
    assert set(runner.run.pinned_starts) == {None} and runner.run.planned_end is None


def test_a_number_typed_in_the_plan_during_the_run_is_the_blocks_minutes(
    window, session_page, answers, qtbot
):
    """During a live run, 5 typed in the plan's minutes cell writes 5 there (it gave the current block
    +5 min and left the cell alone); outside the table 5 is still +5 min."""
    runner = start(window, session_page)
    editor = session_page.plan_editor
    session_page.tabs.setCurrentWidget(editor)
    window.activateWindow()
    table = editor.table
    table.setCurrentIndex(editor.model.index(2, PlanModel.MINUTES))
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    left = runner.run.remaining_seconds()
    qtbot.keyClicks(table, "5")
    assert QApplication.focusWidget().text() == "5"  # the cell's editor took the digit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # committed (queued)
    QApplication.processEvents()  # the edit is stored
    assert QApplication.focusWidget() is table  # the arrow keys go on in the table
    assert runner.run.remaining_seconds() == left
    assert timeplan.load_plan(window.context.db, OPENING).blocks[2].minutes == 5
    qtbot.keyClicks(table, "p")  # the letters stay the run's: P pauses, also from the table
    assert runner.run.status is RunStatus.PAUSED
    runner.actions["toggle"].trigger()
    window.navigator.tree.setFocus()
    qtbot.waitUntil(window.navigator.tree.hasFocus)
    runner.actions["add5"].trigger()
    assert runner.run.remaining_seconds() == left + 5 * 60


def test_the_walls_clock_goes_on_while_the_run_is_paused_and_says_so(window, session_page, answers):
    """A paused run sent no more ticks: the wall's clock stood at the minute of the pause, and nothing
    said the countdown was paused."""
    runner = start(window, session_page)
    runner.show_projection()
    runner.actions["toggle"].trigger()  # pause
    wall = runner.projection
    before = wall.state.heading
    assert before.endswith("· pause")
    runner.clock.advance(2)
    runner.wall_clock.timeout.emit()  # the wall's slow clock
    assert wall.state.heading != before and wall.state.heading.endswith("· pause")
    runner.close()


def test_t_without_a_run_shows_the_time_not_an_empty_wall(window, answers):
    runner = window.context.runner
    runner.show_projection()
    runner.show_timer()
    assert runner.projection.state.heading  # the time of day
    runner.close()


def test_a_run_left_unfinished_is_offered_again_at_the_next_start(window, session_page, answers):
    """Closed mid-run and opened again: the app opened at the last selection with no run loaded, and PgDn
    did nothing, with no word; now the session's «Kjøring» opens and asks to go on."""
    from datetime import UTC, datetime, timedelta

    from desktop.services.run import interrupted_run

    runner = start(window, session_page)
    runner.actions["next"].trigger()
    runner.run = runner.plan = None  # the program is closed
    window.navigator.select(node_key("cohort", demo_id("cohort", "LUP 3")))
    assert interrupted_run(window.context.db, datetime.now(UTC))[0] == OPENING
    assert interrupted_run(window.context.db, datetime.now(UTC) + timedelta(days=2)) is None  # long ago
    window._offer_interrupted_run()
    assert "Fortsette kjøringen?" in answers
    page = window.workspace.current_page()
    assert page.tabs.currentWidget() is page.run_panel
    assert runner.is_live() and runner.run.current == 1
    runner.actions["finish"].trigger()
    assert interrupted_run(window.context.db, datetime.now(UTC)) is None


def test_no_to_going_on_is_not_asked_again_at_every_start(window, session_page, monkeypatch):
    """«Nei» to «Fortsette kjøringen?» recorded nothing: each start within 12 hours jumped to the session
    and asked again."""
    asked: list[str] = []

    def answer(_parent, title, _question) -> bool:
        asked.append(title)
        return title != "Fortsette kjøringen?"  # «Nei» to going on; «Ja» to running it again

    monkeypatch.setattr("desktop.ui.run_mode.ask", answer)
    runner = window.context.runner
    session_page.plan_editor.run_action.trigger()
    runner.actions["toggle"].trigger()
    runner.actions["next"].trigger()
    runner.run = runner.plan = None  # the program is closed
    window._offer_interrupted_run()  # «Nei»
    assert asked.count("Fortsette kjøringen?") == 1 and not runner.is_live()
    runner.run = runner.plan = None
    window.navigator.select(node_key("cohort", demo_id("cohort", "LUP 3")))
    window._offer_interrupted_run()  # the next start
    assert asked.count("Fortsette kjøringen?") == 1
    assert window.current_key() == node_key("cohort", demo_id("cohort", "LUP 3"))


def test_the_run_tab_of_a_session_run_before_shows_how_it_went(window, session_page, answers):
    """The tab prepared a new run and hid the stored plan-against-actual: a past session's «Kjøring» said
    «Ikke startet» and nothing about the day it was run."""
    assert timeplan.recorded_actuals(timeplan.load_plan(window.context.db, OPENING))  # the demo ran it
    panel = session_page.run_panel
    session_page.tabs.setCurrentWidget(panel)
    assert window.context.runner.run.status is RunStatus.READY
    assert not panel.result.isHidden() and "sist" in panel.result_label.text()
    assert panel.result.item(0, 2).text() != ""  # the actual minutes of the first block
    start(window, session_page)  # a new run: its own record, from its start
    assert panel.result_label.text() == "Plan mot faktisk"
    assert panel.result.item(0, 2).text() in ("", "pågår")


def test_ctrl_z_after_a_wrong_five_takes_the_time_back(set_cell, window, session_page, answers, monkeypatch):
    """A «5» pressed by mistake could not be taken back, and Ctrl+Z undid an earlier plan edit instead."""
    told: list[str] = []
    monkeypatch.setattr("desktop.ui.context.show_error", lambda _parent, message, *_a: told.append(message))
    editor = session_page.plan_editor
    runner = start(window, session_page)
    set_cell(editor, editor.model.index(2, PlanModel.TITLE), "Kaffe og kake")
    allotted = runner.run.allotted_seconds()
    runner.actions["add5"].trigger()
    assert runner.run.allotted_seconds() == allotted + 300
    window.undo_action.trigger()
    assert runner.run.allotted_seconds() == allotted
    assert timeplan.load_plan(window.context.db, OPENING).blocks[2].title == "Kaffe og kake"  # left alone
    window.redo_action.trigger()
    assert runner.run.allotted_seconds() == allotted + 300
    assert [e.minutes for e in run_service.stored_events(window.context.db, OPENING) if e.kind == "add"] == [
        5,
        -5,
        5,
    ]
    runner.actions["next"].trigger()  # once the run has moved on, the time stays with its block
    window.undo_action.trigger()
    QApplication.processEvents()
    assert runner.run.current == 1 and "ikke lenger i gang" in told[-1]
    assert timeplan.load_plan(window.context.db, OPENING).blocks[2].title == "Kaffe og kake"


def test_a_plan_past_the_sessions_end_is_marked_and_said(set_cell, window, session_page):
    """A last block ending at 16:10 in a session until 15:30 was only «40 min for lang» in plain text."""
    from desktop.ui.timeplan_editor import OVERLAP

    editor = session_page.plan_editor
    plan = timeplan.load_plan(window.context.db, OPENING)
    last = len(plan.blocks) - 1
    set_cell(editor, editor.model.index(last, PlanModel.MINUTES), plan.blocks[last].minutes + 40)
    assert "over samlingens slutt" in editor.warnings.text() and not editor.warnings.isHidden()
    index = editor.model.index(last, PlanModel.TITLE)
    assert editor.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == OVERLAP
    assert "Slutter etter samlingens slutt" in editor.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert editor.model.data(editor.model.index(0, PlanModel.TITLE), Qt.ItemDataRole.BackgroundRole) is None


def test_the_run_tab_says_when_the_day_will_end_at_this_pace(window, session_page, answers):
    plan = timeplan.load_plan(window.context.db, OPENING)
    runner = window.context.runner
    runner.clock.value = datetime.combine(plan.date, plan.start).astimezone()
    start(window, session_page)
    runner.actions["add5"].trigger()
    panel = session_page.run_panel
    panel.refresh()
    planned_end = f"{plan.end:%H:%M}"
    later = (datetime.combine(plan.date, plan.end) + timedelta(minutes=5)).time()
    assert f"ferdig ca. {later:%H:%M} (planlagt {planned_end})" in panel.behind.text()
