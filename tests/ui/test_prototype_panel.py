"""The Prototyper tab of a leader group: a prototype made from an idea, the draft warning, BLT edits that
undo, rounds kept as history, a stopped prototype, deleting with a question, the cards on the wall."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt

from desktop.domain import ideas as idea_domain
from desktop.domain.prototypes import Decision
from desktop.services import ideas, prototypes
from desktop.services.demo import demo_id
from desktop.ui.projection import WallSection
from desktop.ui.prototype_panel import PrototypePanel, new_prototype

GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")
IDEA_TEXT = "Fast kontaktperson de første fire ukene etter at brukeren kommer hjem fra sykehuset"


@pytest.fixture
def idea_id(window) -> uuid.UUID:
    idea = idea_domain.Idea(uuid.uuid4(), IDEA_TEXT)
    ideas.edit_board(window.context.db, GROUP, lambda board: idea_domain.add_idea(board, idea))
    return idea.id


@pytest.fixture
def panel(window, qtbot) -> PrototypePanel:
    panel = PrototypePanel(window.context, window.actions)
    qtbot.addWidget(panel)
    panel.resize(1280, 820)
    panel.show()
    panel.set_group(GROUP)
    return panel


def make(panel, window, dialogs, idea_id, title: str | None = None, kind: int = 0) -> uuid.UUID:
    def fill(dialog) -> None:
        if title is not None:
            dialog.fields["title"].setText(title)
        dialog.fields["kind"].setCurrentIndex(kind)

    dialogs.answer(fill)
    made = new_prototype(panel, window.context, window.actions, GROUP, idea_id, IDEA_TEXT)
    assert made is not None
    return made


def test_a_new_prototype_from_an_idea_chooses_the_idea(panel, window, dialogs, idea_id):
    before = len(prototypes.prototypes_of_group(window.context.db, GROUP))
    made = make(panel, window, dialogs, idea_id)
    dialog = dialogs.seen[-1]
    assert dialog.fields["title"].text().startswith("Fast kontaktperson")
    assert len(dialog.fields["title"].text()) <= 60
    stored = prototypes.load_prototype(window.context.db, made)
    assert stored.idea_id == idea_id and stored.card_id == "papirprototype"
    assert ideas.load_board(window.context.db, GROUP).idea(idea_id).chosen
    assert panel.list.count() == before + 1 and panel.prototype_id == made
    assert panel.idea_label.text() == IDEA_TEXT
    assert panel.idea_label.textFormat() == Qt.TextFormat.PlainText  # an idea's <b> or &amp; as typed
    window.context.undo_stack.undo()
    assert not ideas.load_board(window.context.db, GROUP).idea(idea_id).chosen
    assert panel.list.count() == before


def test_an_empty_name_is_refused_in_the_dialog(panel, window, dialogs, idea_id):
    seen = []

    def answer(dialog) -> bool:
        seen.append(dialog)
        dialog.fields["title"].setText("   ")
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted  # refused: the dialog stays open
        return False  # the facilitator gives up: Cancel

    window.actions.exec_dialog = answer
    assert new_prototype(panel, window.context, window.actions, GROUP, idea_id, IDEA_TEXT) is None
    assert "navn" in seen[0].errors.message("title")


def test_a_draft_shows_what_is_missing_until_need_and_assumption_are_filled(panel, window, dialogs, idea_id):
    make(panel, window, dialogs, idea_id)
    assert panel.draft_warning.isVisible()
    assert "behov og antakelse" in panel.draft_warning.text()
    assert panel.list.currentItem().toolTip().startswith("Utkast")
    panel.set_field("need", "Tryggere overgang hjem")
    assert panel.draft_warning.isVisible() and "mangler antakelse" in panel.draft_warning.text()
    panel.set_field("assumption", "Brukerne ringer sjeldnere legevakten når de har én å ringe")
    assert not panel.draft_warning.isVisible()
    assert "Klar til test" in panel.list.currentItem().text()


def test_a_field_is_stored_when_left_and_undo_restores_it(panel, window, dialogs, idea_id, qtbot):
    made = make(panel, window, dialogs, idea_id)
    db = window.context.db
    need = panel.edits["need"]
    panel.activateWindow()
    need.setFocus()
    qtbot.waitUntil(need.hasFocus)
    qtbot.keyClicks(need, "Trygghet de første ukene")
    depth = window.context.undo_stack.count()
    panel.edits["solution"].setFocus()  # leaving the field stores it
    qtbot.waitUntil(lambda: prototypes.load_prototype(db, made).current.need == "Trygghet de første ukene")
    assert window.context.undo_stack.count() == depth + 1
    panel.edits["solution"].setFocus()
    need.setFocus()
    panel.edits["solution"].setFocus()  # left again, unchanged: nothing stored
    assert window.context.undo_stack.count() == depth + 1
    window.context.undo_stack.undo()
    assert prototypes.load_prototype(db, made).current.need == ""
    assert need.toPlainText() == ""
    window.context.undo_stack.redo()
    assert need.toPlainText() == "Trygghet de første ukene"


def test_ctrl_enter_stores_the_field(panel, window, dialogs, idea_id, qtbot):
    made = make(panel, window, dialogs, idea_id)
    edit = panel.edits["success_criteria"]
    panel.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "Halvparten ringer sjeldnere")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = prototypes.load_prototype(window.context.db, made).current
    assert stored.success_criteria == "Halvparten ringer sjeldnere"
    assert edit.toPlainText() == "Halvparten ringer sjeldnere"


def test_title_and_kind_are_edited_and_undone(panel, window, dialogs, idea_id):
    made = make(panel, window, dialogs, idea_id)
    db = window.context.db
    panel.title_edit.setText("Kontaktperson-piloten")
    panel.title_edit.editingFinished.emit()
    assert prototypes.load_prototype(db, made).title == "Kontaktperson-piloten"
    panel.kind.setCurrentIndex(panel.kind.count() - 1)  # «Annen»
    panel.kind.activated.emit(panel.kind.count() - 1)
    assert prototypes.load_prototype(db, made).card_id is None
    assert not panel.card_button.isEnabled()
    window.context.undo_stack.undo()
    assert prototypes.load_prototype(db, made).card_id == "papirprototype"
    window.context.undo_stack.undo()
    assert panel.title_edit.text() == prototypes.load_prototype(db, made).title != "Kontaktperson-piloten"


def test_a_new_round_carries_the_plan_over_and_keeps_the_first_as_history(panel, window, dialogs, idea_id):
    made = make(panel, window, dialogs, idea_id)
    db = window.context.db
    panel.set_field("need", "Trygghet")
    panel.set_field("assumption", "Færre anrop")
    panel.set_field("result", "Tre av fem ringte kontaktpersonen")
    panel.set_field("learning", "Telefontiden må være kjent")
    panel.decision_buttons[Decision.ADJUST].click()
    first = prototypes.load_prototype(db, made).current
    assert first.decision is Decision.ADJUST
    assert panel.next_round()
    p = prototypes.load_prototype(db, made)
    assert len(p.iterations) == 2 and p.iterations[0] == first
    assert (p.current.need, p.current.assumption) == ("Trygghet", "Færre anrop")
    assert (p.current.result, p.current.learning, p.current.decision) == ("", "", None)
    assert panel.rounds.count() == 2 and panel.rounds.currentIndex() == 1
    assert panel.edits["result"].toPlainText() == ""
    assert not panel.decision_buttons[Decision.ADJUST].isChecked()
    panel.rounds.setCurrentIndex(0)  # round 1 is read back
    assert panel.edits["result"].toPlainText() == "Tre av fem ringte kontaktpersonen"
    assert panel.decision_buttons[Decision.ADJUST].isChecked()
    assert "tidligere runde" in panel.round_note.text()
    window.context.undo_stack.undo()  # the new round goes
    assert panel.rounds.count() == 1 and panel.current_round() == first
    window.context.undo_stack.redo()
    assert panel.rounds.count() == 2 and panel.rounds.currentIndex() == 1


def test_removing_a_round_is_undoable(panel, window, dialogs, idea_id):
    made = make(panel, window, dialogs, idea_id)
    assert not panel.remove_round_button.isEnabled()  # a prototype keeps one round
    panel.next_round()
    assert panel.remove_round()
    assert len(prototypes.load_prototype(window.context.db, made).iterations) == 1
    window.context.undo_stack.undo()
    assert panel.rounds.count() == 2


def test_a_stopped_prototype_refuses_a_new_round_with_a_message(panel, window, dialogs, idea_id):
    made = make(panel, window, dialogs, idea_id)
    panel.decision_buttons[Decision.STOP].click()
    depth = window.context.undo_stack.count()
    assert not panel.next_round()  # no exception, no dialog
    assert panel.message.isVisible() and "stoppet" in panel.message.text()
    assert len(prototypes.load_prototype(window.context.db, made).iterations) == 1
    assert window.context.undo_stack.count() == depth
    panel.decision_buttons[Decision.STOP].click()  # pressed again: the decision is taken back
    assert prototypes.load_prototype(window.context.db, made).current.decision is None
    assert panel.next_round()


def test_delete_asks_and_undo_brings_it_back(panel, window, dialogs, idea_id, monkeypatch):
    made = make(panel, window, dialogs, idea_id)
    panel.set_field("need", "Trygghet")
    db = window.context.db
    before = prototypes.load_prototype(db, made)
    questions = []

    def no(parent, title, question) -> bool:
        questions.append(question)
        return False

    monkeypatch.setattr("desktop.ui.context.ask", no)
    assert not panel.delete_prototype()
    assert questions and before.title in questions[0]
    assert made in {s.id for s in prototypes.prototypes_of_group(db, GROUP)}
    monkeypatch.setattr("desktop.ui.context.ask", lambda *a: True)
    assert panel.delete_prototype()
    assert made not in {s.id for s in prototypes.prototypes_of_group(db, GROUP)}
    assert panel.prototype_id != made
    window.context.undo_stack.undo()
    assert prototypes.load_prototype(db, made) == before
    assert panel.prototype_id == made and panel.edits["need"].toPlainText() == "Trygghet"


def test_the_card_and_the_prototype_on_the_wall(panel, window, dialogs, idea_id):
    make(panel, window, dialogs, idea_id)
    panel.set_field("need", "Trygghet de første ukene")
    runner = window.context.runner
    assert panel.show_card_on_wall()
    wall = runner.projection
    assert wall.isVisible() and wall.showing_card
    assert wall._card[0] == "Papirprototype"
    assert panel.show_prototype_on_wall()
    title, sections = wall._card
    assert title == panel.prototype.title
    assert WallSection("Behov", "Trygghet de første ukene") in sections
    assert WallSection("Hva vi tester (antakelse)", "(ikke fylt ut ennå)") in sections
    runner.close()


def test_undo_of_an_edit_shows_the_prototype_it_changed(panel, window, dialogs, idea_id):
    first = make(panel, window, dialogs, idea_id, "Første")
    panel.set_field("need", "Behov A")
    second = make(panel, window, dialogs, idea_id, "Andre")
    assert panel.prototype_id == second
    window.context.undo_stack.undo()  # the second prototype goes
    window.context.undo_stack.undo()  # the first one's need: shown there
    assert panel.prototype_id == first
    assert panel.edits["need"].toPlainText() == ""


def test_delete_key_in_the_list_asks_too(panel, window, dialogs, idea_id, monkeypatch, qtbot):
    make(panel, window, dialogs, idea_id)
    asked = []
    monkeypatch.setattr("desktop.ui.context.ask", lambda *a: asked.append(a) or False)
    panel.activateWindow()
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert asked and panel.prototype is not None
