"""The journey-map canvas and editor, offscreen, with a fake host that applies each edit and keeps history
(undo puts the previous journey back, as the real undo stack does)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem

from desktop.domain import journey as jm
from desktop.errors import ValidationError
from desktop.ui.journey_editor import JourneyEditor
from desktop.ui.journey_scene import (
    ACCENT,
    CARD_H,
    CARD_W,
    LANE_W,
    LANES_TOP,
    WALL_HEIGHT,
    JourneyScene,
    focus_window,
    render_image,
    render_png,
)

STAGES = ("Før", "Første kontakt", "Vedtak", "Tjenesten", "Etterpå")
LANES = (
    ("handlinger", "Handlinger"),
    ("smertepunkter", "Smertepunkter"),
    ("muligheter", "Muligheter"),
    ("folelser", "Følelser"),
)


class Host:
    """What the journey panel does, in miniature: apply, store, reload the editor; undo goes back."""

    def __init__(self, journey: jm.Journey) -> None:
        self.journey = journey
        self.history: list[jm.Journey] = []
        self.texts: list[str] = []
        self.editor: JourneyEditor | None = None

    def apply(self, text: str, operation) -> bool:
        try:
            after = operation(self.journey)
        except ValidationError:
            return False
        if after == self.journey:
            return False
        self.history.append(self.journey)
        self.texts.append(text)
        self.journey = after
        self.editor.set_journey(after)
        return True

    def undo(self) -> None:
        self.journey = self.history.pop()
        self.texts.pop()
        self.editor.set_journey(self.journey)


@pytest.fixture
def host() -> Host:
    return Host(jm.from_template("Eldre som søker hjemmetjenester", STAGES, LANES))


@pytest.fixture
def editor(qtbot, host: Host) -> JourneyEditor:
    widget = JourneyEditor(host.apply)
    host.editor = widget
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.set_journey(host.journey)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.zoom_to(1.0)
    return widget


def lane(host: Host, title: str) -> uuid.UUID:
    return next(x.id for x in host.journey.lanes if x.title == title)


def step(host: Host, index: int) -> uuid.UUID:
    return host.journey.steps[index].id


def stage(host: Host, title: str) -> uuid.UUID:
    return next(s.id for s in host.journey.stages if s.title == title)


def on_view(editor: JourneyEditor, point: QPointF) -> QPoint:
    """Scroll ``point`` (scene) into view and give its position on the viewport."""
    editor.view.ensureVisible(point.x() - 5, point.y() - 5, 10, 10, 60, 60)
    return editor.view.mapFromScene(point)


def mouse(
    editor: JourneyEditor, kind: QEvent.Type, pos: QPoint, button=Qt.MouseButton.LeftButton, buttons=None
):
    viewport = editor.view.viewport()
    if buttons is None:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    if kind == QEvent.Type.MouseMove:
        button = Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def drag(editor: JourneyEditor, start: QPoint, end: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    mouse(editor, QEvent.Type.MouseButtonPress, start, button)
    for i in range(1, 9):
        at = start + (end - start) * (i / 8)
        mouse(editor, QEvent.Type.MouseMove, at, button, buttons=button)
    mouse(editor, QEvent.Type.MouseButtonRelease, end, button)


def add_cards(host: Host, lane_id: uuid.UUID, step_id: uuid.UUID, *texts: str) -> list[uuid.UUID]:
    ids = []
    for text in texts:
        card_id = uuid.uuid4()
        host.apply("Nytt kort", lambda j, t=text, c=card_id: jm.add_card(j, lane_id, step_id, t, card_id=c))
        ids.append(card_id)
    return ids


# --- cards --------------------------------------------------------------------------------------------------


def test_double_click_on_an_empty_cell_types_a_new_card_there(qtbot, editor, host):
    pain, contact = lane(host, "Smertepunkter"), step(host, 1)
    pos = on_view(editor, editor.scene.cell_rect(pain, contact).center())
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    inline = editor.inline_editor
    assert inline is not None and inline.isVisible()
    qtbot.keyClicks(inline, "Vet ikke hvem hun skal ringe")
    qtbot.keyClick(inline, Qt.Key.Key_Return)
    assert editor.inline_editor is None
    cards = host.journey.cards_in(pain, contact)
    assert [c.text for c in cards] == ["Vet ikke hvem hun skal ringe"]
    assert cards[0].colour == "pink"  # the pain-point lane's colour
    assert host.texts == ["Nytt kort"]
    assert editor.focus_cell == (pain, contact)
    assert editor.scene.card_item(cards[0].id) is not None


def test_escape_and_empty_text_create_no_card(qtbot, editor, host):
    cell = (lane(host, "Handlinger"), step(host, 0))
    editor.new_card(*cell)
    qtbot.keyClicks(editor.inline_editor, "Ombestemt meg")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Escape)
    editor.new_card(*cell)
    qtbot.keyClicks(editor.inline_editor, "   ")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert host.journey.cards == () and host.texts == []
    editor.capture.setText("   ")
    qtbot.keyClick(editor.capture, Qt.Key.Key_Return)
    assert host.journey.cards == ()
    assert not editor.add_card("")


def test_shift_enter_breaks_the_line_in_a_new_card(qtbot, editor, host):
    editor.new_card(lane(host, "Handlinger"), step(host, 0))
    qtbot.keyClicks(editor.inline_editor, "Første linje")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.inline_editor, "andre")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert host.journey.cards[0].text == "Første linje\nandre"
    assert editor.scene.card_item(host.journey.cards[0].id).display_lines == ("Første linje", "andre")


def test_double_click_on_a_card_edits_it_in_place_and_undo_brings_the_old_text_back(qtbot, editor, host):
    (card_id,) = add_cards(host, lane(host, "Handlinger"), step(host, 2), "Fyller ut søknad")
    item = editor.scene.card_item(card_id)
    pos = on_view(editor, item.sceneBoundingRect().center())
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    inline = editor.inline_editor
    assert inline.toPlainText() == "Fyller ut søknad"
    inline.selectAll()
    qtbot.keyClicks(inline, "Fyller ut søknad på papir")
    qtbot.keyClick(inline, Qt.Key.Key_Return)
    assert host.journey.cards[0].text == "Fyller ut søknad på papir"
    assert host.texts[-1] == "Endre kort"
    assert editor.scene.card_item(card_id) is item  # the item is kept, its text renewed
    assert " ".join(item.display_lines) == "Fyller ut søknad på papir"
    host.undo()
    assert host.journey.cards[0].text == "Fyller ut søknad"
    assert editor.scene.card_item(card_id).display_text == "Fyller ut søknad"


def test_editing_a_card_to_nothing_keeps_it(qtbot, editor, host):
    (card_id,) = add_cards(host, lane(host, "Handlinger"), step(host, 0), "Beholdes")
    editor.edit_card(card_id)
    editor.inline_editor.selectAll()
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert host.journey.cards[0].text == "Beholdes" and host.texts == ["Nytt kort"]


def test_drag_a_card_to_another_cell(qtbot, editor, host):
    actions, pain = lane(host, "Handlinger"), lane(host, "Smertepunkter")
    (card_id,) = add_cards(host, actions, step(host, 0), "Venter seks uker")
    editor.zoom_to(0.8)
    item = editor.scene.card_item(card_id)
    start = on_view(editor, item.sceneBoundingRect().center())
    target = editor.scene.cell_rect(pain, step(host, 1))
    end = editor.view.mapFromScene(target.topLeft() + QPointF(40, 40))
    drag(editor, start, end)
    card = host.journey.cards[0]
    assert (card.lane_id, card.step_id) == (pain, step(host, 1))
    assert host.texts[-1] == "Flytt kort"
    assert editor.scene.card_item(card_id).pos() == editor.scene.layout.card_pos[card_id]
    assert editor.focus_cell == (pain, step(host, 1))


def test_a_click_that_wobbles_moves_nothing_and_a_drop_outside_the_cells_snaps_back(qtbot, editor, host):
    (card_id,) = add_cards(host, lane(host, "Handlinger"), step(host, 0), "Står stille")
    item = editor.scene.card_item(card_id)
    home = QPointF(item.pos())
    start = on_view(editor, item.sceneBoundingRect().center())
    drag(editor, start, start + QPoint(1, 1))
    assert host.texts == ["Nytt kort"] and item.pos() == home
    drag(editor, start, start + QPoint(30, 12))  # dropped where it was: nothing to store
    assert host.texts == ["Nytt kort"] and item.pos() == home
    editor.view.horizontalScrollBar().setValue(editor.view.horizontalScrollBar().minimum())
    start = editor.view.mapFromScene(item.sceneBoundingRect().center())
    drag(editor, start, editor.view.mapFromScene(QPointF(-40, item.pos().y())))  # off the map
    assert host.texts == ["Nytt kort"] and editor.scene.card_item(card_id).pos() == home


def test_several_cards_move_together_through_the_drop_handler(qtbot, editor, host):
    actions, chances = lane(host, "Handlinger"), lane(host, "Muligheter")
    ids = add_cards(host, actions, step(host, 0), "En", "To", "Tre")
    for card_id in ids[:2]:
        editor.scene.card_item(card_id).setSelected(True)
    editor.scene.cards_dropped.emit(editor.scene.selected_card_ids(), chances, step(host, 3), None)
    assert [c.text for c in host.journey.cards_in(chances, step(host, 3))] == ["En", "To"]
    assert host.texts[-1] == "Flytt 2 kort"
    assert set(editor.scene.selected_card_ids()) == set(ids[:2])  # the selection survives the reload
    host.undo()
    assert [c.text for c in host.journey.cards_in(actions, step(host, 0))] == ["En", "To", "Tre"]


def test_ctrl_click_selects_several_and_delete_removes_them_undoably(qtbot, editor, host):
    ids = add_cards(host, lane(host, "Handlinger"), step(host, 0), "En", "To", "Tre")
    editor.zoom_to(0.8)
    viewport = editor.view.viewport()
    first = on_view(editor, editor.scene.card_item(ids[0]).sceneBoundingRect().center())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=first)
    last = editor.view.mapFromScene(editor.scene.card_item(ids[2]).sceneBoundingRect().center())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, last)
    assert editor.scene.selected_card_ids() == [ids[0], ids[2]]
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert [c.text for c in host.journey.cards] == ["To"]
    assert host.texts[-1] == "Slett 2 kort"
    assert editor.scene.card_item(ids[0]) is None
    host.undo()
    assert [c.text for c in host.journey.cards] == ["En", "To", "Tre"]
    assert editor.scene.card_item(ids[0]) is not None


def test_rubber_band_selects_the_cards_it_covers(qtbot, editor, host):
    ids = add_cards(host, lane(host, "Handlinger"), step(host, 0), "En", "To")
    editor.zoom_to(0.8)
    rect = editor.scene.cell_rect(lane(host, "Handlinger"), step(host, 0))
    start = on_view(editor, rect.topLeft() + QPointF(3, 3))
    drag(editor, start, editor.view.mapFromScene(rect.bottomRight() - QPointF(3, 3)))
    assert set(editor.scene.selected_card_ids()) == set(ids)
    assert len(host.texts) == 2  # selecting stores nothing


def test_card_context_menu_turns_a_pain_point_into_an_idea_and_recolours(qtbot, editor, host):
    (pain_card,) = add_cards(host, lane(host, "Smertepunkter"), step(host, 1), "Seks uker uten svar")
    (action_card,) = add_cards(host, lane(host, "Handlinger"), step(host, 1), "Ringer")
    menu = editor.context_menu(editor.scene.card_item(pain_card).sceneBoundingRect().center())
    assert "Gjør til idé" not in [a.text() for a in menu.actions()]  # until the host has ideas
    editor.ideas_enabled = True
    menu = editor.context_menu(editor.scene.card_item(pain_card).sceneBoundingRect().center())
    texts = [a.text() for a in menu.actions()]
    assert "Gjør til idé" in texts
    with qtbot.waitSignal(editor.card_to_idea) as signal:
        next(a for a in menu.actions() if a.text() == "Gjør til idé").trigger()
    assert signal.args == [pain_card]
    colours = next(a for a in menu.actions() if a.text() == "Farge").menu()
    next(a for a in colours.actions() if a.text() == "Blå").trigger()
    assert host.journey.cards[0].colour == "blue" and host.texts[-1] == "Endre farge"
    menu = editor.context_menu(editor.scene.card_item(action_card).sceneBoundingRect().center())
    assert "Gjør til idé" not in [a.text() for a in menu.actions()]
    host.apply("Idé", lambda j: jm.edit_card(j, pain_card, idea_id=uuid.uuid4()))
    menu = editor.context_menu(editor.scene.card_item(pain_card).sceneBoundingRect().center())
    done = next(a for a in menu.actions() if a.text() == "Er allerede en idé")
    assert not done.isEnabled() and "Gjør til idé" not in [a.text() for a in menu.actions()]


# --- bad input ----------------------------------------------------------------------------------------------


def test_a_ten_thousand_character_card_is_kept_whole_and_drawn_clipped(qtbot, editor, host):
    text = ("Lang historie om alt som skjedde. " * 400)[:9_999] + "X"
    assert len(text) == 10_000
    editor.set_focus_cell(lane(host, "Handlinger"), step(host, 0))
    editor.capture.setText(text)
    qtbot.keyClick(editor.capture, Qt.Key.Key_Return)
    card = host.journey.cards[0]
    assert card.text == text  # kept whole
    item = editor.scene.card_item(card.id)
    assert item.display_text.endswith("…")
    assert len(item.display_text) < 200
    assert item.boundingRect().width() < CARD_W + 12 and item.boundingRect().height() < CARD_H + 12
    assert editor.scene.cell_rect(card.lane_id, card.step_id).height() < 2 * CARD_H  # one card high
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    editor.zoom_to(0.5)  # the large text of a zoomed-out map
    assert item.lines("_big")[1][-1].endswith("…")
    assert not render_image(host.journey, 320, 180).isNull()


class RecordingPainter(QPainter):
    """A painter that remembers the strings it was asked to draw."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args) -> None:  # noqa: N802 (Qt's name)
        self.texts.append(next(a for a in args if isinstance(a, str)))
        super().drawText(*args)


@pytest.mark.parametrize("text", ["<b>fet</b>", "Kaffe &amp; kaker", "<i>x</i> &lt;"])
def test_text_that_looks_like_markup_is_shown_literally(qtbot, editor, host, text):
    assert editor.add_card(text, lane(host, "Handlinger"), step(host, 0))
    item = editor.scene.card_item(host.journey.cards[0].id)
    assert item.display_text == text
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    painter = RecordingPainter(image)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    assert painter.texts == [text]


# --- stages, steps, lanes -----------------------------------------------------------------------------------


def test_deleting_a_stage_with_cards_asks_first_and_is_undoable(qtbot, editor, host, monkeypatch):
    decision = {"answer": False}
    asked: list[str] = []

    def answer(parent, title, question) -> bool:
        asked.append(question)
        return decision["answer"]

    monkeypatch.setattr("desktop.ui.context.ask", answer)
    decision_stage = stage(host, "Vedtak")
    add_cards(host, lane(host, "Handlinger"), step(host, 2), "Vedtaksbrev", "Klage")
    assert not editor.delete_stage(decision_stage)
    assert "«Vedtak» har 2 kort" in asked[0]
    assert any(s.title == "Vedtak" for s in host.journey.stages)
    decision["answer"] = True
    assert editor.delete_stage(decision_stage)
    assert [s.title for s in host.journey.stages] == ["Før", "Første kontakt", "Tjenesten", "Etterpå"]
    assert host.journey.cards == ()
    assert host.texts[-1] == "Slett fase «Vedtak»"
    host.undo()
    assert [s.title for s in host.journey.stages] == list(STAGES) and len(host.journey.cards) == 2


def test_deleting_an_empty_stage_does_not_ask(qtbot, editor, host, monkeypatch):
    def refuse(*args):
        raise AssertionError("asked")

    monkeypatch.setattr("desktop.ui.context.ask", refuse)
    assert editor.delete_stage(stage(host, "Etterpå"))
    assert host.texts == ["Slett fase «Etterpå»"]


def test_new_stage_from_the_toolbar_is_named_in_place(qtbot, editor, host):
    editor.add_stage_action.trigger()
    qtbot.keyClicks(editor.inline_editor, "Oppfølging")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert host.journey.stages[-1].title == "Oppfølging"
    assert host.texts == ["Ny fase «Oppfølging»"]


def test_rename_a_stage_by_double_clicking_its_header(qtbot, editor, host):
    header = editor.scene.stage_header_rect(stage(host, "Vedtak"))
    pos = on_view(editor, header.center())
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert editor.inline_editor.toPlainText() == "Vedtak"
    editor.inline_editor.selectAll()
    qtbot.keyClicks(editor.inline_editor, "Vedtak & klage")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert host.journey.stages[2].title == "Vedtak & klage"
    assert host.texts == ["Gi nytt navn til fase"]


def test_header_menus_move_and_add_stages_steps_and_lanes(qtbot, editor, host):
    def menu_action(pos: QPointF, text: str):
        return next(a for a in editor.context_menu(pos).actions() if a.text() == text)

    before = stage(host, "Før")
    menu_action(editor.scene.stage_header_rect(before).center(), "Flytt til høyre").trigger()
    assert [s.title for s in host.journey.stages][:2] == ["Første kontakt", "Før"]
    assert host.texts[-1] == "Flytt fase"
    first = editor.scene.stage_header_rect(host.journey.stages[0].id).center()
    assert not menu_action(first, "Flytt til venstre").isEnabled()

    contact = stage(host, "Første kontakt")
    editor.add_step(contact, "Søker hjelp")
    assert [s.title for s in host.journey.stages[0].steps] == ["Første kontakt", "Søker hjelp"]
    assert host.texts[-1] == "Nytt steg"
    helper = host.journey.stages[0].steps[1].id
    menu_action(editor.scene.step_header_rect(helper).center(), "Flytt til venstre").trigger()
    assert [s.title for s in host.journey.stages[0].steps] == ["Søker hjelp", "Første kontakt"]
    assert host.texts[-1] == "Flytt steg"

    pain = lane(host, "Smertepunkter")
    menu_action(editor.scene.lane_header_rect(pain).center(), "Flytt opp").trigger()
    assert [x.title for x in host.journey.lanes][:2] == ["Smertepunkter", "Handlinger"]
    assert host.texts[-1] == "Flytt spor"
    menu_action(editor.scene.lane_header_rect(pain).center(), "Nytt spor under …").trigger()
    qtbot.keyClicks(editor.inline_editor, "Kanaler")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert [x.title for x in host.journey.lanes][:2] == ["Smertepunkter", "Kanaler"]
    assert host.texts[-1] == "Nytt spor"


def test_new_step_from_the_toolbar_goes_after_the_focus_step(qtbot, editor, host):
    editor.set_focus_cell(lane(host, "Handlinger"), step(host, 1))
    editor.add_step_action.trigger()
    qtbot.keyClicks(editor.inline_editor, "Søker hjelp")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert [s.title for s in host.journey.stages[1].steps] == ["Første kontakt", "Søker hjelp"]
    assert host.texts == ["Nytt steg"]


# --- emotion ------------------------------------------------------------------------------------------------


def test_drag_an_emotion_point_snaps_to_the_scale_and_redraws_the_curve(qtbot, editor, host):
    contact = step(host, 1)
    assert editor.scene.emotion_point(contact) is None  # none yet: no point (a ring on zero in the editor)
    ring = editor.scene.layout.step_x[contact]
    zero = QPointF(ring[0] + ring[1] / 2, editor.scene.layout.emotion_y(0))
    start = on_view(editor, zero)
    end = editor.view.mapFromScene(QPointF(zero.x(), editor.scene.layout.emotion_y(2) - 6))
    drag(editor, start, end)
    assert host.journey.steps[1].emotion == 2
    assert host.texts == ["Endre følelse"]
    point = editor.scene.emotion_point(contact)
    assert point.y() == pytest.approx(editor.scene.layout.emotion_y(2))

    editor.set_emotion(step(host, 2), 0)
    curve_before = editor.scene.emotion_curve().boundingRect()
    start = on_view(editor, point)
    drag(editor, start, editor.view.mapFromScene(QPointF(point.x(), editor.scene.layout.emotion_y(-1) + 4)))
    assert host.journey.steps[1].emotion == -1
    assert editor.scene.emotion_curve().boundingRect() != curve_before
    host.undo()
    assert host.journey.steps[1].emotion == 2


def test_emotion_from_the_keyboard_and_the_point_menu(qtbot, editor, host):
    editor.set_focus_cell(lane(host, "Handlinger"), step(host, 3))
    editor.capture.setFocus()
    qtbot.keyClick(
        editor.capture, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert host.journey.steps[3].emotion == 1
    editor.nudge_emotion(-1)
    editor.nudge_emotion(-1)
    assert host.journey.steps[3].emotion == -1
    menu = editor.context_menu(editor.scene.emotion_point(step(host, 3)))
    next(a for a in menu.actions() if a.text() == "Fjern følelse").trigger()
    assert host.journey.steps[3].emotion is None
    assert host.texts == ["Endre følelse"] * 4


# --- rapid capture ------------------------------------------------------------------------------------------


def test_rapid_capture_adds_cards_one_after_another_and_alt_arrows_move_the_focus_cell(qtbot, editor, host):
    pain = lane(host, "Smertepunkter")
    editor.set_focus_cell(pain, step(host, 1))
    assert editor.capture_target.text() == "Smertepunkter · Første kontakt"
    editor.capture.setFocus()
    for text in ("Vet ikke hvem hun skal ringe", "Blir satt over", "Må forklare alt på nytt"):
        qtbot.keyClicks(editor.capture, text)
        qtbot.keyClick(editor.capture, Qt.Key.Key_Return)
        assert editor.capture.text() == ""
    assert [c.text for c in host.journey.cards_in(pain, step(host, 1))] == [
        "Vet ikke hvem hun skal ringe",
        "Blir satt over",
        "Må forklare alt på nytt",
    ]
    assert host.texts == ["Nytt kort"] * 3
    assert QApplication.focusWidget() is editor.capture

    qtbot.keyClick(editor.capture, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert editor.focus_cell == (pain, step(host, 2))
    assert editor.capture_target.text() == "Smertepunkter · Vedtak"
    qtbot.keyClicks(editor.capture, "Fem sider med fagord")
    qtbot.keyClick(editor.capture, Qt.Key.Key_Return)
    assert [c.text for c in host.journey.cards_in(pain, step(host, 2))] == ["Fem sider med fagord"]

    qtbot.keyClick(editor.capture, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.focus_cell == (lane(host, "Muligheter"), step(host, 2))
    qtbot.keyClick(editor.capture, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(editor.capture, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.focus_cell == (pain, step(host, 1))
    for _ in range(3):
        qtbot.keyClick(editor.capture, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert editor.focus_cell == (pain, step(host, 0))  # stops at the edge
    focus_rect = editor.scene.cell_rect(pain, step(host, 0))
    assert editor.view.visible_scene_rect().intersects(focus_rect)


def test_the_focus_cell_follows_the_map_through_edits(qtbot, editor, host):
    editor.set_focus_cell(lane(host, "Muligheter"), step(host, 4))
    host.apply("Slett fase", lambda j: jm.delete_stage(j, stage(host, "Etterpå")))
    assert editor.focus_cell == (lane(host, "Muligheter"), step(host, 3))  # the nearest step left
    host.apply("Flytt spor", lambda j: jm.move_lane(j, lane(host, "Muligheter"), 0))
    assert editor.focus_cell == (lane(host, "Muligheter"), step(host, 3))


def test_clicking_a_cell_makes_it_the_focus_cell(qtbot, editor, host):
    cell = (lane(host, "Følelser"), step(host, 2))
    pos = on_view(editor, editor.scene.cell_rect(*cell).center())
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert editor.focus_cell == cell
    assert editor.capture_target.text() == "Følelser · Vedtak"


def test_enter_on_the_canvas_types_a_card_in_the_focus_cell(qtbot, editor, host):
    editor.set_focus_cell(lane(host, "Muligheter"), step(host, 0))
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.inline_editor, "Fast kontaktperson")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert [c.text for c in host.journey.cards_in(lane(host, "Muligheter"), step(host, 0))] == [
        "Fast kontaktperson"
    ]


# --- cards from the keyboard (Ctrl+D, Ctrl+arrows, Ctrl+A, Ctrl+C / Ctrl+V) --------------------------------


def on_canvas(qtbot, editor: JourneyEditor) -> None:
    """Give the canvas the keyboard (the card keys act there, not in the capture field)."""
    editor.view.setFocus()
    qtbot.waitUntil(editor.view.hasFocus)


def select(editor: JourneyEditor, card_ids) -> None:
    editor.scene.clearSelection()
    for card_id in card_ids:
        editor.scene.card_item(card_id).setSelected(True)


def ctrl(qtbot, editor: JourneyEditor, key, widget=None) -> None:
    qtbot.keyClick(widget or editor.view, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_d_duplicates_the_selected_cards_in_their_cells_and_selects_the_copies(qtbot, editor, host):
    actions, pain = lane(host, "Handlinger"), lane(host, "Smertepunkter")
    first, _other = add_cards(host, actions, step(host, 0), "Ringer kommunen", "Venter")
    (idea_card,) = add_cards(host, pain, step(host, 2), "Seks uker uten svar")
    host.apply("Gjør til idé", lambda j: jm.edit_card(j, idea_card, idea_id=uuid.uuid4(), colour="blue"))
    select(editor, [first, idea_card])
    on_canvas(qtbot, editor)
    before = len(host.texts)
    ctrl(qtbot, editor, Qt.Key.Key_D)
    assert host.texts[before:] == ["Dupliser 2 kort"]  # one undo step
    assert [c.text for c in host.journey.cards_in(actions, step(host, 0))] == [
        "Ringer kommunen",
        "Ringer kommunen",
        "Venter",
    ]
    original, copy = host.journey.cards_in(pain, step(host, 2))
    assert copy.id != original.id and (copy.text, copy.colour) == (original.text, "blue")
    assert original.idea_id is not None and copy.idea_id is None  # the copy is no idea's source
    copies = [c.id for c in host.journey.cards if c.id not in (first, _other, idea_card)]
    assert set(editor.scene.selected_card_ids()) == set(copies)
    host.undo()
    assert len(host.journey.cards) == 3
    editor.scene.clearSelection()
    ctrl(qtbot, editor, Qt.Key.Key_D)  # nothing selected: nothing to copy
    assert len(host.texts) == before


def test_ctrl_arrows_move_the_selected_cards_a_cell_and_stop_at_the_edge(qtbot, editor, host):
    actions, pain = lane(host, "Handlinger"), lane(host, "Smertepunkter")
    host.apply("Nytt steg", lambda j: jm.add_step(j, stage(host, "Før"), "Leser om tjenesten"))
    ids = add_cards(host, actions, step(host, 0), "En", "To", "Tre")
    select(editor, ids[:2])
    on_canvas(qtbot, editor)
    before = len(host.texts)

    ctrl(qtbot, editor, Qt.Key.Key_Right)
    assert [c.text for c in host.journey.cards_in(actions, step(host, 1))] == ["En", "To"]
    assert host.texts[before:] == ["Flytt 2 kort"]
    assert editor.scene.selected_card_ids() == ids[:2]  # still selected for the next press
    assert editor.focus_cell == (actions, step(host, 1))  # the focus cell goes with them
    ctrl(qtbot, editor, Qt.Key.Key_Right)  # from the stage's last step into the next stage
    assert host.journey.stage_of(step(host, 2)).title == "Første kontakt"
    assert [c.text for c in host.journey.cards_in(actions, step(host, 2))] == ["En", "To"]
    ctrl(qtbot, editor, Qt.Key.Key_Down)
    assert [c.text for c in host.journey.cards_in(pain, step(host, 2))] == ["En", "To"]
    ctrl(qtbot, editor, Qt.Key.Key_Left)
    ctrl(qtbot, editor, Qt.Key.Key_Up)
    assert [c.text for c in host.journey.cards_in(actions, step(host, 1))] == ["En", "To"]
    assert len(host.texts) == before + 5  # one undo step per press

    ctrl(qtbot, editor, Qt.Key.Key_Up)  # the top lane: nothing happens
    select(editor, [ids[2]])
    ctrl(qtbot, editor, Qt.Key.Key_Left)  # the first step: nothing happens
    assert len(host.texts) == before + 5
    assert [c.text for c in host.journey.cards_in(actions, step(host, 0))] == ["Tre"]
    select(editor, ids)  # one of them at the edge: none moves
    ctrl(qtbot, editor, Qt.Key.Key_Left)
    assert len(host.texts) == before + 5

    host.undo()  # the last press (up) is taken back
    assert [c.text for c in host.journey.cards_in(pain, step(host, 1))] == ["En", "To"]


def test_the_card_keys_act_on_the_canvas_and_leave_the_capture_field_its_text_keys(qtbot, editor, host):
    actions = lane(host, "Handlinger")
    ids = add_cards(host, actions, step(host, 1), "En")
    editor.set_focus_cell(actions, step(host, 1))
    select(editor, ids)
    editor.capture.setFocus()
    qtbot.waitUntil(editor.capture.hasFocus)
    qtbot.keyClicks(editor.capture, "to ord")
    before = len(host.texts)
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_D, Qt.Key.Key_V):
        ctrl(qtbot, editor, key, editor.capture)
    ctrl(qtbot, editor, Qt.Key.Key_A, editor.capture)
    assert len(host.texts) == before  # no card moved, copied or pasted
    assert editor.capture.selectedText() == "to ord"  # Ctrl+A selected the field's text
    assert editor.scene.selected_card_ids() == ids
    on_canvas(qtbot, editor)
    ctrl(qtbot, editor, Qt.Key.Key_Right)  # on the canvas the same key moves the card
    assert [c.text for c in host.journey.cards_in(actions, step(host, 2))] == ["En"]


def test_ctrl_a_on_the_canvas_selects_every_card(qtbot, editor, host):
    first = add_cards(host, lane(host, "Handlinger"), step(host, 0), "En", "To")
    second = add_cards(host, lane(host, "Muligheter"), step(host, 4), "Tre")
    on_canvas(qtbot, editor)
    ctrl(qtbot, editor, Qt.Key.Key_A)
    assert editor.scene.selected_card_ids() == first + second
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)  # and then, say, delete them all in one step
    assert host.journey.cards == () and host.texts[-1] == "Slett 3 kort"


def test_ctrl_c_and_ctrl_v_copy_cards_into_the_focus_cell(qtbot, editor, host):
    actions, chances = lane(host, "Handlinger"), lane(host, "Muligheter")
    ids = add_cards(host, actions, step(host, 0), "Ringer\nkommunen", "Venter", "Gir opp")
    select(editor, [ids[0], ids[2]])
    on_canvas(qtbot, editor)
    before = len(host.texts)
    ctrl(qtbot, editor, Qt.Key.Key_C)
    assert QApplication.clipboard().text() == "Ringer kommunen\nGir opp"  # one card per line
    assert len(host.texts) == before  # copying stores nothing

    editor.set_focus_cell(chances, step(host, 3))
    ctrl(qtbot, editor, Qt.Key.Key_V)
    pasted = host.journey.cards_in(chances, step(host, 3))
    assert [c.text for c in pasted] == ["Ringer\nkommunen", "Gir opp"]  # a card of two lines stays one
    assert all(c.colour == "green" and c.id not in ids for c in pasted)  # new cards of the lane
    assert host.texts[before:] == ["Lim inn 2 kort"]  # one undo step
    assert editor.scene.selected_card_ids() == [c.id for c in pasted]
    host.undo()
    assert host.journey.cards_in(chances, step(host, 3)) == ()

    QApplication.clipboard().setText("Trenger hjelp\n\n  Vil bo hjemme  \r\nFast kontakt\n")
    ctrl(qtbot, editor, Qt.Key.Key_V)  # text from elsewhere: one card per non-empty line
    assert [c.text for c in host.journey.cards_in(chances, step(host, 3))] == [
        "Trenger hjelp",
        "Vil bo hjemme",
        "Fast kontakt",
    ]
    assert host.texts[-1] == "Lim inn 3 kort"
    count = len(host.texts)
    QApplication.clipboard().setText(" \n ")
    ctrl(qtbot, editor, Qt.Key.Key_V)  # nothing to paste
    assert len(host.texts) == count


def test_the_card_keys_are_in_the_key_help_once_each():
    from desktop.ui.journey_editor import journey_shortcuts

    keys = [key for _name, _text, ks in journey_shortcuts() for key in ks]
    assert len(keys) == len(set(keys))
    for key in ("Ctrl+D", "Ctrl+Right", "Ctrl+Left", "Ctrl+Down", "Ctrl+Up", "Ctrl+A", "Ctrl+C", "Ctrl+V"):
        assert key in keys
    assert {"Alt+Right", "Alt+Left", "Alt+Down", "Alt+Up", "Ctrl+0"} <= set(keys)  # the old keys stay


# --- zoom and pan -------------------------------------------------------------------------------------------


def test_zoom_fit_and_pan(qtbot, editor, host):
    editor.zoom_to(1.0)
    editor.zoom_in()
    assert editor.zoom == pytest.approx(1.25)
    editor.zoom_out()
    editor.zoom_out()
    assert editor.zoom == pytest.approx(0.8)
    editor.zoom_to(50)
    assert editor.zoom == pytest.approx(3.0)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    visible = editor.view.visible_scene_rect()
    assert visible.contains(editor.scene.map_rect())
    assert editor.zoom_label.text() == f"{round(editor.zoom * 100)} %"
    editor.fit_stage(stage(host, "Vedtak"))
    visible = editor.view.visible_scene_rect()
    assert visible.contains(editor.scene.stage_rect(stage(host, "Vedtak")))
    decision = editor.scene.stage_rect(stage(host, "Vedtak"))
    assert visible.center().x() == pytest.approx(decision.center().x() - LANE_W / 2, abs=2)  # titles beside

    editor.zoom_to(1.5)
    bar = editor.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    middle = editor.view.viewport().rect().center()
    drag(editor, middle, middle + QPoint(-200, 0), Qt.MouseButton.MiddleButton)
    assert bar.value() == before + 200
    assert host.texts == []


# --- the scene and rendering --------------------------------------------------------------------------------


def test_scene_lookups(qtbot, host):
    pain = lane(host, "Smertepunkter")
    journey = host.journey
    for i in range(5):
        journey = jm.add_card(journey, pain, step(host, 1), f"Kort {i}")
    journey = jm.edit_step(journey, step(host, 0), emotion=-2)
    scene = JourneyScene()
    scene.set_journey(journey)
    cell = scene.cell_rect(pain, step(host, 1))
    assert scene.cell_at(cell.center()) == (pain, step(host, 1))
    assert scene.cell_at(QPointF(-10, -10)) is None
    assert scene.layout.step_columns[step(host, 1)] == 3  # five cards: three across
    assert cell.height() > 2 * CARD_H  # two rows
    assert scene.stage_rect(stage(host, "Første kontakt")).contains(cell)
    assert scene.emotion_point(step(host, 0)).y() == pytest.approx(scene.layout.emotion_y(-2))
    assert scene.emotion_point(step(host, 1)) is None
    assert scene.header_at(scene.stage_header_rect(stage(host, "Vedtak")).center()) == (
        "stage",
        stage(host, "Vedtak"),
    )
    for card in journey.cards:
        item = scene.card_item(card.id)
        assert cell.contains(item.sceneBoundingRect().adjusted(4, 4, -5, -6))


def test_render_image_and_the_stage_view(qtbot, host):
    journey = jm.edit_step(host.journey, step(host, 1), emotion=-1)
    journey = jm.add_card(journey, lane(host, "Smertepunkter"), step(host, 1), "Venter lenge")
    image = render_image(journey, 640, 360)
    assert image.size().width() == 640 and image.size().height() == 360
    colours = {image.pixel(x, y) for x in range(0, 640, 7) for y in range(0, 360, 7)}
    assert len(colours) > 10  # a map was drawn, not just white
    staged = render_image(journey, 640, 360, stage_id=stage(host, "Første kontakt"))
    assert staged.size() == image.size() and staged != image


def test_render_png_is_a3_landscape_at_300_dpi(qtbot, host, tmp_path):
    journey = jm.set_persona(host.journey, jm.Persona(name="Astrid", role="82 år", quote="Jeg klarer meg"))
    journey = jm.add_card(journey, lane(host, "Handlinger"), step(host, 0), "Merker at hverdagen blir tyngre")
    path = render_png(journey, tmp_path / "kart.png")
    assert path == tmp_path / "kart.png"
    image = QImage(str(path))
    assert (image.width(), image.height()) == (4961, 3508)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert image.pixelColor(5, 5).name() == "#ffffff"


def test_render_png_to_a_missing_folder_raises_oserror(qtbot, host, tmp_path):
    with pytest.raises(OSError):
        render_png(host.journey, tmp_path / "finnes-ikke" / "kart.png", dpi=30)


def test_the_editor_scene_renders_without_its_helpers(qtbot, editor, host):
    editor.set_focus_cell(lane(host, "Handlinger"), step(host, 0))
    rect = editor.scene.cell_rect(lane(host, "Handlinger"), step(host, 0))
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    editor.scene.render(painter, source=rect)
    painter.end()
    accent = ACCENT.rgb()
    assert all(image.pixel(x, 1) != accent for x in range(image.width()))
    assert editor.scene._focus.isVisible()  # back for the editor


def test_the_wall_follows_the_focus_stage_at_a_readable_size(qtbot, editor, host):
    journey = host.journey
    for title in ("Kanaler", "Tanker", "Bak scenen"):
        journey = jm.add_lane(journey, title)
    for lane_ in journey.lanes:
        for step_ in journey.steps:
            journey = jm.add_card(journey, lane_.id, step_.id, "Et kort")
    host.apply("Fyll kartet", lambda j: journey)
    decision, pain = stage(host, "Vedtak"), lane(host, "Smertepunkter")
    layout = editor.scene.layout
    width, height = 1240.0, 640.0
    (left, right), (top, bottom) = focus_window(host.journey, layout, decision, pain, width, height)
    assert (
        left <= editor.scene.stage_rect(decision).left()
        and right >= editor.scene.stage_rect(decision).right()
    )
    assert top <= layout.lane_y[pain][0] < bottom
    assert bottom - top < layout.height - LANES_TOP  # seven lanes do not all fit at a readable size
    scale = min(width / (LANE_W + right - left), height / (LANES_TOP + bottom - top))
    assert scale >= height / WALL_HEIGHT * 0.99
    editor.set_focus_cell(pain, step(host, 2))
    follow = editor.wall_image(1280, 720, follow=True)
    whole = editor.wall_image(1280, 720)
    assert (follow.width(), follow.height()) == (1280, 720) and follow != whole


def test_zoomed_out_cards_show_fewer_larger_words(qtbot, editor, host):
    text = "Søknadsskjemaet er fem sider med fagord og ingen sier hvor lang tid det tar"
    assert editor.add_card(text, lane(host, "Smertepunkter"), step(host, 2))
    item = editor.scene.card_item(host.journey.cards[0].id)
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    painter = RecordingPainter(image)
    painter.scale(0.5, 0.5)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    assert painter.texts == list(item.lines("_big")[1])
    assert len(painter.texts) < len(item.display_lines)
    assert painter.texts[-1].endswith("…")


def test_frozen_headers_stay_in_sight_and_can_be_renamed(qtbot, editor, host):
    editor.zoom_to(1.5)
    editor.view.verticalScrollBar().setValue(editor.view.verticalScrollBar().maximum())
    editor.view.horizontalScrollBar().setValue(editor.view.horizontalScrollBar().maximum())
    assert editor.view.frozen() == (True, True)
    visible = editor.view.visible_scene_rect()
    last_top, last_height = editor.scene.layout.lane_y[host.journey.lanes[-1].id]
    assert visible.top() + 200 < last_top + last_height / 2 < visible.bottom()
    over_title = editor.view.mapFromScene(QPointF(visible.left() + 60, last_top + last_height / 2))
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=over_title)
    assert editor.inline_editor is not None
    assert editor.inline_editor.toPlainText() == host.journey.lanes[-1].title
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Escape)
    assert host.texts == []


def test_an_empty_map_and_a_stage_without_steps(qtbot, editor, host, tmp_path):
    empty = jm.Journey(uuid.uuid4(), "Tom")
    host.journey = empty
    editor.set_journey(empty)
    assert editor.focus_cell is None and not editor.capture.isEnabled()
    assert editor.capture_target.text().startswith("Ingen celle")
    editor.fit_all()
    assert not editor.add_card("Noe")
    assert editor.context_menu(QPointF(5, 5)) is not None
    assert not render_image(empty, 320, 180).isNull()
    assert editor.add_stage("Før")
    only = host.journey.stages[0]
    with pytest.raises(ValidationError):  # the editor cannot empty a stage …
        jm.delete_step(host.journey, only.steps[0].id)
    from dataclasses import replace as _replace

    host.journey = _replace(host.journey, stages=(_replace(only, steps=()),))  # … but such data still draws
    editor.set_journey(host.journey)
    assert host.journey.steps == ()
    assert editor.scene.stage_rect(only.id).width() > 0  # an empty stage keeps a column
    editor.add_step(only.id)
    qtbot.keyClicks(editor.inline_editor, "Første steg")
    qtbot.keyClick(editor.inline_editor, Qt.Key.Key_Return)
    assert [s.title for s in host.journey.steps] == ["Første steg"]
    editor.add_lane("Handlinger")
    assert editor.focus_cell == (host.journey.lanes[0].id, host.journey.steps[0].id)
    assert editor.capture.isEnabled()


def test_a_step_at_a_stages_edge_moves_into_the_neighbouring_stage(editor, host):
    """«Flytt til venstre/høyre» was greyed out at a stage's edge."""
    second = stage(host, "Første kontakt")
    host.apply("Nytt steg", lambda j: jm.add_step(j, second, "Ringer kommunen"))
    ringer = host.journey.stages[1].steps[-1].id
    first_step = host.journey.stages[1].steps[0].id
    assert editor.move_step(first_step, -1)  # the left edge: into «Før», last
    assert host.journey.stages[0].steps[-1].id == first_step
    assert [s.id for s in host.journey.stages[1].steps] == [ringer]
    assert not editor.move_step(ringer, 1)  # the stage's only step stays
    assert editor._step_target(ringer, -1) is None
    host.undo()
    assert [s.id for s in host.journey.stages[1].steps] == [first_step, ringer]


def test_a_followed_stage_on_the_wall_shows_texts_whole(qtbot, editor, host):
    """Up close on the wall, «Handler mindre og spiser enkl…», «Hverdagen …»: the large text cut what the
    room was to read, with room to spare. A text too long for it is drawn whole at the normal size there;
    the whole map, further out, keeps fewer, larger words."""
    from desktop.ui.journey_scene import BIG, WALL, fit_lines, text_size

    text = "Søknadsskjemaet er fem sider med fagord og ingen sier hvor lang tid det tar"
    assert editor.add_card(text, lane(host, "Smertepunkter"), step(host, 2))
    wall = JourneyScene(interactive=False)
    wall.big_text_below, wall.wall_text = 1.6, True
    wall.set_journey(host.journey)
    item = wall.card_item(host.journey.cards[0].id)

    def painted(scale: float) -> list[str]:
        image = QImage(800, 600, QImage.Format.Format_RGB32)
        painter = RecordingPainter(image)
        painter.scale(scale, scale)
        assert text_size(painter, 1.6, wall=True) == (WALL if scale >= 1 else BIG)
        item.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()
        return painter.texts

    close = painted(1.3)
    assert " ".join(close) == text and not close[-1].endswith("…")
    assert painted(0.6)[-1].endswith("…")  # the whole map
    short = "Ringer kommunen"
    assert fit_lines(short, "card" + WALL, 160, 80)[0] == "card_big"  # large where it fits whole


def test_a_lanes_type_is_changed_from_its_menu_and_then_offers_ideas(qtbot, editor, host):
    """A new lane is «Annet»: made «Smertepunkter», its cards can become ideas."""
    editor.ideas_enabled = True
    editor.add_lane("Hva de ansatte sier")
    notes = lane(host, "Hva de ansatte sier")
    (card,) = add_cards(host, notes, step(host, 0), "Vi rekker det ikke")
    menu = editor.context_menu(editor.scene.card_item(card).sceneBoundingRect().center())
    assert "Gjør til idé" not in [a.text() for a in menu.actions()]

    menu = editor.context_menu(editor.scene.lane_header_rect(notes).center())
    kinds = next(a for a in menu.actions() if a.text() == "Type spor").menu()
    assert [a.text() for a in kinds.actions() if a.isChecked()] == ["Annet"]
    next(a for a in kinds.actions() if a.text() == "Smertepunkter").trigger()
    assert next(x for x in host.journey.lanes if x.id == notes).kind is jm.LaneKind.PAIN_POINTS
    assert host.texts[-1] == "Endre type på spor"
    assert host.journey.cards[0].colour == "yellow"  # the cards keep their colours
    menu = editor.context_menu(editor.scene.card_item(card).sceneBoundingRect().center())
    assert "Gjør til idé" in [a.text() for a in menu.actions()]

    host.undo()  # the same path as every lane edit: the previous journey back
    assert next(x for x in host.journey.lanes if x.id == notes).kind is jm.LaneKind.CUSTOM
