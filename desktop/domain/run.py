"""Run mode: the facilitator runs the time plan live, block by block, against a clock.

:class:`Run` is a small state machine (ready → running ⇄ paused → finished). It counts down the current
block's allotted time (planned plus added minutes; time paused does not count), tells how urgent that is
(:class:`Level`), how far ahead of or behind the plan the session is, and records every transition
(:class:`RunEvent`) and the actual start and end of every block (:class:`BlockActual`). The clock is
injected, so tests drive time by hand.

Choices:

* An action the current state does not allow raises :class:`RunError` (a LupError with a Norwegian
  message); nothing is silently ignored. :meth:`Run.allowed_actions` tells the UI which buttons to enable.
* ``next``, ``previous``, ``add_minutes`` and ``finish`` are allowed while paused as well as running; a
  paused run stays paused on the new block (its countdown starts on ``resume``).
* ``next`` on the last block finishes the run (the event recorded is ``finish``).
* ``previous`` reopens the previous block: it keeps its first actual start, its end is cleared, and its
  countdown continues from the running time it already had. The block left behind gets an end, like any
  block that is left; if it is reached again, its end is cleared again. So an actual start is when the
  block first became current, and an actual end is when it was last left (by next, previous or finish).
* ``add_minutes`` takes a whole number of minutes > 0 only (ValidationError otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from desktop.domain.timeplan import check_minutes
from desktop.errors import LupError
from desktop.i18n import _

# Comparisons against the warning/critical thresholds allow for float rounding of the fractions.
_EPSILON = 1e-6
KEEP = object()  # ``set_planned``: leave the planned end as it is


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class RunStatus(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Level(StrEnum):
    """How urgent the current block's countdown is: the colour the UI shows."""

    NORMAL = "normal"
    WARNING = "warning"  # orange
    CRITICAL = "critical"  # red
    OVERRUN = "overrun"  # time is up; the UI counts up


class EventKind(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    PREVIOUS = "previous"
    ADD = "add"
    FINISH = "finish"


class RunError(LupError):
    """A run-mode action that is not possible now (the message says why)."""


def plan_not_followed() -> RunError:
    """Blocks changed during the run where the run cannot follow (those already run, or after going
    back): it goes on with the plan as it was."""
    return RunError(
        _(
            "Blokker ble lagt til, fjernet eller flyttet under kjøringen. Kjøringen fortsetter med planen "
            "slik den var; endringene gjelder neste gang samlingen kjøres."
        )
    )


@dataclass(frozen=True)
class RunEvent:
    """One transition, at the clock's time. ``index`` is the block current after it (for ``finish``: the
    block that was current; for ``add``: the block extended); ``minutes`` is set for ``add`` only."""

    kind: EventKind
    index: int
    at: datetime
    minutes: int = 0


@dataclass(frozen=True)
class BlockActual:
    """What really happened to a block that has been current: ``start`` when it first became current,
    ``end`` when it was last left (None while it is current), ``added_minutes`` added to it, and
    ``seconds`` the time it was current and running (pauses excluded). A record read back from storage
    may not know ``seconds`` (None); its length is then the wall-clock time from start to end."""

    index: int
    start: datetime
    end: datetime | None
    added_minutes: int
    seconds: float | None = None

    @property
    def minutes(self) -> float | None:
        """Running minutes, else wall-clock minutes from start to end, else (still open) None."""
        if self.seconds is not None:
            return self.seconds / 60
        if self.end is not None:
            return (self.end - self.start).total_seconds() / 60
        return None


@dataclass
class _BlockRecord:
    start: datetime
    end: datetime | None = None
    added_minutes: int = 0
    seconds: float = 0.0  # running time before the current running span


class Run:
    """A live run of a time plan of ``planned_minutes`` blocks.

    ``warning`` and ``critical`` are the fractions of a block's allotted time left at which its level
    turns WARNING and CRITICAL (0 <= critical <= warning <= 1). ``planned_end`` is when the session is
    meant to end; by default the run's start plus the sum of the planned minutes. ``pinned_starts`` gives,
    per block, the time a pinned block (lunch at 11:30) is to start, None for the others: the projection
    waits for it when the run is early (the slack before lunch absorbs a delay) and does not pretend the
    day ends sooner when the blocks before it were quick.
    """

    def __init__(
        self,
        planned_minutes: Sequence[int],
        clock: Clock,
        warning: float = 0.20,
        critical: float = 0.05,
        planned_end: datetime | None = None,
        pinned_starts: Sequence[datetime | None] | None = None,
    ) -> None:
        if not planned_minutes:
            raise RunError(_("Tidsplanen er tom, så det er ingenting å kjøre."))
        if not 0 <= critical <= warning <= 1:
            raise ValueError(f"need 0 <= critical <= warning <= 1, got {critical=} {warning=}")
        if planned_end is not None and planned_end.tzinfo is None:
            raise ValueError("planned_end must be timezone-aware")
        self.planned_minutes: tuple[int, ...] = tuple(check_minutes(m) for m in planned_minutes)
        count = len(self.planned_minutes)
        self.pinned_starts = self._checked_pins(pinned_starts or (None,) * count, count)
        self.clock = clock
        self.warning = warning
        self.critical = critical
        self._planned_end = planned_end
        self.status = RunStatus.READY
        self.current = 0
        self.events: list[RunEvent] = []
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self._records: dict[int, _BlockRecord] = {}
        self._running_since: datetime | None = None  # start of the current block's running span

    # --- queries ---------------------------------------------------------------------------------------

    @property
    def planned_end(self) -> datetime | None:
        """When the session is meant to end (None before the start if not given)."""
        if self._planned_end is not None:
            return self._planned_end
        if self.started_at is None:
            return None
        return self.started_at + timedelta(minutes=sum(self.planned_minutes))

    @property
    def actuals(self) -> dict[int, BlockActual]:
        """The blocks that have been current, by index, as of now."""
        now = self._now() if self._running_since is not None else None
        return {
            index: BlockActual(
                index, record.start, record.end, record.added_minutes, self._seconds(index, record, now)
            )
            for index, record in sorted(self._records.items())
        }

    def allotted_seconds(self, index: int | None = None) -> float:
        """Planned plus added time of block ``index`` (the current block by default)."""
        index = self.current if index is None else index
        record = self._records.get(index)
        added = record.added_minutes if record else 0
        return (self.planned_minutes[index] + added) * 60.0

    def elapsed_in_block_seconds(self) -> float:
        """How long the current block has been current and running (pauses excluded)."""
        record = self._records.get(self.current)
        if record is None:
            return 0.0
        now = self._now() if self._running_since is not None else None
        return self._seconds(self.current, record, now)

    def remaining_seconds(self) -> float:
        """The current block's allotted time minus its running time; negative is overrun."""
        return self.allotted_seconds() - self.elapsed_in_block_seconds()

    def level(self) -> Level:
        """OVERRUN when the time is up (remaining < 0), else CRITICAL when at most ``critical`` of the
        allotted time is left, WARNING at most ``warning``, NORMAL otherwise. The boundaries belong to
        the more urgent level: exactly 20 % left is WARNING, exactly 0 s left is CRITICAL."""
        remaining = self.remaining_seconds()
        allotted = self.allotted_seconds()
        if remaining < 0:
            return Level.OVERRUN
        if remaining <= self.critical * allotted + _EPSILON:
            return Level.CRITICAL
        if remaining <= self.warning * allotted + _EPSILON:
            return Level.WARNING
        return Level.NORMAL

    def projected_end(self) -> datetime | None:
        """When the session will end at this pace: now, plus what is left of the current block (nothing
        if it has run over), plus what is left of every later block (its allotted time minus any running
        time it had before the facilitator went back). A finished run's projected end is when it
        finished. None before the start."""
        if self.status is RunStatus.FINISHED:
            return self.finished_at
        if self.status is RunStatus.READY:
            return None
        return self._project(self.current, self._now())

    def _project(self, first: int, now: datetime) -> datetime:
        """When the blocks from ``first`` on end if they run from ``now`` as planned: each for what is left of
        its allotted time, a pinned block not yet begun not before its pinned start."""
        cursor = now
        for i in range(first, len(self.planned_minutes)):
            pinned = self.pinned_starts[i]
            if i > first and pinned is not None and i not in self._records:
                cursor = max(cursor, pinned)
            cursor += timedelta(seconds=max(self.allotted_seconds(i) - self._seconds_at(i, now), 0.0))
        return cursor

    def behind_seconds(self) -> float:
        """Projected end minus planned end: positive is behind the plan, negative ahead. Before the start
        it compares starting now with the planned end (0 if no planned end was given)."""
        planned_end = self.planned_end
        if planned_end is None:
            return 0.0
        if self.status is RunStatus.READY:
            projected = self._project(0, self._now())
        else:
            projected = self.projected_end()
            assert projected is not None
        return (projected - planned_end).total_seconds()

    def allowed_actions(self) -> frozenset[EventKind]:
        """The actions the current state allows (``add`` stands for add_minutes)."""
        if self.status is RunStatus.READY:
            return frozenset({EventKind.START})
        if self.status is RunStatus.FINISHED:
            return frozenset()
        allowed = {EventKind.NEXT, EventKind.ADD, EventKind.FINISH}
        allowed.add(EventKind.PAUSE if self.status is RunStatus.RUNNING else EventKind.RESUME)
        if self.current > 0:
            allowed.add(EventKind.PREVIOUS)
        return frozenset(allowed)

    # --- actions ---------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the run at the first block."""
        self._require(EventKind.START)
        now = self._now()
        self.started_at = now
        self.status = RunStatus.RUNNING
        self._enter(0, now)
        self._record(EventKind.START, now)

    def pause(self) -> None:
        """Stop the countdown; time paused does not count against the block."""
        self._require(EventKind.PAUSE)
        now = self._now()
        self._stop_span(now)
        self.status = RunStatus.PAUSED
        self._record(EventKind.PAUSE, now)

    def resume(self) -> None:
        self._require(EventKind.RESUME)
        now = self._now()
        self.status = RunStatus.RUNNING
        self._running_since = now
        self._record(EventKind.RESUME, now)

    def next(self) -> None:
        """Leave the current block for the next one; on the last block, finish the run."""
        self._require(EventKind.NEXT)
        if self.current == len(self.planned_minutes) - 1:
            self.finish()
            return
        now = self._now()
        self._leave(now)
        self._enter(self.current + 1, now)
        self._record(EventKind.NEXT, now)

    def previous(self) -> None:
        """Go back to the previous block, which is reopened (see the module's notes)."""
        self._require(EventKind.PREVIOUS)
        now = self._now()
        self._leave(now)
        self._enter(self.current - 1, now)
        self._record(EventKind.PREVIOUS, now)

    def add_minutes(self, minutes: int) -> None:
        """Give the current block ``minutes`` more (a whole number > 0; ValidationError otherwise), or, with
        a negative number, take back time given to it (no more than it was given: a RunError)."""
        self._require(EventKind.ADD)
        if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes < 0:
            if -minutes > self._records[self.current].added_minutes:
                raise RunError(_("Blokken som pågår, har ikke fått så mye ekstra tid."))
        else:
            check_minutes(minutes)
        now = self._now()
        self._records[self.current].added_minutes += minutes
        self._record(EventKind.ADD, now, minutes)

    def finish(self) -> None:
        """End the run now, on whatever block is current (later blocks stay unrun)."""
        self._require(EventKind.FINISH)
        now = self._now()
        self._leave(now)
        self.status = RunStatus.FINISHED
        self.finished_at = now
        self._record(EventKind.FINISH, now)

    def set_planned(
        self,
        planned_minutes: Sequence[int],
        pinned_starts: Sequence[datetime | None] | None = None,
        planned_end: datetime | None | object = KEEP,
    ) -> None:
        """The plan was changed during the run: new minutes, and where given, new pinned starts and a new
        planned end (None for none); later countdowns and the projection follow it. Blocks may have been
        added, removed or moved after the current one (the caller knows the ones up to it are as they
        were); that is a RunError when a later block has already been current (the run went back) or the
        current block is gone."""
        minutes = tuple(check_minutes(m) for m in planned_minutes)
        if len(minutes) != len(self.planned_minutes):
            if len(minutes) <= self.current or any(index > self.current for index in self._records):
                raise plan_not_followed()
            pinned_starts = pinned_starts or (None,) * len(minutes)
        if pinned_starts is not None:
            self.pinned_starts = self._checked_pins(pinned_starts, len(minutes))
        if planned_end is not KEEP:
            if planned_end is not None and planned_end.tzinfo is None:
                raise ValueError("planned_end must be timezone-aware")
            self._planned_end = planned_end
        self.planned_minutes = minutes

    @staticmethod
    def _checked_pins(pinned_starts: Sequence[datetime | None], count: int) -> tuple[datetime | None, ...]:
        pins = tuple(pinned_starts)
        if len(pins) != count or any(p is not None and p.tzinfo is None for p in pins):
            raise ValueError("pinned_starts needs one timezone-aware time (or None) per block")
        return pins

    @classmethod
    def replay(
        cls, planned_minutes: Sequence[int], events: Sequence[RunEvent], clock: Clock, **options
    ) -> Run:
        """Rebuild a run from its stored events (after a crash or a restart), then go on with ``clock``.

        Each event is applied again at its own time; the time since the last one counts as it would have
        (running, or paused). An event that lands on another block than the one it names (``index``: the
        plan was changed since, and the blocks moved) is a ``RunError``: the run cannot be taken up."""

        class _At:
            moment: datetime

            def now(self) -> datetime:
                return self.moment

        at = _At()
        run = cls(planned_minutes, at, **options)
        steps = {
            EventKind.START: Run.start,
            EventKind.PAUSE: Run.pause,
            EventKind.RESUME: Run.resume,
            EventKind.NEXT: Run.next,
            EventKind.PREVIOUS: Run.previous,
            EventKind.FINISH: Run.finish,
        }
        for event in events:
            at.moment = event.at
            if event.kind == EventKind.ADD:
                run.add_minutes(event.minutes)
            else:
                steps[EventKind(event.kind)](run)
            if run.events[-1].index != event.index:
                raise RunError(
                    _(
                        "Tidsplanen er endret siden kjøringen ble avbrutt (blokker er fjernet eller "
                        "flyttet), så den kan ikke fortsette der den slapp."
                    )
                )
        run.clock = clock
        return run

    # --- internals -------------------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self.clock.now()
        if now.tzinfo is None:
            raise ValueError("the run's clock must give timezone-aware times")
        return now

    def _require(self, action: EventKind) -> None:
        if action in self.allowed_actions():
            return
        if self.status is RunStatus.FINISHED:
            message = _("Kjøringen er avsluttet.")
        elif self.status is RunStatus.READY:
            message = _("Kjøringen er ikke startet ennå.")
        elif action is EventKind.START:
            message = _("Kjøringen er allerede startet.")
        elif action is EventKind.PAUSE:
            message = _("Kjøringen står allerede på pause.")
        elif action is EventKind.RESUME:
            message = _("Kjøringen er ikke satt på pause.")
        elif action is EventKind.PREVIOUS:
            message = _("Dette er den første blokken i tidsplanen.")
        else:  # pragma: no cover - every refusal is named above
            message = _("Det går ikke an nå.")
        raise RunError(message)

    def _record(self, kind: EventKind, at: datetime, minutes: int = 0) -> None:
        self.events.append(RunEvent(kind, self.current, at, minutes))

    def _seconds(self, index: int, record: _BlockRecord, now: datetime | None) -> float:
        """Running time of a block; ``now`` counts the open running span of the current block."""
        seconds = record.seconds
        if now is not None and index == self.current and self._running_since is not None:
            # A clock set backwards must not give negative time.
            seconds += max((now - self._running_since).total_seconds(), 0.0)
        return seconds

    def _seconds_at(self, index: int, now: datetime) -> float:
        record = self._records.get(index)
        return 0.0 if record is None else self._seconds(index, record, now)

    def _stop_span(self, now: datetime) -> None:
        if self._running_since is not None:
            record = self._records[self.current]
            record.seconds = self._seconds(self.current, record, now)
            self._running_since = None

    def _leave(self, now: datetime) -> None:
        self._stop_span(now)
        self._records[self.current].end = now

    def _enter(self, index: int, now: datetime) -> None:
        self.current = index
        record = self._records.get(index)
        if record is None:
            self._records[index] = _BlockRecord(start=now)
        else:
            record.end = None
        if self.status is RunStatus.RUNNING:
            self._running_since = now


@dataclass(frozen=True)
class PlanVsActual:
    """One row of the after-session view. ``actual_minutes`` is :attr:`BlockActual.minutes` (the running
    time, pauses excluded, when known), None for a block that never became current (or is still open
    without a known running time); ``difference`` is actual minus planned minutes (a block never
    run counts as 0 actual minutes, so it shows the whole planned time saved). Added minutes are shown
    separately: they are part of the difference, not of the plan."""

    index: int
    planned_minutes: int
    added_minutes: int
    actual_minutes: float | None
    difference: float


def plan_vs_actual(
    planned_minutes: Sequence[int], actuals: dict[int, BlockActual] | Sequence[BlockActual]
) -> list[PlanVsActual]:
    """Planned against actual minutes of every block, in plan order."""
    by_index = actuals if isinstance(actuals, dict) else {actual.index: actual for actual in actuals}
    rows: list[PlanVsActual] = []
    for index, planned in enumerate(planned_minutes):
        actual = by_index.get(index)
        minutes = actual.minutes if actual is not None else None
        rows.append(
            PlanVsActual(
                index=index,
                planned_minutes=planned,
                added_minutes=actual.added_minutes if actual is not None else 0,
                actual_minutes=minutes,
                difference=(minutes or 0.0) - planned,
            )
        )
    return rows
