"""Running a session live: the controller (one run at a time, keyboard shortcuts that work in every
window), the laptop's run panel with the private information, and what is sent to the projection window.

Every run action is recorded at once through ``services.run`` (the laptop may die mid-session).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.rules import format_time
from desktop.domain.run import Level, Run, RunError, RunStatus, SystemClock, plan_not_followed, plan_vs_actual
from desktop.errors import NotFoundError
from desktop.i18n import _
from desktop.services import run as run_service
from desktop.services import timeplan
from desktop.ui.commands import ServiceCommand
from desktop.ui.context import ask
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.projection import PROJECTION_SCREEN, ProjectionState, ProjectionWindow, choose_screen

LEVEL_COLOURS = {
    Level.NORMAL: "#1b5e20",
    Level.WARNING: "#e67e00",
    Level.CRITICAL: "#c62828",
    Level.OVERRUN: "#c62828",
}


def clock_text(seconds: float) -> str:
    """Countdown text: «12:34», or «+01:05» once the time is up."""
    sign = "+" if seconds < 0 else ""
    total = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # 59.2 s left shows 01:00 … 00:01, then +00:00
    minutes, secs = divmod(total, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def behind_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes > 0:
        return _("{n} min bak planen").format(n=minutes)
    if minutes < 0:
        return _("{n} min foran planen").format(n=-minutes)
    return _("i rute")


def run_shortcuts() -> tuple[tuple[str, str, list[str]], ...]:
    """The run actions and their keys (a presenter's clicker sends PgUp/PgDn). One list for the actions
    and for the key help."""
    return (
        ("toggle", _("Start / pause"), ["P", "F5"]),
        ("next", _("Neste blokk"), ["PgDown"]),
        ("previous", _("Forrige blokk"), ["PgUp"]),
        ("add1", _("+1 min"), ["1"]),  # not +: it gives a dot in the voting table
        ("add5", _("+5 min"), ["5"]),
        ("blackout", _("Svart skjerm"), ["B"]),
        ("freeze", _("Frys visningen"), ["F"]),
        ("timer", _("Vis nedtellingen på veggen"), ["T"]),
        ("finish", _("Avslutt kjøringen"), ["Ctrl+Shift+E"]),
    )


def _typed_into(widget: QObject | None) -> bool:
    """A table whose cells start editing at a key typed (not the navigator, whose keys only search)."""
    return isinstance(widget, QAbstractItemView) and bool(
        widget.editTriggers() & QAbstractItemView.EditTrigger.AnyKeyPressed
    )


class RunController(QObject):
    """Holds the run of one session and the projection window; the actions are application shortcuts."""

    updated = Signal()
    message = Signal(str)

    def __init__(self, context, settings, parent: QWidget, clock=None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.clock = clock or SystemClock()
        self.run: Run | None = None
        self.plan: timeplan.Plan | None = None
        self.projection: ProjectionWindow | None = None
        self._recorded = 0
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)
        self.wall_clock = QTimer(self)  # the wall's clock goes on while the run is paused or not started
        self.wall_clock.setInterval(5000)
        self.wall_clock.timeout.connect(self._tick)
        context.changed.connect(self.plan_changed)
        QApplication.instance().focusChanged.connect(self._enable)
        self.actions: dict[str, QAction] = {}
        slots = {
            "toggle": self.toggle,
            "next": lambda: self._do(Run.next),
            "previous": lambda: self._do(Run.previous),
            "add1": lambda: self._add(1),
            "add5": lambda: self._add(5),
            "blackout": self.toggle_blackout,
            "freeze": self.toggle_freeze,
            "finish": lambda: self._do(Run.finish),
            "timer": self.show_timer,
        }
        for name, text, keys in run_shortcuts():
            slot = slots[name]
            action = QAction(text, parent)
            action.setShortcuts([QKeySequence(k) for k in keys])
            # Works while either window has focus (text fields still get their own keys first).
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            action.setEnabled(False)
            parent.addAction(action)
            self.actions[name] = action

    # --- life cycle -------------------------------------------------------------------------------------

    def is_live(self) -> bool:
        return self.run is not None and self.run.status in (RunStatus.RUNNING, RunStatus.PAUSED)

    def current_title(self) -> str:
        return self.plan.blocks[self.run.current].title if self.run is not None and self.plan else ""

    def load(self, session_id: uuid.UUID) -> bool:
        """Prepare a run of the session's plan (replacing a finished or unstarted one). A run that was
        interrupted (the laptop died, the program was closed) can be taken up where it stopped."""
        if self.is_live():
            if self.plan.session_id == session_id:
                return True
            self.message.emit(_("En annen samling kjøres nå. Avslutt den først."))
            return False
        plan = timeplan.load_plan(self.context.db, session_id)
        try:
            fresh = self._new_run(plan)
        except RunError as exc:  # an empty plan: nothing to run
            self.message.emit(exc.message)
            self.run = self.plan = None
            self._enable()
            return False
        events = run_service.stored_events(self.context.db, session_id)
        resumed = None
        if events and events[-1].kind != "finish":
            try:
                resumed = Run.replay(
                    [b.minutes for b in plan.blocks], events, self.clock, **self._options(plan)
                )
            except RunError as exc:  # the plan changed since: it starts anew (P asks first)
                self.message.emit(exc.message + " " + _("Trykk P for å kjøre samlingen på nytt."))
        if resumed is not None and ask(
            self.parent(),
            _("Fortsette kjøringen?"),
            _(
                "Kjøringen av «{title}» ble avbrutt. Vil du fortsette der den slapp? "
                "(Tiden siden da regnes med.)"
            ).format(title=plan.title),
        ):
            self.run = resumed
        else:
            self.run = fresh
        self.plan = plan
        self._recorded = len(self.run.events)  # replayed events are stored already
        self._enable()
        if self.run.status is RunStatus.RUNNING:
            self.timer.start()
        self.updated.emit()
        return True

    def _new_run(self, plan: timeplan.Plan) -> Run:
        """A run of ``plan`` not started yet (a RunError for an empty plan)."""
        return Run([b.minutes for b in plan.blocks], self.clock, **self._options(plan))

    def _options(self, plan: timeplan.Plan) -> dict:
        """The run's options: warning and critical shares (the facilitator's settings if set, else the kit's,
        else 20 % / 5 %), the planned end and the pinned blocks' starts."""
        from desktop.ui.settings import RUN_CRITICAL, RUN_WARNING

        kit = self.context.kit(plan.kit_id) if plan.kit_id else None
        own_warning, own_critical = self.settings.get(RUN_WARNING), self.settings.get(RUN_CRITICAL)
        warning = own_warning or (kit.run.warning if kit else 0.20)
        critical = own_critical or (kit.run.critical if kit else 0.05)
        # The facilitator's own share wins over the kit's other one: red never after yellow.
        if own_warning and not own_critical:
            critical = min(critical, warning)
        elif own_critical and not own_warning:
            warning = max(warning, critical)
        if not 0 <= critical <= warning <= 1:
            warning, critical = 0.20, 0.05
        # The planned end and the pinned starts (lunch at 11:30) count when the session is run on its day.
        local = self.clock.now().astimezone()
        today, zone = plan.date == local.date(), local.tzinfo

        def at(clock_time):
            return datetime.combine(plan.date, clock_time, tzinfo=zone) if today and clock_time else None

        return {
            "warning": warning,
            "critical": critical,
            "planned_end": at(plan.end),
            "pinned_starts": [at(b.pinned_start) for b in plan.blocks],
        }

    def _enable(self, *_focus) -> None:
        """Plain keys act only when they mean something: P once a run is loaded, the rest while it runs
        (so 5 typed in a table is not +5 min by accident), the wall's keys while the wall is up. PgDn and
        PgUp (a clicker's keys) go to the run wherever the focus is, except in a text being written: there
        they page through the text. A table that is edited by typing keeps the digits typed in it (see
        eventFilter), as text fields keep every key by themselves."""
        live = self.is_live()
        wall = self.projection is not None and self.projection.isVisible()
        focus = QApplication.focusWidget()
        writing = isinstance(focus, QPlainTextEdit | QTextEdit) and not focus.isReadOnly()
        if _typed_into(focus):
            focus.installEventFilter(self)
        for name, action in self.actions.items():
            if name == "toggle":
                action.setEnabled(self.run is not None and self.run.status is not RunStatus.FINISHED)
            elif name in ("blackout", "freeze", "timer"):
                action.setEnabled(wall)
            elif name in ("next", "previous"):
                action.setEnabled(live and not writing)
            else:
                action.setEnabled(live)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A digit typed in a table edited by typing (the time plan's minutes) is the table's: the
        shortcut is not asked (typing 5 there gave the current block +5 min). The letters stay the run's
        (P, B, F and T work wherever the focus is)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and _typed_into(watched)
            and event.text().isdigit()
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()
        return False

    def plan_changed(self) -> None:
        """The plan was edited. A run not started yet takes the plan as it is now; a running one follows new
        minutes of the same blocks."""
        # Prepared: loaded and not started, or without a run while its plan is empty.
        ready = self.plan is not None and (self.run is None or self.run.status is RunStatus.READY)
        if not (ready or self.is_live()):
            return
        try:
            plan = timeplan.load_plan(self.context.db, self.plan.session_id)
        except NotFoundError:  # the session was removed: a run not started goes with it
            if ready:
                self.run = self.plan = None
                self._enable()
                self.updated.emit()
            return
        if ready:
            if plan != self.plan or self.run is None:
                self.plan = plan
                try:
                    self.run = self._new_run(plan)
                except RunError:  # every block removed: nothing to run until one is added
                    self.run = None
                self._enable()
                self.updated.emit()
            return
        new_ids, old_ids = [b.id for b in plan.blocks], [b.id for b in self.plan.blocks]
        done = self.run.current + 1  # the blocks run so far and the current one must stay where they are
        options = self._options(plan)
        try:
            if new_ids[:done] != old_ids[:done]:
                raise plan_not_followed()
            self.run.set_planned(
                [b.minutes for b in plan.blocks], options["pinned_starts"], options["planned_end"]
            )
        except RunError as exc:
            self.message.emit(exc.message)
            self.plan = replace(self.plan, title=plan.title)
            return
        self.plan = plan
        self._tick()

    def rebalance_rest(self) -> bool:
        """Resize the blocks after the current one so that the day still ends on time (undoable)."""
        if not self.is_live() or self.run.current + 1 >= len(self.plan.blocks):
            return False
        from desktop.ui.commands import PlanCommand

        now = self.clock.now().astimezone()
        if self.plan.date != now.date():  # a rehearsal, or another day: the day began when the run did
            now = datetime.combine(self.plan.date, self.plan.start, tzinfo=now.tzinfo) + (
                now - self.run.started_at
            )
        next_start = now + timedelta(seconds=max(self.run.remaining_seconds(), 0))
        start_minute = next_start.hour * 60 + next_start.minute
        command = PlanCommand(
            _("Fordel resten av dagen"),
            self.plan.session_id,
            lambda db: timeplan.rebalance_from(db, self.plan.session_id, self.run.current + 1, start_minute),
        )
        return self.context.perform(command)

    def toggle(self) -> None:
        if self.run is None:
            return
        if self.run.status is RunStatus.READY and not self._may_replace_record():
            return
        step = {RunStatus.READY: Run.start, RunStatus.RUNNING: Run.pause, RunStatus.PAUSED: Run.resume}.get(
            self.run.status
        )
        if step is not None:
            self._do(step)

    def _may_replace_record(self) -> bool:
        """A session run (or started) before keeps its record unless the facilitator says to run it again."""
        if not run_service.has_record(self.context.db, self.plan.session_id):
            return True
        if not ask(
            self.parent(),
            _("Kjøre samlingen på nytt?"),
            _(
                "Samlingen er kjørt før, og tidene er registrert. Vil du starte på nytt? "
                "De registrerte tidene blir erstattet av den nye kjøringen."
            ),
        ):
            return False
        run_service.clear_run(self.context.db, self.plan.session_id)
        self.context.changed.emit()
        return True

    def _add(self, minutes: int) -> None:
        """More time for the current block, as a step Ctrl+Z takes back (it undid the plan edit before it)."""
        if self.run is None:
            return
        command = AddTimeCommand(self, minutes)
        try:
            command.first_run(self.context.db)
        except RunError as exc:
            self.message.emit(exc.message)
            return
        self.context.push_done(command)

    def _do(self, step) -> None:
        if self.run is None:
            return
        try:
            self.apply(step)
        except RunError as exc:
            self.message.emit(exc.message)

    def apply(self, step) -> None:
        """Carry out ``step`` on the run (a RunError when it is not possible now), store what happened and
        show it."""
        step(self.run)
        self._record()
        if self.run.status is RunStatus.RUNNING:
            self.timer.start()
        else:
            self.timer.stop()
        self._enable()
        self._tick()

    def _record(self) -> None:
        new = self.run.events[self._recorded :]
        if not new:
            return
        try:
            run_service.record_run(
                self.context.db, self.plan.session_id, [b.id for b in self.plan.blocks], new, self.run.actuals
            )
        except Exception as exc:  # noqa: BLE001 - the run goes on; the facilitator is told
            from desktop.errors import LupError

            if not isinstance(exc, LupError):
                raise
            self.message.emit(exc.message)
            return
        self._recorded = len(self.run.events)
        if self.run.status is RunStatus.FINISHED:
            self.context.changed.emit()  # the plan's "actual" column

    def _tick(self) -> None:
        self.updated.emit()
        projection = self.projection
        # A frozen wall is left alone: a card or the countdown asked for meanwhile shows on unfreezing.
        if (
            projection is not None
            and projection.isVisible()
            and not projection.showing_card
            and not projection.frozen
        ):
            projection.show_state(self.projection_state())

    # --- what is shown ----------------------------------------------------------------------------------

    def projection_state(self) -> ProjectionState:
        run, plan = self.run, self.plan
        now = format_time(self.clock.now().astimezone().time())  # the room's clock, local time
        if run is None or plan is None:  # nothing to run: the session (if any) and the time, not a dark wall
            return ProjectionState(title=plan.title if plan else "", heading=now)
        if run.status is RunStatus.FINISHED:
            return ProjectionState(title=_("Takk for i dag!"), heading=plan.title)
        block = plan.blocks[run.current]
        following = plan.blocks[run.current + 1].title if run.current + 1 < len(plan.blocks) else ""
        paused = f" · {_('pause')}" if run.status is RunStatus.PAUSED else ""
        return ProjectionState(
            title=block.title,
            countdown=clock_text(run.remaining_seconds()),
            level=run.level().value,
            next_title=following,
            text=block.projector_text,
            heading=f"{plan.title} · {now}{paused}",
        )

    def show_projection(self) -> None:
        """Open the room's window (on the chosen screen) and show the current state."""
        if self.projection is None:
            self.projection = ProjectionWindow(self.settings)
            self.projection.closed.connect(self._wall_closed)
        self.projection.present()
        self.projection.show_state(self.projection_state())
        self.wall_clock.start()
        self._enable()
        self.updated.emit()

    def _wall_closed(self) -> None:
        self.wall_clock.stop()
        self._enable()
        self.updated.emit()

    def show_card(self, title: str, sections: list) -> None:
        """A method or prototype card on the wall, until the countdown is asked for again."""
        if self.projection is None or not self.projection.isVisible():
            self.show_projection()
        self.projection.show_card(title, sections)
        self.updated.emit()

    def show_timer(self) -> None:
        if self.projection is not None:
            self.projection.show_state(self.projection_state())
            self.updated.emit()

    def toggle_blackout(self) -> None:
        if self.projection is not None:
            self.projection.toggle_blackout()
            self.updated.emit()

    def toggle_freeze(self) -> None:
        if self.projection is not None:
            self.projection.toggle_freeze()
            self.updated.emit()
            self._tick()  # unfrozen: the run as it is now (a paused or finished run sends no more ticks)

    def close(self) -> None:
        self.timer.stop()
        self.wall_clock.stop()
        if self.projection is not None:
            self.projection.close()


class AddTimeCommand(ServiceCommand):
    """+1 or +5 min for the block that is going on; undone, the time is taken back from that block (not once
    the run has moved to another block, or ended)."""

    def __init__(self, controller: RunController, minutes: int) -> None:
        super().__init__(_("+{n} min til «{title}»").format(n=minutes, title=controller.current_title()))
        self.controller = controller
        self.minutes = minutes
        self.run = controller.run
        self.block = controller.run.current

    def do(self) -> None:
        self._give(self.minutes)

    def revert(self) -> None:
        self._give(-self.minutes)

    def _give(self, minutes: int) -> None:
        c = self.controller
        if c.run is not self.run or self.run.current != self.block or not c.is_live():
            raise RunError(_("Tiden kan ikke tas tilbake: blokken den ble gitt til, er ikke lenger i gang."))
        c.apply(lambda run: run.add_minutes(minutes))


class RunPanel(QWidget):
    """The laptop's view of a run: the countdown, ahead/behind and notes (private), and the controls."""

    def __init__(self, controller: RunController) -> None:
        super().__init__()
        self.controller = controller
        self.session_id: uuid.UUID | None = None
        big = QFont()
        big.setPointSize(40)
        big.setBold(True)
        self.block_title = QLabel()
        title_font = QFont()
        title_font.setPointSize(18)
        title_font.setBold(True)
        self.block_title.setFont(title_font)
        self.block_title.setWordWrap(True)
        self.countdown = QLabel("--:--")
        self.countdown.setFont(big)
        self.countdown.setObjectName("run-countdown")
        self.behind = QLabel()
        self.behind.setObjectName("run-behind")
        behind_font = QFont()
        behind_font.setPointSize(14)
        self.behind.setFont(behind_font)
        self.status = QLabel()
        self.next_label = QLabel()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setStyleSheet("background: #fffbe6; padding: 8px; border: 1px solid #e6d9a3;")
        for label in (self.block_title, self.next_label, self.status):
            label.setTextFormat(Qt.TextFormat.PlainText)

        # Two rows that wrap: the clock's buttons, then the wall's (one line each on a wide screen).
        clock, wall = FlowLayout(), FlowLayout()
        a = controller.actions
        for name, text in (
            ("toggle", _("Start / pause (P)")),
            ("previous", _("◀ Forrige (PgUp)")),
            ("next", _("Neste ▶ (PgDn)")),
            ("add1", _("+1 min (1)")),
            ("add5", _("+5 min (5)")),
        ):
            button = QPushButton(text)
            button.clicked.connect(a[name].trigger)
            clock.addWidget(button)
        self.project_button = QPushButton(_("Vis på veggen"))
        self.project_button.clicked.connect(controller.show_projection)
        self.screen_combo = QComboBox()
        self.screen_combo.setToolTip(_("Skjermen veggen vises på"))
        self.screen_combo.activated.connect(self._choose_screen)
        blackout = QPushButton(_("Svart skjerm (B)"))
        blackout.clicked.connect(a["blackout"].trigger)
        freeze = QPushButton(_("Frys (F)"))
        freeze.clicked.connect(a["freeze"].trigger)
        timer = QPushButton(_("Nedtelling (T)"))
        timer.setToolTip(_("Tilbake til nedtellingen etter et kort på veggen"))
        timer.clicked.connect(a["timer"].trigger)
        finish = QPushButton(_("Avslutt kjøringen"))
        finish.clicked.connect(a["finish"].trigger)
        self.rebalance_button = QPushButton(_("Fordel resten av dagen"))
        self.rebalance_button.setToolTip(
            _(
                "Gjør blokkene etter denne kortere eller lengre, så dagen slutter i tide (pauser og faste "
                "tider står). Kan angres."
            )
        )
        self.rebalance_button.clicked.connect(controller.rebalance_rest)
        clock.addWidget(self.rebalance_button)
        for widget in (self.project_button, self.screen_combo, blackout, freeze, timer, finish):
            wall.addWidget(widget)

        self.result = QTableWidget(0, 4)
        self.result.setHorizontalHeaderLabels([_("Blokk"), _("Planlagt"), _("Faktisk"), _("Avvik")])
        self.result.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.result.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.result.verticalHeader().hide()
        self.result.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_label = QLabel(_("Plan mot faktisk"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.block_title)
        row = QHBoxLayout()
        row.addWidget(self.countdown)
        column = QVBoxLayout()
        column.addWidget(self.behind)
        column.addWidget(self.status)
        column.addWidget(self.next_label)
        row.addLayout(column, 1)
        layout.addLayout(row)
        layout.addLayout(clock)
        layout.addLayout(wall)
        layout.addWidget(QLabel(_("Notater (bare for deg):")))
        layout.addWidget(self.notes)
        layout.addWidget(self.result_label)
        layout.addWidget(self.result, 1)
        layout.addStretch(0)  # the room below while there is no result (the table takes it once shown)
        controller.updated.connect(self.refresh)
        self._result_key = None
        app = QGuiApplication.instance()
        app.screenAdded.connect(lambda _s: self._screens_changed())
        app.screenRemoved.connect(lambda _s: self._screens_changed())
        self._screens_changed()

    def load(self, session_id: uuid.UUID) -> None:
        """Show this session's run: prepared here unless another session is running."""
        self.session_id = session_id
        self._result_key = None
        c = self.controller
        if not c.is_live() and (c.plan is None or c.plan.session_id != session_id) and self.isVisible():
            c.load(session_id)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        c = self.controller
        if (
            self.session_id is not None
            and not c.is_live()
            and (c.plan is None or c.plan.session_id != self.session_id)
        ):
            c.load(self.session_id)  # opening the tab prepares the run of the session it belongs to
        self.refresh()

    def _screens_changed(self) -> None:
        screens = ProjectionWindow.available_screens()
        self.screen_combo.blockSignals(True)
        self.screen_combo.clear()
        for screen in screens:
            self.screen_combo.addItem(screen.label, screen.name)
        chosen, _full = choose_screen(screens, self.controller.settings.get(PROJECTION_SCREEN))
        self.screen_combo.setCurrentIndex(chosen)  # the screen the wall uses, saved or not
        self.screen_combo.blockSignals(False)

    def _choose_screen(self, index: int) -> None:
        name = self.screen_combo.itemData(index)
        if self.controller.projection is None:
            self.controller.show_projection()
        self.controller.projection.move_to_screen(name)

    def refresh(self) -> None:
        c = self.controller
        mine = c.plan is not None and c.plan.session_id == self.session_id
        if not mine and c.is_live():
            self.block_title.setText(_("En annen samling kjøres nå: «{title}»").format(title=c.plan.title))
            self.countdown.setText(clock_text(c.run.remaining_seconds()))
            self.behind.setText("")
            self.status.setText(_("Avslutt den kjøringen før du starter denne."))
            self.next_label.setText("")
            self.notes.setText("")
            self._show_result()
            return
        if mine and c.run is not None and c.run.status is RunStatus.FINISHED:
            self.block_title.setText(_("Samlingen er ferdig"))
            self.countdown.setText("--:--")
            self.countdown.setStyleSheet("")
            ended = format_time(c.run.finished_at.astimezone().time()) if c.run.finished_at else ""
            self.behind.setText(_("Avsluttet {time}").format(time=ended))
            self.status.setText(_("Ferdig"))
            self.next_label.setText("")
            self.notes.setText(_("Plan mot faktisk tid står under."))
            self._show_result()
            return
        if not mine or c.run is None:
            self.block_title.setText(_("Klar til å kjøre samlingen"))
            self.countdown.setText("--:--")
            self.behind.setText("")
            self.status.setText(_("Trykk P (eller Start) for å starte første blokk."))
            self.next_label.setText("")
            self.notes.setText("")
            self._show_result()
            return
        run, plan = c.run, c.plan
        block = plan.blocks[run.current]
        self.block_title.setText(f"{run.current + 1}/{len(plan.blocks)}  {block.title}")
        self.countdown.setText(clock_text(run.remaining_seconds()))
        self.countdown.setStyleSheet(f"color: {LEVEL_COLOURS[run.level()]};")
        started = run.status is not RunStatus.READY
        self.behind.setText(self._pace(run, plan) if started else "")
        status = {
            RunStatus.READY: _("Ikke startet"),
            RunStatus.RUNNING: _("Pågår"),
            RunStatus.PAUSED: _("Pause"),
            RunStatus.FINISHED: _("Ferdig"),
        }[run.status]
        if c.projection is not None and c.projection.isVisible():
            status += " · " + (_("veggen er svart") if c.projection.blackout else _("vises på veggen"))
            if c.projection.showing_card:
                status += " · " + _("kort på veggen (T for nedtelling)")
            if c.projection.frozen:
                status += " · " + _("frosset")
        self.status.setText(status)
        following = (
            plan.blocks[run.current + 1].title if run.current + 1 < len(plan.blocks) else _("(siste blokk)")
        )
        self.next_label.setText(_("Neste: {title}").format(title=following))
        self.notes.setText(block.notes or _("(ingen notater)"))
        self._show_result()

    def _pace(self, run: Run, plan) -> str:
        """Ahead or behind, and on the session's own day when it will end at this pace."""
        pace = behind_text(run.behind_seconds())
        end = run.projected_end()
        if end is None or end.astimezone().date() != plan.date:  # a rehearsal on another day: no clock
            return pace
        return _("{pace} · ferdig ca. {time} (planlagt {planned})").format(
            pace=pace, time=format_time(end.astimezone().time()), planned=format_time(plan.end)
        )

    def _show_result(self) -> None:
        """Planned against actual per block, with totals; rebuilt only when the record changed."""
        if self.session_id is None:
            return
        c = self.controller
        live_here = c.run is not None and c.plan is not None and c.plan.session_id == self.session_id
        # A run prepared but not started shows how the session went the last time it was run.
        live_here = live_here and (bool(c.run.events) or c.run.status is not RunStatus.READY)
        key = (
            self.session_id,
            len(c.run.events) if live_here else None,
            c.run.status if live_here else None,
            tuple((b.id, b.minutes) for b in c.plan.blocks) if live_here else None,  # followed plan edits
        )
        if key == self._result_key:
            return
        self._result_key = key
        self.result_label.setText(
            _("Plan mot faktisk") if live_here else _("Plan mot faktisk, sist den ble kjørt")
        )
        if live_here:
            plan, actuals = c.plan, c.run.actuals
        else:
            try:
                plan = timeplan.load_plan(c.context.db, self.session_id)
            except NotFoundError:  # the session was removed; its page goes too
                self.result.hide()
                self.result_label.hide()
                return
            actuals = timeplan.recorded_actuals(plan)
        rows = plan_vs_actual([b.minutes for b in plan.blocks], actuals)
        recorded = any(r.actual_minutes is not None for r in rows)
        self.result.setVisible(recorded)
        self.result_label.setVisible(recorded)
        running = live_here and c.is_live()
        self.result.setRowCount(len(rows) + 1)
        planned_total = actual_total = 0.0
        for row in rows:
            done = row.actual_minutes is not None and not (running and row.index == c.run.current)
            if done:
                planned_total += row.planned_minutes
                actual_total += row.actual_minutes
            actual = (
                f"{row.actual_minutes:.0f}"
                if done
                else (_("pågår") if row.actual_minutes is not None else "")
            )
            diff = f"{row.difference:+.0f}" if done else ""
            for column, text in enumerate(
                (plan.blocks[row.index].title, str(row.planned_minutes), actual, diff)
            ):
                self.result.setItem(row.index, column, QTableWidgetItem(text))
        total = (
            _("Sum (gjennomførte blokker)"),
            f"{planned_total:.0f}",
            f"{actual_total:.0f}",
            f"{actual_total - planned_total:+.0f}",
        )
        for column, text in enumerate(total):
            item = QTableWidgetItem(text)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.result.setItem(len(rows), column, item)
