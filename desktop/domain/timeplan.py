"""The time plan (tidsplan) of a session: ordered agenda blocks, their computed times, and rebalancing.

Times are plain integers, minutes since midnight of the session's day (``DAY_MINUTES`` = 1440 is the
midnight that ends it). A block stores only its duration; its start is computed from the session's start
and the blocks before it, except for a *pinned* block (lunch at 11:30), which starts at its pinned time
whatever comes before it. A gap or an overlap in front of a pinned block is shown (``gap_before``), never
silently fixed: only :func:`rebalance`, which the facilitator asks for, changes durations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from desktop.errors import ValidationError
from desktop.i18n import _

DAY_MINUTES = 24 * 60
DEFAULT_MIN_MINUTES = 5
MAX_BLOCK_MINUTES = DAY_MINUTES

T = TypeVar("T")

_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")
_DIGITS = re.compile(r"^\d{1,5}$", re.ASCII)
_CHANGE = re.compile(r"^([+-])\s*(\d{1,5})$", re.ASCII)
_HOURS_MINUTES = re.compile(r"^(\d{1,2})[:.](\d{2})$", re.ASCII)  # 1:30, and 1.30 as in a clock field
_HOURS = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)\s*(?:t|h|time|timer)(?:\s*(\d{1,3}))?$", re.ASCII)


# --- validation and clock text ---------------------------------------------------------------------------


def typed_minutes(text: object, current: int, field: str = "minutes") -> int:
    """A block's new length from what was typed in its minutes cell: ``45``; a change of the length it
    has, ``+5`` or ``-5``; hours and minutes, ``1:30``, ``1t 30``, ``1,5 t`` (all 90). Checked as
    ``check_minutes``; anything else is a ValidationError that says what can be typed."""
    value = " ".join(str(text).replace("\u2212", "-").replace(",", ".").lower().split())
    value = re.sub(r"\s*(min|minutter|m)$", "", value)
    change = _CHANGE.match(value.replace(" ", ""))
    clock = _HOURS_MINUTES.match(value.replace(" ", ""))
    hours = _HOURS.match(value)
    if _DIGITS.match(value):
        minutes = int(value)
    elif change:
        minutes = current + int(change[2]) * (1 if change[1] == "+" else -1)
    elif clock and int(clock[2]) < 60:
        minutes = int(clock[1]) * 60 + int(clock[2])
    elif hours:
        minutes = round(float(hours[1]) * 60) + int(hours[2] or 0)
    else:
        raise ValidationError(
            field,
            _("Skriv minutter (45), en endring (+5 eller -5) eller timer og minutter (1:30 eller 1t 30)."),
        )
    return check_minutes(minutes, field)


def check_minutes(minutes: object, field: str = "minutes") -> int:
    """A block's duration: a whole number of minutes, at least 1 and at most a day (1440).

    Returns the value; anything else (zero, negative, a fraction, a bool, text) raises ValidationError.
    """
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise ValidationError(field, _("Minutter må være et helt tall større enn null."))
    if minutes > MAX_BLOCK_MINUTES:
        raise ValidationError(
            field, _("En blokk kan ikke vare lenger enn et døgn ({n} minutter).").format(n=MAX_BLOCK_MINUTES)
        )
    return minutes


def parse_clock(text: str | None, field: str = "pinned") -> int:
    """A clock time typed by the facilitator, as minutes since midnight.

    Accepts ``HH:MM`` or ``H:MM`` from 00:00 to 23:59, with ``:`` or ``.`` between hours and minutes (the
    Norwegian way of writing ``11.30`` is accepted too) and surrounding spaces ignored. Anything else
    raises ValidationError on ``field``.
    """
    match = _CLOCK.match(text or "")
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours < 24 and minutes < 60:
            return hours * 60 + minutes
    raise ValidationError(field, _("Skriv klokkeslett som TT:MM, for eksempel 11:30."))


def format_clock(minutes: int) -> str:
    """Minutes since midnight as ``HH:MM``.

    A time past midnight keeps counting hours rather than wrapping: 1440 + 15 is ``24:15`` and 1530 is
    ``25:30``, so it can never be mistaken for a time early the same day (and text order stays time
    order). Negative values are a programming error (ValueError).
    """
    if minutes < 0:
        raise ValueError(f"a clock time cannot be negative: {minutes}")
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- blocks and their schedule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanBlock:
    """One agenda block as the time plan stores it.

    ``minutes`` is its duration (validated by :func:`check_minutes`); ``pinned_start`` the clock time it is
    pinned to (00:00–23:59 as minutes since midnight) or None; ``min_minutes`` the least :func:`rebalance`
    may shrink it to (see :attr:`minimum`); ``keep``: :func:`rebalance` leaves its length as it is (a break
    or lunch is neither shortened nor stretched).
    """

    minutes: int
    pinned_start: int | None = None
    min_minutes: int = DEFAULT_MIN_MINUTES
    keep: bool = False

    def __post_init__(self) -> None:
        check_minutes(self.minutes)
        if self.pinned_start is not None and (
            not isinstance(self.pinned_start, int)
            or isinstance(self.pinned_start, bool)
            or not 0 <= self.pinned_start < DAY_MINUTES
        ):
            raise ValidationError("pinned", _("Skriv klokkeslett som TT:MM, for eksempel 11:30."))

    @property
    def pinned(self) -> bool:
        return self.pinned_start is not None

    @property
    def minimum(self) -> int:
        """The least this block may be shrunk to: ``min_minutes``, but never below 1 and never above the
        block's own ``minutes`` (a block already shorter than its minimum is not grown by that rule)."""
        return max(1, min(self.min_minutes, self.minutes))


@dataclass(frozen=True)
class ScheduledBlock:
    """A block's computed place in time. ``gap_before`` is the time between the previous block's end (or
    the session start) and this start: > 0 a gap, < 0 an overlap; it is always 0 for an unpinned block,
    which starts where the previous one ended."""

    index: int
    start: int
    end: int
    gap_before: int
    pinned: bool

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Schedule:
    """The computed time plan of a session. All times are minutes since midnight."""

    blocks: tuple[ScheduledBlock, ...]
    session_start: int
    session_end: int
    end: int  # end of the last block (session_start if there are none)
    planned_minutes: int  # sum of the block durations
    session_minutes: int  # session_end - session_start
    over_by: int  # end - session_end: > 0 runs over, < 0 ends early
    past_midnight: bool  # some block ends after 24:00

    @property
    def gaps(self) -> tuple[ScheduledBlock, ...]:
        """The (pinned) blocks with idle time in front of them."""
        return tuple(block for block in self.blocks if block.gap_before > 0)

    @property
    def overlaps(self) -> tuple[ScheduledBlock, ...]:
        """The (pinned) blocks that start before the previous block has ended."""
        return tuple(block for block in self.blocks if block.gap_before < 0)

    @property
    def on_time(self) -> bool:
        """Ends exactly at the session's end, with no gap or overlap anywhere."""
        return self.over_by == 0 and not self.gaps and not self.overlaps


def schedule(blocks: Sequence[PlanBlock], session_start: int, session_end: int) -> Schedule:
    """Compute start and end of every block.

    An unpinned block starts where the previous block ended (the first one at ``session_start``); a pinned
    block starts at its ``pinned_start`` whatever comes before it, and its ``gap_before`` is
    ``pinned_start`` minus the previous end (or minus ``session_start`` for the first block). The next
    block then follows the pinned block's end. Nothing is corrected.
    """
    scheduled: list[ScheduledBlock] = []
    cursor = session_start
    for index, block in enumerate(blocks):
        start = block.pinned_start if block.pinned_start is not None else cursor
        end = start + block.minutes
        scheduled.append(ScheduledBlock(index, start, end, start - cursor, block.pinned))
        cursor = end
    return Schedule(
        blocks=tuple(scheduled),
        session_start=session_start,
        session_end=session_end,
        end=cursor,
        planned_minutes=sum(block.minutes for block in blocks),
        session_minutes=session_end - session_start,
        over_by=cursor - session_end,
        past_midnight=any(block.end > DAY_MINUTES for block in scheduled),
    )


def move(items: Sequence[T], source: int, target: int) -> list[T]:
    """A new list where the item at ``source`` is at index ``target`` and the others keep their order
    (what dragging a row does). Both indexes must lie in ``0 .. len(items) - 1``; negative or too large
    indexes raise IndexError."""
    count = len(items)
    for name, value in (("source", source), ("target", target)):
        if not 0 <= value < count:
            raise IndexError(f"{name} index {value} is outside 0..{count - 1}")
    result = list(items)
    result.insert(target, result.pop(source))
    return result


def move_before(items: Sequence[T], sources: Iterable[int], before: int) -> list[T]:
    """A new list where the items at ``sources`` (kept in their order) stand together just before the item
    that was at index ``before`` (``len(items)``: at the end), the others keeping their order: what
    dropping several selected rows between two rows does. If ``before`` is one of ``sources``, they stand
    where the first unselected item after it was. Indexes outside the list raise IndexError."""
    chosen = sorted(set(sources))
    count = len(items)
    if chosen and not 0 <= chosen[0] <= chosen[-1] < count:
        raise IndexError(f"source indexes {chosen} are outside 0..{count - 1}")
    if not 0 <= before <= count:
        raise IndexError(f"before index {before} is outside 0..{count}")
    picked = set(chosen)
    rest = [x for i, x in enumerate(items) if i not in picked]
    at = sum(1 for i in range(min(before, count)) if i not in picked)
    return rest[:at] + [items[i] for i in chosen] + rest[at:]


# --- rebalancing -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of the time line that :func:`rebalance` fills on its own.

    It runs from ``start`` (the session start, or the end of a pinned block) to ``end`` (the next pinned
    block's start, or the session end for the last segment) and holds the unpinned blocks in between:
    ``adjustable`` are the indexes rebalance may resize, ``fixed_minutes`` the duration of the others
    (those before ``from_index``, and those it keeps).
    """

    start: int
    end: int
    adjustable: tuple[int, ...]
    fixed_minutes: int
    minimum_minutes: int  # sum of the adjustable blocks' minimums
    closing_pin: int | None  # index of the pinned block that ends the segment; None for the last one

    @property
    def available(self) -> int:
        """Minutes the adjustable blocks are to share (negative if pins leave less than no room)."""
        return self.end - self.start - self.fixed_minutes

    @property
    def fits(self) -> bool:
        """The adjustable blocks can fill the segment exactly without going below their minimums."""
        return self.minimum_minutes <= self.available


def _check_from_index(blocks: Sequence[PlanBlock], from_index: int) -> None:
    if not 0 <= from_index <= len(blocks):
        raise IndexError(f"from_index {from_index} is outside 0..{len(blocks)}")


def segments(
    blocks: Sequence[PlanBlock], session_start: int, session_end: int, from_index: int = 0
) -> tuple[Segment, ...]:
    """The plan cut at its pinned blocks (see :class:`Segment`): one segment before each pinned block and
    one after the last, so there is always at least one. Segment starts use the pinned blocks' own times,
    so they are independent of the durations rebalance changes."""
    _check_from_index(blocks, from_index)
    result: list[Segment] = []
    start = session_start
    adjustable: list[int] = []
    fixed = 0
    minimum = 0
    for index, block in enumerate(blocks):
        if block.pinned_start is not None:
            result.append(Segment(start, block.pinned_start, tuple(adjustable), fixed, minimum, index))
            start = block.pinned_start + block.minutes
            adjustable, fixed, minimum = [], 0, 0
        elif index >= from_index and not block.keep:
            adjustable.append(index)
            minimum += block.minimum
        else:
            fixed += block.minutes
    result.append(Segment(start, session_end, tuple(adjustable), fixed, minimum, None))
    return tuple(result)


def _share(weights: Sequence[int], minimums: Sequence[int], available: int) -> list[int]:
    """Split ``available`` minutes over blocks in proportion to ``weights``, none below its minimum, the
    parts adding up to ``available`` exactly. Requires ``sum(minimums) <= available``.

    The exact (real) solution is ``x_i = max(minimum_i, λ·weight_i)`` with λ chosen so the parts add up:
    blocks whose proportional share falls below their minimum are held at it and the rest is shared
    again among the others, until none falls below. The free parts are then rounded by largest
    remainder: each gets the floor of its share, and the minutes left over go one each to the largest
    fractional parts (ties to the earlier block). All arithmetic is exact (integers).
    """
    count = len(weights)
    held = [False] * count
    while True:
        free = [i for i in range(count) if not held[i]]
        room = available - sum(minimums[i] for i in range(count) if held[i])
        total = sum(weights[i] for i in free)
        # share_i = room * weight_i / total; below the minimum <=> room * weight_i < minimum_i * total
        below = [i for i in free if room * weights[i] < minimums[i] * total]
        if not below:
            break
        for i in below:
            held[i] = True
    parts = list(minimums)
    if not free:
        return parts
    remainders: list[tuple[int, int]] = []
    for i in free:
        parts[i], remainder = divmod(room * weights[i], total)
        remainders.append((remainder, i))
    left = room - sum(parts[i] for i in free)
    for _remainder, i in sorted(remainders, key=lambda item: (-item[0], item[1]))[:left]:
        parts[i] += 1
    return parts


def rebalance(
    blocks: Sequence[PlanBlock], session_start: int, session_end: int, from_index: int = 0
) -> list[PlanBlock]:
    """New blocks (same order, same pins and minimums) resized so the plan ends on time.

    The plan is cut into :func:`segments` at its pinned blocks. In each segment the *adjustable* blocks
    (unpinned, index >= ``from_index``) share the segment's available time (its length minus the
    durations of the unpinned blocks before ``from_index`` in it) in proportion to their current
    minutes, each at least its :attr:`PlanBlock.minimum`, in whole minutes that add up to the available
    time exactly (largest-remainder rounding; see :func:`_share`).

    Left as they are: pinned blocks, kept blocks, blocks before ``from_index``, and every segment without an
    adjustable block (so a gap or an overlap there stays visible). A segment that cannot hold its
    adjustable blocks even at their minimums gets them all at their minimums, and the overrun stays for
    :func:`schedule` to show; nothing is raised for that. Rebalancing a rebalanced plan changes nothing.

    ``from_index`` must lie in ``0 .. len(blocks)`` (IndexError otherwise); ``len(blocks)`` adjusts
    nothing.
    """
    result = list(blocks)
    for segment in segments(blocks, session_start, session_end, from_index):
        if not segment.adjustable:
            continue
        members = [blocks[i] for i in segment.adjustable]
        minimums = [block.minimum for block in members]
        if segment.fits:
            sizes = _share([block.minutes for block in members], minimums, segment.available)
        else:
            sizes = minimums
        for index, size in zip(segment.adjustable, sizes, strict=True):
            if size != result[index].minutes:
                result[index] = replace(result[index], minutes=size)
    return result


def rebalance_feasible(
    blocks: Sequence[PlanBlock], session_start: int, session_end: int, from_index: int = 0
) -> bool:
    """Whether :func:`rebalance` can make the plan end exactly at ``session_end`` with every segment that
    holds an adjustable block filled exactly (no gap or overlap before the pinned block closing it).

    That is: every such segment fits its blocks' minimums, and the last segment either holds an
    adjustable block or already ends exactly on time.
    """
    parts = segments(blocks, session_start, session_end, from_index)
    if not all(segment.fits for segment in parts if segment.adjustable):
        return False
    last = parts[-1]
    return bool(last.adjustable) or last.start + last.fixed_minutes == session_end
