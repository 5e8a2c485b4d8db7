"""Benefits (gevinster) of an initiative as plain data and rules.

An initiative's benefit plan
(gevinstrealiseringsplan) holds benefits of the KS gain types; each benefit has an indicator with a unit, a
baseline measurement (nullpunktsmåling) with its date, a target with its date, and measurements over time.
What is realised is computed, never typed: the latest measurement against the baseline, as a share of the
way from the baseline to the target. The arithmetic works both ways (a cost or a waiting time that should
fall, a satisfaction score that should rise).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.rules import DOTTED_THOUSANDS, SPACES, format_date
from desktop.errors import ValidationError
from desktop.i18n import _

TEXT_MAX = 4000
TITLE_MAX = 200
UNIT_MAX = 40


class GainType(StrEnum):
    """KS' gain types."""

    AVOIDED_COSTS = "avoided_costs"
    TIME_SAVED = "time_saved"
    QUALITY = "quality"

    @property
    def label(self) -> str:
        return {
            GainType.AVOIDED_COSTS: _("Unngåtte kostnader"),
            GainType.TIME_SAVED: _("Spart tid"),
            GainType.QUALITY: _("Økt kvalitet"),
        }[self]


# Units a facilitator picks from (any other can be typed); benefits are summed per unit, never across.
COMMON_UNITS = ("kr", "kr per år", "timer", "timer per uke", "timer per år", "antall", "prosent", "poeng")

# Units of a score or a share: the values of different indicators in them do not add up (3 points on one
# survey and 2 on another are not 5 of anything), so they are counted, not summed.
SCORE_UNITS = ("poeng", "prosent", "%")

# Amounts, time, counts and percentages cannot be below zero; a fall is a target lower than the baseline.
_NON_NEGATIVE = re.compile(
    r"^(?:%|(?:kr|kroner?|nok|timer?|t|minutter|min|dager|dag|døgn|uker|årsverk|antall|stk|prosent)\b)"
)


def unit_key(unit: str) -> str:
    """A unit as compared: without case and extra space ("Timer  per UKE" is "timer per uke")."""
    return " ".join(unit.split()).casefold()


def is_score_unit(unit: str) -> bool:
    """A score or a share ("poeng", "prosent", "%", also "poeng (1–5)" or "% fornøyde")."""
    key = unit_key(unit)
    return bool(key) and ("%" in key or key.split()[0] in SCORE_UNITS)


def is_summable(gain_type: GainType, unit: str) -> bool:
    """Whether realised values of this gain type and unit may be added up: kroner and hours yes (per unit),
    quality and scores or shares never."""
    return GainType(gain_type) is not GainType.QUALITY and not is_score_unit(unit)


def allows_negative(unit: str) -> bool:
    """Only units that are not an amount, a time, a count or a percentage (a score, a temperature) can go
    below zero."""
    return not _NON_NEGATIVE.match(unit_key(unit))


def check_value(unit: str, value: float, field: str = "value", label: str | None = None) -> None:
    """Refuse a negative baseline, target or measurement in a unit that cannot be negative."""
    if value < 0 and not allows_negative(unit):
        raise ValidationError(
            field,
            _(
                "«{field}» kan ikke være under 0 når enheten er «{unit}». Skriv 0 eller mer; "
                "en nedgang skrives som et mål lavere enn nullpunktet."
            ).format(field=label or _("Verdi"), unit=" ".join(unit.split())),
        )


@dataclass(frozen=True)
class Measurement:
    on: date
    value: float


@dataclass(frozen=True)
class Progress:
    """Where a benefit stands: the latest value, the change since the baseline in the target's direction
    (positive is good), and that change as a share of the way to the target."""

    latest: float | None
    gained: float  # in the indicator's unit; 0 without measurements
    realised_pct: float | None  # None without measurements
    planned: float = 0.0  # the way from the baseline to the target, in the indicator's unit (never negative)

    @property
    def reached(self) -> bool:
        """Measured, and at the target or beyond it."""
        return self.realised_pct is not None and self.realised_pct >= 100.0 - 1e-9


def clean_text(value: str | None, field: str, label: str, limit: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(field, _("«{field}» kan ha høyst {n} tegn.").format(field=label, n=limit))
    return text


def clean_title(value: str | None, field: str = "title") -> str:
    title = " ".join((value or "").split())
    if not title:
        raise ValidationError(field, _("Skriv et navn."))
    if len(title) > TITLE_MAX:
        raise ValidationError(field, _("Navnet kan ha høyst {n} tegn.").format(n=TITLE_MAX))
    return title


def clean_unit(value: str | None) -> str:
    unit = " ".join((value or "").split())
    if not unit:
        raise ValidationError(
            "unit", _("Skriv enheten indikatoren måles i (for eksempel kr, timer, antall).")
        )
    if len(unit) > UNIT_MAX:
        raise ValidationError("unit", _("Enheten kan ha høyst {n} tegn.").format(n=UNIT_MAX))
    return unit


LARGEST = 1e12  # no benefit counts beyond this; a larger figure is a slip of the keys (and breaks charts)


def clean_number(value: float | int | str | None, field: str, label: str) -> float:
    """A finite number. Text is read the Norwegian way: a decimal comma, spaces or dots between thousands
    («1.000» is a thousand, as on a price tag, not 1; «1.570.000,5»), and a dot that cannot be between
    thousands as a decimal point («4.5»)."""
    if isinstance(value, str):
        text = value.translate(SPACES)
        whole, comma, fraction = text.partition(",")
        if DOTTED_THOUSANDS.fullmatch(whole):
            text = whole.replace(".", "") + comma + fraction
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise ValidationError(field, _("«{field}» må være et tall.").format(field=label)) from None
    if value is None or not math.isfinite(float(value)):
        raise ValidationError(field, _("«{field}» må være et tall.").format(field=label))
    if abs(float(value)) > LARGEST:
        raise ValidationError(
            field, _("«{field}»: tallet er for stort. Sjekk antall nuller.").format(field=label)
        )
    return float(value)


def check_plan(baseline: float, baseline_date: date, target: float, target_date: date | None) -> None:
    """A target that differs from the baseline, due after the baseline was measured."""
    if target == baseline:
        raise ValidationError(
            "target",
            _("Målet er likt nullpunktet. Skriv verdien dere vil nå, høyere eller lavere enn i dag."),
        )
    if target_date is not None and target_date < baseline_date:
        raise ValidationError(
            "target_date",
            _("Måldatoen kan ikke være før nullpunktsmålingen ({day}).").format(
                day=format_date(baseline_date)
            ),
        )


def check_measurement(on: date, baseline_date: date) -> None:
    if on < baseline_date:
        raise ValidationError(
            "measured_on",
            _("Målingen er datert før nullpunktsmålingen ({day}). Nullpunktet er utgangspunktet.").format(
                day=format_date(baseline_date)
            ),
        )


def progress(baseline: float, target: float, measurements: Iterable[Measurement]) -> Progress:
    """The latest measurement (by date; the last given wins a tie) against the baseline and target."""
    latest: Measurement | None = None
    for m in measurements:
        if latest is None or m.on >= latest.on:
            latest = m
    way = target - baseline
    if latest is None:
        return Progress(None, 0.0, None, abs(way))
    direction = 1.0 if way > 0 else -1.0
    gained = (latest.value - baseline) * direction
    return Progress(latest.value, gained, 100.0 * (latest.value - baseline) / way if way else None, abs(way))


MEASURE_AGAIN_AFTER_DAYS = 183  # a benefit not measured for half a year is due a measurement


class FollowUp(StrEnum):
    """Where a benefit stands in its follow-up (gevinstrealisering is the following up)."""

    REACHED = "reached"  # measured at its target or beyond
    LATE = "late"  # its target date has passed and the target is not reached
    DUE = "due"  # not measured for half a year (the baseline counts as a measurement)
    ON_TRACK = "on_track"
    STOPPED = "stopped"  # its initiative is stopped: nobody is to measure it any more

    @property
    def label(self) -> str:
        return {
            FollowUp.REACHED: _("Nådd"),
            FollowUp.LATE: _("Forsinket"),
            FollowUp.DUE: _("Bør måles"),
            FollowUp.ON_TRACK: _("Underveis"),
            FollowUp.STOPPED: _("Stoppet"),
        }[self]

    @property
    def needs_attention(self) -> bool:
        return self in (FollowUp.LATE, FollowUp.DUE)


def follow_up(
    progress: Progress, target_date: date | None, last_measured: date, today: date, stopped: bool = False
) -> FollowUp:
    """A benefit's follow-up status on ``today``; ``last_measured`` is its latest measurement's date, or the
    baseline's when it has none. The benefits of a stopped initiative are neither late nor due: nobody is to
    measure them, and the dashboard does not count them as needing follow-up (a benefit reached before the
    stop stays reached). A finished initiative's benefits are followed up as before: benefits are often
    realised after the work is done."""
    if progress.reached:
        return FollowUp.REACHED
    if stopped:
        return FollowUp.STOPPED
    if target_date is not None and target_date < today:
        return FollowUp.LATE
    if (today - last_measured).days > MEASURE_AGAIN_AFTER_DAYS:
        return FollowUp.DUE
    return FollowUp.ON_TRACK


@dataclass(frozen=True)
class GainSum:
    """The benefits of one gain type and unit. ``gained`` is a sum only worth showing when ``summable``
    (kroner, hours); for quality and scores, ``reached`` and ``mean_pct`` say how far they have come."""

    gain_type: GainType
    unit: str
    gained: float  # summed over the benefits of this type and unit that have measurements
    benefits: int  # how many benefits of this type and unit
    measured: int  # of which with at least one measurement
    planned: float = 0.0  # the planned change (target − baseline, in the target's direction) of the measured
    reached: int = 0  # measured benefits at their target or beyond
    pct_total: float = 0.0  # the measured benefits' realised % of target, added (for the mean)

    @property
    def summable(self) -> bool:
        return is_summable(self.gain_type, self.unit)

    @property
    def share_pct(self) -> float | None:
        """What is realised as a share of the planned change of the measured benefits (comparable across
        units); None when none is measured."""
        return 100.0 * self.gained / self.planned if self.measured and self.planned else None

    @property
    def mean_pct(self) -> float | None:
        """The measured benefits' mean realised % of target; None when none is measured."""
        return self.pct_total / self.measured if self.measured else None


def sum_by_gain_type(rows: Iterable[tuple[GainType, str, Progress]]) -> list[GainSum]:
    """Realised benefits added up per gain type and unit (kroner and hours are never added together);
    units compare without case and surrounding space. In gain-type order, then by unit."""
    sums: dict[tuple[GainType, str], list[float]] = defaultdict(lambda: [0.0, 0, 0, 0.0, 0, 0.0])
    names: dict[tuple[GainType, str], str] = {}
    for gain_type, unit, p in rows:
        key = (gain_type, unit_key(unit))
        names.setdefault(key, " ".join(unit.split()))
        row = sums[key]
        row[1] += 1
        if p.latest is not None:
            row[0] += p.gained
            row[2] += 1
            row[3] += p.planned
            row[4] += 1 if p.reached else 0
            row[5] += p.realised_pct or 0.0
    order = list(GainType)
    return [
        GainSum(gain_type, names[(gain_type, unit)], *sums[(gain_type, unit)])
        for gain_type, unit in sorted(sums, key=lambda k: (order.index(k[0]), k[1]))
    ]
