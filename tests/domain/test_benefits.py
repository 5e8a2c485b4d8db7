"""Benefit arithmetic: realised against target both ways, the latest measurement, sums per gain type and
unit, number cleaning and the plan's rules."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.benefits import (
    GainSum,
    GainType,
    Measurement,
    Progress,
    allows_negative,
    check_measurement,
    check_plan,
    check_value,
    clean_number,
    clean_text,
    clean_title,
    clean_unit,
    is_summable,
    progress,
    sum_by_gain_type,
)
from desktop.errors import ValidationError

D1, D2, D3 = date(2024, 1, 15), date(2024, 6, 15), date(2024, 12, 15)


def one(value: float, on: date = D2) -> list[Measurement]:
    return [Measurement(on, value)]


# --- progress: a target above the baseline ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "gained", "pct"),
    [
        (40.0, 0.0, 0.0),  # no change yet
        (50.0, 10.0, 25.0),  # a quarter of the way
        (60.0, 20.0, 50.0),
        (80.0, 40.0, 100.0),  # the target reached
        (100.0, 60.0, 150.0),  # beyond it
        (30.0, -10.0, -25.0),  # the wrong way
    ],
)
def test_rising_target(value, gained, pct):
    p = progress(40.0, 80.0, one(value))
    assert p == Progress(value, pytest.approx(gained), pytest.approx(pct), 40.0)
    assert p.latest == value
    assert p.reached == (pct >= 100)
    assert p.gained == pytest.approx(gained)
    assert p.realised_pct == pytest.approx(pct)


# --- progress: a target below the baseline (a cost, a waiting time) -------------------------------------


@pytest.mark.parametrize(
    ("value", "gained", "pct"),
    [
        (120.0, 0.0, 0.0),
        (110.0, 10.0, 25.0),  # fell by 10 of the 40 wanted
        (90.0, 30.0, 75.0),
        (80.0, 40.0, 100.0),
        (60.0, 60.0, 150.0),
        (130.0, -10.0, -25.0),  # rose: the wrong way, a loss
    ],
)
def test_falling_target(value, gained, pct):
    p = progress(120.0, 80.0, one(value))
    assert p.latest == value
    assert p.gained == pytest.approx(gained)
    assert p.realised_pct == pytest.approx(pct)


def test_a_falling_gain_is_positive_in_kroner():
    # 500 000 kr a year in overtime down to 350 000: 150 000 avoided, 60 % of the 250 000 wanted
    p = progress(500_000, 250_000, one(350_000))
    assert p.gained == pytest.approx(150_000)
    assert p.realised_pct == pytest.approx(60.0)


def test_negative_and_fractional_values():
    p = progress(-2.0, 2.0, one(-1.0))
    assert p.gained == pytest.approx(1.0)
    assert p.realised_pct == pytest.approx(25.0)
    p = progress(0.5, 0.25, one(0.4375))
    assert p.gained == pytest.approx(0.0625)
    assert p.realised_pct == pytest.approx(25.0)


def test_without_measurements_nothing_is_realised():
    assert progress(40.0, 80.0, []) == Progress(None, 0.0, None, 40.0)
    assert progress(40.0, 80.0, iter(())) == Progress(None, 0.0, None, 40.0)
    assert not progress(40.0, 80.0, []).reached


def test_a_target_equal_to_the_baseline_gives_no_percentage():
    p = progress(50.0, 50.0, one(60.0))
    assert p.latest == 60.0
    assert p.realised_pct is None


# --- progress: which measurement counts -------------------------------------------------------------------


def test_the_latest_by_date_counts_whatever_the_order_given():
    measured = [Measurement(D3, 70.0), Measurement(D1, 45.0), Measurement(D2, 50.0)]
    for ordering in (measured, measured[::-1], sorted(measured, key=lambda m: m.value)):
        p = progress(40.0, 80.0, ordering)
        assert p.latest == 70.0
        assert p.gained == pytest.approx(30.0)
        assert p.realised_pct == pytest.approx(75.0)


def test_the_last_given_wins_a_tie_on_date():
    assert progress(40.0, 80.0, [Measurement(D2, 50.0), Measurement(D2, 60.0)]).latest == 60.0
    assert progress(40.0, 80.0, [Measurement(D2, 60.0), Measurement(D2, 50.0)]).latest == 50.0
    # a later date still beats a tie given after it
    tie_after = [Measurement(D3, 70.0), Measurement(D2, 50.0), Measurement(D2, 60.0)]
    assert progress(40.0, 80.0, tie_after).latest == 70.0


def test_a_generator_is_read_once():
    p = progress(40.0, 80.0, (Measurement(d, v) for d, v in ((D1, 44.0), (D2, 48.0))))
    assert p.latest == 48.0
    assert p.realised_pct == pytest.approx(20.0)


# --- sums per gain type and unit --------------------------------------------------------------------------


def test_different_units_are_never_added():
    rows = [
        (GainType.AVOIDED_COSTS, "kr", progress(1000, 500, one(800))),  # 200
        (GainType.AVOIDED_COSTS, "kr per år", progress(10_000, 0, one(4_000))),  # 6000
        (GainType.AVOIDED_COSTS, "kr", progress(100, 0, one(70))),  # 30
        (GainType.TIME_SAVED, "timer", progress(10, 4, one(6))),  # 4
    ]
    assert sum_by_gain_type(rows) == [
        GainSum(GainType.AVOIDED_COSTS, "kr", 230.0, 2, 2, 600.0, 0, pytest.approx(70.0)),
        GainSum(GainType.AVOIDED_COSTS, "kr per år", 6000.0, 1, 1, 10_000.0, 0, pytest.approx(60.0)),
        GainSum(GainType.TIME_SAVED, "timer", 4.0, 1, 1, 6.0, 0, pytest.approx(400 / 6)),
    ]


def test_same_unit_in_different_gain_types_stays_apart():
    rows = [
        (GainType.TIME_SAVED, "timer", progress(10, 5, one(8))),  # 2
        (GainType.QUALITY, "timer", progress(10, 20, one(13))),  # 3
    ]
    assert sum_by_gain_type(rows) == [
        GainSum(GainType.TIME_SAVED, "timer", 2.0, 1, 1, 5.0, 0, pytest.approx(40.0)),
        GainSum(GainType.QUALITY, "timer", 3.0, 1, 1, 10.0, 0, pytest.approx(30.0)),
    ]


def test_units_match_without_case_or_extra_space():
    rows = [
        (GainType.TIME_SAVED, "Timer per uke", progress(20, 10, one(15))),  # 5
        (GainType.TIME_SAVED, "  timer   per UKE ", progress(8, 4, one(6))),  # 2
        (GainType.TIME_SAVED, "timer per uke", progress(8, 4, [])),  # planned, not measured
    ]
    sums = sum_by_gain_type(rows)
    assert len(sums) == 1
    only = sums[0]
    assert only.gain_type is GainType.TIME_SAVED
    assert only.unit == "Timer per uke"  # as first written, space tidied
    assert only.gained == pytest.approx(7.0)
    assert (only.benefits, only.measured) == (3, 2)


def test_unmeasured_benefits_are_counted_but_add_nothing():
    rows = [
        (GainType.QUALITY, "poeng", progress(3.0, 4.5, [])),
        (GainType.QUALITY, "poeng", progress(3.0, 4.5, [])),
    ]
    assert sum_by_gain_type(rows) == [GainSum(GainType.QUALITY, "poeng", 0.0, 2, 0)]
    (only,) = sum_by_gain_type(rows)
    assert (only.share_pct, only.mean_pct) == (None, None)


def test_scores_count_how_many_reached_and_the_mean_share_of_target():
    rows = [
        (GainType.QUALITY, "poeng", progress(3.0, 4.0, one(4.5))),  # 150 %: reached
        (GainType.QUALITY, "poeng", progress(3.0, 5.0, one(3.5))),  # 25 %
        (GainType.QUALITY, "poeng", progress(3.0, 5.0, one(5.0))),  # 100 %: reached
        (GainType.QUALITY, "poeng", progress(3.0, 5.0, [])),  # not measured: not in the mean
    ]
    (only,) = sum_by_gain_type(rows)
    assert (only.benefits, only.measured, only.reached) == (4, 3, 2)
    assert only.mean_pct == pytest.approx((150 + 25 + 100) / 3)
    assert only.gained == pytest.approx(1.5 + 0.5 + 2.0)
    assert only.planned == pytest.approx(1.0 + 2.0 + 2.0)  # the unmeasured one's 2 points left out
    assert only.share_pct == pytest.approx(80.0)
    assert not only.summable


def test_the_realised_share_of_the_planned_change_is_in_the_targets_direction():
    rows = [
        (GainType.AVOIDED_COSTS, "kr", progress(1000, 500, one(800))),  # 200 of 500
        (GainType.AVOIDED_COSTS, "kr", progress(100, 0, one(130))),  # -30 of 100
    ]
    (only,) = sum_by_gain_type(rows)
    assert only.share_pct == pytest.approx(100 * 170 / 600)
    assert only.summable


@pytest.mark.parametrize(
    ("gain_type", "unit", "summable"),
    [
        (GainType.AVOIDED_COSTS, "kr per år", True),
        (GainType.TIME_SAVED, "timer per uke", True),
        (GainType.TIME_SAVED, "antall", True),
        (GainType.QUALITY, "antall", False),  # quality never
        (GainType.QUALITY, "kr", False),
        (GainType.TIME_SAVED, "prosent", False),  # a score or a share never
        (GainType.AVOIDED_COSTS, " Poeng ", False),
        (GainType.TIME_SAVED, "% av vaktene", False),
        (GainType.TIME_SAVED, "poeng (1–5)", False),
    ],
)
def test_what_may_be_summed(gain_type, unit, summable):
    assert is_summable(gain_type, unit) is summable
    assert GainSum(gain_type, unit, 0.0, 1, 0).summable is summable


@pytest.mark.parametrize(
    ("unit", "negative_ok"),
    [
        ("kr", False),
        ("kr per år", False),
        ("Kroner", False),
        ("kr/år", False),
        ("timer per uke", False),
        ("Timer", False),
        ("antall", False),
        ("prosent", False),
        ("%", False),
        ("% fornøyde", False),
        ("poeng", True),
        ("grader", True),
        ("krav", True),  # a word that only begins like "kr"
        ("tilfredshet", True),
    ],
)
def test_which_units_may_be_negative(unit, negative_ok):
    assert allows_negative(unit) is negative_ok
    check_value(unit, 0.0)  # zero is always allowed
    check_value(unit, 5.0)
    if negative_ok:
        check_value(unit, -70.0)
    else:
        with pytest.raises(ValidationError) as refused:
            check_value(unit, -70.0, "baseline", "Nullpunkt")
        assert refused.value.field == "baseline"
        assert "«Nullpunkt» kan ikke være under 0" in str(refused.value)
        assert f"«{' '.join(unit.split())}»" in str(refused.value)


def test_a_loss_is_subtracted():
    rows = [
        (GainType.AVOIDED_COSTS, "kr", progress(100, 50, one(60))),  # +40
        (GainType.AVOIDED_COSTS, "kr", progress(100, 50, one(115))),  # -15
    ]
    assert sum_by_gain_type(rows)[0].gained == pytest.approx(25.0)


def test_order_is_gain_type_then_unit():
    p = progress(0, 1, one(1))
    rows = [
        (GainType.QUALITY, "prosent", p),
        (GainType.TIME_SAVED, "timer", p),
        (GainType.AVOIDED_COSTS, "kr per år", p),
        (GainType.QUALITY, "antall", p),
        (GainType.AVOIDED_COSTS, "kr", p),
    ]
    assert [(s.gain_type, s.unit) for s in sum_by_gain_type(rows)] == [
        (GainType.AVOIDED_COSTS, "kr"),
        (GainType.AVOIDED_COSTS, "kr per år"),
        (GainType.TIME_SAVED, "timer"),
        (GainType.QUALITY, "antall"),
        (GainType.QUALITY, "prosent"),
    ]


def test_nothing_to_sum():
    assert sum_by_gain_type([]) == []


def test_gain_type_labels_are_norwegian():
    assert [g.label for g in GainType] == ["Unngåtte kostnader", "Spart tid", "Økt kvalitet"]


# --- cleaning ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        (" 12 ", 12.0),
        ("-3,25", -3.25),
        ("0", 0.0),
        ("4.5", 4.5),
        ("4.50", 4.5),
        ("1.000", 1000.0),  # a thousand, as Norwegians write it; it was stored as 1
        ("0.500", 0.5),  # a decimal: no thousands start with 0
        ("-0.125", -0.125),
        ("1.234,5", 1234.5),
        ("-1.570.000", -1570000.0),
        ("1 000 000 000 000", 1e12),
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_clean_number_reads_norwegian_numbers(text, number):
    cleaned = clean_number(text, "baseline", "Nullpunkt")
    assert cleaned == number
    assert isinstance(cleaned, float)


@pytest.mark.parametrize(
    "junk", ["", "   ", "tolv", "12 kr", "1.23.4", "1,2,3", "1.234.5", "nan", "inf", "-inf", None]
)
def test_clean_number_refuses_junk_with_the_field_named(junk):
    with pytest.raises(ValidationError) as e:
        clean_number(junk, "baseline", "Nullpunkt")
    assert e.value.field == "baseline"
    assert e.value.message == "«Nullpunkt» må være et tall."


def test_clean_number_refuses_a_figure_too_large_to_be_meant():
    """1,7e308 was stored, and the chart raised OverflowError every time the tab opened."""
    for value in ("1,7e308", 2e12, "-1 000 000 000 001"):
        with pytest.raises(ValidationError, match="tallet er for stort"):
            clean_number(value, "target", "Mål")


def test_clean_number_refuses_non_finite_floats():
    for value in (float("nan"), float("inf")):
        with pytest.raises(ValidationError):
            clean_number(value, "value", "Verdi")


def test_clean_unit_title_and_text():
    assert clean_unit("  timer   per  uke ") == "timer per uke"
    with pytest.raises(ValidationError) as e:
        clean_unit("  ")
    assert e.value.field == "unit"
    with pytest.raises(ValidationError):
        clean_unit("x" * 41)
    assert clean_unit("x" * 40) == "x" * 40
    assert clean_title("  Færre   turer ") == "Færre turer"
    with pytest.raises(ValidationError) as e:
        clean_title(None)
    assert e.value.message == "Skriv et navn."
    assert clean_text(None, "owner", "Eier") == ""
    with pytest.raises(ValidationError) as e:
        clean_text("x" * 11, "owner", "Eier", 10)
    assert e.value.message == "«Eier» kan ha høyst 10 tegn."


# --- the plan's rules -------------------------------------------------------------------------------------


def test_a_target_equal_to_the_baseline_is_refused_in_norwegian():
    with pytest.raises(ValidationError) as e:
        check_plan(40.0, D1, 40.0, D3)
    assert e.value.field == "target"
    assert e.value.message == (
        "Målet er likt nullpunktet. Skriv verdien dere vil nå, høyere eller lavere enn i dag."
    )
    with pytest.raises(ValidationError):
        check_plan(0.0, D1, 0.0, None)


def test_a_target_date_before_the_baseline_date_is_refused():
    with pytest.raises(ValidationError) as e:
        check_plan(40.0, D2, 80.0, D1)
    assert e.value.field == "target_date"
    assert e.value.message == "Måldatoen kan ikke være før nullpunktsmålingen (15.06.2024)."


def test_plans_that_hold():
    check_plan(40.0, D1, 80.0, D3)
    check_plan(80.0, D1, 40.0, D3)
    check_plan(40.0, D1, 80.0, D1)  # same day is allowed
    check_plan(40.0, D1, 40.0001, None)


def test_a_measurement_before_the_baseline_is_refused():
    check_measurement(D1, D1)
    check_measurement(D2, D1)
    with pytest.raises(ValidationError) as e:
        check_measurement(D1, D2)
    assert e.value.field == "measured_on"
    assert "15.06.2024" in e.value.message
    assert e.value.message.startswith("Målingen er datert før nullpunktsmålingen")


def test_a_benefits_follow_up_status() -> None:
    """Nothing said that a target date had passed unreached (124 of the demo's 170 benefits), or that a
    benefit had not been measured for a long time."""
    from desktop.domain.benefits import FollowUp, follow_up

    today = date(2026, 11, 23)
    reached = progress(10, 20, [Measurement(date(2026, 10, 1), 21)])
    halfway = progress(10, 20, [Measurement(date(2026, 10, 1), 15)])
    assert follow_up(reached, date(2026, 1, 1), date(2026, 10, 1), today) is FollowUp.REACHED
    assert follow_up(halfway, date(2026, 11, 22), date(2026, 10, 1), today) is FollowUp.LATE
    assert follow_up(halfway, None, date(2026, 5, 23), today) is FollowUp.DUE
    assert follow_up(halfway, date(2027, 6, 1), date(2026, 5, 24), today) is FollowUp.ON_TRACK
    assert FollowUp.LATE.needs_attention and not FollowUp.ON_TRACK.needs_attention
    # A stopped initiative's benefits are not late or due; one reached before the stop stays reached.
    assert follow_up(halfway, date(2026, 11, 22), date(2026, 1, 1), today, stopped=True) is FollowUp.STOPPED
    assert follow_up(reached, date(2026, 1, 1), date(2026, 10, 1), today, stopped=True) is FollowUp.REACHED
    assert not FollowUp.STOPPED.needs_attention
