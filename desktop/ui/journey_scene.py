"""The journey map drawn on a QGraphicsScene: stages and steps across, lanes down, sticky-note cards in the
cells, and the emotion curve (−2 … +2 per step) between the headers and the lanes.

Layout, at 1:1 (one scene unit is one pixel on a normal screen)::

    ┌──────────┬──────────── stage ───────────┬──── stage ────┐
    │          │  step        │  step         │  step         │   header rows
    ├──────────┼──────────────┴───────────────┴───────────────┤
    │ ☺ +2 … −2│   •─────╮        ╭────•                      │   emotion row
    ├──────────┼──────────────┬───────────────┬───────────────┤
    │ lane     │ [card][card] │ [card]        │               │   one row per lane; a row is as tall as
    │          │ [card]       │               │               │   its fullest cell
    └──────────┴──────────────┴───────────────┴───────────────┘

Cards have one fixed size (``CARD_W`` × ``CARD_H``). A step's column is one card wide while no cell in it
holds more than one card, two cards wide up to four, three beyond; cards fill a cell row by row.

Zoomed out (the whole map on the wall, or under 70 % in the editor) the text is drawn larger, with fewer
words, so it stays readable from the back of the room; zoomed in, each card shows up to four lines.

Speed: one item paints the whole grid (headers, lane titles, cells, emotion band), one item the emotion
curve, and each card is one small custom item that draws its text as plain lines laid out once and cached
(no QGraphicsTextItem anywhere); in the editor a card is kept as a picture at the current zoom
(DeviceCoordinateCache), so panning and dragging copy pixels. Too far out to read (under 22 %), cards are
coloured blocks. Text is always shown literally (``<b>`` stays ``<b>``) and cut with "…" when it does not
fit; the data keeps it whole.

``render_png`` and ``render_image`` draw a map without the editor's helpers (focus cell, add buttons,
points for steps without an emotion) for print and for the wall; the PDF export can use ``paint_map``.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop.domain.journey import EMOTION_MAX, EMOTION_MIN, Card, Journey
from desktop.i18n import _

# --- geometry (scene units = pixels at 1:1) -------------------------------------------------------------

CARD_W, CARD_H = 180.0, 96.0
GAP = 10.0  # between cards in a cell
PAD = 12.0  # inside a cell, around its cards
LANE_W = 210.0  # the lane-title column
STAGE_H = 54.0
STEP_H = 42.0
HEADER_H = STAGE_H + STEP_H
LEVEL_DY = 28.0  # emotion: scene units per step of the −2 … +2 scale
EMOTION_H = 4 * LEVEL_DY + 2 * 26.0
LANES_TOP = HEADER_H + EMOTION_H
BUTTON_W, BUTTON_H = 150.0, 40.0  # the "+ Fase" / "+ Spor" buttons beside the map
CARD_TEXT_PAD_X, CARD_TEXT_PAD_Y = 10.0, 8.0
POINT_R = 10.0  # an emotion point's radius

# --- colours --------------------------------------------------------------------------------------------

INK = QColor("#1d232a")  # card and header text: dark on every note colour
MUTED = QColor("#5b6570")
ACCENT = QColor("#1f5fbf")  # focus cell, selection, drop target
CARD_FILL = {
    "yellow": QColor("#fff0a0"),
    "pink": QColor("#ffcadf"),
    "green": QColor("#c9efbf"),
    "blue": QColor("#c7e2ff"),
    "orange": QColor("#ffd3a3"),
    "white": QColor("#ffffff"),
}
CARD_EDGE = {name: colour.darker(118) for name, colour in CARD_FILL.items()}
CARD_EDGE["white"] = QColor("#b9c1c9")
LANE_MARK = {  # the strip beside a lane's title: its cards' colour, strong enough to see from afar
    "yellow": QColor("#e8c22a"),
    "pink": QColor("#e2679d"),
    "green": QColor("#4fae5a"),
    "blue": QColor("#4a8fd8"),
    "orange": QColor("#ee9440"),
    "white": QColor("#9aa7b4"),
}
SHADOW = QColor(20, 30, 40, 38)
STAGE_FILLS = (QColor("#2e4a62"), QColor("#3b5b76"))
STEP_FILL = QColor("#e6edf3")
LANE_FILL = QColor("#f3f5f7")
CELL_FILLS = (QColor("#ffffff"), QColor("#fafbfc"))
GRID = QColor("#d3d9df")
STAGE_LINE = QColor("#8c9aa8")
EMOTION_FILL = QColor("#fbfcfd")
CURVE = QColor("#34495e")


def emotion_colour(value: int) -> QColor:
    return QColor({2: "#23945a", 1: "#6fb96b", 0: "#8a96a3", -1: "#e48a3c", -2: "#cf3f3f"}[value])


# --- fonts and cached text layout -----------------------------------------------------------------------

_fonts: dict[str, QFont] = {}
_metrics: dict[str, QFontMetricsF] = {}
_wrapped: dict[tuple[str, str, float, int, bool], tuple[tuple[str, ...], bool]] = {}
FONT_SPECS = {  # name: (pixel size, weight); ".m" is the smaller size a long word falls back to
    "card": (15, QFont.Weight.Normal),
    "card.m": (13, QFont.Weight.Normal),
    "stage": (19, QFont.Weight.Bold),
    "stage.m": (16, QFont.Weight.Bold),
    "step": (14, QFont.Weight.DemiBold),
    "step.m": (12, QFont.Weight.DemiBold),
    "lane": (16, QFont.Weight.Bold),
    "lane.m": (14, QFont.Weight.Bold),
    # zoomed out (the whole map on the wall): fewer, larger words
    "card_big": (22, QFont.Weight.DemiBold),
    "card_big.m": (19, QFont.Weight.DemiBold),
    "stage_big": (28, QFont.Weight.Bold),
    "stage_big.m": (23, QFont.Weight.Bold),
    "step_big": (20, QFont.Weight.DemiBold),
    "step_big.m": (17, QFont.Weight.DemiBold),
    "lane_big": (20, QFont.Weight.Bold),
    "lane_big.m": (17, QFont.Weight.Bold),
    "small": (13, QFont.Weight.Normal),
    "small_big": (19, QFont.Weight.DemiBold),
    "button": (14, QFont.Weight.DemiBold),
}
BIG, WALL = "_big", "_wall"  # text sizes: zoomed out; on the wall (large where a text fits whole)
WORD_JOINERS = "-–—/"  # a line may end on these inside a word without the word counting as broken


def font(name: str) -> QFont:
    """One of the map's fonts, by name; pixel sizes, so a print at 300 dpi lays out like the screen.

    Vertical-only hinting keeps glyph widths proportional to the zoom, so lines laid out once at 1:1
    still fit their card at any zoom and in print.
    """
    cached = _fonts.get(name)
    if cached is None:
        size, weight = FONT_SPECS[name]
        cached = QFont(QGuiApplication.font())
        cached.setPixelSize(size)
        cached.setWeight(weight)
        cached.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
        _fonts[name] = cached
        _metrics[name] = QFontMetricsF(cached)
    return cached


def metrics(name: str) -> QFontMetricsF:
    font(name)
    return _metrics[name]


def _utf16_piece(units: bytes, start: int, length: int | None = None) -> str:
    end = len(units) if length is None else 2 * (start + length)
    return units[2 * start : end].decode("utf-16-le", errors="replace")


def _wrap(
    text: str, font_name: str, width: float, max_lines: int, hyphenate: bool = False
) -> tuple[tuple[str, ...], bool, bool]:
    """(lines, whether a word had to be broken inside or cut, whether the text was cut short with "…");
    cached, since items are redrawn far more often than they change. ``hyphenate`` marks a word broken
    across lines with "-"."""
    key = (text, font_name, width, max_lines, hyphenate)
    hit = _wrapped.get(key)
    if hit is not None:
        return hit
    if len(_wrapped) > 20_000:
        _wrapped.clear()
    fm = metrics(font_name)
    shown = text[: max_lines * 150]  # more than can ever show: a 10,000-character card is laid out cheaply
    shown = shown.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\n", "\u2028")
    layout = QTextLayout(shown, font(font_name))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    line_width = width - (fm.horizontalAdvance("-") if hyphenate else 0)
    layout.beginLayout()
    while len(spans) <= max_lines:  # one line more than shown tells whether the text goes on
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(line_width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    units = shown.encode("utf-16-le")
    raw = [_utf16_piece(units, start, length) for start, length in spans]

    def inside_word(before: str, after: str) -> bool:
        return bool(before and after) and not (
            before[-1].isspace() or before[-1] in WORD_JOINERS or after[0].isspace()
        )

    breaks = [inside_word(a, b) for a, b in zip(raw, raw[1:], strict=False)]
    cut = len(spans) > max_lines or len(shown) < len(text)
    lines = [piece.rstrip() for piece in raw[:max_lines]]
    if hyphenate:
        lines = [line + "-" if i < len(breaks) and breaks[i] else line for i, line in enumerate(lines)]
    if cut and lines:
        rest = " ".join(_utf16_piece(units, spans[max_lines - 1][0]).split())
        elided = fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        if not elided.endswith("…"):
            elided = fm.elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)
        lines[-1] = elided
    broke = any(breaks[: max_lines - 1]) or (cut and max_lines == 1)
    result = (tuple(lines), broke, cut)
    _wrapped[key] = result
    return result


def wrap_lines(text: str, font_name: str, width: float, max_lines: int) -> tuple[str, ...]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; the last ends with "…" when more text
    did not fit. Plain text: nothing is interpreted."""
    return _wrap(text, font_name, width, max_lines)[0]


def fit_lines(text: str, font_name: str, width: float, height: float) -> tuple[str, tuple[str, ...]]:
    """(font, lines) for ``text`` in a ``width`` × ``height`` box: ``font_name``, or its smaller size when a
    word would otherwise be broken inside (Norwegian compounds are long); if even that breaks a word, the
    smaller size with the break marked "-". A ``…_wall`` name (the wall): the large text where the whole
    text fits in it, else the normal text, so a title on the wall is read whole rather than cut."""
    if font_name.endswith(WALL):
        base = font_name.removesuffix(WALL)
        for name in (base + BIG, base + BIG + ".m"):
            lines, broke, cut = _wrap(text, name, width, _lines_fitting(height, name))
            if not (broke or cut):
                return name, lines
        return fit_lines(text, base, width, height)
    smaller = font_name + ".m"
    for name in (font_name, smaller):
        if name in FONT_SPECS:
            lines, broke, _cut = _wrap(text, name, width, _lines_fitting(height, name))
            if not broke:
                return name, lines
    name = smaller if smaller in FONT_SPECS else font_name
    return name, _wrap(text, name, width, _lines_fitting(height, name), hyphenate=True)[0]


def draw_lines(
    painter: QPainter, rect: QRectF, lines: tuple[str, ...], font_name: str, align_centre: bool = False
) -> None:
    """Draw laid-out ``lines`` from the top of ``rect`` (centred across when asked), each literally."""
    fm = metrics(font_name)
    painter.setFont(font(font_name))
    y = rect.top() + fm.ascent()
    for line in lines:
        x = rect.left()
        if align_centre:
            x += max(0.0, (rect.width() - fm.horizontalAdvance(line)) / 2)
        painter.drawText(QPointF(x, y), line)
        y += fm.lineSpacing()


def _lines_fitting(height: float, font_name: str) -> int:
    return max(1, int((height + metrics(font_name).leading()) // metrics(font_name).lineSpacing()))


NO_TEXT_BELOW = 0.22  # zoom under which text is too small to read: only shapes and colours are drawn
BIG_TEXT_BELOW = 0.7  # zoom under which text is drawn larger (fewer words, still readable from a distance)
# On the wall from this zoom (a stage followed up close) a text too long for the large size is drawn whole at
# the normal size, which is still read from the back there; the whole map, further out, keeps fewer words.
WHOLE_ON_WALL_FROM = 1.0


def text_size(painter: QPainter, big_below: float = BIG_TEXT_BELOW, wall: bool = False) -> str:
    """ "" (normal text), "_big" (zoomed out: larger text, fewer words), "_wall" (on the wall up close:
    larger text where a text fits whole in it) or "none" (too small to read)."""
    zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    if zoom < NO_TEXT_BELOW:
        return "none"
    if zoom >= big_below:
        return ""
    return WALL if wall and zoom >= WHOLE_ON_WALL_FROM else BIG


# --- layout ---------------------------------------------------------------------------------------------


def columns_for(cards_in_fullest_cell: int) -> int:
    """Cards side by side in a step's cells: 1, then 2 from two cards, 3 from five (a wide map suits the
    wall and the A3 page better than a tall one)."""
    if cards_in_fullest_cell <= 1:
        return 1
    return 2 if cards_in_fullest_cell <= 4 else 3


def cell_width(columns: int) -> float:
    return 2 * PAD + columns * CARD_W + (columns - 1) * GAP


def row_height(rows: int) -> float:
    return 2 * PAD + rows * CARD_H + (rows - 1) * GAP


@dataclass
class MapLayout:
    """Where everything of a journey goes, in scene units."""

    step_x: dict[uuid.UUID, tuple[float, float]] = field(default_factory=dict)  # left, width
    step_columns: dict[uuid.UUID, int] = field(default_factory=dict)
    stage_x: dict[uuid.UUID, tuple[float, float]] = field(default_factory=dict)
    lane_y: dict[uuid.UUID, tuple[float, float]] = field(default_factory=dict)  # top, height
    card_pos: dict[uuid.UUID, QPointF] = field(default_factory=dict)
    card_cell: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID, int]] = field(default_factory=dict)  # + index
    width: float = LANE_W  # right edge of the grid
    height: float = LANES_TOP  # bottom edge of the grid

    @property
    def rect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.height)

    def cell_rect(self, lane_id: uuid.UUID, step_id: uuid.UUID) -> QRectF:
        x, w = self.step_x[step_id]
        y, h = self.lane_y[lane_id]
        return QRectF(x, y, w, h)

    def emotion_y(self, value: float) -> float:
        return HEADER_H + EMOTION_H / 2 - value * LEVEL_DY

    def emotion_at(self, y: float) -> int:
        value = round((HEADER_H + EMOTION_H / 2 - y) / LEVEL_DY)
        return max(EMOTION_MIN, min(EMOTION_MAX, value))


def compute_layout(journey: Journey) -> MapLayout:
    layout = MapLayout()
    steps = journey.steps
    lanes = journey.lanes
    counts = Counter((card.lane_id, card.step_id) for card in journey.cards)
    x = LANE_W
    for stage in journey.stages:
        left = x
        if not stage.steps:
            x += cell_width(1)  # an empty stage keeps a column, so it can be seen and given a step
        for step in stage.steps:
            fullest = max((counts[(lane.id, step.id)] for lane in lanes), default=0)
            columns = columns_for(fullest)
            layout.step_columns[step.id] = columns
            layout.step_x[step.id] = (x, cell_width(columns))
            x += cell_width(columns)
        layout.stage_x[stage.id] = (left, x - left)
    layout.width = x
    y = LANES_TOP
    for lane in lanes:
        rows = max(
            (math.ceil(counts[(lane.id, step.id)] / layout.step_columns[step.id]) for step in steps),
            default=1,
        )
        height = row_height(max(rows, 1))
        layout.lane_y[lane.id] = (y, height)
        y += height
    layout.height = y
    placed: Counter = Counter()
    for card in journey.cards:
        if card.step_id not in layout.step_x or card.lane_id not in layout.lane_y:
            continue
        index = placed[(card.lane_id, card.step_id)]
        placed[(card.lane_id, card.step_id)] += 1
        columns = layout.step_columns[card.step_id]
        row, column = divmod(index, columns)
        left = layout.step_x[card.step_id][0] + PAD + column * (CARD_W + GAP)
        top = layout.lane_y[card.lane_id][0] + PAD + row * (CARD_H + GAP)
        layout.card_pos[card.id] = QPointF(left, top)
        layout.card_cell[card.id] = (card.lane_id, card.step_id, index)
    return layout


# --- items ----------------------------------------------------------------------------------------------


class CardItem(QGraphicsItem):
    """A sticky note: fixed size, its text laid out once (plain, clipped with "…")."""

    Type = QGraphicsItem.UserType + 41

    def __init__(self, card: Card, interactive: bool) -> None:
        super().__init__()
        self.card = card
        self.display_lines: tuple[str, ...] = ()
        if interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            # on screen a note is drawn once per zoom and then copied: panning and dragging stay smooth
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(10)
        self.set_card(card)

    def type(self) -> int:
        return self.Type

    @property
    def card_id(self) -> uuid.UUID:
        return self.card.id

    @property
    def display_text(self) -> str:
        """What the note shows, line by line (the painted strings joined by newlines)."""
        return "\n".join(self.display_lines)

    def set_card(self, card: Card) -> None:
        self.card = card
        self._font, self.display_lines = fit_lines(
            card.text, "card", CARD_W - 2 * CARD_TEXT_PAD_X, CARD_H - 2 * CARD_TEXT_PAD_Y
        )
        self._big: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.setToolTip(card.text[:600] + ("…" if len(card.text) > 600 else ""))
        self.update()

    def lines(self, size: str = "") -> tuple[str, tuple[str, ...]]:
        """(font, lines) painted at a text size (``text_size``; the large ones laid out when first needed)."""
        if size not in (BIG, WALL):
            return self._font, self.display_lines
        if size not in self._big:
            self._big[size] = fit_lines(
                self.card.text, "card" + size, CARD_W - 2 * CARD_TEXT_PAD_X, CARD_H - 2 * CARD_TEXT_PAD_Y
            )
        return self._big[size]

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, CARD_W + 9, CARD_H + 10)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, CARD_W, CARD_H))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(0, 0, CARD_W, CARD_H)
        fill = CARD_FILL.get(self.card.colour, CARD_FILL["yellow"])
        scene = self.scene()
        if isinstance(scene, JourneyScene):
            size = text_size(painter, scene.big_text_below, scene.wall_text)
        else:
            size = text_size(painter)
        if size == "none":  # too small to read: a coloured block is all the eye gets
            painter.fillRect(rect, fill)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SHADOW)
        painter.drawRect(rect.translated(2.5, 3.5))
        painter.setBrush(fill)
        painter.setPen(QPen(CARD_EDGE.get(self.card.colour, GRID), 1))
        painter.drawRect(rect)
        painter.setPen(INK)
        font_name, lines = self.lines(size)
        draw_lines(
            painter,
            rect.adjusted(CARD_TEXT_PAD_X, CARD_TEXT_PAD_Y, -CARD_TEXT_PAD_X, -CARD_TEXT_PAD_Y),
            lines,
            font_name,
        )
        if self.card.idea_id is not None:  # became an idea: a small marker in the corner
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ACCENT)
            painter.drawEllipse(QPointF(CARD_W - 9, CARD_H - 9), 4.5, 4.5)
        if self.isSelected():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ACCENT, 3))
            painter.drawRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5))


class GridItem(QGraphicsItem):
    """Everything behind the cards in one item: stage and step headers, lane titles, cells, emotion band."""

    def __init__(self, scene: JourneyScene) -> None:
        super().__init__()
        self._scene = scene
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(0)
        self._rect = QRectF()

    def relayout(self) -> None:
        self.prepareGeometryChange()
        self._rect = self._scene.layout.rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self._scene
        journey, layout = scene.journey, scene.layout
        if journey is None:
            return
        exposed = option.exposedRect if not option.exposedRect.isEmpty() else self._rect
        size = text_size(painter, scene.big_text_below, scene.wall_text)
        # cells, lane by lane
        thin = QPen(GRID, 1)
        thin.setCosmetic(True)
        for row, lane in enumerate(journey.lanes):
            top, height = layout.lane_y[lane.id]
            band = QRectF(LANE_W, top, layout.width - LANE_W, height)
            if band.intersects(exposed):
                painter.fillRect(band, CELL_FILLS[row % 2])
        painter.setPen(thin)
        for lane in journey.lanes:
            top, height = layout.lane_y[lane.id]
            painter.drawLine(QLineF(0, top + height, layout.width, top + height))
        for step in journey.steps:
            left, width = layout.step_x[step.id]
            painter.drawLine(QLineF(left + width, STAGE_H, left + width, layout.height))
        # empty stages (no steps yet): hatched
        for stage in journey.stages:
            if not stage.steps:
                left, width = layout.stage_x[stage.id]
                painter.fillRect(
                    QRectF(left, STAGE_H, width, layout.height - STAGE_H),
                    QBrush(GRID, Qt.BrushStyle.BDiagPattern),
                )
        self._paint_emotion_band(painter, exposed, size)
        paint_headers(painter, journey, layout, 0.0, exposed, size)
        paint_lane_titles(painter, journey, layout, 0.0, exposed, size)
        # stage boundaries over everything
        bold = QPen(STAGE_LINE, 2)
        painter.setPen(bold)
        for stage in journey.stages:
            left, width = layout.stage_x[stage.id]
            painter.drawLine(QLineF(left, 0, left, layout.height))
        painter.drawLine(QLineF(layout.width, 0, layout.width, layout.height))
        painter.setPen(QPen(STAGE_LINE, 1.5))
        painter.drawLine(QLineF(0, LANES_TOP, layout.width, LANES_TOP))
        painter.drawLine(QLineF(0, HEADER_H, layout.width, HEADER_H))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._rect)

    def _paint_emotion_band(self, painter: QPainter, exposed: QRectF, size: str) -> None:
        layout = self._scene.layout
        band = QRectF(0, HEADER_H, layout.width, EMOTION_H)
        if not band.intersects(exposed):
            return
        painter.fillRect(band, EMOTION_FILL)
        for value in range(EMOTION_MIN, EMOTION_MAX + 1):
            y = layout.emotion_y(value)
            pen = QPen(
                GRID if value else STAGE_LINE,
                1,
                Qt.PenStyle.SolidLine if value == 0 else Qt.PenStyle.DashLine,
            )
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QLineF(LANE_W, y, layout.width, y))
        paint_emotion_labels(painter, layout, 0.0, size)


def paint_emotion_labels(painter: QPainter, layout: MapLayout, left: float, size: str) -> None:
    """The emotion row's title column ("Følelseskurve", +2 … −2, two faces) with its left edge at ``left``."""
    painter.fillRect(QRectF(left, HEADER_H, LANE_W, EMOTION_H), LANE_FILL)
    if size == "none":
        return
    painter.setPen(INK)
    name, lines = fit_lines(_("Følelseskurve"), "lane" + size, LANE_W - 60, 60)
    label_top = layout.emotion_y(0) - len(lines) * metrics(name).lineSpacing() / 2
    draw_lines(painter, QRectF(left + 18, label_top, LANE_W - 60, 60), lines, name)
    small = "small" + (BIG if size == WALL else size)
    fm = metrics(small)
    painter.setFont(font(small))
    painter.setPen(MUTED)
    for value in range(EMOTION_MIN, EMOTION_MAX + 1):
        y = layout.emotion_y(value)
        label = f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")
        painter.drawText(
            QPointF(left + LANE_W - 14 - fm.horizontalAdvance(label), y + fm.ascent() / 2 - 1), label
        )
    draw_face(painter, QPointF(left + LANE_W - 58, layout.emotion_y(2)), 11, happy=True)
    draw_face(painter, QPointF(left + LANE_W - 58, layout.emotion_y(-2)), 11, happy=False)


def draw_face(painter: QPainter, centre: QPointF, radius: float, happy: bool) -> None:
    colour = emotion_colour(2 if happy else -2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 2))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for dx in (-radius * 0.36, radius * 0.36):
        painter.drawEllipse(
            QPointF(centre.x() + dx, centre.y() - radius * 0.25), radius * 0.12, radius * 0.12
        )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 2))
    mouth = QRectF(centre.x() - radius * 0.5, centre.y() - radius * 0.1, radius, radius * 0.7)
    if happy:
        painter.drawArc(mouth, 200 * 16, 140 * 16)
    else:
        painter.drawArc(mouth.translated(0, radius * 0.45), 20 * 16, 140 * 16)


def _centred_block(rect: QRectF, lines: tuple[str, ...], font_name: str) -> QRectF:
    """``rect`` with its top moved down so that ``lines`` sit in the middle of it vertically."""
    used = len(lines) * metrics(font_name).lineSpacing()
    return rect.adjusted(0, max(0.0, (rect.height() - used) / 2), 0, 0)


def paint_headers(
    painter: QPainter,
    journey: Journey,
    layout: MapLayout,
    top: float,
    exposed: QRectF,
    size: str,
    left: float = 0.0,
) -> None:
    """The stage and step header rows, with their top at ``top`` and the corner cell at ``left`` (both 0
    on the map; the view's edges when it keeps them in sight while scrolled). A stage scrolled partly out
    of sight keeps its title at the left edge. ``size`` as ``text_size``."""
    for index, stage in enumerate(journey.stages):
        x, width = layout.stage_x[stage.id]
        rect = QRectF(x, top, width, STAGE_H)
        if not rect.intersects(exposed):
            continue
        painter.fillRect(rect, STAGE_FILLS[index % 2])
        if size != "none":
            inner = rect.adjusted(12, 4, -10, -4)
            inner.setLeft(max(inner.left(), left + LANE_W + 12))
            if inner.width() < 40:
                continue
            name, lines = fit_lines(stage.title, "stage" + size, inner.width(), inner.height())
            painter.setPen(QColor("#ffffff"))
            draw_lines(painter, _centred_block(inner, lines, name), lines, name)
    for stage in journey.stages:
        for step in stage.steps:
            x, width = layout.step_x[step.id]
            rect = QRectF(x, top + STAGE_H, width, STEP_H)
            if not rect.intersects(exposed):
                continue
            painter.fillRect(rect, STEP_FILL)
            if size != "none":
                inner = rect.adjusted(12, 3, -8, -3)
                name, lines = fit_lines(step.title, "step" + size, inner.width(), inner.height())
                painter.setPen(INK)
                draw_lines(painter, _centred_block(inner, lines, name), lines, name)
    line = QPen(GRID, 1)
    line.setCosmetic(True)
    painter.setPen(line)
    painter.drawLine(QLineF(left + LANE_W, top + STAGE_H, layout.width, top + STAGE_H))
    painter.fillRect(QRectF(left, top, LANE_W, HEADER_H), LANE_FILL)
    if size == "":
        painter.setPen(MUTED)
        fm = metrics("small")
        painter.setFont(font("small"))
        for label, y in ((_("Fase"), top + STAGE_H / 2), (_("Steg"), top + STAGE_H + STEP_H / 2)):
            painter.drawText(
                QPointF(left + LANE_W - 14 - fm.horizontalAdvance(label), y + fm.ascent() / 2 - 1), label
            )


def paint_lane_titles(
    painter: QPainter, journey: Journey, layout: MapLayout, left: float, exposed: QRectF, size: str
) -> None:
    """The lane-title column with its left edge at ``left`` (0 on the map; the view's left edge when the
    view keeps the titles in sight while scrolled right). ``size`` as ``text_size``."""
    for lane in journey.lanes:
        top, height = layout.lane_y[lane.id]
        rect = QRectF(left, top, LANE_W, height)
        if not rect.intersects(exposed):
            continue
        painter.fillRect(rect, LANE_FILL)
        painter.fillRect(QRectF(left, top, 8, height), LANE_MARK[lane.kind.colour])
        if size != "none":
            inner = rect.adjusted(18, 10, -6, -8)
            name, lines = fit_lines(lane.title, "lane" + size, inner.width(), inner.height())
            painter.setPen(INK)
            draw_lines(painter, inner, lines, name)
        line = QPen(GRID, 1)
        line.setCosmetic(True)
        painter.setPen(line)
        painter.drawLine(QLineF(left, top + height, left + LANE_W, top + height))
    painter.setPen(QPen(STAGE_LINE, 2))
    painter.drawLine(QLineF(left + LANE_W, LANES_TOP, left + LANE_W, layout.height))


class EmotionItem(QGraphicsItem):
    """The emotion curve and its points; a point drags vertically and snaps to −2 … +2.

    Steps without an emotion have no point on the printed map; in the editor they show a faint ring on
    the zero line that can be dragged like a point.
    """

    def __init__(self, scene: JourneyScene) -> None:
        super().__init__()
        self._scene = scene
        self.setZValue(6)
        self.setAcceptHoverEvents(scene.interactive)
        self._rect = QRectF()
        self._values: dict[uuid.UUID, int | None] = {}
        self._dragging: uuid.UUID | None = None
        self._drag_start: int | None = None

    def relayout(self) -> None:
        self.prepareGeometryChange()
        layout = self._scene.layout
        self._rect = QRectF(LANE_W, HEADER_H, layout.width - LANE_W, EMOTION_H)
        journey = self._scene.journey
        self._values = {step.id: step.emotion for step in journey.steps} if journey else {}
        self._dragging = None
        self.update()

    def value(self, step_id: uuid.UUID) -> int | None:
        return self._values.get(step_id)

    def point(self, step_id: uuid.UUID, ghost: bool = False) -> QPointF | None:
        """Where the point of ``step_id`` is: None without an emotion, unless ``ghost`` (then on zero)."""
        layout = self._scene.layout
        if step_id not in layout.step_x:
            return None
        value = self._values.get(step_id)
        if value is None and not ghost:
            return None
        left, width = layout.step_x[step_id]
        return QPointF(left + width / 2, layout.emotion_y(value or 0))

    def step_near(self, pos: QPointF, slack: float = 8.0) -> uuid.UUID | None:
        for step_id in self._values:
            point = self.point(step_id, ghost=self._scene.interactive)
            if point is not None and QLineF(point, pos).length() <= POINT_R + slack:
                return step_id
        return None

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-POINT_R - 4, -POINT_R - 4, POINT_R + 4, POINT_R + 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        for step_id in self._values:
            point = self.point(step_id, ghost=self._scene.interactive)
            if point is not None:
                path.addEllipse(point, POINT_R + 6, POINT_R + 6)
        return path

    def curve(self) -> QPainterPath:
        """A smooth line through the points in step order (horizontal tangents: it never overshoots)."""
        path = QPainterPath()
        for _solid, before, after in self._segments():
            if path.isEmpty():
                path.moveTo(before)
            _bend(path, before, after)
        return path

    def _segments(self) -> list[tuple[bool, QPointF, QPointF]]:
        """(solid, from, to) between neighbouring points; dashed where steps without an emotion lie
        between them (the room has not said yet)."""
        steps = list(self._values)
        known = [
            (i, self.point(step_id)) for i, step_id in enumerate(steps) if self._values[step_id] is not None
        ]
        return [(j - i == 1, a, b) for (i, a), (j, b) in zip(known, known[1:], strict=False)]

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for solid, before, after in self._segments():
            style = Qt.PenStyle.SolidLine if solid else Qt.PenStyle.DashLine
            painter.setPen(QPen(CURVE, 3.5, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            path = QPainterPath(before)
            _bend(path, before, after)
            painter.drawPath(path)
        for step_id, value in self._values.items():
            if value is None:
                if self._scene.show_helpers:  # a ring to drag: this step has no emotion yet
                    painter.setPen(QPen(MUTED, 2, Qt.PenStyle.DashLine))
                    painter.setBrush(QColor(255, 255, 255, 230))
                    painter.drawEllipse(self.point(step_id, ghost=True), POINT_R, POINT_R)
                continue
            point = self.point(step_id)
            painter.setPen(QPen(QColor("#ffffff"), 3))
            painter.setBrush(emotion_colour(value))
            radius = POINT_R + (2 if step_id == self._dragging else 0)
            painter.drawEllipse(point, radius, radius)

    # dragging a point

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        near = self.step_near(event.pos())
        self.setCursor(Qt.CursorShape.SizeVerCursor if near else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        step_id = self.step_near(event.pos()) if self._scene.interactive else None
        if step_id is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._dragging = step_id
        self._drag_start = self._values[step_id]
        self._scene.emotion_pressed.emit(step_id)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._dragging is None:
            return
        value = self._scene.layout.emotion_at(event.pos().y())
        if self._values[self._dragging] != value:
            self._values[self._dragging] = value
            self.update()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        step_id, self._dragging = self._dragging, None
        if step_id is None:
            return
        value = self._values[step_id]
        self.update()
        if value != self._drag_start:
            self._scene.emotion_dropped.emit(step_id, value)


def _bend(path: QPainterPath, before: QPointF, after: QPointF) -> None:
    half = (after.x() - before.x()) / 2
    path.cubicTo(QPointF(before.x() + half, before.y()), QPointF(after.x() - half, after.y()), after)


class FocusItem(QGraphicsItem):
    """The focus cell (where rapid capture adds cards), or a drop target while cards are dragged."""

    def __init__(self, colour: QColor, tint: QColor, z: float) -> None:
        super().__init__()
        self._rect = QRectF()
        self._colour = colour
        self._tint = tint
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF | None) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF() if rect is None else QRectF(rect)
        self.setVisible(rect is not None)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.fillRect(self._rect, self._tint)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self._colour, 3))
        painter.drawRect(self._rect.adjusted(1.5, 1.5, -1.5, -1.5))


class AddButtonItem(QGraphicsItem):
    """ "+ Fase" right of the stages, "+ Spor" under the lanes."""

    def __init__(self, label: str, clicked: Signal) -> None:
        super().__init__()
        self.label = label
        self._clicked = clicked
        self.setZValue(5)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self._hover = False

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, BUTTON_W, BUTTON_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#ffffff") if self._hover else QColor(255, 255, 255, 120))
        painter.setPen(QPen(ACCENT if self._hover else STAGE_LINE, 1.5, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 6, 6)
        painter.setPen(ACCENT)
        painter.setFont(font("button"))
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, self.label)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.boundingRect().contains(event.pos()):
            self._clicked.emit()


# --- the scene ------------------------------------------------------------------------------------------


class JourneyScene(QGraphicsScene):
    """A journey map as graphics items. ``interactive`` adds the editor's helpers (selectable, movable
    cards, the focus cell, add buttons, rings for steps without an emotion); without it the scene is for
    print and the wall."""

    cards_dropped = Signal(object, object, object, object)  # card ids (list), lane id, step id, index | None
    emotion_pressed = Signal(object)  # step id
    emotion_dropped = Signal(object, object)  # step id, value −2 … +2
    add_stage_clicked = Signal()
    add_lane_clicked = Signal()

    def __init__(self, parent: QObject | None = None, interactive: bool = True) -> None:
        super().__init__(parent)
        self.interactive = interactive
        self.journey: Journey | None = None
        self.layout = MapLayout()
        self._cards: dict[uuid.UUID, CardItem] = {}
        self._grid = GridItem(self)
        self._emotion = EmotionItem(self)
        self.addItem(self._grid)
        self.addItem(self._emotion)
        self._focus = FocusItem(ACCENT, QColor(31, 95, 191, 22), 2)
        self._drop = FocusItem(QColor("#2e8b57"), QColor(46, 139, 87, 40), 3)
        self._focus_cell: tuple[uuid.UUID, uuid.UUID] | None = None
        self._add_stage = AddButtonItem(_("+ Fase"), self.add_stage_clicked)
        self._add_lane = AddButtonItem(_("+ Spor"), self.add_lane_clicked)
        for item in (self._focus, self._drop, self._add_stage, self._add_lane):
            item.setVisible(False)
            self.addItem(item)
        self._press_screen: QPointF | None = None
        self._dragging_cards = False
        self.big_text_below = BIG_TEXT_BELOW  # the wall raises it: large text up to a larger zoom
        self.wall_text = False  # on the wall: large text only where a text fits whole in it

    @property
    def show_helpers(self) -> bool:
        """Whether the editor's helpers are drawn (never on a print or the wall)."""
        return self.interactive

    # --- content ----------------------------------------------------------------------------------------

    def set_journey(self, journey: Journey) -> None:
        """Lay out ``journey``; card items whose card did not change are kept (only moved)."""
        self.journey = journey
        self.layout = compute_layout(journey)
        selected = {cid for cid, item in self._cards.items() if item.isSelected()}
        keep: dict[uuid.UUID, CardItem] = {}
        for card in journey.cards:
            if card.id not in self.layout.card_pos:
                continue
            item = self._cards.pop(card.id, None)
            if item is None:
                item = CardItem(card, self.interactive)
                self.addItem(item)
            elif item.card != card:
                item.set_card(card)
            item.setPos(self.layout.card_pos[card.id])
            item.setZValue(10)
            keep[card.id] = item
        for item in self._cards.values():
            self.removeItem(item)
        self._cards = keep
        for card_id, item in keep.items():
            item.setSelected(card_id in selected)
        self._grid.relayout()
        self._emotion.relayout()
        self._drop.set_rect(None)
        self._dragging_cards = False
        if self.interactive:
            self._add_stage.setPos(self.layout.width + 16, (STAGE_H - BUTTON_H) / 2)
            self._add_lane.setPos((LANE_W - BUTTON_W) / 2, self.layout.height + 16)
            self._add_stage.setVisible(True)
            self._add_lane.setVisible(True)
        self.set_focus_cell(*(self._focus_cell or (None, None)))
        margin = 60.0
        extra = BUTTON_W + 40 if self.interactive else 0.0
        self.setSceneRect(self.map_rect().adjusted(-margin, -margin, margin + extra, margin + BUTTON_H))

    def relayout_cards(self) -> None:
        """Put every card back where the layout has it (after a drag that stored nothing)."""
        for card_id, item in self._cards.items():
            item.setPos(self.layout.card_pos[card_id])
            item.setZValue(10)
        self._drop.set_rect(None)

    # --- lookup -----------------------------------------------------------------------------------------

    def map_rect(self) -> QRectF:
        """The map itself (grid, headers, lanes), without the editor's buttons beside it."""
        return self.layout.rect

    def itemsBoundingRect(self) -> QRectF:  # noqa: N802 (Qt's name) — the map, not the add buttons
        return self.map_rect()

    def card_item(self, card_id: uuid.UUID) -> CardItem | None:
        return self._cards.get(card_id)

    def selected_card_ids(self) -> list[uuid.UUID]:
        """The selected cards, in map order."""
        if self.journey is None:
            return []
        return [c.id for c in self.journey.cards if c.id in self._cards and self._cards[c.id].isSelected()]

    def cell_at(self, pos: QPointF) -> tuple[uuid.UUID, uuid.UUID] | None:
        """The (lane id, step id) of the cell at scene position ``pos``, or None outside the cells."""
        if self.journey is None:
            return None
        lane = next((lid for lid, (top, h) in self.layout.lane_y.items() if top <= pos.y() < top + h), None)
        step = next(
            (sid for sid, (left, w) in self.layout.step_x.items() if left <= pos.x() < left + w), None
        )
        return (lane, step) if lane is not None and step is not None else None

    def cell_rect(self, lane_id: uuid.UUID, step_id: uuid.UUID) -> QRectF:
        return self.layout.cell_rect(lane_id, step_id)

    def drop_index(self, lane_id: uuid.UUID, step_id: uuid.UUID, pos: QPointF) -> int:
        """Which place among the cards of a cell the scene position ``pos`` points at."""
        rect = self.cell_rect(lane_id, step_id)
        columns = self.layout.step_columns[step_id]
        column = max(0, min(columns - 1, int((pos.x() - rect.left() - PAD + GAP / 2) // (CARD_W + GAP))))
        row = max(0, int((pos.y() - rect.top() - PAD + GAP / 2) // (CARD_H + GAP)))
        return row * columns + column

    def stage_rect(self, stage_id: uuid.UUID) -> QRectF:
        """A stage's whole column: its header, its steps' emotion points and every lane under it."""
        left, width = self.layout.stage_x[stage_id]
        return QRectF(left, 0, width, self.layout.height)

    def stage_header_rect(self, stage_id: uuid.UUID) -> QRectF:
        left, width = self.layout.stage_x[stage_id]
        return QRectF(left, 0, width, STAGE_H)

    def step_header_rect(self, step_id: uuid.UUID) -> QRectF:
        left, width = self.layout.step_x[step_id]
        return QRectF(left, STAGE_H, width, STEP_H)

    def lane_header_rect(self, lane_id: uuid.UUID) -> QRectF:
        top, height = self.layout.lane_y[lane_id]
        return QRectF(0, top, LANE_W, height)

    def add_stage_rect(self) -> QRectF:
        """Where a new stage's name is typed (the "+ Fase" button)."""
        return QRectF(self.layout.width + 16, (STAGE_H - BUTTON_H) / 2, BUTTON_W + 60, BUTTON_H)

    def add_lane_rect(self) -> QRectF:
        return QRectF(0, self.layout.height + 16, LANE_W, BUTTON_H)

    def header_at(self, pos: QPointF) -> tuple[str, uuid.UUID] | None:
        """("stage" | "step" | "lane", id) for a header at scene position ``pos``."""
        if self.journey is None:
            return None
        if 0 <= pos.y() < STAGE_H:
            for stage_id, (left, width) in self.layout.stage_x.items():
                if left <= pos.x() < left + width:
                    return ("stage", stage_id)
        if STAGE_H <= pos.y() < HEADER_H:
            for step_id, (left, width) in self.layout.step_x.items():
                if left <= pos.x() < left + width:
                    return ("step", step_id)
        if 0 <= pos.x() < LANE_W:
            for lane_id, (top, height) in self.layout.lane_y.items():
                if top <= pos.y() < top + height:
                    return ("lane", lane_id)
        return None

    def emotion_point(self, step_id: uuid.UUID) -> QPointF | None:
        """The scene position of a step's emotion point; None when the step has no emotion."""
        return self._emotion.point(step_id)

    def emotion_step_at(self, pos: QPointF) -> uuid.UUID | None:
        """The step whose emotion point (or, in the editor, ring) is at ``pos``."""
        return self._emotion.step_near(pos)

    def emotion_curve(self) -> QPainterPath:
        return self._emotion.curve()

    # --- the focus cell ---------------------------------------------------------------------------------

    def set_focus_cell(self, lane_id: uuid.UUID | None, step_id: uuid.UUID | None) -> None:
        valid = lane_id in self.layout.lane_y and step_id in self.layout.step_x
        self._focus_cell = (lane_id, step_id) if valid else None
        self._focus.set_rect(self.cell_rect(lane_id, step_id) if valid and self.interactive else None)

    # --- dragging cards ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press_screen = QPointF(event.screenPos())
        self._dragging_cards = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        grabber = self.mouseGrabberItem()
        if not isinstance(grabber, CardItem) or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if not self._dragging_cards and self._press_screen is not None:
            moved = QLineF(self._press_screen, QPointF(event.screenPos())).length()
            if moved < QApplication.startDragDistance():
                return
            self._dragging_cards = True
            for item in self._cards.values():
                if item.isSelected():
                    item.setZValue(50)
        cell = self.cell_at(event.scenePos())
        self._drop.set_rect(self.cell_rect(*cell) if cell else None)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        grabber = self.mouseGrabberItem()
        super().mouseReleaseEvent(event)
        if not isinstance(grabber, CardItem) or event.button() != Qt.MouseButton.LeftButton:
            return
        dragged, self._dragging_cards = self._dragging_cards, False
        self._drop.set_rect(None)
        if not dragged:
            self.relayout_cards()  # a click that wobbled a pixel moves nothing
            return
        ids = self.selected_card_ids()
        cell = self.cell_at(event.scenePos())
        if not ids or cell is None:
            self.relayout_cards()
            return
        index = self.drop_index(cell[0], cell[1], event.scenePos())
        self.cards_dropped.emit(ids, cell[0], cell[1], index)

    def render(
        self,
        painter: QPainter,
        target: QRectF | None = None,
        source: QRectF | None = None,
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """Render the map (same coordinates) for the wall or a file: from the editor, a plain copy of it
        is drawn, without the focus cell, selection, buttons or cached pictures."""
        target = target if target is not None else QRectF()
        source = source if source is not None else QRectF()
        if self.interactive and self.journey is not None:
            plain = JourneyScene(interactive=False)
            plain.big_text_below = self.big_text_below
            plain.wall_text = self.wall_text
            plain.set_journey(self.journey)
            plain.render(painter, target, source, mode)
            return
        painter.save()
        if not target.isEmpty() and not source.isEmpty():
            clip = QRectF(target)  # Qt draws what overlaps the source beyond it: nothing outside shows
            if mode == Qt.AspectRatioMode.KeepAspectRatio:
                scale = min(target.width() / source.width(), target.height() / source.height())
                clip.setSize(source.size() * scale)
            painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        super().render(painter, target, source, mode)
        painter.restore()


# --- rendering for print and the wall -------------------------------------------------------------------

A3_MM = (420.0, 297.0)


def persona_line(journey: Journey) -> str:
    persona = journey.persona
    who = ", ".join(part for part in (persona.name.strip(), persona.role.strip()) if part)
    parts = []
    if who:
        parts.append(_("Persona: {who}").format(who=who))
    if persona.quoted:
        parts.append(persona.quoted)
    return "   ·   ".join(parts)


def has_persona_details(journey: Journey, picture: QImage | None = None) -> bool:
    p = journey.persona
    return bool((picture is not None and not picture.isNull()) or p.needs or p.goals or p.frustrations)


def paint_persona(painter: QPainter, journey: Journey, picture: QImage | None, band: QRectF) -> float:
    """The persona as a band for print: the picture, who it is and the quote, then needs, goals and
    frustrations side by side, each cut with "…" to the band's height. Returns the height used."""
    from desktop.ui.text_layout import clip_lines

    p = journey.persona
    unit = band.height() / 11
    gap = unit * 1.2
    painter.save()
    painter.setPen(QPen(QColor("#c9d1d9"), max(1.0, unit * 0.12)))
    painter.setBrush(QColor("#f6f8fa"))
    painter.drawRoundedRect(band, unit * 0.6, unit * 0.6)
    inner = band.adjusted(gap, gap, -gap, -gap)
    x = inner.left()
    if picture is not None and not picture.isNull():
        side = inner.height()
        scaled = picture.scaled(
            round(side),
            round(side),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawImage(
            QPointF(x + (side - scaled.width()) / 2, inner.top() + (side - scaled.height()) / 2), scaled
        )
        x += side + gap
    head = QFont(font("small"))
    head.setPixelSize(max(9, round(unit * 1.7)))
    head.setWeight(QFont.Weight.DemiBold)
    body = QFont(font("small"))
    body.setPixelSize(max(8, round(unit * 1.45)))
    head_fm, body_fm = QFontMetricsF(head), QFontMetricsF(body)
    columns = [(p.name.strip() or _("Persona"), [(p.role, INK), (p.quoted, MUTED)])]
    columns += [
        (title, [(value, INK)])
        for title, value in ((_("Behov"), p.needs), (_("Mål"), p.goals), (_("Frustrasjoner"), p.frustrations))
        if value.strip()
    ]
    width = (inner.right() - x - gap * (len(columns) - 1)) / len(columns)
    room = max(1, int((inner.height() - head_fm.lineSpacing()) // body_fm.lineSpacing()))
    for title, parts in columns:
        painter.setPen(INK)
        painter.setFont(head)
        painter.drawText(
            QPointF(x, inner.top() + head_fm.ascent()),
            head_fm.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(body)
        y = inner.top() + head_fm.lineSpacing()
        left = room
        for value, colour in parts:
            lines = clip_lines(value, body, width, left)
            painter.setPen(colour)
            for text_line in lines:
                painter.drawText(QPointF(x, y + body_fm.ascent()), text_line)
                y += body_fm.lineSpacing()
            left -= len(lines)
        x += width + gap
    painter.restore()
    return band.height() + unit * 0.4


WALL_HEIGHT = 760.0  # following the facilitator, the wall aims at about this many scene units in height


def focus_window(
    journey: Journey,
    layout: MapLayout,
    stage_id: uuid.UUID,
    lane_id: uuid.UUID | None,
    width: float,
    height: float,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """What the wall shows when it follows the facilitator, for a ``width`` × ``height`` picture: the
    columns (left, right) of the stage, widened with whole neighbouring steps, and the lanes (top, bottom)
    around ``lane_id`` that fit at a size readable from the back (all lanes when they fit)."""
    whole = min(width / (LANE_W + layout.stage_x[stage_id][1]), height / layout.height)
    scale = max(whole, height / WALL_HEIGHT)
    room_w, room_h = width / scale - LANE_W, height / scale - LANES_TOP

    def grow(sizes: list[float], first: int, last: int, room: float) -> tuple[int, int]:
        while last > first and sum(sizes[first : last + 1]) > room:
            last -= 1
        grown = True
        while grown:
            grown = False
            for candidate in (last + 1, first - 1):  # after, then before: the story reads forwards
                if 0 <= candidate < len(sizes) and sum(sizes[first : last + 1]) + sizes[candidate] <= room:
                    first, last = min(first, candidate), max(last, candidate)
                    grown = True
        return first, last

    stage = next(s for s in journey.stages if s.id == stage_id)
    steps = journey.steps
    if stage.steps:
        widths = [layout.step_x[s.id][1] for s in steps]
        first = next(i for i, s in enumerate(steps) if s.id == stage.steps[0].id)
        first, last = grow(widths, first, first + len(stage.steps) - 1, room_w)
        columns = (layout.step_x[steps[first].id][0], sum(layout.step_x[steps[last].id]))
    else:
        left, w = layout.stage_x[stage_id]
        columns = (left, left + w)
    lanes = journey.lanes
    if not lanes:
        return columns, (LANES_TOP, LANES_TOP)
    heights = [layout.lane_y[x.id][1] for x in lanes]
    at = next((i for i, x in enumerate(lanes) if x.id == lane_id), 0)
    first, last = grow(heights, at, at, room_h)
    rows = (layout.lane_y[lanes[first].id][0], sum(layout.lane_y[lanes[last].id]))
    return columns, rows


def paint_map(
    painter: QPainter,
    journey: Journey,
    target: QRectF,
    stage_id: uuid.UUID | None = None,
    lane_id: uuid.UUID | None = None,
    wall: bool = False,
    picture: QImage | None = None,
) -> None:
    """Paint ``journey`` into ``target``: title, kind and persona on top, the map fitted below it.

    On paper (not ``wall``) a persona with a ``picture`` or needs, goals and frustrations gets a band of
    its own under the title (``paint_persona``); on the wall it is the one line under the title.

    With ``stage_id`` (the wall following the facilitator): that stage and its neighbours' steps, the
    lanes around ``lane_id`` that fit at a readable size, with the headers, emotion row and lane titles.
    ``wall`` draws the larger text of a zoomed-out map up to a larger scale.
    """
    scene = JourneyScene(interactive=False)
    if wall:
        scene.big_text_below = 1.6
        scene.wall_text = True
    scene.set_journey(journey)
    unit = target.height() / 100  # text sizes follow the page
    title_font = QFont(font("stage"))
    title_font.setPixelSize(max(12, round(unit * 3.4)))
    sub_font = QFont(font("small"))
    sub_font.setPixelSize(max(9, round(unit * 1.9)))
    title_fm, sub_fm = QFontMetricsF(title_font), QFontMetricsF(sub_font)
    focus = stage_id is not None and stage_id in scene.layout.stage_x
    title = f"{journey.title} — {journey.kind.label}"
    if focus:
        title = f"{journey.title} — {next(s for s in journey.stages if s.id == stage_id).title}"
    y = target.top()
    painter.setPen(INK)
    painter.setFont(title_font)
    painter.drawText(
        QPointF(target.left(), y + title_fm.ascent()),
        title_fm.elidedText(title, Qt.TextElideMode.ElideRight, target.width()),
    )
    y += title_fm.lineSpacing()
    line = persona_line(journey)
    if not wall and not focus and has_persona_details(journey, picture):
        y += unit * 0.6
        y += paint_persona(painter, journey, picture, QRectF(target.left(), y, target.width(), unit * 11))
    elif line:
        painter.setPen(MUTED)
        painter.setFont(sub_font)
        painter.drawText(
            QPointF(target.left(), y + sub_fm.ascent()),
            sub_fm.elidedText(line, Qt.TextElideMode.ElideRight, target.width()),
        )
        y += sub_fm.lineSpacing()
    y += unit * 1.2
    area = QRectF(target.left(), y, target.width(), target.bottom() - y)
    if not focus:
        source = scene.map_rect().adjusted(-1, -1, 1, 1)
        scale = min(area.width() / source.width(), area.height() / source.height())
        fitted = QRectF(area.left(), area.top(), source.width() * scale, source.height() * scale)
        scene.render(painter, fitted, source, Qt.AspectRatioMode.KeepAspectRatio)
        return
    (left, right), (top, bottom) = focus_window(
        journey, scene.layout, stage_id, lane_id, area.width(), area.height()
    )
    scale = min(area.width() / (LANE_W + right - left), area.height() / (LANES_TOP + bottom - top))
    pieces = (  # (scene x range, scene y range): corner, headers, lane titles, cells
        ((0.0, LANE_W), (0.0, LANES_TOP)),
        ((left, right), (0.0, LANES_TOP)),
        ((0.0, LANE_W), (top, bottom)),
        ((left, right), (top, bottom)),
    )
    x_at = {0.0: area.left(), left: area.left() + LANE_W * scale}
    y_at = {0.0: area.top(), top: area.top() + LANES_TOP * scale}
    for (x0, x1), (y0, y1) in pieces:
        source = QRectF(x0, y0, x1 - x0, y1 - y0)
        if source.isEmpty():
            continue
        placed = QRectF(x_at[x0], y_at[y0], source.width() * scale, source.height() * scale)
        painter.save()
        painter.setClipRect(placed)
        scene.render(painter, placed, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.restore()
    veil = QColor(255, 255, 255, 110)  # the neighbours are context: the stage under discussion stands out
    for other_id, (x, w) in scene.layout.stage_x.items():
        x0, x1 = max(x, left), min(x + w, right)
        if other_id != stage_id and x1 > x0:
            painter.fillRect(
                QRectF(
                    area.left() + (LANE_W + x0 - left) * scale,
                    area.top(),
                    (x1 - x0) * scale,
                    (LANES_TOP + bottom - top) * scale,
                ),
                veil,
            )
    painter.setPen(QPen(STAGE_LINE, max(1.0, 2 * scale)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(
        QRectF(area.topLeft(), QSizeF((LANE_W + right - left) * scale, (LANES_TOP + bottom - top) * scale))
    )


def render_image(
    journey: Journey,
    width: int,
    height: int,
    stage_id: uuid.UUID | None = None,
    lane_id: uuid.UUID | None = None,
) -> QImage:
    """The map on a white ``width`` × ``height`` picture for the wall (and thumbnails): the whole map, or
    following the facilitator, ``stage_id`` and the lanes around ``lane_id`` at a size readable from the
    back of the room (see ``focus_window``). Text is drawn large, as for a zoomed-out map."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(8.0, min(width, height) * 0.025)
    area = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    paint_map(painter, journey, area, stage_id, lane_id, wall=True)
    painter.end()
    return image


def render_png(journey: Journey, path: str | Path, dpi: int = 300, picture: QImage | None = None) -> Path:
    """The map on A3 landscape (420 × 297 mm) at ``dpi`` (4961 × 3508 pixels at 300), white, 12 mm margins,
    with the persona's ``picture`` where it has one; returns the path written. Raises OSError when the file
    cannot be written."""
    width = round(A3_MM[0] / 25.4 * dpi)
    height = round(A3_MM[1] / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = 12 / 25.4 * dpi
    paint_map(
        painter, journey, QRectF(margin, margin, width - 2 * margin, height - 2 * margin), picture=picture
    )
    painter.end()
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise OSError(0, _("Bildet kunne ikke lagres der."), str(path))
    return path
