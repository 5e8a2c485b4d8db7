"""The impact/effort matrix: ideas as notes placed by dragging, and the same matrix drawn for the wall.

Effort runs left (little) to right (much), impact bottom (low) to top (high); the top-left quadrant is
"Raske gevinster". Ideas not yet placed wait in a tray on the right; dragging a note into the matrix places
it, dragging it back to the tray takes it off. The scene only reports where a note was dropped; the panel
stores it and the scene is rebuilt from the stored board.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import isValid

from desktop.domain.ideas import Board, Idea, Quadrant
from desktop.i18n import _
from desktop.ui.text_layout import clip_lines

WIDTH, HEIGHT = 700.0, 600.0  # the matrix on the laptop, in scene units
WALL_WIDTH, WALL_HEIGHT = 1150.0, 600.0  # on the wall it takes the whole 16:9 width
TRAY_GAP = 30.0
TRAY_WIDTH = 230.0
NOTE_W, NOTE_H = 150.0, 58.0  # a note is at least this big and grows with its text (up to MAX_LINES)
MAX_LINES = 5
NUDGE = 0.05  # an arrow key moves a note this far (of the axis)

QUADRANT_COLOURS = {
    Quadrant.QUICK_WINS: "#e3f1e0",
    Quadrant.BIG_BETS: "#e2ecf6",
    Quadrant.SMALL_STEPS: "#f6f1de",
    Quadrant.MONEY_PITS: "#f4e4e1",
}
NOTE_COLOUR = "#fff3a8"
CHOSEN_COLOUR = "#1b7a3a"
INK = "#1f2933"
MUTED = "#5b6670"


def quadrant_rects(width: float, height: float) -> dict[Quadrant, QRectF]:
    w, h = width / 2, height / 2
    return {
        Quadrant.QUICK_WINS: QRectF(0, 0, w, h),
        Quadrant.BIG_BETS: QRectF(w, 0, w, h),
        Quadrant.SMALL_STEPS: QRectF(0, h, w, h),
        Quadrant.MONEY_PITS: QRectF(w, h, w, h),
    }


def to_scene(impact: float, effort: float, width: float = WIDTH, height: float = HEIGHT) -> QPointF:
    return QPointF(effort * width, (1 - impact) * height)


def from_scene(point: QPointF, width: float = WIDTH, height: float = HEIGHT) -> tuple[float, float]:
    """(impact, effort) of a point in the matrix, held to 0…1."""
    effort = min(1.0, max(0.0, point.x() / width))
    impact = min(1.0, max(0.0, 1 - point.y() / height))
    return impact, effort


class NoteItem(QGraphicsObject):
    """One idea as a sticky note: its text, its votes in a badge, a green frame when chosen."""

    def __init__(self, idea: Idea, votes: int, width: float, height: float, font_size: float) -> None:
        super().__init__()
        self.idea = idea
        self.votes = votes
        self._font = QFont()
        self._font.setPixelSize(round(font_size))
        self._badge_font = QFont(self._font)
        self._badge_font.setBold(True)
        self._badge = height * 0.42 if votes else 0.0
        # Grow with the text up to MAX_LINES (long words break too); what is longer ends in "…".
        metrics = QFontMetricsF(self._font)
        self._lines = clip_lines(idea.text, self._font, width - 16 - self._badge, MAX_LINES) or [""]
        self._line_h = metrics.lineSpacing()
        self._w, self._h = width, max(height, len(self._lines) * self._line_h + 16)
        self.setToolTip(idea.text)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    @property
    def idea_id(self) -> uuid.UUID:
        return self.idea.id

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(-self._w / 2 - 4, -self._h / 2 - 4, self._w + 8, self._h + 8)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(-self._w / 2, -self._h / 2, self._w, self._h)
        selected = self.isSelected()
        pen = QPen(QColor(CHOSEN_COLOUR if self.idea.chosen else "#b9a94a"), 4 if self.idea.chosen else 1)
        if selected:
            pen = QPen(QColor("#1d5f8a"), 4)
        painter.setPen(pen)
        painter.setBrush(QColor(NOTE_COLOUR))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(INK))
        painter.setFont(self._font)
        for n, line in enumerate(self._lines):
            painter.drawText(
                QRectF(rect.left() + 8, rect.top() + 8 + n * self._line_h, self._w - 16, self._line_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
        if self.votes:
            d = self._badge - 6
            # A round badge, widened into a pill for counts of three digits and more (dots off a wall).
            w = max(d, QFontMetricsF(self._badge_font).horizontalAdvance(str(self.votes)) + d * 0.5)
            badge = QRectF(rect.right() - w - 4, rect.top() + 4, w, d)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#c0392b"))
            painter.drawRoundedRect(badge, d / 2, d / 2)
            painter.setPen(QColor("white"))
            painter.setFont(self._badge_font)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.votes))


class MatrixScene(QGraphicsScene):
    """The matrix and (unless ``wall``) the tray of unplaced ideas."""

    dropped = Signal(list)  # [(idea id, (impact, effort) or None for the tray)] for the notes dragged

    def __init__(self, wall: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.wall = wall
        self.w, self.h = (WALL_WIDTH, WALL_HEIGHT) if wall else (WIDTH, HEIGHT)
        self.notes: dict[uuid.UUID, NoteItem] = {}
        self._press: QPointF | None = None

    def tray_rect(self) -> QRectF:
        return QRectF(self.w + TRAY_GAP, 0, TRAY_WIDTH, self.h)

    def set_board(self, board: Board) -> None:
        selected = {n.idea_id for n in self.notes.values() if n.isSelected()}
        self.notes = {}  # first: clear() reports the lost selection, and these items are going
        self.clear()
        self._draw_background()
        counts = dict((idea.id, n) for idea, n in board.ranking())
        size = (NOTE_W * 1.6, NOTE_H * 1.15, 21.0) if self.wall else (NOTE_W, NOTE_H, 14.0)
        tray = self.tray_rect()
        tray_y = tray.top() + 52
        for idea in board.ideas:
            if self.wall and not idea.placed:
                continue
            note = NoteItem(idea, counts.get(idea.id, 0), *size)
            note.setFlags(
                QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            )
            if idea.placed:
                note.setPos(to_scene(idea.impact, idea.effort, self.w, self.h))
                note.setZValue(2 + (idea.impact or 0))
            else:
                note.setPos(tray.center().x(), tray_y + note.boundingRect().height() / 2)
                tray_y += note.boundingRect().height() + 4
                note.setZValue(2)
            self.addItem(note)
            self.notes[idea.id] = note
            note.setSelected(idea.id in selected)
        margin = 40
        right = self.w if self.wall else tray.right()
        bottom = max(self.h, tray_y)
        self.setSceneRect(QRectF(-margin - 40, -margin, right + 2 * margin + 40, bottom + 2 * margin + 30))

    def _draw_background(self) -> None:
        label_font = QFont()
        label_font.setPixelSize(30 if self.wall else 19)
        label_font.setBold(True)
        hint_font = QFont()
        hint_font.setPixelSize(20 if self.wall else 13)
        for quadrant, rect in quadrant_rects(self.w, self.h).items():
            self.addRect(rect, QPen(QColor("#9aa5b1"), 1), QBrush(QColor(QUADRANT_COLOURS[quadrant])))
            title = self.addSimpleText(quadrant.label, label_font)
            title.setBrush(QColor(MUTED))
            title.setPos(rect.left() + 12, rect.top() + 10)
            hint = self.addSimpleText(quadrant.hint, hint_font)
            hint.setBrush(QColor(MUTED))
            hint.setPos(rect.left() + 12, rect.top() + 10 + title.boundingRect().height())
        axis_font = QFont()
        axis_font.setPixelSize(22 if self.wall else 14)
        effort = self.addSimpleText(_("Innsats →"), axis_font)
        effort.setBrush(QColor(INK))
        effort.setPos(self.w - effort.boundingRect().width(), self.h + 8)
        impact = self.addSimpleText(_("Effekt →"), axis_font)
        impact.setBrush(QColor(INK))
        impact.setRotation(-90)
        impact.setPos(-impact.boundingRect().height() - 8, impact.boundingRect().width())
        if not self.wall:
            tray = self.tray_rect()
            self.addRect(tray, QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DashLine), QBrush(QColor("#f4f6f8")))
            caption = self.addSimpleText(_("Ikke plassert"), label_font)
            caption.setBrush(QColor(MUTED))
            caption.setPos(tray.left() + 12, tray.top() + 10)

    def selected_idea(self) -> uuid.UUID | None:
        if not isValid(self):  # the scene reports its lost selection while it is being destroyed
            return None
        for item in self.selectedItems():
            if isinstance(item, NoteItem):
                return item.idea_id
        return None

    def place_of(self, point: QPointF) -> tuple[float, float] | None:
        """Where a note dropped at ``point`` goes: (impact, effort), or None in the tray."""
        if not self.wall and point.x() > self.w + TRAY_GAP / 2:
            return None
        return from_scene(point, self.w, self.h)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        self._press = event.scenePos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if self._press is None or self.wall:
            return
        moved = (event.scenePos() - self._press).manhattanLength() > 3
        self._press = None
        if not moved:
            return
        places = [
            (n.idea_id, self.place_of(n.pos())) for n in self.selectedItems() if isinstance(n, NoteItem)
        ]
        if places:
            # After the mouse event: storing the places rebuilds this scene and its notes.
            QTimer.singleShot(0, lambda: self.dropped.emit(places))


class MatrixView(QGraphicsView):
    """The matrix on the laptop: scales to fit; arrow keys nudge the selected note, Delete takes it off."""

    nudged = Signal(object, object)  # idea id, (impact, effort) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        self.matrix = MatrixScene()
        super().__init__(self.matrix, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Matrise for effekt og innsats"))

    def set_board(self, board: Board) -> None:
        self.matrix.set_board(board)
        self.fit()

    def fit(self) -> None:
        self.fitInView(self.matrix.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        idea_id = self.matrix.selected_idea()
        steps = {
            Qt.Key.Key_Left: (0, -NUDGE),
            Qt.Key.Key_Right: (0, NUDGE),
            Qt.Key.Key_Up: (NUDGE, 0),
            Qt.Key.Key_Down: (-NUDGE, 0),
        }
        if idea_id is not None and event.key() in steps:
            idea = self.matrix.notes[idea_id].idea
            d_impact, d_effort = steps[event.key()]
            impact = 0.5 if idea.impact is None else idea.impact + d_impact
            effort = 0.5 if idea.effort is None else idea.effort + d_effort
            self.nudged.emit(idea_id, (min(1.0, max(0.0, impact)), min(1.0, max(0.0, effort))))
            return
        if idea_id is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.nudged.emit(idea_id, None)
            return
        if event.key() == Qt.Key.Key_Tab and self.matrix.notes:
            self._select_next()
            return
        super().keyPressEvent(event)

    def _select_next(self) -> None:
        ids = list(self.matrix.notes)
        current = self.matrix.selected_idea()
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.matrix.clearSelection()
        self.matrix.notes[following].setSelected(True)
        self.matrix.notes[following].setFocus()

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        # Tab walks the notes (the key handler above); Shift+Tab leaves the view as usual.
        if forward and self.matrix.notes and self.hasFocus():
            return False
        return super().focusNextPrevChild(forward)


def render_matrix(board: Board, width: int, height: int, title: str = "") -> QImage:
    """The placed ideas on the matrix, large, for the projector."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    scene = MatrixScene(wall=True)
    scene.set_board(board)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = 0
    if title:
        font = QFont()
        font.setPixelSize(max(24, height // 18))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(INK))
        top = int(height / 18 * 1.6)
        painter.drawText(QRectF(24, 8, width - 48, top), int(Qt.AlignmentFlag.AlignVCenter), title)
    source = scene.sceneRect()
    scale = min(width / source.width(), (height - top) / source.height())
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    target.moveCenter(QPointF(width / 2, top + (height - top) / 2))
    scene.render(painter, target, source)
    painter.end()
    return image
