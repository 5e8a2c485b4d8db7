"""Charts that read from the back of a room: a horizontal bar chart painted with QPainter (no QtCharts).

``BarChart`` shows categories down the side and one bar per series in each category (for example ideas
and prototypes side by side), with a legend, the value at each bar's end and integer ticks. The same
drawing code paints the widget and ``render_image`` for the projector, where the type is large (at
1280×720 the category labels are about 30 px). Colours are the Okabe–Ito palette (safe for colour-blind
readers), on white with near-black text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.domain.rules import format_number
from desktop.i18n import _

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency; the first two (blue,
# vermillion) also differ in lightness, so they survive a washed-out projector and grey-scale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
BACKGROUND = "#ffffff"
INK = "#14171c"  # titles, labels and values: near black on white
MUTED = "#3c424d"  # tick labels and the empty state (still > 9:1 on white)
GRID = "#c4c9d1"
ELLIPSIS = "…"

Series = tuple[str, Sequence[float]]


def format_value(value: float) -> str:
    """A count or amount on a chart: ``2 575 000``, ``1,5`` (one decimal at most)."""
    return format_number(value, 1)


def elide_label(metrics: QFontMetricsF, text: str, width: float) -> str:
    """``text`` fitted to ``width``: whole words are dropped from the middle first, so that "Bekkestua
    barnehage" and "Bekkestua skole" stay apart ("Bekkestua … skole"); a single long word is cut at the
    end."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    if len(words) > 2:
        for tail in (1, 2):
            for head in range(len(words) - tail - 1, 0, -1):
                candidate = f"{' '.join(words[:head])} {ELLIPSIS} {' '.join(words[-tail:])}"
                if metrics.horizontalAdvance(candidate) <= width:
                    return candidate
    if len(words) >= 2:
        candidate = f"{words[0]} {ELLIPSIS} {words[-1]}"
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def nice_step(maximum: float, most_ticks: int) -> int:
    """The smallest whole step of 1, 2 or 5 × 10ⁿ that covers ``maximum`` in at most ``most_ticks``
    steps."""
    most_ticks = max(1, most_ticks)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(maximum / step) <= most_ticks:
                return step
        magnitude *= 10


@dataclass(frozen=True)
class ChartStyle:
    """Pixel sizes of one drawing: the widget's follow its font, the wall's the picture's size."""

    title_px: int
    label_px: int  # category labels and legend (before fitting to the bars' height)
    value_px: int
    tick_px: int
    margin: float
    line: float  # grid and axis line width
    label_share: float  # at most this part of the width for category labels

    @classmethod
    def for_screen(cls, base_px: int) -> ChartStyle:
        label = round(base_px * 1.15)
        return cls(round(base_px * 1.45), label, label, base_px, base_px, 1.0, 0.45)

    @classmethod
    def for_wall(cls, width: int, height: int) -> ChartStyle:
        scale = min(width / 1280, height / 720)
        return cls(
            round(36 * scale),
            round(30 * scale),
            round(30 * scale),
            round(28 * scale),
            26 * scale,
            max(1.0, 2 * scale),
            0.4,
        )


@dataclass
class ChartGeometry:
    """Where everything goes for one size: computed once per paint, and what the tests check."""

    width: int
    height: int
    title_font: QFont
    label_font: QFont
    value_font: QFont
    tick_font: QFont
    title_rect: QRectF = field(default_factory=QRectF)
    legend: list[tuple[QRectF, QRectF, str]] = field(default_factory=list)  # swatch, text, name
    plot: QRectF = field(default_factory=QRectF)  # where the bars go (x: zero … axis_max)
    bands: list[QRectF] = field(default_factory=list)  # one per category, full width
    labels: list[tuple[QRectF, str]] = field(default_factory=list)  # elided category labels
    bars: list[list[QRectF]] = field(default_factory=list)  # [series][category]
    values: list[list[tuple[QRectF, str]]] = field(default_factory=list)  # [series][category]
    ticks: list[tuple[float, str]] = field(default_factory=list)  # x, text
    axis_max: int = 0
    empty_rect: QRectF | None = None  # set when there is nothing to draw

    def category_at(self, pos: QPointF) -> int | None:
        for i, band in enumerate(self.bands):
            if band.contains(pos):
                return i
        return None


def _font(px: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, int(px)))
    font.setWeight(weight)
    return font


class PaintedChart(QWidget):
    """A chart drawn by its own ``paint(painter, width, height, wall)``: the same drawing paints the widget
    (``paintEvent``) and the picture for the projector (``render_image``), so the wall shows what the
    screen shows, only with larger type. Subclasses implement ``paint``."""

    def paint(self, painter: QPainter, width: int, height: int, wall: bool = False):
        raise NotImplementedError

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.paint(painter, self.width(), self.height())
        painter.end()

    def render_image(self, width: int, height: int, wall: bool = True) -> QImage:
        """The chart as a picture: for the projector (``wall``: large type) or at the widget's type size."""
        image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(BACKGROUND))
        painter = QPainter(image)
        self.paint(painter, image.width(), image.height(), wall)
        painter.end()
        return image


class BarChart(PaintedChart):
    """A horizontal bar chart of one or more series; see the module's docstring."""

    def __init__(
        self, parent: QWidget | None = None, value_format: Callable[[float], str] | None = None
    ) -> None:
        super().__init__(parent)
        self.value_format = value_format or format_value
        self.empty_text = _("Ingen tall ennå")
        self._title = ""
        self._labels: list[str] = []
        self._series: list[tuple[str, list[float]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 180)

    # --- data -------------------------------------------------------------------------------------------

    def set_data(self, title: str, labels: Sequence[str], series: Sequence[Series]) -> None:
        """Show ``labels`` (top to bottom) with one bar per series (name, values in label order) each;
        values are counts or amounts (negative ones are drawn as 0)."""
        labels = [str(label) for label in labels]
        checked = []
        for name, values in series:
            values = [float(v) for v in values]
            if len(values) != len(labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
            checked.append((str(name), values))
        self._title, self._labels, self._series = title, labels, checked
        self.setAccessibleName(title)
        self.updateGeometry()
        self.update()

    @property
    def title(self) -> str:
        return self._title

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    @property
    def series(self) -> list[tuple[str, list[float]]]:
        return [(name, list(values)) for name, values in self._series]

    def has_data(self) -> bool:
        """Something to draw: at least one value above zero."""
        return any(v > 0 for _name, values in self._series for v in values)

    # --- geometry ---------------------------------------------------------------------------------------

    def style(self, width: int, height: int, wall: bool) -> ChartStyle:
        if wall:
            return ChartStyle.for_wall(width, height)
        return ChartStyle.for_screen(max(11, QFontInfo(self.font()).pixelSize()))

    def geometry_for(self, width: int, height: int, wall: bool = False) -> ChartGeometry:
        """Where the title, legend, labels, bars, values and ticks go at ``width``×``height``."""
        st = self.style(width, height, wall)
        m = st.margin
        g = ChartGeometry(
            width,
            height,
            _font(st.title_px, QFont.Weight.Bold),
            _font(st.label_px),
            _font(st.value_px, QFont.Weight.DemiBold),
            _font(st.tick_px),
        )
        inner = max(0.0, width - 2 * m)
        title_fm = QFontMetricsF(g.title_font)
        if self._title and title_fm.horizontalAdvance(self._title) > inner > 0:  # smaller before elided
            fitted = st.title_px * inner / title_fm.horizontalAdvance(self._title)
            g.title_font = _font(max(st.label_px, int(fitted)), QFont.Weight.Bold)
            title_fm = QFontMetricsF(g.title_font)
        legend_fm = QFontMetricsF(g.label_font)
        y = m * 0.6

        # Title, with the legend on the same line when both fit (more room for the bars), else below.
        swatch = legend_fm.height() * 0.7
        entries = [(name, legend_fm.horizontalAdvance(name)) for name, _values in self._series]
        if not self.has_data():
            entries = []  # a legend without bars explains nothing
        legend_w = sum(swatch + m * 0.35 + w for _n, w in entries) + m * 0.9 * max(0, len(entries) - 1)
        title_w = title_fm.horizontalAdvance(self._title) if self._title else 0.0
        same_line = bool(self._title) and title_w + m * 1.5 + legend_w <= inner
        row_h = max(title_fm.height(), legend_fm.height()) if self._title else 0.0
        if self._title:
            g.title_rect = QRectF(m, y, inner - (legend_w + m * 1.5 if same_line else 0), title_fm.height())
            legend_y = y + (row_h - legend_fm.height()) / 2
            y += row_h + m * 0.5
        if entries and not same_line:
            legend_y = y
            y += legend_fm.height() + m * 0.5
        if entries:
            x = m + inner - legend_w if same_line else m
            for name, w in entries:
                box = QRectF(x, legend_y + (legend_fm.height() - swatch) / 2, swatch, swatch)
                text = QRectF(box.right() + m * 0.35, legend_y, w + 1, legend_fm.height())
                g.legend.append((box, text, name))
                x = text.right() + m * 0.9

        tick_fm = QFontMetricsF(g.tick_font)
        bottom = height - m * 0.6 - tick_fm.height() * 1.25
        if not self.has_data() or bottom - y < 10:
            g.empty_rect = QRectF(m, y, inner, max(0.0, height - y - m))
            return g

        # Bands: one per category; the bars fill most of it, a hair apart.
        n, k = len(self._labels), len(self._series)
        band = (bottom - y) / n
        fill = 0.72 if k == 1 else 0.86
        gap = band * 0.04 if k > 1 else 0.0
        bar_h = (band * fill - gap * (k - 1)) / k
        label_px = min(st.label_px, band * 0.86)
        value_px = min(st.value_px, band * 0.86, (bar_h + gap) / 0.78)  # digits are ~0.73 em tall
        g.label_font = _font(label_px)
        g.value_font = _font(value_px, QFont.Weight.DemiBold)
        label_fm = QFontMetricsF(g.label_font)
        value_fm = QFontMetricsF(g.value_font)

        highest = max(max(values, default=0.0) for _name, values in self._series)
        value_w = max(
            value_fm.horizontalAdvance(self.value_format(v)) for _name, values in self._series for v in values
        )
        pad = m * 0.35
        widest = max((label_fm.horizontalAdvance(label) for label in self._labels), default=0.0)
        room = inner - m * 0.6 - value_w - pad - width * 0.3  # the bars keep at least 30 % of the width
        label_w = max(0.0, min(widest, width * st.label_share, room))
        left = m + label_w + m * 0.6
        right = max(left + 1, m + inner - value_w - pad)
        g.plot = QRectF(left, y, right - left, bottom - y)

        widest_tick = tick_fm.horizontalAdvance(self.value_format(highest))
        step = nice_step(highest, min(8, max(1, int(g.plot.width() / (widest_tick * 2.2 + m)))))
        # The axis ends a little past the longest bar, not a whole (possibly huge) step past it; the ticks
        # stay at whole steps.
        fine = step // 5 if step % 5 == 0 else step // 2 if step % 2 == 0 else step
        g.axis_max = max(fine, math.ceil(highest / fine) * fine)
        scale = g.plot.width() / g.axis_max
        g.ticks = [(left + t * scale, self.value_format(t)) for t in range(0, g.axis_max + 1, step)]

        g.bars = [[] for _s in self._series]
        g.values = [[] for _s in self._series]
        for i, label in enumerate(self._labels):
            top = y + i * band
            g.bands.append(QRectF(0, top, width, band))
            g.labels.append(
                (
                    QRectF(m, top, label_w, band),
                    elide_label(label_fm, label, label_w),
                )
            )
            bar_top = top + band * (1 - fill) / 2
            for s, (_name, values) in enumerate(self._series):
                v = max(0.0, values[i])
                rect = QRectF(left, bar_top + s * (bar_h + gap), v * scale, bar_h)
                g.bars[s].append(rect)
                text = self.value_format(values[i])
                w = value_fm.horizontalAdvance(text)
                g.values[s].append((QRectF(rect.right() + pad, rect.top(), w + 2, bar_h), text))
        return g

    # --- painting ---------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, width: int, height: int, wall: bool = False) -> ChartGeometry:
        """Draw the chart at ``width``×``height`` on ``painter`` (the widget, or an image)."""
        g = self.geometry_for(width, height, wall)
        st = self.style(width, height, wall)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, width, height), QColor(BACKGROUND))
        left_mid = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

        if self._title:
            painter.setFont(g.title_font)
            painter.setPen(QColor(INK))
            title = QFontMetricsF(g.title_font).elidedText(
                self._title, Qt.TextElideMode.ElideRight, g.title_rect.width()
            )
            painter.drawText(g.title_rect, left_mid, title)
        legend_font = _font(st.label_px)
        for s, (box, text, name) in enumerate(g.legend):
            painter.fillRect(box, QColor(PALETTE[s % len(PALETTE)]))
            painter.setFont(legend_font)
            painter.setPen(QColor(INK))
            painter.drawText(text, left_mid, name)

        if g.empty_rect is not None:
            painter.setFont(_font(round(st.label_px * 1.2)))
            painter.setPen(QColor(MUTED))
            painter.drawText(
                g.empty_rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
            painter.restore()
            return g

        # Grid and ticks first, so the bars lie over them.
        plot = g.plot
        painter.setPen(QPen(QColor(GRID), st.line))
        for x, _text in g.ticks[1:]:
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setFont(g.tick_font)
        painter.setPen(QColor(MUTED))
        tick_fm = QFontMetricsF(g.tick_font)
        for x, text in g.ticks:
            w = tick_fm.horizontalAdvance(text) + 2
            tx = min(max(x - w / 2, 0.0), width - w)
            painter.drawText(
                QRectF(tx, plot.bottom() + st.margin * 0.2, w, tick_fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )

        painter.setFont(g.label_font)
        painter.setPen(QColor(INK))
        for rect, text in g.labels:
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

        for s, bars in enumerate(g.bars):
            colour = QColor(PALETTE[s % len(PALETTE)])
            for rect in bars:
                if rect.width() > 0:
                    painter.fillRect(rect, colour)
        painter.setFont(g.value_font)
        painter.setPen(QColor(INK))
        for values in g.values:
            for rect, text in values:
                painter.drawText(rect, left_mid, text)

        painter.setPen(QPen(QColor(INK), st.line * 1.5))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        painter.restore()
        return g

    # --- the widget -------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        st = self.style(0, 0, wall=False)
        rows = len(self._labels) * st.label_px * (0.8 + 0.9 * max(1, len(self._series)))
        return QSize(560, int(max(220, st.title_px * 2 + st.tick_px * 2 + rows)))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            g = self.geometry_for(self.width(), self.height())
            i = g.category_at(QPointF(event.pos())) if g.empty_rect is None else None
            if i is None:
                QToolTip.hideText()
                event.ignore()
                return True
            lines = [self._labels[i]] + [
                f"{name}: {self.value_format(values[i])}" for name, values in self._series
            ]
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)
