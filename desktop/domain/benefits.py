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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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


def clean_number(value: float | int | str | None, field: str, label: str) -> float:
    """A finite number; text may use a decimal comma and spaces as thousands separators."""
    if isinstance(value, str):
        text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(field, _("«{field}» må være et tall.").format(field=label)) from None
    if value is None or not math.isfinite(float(value)):
        raise ValidationError(field, _("«{field}» må være et tall.").format(field=label))
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
                day=baseline_date.strftime("%d.%m.%Y")
            ),
        )


def check_measurement(on: date, baseline_date: date) -> None:
    if on < baseline_date:
        raise ValidationError(
            "measured_on",
            _("Målingen er datert før nullpunktsmålingen ({day}). Nullpunktet er utgangspunktet.").format(
                day=baseline_date.strftime("%d.%m.%Y")
            ),
        )


def progress(baseline: float, target: float, measurements: Iterable[Measurement]) -> Progress:
    """The latest measurement (by date; the last given wins a tie) against the baseline and target."""
    latest: Measurement | None = None
    for m in measurements:
        if latest is None or m.on >= latest.on:
            latest = m
    if latest is None:
        return Progress(None, 0.0, None)
    way = target - baseline
    direction = 1.0 if way > 0 else -1.0
    gained = (latest.value - baseline) * direction
    return Progress(latest.value, gained, 100.0 * (latest.value - baseline) / way if way else None)


@dataclass(frozen=True)
class GainSum:
    gain_type: GainType
    unit: str
    gained: float  # summed over the benefits of this type and unit that have measurements
    benefits: int  # how many benefits of this type and unit
    measured: int  # of which with at least one measurement


def sum_by_gain_type(rows: Iterable[tuple[GainType, str, Progress]]) -> list[GainSum]:
    """Realised benefits added up per gain type and unit (kroner and hours are never added together);
    units compare without case and surrounding space. In gain-type order, then by unit."""
    gained: dict[tuple[GainType, str], float] = defaultdict(float)
    counts: dict[tuple[GainType, str], list[int]] = defaultdict(lambda: [0, 0])
    names: dict[tuple[GainType, str], str] = {}
    for gain_type, unit, p in rows:
        key = (gain_type, " ".join(unit.split()).casefold())
        names.setdefault(key, " ".join(unit.split()))
        counts[key][0] += 1
        if p.latest is not None:
            counts[key][1] += 1
            gained[key] += p.gained
    order = list(GainType)
    return [
        GainSum(gain_type, names[(gain_type, unit)], gained[(gain_type, unit)], *counts[(gain_type, unit)])
        for gain_type, unit in sorted(counts, key=lambda k: (order.index(k[0]), k[1]))
    ]
