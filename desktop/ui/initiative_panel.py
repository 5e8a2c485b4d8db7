"""The "Tiltak og gevinster" tab of a leader group: its innovation initiatives and their benefit plans.

Left, the group's initiatives (every leader group delivers at least one: an empty list says so); right, the
chosen one's fields, each stored when it is left as one undoable edit; under them the benefit plan
(gevinstrealiseringsplan): the benefits with what is realised of each (computed, never typed), and for the
chosen benefit its measurements and a chart that can be put on the wall. New benefits and measurements are
asked for in dialogs; a refusal (a target equal to the baseline, a measurement before the baseline) is
shown at its field and nothing is stored. Deleting an initiative asks first; every change can be undone.

Editing a benefit or a measurement fills the dialog with the stored numbers in full (never the rounded
figures the tables show) and stores only the fields that were changed. A list or table is never rebuilt from
inside its own signal: choosing an initiative and double-clicking a row act once the signal has returned. A
benefit put on the wall is drawn again when its figures change, as long as the wall still shows it.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.benefits import COMMON_UNITS, FollowUp, GainType
from desktop.domain.initiatives import BenefitView, InitiativeStatus, InitiativeView, MeasurementView
from desktop.domain.kit import VeikartPhase
from desktop.domain.rules import format_date
from desktop.errors import LupError, ValidationError
from desktop.i18n import _
from desktop.services import fund, initiatives
from desktop.ui.benefit_chart import BenefitChart, ChartData, number_text, realised_text, value_text
from desktop.ui.commands import ChangeCommand, CreateCommand, DeleteCommand
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.widgets import (
    ID_ROLE,
    FieldEdit,
    FieldErrors,
    FormDialog,
    OptionalDate,
    TextField,
    bold,
    button,
    date_edit,
    index_of,
    local_shortcut,
    remember_splitter,
    rows_table,
)

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

MUTED_STYLE = "color: #5b6670;"
EMPTY_STYLE = "color: #3c424d; font-size: 13pt;"
# The benefit and what is realised first, then the figures (they fit a laptop's width); the gain type, the
# long indicator and the owner after them.
BENEFIT_COLUMNS = (
    "title",
    "realised",
    "follow_up",
    "latest",
    "baseline",
    "target",
    "unit",
    "gain_type",
    "indicator",
    "owner",
)
COLUMN_MAX = {"title": 190, "indicator": 260, "owner": 160}
TEXT_FIELDS = ("need", "description", "next_step")


def _column_label(name: str) -> str:
    return {
        "gain_type": _("Gevinsttype"),
        "title": _("Gevinst"),
        "indicator": _("Indikator"),
        "unit": _("Enhet"),
        "baseline": _("Nullpunkt (dato)"),
        "target": _("Mål (dato)"),
        "latest": _("Siste måling"),
        "follow_up": _("Status"),
        "realised": _("Realisert"),
        "owner": _("Eier"),
    }[name]


def _field_label(name: str) -> str:
    return {
        "title": _("Navn"),
        "need": _("Behov"),
        "description": _("Beskrivelse"),
        "owner": _("Eier"),
        "origin": _("Opphav"),
        "phase": _("Fase (Veikart)"),
        "status": _("Status"),
        "start_date": _("Startdato"),
        "end_date": _("Sluttdato"),
        "next_step": _("Neste steg"),
    }[name]


FOLLOW_UP_COLOURS = {FollowUp.REACHED: "#1b7a3a", FollowUp.LATE: "#b3261e", FollowUp.DUE: "#8a4b00"}


def follow_up_tip(status: FollowUp) -> str:
    return {
        FollowUp.REACHED: _("Siste måling har nådd målet."),
        FollowUp.LATE: _(
            "Måldatoen er passert, og målet er ikke nådd. Legg inn en ny måling, eller sett ny måldato."
        ),
        FollowUp.DUE: _("Ikke målt på et halvt år. Legg inn en ny måling."),
        FollowUp.ON_TRACK: _(
            "Ikke nådd ennå; måldatoen er ikke passert, og det er målt det siste halve året."
        ),
        FollowUp.STOPPED: _("Tiltaket er stoppet, så gevinsten følges ikke opp lenger."),
    }[status]


def benefit_cells(b: BenefitView, status: FollowUp) -> dict[str, str]:
    """The benefit table's texts for one benefit (what is realised computed from its measurements) with its
    follow-up ``status``."""
    p = b.progress
    target = number_text(b.target)
    if b.target_date is not None:
        target = f"{target} ({format_date(b.target_date)})"
    return {
        "gain_type": b.gain_type.label,
        "title": b.title,
        "indicator": b.indicator,
        "unit": b.unit,
        "baseline": f"{number_text(b.baseline)} ({format_date(b.baseline_date)})",
        "target": target,
        "latest": number_text(p.latest) if p.latest is not None else "–",
        "realised": realised_text(p),
        "follow_up": status.label,
        "owner": b.owner,
    }


def edit_number_text(value: float) -> str:
    """A stored number as it is put in an edit field: in full (never rounded, unlike ``number_text``), with
    a decimal comma and spaces between thousands: ``3,125``, ``1 570 000``. Read back as the same number."""
    text = format(Decimal(repr(float(value))), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    whole = " ".join([whole, *groups])
    return sign + whole + ("," + fraction if fraction else "")


def origin_text(kind: str, text: str) -> str:
    short = " ".join(text.split())
    short = short if len(short) <= 70 else short[:68].rstrip() + " …"
    return (_("Idé: {text}") if kind == "idea" else _("Prototype: {text}")).format(text=short)


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setTabKeyNavigation(False)  # Tab leaves the table: the arrows move in it
    rows_table(table, name)
    return table


# --- the panel --------------------------------------------------------------------------------------------


class InitiativePanel(QWidget):
    def __init__(self, context: AppContext, actions) -> None:
        super().__init__()
        self.context = context
        self.actions = actions
        self.group_id: uuid.UUID | None = None
        self.initiative_id: uuid.UUID | None = None
        self.benefit_id: uuid.UUID | None = None
        self.measurement_id: uuid.UUID | None = None
        self.initiative: InitiativeView | None = None
        self.benefit: BenefitView | None = None
        self._all: tuple[InitiativeView, ...] = ()
        self._known: set[uuid.UUID] | None = None  # the group's initiatives at the last refresh
        self._origins: list[tuple[uuid.UUID | None, uuid.UUID | None]] = []  # (idea_id, prototype_id)
        self._loading = False
        self._quiet = False  # storing pending typing: the push must not choose what the panel shows
        self._wall_image = None  # the picture this panel last put on the wall (QImage), while it is there
        self._wall_ids: tuple[uuid.UUID, uuid.UUID] | None = None  # (initiative, benefit) on the wall
        self._wall_chart: BenefitChart | None = None  # draws the wall's benefit (maybe not the one chosen)
        self._sized = False  # the benefit table's columns fitted to the first benefits shown

        # Left: the group's initiatives.
        self.list = QListWidget()
        self.list.setAccessibleName(_("Tiltak"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._current_item_changed)
        local_shortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_initiative)
        local_shortcut(Qt.Key.Key_Insert, self.list, self.new_initiative)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.list, lambda: self.edits["title"].setFocus())
        self.new_button = button(
            _("Nytt tiltak …"),
            self.new_initiative,
            _("Nytt innovasjonstiltak for ledergruppen (Insert i listen)"),
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(bold(QLabel(_("Ledergruppens tiltak"))))
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        self.delete_button = button(
            _("Slett tiltak …"),
            self.delete_initiative,
            _("Sletter tiltaket med gevinster og søknader (kan angres; Delete i listen)"),
        )
        left_layout.addWidget(self.delete_button)

        # Right, top: the initiative's fields.
        self.errors = FieldErrors()
        self.edits: dict[str, Any] = {}
        title = FieldEdit()
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        title.editingFinished.connect(lambda: self._commit_text("title"))
        self.edits["title"] = title
        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(head, _field_label("title"), title, "title")

        texts = QFormLayout()
        texts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        placeholders = {
            "need": _("Hvilket behov hos brukerne eller tjenesten skal tiltaket møte?"),
            "description": _("Hva gjør dere?"),
            "next_step": _("Hva er det neste som skal skje, og hvem gjør det?"),
        }
        for name in TEXT_FIELDS:
            edit = TextField(2)
            edit.setPlaceholderText(placeholders[name])
            edit.setAccessibleName(_field_label(name))
            edit.commit.connect(lambda n=name: self._commit_text(n))
            self.edits[name] = edit
            self.errors.add_row(texts, _field_label(name), edit, name)

        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        owner = FieldEdit()
        owner.setPlaceholderText(_("hvem som har ansvaret"))
        owner.editingFinished.connect(lambda: self._commit_text("owner"))
        self.edits["owner"] = owner
        self.errors.add_row(facts, _field_label("owner"), owner, "owner")
        self.origin = QComboBox()
        self.origin.setAccessibleName(_field_label("origin"))
        self.origin.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.origin.setMinimumContentsLength(12)
        self.origin.activated.connect(lambda _i: self._commit_origin())
        self.errors.add_row(facts, _field_label("origin"), self.origin, "idea_id", "prototype_id")
        self.phase = QComboBox()
        self.phase.setAccessibleName(_field_label("phase"))
        for n, phase in enumerate(VeikartPhase, 1):
            self.phase.addItem(f"{n}. {phase.label}", phase.value)
        self.phase.activated.connect(lambda _i: self._commit_choice("phase"))
        self.status = QComboBox()
        self.status.setAccessibleName(_field_label("status"))
        for status in InitiativeStatus:
            self.status.addItem(status.label, status.value)
        self.status.activated.connect(lambda _i: self._commit_choice("status"))
        phase_row = QWidget()
        phase_layout = QHBoxLayout(phase_row)
        phase_layout.setContentsMargins(0, 0, 0, 0)
        phase_layout.addWidget(self.phase, 3)
        phase_layout.addWidget(self.status, 2)
        self.errors.add_row(facts, _("Fase og status"), phase_row, "phase", "status")
        self.dates: dict[str, OptionalDate] = {}
        dates_row = QWidget()
        dates_layout = QHBoxLayout(dates_row)
        dates_layout.setContentsMargins(0, 0, 0, 0)
        for name in ("start_date", "end_date"):
            widget = OptionalDate(_field_label(name))
            widget.edited.connect(lambda value, n=name: self._commit_date(n, value))
            self.dates[name] = widget
            if name == "end_date":
                dates_layout.addWidget(QLabel(_("til")))
            dates_layout.addWidget(widget, 1)
        self.errors.add_row(facts, _("Periode"), dates_row, "start_date", "end_date")

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(texts, 1)
        columns.addLayout(facts, 1)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 6, 0)
        fields_layout.addLayout(head)
        fields_layout.addLayout(columns)
        fields_layout.addStretch(1)
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fields_scroll.setWidget(fields)

        # Right, below: the benefit plan.
        self.benefits = _table([_column_label(c) for c in BENEFIT_COLUMNS], _("Gevinster"))
        header = self.benefits.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.benefits.currentCellChanged.connect(lambda row, *_rest: self._benefit_row_chosen(row))
        self.benefits.doubleClicked.connect(lambda _i: QTimer.singleShot(0, self, self.edit_benefit))
        local_shortcut(QKeySequence.StandardKey.Delete, self.benefits, self.delete_benefit)
        local_shortcut(Qt.Key.Key_Insert, self.benefits, self.new_benefit)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.benefits, self.edit_benefit)
        self.new_benefit_button = button(_("Ny gevinst …"), self.new_benefit, "Insert")
        self.edit_benefit_button = button(_("Endre gevinst …"), self.edit_benefit, "Enter")
        self.delete_benefit_button = button(_("Slett gevinst"), self.delete_benefit, "Delete")
        self.plan_label = bold(QLabel(_("Gevinstrealiseringsplan")), 1.15)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_label)
        plan_row.addStretch(1)
        for each in (self.new_benefit_button, self.edit_benefit_button, self.delete_benefit_button):
            plan_row.addWidget(each)
        self.no_benefits = QLabel(
            _(
                "Ingen gevinster ennå. Hvilke gevinster skal tiltaket gi: unngåtte kostnader, spart tid "
                "eller økt kvalitet? Legg dem inn med «Ny gevinst …», med et nullpunkt og et mål."
            )
        )
        self.no_benefits.setWordWrap(True)
        self.no_benefits.setStyleSheet(MUTED_STYLE)

        self.measurements = _table([_("Dato"), _("Verdi"), _("Merknad")], _("Målinger"))
        mh = self.measurements.horizontalHeader()
        mh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        mh.setStretchLastSection(True)
        self.measurements.currentCellChanged.connect(lambda row, *_rest: self._measurement_row_chosen(row))
        self.measurements.doubleClicked.connect(lambda _i: QTimer.singleShot(0, self, self.edit_measurement))
        local_shortcut(QKeySequence.StandardKey.Delete, self.measurements, self.delete_measurement)
        local_shortcut(Qt.Key.Key_Insert, self.measurements, self.new_measurement)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.measurements, self.edit_measurement)
        self.measurements_label = bold(QLabel(_("Målinger")))
        self.measurements_label.setWordWrap(True)  # «Målinger av «…» (enhet)» may be long
        self.new_measurement_button = button(_("Ny måling …"), self.new_measurement, "Insert")
        self.edit_measurement_button = button(_("Endre …"), self.edit_measurement, "Enter")
        self.delete_measurement_button = button(_("Slett måling"), self.delete_measurement, "Delete")
        measure_buttons = FlowLayout()  # wraps on a narrow window
        for each in (
            self.new_measurement_button,
            self.edit_measurement_button,
            self.delete_measurement_button,
        ):
            measure_buttons.addWidget(each)
        measure_box = QWidget()
        measure_layout = QVBoxLayout(measure_box)
        measure_layout.setContentsMargins(0, 0, 0, 0)
        measure_layout.addWidget(self.measurements_label)
        measure_layout.addWidget(self.measurements, 1)
        measure_layout.addLayout(measure_buttons)
        self.chart = BenefitChart()
        self.wall_button = button(
            _("Vis gevinsten på veggen"),
            self.show_benefit_on_wall,
            _("Grafen over gevinsten, stor på veggen"),
        )
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        wall_row = QHBoxLayout()
        wall_row.addStretch(1)
        wall_row.addWidget(self.wall_button)
        chart_layout.addLayout(wall_row)
        self.follow_up = QSplitter(Qt.Orientation.Horizontal)
        self.follow_up.setChildrenCollapsible(False)
        self.follow_up.addWidget(measure_box)
        self.follow_up.addWidget(chart_box)
        self.follow_up.setStretchFactor(0, 2)
        self.follow_up.setStretchFactor(1, 3)
        self.follow_up.setSizes([2000, 3000])  # in proportion from the start: the table keeps its columns
        remember_splitter(self.follow_up, context.settings, "initiatives/follow_up")

        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        plan_layout.setContentsMargins(0, 6, 0, 0)
        plan_layout.addLayout(plan_row)
        plan_layout.addWidget(self.no_benefits)
        plan_layout.addWidget(self.benefits, 2)
        plan_layout.addWidget(self.follow_up, 5)

        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.vertical.setChildrenCollapsible(False)
        self.vertical.addWidget(self.fields_scroll)
        self.vertical.addWidget(plan)
        self.vertical.setStretchFactor(0, 0)
        self.vertical.setStretchFactor(1, 1)
        self.vertical.setSizes([fields.sizeHint().height(), 600])  # the fields as tall as they need
        remember_splitter(self.vertical, context.settings, "initiatives/fields")
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.vertical, 1)

        self.empty_text = QLabel(
            _(
                "Ledergruppen har ikke noe innovasjonstiltak ennå. Hver ledergruppe skal levere minst ett "
                "tiltak: et behov, hva dere gjør med det, og hvilke gevinster det skal gi."
            )
        )
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setStyleSheet(EMPTY_STYLE)
        self.empty_button = button(_("Nytt tiltak …"), self.new_initiative)
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_row = QHBoxLayout()
        empty_row.addStretch(1)
        empty_row.addWidget(self.empty_button)
        empty_row.addStretch(1)
        empty_layout.addLayout(empty_row)
        empty_layout.addStretch(2)

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
        splitter.setSizes([210, 900])
        remember_splitter(splitter, context.settings, "initiatives/list")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.list)

        chain = [
            self.list,
            self.new_button,
            self.delete_button,
            self.empty_button,
            title,
            self.edits["need"],
            self.edits["description"],
            self.edits["next_step"],
            owner,
            self.origin,
            self.phase,
            self.status,
            self.dates["start_date"].edit,
            self.dates["start_date"].clear_button,
            self.dates["end_date"].edit,
            self.dates["end_date"].clear_button,
            self.benefits,
            self.new_benefit_button,
            self.edit_benefit_button,
            self.delete_benefit_button,
            self.measurements,
            self.new_measurement_button,
            self.edit_measurement_button,
            self.delete_measurement_button,
            self.wall_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._show(None)

        context.changed.connect(self._changed)
        self._stack_index = context.undo_stack.index()
        context.undo_stack.indexChanged.connect(self._stack_moved)

    # --- loading ----------------------------------------------------------------------------------------

    def set_group(self, group_id: uuid.UUID) -> None:
        """Show ``group_id``'s initiatives (read while the tab is shown)."""
        if group_id != self.group_id:
            self.commit_pending()
            self.initiative_id = self.benefit_id = self.measurement_id = None
            self.initiative = self.benefit = None
            self._known = None
        self.group_id = group_id
        if self.isVisible():
            self.refresh()

    def show_initiative(self, initiative_id: uuid.UUID, benefit_id: uuid.UUID | None = None) -> None:
        self.commit_pending()
        self.initiative_id = initiative_id
        if benefit_id is not None:
            self.benefit_id = benefit_id
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.group_id is not None:
            self.refresh()

    def _changed(self) -> None:
        self._follow_stack()  # an undo or redo emits ``changed`` too: show what it changed, in one refresh
        if self.group_id is not None and self.isVisible():
            self.refresh()
        self._follow_wall()

    def _stack_moved(self, _index: int) -> None:
        # Every move of the stack also emits ``changed`` (whichever comes first takes the move in), and
        # ``_changed`` refreshes: refreshing here too would do it twice.
        self._follow_stack()

    def _follow_stack(self) -> None:
        """Undo or redo of an edit of this group's initiatives, benefits or measurements shows the initiative
        (and benefit) it changed. The commands made here carry their group's id: no database read."""
        stack = self.context.undo_stack
        index = stack.index()
        if index == self._stack_index:
            return  # already taken in
        touched = stack.command(index) if index < self._stack_index else stack.command(index - 1)
        self._stack_index = index
        if self._quiet or touched is None or self.group_id is None:
            return
        initiative_id = getattr(touched, "initiative_id", None)
        if initiative_id is None or getattr(touched, "group_id", None) != self.group_id:
            return
        self.initiative_id = initiative_id
        benefit_id = getattr(touched, "benefit_id", None)
        if benefit_id is not None:
            self.benefit_id = benefit_id

    def refresh(self) -> None:
        if self.group_id is None:
            return
        self._all = initiatives.initiatives_of_group(self.context.db, self.group_id)
        ids = [i.id for i in self._all]
        if self._known is not None:
            appeared = set(ids) - self._known
            if len(appeared) == 1:  # just made, or brought back by undo: show it
                self.initiative_id = appeared.pop()
        self._known = set(ids)
        if self.initiative_id not in ids:
            row = self.list.currentRow()
            self.initiative_id = ids[min(max(row, 0), len(ids) - 1)] if ids else None
        self._fill_list()
        self._show(self.initiative_id)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        if [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())] != [i.id for i in self._all]:
            self.list.clear()
            for initiative in self._all:
                item = QListWidgetItem()
                item.setData(ID_ROLE, initiative.id)
                self.list.addItem(item)
        for row, i in enumerate(self._all):
            item = self.list.item(row)
            item.setText(f"{i.title}\n{i.phase.label} · {i.status.label}")
            item.setToolTip(
                _("Fase: {phase} · status: {status} · {n} gevinster").format(
                    phase=i.phase.label, status=i.status.label, n=len(i.benefits)
                )
            )
            if i.id == self.initiative_id:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _show(self, initiative_id: uuid.UUID | None) -> None:
        self.initiative_id = initiative_id
        self.initiative = next((i for i in self._all if i.id == initiative_id), None)
        has = self.initiative is not None
        self.detail.setVisible(has)
        self.empty.setVisible(not has)
        self.delete_button.setEnabled(has)
        if not has:
            self.benefit = None
            self.benefit_id = None
            self.chart.set_benefit(None)
            return
        self._loading = True
        try:
            self._fill(self.initiative)
        finally:
            self._loading = False

    def _fill(self, i: InitiativeView) -> None:
        for name in ("title", "owner", *TEXT_FIELDS):
            edit = self.edits[name]
            value = getattr(i, name)
            typing = edit.hasFocus() and (
                edit.isModified() if isinstance(edit, QLineEdit) else edit.document().isModified()
            )
            if edit.text() != value and not typing:
                edit.setText(value)
                if isinstance(edit, QLineEdit):
                    edit.setCursorPosition(0)
                else:
                    edit.document().setModified(False)
        self._fill_origins(i)
        self.phase.setCurrentIndex(max(0, index_of(self.phase, i.phase.value)))
        self.status.setCurrentIndex(max(0, index_of(self.status, i.status.value)))
        for name, widget in self.dates.items():
            if not widget.edit.hasFocus() or widget.value() == getattr(i, name):
                widget.set_value(getattr(i, name))
        self._fill_benefits(i)

    def _fill_origins(self, i: InitiativeView) -> None:
        choices = initiatives.origins(self.context.db, i.group_id)
        self.origin.blockSignals(True)
        self.origin.clear()
        self._origins = [(None, None)]
        self.origin.addItem(_("(ikke fra en idé eller prototype)"))
        for o in choices:
            self.origin.addItem(origin_text(o.kind, o.text))
            self.origin.setItemData(self.origin.count() - 1, o.text, Qt.ItemDataRole.ToolTipRole)
            self._origins.append((o.id, None) if o.kind == "idea" else (None, o.id))
        current = (i.idea_id, i.prototype_id)
        if current not in self._origins:  # an idea no longer chosen, say: it stays shown
            self.origin.addItem(self._lost_origin(i))
            self._origins.append(current)
        self.origin.setCurrentIndex(self._origins.index(current))
        self.origin.blockSignals(False)

    def _lost_origin(self, i: InitiativeView) -> str:
        """The text of an origin that is no longer offered (an idea no longer chosen, say)."""
        from desktop.errors import LupError
        from desktop.services import ideas, prototypes

        try:
            if i.idea_id is not None:
                board = ideas.load_board(self.context.db, i.group_id)
                idea = next((x for x in board.ideas if x.id == i.idea_id), None)
                if idea is not None:
                    return origin_text("idea", idea.text)
            elif i.prototype_id is not None:
                return origin_text(
                    "prototype", prototypes.load_prototype(self.context.db, i.prototype_id).title
                )
        except LupError:
            pass
        return _("(opphavet finnes ikke lenger)")

    def _fill_benefits(self, i: InitiativeView) -> None:
        ids = [b.id for b in i.benefits]
        if self.benefit_id not in ids:
            self.benefit_id = ids[0] if ids else None
            self.measurement_id = None
        self.plan_label.setText(
            _("Gevinstrealiseringsplan ({n})").format(n=len(ids)) if ids else _("Gevinstrealiseringsplan")
        )
        self.no_benefits.setVisible(not ids)
        self.benefits.setVisible(bool(ids))
        self.follow_up.setVisible(bool(ids))
        self.edit_benefit_button.setEnabled(bool(ids))
        self.delete_benefit_button.setEnabled(bool(ids))
        self.benefits.blockSignals(True)
        self.benefits.setRowCount(len(ids))
        bold = self.benefits.font()
        bold.setWeight(QFont.Weight.Bold)
        today = date.today()
        for row, b in enumerate(i.benefits):
            status = b.follow_up(today, i.status)
            cells = benefit_cells(b, status)
            for column, name in enumerate(BENEFIT_COLUMNS):
                item = QTableWidgetItem(cells[name])
                item.setData(ID_ROLE, b.id)
                if name == "follow_up":
                    item.setToolTip(follow_up_tip(status))
                    if status in FOLLOW_UP_COLOURS:
                        item.setForeground(QColor(FOLLOW_UP_COLOURS[status]))
                        item.setFont(bold)
                if name in {"baseline", "target", "latest", "realised"}:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if name == "realised":
                    item.setFont(bold)
                if name in {"title", "indicator"} and cells[name]:
                    item.setToolTip(cells[name])
                self.benefits.setItem(row, column, item)
            if b.id == self.benefit_id:
                self.benefits.setCurrentCell(row, max(0, self.benefits.currentColumn()))
        self.benefits.blockSignals(False)
        if not self._sized and ids:
            self.benefits.resizeColumnsToContents()
            for column, name in enumerate(BENEFIT_COLUMNS):  # long titles and indicators do not take it all
                if name in COLUMN_MAX:
                    width = min(self.benefits.columnWidth(column), COLUMN_MAX[name])
                    self.benefits.setColumnWidth(column, width)
            self._sized = True
        rows = max(2, min(len(ids), 5))
        height = (
            self.benefits.horizontalHeader().height()
            + rows * self.benefits.verticalHeader().defaultSectionSize()
        )
        self.benefits.setMinimumHeight(height + 4)
        self.benefits.setMaximumHeight(height + 4 + 2 * self.benefits.verticalHeader().defaultSectionSize())
        self._show_benefit()

    def _show_benefit(self) -> None:
        i = self.initiative
        self.benefit = next((b for b in i.benefits if b.id == self.benefit_id), None) if i else None
        b = self.benefit
        self.chart.set_benefit(b)
        self.wall_button.setEnabled(b is not None)
        self.new_measurement_button.setEnabled(b is not None)
        self.measurements_label.setText(
            _("Målinger av «{title}» ({unit})").format(title=b.title, unit=b.unit) if b else _("Målinger")
        )
        self.measurements_label.setToolTip(self.measurements_label.text())
        self.measurements.blockSignals(True)
        rows: tuple[MeasurementView, ...] = b.measurements if b else ()
        ids = [m.id for m in rows]
        if self.measurement_id not in ids:
            self.measurement_id = ids[-1] if ids else None
        self.measurements.setRowCount(len(rows))
        for row, m in enumerate(rows):
            for column, text in enumerate((format_date(m.on), number_text(m.value), m.note)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, m.id)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 2 and text:
                    item.setToolTip(text)
                self.measurements.setItem(row, column, item)
            if m.id == self.measurement_id:
                self.measurements.setCurrentCell(row, max(0, self.measurements.currentColumn()))
                self.measurements.scrollToItem(self.measurements.item(row, 0))
        self.measurements.blockSignals(False)
        self.edit_measurement_button.setEnabled(bool(ids))
        self.delete_measurement_button.setEnabled(bool(ids))

    def _current_item_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is None or self._loading:
            return
        initiative_id = item.data(ID_ROLE)
        if initiative_id != self.initiative_id:
            # Storing the typing refreshes the list: never from inside the list's own signal.
            QTimer.singleShot(0, self, lambda: self._choose(initiative_id))

    def _choose(self, initiative_id: uuid.UUID) -> None:
        """Show the initiative chosen in the list, after storing what was typed in the one shown."""
        current = self.list.currentItem()
        if initiative_id == self.initiative_id or current is None or current.data(ID_ROLE) != initiative_id:
            return  # shown already, or the list has moved on (a later call shows that)
        # The new one is chosen first: the refresh that storing the typing brings shows it, list and all.
        self.initiative_id = initiative_id
        self.benefit_id = self.measurement_id = None
        self.commit_pending()
        self.errors.clear()
        if self.initiative is None or self.initiative.id != initiative_id:
            self._show(initiative_id)

    def _benefit_row_chosen(self, row: int) -> None:
        if self._loading or self.initiative is None or not 0 <= row < len(self.initiative.benefits):
            return
        benefit_id = self.initiative.benefits[row].id
        if benefit_id != self.benefit_id:
            self.benefit_id = benefit_id
            self.measurement_id = None
            self._show_benefit()

    def _measurement_row_chosen(self, row: int) -> None:
        if self.benefit is not None and 0 <= row < len(self.benefit.measurements):
            self.measurement_id = self.benefit.measurements[row].id

    # --- editing the initiative -------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Store typed text not yet stored (before the panel shows another initiative or group)."""
        if self.initiative is None or self._loading:
            return
        self._quiet = True
        try:
            for name in ("title", "owner", *TEXT_FIELDS):
                self._commit_text(name)
        finally:
            self._quiet = False

    def _update(self, text: str, values: dict[str, Any]) -> bool:
        if self.initiative is None:
            return False
        initiative_id = self.initiative.id
        command = ChangeCommand(
            text, lambda db, v: initiatives.update_initiative(db, initiative_id, **v), values
        )
        command.initiative_id, command.group_id = initiative_id, self.group_id
        return self.context.perform(command, self.errors)

    def _commit_text(self, name: str) -> None:
        i = self.initiative
        if self._loading or i is None:
            return
        edit = self.edits[name]
        value = " ".join(edit.text().split()) if name in {"title", "owner"} else edit.text().strip()
        if value == getattr(i, name):
            return
        self._update(
            _("Endre «{field}» i tiltaket «{title}»").format(field=_field_label(name), title=i.title),
            {name: value},
        )

    def set_field(self, name: str, value: str) -> None:
        """Type ``value`` into a text field and store it, as leaving the field does."""
        self.edits[name].setText(value)
        self._commit_text(name)

    def _commit_origin(self) -> None:
        i = self.initiative
        index = self.origin.currentIndex()
        if self._loading or i is None or not 0 <= index < len(self._origins):
            return
        idea_id, prototype_id = self._origins[index]
        if (idea_id, prototype_id) == (i.idea_id, i.prototype_id):
            return
        self._update(
            _("Endre opphav for tiltaket «{title}»").format(title=i.title),
            {"idea_id": idea_id, "prototype_id": prototype_id},
        )

    def _commit_choice(self, name: str) -> None:
        i = self.initiative
        if self._loading or i is None:
            return
        combo = self.phase if name == "phase" else self.status
        value = (VeikartPhase if name == "phase" else InitiativeStatus)(combo.currentData())
        if value == getattr(i, name):
            return
        text = (
            _("Tiltaket «{title}» i fasen {value}")
            if name == "phase"
            else _("Tiltaket «{title}» har status {value}")
        )
        self._update(text.format(title=i.title, value=value.label), {name: value})

    def _commit_date(self, name: str, value: date | None) -> None:
        i = self.initiative
        if self._loading or i is None or value == getattr(i, name):
            return
        self._update(
            _("Endre «{field}» i tiltaket «{title}»").format(field=_field_label(name), title=i.title),
            {name: value},
        )

    # --- new and deleted initiatives --------------------------------------------------------------------

    def new_initiative(self) -> uuid.UUID | None:
        """Ask for a name, an origin and the phase; the new initiative is shown. Returns its id."""
        if self.group_id is None:
            return None
        self.commit_pending()
        group_id = self.group_id
        dialog = FormDialog(self, _("Nytt tiltak"))
        title = dialog.add(_("Navn"), QLineEdit(), "title")
        title.setPlaceholderText(_("for eksempel: Fast kontaktperson etter sykehusopphold"))
        origin = dialog.add(_("Opphav"), QComboBox(), "origin", "idea_id", "prototype_id")
        origins: list[tuple[uuid.UUID | None, uuid.UUID | None]] = [(None, None)]
        origin.addItem(_("(ikke fra en idé eller prototype)"))
        for o in initiatives.origins(self.context.db, group_id):
            origin.addItem(origin_text(o.kind, o.text))
            origins.append((o.id, None) if o.kind == "idea" else (None, o.id))
        phase = dialog.add(_("Fase (Veikart)"), QComboBox(), "phase")
        for n, p in enumerate(VeikartPhase, 1):
            phase.addItem(f"{n}. {p.label}", p.value)
        owner = dialog.add(_("Eier"), QLineEdit(), "owner")
        need = TextField(3)
        need.setPlaceholderText(_("Kan fylles ut senere"))
        dialog.add(_("Behov"), need, "need")

        def command() -> CreateCommand:
            idea_id, prototype_id = origins[origin.currentIndex()]
            made = CreateCommand(
                _("Nytt tiltak «{title}»").format(title=" ".join(title.text().split())),
                lambda db: initiatives.create_initiative(
                    db,
                    group_id,
                    title.text(),
                    idea_id=idea_id,
                    prototype_id=prototype_id,
                    phase=VeikartPhase(phase.currentData()),
                    owner=owner.text(),
                    need=need.toPlainText(),
                ),
                initiatives.delete_initiative,
            )
            made.group_id = group_id
            return made

        stored = self.actions.run_dialog(dialog, command)
        if stored is None:
            return None
        stored.initiative_id = stored.created_id
        self.show_initiative(stored.created_id)
        return stored.created_id

    def delete_initiative(self) -> bool:
        """Delete the initiative with its benefit plan and fund applications, after asking; undoable."""
        from desktop.ui import context as context_module

        i = self.initiative
        if i is None:
            return False
        self.commit_pending()
        applications = len(fund.applications_of_initiative(self.context.db, i.id))
        measured = sum(len(b.measurements) for b in i.benefits)
        parts = [_("{n} gevinster").format(n=len(i.benefits)) if len(i.benefits) != 1 else _("1 gevinst")]
        parts.append(_("{n} målinger").format(n=measured) if measured != 1 else _("1 måling"))
        if applications:
            parts.append(
                _("{n} søknader til innovasjonsfondet").format(n=applications)
                if applications != 1
                else _("1 søknad til innovasjonsfondet")
            )
        if not context_module.ask(
            self,
            _("Slette tiltaket?"),
            _("Slette «{title}» med {what}? Du kan angre med Ctrl+Z.").format(
                title=i.title,
                what=_("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1]),
            ),
        ):
            return False
        initiative_id = i.id
        command = DeleteCommand(
            _("Slett tiltaket «{title}»").format(title=i.title),
            lambda db: initiatives.delete_initiative(db, initiative_id),
        )
        command.initiative_id, command.group_id = initiative_id, self.group_id
        return self.context.perform(command)

    # --- benefits ---------------------------------------------------------------------------------------

    def _benefit_dialog(self, title: str, b: BenefitView | None) -> tuple[FormDialog, dict[str, Any]]:
        dialog = FormDialog(self, title)
        dialog.setMinimumWidth(560)
        w: dict[str, Any] = {}
        w["gain_type"] = dialog.add(_("Gevinsttype"), QComboBox(), "gain_type")
        for g in GainType:
            w["gain_type"].addItem(g.label, g.value)
        w["title"] = dialog.add(_("Gevinst"), QLineEdit(b.title if b else ""), "title")
        w["title"].setPlaceholderText(_("for eksempel: Mindre tid på telefon med pårørende"))
        w["indicator"] = dialog.add(_("Indikator"), QLineEdit(b.indicator if b else ""), "indicator")
        w["indicator"].setPlaceholderText(_("Hva måles? for eksempel: timer per uke brukt på telefon"))
        w["unit"] = dialog.add(_("Enhet"), QComboBox(), "unit")
        w["unit"].setEditable(True)
        w["unit"].setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        w["unit"].addItems(list(COMMON_UNITS))
        w["unit"].setCurrentText(b.unit if b else "")
        today = date.today()
        w["baseline"] = dialog.add(
            _("Nullpunkt"), QLineEdit(edit_number_text(b.baseline) if b else ""), "baseline"
        )
        w["baseline"].setPlaceholderText(_("verdien i dag, for eksempel 1 234,5"))
        w["baseline_date"] = dialog.add(
            _("Nullpunktsmåling, dato"), date_edit(b.baseline_date if b else today), "baseline_date"
        )
        w["target"] = dialog.add(_("Mål"), QLineEdit(edit_number_text(b.target) if b else ""), "target")
        w["target"].setPlaceholderText(_("verdien dere vil nå"))
        w["target_date"] = dialog.add(
            _("Måldato"),
            OptionalDate(_("Måldato"), (b.target_date if b else today + timedelta(days=365))),
            "target_date",
        )
        w["owner"] = dialog.add(_("Eier"), QLineEdit(b.owner if b else ""), "owner")
        w["owner"].setPlaceholderText(_("hvem som følger opp gevinsten"))
        preconditions = TextField(2)
        preconditions.setPlainText(b.preconditions if b else "")
        preconditions.setPlaceholderText(_("Hva må være på plass for at gevinsten kan hentes ut?"))
        w["preconditions"] = dialog.add(_("Forutsetninger"), preconditions, "preconditions")
        if b is not None:
            w["gain_type"].setCurrentIndex(max(0, index_of(w["gain_type"], b.gain_type.value)))
        else:  # chosen, not defaulted («timer per uke» was saved as unngåtte kostnader); a unit suggests one
            w["gain_type"].setPlaceholderText(_("Velg gevinsttype …"))
            w["gain_type"].setCurrentIndex(-1)
            w["unit"].currentTextChanged.connect(lambda unit: _suggest_gain_type(w["gain_type"], unit))
        return dialog, w

    @staticmethod
    def _benefit_values(w: dict[str, Any]) -> dict[str, Any]:
        q = w["baseline_date"].date()
        if w["gain_type"].currentData() is None:
            raise ValidationError(
                "gain_type", _("Velg gevinsttype: unngåtte kostnader, spart tid eller økt kvalitet.")
            )
        return {
            "gain_type": GainType(w["gain_type"].currentData()),
            "title": w["title"].text(),
            "indicator": w["indicator"].text(),
            "unit": w["unit"].currentText(),
            "baseline": w["baseline"].text(),
            "baseline_date": date(q.year(), q.month(), q.day()),
            "target": w["target"].text(),
            "target_date": w["target_date"].value(),
            "owner": w["owner"].text(),
            "preconditions": w["preconditions"].toPlainText(),
        }

    def new_benefit(self) -> uuid.UUID | None:
        i = self.initiative
        if i is None:
            return None
        self.commit_pending()
        initiative_id, group_id = i.id, i.group_id
        dialog, w = self._benefit_dialog(_("Ny gevinst for «{title}»").format(title=i.title), None)

        def command() -> CreateCommand:
            values = self._benefit_values(w)
            made = CreateCommand(
                _("Ny gevinst «{title}»").format(title=" ".join(values["title"].split())),
                lambda db: initiatives.create_benefit(db, initiative_id, **values),
                initiatives.delete_benefit,
            )
            made.initiative_id, made.group_id = initiative_id, group_id
            return made

        stored = self.actions.run_dialog(dialog, command)
        if stored is None:
            return None
        stored.benefit_id = stored.created_id
        self.show_initiative(initiative_id, stored.created_id)
        return stored.created_id

    def edit_benefit(self) -> bool:
        b = self.benefit
        if b is None:
            return False
        dialog, w = self._benefit_dialog(_("Endre gevinst"), b)
        benefit_id, initiative_id, group_id = b.id, b.initiative_id, self.group_id
        shown = self._benefit_values(w)  # as filled in: only what is changed from it is stored

        def command() -> ChangeCommand:
            values = {k: v for k, v in self._benefit_values(w).items() if v != shown[k]}
            changed = ChangeCommand(
                _("Endre gevinsten «{title}»").format(title=b.title),
                lambda db, v: initiatives.update_benefit(db, benefit_id, **v),
                values,
            )
            changed.initiative_id, changed.benefit_id, changed.group_id = initiative_id, benefit_id, group_id
            return changed

        return self.actions.run_dialog(dialog, command) is not None

    def delete_benefit(self) -> bool:
        """Delete the chosen benefit (asking when it has measurements); undoable."""
        from desktop.ui import context as context_module

        b = self.benefit
        if b is None:
            return False
        n = len(b.measurements)
        if n and not context_module.ask(
            self,
            _("Slette gevinsten?"),
            _("Slette «{title}» med {measured}? Du kan angre med Ctrl+Z.").format(
                title=b.title, measured=_("1 måling") if n == 1 else _("{n} målinger").format(n=n)
            ),
        ):
            return False
        benefit_id = b.id
        command = DeleteCommand(
            _("Slett gevinsten «{title}»").format(title=b.title),
            lambda db: initiatives.delete_benefit(db, benefit_id),
        )
        command.initiative_id, command.benefit_id = b.initiative_id, benefit_id
        command.group_id = self.group_id
        return self.context.perform(command)

    # --- measurements -----------------------------------------------------------------------------------

    def _measurement_dialog(self, title: str, b: BenefitView, m: MeasurementView | None):
        dialog = FormDialog(self, title)
        day = m.on if m else max(date.today(), b.baseline_date)
        w: dict[str, Any] = {}
        w["measured_on"] = dialog.add(_("Dato"), date_edit(day), "measured_on")
        w["value"] = dialog.add(
            _("Verdi ({unit})").format(unit=b.unit),
            QLineEdit(edit_number_text(m.value) if m else ""),
            "value",
        )
        w["value"].setPlaceholderText(
            _("nullpunkt {baseline}, mål {target}").format(
                baseline=value_text(b.baseline, b.unit), target=value_text(b.target, b.unit)
            )
        )
        w["note"] = dialog.add(_("Merknad"), QLineEdit(m.note if m else ""), "note")
        hint = QLabel(
            _("Nullpunktet ble målt {day}; en måling kan ikke være eldre.").format(
                day=format_date(b.baseline_date)
            )
        )
        hint.setStyleSheet(MUTED_STYLE)
        hint.setWordWrap(True)
        dialog.form.addRow(hint)
        return dialog, w

    @staticmethod
    def _measurement_values(w: dict[str, Any]) -> dict[str, Any]:
        q = w["measured_on"].date()
        return {
            "measured_on": date(q.year(), q.month(), q.day()),
            "value": w["value"].text(),
            "note": w["note"].text(),
        }

    def new_measurement(self) -> uuid.UUID | None:
        b = self.benefit
        if b is None:
            return None
        benefit_id, initiative_id, group_id = b.id, b.initiative_id, self.group_id
        dialog, w = self._measurement_dialog(_("Ny måling av «{title}»").format(title=b.title), b, None)

        def command() -> CreateCommand:
            v = self._measurement_values(w)
            made = CreateCommand(
                _("Ny måling av «{title}»").format(title=b.title),
                lambda db: initiatives.add_measurement(
                    db, benefit_id, v["measured_on"], v["value"], v["note"]
                ),
                initiatives.delete_measurement,
            )
            made.initiative_id, made.benefit_id, made.group_id = initiative_id, benefit_id, group_id
            return made

        stored = self.actions.run_dialog(dialog, command)
        if stored is None:
            return None
        self.measurement_id = stored.created_id
        self.show_initiative(initiative_id, benefit_id)
        return stored.created_id

    def current_measurement(self) -> MeasurementView | None:
        b = self.benefit
        return next((m for m in b.measurements if m.id == self.measurement_id), None) if b else None

    def edit_measurement(self) -> bool:
        b, m = self.benefit, self.current_measurement()
        if b is None or m is None:
            return False
        dialog, w = self._measurement_dialog(_("Endre måling"), b, m)
        measurement_id, group_id = m.id, self.group_id
        shown = self._measurement_values(w)  # as filled in: only what is changed from it is stored

        def command() -> ChangeCommand:
            values = {k: v for k, v in self._measurement_values(w).items() if v != shown[k]}
            changed = ChangeCommand(
                _("Endre måling av «{title}»").format(title=b.title),
                lambda db, v: initiatives.update_measurement(db, measurement_id, **v),
                values,
            )
            changed.initiative_id, changed.benefit_id, changed.group_id = b.initiative_id, b.id, group_id
            return changed

        return self.actions.run_dialog(dialog, command) is not None

    def delete_measurement(self) -> bool:
        b, m = self.benefit, self.current_measurement()
        if b is None or m is None:
            return False
        measurement_id = m.id
        command = DeleteCommand(
            _("Slett målingen {day} av «{title}»").format(day=format_date(m.on), title=b.title),
            lambda db: initiatives.delete_measurement(db, measurement_id),
        )
        command.initiative_id, command.benefit_id = b.initiative_id, b.id
        command.group_id = self.group_id
        return self.context.perform(command)

    # --- the wall ---------------------------------------------------------------------------------------

    def show_benefit_on_wall(self) -> bool:
        """The chosen benefit's chart, large on the projector."""
        runner = self.context.runner
        if runner is None or self.benefit is None:
            return False
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        self._wall_ids = (self.benefit.initiative_id, self.benefit.id)
        self._put_on_wall(wall, self.chart)
        return True

    def _put_on_wall(self, wall, chart: BenefitChart) -> None:
        image = chart.render_image(*wall.picture_size().toTuple())
        wall.show_image(image)
        self._wall_image = image

    def _follow_wall(self) -> None:
        """The benefit on the wall drawn again when its figures changed (a measurement added, say), as long
        as the wall still shows this panel's picture: the wall is never taken from what else is on it."""
        if self._wall_image is None or self._wall_ids is None:
            return
        runner = self.context.runner
        wall = runner.projection if runner is not None else None
        if wall is None or not wall.isVisible() or wall.current_image is not self._wall_image:
            self._wall_image = None  # something else took the wall (or it was closed)
            return
        initiative_id, benefit_id = self._wall_ids
        try:
            shown = next((i for i in self._all if i.id == initiative_id), None)
            shown = shown or initiatives.initiative(self.context.db, initiative_id)
        except LupError:
            return  # deleted (for now: undo brings it back): the wall keeps the last picture
        benefit = next((b for b in shown.benefits if b.id == benefit_id), None)
        if benefit is None:
            return
        if self._wall_chart is None:
            self._wall_chart = BenefitChart(self)
            self._wall_chart.hide()
        if self._wall_chart.data == ChartData.of(benefit):
            return  # nothing on it changed
        self._wall_chart.set_benefit(benefit)
        self._put_on_wall(wall, self._wall_chart)


def _suggest_gain_type(combo: QComboBox, unit: str) -> None:
    """A gain type not chosen yet follows the unit: hours are time saved, kroner avoided costs, a score or
    a share quality."""
    if combo.currentIndex() >= 0:
        return
    word = unit.strip().casefold()
    gain = (
        GainType.TIME_SAVED
        if word.startswith(("time", "min", "dag", "uke", "årsverk"))
        else GainType.AVOIDED_COSTS
        if word.startswith(("kr", "nok"))
        else GainType.QUALITY
        if word.startswith(("prosent", "poeng", "%"))
        else None
    )
    if gain is not None:
        combo.setCurrentIndex(index_of(combo, gain.value))
