"""The time-plan editor and run mode through the window, offscreen, with a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from desktop.services import timeplan
from desktop.services.demo import demo_id
from desktop.services.demo_content import SESSION_PLAN
from desktop.ui.commands import PlanCommand
from desktop.ui.navigator import node_key
from desktop.ui.timeplan_editor import MIME, PlanModel

OPENING = demo_id("session", f"LUP 3:{SESSION_PLAN[0][1]}")
INSIGHT = demo_id("session", f"LUP 3:{SESSION_PLAN[1][1]}")


class FakeClock:
    def __init__(self) -> None:
        self.value = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.value

    def advance(self, minutes: float) -> None:
        self.value += timedelta(minutes=minutes)


@pytest.fixture
def rerun_answers(monkeypatch):
    """Answers the question about running a session again (the demo's sessions have been run)."""
    asked: list[str] = []

    def answer(parent, title, question) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr("desktop.ui.run_mode.ask", answer)
    return asked


@pytest.fixture
def editor(window):
    window.navigator.select(node_key("session", OPENING))
    page = window.workspace.current_page()
    assert page.tabs.tabText(0) == "Tidsplan"
    return page.plan_editor


def test_the_demo_session_shows_its_kit_plan_ending_on_time(editor, window):
    plan = timeplan.load_plan(window.context.db, OPENING)
    assert editor.model.rowCount() == len(plan.blocks) > 5
    assert editor.model.index(0, PlanModel.START).data() == "08:30"
    assert "slutter i tide" in editor.summary.text()
    lunch = next(i for i, b in enumerate(plan.blocks) if b.pinned_start)
    assert editor.model.index(lunch, PlanModel.START).data() == "11:30"
    assert editor.model.index(0, PlanModel.ACTUAL).data() is not None  # the demo session was run


def test_the_actual_column_shows_the_running_time_without_pauses(editor, window):
    from dataclasses import replace

    plan = timeplan.load_plan(window.context.db, OPENING)
    start = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
    paused = replace(
        plan.blocks[0], actual_start=start, actual_end=start + timedelta(minutes=47), actual_seconds=17 * 60
    )
    older = replace(
        plan.blocks[1], actual_start=start, actual_end=start + timedelta(minutes=12), actual_seconds=None
    )
    editor.model.set_plan(replace(plan, blocks=(paused, older, *plan.blocks[2:])), {})
    assert editor.model.index(0, PlanModel.ACTUAL).data() == 17  # 47 on the clock, 30 of them paused
    assert editor.model.index(1, PlanModel.ACTUAL).data() == 12  # a record without running time


def test_edit_minutes_shows_the_overlap_at_lunch_and_undo(set_cell, editor, window):
    db = window.context.db
    before = timeplan.load_plan(db, OPENING)
    set_cell(editor, editor.model.index(0, PlanModel.MINUTES), before.blocks[0].minutes + 10)
    assert timeplan.load_plan(db, OPENING).blocks[0].minutes == before.blocks[0].minutes + 10
    assert "overlapper" in editor.warnings.text() and not editor.warnings.isHidden()
    assert window.undo_action.text() == "Angre Endre minutter"
    window.undo_action.trigger()
    assert timeplan.load_plan(db, OPENING) == before
    assert editor.warnings.isHidden()


def test_zero_minutes_is_refused_under_the_table(set_cell, editor, window):
    db = window.context.db
    before = timeplan.load_plan(db, OPENING)
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), 0)
    assert "større enn null" in editor.error_label.text() and not editor.error_label.isHidden()
    assert timeplan.load_plan(db, OPENING) == before
    assert window.context.undo_stack.count() == 0


def test_drag_a_block_to_another_place_and_undo(editor, window):
    db = window.context.db
    names = [b.title for b in timeplan.load_plan(db, OPENING).blocks]
    data = QMimeData()
    data.setData(MIME, b"0")
    editor.model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [b.title for b in timeplan.load_plan(db, OPENING).blocks] == names[1:3] + names[:1] + names[3:]
    assert editor.current_block().title == names[0]  # the moved block stays selected
    window.undo_action.trigger()
    assert [b.title for b in timeplan.load_plan(db, OPENING).blocks] == names


def test_drag_several_selected_blocks_moves_them_together_in_one_undo(editor, window):
    db = window.context.db
    names = [b.title for b in timeplan.load_plan(db, OPENING).blocks]
    editor.select_blocks([timeplan.load_plan(db, OPENING).blocks[r].id for r in (0, 2)])
    dragged = editor.model.mimeData(editor.table.selectionModel().selectedIndexes())
    editor.model.dropMimeData(dragged, Qt.DropAction.MoveAction, 5, 0, QModelIndex())
    moved = [b.title for b in timeplan.load_plan(db, OPENING).blocks]
    assert moved == [names[1], names[3], names[4], names[0], names[2], *names[5:]]
    assert sorted(editor.selected_rows()) == [3, 4]  # they stay selected
    assert window.context.undo_stack.undoText().endswith("2 blokker")
    window.undo_action.trigger()
    assert [b.title for b in timeplan.load_plan(db, OPENING).blocks] == names


def test_ctrl_up_and_down_move_the_selection_one_place(editor, window):
    db = window.context.db
    names = [b.title for b in timeplan.load_plan(db, OPENING).blocks]
    editor.select_blocks([timeplan.load_plan(db, OPENING).blocks[r].id for r in (1, 2)])
    editor.up_action.trigger()
    assert [b.title for b in timeplan.load_plan(db, OPENING).blocks][:3] == [names[1], names[2], names[0]]
    assert editor.selected_rows() == [0, 1]
    editor.up_action.trigger()  # at the top already: nothing happens
    assert window.context.undo_stack.count() == 1
    editor.down_action.trigger()
    assert [b.title for b in timeplan.load_plan(db, OPENING).blocks] == names


def test_keyboard_add_duplicate_remove(editor, window, qtbot):
    db = window.context.db
    count = len(timeplan.load_plan(db, OPENING).blocks)
    editor.table.setFocus()
    editor.select_block(timeplan.load_plan(db, OPENING).blocks[2].id)
    editor.duplicate_action.trigger()
    assert len(timeplan.load_plan(db, OPENING).blocks) == count + 1
    editor.remove_action.trigger()
    editor.remove_action.trigger()
    assert len(timeplan.load_plan(db, OPENING).blocks) == count - 1
    for _ in range(3):
        window.undo_action.trigger()
    assert len(timeplan.load_plan(db, OPENING).blocks) == count


def test_rebalance_after_an_overrun(set_cell, editor, window):
    db = window.context.db
    first = timeplan.load_plan(db, OPENING).blocks[0]
    set_cell(editor, editor.model.index(0, PlanModel.MINUTES), first.minutes + 20)
    editor.table.setCurrentIndex(editor.model.index(1, PlanModel.TITLE))
    editor.rebalance_action.trigger()
    schedule = timeplan.load_plan(db, OPENING).schedule()
    assert schedule.on_time
    assert "slutter i tide" in editor.summary.text()


def test_rebalancing_after_lunch_does_not_blame_a_gap_before_it(set_cell, editor, window):
    db = window.context.db
    plan = timeplan.load_plan(db, OPENING)
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), plan.blocks[1].minutes - 10)  # a gap
    editor.table.selectRow(len(plan.blocks) - 1)  # after lunch: the gap is not in the stretch it resizes
    editor.rebalance_action.trigger()
    assert not editor.error_label.isVisibleTo(editor)
    assert "hull" in editor.summary.text()  # the gap itself is still named

    editor.table.selectRow(0)
    set_cell(editor, editor.model.index(0, PlanModel.MINUTES), 600)  # the morning cannot hold this
    editor.table.selectRow(1)
    editor.rebalance_action.trigger()
    assert editor.error_label.isVisibleTo(editor)
    assert "Dagen får ikke plass" in editor.error_label.text()


def test_rebalancing_where_only_breaks_and_pinned_blocks_follow_says_so(editor, window):
    from desktop.domain.kit import BlockCategory

    db = window.context.db
    blocks = (
        timeplan.new_block("Innlegg", 300),
        timeplan.new_block("Øvelse", 200),
        timeplan.new_block("Pause", 15, category=BlockCategory.BREAK),
    )
    editor.context.perform(PlanCommand("Ny plan", OPENING, lambda d: timeplan.set_plan(d, OPENING, blocks)))
    editor.table.selectRow(2)
    editor.rebalance_action.trigger()
    assert "Ingen blokker fra «Pause»" in editor.error_label.text() and editor.error_label.isVisibleTo(editor)
    assert [b.minutes for b in timeplan.load_plan(db, OPENING).blocks] == [300, 200, 15]


def test_pin_a_block_from_the_details(editor, window):
    db = window.context.db
    editor.table.setCurrentIndex(editor.model.index(2, PlanModel.TITLE))
    block = editor.current_block()
    assert block.pinned_start is None
    editor.pin_box.setChecked(True)
    stored = next(b for b in timeplan.load_plan(db, OPENING).blocks if b.id == block.id)
    assert stored.pinned_start is not None


def test_plan_from_a_kit_template_through_the_dialog(editor, window, dialogs):
    db = window.context.db

    def choose(dialog) -> None:
        combo = dialog.fields["template"]
        combo.setCurrentIndex(next(i for i in range(combo.count()) if "Prototyping" in combo.itemText(i)))

    dialogs.answer(choose)
    editor.from_kit_action.trigger()
    plan = timeplan.load_plan(db, OPENING)
    assert plan.template_id == "prototyping"
    window.undo_action.trigger()
    assert timeplan.load_plan(db, OPENING).template_id == "oppstart"


def test_run_the_session_with_a_fake_clock(editor, window, rerun_answers):
    db = window.context.db
    runner = window.context.runner
    clock = FakeClock()
    runner.clock = clock
    page = window.workspace.current_page()
    plan = timeplan.load_plan(db, OPENING)
    editor.run_action.trigger()
    assert page.tabs.currentWidget() is page.run_panel
    runner.actions["toggle"].trigger()  # start (after saying yes to replacing the demo's record)
    assert rerun_answers and "kjørt før" in rerun_answers[0]
    assert timeplan.load_plan(db, OPENING).blocks[1].actual_start is None  # the old record is gone
    panel = page.run_panel
    first = plan.blocks[0].minutes
    assert panel.countdown.text() == f"{first:02d}:00"
    clock.advance(first * 0.85)  # 15 % left: orange
    runner._tick()
    assert "#e67e00" in panel.countdown.styleSheet()
    clock.advance(first * 0.25)  # over time: red, counting up
    runner._tick()
    assert panel.countdown.text().startswith("+")
    assert "bak planen" in panel.behind.text()
    runner.actions["next"].trigger()
    assert panel.block_title.text().startswith(f"2/{len(plan.blocks)}")
    runner.actions["add5"].trigger()
    assert panel.countdown.text() == f"{plan.blocks[1].minutes + 5:02d}:00"
    # Recorded at once: the first block's actual time is stored.
    stored = timeplan.load_plan(db, OPENING).blocks[0]
    assert stored.actual_start is not None and stored.actual_end is not None
    assert round((stored.actual_end - stored.actual_start).total_seconds() / 60) == round(first * 1.1)


def test_declining_to_run_again_keeps_the_record(editor, window, monkeypatch):
    monkeypatch.setattr("desktop.ui.run_mode.ask", lambda *a: False)
    before = timeplan.load_plan(window.context.db, OPENING)
    editor.run_action.trigger()
    window.context.runner.actions["toggle"].trigger()
    assert window.context.runner.run.status.value == "ready"
    assert timeplan.load_plan(window.context.db, OPENING) == before


def test_projection_shows_the_current_block_and_blackout(editor, window, rerun_answers):
    runner = window.context.runner
    runner.clock = FakeClock()
    editor.run_action.trigger()
    runner.actions["toggle"].trigger()
    runner.show_projection()
    projection = runner.projection
    assert projection.isVisible()
    plan = timeplan.load_plan(window.context.db, OPENING)
    assert projection.state.title == plan.blocks[0].title
    runner.actions["blackout"].trigger()
    assert projection.blackout
    runner.actions["blackout"].trigger()
    assert not projection.blackout
    runner.close()


def test_run_keys_work_while_the_wall_window_has_focus(editor, window, rerun_answers, qtbot):
    runner = window.context.runner
    runner.clock = FakeClock()
    editor.run_action.trigger()
    runner.actions["toggle"].trigger()
    runner.show_projection()
    projection = runner.projection
    projection.activateWindow()
    projection.setFocus()
    qtbot.waitUntil(projection.isActiveWindow)
    qtbot.keyClick(projection, Qt.Key.Key_B)
    assert projection.blackout  # toggled once, not twice (shortcut and window both listening)
    qtbot.keyClick(projection, Qt.Key.Key_B)
    assert not projection.blackout
    qtbot.keyClick(projection, Qt.Key.Key_PageDown)
    assert runner.run.current == 1
    runner.close()


def test_method_card_browser_adds_to_the_plan_and_shows_on_the_wall(editor, window):
    db = window.context.db
    before = len(timeplan.load_plan(db, OPENING).blocks)
    window.methods_dock.show()
    browser = window.methods_dock.widget()
    assert browser is not None and browser.can_add
    assert browser.select("lup", "brukerreise")
    editor.table.setCurrentIndex(editor.model.index(1, PlanModel.TITLE))
    browser.add_to_plan.emit("lup", "brukerreise")
    plan = timeplan.load_plan(db, OPENING)
    assert len(plan.blocks) == before + 1
    added = plan.blocks[2]
    assert added.method_id == "brukerreise" and added.title == "Brukerreise"
    assert editor.model.index(2, PlanModel.METHOD).data() == "Brukerreise"
    window.undo_action.trigger()
    assert len(timeplan.load_plan(db, OPENING).blocks) == before

    browser.show_on_wall.emit("Brukerreise", [("Hensikt", "Snu blikket")])
    projection = window.context.runner.projection
    assert projection.isVisible() and projection.showing_card
    window.context.runner._tick()  # the countdown's tick leaves the card alone
    assert projection.showing_card

    runner = window.context.runner
    runner.show_timer()
    runner.toggle_freeze()  # a card chosen while the wall is frozen is shown on unfreezing
    browser.show_on_wall.emit("Papirprototype", [("Hensikt", "Test en idé")])
    runner._tick()
    runner.toggle_freeze()
    assert projection.showing_card and projection.current_image is None
    runner.show_timer()
    runner.toggle_freeze()  # frozen, then the run finishes: unfreezing shows the finished run
    runner.toggle()
    runner._do(lambda run: run.finish())
    runner.toggle_freeze()
    assert projection.state == runner.projection_state()
    window.context.runner.close()


def test_cards_cannot_be_added_when_no_session_is_selected(window):
    window.navigator.select(node_key("cohort", demo_id("cohort", "LUP 3")))
    window.methods_dock.show()
    assert not window.methods_dock.widget().can_add


def test_the_facilitators_own_copy_of_a_kit_wins_and_kits_are_read_again(window):
    import shutil
    from pathlib import Path

    own = window.context.db.data_dir / "kits" / "lup"
    shutil.copytree(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup", own)
    path = own / "kit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "', 'name = "Min ', 1), encoding="utf-8")
    window.context.reload_kits()
    assert window.context.kit("lup").name.startswith("Min ")


def test_a_template_made_for_other_hours_asks_to_take_them(editor, window, dialogs, monkeypatch):
    """The opening template is made for 08:30–15:30; a session set to 09:00–15:00 is asked, and «Ja» gives
    it the template's day (the plan fits, lunch at 11:30 is not run into); undo gives the old day back."""
    from datetime import time

    from desktop.services import cohorts

    db = window.context.db
    timeplan.set_plan(db, OPENING, ())
    cohorts.update_session(db, OPENING, start_time=time(9, 0), end_time=time(15, 0))
    window.context.changed.emit()
    asked: list[str] = []
    monkeypatch.setattr("desktop.ui.context.ask", lambda _p, _t, question: asked.append(question) or True)

    def choose(dialog) -> None:
        combo = dialog.fields["template"]
        assert "Oppstartsamling (08:30–15:30" in combo.currentText()  # the session's own, chosen already

    dialogs.answer(choose)
    editor.from_kit_action.trigger()
    assert asked and "08:30–15:30" in asked[0] and "09:00–15:00" in asked[0]
    plan = timeplan.load_plan(db, OPENING)
    assert (plan.start, plan.end) == (time(8, 30), time(15, 30)) and plan.schedule().on_time
    window.undo_action.trigger()
    plan = timeplan.load_plan(db, OPENING)
    assert (plan.start, plan.end, plan.blocks) == (time(9, 0), time(15, 0), ())


def test_a_title_typed_then_another_session_clicked_is_stored_in_its_own_session(window, qtbot):
    """The cell's edit is stored after its editor closes; a click on another session closed it, and the
    edit went to the session shown by then: nothing matched, and the title was lost without a word."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.services.demo_content import SESSION_PLAN

    insight = demo_id("session", f"LUP 3:{SESSION_PLAN[1][1]}")
    window.navigator.select(node_key("session", insight))  # so the tree shows it
    window.navigator.select(node_key("session", OPENING))
    page = window.workspace.current_page()
    editor = page.plan_editor
    page.tabs.setCurrentWidget(editor)
    window.activateWindow()
    index = editor.model.index(1, PlanModel.TITLE)
    editor.table.setCurrentIndex(index)
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    editor.table.edit(index)
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "Ny tittel")
    nav = window.navigator
    item = nav._items[node_key("session", insight)]
    rect = nav.tree.visualRect(nav.proxy.mapFromSource(item.index()))
    qtbot.mouseClick(nav.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for _ in range(3):
        QApplication.processEvents()
    assert window.current_key() == node_key("session", insight)
    assert timeplan.load_plan(window.context.db, OPENING).blocks[1].title == "Ny tittel"


def test_the_plans_toolbar_buttons_say_they_open_a_dialog_and_are_reached_by_tab(editor):
    """Qt dropped the «…» of «Fra arbeidspakke …» on the button; and the buttons took no focus."""
    from PySide6.QtCore import Qt

    button = editor.toolbar.widgetForAction(editor.from_kit_action)
    assert button.text().endswith("…")
    assert button.focusPolicy() == Qt.FocusPolicy.TabFocus


def test_minutes_typed_as_a_change_or_in_hours(set_cell, editor, window):
    """The cell was a number box: «+5» became 5 minutes and «1:30» 130, without a word."""
    db = window.context.db
    before = timeplan.load_plan(db, OPENING).blocks[1].minutes
    assert editor.model.data(editor.model.index(1, PlanModel.MINUTES), Qt.ItemDataRole.EditRole) == str(
        before
    )
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), "+5")
    assert timeplan.load_plan(db, OPENING).blocks[1].minutes == before + 5
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), "1:30")
    assert timeplan.load_plan(db, OPENING).blocks[1].minutes == 90
    set_cell(editor, editor.model.index(1, PlanModel.MINUTES), "en halvtime")
    assert "1:30" in editor.error_label.text() and not editor.error_label.isHidden()
    assert timeplan.load_plan(db, OPENING).blocks[1].minutes == 90


def test_ctrl_d_duplicates_every_selected_block_after_the_selection(editor, window):
    """With two rows selected, Ctrl+D copied only the current one."""
    db = window.context.db
    before = timeplan.load_plan(db, OPENING)
    two = [before.blocks[2].id, before.blocks[3].id]
    editor.select_blocks(two)
    editor.duplicate_action.trigger()
    after = timeplan.load_plan(db, OPENING)
    titles = [b.title for b in before.blocks]
    assert [b.title for b in after.blocks] == titles[:4] + titles[2:4] + titles[4:]
    copies = [after.blocks[4].id, after.blocks[5].id]
    assert not set(copies) & {b.id for b in before.blocks}
    assert [editor.model.block(r).id for r in editor.selected_rows()] == copies  # Ctrl+D again copies them
    window.undo_action.trigger()
    assert timeplan.load_plan(db, OPENING) == before


def test_breaks_and_lunch_stand_apart_in_the_table(editor, window):
    """Every row looked the same: the day's shape (work, break, work, lunch) did not show."""
    from desktop.domain.kit import BlockCategory
    from desktop.ui.timeplan_editor import REST

    plan = timeplan.load_plan(window.context.db, OPENING)
    slots = editor.model.schedule.blocks

    def background(row: int):
        brush = editor.model.data(editor.model.index(row, PlanModel.TITLE), Qt.ItemDataRole.BackgroundRole)
        return None if brush is None else brush.color()

    plain = [r for r, s in enumerate(slots) if not s.gap_before]  # no gap or overlap to show instead
    resting = [r for r in plain if plan.blocks[r].category in (BlockCategory.BREAK, BlockCategory.LUNCH)]
    working = [r for r in plain if plan.blocks[r].category is BlockCategory.EXERCISE]
    assert resting and working
    assert all(background(r) == REST for r in resting)
    assert all(background(r) is None for r in working)


def test_a_blocks_method_is_chosen_or_cleared_in_its_cell(set_cell, editor, window):
    """The Metode column could not be edited: a block without a card could not get one, nor lose one."""
    from desktop.ui.timeplan_editor import MethodDelegate

    db = window.context.db
    plan = timeplan.load_plan(db, OPENING)
    row = next(r for r, b in enumerate(plan.blocks) if b.method_id)
    index = editor.model.index(row, PlanModel.METHOD)
    assert editor.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    combo = MethodDelegate().createEditor(editor.table, None, index)
    assert combo.itemText(0) == "(ingen metode)" and combo.count() > 10
    set_cell(editor, index, None)
    assert timeplan.load_plan(db, OPENING).blocks[row].method_id is None
    set_cell(editor, index, "prikkvoting")
    assert timeplan.load_plan(db, OPENING).blocks[row].method_id == "prikkvoting"
    assert editor.model.data(index) == editor.model.method_titles["prikkvoting"]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert timeplan.load_plan(db, OPENING).blocks[row].method_id == plan.blocks[row].method_id
    combo.deleteLater()
