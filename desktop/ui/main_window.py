"""The main window: navigator on the left, the selected item's workspace on the right.

The window is shown first, as an empty shell; ``open_register`` then opens the database and builds the
navigator, workspace and menus (start-up time is a feature). Geometry, splitter, expanded rows and the
last selection are restored from the settings.
"""

from __future__ import annotations

import contextlib
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.errors import LupError
from desktop.i18n import _
from desktop.ui import settings as keys
from desktop.ui.navigator import NavigatorPanel, node_key
from desktop.ui.widgets import first_size

if TYPE_CHECKING:
    from desktop.storage.database import Database
    from desktop.ui.actions import RegisterActions
    from desktop.ui.context import AppContext
    from desktop.ui.pages import Workspace
    from desktop.ui.settings import Settings


def print_tip(kind: str) -> str:
    """What Ctrl+P ("Skriv ut / PDF …") makes for the selected kind of item."""
    if kind == "group":
        return _("Ledergruppens oppsummering (PDF)")
    if kind == "session":
        return _("Arbeidsark for samlingen")
    return _("Kullrapport (PDF)") if kind in {"cohort", "sessions", "groups"} else ""


def commit_typing() -> None:
    """Store what the focused field holds: a field that stores itself (``commit_typing``), or a line edit
    whose owner stores it when editing finishes; the field then counts as unchanged, so a view refreshed
    after the undo shows the undone value in it."""
    widget = QApplication.focusWidget()
    commit = getattr(widget, "commit_typing", None)
    if commit is not None:
        commit()
    elif isinstance(widget, QLineEdit) and widget.isModified():
        widget.editingFinished.emit()
        widget.setModified(False)
    elif isinstance(widget, QAbstractSpinBox):  # minutes, dates, times: what is typed becomes the value
        widget.interpretText()
        widget.editingFinished.emit()


NAVIGATOR_LEAST = 140  # px: a navigator restored narrower than this comes back at twice it


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, data_dir: Path, demo: bool = False) -> None:
        super().__init__()
        self.settings = settings
        self.data_dir = data_dir
        self.demo = demo
        self.setWindowTitle(f"{APP_NAME} – {_('demo')}" if demo else APP_NAME)
        self.setObjectName("MainWindow")
        first_size(self, 1280, 800)  # the first start; later the window as it was left
        placeholder = QLabel(_("Åpner dataområdet …"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(placeholder)
        self.statusBar().addPermanentWidget(QLabel(_("Alt lagres automatisk · {path}").format(path=data_dir)))
        self.restoreGeometry(settings.get(keys.WINDOW_GEOMETRY))
        self.context: AppContext | None = None
        self.navigator: NavigatorPanel | None = None
        self.workspace: Workspace | None = None
        self.actions: RegisterActions | None = None
        self.splitter: QSplitter | None = None

    # --- opening ----------------------------------------------------------------------------------------

    def open_register(self, db: Database) -> None:
        """Build the working window around an open register."""
        from desktop.services.views import load_tree
        from desktop.ui.actions import RegisterActions
        from desktop.ui.context import AppContext
        from desktop.ui.pages import Workspace

        self.context = AppContext(db, self)
        self.context.runner_factory = self._make_runner
        self.context.settings = self.settings
        self.actions = RegisterActions(self.context, self)
        self.navigator = NavigatorPanel()
        self.workspace = Workspace(self.context, self.actions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.restoreState(self.settings.get(keys.WINDOW_STATE))
        self.splitter.restoreState(self.settings.get(keys.SPLITTER_STATE))
        sizes = self.splitter.sizes()
        if sizes[0] < NAVIGATOR_LEAST:  # squeezed once by a wide page beside the card browser: not kept
            self.splitter.setSizes([NAVIGATOR_LEAST * 2, max(sizes[1], 900)])

        self.navigator.selected.connect(self._selected)
        self.context.changed.connect(self.refresh)
        self.context.error.connect(lambda message: self.show_message(message))
        self.context.notice.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.actions.created.connect(self._select_later)
        self.navigator.set_tree(load_tree(db))
        saved = self.settings.get(keys.EXPANDED)
        if saved:
            self.navigator.set_expanded_keys(set(saved.split()))
        first = self.navigator.visible_keys()[:1]
        if not self.navigator.select(self.settings.get(keys.LAST_SELECTION)) and not (
            first and self.navigator.select(first[0])
        ):
            self.workspace.show_key("")
        self._update_actions()
        if db.start_notes:  # not an error: the register is open, but she should know
            self.statusBar().showMessage(" ".join(db.start_notes), 30_000)
        QTimer.singleShot(0, self._offer_interrupted_run)

    def _offer_interrupted_run(self) -> None:
        """A run left unfinished within the last hours (closed mid-session, a laptop that died): open its
        session's «Kjøring», which asks whether to go on where it stopped, and put the wall back on the
        projector when one is connected."""
        from datetime import UTC, datetime

        from desktop.services.run import interrupted_run

        if self.context is None:
            return
        found = interrupted_run(self.context.db, datetime.now(UTC))
        marker = f"{found[0]} {found[1].isoformat()}" if found else ""
        if found is None or marker == self.settings.get(keys.DECLINED_RUN):  # «Nei» once is enough
            return
        session_id = found[0]
        if not self.navigator.select(node_key("session", session_id)):
            return
        page = self.workspace.current_page()
        if getattr(page, "run_panel", None) is None:
            return
        page.start_run(session_id)
        runner = self.context.runner
        if not runner.is_live():
            self.settings.set(keys.DECLINED_RUN, marker)
        else:
            from desktop.ui.projection import ProjectionWindow

            if len(ProjectionWindow.available_screens()) > 1:
                runner.show_projection()

    def _build_menus(self) -> None:
        stack = self.context.undo_stack
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Fil"))
        self.new_cohort_action = self._action(file_menu, _("Nytt &kull …"), self._new_cohort, "Ctrl+Shift+K")
        self.plan_session_action = self._action(
            file_menu, _("Planlegg &samling …"), self._plan_session, "Ctrl+Shift+S"
        )
        self.add_group_action = self._action(
            file_menu, _("Ny &ledergruppe …"), self._add_group, "Ctrl+Shift+L"
        )
        self.add_participant_action = self._action(
            file_menu, _("Ny &deltaker …"), self._add_participant, "Ctrl+Shift+D"
        )
        file_menu.addSeparator()
        self._action(file_menu, _("Nytt &tjenestested …"), lambda: self.actions.new_location(), "")
        self._action(file_menu, _("Ny &veileder …"), lambda: self.actions.new_facilitator(), "")
        self._action(
            file_menu, _("Ny &runde i innovasjonsfondet …"), lambda: self.actions.new_fund_round(), ""
        )
        file_menu.addSeparator()
        self.print_action = self._action(file_menu, _("Skriv ut / &PDF …"), self._print_selected, "Ctrl+P")
        self.export_action = self._action(
            file_menu, _("Eksp&orter alle ledergrupper …"), self._export_cohort, "Ctrl+E"
        )
        self.spreadsheet_action = self._action(
            file_menu, _("Eksporter til re&gneark …"), self._export_spreadsheets, ""
        )
        self.worksheets_action = self._action(file_menu, _("Arbe&idsark …"), self._worksheets, "")
        file_menu.addSeparator()
        self.copy_action = self._action(
            file_menu, _("&Lagre en kopi av dataene …"), lambda: self._reports().save_copy(self), ""
        )
        self.merge_action = self._action(
            file_menu, _("&Hent inn arbeid fra en kopi …"), lambda: self._merges().merge(self), ""
        )
        self.open_folder_action = self._action(
            file_menu, _("Å&pne et annet dataområde …"), self._open_data_folder, ""
        )
        self.own_folder_action = self._action(
            file_menu, _("Tilbake til &mitt eget dataområde"), lambda: self.switch_data_folder(None), ""
        )
        self.open_folder_action.setEnabled(not self.demo)
        self.own_folder_action.setVisible(not self.demo and _not_own(self.data_dir))
        file_menu.addSeparator()
        self.delete_action = self._action(file_menu, _("Sl&ett valgt …"), self._delete, "Ctrl+Delete")
        file_menu.addSeparator()
        self._action(file_menu, _("&Innstillinger …"), self._settings, "Ctrl+,")
        self._action(file_menu, _("&Avslutt"), self.close, "Ctrl+Q")

        edit_menu = bar.addMenu(_("&Rediger"))
        self.undo_action = stack.createUndoAction(self, _("Angre"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(self, _("Gjør om"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # Text being typed (a card in place, a field) is stored first, as a step of its own: Undo then
        # takes back the typing (Redo brings it again) instead of losing it under a map that changes.
        for action, step in ((self.undo_action, stack.undo), (self.redo_action, stack.redo)):
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, step=step: (commit_typing(), step()))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, _("&Søk i navigatoren"), self._focus_filter, QKeySequence.StandardKey.Find)

        view_menu = bar.addMenu(_("&Vis"))
        history = QUndoView(stack)
        history.setEmptyLabel(_("<ingen endringer>"))
        dock = QDockWidget(_("Historikk"), self)
        dock.setObjectName("HistoryDock")
        dock.setWidget(history)
        dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        toggle = dock.toggleViewAction()
        toggle.setText(_("&Historikk (alle endringer)"))
        toggle.setShortcut(QKeySequence("Ctrl+H"))
        view_menu.addAction(toggle)

        self.methods_dock = QDockWidget(_("Metodekort"), self)
        self.methods_dock.setObjectName("MethodsDock")
        self.methods_dock.hide()
        self.methods_dock.visibilityChanged.connect(self._methods_visible)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.methods_dock)
        methods = self.methods_dock.toggleViewAction()
        methods.setText(_("&Metodekort og prototypekort"))
        methods.setShortcut(QKeySequence("Ctrl+M"))
        view_menu.addAction(methods)

        help_menu = bar.addMenu(_("&Hjelp"))
        self._action(
            help_menu, _("&Hurtigtaster"), self._show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self._action(help_menu, _("&Om LUP Verksted"), self._about, "")

    def _settings(self) -> None:
        from desktop.ui.settings_dialog import settings_dialog

        self.actions.exec_dialog(settings_dialog(self, self.settings))

    def _action(self, menu, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def open_session(self, session_id: uuid.UUID) -> None:
        self.navigator.select(node_key("session", session_id))

    def run_session(self, session_id: uuid.UUID) -> None:
        """From the start page: open the session and its run tab, ready to start."""
        self.open_session(session_id)
        page = self.workspace.current_page()
        if hasattr(page, "start_run"):
            page.start_run(session_id)

    def _make_runner(self):
        from desktop.ui.run_mode import RunController

        runner = RunController(self.context, self.settings, self)
        runner.message.connect(self.show_message)
        return runner

    # --- method cards -----------------------------------------------------------------------------------

    def _methods_visible(self, visible: bool) -> None:
        """The card browser is built the first time it is shown (reading kits is not start-up work)."""
        if visible and self.methods_dock.widget() is None:
            from desktop.ui.method_browser import MethodBrowser

            browser = MethodBrowser(self.context.kits(), view_mode=self.settings.get(keys.METHOD_VIEW))
            browser.view_mode_changed.connect(lambda mode: self.settings.set(keys.METHOD_VIEW, mode))
            browser.add_to_plan.connect(self._add_method_to_plan)
            browser.show_on_wall.connect(self.context.runner.show_card)
            browser.setMinimumWidth(380)  # the window must not grow off a 1366-wide laptop screen
            self.methods_dock.setWidget(browser)
        self._update_actions()
        if visible:
            self.methods_dock.widget().setFocus()

    def _add_method_to_plan(self, kit_id: str, method_id: str) -> None:
        session = self._current("session")
        kit = self.context.kit(kit_id)
        method = kit.method(method_id) if kit else None
        if session is None or method is None:
            return
        page = self.workspace.current_page()
        page.tabs.setCurrentWidget(page.plan_editor)
        page.plan_editor.add_method(method)

    # --- selection and refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        from desktop.services.views import load_tree

        self.navigator.set_tree(load_tree(self.context.db))
        self._update_actions()

    def _selected(self, key: str) -> None:
        self.workspace.show_key(key)
        self._update_actions()

    def _select_later(self, key: str) -> None:
        # The command's push refreshed the tree already, so the new row is there to select.
        self.navigator.select(key)

    def current_key(self) -> str:
        return self.navigator.current_key() if self.navigator else ""

    def _current(self, *kinds: str) -> uuid.UUID | None:
        kind, _sep, ident = self.current_key().partition(":")
        return uuid.UUID(ident) if kind in kinds and ident else None

    def current_cohort(self) -> uuid.UUID | None:
        """The cohort the selection belongs to, if any."""
        from desktop.services import views

        kind, _sep, ident = self.current_key().partition(":")
        if not ident:
            return None
        if kind in {"cohort", "sessions", "groups"}:
            return uuid.UUID(ident)
        if kind == "session":
            return views.session_detail(self.context.db, uuid.UUID(ident)).cohort_id
        if kind == "group":
            return views.group_detail(self.context.db, uuid.UUID(ident)).cohort_id
        return None

    def current_programme(self) -> uuid.UUID | None:
        from desktop.services import views

        programme = self._current("programme")
        if programme is None and (cohort := self.current_cohort()) is not None:
            programme = views.cohort_detail(self.context.db, cohort).programme_id
        if programme is None:
            programmes = views.load_tree(self.context.db).programmes
            programme = programmes[0].id if programmes else None
        return programme

    def _update_actions(self) -> None:
        browser = self.methods_dock.widget() if self.context is not None else None
        if browser is not None:
            browser.can_add = self._current("session") is not None
        has_cohort = self.current_key().partition(":")[0] in {
            "cohort",
            "sessions",
            "groups",
            "session",
            "group",
        }
        self.plan_session_action.setEnabled(has_cohort)
        self.add_group_action.setEnabled(has_cohort)
        self.add_participant_action.setEnabled(self._current("group") is not None)
        from desktop.ui.actions import DELETABLE

        self.delete_action.setEnabled(self.current_key().partition(":")[0] in DELETABLE)
        kind = self.current_key().partition(":")[0]
        self.print_action.setEnabled(kind in {"group", "session", "cohort", "sessions", "groups"})
        self.print_action.setStatusTip(print_tip(kind))
        self.export_action.setEnabled(kind in {"cohort", "sessions", "groups"})
        self.worksheets_action.setEnabled(kind == "session")

    # --- actions ----------------------------------------------------------------------------------------

    def _new_cohort(self) -> None:
        programme = self.current_programme()
        if programme is not None:
            self.actions.new_cohort(programme)

    def _plan_session(self) -> None:
        if (cohort := self.current_cohort()) is not None:
            self.actions.plan_session(cohort)

    def _add_group(self) -> None:
        if (cohort := self.current_cohort()) is not None:
            self.actions.add_leader_group(cohort)

    def _add_participant(self) -> None:
        if (group := self._current("group")) is not None:
            self.actions.add_participant(group)

    def _reports(self):
        from desktop.ui.report_actions import ReportActions

        return ReportActions.of(self.context)

    def _merges(self):
        from desktop.ui.merge_actions import MergeActions

        return MergeActions.of(self.context)

    def _print_selected(self) -> None:
        """Ctrl+P: the selected item's document, to preview and print (a group's summary, the cohort's
        report, a session's worksheets)."""
        page = self.workspace.current_page()
        if (group := self._current("group")) is not None:
            self._reports().group_summary(page, group)
        elif (session := self._current("session")) is not None:
            self._reports().worksheets(page, session)
        elif (cohort := self._current("cohort", "sessions", "groups")) is not None:
            self._reports().cohort_report(page, cohort)

    def _export_cohort(self) -> None:
        if (cohort := self._current("cohort", "sessions", "groups")) is not None:
            self._reports().export_cohort(self.workspace.current_page(), cohort)

    def _export_spreadsheets(self) -> None:
        """The selected cohort's spreadsheets; the whole register's when no cohort is selected."""
        cohort = self._current("cohort", "sessions", "groups")
        self._reports().export_spreadsheets(self.workspace.current_page(), cohort_id=cohort)

    def _worksheets(self) -> None:
        if (session := self._current("session")) is not None:
            self._reports().worksheets(self.workspace.current_page(), session)

    def _delete(self) -> None:
        self.actions.delete(self.current_key())

    def _focus_filter(self) -> None:
        self.navigator.filter_edit.setFocus()
        self.navigator.filter_edit.selectAll()

    def show_message(self, message: str) -> None:
        from desktop.ui.context import show_error

        self.statusBar().showMessage(message, 10_000)
        show_error(self, message)

    def _show_shortcuts(self) -> None:
        """Every key the facilitator can use, read from the actions themselves (so the list cannot drift)."""
        from desktop.ui.idea_panel import idea_shortcuts
        from desktop.ui.journey_editor import journey_shortcuts
        from desktop.ui.run_mode import run_shortcuts
        from desktop.ui.timeplan_editor import plan_shortcuts

        def keys(action: QAction) -> str:
            return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())

        menus = [
            (keys(a), a.text().replace("&", "").rstrip(" …"))
            for menu in self.menuBar().findChildren(QMenu)
            for a in menu.actions()
            if a.shortcuts()
        ]

        def listed(table) -> list[tuple[str, str]]:
            """(keys, text) of a table of (name, text, key or keys), the keys as the buttons write them."""
            return [
                (
                    " / ".join(
                        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                        for k in ((ks,) if isinstance(ks, str) else ks)
                        if k
                    ),
                    text.rstrip(" …▶"),
                )
                for _n, text, ks in table
                if ks
            ]

        sections = [
            (_("Hovedvinduet"), menus),
            (_("Tidsplanen (når planen har fokus)"), listed(plan_shortcuts())),
            (_("Brukerreisen (kartet eller feltet under det)"), listed(journey_shortcuts())),
            (_("Idéer og prikkstemming"), listed(idea_shortcuts())),
            (
                _("Kjøring (virker i begge vinduer; {keys} ikke mens du skriver i et tekstfelt)").format(
                    keys=" / ".join(
                        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                        for k in ("PgDown", "PgUp")
                    )
                ),
                listed(run_shortcuts()),
            ),
            (
                _("Veggen"),
                [("Esc", _("Ut av fullskjerm")), ("F11", _("Fullskjerm av eller på"))],
            ),
            (
                _("Navigator og lister"),
                [
                    ("Esc", _("Tøm søket")),
                    ("↓ / Enter", _("Fra søket til treffene")),
                    ("Insert / Delete", _("Ny / fjern deltaker i deltakerlisten")),
                ],
            ),
        ]
        self.shortcut_help = shortcut_dialog(self, [(title, rows) for title, rows in sections if rows])
        self.shortcut_help.show()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("Om LUP Verksted"),
            _(
                "{app} {version}\nVerktøy for veilederne i Bærum kommunes ledelsesutviklingsprogram for "
                "innovasjon (LUP). Alt lagres på denne maskinen, i {path}."
            ).format(app=APP_NAME, version=__version__, path=self.data_dir),
        )

    # --- closing ----------------------------------------------------------------------------------------

    # --- another data folder (a colleague's copy) -------------------------------------------------------

    def _open_data_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from desktop.errors import LupError
        from desktop.services.data_copy import is_unfinished
        from desktop.storage.database import DB_NAME, check_register, registers_inside
        from desktop.ui.context import ask, show_error

        chosen = QFileDialog.getExistingDirectory(
            self, _("Velg dataområdet (mappen med registeret)"), str(self.data_dir.parent)
        )
        if not chosen:
            return
        folder = Path(chosen)
        if folder.resolve() == self.data_dir.resolve():
            return
        if is_unfinished(folder):
            show_error(
                self,
                _("Kopien i {path} ble ikke ferdig og kan mangle bilder. Lag en ny kopi.").format(
                    path=folder
                ),
                _("Ikke et dataområde"),
            )
            return
        try:
            check_register(folder)  # before the app is pointed at it: it could not be opened, nor left
        except LupError as exc:
            message = exc.message
            inside = registers_inside(folder) if not (folder / DB_NAME).exists() else []
            if inside:
                message += " " + _("Mappen «{name}» i den har et register: velg den.").format(
                    name=inside[0].name
                )
            show_error(self, message, _("Ikke et dataområde"))
            return
        if ask(
            self,
            _("Åpne et annet dataområde"),
            _(
                "LUP Verksted starter på nytt med registeret i {folder}, og åpner det også neste gang, til "
                "du velger «Tilbake til mitt eget dataområde» under Fil. Fortsette?"
            ).format(folder=folder),
        ):
            self.switch_data_folder(folder)

    def switch_data_folder(self, folder: Path | None) -> bool:
        """Open ``folder`` (None: her own) from now on: remembered, then the window closes and the app
        starts again on it. False when it could not be remembered or the window stayed open."""
        from PySide6.QtCore import QProcess

        from desktop.app import restart_command
        from desktop.file_errors import os_reason
        from desktop.paths import choose_data_dir, chosen_data_dir
        from desktop.ui.context import show_error

        own = folder is None or not _not_own(folder)
        before = chosen_data_dir()
        try:
            choose_data_dir(None if own else folder)
        except OSError as exc:
            show_error(self, _("Valget kunne ikke lagres: {reason}.").format(reason=os_reason(exc)))
            return False
        if not self.close():  # a run going on, and she chose to stay: nothing changes, now or next time
            with contextlib.suppress(OSError):
                choose_data_dir(before)
            return False
        program, arguments = restart_command()
        QProcess.startDetached(program, arguments)
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        runner = self.context._runner if self.context is not None else None
        if runner is not None and runner.is_live():
            from desktop.ui.context import ask

            if not ask(
                self,
                _("Avslutte under kjøringen?"),
                _(
                    "En samling kjøres nå. Tidene så langt er lagret, og du kan fortsette kjøringen "
                    "neste gang du åpner samlingen. Avslutte likevel?"
                ),
            ):
                event.ignore()
                return
        # A field being edited commits when it loses focus: let it, while the database is still open.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.save_state()
        if self.context is not None:
            self.context.close_runner()
            module = sys.modules.get("desktop.ui.report_actions")  # never used: nothing to stop (no import)
            if module is not None and (reports := self.context.findChild(module.ReportActions)) is not None:
                reports.shutdown()  # a running export stops after its current group, before the db closes
            stack = self.context.undo_stack
            stack.blockSignals(True)  # no refresh of views that are going away
            stack.clear()
            self.context.db.close()
        super().closeEvent(event)

    def save_state(self) -> None:
        s = self.settings
        s.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        if self.context is not None:
            s.set(keys.WINDOW_STATE, self.saveState())
            s.set(keys.SPLITTER_STATE, self.splitter.saveState())
            s.set(keys.LAST_SELECTION, self.navigator.current_key())
            s.set(keys.EXPANDED, " ".join(sorted(self.navigator.expanded_keys())))
        s.sync()


def shortcut_dialog(parent: QWidget, sections: list[tuple[str, list[tuple[str, str]]]]) -> QDialog:
    """The key help: a section per place, keys and what they do in aligned columns; it scrolls, and fits a
    laptop's screen. Not modal: it can stay open beside the work."""
    from html import escape

    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Hurtigtaster"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = QTextBrowser()
    view.setObjectName("shortcutHelp")
    view.setHtml(
        "".join(
            f"<h3>{escape(title)}</h3><table cellspacing='0' cellpadding='3'>"
            + "".join(
                f"<tr><td style='padding-right:18px'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
                for keys, what in rows
            )
            + "</table>"
            for title, rows in sections
        )
    )
    buttons = QDialogButtonBox()
    buttons.addButton(_("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    first_size(dialog, 640, 820)
    return dialog


def report_start_error(parent: QWidget | None, error: LupError) -> bool:
    """Why the register could not be opened; for a damaged file, a way to the backups and the offer to
    take the latest one in use. Returns whether that was chosen."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from desktop.errors import CorruptDatabaseError

    whole = None
    if isinstance(error, CorruptDatabaseError) and error.latest_backup is not None:
        from desktop.storage.backup import made_text, sound_backup

        whole = sound_backup(error.path)  # the one the button takes in use: the newest that is whole
    offer = whole is not None
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("LUP Verksted kan ikke starte"),
        error.restore_offer(made_text(whole)) if offer else error.message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    folder = restore = None
    if offer:
        restore = box.addButton(_("Ta sikkerhetskopien i bruk"), QMessageBox.ButtonRole.AcceptRole)
        folder = box.addButton(_("Åpne mappen med sikkerhetskopier"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(_("Lukk"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)  # Enter does not replace the register
    box.exec()
    if folder is not None and box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(error.latest_backup.parent)))
    return restore is not None and box.clickedButton() is restore


def _not_own(data_dir: Path) -> bool:
    """Whether ``data_dir`` is another folder than the facilitator's own (a colleague's copy)."""
    from desktop.paths import default_data_dir

    with contextlib.suppress(OSError):
        return data_dir.resolve() != default_data_dir().resolve()
    return True
