"""The "Prototyper" tab of a leader group: the group's prototypes, and the behov – løsning – test card of the
one chosen, round by round.

Left, the prototypes (drafts marked); right, the chosen one: name, kind (a card from the kit's prototyping
deck, or "Annen"), the idea it comes from, a warning while it is a draft, the rounds as tabs (every round can
be read and corrected; the last one is the one being tested), the BLT fields, the decision and the test date.
Every edit is one undoable ``PrototypeCommand``; text is stored when the field is left or on Ctrl+Enter, and
only when it changed. ``new_prototype`` is the dialog the idea board's "Lag prototype" uses.
"""

from __future__ import annotations

import textwrap
import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import prototypes as proto
from desktop.domain.prototypes import Decision, Iteration, Prototype, Status, field_label
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services import ideas, prototypes
from desktop.ui.commands import DeleteCommand, NewPrototypeCommand, PrototypeCommand
from desktop.ui.projection import WallSection
from desktop.ui.widgets import (
    ID_ROLE,
    NO_DATE,
    FieldEdit,
    FieldErrors,
    FormDialog,
    TextField,
    bold,
    local_shortcut,
    remember_splitter,
)

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

TITLE_FROM_IDEA = 50  # characters of the idea text a new prototype's default name keeps

WARNING_COLOUR = "#8a3b00"
DRAFT_BANNER = (
    "background: #fff4e5; color: #8a3b00; border: 1px solid #f0b46b; border-radius: 4px;"
    " padding: 8px 12px; font-weight: 600;"
)
MESSAGE_STYLE = "color: #b00020; font-weight: 600;"
MISSING_FIELD = "QPlainTextEdit { border: 2px solid #f0b46b; border-radius: 3px; }"
MUTED_STYLE = "color: #5b6670;"
DECISION_COLOURS = {Decision.CONTINUE: "#2e7d32", Decision.ADJUST: "#9a5b00", Decision.STOP: "#b00020"}

# The round's fields, as the panel lays them out: (left column, right column) per row of a section.
PLAN_ROWS = (("need", "solution"), ("assumption", "success_criteria"))
PLACE_FIELDS = ("with_whom", "place", "timing")
AFTER_ROWS = (("result", "learning"),)


def _placeholder(name: str) -> str:
    return {
        "need": _("Hvilket behov hos brukeren skal løsningen møte?"),
        "solution": _("Hva prøver vi ut?"),
        "assumption": _("Hva tror vi er sant, som testen skal vise om stemmer?"),
        "with_whom": _("for eksempel: tre brukere og en saksbehandler"),
        "place": _("for eksempel: i resepsjonen"),
        "timing": _("for eksempel: uke 12"),
        "success_criteria": _("Hva må vi se for å si at det virket?"),
        "result": _("Hva skjedde da vi testet?"),
        "learning": _("Hva lærte vi? Hva gjør vi annerledes?"),
    }[name]


def short_title(idea_text: str) -> str:
    """A new prototype's default name: the idea's text, shortened at a word."""
    text = " ".join(idea_text.split())
    return textwrap.shorten(text, width=TITLE_FROM_IDEA, placeholder=" …") if text else ""


def rounds_text(n: int) -> str:
    return _("1 runde") if n == 1 else _("{n} runder").format(n=n)


def missing_text(iteration: Iteration) -> str:
    """«behov og antakelse», «antakelse», or "" when nothing a draft needs is missing."""
    return missing_words([name for name in proto.REQUIRED if not getattr(iteration, name).strip()])


def missing_words(names: list[str]) -> str:
    words = {"need": _("behov"), "assumption": _("antakelse")}
    missing = [words[name] for name in names]
    if len(missing) == 2:
        return _("{first} og {second}").format(first=missing[0], second=missing[1])
    return missing[0] if missing else ""


def blt_sections(prototype: Prototype, iteration: Iteration) -> list[WallSection]:
    """The sections of a round's BLT card on the wall; need and assumption always show."""
    not_yet = _("(ikke fylt ut ennå)")
    need = field_label("need")
    if len(prototype.iterations) > 1:  # the room sees which round it is
        number = prototype.iterations.index(iteration) + 1
        need = _("{label} · runde {n} av {total}").format(
            label=need, n=number, total=len(prototype.iterations)
        )
    where = " · ".join(getattr(iteration, name) for name in PLACE_FIELDS if getattr(iteration, name))
    sections = [
        (need, iteration.need or not_yet),
        (field_label("solution"), iteration.solution),
        (field_label("assumption"), iteration.assumption or not_yet),
        (_("Med hvem, hvor og når"), where),
        (field_label("success_criteria"), iteration.success_criteria),
        (field_label("result"), iteration.result),
        (field_label("learning"), iteration.learning),
        (_("Beslutning"), iteration.decision.label if iteration.decision else ""),
    ]
    return [WallSection(heading, text) for heading, text in sections if text]


# --- the kind (a card of the prototyping deck) ------------------------------------------------------------


def prototype_cards(context: AppContext) -> list[tuple[object, object]]:
    """(kit, card) for every card of the loaded kits' prototyping decks (a kit id once: the one in use)."""
    result = []
    seen: set[str] = set()
    for entry in context.kits():
        if entry.kit is None or entry.kit.id in seen:
            continue
        seen.add(entry.kit.id)
        kit = context.kit(entry.kit.id) or entry.kit
        result.extend((kit, card) for card in kit.prototypes)
    return result


def find_card(context: AppContext, kit_id: str | None, card_id: str | None):
    if kit_id is None or card_id is None:
        return None
    kit = context.kit(kit_id)
    return next((c for c in kit.prototypes if c.id == card_id), None) if kit is not None else None


class KindCombo(QComboBox):
    """The prototyping deck's cards and «Annen»; a kind whose card is no longer in a kit stays listed."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self._kinds: list[tuple[str | None, str | None]] = []
        self.setAccessibleName(_("Type prototype"))

    def set_kind(self, kit_id: str | None, card_id: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        self._kinds = []
        cards = prototype_cards(self._context)
        several = len({kit.id for kit, _card in cards}) > 1
        for kit, card in cards:
            self.addItem(f"{card.title} ({kit.name})" if several else card.title)
            self._kinds.append((kit.id, card.id))
        if card_id is not None and (kit_id, card_id) not in self._kinds:
            self.addItem(_("{card} (finnes ikke i arbeidspakken lenger)").format(card=card_id))
            self._kinds.append((kit_id, card_id))
        self.addItem(_("Annen"))
        self._kinds.append((None, None))
        key = (kit_id, card_id) if card_id is not None else (None, None)
        self.setCurrentIndex(self._kinds.index(key))
        self.blockSignals(False)

    def kind(self) -> tuple[str | None, str | None]:
        index = self.currentIndex()
        return self._kinds[index] if 0 <= index < len(self._kinds) else (None, None)


# --- a new prototype --------------------------------------------------------------------------------------


def _ask_new(
    parent: QWidget,
    context: AppContext,
    actions,
    group_id: uuid.UUID,
    choices: list[tuple[uuid.UUID, str]],
    idea_id: uuid.UUID,
) -> uuid.UUID | None:
    dialog = FormDialog(parent, _("Ny prototype"))
    texts = dict(choices)
    if len(choices) == 1:
        shown = QLabel(texts[idea_id])
        shown.setTextFormat(Qt.TextFormat.PlainText)  # what was typed, <b> and &amp; too
        shown.setWordWrap(True)
        idea = dialog.add(_("Fra idéen"), shown, "idea")
    else:
        idea = dialog.add(_("Fra idéen"), QComboBox(), "idea")
        for choice_id, text in choices:
            idea.addItem(short_title(text) or _("(uten tekst)"), choice_id)
        idea.setCurrentIndex(next(i for i, (c, _t) in enumerate(choices) if c == idea_id))
    title = dialog.add(_("Navn"), QLineEdit(short_title(texts[idea_id])), "title")
    if isinstance(idea, QComboBox):
        idea.currentIndexChanged.connect(
            lambda i: (
                title.setText(short_title(choices[i][1]))
                if title.text() in {short_title(t) for _c, t in choices}
                else None
            )
        )
    kind = dialog.add(_("Type prototype"), KindCombo(context), "kind")
    kind.set_kind(None, None)
    need = QPlainTextEdit()
    need.setPlaceholderText(_("Kan fylles ut senere"))
    need.setTabChangesFocus(True)
    need.setMaximumHeight(90)
    dialog.add(_("Behov"), need, "need")

    def command() -> NewPrototypeCommand:
        chosen = idea.currentData() if isinstance(idea, QComboBox) else idea_id
        kit_id, card_id = kind.kind()
        prototype = proto.new_prototype(chosen, title.text(), kit_id, card_id, need.toPlainText())
        return NewPrototypeCommand(
            _("Ny prototype «{title}»").format(title=prototype.title), group_id, prototype
        )

    stored = actions.run_dialog(dialog, command)
    return stored.prototype.id if stored is not None else None


def new_prototype(
    parent: QWidget,
    context: AppContext,
    actions,
    group_id: uuid.UUID,
    idea_id: uuid.UUID,
    idea_text: str,
) -> uuid.UUID | None:
    """Ask for a name (the idea's text, shortened) and a kind, then make a prototype of the idea (which
    becomes chosen), undoably. Returns the new prototype's id, or None when cancelled."""
    return _ask_new(parent, context, actions, group_id, [(idea_id, idea_text)], idea_id)


# --- the editors ------------------------------------------------------------------------------------------


class LineField(FieldEdit):
    commit = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.editingFinished.connect(self.commit.emit)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name, so forms treat every field alike
        super().setText(text)
        self.setCursorPosition(0)  # show the beginning of a long text, not its end


def _column_form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the label above its field
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setContentsMargins(0, 0, 0, 0)
    form.setVerticalSpacing(4)
    return form


# --- the panel --------------------------------------------------------------------------------------------


class PrototypePanel(QWidget):
    def __init__(self, context: AppContext, actions) -> None:
        super().__init__()
        self.context = context
        self.actions = actions
        self.group_id: uuid.UUID | None = None
        self.prototype_id: uuid.UUID | None = None
        self.iteration_id: uuid.UUID | None = None
        self.prototype: Prototype | None = None  # as loaded and shown
        self._known: set[uuid.UUID] | None = None  # the group's prototypes at the last refresh
        self._shown: dict[str, str] = {}  # what each field was last filled with
        self._loading = False
        self._filled: tuple[uuid.UUID, uuid.UUID] | None = None  # the prototype and round in the fields

        # Left: the group's prototypes.
        self.list = QListWidget()
        self.list.setAccessibleName(_("Prototyper"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._current_item_changed)
        local_shortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_prototype)
        local_shortcut(Qt.Key.Key_Insert, self.list, self.new_from_idea)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.list, lambda: self.edits["need"].setFocus())
        self.new_button = QPushButton(_("Ny prototype …"))
        self.new_button.setToolTip(_("Lag en prototype av en av ledergruppens idéer (Insert i listen)"))
        self.new_button.clicked.connect(self.new_from_idea)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(bold(QLabel(_("Ledergruppens prototyper"))))
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        # Right: the chosen prototype.
        self.errors = FieldErrors()
        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = FieldEdit()
        self.title_edit.setAccessibleName(_("Navn på prototypen"))
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_edit.setFont(font)
        self.title_edit.editingFinished.connect(self._commit_title)
        self.errors.add_row(head, _("Navn"), self.title_edit, "title")
        self.kind = KindCombo(context)
        self.kind.activated.connect(lambda _i: self._commit_kind())
        self.card_button = QPushButton(_("Vis kortet på veggen"))
        self.card_button.setToolTip(_("Prototypekortet for denne typen, stort på veggen"))
        self.card_button.clicked.connect(self.show_card_on_wall)
        kind_row = QWidget()
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.kind, 1)
        kind_layout.addWidget(self.card_button)
        self.errors.add_row(head, _("Type"), kind_row, "kind")
        self.idea_label = QLabel()
        self.idea_label.setTextFormat(Qt.TextFormat.PlainText)
        self.idea_label.setWordWrap(True)
        self.idea_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addRow(_("Fra idéen"), self.idea_label)

        self.draft_warning = QLabel()
        self.draft_warning.setStyleSheet(DRAFT_BANNER)
        self.draft_warning.setWordWrap(True)

        self.rounds = QTabBar()
        self.rounds.setAccessibleName(_("Runder"))
        self.rounds.setDrawBase(False)
        self.rounds.setExpanding(False)
        self.rounds.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rounds.currentChanged.connect(self._round_chosen)
        self.next_button = QPushButton(_("Ny runde"))
        self.next_button.setToolTip(_("Test igjen: planen tas med, resultat og læring starter tomme"))
        self.next_button.clicked.connect(self.next_round)
        self.remove_round_button = QPushButton(_("Slett runde"))
        self.remove_round_button.setToolTip(_("Slett runden som vises (kan angres)"))
        self.remove_round_button.clicked.connect(self.remove_round)
        rounds_row = QHBoxLayout()
        rounds_row.addWidget(bold(QLabel(_("Runder:"))))
        rounds_row.addWidget(self.rounds)
        rounds_row.addStretch(1)
        rounds_row.addWidget(self.next_button)
        rounds_row.addWidget(self.remove_round_button)
        self.round_note = QLabel()
        self.round_note.setStyleSheet(MUTED_STYLE)
        self.round_note.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.edits: dict[str, TextField | LineField] = {}
        body = QVBoxLayout()
        body.addLayout(head)
        body.addWidget(self.draft_warning)
        body.addLayout(rounds_row)
        body.addWidget(self.round_note)
        body.addWidget(self.message)
        body.addWidget(self._section(_("Behov og løsning – hva vi tester")))
        body.addLayout(self._rows(PLAN_ROWS))
        place_row = QHBoxLayout()
        for name in PLACE_FIELDS:
            form = _column_form()
            self._add_field(form, name, LineField())
            place_row.addLayout(form, 1)
        body.addLayout(place_row)
        body.addWidget(self._section(_("Etter testen")))
        body.addLayout(self._rows(AFTER_ROWS))
        body.addLayout(self._decision_row())
        body.addStretch(1)

        self.blt_button = QPushButton(_("Vis prototypen på veggen"))
        self.blt_button.setToolTip(
            _("Behov, løsning, antakelse og plan for runden som vises, stort på veggen")
        )
        self.blt_button.clicked.connect(self.show_prototype_on_wall)
        self.delete_button = QPushButton(_("Slett prototype …"))
        self.delete_button.clicked.connect(self.delete_prototype)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.blt_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.delete_button)

        inner = QWidget()
        inner.setLayout(body)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the frame
        self.scroll.setWidget(inner)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.scroll, 1)
        detail_layout.addLayout(actions_row)
        self.empty = QLabel(
            _(
                "Ingen prototyper ennå for denne ledergruppen. Velg en idé under «Idéer» og trykk "
                "«Lag prototype», eller bruk «Ny prototype …»."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(MUTED_STYLE)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty, 1)
        right_layout.addWidget(self.detail, 1)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])  # the fields need the room on a 1280-wide laptop
        remember_splitter(splitter, context.settings, "prototypes/list")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.list)
        self._show(None)

        context.changed.connect(self._changed)
        self._stack_index = context.undo_stack.index()
        context.undo_stack.indexChanged.connect(self._stack_moved)

    # --- building ---------------------------------------------------------------------------------------

    def _section(self, text: str) -> QLabel:
        label = bold(QLabel(text), 1.15)
        label.setContentsMargins(0, 10, 0, 0)
        return label

    def _add_field(self, form: QFormLayout, name: str, edit) -> None:
        edit.setPlaceholderText(_placeholder(name))
        edit.setAccessibleName(field_label(name))
        edit.commit.connect(lambda: self._commit_text(name))
        self.edits[name] = edit
        self.errors.add_row(form, field_label(name), edit, name)

    def _rows(self, rows) -> QVBoxLayout:
        box = QVBoxLayout()
        for names in rows:
            row = QHBoxLayout()
            row.setSpacing(16)
            for name in names:
                form = _column_form()
                self._add_field(form, name, TextField(5, grow=True, scale=1.1, min_lines=3))
                row.addLayout(form, 1)
            box.addLayout(row)
        return box

    def _decision_row(self) -> QVBoxLayout:
        """The decision buttons, and under them the test date (two rows: it fits a 1280-wide laptop)."""
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)
        row.addWidget(bold(QLabel(_("Beslutning:"))))
        self.decision_buttons: dict[Decision, QPushButton] = {}
        self._decision_group = QButtonGroup(self)
        self._decision_group.setExclusive(False)  # a second press takes the decision back
        for decision in Decision:
            button = QPushButton(decision.label)
            button.setCheckable(True)
            button.setMinimumWidth(96)
            colour = DECISION_COLOURS[decision]
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {colour}; color: white; font-weight: 600;"
                f" border: 1px solid {colour}; border-radius: 4px; padding: 5px 12px; }}"
            )
            button.clicked.connect(lambda checked, d=decision: self._commit_decision(d if checked else None))
            self._decision_group.addButton(button)
            self.decision_buttons[decision] = button
            row.addWidget(button)
        row.addStretch(1)
        row = QHBoxLayout()
        rows.addLayout(row)
        row.addWidget(bold(QLabel(_("Testet dato:"))))
        self.tested = QDateEdit()
        self.tested.setCalendarPopup(True)
        self.tested.setDisplayFormat("dd.MM.yyyy")
        self.tested.setMinimumDate(NO_DATE)
        self.tested.setSpecialValueText(_("ikke testet"))
        self.tested.setAccessibleName(_("Testet dato"))
        self.tested.setMinimumWidth(130)
        self.tested.editingFinished.connect(self._commit_date)
        row.addWidget(self.tested)
        today = QPushButton(_("I dag"))
        today.clicked.connect(lambda: self._commit_tested(date.today()))
        clear = QPushButton(_("Fjern dato"))
        clear.clicked.connect(lambda: self._commit_tested(None))
        row.addWidget(today)
        row.addWidget(clear)
        row.addStretch(1)
        return rows

    # --- loading ----------------------------------------------------------------------------------------

    def set_group(self, group_id: uuid.UUID) -> None:
        """Show ``group_id``'s prototypes (read while the tab is shown)."""
        if group_id != self.group_id:
            self.commit_pending()
            self.prototype_id = None
            self.iteration_id = None
            self.prototype = None
            self._known = None
        self.group_id = group_id
        if self.isVisible():
            self.refresh()

    def show_prototype(self, prototype_id: uuid.UUID) -> None:
        """Select a prototype (the idea board uses this after "Lag prototype")."""
        self.commit_pending()
        self.prototype_id = prototype_id
        self.iteration_id = None
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.group_id is not None:
            self.refresh()

    def _changed(self) -> None:
        if self.group_id is not None and self.isVisible():
            self.refresh()

    def _stack_moved(self, index: int) -> None:
        """Undo or redo of a prototype edit shows the prototype it changed."""
        stack = self.context.undo_stack
        touched = stack.command(index) if index < self._stack_index else stack.command(index - 1)
        self._stack_index = index
        if isinstance(touched, PrototypeCommand):
            prototype_id = touched.key
        elif isinstance(touched, NewPrototypeCommand):
            prototype_id = touched.prototype.id
        else:
            return
        if prototype_id != self.prototype_id and self._known and prototype_id in self._known:
            self.prototype_id = prototype_id
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        if self.group_id is None:
            return
        summaries = prototypes.prototypes_of_group(self.context.db, self.group_id)
        ids = [s.id for s in summaries]
        if self._known is not None:
            appeared = set(ids) - self._known
            if len(appeared) == 1:  # just made, or brought back by undo: show it
                self.prototype_id = appeared.pop()
        self._known = set(ids)
        if self.prototype_id not in ids:
            row = self.list.currentRow()
            self.prototype_id = ids[min(max(row, 0), len(ids) - 1)] if ids else None
        self._fill_list(summaries)
        self._show(self.prototype_id)

    def _fill_list(self, summaries) -> None:
        self.list.blockSignals(True)
        if [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())] != [s.id for s in summaries]:
            self.list.clear()
            for s in summaries:
                item = QListWidgetItem()
                item.setData(ID_ROLE, s.id)
                self.list.addItem(item)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, s in enumerate(summaries):
            item = self.list.item(row)
            idea = short_title(s.idea_text)
            lines = [s.title]
            if idea and idea != short_title(s.title):  # a name that is the idea itself is not said twice
                lines.append(_("Idé: {idea}").format(idea=idea))
            lines.append(f"{s.status.label} · {rounds_text(s.rounds)}")
            item.setText("\n".join(lines))
            draft = s.status is Status.DRAFT
            item.setIcon(warning if draft else self._blank_icon())
            item.setForeground(QColor(WARNING_COLOUR) if draft else self.palette().text())
            labels = {field_label(name): name for name in proto.REQUIRED}
            what = missing_words([labels[m] for m in s.missing if m in labels])
            item.setToolTip(_("Utkast: mangler {what}").format(what=what) if draft else s.status.label)
            if s.id == self.prototype_id:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _blank_icon(self) -> QIcon:
        """An empty icon the warning's size, so the titles of drafts and the rest line up."""
        size = self.list.iconSize()
        size = size if size.isValid() else QSize(16, 16)
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        return QIcon(pixmap)

    def _show(self, prototype_id: uuid.UUID | None) -> None:
        old = self.prototype
        self.prototype_id = prototype_id
        self.prototype = prototypes.load_prototype(self.context.db, prototype_id) if prototype_id else None
        has = self.prototype is not None
        self.detail.setVisible(has)
        self.empty.setVisible(not has)
        self.message.hide()
        if not has:
            self.iteration_id = None
            self._filled = None
            return
        p = self.prototype
        same = old is not None and old.id == p.id
        self.iteration_id = _round_to_show(old if same else None, p, self.iteration_id)
        fresh = self._filled != (p.id, self.iteration_id)  # another prototype or round: replace all text
        self._loading = True
        try:
            self._fill(p, fresh)
        finally:
            self._loading = False

    def _fill(self, p: Prototype, fresh: bool) -> None:
        it = p.iteration(self.iteration_id)
        self._filled = (p.id, it.id)
        number = next(n for n, r in enumerate(p.iterations, 1) if r.id == it.id)
        if self.title_edit.text() != p.title and not (
            self.title_edit.hasFocus() and self.title_edit.isModified()
        ):
            self.title_edit.setText(p.title)
        self.kind.set_kind(p.kit_id, p.card_id)
        self.card_button.setEnabled(find_card(self.context, p.kit_id, p.card_id) is not None)
        board = ideas.load_board(self.context.db, self.group_id)
        idea = next((i for i in board.ideas if i.id == p.idea_id), None)
        self.idea_label.setText(idea.text if idea is not None else _("(idéen finnes ikke lenger)"))

        missing = missing_text(it)
        self.draft_warning.setVisible(bool(missing))
        self.draft_warning.setText(
            "⚠ "
            + _("Utkast: mangler {what}. Prototypen er lagret, men er ikke klar til å testes.").format(
                what=missing
            )
        )
        self.rounds.blockSignals(True)
        while self.rounds.count() > len(p.iterations):
            self.rounds.removeTab(self.rounds.count() - 1)
        while self.rounds.count() < len(p.iterations):
            self.rounds.addTab("")
        for n, r in enumerate(p.iterations, 1):
            self.rounds.setTabText(n - 1, _("Runde {n}").format(n=n))
            self.rounds.setTabToolTip(n - 1, r.status.label)
        self.rounds.setCurrentIndex(number - 1)
        self.rounds.blockSignals(False)
        last = number == len(p.iterations)
        note = (
            _("Runde {n} av {total} · {status}")
            if last
            else _(
                "Runde {n} av {total} · {status} · en tidligere runde (historikk); den siste er runde {total}"
            )
        )
        self.round_note.setText(note.format(n=number, total=len(p.iterations), status=it.status.label))
        self.remove_round_button.setEnabled(len(p.iterations) > 1)

        for name, edit in self.edits.items():
            self._put(name, edit, getattr(it, name), fresh)
            if name in proto.REQUIRED:
                edit.setStyleSheet(MISSING_FIELD if not getattr(it, name).strip() else "")
        for decision, button in self.decision_buttons.items():
            button.setChecked(it.decision is decision)
        tested = it.tested_on
        self.tested.setDate(QDate(tested.year, tested.month, tested.day) if tested else NO_DATE)

    def _put(self, name: str, edit, value: str, fresh: bool) -> None:
        """Fill a field with the stored ``value``, but keep text being typed into it (the field has focus
        and its text is not what it was last filled with)."""
        text = edit.text()
        if fresh:
            if text != value:
                edit.setText(value)
            self._shown[name] = value
        elif text.strip() == value:
            self._shown[name] = text  # already says it (perhaps with a trailing space): keep the cursor
        elif not (edit.hasFocus() and text != self._shown.get(name)):
            edit.setText(value)
            self._shown[name] = value

    def _round_chosen(self, index: int) -> None:
        if self._loading or self.prototype is None or not 0 <= index < len(self.prototype.iterations):
            return
        self.commit_pending()
        if self.prototype is None or index >= len(self.prototype.iterations):
            return
        self.iteration_id = self.prototype.iterations[index].id
        self._loading = True
        try:
            self._fill(self.prototype, fresh=True)
        finally:
            self._loading = False

    def _current_item_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is None or self._loading:
            return
        prototype_id = item.data(ID_ROLE)
        if prototype_id == self.prototype_id:
            return
        self.commit_pending()
        self.iteration_id = None
        self._show(prototype_id)

    # --- editing ----------------------------------------------------------------------------------------

    def current_round(self) -> Iteration | None:
        if self.prototype is None or self.iteration_id is None:
            return None
        return self.prototype.iteration(self.iteration_id)

    def commit_pending(self) -> None:
        """Store typed text not yet stored (before the panel shows another prototype or round)."""
        if self.prototype is None or self._loading:
            return
        self._commit_title()
        for name in self.edits:
            self._commit_text(name)

    def _perform(self, text: str, operation) -> bool:
        if self.prototype is None:
            return False
        self.message.hide()
        return self.context.perform(PrototypeCommand(text, self.prototype.id, operation), self.errors)

    def _commit_text(self, name: str) -> None:
        it = self.current_round()
        if self._loading or it is None:
            return
        text = self.edits[name].text().strip()
        if text == getattr(it, name):
            return
        round_id = it.id
        self._perform(
            _("Endre «{field}» i «{title}»").format(field=field_label(name), title=self.prototype.title),
            lambda p: proto.edit_iteration(p, round_id, **{name: text}),
        )

    def _commit_title(self) -> None:
        if self._loading or self.prototype is None:
            return
        title = " ".join(self.title_edit.text().split())
        if title == self.prototype.title:
            return
        self._perform(
            _("Gi prototypen nytt navn «{title}»").format(title=title), lambda p: proto.rename(p, title)
        )

    def _commit_kind(self) -> None:
        if self._loading or self.prototype is None:
            return
        kit_id, card_id = self.kind.kind()
        if (kit_id, card_id) == (self.prototype.kit_id, self.prototype.card_id):
            return
        self._perform(
            _("Endre type for «{title}»").format(title=self.prototype.title),
            lambda p: proto.set_kind(p, kit_id, card_id),
        )
        self.card_button.setEnabled(find_card(self.context, *self.kind.kind()) is not None)

    def _commit_decision(self, decision: Decision | None) -> None:
        it = self.current_round()
        if self._loading or it is None:
            return
        round_id = it.id
        if decision != it.decision:
            self._perform(
                _("Beslutning for «{title}»: {decision}").format(
                    title=self.prototype.title, decision=decision.label if decision else _("ingen")
                ),
                lambda p: proto.edit_iteration(p, round_id, decision=decision),
            )
        it = self.current_round()
        for d, button in self.decision_buttons.items():  # also when refused: show what is stored
            button.setChecked(it is not None and it.decision is d)

    def _commit_date(self) -> None:
        q = self.tested.date()
        self._commit_tested(None if q == NO_DATE else date(q.year(), q.month(), q.day()))

    def _commit_tested(self, day: date | None) -> None:
        it = self.current_round()
        if self._loading or it is None or day == it.tested_on:
            return
        round_id = it.id
        self._perform(
            _("Testet dato for «{title}»").format(title=self.prototype.title),
            lambda p: proto.edit_iteration(p, round_id, tested_on=day),
        )

    def set_field(self, name: str, text: str) -> None:
        """Type ``text`` into a field and store it, as leaving the field does."""
        self.edits[name].setText(text)
        self._commit_text(name)

    def next_round(self) -> bool:
        """A new round from the last one; a stopped prototype says why it gets none (no dialog)."""
        self.commit_pending()
        if self.prototype is None:
            return False
        round_id = uuid.uuid4()
        try:
            proto.next_iteration(self.prototype, round_id)
        except ValidationError as exc:
            self._say(exc.message)
            return False
        self.iteration_id = round_id
        return self._perform(
            _("Ny runde for «{title}»").format(title=self.prototype.title),
            lambda p: proto.next_iteration(p, round_id),
        )

    def remove_round(self) -> bool:
        it = self.current_round()
        if it is None:
            return False
        number = self.prototype.iterations.index(it) + 1
        try:
            proto.remove_iteration(self.prototype, it.id)
        except ValidationError as exc:
            self._say(exc.message)
            return False
        round_id = it.id
        done = self._perform(
            _("Slett runde {n} av «{title}»").format(n=number, title=self.prototype.title),
            lambda p: proto.remove_iteration(p, round_id),
        )
        if done:
            self.context.notice.emit(_("Runde {n} er slettet. Du kan angre med Ctrl+Z.").format(n=number))
        return done

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.context.notice.emit(message)

    def new_from_idea(self) -> uuid.UUID | None:
        """A new prototype of one of the group's ideas (chosen ideas first)."""
        if self.group_id is None:
            return None
        board = ideas.load_board(self.context.db, self.group_id)
        if not board.ideas:
            message = _("Ledergruppen har ingen idéer ennå. Skriv idéer under «Idéer» først.")
            if self.prototype is None:
                self.empty.setText(message)  # where the facilitator looks; no form without a prototype
            else:
                self._say(message)
            return None
        ordered = sorted(board.ideas, key=lambda i: not i.chosen)
        choices = [(i.id, i.text) for i in ordered]
        made = _ask_new(self, self.context, self.actions, self.group_id, choices, choices[0][0])
        if made is not None:
            self.show_prototype(made)
        return made

    def delete_prototype(self) -> bool:
        from desktop.ui.context import ask

        if self.prototype is None:
            return False
        p = self.prototype
        if not ask(
            self,
            _("Slette prototypen?"),
            _("Slette «{title}» med {rounds}? Du kan angre med Ctrl+Z.").format(
                title=p.title, rounds=rounds_text(len(p.iterations))
            ),
        ):
            return False
        prototype_id = p.id
        return self.context.perform(
            DeleteCommand(
                _("Slett prototype «{title}»").format(title=p.title),
                lambda db: prototypes.delete_prototype(db, prototype_id),
            )
        )

    # --- the wall ---------------------------------------------------------------------------------------

    def show_card_on_wall(self) -> bool:
        """The kind's prototype card, large on the projector."""
        from desktop.ui.method_browser import wall_sections

        if self.prototype is None:
            return False
        card = find_card(self.context, self.prototype.kit_id, self.prototype.card_id)
        runner = self.context.runner
        if card is None or runner is None:
            return False
        runner.show_card(card.title, wall_sections(card))
        return True

    def show_prototype_on_wall(self) -> bool:
        """The BLT card of the round shown: need, solution, assumption, with whom/where/when, criteria."""
        it = self.current_round()
        runner = self.context.runner
        if it is None or runner is None:
            return False
        runner.show_card(self.prototype.title, blt_sections(self.prototype, it))
        return True


def _round_to_show(old: Prototype | None, new: Prototype, shown: uuid.UUID | None) -> uuid.UUID:
    """After a change, the round that changed (a new round, one brought back, one undone), unless the round
    shown changed itself; else the round shown if it is still there; else the last."""
    ids = [it.id for it in new.iterations]
    if old is not None:
        before = {it.id: it for it in old.iterations}
        changed = [it.id for it in new.iterations if before.get(it.id) != it]
        if changed and shown not in changed:
            return changed[-1]
    return shown if shown in ids else ids[-1]
