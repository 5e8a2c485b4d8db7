"""The journey-map editor: the canvas (``JourneyScene`` in a zoomable view), a toolbar, and the rapid-capture
bar under the canvas for typing cards while the room talks.

Every change goes through ``apply(undo_text, operation)``: the host stores it as one undoable command and
reloads the editor with ``set_journey``. The editor never changes its journey itself.

Mouse:

- double-click an empty cell: a new card there, typed in place (Enter stores, Shift+Enter breaks the line,
  Esc cancels; nothing typed, no card); double-click a card: edit its text; double-click a header: rename;
- drag cards to another cell (Ctrl+click or a rubber band selects several); right-click for more
  (colour, "Gjør til idé", new / move / delete stages, steps and lanes);
- drag an emotion point up or down (it snaps to −2 … +2); a faint ring marks a step without an emotion;
- Ctrl+wheel zooms; the middle button, or Space held while dragging, pans.

Keyboard (the canvas or the capture field has focus; none of these needs the mouse):

- type in the capture field and press Enter: a card in the focus cell (the field empties, focus stays);
- Alt+→ / Alt+←: next / previous step; Alt+↓ / Alt+↑: next / previous lane (the focus cell, outlined on
  the canvas and kept in view). Alt, since Ctrl+arrows move by words in the text field;
- Alt+Shift+↑ / Alt+Shift+↓: the focus step's emotion up / down;
- on the canvas: Delete removes the selected cards, Enter or F2 edits the selected card (or starts a new
  one in the focus cell); Ctrl+D duplicates the selected cards, Ctrl+→ / Ctrl+← / Ctrl+↓ / Ctrl+↑ move them
  one step / lane (Ctrl, since Alt+arrows move the focus cell), Ctrl+A selects every card, Ctrl+C copies
  the selected cards and Ctrl+V pastes them (or plain text, a card per line) into the focus cell. These
  keys act on the canvas only: in a text field they keep their usual meaning;
- Ctrl++ / Ctrl+- zoom, Ctrl+0 shows the whole map.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import journey as jm
from desktop.domain.journey import EMOTION_MAX, EMOTION_MIN, Journey
from desktop.errors import LupError
from desktop.i18n import _
from desktop.ui import context
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.journey_scene import (
    CARD_FILL,
    CARD_H,
    CARD_W,
    GAP,
    HEADER_H,
    LANE_W,
    PAD,
    CardItem,
    JourneyScene,
    font,
    paint_emotion_labels,
    paint_headers,
    paint_lane_titles,
    render_image,
    text_size,
)

Apply = Callable[[str, Callable[[Journey], Journey]], bool]
MIN_ZOOM, MAX_ZOOM = 0.1, 3.0
ZOOM_STEP = 1.25


def journey_shortcuts() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The journey map's keys (while the map or its capture field has focus): (name, text, keys). One list
    for the shortcuts and for the key help."""
    return (
        ("next_step", _("Neste steg"), ("Alt+Right",)),
        ("previous_step", _("Forrige steg"), ("Alt+Left",)),
        ("next_lane", _("Neste spor"), ("Alt+Down",)),
        ("previous_lane", _("Forrige spor"), ("Alt+Up",)),
        ("better", _("Følelsen opp"), ("Alt+Shift+Up",)),
        ("worse", _("Følelsen ned"), ("Alt+Shift+Down",)),
        ("zoom_in", _("Zoom inn"), ("Ctrl++", "Ctrl+=")),
        ("zoom_out", _("Zoom ut"), ("Ctrl+-",)),
        ("fit", _("Hele kartet"), ("Ctrl+0",)),
        ("duplicate", _("Dupliser valgte kort (i kartet)"), ("Ctrl+D",)),
        ("cards_right", _("Flytt valgte kort til neste steg (i kartet)"), ("Ctrl+Right",)),
        ("cards_left", _("Flytt valgte kort til forrige steg (i kartet)"), ("Ctrl+Left",)),
        ("cards_down", _("Flytt valgte kort til neste spor (i kartet)"), ("Ctrl+Down",)),
        ("cards_up", _("Flytt valgte kort til forrige spor (i kartet)"), ("Ctrl+Up",)),
        ("select_all", _("Merk alle kort (i kartet)"), ("Ctrl+A",)),
        ("copy", _("Kopier valgte kort (i kartet)"), ("Ctrl+C",)),
        ("paste", _("Lim inn kort i fokuscellen (i kartet)"), ("Ctrl+V",)),
    )


# The card keys act while the canvas has focus, not in the capture field or while typing in place, where
# Ctrl+arrows, Ctrl+A, Ctrl+C and Ctrl+V belong to the text.
CANVAS_SHORTCUTS = frozenset(
    ("duplicate", "cards_right", "cards_left", "cards_down", "cards_up", "select_all", "copy", "paste")
)


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/no (``desktop.ui.context.ask``; looked up at call time, so tests can answer it)."""
    return context.ask(parent, title, question)


def colour_names() -> dict[str, str]:
    return {
        "yellow": _("Gul"),
        "pink": _("Rosa"),
        "green": _("Grønn"),
        "blue": _("Blå"),
        "orange": _("Oransje"),
        "white": _("Hvit"),
    }


class InlineEditor(QPlainTextEdit):
    """Typing in place on the canvas: Enter stores, Esc cancels, leaving the field stores."""

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, text: str, placeholder: str, multiline: bool) -> None:
        super().__init__(parent)
        self.multiline = multiline
        self._finished = False
        self.setPlainText(text)
        self.setPlaceholderText(placeholder)
        self.selectAll()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if multiline else QPlainTextEdit.LineWrapMode.NoWrap
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)

    @property
    def finished(self) -> bool:
        return self._finished

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()  # these keys belong to the field, not to a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.multiline and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            self.finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(True)

    def commit_typing(self) -> None:
        """Store what is typed (the window does this before an undo or redo, so the typing is one step)."""
        self.finish(True)

    def finish(self, store: bool) -> None:
        if self._finished:
            return
        self._finished = True
        if store:
            self.committed.emit(self.toPlainText())
        else:
            self.cancelled.emit()


class JourneyView(QGraphicsView):
    """The canvas: zoom with Ctrl+wheel, pan with the middle button or Space+drag; the header rows and
    lane titles stay in sight when scrolled away."""

    pressed = Signal(QPointF)  # scene position of a left press
    double_clicked = Signal(QPointF)
    menu_requested = Signal(QPointF, QPoint)  # scene position, global position
    delete_pressed = Signal()
    edit_pressed = Signal()
    zoom_requested = Signal(float)  # factor to multiply the zoom by
    scrolled = Signal()

    def __init__(self, scene: JourneyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setBackgroundBrush(QColor("#e4e9ee"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPoint | None = None
        self._space = False

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def frozen(self) -> tuple[bool, bool]:
        """Whether the header rows (top) and the lane titles (left) are drawn over the scrolled canvas."""
        scene = self.scene()
        if not isinstance(scene, JourneyScene) or scene.journey is None:
            return False, False
        visible = self.visible_scene_rect()
        return visible.top() > 0.5, 0.5 < visible.left() < scene.layout.width - LANE_W

    def over_frozen(self, pos: QPointF) -> bool:
        """Whether scene position ``pos`` is under the frozen header rows or lane titles."""
        top, left = self.frozen()
        visible = self.visible_scene_rect()
        return (top and pos.y() < visible.top() + HEADER_H) or (left and pos.x() < visible.left() + LANE_W)

    def unfrozen_pos(self, pos: QPointF) -> QPointF:
        """A scene position over a frozen header or lane title, as the position on the real one."""
        top, left = self.frozen()
        visible = self.visible_scene_rect()
        x, y = pos.x(), pos.y()
        if top and y < visible.top() + HEADER_H:
            y -= visible.top()
        if left and x < visible.left() + LANE_W:
            x -= visible.left()
        return QPointF(x, y)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 (Qt's name)
        scene = self.scene()
        top, left = self.frozen()
        if not (top or left) or not isinstance(scene, JourneyScene):
            return
        visible = self.visible_scene_rect()
        size = text_size(painter)
        shade = QColor(20, 30, 40, 40)
        x = max(0.0, visible.left()) if left else 0.0
        y = max(0.0, visible.top()) if top else 0.0
        if left:
            paint_lane_titles(painter, scene.journey, scene.layout, x, rect, size)
            paint_emotion_labels(painter, scene.layout, x, size)
            painter.fillRect(QRectF(x + LANE_W, visible.top(), 4 / self.zoom, visible.height()), shade)
        # the header rows (also when only scrolled sideways: the stage titles then stay in sight)
        paint_headers(painter, scene.journey, scene.layout, y, rect, size, x)
        if top:
            painter.fillRect(QRectF(visible.left(), y + HEADER_H, visible.width(), 4 / self.zoom), shade)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt's name)
        super().scrollContentsBy(dx, dy)
        if any(self.frozen()):
            self.viewport().update()  # the frozen headers do not scroll with the pixels
        self.scrolled.emit()

    # mouse

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_requested.emit(1.15**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton:
            pos = self.mapToScene(event.position().toPoint())
            if self.over_frozen(pos):  # the frozen titles are not the cells under them
                event.accept()
                return
            self.pressed.emit(pos)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit(self.mapToScene(event.position().toPoint()))
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        self.menu_requested.emit(self.mapToScene(event.pos()), event.globalPos())
        event.accept()

    # keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key == Qt.Key.Key_Space and not event.modifiers():
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_pressed.emit()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and not event.modifiers():
            self.edit_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        self._space = False
        super().focusOutEvent(event)


class JourneyEditor(QWidget):
    """Edit a journey map on a canvas; every change is asked of ``apply(undo_text, operation)``."""

    card_to_idea = Signal(object)  # card id: a pain point or opportunity should become an idea
    # The host sets this once ideas exist (the ideas issue); until then the menu does not offer it.
    ideas_enabled = False
    # The cards copied with Ctrl+C (their texts whole, and the text put on the system clipboard), shared by
    # every map: Ctrl+V pastes them while the system clipboard still holds what was copied.
    _copied: tuple[tuple[str, ...], str] | None = None
    project_requested = Signal()  # show the map on the wall
    focus_changed = Signal()  # the focus cell moved (the wall can follow its stage)

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._journey: Journey | None = None
        self._focus: tuple[uuid.UUID, uuid.UUID] | None = None
        self._focus_index = (0, 0)  # lane, step: where the focus goes when its cell disappears
        self._inline: InlineEditor | None = None
        self._inline_rect = QRectF()
        self._inline_font = "card"
        self._return_focus: QWidget | None = None
        self._initial_view_pending = False

        self.scene = JourneyScene(self)
        self.view = JourneyView(self.scene, self)
        self.view.setAccessibleName(_("Brukerreisekart"))
        self.toolbar = QToolBar(self)
        self._build_toolbar()
        self._build_capture_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.capture_bar)
        self.setFocusProxy(self.capture)

        self.scene.cards_dropped.connect(self._cards_dropped)
        self.scene.emotion_dropped.connect(self.set_emotion)
        self.scene.emotion_pressed.connect(lambda step_id: self._focus_step(step_id))
        self.scene.add_stage_clicked.connect(lambda: self.add_stage())
        self.scene.add_lane_clicked.connect(lambda: self.add_lane())
        self.view.pressed.connect(self._pressed)
        self.view.double_clicked.connect(self._double_clicked)
        self.view.menu_requested.connect(self._menu_requested)
        self.view.delete_pressed.connect(self.delete_selected)
        self.view.edit_pressed.connect(self._edit_pressed)
        self.view.zoom_requested.connect(lambda factor: self.zoom_to(self.zoom * factor))
        self.view.scrolled.connect(self._place_inline)

        slots = {
            "next_step": lambda: self.move_focus(steps=1),
            "previous_step": lambda: self.move_focus(steps=-1),
            "next_lane": lambda: self.move_focus(lanes=1),
            "previous_lane": lambda: self.move_focus(lanes=-1),
            "better": lambda: self.nudge_emotion(1),
            "worse": lambda: self.nudge_emotion(-1),
            "zoom_in": self.zoom_in,
            "zoom_out": self.zoom_out,
            "fit": self.fit_all,
            "duplicate": self.duplicate_selected,
            "cards_right": lambda: self.shift_selected(steps=1),
            "cards_left": lambda: self.shift_selected(steps=-1),
            "cards_down": lambda: self.shift_selected(lanes=1),
            "cards_up": lambda: self.shift_selected(lanes=-1),
            "select_all": self.select_all_cards,
            "copy": self.copy_selected,
            "paste": self.paste_cards,
        }
        for name, _text, keys in journey_shortcuts():
            slot = slots[name]
            canvas = name in CANVAS_SHORTCUTS
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.view if canvas else self)
                shortcut.setContext(
                    Qt.ShortcutContext.WidgetShortcut
                    if canvas
                    else Qt.ShortcutContext.WidgetWithChildrenShortcut
                )
                shortcut.activated.connect(slot)
        self._update_capture_target()

    # --- building -----------------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = self.toolbar
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def action(text: str, tip: str, slot):
            act = bar.addAction(text)
            act.setToolTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            bar.widgetForAction(act).setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached by Tab too
            return act

        self.new_card_action = action(
            _("Nytt kort"), _("Nytt kort i fokuscellen (Enter i kartet)"), lambda: self.new_card()
        )
        bar.addSeparator()
        self.add_stage_action = action(_("Ny fase"), _("Ny fase til slutt"), lambda: self.add_stage())
        self.add_step_action = action(
            _("Nytt steg"), _("Nytt steg etter steget i fokus"), lambda: self.add_step_after_focus()
        )
        self.add_lane_action = action(
            _("Nytt spor"), _("Nytt spor under sporet i fokus"), lambda: self.add_lane()
        )
        bar.addSeparator()
        action(_("Zoom ut"), _("Zoom ut (Ctrl+-)"), self.zoom_out)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(52)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        action(_("Zoom inn"), _("Zoom inn (Ctrl++)"), self.zoom_in)
        action(_("Hele kartet"), _("Vis hele kartet (Ctrl+0)"), self.fit_all)
        action(_("Fasen i fokus"), _("Vis fasen til fokuscellen"), self.fit_focus_stage)
        bar.addSeparator()
        self.project_action = action(
            _("Vis på veggen"), _("Vis kartet stort på veggen"), self.project_requested.emit
        )

    def _build_capture_bar(self) -> None:
        self.capture_bar = QFrame(self)
        self.capture_bar.setObjectName("journeyCaptureBar")
        self.capture_bar.setStyleSheet(
            "#journeyCaptureBar { background: #f3f5f7; border-top: 1px solid #cfd6dd; }"
        )
        row = FlowLayout(self.capture_bar, spacing=10)  # the keys' hint goes below on a narrow window
        row.setContentsMargins(10, 6, 10, 6)
        self.capture_chip = QLabel()
        self.capture_chip.setFixedSize(16, 16)
        self.capture_target = QLabel()
        target_font = self.capture_target.font()
        target_font.setBold(True)
        self.capture_target.setFont(target_font)
        self.capture_target.setMinimumWidth(200)
        self.capture_target.setMaximumWidth(360)  # the field to type in keeps most of the row
        self.capture_target.setWordWrap(True)
        self.capture = QLineEdit()
        self.capture.setPlaceholderText(_("Skriv og trykk Enter …"))
        self.capture.setAccessibleName(_("Nytt kort"))
        self.capture.setClearButtonEnabled(True)
        capture_font = self.capture.font()
        capture_font.setPointSizeF(capture_font.pointSizeF() * 1.15)
        self.capture.setFont(capture_font)
        self.capture.returnPressed.connect(self._capture_entered)
        self.capture.setMinimumWidth(260)
        hint = QLabel(_("Alt+←/→ steg · Alt+↑/↓ spor · Alt+Shift+↑/↓ følelse"))
        hint.setStyleSheet("color: #5b6570;")
        hint.setWordWrap(True)
        hint.setMinimumWidth(220)
        hint.setMaximumWidth(330)
        row.addWidget(self.capture_chip)
        row.addWidget(self.capture_target)
        row.add_stretching(self.capture)
        row.addWidget(hint)

    # --- content ------------------------------------------------------------------------------------------

    @property
    def journey(self) -> Journey | None:
        return self._journey

    def set_journey(self, journey: Journey) -> None:
        """Show ``journey`` (after every stored edit): the focus cell, the selection and an open in-place
        editor stay where their cells, cards and headers still exist."""
        new_map = self._journey is None or self._journey.id != journey.id
        self._journey = journey
        self.scene.set_journey(journey)
        lanes, steps = journey.lanes, journey.steps
        lane_ids, step_ids = [x.id for x in lanes], [x.id for x in steps]
        if self._focus is not None and self._focus[0] in lane_ids and self._focus[1] in step_ids:
            focus = self._focus
        elif lanes and steps:
            lane_index = min(self._focus_index[0], len(lanes) - 1)
            step_index = min(self._focus_index[1], len(steps) - 1)
            if self._focus is not None and self._focus[0] in lane_ids:
                lane_index = lane_ids.index(self._focus[0])
            if self._focus is not None and self._focus[1] in step_ids:
                step_index = step_ids.index(self._focus[1])
            focus = (lane_ids[lane_index], step_ids[step_index])
        else:
            focus = None
        if new_map:
            focus = (lane_ids[0], step_ids[0]) if lanes and steps else None
        self._set_focus(focus, scroll=False)
        if self._inline is not None and not self._inline_target_exists():
            self._close_inline()
        self._place_inline()
        if new_map:
            self._initial_view_pending = True
            self._initial_view()

    def _initial_view(self) -> None:
        """A new map opens at a readable size: whole when it fits at 60 % or more (never above 100 %),
        else at 60 % from its top left corner."""
        if not self._initial_view_pending or not self.isVisible() or self.view.viewport().width() < 50:
            return
        self._initial_view_pending = False
        rect = self.scene.map_rect().adjusted(-20, -20, 20, 20)
        viewport = self.view.viewport().rect()
        fit = min(viewport.width() / rect.width(), viewport.height() / rect.height())
        zoom = max(0.6, min(1.0, fit))
        self.zoom_to(zoom)
        if fit >= zoom:
            self.view.centerOn(rect.center())
        else:
            self.view.horizontalScrollBar().setValue(self.view.horizontalScrollBar().minimum())
            self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().minimum())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._initial_view()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._initial_view()
        self._place_inline()

    # --- the focus cell -----------------------------------------------------------------------------------

    @property
    def focus_cell(self) -> tuple[uuid.UUID, uuid.UUID] | None:
        """(lane id, step id) where rapid capture adds cards."""
        return self._focus

    def set_focus_cell(self, lane_id: uuid.UUID, step_id: uuid.UUID) -> None:
        if self._journey is None:
            return
        if any(x.id == lane_id for x in self._journey.lanes) and any(
            s.id == step_id for s in self._journey.steps
        ):
            self._set_focus((lane_id, step_id), scroll=True)

    def move_focus(self, steps: int = 0, lanes: int = 0) -> None:
        """Move the focus cell by ``steps`` across and ``lanes`` down (stopping at the edges)."""
        if self._journey is None or self._focus is None:
            return
        lane_ids = [x.id for x in self._journey.lanes]
        step_ids = [s.id for s in self._journey.steps]
        lane = max(0, min(len(lane_ids) - 1, lane_ids.index(self._focus[0]) + lanes))
        step = max(0, min(len(step_ids) - 1, step_ids.index(self._focus[1]) + steps))
        self._set_focus((lane_ids[lane], step_ids[step]), scroll=True)

    def _set_focus(self, focus: tuple[uuid.UUID, uuid.UUID] | None, scroll: bool) -> None:
        changed = focus != self._focus
        self._focus = focus
        if focus is not None and self._journey is not None:
            self._focus_index = (
                [x.id for x in self._journey.lanes].index(focus[0]),
                [s.id for s in self._journey.steps].index(focus[1]),
            )
            self.scene.set_focus_cell(*focus)
        else:
            self.scene.set_focus_cell(None, None)
        self._update_capture_target()
        if scroll and focus is not None:
            self._scroll_to_cell(*focus)
        if changed:
            self.focus_changed.emit()

    def _focus_step(self, step_id: uuid.UUID) -> None:
        if self._focus is not None:
            self._set_focus((self._focus[0], step_id), scroll=False)

    def _scroll_to_cell(self, lane_id: uuid.UUID, step_id: uuid.UUID, last_card: bool = False) -> None:
        rect = self.scene.cell_rect(lane_id, step_id)
        if last_card and self._journey is not None:
            cards = self._journey.cards_in(lane_id, step_id)
            item = self.scene.card_item(cards[-1].id) if cards else None
            if item is not None:
                rect = item.sceneBoundingRect().adjusted(-PAD, -PAD, PAD, PAD)
        viewport = self.view.viewport().rect()
        zoom = self.view.zoom
        visible_h = viewport.height() / zoom - HEADER_H
        if rect.height() > visible_h > 0:
            rect.setHeight(visible_h)  # a tall cell: at least its top shows
        x_margin = int(min(LANE_W * zoom + 8, viewport.width() / 4))
        y_margin = int(min(HEADER_H * zoom + 8, viewport.height() / 4))
        self.view.ensureVisible(rect, x_margin, y_margin)

    def _update_capture_target(self) -> None:
        journey, focus = self._journey, self._focus
        enabled = journey is not None and focus is not None
        self.capture.setEnabled(enabled)
        self.new_card_action.setEnabled(enabled)
        if not enabled:
            self.capture_target.setText(_("Ingen celle (legg til en fase og et spor)"))
            self.capture_chip.setStyleSheet("")
            return
        lane = next(x for x in journey.lanes if x.id == focus[0])
        step = next(s for s in journey.steps if s.id == focus[1])
        stage = journey.stage_of(step.id)
        self.capture_target.setText(f"{lane.title} · {step.title}")
        self.capture_target.setToolTip(f"{lane.title} · {stage.title} › {step.title}")
        self.capture_target.setTextFormat(Qt.TextFormat.PlainText)
        colour = CARD_FILL[lane.kind.colour].name()
        self.capture_chip.setStyleSheet(f"background: {colour}; border: 1px solid #8c9aa8;")

    # --- zoom ---------------------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.view.zoom

    def zoom_to(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.view.zoom
        if current > 0 and abs(factor - current) > 1e-6:
            self.view.scale(factor / current, factor / current)
        self._zoomed()

    def zoom_in(self) -> None:
        self.zoom_to(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_to(self.zoom / ZOOM_STEP)

    def fit_all(self) -> None:
        self.view.fitInView(
            self.scene.map_rect().adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio
        )
        self._zoomed()

    def fit_stage(self, stage_id: uuid.UUID) -> None:
        """Show one stage whole, its lane titles beside it."""
        if self._journey is None or all(s.id != stage_id for s in self._journey.stages):
            return
        rect = self.scene.stage_rect(stage_id)
        rect.setLeft(rect.left() - LANE_W)
        self.view.fitInView(rect.adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def fit_focus_stage(self) -> None:
        if self._journey is not None and self._focus is not None:
            self.fit_stage(self._journey.stage_of(self._focus[1]).id)

    def _zoomed(self) -> None:
        self.zoom_label.setText(f"{round(self.view.zoom * 100)} %")
        self._place_inline()

    def wall_image(self, width: int, height: int, follow: bool = False) -> QImage:
        """The picture for the projection window: the whole map, or (``follow``) the focus cell's stage and
        the lanes around it, large enough to read from the back of the room."""
        if self._journey is None:
            image = QImage(width, height, QImage.Format.Format_RGB32)
            image.fill(QColor("#ffffff"))
            return image
        if follow and self._focus is not None:
            stage_id = self._journey.stage_of(self._focus[1]).id
            return render_image(self._journey, width, height, stage_id, self._focus[0])
        return render_image(self._journey, width, height)

    # --- the mouse ----------------------------------------------------------------------------------------

    def _pressed(self, pos: QPointF) -> None:
        cell = self.scene.cell_at(pos)
        if cell is not None:
            self._set_focus(cell, scroll=False)

    def _card_at(self, pos: QPointF) -> CardItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, CardItem):
                return item
        return None

    def _double_clicked(self, pos: QPointF) -> None:
        header = self.scene.header_at(self.view.unfrozen_pos(pos))
        if header is not None:
            kind, item_id = header
            {"stage": self.rename_stage, "step": self.rename_step, "lane": self.rename_lane}[kind](item_id)
            return
        card = self._card_at(pos)
        if card is not None:
            self.edit_card(card.card_id)
            return
        if self.scene.emotion_step_at(pos) is not None:
            return
        cell = self.scene.cell_at(pos)
        if cell is not None:
            self._set_focus(cell, scroll=False)
            self.new_card(*cell)

    def _edit_pressed(self) -> None:
        selected = self.scene.selected_card_ids()
        if len(selected) == 1:
            self.edit_card(selected[0])
        else:
            self.new_card()

    def _menu_requested(self, pos: QPointF, global_pos: QPoint) -> None:
        menu = self.context_menu(pos)
        if menu is not None:
            menu.exec(global_pos)
            menu.deleteLater()

    # --- cards --------------------------------------------------------------------------------------------

    def new_card(self, lane_id: uuid.UUID | None = None, step_id: uuid.UUID | None = None) -> None:
        """Type a new card in place in the cell (the focus cell by default)."""
        if lane_id is None or step_id is None:
            if self._focus is None:
                return
            lane_id, step_id = self._focus
        if self._journey is None:
            return
        count = len(self._journey.cards_in(lane_id, step_id))
        columns = self.scene.layout.step_columns[step_id]
        row, column = divmod(count, columns)
        cell = self.scene.cell_rect(lane_id, step_id)
        slot = QRectF(
            cell.left() + PAD + column * (CARD_W + GAP),
            cell.top() + PAD + row * (CARD_H + GAP),
            CARD_W,
            CARD_H,
        )
        lane = next(x for x in self._journey.lanes if x.id == lane_id)
        self._scroll_to_rect(slot)
        self._open_inline(
            ("new", lane_id, step_id),
            slot,
            "",
            _("Skriv kortet – Enter lagrer, Esc avbryter"),
            lambda text: self.add_card(text, lane_id, step_id),
            colour=lane.kind.colour,
        )

    def edit_card(self, card_id: uuid.UUID) -> None:
        """Edit a card's text in place."""
        item = self.scene.card_item(card_id)
        if item is None:
            return
        card = item.card
        self._scroll_to_rect(item.sceneBoundingRect())

        def store(text: str) -> None:
            if text.strip() and text.strip() != card.text:
                self._do(_("Endre kort"), lambda j: jm.edit_card(j, card_id, text=text))

        self._open_inline(
            ("card", card_id),
            QRectF(item.pos(), item.boundingRect().size()).adjusted(4, 4, -5, -6),
            card.text,
            "",
            store,
            colour=card.colour,
        )

    def add_card(self, text: str, lane_id: uuid.UUID | None = None, step_id: uuid.UUID | None = None) -> bool:
        """A card with ``text`` in the cell (the focus cell by default); empty text makes no card."""
        if not text.strip():
            return False
        if lane_id is None or step_id is None:
            if self._focus is None:
                return False
            lane_id, step_id = self._focus
        return self._do(_("Nytt kort"), lambda j: jm.add_card(j, lane_id, step_id, text))

    def move_cards(self, card_ids, lane_id: uuid.UUID, step_id: uuid.UUID, index: int | None = None) -> bool:
        """Move cards to a cell (at ``index`` among its cards; last by default). What a drop does."""
        ids = set(card_ids)
        if not ids or self._journey is None:
            return False
        text = _("Flytt kort") if len(ids) == 1 else _("Flytt {n} kort").format(n=len(ids))
        stored = self._do(text, lambda j: jm.move_cards(j, ids, lane_id, step_id, index))
        if not stored:
            self.scene.relayout_cards()
        return stored

    def delete_cards(self, card_ids) -> bool:
        ids = set(card_ids)
        if not ids:
            return False
        text = _("Slett kort") if len(ids) == 1 else _("Slett {n} kort").format(n=len(ids))
        return self._do(text, lambda j: jm.delete_cards(j, ids))

    def delete_selected(self) -> bool:
        return self.delete_cards(self.scene.selected_card_ids())

    def set_card_colour(self, card_ids, colour: str) -> bool:
        ids = set(card_ids)

        def recolour(j: Journey) -> Journey:
            for card_id in ids:
                j = jm.edit_card(j, card_id, colour=colour)
            return j

        return bool(ids) and self._do(_("Endre farge"), recolour)

    def select_cards(self, card_ids) -> None:
        """Select exactly these cards on the canvas."""
        ids = set(card_ids)
        self.scene.clearSelection()
        for card_id in ids:
            item = self.scene.card_item(card_id)
            if item is not None:
                item.setSelected(True)

    def select_all_cards(self) -> None:
        """Ctrl+A on the canvas: every card."""
        if self._journey is not None:
            self.select_cards(c.id for c in self._journey.cards)

    def duplicate_selected(self) -> bool:
        """Ctrl+D: a copy of each selected card beside it in its cell (not an idea); the copies selected."""
        ids = self.scene.selected_card_ids()
        if not ids:
            return False
        copies = {card_id: uuid.uuid4() for card_id in ids}
        text = _("Dupliser kort") if len(ids) == 1 else _("Dupliser {n} kort").format(n=len(ids))
        if not self._do(text, lambda j: jm.duplicate_cards(j, copies)):
            return False
        self.select_cards(copies.values())
        return True

    def shift_selected(self, steps: int = 0, lanes: int = 0) -> bool:
        """Ctrl+arrows: the selected cards one step across or one lane down or up, still selected (the focus
        cell goes with them); at the map's edge nothing moves."""
        ids = self.scene.selected_card_ids()
        if not ids or self._journey is None:
            return False
        text = _("Flytt kort") if len(ids) == 1 else _("Flytt {n} kort").format(n=len(ids))
        if not self._do(text, lambda j: jm.shift_cards(j, set(ids), steps, lanes)):
            return False
        self.select_cards(ids)
        card = next((c for c in self._journey.cards if c.id == ids[0]), None)
        if card is not None:
            self._set_focus((card.lane_id, card.step_id), scroll=True)
        return True

    def copy_selected(self) -> bool:
        """Ctrl+C: the selected cards' texts, kept whole for Ctrl+V and on the system clipboard one card per
        line (for a document or another program)."""
        if self._journey is None:
            return False
        ids = set(self.scene.selected_card_ids())
        texts = tuple(c.text for c in self._journey.cards if c.id in ids)
        if not texts:
            return False
        plain = "\n".join(" ".join(text.split()) for text in texts)
        JourneyEditor._copied = (texts, plain)
        QApplication.clipboard().setText(plain)
        return True

    def paste_cards(self) -> bool:
        """Ctrl+V: the copied cards as new cards in the focus cell, selected; text copied elsewhere gives a
        card per non-empty line. One undoable step."""
        if self._journey is None or self._focus is None:
            return False
        plain = QApplication.clipboard().text()
        copied = JourneyEditor._copied
        if copied is not None and copied[1] == plain:
            texts = list(copied[0])  # a card of several lines stays one card
        else:
            texts = [line.strip() for line in plain.splitlines() if line.strip()]
        if not texts:
            return False
        ids = [uuid.uuid4() for _text in texts]
        lane_id, step_id = self._focus
        text = _("Lim inn kort") if len(ids) == 1 else _("Lim inn {n} kort").format(n=len(ids))
        if not self._do(text, lambda j: jm.add_cards(j, lane_id, step_id, texts, ids)):
            return False
        self.select_cards(ids)
        self._scroll_to_cell(lane_id, step_id, last_card=True)
        return True

    def _cards_dropped(
        self, card_ids: list, lane_id: uuid.UUID, step_id: uuid.UUID, index: int | None
    ) -> None:
        self._set_focus((lane_id, step_id), scroll=False)
        self.move_cards(card_ids, lane_id, step_id, index)

    def _capture_entered(self) -> None:
        text = self.capture.text()
        if not text.strip():
            self.capture.clear()
            return
        if self.add_card(text):
            self.capture.clear()
            if self._focus is not None:
                self._scroll_to_cell(*self._focus, last_card=True)

    # --- stages, steps, lanes -----------------------------------------------------------------------------

    def add_stage(self, title: str | None = None, index: int | None = None) -> bool:
        """A new stage (at the end by default); without ``title`` its name is typed in place first."""
        if title is None:
            self._scroll_to_rect(self.scene.add_stage_rect())
            self._open_inline(
                ("add-stage",),
                self.scene.add_stage_rect(),
                "",
                _("Navn på ny fase"),
                lambda text: self.add_stage(text, index),
                font_name="stage",
            )
            return False
        if not title.strip():
            return False
        name = " ".join(title.split())
        return self._do(_("Ny fase «{title}»").format(title=name), lambda j: jm.add_stage(j, name, index))

    def rename_stage(self, stage_id: uuid.UUID, title: str | None = None) -> bool:
        stage = self._stage(stage_id)
        if stage is None:
            return False
        if title is None:
            self._open_inline(
                ("stage", stage_id),
                self.scene.stage_header_rect(stage_id),
                stage.title,
                _("Navn på fasen"),
                lambda text: self.rename_stage(stage_id, text),
                font_name="stage",
            )
            return False
        if not title.strip() or " ".join(title.split()) == stage.title:
            return False
        return self._do(_("Gi nytt navn til fase"), lambda j: jm.rename_stage(j, stage_id, title))

    def move_stage(self, stage_id: uuid.UUID, delta: int) -> bool:
        ids = [s.id for s in self._journey.stages] if self._journey else []
        if stage_id not in ids:
            return False
        index = ids.index(stage_id) + delta
        if not 0 <= index < len(ids):
            return False
        return self._do(_("Flytt fase"), lambda j: jm.move_stage(j, stage_id, index))

    def delete_stage(self, stage_id: uuid.UUID) -> bool:
        """Delete a stage with its steps and cards; a stage holding cards asks first."""
        stage = self._stage(stage_id)
        if stage is None:
            return False
        steps = {s.id for s in stage.steps}
        count = sum(1 for c in self._journey.cards if c.step_id in steps)
        if count and not ask(
            self,
            _("Slette fasen?"),
            _("Fasen «{title}» har {n} kort. Vil du slette fasen med kortene? Du kan angre etterpå.").format(
                title=stage.title, n=count
            ),
        ):
            return False
        return self._do(
            _("Slett fase «{title}»").format(title=stage.title), lambda j: jm.delete_stage(j, stage_id)
        )

    def add_step(self, stage_id: uuid.UUID, title: str | None = None, index: int | None = None) -> bool:
        """A new step in a stage (after ``index`` − 1; at its end by default); named in place first."""
        stage = self._stage(stage_id)
        if stage is None:
            return False
        if title is None:
            header = self.scene.stage_header_rect(stage_id)
            after = (
                stage.steps[min(index, len(stage.steps)) - 1]
                if index
                else (stage.steps[-1] if stage.steps else None)
            )
            if after is not None:
                rect = self.scene.step_header_rect(after.id)
                rect = QRectF(
                    rect.right() - rect.width() / 2, rect.top(), max(rect.width(), 200.0), rect.height()
                )
            else:
                rect = QRectF(
                    header.left(), header.bottom(), max(header.width(), 200.0), header.height() * 0.8
                )
            self._scroll_to_rect(rect)
            self._open_inline(
                ("add-step", stage_id),
                rect,
                "",
                _("Navn på nytt steg"),
                lambda text: self.add_step(stage_id, text, index),
                font_name="step",
            )
            return False
        if not title.strip():
            return False
        name = " ".join(title.split())
        return self._do(_("Nytt steg"), lambda j: jm.add_step(j, stage_id, name, index))

    def add_step_after_focus(self) -> bool:
        if self._journey is None or not self._journey.stages:
            return False
        if self._focus is None:
            return self.add_step(self._journey.stages[-1].id)
        stage = self._journey.stage_of(self._focus[1])
        index = [s.id for s in stage.steps].index(self._focus[1]) + 1
        return self.add_step(stage.id, None, index)

    def rename_step(self, step_id: uuid.UUID, title: str | None = None) -> bool:
        step = self._step(step_id)
        if step is None:
            return False
        if title is None:
            self._open_inline(
                ("step", step_id),
                self.scene.step_header_rect(step_id),
                step.title,
                _("Navn på steget"),
                lambda text: self.rename_step(step_id, text),
                font_name="step",
            )
            return False
        if not title.strip() or " ".join(title.split()) == step.title:
            return False
        return self._do(_("Gi nytt navn til steg"), lambda j: jm.edit_step(j, step_id, title=title))

    def move_step(self, step_id: uuid.UUID, delta: int) -> bool:
        """One place left (-1) or right (1); from a stage's edge into the neighbouring stage, as its last or
        first step (a stage keeps at least one)."""
        target = self._step_target(step_id, delta)
        if target is None:
            return False
        stage_id, index = target
        return self._do(_("Flytt steg"), lambda j: jm.move_step(j, step_id, index, stage_id))

    def _step_target(self, step_id: uuid.UUID, delta: int) -> tuple[uuid.UUID, int] | None:
        """Where ``move_step`` puts the step: (stage id, index), or None where it cannot go."""
        if self._step(step_id) is None:
            return None
        stages = self._journey.stages
        stage = self._journey.stage_of(step_id)
        ids = [s.id for s in stage.steps]
        index = ids.index(step_id) + delta
        if 0 <= index < len(ids):
            return stage.id, index
        neighbour = [s.id for s in stages].index(stage.id) + delta
        if len(ids) == 1 or not 0 <= neighbour < len(stages):
            return None
        return stages[neighbour].id, (len(stages[neighbour].steps) if delta < 0 else 0)

    def delete_step(self, step_id: uuid.UUID) -> bool:
        step = self._step(step_id)
        if step is None:
            return False
        count = sum(1 for c in self._journey.cards if c.step_id == step_id)
        if count and not ask(
            self,
            _("Slette steget?"),
            _(
                "Steget «{title}» har {n} kort. Vil du slette steget med kortene? Du kan angre etterpå."
            ).format(title=step.title, n=count),
        ):
            return False
        return self._do(
            _("Slett steg «{title}»").format(title=step.title), lambda j: jm.delete_step(j, step_id)
        )

    def add_lane(self, title: str | None = None, index: int | None = None) -> bool:
        """A new (custom) lane, under the focus lane by default; named in place first."""
        if self._journey is None:
            return False
        if index is None and self._focus is not None:
            index = [x.id for x in self._journey.lanes].index(self._focus[0]) + 1
        if title is None:
            if index is not None and 0 < index <= len(self._journey.lanes):
                above = self.scene.lane_header_rect(self._journey.lanes[index - 1].id)
                rect = QRectF(above.left(), above.bottom() - 22, above.width(), 44)
            else:
                rect = self.scene.add_lane_rect()
            self._scroll_to_rect(rect)
            self._open_inline(
                ("add-lane",),
                rect,
                "",
                _("Navn på nytt spor"),
                lambda text: self.add_lane(text, index),
                font_name="lane",
            )
            return False
        if not title.strip():
            return False
        name = " ".join(title.split())
        return self._do(_("Nytt spor"), lambda j: jm.add_lane(j, name, jm.LaneKind.CUSTOM, index))

    def rename_lane(self, lane_id: uuid.UUID, title: str | None = None) -> bool:
        lane = self._lane(lane_id)
        if lane is None:
            return False
        if title is None:
            rect = self.scene.lane_header_rect(lane_id)
            rect.setHeight(min(rect.height(), 80.0))
            self._open_inline(
                ("lane", lane_id),
                rect,
                lane.title,
                _("Navn på sporet"),
                lambda text: self.rename_lane(lane_id, text),
                font_name="lane",
            )
            return False
        if not title.strip() or " ".join(title.split()) == lane.title:
            return False
        return self._do(_("Gi nytt navn til spor"), lambda j: jm.rename_lane(j, lane_id, title))

    def move_lane(self, lane_id: uuid.UUID, delta: int) -> bool:
        ids = [x.id for x in self._journey.lanes] if self._journey else []
        if lane_id not in ids:
            return False
        index = ids.index(lane_id) + delta
        if not 0 <= index < len(ids):
            return False
        return self._do(_("Flytt spor"), lambda j: jm.move_lane(j, lane_id, index))

    def delete_lane(self, lane_id: uuid.UUID) -> bool:
        lane = self._lane(lane_id)
        if lane is None:
            return False
        count = sum(1 for c in self._journey.cards if c.lane_id == lane_id)
        if count and not ask(
            self,
            _("Slette sporet?"),
            _(
                "Sporet «{title}» har {n} kort. Vil du slette sporet med kortene? Du kan angre etterpå."
            ).format(title=lane.title, n=count),
        ):
            return False
        return self._do(
            _("Slett spor «{title}»").format(title=lane.title), lambda j: jm.delete_lane(j, lane_id)
        )

    # --- emotion ------------------------------------------------------------------------------------------

    def set_emotion(self, step_id: uuid.UUID, value: int | None) -> bool:
        """Set a step's emotion (−2 … +2, None for none); what dropping a dragged point does."""
        step = self._step(step_id)
        stored = step is not None and step.emotion != value
        if stored:
            stored = self._do(_("Endre følelse"), lambda j: jm.edit_step(j, step_id, emotion=value))
        if not stored and self._journey is not None:
            self.scene.set_journey(self._journey)  # a point dragged for nothing goes back
        return stored

    def nudge_emotion(self, delta: int) -> bool:
        """The focus step's emotion one up or down (a step without one starts from 0)."""
        if self._focus is None:
            return False
        step = self._step(self._focus[1])
        value = max(EMOTION_MIN, min(EMOTION_MAX, (step.emotion or 0) + delta))
        return self.set_emotion(step.id, value)

    # --- the context menu ---------------------------------------------------------------------------------

    def context_menu(self, pos: QPointF) -> QMenu | None:
        """The menu for what is at scene position ``pos`` (built, not shown: ``exec`` shows it)."""
        if self._journey is None:
            return None
        menu = QMenu(self)

        def add(text: str, slot, enabled: bool = True):
            act = menu.addAction(text)
            act.setEnabled(enabled)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        header = self.scene.header_at(self.view.unfrozen_pos(pos))
        card = self._card_at(pos)
        step_at = self.scene.emotion_step_at(pos)
        cell = self.scene.cell_at(pos)
        if header is not None and header[0] == "stage":
            stage_id = header[1]
            stages = [s.id for s in self._journey.stages]
            index = stages.index(stage_id)
            title = self._stage(stage_id).title
            add(_("Gi nytt navn …"), lambda: self.rename_stage(stage_id))
            add(_("Nytt steg i fasen …"), lambda: self.add_step(stage_id))
            add(_("Ny fase før …"), lambda: self.add_stage(None, index))
            add(_("Ny fase etter …"), lambda: self.add_stage(None, index + 1))
            menu.addSeparator()
            add(_("Flytt til venstre"), lambda: self.move_stage(stage_id, -1), index > 0)
            add(_("Flytt til høyre"), lambda: self.move_stage(stage_id, 1), index < len(stages) - 1)
            menu.addSeparator()
            add(_("Vis fasen"), lambda: self.fit_stage(stage_id))
            add(_("Slett fase «{title}» …").format(title=title), lambda: self.delete_stage(stage_id))
        elif header is not None and header[0] == "step":
            step_id = header[1]
            stage = self._journey.stage_of(step_id)
            steps = [s.id for s in stage.steps]
            index = steps.index(step_id)
            add(_("Gi nytt navn …"), lambda: self.rename_step(step_id))
            add(_("Nytt steg etter …"), lambda: self.add_step(stage.id, None, index + 1))
            menu.addSeparator()
            for text, delta in ((_("Flytt til venstre"), -1), (_("Flytt til høyre"), 1)):
                target = self._step_target(step_id, delta)
                if target is not None and target[0] != stage.id:
                    name = next(s.title for s in self._journey.stages if s.id == target[0])
                    text = _("Flytt til fasen «{stage}»").format(stage=name)
                add(text, lambda d=delta: self.move_step(step_id, d), target is not None)
            menu.addSeparator()
            add(
                _("Slett steg «{title}» …").format(title=self._step(step_id).title),
                lambda: self.delete_step(step_id),
            )
        elif header is not None and header[0] == "lane":
            lane_id = header[1]
            lanes = [x.id for x in self._journey.lanes]
            index = lanes.index(lane_id)
            add(_("Gi nytt navn …"), lambda: self.rename_lane(lane_id))
            add(_("Nytt spor under …"), lambda: self.add_lane(None, index + 1))
            kinds = menu.addMenu(_("Type spor"))  # pain points and opportunities can become ideas
            for kind in jm.LaneKind:
                act = kinds.addAction(kind.label)
                act.setCheckable(True)
                act.setChecked(kind is self._lane(lane_id).kind)
                act.triggered.connect(
                    lambda _checked=False, k=kind: self._do(
                        _("Endre type på spor"), lambda j: jm.set_lane_kind(j, lane_id, k)
                    )
                )
            menu.addSeparator()
            add(_("Flytt opp"), lambda: self.move_lane(lane_id, -1), index > 0)
            add(_("Flytt ned"), lambda: self.move_lane(lane_id, 1), index < len(lanes) - 1)
            menu.addSeparator()
            add(
                _("Slett spor «{title}» …").format(title=self._lane(lane_id).title),
                lambda: self.delete_lane(lane_id),
            )
        elif card is not None:
            if not card.isSelected():
                self.scene.clearSelection()
                card.setSelected(True)
            ids = self.scene.selected_card_ids()
            lane = self._lane(card.card.lane_id)
            add(_("Endre teksten"), lambda: self.edit_card(card.card_id))
            colours = menu.addMenu(_("Farge"))
            for name, label in colour_names().items():
                act = colours.addAction(label)
                act.triggered.connect(lambda _checked=False, colour=name: self.set_card_colour(ids, colour))
            if card.card.idea_id is not None:
                menu.addSeparator()
                add(_("Er allerede en idé"), lambda: None, False)
            elif lane is not None and lane.kind.leads_to_ideas and self.ideas_enabled:
                menu.addSeparator()
                card_id = card.card_id
                add(_("Gjør til idé"), lambda: self.card_to_idea.emit(card_id))
            menu.addSeparator()
            text = _("Slett kort") if len(ids) == 1 else _("Slett {n} kort").format(n=len(ids))
            add(text, lambda: self.delete_cards(ids))
        elif step_at is not None:
            for value in range(EMOTION_MAX, EMOTION_MIN - 1, -1):
                label = f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")
                add(label, lambda v=value: self.set_emotion(step_at, v))
            menu.addSeparator()
            add(
                _("Fjern følelse"),
                lambda: self.set_emotion(step_at, None),
                self._step(step_at).emotion is not None,
            )
        elif cell is not None:
            self._set_focus(cell, scroll=False)
            add(_("Nytt kort her"), lambda: self.new_card(*cell))
        else:
            add(_("Ny fase …"), lambda: self.add_stage())
            add(_("Nytt spor …"), lambda: self.add_lane())
            add(_("Hele kartet"), self.fit_all)
        return menu

    # --- the in-place editor ------------------------------------------------------------------------------

    @property
    def inline_editor(self) -> InlineEditor | None:
        """The in-place editor while one is open."""
        return self._inline

    def _open_inline(
        self,
        target: tuple,
        rect: QRectF,
        text: str,
        placeholder: str,
        store: Callable[[str], object],
        colour: str | None = None,
        font_name: str = "card",
    ) -> None:
        self._close_inline(store=True)
        focused = QApplication.focusWidget()
        self._return_focus = focused if focused is not None and self.isAncestorOf(focused) else self.view
        editor = InlineEditor(self.view.viewport(), text, placeholder, multiline=font_name == "card")
        editor.target = target
        background = CARD_FILL[colour].name() if colour else "#ffffff"
        editor.setStyleSheet(
            f"QPlainTextEdit {{ background: {background}; color: #1d232a; border: 2px solid #1f5fbf; }}"
        )
        self._inline = editor
        self._inline_rect = QRectF(rect)
        self._inline_font = font_name

        def committed(value: str) -> None:
            self._close_inline()
            store(value)

        editor.committed.connect(committed)
        editor.cancelled.connect(self._close_inline)
        self._place_inline()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_inline(self) -> None:
        editor = self._inline
        if editor is None:
            return
        area = self.view.mapFromScene(self._inline_rect).boundingRect()
        editor.setGeometry(area)
        shown = font(self._inline_font)
        scaled = QFont(shown)
        scaled.setPixelSize(max(9, round(shown.pixelSize() * self.view.zoom)))
        editor.setFont(scaled)
        editor.document().setDocumentMargin(max(2.0, 6 * self.view.zoom))

    def commit_pending(self) -> None:
        """Store what is being typed in place now (before the map it belongs to is put away)."""
        self._close_inline(store=True)

    def _close_inline(self, store: bool = False) -> None:
        """Close the in-place editor (storing what it holds when ``store``)."""
        editor, self._inline = self._inline, None
        if editor is None:
            return
        if store and not editor.finished:
            self._inline = editor
            editor.finish(True)  # committed closes it
            return
        if not editor.finished:
            editor.finish(False)
        had_focus = editor.hasFocus()
        editor.hide()
        editor.deleteLater()
        if had_focus or QApplication.focusWidget() is None:
            target = self._return_focus if self._return_focus is not None else self.view
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _inline_target_exists(self) -> bool:
        target = getattr(self._inline, "target", ())
        journey = self._journey
        if journey is None or not target:
            return False
        kind = target[0]
        if kind == "new":
            return self._lane(target[1]) is not None and self._step(target[2]) is not None
        if kind == "card":
            return any(c.id == target[1] for c in journey.cards)
        if kind in ("stage", "add-step"):
            return self._stage(target[1]) is not None
        if kind == "step":
            return self._step(target[1]) is not None
        if kind == "lane":
            return self._lane(target[1]) is not None
        return True

    def _scroll_to_rect(self, rect: QRectF) -> None:
        if self.isVisible():
            self.view.ensureVisible(rect, 20, 20)

    # --- helpers ------------------------------------------------------------------------------------------

    def _do(self, text: str, operation: Callable[[Journey], Journey]) -> bool:
        """Ask the host to store ``operation``; an edit that changes nothing is not asked for."""
        if self._journey is None:
            return False
        try:
            if operation(self._journey) == self._journey:
                return False
        except LupError:
            pass  # refused: the host runs it again and shows why
        return bool(self._apply(text, operation))

    def _stage(self, stage_id: uuid.UUID):
        return next((s for s in self._journey.stages if s.id == stage_id), None) if self._journey else None

    def _step(self, step_id: uuid.UUID):
        return next((s for s in self._journey.steps if s.id == step_id), None) if self._journey else None

    def _lane(self, lane_id: uuid.UUID):
        return next((x for x in self._journey.lanes if x.id == lane_id), None) if self._journey else None


__all__ = ["InlineEditor", "JourneyEditor", "JourneyView", "ask"]
