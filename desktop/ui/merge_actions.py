"""«Hent inn arbeid fra en kopi …»: bring another laptop's work into the register open here.

The facilitator chooses the folder of a copy (made on the other laptop with «Lagre en kopi av dataene …»).
The copy is read and compared on a background job; she is told what would come in (new, changed and
deleted things by kind) and says yes or no; the merge then runs on a background job, with the window held
meanwhile (nothing is edited while it writes). Afterwards every view reloads, and the undo history is
emptied (an undo could otherwise put back a state from before the merge); a backup taken just before the
merge is named in the message. The service (``desktop.services.merge_copy``) says what a merge does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.services.merge_copy import MergeResult, merge_copy, plan_merge
from desktop.ui.background import Job, run_with_progress
from desktop.ui.report_actions import ReportActions


class MergeActions(QObject):
    """One per open register (``MergeActions.of(context)``); the modal parts are ``ReportActions``'s."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.context = context
        self.last_job: Job | None = None

    @classmethod
    def of(cls, context) -> MergeActions:
        found = context.findChild(cls)
        return found if found is not None else cls(context)

    @property
    def _modal(self) -> ReportActions:
        return ReportActions.of(self.context)

    def merge(self, parent: QWidget, folder: str | Path | None = None) -> Job | None:
        """Choose a copy (unless ``folder`` is given), show what it would bring, and merge it on yes."""
        if self.last_job is not None and self.last_job.is_running():
            return None
        if self.context.live_run():
            self._modal.tell(
                parent,
                _("Kjøringen pågår"),
                _(
                    "Hent inn arbeid fra en kopi når samlingen er ferdig kjørt: sammenslåingen kan endre "
                    "tidsplanen som kjøres nå."
                ),
                warning=True,
            )
            return None
        if folder is None:
            folder = self._modal.choose_folder(parent, _("Velg mappen med kopien fra den andre maskinen"))
            if not folder:
                return None
        db, folder = self.context.db, Path(folder).expanduser()
        job = run_with_progress(
            parent,
            _("Leser kopien"),
            lambda report, _cancelled: plan_merge(db, folder, report),
            lambda plan: self._planned(parent, plan),
            lambda message: self._failed(parent, message),
            modal=True,
        )
        self.last_job = job
        return job

    def _failed(self, parent: QWidget, message: str) -> None:
        self._modal.tell(parent, _("Kopien kan ikke hentes inn"), message, warning=True)

    def _planned(self, parent: QWidget, plan: MergeResult) -> None:
        if plan.nothing:
            self._modal.tell(
                parent,
                _("Ingenting å hente inn"),
                _("Alt i kopien finnes allerede her."),
                plan.lines(),
            )
            return
        question = _(
            "Dette kommer inn fra kopien i {folder}. Det som er slettet der, slettes også her, om det "
            "ikke er endret her siden. En sikkerhetskopi av registeret tas først."
        ).format(folder=plan.source)
        if not self._modal.ask(
            parent, _("Hente inn arbeidet fra kopien?"), question, plan.lines(), yes=_("Hent inn")
        ):
            return
        db = self.context.db
        job = run_with_progress(
            parent,
            _("Henter inn arbeidet fra kopien"),
            lambda report, cancelled: merge_copy(db, plan.source, cancelled, report),
            lambda result: self._merged(parent, result),
            lambda message: self._failed(parent, message),
            modal=True,
        )
        self.last_job = job

    def _merged(self, parent: QWidget, result: MergeResult) -> None:
        if result.cancelled:
            self._modal.tell(parent, _("Avbrutt"), _("Ingenting er hentet inn; registeret er som før."))
            return
        self.context.undo_stack.clear()  # an undo now could put back a state from before the merge
        self.context.reload_kits()  # the colleague's own kits may have come along
        self.context.changed.emit()
        message = _("Arbeidet fra kopien er hentet inn.")
        if result.backup is not None:
            message += " " + _(
                "Registeret slik det var like før, ligger i {path}. Det du gjorde før dette, kan ikke "
                "lenger angres."
            ).format(path=result.backup)
        self._modal.tell(parent, _("Hentet inn"), message, result.lines())
