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
TRAY_LINES = 2  # a tray too full for whole notes shows each in two lines (the tooltip has the rest)
TRAY_TOP = 52.0  # below the tray's caption
MARGIN = 40.0
NUDGE = 0.05  # an arrow key moves a note this far (of the axis)
# The quadrant a key puts a note in, at its middle: 1–4 in reading order; from the tray, an arrow starts
# in the quadrant it points to (little effort where it does not say).
QUADRANT_KEYS = {
    Qt.Key.Key_1: (0.75, 0.25),
    Qt.Key.Key_2: (0.75, 0.75),
    Qt.Key.Key_3: (0.25, 0.25),
    Qt.Key.Key_4: (0.25, 0.75),
}
FROM_TRAY = {
    Qt.Key.Key_Up: (0.75, 0.25),
    Qt.Key.Key_Left: (0.75, 0.25),
    Qt.Key.Key_Right: (0.75, 0.75),
    Qt.Key.Key_Down: (0.25, 0.25),
}

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

    def __init__(
        self,
        idea: Idea,
        votes: int,
        width: float,
        height: float,
        font_size: float,
        max_lines: int = MAX_LINES,
    ) -> None:
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
        self._lines = clip_lines(idea.text, self._font, width - 16 - self._badge, max_lines) or [""]
        self._line_h = metrics.lineSpacing()
        self._w, self._h = width, max(height, len(self._lines) * self._line_h + 16)
        self.offset = QPointF()  # where it is drawn less where its idea lies (see MatrixScene._lay_out)
        self.setToolTip(idea.text)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    @property
    def idea_id(self) -> uuid.UUID:
        return self.idea.id

    @property
    def size(self) -> tuple[float, float]:
        return self._w, self._h

    @property
    def line_height(self) -> float:
        return self._line_h

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

    def frame_rect(self) -> QRectF:
        """The matrix, its axis labels and (on the laptop) the tray at the matrix's height: what the view
        fits. A tray fuller than that goes on below and is scrolled to; the matrix keeps its size."""
        right = self.w if self.wall else self.tray_rect().right()
        return QRectF(-MARGIN - 40, -MARGIN, right + 2 * MARGIN + 40, self.h + 2 * MARGIN + 30)

    def set_board(self, board: Board) -> None:
        selected = {n.idea_id for n in self.notes.values() if n.isSelected()}
        self.notes = {}  # first: clear() reports the lost selection, and these items are going
        self.clear()
        counts = dict((idea.id, n) for idea, n in board.ranking())
        size = (NOTE_W * 1.6, NOTE_H * 1.15, 21.0) if self.wall else (NOTE_W, NOTE_H, 14.0)
        placed = [
            self._note(idea, counts.get(idea.id, 0), size, MAX_LINES) for idea in board.ideas if idea.placed
        ]
        self._lay_out(placed)
        tray_bottom = self.h
        if not self.wall:
            waiting = [idea for idea in board.ideas if not idea.placed]
            tray = [self._note(idea, counts.get(idea.id, 0), size, MAX_LINES) for idea in waiting]
            if sum(n.size[1] + 4 for n in tray) > self.h - TRAY_TOP:
                tray = [
                    self._note(i, counts.get(i.id, 0), (NOTE_W + 50, 30.0, 14.0), TRAY_LINES) for i in waiting
                ]
            tray_bottom = self._stack_in_tray(tray)
        self._draw_background(tray_bottom)
        for note in self.notes.values():
            self.addItem(note)
            note.setSelected(note.idea_id in selected)
        self.setSceneRect(self.frame_rect().united(QRectF(0, 0, 1, tray_bottom + MARGIN)))

    def _note(self, idea: Idea, votes: int, size: tuple[float, float, float], lines: int) -> NoteItem:
        note = NoteItem(idea, votes, *size, max_lines=lines)
        note.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.notes[idea.id] = note
        return note

    def _lay_out(self, notes: list[NoteItem]) -> None:
        """Each placed note where its idea lies, held wholly inside the matrix (a note at an edge was cut
        on the wall), and moved past the first line of any note it would cover, down or else up, its
        middle kept in its own half (the quadrant it is in): notes on one spot fan out like a stack of
        cards, every idea's first line readable, the later ones on top."""
        rects = []
        for note in notes:
            w, h = note.size
            at = to_scene(note.idea.impact, note.idea.effort, self.w, self.h)
            left = _held(at.x() - w / 2, 2, self.w - w - 2)
            top = _held(at.y() - h / 2, 2, self.h - h - 2)
            rects.append((note, at, QRectF(left, top, w, h)))
        rects.sort(key=lambda entry: (entry[2].top(), entry[2].left()))
        shown: list[tuple[NoteItem, QRectF]] = []
        for note, at, rect in rects:
            upper = at.y() < self.h / 2  # its half: the middle of the note stays there
            low, high = (2.0, self.h / 2 - 1) if upper else (self.h / 2 + 1, self.h - 2)
            near = [
                (there, max(note.line_height, other.line_height) + 12)
                for other, there in shown
                if abs(there.center().x() - rect.center().x()) < (there.width() + rect.width()) / 2 - 8
            ]

            def fits(top: float, near=near, rect=rect, low=low, high=high) -> bool:
                bottom = top + rect.height()
                if not (top >= 2 and bottom <= self.h - 2 and low <= top + rect.height() / 2 <= high):
                    return False
                # The lower of two notes lies on top: it must start below the other's first line.
                return all(
                    abs(there.top() - top) >= step or there.bottom() <= top or bottom <= there.top()
                    for there, step in near
                )

            tops = [
                rect.top(),
                *(t for there, step in near for t in (there.top() + step, there.top() - step)),
            ]
            fitting = [t for t in tops if fits(t)]
            if fitting:  # else it covers, as on a crowded paper wall
                rect.moveTop(min(fitting, key=lambda t: (abs(t - rect.top()), -t)))
            note.setPos(rect.center())
            note.offset = rect.center() - at  # drawn away from its place by this much
            note.setZValue(2 + rect.top() / self.h)  # the lower on top, its first line over the other's body
            shown.append((note, rect))

    def _stack_in_tray(self, notes: list[NoteItem]) -> float:
        """The unplaced notes down the tray; returns where they end."""
        tray = self.tray_rect()
        y = tray.top() + TRAY_TOP
        for note in notes:
            note.setPos(tray.center().x(), y + note.size[1] / 2 + 4)
            note.setZValue(2)
            y += note.size[1] + 4
        return max(self.h, y + 12)

    def _draw_background(self, tray_bottom: float) -> None:
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
            tray.setBottom(tray_bottom)
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
        places = [  # where each idea lies plus the drag, not where its note was drawn (held in, fanned out)
            (n.idea_id, self.place_of(n.pos() - n.offset))
            for n in self.selectedItems()
            if isinstance(n, NoteItem)
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
        self.fitInView(self.matrix.frame_rect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # Ctrl+4, Shift+← … are not ours
            super().keyPressEvent(event)
            return
        idea_id = self.matrix.selected_idea()
        steps = {
            Qt.Key.Key_Left: (0, -NUDGE),
            Qt.Key.Key_Right: (0, NUDGE),
            Qt.Key.Key_Up: (NUDGE, 0),
            Qt.Key.Key_Down: (-NUDGE, 0),
        }
        idea = self.matrix.notes[idea_id].idea if idea_id is not None else None
        if idea is not None and event.key() in QUADRANT_KEYS:
            self.nudged.emit(idea_id, QUADRANT_KEYS[event.key()])
            return
        if idea is not None and event.key() in steps:
            if not idea.placed:
                self.nudged.emit(idea_id, FROM_TRAY[event.key()])
                return
            d_impact, d_effort = steps[event.key()]
            self.nudged.emit(
                idea_id, (_off_the_line(idea.impact, d_impact), _off_the_line(idea.effort, d_effort))
            )
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


def _held(value: float, low: float, high: float) -> float:
    return min(high, max(low, value)) if low <= high else (low + high) / 2


def _off_the_line(value: float, step: float) -> float:
    """``value`` moved by ``step``, held to 0…1, and past the middle rather than onto it: a note on a
    dividing line sits in two quadrants on the wall."""
    moved = min(1.0, max(0.0, value + step))
    return moved + step if step and abs(moved - 0.5) < 1e-9 else moved


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
