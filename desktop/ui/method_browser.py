"""The method-card browser: every method card (or prototype card) of the loaded workshop kits, searched and
filtered, one shown like a card, and sent to the time plan or to the wall.

Keyboard: the search field takes the focus first (it is the widget's focus proxy). Down, Enter or Return
there moves into the list; Up on the first card goes back, and Escape in the search field clears it. Enter
on a card (or a double click) adds it to the time plan when the host allows that (``can_add``), and shows
it on the wall otherwise; prototype cards always go to the wall.

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
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
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
from desktop.i18n import _
from desktop.kits.loader import KitEntry

Card = MethodCard | PrototypeCard

METHODS = "methods"
PROTOTYPES = "prototypes"

# The length filter's ranges in minutes, both ends included (None: no upper limit), after "all lengths".
LENGTH_RANGES: tuple[tuple[int, int | None], ...] = ((0, 15), (16, 45), (46, 90), (91, None))
GROUP_MAX = 999  # the group-size spin box's top; 0 is its "all group sizes"

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1

ACCENT = "#1d5f8a"
MUTED = "#5b6670"
HEADING = "#24313d"
BORDER = "#d3d9df"
WARNING_STYLE = "color: #8a3b00;"


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
    return "\n".join(parts).casefold()


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


def wall_sections(card: Card) -> list[tuple[str, str]]:
    """The (heading, text) sections a card shows on the wall; empty ones are left out."""
    if isinstance(card, MethodCard):
        steps = "\n".join(
            _("{number}. {text} ({minutes})").format(
                number=number, text=step.text, minutes=minutes_text(step.minutes)
            )
            for number, step in enumerate(card.steps, 1)
        )
        tips = card.tips
        extra: list[tuple[str, str]] = []
    else:
        steps = "\n".join(f"{number}. {text}" for number, text in enumerate(card.how_to, 1))
        tips = ()
        extra = [(_("Egner seg for"), card.good_for)]
    sections = [
        (_("Hensikt"), card.purpose),
        (_("Slik gjør dere"), steps),
        (_("Materiell"), ", ".join(card.materials)),
        (_("Tips"), "\n".join(f"• {tip}" for tip in tips)),
        *extra,
    ]
    return [(heading, text) for heading, text in sections if text]


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


# --- the browser ----------------------------------------------------------------------------------------


class MethodBrowser(QWidget):
    """Browse the method cards (or prototype cards) of ``kits``; kits that failed to load are skipped and
    counted in a warning line. ``can_add`` (set by the host) enables "Legg til i tidsplanen"."""

    add_to_plan = Signal(str, str)  # kit id, method id
    show_on_wall = Signal(str, list)  # title, [(heading, text), ...]

    def __init__(
        self, kits: Sequence[KitEntry], rng: random.Random | None = None, parent: QWidget | None = None
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
        self._build()
        self._refilter()

    # --- building ---

    def _build(self) -> None:
        self.methods_button = QPushButton(_("Metodekort"))
        self.prototypes_button = QPushButton(_("Prototypekort"))
        self._deck_buttons = QButtonGroup(self)
        deck_row = QHBoxLayout()
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
        top = QHBoxLayout()
        top.addLayout(deck_row)
        top.addSpacing(12)
        top.addWidget(self.search, 1)

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

        filters = QHBoxLayout()
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
            filters.addWidget(caption)
            filters.addWidget(widget)
            filters.addSpacing(10)
        filters.addStretch(1)
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
                _("{n} arbeidspakke(r) har feil og vises ikke").format(n=len(self._broken))
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
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
        self.list.setPalette(palette)
        self.list.setAccessibleName(_("Kort"))
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.doubleClicked.connect(lambda _index: self.activate())
        self.list.installEventFilter(self)
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
        self.wall_button.setToolTip(_("Vis kortet stort på skjermen i rommet"))
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
            QPushButton#deckLeft, QPushButton#deckRight {{
                padding: 5px 14px; border: 1px solid #9aa6b1; background: white; }}
            QPushButton#deckLeft {{ border-top-left-radius: 4px; border-bottom-left-radius: 4px; }}
            QPushButton#deckRight {{
                border-left: none; border-top-right-radius: 4px; border-bottom-right-radius: 4px; }}
            QPushButton#deckLeft:checked, QPushButton#deckRight:checked {{
                background: {ACCENT}; color: white; border-color: {ACCENT}; }}
            QPushButton#deckLeft:focus, QPushButton#deckRight:focus {{ text-decoration: underline; }}
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
        QWidget.setTabOrder(self.prototypes_button, self.phase_filter)
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
            self._set_row(self._rng.randrange(count))
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
        terms = self.search.text().casefold().split()
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

    # --- selection and detail ---

    def _current_entry(self) -> CardEntry | None:
        index = self.list.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _set_row(self, row: int) -> None:
        selection = self.list.selectionModel()
        if row < 0:
            selection.clear()
            self._show_detail()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
        self._show_detail()

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

    # --- keyboard ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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
                if key == Qt.Key.Key_Up and self.list.currentIndex().row() <= 0:
                    self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                    return True
        return super().eventFilter(watched, event)
