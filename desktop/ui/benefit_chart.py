"""One benefit over time, painted with QPainter (no QtCharts): the measurements as a line from the baseline
(nullpunktsmåling), the baseline and the target as labelled horizontal lines, the target date marked.

What is realised (``desktop.domain.benefits.progress``) stands in the title row, large: that is what the room
asks. The same drawing code paints the widget and ``render_image`` for the projector, where the type is large
(at 1280×720 the labels are about 28 px). Values are shown in the benefit's unit, the Norwegian way
(``1 234,5``). ``geometry_for`` says where everything goes, so tests can check the lines' places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.benefits import Progress
from desktop.domain.rules import format_date, format_number, month_abbreviations
from desktop.i18n import _
from desktop.ui.charts import BACKGROUND, GRID, INK, MUTED, PALETTE, PaintedChart, format_value

LINE = PALETTE[0]  # the measurements: blue
BASELINE = "#3c424d"  # dark grey, dashed
TARGET = "#007a59"  # a darker Okabe–Ito green (text on white stays readable)
TARGET_DATE = "#b34e00"  # a darker vermillion
GOOD = "#007a59"


def number_text(value: float) -> str:
    """A measured value the Norwegian way: ``1 234``, ``1 234,5``, ``3,25`` (at most two decimals)."""
    return format_number(value)


def value_text(value: float, unit: str) -> str:
    """``120 timer``, ``1 234 kr``, ``4,5 poeng``."""
    return f"{number_text(value)}\u00a0{unit}" if unit else number_text(value)


def realised_text(p: Progress) -> str:
    """What is realised of the way from the baseline to the target, as a whole percent: ``40 %``; a dash
    without measurements."""
    if p.realised_pct is None:
        return "–"
    return f"{format_value(round(p.realised_pct))}\u00a0%"


def nice_ticks(low: float, high: float, most: int) -> tuple[float, float, float]:
    """(axis minimum, axis maximum, step): a step of 1, 2, 2.5 or 5 × 10ⁿ giving at most ``most`` steps."""
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
        low, high = low - span / 2, high + span / 2
        span = high - low
    raw = span / max(1, most)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            step = factor * magnitude
            break
    axis_min = math.floor(low / step + 1e-9) * step
    axis_max = math.ceil(high / step - 1e-9) * step
    if axis_max <= axis_min:
        axis_max = axis_min + step
    return axis_min, axis_max, step


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class ChartData:
    """What the chart shows of one benefit (plain values: the widget needs no database)."""

    title: str
    subtitle: str  # gain type · indicator
    unit: str
    baseline: float
    baseline_date: date
    target: float
    target_date: date | None
    points: tuple[tuple[date, float], ...]  # the measurements, by date
    progress: Progress

    @classmethod
    def of(cls, benefit) -> ChartData:
        """From a ``BenefitView``."""
        subtitle = " · ".join(t for t in (benefit.gain_type.label, benefit.indicator) if t)
        return cls(
            benefit.title,
            subtitle,
            benefit.unit,
            benefit.baseline,
            benefit.baseline_date,
            benefit.target,
            benefit.target_date,
            tuple((m.on, m.value) for m in benefit.measurements),
            benefit.progress,
        )


@dataclass(frozen=True)
class LineStyle:
    title_px: int
    label_px: int
    tick_px: int
    margin: float
    line: float  # grid width; the data line and the target are thicker

    @classmethod
    def for_screen(cls, base_px: int) -> LineStyle:
        return cls(round(base_px * 1.3), round(base_px * 1.05), base_px, base_px * 0.9, 1.0)

    @classmethod
    def for_wall(cls, width: int, height: int) -> LineStyle:
        scale = min(width / 1280, height / 720)
        return cls(round(38 * scale), round(28 * scale), round(24 * scale), 26 * scale, max(1.0, 2 * scale))


@dataclass
class LineGeometry:
    """Where everything goes at one size: computed for each paint, and what the tests check."""

    width: int
    height: int
    title_font: QFont
    label_font: QFont
    tick_font: QFont
    strong_font: QFont  # what is realised
    line_font: QFont  # the line labels and the latest value
    title_rect: QRectF = field(default_factory=QRectF)
    realised_rect: QRectF = field(default_factory=QRectF)
    realised: str = ""
    subtitle_rect: QRectF = field(default_factory=QRectF)
    unit_rect: QRectF = field(default_factory=QRectF)  # the unit, above the value ticks
    plot: QRectF = field(default_factory=QRectF)
    y_min: float = 0.0
    y_max: float = 1.0
    start: date = date(2000, 1, 1)
    end: date = date(2000, 1, 2)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)  # y, text
    x_ticks: list[tuple[float, str]] = field(default_factory=list)  # x, text
    baseline_y: float = 0.0
    target_y: float = 0.0
    baseline_label: tuple[QRectF, str] = (QRectF(), "")
    target_label: tuple[QRectF, str] = (QRectF(), "")
    target_x: float | None = None  # the target date
    target_date_label: tuple[QRectF, str] = (QRectF(), "")
    points: list[QPointF] = field(default_factory=list)  # the baseline, then the measurements
    latest_label: tuple[QRectF, str] | None = None
    empty_rect: QRectF | None = None  # nothing to draw (no benefit)
    no_measurements_rect: QRectF | None = None  # a plan without measurements yet

    def y_of(self, value: float) -> float:
        share = (value - self.y_min) / (self.y_max - self.y_min)
        return self.plot.bottom() - share * self.plot.height()

    def x_of(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        return self.plot.left() + (day - self.start).days / span * self.plot.width()


def _font(px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, int(px)))
    font.setWeight(weight)
    return font


class BenefitChart(PaintedChart):
    """A benefit's measurements over time with its baseline and target; see the module's docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.empty_text = _("Velg en gevinst for å se målingene.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 200)  # beside the measurements on a 1366-pixel laptop
        self.setAccessibleName(_("Gevinstgraf"))

    def set_benefit(self, benefit) -> None:
        """Show a ``BenefitView`` (None: the empty state)."""
        self.set_data(ChartData.of(benefit) if benefit is not None else None)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        if data is not None:
            self.setAccessibleDescription(
                _("{title}: nullpunkt {baseline}, mål {target}, realisert {realised}").format(
                    title=data.title,
                    baseline=value_text(data.baseline, data.unit),
                    target=value_text(data.target, data.unit),
                    realised=realised_text(data.progress),
                )
            )
        self.update()

    # --- geometry ---------------------------------------------------------------------------------------

    def style(self, width: int, height: int, wall: bool) -> LineStyle:
        if wall:
            return LineStyle.for_wall(width, height)
        return LineStyle.for_screen(max(11, QFontInfo(self.font()).pixelSize()))

    def geometry_for(self, width: int, height: int, wall: bool = False) -> LineGeometry:
        st = self.style(width, height, wall)
        m = st.margin
        g = LineGeometry(
            width,
            height,
            _font(st.title_px, QFont.Weight.Bold),
            _font(st.label_px),
            _font(st.tick_px),
            _font(st.label_px * 1.1, QFont.Weight.Bold),
            _font(st.label_px, QFont.Weight.DemiBold),
        )
        inner = max(0.0, width - 2 * m)
        d = self.data
        if d is None:
            g.empty_rect = QRectF(m, m, inner, max(0.0, height - 2 * m))
            return g
        title_fm = QFontMetricsF(g.title_font)
        label_fm = QFontMetricsF(g.label_font)
        tick_fm = QFontMetricsF(g.tick_font)
        y = m * 0.6

        # The benefit's name; under it the gain type and indicator, and (right, bold) what is realised.
        g.title_rect = QRectF(m, y, inner, title_fm.height())
        y += title_fm.height()
        if d.progress.realised_pct is None:
            g.realised = _("Ingen målinger ennå")
        else:
            g.realised = _("Realisert {pct} av målet").format(pct=realised_text(d.progress))
        strong_fm = QFontMetricsF(g.strong_font)
        realised_w = min(inner, strong_fm.horizontalAdvance(g.realised) + 4)
        row_h = strong_fm.height()
        g.realised_rect = QRectF(m + inner - realised_w, y, realised_w, row_h)
        g.subtitle_rect = QRectF(m, y, max(0.0, inner - realised_w - m), row_h)
        y += row_h + m * 0.5
        g.unit_rect = QRectF(m, y, inner, tick_fm.height())
        y += tick_fm.height() * 1.5

        # Value range: the baseline, the target and every measurement, with a little air.
        values = [d.baseline, d.target, *(v for _day, v in d.points)]
        low, high = min(values), max(values)
        air = (high - low) * 0.08
        low, high = low - air, high + air
        if min(values) >= 0 > low:
            low = 0.0  # counts, hours and kroner do not go below zero
        bottom = height - m * 0.5 - tick_fm.height() * 1.3
        most = max(2, int((bottom - y) / (tick_fm.height() * 2.2)))
        g.y_min, g.y_max, step = nice_ticks(low, high, min(most, 8))

        # The gutter right of the plot holds the line labels: «Mål 60» and «Nullpunkt 120».
        baseline_text = _("Nullpunkt {value}").format(value=number_text(d.baseline))
        target_text = _("Mål {value}").format(value=number_text(d.target))
        line_fm = QFontMetricsF(g.line_font)
        gutter = max(line_fm.horizontalAdvance(baseline_text), line_fm.horizontalAdvance(target_text))
        gutter = min(gutter + 4, inner * 0.35)
        # A narrow chart: the value alone (its colour tells the line), never the word with the value cut off.
        if line_fm.horizontalAdvance(baseline_text) + 4 > gutter:
            baseline_text = number_text(d.baseline)
        if line_fm.horizontalAdvance(target_text) + 4 > gutter:
            target_text = number_text(d.target)
        ticks = [g.y_min + i * step for i in range(round((g.y_max - g.y_min) / step) + 1)]
        tick_w = max(tick_fm.horizontalAdvance(number_text(round(t, 9))) for t in ticks)
        left = m + tick_w + m * 0.4
        right = max(left + 10, m + inner - gutter - m * 0.4)
        g.plot = QRectF(left, y, right - left, max(10.0, bottom - y))
        g.y_ticks = [(g.y_of(t), number_text(round(t, 9))) for t in ticks]

        # Time: from the baseline's date to the target date or the last measurement, whichever is later.
        g.start = d.baseline_date
        last = max([d.baseline_date, *(day for day, _v in d.points)])
        end = max(last, d.target_date or last)
        if (end - g.start).days < 28:
            end = g.start + timedelta(days=28)
        g.end = end + timedelta(days=max(1, round((end - g.start).days * 0.03)))
        g.x_ticks = self._date_ticks(g, tick_fm)

        g.baseline_y = g.y_of(d.baseline)
        g.target_y = g.y_of(d.target)
        label_h = label_fm.height()
        gutter_x = g.plot.right() + m * 0.4
        # the two labels never overlap: a target close to the baseline pushes them apart
        t_top, b_top = g.target_y - label_h / 2, g.baseline_y - label_h / 2
        if abs(t_top - b_top) < label_h:
            middle = (t_top + b_top) / 2
            upper, lower = middle - label_h / 2, middle + label_h / 2
            t_top, b_top = (upper, lower) if d.target > d.baseline else (lower, upper)
        g.target_label = (QRectF(gutter_x, t_top, gutter, label_h), target_text)
        g.baseline_label = (QRectF(gutter_x, b_top, gutter, label_h), baseline_text)

        if d.target_date is not None:
            g.target_x = g.x_of(d.target_date)
            text = _("Måldato {day}").format(day=format_date(d.target_date))
            w = tick_fm.horizontalAdvance(text) + 4
            # under the time axis, in the row of the date ticks (which give way to it)
            rect = QRectF(
                min(max(0.0, g.target_x - w / 2), width - w), g.plot.bottom() + m * 0.25, w, tick_fm.height()
            )
            g.target_date_label = (rect, text)
            g.x_ticks = [
                (x, t)
                for x, t in g.x_ticks
                if abs(x - g.target_x) > (w + tick_fm.horizontalAdvance(t)) / 2 + m * 0.3
            ]

        g.points = [QPointF(g.x_of(d.baseline_date), g.baseline_y)]
        g.points += [QPointF(g.x_of(day), g.y_of(v)) for day, v in d.points]
        if d.points:
            day, v = d.points[-1]
            text = value_text(v, d.unit)
            w = line_fm.horizontalAdvance(text) + 4
            p = g.points[-1]
            gap = m * 0.5
            if p.x() + gap + w <= g.plot.right():  # right of the latest point: nothing is drawn there yet
                lx, ly = p.x() + gap, p.y() - label_h / 2
            else:
                lx = min(max(g.plot.left(), p.x() - w / 2), g.plot.right() - w)
                above = p.y() - label_h - gap
                ly = above if above > g.plot.top() + tick_fm.height() else p.y() + gap
            g.latest_label = (QRectF(lx, ly, w, label_h), text)
        else:
            # Room for the text in up to five lines, wrapped inside the plot (it was cut at both ends).
            g.no_measurements_rect = QRectF(
                g.plot.left() + 4, g.plot.center().y() - label_h * 2.6, g.plot.width() - 8, label_h * 5.2
            )
        return g

    def _date_ticks(self, g: LineGeometry, fm: QFontMetricsF) -> list[tuple[float, str]]:
        months = month_abbreviations()
        sample = fm.horizontalAdvance(f"{months[8]} 2020") * 1.6
        fit = max(1, int(g.plot.width() / sample))
        span_months = (g.end.year - g.start.year) * 12 + g.end.month - g.start.month + 1
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if span_months / s <= fit), 120)
        day = _add_months(g.start, 1) if g.start.day > 1 else g.start
        while (day.month - 1) % min(step, 12):  # months on a quarter or half year, years in January
            day = _add_months(day, 1)
        ticks = []
        while day <= g.end:
            text = str(day.year) if step >= 12 else f"{months[day.month - 1]} {day.year}"
            ticks.append((g.x_of(day), text))
            day = _add_months(day, step)
        return ticks

    # --- painting ---------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, width: int, height: int, wall: bool = False) -> LineGeometry:
        g = self.geometry_for(width, height, wall)
        st = self.style(width, height, wall)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, width, height), QColor(BACKGROUND))
        left_mid = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        d = self.data
        if g.empty_rect is not None or d is None:
            painter.setFont(g.label_font)
            painter.setPen(QColor(MUTED))
            painter.drawText(
                g.empty_rect or QRectF(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.restore()
            return g

        title_fm = QFontMetricsF(g.title_font)
        painter.setFont(g.title_font)
        painter.setPen(QColor(INK))
        painter.drawText(
            g.title_rect,
            left_mid,
            title_fm.elidedText(d.title, Qt.TextElideMode.ElideRight, g.title_rect.width()),
        )
        pct = d.progress.realised_pct
        painter.setFont(g.strong_font)
        painter.setPen(QColor(MUTED if pct is None else (GOOD if pct >= 100 else INK)))
        painter.drawText(
            g.realised_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, g.realised
        )
        label_fm = QFontMetricsF(g.label_font)
        if d.subtitle:
            painter.setFont(g.label_font)
            painter.setPen(QColor(MUTED))
            painter.drawText(
                g.subtitle_rect,
                left_mid,
                label_fm.elidedText(d.subtitle, Qt.TextElideMode.ElideRight, g.subtitle_rect.width()),
            )
        painter.setFont(g.tick_font)
        painter.setPen(QColor(MUTED))
        painter.drawText(g.unit_rect, left_mid, d.unit)

        plot = g.plot
        tick_fm = QFontMetricsF(g.tick_font)
        painter.setPen(QPen(QColor(GRID), st.line))
        for y, _text in g.y_ticks:
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(MUTED))
        for y, text in g.y_ticks:
            h = tick_fm.height()
            painter.drawText(
                QRectF(0, y - h / 2, plot.left() - st.margin * 0.4, h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        for x, text in g.x_ticks:
            w = tick_fm.horizontalAdvance(text) + 2
            tx = min(max(x - w / 2, plot.left() - st.margin * 0.4), width - w)
            painter.drawText(
                QRectF(tx, plot.bottom() + st.margin * 0.25, w, tick_fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )
        painter.setPen(QPen(QColor(INK), st.line * 1.5))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

        # The target date, the baseline and the target.
        if g.target_x is not None:
            pen = QPen(QColor(TARGET_DATE), max(1.5, st.line * 1.5), Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(g.target_x, plot.top()), QPointF(g.target_x, plot.bottom()))
            rect, text = g.target_date_label
            painter.setFont(g.tick_font)
            painter.setPen(QColor(TARGET_DATE))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        for y, colour, width_factor, (rect, text) in (
            (g.baseline_y, BASELINE, 2.0, g.baseline_label),
            (g.target_y, TARGET, 3.0, g.target_label),
        ):
            painter.setPen(QPen(QColor(colour), max(2.0, st.line * width_factor), Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setFont(g.line_font)
            painter.setPen(QColor(colour))
            painter.drawText(
                rect,
                left_mid,
                QFontMetricsF(g.line_font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width()),
            )

        # The measurements: a line from the baseline, a dot at each.
        colour = QColor(LINE)
        if len(g.points) > 1:
            path = QPainterPath(g.points[0])
            for p in g.points[1:]:
                path.lineTo(p)
            painter.setPen(QPen(colour, max(2.5, st.line * 2.5)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        radius = max(3.5, g.label_font.pixelSize() * 0.28)
        painter.setPen(QPen(QColor(BACKGROUND), max(1.0, radius * 0.35)))
        for i, p in enumerate(g.points):
            painter.setBrush(QColor(BASELINE) if i == 0 else colour)
            painter.drawEllipse(p, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if g.latest_label is not None:
            rect, text = g.latest_label
            painter.setFont(g.line_font)
            painter.setPen(QColor(INK))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if g.no_measurements_rect is not None:
            painter.setFont(g.label_font)
            painter.setPen(QColor(MUTED))
            painter.drawText(
                g.no_measurements_rect,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                _("Ingen målinger etter nullpunktet ennå"),
            )
        painter.restore()
        return g

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 280)
