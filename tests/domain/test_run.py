"""Run mode: the state machine, the countdown and its levels, ahead/behind, and what is recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.run import (
    BlockActual,
    EventKind,
    Level,
    Run,
    RunError,
    RunEvent,
    RunStatus,
    SystemClock,
    plan_vs_actual,
)
from desktop.errors import LupError, ValidationError

T0 = datetime(2018, 3, 5, 8, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.time = start

    def now(self) -> datetime:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += timedelta(seconds=seconds)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def started(clock: FakeClock, *minutes: int, **kwargs) -> Run:
    run = Run(list(minutes), clock, **kwargs)
    run.start()
    return run


# --- construction ----------------------------------------------------------------------------------------


def test_system_clock_is_timezone_aware() -> None:
    assert SystemClock().now().tzinfo is not None


def test_an_empty_plan_cannot_be_run(clock: FakeClock) -> None:
    with pytest.raises(RunError) as info:
        Run([], clock)
    assert isinstance(info.value, LupError)
    assert "tom" in info.value.message


def test_planned_minutes_are_validated(clock: FakeClock) -> None:
    with pytest.raises(ValidationError):
        Run([10, 0], clock)


@pytest.mark.parametrize(("warning", "critical"), [(0.05, 0.2), (1.5, 0.1), (0.2, -0.1)])
def test_thresholds_must_be_ordered_fractions(clock: FakeClock, warning: float, critical: float) -> None:
    with pytest.raises(ValueError):
        Run([10], clock, warning=warning, critical=critical)


def test_a_naive_clock_is_a_programming_error() -> None:
    naive = FakeClock(datetime(2018, 3, 5, 8, 0))
    with pytest.raises(ValueError, match="timezone"):
        Run([10], naive).start()


# --- transitions -----------------------------------------------------------------------------------------


def test_ready_run_only_starts(clock: FakeClock) -> None:
    run = Run([10, 20], clock)
    assert run.status is RunStatus.READY
    assert run.current == 0
    assert run.allowed_actions() == {EventKind.START}
    assert run.remaining_seconds() == 600
    assert run.level() is Level.NORMAL
    assert run.actuals == {}
    assert run.planned_end is None
    assert run.projected_end() is None
    assert run.behind_seconds() == 0


def test_full_run_through_the_states(clock: FakeClock) -> None:
    run = Run([10, 20, 5], clock)
    run.start()
    assert run.status is RunStatus.RUNNING
    assert run.allowed_actions() == {EventKind.PAUSE, EventKind.NEXT, EventKind.ADD, EventKind.FINISH}
    clock.advance(60)
    run.pause()
    assert run.status is RunStatus.PAUSED
    assert EventKind.RESUME in run.allowed_actions()
    clock.advance(30)
    run.resume()
    assert run.status is RunStatus.RUNNING
    clock.advance(60)
    run.next()
    assert run.current == 1
    assert EventKind.PREVIOUS in run.allowed_actions()
    run.next()
    assert run.current == 2
    run.next()  # on the last block: finishes
    assert run.status is RunStatus.FINISHED
    assert run.current == 2
    assert run.allowed_actions() == frozenset()
    assert [event.kind for event in run.events] == ["start", "pause", "resume", "next", "next", "finish"]


@pytest.mark.parametrize("action", ["pause", "resume", "next", "previous", "finish"])
def test_ready_refuses_everything_but_start(clock: FakeClock, action: str) -> None:
    run = Run([10], clock)
    with pytest.raises(RunError, match="ikke startet"):
        getattr(run, action)()
    with pytest.raises(RunError):
        run.add_minutes(1)
    assert run.events == []


@pytest.mark.parametrize("action", ["start", "pause", "resume", "next", "previous", "finish"])
def test_finished_refuses_everything(clock: FakeClock, action: str) -> None:
    run = started(clock, 10)
    run.finish()
    with pytest.raises(RunError, match="avsluttet"):
        getattr(run, action)()
    with pytest.raises(RunError, match="avsluttet"):
        run.add_minutes(5)
    assert len(run.events) == 2


def test_invalid_actions_while_running_and_paused(clock: FakeClock) -> None:
    run = started(clock, 10, 10)
    with pytest.raises(RunError, match="allerede startet"):
        run.start()
    with pytest.raises(RunError, match="ikke satt på pause"):
        run.resume()
    with pytest.raises(RunError, match="første blokken"):
        run.previous()
    run.pause()
    with pytest.raises(RunError, match="allerede på pause"):
        run.pause()
    assert [event.kind for event in run.events] == ["start", "pause"]


@pytest.mark.parametrize("minutes", [0, 2.5, -2.5])
def test_add_minutes_refuses_zero_or_fractional_minutes(clock: FakeClock, minutes: float) -> None:
    run = started(clock, 10)
    with pytest.raises(ValidationError):
        run.add_minutes(minutes)  # type: ignore[arg-type]
    assert run.allotted_seconds() == 600


def test_time_given_to_the_current_block_can_be_taken_back_and_no_more(clock: FakeClock) -> None:
    """The undo of a wrong «5»: negative minutes take back what the block was given, never its own time."""
    run = started(clock, 10, 10)
    with pytest.raises(RunError):
        run.add_minutes(-1)  # nothing given yet
    run.add_minutes(5)
    run.add_minutes(-5)
    assert run.allotted_seconds() == 600
    with pytest.raises(RunError):
        run.add_minutes(-1)
    assert [e.minutes for e in run.events if e.kind == "add"] == [5, -5]
    again = Run.replay([10, 10], run.events, clock)  # a restart mid-run reads it back the same
    assert again.allotted_seconds() == 600


def test_next_and_previous_while_paused_keep_the_run_paused(clock: FakeClock) -> None:
    run = started(clock, 10, 10)
    clock.advance(60)
    run.pause()
    run.next()
    assert run.status is RunStatus.PAUSED
    clock.advance(100)
    assert run.elapsed_in_block_seconds() == 0
    run.resume()
    clock.advance(30)
    assert run.elapsed_in_block_seconds() == 30
    run.pause()
    run.previous()
    assert run.status is RunStatus.PAUSED
    assert run.current == 0
    assert run.elapsed_in_block_seconds() == 60


# --- countdown and levels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "level"),
    [
        (0, Level.NORMAL),
        (479, Level.NORMAL),  # 121 s left
        (480, Level.WARNING),  # exactly 20 % = 120 s left
        (569, Level.WARNING),  # 31 s left
        (570, Level.CRITICAL),  # exactly 5 % = 30 s left
        (600, Level.CRITICAL),  # 0 s left: time is up, not yet over
        (600.5, Level.OVERRUN),
        (900, Level.OVERRUN),
    ],
)
def test_level_thresholds_at_the_exact_boundaries(clock: FakeClock, elapsed: float, level: Level) -> None:
    run = started(clock, 10)
    clock.advance(elapsed)
    assert run.remaining_seconds() == 600 - elapsed
    assert run.level() is level


def test_thresholds_are_parameters(clock: FakeClock) -> None:
    run = started(clock, 10, warning=0.5, critical=0.1)
    clock.advance(299)
    assert run.level() is Level.NORMAL
    clock.advance(1)
    assert run.level() is Level.WARNING
    clock.advance(240)
    assert run.level() is Level.CRITICAL


def test_overrun_counts_up(clock: FakeClock) -> None:
    run = started(clock, 10)
    clock.advance(600 + 75)
    assert run.remaining_seconds() == -75
    assert run.elapsed_in_block_seconds() == 675


def test_pause_stops_the_countdown(clock: FakeClock) -> None:
    run = started(clock, 10)
    clock.advance(100)
    run.pause()
    clock.advance(1000)
    assert run.remaining_seconds() == 500
    assert run.level() is Level.NORMAL
    run.resume()
    clock.advance(20)
    assert run.remaining_seconds() == 480
    assert run.elapsed_in_block_seconds() == 120


def test_add_minutes_extends_the_current_block(clock: FakeClock) -> None:
    run = started(clock, 10, 10)
    clock.advance(590)
    assert run.level() is Level.CRITICAL
    run.add_minutes(5)
    assert run.allotted_seconds() == 900
    assert run.remaining_seconds() == 310
    assert run.level() is Level.NORMAL  # 310 of 900 left is above 20 %
    run.add_minutes(1)
    assert run.remaining_seconds() == 370
    assert run.actuals[0].added_minutes == 6
    assert run.allotted_seconds(1) == 600


def test_add_minutes_while_paused(clock: FakeClock) -> None:
    run = started(clock, 10)
    run.pause()
    run.add_minutes(5)
    assert run.remaining_seconds() == 900
    assert run.events[-1] == RunEvent(EventKind.ADD, 0, T0, 5)


# --- ahead and behind ------------------------------------------------------------------------------------


def test_on_plan_at_the_start(clock: FakeClock) -> None:
    run = started(clock, 10, 20, 30)
    assert run.planned_end == at(3600)
    assert run.projected_end() == at(3600)
    assert run.behind_seconds() == 0
    clock.advance(300)
    assert run.behind_seconds() == 0  # running to plan


def test_behind_after_an_overrun(clock: FakeClock) -> None:
    run = started(clock, 10, 20)
    clock.advance(600 + 120)
    assert run.behind_seconds() == 120
    run.next()
    assert run.behind_seconds() == 120
    clock.advance(600)
    assert run.behind_seconds() == 120  # the second block is on its own pace


def test_ahead_after_finishing_a_block_early(clock: FakeClock) -> None:
    run = started(clock, 10, 20)
    clock.advance(420)
    run.next()
    assert run.behind_seconds() == -180
    run.next()  # next on the last block finishes at once, 23 minutes early
    assert run.status is RunStatus.FINISHED
    assert run.behind_seconds() == 420 - 1800
    clock.advance(3600)
    assert run.behind_seconds() == 420 - 1800  # a finished run's numbers stand still


def test_pausing_puts_the_session_behind(clock: FakeClock) -> None:
    run = started(clock, 10, 20)
    clock.advance(60)
    run.pause()
    clock.advance(300)
    assert run.behind_seconds() == 300


def test_added_minutes_put_the_session_behind(clock: FakeClock) -> None:
    run = started(clock, 10, 20)
    run.add_minutes(5)
    assert run.behind_seconds() == 300


def test_a_given_planned_end(clock: FakeClock) -> None:
    planned_end = at(3600)
    run = Run([10, 20], clock, planned_end=planned_end)
    assert run.behind_seconds() == -1800  # starting now would end half an hour early
    clock.advance(2000)
    assert run.behind_seconds() == 200
    run.start()
    assert run.planned_end == planned_end
    assert run.behind_seconds() == 200


def test_going_back_counts_only_what_is_left_of_later_blocks(clock: FakeClock) -> None:
    run = started(clock, 10, 10, 10)
    clock.advance(600)
    run.next()
    clock.advance(240)
    run.previous()
    # Block 0 is over its time (nothing left), block 1 has 6 minutes left, block 2 all 10.
    assert run.projected_end() == at(840 + 360 + 600)
    assert run.behind_seconds() == 0


# --- what is recorded ------------------------------------------------------------------------------------


def test_events_carry_the_clocks_times(clock: FakeClock) -> None:
    run = started(clock, 10, 10)
    clock.advance(60)
    run.pause()
    clock.advance(30)
    run.resume()
    clock.advance(10)
    run.add_minutes(1)
    clock.advance(10)
    run.next()
    clock.advance(20)
    run.previous()
    clock.advance(5)
    run.finish()
    assert run.events == [
        RunEvent(EventKind.START, 0, at(0)),
        RunEvent(EventKind.PAUSE, 0, at(60)),
        RunEvent(EventKind.RESUME, 0, at(90)),
        RunEvent(EventKind.ADD, 0, at(100), 1),
        RunEvent(EventKind.NEXT, 1, at(110)),
        RunEvent(EventKind.PREVIOUS, 0, at(130)),
        RunEvent(EventKind.FINISH, 0, at(135)),
    ]
    assert run.events[0].kind == "start"  # the kinds are plain strings too
    assert run.started_at == at(0)
    assert run.finished_at == at(135)


def test_actuals_record_first_start_and_last_end(clock: FakeClock) -> None:
    run = started(clock, 10, 10, 10)
    clock.advance(300)
    run.pause()
    clock.advance(60)
    run.resume()
    clock.advance(300)
    run.next()
    assert run.actuals[0] == BlockActual(0, at(0), at(660), 0, 600.0)
    assert run.actuals[1] == BlockActual(1, at(660), None, 0, 0.0)
    clock.advance(120)
    assert run.actuals[1].seconds == 120
    run.previous()  # block 0 is reopened, block 1 is left
    assert run.actuals[0] == BlockActual(0, at(0), None, 0, 600.0)
    assert run.actuals[1].end == at(780)
    clock.advance(60)
    run.next()  # block 1 again: same first start, end cleared, its running time continues
    assert run.actuals[0] == BlockActual(0, at(0), at(840), 0, 660.0)
    assert run.actuals[1] == BlockActual(1, at(660), None, 0, 120.0)
    assert run.remaining_seconds() == 480
    clock.advance(480)
    run.next()
    run.finish()
    assert set(run.actuals) == {0, 1, 2}
    assert run.actuals[1] == BlockActual(1, at(660), at(1320), 0, 600.0)
    assert run.actuals[2] == BlockActual(2, at(1320), at(1320), 0, 0.0)
    assert all(actual.end is not None for actual in run.actuals.values())


def test_finish_early_leaves_later_blocks_unrun(clock: FakeClock) -> None:
    run = started(clock, 10, 10)
    clock.advance(300)
    run.finish()
    assert list(run.actuals) == [0]
    assert run.actuals[0].end == at(300)


def test_plan_vs_actual(clock: FakeClock) -> None:
    run = started(clock, 10, 20, 5)
    clock.advance(12 * 60)
    run.add_minutes(2)
    run.next()
    clock.advance(15 * 60)
    run.finish()
    rows = plan_vs_actual(run.planned_minutes, run.actuals)
    assert [(r.index, r.planned_minutes, r.added_minutes, r.actual_minutes, r.difference) for r in rows] == [
        (0, 10, 2, 12.0, 2.0),
        (1, 20, 0, 15.0, -5.0),
        (2, 5, 0, None, -5.0),
    ]
    assert plan_vs_actual(run.planned_minutes, list(run.actuals.values())) == rows


def test_plan_vs_actual_from_stored_records_without_running_time() -> None:
    actuals = [
        BlockActual(0, at(0), at(660), 1),  # as read back from storage: wall-clock length
        BlockActual(1, at(660), None, 0),  # never closed
    ]
    rows = plan_vs_actual([10, 10, 10], actuals)
    assert [(r.actual_minutes, r.difference) for r in rows] == [(11.0, 1.0), (None, -10.0), (None, -10.0)]


def test_replay_rebuilds_a_run_from_its_events(clock: FakeClock):
    live = started(clock, 10, 20, 30)
    clock.advance(12 * 60)
    live.next()
    live.add_minutes(5)
    clock.advance(3 * 60)
    live.pause()
    clock.advance(4 * 60)
    again = Run.replay([10, 20, 30], live.events, clock)
    assert (again.current, again.status) == (live.current, live.status)
    assert again.remaining_seconds() == live.remaining_seconds()
    assert again.actuals == live.actuals
    again.resume()  # and it goes on with the real clock
    clock.advance(60)
    assert again.remaining_seconds() == (20 + 5 - 4) * 60


def test_set_planned_changes_later_countdowns():
    from datetime import UTC, datetime

    from desktop.domain.run import Run

    class Clock:
        def now(self):
            return datetime(2027, 1, 5, 8, 30, tzinfo=UTC)

    run = Run([10, 20], Clock())
    run.start()
    run.set_planned([10, 25])
    assert run.allotted_seconds(1) == 25 * 60


def test_the_slack_before_a_pinned_lunch_takes_up_a_delay(clock: FakeClock) -> None:
    # 08:00 intro 60 min, 09:00 work 90 min, slack, lunch pinned at 11:00 for 30 min: ends 11:30.
    pins = [None, None, at(3 * 3600)]
    run = started(clock, 60, 90, 30, planned_end=at(3.5 * 3600), pinned_starts=pins)
    assert run.behind_seconds() == 0
    clock.advance(60 * 60 + 20 * 60)  # the intro runs 20 minutes over
    assert run.behind_seconds() == 0  # the 30 minutes before lunch take it up
    clock.advance(15 * 60)  # 35 minutes over: 5 more than the slack
    assert run.behind_seconds() == 5 * 60
    run.next()
    assert run.behind_seconds() == 5 * 60


def test_being_quick_before_a_pinned_block_does_not_end_the_day_sooner(clock: FakeClock) -> None:
    # 08:00 intro 60 min, 09:00 work 30 min, slack, 11:00 pinned closing 30 min: ends 11:30.
    pins = [None, None, at(3 * 3600)]
    run = started(clock, 60, 30, 30, planned_end=at(3.5 * 3600), pinned_starts=pins)
    clock.advance(30 * 60)
    run.next()  # half an hour early into the work: the closing still starts at 11:00
    assert run.behind_seconds() == 0
    clock.advance(15 * 60)
    run.next()  # the pinned block begun early by hand (08:45): from now on it counts
    assert run.behind_seconds() == (8 * 60 + 45 + 30 - 11 * 60 - 30) * 60


def test_a_pinned_block_reached_counts_from_when_it_began(clock: FakeClock) -> None:
    pins = [None, at(3600)]
    run = started(clock, 30, 30, planned_end=at(3600 + 1800), pinned_starts=pins)
    clock.advance(45 * 60)
    run.next()  # begun at 08:45, before its pinned 09:00
    assert run.behind_seconds() == -15 * 60


def test_pinned_starts_must_match_the_blocks(clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        Run([10, 20], clock, pinned_starts=[None])
    with pytest.raises(ValueError):
        Run([10, 20], clock, pinned_starts=[None, datetime(2018, 3, 5, 9, 0)])


def test_a_plan_edited_during_the_run_brings_its_new_pins_and_end(clock: FakeClock) -> None:
    run = started(clock, 60, 30, 30, planned_end=at(2 * 3600))
    assert run.behind_seconds() == 0
    run.set_planned([60, 30, 30], [None, None, at(3 * 3600)], at(3.5 * 3600))
    assert run.pinned_starts[2] == at(3 * 3600)
    assert run.behind_seconds() == 0  # ends 11:30 as the new plan says
    run.set_planned([60, 30, 45])  # minutes only: pins and end stay
    assert run.pinned_starts[2] == at(3 * 3600) and run.behind_seconds() == 15 * 60


def test_replay_refuses_events_that_land_on_other_blocks_than_they_name(clock: FakeClock):
    from dataclasses import replace

    from desktop.domain.run import RunError

    live = started(clock, 10, 20, 30)
    clock.advance(12 * 60)
    live.next()
    # The second block was removed (-1) or moved (2) since: the run cannot be taken up by position.
    for index in (-1, 2):
        events = [live.events[0], replace(live.events[1], index=index)]
        with pytest.raises(RunError, match="Tidsplanen er endret"):
            Run.replay([10, 30], events, clock)


def test_blocks_added_or_removed_after_the_current_one_are_followed(clock: FakeClock) -> None:
    run = started(clock, 10, 10, 10)
    clock.advance(5 * 60)
    run.set_planned([10, 5, 10, 10])  # one added after the current block
    assert run.planned_minutes == (10, 5, 10, 10) and run.pinned_starts == (None,) * 4
    run.next()
    run.set_planned([10, 5])  # the rest removed: the current one is the last
    run.next()
    assert run.status is RunStatus.FINISHED
    again = started(clock, 10, 10, 10)
    again.next()
    again.previous()  # the second block has been current: its place is taken
    with pytest.raises(RunError):
        again.set_planned([10, 20, 10, 10])
    with pytest.raises(RunError):
        started(clock, 10, 10).set_planned([])  # the current block gone
