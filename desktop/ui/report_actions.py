"""The documents in the app: a leader group's summary, the cohort report, a cohort's export, worksheets.

Each action gathers what it needs, builds the PDF on a background ``Job`` (the window stays responsive:
a group's final summary takes about a third of a second, a cohort's export many seconds) and shows it in
``PdfPreview``, from where it is printed (the system's print dialog) or saved elsewhere.

- Previews are built into ``<data folder>/exports/``, named as the document would be saved; files there
  that no open preview shows are removed before the next build, so the folder never grows.
- Warnings (a photo that is missing or can't be read, text that did not fit a worksheet) are shown as a
  line over the preview's pages, never as an error box: the document was made.
- "Eksporter alle ledergrupper …" writes the cohort report and one final summary per leader group, named
  after the cohort and the service location ("LUP 4 – Capralhaugen BBS.pdf"), into a folder the facilitator
  chooses; files of those names already there are replaced only when she says so (``ask``). Progress per
  group, and Cancel stops after the current group and keeps what was finished. A folder that can't be
  written is said at once.
- "Arbeidsark …" puts the chosen worksheets of a session's kit into ONE PDF (one preview, one print
  dialog, one job at the printer): every sheet keeps its own paper size and orientation, A4 sheets come
  first and A3 sheets last, and the preview names the A3 pages so they can be printed on A3 paper as a
  range. Pre-filled versions (journey maps, prototype cards, benefit plans) are made for every leader group
  of the cohort that has something to fill in; the time-plan handout is filled in for the session.

One ``ReportActions`` per open register (``ReportActions.of(context)``): the pages' buttons and the main
window's File menu call the same methods. The worker only reads the database (SQLAlchemy's pool gives the
thread its own connection).
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.kit import Orientation
from desktop.errors import DiskFullError, LupError
from desktop.i18n import _
from desktop.ui.background import Job, run_with_progress
from desktop.ui.settings import documents_folder, remember_folder
from desktop.ui.widgets import FormDialog

EXPORTS = "exports"  # the preview files' folder inside the data folder
NOTE_LINES = 4  # warnings shown over the preview's pages; all of them in the tooltip
NOTE_STYLE = "color: #8a4b00; background: #fff4e0; padding: 4px 8px; border-radius: 3px;"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")),
}


def safe_file_name(name: str, fallback: str = "dokument", limit: int = 100) -> str:
    """``name`` as a file name any system and USB stick accepts: no path or reserved characters, no
    trailing dots or spaces, not a reserved device name (Windows: the part before the first dot, spaces
    at its end ignored, in any case), at most ``limit`` characters, one Unicode form (macOS would take «Å»
    written two ways as one name). Norwegian and Sámi letters stay."""
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .-")[:limit].rstrip(" .")
    if not cleaned:
        cleaned = fallback
    stem, dot, rest = cleaned.partition(".")
    if stem.rstrip(" ").upper() in _RESERVED:
        cleaned = f"{stem.rstrip(' ')}-{dot}{rest}"
    return cleaned


def _unique(name: str, taken: set[str]) -> str:
    """``name`` + ".pdf", with " (2)", " (3)" … when another file of this run has that name already
    (case-insensitive, as on Windows and macOS)."""
    candidate, n = f"{name}.pdf", 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name} ({n}).pdf"
    taken.add(candidate.casefold())
    return candidate


@dataclass(frozen=True)
class Built:
    """A document made for the preview."""

    path: Path
    title: str
    notes: tuple[str, ...] = ()  # warnings and hints, one line each


@dataclass
class ExportResult:
    folder: Path
    total: int  # documents planned: the cohort report and one per group
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    error: str = ""  # why it stopped early (a full disk), "" when it did not
    failed: list[str] = field(default_factory=list)  # documents that could not be written, and why


# --- worksheets as one document --------------------------------------------------------------------------


def _page_ranges(numbers: Sequence[int]) -> str:
    """[3, 4, 5, 8] → "3–5, 8"."""
    parts: list[str] = []
    for n in numbers:
        if parts and parts[-1][1] == n - 1:
            parts[-1] = (parts[-1][0], n)
        else:
            parts.append((n, n))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in parts)


# --- dialogs -----------------------------------------------------------------------------------------------


class WorksheetDialog(QDialog):
    """The kit's worksheets to tick for a session; "forhåndsutfylt" where a pre-filled version exists."""

    def __init__(
        self,
        parent: QWidget | None,
        kit,
        session_title: str,
        chosen: set[str],
        have_data: dict[str, int],
        groups: int,
    ) -> None:
        from desktop.reports import worksheets as ws

        super().__init__(parent)
        self.setWindowTitle(_("Arbeidsark for {session}").format(session=session_title))
        self.kit = kit
        intro = QLabel(
            _(
                "Fra arbeidspakken «{kit}». Arkene samles i én PDF du ser før utskrift; "
                "A4-arkene kommer først, A3-arkene sist."
            ).format(kit=kit.name)
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(18)
        self.sheets: dict[str, QCheckBox] = {}
        self.filled: dict[str, QCheckBox] = {}
        per = {
            "group": _("per ledergruppe"),
            "participant": _("per deltaker"),
            "session": _("én for samlingen"),
        }
        for row, sheet in enumerate(kit.worksheets):
            box = QCheckBox(sheet.title)
            box.setChecked(sheet.id in chosen)
            box.setToolTip(sheet.description)
            self.sheets[sheet.id] = box
            grid.addWidget(box, row, 0)
            landscape = sheet.orientation == Orientation.LANDSCAPE
            paper = f"{sheet.paper.value} {_('liggende') if landscape else _('stående')}"
            about = QLabel(" · ".join(part for part in (paper, per.get(sheet.per, "")) if part))
            about.setStyleSheet("color: #5f6b76;")
            grid.addWidget(about, row, 1)
            kind = ws.kind_of(sheet)
            filled = None
            if kind in (ws.TIMEPLAN, ws.RUNSHEET):
                filled = QCheckBox(_("forhåndsutfylt for denne samlingen"))
                filled.setChecked(True)
                filled.setToolTip(
                    _("Samlingens tidsplan med klokkeslett; uten: alle samlingsmalene i pakken")
                )
            elif kind in PREFILLED:
                n = have_data.get(kind, 0)
                filled = QCheckBox(
                    _("forhåndsutfylt for hver ledergruppe ({n} av {groups} har innhold)").format(
                        n=n, groups=groups
                    )
                )
                filled.setToolTip(
                    _("{n} av {groups} ledergrupper har noe å fylle inn; de andre får et blankt ark.").format(
                        n=n, groups=groups
                    )
                    if n
                    else _("Ingen ledergruppe i kullet har noe å fylle inn ennå.")
                )
                filled.setChecked(False)
                filled.setProperty("available", bool(n))
            if filled is not None:
                self.filled[sheet.id] = filled
                grid.addWidget(filled, row, 2)
                box.toggled.connect(lambda _on, sid=sheet.id: self._update(sid))
            box.toggled.connect(lambda _on: self._update_ok())
        for sheet_id in self.filled:
            self._update(sheet_id)
        inner = QWidget()
        inner.setLayout(grid)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setMinimumWidth(inner.sizeHint().width())  # scroll down a long kit, never sideways
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Lag PDF"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(area, 1)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.resize(max(900, self.sizeHint().width()), min(640, 150 + 36 * len(kit.worksheets)))

    def _update(self, sheet_id: str) -> None:
        filled = self.filled[sheet_id]
        available = filled.property("available") is not False
        filled.setEnabled(self.sheets[sheet_id].isChecked() and available)

    def _update_ok(self) -> None:
        self.ok.setEnabled(any(box.isChecked() for box in self.sheets.values()))

    def choices(self) -> list[tuple[str, bool]]:
        """The ticked sheets in the kit's order, each with whether it is to be pre-filled."""
        return [
            (
                sheet_id,
                bool(
                    self.filled.get(sheet_id)
                    and self.filled[sheet_id].isEnabled()
                    and self.filled[sheet_id].isChecked()
                ),
            )
            for sheet_id, box in self.sheets.items()
            if box.isChecked()
        ]


# The kinds of worksheet (``worksheets.kind_of``) that can be pre-filled from a leader group's work. Plain
# strings, so that importing this module (with the pages, at start-up) does not load ReportLab.
PREFILLED = frozenset({"journey", "prototype", "benefits"})


# --- the actions -------------------------------------------------------------------------------------------


class ReportActions(QObject):
    """The document actions of one open register. Tests replace ``exec_dialog``, ``choose_folder``, ``ask``
    and ``tell`` (the modal parts) and read ``previews`` and ``last_job``."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.context = context
        self.previews: list = []  # open PdfPreview windows
        self.last_job: Job | None = None
        self._busy: Job | None = None  # a preview being built (one at a time)
        self._export: Job | None = None
        self._copy: Job | None = None  # a copy of the data being saved
        self._sheets: Job | None = None  # spreadsheets being written
        self._closing = False

    @classmethod
    def of(cls, context) -> ReportActions:
        """The one instance of ``context`` (made when first asked for)."""
        found = context.findChild(cls)
        return found if found is not None else cls(context)

    @property
    def db(self):
        return self.context.db

    @property
    def folder(self) -> Path:
        return Path(self.db.data_dir) / EXPORTS

    # --- modal parts (tests replace these) -------------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def choose_folder(self, parent: QWidget, title: str) -> str:
        return QFileDialog.getExistingDirectory(parent, title, str(documents_folder(self.context.settings)))

    def ask(
        self,
        parent: QWidget | None,
        title: str,
        question: str,
        details: Sequence[str] = (),
        yes: str | None = None,
    ) -> bool:
        """A yes/no question (``yes``: the yes button's text, «Erstatt» unless given); True for yes."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
        )
        if details:
            box.setInformativeText("\n".join(f"• {line}" for line in details[:8]))
            if len(details) > 8:
                box.setDetailedText("\n".join(details))
        agreed = box.addButton(yes or _("Erstatt"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Avbryt"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is agreed

    def tell(
        self,
        parent: QWidget | None,
        title: str,
        message: str,
        details: Sequence[str] = (),
        folder: Path | None = None,
        warning: bool = False,
    ) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
            title,
            message,
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        if details:
            box.setInformativeText("\n".join(f"• {line}" for line in details[:8]))
            if len(details) > 8:
                box.setDetailedText("\n".join(details))
        show = box.addButton(_("Åpne mappen"), QMessageBox.ButtonRole.ActionRole) if folder else None
        box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if show is not None and box.clickedButton() is show:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- a leader group's summary ---------------------------------------------------------------------

    def group_summary(self, parent: QWidget, group_id: uuid.UUID) -> Job | None:
        """Ask whether for the whole programme or one session, then build and preview."""
        from desktop.services import views

        detail = views.group_detail(self.db, group_id)
        sessions = _sessions_of(self.db, detail.cohort_id)
        dialog = FormDialog(parent, _("Oppsummering for {group}").format(group=detail.location_name))
        scope = QComboBox()
        scope.addItem(_("Hele programmet (sluttoppsummering)"), None)
        for s in sessions:
            scope.addItem(f"{s.title} · {s.date.strftime('%d.%m.%Y')}", s.id)
        scope.setCurrentIndex(_default_scope(sessions))
        scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        scope.setMinimumContentsLength(48)  # long session titles must not squeeze the label away
        scope.setAccessibleName(_("Gjelder"))
        dialog.add(_("Gjelder"), scope)
        hint = QLabel(_("Oppsummeringen vises først; derfra skriver du ut eller lagrer den."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b76;")
        dialog.layout().insertWidget(1, hint)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Vis oppsummering"))
        if not self.exec_dialog(dialog):
            return None
        return self.preview_group_summary(parent, group_id, scope.currentData())

    def preview_group_summary(
        self, parent: QWidget, group_id: uuid.UUID, session_id: uuid.UUID | None = None
    ) -> Job | None:
        from desktop.reports.group_summary import build_group_summary
        from desktop.reports.layout import write_pdf
        from desktop.services import reports

        db = self.db
        target = self._target_maker()

        def work(report, cancelled) -> Built:
            data = reports.group_report(db, group_id)
            if session_id is None:
                title = _("Sluttoppsummering – {group}").format(group=data.location)
            else:
                title = _("Oppsummering {session} – {group}").format(
                    session=data.session(session_id).title, group=data.location
                )
            warnings: list[str] = []
            path = write_pdf(
                target(title), lambda out: warnings.extend(build_group_summary(data, out, session_id))
            )
            return Built(path, title, tuple(warnings))

        return self._build_and_preview(parent, work)

    # --- a cohort --------------------------------------------------------------------------------------

    def cohort_report(self, parent: QWidget, cohort_id: uuid.UUID) -> Job | None:
        from desktop.reports.cohort_report import build_cohort_report
        from desktop.reports.layout import write_pdf
        from desktop.services import reports

        db = self.db
        target = self._target_maker()

        def work(report, cancelled) -> Built:
            data = reports.cohort_report(db, cohort_id)
            title = _("Kullrapport – {cohort}").format(cohort=data.name)
            warnings: list[str] = []
            path = write_pdf(target(title), lambda out: warnings.extend(build_cohort_report(data, out)))
            return Built(path, title, tuple(warnings))

        return self._build_and_preview(parent, work)

    def _writable_folder(
        self, parent: QWidget, folder: str | Path | None, choose: str, refused: str
    ) -> Path | None:
        """``folder``, or one the facilitator chooses (titled ``choose``), when it can be written (else the
        reason under the title ``refused``); remembered as the folder used last. None: nothing to do."""
        if folder is None:
            folder = self.choose_folder(parent, choose)
            if not folder:
                return None
        folder = Path(folder).expanduser()
        problem = writable_problem(folder)
        if problem:
            self.tell(parent, refused, problem, warning=True)
            return None
        remember_folder(self.context.settings, folder)
        return folder

    def _may_replace(self, parent: QWidget, folder: Path, names, question: str) -> bool:
        """True when none of the files ``names`` is in ``folder`` yet, or she says they may be replaced
        (``question`` is asked with the count, ``{n}``, and the ``{folder}``)."""
        existing = [name for name in names if (folder / name).exists()]
        return not existing or self.ask(
            parent,
            _("Filene finnes allerede"),
            question.format(n=len(existing), folder=folder),
            existing,
        )

    def save_copy(self, parent: QWidget, folder: str | Path | None = None) -> Job | None:
        """A copy of the whole register (database and photos) in a new folder inside the one chosen, on a
        background job with progress and Cancel; the message at the end says where and how to open it."""
        from desktop.services.data_copy import copy_data

        if self._copy is not None and self._copy.is_running():
            return None
        folder = self._writable_folder(
            parent, folder, _("Velg hvor kopien skal ligge"), _("Kan ikke lagre kopien")
        )
        if folder is None:
            return None
        db = self.db
        job = run_with_progress(
            parent,
            _("Lagrer en kopi av dataene"),
            lambda report, cancelled: copy_data(db, folder, report, cancelled),
            lambda result: self._copied(parent, result),
            lambda message: self._copy_failed(parent, message),
        )
        self._copy = self.last_job = job
        return job

    def _copy_failed(self, parent: QWidget, message: str) -> None:
        if not self._closing:
            self.tell(parent, _("Kopien ble ikke lagret"), message, warning=True)

    def _copied(self, parent: QWidget, result) -> None:
        if self._closing:
            return
        if result.cancelled:
            self.tell(parent, _("Kopien ble avbrutt"), _("Ingen kopi er lagret; registeret er som før."))
            return
        what = (
            _("Registeret er kopiert til {folder}.")
            if not result.photos
            else _("Registeret og ett bilde er kopiert til {folder}.")
            if result.photos == 1
            else _("Registeret og {n} bilder er kopiert til {folder}.")
        ).format(n=result.photos, folder=result.folder)
        if result.unreadable:
            shown = ", ".join(result.unreadable[:5]) + (" …" if len(result.unreadable) > 5 else "")
            what += " " + (
                _("Én fil på denne maskinen kunne ikke leses og er ikke med i kopien: {files}.")
                if len(result.unreadable) == 1
                else _("{n} filer på denne maskinen kunne ikke leses og er ikke med i kopien: {files}.")
            ).format(n=len(result.unreadable), files=shown)
        self.tell(
            parent,
            _("Kopien er lagret"),
            what
            + " "
            + _(
                "Kopien kan tas med, for eksempel på en minnepinne, og åpnes i LUP Verksted med "
                "Fil → Åpne et annet dataområde …"
            ),
            folder=result.folder,
        )

    def export_cohort(
        self, parent: QWidget, cohort_id: uuid.UUID, folder: str | Path | None = None
    ) -> Job | None:
        """Every leader group's final summary and the cohort report into a chosen folder, on a background
        job with progress and Cancel; a message at the end says where, how many and what was missing."""
        if self._export is not None and self._export.is_running():
            self.tell(parent, _("Eksporten pågår"), _("En eksport pågår allerede. Vent til den er ferdig."))
            return None
        folder = self._writable_folder(parent, folder, _("Velg mappe for PDF-ene"), _("Kan ikke eksportere"))
        if folder is None:
            return None
        _cohort, planned = export_names(self.db, cohort_id)
        if not self._may_replace(
            parent,
            folder,
            planned.values(),
            _("{n} av PDF-ene finnes allerede i {folder}. Vil du erstatte dem?"),
        ):
            return None
        from desktop.reports.cohort_report import build_cohort_report
        from desktop.reports.group_summary import build_group_summary
        from desktop.reports.layout import write_pdf
        from desktop.services import reports

        db = self.db

        def work(report, cancelled) -> ExportResult:
            cohort = reports.cohort_report(db, cohort_id)
            groups = cohort.groups
            result = ExportResult(folder, len(groups) + 1)
            taken = set(name.casefold() for name in planned.values())
            names = [
                planned.get(g.id) or _unique(_group_file_name(cohort.name, g.location), taken) for g in groups
            ]

            def write(name: str, make) -> None:
                """One document; one that cannot be written (open in a PDF reader) is named at the end and
                the others are written. A full disk stops the export."""
                try:
                    result.written.append(write_pdf(folder / name, make))
                except DiskFullError:
                    raise
                except LupError as exc:
                    result.failed.append(exc.message)

            try:
                report(0, result.total, _("Kullrapporten for {cohort} …").format(cohort=cohort.name))
                write(planned[None], lambda out: result.warnings.extend(build_cohort_report(cohort, out)))
                for n, (group, name) in enumerate(zip(groups, names, strict=True), start=1):
                    if cancelled():
                        result.cancelled = True
                        break
                    report(
                        n,
                        result.total,
                        _("Ledergruppe {n} av {total}: {group} …").format(
                            n=n, total=len(groups), group=group.location
                        ),
                    )
                    data = reports.group_report(db, group.id)
                    found: list[str] = []
                    write(name, lambda out, d=data, w=found: w.extend(build_group_summary(d, out)))
                    result.warnings += [f"{group.location}: {w}" for w in found]
            except LupError as exc:
                result.error = exc.message
            report(len(result.written), result.total, _("Ferdig"))
            return result

        job = run_with_progress(
            parent,
            _("Eksporterer ledergruppene"),
            work,
            lambda result: self._exported(parent, result),
            lambda message: self._failed(parent, message),
        )
        for dialog in parent.findChildren(QProgressDialog):
            dialog.setMinimumWidth(440)  # room for the group's name
        self._export = self.last_job = job
        return job

    def _exported(self, parent: QWidget, result: ExportResult) -> None:
        if self._closing:
            return
        n = len(result.written)
        if result.error:
            title = _("Eksporten stoppet")
            message = _("{reason} {n} av {total} PDF-er ble lagret i {folder} før det.").format(
                reason=result.error, n=n, total=result.total, folder=result.folder
            )
        elif result.cancelled:
            title = _("Eksporten ble avbrutt")
            message = _("{n} av {total} PDF-er er lagret i {folder}; resten ble ikke laget.").format(
                n=n, total=result.total, folder=result.folder
            )
        elif result.failed:
            title = _("Noen PDF-er ble ikke lagret")
            message = _(
                "{n} av {total} PDF-er er lagret i {folder}. {failed} kunne ikke lagres (se detaljene)."
            ).format(n=n, total=result.total, folder=result.folder, failed=len(result.failed))
        else:
            title = _("Eksporten er ferdig")
            message = _(
                "{n} PDF-er er lagret i {folder}: kullrapporten og sluttoppsummeringen for hver av "
                "{groups} ledergrupper."
            ).format(n=n, folder=result.folder, groups=result.total - 1)
        if result.warnings:
            message += "\n\n" + _("Advarsler ({n}):").format(n=len(result.warnings))
        self.tell(
            parent,
            title,
            message,
            details=result.failed + result.warnings,
            folder=result.folder if n else None,
            warning=bool(result.error or result.failed or result.warnings),
        )

    # --- spreadsheets ----------------------------------------------------------------------------------

    def export_spreadsheets(
        self, parent: QWidget, folder: str | Path | None = None, cohort_id: uuid.UUID | None = None
    ) -> Job | None:
        """Initiatives, benefits, measurements and ideas as CSV files for Excel, of the whole register or of
        the cohort ``cohort_id``, into a folder she chooses, on a background job; files of those names
        already there are replaced only when she says so. The message at the end lists the files."""
        from desktop.services.spreadsheet import FILE_NAMES, export_spreadsheets

        if self._sheets is not None and self._sheets.is_running():
            return None  # a second click while the first is written; the busy cursor says it is on its way
        folder = self._writable_folder(
            parent, folder, _("Velg mappe for regnearkene"), _("Kan ikke eksportere")
        )
        if folder is None:
            return None
        if not self._may_replace(
            parent,
            folder,
            FILE_NAMES,
            _("{n} av regnearkene finnes allerede i {folder}. Vil du erstatte dem?"),
        ):
            return None
        db = self.db
        job = Job(lambda report, cancelled: export_spreadsheets(db, folder, cohort_id), self)
        self._sheets = self.last_job = job
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done(result) -> None:
            QApplication.restoreOverrideCursor()
            if not self._closing:
                self._spreadsheets_written(parent, result)

        def failed(message: str) -> None:
            QApplication.restoreOverrideCursor()
            if not self._closing:
                self.tell(parent, _("Regnearkene ble ikke lagret"), message, warning=True)

        job.done.connect(done)
        job.failed.connect(failed)
        job.start()
        return job

    def _spreadsheets_written(self, parent: QWidget, result) -> None:
        from desktop.services.spreadsheet import rows_text

        message = (
            _("Tiltak, gevinster, målinger og idéer for {cohort} er lagret i {folder}, klare for Excel.")
            if result.cohort
            else _(
                "Tiltak, gevinster, målinger og idéer for hele registeret er lagret i {folder}, klare for "
                "Excel."
            )
        ).format(cohort=result.cohort, folder=result.folder)
        self.tell(
            parent,
            _("Regnearkene er lagret"),
            message,
            details=[f"{path.name}: {rows_text(rows)}" for path, rows in result.files],
            folder=result.folder,
        )

    # --- worksheets ------------------------------------------------------------------------------------

    def worksheets(self, parent: QWidget, session_id: uuid.UUID) -> Job | None:
        """Tick the session's worksheets (its kit's), then build them into one PDF and preview it."""
        from desktop.services import timeplan, views

        plan = timeplan.load_plan(self.db, session_id)
        kit = self._kit_of(plan.kit_id)
        if kit is None:
            self.tell(
                parent,
                _("Ingen arbeidspakke"),
                _("Fant ingen arbeidspakke med arbeidsark for denne samlingen."),
                warning=True,
            )
            return None
        cohort_id = views.session_detail(self.db, session_id).cohort_id
        groups = _groups_of(self.db, cohort_id)
        chosen: set[str] = set()
        if plan.template_id and (plan.kit_id in (None, kit.id)):
            template = next((t for t in kit.sessions if t.id == plan.template_id), None)
            chosen = set(template.worksheets) if template else set()
        if not chosen:
            from desktop.reports import worksheets as ws

            chosen = {s.id for s in kit.worksheets if ws.kind_of(s) == ws.TIMEPLAN}
        from desktop.services import worksheet_data

        have_data = worksheet_data.groups_with_data(self.db, [g for g, _name in groups])
        dialog = WorksheetDialog(parent, kit, plan.title, chosen, have_data, len(groups))
        if not self.exec_dialog(dialog):
            return None
        return self.preview_worksheets(parent, session_id, dialog.choices(), kit=kit)

    def preview_worksheets(
        self, parent: QWidget, session_id: uuid.UUID, choices: Sequence[tuple[str, bool]], kit=None
    ) -> Job | None:
        from desktop.reports import worksheets as ws
        from desktop.reports.layout import write_pdf
        from desktop.services import timeplan, views, worksheet_data

        if not choices:
            return None
        db = self.db
        plan = timeplan.load_plan(db, session_id)
        kit = kit or self._kit_of(plan.kit_id)
        groups = _groups_of(db, views.session_detail(db, session_id).cohort_id)
        title = _("Arbeidsark – {session}").format(session=plan.title)
        target = self._target_maker()(title)

        def work(report, cancelled) -> Built:
            from reportlab.lib.pagesizes import A4

            notes: list[str] = []
            sections: list[tuple[Any, object]] = []
            for sheet_id, prefilled in choices:
                sheet = ws.worksheet(kit, sheet_id)
                kind = ws.kind_of(sheet)
                if kind == ws.TIMEPLAN and prefilled:
                    sections.append((sheet, _handout(db, session_id, kit)))
                elif kind == ws.RUNSHEET and prefilled:
                    sections.append((sheet, worksheet_data.run_sheet(db, session_id, kit)))
                elif prefilled and kind in PREFILLED:
                    missing = []
                    for group_id, name in groups:
                        filled = _group_sheets(db, kind, group_id, kit)
                        sections += [(sheet, data) for data in filled]
                        if not filled:
                            missing.append(name)
                    if missing:
                        sections.append((sheet, None))
                        notes.append(
                            _("{sheet}: blankt ark for {groups}, som ikke har noe å fylle inn ennå.").format(
                                sheet=sheet.title, groups=", ".join(missing)
                            )
                        )
                else:
                    sections.append((sheet, None))
            # A4 first, A3 last (a stable sort keeps the kit's order within each paper size).
            sections.sort(key=lambda pair: max(ws.page_size(pair[0])) > max(A4) + 1)
            result: dict[str, Any] = {}

            def make(out) -> None:
                result["warnings"], result["sizes"] = ws.build_worksheet_set(kit, sections, out)

            path = write_pdf(target, make)
            big = [n for n, size in enumerate(result["sizes"], start=1) if max(size) > max(A4) + 1]
            paper = (
                _("Side {pages} er A3: skriv dem ut på A3-papir (velg sidene i utskriftsdialogen).").format(
                    pages=_page_ranges(big)
                )
                if big
                else None
            )
            # How to print, then what was left off the sheets, then the blank sheets.
            return Built(path, title, (*([paper] if paper else []), *result["warnings"], *notes))

        return self._build_and_preview(parent, work)

    def _kit_of(self, kit_id: str | None):
        """The session's kit; without one (a plan made by hand), the only kit there is, or the LUP kit."""
        if kit_id:
            found = self.context.kit(kit_id)
            if found is not None:
                return found
        usable = [e.kit for e in self.context.kits() if e.kit is not None and e.kit.worksheets]
        if len(usable) == 1:
            return usable[0]
        return next((k for k in usable if k.id == "lup"), usable[0] if usable else None)

    # --- building and previewing ---------------------------------------------------------------------

    def _target_maker(self) -> Callable[[str], Path]:
        """``title -> <data folder>/exports/<title>.pdf``, where a name an open preview still shows gets a
        number; the previews are read here, on the UI thread, so the worker can call the result."""
        folder = self.folder
        shown = {p.path.name.casefold() for p in self.previews}
        return lambda title: folder / _unique(safe_file_name(title), set(shown))

    def _clean(self) -> None:
        """Remove the earlier previews' files that no open preview shows."""
        shown = {p.path.resolve() for p in self.previews}
        try:
            old = [f for f in self.folder.iterdir() if f.is_file() and f.resolve() not in shown]
        except OSError:
            return
        for f in old:
            with contextlib.suppress(OSError):  # in use by another program (a PDF reader): next time
                f.unlink()

    def _build_and_preview(self, parent: QWidget, work: Callable[..., Built]) -> Job | None:
        if self._busy is not None and self._busy.is_running():
            return None  # one at a time; the busy cursor says it is on its way
        self._clean()
        job = Job(work, self)
        self._busy = self.last_job = job
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done(built: Built) -> None:
            QApplication.restoreOverrideCursor()
            if not self._closing:
                self.open_preview(parent, built)

        def failed(message: str) -> None:
            QApplication.restoreOverrideCursor()
            self._failed(parent, message)

        job.done.connect(done)
        job.failed.connect(failed)
        job.start()
        return job

    def _failed(self, parent: QWidget, message: str) -> None:
        if not self._closing:
            self.tell(parent, _("Kunne ikke lage PDF-en"), message, warning=True)

    def open_preview(self, parent: QWidget, built: Built):
        from desktop.ui.pdf_preview import PdfPreview

        try:
            preview = PdfPreview(
                built.path,
                built.title,
                parent.window() if parent is not None else None,
                settings=self.context.settings,
            )
        except LupError as exc:
            self._failed(parent, exc.message)
            return None
        preview.setWindowFlag(Qt.WindowType.Window, True)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if built.notes:
            shown = list(built.notes[:NOTE_LINES])
            if len(built.notes) > NOTE_LINES:
                more = len(built.notes) - NOTE_LINES
                shown.append(
                    _("… og 1 merknad til (hold musen over for å se den)")
                    if more == 1
                    else _("… og {n} merknader til (hold musen over for å se alle)").format(n=more)
                )
            note = QLabel("\n".join(f"⚠ {line}" for line in shown))
            note.setToolTip("\n".join(built.notes))
            note.setObjectName("previewNote")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note.setStyleSheet(NOTE_STYLE)
            preview.layout().insertWidget(1, note)
            preview.note = note
        self.previews.append(preview)
        preview.destroyed.connect(lambda _obj=None, p=preview: self._forget(p))
        preview.finished.connect(lambda _r, p=preview: self._forget(p))
        preview.show()  # not modal: the window stays usable beside it
        return preview

    def _forget(self, preview) -> None:
        if preview in self.previews:
            self.previews.remove(preview)

    def shutdown(self) -> None:
        """The window is closing: stop the work in progress (after its current step) before the database
        closes, and say nothing more."""
        self._closing = True
        for preview in list(self.previews):  # each holds its PDF open: Windows could not delete the folder
            preview.document.close()
            preview.close()
        deadline = time.monotonic() + 30
        for job in (self._busy, self._export, self._copy, self._sheets):
            if job is not None and job.is_running():
                job.cancel()
                # Not job.wait() alone: the thread quits through a queued call that this (UI) thread
                # has to deliver, so events are processed while waiting.
                while job.is_running() and time.monotonic() < deadline:
                    job.wait(20)
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


# --- reading (on the UI thread for the dialogs, on the worker for the documents) --------------------------


def writable_problem(folder: Path) -> str:
    """ "" when PDFs can be written into ``folder`` (made if missing), else a clear message."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        from desktop.file_errors import os_reason

        return _("Kan ikke skrive til mappen {folder}: {reason}. Velg en annen mappe.").format(
            folder=folder, reason=os_reason(exc)
        )
    return ""


def _sessions_of(db, cohort_id: uuid.UUID) -> list:
    from desktop.services import views

    for programme in views.load_tree(db).programmes:
        for cohort in programme.cohorts:
            if cohort.id == cohort_id:
                return list(cohort.sessions)
    return []


def _default_scope(sessions: Sequence) -> int:
    """The latest session held by today while the programme runs (index in the combo, 0 = the whole
    programme); once every session is past, the whole programme."""
    today = date.today()
    held = [n for n, s in enumerate(sessions, start=1) if s.date <= today]
    if not held or len(held) == len(sessions):
        return 0
    return held[-1]


def _group_file_name(cohort: str, location: str) -> str:
    return safe_file_name(f"{cohort} – {location}", _("ledergruppe"))


def export_names(db, cohort_id: uuid.UUID) -> tuple[str, dict[uuid.UUID | None, str]]:
    """The cohort's name and the files its export writes: the cohort report (key None) and one final
    summary per leader group (by id), each named after the cohort and the service location
    ("LUP 4 – Capralhaugen BBS.pdf"), numbered where two would have the same name."""
    from desktop.services import views

    name = ""
    for programme in views.load_tree(db).programmes:
        for cohort in programme.cohorts:
            if cohort.id == cohort_id:
                name = cohort.name
    taken: set[str] = set()
    title = safe_file_name(_("Kullrapport {cohort}").format(cohort=name), _("kullrapport"))
    names: dict[uuid.UUID | None, str] = {None: _unique(title, taken)}
    for group_id, location in _groups_of(db, cohort_id):
        names[group_id] = _unique(_group_file_name(name, location), taken)
    return name, names


def _groups_of(db, cohort_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    from desktop.services import views

    for programme in views.load_tree(db).programmes:
        for cohort in programme.cohorts:
            if cohort.id == cohort_id:
                return [(g.id, g.location_name) for g in cohort.groups]
    return []


def _group_sheets(db, kind: str, group_id: uuid.UUID, kit) -> list[object]:
    """The pre-filled sheets of one group for a kind of worksheet (none when it has nothing yet)."""
    from desktop.reports import worksheets as ws
    from desktop.services import initiatives, journeys, prototypes, worksheet_data

    if kind == ws.JOURNEY:
        return [worksheet_data.journey_sheet(db, m.id) for m in journeys.maps_of_group(db, group_id)]
    if kind == ws.PROTOTYPE:
        return [
            worksheet_data.prototype_sheet(db, p.id, kit)
            for p in prototypes.prototypes_of_group(db, group_id)
        ]
    if kind == ws.BENEFITS:
        return [
            worksheet_data.benefit_sheet(db, i.id) for i in initiatives.initiatives_of_group(db, group_id)
        ]
    return []


def _handout(db, session_id: uuid.UUID, kit):
    from desktop.services import worksheet_data

    return worksheet_data.handout_sheet(db, session_id, kit)
