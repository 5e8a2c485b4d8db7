"""The Idéer tab of a leader group: rapid capture, themes, dot voting with its rules, the impact/effort
matrix, a journey card becoming an idea, deleting an idea that has prototypes, and the wall."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.domain import ideas as di
from desktop.domain import prototypes as dp
from desktop.domain.journey import LaneKind
from desktop.services import ideas, journeys, prototypes
from desktop.services.demo import demo_id
from desktop.ui import context as context_module
from desktop.ui.idea_matrix import MatrixScene, to_scene
from desktop.ui.idea_panel import COL_CHOSEN, COL_VOTES, IDEAS, MATRIX, VOTING
from desktop.ui.navigator import node_key
from desktop.ui.widgets import index_of

GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")


@pytest.fixture
def page(window):
    window.navigator.select(node_key("group", GROUP))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.ideas)
    return page


@pytest.fixture
def panel(page):
    return page.ideas


def board(window) -> di.Board:
    return ideas.load_board(window.context.db, GROUP)


def add(panel, text: str) -> uuid.UUID:
    panel.capture.setText(text)
    panel.add_from_capture()
    return next(i.id for i in panel.board.ideas if i.text == text)


def test_rapid_capture_keeps_the_field_and_undoes(panel, window, qtbot):
    before = board(window)
    panel.show_view(IDEAS)
    panel.capture.setFocus()
    qtbot.waitUntil(panel.capture.hasFocus)
    for text in ("Felles innkomstsamtale", "Besøksvenn fra frivilligsentralen"):
        panel.capture.setText(text)
        qtbot.keyClick(panel.capture, Qt.Key.Key_Return)
    stored = board(window)
    assert [i.text for i in stored.ideas][-2:] == [
        "Felles innkomstsamtale",
        "Besøksvenn fra frivilligsentralen",
    ]
    assert panel.capture.text() == "" and panel.capture.hasFocus()
    assert panel.selected_idea_id() == stored.ideas[-1].id
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert board(window) == before


def test_an_empty_idea_is_not_added_and_a_long_one_is_explained(panel, window):
    before = board(window)
    panel.capture.setText("   ")
    panel.add_from_capture()
    panel.capture.setText("x" * (di.IDEA_TEXT_MAX + 1))
    panel.add_from_capture()
    assert board(window) == before
    assert "500" in panel.message.text()
    assert panel.capture.text() == "x" * (di.IDEA_TEXT_MAX + 1)  # kept, so it can be shortened


def test_themes_group_ideas_and_moving_goes_across_themes(panel, window):
    first = add(panel, "Sjekkliste ved utskriving")
    panel.add_theme()
    theme = board(window).themes[-1]
    panel.tree.idea_dropped.emit(first, theme.id, 0)
    assert board(window).idea(first).theme_id == theme.id
    # Alt+↑ from the first idea of a theme moves it to the end of the theme above it.
    panel.select_idea(first)
    panel.move_selected(-1)
    stored = board(window)
    above = stored.themes[-2].id if len(stored.themes) > 1 else None
    assert stored.idea(first).theme_id == above
    window.undo_action.trigger()
    assert board(window).idea(first).theme_id == theme.id


def test_renaming_a_theme_in_the_tree(panel, window, qtbot):
    panel.add_theme()
    theme = board(window).themes[-1]
    item = next(
        panel.tree.topLevelItem(n)
        for n in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)[1] == theme.id
    )
    item.setText(0, "Bedre overganger")
    qtbot.waitUntil(lambda: board(window).theme(theme.id).title == "Bedre overganger")


def test_voting_respects_each_participants_dots(panel, window):
    idea = add(panel, "Én fast kontaktperson")
    panel.reset_votes()  # the demo's own votes may have used someone's dots already
    panel.show_view(VOTING)
    panel.select_idea(idea)
    voter = panel.view.voters[0]
    panel.voters.setCurrentRow(1)  # row 0 is the dots counted on the wall
    dots = board(window).dots
    used = board(window).used(voter.id)
    assert used == 0
    for _n in range(dots - used):
        panel.give_dot()
    stored = board(window)
    assert stored.used(voter.id) == dots
    assert stored.given(idea, voter.id) == dots - used
    # The turn passes to the next participant with dots left; back to the first, one dot too many is
    # refused, said in the panel, and nothing is stored.
    assert panel.voters.currentRow() == 2 and panel.view.voters[1].name in panel.message.text()
    panel.voters.setCurrentRow(1)  # row 0 is the dots counted on the wall
    panel.give_dot()
    assert board(window) == stored
    assert voter.name in panel.message.text() and str(dots) in panel.message.text()
    panel.take_dot()
    assert board(window).given(idea, voter.id) == dots - used - 1
    assert panel.message.text() == ""


def test_fewer_dots_than_used_is_refused_and_reset_is_undoable(panel, window):
    idea = add(panel, "Digital dagsplan")
    panel.show_view(VOTING)
    panel.select_idea(idea)
    panel.voters.setCurrentRow(1)  # row 0 is the dots counted on the wall
    panel.give_dot()
    panel.give_dot()
    used = board(window).used(panel.view.voters[0].id)
    panel.dots_spin.setValue(used - 1)
    assert board(window).dots == di.DOTS_DEFAULT
    assert panel.dots_spin.value() == di.DOTS_DEFAULT
    assert "nullstill" in panel.message.text()
    voted = board(window).votes
    panel.reset_votes()
    assert board(window).votes == ()
    window.undo_action.trigger()
    assert board(window).votes == voted


def test_the_matrix_places_by_dropping_and_by_keys(panel, window, qtbot):
    idea = add(panel, "Trene i eget hjem")
    panel.show_view(MATRIX)
    scene: MatrixScene = panel.matrix.matrix
    scene.dropped.emit([(idea, scene.place_of(to_scene(0.8, 0.2)))])
    stored = board(window).idea(idea)
    assert (stored.impact, stored.effort) == (pytest.approx(0.8), pytest.approx(0.2))
    assert stored.quadrant is di.Quadrant.QUICK_WINS
    # Dropped in the tray: off the matrix again.
    assert scene.place_of(scene.tray_rect().center()) is None
    scene.notes[idea].setSelected(True)
    panel.matrix.setFocus()
    qtbot.keyClick(panel.matrix, Qt.Key.Key_Right)
    assert board(window).idea(idea).effort == pytest.approx(0.25)
    qtbot.keyClick(panel.matrix, Qt.Key.Key_Delete)
    assert not board(window).idea(idea).placed


def test_a_pain_point_card_becomes_an_idea_linked_to_it(page, window):
    journey_panel = page.journeys
    page.tabs.setCurrentWidget(journey_panel)
    journey = journeys.load_map(window.context.db, journey_panel.map_id)
    lane = next(ln for ln in journey.lanes if ln.kind is LaneKind.PAIN_POINTS)
    card = next(c for c in journey.cards if c.lane_id == lane.id and c.idea_id is None)
    assert journey_panel.editor.ideas_enabled
    journey_panel.editor.card_to_idea.emit(card.id)
    made = next(i for i in board(window).ideas if i.source_card_id == card.id)
    assert made.text == card.text
    # The card shows that it became an idea; the idea shows where it came from.
    reloaded = journeys.load_map(window.context.db, journey_panel.map_id)
    assert next(c for c in reloaded.cards if c.id == card.id).idea_id == made.id
    page.tabs.setCurrentWidget(page.ideas)
    view = ideas.board_view(window.context.db, GROUP)
    assert view.sources[card.id].text == card.text


def test_deleting_an_idea_with_prototypes_asks_and_undo_brings_all_back(panel, window, monkeypatch):
    idea = add(panel, "Kaffetreff for nye brukere")
    prototype = dp.new_prototype(idea, "Kaffetreff", "lup", "papirprototype")
    prototypes.create_prototype(window.context.db, GROUP, prototype)
    panel.refresh()
    answers = iter([False, True])
    asked = []

    def answer(_parent, title, question):
        asked.append(question)
        return next(answers)

    monkeypatch.setattr(context_module, "ask", answer)
    assert not panel.delete_idea(idea)
    assert any(i.id == idea for i in board(window).ideas)
    assert panel.delete_idea(idea)
    assert "1 prototype" in asked[0]
    assert all(i.id != idea for i in board(window).ideas)

    def ids() -> set:
        return {p.id for p in prototypes.prototypes_of_group(window.context.db, GROUP)}

    assert prototype.id not in ids()
    window.undo_action.trigger()
    assert board(window).idea(idea).chosen
    assert prototype.id in ids()


def test_an_idea_without_prototypes_is_deleted_without_asking(panel, window):
    idea = add(panel, "Sjekkliste")
    assert panel.delete_idea(idea)  # the no_modal_dialogs fixture fails the test if it asks
    window.undo_action.trigger()
    assert board(window).idea(idea).text == "Sjekkliste"


def test_the_result_and_the_matrix_go_on_the_wall(panel, window):
    idea = add(panel, "Besøksvenn")
    panel.show_view(VOTING)
    panel.select_idea(idea)
    panel.voters.setCurrentRow(1)  # row 0 is the dots counted on the wall
    panel.give_dot()
    panel.wall_button.setChecked(True)
    wall = window.context.runner.projection
    assert wall is not None and wall.isVisible()
    ranking = panel.wall_image(1280, 720)
    assert ranking.size().width() == 1280
    panel.show_view(MATRIX)
    matrix = panel.wall_image(1280, 720)
    # The wall keeps up: the matrix image differs from the ranking, and both have ink on white.
    assert matrix != ranking
    assert QColor(matrix.pixel(5, 5)) == QColor("white")
    panel.wall_button.setChecked(False)


def test_scene_maps_points_both_ways() -> None:
    scene = MatrixScene()
    for impact, effort in ((0.0, 0.0), (1.0, 1.0), (0.25, 0.75)):
        assert scene.place_of(to_scene(impact, effort)) == (pytest.approx(impact), pytest.approx(effort))
    assert scene.place_of(QPointF(-50, -50)) == (1.0, 0.0)  # held at the edge


def test_lag_prototype_opens_the_dialog_and_shows_the_new_prototype(page, window, dialogs):
    panel = page.ideas
    idea = add(panel, "Fast kontaktperson")
    panel.select_idea(idea)
    dialogs.answer(lambda dialog: dialog.fields["title"].setText("Kontaktperson-prøve"))
    panel.prototype_button.click()
    assert page.tabs.currentWidget() is page.prototypes
    [made] = [p for p in prototypes.prototypes_of_group(window.context.db, GROUP) if p.idea_id == idea]
    assert made.title == "Kontaktperson-prøve" and made.status is dp.Status.DRAFT
    assert board(window).idea(idea).chosen


def test_an_idea_typed_by_hand_is_linked_to_a_pain_point(panel, window, dialogs):
    idea = add(panel, "Ring tilbake samme dag")
    [first, *_rest] = ideas.source_choices(window.context.db, GROUP)
    assert all(s.label for s in ideas.source_choices(window.context.db, GROUP))

    def pick(dialog) -> None:
        combo = dialog.fields["card"]
        combo.setCurrentIndex(index_of(combo, first.card_id))

    dialogs.answer(pick)
    assert panel.choose_source(idea)
    assert board(window).idea(idea).source_card_id == first.card_id
    window.undo_action.trigger()
    assert board(window).idea(idea).source_card_id is None


def test_an_idea_linked_to_a_card_in_another_lane_keeps_its_link_in_the_dialog(panel, window, dialogs):
    from desktop.domain import ideas as board_ops

    db = window.context.db
    idea = add(panel, "Ring tilbake samme dag")
    journey = journeys.load_map(db, journeys.maps_of_group(db, GROUP)[0].id)
    lane = next(ln for ln in journey.lanes if ln.kind not in (LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES))
    card = next(c for c in journey.cards if c.lane_id == lane.id)  # as if it was dragged there since
    ideas.edit_board(db, GROUP, lambda b: board_ops.set_source(b, idea, card.id))
    panel.refresh()
    shown = []
    dialogs.answer(lambda dialog: shown.append(dialog.fields["card"].currentData()))
    assert panel.choose_source(idea)
    assert shown == [card.id]  # preselected, so OK keeps it
    assert board(window).idea(idea).source_card_id == card.id


def test_ticking_taken_forward_in_the_tree_is_stored(panel, window, qtbot):
    idea = add(panel, "Velkomstpakke")
    panel.show_view(IDEAS)
    panel.select_idea(idea)
    item = panel.tree.currentItem()
    item.setCheckState(COL_CHOSEN, Qt.CheckState.Checked)  # what a click or Space on the box does
    qtbot.waitUntil(lambda: board(window).idea(idea).chosen)
    assert panel.tree.currentItem().data(0, Qt.ItemDataRole.UserRole)[1] == idea
    # Only the text can be typed in: the computed columns open no editor.
    panel.tree.setFocus()
    votes_index = panel.tree.indexFromItem(panel.tree.currentItem(), COL_VOTES)
    assert not panel.tree.edit(votes_index, QAbstractItemView.EditTrigger.DoubleClicked, None)


def test_dragging_two_notes_with_the_mouse_is_one_undo(panel, window, qtbot):
    first, second = add(panel, "Først"), add(panel, "Andre")
    panel.show_view(MATRIX)
    view = panel.matrix
    view.resize(900, 600)
    scene = view.matrix
    for idea_id in (first, second):
        scene.notes[idea_id].setSelected(True)
    start = view.mapFromScene(scene.notes[first].pos())
    end = view.mapFromScene(to_scene(0.8, 0.2))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, end)
    qtbot.waitUntil(lambda: board(window).idea(first).placed and board(window).idea(second).placed)
    window.undo_action.trigger()
    assert not board(window).idea(first).placed and not board(window).idea(second).placed


def test_a_hidden_idea_panel_leaves_the_wall_alone(page, panel, window):
    idea = add(panel, "Besøksvenn")
    panel.wall_button.setChecked(True)
    wall = window.context.runner.projection
    assert wall.current_image is not None
    window.context.runner.show_card("Metodekort", [("Hensikt", "Noe annet på veggen")])
    page.tabs.setCurrentIndex(0)  # away from the ideas
    panel.delete_idea(idea)
    window.undo_action.trigger()
    QApplication.processEvents()
    assert wall.current_image is None  # the card stays
    page.tabs.setCurrentWidget(panel)  # back to the ideas: the button says the wall is no longer theirs
    assert not panel.wall_button.isChecked()
    assert wall.current_image is None


def test_dots_counted_off_a_paper_wall_are_typed_or_added_one_by_one_and_undo(panel, window):
    idea = add(panel, "Felles morgenmøte")
    panel.reset_votes()
    panel.show_view(VOTING)
    panel.select_idea(idea)
    panel.voters.setCurrentRow(0)  # «Lapper på veggen i rommet»
    assert "veggen" in panel.voters.item(0).text()
    assert panel.counted_spin.isVisible()
    for _n in range(4):
        panel.give_dot()  # + per sticker counted: no limit of a participant's dots
    assert board(window).given(idea, None) == 4 and board(window).counted == 4
    panel.counted_spin.setValue(27)  # or type the count read off the note
    stored = board(window)
    assert stored.votes_for(idea) == 27 and stored.counted == 27
    assert all(stored.used(v.id) == 0 for v in panel.view.voters)  # nobody's own dots
    assert "27 prikker talt på lappene i rommet" in panel.votes_summary.text()
    item = next(it for it in panel.tree.findItems("Felles morgenmøte", Qt.MatchFlag.MatchRecursive))
    assert item.text(COL_VOTES) == "●●●●●●●●●●…  27"  # cut short, as in the voting table
    assert panel.votes_table.horizontalHeaderItem(2).text() == "Lapper i rommet"
    panel.take_dot()
    assert board(window).given(idea, None) == 26
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert board(window).given(idea, None) == 4
    panel.voters.setCurrentRow(1)  # a participant: the typed count is not for them
    assert not panel.counted_spin.isVisible()


def test_the_wall_button_lets_go_at_once_when_the_countdown_takes_the_wall(panel, window):
    """T brought the countdown back, and «Vis på veggen» stayed on until the next edit."""
    add(panel, "Besøksvenn")
    panel.wall_button.setChecked(True)
    assert window.context.runner.projection.current_image is not None
    window.context.runner.show_timer()
    assert not panel.wall_button.isChecked()
    window.context.runner.close()


def _board_of(n: int, places=()) -> tuple[di.Board, list[uuid.UUID]]:
    b, ids = di.Board(), []
    for k in range(n):
        ids.append(uuid.uuid4())
        b = di.add_idea(b, di.Idea(ids[-1], f"{k + 1}. Fast kontaktperson for hver familie"))
    for idea_id, (impact, effort) in zip(ids, places, strict=False):
        b = di.place(b, idea_id, impact, effort)
    return b, ids


def test_a_full_tray_leaves_the_matrix_its_size(qtbot) -> None:
    """The tray of unplaced ideas grew the scene, and the whole scene was fitted into the view: on a
    1366×768 laptop 20 waiting ideas shrank the notes' text to 4 pixels. The view fits the matrix with the
    tray at its height; a fuller tray is scrolled, its notes inside its box."""
    from desktop.ui.idea_matrix import MatrixView

    view = MatrixView()
    qtbot.addWidget(view)
    view.resize(945, 540)
    view.show()
    empty, _ids = _board_of(0)
    view.set_board(empty)
    alone = view.mapFromScene(0, view.matrix.h).y() - view.mapFromScene(0, 0).y()
    full, _ids = _board_of(40)
    view.set_board(full)
    QApplication.processEvents()
    height = view.mapFromScene(0, view.matrix.h).y() - view.mapFromScene(0, 0).y()
    assert height >= 0.8 * view.viewport().height() and height >= 0.95 * alone
    tray = view.matrix.tray_rect()
    assert all(
        tray.left() <= n.sceneBoundingRect().left() < n.sceneBoundingRect().right() <= tray.right()
        for n in view.matrix.notes.values()
    )
    assert view.verticalScrollBar().maximum() > 0  # the rest of the tray is scrolled to


def test_notes_on_the_wall_stay_inside_the_matrix_and_show_their_first_lines(qapp) -> None:
    """On the wall a note at an edge was cut («erst til venstre»), and ideas on one spot covered each
    other whole."""
    corners = [(1.0, 0.0), (0.0, 1.0), (0.0, 0.0), (1.0, 1.0)]
    b, ids = _board_of(7, corners + [(0.5, 0.5)] * 3)
    scene = MatrixScene(wall=True)
    scene.set_board(b)
    inside = scene.sceneRect()
    for idea_id in ids:
        box = scene.notes[idea_id].sceneBoundingRect()
        assert box.left() + 4 >= 0 and box.right() - 4 <= scene.w and box.top() + 4 >= 0
        assert box.bottom() - 4 <= scene.h and inside.contains(box)
    stacked = sorted(scene.notes[i].sceneBoundingRect().top() for i in ids[4:])
    line = scene.notes[ids[4]].line_height
    assert all(lower - upper >= line for upper, lower in zip(stacked, stacked[1:], strict=False))


def test_keys_put_a_note_in_a_quadrant_and_never_on_a_dividing_line(panel, window, qtbot):
    """From the tray an arrow put the idea exactly on the middle cross: classed «Store satsinger», drawn
    across all four quadrants, and ideas placed so hid each other."""
    idea = add(panel, "Ring tilbake samme dag")
    panel.show_view(MATRIX)
    panel.matrix.matrix.notes[idea].setSelected(True)
    panel.matrix.setFocus()
    qtbot.keyClick(panel.matrix, Qt.Key.Key_Up)
    assert board(window).idea(idea).quadrant is di.Quadrant.QUICK_WINS
    panel.matrix.matrix.notes[idea].setSelected(True)
    qtbot.keyClick(panel.matrix, Qt.Key.Key_2)
    stored = board(window).idea(idea)
    assert (stored.impact, stored.effort) == (pytest.approx(0.75), pytest.approx(0.75))
    for _step in range(6):
        panel.matrix.matrix.notes[idea].setSelected(True)
        qtbot.keyClick(panel.matrix, Qt.Key.Key_Left)
        assert board(window).idea(idea).effort != pytest.approx(0.5)
    assert board(window).idea(idea).quadrant is di.Quadrant.QUICK_WINS


def test_arrow_presses_on_one_note_are_one_undo_step(panel, window, qtbot):
    """Eight presses of ← took eight Ctrl+Z."""
    idea = add(panel, "Besøksvenn")
    panel.show_view(MATRIX)
    scene: MatrixScene = panel.matrix.matrix
    scene.dropped.emit([(idea, (0.8, 0.9))])
    panel.matrix.setFocus()
    for _press in range(3):
        scene.notes[idea].setSelected(True)
        qtbot.keyClick(panel.matrix, Qt.Key.Key_Left)
    assert board(window).idea(idea).effort == pytest.approx(0.75)
    window.undo_action.trigger()
    assert board(window).idea(idea).effort == pytest.approx(0.9)  # the drop is a step of its own
    window.redo_action.trigger()
    assert board(window).idea(idea).effort == pytest.approx(0.75)


def test_space_takes_an_idea_forward_and_ctrl_return_makes_its_prototype(panel, window, qtbot, dialogs):
    """Space did nothing on a selected idea (the box is in the last column), and neither had a key."""
    idea = add(panel, "Velkomstpakke")
    panel.show_view(IDEAS)
    panel.select_idea(idea)
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert board(window).idea(idea).chosen
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert not board(window).idea(idea).chosen
    dialogs.answer(lambda dialog: dialog.fields["title"].setText("Velkomstpakke-prøve"))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    made = [p for p in prototypes.prototypes_of_group(window.context.db, GROUP) if p.idea_id == idea]
    assert [p.title for p in made] == ["Velkomstpakke-prøve"]


def test_the_wall_ranking_keeps_ties_together_and_says_what_it_leaves_out() -> None:
    """Places 8–12 on two dots each: the wall cut after the tenth, and ideas 11 and 12 vanished without a
    word."""
    from desktop.ui.idea_wall import _rest_text, _shown

    b, ids = _board_of(15)
    for idea_id, dots in zip(ids, [6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1], strict=False):
        b = di.set_counted(b, idea_id, dots)
    shown, rest = _shown(list(b.ranking()))
    assert [n for _idea, n in shown] == [6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2]
    assert _rest_text(rest) == "3 idéer til (1 med prikker)"
    few, none_left = _shown(list(_board_of(4)[0].ranking()))
    assert len(few) == 4 and none_left == []


def test_the_result_can_be_hidden_on_the_wall_until_everyone_has_voted(panel, window):
    """The wall showed the ranking after every dot, so later voters followed the crowd. Hidden, the wall
    tells how many dots are used and nothing about which idea has them."""
    from desktop.ui.idea_wall import render_ranking

    a, b = uuid.uuid4(), uuid.uuid4()
    board_a = di.set_counted(di.add_idea(di.add_idea(di.Board(), di.Idea(a, "A")), di.Idea(b, "B")), a, 3)
    board_b = di.set_counted(di.add_idea(di.add_idea(di.Board(), di.Idea(a, "A")), di.Idea(b, "B")), b, 3)
    shown = [render_ranking(x, 1280, 720, "Stemmene", 4) for x in (board_a, board_b)]
    hidden = [render_ranking(x, 1280, 720, "Stemmene", 4, hidden=True) for x in (board_a, board_b)]
    assert shown[0] != shown[1] and hidden[0] == hidden[1] and hidden[0] != shown[0]

    panel.show_view(VOTING)
    panel.wall_button.setChecked(True)
    wall = window.context.runner.projection
    open_result = wall.current_image
    panel.hide_result.setChecked(True)
    assert wall.current_image != open_result  # the wall follows at once
    panel.hide_result.setChecked(False)
    assert wall.current_image == open_result
    panel.wall_button.setChecked(False)


@pytest.mark.parametrize("impact", [0.0, 0.56])
def test_notes_fanned_out_stay_readable_and_in_their_own_half(qapp, impact) -> None:
    """At the bottom edge there was no room below, and three notes covered each other whole; just above
    the middle, fanning down drew notes of «Raske gevinster» in the lower half."""
    b, ids = _board_of(4, [(impact, 0.2)] * 4)
    scene = MatrixScene(wall=True)
    scene.set_board(b)
    tops = sorted(scene.notes[i].sceneBoundingRect().top() for i in ids)
    line = scene.notes[ids[0]].line_height
    assert all(lower - upper >= line for upper, lower in zip(tops, tops[1:], strict=False))
    upper = impact >= 0.5
    assert all((scene.notes[i].pos().y() < scene.h / 2) == upper for i in ids)


def test_a_dragged_fanned_note_keeps_its_place_plus_the_drag(qapp) -> None:
    """A drag stored where the note was drawn: a small move of notes fanned out made the fan permanent."""
    b, ids = _board_of(2, [(0.8, 0.2)] * 2)
    scene = MatrixScene()
    scene.set_board(b)
    moved = scene.notes[ids[1]]
    assert moved.offset != QPointF()  # fanned out below the first
    assert scene.place_of(moved.pos() - moved.offset) == (pytest.approx(0.8), pytest.approx(0.2))


def test_matrix_keys_with_ctrl_or_shift_do_not_move_a_note(panel, window, qtbot):
    idea = add(panel, "Besøksvenn")
    panel.show_view(MATRIX)
    panel.matrix.matrix.notes[idea].setSelected(True)
    panel.matrix.setFocus()
    qtbot.keyClick(panel.matrix, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.matrix, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert not board(window).idea(idea).placed


def test_the_same_idea_on_two_notes_is_merged_with_its_dots_and_undone(panel, window, dialogs, qtbot):
    """Two notes say the same: the dialog lists the alike one first (marked «lik»), ticking it and OK
    leaves one idea with the text typed and both notes' dots; Ctrl+Z brings both back."""
    keep = add(panel, "Felles kalender for hele tjenestestedet")
    other = add(panel, "Felles kalender")
    db = window.context.db
    ideas.edit_board(db, GROUP, lambda b: di.set_counted(di.set_counted(b, keep, 2), other, 3))
    panel.refresh()
    before = board(window)
    listed = []

    def tick(dialog) -> None:
        found = dialog.fields["ideas"]
        listed.extend(found.item(n).text() for n in range(found.count()))
        found.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.fields["text"].setText("Felles kalender for alle")

    dialogs.answer(tick)
    panel.show_view(IDEAS)
    panel.select_idea(keep)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert listed[0] == "Felles kalender  (3 prikker)  – lik"
    after = board(window)
    assert other not in [i.id for i in after.ideas] and len(after.ideas) == len(before.ideas) - 1
    assert after.idea(keep).text == "Felles kalender for alle" and after.votes_for(keep) == 5
    window.undo_action.trigger()
    assert board(window) == before


def test_a_merge_with_nothing_ticked_is_explained_in_the_dialog(panel, window, dialogs):
    keep = add(panel, "Felles kalender")
    before = board(window)
    seen = []

    def nothing(dialog) -> None:
        seen.append(dialog)

    dialogs.answer(nothing)
    assert not panel.merge_idea(keep)
    assert "Velg minst én annen idé" in seen[0].errors.message("ideas")
    assert board(window) == before
