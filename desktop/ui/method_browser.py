"""The method-card browser: every method card (or prototype card) of the loaded workshop kits, searched and
filtered, one shown like a card, and sent to the time plan or to the wall.

The cards show as a list or as a grid of playing cards (``view_mode``): one view, one model and one
selection either way; only the view's layout and its delegate change.

Keyboard: the search field takes the focus first (it is the widget's focus proxy). Down, Enter or Return
there moves into the list; Up on the first card goes back, and Escape in the search field clears it. Enter
on a card (or a double click) adds it to the time plan when the host allows that (``can_add``), and shows
it on the wall otherwise; prototype cards always go to the wall. In the grid the arrow keys move between
the cards, and Up from the top row goes back to the search.

Card text is shown literally: the detail pane is rich text built with ``html.escape`` on every value taken
from a kit, and the list paints plain strings.
"""

from __future__ import annotations

import html
import random
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.kit import BltStage, Kit, MethodCard, PrototypeCard, VeikartPhase
from desktop.domain.rules import norwegian_key
from desktop.i18n import _
from desktop.kits.loader import KitEntry
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.projection import WallSection
from desktop.ui.text_layout import clip_lines

Card = MethodCard | PrototypeCard

METHODS = "methods"
PROTOTYPES = "prototypes"

# The length filter's ranges in minutes, both ends included (None: no upper limit), after "all lengths".
LENGTH_RANGES: tuple[tuple[int, int | None], ...] = ((0, 15), (16, 45), (46, 90), (91, None))
GROUP_MAX = 999  # the group-size spin box's top; 0 is its "all group sizes"
NARROW = 620  # a browser narrower than this shows the chosen card under the list, not beside it

LIST_VIEW = "list"
GRID_VIEW = "grid"

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1
DECK_ROLE = Qt.ItemDataRole.UserRole + 2  # METHODS or PROTOTYPES
KICKER_ROLE = Qt.ItemDataRole.UserRole + 3  # the card's header band: «Innsikt», «Prototype»
MINUTES_ROLE = Qt.ItemDataRole.UserRole + 4  # «14 min»
PURPOSE_ROLE = Qt.ItemDataRole.UserRole + 5
FOOT_ROLE = Qt.ItemDataRole.UserRole + 6  # list[str]: group size, materials, what it is good for

ACCENT = "#1d5f8a"
MUTED = "#5b6670"
HEADING = "#24313d"
BORDER = "#d3d9df"
WARNING_STYLE = "color: #8a3b00;"
FOCUS = "#f0a500"
DECK_COLOURS = {METHODS: ACCENT, PROTOTYPES: "#b5532a"}  # the header band of a card in the grid
TABLE = "#e6ebf0"  # the grid's background, for white cards to stand out on


@dataclass(frozen=True)
class CardEntry:
    """One card as the browser lists it: the card, its kit, and the text the search looks in."""

    kit: Kit
    card: Card
    search_text: str  # casefolded

    @property
    def deck(self) -> str:
        return METHODS if isinstance(self.card, MethodCard) else PROTOTYPES

    @property
    def ids(self) -> tuple[str, str]:
        return self.kit.id, self.card.id


def _search_text(card: Card) -> str:
    if isinstance(card, MethodCard):
        parts = [card.title, card.purpose, *(s.text for s in card.steps), *card.tips, *card.materials]
    else:
        parts = [card.title, card.purpose, *card.how_to, *card.materials, card.good_for]
    return norwegian_key("\n".join(parts))  # case and accents ignored: «idemyldring» finds «idémyldring»


def minutes_text(minutes: int) -> str:
    return _("{n} min").format(n=minutes)


def group_text(card: MethodCard) -> str:
    """«3–8 personer», «4 personer», «1 person»."""
    if card.group_min == card.group_max:
        if card.group_min == 1:
            return _("1 person")
        return _("{n} personer").format(n=card.group_min)
    return _("{low}–{high} personer").format(low=card.group_min, high=card.group_max)


def summary(card: Card) -> str:
    """The list's second line: «14 min · 3–40 personer · Forankring»."""
    if isinstance(card, MethodCard):
        return " · ".join([minutes_text(card.minutes), group_text(card), card.phase.label])
    return " · ".join(part for part in (minutes_text(card.minutes), card.good_for) if part)


def kicker(card: Card) -> str:
    """The header band of a card in the grid (its colour tells the deck): a method card's phase, or
    «Prototype»."""
    if isinstance(card, MethodCard):
        return card.phase.label
    return _("Prototype")


def foot_lines(card: Card) -> list[str]:
    """The bottom lines of a card in the grid: group size (method cards) or what it suits (prototype
    cards), then the materials."""
    lines = [group_text(card)] if isinstance(card, MethodCard) else []
    if isinstance(card, PrototypeCard) and card.good_for:
        lines.append(_("Egner seg for: {text}").format(text=card.good_for))
    if card.materials:
        lines.append(_("Materiell: {items}").format(items=", ".join(card.materials)))
    return lines


def wall_sections(card: Card) -> list[WallSection]:
    """The sections a card shows the room, one per step (not the facilitator's tips); empty ones are left
    out."""
    if isinstance(card, MethodCard):
        steps = [
            _("{number}. {text} ({minutes})").format(
                number=number, text=step.text, minutes=minutes_text(step.minutes)
            )
            for number, step in enumerate(card.steps, 1)
        ]
        extra: list[WallSection] = []
    else:
        steps = [f"{number}. {text}" for number, text in enumerate(card.how_to, 1)]
        extra = [WallSection(_("Egner seg for"), card.good_for)]
    # One section per step, the heading on the first: the wall may go on with the steps in a next column.
    # The tips are the facilitator's («gi heller litt for lite tid»): they stay on the laptop.
    sections = [
        WallSection(_("Hensikt"), card.purpose),
        *[
            WallSection(_("Slik gjør dere") if n == 0 else "", step, step=True)
            for n, step in enumerate(steps)
        ],
        WallSection(_("Materiell"), ", ".join(card.materials)),
        *extra,
    ]
    return [section for section in sections if section.text]


# --- the detail pane's rich text ------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _heading(text: str) -> str:
    return f'<p style="margin-top:14px; margin-bottom:4px; color:{HEADING}; font-weight:700;">{_e(text)}</p>'


def _bullets(items: Sequence[str]) -> str:
    rows = "".join(
        f'<tr><td style="color:{ACCENT}; padding-right:6px;">•</td><td>{_e(item)}</td></tr>' for item in items
    )
    return f'<table cellspacing="0" cellpadding="2">{rows}</table>'


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td style="color:{MUTED}; padding-right:14px;">{_e(label)}</td><td>{_e(value)}</td></tr>'
        for label, value in rows
    )
    return f'<table cellspacing="0" cellpadding="2" style="margin-top:10px;">{cells}</table>'


def card_html(entry: CardEntry, links: Sequence[str], show_kit: bool) -> str:
    """The card as escaped rich text; ``links`` are the titles of the cards it chains with, linked as
    ``#chain-<index>``."""
    card = entry.card
    parts: list[str] = []
    if isinstance(card, MethodCard):
        tag = _("Metodekort · {phase} · {stage}").format(phase=card.phase.label, stage=card.blt.label)
    else:
        tag = _("Prototypekort")
    if show_kit:
        tag = f"{tag} · {entry.kit.name}"
    parts.append(
        f'<p style="margin:0; color:{ACCENT}; font-size:small; font-weight:600;">{_e(tag.upper())}</p>'
    )
    parts.append(f'<h2 style="margin-top:4px; margin-bottom:8px; color:{HEADING};">{_e(card.title)}</h2>')
    parts.append(f'<p style="margin:0; font-size:large;">{_e(card.purpose)}</p>')

    if isinstance(card, MethodCard):
        parts.append(
            _facts(
                [
                    (_("Tid"), minutes_text(card.minutes)),
                    (_("Gruppestørrelse"), group_text(card)),
                    (_("Rom"), card.space),
                    (_("Fase i Veikartet"), card.phase.label),
                    (_("Behov – løsning – test"), card.blt.label),
                ]
            )
        )
        parts.append(_heading(_("Slik gjør dere")))
        rows = "".join(
            f'<tr><td width="26" style="color:{ACCENT}; font-weight:700;">{number}.</td>'
            f"<td>{_e(step.text)}</td>"
            f'<td align="right" style="color:{MUTED}; padding-left:12px; white-space:nowrap;">'
            f"{_e(minutes_text(step.minutes))}</td></tr>"
            for number, step in enumerate(card.steps, 1)
        )
        total = (
            f'<tr><td></td><td align="right" style="font-weight:700; padding-top:6px;">{_e(_("Totalt"))}</td>'
            f'<td align="right" style="font-weight:700; padding-left:12px; padding-top:6px;'
            f' white-space:nowrap;">{_e(minutes_text(card.minutes))}</td></tr>'
        )
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="3">{rows}{total}</table>')
    else:
        facts = [(_("Tid"), minutes_text(card.minutes))]
        if card.good_for:
            facts.append((_("Egner seg for"), card.good_for))
        parts.append(_facts(facts))
        parts.append(_heading(_("Slik gjør dere")))
        rows = "".join(
            f'<tr><td width="26" style="color:{ACCENT}; font-weight:700;">{number}.</td>'
            f"<td>{_e(text)}</td></tr>"
            for number, text in enumerate(card.how_to, 1)
        )
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="3">{rows}</table>')

    if card.materials:
        parts.append(_heading(_("Materiell")))
        parts.append(_bullets(card.materials))
    if isinstance(card, MethodCard) and card.tips:
        parts.append(_heading(_("Tips")))
        parts.append(_bullets(card.tips))
    if links:
        anchors = ", ".join(
            f'<a href="#chain-{index}" style="color:{ACCENT};">{_e(title)}</a>'
            for index, title in enumerate(links)
        )
        parts.append(
            f'<p style="margin-top:16px; color:{MUTED};">{_e(_("Henger sammen med:"))} {anchors}</p>'
        )
    return "".join(parts)


def empty_html(message: str) -> str:
    return f'<p style="color:{MUTED}; margin-top:24px;" align="center">{_e(message)}</p>'


# --- the list -------------------------------------------------------------------------------------------


class CardListModel(QAbstractListModel):
    """The cards that pass the filters: title (display role) and the short line (SUBTITLE_ROLE)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CardEntry] = []

    def set_entries(self, entries: list[CardEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entries(self) -> list[CardEntry]:
        return list(self._entries)

    def entry(self, row: int) -> CardEntry:
        return self._entries[row]

    def row_of(self, ids: tuple[str, str]) -> int:
        return next((row for row, entry in enumerate(self._entries) if entry.ids == ids), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        card = self._entries[index.row()].card
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == SUBTITLE_ROLE:
            return summary(card)
        if role == DECK_ROLE:
            return self._entries[index.row()].deck
        if role == KICKER_ROLE:
            return kicker(card)
        if role == MINUTES_ROLE:
            return minutes_text(card.minutes)
        if role == PURPOSE_ROLE:
            return card.purpose
        if role == FOOT_ROLE:
            return foot_lines(card)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{card.title}\n{summary(card)}"
        return None


class CardDelegate(QStyledItemDelegate):
    """Two lines per card: the title in bold, the short line below it in a muted colour."""

    PAD_X = 10
    PAD_Y = 7
    GAP = 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        sub = QFont(option.font)
        sub.setPointSizeF(option.font.pointSizeF() * 0.92)
        return title, sub

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, sub = self._fonts(option)
        height = QFontMetrics(title).height() + self.GAP + QFontMetrics(sub).height() + 2 * self.PAD_Y
        return QSize(160, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        title_font, sub_font = self._fonts(opt)
        title_metrics, sub_metrics = QFontMetrics(title_font), QFontMetrics(sub_font)
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        text_colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        if not selected:
            painter.setPen(QColor(BORDER))
            painter.drawLine(opt.rect.left(), opt.rect.bottom(), opt.rect.right(), opt.rect.bottom())
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        line = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(sub_font)
        painter.setPen(text_colour if selected else QColor(MUTED))
        sub = str(index.data(SUBTITLE_ROLE) or "")
        line = QRect(rect.left(), line.bottom() + 1 + self.GAP, rect.width(), sub_metrics.height())
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            sub_metrics.elidedText(sub, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


def fitted_font(font: QFont, text: str, width: int, smallest: float) -> QFont:
    """``font``, made smaller (not below ``smallest`` points) until the longest word of ``text`` fits in
    ``width`` pixels: a long title word is not cut in the middle."""
    words = text.split()
    fitted = QFont(font)
    while fitted.pointSizeF() * 0.93 >= smallest and words:
        metrics = QFontMetrics(fitted)
        if max(metrics.horizontalAdvance(word) for word in words) <= width:
            break
        fitted.setPointSizeF(fitted.pointSizeF() * 0.93)
    return fitted


class CardTileDelegate(QStyledItemDelegate):
    """A card in the grid, painted like a playing card: a header band in the deck's colour with the deck
    (and phase) and the minutes, the title, the first lines of the purpose, and at the bottom the group
    size and the materials. Every card has the same size. The selected card gets a thick border in the deck's
    colour and a tint; the current card of a focused view gets an amber ring around it."""

    MARGIN = 7  # room around the card for the focus ring and the shadow
    RADIUS = 10.0
    STRETCH = 1.3  # how much wider than its natural width a card may grow to fill a row

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card_width = 0  # set by the view to fill its rows; the natural width when smaller

    def natural_width(self, font: QFont) -> int:
        return round(QFontMetrics(font).height() * 13) + 2 * self.MARGIN

    @staticmethod
    def _unit(option: QStyleOptionViewItem) -> int:
        return QFontMetrics(option.font).height()

    @staticmethod
    def _scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
        scaled = QFont(font)
        if font.pointSizeF() > 0:
            scaled.setPointSizeF(font.pointSizeF() * factor)
        elif font.pixelSize() > 0:
            scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
        if weight is not None:
            scaled.setWeight(weight)
        return scaled

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFont]:
        base = option.font
        return (
            self._scaled(base, 0.85, QFont.Weight.Bold),  # the band
            self._scaled(base, 1.22, QFont.Weight.Bold),  # the title
            QFont(base),  # the purpose
            self._scaled(base, 0.88),  # the foot
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = max(self.natural_width(option.font), self.card_width)
        return QSize(width, round(self._unit(option) * 15.5) + 2 * self.MARGIN)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        colour = QColor(DECK_COLOURS.get(str(index.data(DECK_ROLE)), ACCENT))
        unit = self._unit(option)
        pad = round(unit * 0.75)
        band_font, title_font, body_font, foot_font = self._fonts(option)
        card = QRectF(option.rect).adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The shadow, the focus ring, the card.
        painter.setPen(Qt.PenStyle.NoPen)
        for offset, alpha in ((3.0, 18), (1.5, 30)):
            painter.setBrush(QColor(20, 40, 60, alpha))
            painter.drawRoundedRect(card.translated(0, offset), self.RADIUS, self.RADIUS)
        if focused:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(FOCUS), 3.5))
            painter.drawRoundedRect(card.adjusted(-3.5, -3.5, 3.5, 3.5), self.RADIUS + 3, self.RADIUS + 3)
        shape = QPainterPath()
        shape.addRoundedRect(card, self.RADIUS, self.RADIUS)
        painter.fillPath(shape, QColor("#eef5fb") if selected else QColor("white"))

        band_height = round(unit * 2.0)
        band = QRectF(card.left(), card.top(), card.width(), band_height)
        painter.setClipPath(shape)
        painter.fillRect(band, colour)
        painter.setClipping(False)
        if selected:
            border = QPen(colour.darker(115), 3.0)
        else:
            border = QPen(QColor("#9aa6b1") if hovered else QColor("#c4ccd4"), 1.0)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = border.widthF() / 2
        painter.drawRoundedRect(card.adjusted(inset, inset, -inset, -inset), self.RADIUS, self.RADIUS)

        # The band: deck (and phase) on the left, the minutes on the right.
        inner = card.adjusted(pad, 0, -pad, 0)
        width = int(inner.width())
        painter.setFont(band_font)
        band_metrics = QFontMetrics(band_font)
        minutes = str(index.data(MINUTES_ROLE) or "")
        minutes_width = band_metrics.horizontalAdvance(minutes)
        band_text = QRectF(inner.left(), band.top(), inner.width(), band.height())
        painter.setPen(QColor("white"))
        painter.drawText(band_text, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, minutes)
        label = band_metrics.elidedText(
            str(index.data(KICKER_ROLE) or "").upper(),
            Qt.TextElideMode.ElideRight,
            max(0, width - minutes_width - unit),
        )
        painter.drawText(band_text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

        # The foot, from the bottom up: the materials and group size, under a thin line; three lines at most,
        # two for one item at most.
        foot_metrics = QFontMetrics(foot_font)
        items = [str(item) for item in (index.data(FOOT_ROLE) or [])]
        foot: list[str] = []
        for number, item in enumerate(items):
            later = len(items) - number - 1
            foot += clip_lines(item, foot_font, width, min(2, 3 - len(foot) - later))
        foot_top = card.bottom() - pad - len(foot) * foot_metrics.height()
        if foot:
            painter.setPen(QPen(QColor(BORDER), 1.0))
            line_y = foot_top - round(unit * 0.4)
            painter.drawLine(int(inner.left()), int(line_y), int(inner.right()), int(line_y))
            painter.setFont(foot_font)
            painter.setPen(QColor(MUTED))
            for number, text in enumerate(foot):
                row = QRectF(inner.left(), foot_top + number * foot_metrics.height(), inner.width(), 0)
                row.setHeight(foot_metrics.height())
                painter.drawText(
                    row,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    foot_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
                )
            text_bottom = line_y - round(unit * 0.4)
        else:
            text_bottom = card.bottom() - pad

        # The title, up to two lines, then as much of the purpose as there is room for.
        y = band.bottom() + round(unit * 0.6)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title_font = fitted_font(title_font, title, width, body_font.pointSizeF())
        painter.setFont(title_font)
        painter.setPen(QColor(HEADING))
        title_metrics = QFontMetrics(title_font)
        for text in clip_lines(title, title_font, width, 2):
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), title_metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += title_metrics.height()
        y += round(unit * 0.35)
        body_metrics = QFontMetrics(body_font)
        room = int((text_bottom - y) // body_metrics.lineSpacing())
        painter.setFont(body_font)
        painter.setPen(QColor("#34414d"))
        for text in clip_lines(str(index.data(PURPOSE_ROLE) or ""), body_font, width, room):
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), body_metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += body_metrics.lineSpacing()
        painter.restore()


# --- the browser ----------------------------------------------------------------------------------------


class MethodBrowser(QWidget):
    """Browse the method cards (or prototype cards) of ``kits``; kits that failed to load are skipped and
    counted in a warning line. ``can_add`` (set by the host) enables "Legg til i tidsplanen".
    ``view_mode`` (``LIST_VIEW`` or ``GRID_VIEW``) is how the cards show; the host keeps it between runs
    by passing it in and listening to ``view_mode_changed``."""

    add_to_plan = Signal(str, str)  # kit id, method id
    show_on_wall = Signal(str, list)  # title, [WallSection, ...]
    view_mode_changed = Signal(str)  # LIST_VIEW or GRID_VIEW

    def __init__(
        self,
        kits: Sequence[KitEntry],
        rng: random.Random | None = None,
        parent: QWidget | None = None,
        view_mode: str = LIST_VIEW,
    ) -> None:
        super().__init__(parent)
        self._rng = rng if rng is not None else random.Random()
        self._can_add = False
        self._kits = [entry.kit for entry in kits if entry.kit is not None]
        self._broken = [entry for entry in kits if entry.kit is None]
        self._entries: dict[str, list[CardEntry]] = {
            METHODS: [CardEntry(kit, card, _search_text(card)) for kit in self._kits for card in kit.methods],
            PROTOTYPES: [
                CardEntry(kit, card, _search_text(card)) for kit in self._kits for card in kit.prototypes
            ],
        }
        self._deck = METHODS
        self._remembered: dict[str, tuple[str, str] | None] = {METHODS: None, PROTOTYPES: None}
        self._links: list[tuple[str, str]] = []  # the ids the detail pane's "#chain-<i>" links go to
        self._view_mode = LIST_VIEW
        self._splitter_sizes: dict[str, list[int]] = {}  # per view mode, once the user has seen it
        self._build()
        self._refilter()
        self.set_view_mode(view_mode)

    # --- building ---

    def _build(self) -> None:
        self.methods_button = QPushButton(_("Metodekort"))
        self.prototypes_button = QPushButton(_("Prototypekort"))
        self._deck_buttons = QButtonGroup(self)
        decks = QWidget()
        deck_row = QHBoxLayout(decks)
        deck_row.setContentsMargins(0, 0, 0, 0)
        deck_row.setSpacing(0)
        for position, (button, deck) in enumerate(
            ((self.methods_button, METHODS), (self.prototypes_button, PROTOTYPES))
        ):
            button.setCheckable(True)
            button.setObjectName("deckLeft" if position == 0 else "deckRight")
            button.setProperty("deck", deck)
            self._deck_buttons.addButton(button)
            deck_row.addWidget(button)
        self.methods_button.setChecked(True)
        self._deck_buttons.buttonToggled.connect(self._deck_toggled)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Søk i tittel, hensikt, trinn, tips og materiell …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Søk"))
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self.list_view_button = QPushButton(_("Liste"))
        self.list_view_button.setToolTip(_("Vis kortene som en liste"))
        self.grid_view_button = QPushButton(_("Kort"))
        self.grid_view_button.setToolTip(_("Vis kortene som kort, side om side"))
        self._view_buttons = QButtonGroup(self)
        views = QWidget()
        view_row = QHBoxLayout(views)
        view_row.setContentsMargins(0, 0, 0, 0)
        view_row.setSpacing(0)
        for position, (button, mode) in enumerate(
            ((self.list_view_button, LIST_VIEW), (self.grid_view_button, GRID_VIEW))
        ):
            button.setCheckable(True)
            button.setObjectName("viewLeft" if position == 0 else "viewRight")
            button.setProperty("viewMode", mode)
            button.setAccessibleDescription(button.toolTip())
            self._view_buttons.addButton(button)
            view_row.addWidget(button)
        self.list_view_button.setChecked(True)
        self._view_buttons.buttonToggled.connect(self._view_toggled)

        # The rows wrap where the browser is narrow (docked beside a page on a small laptop).
        self.search.setMinimumWidth(180)
        top = FlowLayout(spacing=12)
        top.addWidget(decks)
        top.add_stretching(self.search)
        top.addWidget(views)

        self.phase_filter = QComboBox()
        self.phase_filter.addItem(_("Alle faser"), None)
        for phase in VeikartPhase:
            self.phase_filter.addItem(phase.label, phase.value)
        self.phase_filter.setToolTip(_("Fase i KS' Veikart for tjenesteinnovasjon"))

        self.length_filter = QComboBox()
        self.length_filter.addItem(_("Alle lengder"), None)
        for label, span in zip(
            (_("Inntil 15 min"), _("15–45 min"), _("45–90 min"), _("Over 90 min")), LENGTH_RANGES, strict=True
        ):
            self.length_filter.addItem(label, span)

        self.group_filter = QSpinBox()
        self.group_filter.setRange(0, GROUP_MAX)
        self.group_filter.setSpecialValueText(_("Alle gruppestørrelser"))
        self.group_filter.setSuffix(_(" personer"))
        self.group_filter.setToolTip(_("Vis bare kortene som passer for en gruppe på så mange personer"))

        self.blt_filter = QComboBox()
        self.blt_filter.addItem(_("Alle trinn"), None)
        for stage in BltStage:
            self.blt_filter.addItem(stage.label, stage.value)
        self.blt_filter.setToolTip(_("Trinn i behov – løsning – test (N3)"))

        self.reset_button = QPushButton(_("Nullstill"))
        self.reset_button.setToolTip(_("Tøm søket og vis alle kortene"))
        self.reset_button.clicked.connect(self.reset_filters)

        filters = FlowLayout(spacing=10)
        self._captions: dict[QWidget, QLabel] = {}
        for label, widget in (
            (_("&Fase:"), self.phase_filter),
            (_("&Lengde:"), self.length_filter),
            (_("&Gruppe:"), self.group_filter),
            (_("&Trinn:"), self.blt_filter),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            self._captions[widget] = caption
            pair = QWidget()  # a caption stays beside its filter when the row wraps
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(caption)
            pair_row.addWidget(widget)
            filters.addWidget(pair)
        filters.addWidget(self.reset_button)
        for combo in (self.phase_filter, self.length_filter, self.blt_filter):
            combo.currentIndexChanged.connect(self._refilter)
        self.group_filter.valueChanged.connect(self._refilter)

        self.errors_label = QLabel()
        self.errors_label.setTextFormat(Qt.TextFormat.PlainText)
        self.errors_label.setStyleSheet(WARNING_STYLE)
        self.errors_label.setWordWrap(True)
        if self._broken:
            self.errors_label.setText(
                _("{n} arbeidspakker har feil og vises ikke").format(n=len(self._broken))
                if len(self._broken) != 1
                else _("1 arbeidspakke har feil og vises ikke")
            )
            self.errors_label.setToolTip(
                "\n".join(
                    f"{entry.folder}: " + "; ".join(str(issue) for issue in entry.issues[:3])
                    for entry in self._broken
                )
            )
        self.errors_label.setVisible(bool(self._broken))

        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {MUTED};")
        self.random_button = QPushButton(_("Trekk et tilfeldig kort"))
        self.random_button.setToolTip(_("Velg et tilfeldig kort blant dem som vises"))
        self.random_button.clicked.connect(self.pick_random)
        self.random_button.setObjectName("secondary")
        list_foot = QHBoxLayout()
        list_foot.addWidget(self.count_label, 1)
        list_foot.addWidget(self.random_button)

        self.model = CardListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self._row_delegate = CardDelegate(self.list)
        self._tile_delegate = CardTileDelegate(self.list)
        self.list.setItemDelegate(self._row_delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)  # the hovered card in the grid
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
        self.list.setPalette(palette)
        self._list_palette = QPalette(palette)
        self._grid_palette = QPalette(palette)
        self._grid_palette.setColor(QPalette.ColorRole.Base, QColor(TABLE))
        self.list.setAccessibleName(_("Kort"))
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.doubleClicked.connect(lambda _index: self.activate())
        self.list.installEventFilter(self)
        self.list.viewport().installEventFilter(self)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_foot)

        self.detail = QTextBrowser()
        self.detail.setObjectName("cardDetail")
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.document().setDocumentMargin(18)
        self.detail.anchorClicked.connect(self._link_clicked)
        self.detail.setAccessibleName(_("Valgt kort"))

        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setToolTip(_("Vis kortet stort på veggen"))
        self.wall_button.clicked.connect(self.show_current_on_wall)
        self.wall_button.setObjectName("secondary")
        self.add_button = QPushButton(_("Legg til i tidsplanen"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_current_to_plan)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.wall_button)
        actions.addWidget(self.add_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.splitter, 1)

        self.setStyleSheet(
            f"""
            QPushButton#deckLeft, QPushButton#deckRight, QPushButton#viewLeft, QPushButton#viewRight {{
                padding: 5px 14px; border: 1px solid #9aa6b1; background: white; }}
            QPushButton#deckLeft, QPushButton#viewLeft {{
                border-top-left-radius: 4px; border-bottom-left-radius: 4px; }}
            QPushButton#deckRight, QPushButton#viewRight {{
                border-left: none; border-top-right-radius: 4px; border-bottom-right-radius: 4px; }}
            QPushButton#deckLeft:checked, QPushButton#deckRight:checked,
            QPushButton#viewLeft:checked, QPushButton#viewRight:checked {{
                background: {ACCENT}; color: white; border-color: {ACCENT}; }}
            QPushButton#deckLeft:focus, QPushButton#deckRight:focus,
            QPushButton#viewLeft:focus, QPushButton#viewRight:focus {{ text-decoration: underline; }}
            QTextBrowser#cardDetail {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; }}
            QPushButton#primary, QPushButton#secondary {{ padding: 6px 16px; border-radius: 4px; }}
            QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; }}
            QPushButton#primary:hover {{ background: #174c6f; }}
            QPushButton#secondary {{ background: white; border: 1px solid #9aa6b1; }}
            QPushButton#secondary:hover {{ background: #eef3f7; }}
            QPushButton#primary:disabled, QPushButton#secondary:disabled {{
                background: #eceff2; color: #9aa3ab; border: 1px solid {BORDER}; }}
            QPushButton#primary:focus, QPushButton#secondary:focus {{ border: 2px solid #f0a500; }}
            """
        )

        self.setFocusProxy(self.search)
        QWidget.setTabOrder(self.search, self.methods_button)
        QWidget.setTabOrder(self.methods_button, self.prototypes_button)
        QWidget.setTabOrder(self.prototypes_button, self.list_view_button)
        QWidget.setTabOrder(self.list_view_button, self.grid_view_button)
        QWidget.setTabOrder(self.grid_view_button, self.phase_filter)
        QWidget.setTabOrder(self.phase_filter, self.length_filter)
        QWidget.setTabOrder(self.length_filter, self.group_filter)
        QWidget.setTabOrder(self.group_filter, self.blt_filter)
        QWidget.setTabOrder(self.blt_filter, self.reset_button)
        QWidget.setTabOrder(self.reset_button, self.random_button)
        QWidget.setTabOrder(self.random_button, self.list)
        QWidget.setTabOrder(self.list, self.detail)
        QWidget.setTabOrder(self.detail, self.wall_button)
        QWidget.setTabOrder(self.wall_button, self.add_button)

    # --- public API ---

    @property
    def can_add(self) -> bool:
        """Whether the host has a time plan a method can be added to."""
        return self._can_add

    @can_add.setter
    def can_add(self, value: bool) -> None:
        self._can_add = bool(value)
        self._sync_buttons()

    @property
    def deck(self) -> str:
        """``METHODS`` or ``PROTOTYPES``: which cards the browser shows."""
        return self._deck

    def set_deck(self, deck: str) -> None:
        button = self.methods_button if deck == METHODS else self.prototypes_button
        button.setChecked(True)  # the toggle does the rest

    @property
    def view_mode(self) -> str:
        """``LIST_VIEW`` or ``GRID_VIEW``: the cards as a list, or as playing cards side by side."""
        return self._view_mode

    def set_view_mode(self, mode: str) -> None:
        """Show the cards as a list or as a grid; an unknown mode (an old setting) means the list."""
        button = self.grid_view_button if mode == GRID_VIEW else self.list_view_button
        button.setChecked(True)  # the toggle does the rest

    def visible_cards(self) -> list[tuple[str, str]]:
        """(kit id, card id) of the cards the list shows, in order."""
        return [entry.ids for entry in self.model.entries()]

    def current_card(self) -> Card | None:
        entry = self._current_entry()
        return entry.card if entry else None

    def current_ids(self) -> tuple[str, str] | None:
        """(kit id, card id) of the selected card."""
        entry = self._current_entry()
        return entry.ids if entry else None

    def detail_text(self) -> str:
        """The detail pane as plain text (what a reader sees)."""
        return self.detail.toPlainText()

    def select(self, kit_id: str, card_id: str) -> bool:
        """Select a card, in the deck shown first, else in the other; filters that hide it are cleared.
        False when no such card exists."""
        ids = (kit_id, card_id)
        decks = (self._deck, PROTOTYPES if self._deck == METHODS else METHODS)
        deck = next((d for d in decks if any(e.ids == ids for e in self._entries[d])), None)
        if deck is None:
            return False
        if deck != self._deck:
            self.set_deck(deck)
        if self.model.row_of(ids) < 0:
            self.reset_filters()
        self._set_row(self.model.row_of(ids))
        return True

    def reset_filters(self) -> None:
        """Clear the search and every filter (one refilter, not one per widget)."""
        widgets = (self.search, self.phase_filter, self.length_filter, self.group_filter, self.blt_filter)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.phase_filter, self.length_filter, self.blt_filter):
                combo.setCurrentIndex(0)
            self.group_filter.setValue(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._refilter()

    def pick_random(self) -> None:
        """Select a random card among those shown."""
        count = self.model.rowCount()
        if count:
            self._set_row(self._rng.randrange(count), hint=QAbstractItemView.ScrollHint.PositionAtCenter)
            self.list.setFocus()

    def add_current_to_plan(self) -> None:
        entry = self._current_entry()
        if entry and self._can_add and entry.deck == METHODS:
            self.add_to_plan.emit(entry.kit.id, entry.card.id)

    def show_current_on_wall(self) -> None:
        entry = self._current_entry()
        if entry:
            self.show_on_wall.emit(entry.card.title, wall_sections(entry.card))

    def activate(self) -> None:
        """What Enter on a card does: add it to the time plan when possible, else show it on the wall."""
        entry = self._current_entry()
        if entry is None:
            return
        if self._can_add and entry.deck == METHODS:
            self.add_current_to_plan()
        else:
            self.show_current_on_wall()

    # --- filtering ---

    def _matches(self, entry: CardEntry) -> bool:
        card = entry.card
        terms = norwegian_key(self.search.text()).split()
        if any(term not in entry.search_text for term in terms):
            return False
        span = self.length_filter.currentData()
        if span is not None:
            low, high = span
            if card.minutes < low or (high is not None and card.minutes > high):
                return False
        if isinstance(card, PrototypeCard):
            return True  # phase, group size and stage are method-card facts
        phase = self.phase_filter.currentData()
        if phase is not None and card.phase.value != phase:
            return False
        stage = self.blt_filter.currentData()
        if stage is not None and card.blt.value != stage:
            return False
        size = self.group_filter.value()
        return not size or card.group_min <= size <= card.group_max

    def _refilter(self) -> None:
        keep = self.current_ids() or self._remembered[self._deck]
        entries = [entry for entry in self._entries[self._deck] if self._matches(entry)]
        self.model.set_entries(entries)
        row = self.model.row_of(keep) if keep else -1
        self._set_row(row if row >= 0 else (0 if entries else -1))
        self.count_label.setText(
            _("{shown} av {total} kort").format(shown=len(entries), total=len(self._entries[self._deck]))
        )
        self._sync_buttons()

    def _deck_toggled(self, button: QPushButton, checked: bool) -> None:
        if not checked:
            return
        self._remembered[self._deck] = self.current_ids()
        self._deck = button.property("deck")
        methods = self._deck == METHODS
        for widget in (self.phase_filter, self.group_filter, self.blt_filter):
            widget.setEnabled(methods)
            self._captions[widget].setEnabled(methods)
        self.list.selectionModel().clearCurrentIndex()
        self._refilter()

    def _view_toggled(self, button: QPushButton, checked: bool) -> None:
        if not checked:
            return
        mode = button.property("viewMode")
        if mode == self._view_mode:
            return
        if self.splitter.isVisible():
            self._splitter_sizes[self._view_mode] = self.splitter.sizes()
        self._view_mode = mode
        self._apply_view_mode()
        self.view_mode_changed.emit(mode)

    def _apply_view_mode(self) -> None:
        """Lay the one view out as a list or as a grid; the model, the selection and the keys stay."""
        view = self.list
        grid = self._view_mode == GRID_VIEW
        # setViewMode resets flow, wrapping and movement: set them after it.
        view.setViewMode(QListView.ViewMode.IconMode if grid else QListView.ViewMode.ListMode)
        view.setMovement(QListView.Movement.Static)  # cards are not dragged around
        view.setFlow(QListView.Flow.LeftToRight if grid else QListView.Flow.TopToBottom)
        view.setWrapping(grid)
        view.setResizeMode(QListView.ResizeMode.Adjust if grid else QListView.ResizeMode.Fixed)
        view.setSpacing(6 if grid else 0)
        view.setDragEnabled(False)
        view.setItemDelegate(self._tile_delegate if grid else self._row_delegate)
        view.setPalette(self._grid_palette if grid else self._list_palette)
        view.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if grid else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        # A scroll bar that comes and goes would change the number of columns, and so the height.
        view.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn if grid else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        view.setAccessibleName(_("Kort side om side") if grid else _("Kort"))
        sizes = self._splitter_sizes.get(self._view_mode)
        total = sum(self.splitter.sizes())
        if sizes:
            self.splitter.setSizes(sizes)
        elif grid and total > 0:
            # The grid wants room for two cards or more; the detail pane keeps a readable width.
            left = max(self.splitter.sizes()[0], min(int(total * 0.6), total - 320))
            self.splitter.setSizes([left, total - left])
        self._fit_cards()
        QTimer.singleShot(0, view, self._scroll_to_current)

    def _fit_cards(self) -> None:
        """Widen the grid's cards (all alike, up to a limit) so that the rows fill the view's width."""
        if self._view_mode != GRID_VIEW:
            return
        delegate = self._tile_delegate
        natural = delegate.natural_width(self.list.font())
        spacing = self.list.spacing()
        room = self.list.viewport().width() - spacing
        # Twice the spacing per card: QListView wraps a row a little before the last pixel.
        columns = max(1, room // (natural + 2 * spacing))
        width = min(int(natural * delegate.STRETCH), room // columns - 2 * spacing)
        if width != delegate.card_width:
            delegate.card_width = width
            self.list.doItemsLayout()

    def _scroll_to_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.list.scrollTo(index)

    # --- selection and detail ---

    def _current_entry(self) -> CardEntry | None:
        index = self.list.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _set_row(
        self, row: int, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        selection = self.list.selectionModel()
        if row < 0:
            selection.clear()
            self._show_detail()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index, hint)
        self._show_detail()

    def _in_top_row(self, index: QModelIndex) -> bool:
        """Whether nothing is above ``index`` in the view: the first card of the list, any card of the
        grid's first row."""
        if index.row() <= 0:
            return True
        if self._view_mode != GRID_VIEW:
            return False
        return self.list.visualRect(index).top() <= self.list.visualRect(self.model.index(0, 0)).top()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self._current_entry()
        self._links = []
        if entry is None:
            if not self._entries[self._deck]:
                message = _("Ingen av arbeidspakkene har slike kort.")
            else:
                message = _("Ingen kort passer. Prøv et annet søk, eller nullstill filtrene.")
            self.detail.setHtml(empty_html(message))
        else:
            titles: list[str] = []
            if isinstance(entry.card, MethodCard):
                for other in entry.card.chains_with:
                    chained = entry.kit.method(other)
                    self._links.append((entry.kit.id, other))
                    titles.append(chained.title if chained else other)
            self.detail.setHtml(card_html(entry, titles, show_kit=len(self._kits) > 1))
        self._sync_buttons()

    def _link_clicked(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith("chain-") and fragment[6:].isdigit():
            index = int(fragment[6:])
            if index < len(self._links):
                self.select(*self._links[index])

    def _sync_buttons(self) -> None:
        entry = self._current_entry()
        is_method = self._deck == METHODS
        self.add_button.setEnabled(bool(entry) and is_method and self._can_add)
        self.add_button.setVisible(is_method)  # prototype cards never go into the time plan
        self.add_button.setToolTip(
            _("Legg metoden til som en blokk i tidsplanen (Enter)")
            if self._can_add
            else _("Åpne tidsplanen for en samling for å legge til metoden der")
        )
        self.wall_button.setEnabled(entry is not None)
        self.random_button.setEnabled(self.model.rowCount() > 0)

    def sizeHint(self) -> QSize:
        """Docked, it starts narrow (its rows wrap) and leaves the page beside it the room."""
        return QSize(440, super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._splitter_sizes.clear()  # they were measured the other way
            self.splitter.setSizes([2000, 3000])  # in proportion: the list 2, the card 3

    # --- keyboard ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.list.viewport():
            self._fit_cards()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self.model.rowCount():
                        if not self.list.currentIndex().isValid():
                            self._set_row(0)
                        self.list.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
            elif watched is self.list:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.activate()
                    return True
                if key == Qt.Key.Key_Up and self._in_top_row(self.list.currentIndex()):
                    self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                    return True
        return super().eventFilter(watched, event)
