"""The register's user actions: each asks what it needs (a dialog), then runs one undoable command.

Menus, toolbar and page buttons all call these, so each action exists once.
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from desktop.domain.enums import ParticipantRole, SessionKind
from desktop.domain.fund import SCORE_MAX, Criterion, FundDecision, kroner
from desktop.domain.rules import format_date, format_time, same_name
from desktop.errors import LupError, ValidationError
from desktop.i18n import _
from desktop.services import cohorts, fund, groups, register, timeplan, views
from desktop.ui.commands import ChangeCommand, CreateCommand, DeleteCommand, ServiceCommand
from desktop.ui.context import AppContext, ask
from desktop.ui.navigator import node_key
from desktop.ui.widgets import (
    FormDialog,
    OptionalDate,
    choice_combo,
    combo_choice,
    date_edit,
    time_edit,
    to_date,
    to_time,
)

DELETABLE = {"cohort", "session", "group", "location", "facilitator", "fundround"}  # by navigator key kind


def _holdings_text(work: views.Holdings) -> str:
    """What a delete takes with it of the innovation work, said in the question (empty when nothing)."""
    if not work:
        return ""
    text = " " + _("Med det går også {n} innovasjonstiltak med gevinstplanene sine").format(
        n=work.initiatives
    )
    if work.applications:
        text += (
            _(", {n} søknader til innovasjonsfondet").format(n=work.applications)
            if work.applications != 1
            else _(", 1 søknad til innovasjonsfondet")
        )
    if work.granted:
        text += _(" (tildelt {granted})").format(granted=kroner(work.granted))
    return text + "."


class RegisterActions(QObject):
    created = Signal(str)  # navigator key of what an action just created

    def __init__(self, context: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.context = context
        self.parent_widget = parent_widget

    @property
    def db(self):
        return self.context.db

    def exec_dialog(self, dialog: FormDialog) -> bool:
        """Run a dialog modally (tests replace this to fill it in and press OK)."""
        return bool(dialog.exec())

    def run_dialog(self, dialog: FormDialog, make_command, key_of=None) -> ServiceCommand | None:
        """Show ``dialog``; on OK, ``make_command()`` builds the command, which is run and put on the undo
        stack; a refusal keeps the dialog open. Returns the stored command (None when cancelled)."""
        result: dict[str, ServiceCommand] = {}

        def accept() -> bool:
            command = make_command()
            command.first_run(self.db)  # raises ValidationError → shown at the field
            result["command"] = command
            return True

        dialog.accept_with = accept
        if not self.exec_dialog(dialog):
            return None
        command = result["command"]
        self.context.push_done(command)
        if key_of is not None:
            self.created.emit(key_of(command))
        return command

    def _ran(self, dialog: FormDialog, make_command, key_of=None) -> bool:
        return self.run_dialog(dialog, make_command, key_of) is not None

    # --- cohorts and sessions ---------------------------------------------------------------------------

    def new_cohort(self, programme_id: uuid.UUID) -> bool:
        dialog = FormDialog(self.parent_widget, _("Nytt kull"))
        name = dialog.add(_("Navn"), QLineEdit(), "name")
        name.setPlaceholderText(_("for eksempel {name}").format(name=next_cohort_name(self.db)))
        today = date.today()
        start = dialog.add(_("Start"), date_edit(today), "start_date")
        end = dialog.add(_("Slutt"), date_edit(today + timedelta(weeks=24)), "end_date")

        def command() -> CreateCommand:
            return CreateCommand(
                _("Nytt kull «{name}»").format(name=name.text().strip()),
                lambda db: cohorts.create_cohort(db, programme_id, name.text(), to_date(start), to_date(end)),
                cohorts.delete_cohort,
            )

        return self._ran(dialog, command, lambda c: node_key("cohort", c.created_id))

    def plan_session(self, cohort_id: uuid.UUID) -> bool:
        detail = views.cohort_detail(self.db, cohort_id)
        dialog = FormDialog(self.parent_widget, _("Planlegg samling i {cohort}").format(cohort=detail.name))
        kind = dialog.add(_("Type"), QComboBox(), "kind")
        for k in SessionKind:
            kind.addItem(k.label, k.value)
        kind.setCurrentIndex(1 if detail.sessions else 0)
        title = dialog.add(_("Tittel"), QLineEdit(), "title")
        title.setText(kind.currentText())
        kind.currentTextChanged.connect(
            lambda text: title.setText(text) if title.text() in {k.label for k in SessionKind} else None
        )
        day = dialog.add(
            _("Dato"), date_edit(max(detail.start_date, min(date.today(), detail.end_date))), "date"
        )
        start = dialog.add(_("Starter"), time_edit(time(9, 0)), "start_time")
        end = dialog.add(_("Slutter"), time_edit(time(15, 0)), "end_time")
        place = dialog.add(_("Sted"), QLineEdit(), "place")

        def command() -> CreateCommand:
            return CreateCommand(
                _("Planlegg samling «{title}»").format(title=title.text().strip()),
                lambda db: cohorts.plan_session(
                    db,
                    cohort_id,
                    SessionKind(kind.currentData()),
                    title.text(),
                    to_date(day),
                    to_time(start),
                    to_time(end),
                    place.text(),
                ),
                cohorts.delete_session,
            )

        return self._ran(dialog, command, lambda c: node_key("session", c.created_id))

    def plan_programme(self, cohort_id: uuid.UUID) -> bool:
        """All of a new cohort's sessions at once, from a kit's programme: dates spread over its period,
        each with its template's hours and plan (one undo step)."""
        from desktop.services import cohort_plan

        detail = views.cohort_detail(self.db, cohort_id)
        kits = [e.kit for e in self.context.kits() if e.kit is not None and e.kit.sequence]
        dialog = FormDialog(
            self.parent_widget, _("Samlingene i {cohort} fra arbeidspakken").format(cohort=detail.name)
        )
        kit_box = dialog.add(_("Arbeidspakke"), QComboBox(), "kit")
        for kit in kits:
            kit_box.addItem(kit.name)
        place = dialog.add(_("Sted"), QLineEdit(), "place")
        place.setPlaceholderText(_("for alle samlingene; kan endres for hver"))
        planned = QLabel()
        planned.setWordWrap(True)
        dialog.form.addRow(planned)

        def show_plan() -> None:
            if not kits:
                planned.setText(_("Ingen arbeidspakke har et program av samlinger."))
                return
            try:
                rows = cohort_plan.planned_programme(self.db, cohort_id, kits[kit_box.currentIndex()])
            except LupError as exc:
                planned.setText(exc.message)
                return
            planned.setText(
                "\n".join(
                    f"{format_date(day)}  {t.title} ("
                    + "–".join(format_time(h) for h in timeplan.template_hours(t))
                    + ")"
                    for day, t in rows
                )
                + "\n"
                + _("Datoene er forslag: endre dem på hver samling.")
            )

        kit_box.currentIndexChanged.connect(lambda _i: show_plan())
        show_plan()

        def command() -> CreateCommand:
            if not kits:
                raise ValidationError("kit", _("Ingen arbeidspakke har et program av samlinger."))
            kit = kits[kit_box.currentIndex()]
            return CreateCommand(
                _("Samlingene fra «{kit}»").format(kit=kit.name),
                lambda db: cohort_plan.plan_programme(db, cohort_id, kit, place.text()),
                cohort_plan.remove_sessions,
            )

        return self._ran(dialog, command, lambda c: node_key("sessions", cohort_id))

    # --- leader groups and participants ----------------------------------------------------------------

    def add_leader_group(self, cohort_id: uuid.UUID) -> bool:
        detail = views.cohort_detail(self.db, cohort_id)
        dialog = FormDialog(self.parent_widget, _("Ny ledergruppe i {cohort}").format(cohort=detail.name))
        location = dialog.add(
            _("Tjenestested"), choice_combo(views.free_locations(self.db, cohort_id)), "service_location"
        )
        location.setEditable(True)  # type to search among 180
        location.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        lead = dialog.add(
            _("Ansvarlig veileder"),
            choice_combo(views.facilitator_choices(self.db), None, _("(ingen)")),
            "lead_facilitator",
        )

        def command() -> CreateCommand:
            typed = location.currentText().strip()
            if not typed:
                why = _("Velg et tjenestested fra listen.")
            elif any(c.name.casefold() == typed.casefold() for c in views.free_locations(self.db, None)):
                why = _("«{name}» har allerede en ledergruppe i {cohort}.").format(
                    name=typed, cohort=detail.name
                )
            else:
                why = _(
                    "«{name}» er ikke registrert som tjenestested. Legg det til med "
                    "Fil → Nytt tjenestested …, og velg det her."
                ).format(name=typed)
                if location.findText(typed, Qt.MatchFlag.MatchFixedString) < 0 and ask(
                    self.parent_widget,
                    _("Nytt tjenestested?"),
                    _("«{name}» er ikke registrert som tjenestested. Registrere det nå?").format(name=typed),
                ):
                    self._register_typed_location(location, cohort_id, typed)
            location_id = combo_choice(location, "service_location", why)
            return CreateCommand(
                _("Ny ledergruppe {location} i {cohort}").format(
                    location=location.currentText(), cohort=detail.name
                ),
                lambda db: groups.add_leader_group(db, cohort_id, location_id, lead.currentData()),
                groups.remove_leader_group,
            )

        return self._ran(dialog, command, lambda c: node_key("group", c.created_id))

    def _register_typed_location(self, combo: QComboBox, cohort_id: uuid.UUID, typed: str) -> None:
        """A place typed in «Ny ledergruppe» and not registered: «Nytt tjenestested» with its name filled
        in (its own undo step); once made, it is the place chosen."""
        if not self.new_location(name=typed):
            return
        wanted = " ".join(typed.split()).casefold()
        made = next(
            (c for c in views.free_locations(self.db, cohort_id) if c.name.casefold() == wanted), None
        )
        if made is not None:
            combo.addItem(made.name, made.id)
            combo.setCurrentIndex(combo.count() - 1)

    def _participant_dialog(self, title: str, name_text="", email_text="", role=ParticipantRole.LEADER):
        dialog = FormDialog(self.parent_widget, title)
        name = dialog.add(_("Navn"), QLineEdit(name_text), "name")
        email = dialog.add(_("E-post"), QLineEdit(email_text or ""), "email")
        email.setPlaceholderText("navn@baerum.kommune.no")
        role_combo = dialog.add(_("Rolle"), QComboBox(), "role")
        for r in ParticipantRole:
            role_combo.addItem(r.label, r.value)
        role_combo.setCurrentIndex(role_combo.findData(ParticipantRole(role).value))
        return dialog, name, email, role_combo

    def add_participant(self, group_id: uuid.UUID) -> bool:
        dialog, name, email, role = self._participant_dialog(_("Ny deltaker"))

        def command() -> CreateCommand:
            _same_name(
                self.parent_widget,
                name.text(),
                [p.name for p in views.group_detail(self.db, group_id).participants],
                _("Det finnes allerede en deltaker som heter «{name}» i gruppen."),
            )
            return CreateCommand(
                _("Ny deltaker {name}").format(name=name.text().strip()),
                lambda db: groups.add_participant(
                    db, group_id, name.text(), email.text(), role.currentData()
                ),
                groups.remove_participant,
            )

        return self._ran(dialog, command)

    def edit_participant(self, person: views.ParticipantView) -> bool:
        dialog, name, email, role = self._participant_dialog(
            _("Endre deltaker"), person.name, person.email or "", person.role
        )

        def command() -> ChangeCommand:
            values = {"name": name.text(), "email": email.text(), "role": ParticipantRole(role.currentData())}
            return ChangeCommand(
                _("Endre deltaker {name}").format(name=person.name),
                lambda db, v: groups.update_participant(db, person.id, **v),
                values,
            )

        return self._ran(dialog, command)

    def move_participant(self, person: views.ParticipantView, from_group: uuid.UUID) -> bool:
        dialog = FormDialog(self.parent_widget, _("Flytt {name}").format(name=person.name))
        choices = [c for c in views.group_choices(self.db) if c.id != from_group]
        target = dialog.add(_("Til ledergruppe"), choice_combo(choices), "leader_group")
        target.setEditable(True)
        target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        def command() -> ChangeCommand:
            group_id = combo_choice(target, "leader_group", _("Velg en ledergruppe fra listen."))
            group_name = next(c.name for c in choices if c.id == group_id)
            return ChangeCommand(
                _("Flytt {name} til {group}").format(name=person.name, group=group_name),
                lambda db, v: groups.move_participant(db, person.id, v["leader_group_id"]),
                {"leader_group_id": group_id},
            )

        return self._ran(dialog, command)

    def remove_participant(self, person: views.ParticipantView) -> bool:
        return self.context.perform(
            DeleteCommand(
                _("Fjern deltaker {name}").format(name=person.name),
                lambda db: groups.remove_participant(db, person.id),
            )
        )

    # --- the register -----------------------------------------------------------------------------------

    def new_location(self, sector_id: uuid.UUID | None = None, name: str = "") -> bool:
        dialog = FormDialog(self.parent_widget, _("Nytt tjenestested"))
        name = dialog.add(_("Navn"), QLineEdit(name), "name")
        sector = dialog.add(
            _("Kommunalområde"), choice_combo(views.sector_choices(self.db), sector_id), "sector"
        )
        sector.setEditable(True)  # a new sector can be typed

        def command() -> CreateCommand:
            typed = sector.currentText().strip()
            known = sector.findText(typed, Qt.MatchFlag.MatchFixedString)
            sector_id = sector.itemData(known) if known >= 0 else None
            return CreateCommand(
                _("Nytt tjenestested «{name}»").format(name=name.text().strip()),
                lambda db: register.create_service_location(db, name.text(), sector_id, new_sector=typed),
                register.delete_service_location,
            )

        return self._ran(dialog, command, lambda c: node_key("location", c.created_id))

    def new_facilitator(self) -> bool:
        dialog = FormDialog(self.parent_widget, _("Ny veileder"))
        name = dialog.add(_("Navn"), QLineEdit(), "name")
        email = dialog.add(_("E-post"), QLineEdit(), "email")

        def command() -> CreateCommand:
            _same_name(
                self.parent_widget,
                name.text(),
                [c.name for c in views.facilitator_choices(self.db)],
                _("Det finnes allerede en veileder som heter «{name}»."),
            )
            return CreateCommand(
                _("Ny veileder {name}").format(name=name.text().strip()),
                lambda db: register.create_facilitator(db, name.text(), email.text()),
                register.delete_facilitator,
            )

        return self._ran(dialog, command, lambda c: node_key("facilitator", c.created_id))

    # --- deleting ---------------------------------------------------------------------------------------

    def delete(self, key: str) -> bool:
        """Delete what ``key`` names (asking first when it holds other things). Undoable."""
        kind, _sep, ident = key.partition(":")
        if not ident or kind not in DELETABLE:
            return False
        row_id = uuid.UUID(ident)
        if kind == "fundround":
            return self.delete_fund_round(row_id)
        undo_hint = _("Du kan angre med Ctrl+Z.")
        if kind == "cohort":
            d = views.cohort_detail(self.db, row_id)
            work = views.holdings(self.db, cohort_id=row_id)
            if (d.sessions or d.groups) and not ask(
                self.parent_widget,
                _("Slette kull?"),
                _("Slette {name} med {s} samlinger, {g} ledergrupper og {p} deltakere?").format(
                    name=d.name, s=d.sessions, g=d.groups, p=d.participants
                )
                + _holdings_text(work)
                + " "
                + undo_hint,
            ):
                return False
            command = DeleteCommand(
                _("Slett kull «{name}»").format(name=d.name), lambda db: cohorts.delete_cohort(db, row_id)
            )
        elif kind == "session":
            d = views.session_detail(self.db, row_id)
            command = DeleteCommand(
                _("Slett samling «{title}»").format(title=d.title),
                lambda db: cohorts.delete_session(db, row_id),
            )
        elif kind == "group":
            d = views.group_detail(self.db, row_id)
            work = views.holdings(self.db, group_id=row_id)
            if (d.participants or work) and not ask(
                self.parent_widget,
                _("Fjerne ledergruppe?"),
                _("Fjerne ledergruppen {name} i {cohort} med {n} deltakere?").format(
                    name=d.location_name, cohort=d.cohort_name, n=len(d.participants)
                )
                + _holdings_text(work)
                + " "
                + undo_hint,
            ):
                return False
            command = DeleteCommand(
                _("Fjern ledergruppe {name}").format(name=d.location_name),
                lambda db: groups.remove_leader_group(db, row_id),
            )
        elif kind == "location":
            d = views.location_detail(self.db, row_id)
            command = DeleteCommand(
                _("Slett tjenestested «{name}»").format(name=d.name),
                lambda db: register.delete_service_location(db, row_id),
            )
        else:
            d = views.facilitator_detail(self.db, row_id)
            command = DeleteCommand(
                _("Slett veileder {name}").format(name=d.name),
                lambda db: register.delete_facilitator(db, row_id),
            )
        return self.context.perform(command)

    # --- Oppdrift: the innovation fund's rounds and applications ----------------------------------------

    def new_fund_round(self) -> bool:
        dialog = FormDialog(self.parent_widget, _("Ny runde i innovasjonsfondet"))
        name = dialog.add(_("Navn"), QLineEdit(), "name", "title")
        name.setPlaceholderText(_("for eksempel Oppdrift våren 2020"))
        budget = dialog.add(_("Ramme (kr)"), QLineEdit(), "budget")
        budget.setPlaceholderText(_("for eksempel 1 000 000"))
        today = date.today()
        dates = {}
        for field, label, weeks in (
            ("info_workshop", _("Informasjonsverksted"), 4),
            ("applicant_workshop", _("Søkerverksted"), 8),
            ("deadline", _("Søknadsfrist"), 12),
            ("decision_date", _("Vedtaksdato"), 16),
        ):
            dates[field] = dialog.add(label, OptionalDate(label, today + timedelta(weeks=weeks)), field)

        def command() -> CreateCommand:
            values = {field: edit.value() for field, edit in dates.items()}
            return CreateCommand(
                _("Ny runde «{name}»").format(name=name.text().strip()),
                lambda db: fund.create_round(db, name.text(), budget.text(), **values),
                fund.delete_round,
            )

        return self._ran(dialog, command, lambda c: node_key("fundround", c.created_id))

    def delete_fund_round(self, round_id: uuid.UUID) -> bool:
        """Delete a round with its applications (asking first when it has any). Undoable."""
        view = fund.round_view(self.db, round_id)
        if view.applications and not ask(
            self.parent_widget,
            _("Slette runden?"),
            _("Slette {name} med {n} søknader? {hint}").format(
                name=view.name, n=len(view.applications), hint=_("Du kan angre med Ctrl+Z.")
            ),
        ):
            return False
        return self.context.perform(
            DeleteCommand(
                _("Slett runde «{name}»").format(name=view.name), lambda db: fund.delete_round(db, round_id)
            )
        )

    def new_application(self, round_id: uuid.UUID) -> uuid.UUID | None:
        """Ask for the initiative and the amount applied for; returns the new application's id."""
        view = fund.round_view(self.db, round_id)
        taken = {a.initiative_id for a in view.applications}
        choices = [c for c in fund.initiative_choices(self.db) if c.id not in taken]
        dialog = FormDialog(self.parent_widget, _("Ny søknad i {round}").format(round=view.name))
        initiative = dialog.add(_("Tiltak"), choice_combo(choices), "initiative")
        initiative.setEditable(True)  # type to search among some hundred initiatives
        initiative.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not choices:
            initiative.setPlaceholderText(_("Ingen tiltak uten søknad i runden"))
        amount = dialog.add(_("Søkt beløp (kr)"), QLineEdit(), "amount_applied")
        amount.setPlaceholderText(_("for eksempel 250 000"))

        def command() -> CreateCommand:
            initiative_id = combo_choice(initiative, "initiative", _("Velg et tiltak fra listen."))
            title = next(c.title for c in choices if c.id == initiative_id)
            return CreateCommand(
                _("Ny søknad «{title}»").format(title=title),
                lambda db: fund.create_application(db, round_id, initiative_id, amount.text()),
                fund.delete_application,
            )

        done = self.run_dialog(dialog, command)
        return done.created_id if done is not None else None

    def score_application(self, application: fund.ApplicationView) -> bool:
        """The council's five criteria, each 1–5 (or not scored yet)."""
        dialog = FormDialog(
            self.parent_widget, _("Vurdering av «{title}»").format(title=application.initiative_title)
        )
        spins: dict[Criterion, QSpinBox] = {}
        total = QLabel()

        def show_total() -> None:
            given = [s.value() for s in spins.values() if s.value()]
            total.setText(
                _("{sum} av {most} poeng").format(sum=sum(given), most=SCORE_MAX * len(spins))
                if given
                else _("Ikke vurdert ennå")
            )

        for criterion in Criterion:
            spin = QSpinBox()
            spin.setRange(0, SCORE_MAX)
            spin.setSpecialValueText(_("–"))  # 0: not scored yet
            spin.setValue(application.scores.get(criterion) or 0)
            spin.setToolTip(_("1 (svakt) til {most} (sterkt); – er ikke vurdert").format(most=SCORE_MAX))
            spin.valueChanged.connect(lambda _v: show_total())
            spins[criterion] = dialog.add(criterion.label, spin, criterion.value)
        dialog.add(_("Sum"), total)
        show_total()

        def command() -> ChangeCommand:
            values = {fund.SCORE_COLUMNS[c]: (spin.value() or None) for c, spin in spins.items()}
            return ChangeCommand(
                _("Vurdering av «{title}»").format(title=application.initiative_title),
                lambda db, v: fund.update_application(db, application.id, **v),
                values,
            )

        return self._ran(dialog, command)

    def decide_application(self, application: fund.ApplicationView) -> bool:
        """The council's decision and the amount granted, together: a grant is checked against the amount
        applied for and what is left of the round's budget, and refused at the field."""
        overview = fund.round_view(self.db, application.round_id).overview
        own = (application.amount_granted or 0) if application.decision is FundDecision.GRANTED else 0
        left = overview.left + own
        dialog = FormDialog(
            self.parent_widget, _("Vedtak for «{title}»").format(title=application.initiative_title)
        )
        facts = QLabel(
            _("Søkt: {applied} · Igjen av rammen: {left}").format(
                applied=kroner(application.amount_applied), left=kroner(max(0, left))
            )
        )
        dialog.add(_("Søknad"), facts)
        decision = dialog.add(_("Vedtak"), QComboBox(), "decision")
        for d in FundDecision:
            decision.addItem(d.label, d.value)
        decision.setCurrentIndex(decision.findData(application.decision.value))
        amount = dialog.add(_("Innvilget beløp (kr)"), QLineEdit(), "amount_granted")
        amount.setPlaceholderText(
            _("høyst {most}").format(most=kroner(min(application.amount_applied, left)))
        )
        if application.amount_granted:
            amount.setText(kroner(application.amount_granted))

        def follow_decision() -> None:
            granted = decision.currentData() == FundDecision.GRANTED.value
            amount.setEnabled(granted)
            if granted and not amount.text().strip():
                amount.setText(kroner(max(0, min(application.amount_applied, left))))

        decision.currentIndexChanged.connect(lambda _i: follow_decision())
        amount.setEnabled(application.decision is FundDecision.GRANTED)

        def command() -> ChangeCommand:
            chosen = FundDecision(decision.currentData())
            values = {
                "decision": chosen,
                "amount_granted": amount.text() if chosen is FundDecision.GRANTED else None,
            }
            return ChangeCommand(
                _("Vedtak for «{title}»: {decision}").format(
                    title=application.initiative_title, decision=chosen.label
                ),
                lambda db, v: fund.update_application(db, application.id, **v),
                values,
            )

        return self._ran(dialog, command)

    def delete_application(self, application: fund.ApplicationView) -> bool:
        """Delete an application after asking. Undoable."""
        if not ask(
            self.parent_widget,
            _("Slette søknaden?"),
            _("Slette søknaden fra {location} om «{title}»? {hint}").format(
                location=application.location,
                title=application.initiative_title,
                hint=_("Du kan angre med Ctrl+Z."),
            ),
        ):
            return False
        return self.context.perform(
            DeleteCommand(
                _("Slett søknad «{title}»").format(title=application.initiative_title),
                lambda db: fund.delete_application(db, application.id),
            )
        )


def _same_name(parent: QWidget, typed: str, names: list[str], there: str) -> None:
    """Two people may share a name, but a double Enter should not make two: a name already there is asked
    about; «Nei» refuses it at the name field (``there`` says where it is, with {name})."""
    if not typed.strip() or not any(same_name(n, typed) for n in names):
        return
    said = there.format(name=" ".join(typed.split()))
    if not ask(parent, _("Samme navn"), said + " " + _("Legge til likevel?")):
        raise ValidationError("name", said)


def next_cohort_name(db) -> str:
    """«LUP n» after the highest number among the cohorts named so (LUP 1 in a new register)."""
    import re

    numbers = [
        int(found.group(1))
        for node in views.load_tree(db).programmes
        for cohort in node.cohorts
        if (found := re.fullmatch(r"LUP\s*(\d+)", cohort.name.strip(), re.IGNORECASE))
    ]
    return f"LUP {max(numbers, default=0) + 1}"
