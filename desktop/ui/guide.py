"""The guide through a session: the start page (the facilitator's next sessions, one click from running
today's) and a session's checklist (before, during, after) whose ticks are stored and undoable.

Both widgets only show what ``desktop.services.guide`` returns; a tick is a ``ChangeCommand`` on the undo
stack. They reload on ``context.changed`` while shown, and once when shown again after a change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import checklist as domain
from desktop.domain.rules import format_date, format_time
from desktop.errors import NotFoundError
from desktop.i18n import _
from desktop.services import guide
from desktop.ui.commands import ChangeCommand
from desktop.ui.settings import Setting

if TYPE_CHECKING:
    from desktop.ui.context import AppContext
    from desktop.ui.settings import Settings

ME = Setting("guide/facilitator", "", str)  # the chosen facilitator's id, "" for every facilitator

MUTED = "color: #555555;"
CARD_STYLE = "QFrame#card { background: palette(base); border: 1px solid #d4d4d4; border-radius: 6px; }"
TODAY_STYLE = "QFrame#today { background: #eaf3ea; border: 1px solid #8fbf8f; border-radius: 6px; }"
PLACE_WIDTH = 260
ACTIONS_WIDTH = 170
RUN_STYLE = "QPushButton { font-size: 13pt; font-weight: 600; padding: 8px 20px; }"


def _weekday(day: date, short: bool = False) -> str:
    names = (
        (_("mandag"), _("man.")),
        (_("tirsdag"), _("tir.")),
        (_("onsdag"), _("ons.")),
        (_("torsdag"), _("tor.")),
        (_("fredag"), _("fre.")),
        (_("lørdag"), _("lør.")),
        (_("søndag"), _("søn.")),
    )
    return names[day.weekday()][1 if short else 0]


def long_date(day: date) -> str:
    """«tirsdag 7. mars 2017»."""
    months = (
        _("januar"),
        _("februar"),
        _("mars"),
        _("april"),
        _("mai"),
        _("juni"),
        _("juli"),
        _("august"),
        _("september"),
        _("oktober"),
        _("november"),
        _("desember"),
    )
    return f"{_weekday(day)} {day.day}. {months[day.month - 1]} {day.year}"


def _font(label: QWidget, scale: float, weight: QFont.Weight = QFont.Weight.Normal) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(weight)
    label.setFont(font)


def _label(text: str = "", style: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if style:
        label.setStyleSheet(style)
    return label


def _heading(text: str = "", scale: float = 1.25) -> QLabel:
    label = _label(text)
    _font(label, scale, QFont.Weight.DemiBold)
    return label


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class _ReloadWhenShown(QWidget):
    """Reloads on ``context.changed`` while visible; a change while hidden reloads when shown again."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._stale = False
        context.changed.connect(self._changed)

    def _changed(self) -> None:
        if self.isVisible():
            self._safe_reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._safe_reload()

    def _safe_reload(self) -> None:
        self._stale = False
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError


# --- the start page --------------------------------------------------------------------------------------


class StartPage(_ReloadWhenShown):
    """Welcome, «Jeg er: …», today's session with a big run button, the next sessions and the recent ones."""

    def __init__(
        self,
        context: AppContext,
        settings: Settings,
        open_session: Callable[[uuid.UUID], None],
        run_session: Callable[[uuid.UUID], None],
        today: Callable[[], date] = date.today,
        actions=None,
    ) -> None:
        super().__init__(context)
        self.settings = settings
        self.actions = actions  # the window's RegisterActions: «Kom i gang» opens their dialogs
        self.open_session = open_session
        self.run_session = run_session
        self.today = today
        self.upcoming: list[guide.UpcomingSession] = []
        self.recent: list[guide.UpcomingSession] = []
        self.open_buttons: dict[uuid.UUID, QPushButton] = {}
        self.run_buttons: dict[uuid.UUID, QPushButton] = {}
        self.todays: guide.UpcomingSession | None = None

        self.heading = _heading(scale=1.8)
        self.date_line = _label(style=MUTED)
        _font(self.date_line, 1.1)
        self.who = QComboBox()
        self.who.setAccessibleName(_("Jeg er"))
        self.who.setMinimumContentsLength(22)
        self.who.activated.connect(self._chose)
        who_row = QHBoxLayout()
        who_label = _label(_("Jeg er:"))
        who_label.setBuddy(self.who)
        who_row.addWidget(who_label)
        who_row.addWidget(self.who)
        who_row.addSpacing(10)
        self.who_hint = _label(_("Velg deg selv, så ser du samlingene dine."), MUTED)
        who_row.addWidget(self.who_hint)
        who_row.addStretch(1)

        # Today's session: a card with the one button that matters on the day.
        self.today_card = QFrame()
        self.today_card.setObjectName("today")
        self.today_card.setStyleSheet(TODAY_STYLE)
        self.today_title = _heading(scale=1.35)
        self.today_title.setWordWrap(True)
        self.today_info = _label(wrap=True)
        _font(self.today_info, 1.1)
        self.run_today_button = QPushButton(_("Kjør dagens samling ▶"))
        self.run_today_button.setStyleSheet(RUN_STYLE)
        self.run_today_button.setDefault(True)
        self.run_today_button.clicked.connect(lambda: self.todays and self.run_session(self.todays.id))
        self.open_today_button = QPushButton(_("Åpne samlingen"))
        self.open_today_button.setStyleSheet("QPushButton { font-size: 11pt; padding: 8px 14px; }")
        self.open_today_button.clicked.connect(lambda: self.todays and self.open_session(self.todays.id))
        today_layout = QVBoxLayout(self.today_card)
        today_layout.setContentsMargins(18, 14, 18, 14)
        caption = _label(_("I dag"), "color: #2f6b2f; font-weight: 600;")
        today_layout.addWidget(caption)
        today_layout.addWidget(self.today_title)
        today_layout.addWidget(self.today_info)
        self.today_ready = _label(style=MUTED)
        today_layout.addWidget(self.today_ready)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_today_button)
        buttons.addWidget(self.open_today_button)
        buttons.addStretch(1)
        today_layout.addSpacing(6)
        today_layout.addLayout(buttons)

        # A new register: where to begin, and in what order (each step ticked off when done).
        self.first_card = QFrame()
        self.first_card.setObjectName("card")
        self.first_card.setStyleSheet(CARD_STYLE)
        first_layout = QGridLayout(self.first_card)
        first_layout.setContentsMargins(18, 14, 18, 14)
        first_layout.addWidget(_heading(_("Kom i gang")), 0, 0, 1, 3)
        self.first_steps: list[tuple[QLabel, QPushButton]] = []
        for row, (text, button_text) in enumerate(
            (
                (_("Legg inn veilederne"), _("Ny veileder …")),
                (_("Registrer tjenestestedene"), _("Nytt tjenestested …")),
                (_("Lag kullet"), _("Nytt kull …")),
                (_("Lag samlingene fra arbeidspakken"), _("Samlingene …")),
                (_("Legg til ledergruppene og deltakerne"), _("Ny ledergruppe …")),
            ),
            start=1,
        ):
            mark = _label()
            first_layout.addWidget(mark, row, 0)
            first_layout.addWidget(_label(f"{row}. {text}"), row, 1)
            step_button = QPushButton(button_text)
            step_button.clicked.connect(lambda _c=False, n=row - 1: self._first_step(n))
            first_layout.addWidget(step_button, row, 2)
            self.first_steps.append((mark, step_button))
        first_layout.setColumnStretch(1, 1)
        self._steps: guide.FirstSteps | None = None

        self.upcoming_heading = _heading()
        self.upcoming_grid = QGridLayout()
        self.recent_heading = _heading(_("Nylig gjennomført"))
        self.recent_grid = QGridLayout()

        body = QVBoxLayout()
        body.setContentsMargins(28, 24, 28, 24)
        body.setSpacing(10)
        body.addWidget(self.heading)
        body.addWidget(self.date_line)
        body.addSpacing(4)
        body.addLayout(who_row)
        body.addSpacing(10)
        body.addWidget(self.first_card)
        body.addWidget(self.today_card)
        body.addSpacing(10)
        body.addWidget(self.upcoming_heading)
        body.addWidget(self._card(self.upcoming_grid))
        body.addSpacing(10)
        body.addWidget(self.recent_heading)
        body.addWidget(self._card(self.recent_grid))
        body.addStretch(1)
        inner = QWidget()
        inner.setLayout(body)
        inner.setMaximumWidth(1100)
        centred = QHBoxLayout()
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(inner, 1)
        centred.addStretch(0)
        holder = QWidget()
        holder.setLayout(centred)
        area = QScrollArea()
        area.setWidget(holder)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.reload()

    @staticmethod
    def _card(grid: QGridLayout) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        card.setStyleSheet(CARD_STYLE)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        card.setLayout(grid)
        return card

    # --- the facilitator ---------------------------------------------------------------------------------

    def facilitator_id(self) -> uuid.UUID | None:
        value = self.who.currentData()
        return uuid.UUID(value) if value else None

    def _chose(self, _index: int) -> None:
        chosen = self.facilitator_id()
        self.settings.set(ME, str(chosen) if chosen else "")
        self.reload()

    def choose(self, facilitator_id: uuid.UUID | None) -> None:
        """Select a facilitator as «Jeg er» would (remembered in the settings)."""
        index = self.who.findData(str(facilitator_id)) if facilitator_id else 0
        self.who.setCurrentIndex(max(index, 0))
        self._chose(self.who.currentIndex())

    def _saved_facilitator(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.settings.get(ME)) if self.settings.get(ME) else None
        except ValueError:
            return None

    def _fill_facilitators(self) -> str:
        """Refill the chooser and select the remembered facilitator; returns her name ("" for all)."""
        saved = self._saved_facilitator()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(_("Alle veiledere"), "")
        name = ""
        for choice in guide.facilitators(self.context.db):
            self.who.addItem(choice.name, str(choice.id))
            if choice.id == saved:
                self.who.setCurrentIndex(self.who.count() - 1)
                name = choice.name
        self.who.blockSignals(False)
        return name

    # --- showing -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        today = self.today()
        name = self._fill_facilitators()
        me = self.facilitator_id()
        first_name = name.split()[0] if name else ""
        steps = self._steps = guide.first_steps(self.context.db)
        self.who_hint.setVisible(me is None and steps.facilitators > 0)  # no one to choose yet
        self.first_card.setVisible(not steps.done)
        done = (steps.facilitators, steps.locations, steps.cohort_id, steps.sessions, steps.groups)
        for n, ((mark, step_button), made) in enumerate(zip(self.first_steps, done, strict=True)):
            mark.setText("✓" if made else "○")
            mark.setStyleSheet("color: #2f6b2f; font-weight: 700;" if made else MUTED)
            needs_cohort = n >= 3 and steps.cohort_id is None
            step_button.setEnabled(not needs_cohort)  # the sessions' dialog adds only the missing ones
        self.heading.setText(
            _("Velkommen, {name}").format(name=first_name) if first_name else _("Velkommen til LUP Verksted")
        )
        self.date_line.setText(_("I dag er det {date}.").format(date=long_date(today)))
        db = self.context.db
        self.upcoming = guide.upcoming_sessions(db, me, today)
        self.recent = guide.recent_sessions(db, me, today)
        self.todays = next((x for x in self.upcoming if x.is_today), None)
        self.open_buttons.clear()
        self.run_buttons.clear()

        self.today_card.setVisible(self.todays is not None)
        if self.todays is not None:
            x = self.todays
            self.today_title.setText(x.title)
            self.today_info.setText(" · ".join(p for p in (x.cohort_name, self._times(x), x.place) if p))
            ready = guide.checklist(db, x.id, self.context.kit(guide.kit_id(db, x.id) or ""))
            self.today_ready.setText(
                _("Sjekklisten: {done} av {total} punkter klare").format(
                    done=ready.done_count, total=ready.total
                )
            )
            self.run_today_button.setEnabled(x.blocks > 0)
            self.run_today_button.setToolTip(
                "" if x.blocks else _("Samlingen har ingen tidsplan ennå. Åpne den og lag tidsplanen først.")
            )

        self.upcoming_heading.setText(_("Dine neste samlinger") if me else _("Neste samlinger"))
        self._fill(
            self.upcoming_grid,
            self.upcoming,
            today,
            _("Ingen samlinger er planlagt framover. Planlegg en ny fra kullet i navigatoren."),
        )
        self.recent_heading.setVisible(bool(self.recent))
        self.recent_grid.parentWidget().setVisible(bool(self.recent))
        self._fill(self.recent_grid, self.recent, today, "")

    def _first_step(self, n: int) -> None:
        """One of «Kom i gang»'s steps: the dialog that makes it (the window's own actions)."""
        steps, actions = self._steps, self.actions
        if steps is None or actions is None:
            return
        if n == 0:
            actions.new_facilitator()
        elif n == 1:
            actions.new_location()
        elif n == 2 and steps.programme_id is not None:
            actions.new_cohort(steps.programme_id)
        elif n == 3 and steps.cohort_id is not None:
            actions.plan_programme(steps.cohort_id)
        elif n == 4 and steps.cohort_id is not None:
            actions.add_leader_group(steps.cohort_id)

    @staticmethod
    def _times(x: guide.UpcomingSession) -> str:
        return f"{format_time(x.start)}–{format_time(x.end)}"

    @staticmethod
    def _when(x: guide.UpcomingSession, today: date) -> str:
        if x.date == today:
            return _("I dag")
        if x.date == today + timedelta(days=1):
            return _("I morgen")
        return f"{_weekday(x.date, short=True)} {format_date(x.date)}"

    def _fill(self, grid: QGridLayout, rows: list[guide.UpcomingSession], today: date, empty: str) -> None:
        _clear(grid)
        if not rows:
            grid.addWidget(_label(empty, MUTED, wrap=True), 0, 0, 1, 6)
            return
        for r, x in enumerate(rows):
            when = _label(self._when(x, today))
            if x.is_today:
                when.setStyleSheet("font-weight: 600; color: #2f6b2f;")
            title = _label(x.title, wrap=True)
            title.setMinimumWidth(160)
            title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            place = _label(x.place, MUTED, wrap=True)
            place.setMinimumWidth(120)  # wraps on a laptop beside the navigator
            place.setMaximumWidth(PLACE_WIDTH)
            cells = (when, _label(self._times(x)), _label(x.cohort_name), title, place)
            for c, cell in enumerate(cells):
                grid.addWidget(cell, r, c, Qt.AlignmentFlag.AlignVCenter)
            actions = QHBoxLayout()
            actions.setSpacing(6)
            if x.is_today and x is not self.todays:  # the first is run from the card above
                run = QPushButton(_("Kjør ▶"))
                run.setToolTip(_("Kjør samlingen «{title}»").format(title=x.title))
                run.clicked.connect(lambda _c=False, sid=x.id: self.run_session(sid))
                run.setEnabled(x.blocks > 0)
                actions.addWidget(run)
                self.run_buttons[x.id] = run
            button = QPushButton(_("Åpne"))
            button.setToolTip(_("Åpne samlingen «{title}»").format(title=x.title))
            button.clicked.connect(lambda _c=False, sid=x.id: self.open_session(sid))
            actions.addWidget(button)
            self.open_buttons[x.id] = button
            grid.addLayout(actions, r, 5, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(5, ACTIONS_WIDTH)


# --- the checklist ---------------------------------------------------------------------------------------


class ChecklistPanel(_ReloadWhenShown):
    """A session's checklist in three parts; ticking is stored (and undone with Ctrl+Z)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.session_id: uuid.UUID | None = None
        self.data: guide.SessionChecklist | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self._details: dict[str, QLabel] = {}
        self._phase_counts: dict[str, QLabel] = {}
        self._keys: tuple[str, ...] = ()

        self.summary = _label(wrap=True, style=MUTED)
        self.kit_note = _label(wrap=True, style="background: #fff4cc; padding: 6px 8px; border-radius: 4px;")
        self.kit_note.hide()
        self.progress_text = _label()
        _font(self.progress_text, 1.15, QFont.Weight.DemiBold)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setMaximumWidth(360)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_text)
        progress_row.addSpacing(12)
        progress_row.addWidget(self.progress, 1)
        progress_row.addStretch(1)

        self.items_layout = QVBoxLayout()
        self.items_layout.setSpacing(2)
        inner = QWidget()
        wrapper = QVBoxLayout(inner)
        wrapper.setContentsMargins(4, 4, 12, 12)
        wrapper.addLayout(self.items_layout)
        wrapper.addStretch(1)
        inner.setMaximumWidth(980)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.kit_note)
        layout.addWidget(area, 1)

    def load(self, session_id: uuid.UUID) -> None:
        if session_id != self.session_id:
            self._keys = ()  # another session: build the list anew
        self.session_id = session_id
        self.reload()

    def _safe_reload(self) -> None:
        try:
            super()._safe_reload()
        except NotFoundError:  # the session is gone (deleted, or its creation undone)
            self.session_id = None
            self.data = None
            self._keys = ()
            _clear(self.items_layout)
            self.boxes.clear()

    def reload(self) -> None:
        if self.session_id is None:
            return
        db = self.context.db
        kit_id = guide.kit_id(db, self.session_id)
        kit = self.context.kit(kit_id) if kit_id else None
        self.data = data = guide.checklist(db, self.session_id, kit)
        keys = tuple(item.key for item in data.items)
        if keys != self._keys:
            self._build(data)
            self._keys = keys
        for item in data.items:  # same items: update in place, so focus and scrolling stay where they are
            box = self.boxes[item.key]
            box.blockSignals(True)
            box.setChecked(item.done)
            box.setText(item.text)
            box.setAccessibleDescription(item.detail)
            box.blockSignals(False)
            self._details[item.key].setText(item.detail)
            self._details[item.key].setVisible(bool(item.detail))
        self._show_summary(data, kit_id)

    def _show_summary(self, data: guide.SessionChecklist, kit_id: str | None) -> None:
        self.progress_text.setText(
            _("{done} av {total} punkter klare").format(done=data.done_count, total=data.total)
        )
        self.progress.setMaximum(max(data.total, 1))
        self.progress.setValue(data.done_count)
        self.summary.setText(
            _("{cohort} · {groups} ledergrupper · {participants} deltakere · {date} {start}–{end}").format(
                cohort=data.cohort_name,
                groups=data.groups,
                participants=data.participants,
                date=format_date(data.date),
                start=format_time(data.start),
                end=format_time(data.end),
            )
        )
        if kit_id is None:
            note = _(
                "Tidsplanen er ikke hentet fra en arbeidspakke, så arbeidsark og rigging av rommet er ikke "
                "med."
            )
        elif data.kit_name is None:
            note = _(
                "Arbeidspakken «{kit}» som tidsplanen kom fra, finnes ikke på denne maskinen, så arbeidsark "
                "og rigging av rommet er ikke med."
            ).format(kit=kit_id)
        elif not data.template_found:
            note = _(
                "Samlingsmalen finnes ikke lenger i arbeidspakken «{kit}», så arbeidsark og rigging er ikke "
                "med."
            ).format(kit=data.kit_name)
        else:
            note = ""
        self.kit_note.setText(note)
        self.kit_note.setVisible(bool(note))
        for phase, label in self._phase_counts.items():
            entries = data.phase(phase)
            label.setText(
                _("{done} av {total}").format(done=sum(e.done for e in entries), total=len(entries))
            )

    def _build(self, data: guide.SessionChecklist) -> None:
        _clear(self.items_layout)
        self.boxes.clear()
        self._details.clear()
        self._phase_counts.clear()
        for phase in domain.PHASES:
            entries = data.phase(phase)
            if not entries:
                continue
            header = QHBoxLayout()
            title = _heading(domain.phase_label(phase), 1.3)
            count = _label(style=MUTED)
            self._phase_counts[phase] = count
            header.addWidget(title)
            header.addSpacing(10)
            header.addWidget(count, 0, Qt.AlignmentFlag.AlignBaseline)
            header.addStretch(1)
            if self.items_layout.count():
                self.items_layout.addSpacing(18)
            self.items_layout.addLayout(header)
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setStyleSheet("color: #d4d4d4;")
            self.items_layout.addWidget(rule)
            section = None
            for entry in entries:
                label = domain.section_label(entry.key)
                if label and label != section:
                    section = label
                    sub = _label(label, "color: #2b4f73; font-weight: 600;")
                    self.items_layout.addSpacing(8)
                    self.items_layout.addWidget(sub)
                self._add_item(entry)

    def _add_item(self, entry: guide.ChecklistEntry) -> None:
        box = QCheckBox(entry.text)
        box.setChecked(entry.done)
        box.setAccessibleDescription(entry.detail)
        box.toggled.connect(lambda checked, key=entry.key: self._tick(key, checked))
        detail = _label(entry.detail, MUTED, wrap=True)
        detail.setVisible(bool(entry.detail))
        detail.setContentsMargins(26, 0, 0, 4)
        self.boxes[entry.key] = box
        self._details[entry.key] = detail
        self.items_layout.addWidget(box)
        self.items_layout.addWidget(detail)

    def _tick(self, key: str, done: bool) -> None:
        if self.session_id is None or self.data is None:
            return
        entry = self.data.item(key)
        name = entry.text if entry is not None else key
        text = (_("Kryss av «{item}»") if done else _("Fjern krysset for «{item}»")).format(item=name)
        session_id = self.session_id
        ok = self.context.perform(
            ChangeCommand(text, lambda db, value: guide.set_tick(db, session_id, key, value), done)
        )
        if not ok:
            self._safe_reload()  # the tick was not stored: show what is
