"""The time plan: computed times, pinned blocks with gaps and overlaps, reordering, and rebalancing."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.timeplan import (
    DAY_MINUTES,
    PlanBlock,
    check_minutes,
    format_clock,
    move,
    move_before,
    parse_clock,
    rebalance,
    rebalance_feasible,
    schedule,
    segments,
)
from desktop.errors import ValidationError

NINE = 9 * 60
ELEVEN_THIRTY = 11 * 60 + 30
FIFTEEN = 15 * 60

PROPERTY = settings(max_examples=200, deadline=None)

# --- validation and clock text ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 45, DAY_MINUTES])
def test_check_minutes_accepts_whole_positive_minutes(value: int) -> None:
    assert check_minutes(value) == value


@pytest.mark.parametrize("value", [0, -5, 2.5, True, "10", None])
def test_check_minutes_refuses_zero_negative_and_non_integers(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        check_minutes(value)
    assert info.value.field == "minutes"
    assert info.value.message == "Minutter må være et helt tall større enn null."


def test_check_minutes_refuses_more_than_a_day() -> None:
    with pytest.raises(ValidationError) as info:
        check_minutes(DAY_MINUTES + 1)
    assert info.value.field == "minutes"
    assert "1440" in info.value.message


def test_plan_block_validates_its_minutes_and_pin() -> None:
    with pytest.raises(ValidationError) as info:
        PlanBlock(0)
    assert info.value.field == "minutes"
    with pytest.raises(ValidationError) as info:
        PlanBlock(30, pinned_start=DAY_MINUTES)
    assert info.value.field == "pinned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("11:30", 690), ("09:05", 545), ("9:05", 545), (" 00:00 ", 0), ("23:59", 1439), ("11.30", 690)],
)
def test_parse_clock(text: str, expected: int) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    "text", ["", None, "1130", "24:00", "11:60", "11:3", "ti over elleve", "-1:00", "1:2:3"]
)
def test_parse_clock_refuses_other_text(text: str | None) -> None:
    with pytest.raises(ValidationError) as info:
        parse_clock(text)
    assert info.value.field == "pinned"
    assert info.value.message == "Skriv klokkeslett som TT:MM, for eksempel 11:30."


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "00:00"), (545, "09:05"), (1439, "23:59"), (DAY_MINUTES, "24:00"), (DAY_MINUTES + 15, "24:15")],
)
def test_format_clock_counts_hours_past_midnight(minutes: int, text: str) -> None:
    assert format_clock(minutes) == text


def test_format_clock_refuses_negative_times() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_clock(-1)


@PROPERTY
@given(st.integers(0, DAY_MINUTES - 1))
def test_format_and_parse_clock_round_trip(minutes: int) -> None:
    assert parse_clock(format_clock(minutes)) == minutes


# --- schedule: examples ----------------------------------------------------------------------------------


def test_lunch_pinned_at_half_past_eleven_after_a_gap() -> None:
    blocks = [PlanBlock(60), PlanBlock(90), PlanBlock(30, pinned_start=ELEVEN_THIRTY), PlanBlock(60)]
    plan = schedule(blocks, NINE, 13 * 60)
    assert [(b.start, b.end, b.gap_before, b.pinned) for b in plan.blocks] == [
        (540, 600, 0, False),
        (600, 690, 0, False),
        (690, 720, 0, True),
        (720, 780, 0, False),
    ]
    # Shorten the second block: lunch keeps its time and a 15-minute gap appears before it.
    blocks[1] = PlanBlock(75)
    plan = schedule(blocks, NINE, 13 * 60)
    lunch = plan.blocks[2]
    assert (lunch.start, lunch.gap_before) == (ELEVEN_THIRTY, 15)
    assert plan.gaps == (lunch,)
    assert plan.overlaps == ()
    assert plan.end == 780
    assert plan.over_by == 0
    assert plan.planned_minutes == 225
    assert plan.session_minutes == 240
    assert not plan.on_time


def test_lunch_pinned_at_half_past_eleven_with_an_overlap() -> None:
    blocks = [PlanBlock(90), PlanBlock(75), PlanBlock(30, pinned_start=ELEVEN_THIRTY), PlanBlock(60)]
    plan = schedule(blocks, NINE, 13 * 60)
    lunch = plan.blocks[2]
    assert plan.blocks[1].end == 11 * 60 + 45
    assert (lunch.start, lunch.end, lunch.gap_before) == (ELEVEN_THIRTY, 12 * 60, -15)
    assert plan.overlaps == (lunch,)
    assert plan.gaps == ()
    assert plan.blocks[3].start == 12 * 60  # the block after lunch follows lunch, not the overrun
    assert plan.over_by == 0


def test_a_first_block_pinned_after_the_session_start_shows_a_gap() -> None:
    plan = schedule([PlanBlock(30, pinned_start=NINE + 10)], NINE, NINE + 60)
    assert plan.blocks[0].gap_before == 10
    assert plan.over_by == -20


def test_a_plan_running_past_midnight() -> None:
    evening = 22 * 60
    plan = schedule([PlanBlock(90), PlanBlock(45)], evening, DAY_MINUTES)
    assert plan.past_midnight
    assert plan.end == DAY_MINUTES + 15
    assert plan.over_by == 15
    assert format_clock(plan.end) == "24:15"
    assert not schedule([PlanBlock(120)], evening, DAY_MINUTES).past_midnight  # ending at 24:00 is fine


def test_an_empty_plan() -> None:
    plan = schedule([], NINE, FIFTEEN)
    assert plan.blocks == ()
    assert plan.end == NINE
    assert plan.planned_minutes == 0
    assert plan.session_minutes == 360
    assert plan.over_by == -360
    assert not plan.past_midnight
    assert rebalance([], NINE, FIFTEEN) == []
    assert not rebalance_feasible([], NINE, FIFTEEN)
    assert rebalance_feasible([], NINE, NINE)


# --- move: examples --------------------------------------------------------------------------------------


def test_move_works_like_a_drag() -> None:
    assert move("abcde", 0, 3) == list("bcdae")
    assert move("abcde", 4, 1) == list("aebcd")
    assert move("abcde", 2, 2) == list("abcde")


@pytest.mark.parametrize(("source", "target"), [(5, 0), (0, 5), (-1, 0), (0, -1)])
def test_move_refuses_invalid_indexes(source: int, target: int) -> None:
    with pytest.raises(IndexError):
        move("abcde", source, target)


def test_move_on_an_empty_list_is_refused() -> None:
    with pytest.raises(IndexError):
        move([], 0, 0)


# --- rebalance: examples ---------------------------------------------------------------------------------


def test_rebalance_shares_in_proportion_and_ends_on_time() -> None:
    blocks = [PlanBlock(60), PlanBlock(30), PlanBlock(30)]
    result = rebalance(blocks, NINE, NINE + 100)
    assert [b.minutes for b in result] == [50, 25, 25]
    assert schedule(result, NINE, NINE + 100).on_time


def test_rebalance_rounds_by_largest_remainder() -> None:
    result = rebalance([PlanBlock(10), PlanBlock(10), PlanBlock(10)], 0, 31)
    assert [b.minutes for b in result] == [11, 10, 10]  # ties go to the earlier block


def test_rebalance_fills_each_segment_up_to_the_pinned_lunch() -> None:
    blocks = [
        PlanBlock(60),
        PlanBlock(60),
        PlanBlock(30, pinned_start=ELEVEN_THIRTY),
        PlanBlock(60),
        PlanBlock(30),
    ]
    result = rebalance(blocks, NINE, FIFTEEN)
    assert [b.minutes for b in result] == [75, 75, 30, 120, 60]
    assert result[2] == blocks[2]
    plan = schedule(result, NINE, FIFTEEN)
    assert plan.on_time
    assert plan.blocks[2].start == ELEVEN_THIRTY


def test_rebalance_keeps_blocks_before_from_index() -> None:
    blocks = [PlanBlock(60), PlanBlock(60), PlanBlock(60)]
    result = rebalance(blocks, NINE, NINE + 160, from_index=1)
    assert [b.minutes for b in result] == [60, 50, 50]


def test_rebalance_holds_blocks_at_their_minimum_and_gives_the_rest_to_the_others() -> None:
    blocks = [PlanBlock(100, min_minutes=5), PlanBlock(10, min_minutes=8), PlanBlock(10, min_minutes=8)]
    result = rebalance(blocks, 0, 60)
    assert [b.minutes for b in result] == [44, 8, 8]


def test_rebalance_neither_stretches_nor_shrinks_a_kept_block() -> None:
    blocks = [PlanBlock(60), PlanBlock(15, keep=True), PlanBlock(60)]
    assert [b.minutes for b in rebalance(blocks, NINE, NINE + 435)] == [210, 15, 210]
    assert [b.minutes for b in rebalance(blocks, NINE, NINE + 75)] == [30, 15, 30]


def test_a_block_shorter_than_its_minimum_may_keep_its_length() -> None:
    assert PlanBlock(3).minimum == 3
    assert PlanBlock(3, min_minutes=0).minimum == 1
    assert PlanBlock(30).minimum == 5
    result = rebalance([PlanBlock(3), PlanBlock(30)], 0, 20)
    assert [b.minutes for b in result] == [3, 17]


def test_rebalance_that_cannot_fit_goes_to_minimums_and_leaves_the_overrun_visible() -> None:
    blocks = [PlanBlock(60), PlanBlock(60), PlanBlock(30, pinned_start=NINE + 8), PlanBlock(60)]
    result = rebalance(blocks, NINE, NINE + 60)
    # Before the pin: 8 minutes for two blocks of at least 5; after it: 22 minutes for the last block.
    assert [b.minutes for b in result] == [5, 5, 30, 22]
    plan = schedule(result, NINE, NINE + 60)
    assert plan.blocks[2].gap_before == -2
    assert plan.overlaps == (plan.blocks[2],)
    assert plan.over_by == 0
    assert not rebalance_feasible(blocks, NINE, NINE + 60)


def test_rebalance_leaves_segments_without_adjustable_blocks_alone() -> None:
    # Only a pinned block between two pins: the gap before the second pin stays.
    blocks = [PlanBlock(30, pinned_start=NINE), PlanBlock(30, pinned_start=NINE + 60), PlanBlock(20)]
    result = rebalance(blocks, NINE, NINE + 120)
    assert [b.minutes for b in result] == [30, 30, 30]
    plan = schedule(result, NINE, NINE + 120)
    assert plan.blocks[1].gap_before == 30
    assert plan.over_by == 0
    assert rebalance_feasible(blocks, NINE, NINE + 120)


def test_rebalance_cannot_end_on_time_when_the_last_block_is_pinned() -> None:
    blocks = [PlanBlock(60), PlanBlock(30, pinned_start=ELEVEN_THIRTY)]
    assert not rebalance_feasible(blocks, NINE, FIFTEEN)
    result = rebalance(blocks, NINE, FIFTEEN)
    assert [b.minutes for b in result] == [150, 30]
    assert schedule(result, NINE, FIFTEEN).over_by == -(FIFTEEN - 12 * 60)


def test_rebalance_refuses_a_from_index_outside_the_plan() -> None:
    blocks = [PlanBlock(30)]
    assert rebalance(blocks, 0, 60, from_index=1) == blocks
    for bad in (-1, 2):
        with pytest.raises(IndexError):
            rebalance(blocks, 0, 60, from_index=bad)


def test_segments_describe_the_cuts_at_pinned_blocks() -> None:
    blocks = [PlanBlock(60), PlanBlock(60), PlanBlock(30, pinned_start=ELEVEN_THIRTY), PlanBlock(90)]
    first, last = segments(blocks, NINE, FIFTEEN, from_index=1)
    assert (first.start, first.end, first.adjustable, first.fixed_minutes, first.closing_pin) == (
        NINE,
        ELEVEN_THIRTY,
        (1,),
        60,
        2,
    )
    assert first.available == 90
    assert (last.start, last.end, last.adjustable, last.closing_pin) == (12 * 60, FIFTEEN, (3,), None)


# --- property-based --------------------------------------------------------------------------------------

block_strategy = st.builds(
    PlanBlock,
    minutes=st.integers(1, 180),
    pinned_start=st.one_of(st.none(), st.none(), st.integers(0, DAY_MINUTES - 1)),
    min_minutes=st.integers(0, 15),
)
plans = st.lists(block_strategy, max_size=10)
session_times = st.tuples(st.integers(0, DAY_MINUTES - 1), st.integers(0, DAY_MINUTES)).map(sorted)


@st.composite
def rebalance_cases(draw: st.DrawFn) -> tuple[list[PlanBlock], int, int, int]:
    blocks = draw(plans)
    start, end = draw(session_times)
    from_index = draw(st.integers(0, len(blocks)))
    return blocks, start, end, from_index


@st.composite
def feasible_plans(draw: st.DrawFn) -> tuple[list[PlanBlock], int, int]:
    """Plans whose every segment has room for its blocks' minimums, ending in unpinned blocks."""
    cursor = draw(st.integers(0, 300))
    session_start = cursor
    blocks: list[PlanBlock] = []
    pins = draw(st.integers(0, 3))
    for number in range(pins + 1):
        segment = draw(
            st.lists(
                st.builds(PlanBlock, minutes=st.integers(1, 120), min_minutes=st.integers(0, 10)),
                min_size=1,
                max_size=4,
            )
        )
        blocks.extend(segment)
        cursor += sum(block.minimum for block in segment) + draw(st.integers(0, 60))
        if number < pins:
            pinned = PlanBlock(draw(st.integers(1, 60)), pinned_start=cursor)
            blocks.append(pinned)
            cursor += pinned.minutes
    return blocks, session_start, cursor


@PROPERTY
@given(st.lists(st.integers(), min_size=1), st.data())
def test_move_keeps_the_items_and_puts_the_moved_one_at_target(items: list[int], data: st.DataObject) -> None:
    source = data.draw(st.integers(0, len(items) - 1))
    target = data.draw(st.integers(0, len(items) - 1))
    moved = move(items, source, target)
    assert Counter(moved) == Counter(items)
    assert moved[target] == items[source]
    rest = items[:source] + items[source + 1 :]
    assert moved[:target] + moved[target + 1 :] == rest


def test_move_before_puts_the_chosen_together_before_the_drop_row() -> None:
    assert move_before("abcdef", [1, 3], 5) == list("acebdf")  # dropped above f
    assert move_before("abcdef", [3, 4], 0) == list("deabcf")  # to the top
    assert move_before("abcdef", [0, 2], 6) == list("bdefac")  # to the end
    assert move_before("abcdef", [1, 3], 3) == list("acbdef")  # onto one of its own: before the next unchosen
    assert move_before("abcdef", [2], 2) == list("abcdef")
    assert move_before("abc", [], 1) == list("abc")
    for sources, before in (([3], 0), ([-1], 0), ([0], 4), ([0], -1)):
        with pytest.raises(IndexError):
            move_before("abc", sources, before)


@PROPERTY
@given(st.lists(st.integers(), min_size=1, unique=True), st.data())
def test_move_before_keeps_every_item_and_the_order_of_the_chosen_and_the_rest(
    items: list[int], data: st.DataObject
) -> None:
    chosen = sorted(data.draw(st.sets(st.integers(0, len(items) - 1))))
    before = data.draw(st.integers(0, len(items)))
    moved = move_before(items, chosen, before)
    assert Counter(moved) == Counter(items)
    picked = [items[i] for i in chosen]
    assert [x for x in moved if x in picked] == picked
    assert [x for x in moved if x not in picked] == [x for i, x in enumerate(items) if i not in chosen]
    if picked:  # together, in one run
        start = moved.index(picked[0])
        assert moved[start : start + len(picked)] == picked
    if len(chosen) == 1 and before < len(items):  # one row: what ``move`` does
        target = before - 1 if before > chosen[0] else before
        assert moved == move(items, chosen[0], target)


@PROPERTY
@given(st.lists(st.integers(), min_size=1), st.data())
def test_move_and_move_back_is_identity(items: list[int], data: st.DataObject) -> None:
    source = data.draw(st.integers(0, len(items) - 1))
    target = data.draw(st.integers(0, len(items) - 1))
    assert move(move(items, source, target), target, source) == items


@PROPERTY
@given(plans, session_times)
def test_schedule_follows_the_blocks_and_the_pins(blocks: list[PlanBlock], times: list[int]) -> None:
    start, end = times
    plan = schedule(blocks, start, end)
    previous_end = start
    for index, (block, placed) in enumerate(zip(blocks, plan.blocks, strict=True)):
        assert placed.index == index
        assert placed.end - placed.start == block.minutes
        assert placed.pinned == block.pinned
        if block.pinned_start is None:
            assert placed.start == previous_end
            assert placed.gap_before == 0
        else:
            assert placed.start == block.pinned_start
            assert placed.gap_before == block.pinned_start - previous_end
        previous_end = placed.end
    assert plan.end == previous_end
    assert plan.over_by == plan.end - end
    assert plan.planned_minutes == sum(block.minutes for block in blocks)
    assert plan.past_midnight == any(placed.end > DAY_MINUTES for placed in plan.blocks)
    assert set(plan.gaps) | set(plan.overlaps) == {b for b in plan.blocks if b.gap_before}


@PROPERTY
@given(rebalance_cases())
def test_rebalance_keeps_pins_fixed_blocks_and_minimums(case: tuple[list[PlanBlock], int, int, int]) -> None:
    blocks, start, end, from_index = case
    result = rebalance(blocks, start, end, from_index)
    assert len(result) == len(blocks)
    for index, (before, after) in enumerate(zip(blocks, result, strict=True)):
        assert after.pinned_start == before.pinned_start
        assert after.min_minutes == before.min_minutes
        if before.pinned or index < from_index:
            assert after == before
        assert after.minutes >= before.minimum


@PROPERTY
@given(rebalance_cases())
def test_rebalance_is_idempotent(case: tuple[list[PlanBlock], int, int, int]) -> None:
    blocks, start, end, from_index = case
    once = rebalance(blocks, start, end, from_index)
    assert rebalance(once, start, end, from_index) == once


def _exact(blocks: list[PlanBlock], start: int, end: int, from_index: int) -> bool:
    """The plan ends on time and every segment with adjustable blocks meets its closing pin exactly."""
    plan = schedule(blocks, start, end)
    closing = [s.closing_pin for s in segments(blocks, start, end, from_index) if s.adjustable]
    return plan.over_by == 0 and all(plan.blocks[i].gap_before == 0 for i in closing if i is not None)


@PROPERTY
@given(rebalance_cases())
def test_rebalance_ends_exactly_on_time_if_and_only_if_feasible(
    case: tuple[list[PlanBlock], int, int, int],
) -> None:
    blocks, start, end, from_index = case
    result = rebalance(blocks, start, end, from_index)
    assert _exact(result, start, end, from_index) == rebalance_feasible(blocks, start, end, from_index)


@PROPERTY
@given(feasible_plans())
def test_feasible_plans_end_on_time_without_gaps_or_overlaps(case: tuple[list[PlanBlock], int, int]) -> None:
    blocks, start, end = case
    assert rebalance_feasible(blocks, start, end)
    plan = schedule(rebalance(blocks, start, end), start, end)
    assert plan.end == end
    assert plan.on_time


@PROPERTY
@given(rebalance_cases())
def test_rebalance_keeps_the_order_of_sizes_within_a_segment(
    case: tuple[list[PlanBlock], int, int, int],
) -> None:
    """Monotone: a longer block stays at least as long as a shorter one in its segment, if its minimum is
    not smaller; equally long blocks end up at most a minute apart (the rounding)."""
    blocks, start, end, from_index = case
    result = rebalance(blocks, start, end, from_index)
    for segment in segments(blocks, start, end, from_index):
        for a in segment.adjustable:
            for b in segment.adjustable:
                if blocks[a].minutes > blocks[b].minutes and blocks[a].minimum >= blocks[b].minimum:
                    assert result[a].minutes >= result[b].minutes
                if blocks[a].minutes == blocks[b].minutes and blocks[a].minimum == blocks[b].minimum:
                    assert abs(result[a].minutes - result[b].minutes) <= 1


@PROPERTY
@given(rebalance_cases())
def test_rebalance_is_monotone_with_one_shared_minimum(case: tuple[list[PlanBlock], int, int, int]) -> None:
    """With the default minimum for every block, a longer block never ends up shorter (and of two equally
    long blocks, rounding may give one a minute more)."""
    blocks, start, end, from_index = case
    blocks = [PlanBlock(b.minutes, b.pinned_start) for b in blocks]
    result = rebalance(blocks, start, end, from_index)
    for segment in segments(blocks, start, end, from_index):
        for a in segment.adjustable:
            for b in segment.adjustable:
                if blocks[a].minutes > blocks[b].minutes:
                    assert result[a].minutes >= result[b].minutes
                elif blocks[a].minutes == blocks[b].minutes:
                    assert abs(result[a].minutes - result[b].minutes) <= 1


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("45", 45),
        (45, 45),
        ("+5", 35),
        ("+ 5", 35),
        ("-5", 25),
        ("\u22125", 25),
        ("1:30", 90),
        ("1t 30", 90),
        ("1 t 30 min", 90),
        ("1,5 t", 90),
        ("2t", 120),
        (" 20 min ", 20),
        ("1.30", 90),
        ("1,30", 90),
    ],
)
def test_typed_minutes_read_lengths_changes_and_hours(typed: object, minutes: int) -> None:
    """«+5» gave 5 minutes, «1:30» gave 130: what a facilitator types means what she meant."""
    from desktop.domain.timeplan import typed_minutes

    assert typed_minutes(typed, 30) == minutes


@pytest.mark.parametrize(
    "typed", ["", "abc", "1:75", "-30", "+2000", "0", "\u00b2", "9" * 400 + "t", "9" * 400]
)
def test_typed_minutes_refuse_what_is_not_a_length(typed: str) -> None:
    from desktop.domain.timeplan import typed_minutes

    with pytest.raises(ValidationError):
        typed_minutes(typed, 30)
