"""The workspace: one page per kind of navigator item, each a form that edits through undo commands.

Sessions and leader groups get a tab widget: "Detaljer" now, the tools (time plan, user journeys, ideas,
prototypes, initiatives) as further tabs from later issues. Pages reload from the register whenever it
changes, so they never poke each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import SessionKind
from desktop.domain.rules import format_date
from desktop.i18n import _
from desktop.services import cohorts, groups, register, views
from desktop.ui.actions import RegisterActions
from desktop.ui.commands import ChangeCommand
from desktop.ui.context import AppContext
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.widgets import (
    ID_ROLE,
    FacilitatorChecklist,
    FieldEdit,
    FieldErrors,
    button,
    date_edit,
    fill_choices,
    local_shortcut,
    time_edit,
    to_date,
    to_time,
)


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus (there is no Save)."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.commit_typing()

    def commit_typing(self) -> None:
        """Store what is typed (leaving the field, or the window before an undo or redo)."""
        if self.document().isModified():
            self.document().setModified(False)
            self.editingFinished.emit()


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _reports(page: Page):
    """The document actions (summaries, reports, worksheets) of the page's register."""
    from desktop.ui.report_actions import ReportActions

    return ReportActions.of(page.context)


class Page(QWidget):
    """A form for one item. ``show_key`` loads it; edits go through ``commit``."""

    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__()
        self.context = context
        self.actions = actions
        self.key = ""
        self.id: uuid.UUID | None = None
        self.errors = FieldErrors()
        self.heading = _title("")
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setStyleSheet("color: #4a4a4a; font-size: 11pt;")
        self.subtitle.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QHBoxLayout()
        self.body = QVBoxLayout()
        self.body.addWidget(self.heading)
        self.body.addWidget(self.subtitle)
        self.body.addLayout(self.form)
        self.body.addLayout(self.buttons)

    @property
    def db(self):
        return self.context.db

    def show_key(self, key: str) -> None:
        self.key = key
        ident = key.partition(":")[2]
        self.id = uuid.UUID(ident) if ident else None
        self.errors.clear()
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def set_heading(self, title: str, subtitle: str = "") -> None:
        self.heading.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))

    def commit(self, text: str, apply: Callable[[Any, Any], Any], value: Any) -> bool:
        if not self.key:
            return False  # a field losing focus as its page is put away: the page shows nothing now
        return self.context.perform(ChangeCommand(text, apply, value), self.errors)

    def leave(self) -> None:
        self.key = ""
        self.id = None

    def line(self, label: str, field: str, on_commit: Callable[[str], None]) -> QLineEdit:
        edit = FieldEdit()
        edit.editingFinished.connect(lambda: on_commit(edit.text()))
        self.errors.add_row(self.form, label, edit, field)
        return edit


def _set_text(edit: QLineEdit, text: str) -> None:
    # Always set: it also clears the field's own undo history, so Ctrl+Z then undoes the stored edit.
    edit.setText(text)


def _tabbed(page: Page, details: QWidget) -> QTabWidget:
    """The tab widget of a session or leader group, under the page's heading: "Detaljer" and the tools
    (time plan, and later user journeys, ideas, prototypes, initiatives)."""
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(details, _("Detaljer"))
    outer = QVBoxLayout(page)
    outer.addWidget(page.heading)  # moved out of the details: the heading stays over every tab
    outer.addWidget(page.subtitle)
    outer.addWidget(tabs, 1)
    return tabs


def _scrolling(layout: QVBoxLayout) -> QScrollArea:
    """``layout`` at the top of a scroll area (what is added to it later stays above the stretch)."""
    inner = QWidget()
    wrapper = QVBoxLayout(inner)
    wrapper.addLayout(layout)
    wrapper.addStretch(1)
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class SimplePage(Page):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scrolling(self.body))


class WelcomePage(SimplePage):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.heading.setText(_("Velkommen til LUP Verksted"))
        text = QLabel(
            _(
                "Velg et kull, en samling, en ledergruppe eller et tjenestested i navigatoren til venstre. "
                "Alt du endrer, lagres med en gang og kan angres med Ctrl+Z."
            )
        )
        text.setWordWrap(True)
        self.body.addWidget(text)

    def reload(self) -> None:
        pass


class ProgrammePage(Page):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.name = self.line(_("Navn"), "name", lambda v: self._edit(_("Endre navn på programmet"), name=v))
        self.description = CommitTextEdit()
        self.description.setMaximumHeight(120)
        self.description.editingFinished.connect(
            lambda: self._edit(
                _("Endre beskrivelse av programmet"), description=self.description.toPlainText()
            )
        )
        self.errors.add_row(self.form, _("Beskrivelse"), self.description, "description")
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.body.addWidget(self.figures)
        self.buttons.addWidget(button(_("Nytt kull …"), lambda: self.actions.new_cohort(self.id)))
        self.buttons.addStretch(1)
        from desktop.ui.dashboard import ProgrammeDashboard
        from desktop.ui.programme_overview import InnovationOverview

        self.tabs = _tabbed(self, _scrolling(self.body))
        self.dashboard = ProgrammeDashboard(context)
        self.dashboard.open_group.connect(self._open_initiatives)
        self.tabs.addTab(self.dashboard, _("Dashbord"))
        self.overview = InnovationOverview(context)
        self.tabs.addTab(self.overview, _("Idéer og prototyper"))

    def _open_initiatives(self, group_id: uuid.UUID) -> None:
        """A group picked on the dashboard (one without an initiative): open it at its initiatives."""
        self.actions.created.emit(f"group:{group_id}")  # the navigator selects it, the workspace shows it
        workspace = self.parentWidget()
        page = workspace.current_page() if isinstance(workspace, Workspace) else None
        if isinstance(page, GroupPage) and page.id == group_id:
            page.tabs.setCurrentWidget(page.initiatives)

    def _edit(self, text: str, **values: Any) -> None:
        self.commit(text, lambda db, v, ident=self.id: cohorts.update_programme(db, ident, **v), values)

    def reload(self) -> None:
        d = views.programme_detail(self.db, self.id)
        self.overview.set_programme(self.id)
        self.dashboard.set_programme(self.id)
        self.heading.setText(d.name)
        _set_text(self.name, d.name)
        if self.description.toPlainText() != d.description:
            self.description.setPlainText(d.description)
        f = views.stats(self.db)
        self.figures.setText(
            _(
                "{cohorts} kull · {groups} ledergrupper · {participants} deltakere · {sessions} samlinger\n"
                "{done} av {locations} tjenestesteder har fullført et kull."
            ).format(
                cohorts=f["cohorts"],
                groups=f["leader_groups"],
                participants=f["participants"],
                sessions=f["sessions"],
                done=f["service_locations_completed"],
                locations=f["service_locations"],
            )
        )


class CohortPage(SimplePage):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.name = self.line(_("Navn"), "name", self._rename)
        self.start = date_edit()
        self.end = date_edit()
        for edit, field, label in (
            (self.start, "start_date", _("Start")),
            (self.end, "end_date", _("Slutt")),
        ):
            edit.editingFinished.connect(lambda e=edit, f=field: self._date(f, to_date(e)))
            edit.calendarWidget().clicked.connect(lambda _d, e=edit, f=field: self._date(f, to_date(e)))
            self.errors.add_row(self.form, label, edit, field)
        self.facilitators = FacilitatorChecklist()
        self.facilitators.edited.connect(self._facilitators)
        self.errors.add_row(self.form, _("Veiledere"), self.facilitators, "facilitators")
        self.summary = QLabel()
        self.body.addWidget(self.summary)
        self.programme_button = button(
            _("Samlingene fra arbeidspakken …"),
            lambda: self.actions.plan_programme(self.id),
            _("Alle samlingene i kullet på en gang: datoer spredt over perioden, tidsplanene fra malene"),
        )
        self.buttons.addWidget(self.programme_button)
        self.buttons.addWidget(button(_("Planlegg samling …"), lambda: self.actions.plan_session(self.id)))
        self.buttons.addWidget(button(_("Ny ledergruppe …"), lambda: self.actions.add_leader_group(self.id)))
        self.buttons.addWidget(
            button(_("Kullrapport (PDF) …"), lambda: _reports(self).cohort_report(self, self.id))
        )
        self.buttons.addWidget(
            button(_("Eksporter alle ledergrupper …"), lambda: _reports(self).export_cohort(self, self.id))
        )
        self.buttons.addStretch(1)
        self.buttons.addWidget(button(_("Slett kull …"), lambda: self.actions.delete(self.key)))
        self._name = ""

    def _rename(self, value: str) -> None:
        self.commit(
            _("Gi nytt navn til kull «{name}»").format(name=self._name),
            lambda db, v, ident=self.id: cohorts.update_cohort(db, ident, **v),
            {"name": value},
        )

    def _date(self, field: str, value) -> None:
        label = _("Endre startdato for {name}") if field == "start_date" else _("Endre sluttdato for {name}")
        self.commit(
            label.format(name=self._name),
            lambda db, v, ident=self.id: cohorts.update_cohort(db, ident, **v),
            {field: value},
        )

    def _facilitators(self, ids: list[uuid.UUID]) -> None:
        self.commit(
            _("Endre veiledere for {name}").format(name=self._name),
            lambda db, v, ident=self.id: cohorts.assign_cohort_facilitators(db, ident, v),
            ids,
        )

    def reload(self) -> None:
        d = views.cohort_detail(self.db, self.id)
        self._name = d.name
        self.set_heading(d.name, f"{format_date(d.start_date)} – {format_date(d.end_date)}")
        _set_text(self.name, d.name)
        for edit, value in ((self.start, d.start_date), (self.end, d.end_date)):
            edit.blockSignals(True)
            edit.setDate(value)
            edit.blockSignals(False)
        self.facilitators.set_choices(views.facilitator_choices(self.db), d.facilitator_ids)
        self.summary.setText(
            _("{s} samlinger · {g} ledergrupper · {p} deltakere").format(
                s=d.sessions, g=d.groups, p=d.participants
            )
        )
        self.programme_button.setVisible(self._programme_missing(d.id))

    def _programme_missing(self, cohort_id: uuid.UUID) -> bool:
        """Whether a kit's programme has sessions the cohort does not have yet (the button makes them)."""
        from desktop.errors import LupError
        from desktop.services import cohort_plan

        for entry in self.context.kits():
            if entry.kit is not None and entry.kit.sequence:
                try:
                    if cohort_plan.planned_programme(self.db, cohort_id, entry.kit):
                        return True
                except LupError:
                    return True  # the dialog says why (a period too short)
        return False


class SessionPage(Page):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.kind = QComboBox()
        for k in SessionKind:
            self.kind.addItem(k.label, k.value)
        self.kind.activated.connect(
            lambda _i: self._edit(_("Endre type samling"), kind=SessionKind(self.kind.currentData()))
        )
        self.errors.add_row(self.form, _("Type"), self.kind, "kind")
        self.title = self.line(
            _("Tittel"), "title", lambda v: self._edit(_("Endre tittel på samling"), title=v)
        )
        self.day = date_edit()
        self.day.editingFinished.connect(lambda: self._edit(_("Flytt samling"), date=to_date(self.day)))
        self.day.calendarWidget().clicked.connect(
            lambda _d: self._edit(_("Flytt samling"), date=to_date(self.day))
        )
        self.errors.add_row(self.form, _("Dato"), self.day, "date")
        self.start = time_edit()
        self.start.editingFinished.connect(
            lambda: self._edit(_("Endre starttid"), start_time=to_time(self.start))
        )
        self.errors.add_row(self.form, _("Starter"), self.start, "start_time")
        self.end = time_edit()
        self.end.editingFinished.connect(lambda: self._edit(_("Endre sluttid"), end_time=to_time(self.end)))
        self.errors.add_row(self.form, _("Slutter"), self.end, "end_time")
        self.place = self.line(_("Sted"), "place", lambda v: self._edit(_("Endre sted"), place=v))
        self.facilitators = FacilitatorChecklist()
        self.facilitators.edited.connect(
            lambda ids: self.commit(
                _("Endre veiledere for samling"),
                lambda db, v, ident=self.id: cohorts.assign_session_facilitators(db, ident, v),
                ids,
            )
        )
        self.errors.add_row(self.form, _("Veiledere"), self.facilitators, "facilitators")
        self.buttons.addWidget(button(_("Arbeidsark …"), lambda: _reports(self).worksheets(self, self.id)))
        self.buttons.addStretch(1)
        self.buttons.addWidget(button(_("Slett samling"), lambda: self.actions.delete(self.key)))
        self.tabs = _tabbed(self, _scrolling(self.body))
        from desktop.ui.timeplan_editor import TimePlanEditor

        self.plan_editor = TimePlanEditor(context)
        self.tabs.insertTab(0, self.plan_editor, _("Tidsplan"))
        self.run_panel = None
        if context.runner_factory is not None:
            from desktop.ui.run_mode import RunPanel

            self.run_panel = RunPanel(context.runner)
            self.tabs.insertTab(1, self.run_panel, _("Kjøring"))
            self.plan_editor.run_requested.connect(self.start_run)
        from desktop.ui.guide import ChecklistPanel

        self.checklist = ChecklistPanel(context)
        self.tabs.insertTab(
            self.tabs.indexOf(self.plan_editor) + (2 if self.run_panel else 1),
            self.checklist,
            _("Sjekkliste"),
        )
        from desktop.ui.photo_panel import PhotoPanel

        self.photos = PhotoPanel(context, actions)
        self.tabs.addTab(self.photos, _("Bilder"))
        self.tabs.setCurrentIndex(0)

    def _edit(self, text: str, **values: Any) -> None:
        self.commit(text, lambda db, v, ident=self.id: cohorts.update_session(db, ident, **v), values)

    def start_run(self, session_id: uuid.UUID) -> None:
        """Open the run tab on this session's plan (the run itself starts with P / Start)."""
        if self.context.runner.load(session_id):
            self.tabs.setCurrentWidget(self.run_panel)

    def reload(self) -> None:
        d = views.session_detail(self.db, self.id)
        self.set_heading(d.title, f"{d.cohort_name} · {d.kind.label} · {format_date(d.date)}")
        self.plan_editor.load(d.id)
        self.checklist.load(d.id)
        self.photos.set_target(session_id=d.id)
        if self.run_panel is not None:
            self.run_panel.load(d.id)
        self.kind.setCurrentIndex(self.kind.findData(d.kind.value))
        _set_text(self.title, d.title)
        _set_text(self.place, d.place)
        for edit, value in ((self.day, d.date), (self.start, d.start_time), (self.end, d.end_time)):
            edit.blockSignals(True)
            edit.setDate(value) if edit is self.day else edit.setTime(value)
            edit.blockSignals(False)
        self.facilitators.set_choices(views.facilitator_choices(self.db), d.facilitator_ids)


class GroupPage(Page):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        columns = (_("Navn"), _("E-post"), _("Rolle"))
        self.lead = QComboBox()
        self.lead.activated.connect(
            lambda _i: self.commit(
                _("Endre ansvarlig veileder"),
                lambda db, v, ident=self.id: groups.set_lead_facilitator(db, ident, v),
                self.lead.currentData(),
            )
        )
        self.errors.add_row(self.form, _("Ansvarlig veileder"), self.lead, "lead_facilitator")
        self.people = QTableWidget(0, len(columns))
        self.people.setHorizontalHeaderLabels(list(columns))
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().hide()
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setAccessibleName(_("Deltakere"))
        self.people.doubleClicked.connect(lambda _i: self._with_person(self.actions.edit_participant))
        local_shortcut(
            QKeySequence.StandardKey.Delete,
            self.people,
            lambda: self._with_person(self.actions.remove_participant),
        )
        local_shortcut(Qt.Key.Key_Insert, self.people, lambda: self.actions.add_participant(self.id))
        self.people_label = QLabel()
        self.body.addWidget(self.people_label)
        self.body.addWidget(self.people, 1)
        row = FlowLayout()  # wraps on a narrow window
        row.addWidget(button(_("Ny deltaker …"), lambda: self.actions.add_participant(self.id), "Insert"))
        row.addWidget(button(_("Endre …"), lambda: self._with_person(self.actions.edit_participant)))
        row.addWidget(
            button(
                _("Flytt til annen gruppe …"),
                lambda: self._with_person(lambda p: self.actions.move_participant(p, self.id)),
            )
        )
        row.addWidget(
            button(_("Fjern deltaker"), lambda: self._with_person(self.actions.remove_participant), "Delete")
        )
        row.add_stretching(QWidget())  # the group's own actions to the right
        row.addWidget(button(_("Oppsummering (PDF) …"), lambda: _reports(self).group_summary(self, self.id)))
        row.addWidget(button(_("Fjern ledergruppe …"), lambda: self.actions.delete(self.key)))
        self.body.addLayout(row)
        details = QWidget()
        details.setLayout(self.body)  # no scrolling: the participant table takes the height
        self.tabs = _tabbed(self, details)
        from desktop.ui.idea_panel import IdeaPanel
        from desktop.ui.initiative_panel import InitiativePanel
        from desktop.ui.journey_panel import JourneyPanel
        from desktop.ui.prototype_panel import PrototypePanel

        self.journeys = JourneyPanel(context, actions)
        self.tabs.addTab(self.journeys, _("Brukerreiser"))
        self.ideas = IdeaPanel(context, actions)
        self.tabs.addTab(self.ideas, _("Idéer"))
        self.prototypes = PrototypePanel(context, actions)
        self.tabs.addTab(self.prototypes, _("Prototyper"))
        self.initiatives = InitiativePanel(context, actions)
        self.tabs.addTab(self.initiatives, _("Tiltak og gevinster"))
        from desktop.ui.photo_panel import PhotoPanel

        self.photos = PhotoPanel(context, actions)
        self.tabs.addTab(self.photos, _("Bilder"))
        self.journeys.editor.ideas_enabled = True
        self.journeys.editor.card_to_idea.connect(self.ideas.add_from_card)
        self.ideas.make_prototype.connect(self._new_prototype)
        self._people: list[views.ParticipantView] = []

    def _new_prototype(self, idea_id: uuid.UUID, idea_text: str) -> None:
        """ "Lag prototype" on an idea: ask for its name and kind, then show it in the Prototyper tab."""
        from desktop.ui.prototype_panel import new_prototype

        made = new_prototype(self, self.context, self.actions, self.id, idea_id, idea_text)
        if made is not None:
            self.tabs.setCurrentWidget(self.prototypes)
            self.prototypes.show_prototype(made)

    def _with_person(self, action: Callable[[views.ParticipantView], Any]) -> None:
        row = self.people.currentRow()
        if 0 <= row < len(self._people):
            action(self._people[row])

    def reload(self) -> None:
        d = views.group_detail(self.db, self.id)
        self.set_heading(d.location_name, f"{d.cohort_name} · {d.sector_name}")
        self.journeys.load(d.id)
        self.ideas.set_group(d.id, d.location_name)
        self.prototypes.set_group(d.id)
        self.initiatives.set_group(d.id)
        self.photos.set_target(group_id=d.id)
        fill_choices(self.lead, views.facilitator_choices(self.db), d.lead_facilitator_id, _("(ingen)"))
        current = (
            self._people[self.people.currentRow()].id
            if 0 <= self.people.currentRow() < len(self._people)
            else None
        )
        self._people = list(d.participants)
        self.people.setRowCount(len(self._people))
        for row, person in enumerate(self._people):
            for column, text in enumerate((person.name, person.email or "", person.role.label)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, person.id)
                self.people.setItem(row, column, item)
            if person.id == current:
                self.people.selectRow(row)
        self.people_label.setText(_("Deltakere ({n})").format(n=len(self._people)))


class LocationPage(SimplePage):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.name = self.line(
            _("Navn"), "name", lambda v: self._edit(_("Gi nytt navn til tjenestested"), name=v)
        )
        self.sector = QComboBox()
        self.sector.activated.connect(
            lambda _i: self._edit(_("Flytt til annet kommunalområde"), sector_id=self.sector.currentData())
        )
        self.errors.add_row(self.form, _("Kommunalområde"), self.sector, "sector_id")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.body.addWidget(self.history)
        self.buttons.addStretch(1)
        self.buttons.addWidget(button(_("Slett tjenestested"), lambda: self.actions.delete(self.key)))

    def _edit(self, text: str, **values: Any) -> None:
        self.commit(
            text, lambda db, v, ident=self.id: register.update_service_location(db, ident, **v), values
        )

    def reload(self) -> None:
        d = views.location_detail(self.db, self.id)
        self.heading.setText(d.name)
        _set_text(self.name, d.name)
        fill_choices(self.sector, views.sector_choices(self.db), d.sector_id, None)
        cohorts_text = ", ".join(name for _gid, name in d.groups)
        self.history.setText(
            _("Deltatt i: {cohorts}").format(cohorts=cohorts_text)
            if d.groups
            else _("Har ikke deltatt i et kull ennå.")
        )


class FacilitatorPage(SimplePage):
    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.name = self.line(_("Navn"), "name", lambda v: self._edit(_("Endre navn på veileder"), name=v))
        self.email = self.line(
            _("E-post"), "email", lambda v: self._edit(_("Endre e-post for veileder"), email=v)
        )
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.body.addWidget(self.history)
        self.buttons.addStretch(1)
        self.buttons.addWidget(button(_("Slett veileder"), lambda: self.actions.delete(self.key)))

    def _edit(self, text: str, **values: Any) -> None:
        self.commit(text, lambda db, v, ident=self.id: register.update_facilitator(db, ident, **v), values)

    def reload(self) -> None:
        d = views.facilitator_detail(self.db, self.id)
        self.heading.setText(d.name)
        _set_text(self.name, d.name)
        _set_text(self.email, d.email or "")
        self.history.setText(
            _("Kull: {cohorts}\nAnsvarlig for {n} ledergrupper.").format(
                cohorts=", ".join(d.cohorts) or "–", n=d.lead_groups
            )
        )


class FolderPage(SimplePage):
    """The folders of the navigator: a short explanation and the action that fills them."""

    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__(context, actions)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.body.addWidget(self.text)
        self.action_button = button("", self._act)
        self.buttons.addWidget(self.action_button)
        self.buttons.addStretch(1)

    def _act(self) -> None:
        kind = self.key.partition(":")[0]
        if kind == "sessions":
            self.actions.plan_session(self.id)
        elif kind == "groups":
            self.actions.add_leader_group(self.id)
        elif kind in {"locations", "sector"}:
            self.actions.new_location(self.id if kind == "sector" else None)
        elif kind == "facilitators":
            self.actions.new_facilitator()

    def reload(self) -> None:
        kind = self.key.partition(":")[0]
        texts = {
            "sessions": (
                _("Samlinger"),
                _("Kullets samlinger: oppstart, arbeidssamlinger og avslutning."),
                _("Planlegg samling …"),
            ),
            "groups": (
                _("Ledergrupper"),
                _("Hvert tjenestested deltar med ledergruppen og ildsjeler."),
                _("Ny ledergruppe …"),
            ),
            "locations": (
                _("Tjenestesteder"),
                _("Kommunens tjenestesteder, ordnet etter kommunalområde."),
                _("Nytt tjenestested …"),
            ),
            "sector": (
                _("Kommunalområde"),
                _("Tjenestestedene i dette kommunalområdet."),
                _("Nytt tjenestested …"),
            ),
            "facilitators": (
                _("Veiledere"),
                _("Veilederne som planlegger, foreleser og veileder i LUP."),
                _("Ny veileder …"),
            ),
        }
        heading, text, action = texts.get(kind, ("", "", ""))
        self.heading.setText(heading)
        self.text.setText(text)
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action))


def _fund_page(name: str, context: AppContext, actions: RegisterActions) -> Page:
    """Oppdrift's pages (desktop.ui.fund_pages builds on this module, so it is imported when needed)."""
    from desktop.ui import fund_pages

    return getattr(fund_pages, name)(context, actions)


class Workspace(QStackedWidget):
    """Shows the page for the selected navigator key."""

    PAGES = {
        "programme": ProgrammePage,
        "cohort": CohortPage,
        "session": SessionPage,
        "group": GroupPage,
        "location": LocationPage,
        "facilitator": FacilitatorPage,
        "sessions": FolderPage,
        "groups": FolderPage,
        "locations": FolderPage,
        "sector": FolderPage,
        "facilitators": FolderPage,
        "fundrounds": lambda c, a: _fund_page("FundRoundsPage", c, a),
        "fundround": lambda c, a: _fund_page("FundRoundPage", c, a),
    }

    def __init__(self, context: AppContext, actions: RegisterActions) -> None:
        super().__init__()
        self.context = context
        self.actions = actions
        self.welcome = WelcomePage(context, actions)
        self.addWidget(self.welcome)
        self.pages: dict[type, Page] = {}  # built when first needed: start-up shows one page
        self._start: QWidget | None = None
        context.changed.connect(self.reload)

    def page(self, cls: type[Page]) -> Page:
        if cls not in self.pages:
            self.pages[cls] = cls(self.context, self.actions)
            self.addWidget(self.pages[cls])
        return self.pages[cls]

    def start_page(self) -> QWidget:
        """The facilitator's start page (her next sessions, today's one click from running)."""
        if self._start is None:
            from desktop.ui.guide import StartPage

            window = self.actions.parent_widget
            self._start = StartPage(
                self.context, window.settings, window.open_session, window.run_session, actions=self.actions
            )
            self.addWidget(self._start)
        return self._start

    def show_key(self, key: str) -> None:
        kind = key.partition(":")[0]
        if kind == "start":
            previous = self.current_page()
            if isinstance(previous, Page):
                previous.leave()
            built = self._start is not None
            page = self.start_page()
            if built:
                page.reload()  # a new one has just loaded itself
            self.setCurrentWidget(page)
            return
        cls = self.PAGES.get(kind)
        page = self.page(cls) if cls else self.welcome
        previous = self.current_page()
        if previous is not page and isinstance(previous, Page) and previous is not self.welcome:
            previous.leave()
        if page is not self.welcome:
            page.show_key(key)
        self.setCurrentWidget(page)

    def current_page(self) -> Page:
        return self.currentWidget()

    def reload(self) -> None:
        page = self.current_page()
        if not isinstance(page, Page) or page is self.welcome or not page.key:
            return  # the start page reloads itself
        from desktop.errors import NotFoundError

        try:
            page.reload()
        except NotFoundError:
            self.show_key("")  # what was shown is gone; the navigator selects what is left
