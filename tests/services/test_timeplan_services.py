"""Time-plan services: every action changes the plan as asked and returns the plan before, so that putting
that back (undo) restores it exactly; refusals store nothing."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from desktop.domain.enums import SessionKind
from desktop.domain.kit import BlockCategory
from desktop.errors import ValidationError
from desktop.kits import load_kit
from desktop.services import cohorts, timeplan

LUP = load_kit(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup")


@pytest.fixture
def session_id(db):
    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "LUP 9", date(2027, 1, 5), date(2027, 6, 22))
    return cohorts.plan_session(
        db, cohort, SessionKind.OPENING, "Oppstartsamling", date(2027, 1, 5), time(8, 30), time(15, 30)
    )


def titles(db, session_id) -> list[str]:
    return [b.title for b in timeplan.load_plan(db, session_id).blocks]


def test_plan_from_the_kit_template_ends_on_time(db, session_id):
    before = timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    assert before.blocks == ()
    plan = timeplan.load_plan(db, session_id)
    template = LUP.session("oppstart")
    assert [b.title for b in plan.blocks] == [b.title for b in template.blocks]
    assert (plan.kit_id, plan.template_id) == ("lup", "oppstart")
    schedule = plan.schedule()
    assert schedule.on_time
    lunch = next(i for i, b in enumerate(plan.blocks) if b.pinned_start == time(11, 30))
    assert schedule.blocks[lunch].start == 11 * 60 + 30


def test_every_action_is_undone_by_putting_the_old_plan_back(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    original = timeplan.load_plan(db, session_id)
    first, second = original.blocks[0], original.blocks[1]
    actions = [
        lambda: timeplan.add_block(db, session_id, timeplan.new_block("Ekstra", 10), 2),
        lambda: timeplan.remove_blocks(db, session_id, {second.id}),
        lambda: timeplan.duplicate_blocks(db, session_id, [first.id]),
        lambda: timeplan.move_blocks(db, session_id, [first.id, second.id], 4),
        lambda: timeplan.update_block(db, session_id, first.id, minutes=40, title="Velkommen!"),
        lambda: timeplan.plan_from_template(db, session_id, LUP, "innsikt"),
    ]
    for action in actions:
        before = action()
        assert before == original
        assert timeplan.load_plan(db, session_id) != original
        timeplan.restore_plan(db, before)
        assert timeplan.load_plan(db, session_id) == original


def test_move_puts_the_block_where_it_was_dropped(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    names = titles(db, session_id)
    block = timeplan.load_plan(db, session_id).blocks[0]
    timeplan.move_blocks(db, session_id, [block.id], 4)  # dropped above the fifth
    assert titles(db, session_id) == names[1:4] + names[:1] + names[4:]


def test_several_blocks_move_together_in_their_order(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    names = titles(db, session_id)
    blocks = timeplan.load_plan(db, session_id).blocks
    timeplan.move_blocks(db, session_id, [blocks[3].id, blocks[0].id], len(blocks))  # to the end
    assert titles(db, session_id) == names[1:3] + names[4:] + [names[0], names[3]]


def test_duplicate_is_not_pinned_and_has_no_recorded_times(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    plan = timeplan.load_plan(db, session_id)
    lunch = next(b for b in plan.blocks if b.pinned_start)
    timeplan.duplicate_blocks(db, session_id, [lunch.id])
    blocks = timeplan.load_plan(db, session_id).blocks
    index = next(i for i, b in enumerate(blocks) if b.id == lunch.id)
    copy = blocks[index + 1]
    assert copy.title == lunch.title and copy.id != lunch.id and copy.pinned_start is None


def test_zero_and_negative_minutes_are_refused_and_nothing_changes(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    before = timeplan.load_plan(db, session_id)
    block = before.blocks[0]
    for minutes in (0, -5):
        with pytest.raises(ValidationError) as info:
            timeplan.update_block(db, session_id, block.id, minutes=minutes)
        assert info.value.field == "minutes"
    assert timeplan.load_plan(db, session_id) == before


def test_a_plan_past_midnight_is_refused_saying_where(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    before = timeplan.load_plan(db, session_id)
    last = before.blocks[-1]
    with pytest.raises(ValidationError) as info:
        timeplan.update_block(db, session_id, last.id, minutes=600)
    assert "midnatt" in info.value.message and last.title in info.value.message
    assert timeplan.load_plan(db, session_id) == before


def test_rebalance_from_a_block_keeps_earlier_blocks_and_pins(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    plan = timeplan.load_plan(db, session_id)
    first = plan.blocks[0]
    timeplan.update_block(db, session_id, first.id, minutes=first.minutes + 25)  # an overrun early on
    overrun = timeplan.load_plan(db, session_id).schedule()
    [overlap] = overrun.overlaps  # shown at the pinned lunch, not silently fixed
    assert overlap.gap_before == -25 and overlap.pinned
    timeplan.rebalance(db, session_id, 1)
    after = timeplan.load_plan(db, session_id)
    assert after.blocks[0].minutes == first.minutes + 25
    assert [b.pinned_start for b in after.blocks] == [b.pinned_start for b in plan.blocks]
    assert after.schedule().on_time


def test_copy_plan_from_another_session_drops_recorded_times(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    other = cohorts.plan_session(
        db,
        timeplan.load_plan(db, session_id).session_id and _cohort_of(db, session_id),
        SessionKind.WORKING,
        "Arbeidssamling",
        date(2027, 2, 2),
        time(8, 30),
        time(15, 30),
    )
    timeplan.copy_plan(db, other, session_id)
    copied = timeplan.load_plan(db, other)
    source = timeplan.load_plan(db, session_id)
    assert [b.title for b in copied.blocks] == [b.title for b in source.blocks]
    assert not {b.id for b in copied.blocks} & {b.id for b in source.blocks}
    assert (copied.kit_id, copied.template_id) == ("lup", "oppstart")
    assert [c.name for c in timeplan.sessions_with_plans(db)] == [
        "LUP 9 · 02.02.2027 Arbeidssamling",
        "LUP 9 · 05.01.2027 Oppstartsamling",
    ]


def _cohort_of(db, session_id):
    from desktop.services.views import session_detail

    return session_detail(db, session_id).cohort_id


def test_recorded_run_is_stored_and_read_back(db, session_id):
    from datetime import UTC, datetime, timedelta

    from desktop.domain.run import Run
    from desktop.services import run as run_service

    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    plan = timeplan.load_plan(db, session_id)

    class Clock:
        now_value = datetime(2027, 1, 5, 7, 30, tzinfo=UTC)

        def now(self):
            return self.now_value

    clock = Clock()
    run = Run([b.minutes for b in plan.blocks], clock)
    run.start()
    clock.now_value += timedelta(minutes=plan.blocks[0].minutes + 4)
    run.next()
    run_service.record_run(db, session_id, [b.id for b in plan.blocks], run.events, run.actuals)
    stored = timeplan.load_plan(db, session_id)
    assert stored.blocks[0].actual_start == datetime(2027, 1, 5, 7, 30, tzinfo=UTC).replace(tzinfo=None) or (
        stored.blocks[0].actual_start.replace(tzinfo=None) == datetime(2027, 1, 5, 7, 30)
    )
    actual = timeplan.recorded_actuals(stored)
    assert round(actual[0].minutes) == plan.blocks[0].minutes + 4
    assert [e.kind for e in run_service.stored_events(db, session_id)] == ["start", "next"]
    assert run_service.has_record(db, session_id)


def _run_first_block(db, session_id, minutes_running: float, paused: float = 0):
    from datetime import UTC, datetime, timedelta

    from desktop.domain.run import Run
    from desktop.services import run as run_service

    plan = timeplan.load_plan(db, session_id)

    class Clock:
        value = datetime(2027, 1, 5, 7, 30, tzinfo=UTC)

        def now(self):
            return self.value

    clock = Clock()
    run = Run([b.minutes for b in plan.blocks], clock)
    run.start()
    clock.value += timedelta(minutes=minutes_running / 2)
    run.pause()
    clock.value += timedelta(minutes=paused)
    run.resume()
    clock.value += timedelta(minutes=minutes_running / 2)
    run.next()
    run_service.record_run(db, session_id, [b.id for b in plan.blocks], run.events, run.actuals)


def test_undo_of_a_plan_edit_made_before_a_run_keeps_the_run(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    first = timeplan.load_plan(db, session_id).blocks[0]
    before_edit = timeplan.update_block(db, session_id, first.id, minutes=first.minutes + 5)
    _run_first_block(db, session_id, 20)
    recorded = timeplan.load_plan(db, session_id).blocks[0]
    assert recorded.actual_start is not None
    timeplan.restore_plan(db, before_edit)  # Ctrl+Z of the minute edit, after the run
    after = timeplan.load_plan(db, session_id).blocks[0]
    assert after.minutes == first.minutes
    assert (after.actual_start, after.actual_end, after.actual_seconds) == (
        recorded.actual_start,
        recorded.actual_end,
        recorded.actual_seconds,
    )


def test_stored_actual_time_leaves_pauses_out(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    _run_first_block(db, session_id, 20, paused=35)
    actual = timeplan.recorded_actuals(timeplan.load_plan(db, session_id))[0]
    assert round(actual.minutes) == 20  # the wall clock says 55


def test_a_new_start_time_that_pushes_the_plan_past_midnight_is_refused(db, session_id):
    from desktop.services.views import session_detail

    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    with pytest.raises(ValidationError) as info:
        cohorts.update_session(db, session_id, start_time=time(22, 0), end_time=time(23, 59))
    assert info.value.field == "start_time" and "midnatt" in info.value.message
    assert session_detail(db, session_id).start_time == time(8, 30)


def test_rebalance_does_not_shrink_breaks(db, session_id):
    timeplan.plan_from_template(db, session_id, LUP, "oppstart")
    plan = timeplan.load_plan(db, session_id)
    first = plan.blocks[0]
    timeplan.update_block(db, session_id, first.id, minutes=first.minutes + 25)
    timeplan.rebalance(db, session_id, 1)
    after = timeplan.load_plan(db, session_id)
    for old, new in zip(plan.blocks[1:], after.blocks[1:], strict=True):
        if old.category.value in ("break", "lunch"):
            assert new.minutes == old.minutes, old.title


def test_rebalance_does_not_stretch_breaks(db, session_id):
    # A short plan in a long day: the talk and the exercise take the room, the break stays 15 minutes.
    timeplan.set_plan(
        db,
        session_id,
        (
            timeplan.new_block("Innlegg", 60),
            timeplan.new_block("Pause", 15, category=BlockCategory.BREAK),
            timeplan.new_block("Øvelse", 60),
        ),
    )
    timeplan.rebalance(db, session_id, 0)
    after = timeplan.load_plan(db, session_id)
    assert [b.minutes for b in after.blocks][1] == 15
    assert after.schedule().on_time


def test_a_template_brings_its_hours_when_asked_and_undo_takes_them_back(db, session_id):
    """A session made 09:00–15:00 (the dialog's default) and the opening template (08:30, 7 h): with its
    hours, the plan fits and lunch is not run into; undo puts the session's own hours back."""
    cohort = _cohort_of(db, session_id)
    other = cohorts.plan_session(
        db, cohort, SessionKind.WORKING, "Arbeidssamling", date(2027, 2, 9), time(9, 0), time(15, 0)
    )
    assert timeplan.template_hours(LUP.session("oppstart")) == (time(8, 30), time(15, 30))
    before = timeplan.plan_from_template(db, other, LUP, "oppstart", hours=True)
    plan = timeplan.load_plan(db, other)
    assert (plan.start, plan.end) == (time(8, 30), time(15, 30)) and plan.schedule().on_time
    timeplan.restore_plan(db, before)
    plan = timeplan.load_plan(db, other)
    assert (plan.start, plan.end, plan.blocks) == (time(9, 0), time(15, 0), ())
    timeplan.plan_from_template(db, other, LUP, "oppstart")  # without: the session's hours stay
    assert timeplan.load_plan(db, other).start == time(9, 0)


def test_the_likely_template_follows_the_programme_and_the_cohorts_other_sessions(db, session_id):
    """An opening session gets the opening template; working sessions the next of the programme's working
    templates that no other session of the cohort has; a session whose plan came from one keeps it."""
    cohort = _cohort_of(db, session_id)
    assert timeplan.suggested_template(db, session_id, LUP) == "oppstart"

    def working(day: int):
        return cohorts.plan_session(
            db, cohort, SessionKind.WORKING, "Arbeidssamling", date(2027, 2, day), time(9, 0), time(15, 0)
        )

    first = working(9)
    assert timeplan.suggested_template(db, first, LUP) == "innsikt"
    timeplan.plan_from_template(db, first, LUP, "innsikt")
    second = working(23)
    assert timeplan.suggested_template(db, second, LUP) == "ide"
    assert timeplan.suggested_template(db, first, LUP) == "innsikt"  # its own
    closing = cohorts.plan_session(
        db, cohort, SessionKind.CLOSING, "Avslutning", date(2027, 6, 1), time(9, 0), time(15, 0)
    )
    assert timeplan.suggested_template(db, closing, LUP) == "avslutning"
    assert [t.id for t in timeplan.ordered_templates(LUP)][:6] == list(LUP.sequence)
