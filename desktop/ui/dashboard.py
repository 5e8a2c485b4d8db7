"""The programme dashboard: "what has LUP given Bærum?" in key figures that read from across the room,
charts behind them, and the leader groups that still lack an innovation initiative.

Every figure comes from ``services.dashboard.dashboard`` and says, on hover, how it is counted; the
charts add up to the key figures (their notes give the sums). "Vis på veggen" projects one slide at a
time: the key figures, or one of the charts, chosen in a combo or stepped through with "Neste".
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.benefits import GainSum, GainType
from desktop.domain.fund import kroner
from desktop.i18n import _
from desktop.services.dashboard import Dashboard, dashboard
from desktop.ui.charts import BACKGROUND, INK, MUTED, PALETTE, BarChart, format_value

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

TILE_WIDTH = 240  # px: the narrowest a key-figure tile gets before the row wraps
CHART_HEIGHT = 330
GROUP_ROLE = Qt.ItemDataRole.UserRole
TILE_FILL = "#f3f6f9"
CARD_STYLE = "QFrame#card { background: palette(base); border: 1px solid #d4d8de; border-radius: 6px; }"
NOTE_STYLE = f"color: {MUTED};"


# --- the figures --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    """One tile: the big ``value``, what it counts (``caption``), a smaller ``note`` and how it is counted
    (``tooltip``)."""

    key: str
    value: str
    caption: str
    note: str
    tooltip: str
    colour: str = PALETTE[0]


def _count(n: int) -> str:
    return format_value(n)


def _amount(value: float, unit: str) -> str:
    text = "\u2212" + format_value(-value) if value < 0 else format_value(value)
    return f"{text}\u00a0{unit}"


def programme_figures(d: Dashboard) -> list[KeyFigure]:
    """Participation, initiatives and the fund."""
    missing = len(d.groups_without_initiative)
    cohorts = len(d.groups_per_cohort)
    return [
        KeyFigure(
            "locations",
            _("{done} av {all}").format(done=_count(d.locations_completed), all=_count(d.locations)),
            _("tjenestesteder har fullført LUP"),
            _("{left} har ikke fullført ennå").format(left=_count(d.locations - d.locations_completed)),
            _(
                "Tjenestesteder med en ledergruppe i et kull som er avsluttet (sluttdatoen er passert), "
                "av alle tjenestesteder i registeret. Et tjenestested telles én gang, uansett hvor mange "
                "kull det har vært med i."
            ),
            PALETTE[0],
        ),
        KeyFigure(
            "groups",
            _count(sum(n for _name, n in d.groups_per_cohort)),
            _("ledergrupper"),
            _("i {n} kull").format(n=_count(cohorts)),
            _(
                "Alle ledergrupper i alle kull, også kull som pågår eller ikke har startet. Et "
                "tjenestested som har vært med i flere kull, telles én gang per kull."
            ),
            PALETTE[2],
        ),
        KeyFigure(
            "initiatives",
            _count(d.initiatives),
            _("innovasjonstiltak"),
            _("{n} ledergrupper mangler tiltak").format(n=_count(missing))
            if missing
            else _("Alle ledergrupper har tiltak"),
            _(
                "Alle innovasjonstiltak i registeret, uansett fase og status. Ledergrupper uten et eneste "
                "tiltak telles for seg og er listet under diagrammene."
            ),
            PALETTE[1],
        ),
        KeyFigure(
            "fund",
            kroner(d.granted),
            _("tildelt fra innovasjonsfondet"),
            _("{applications} søknader · {funded} innvilget · {rounds} runder").format(
                applications=_count(d.applications), funded=_count(d.funded), rounds=_count(len(d.rounds))
            ),
            _(
                "Innvilgede beløp summert over alle runder. Søknader er alle som ikke er trukket "
                "(søkt til sammen {applied}); innvilget er søknader med vedtaket «Innvilget»."
            ).format(applied=kroner(d.applied)),
            PALETTE[5],
        ),
    ]


def _value_and_caption(g: GainSum) -> tuple[str, str]:
    """The amount with the unit's first word, and the gain type with the rest of the unit: "4 990 000 kr"
    and "unngåtte kostnader per år", "125 timer" and "spart tid per uke" (short values stay large)."""
    head, _space, tail = g.unit.partition(" ")
    caption = g.gain_type.label.lower()
    return _amount(g.gained, head), f"{caption} {tail}" if tail else caption


def benefit_figures(d: Dashboard) -> list[KeyFigure]:
    """How many benefits are measured, then what is realised per gain type and unit (quality: how many
    are measured, since points and percentages of different indicators do not add up)."""
    figures = [
        KeyFigure(
            "benefits",
            _("{measured} av {all}").format(measured=_count(d.benefits_measured), all=_count(d.benefits)),
            _("gevinster er målt"),
            _("i gevinstrealiseringsplanene"),
            _(
                "Gevinster i tiltakenes gevinstrealiseringsplaner, og hvor mange av dem som har minst én "
                "måling i tillegg til nullpunktet."
            ),
            PALETTE[4],
        )
    ]
    quality: list[GainSum] = []
    for g in d.gains:
        if g.gain_type is GainType.QUALITY:
            quality.append(g)
            continue
        colour = PALETTE[2] if g.gain_type is GainType.AVOIDED_COSTS else PALETTE[0]
        figures.append(
            KeyFigure(
                f"gain:{g.gain_type.value}:{g.unit}",
                *_value_and_caption(g),
                _("{measured} av {all} gevinster målt").format(
                    measured=_count(g.measured), all=_count(g.benefits)
                ),
                _(
                    "Summen av det som er oppnådd for gevinster av typen «{type}» med enheten «{unit}»: "
                    "siste måling mot nullpunktet, regnet i målets retning. {measured} av {all} slike "
                    "gevinster er målt; umålte teller null. Ulike enheter legges aldri sammen."
                ).format(
                    type=g.gain_type.label,
                    unit=g.unit,
                    measured=_count(g.measured),
                    all=_count(g.benefits),
                ),
                colour,
            )
        )
    if quality:
        measured = sum(g.measured for g in quality)
        realised = " · ".join(_amount(g.gained, g.unit) for g in quality if g.measured)
        figures.append(
            KeyFigure(
                "gain:quality",
                _("{measured} av {all}").format(
                    measured=_count(measured), all=_count(sum(g.benefits for g in quality))
                ),
                _("kvalitetsgevinster er målt"),
                _("oppnådd: {realised}").format(realised=realised) if realised else _("ingen målinger ennå"),
                _(
                    "Gevinster av typen «Økt kvalitet» med minst én måling, av alle slike gevinster. "
                    "Kvalitet måles med ulike indikatorer, så det oppnådde vises per enhet og legges ikke "
                    "sammen: {realised}."
                ).format(realised=realised or _("ingen målinger ennå")),
                PALETTE[3],
            )
        )
    return figures


# --- the tiles ----------------------------------------------------------------------------------------------


class FitLabel(QWidget):
    """One line of large text that shrinks to fit its width instead of widening the layout."""

    def __init__(self, scale: float, colour: str = INK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.peers: list[FitLabel] = []
        self.scale = scale
        self.colour = colour
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel
        self._text = text
        self.setAccessibleName(text)
        self.update()

    def _largest(self) -> int:
        return round(max(11, QFontInfo(self.font()).pixelSize()) * self.scale)

    def _fitted_px(self) -> int:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Bold)
        px = self._largest()
        font.setPixelSize(px)
        advance = QFontMetricsF(font).horizontalAdvance(self._text)
        if advance > self.width() > 0:
            return max(10, int(px * self.width() / advance))
        return px

    def fitted_font(self) -> QFont:
        """The largest bold font up to ``scale`` × the widget's in which this label and its ``peers`` (the
        other values in a row of tiles, so they share one size) fit their widths."""
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Bold)
        font.setPixelSize(min(label._fitted_px() for label in [self, *self.peers]))
        return font

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, round(self._largest() * 1.3))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(40, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.fitted_font())
        painter.setPen(QColor(self.colour))
        painter.drawText(
            QRectF(self.rect()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._text
        )
        painter.end()


class Tile(QFrame):
    """A key figure on screen: value, caption and note, with how it is counted as the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.value = FitLabel(2.4)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.caption.setFont(font)
        self.caption.setStyleSheet(f"color: {INK};")  # on the tile's light fill, whatever the theme
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        for label in (self.caption, self.note):
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.figure: KeyFigure | None = None

    def show_figure(self, figure: KeyFigure) -> None:
        self.figure = figure
        self.value.setText(figure.value)
        self.caption.setText(figure.caption)
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))
        self.setToolTip(figure.tooltip)
        self.setAccessibleName(f"{figure.value} {figure.caption}")
        self.setStyleSheet(
            f"QFrame#tile {{ background: {TILE_FILL}; border: 1px solid #d4d8de; "
            f"border-left: 6px solid {figure.colour}; border-radius: 4px; }}"
        )

    def text(self) -> str:
        """What the tile says, as one line (for tests and screen readers)."""
        parts = [self.value.text(), self.caption.text()]
        if self.note.text():
            parts.append(f"({self.note.text()})")
        return " ".join(parts)


class TileSection(QWidget):
    """A heading and its tiles in rows that fill the width (fewer per row on a narrow window)."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        self.tiles: list[Tile] = []
        self._columns = 0

    def set_figures(self, figures: list[KeyFigure]) -> None:
        while len(self.tiles) < len(figures):
            self.tiles.append(Tile(self))
        while len(self.tiles) > len(figures):
            tile = self.tiles.pop()
            self.grid.removeWidget(tile)
            tile.deleteLater()
        for tile, figure in zip(self.tiles, figures, strict=True):
            tile.show_figure(figure)
            tile.value.peers = [t.value for t in self.tiles if t is not tile]
        self._columns = 0
        self.reflow(self.width())

    def reflow(self, width: int) -> None:
        most = max(2, width // TILE_WIDTH)
        columns = max(1, math.ceil(len(self.tiles) / max(1, math.ceil(len(self.tiles) / most))))  # even rows
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, i // columns, i % columns)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.reflow(self.width())


# --- the list of groups without an initiative -------------------------------------------------------------


class GroupList(QListWidget):
    """Leader groups; a click, or Enter on the current one, asks to open it."""

    open_group = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemClicked.connect(self._open)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(True)

    def _open(self, item: QListWidgetItem) -> None:
        group_id = item.data(GROUP_ROLE)
        if group_id is not None:
            self.open_group.emit(group_id)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._open(self.currentItem())
            return
        super().keyPressEvent(event)


# --- the wall -----------------------------------------------------------------------------------------------


def _px(value: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, int(value)))
    return font


def wall_columns(n: int) -> int:
    """Tiles per row on the wall: three (rows of 2–3 fill a 16:9 picture well), four or more for many."""
    if n <= 3:
        return max(1, n)
    if n == 4:
        return 2
    return 3 if n <= 9 else math.ceil(n / 3)


@dataclass
class _TileFonts:
    value: QFont
    caption: QFont
    note: QFont
    offset: float = 0.0  # down from the tile's top: the tallest tile's text is centred, the rest line up


def _tile_rects(rect: QRectF, s: float) -> QRectF:
    pad = 20 * s
    return rect.adjusted(9 * s + pad, pad * 0.6, -pad * 0.8, -pad * 0.6)


def _fit_fonts(figures: list[KeyFigure], inner: QRectF, s: float) -> _TileFonts:
    """One set of fonts for every tile (values, captions and notes each the same size across the slide):
    the largest in which every tile's text fits ``inner``."""
    value_px = min(92 * s, inner.height() * 0.42)
    while True:
        value = _px(value_px)
        value.setWeight(QFont.Weight.Bold)
        widest = max(QFontMetricsF(value).horizontalAdvance(f.value) for f in figures)
        if widest <= inner.width() or value_px <= 9:
            break
        value_px = min(value_px - 1, value_px * inner.width() / widest)
    rest = inner.height() - QFontMetricsF(value).height()
    flags = int(Qt.TextFlag.TextWordWrap)
    caption_px = min(34 * s, value_px * 0.5)  # a caption never outgrows its value
    note_px = caption_px * 0.8
    while True:
        caption, note = _px(caption_px), _px(note_px)
        caption.setWeight(QFont.Weight.DemiBold)
        box = QRectF(0, 0, inner.width(), 10_000)
        fits, tallest = True, 0.0
        for f in figures:
            used = QFontMetricsF(caption).boundingRect(box, flags, f.caption)
            noted = QFontMetricsF(note).boundingRect(box, flags, f.note) if f.note else QRectF()
            height = used.height() + (noted.height() + 4 * s if f.note else 0)
            widest = max(used.width(), noted.width())  # a single long word cannot wrap
            fits = fits and height <= rest and widest <= inner.width() + 0.5
            tallest = max(tallest, height)
        if fits or note_px <= 9:
            return _TileFonts(value, caption, note, max(0.0, (rest - tallest) / 2))
        caption_px *= 0.94
        note_px *= 0.94


def paint_key_figures(
    painter: QPainter, width: int, height: int, title: str, footer: str, figures: list[KeyFigure]
) -> None:
    """The key figures as a slide: a title, then the tiles in even rows with the same type sizes, large
    enough for the back row (at 1280×720 with nine tiles: values about 50 px, captions about 26 px)."""
    s = min(width / 1280, height / 720)
    m = 30 * s
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, width, height), QColor(BACKGROUND))
    left_mid = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    title_font = _px(40 * s)
    title_font.setWeight(QFont.Weight.Bold)
    title_h = QFontMetricsF(title_font).height()
    painter.setFont(title_font)
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(m, m * 0.6, width - 2 * m, title_h), left_mid, title)
    footer_font = _px(20 * s)
    footer_h = QFontMetricsF(footer_font).height()
    painter.setFont(footer_font)
    painter.setPen(QColor(MUTED))
    painter.drawText(
        QRectF(m, height - m * 0.5 - footer_h, width - 2 * m, footer_h),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        footer,
    )
    if figures:
        columns = wall_columns(len(figures))
        rows = math.ceil(len(figures) / columns)
        gap = 16 * s
        top = m * 0.6 + title_h + gap
        bottom = height - m * 0.5 - footer_h - gap * 0.5
        tile_w = (width - 2 * m - gap * (columns - 1)) / columns
        tile_h = (bottom - top - gap * (rows - 1)) / rows
        fonts = _fit_fonts(figures, _tile_rects(QRectF(0, 0, tile_w, tile_h), s), s)
        for i, figure in enumerate(figures):
            row, col = divmod(i, columns)
            rect = QRectF(m + col * (tile_w + gap), top + row * (tile_h + gap), tile_w, tile_h)
            _paint_tile(painter, rect, figure, s, fonts)
    painter.restore()


def _paint_tile(painter: QPainter, rect: QRectF, figure: KeyFigure, s: float, fonts: _TileFonts) -> None:
    painter.fillRect(rect, QColor(TILE_FILL))
    painter.fillRect(QRectF(rect.left(), rect.top(), 9 * s, rect.height()), QColor(figure.colour))
    inner = _tile_rects(rect, s).adjusted(0, fonts.offset, 0, 0)
    top_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    value_h = QFontMetricsF(fonts.value).height()
    painter.setFont(fonts.value)
    painter.setPen(QColor(INK))
    painter.drawText(
        QRectF(inner.left(), inner.top(), inner.width(), value_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        figure.value,
    )
    rest = QRectF(inner.left(), inner.top() + value_h, inner.width(), inner.bottom() - inner.top() - value_h)
    painter.setFont(fonts.caption)
    used = painter.boundingRect(rest, top_left, figure.caption)
    painter.drawText(rest, top_left, figure.caption)
    if figure.note:
        painter.setFont(fonts.note)
        painter.setPen(QColor(MUTED))
        note = QRectF(
            rest.left(), used.bottom() + 4 * s, rest.width(), max(0.0, rest.bottom() - used.bottom())
        )
        painter.drawText(note, top_left, figure.note)


# --- the dashboard ------------------------------------------------------------------------------------------


class ChartCard(QFrame):
    """A chart with a line under it saying how it is counted and what it adds up to."""

    def __init__(self, key: str, chart: BarChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.chart = chart
        chart.setMinimumHeight(CHART_HEIGHT)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(chart, 1)
        layout.addWidget(self.note)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.setToolTip(text)


class ProgrammeDashboard(QWidget):
    """Key figures, charts and the groups without an initiative; see the module's docstring."""

    open_group = Signal(object)  # uuid.UUID of a leader group without an initiative, clicked

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today: date | None = None  # None: the real today (tests fix it)
        self.data: Dashboard | None = None
        self._stale = True

        heading = QLabel(_("Hva har LUP gitt Bærum?"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        heading.setFont(font)
        self.as_of = QLabel()
        self.as_of.setStyleSheet(NOTE_STYLE)
        self.wall_choice = QComboBox()
        self.wall_choice.setToolTip(_("Hva som vises på projektoren"))
        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setToolTip(_("Vis det valgte stort på projektoren"))
        self.wall_button.clicked.connect(self.show_on_wall)
        self.next_button = QPushButton(_("Neste ▸"))
        self.next_button.setToolTip(_("Vis neste diagram på veggen"))
        self.next_button.clicked.connect(self.show_next_on_wall)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(heading)
        titles.addWidget(self.as_of)
        top.addLayout(titles)
        top.addStretch(1)
        top.addWidget(QLabel(_("På veggen:")))
        top.addWidget(self.wall_choice)
        top.addWidget(self.wall_button)
        top.addWidget(self.next_button)

        self.programme_section = TileSection(_("Programmet"))
        self.benefit_section = TileSection(_("Gevinster som er realisert"))

        self.cohort_chart = BarChart()
        self.phase_chart = BarChart()
        self.ideas_chart = BarChart()
        self.fund_chart = BarChart(value_format=lambda v: kroner(round(v)))
        self.gain_chart = BarChart()
        self.cards = {
            key: ChartCard(key, chart)
            for key, chart in (
                ("cohorts", self.cohort_chart),
                ("phases", self.phase_chart),
                ("ideas", self.ideas_chart),
                ("fund", self.fund_chart),
                ("gains", self.gain_chart),
            )
        }

        self.wall_choice.addItem(_("Nøkkeltall: programmet"), "figures")
        self.wall_choice.addItem(_("Nøkkeltall: gevinster"), "benefits")
        for key, text in (
            ("cohorts", _("Ledergrupper per kull")),
            ("phases", _("Tiltak per fase")),
            ("ideas", _("Flest idéer")),
            ("fund", _("Oppdrift-rundene")),
            ("gains", _("Gevinster per type")),
        ):
            self.wall_choice.addItem(text, key)

        self.groups_card = QFrame()
        self.groups_card.setObjectName("card")
        self.groups_card.setStyleSheet(CARD_STYLE)
        self.groups_heading = QLabel()
        font = self.groups_heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.groups_heading.setFont(font)
        self.groups_heading.setWordWrap(True)
        self.groups_list = GroupList()
        self.groups_list.setToolTip(_("Klikk på en ledergruppe for å åpne den og registrere et tiltak"))
        self.groups_list.open_group.connect(self.open_group)
        self.groups_empty = QLabel(_("Alle ledergrupper har minst ett innovasjonstiltak."))
        self.groups_empty.setWordWrap(True)
        groups_layout = QVBoxLayout(self.groups_card)
        groups_layout.setContentsMargins(10, 10, 10, 10)
        groups_layout.addWidget(self.groups_heading)
        groups_layout.addWidget(self.groups_list, 1)
        groups_layout.addWidget(self.groups_empty)
        groups_layout.addStretch(0)
        self.groups_card.setMinimumHeight(CHART_HEIGHT)

        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(12)
        self._chart_columns = 0

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.setSpacing(14)
        body_layout.addWidget(self.programme_section)
        body_layout.addWidget(self.benefit_section)
        body_layout.addLayout(self.chart_grid)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self._place_charts(self.width())
        context.changed.connect(self._changed)

    # --- layout -----------------------------------------------------------------------------------------

    def _cells(self) -> list[QWidget]:
        return [*self.cards.values(), self.groups_card]

    def _place_charts(self, width: int) -> None:
        """Three charts across on a big screen, two on a laptop, one when narrow."""
        columns = 3 if width >= 1600 else 2 if width >= 900 else 1
        if columns == self._chart_columns:
            return
        self._chart_columns = columns
        for cell in self._cells():
            self.chart_grid.removeWidget(cell)
        for c in range(self.chart_grid.columnCount()):
            self.chart_grid.setColumnStretch(c, 0)
        for i, cell in enumerate(self._cells()):
            self.chart_grid.addWidget(cell, i // columns, i % columns)
        for c in range(columns):
            self.chart_grid.setColumnStretch(c, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_charts(self.width())

    # --- loading ----------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def refresh(self) -> None:
        self._stale = False
        today = self.today or date.today()
        d = self.data = dashboard(self.context.db, today)
        self.as_of.setText(
            _("Tall per {day}. Hold musepekeren over et tall for å se hvordan det er telt.").format(
                day=today.strftime("%d.%m.%Y")
            )
        )
        self.programme_section.set_figures(programme_figures(d))
        self.benefit_section.set_figures(benefit_figures(d))
        self._show_charts(d)
        self._show_groups(d)

    def _show_charts(self, d: Dashboard) -> None:
        groups = sum(n for _name, n in d.groups_per_cohort)
        self.cohort_chart.set_data(
            _("Ledergrupper per kull"),
            [name for name, _n in d.groups_per_cohort],
            [(_("Ledergrupper"), [n for _name, n in d.groups_per_cohort])],
        )
        self.cards["cohorts"].set_note(
            _("Til sammen {n} ledergrupper i {cohorts} kull, i kullenes startrekkefølge.").format(
                n=_count(groups), cohorts=_count(len(d.groups_per_cohort))
            )
        )
        self.phase_chart.set_data(
            _("Innovasjonstiltak per fase i Veikartet"),
            [phase.label for phase, _n in d.initiatives_by_phase],
            [(_("Tiltak"), [n for _phase, n in d.initiatives_by_phase])],
        )
        self.cards["phases"].set_note(
            _(
                "Til sammen {n} tiltak, hvert i fasen det står i nå (KS Veikart for tjenesteinnovasjon)."
            ).format(n=_count(d.initiatives))
        )
        self.ideas_chart.set_data(
            _("Tjenestesteder med flest idéer"),
            [name for name, _n in d.most_ideas],
            [(_("Idéer"), [n for _name, n in d.most_ideas])],
        )
        self.cards["ideas"].set_note(
            _("Idéene ledergruppene har registrert, summert per tjenestested; de ti med flest.")
        )
        self.fund_chart.set_data(
            _("Oppdrift: søkt og innvilget per runde"),
            [name for name, _o in d.rounds],
            [
                (_("Søkt"), [o.applied for _name, o in d.rounds]),
                (_("Innvilget"), [o.granted for _name, o in d.rounds]),
            ],
        )
        self.cards["fund"].set_note(
            _(
                "Til sammen søkt {applied} og innvilget {granted} ({funded} av {applications} søknader). "
                "Trukne søknader telles ikke."
            ).format(
                applied=kroner(d.applied),
                granted=kroner(d.granted),
                funded=_count(d.funded),
                applications=_count(d.applications),
            )
        )
        # The amounts stay out of the bar labels: a narrow chart elides a label's middle words, and a
        # figure must never lose digits. They are in the tiles and in the note under the chart.
        self.gain_chart.set_data(
            _("Gevinster per type og enhet"),
            [_("{type} ({unit})").format(type=g.gain_type.label, unit=g.unit) for g in d.gains],
            [
                (_("I planene"), [g.benefits for g in d.gains]),
                (_("Målt"), [g.measured for g in d.gains]),
            ],
        )
        realised = "; ".join(
            _("{type} {realised}").format(type=g.gain_type.label.lower(), realised=_amount(g.gained, g.unit))
            for g in d.gains
        )
        self.cards["gains"].set_note(
            _(
                "Oppnådd: {realised}. Det oppnådde er siste måling mot nullpunktet, i målets retning; "
                "ulike enheter legges aldri sammen. {measured} av {all} gevinster er målt."
            ).format(realised=realised, measured=_count(d.benefits_measured), all=_count(d.benefits))
            if d.gains
            else _("Ingen gevinster er registrert ennå.")
        )

    def _show_groups(self, d: Dashboard) -> None:
        missing = d.groups_without_initiative
        self.groups_heading.setText(
            _("Ledergrupper uten innovasjonstiltak ({n})").format(n=_count(len(missing)))
        )
        self.groups_list.clear()
        for group in missing:
            item = QListWidgetItem(
                _("{location} · {cohort}").format(location=group.location, cohort=group.cohort)
            )
            item.setData(GROUP_ROLE, group.id)
            item.setToolTip(_("Åpne ledergruppen"))
            self.groups_list.addItem(item)
        self.groups_list.setVisible(bool(missing))
        self.groups_empty.setVisible(not missing)

    # --- the wall ---------------------------------------------------------------------------------------

    @property
    def groups_without_initiative(self) -> list[tuple[uuid.UUID, str]]:
        """(group id, text) in the list's order."""
        return [
            (self.groups_list.item(i).data(GROUP_ROLE), self.groups_list.item(i).text())
            for i in range(self.groups_list.count())
        ]

    def tiles(self) -> list[Tile]:
        return [*self.programme_section.tiles, *self.benefit_section.tiles]

    def wall_image(self, width: int, height: int, key: str | None = None) -> QImage:
        """The slide ``key`` at the size given: "figures" (the programme's key figures), "benefits" (the
        benefits'), or a chart's key; the one chosen in the combo by default."""
        if self._stale or self.data is None:
            self.refresh()
        key = key or self.wall_choice.currentData()
        if key not in ("figures", "benefits"):
            return self.cards[key].chart.render_image(width, height)
        image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(BACKGROUND))
        painter = QPainter(image)
        day = (self.today or date.today()).strftime("%d.%m.%Y")
        paint_key_figures(
            painter,
            image.width(),
            image.height(),
            _("Hva har LUP gitt Bærum?") if key == "figures" else _("Gevinster som er realisert"),
            _("Per {day}").format(day=day),
            programme_figures(self.data) if key == "figures" else benefit_figures(self.data),
        )
        painter.end()
        return image

    def show_on_wall(self) -> None:
        """The chosen slide, large, on the projector (opened if needed)."""
        runner = self.context.runner
        if runner is None:
            return
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        wall.show_image(self.wall_image(max(wall.width(), 640), max(wall.height(), 360)))

    def show_next_on_wall(self) -> None:
        """Step to the next slide (after the last, back to the key figures) and show it."""
        self.wall_choice.setCurrentIndex((self.wall_choice.currentIndex() + 1) % self.wall_choice.count())
        self.show_on_wall()
