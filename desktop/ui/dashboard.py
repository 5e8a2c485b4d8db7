"""The programme dashboard: "what has LUP given Bærum?" in key figures that read from across the room,
charts behind them, and the leader groups that still lack an innovation initiative.

Every figure comes from ``services.dashboard.dashboard`` and says, on hover, how it is counted; the
charts add up to the key figures (their notes give the sums). "Vis på veggen" projects one slide at a
time: the key figures, or one of the charts, chosen in a combo or stepped through with "Neste".
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
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
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.benefits import GainSum, GainType
from desktop.domain.fund import kroner
from desktop.domain.rules import format_date
from desktop.i18n import _
from desktop.services.dashboard import Dashboard, GroupRef, dashboard
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
    return f"{format_value(value)}\u00a0{unit}"


def _pct(value: float) -> str:
    """A whole percentage: "60 %", "−25 %"."""
    return _amount(round(value), "%")


def _gain_name(g: GainSum) -> str:
    return _("{type} ({unit})").format(type=g.gain_type.label, unit=g.unit)


def _group_text(group: GroupRef) -> str:
    text = _("{location} · {cohort}").format(location=group.location, cohort=group.cohort)
    if group.finished:
        return text
    state = _("kullet pågår") if group.started else _("kullet har ikke startet")
    return f"{text} ({state})"


def programme_figures(d: Dashboard) -> list[KeyFigure]:
    """Participation, initiatives and the fund."""
    missing = len(d.groups_missing)
    waiting = len(d.groups_without_initiative) - missing
    cohorts = len(d.groups_per_cohort)
    scope = (
        _("Gjelder dette programmet: kullene, ledergruppene, tiltakene, gevinstene og idéene i det.")
        if d.programme_id is not None
        else _("Gjelder hele registeret, alle programmer.")
    )
    if missing:
        initiatives_note = _("{n} ledergrupper i avsluttede kull mangler tiltak").format(n=_count(missing))
    elif waiting:
        initiatives_note = _("Alle ledergrupper i avsluttede kull har tiltak")
    else:
        initiatives_note = _("Alle ledergrupper har tiltak")
    if waiting:
        initiatives_note += " · " + _("{n} til i kull som ikke er avsluttet").format(n=_count(waiting))
    figures = [
        KeyFigure(
            "locations",
            _("{done} av {all}").format(done=_count(d.locations_completed), all=_count(d.locations)),
            _("tjenestesteder har fullført LUP"),
            _("{left} har ikke fullført ennå").format(left=_count(d.locations - d.locations_completed)),
            _(
                "Tjenestesteder med en ledergruppe i et kull som er avsluttet (sluttdatoen er passert), "
                "av alle tjenestesteder i registeret. Et tjenestested telles én gang, uansett hvor mange "
                "kull det har vært med i."
            )
            + " "
            + (
                _("Bare kull i dette programmet telles; «alle» er alle tjenestesteder i registeret.")
                if d.programme_id is not None
                else _("Kull i alle programmer telles.")
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
            initiatives_note,
            _(
                "Alle innovasjonstiltak, uansett fase og status. «Mangler tiltak» teller bare ledergrupper "
                "uten et eneste tiltak i kull som er avsluttet; grupper i kull som pågår eller ikke har "
                "startet, har tid ennå og telles i parentes. Alle står i listen under diagrammene, de "
                "i kull som ikke er avsluttet, er merket «(kullet pågår)». Ledergrupper uten tiltak i alt: "
                "{all}."
            ).format(all=_count(len(d.groups_without_initiative))),
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
                "(søkt til sammen {applied}); innvilget er søknader med vedtaket «Innvilget». "
                "Innovasjonsfondet gjelder hele registeret, ikke bare dette programmet."
            ).format(applied=kroner(d.applied)),
            PALETTE[5],
        ),
    ]
    return [replace(f, tooltip=f"{f.tooltip} {scope}") if f.key != "fund" else f for f in figures]


def _value_and_caption(g: GainSum) -> tuple[str, str]:
    """The amount with the unit's first word, and the gain type with the rest of the unit: "4 990 000 kr"
    and "unngåtte kostnader per år", "125 timer" and "spart tid per uke" (short values stay large).
    Nothing measured yet: "ikke målt ennå", and the whole unit goes in the caption."""
    caption = g.gain_type.label.lower()
    if not g.measured:
        return _("ikke målt ennå"), f"{caption} ({g.unit})"
    head, _space, tail = g.unit.partition(" ")
    return _amount(g.gained, head), f"{caption} {tail}" if tail else caption


def _score_figure(gain_type: GainType, gains: list[GainSum]) -> KeyFigure:
    """Benefits that do not add up (quality, scores, shares) of one gain type: how many reached their
    target, and their mean realised share of it."""
    measured = sum(g.measured for g in gains)
    total = sum(g.benefits for g in gains)
    reached = sum(g.reached for g in gains)
    units = ", ".join(f"«{g.unit}»" for g in gains)
    if gain_type is GainType.QUALITY:
        caption = _("kvalitetsgevinster har nådd målet")
        what = _("Gevinster av typen «Økt kvalitet» ({units})").format(units=units)
    else:
        caption = _("gevinster «{type}» i poeng eller prosent har nådd målet").format(
            type=gain_type.label.lower()
        )
        what = _("Gevinster av typen «{type}» målt i poeng eller prosent ({units})").format(
            type=gain_type.label, units=units
        )
    counted = _("{measured} av {all} gevinster målt").format(measured=_count(measured), all=_count(total))
    if measured:
        mean = sum(g.pct_total for g in gains) / measured
        value = _("{reached} av {measured}").format(reached=_count(reached), measured=_count(measured))
        note = _("i snitt {pct} av målet · {counted}").format(pct=_pct(mean), counted=counted)
    else:
        value, caption, note = _("ikke målt ennå"), caption.split(" har ")[0], counted
    tooltip = _(
        "{what} måles med ulike indikatorer, så verdiene legges ikke sammen. Tallet er hvor mange av de "
        "målte som har nådd målet (siste måling minst like langt fra nullpunktet som målet, i målets "
        "retning); snittet er gjennomsnittet av hvor stor del av veien fra nullpunkt til mål hver av dem "
        "har kommet. {counted}; umålte er ikke med i snittet."
    ).format(what=what, counted=counted)
    return KeyFigure(f"gain:{gain_type.value}:scores", value, caption, note, tooltip, PALETTE[3])


def benefit_figures(d: Dashboard) -> list[KeyFigure]:
    """How many benefits are measured, then what is realised per gain type and unit for kroner and hours
    (summed per unit), and for quality, scores and shares how many reached their target (never summed:
    points and percentages of different indicators do not add up)."""
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
        ),
        KeyFigure(
            "follow_up",
            _count(d.benefits_late + d.benefits_due),
            _("gevinster trenger oppfølging"),
            _("{late} forsinket · {due} bør måles").format(
                late=_count(d.benefits_late), due=_count(d.benefits_due)
            ),
            _(
                "Forsinket: måldatoen er passert uten at målet er nådd. Bør måles: ikke målt på et halvt år "
                "(nullpunktet regnes som en måling). Gevinster som har nådd målet, er ikke med."
            ),
            PALETTE[1],
        ),
    ]
    scores: dict[GainType, list[GainSum]] = {}
    for g in d.gains:
        if not g.summable:
            scores.setdefault(g.gain_type, []).append(g)
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
                    "gevinster er målt; umålte er ikke med. Ulike enheter legges aldri sammen."
                ).format(
                    type=g.gain_type.label,
                    unit=g.unit,
                    measured=_count(g.measured),
                    all=_count(g.benefits),
                ),
                colour,
            )
        )
    figures.extend(_score_figure(gain_type, gains) for gain_type, gains in scores.items())
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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it: how it is counted, without a mouse
        self.figure: KeyFigure | None = None

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if self.toolTip() and event.reason() in keyboard:  # the mouse has the tooltip already
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self.toolTip(), self)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        QToolTip.hideText()

    def show_figure(self, figure: KeyFigure) -> None:
        self.figure = figure
        self.value.setText(figure.value)
        self.caption.setText(figure.caption)
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))
        self.setToolTip(figure.tooltip)
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(figure.tooltip)
        self.setStyleSheet(
            f"QFrame#tile {{ background: {TILE_FILL}; border: 1px solid #d4d8de; "
            f"border-left: 6px solid {figure.colour}; border-radius: 4px; }}"
            f"QFrame#tile:focus {{ border: 2px solid {INK}; border-left: 6px solid {figure.colour}; }}"
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
        self.programme_id: uuid.UUID | None = None  # None: the whole register
        self.data: Dashboard | None = None
        self._counted_on: date | None = None  # the day the figures are counted for («Tall per …»)
        self._stale = True

        heading = QLabel(_("Hva har LUP gitt Bærum?"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        heading.setFont(font)
        self.as_of = QLabel()
        self.as_of.setStyleSheet(NOTE_STYLE)
        self.wall_choice = QComboBox()
        self.wall_choice.setToolTip(_("Hva som vises på veggen"))
        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setToolTip(_("Vis det valgte stort på veggen"))
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
        self.gain_chart = BarChart(value_format=_pct)
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
            ("gains", _("Gevinster: realisert andel")),
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

    def set_programme(self, programme_id: uuid.UUID | None) -> None:
        """Count one programme (None: the whole register); read again now if shown, else when shown. The
        same programme again is left as it is, on the same day: a change in the register reaches
        ``_changed`` on its own."""
        if programme_id == self.programme_id and self.data is not None and self._counted_on == self._today():
            return
        self.programme_id = programme_id
        self._changed()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def _today(self) -> date:
        return self.today or date.today()

    def refresh(self) -> None:
        self._stale = False
        today = self._counted_on = self._today()
        d = self.data = dashboard(self.context.db, today, self.programme_id)
        self.as_of.setText(
            _(
                "Tall per {day}. Hold musepekeren over et tall, eller gå til det med Tab, for å se hvordan "
                "det er telt."
            ).format(day=format_date(today))
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
        tied = ""
        if d.most_ideas_tied:
            tied = _("og {n} andre med {x}").format(
                n=_count(d.most_ideas_tied), x=_count(d.most_ideas[-1][1])
            )
        self.ideas_chart.set_data(
            _("Tjenestesteder med flest idéer ({tied})").format(tied=tied)
            if tied
            else _("Tjenestesteder med flest idéer"),
            [name for name, _n in d.most_ideas],
            [(_("Idéer"), [n for _name, n in d.most_ideas])],
        )
        note = _("Idéene ledergruppene har registrert, summert per tjenestested; de ti med flest.")
        if d.most_ideas_tied == 1:
            note += " " + _(
                "Ett tjenestested til har like mange som nummer ti ({x}), men får ikke plass; ved likt "
                "antall står de alfabetisk."
            ).format(x=_count(d.most_ideas[-1][1]))
        elif d.most_ideas_tied:
            note += " " + _(
                "{n} andre har like mange som nummer ti ({x}), men får ikke plass; ved likt antall står de "
                "alfabetisk."
            ).format(n=_count(d.most_ideas_tied), x=_count(d.most_ideas[-1][1]))
        self.cards["ideas"].set_note(note)
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
        # A share of the planned change, not amounts: it compares across units, and a count of benefits
        # would read as an amount across the room. The counts and the sums are in the note.
        measured = [g for g in d.gains if g.share_pct is not None]
        self.gain_chart.set_data(
            _("Realisert andel av planlagt endring, per gevinsttype og enhet"),
            [_gain_name(g) for g in measured],
            [(_("Realisert av planlagt endring"), [g.share_pct for g in measured])],
        )
        counts = "; ".join(
            _("{name}: {measured} av {all} målt").format(
                name=_gain_name(g), measured=_count(g.measured), all=_count(g.benefits)
            )
            for g in d.gains
        )
        sums = "; ".join(
            _("{type} {realised}").format(type=g.gain_type.label.lower(), realised=_amount(g.gained, g.unit))
            for g in d.gains
            if g.summable and g.measured
        )
        unmeasured = ", ".join(_gain_name(g).lower() for g in d.gains if not g.measured)
        parts = [
            _(
                "Det som er oppnådd (siste måling mot nullpunktet, i målets retning) som andel av den "
                "planlagte endringen (mål − nullpunkt), summert per type og enhet over de målte "
                "gevinstene; over 100 % er forbi målet."
            ),
            _("Antall: {counts}.").format(counts=counts),
        ]
        if sums:
            parts.append(_("Oppnådd: {sums}; ulike enheter legges aldri sammen.").format(sums=sums))
        if unmeasured:
            parts.append(_("Ikke målt ennå: {names}.").format(names=unmeasured))
        self.cards["gains"].set_note(" ".join(parts) if d.gains else _("Ingen gevinster er registrert ennå."))

    def _show_groups(self, d: Dashboard) -> None:
        missing = d.groups_without_initiative
        waiting = len(missing) - len(d.groups_missing)
        self.groups_heading.setText(
            _(
                "Ledergrupper uten innovasjonstiltak ({n}, av dem {waiting} i kull som ikke er avsluttet)"
            ).format(n=_count(len(missing)), waiting=_count(waiting))
            if waiting
            else _("Ledergrupper uten innovasjonstiltak ({n})").format(n=_count(len(missing)))
        )
        self.groups_list.clear()
        for group in missing:
            item = QListWidgetItem(_group_text(group))
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
        day = format_date(self.today or date.today())
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
        wall.show_image(self.wall_image(*wall.picture_size().toTuple()))

    def show_next_on_wall(self) -> None:
        """Step to the next slide (after the last, back to the key figures) and show it."""
        self.wall_choice.setCurrentIndex((self.wall_choice.currentIndex() + 1) % self.wall_choice.count())
        self.show_on_wall()
