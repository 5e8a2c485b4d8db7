"""Oppdrift: the innovation fund's rounds and their applications.

The folder page lists the rounds with their figures (applied, granted, funded, budget left) and a chart of
applied against granted per round. A round's page shows its figures at the top, the applications (sortable:
unit, cohort, initiative, amount applied, the council's five scores and their sum, decision, amount
granted, guidance) with the follow-up of the one selected, and the round's own fields, which commit on edit
like every other form. Scoring and the decision are dialogs (a grant is checked as a whole: decision and
amount together); everything goes through the undo stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fund import ApplicationFigures, Criterion, FundDecision, RoundOverview, kroner
from desktop.domain.rules import format_date, norwegian_key
from desktop.i18n import _
from desktop.services import fund
from desktop.ui.actions import RegisterActions
from desktop.ui.charts import BarChart, format_value
from desktop.ui.context import AppContext
from desktop.ui.navigator import node_key
from desktop.ui.pages import CommitTextEdit, Page, SimplePage, _scrolling, _set_text
from desktop.ui.table_models import RowsTableModel
from desktop.ui.widgets import FieldEdit, OptionalDate, button, local_shortcut, rows_table

SORT_ROLE = Qt.ItemDataRole.UserRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
DECISION_COLOURS = {  # dark enough for text on white (and on the alternate row colour)
    FundDecision.GRANTED: "#1b6e2e",
    FundDecision.REJECTED: "#9a2a12",
    FundDecision.WITHDRAWN: "#5f6670",
}


def short_kroner(value: float) -> str:
    """Amounts on a chart: 2,6 mill. kr, 450 000 kr."""
    if abs(value) >= 1_000_000:
        millions = f"{value / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        return _("{n} mill. kr").format(n=millions)
    return kroner(int(value))


def criterion_key(index: int) -> str:
    """The short column name of the council's criterion number ``index`` (0-based): K1 … K5."""
    return _("K{n}").format(n=index + 1)


def criteria_legend() -> str:
    return "  ·  ".join(f"{criterion_key(i)} {c.short}" for i, c in enumerate(Criterion))


def sum_text(figures: ApplicationFigures) -> str:
    """The council's sum as shown: "17" when all five criteria are scored, "8 (2/5)" while some are
    missing (so a partial sum never reads as a weak application), "–" before any is."""
    if figures.score is None:
        return "–"
    if figures.fully_scored:
        return str(figures.score)
    return _("{sum} ({n}/{m})").format(sum=figures.score, n=figures.scored, m=len(Criterion))


def applications_tab_text(o: RoundOverview) -> str:
    """The tab title: the count the figures use, the withdrawn beside it ("Søknader (27 + 1 trukket)")."""
    if o.withdrawn:
        return _("Søknader ({n} + {withdrawn} trukket)").format(n=o.applications, withdrawn=o.withdrawn)
    return _("Søknader ({n})").format(n=o.applications)


def _round_chart_title() -> str:
    return _("Ramme, søkt og innvilget")


# --- the applications table -------------------------------------------------------------------------------


class ApplicationTableModel(RowsTableModel):
    """One row per application; numbers right-aligned and sorted as numbers, names the Norwegian way."""

    LOCATION, COHORT, INITIATIVE, APPLIED = 0, 1, 2, 3
    TEXT_COLUMNS = frozenset({LOCATION, COHORT, INITIATIVE})
    FIRST_SCORE = 4
    SUM = FIRST_SCORE + len(Criterion)
    DECISION, GRANTED, GUIDANCE = SUM + 1, SUM + 2, SUM + 3

    def __init__(self, parent=None) -> None:
        headers = [
            _("Tjenestested"),
            _("Kull"),
            _("Tiltak"),
            _("Søkt"),
            *(criterion_key(i) for i in range(len(Criterion))),
            _("Sum"),
            _("Vedtak"),
            _("Innvilget"),
            _("Veiledning"),
        ]
        super().__init__(headers, (self.LOCATION, Qt.SortOrder.AscendingOrder), parent)
        self.tips = [
            "",
            "",
            "",
            _("Søkt beløp i kroner"),
            *(f"{criterion_key(i)}: {c.label}" for i, c in enumerate(Criterion)),
            _(
                "Summen av poengene (høyst {most}). «8 (2/5)»: bare 2 av {n} kriterier er vurdert ennå; "
                "slike sorteres etter de ferdig vurderte."
            ).format(most=5 * len(Criterion), n=len(Criterion)),
            "",
            _("Innvilget beløp i kroner"),
            _("Veiledning tilbudt søkere som ikke fikk midler"),
        ]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[section] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.APPLIED and section != self.DECISION:
            return RIGHT if section in (self.APPLIED, self.GRANTED) else CENTER
        return None

    def value(self, a: fund.ApplicationView, column: int) -> Any:
        """The sortable value of a cell (None: empty)."""
        if column == self.LOCATION:
            return a.location
        if column == self.COHORT:
            return a.cohort
        if column == self.INITIATIVE:
            return a.initiative_title
        if column == self.APPLIED:
            return a.amount_applied
        if self.FIRST_SCORE <= column < self.SUM:
            return a.scores.get(list(Criterion)[column - self.FIRST_SCORE])
        if column == self.SUM:
            return a.score  # the sum of what is scored; ``_sorted`` puts partial sums after the full ones
        if column == self.DECISION:
            return list(FundDecision).index(a.decision)
        if column == self.GRANTED:
            return a.amount_granted if a.decision is FundDecision.GRANTED else None
        return a.guidance_offered

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        column = index.column()
        value = self.value(a, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DECISION:
                return a.decision.label
            if column == self.GUIDANCE:
                return _("Ja") if value else ""
            if column in (self.APPLIED, self.GRANTED):
                return format_value(value) if value is not None else ""
            if column == self.SUM:
                return sum_text(a.figures)
            return "–" if value is None else str(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.APPLIED and column != self.DECISION:
            return RIGHT if column in (self.APPLIED, self.GRANTED) else CENTER
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DECISION:
            colour = DECISION_COLOURS.get(a.decision)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and column in (self.SUM, self.DECISION):
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.INITIATIVE:
                return a.initiative_title
            if column == self.GUIDANCE and a.guidance_notes:
                return a.guidance_notes
            if column == self.DECISION and a.follow_up:
                return a.follow_up
            if column == self.SUM and not a.figures.fully_scored:
                return _("{n} av {m} kriterier vurdert").format(n=a.figures.scored, m=len(Criterion))
        return None

    def _sorted(self, rows: list, column: int, order: Qt.SortOrder) -> list:
        """By the sum, fully scored applications first whichever way; then the partly scored (by what they
        have so far), then the unscored: a partial sum is not a weak score, only an unfinished one."""
        if column != self.SUM:
            return super()._sorted(rows, column, order)
        rows = sorted(rows, key=self.tiebreak)
        full = [a for a in rows if a.figures.fully_scored]
        partial = [a for a in rows if not a.figures.fully_scored and a.figures.scored]
        unscored = [a for a in rows if not a.figures.scored]
        descending = order == Qt.SortOrder.DescendingOrder
        for group in (full, partial):
            group.sort(key=lambda a: a.score, reverse=descending)  # stable: ties keep the tiebreak
        return full + partial + unscored

    def tiebreak(self, a: fund.ApplicationView) -> tuple:
        return (norwegian_key(a.location), norwegian_key(a.initiative_title))

    def row_of(self, application_id: uuid.UUID | None) -> int:
        return next((i for i, a in enumerate(self.rows) if a.id == application_id), -1)


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    return rows_table(table, name)


# --- the round's figures ----------------------------------------------------------------------------------


class FigureTile(QFrame):
    """A figure that reads from across the room: a large number over a short caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("figureTile")
        self.setStyleSheet(
            "#figureTile { background: #f4f6f9; border: 1px solid #d5dae1; border-radius: 6px; }"
        )
        self.value = QLabel("–")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.Bold)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #3c424d;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, tip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.caption.text()}: {text}")


class RoundFigures(QWidget):
    """The round overview: applications, applied, granted, funded, budget left; and a small chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.applications = FigureTile(_("søknader"))
        self.applied = FigureTile(_("søkt"))
        self.granted = FigureTile(_("innvilget"))
        self.funded = FigureTile(_("prosjekter fikk midler"))
        self.budget = FigureTile(_("ramme"))
        self.left = FigureTile(_("igjen av rammen"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        for i, tile in enumerate(
            (self.applications, self.funded, self.left, self.applied, self.granted, self.budget)
        ):
            grid.addWidget(tile, i // 3, i % 3)
        self.chart = BarChart(value_format=short_kroner)
        self.chart.setMinimumSize(260, 120)
        self.chart.setMaximumHeight(140)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid, 3)
        layout.addWidget(self.chart, 2)

    def show_overview(self, o: RoundOverview) -> None:
        tip = _("{pending} til behandling · {rejected} avslått").format(
            pending=o.pending, rejected=o.rejected
        )
        if o.withdrawn:
            tip += " · " + _("{n} trukket (ikke regnet med)").format(n=o.withdrawn)
        self.applications.set_value(str(o.applications), tip)
        self.funded.set_value(_("{n} av {m}").format(n=o.funded, m=o.applications))
        self.applied.set_value(kroner(o.applied))
        self.granted.set_value(kroner(o.granted))
        self.budget.set_value(kroner(o.budget))
        self.left.set_value(kroner(o.left))
        self.left.value.setStyleSheet("color: #9a2a12;" if o.left < 0 else "")
        self.chart.set_data(
            _round_chart_title(),
            [_("Ramme"), _("Søkt"), _("Innvilget")],
            [(_("Beløp"), [o.budget, o.applied, o.granted])],
        )


# --- the folder: every round -------------------------------------------------------------------------------


class RoundListModel(RowsTableModel):
    def __init__(self, parent=None) -> None:
        headers = [
            _("Runde"),
            _("Søknadsfrist"),
            _("Ramme"),
            _("Søknader"),
            _("Søkt"),
            _("Innvilget"),
            _("Fikk midler"),
            _("Igjen"),
        ]
        super().__init__(headers, None, parent)  # in deadline order, as the service gives them

    TEXT_COLUMNS = frozenset({0})

    def value(self, r: fund.RoundView, column: int):
        o = r.overview
        return (r.name, r.deadline, o.budget, o.applications, o.applied, o.granted, o.funded, o.left)[column]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section >= 2:
                return RIGHT
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        o = r.overview
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.name,
                format_date(r.deadline),
                kroner(o.budget),
                str(o.applications),
                kroner(o.applied),
                kroner(o.granted),
                str(o.funded),
                kroner(o.left),
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return RIGHT
        return None


class FundRoundsPage(SimplePage):
    """The folder "Oppdrift – innovasjonsfondet": the rounds and their figures, and "Ny runde …"."""

    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.heading.setText(_("Oppdrift – innovasjonsfondet"))
        intro = QLabel(
            _(
                "Oppdrift følger søkerne til kommunens innovasjonsfond: informasjonsverksted, søkerverksted, "
                "søknadsfrist og vedtak, og oppfølging av prosjektene – også dem som ikke fikk midler."
            )
        )
        intro.setWordWrap(True)
        self.body.insertWidget(2, intro)  # over the button row
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        font = self.totals.font()
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.totals.setFont(font)
        self.body.insertWidget(3, self.totals)
        self.model = RoundListModel(self)
        self.table = _table(self.model, _("Runder"))
        self.table.setSortingEnabled(False)  # by deadline, as the navigator
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip(_("Enter eller dobbeltklikk åpner runden"))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.table, lambda: self._open(self.table.currentIndex().row()))
        self.body.addWidget(self.table)
        self.chart = BarChart(value_format=short_kroner)
        self.chart.setMinimumHeight(240)
        self.body.addWidget(self.chart)
        self.buttons.addWidget(button(_("&Ny runde …"), self.actions.new_fund_round))
        self.buttons.addStretch(1)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            # The navigator selects what ``created`` names (as after "Ny runde …").
            self.actions.created.emit(node_key("fundround", self.model.rows[row].id))

    def reload(self) -> None:
        views = [fund.round_view(self.db, r.id) for r in fund.rounds(self.db)]
        self.model.set_rows(views)
        rows = max(1, len(views))
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 4)
        if not views:
            self.totals.setText(_("Ingen runder ennå. Lag den første med «Ny runde …»."))
        else:
            applications = sum(v.overview.applications for v in views)
            funded = sum(v.overview.funded for v in views)
            granted = sum(v.overview.granted for v in views)
            self.totals.setText(
                _(
                    "{rounds} runder · {applications} søknader · {funded} fikk midler · {granted} innvilget"
                ).format(rounds=len(views), applications=applications, funded=funded, granted=kroner(granted))
            )
        self.chart.set_data(
            _("Søkt og innvilget per runde"),
            [v.name for v in views],
            [
                (_("Søkt"), [v.overview.applied for v in views]),
                (_("Innvilget"), [v.overview.granted for v in views]),
            ],
        )
        self.chart.setVisible(bool(views))


# --- one round ---------------------------------------------------------------------------------------------


class FundRoundPage(Page):
    """A round: its figures, its applications with their follow-up, and its own fields."""

    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.view: fund.RoundView | None = None

        # The round's fields ("Runden" tab), committing on edit.
        self.name = FieldEdit()
        self.name.editingFinished.connect(
            lambda: self._edit(_("Endre navn på runden"), name=self.name.text())
        )
        self.errors.add_row(self.form, _("Navn"), self.name, "name", "title")  # clean_title says "title"
        self.budget = self.line(
            _("Ramme (kr)"), "budget", lambda v: self._edit(_("Endre rammen for runden"), budget=v)
        )
        self.dates = {}
        for field, label, text in (
            ("info_workshop", _("Informasjonsverksted"), _("Flytt informasjonsverkstedet")),
            ("applicant_workshop", _("Søkerverksted"), _("Flytt søkerverkstedet")),
            ("deadline", _("Søknadsfrist"), _("Flytt søknadsfristen")),
            ("decision_date", _("Vedtaksdato"), _("Flytt vedtaksdatoen")),
        ):
            edit = OptionalDate(label)
            edit.setToolTip(_("Fjern datoen med ✕ hvis den ikke er bestemt."))
            edit.edited.connect(lambda value, f=field, t=text: self._edit(t, **{f: value}))
            self.errors.add_row(self.form, label, edit, field)
            self.dates[field] = edit
        self.notes = CommitTextEdit()
        self.notes.setMaximumHeight(140)
        self.notes.editingFinished.connect(
            lambda: self._edit(_("Endre notater for runden"), notes=self.notes.toPlainText())
        )
        self.errors.add_row(self.form, _("Notater"), self.notes, "notes")
        self.buttons.addStretch(1)
        self.buttons.addWidget(button(_("Slett runde …"), lambda: self.actions.delete_fund_round(self.id)))

        # The overview, over both tabs.
        self.figures = RoundFigures()

        # The applications ("Søknader" tab).
        self.model = ApplicationTableModel(self)
        self.table = _table(self.model, _("Søknader"))
        self.table.sortByColumn(ApplicationTableModel.LOCATION, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (ApplicationTableModel.LOCATION, ApplicationTableModel.INITIATIVE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)  # they share what is left
        header.setMinimumSectionSize(34)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.legend = QLabel(criteria_legend())
        self.legend.setStyleSheet("color: #3c424d;")
        self.legend.setToolTip("\n".join(f"{criterion_key(i)}: {c.label}" for i, c in enumerate(Criterion)))
        self.table.setToolTip(
            _("Insert: ny søknad · Enter: vedtak · Delete: slett søknad · klikk en kolonne for å sortere")
        )
        self.table.doubleClicked.connect(lambda _i: self._with_application(self.actions.decide_application))
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_application())
        local_shortcut(Qt.Key.Key_Insert, self.table, self.new_application)
        local_shortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            lambda: self._with_application(self.actions.delete_application),
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            local_shortcut(key, self.table, lambda: self._with_application(self.actions.decide_application))
        row = QHBoxLayout()
        row.addWidget(button(_("&Ny søknad …"), self.new_application, "Insert"))
        self.score_button = button(
            _("Vur&dering …"), lambda: self._with_application(self.actions.score_application)
        )
        self.score_button.setToolTip(_("Rådets fem kriterier, 1–5"))
        row.addWidget(self.score_button)
        self.decide_button = button(
            _("Ved&tak …"), lambda: self._with_application(self.actions.decide_application), "Enter"
        )
        row.addWidget(self.decide_button)
        row.addStretch(1)
        self.delete_button = button(
            _("S&lett søknad …"), lambda: self._with_application(self.actions.delete_application), "Delete"
        )
        row.addWidget(self.delete_button)

        self.selected = QLabel()
        self.selected.setWordWrap(True)
        self.selected.setTextFormat(Qt.TextFormat.PlainText)
        font = self.selected.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.selected.setFont(font)
        self.applied = FieldEdit()  # a mistyped amount is corrected here, keeping scores and decision
        self.applied.setToolTip(_("Beløpet det søkes om; rett det her hvis det ble skrevet feil"))
        self.applied.setMaximumWidth(self.applied.fontMetrics().horizontalAdvance("000 000 000 kr") + 24)
        self.applied.editingFinished.connect(
            lambda: self._edit_application(
                _("Endre søkt beløp for «{title}»"), amount_applied=self.applied.text()
            )
        )
        self.follow_up = CommitTextEdit()
        self.follow_up.setPlaceholderText(_("Hva skjer videre med prosjektet? Avtaler, milepæler, deling."))
        self.follow_up.setMaximumHeight(64)
        self.follow_up.editingFinished.connect(
            lambda: self._edit_application(
                _("Endre oppfølging av «{title}»"), follow_up=self.follow_up.toPlainText()
            )
        )
        self.guidance = QCheckBox(_("Tilbudt veiledning (søkere uten midler)"))
        self.guidance.clicked.connect(
            lambda checked: self._edit_application(
                _("Veiledning tilbudt «{title}»") if checked else _("Ikke veiledning for «{title}»"),
                guidance_offered=checked,
            )
        )
        self.guidance_notes = CommitTextEdit()
        self.guidance_notes.setPlaceholderText(_("Hva slags veiledning, med hvem, når."))
        self.guidance_notes.setMaximumHeight(64)
        self.guidance_notes.editingFinished.connect(
            lambda: self._edit_application(
                _("Endre veiledning for «{title}»"), guidance_notes=self.guidance_notes.toPlainText()
            )
        )
        # Follow-up and guidance side by side, each field under its label: the table keeps the height.
        forms = []
        for rows in (
            (
                (_("Søkt beløp (kr)"), self.applied, "amount_applied"),
                (_("Oppfølging"), self.follow_up, "follow_up"),
            ),
            (("", self.guidance, "guidance_offered"), ("", self.guidance_notes, "guidance_notes")),
        ):
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(2)
            for label, widget, field in rows:
                self.errors.add_row(form, label, widget, field)
            forms.append(form)
        self.follow_box = QWidget()
        follow_layout = QGridLayout(self.follow_box)
        follow_layout.setContentsMargins(0, 4, 0, 0)
        follow_layout.addWidget(self.selected, 0, 0, 1, 2)
        follow_layout.addLayout(forms[0], 1, 0)
        follow_layout.addLayout(forms[1], 1, 1)
        follow_layout.setColumnStretch(0, 1)
        follow_layout.setColumnStretch(1, 1)

        applications = QWidget()
        apps_layout = QVBoxLayout(applications)
        apps_layout.addLayout(row)
        apps_layout.addWidget(self.table, 1)
        apps_layout.addWidget(self.legend)
        apps_layout.addWidget(self.follow_box)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(applications, _("Søknader"))
        self.tabs.addTab(_scrolling(self.body), _("Runden"))
        self.body.removeWidget(self.heading)  # the heading stays over both tabs
        self.body.removeWidget(self.subtitle)
        outer = QVBoxLayout(self)
        outer.setSpacing(4)
        outer.addWidget(self.heading)
        outer.addWidget(self.subtitle)
        outer.addWidget(self.figures)
        outer.addWidget(self.tabs, 1)
        self._application_id: uuid.UUID | None = None

    # --- editing ----------------------------------------------------------------------------------------

    def _edit(self, text: str, **values: Any) -> bool:
        return self.commit(text, lambda db, v, ident=self.id: fund.update_round(db, ident, **v), values)

    def _edit_application(self, text: str, **values: Any) -> bool:
        application = self.current_application()
        if application is None:
            return False
        return self.commit(
            text.format(title=application.initiative_title),
            lambda db, v: fund.update_application(db, application.id, **v),
            values,
        )

    def new_application(self) -> None:
        if self.id is None:
            return
        made = self.actions.new_application(self.id)
        if made is not None:
            self.select_application(made)

    def _with_application(self, action: Callable[[fund.ApplicationView], Any]) -> None:
        application = self.current_application()
        if application is not None:
            action(application)

    def current_application(self) -> fund.ApplicationView | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def select_application(self, application_id: uuid.UUID) -> bool:
        row = self.model.row_of(application_id)
        if row < 0:
            return False
        self.tabs.setCurrentIndex(0)
        self.table.setCurrentIndex(self.model.index(row, ApplicationTableModel.LOCATION))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- loading ----------------------------------------------------------------------------------------

    def show_key(self, key: str) -> None:
        changed = key != self.key
        super().show_key(key)
        if changed:
            self.tabs.setCurrentIndex(0)

    def reload(self) -> None:
        v = self.view = fund.round_view(self.db, self.id)
        parts = [
            _("Søkerverksted {day}").format(day=format_date(v.applicant_workshop))
            if v.applicant_workshop
            else "",
            _("søknadsfrist {day}").format(day=format_date(v.deadline)) if v.deadline else "",
            _("vedtak {day}").format(day=format_date(v.decision_date)) if v.decision_date else "",
        ]
        subtitle = " · ".join(p for p in parts if p)
        self.set_heading(v.name, subtitle[:1].upper() + subtitle[1:])
        _set_text(self.name, v.name)
        _set_text(self.budget, kroner(v.budget))
        for field, edit in self.dates.items():
            edit.set_value(getattr(v, field))
        if self.notes.toPlainText() != v.notes:
            self.notes.setPlainText(v.notes)
        self.figures.show_overview(v.overview)
        keep = self._application_id
        self.model.set_rows(v.applications)
        self.tabs.setTabText(0, applications_tab_text(v.overview))
        if not (keep and self.select_application_quietly(keep)) and v.applications:
            self.table.setCurrentIndex(self.model.index(0, ApplicationTableModel.LOCATION))
        self._show_application()

    def select_application_quietly(self, application_id: uuid.UUID) -> bool:
        row = self.model.row_of(application_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, ApplicationTableModel.LOCATION))
        return row >= 0

    def _show_application(self) -> None:
        a = self.current_application()
        self._application_id = a.id if a is not None else None
        for widget in (self.score_button, self.decide_button, self.delete_button, self.follow_box):
            widget.setEnabled(a is not None)
        if a is None:
            self.selected.setText(_("Ingen søknader ennå. Legg til med «Ny søknad …» (Insert)."))
            self._set_notes("", "")
            _set_text(self.applied, "")
            self.guidance.setChecked(False)
            return
        granted = (
            f" · {kroner(a.amount_granted)}"
            if a.decision is FundDecision.GRANTED and a.amount_granted
            else ""
        )
        self.selected.setText(
            _("{title} – {location}, {cohort} · {decision}{granted}").format(
                title=a.initiative_title,
                location=a.location,
                cohort=a.cohort,
                decision=a.decision.label,
                granted=granted,
            )
        )
        self._set_notes(a.follow_up, a.guidance_notes)
        _set_text(self.applied, kroner(a.amount_applied))
        self.guidance.setChecked(a.guidance_offered)
        unfunded = a.decision is not FundDecision.GRANTED
        self.guidance.setEnabled(unfunded or a.guidance_offered)
        self.guidance_notes.setEnabled(unfunded or bool(a.guidance_notes))
        self.guidance.setToolTip(
            "" if unfunded else _("Søknaden er innvilget; veiledning følges opp under «Oppfølging».")
        )

    def _set_notes(self, follow_up: str, guidance: str) -> None:
        for edit, text in ((self.follow_up, follow_up), (self.guidance_notes, guidance)):
            if edit.toPlainText() != text:
                edit.setPlainText(text)
            edit.document().setModified(False)

    def leave(self) -> None:
        super().leave()
        self._application_id = None
