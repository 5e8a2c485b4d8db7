"""Fund rules: kroner, amounts typed the Norwegian way, scores, round dates, grants, and a round's sums."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.fund import (
    AMOUNT_MAX,
    ApplicationFigures,
    Criterion,
    FundDecision,
    RoundOverview,
    check_grant,
    check_round_dates,
    clean_amount,
    clean_score,
    kroner,
    round_overview,
)
from desktop.errors import ValidationError

NBSP = "\u00a0"
G, P, R, W = FundDecision.GRANTED, FundDecision.PENDING, FundDecision.REJECTED, FundDecision.WITHDRAWN


# --- kroner -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0 kr"),
        (999, "999 kr"),
        (12_500, "12 500 kr"),
        (2_575_000, "2 575 000 kr"),
        (100_000_000, "100 000 000 kr"),
    ],
)
def test_kroner(value, text):
    assert kroner(value) == text.replace(" ", NBSP)


def test_kroner_never_breaks_a_line():
    assert " " not in kroner(1_234_567)


# --- amounts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12 500 kr", 12_500),
        ("12 500 KR", 12_500),
        ("12.500,-", 12_500),
        ("12 500,- kr", 12_500),
        ("kr 12 500", 12_500),
        ("kr 12 500,-", 12_500),
        ("Kr. 12.500", 12_500),
        ("NOK 12 500", 12_500),
        ("12 500 kroner", 12_500),
        ("12 500 NOK", 12_500),
        ("12 500 kr,-", 12_500),
        ("5 kroner,-", 5),
        (f"12{NBSP}500{NBSP}kr", 12_500),
        ("2.575.000", 2_575_000),
        ("1.250.000,-", 1_250_000),
        ("12.500,00", 12_500),
        ("12 500,00 kr", 12_500),
        ("999,-", 999),
        ("12\u202f500 kr", 12_500),  # a narrow no-break space, as some programs group
        (12_500.0, 12_500),  # a float that is whole kroner
        (" 0 ", 0),
        ("100000000", AMOUNT_MAX),
        (12_500, 12_500),
        (0, 0),
    ],
)
def test_clean_amount_reads_kroner(text, amount):
    cleaned = clean_amount(text, "amount_applied", "Søkt beløp")
    assert cleaned == amount
    assert type(cleaned) is int


@pytest.mark.parametrize("value", ["-12 500", "-1", -1, "-12.500,- kr", "-kr 5"])
def test_negative_amounts_are_refused(value):
    with pytest.raises(ValidationError) as e:
        clean_amount(value, "amount_applied", "Søkt beløp")
    assert e.value.field == "amount_applied"
    assert e.value.message == f"«Søkt beløp» kan ikke være under 0{NBSP}kr."


@pytest.mark.parametrize("value", ["100 000 001", AMOUNT_MAX + 1, "1 000 000 000 000 kr", 10**30])
def test_huge_amounts_are_refused(value):
    with pytest.raises(ValidationError) as e:
        clean_amount(value, "budget", "Ramme")
    assert e.value.field == "budget"
    assert e.value.message == "«Ramme» er mye høyere enn noe fond har. Sjekk antall nuller."


@pytest.mark.parametrize("value", ["tolv tusen", "1e5", "kr", "-", ",-", "12,-,-", float("nan")])
def test_junk_amounts_are_refused(value):
    with pytest.raises(ValidationError) as e:
        clean_amount(value, "amount_granted", "Innvilget beløp")
    assert e.value.field == "amount_granted"
    assert e.value.message == "«Innvilget beløp» må være et helt beløp i kroner."


WHOLE_KRONER = f"«Innvilget beløp» må være hele kroner, for eksempel 12{NBSP}500 (uten øre)."


@pytest.mark.parametrize(
    "value",
    [
        "2.5",  # not 25 kr
        "2.50",
        "12.5000",
        "1250.000",
        "1.25.000",
        ".500",
        "12.",
        "12,5",
        "12,50 kr",
        "12 500,50",
        "12.500,50",
        "12,500",  # English thousands: ambiguous, so asked again
        "-2.5",
        "12,00,00",  # an ending twice is not whole kroner
    ],
)
def test_amounts_that_could_have_ore_are_refused_not_misread(value):
    with pytest.raises(ValidationError) as e:
        clean_amount(value, "amount_granted", "Innvilget beløp")
    assert e.value.field == "amount_granted"
    assert e.value.message == WHOLE_KRONER


@pytest.mark.parametrize("value", [2.5, 12_500.4, 0.5, float("inf")])
def test_floats_with_a_fraction_are_refused_not_truncated(value):
    with pytest.raises(ValidationError) as e:
        clean_amount(value, "amount_granted", "Innvilget beløp")
    assert e.value.field == "amount_granted"
    assert "hele kroner" in e.value.message or "helt beløp" in e.value.message


def test_missing_amount_required_or_not():
    for empty in (None, "", "   "):
        with pytest.raises(ValidationError) as e:
            clean_amount(empty, "amount_applied", "Søkt beløp")
        assert e.value.message == "Skriv beløpet for «Søkt beløp»."
        assert clean_amount(empty, "amount_granted", "Innvilget beløp", required=False) is None


# --- scores -----------------------------------------------------------------------------------------------


def test_scores_from_one_to_five():
    for n in range(1, 6):
        assert clean_score(n, Criterion.GAIN) == n
    assert clean_score(None, Criterion.GAIN) is None


@pytest.mark.parametrize("n", [0, 6, -1, 10])
def test_scores_outside_one_to_five_are_refused(n):
    with pytest.raises(ValidationError) as e:
        clean_score(n, Criterion.ANCHORED)
    assert e.value.field == "anchored"
    assert e.value.message == "Poengene for «Forankret i linjen» må være fra 1 til 5."


def test_five_criteria_with_labels():
    assert len(Criterion) == 5
    assert all(c.label and c.short for c in Criterion)


def test_score_is_the_sum_of_the_criteria_given():
    assert ApplicationFigures(100, P, None).score is None
    assert ApplicationFigures(100, P, None, (None,) * 5).score is None
    assert ApplicationFigures(100, P, None, (3, None, 5, None, 1)).score == 9
    assert ApplicationFigures(100, P, None, (5, 5, 5, 5, 5)).score == 25


def test_how_many_criteria_are_scored():
    for scores, scored, full in (
        ((), 0, False),
        ((None,) * 5, 0, False),
        ((3, None, 5, None, 1), 3, False),
        ((1, 1, 1, 1, None), 4, False),
        ((5, 5, 5, 5, 5), 5, True),
    ):
        figures = ApplicationFigures(100, P, None, scores)
        assert (figures.scored, figures.fully_scored) == (scored, full)


# --- round dates ------------------------------------------------------------------------------------------


def test_round_dates_in_order():
    check_round_dates(date(2025, 1, 10), date(2025, 2, 5), date(2025, 3, 1), date(2025, 4, 1))
    check_round_dates(None, None, None, None)
    check_round_dates(date(2025, 5, 1), None, None, date(2025, 1, 1))  # nothing to compare without deadline
    check_round_dates(date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1))


def test_a_workshop_after_the_deadline_is_refused():
    with pytest.raises(ValidationError) as e:
        check_round_dates(date(2025, 3, 2), None, date(2025, 3, 1), None)
    assert e.value.field == "info_workshop"
    assert e.value.message == "Informasjonsverkstedet må være før søknadsfristen (01.03.2025)."
    with pytest.raises(ValidationError) as e:
        check_round_dates(None, date(2025, 4, 1), date(2025, 3, 1), None)
    assert e.value.field == "applicant_workshop"
    assert e.value.message == "Søkerverkstedet må være før søknadsfristen (01.03.2025)."


def test_a_decision_before_the_deadline_is_refused():
    with pytest.raises(ValidationError) as e:
        check_round_dates(None, None, date(2025, 3, 1), date(2025, 2, 28))
    assert e.value.field == "decision_date"
    assert e.value.message == "Vedtaket kan ikke komme før søknadsfristen (01.03.2025)."


def test_a_deadline_moved_past_another_date_is_refused_at_the_deadline():
    with pytest.raises(ValidationError) as e:
        check_round_dates(None, date(2025, 3, 5), date(2025, 3, 1), None, edited={"deadline"})
    assert (e.value.field, e.value.message) == (
        "deadline",
        "Søknadsfristen kan ikke være før søkerverkstedet (05.03.2025).",
    )
    with pytest.raises(ValidationError) as e:
        check_round_dates(None, None, date(2025, 3, 1), date(2025, 2, 28), edited={"deadline"})
    assert e.value.field == "deadline" and "etter vedtaket (28.02.2025)" in e.value.message


# --- grants -----------------------------------------------------------------------------------------------


def test_grants_that_hold():
    check_grant(G, 100_000, 100_000, 500_000, 400_000)  # all that is applied for, all that is left
    check_grant(G, 100_000, 1, 500_000, 0)
    check_grant(P, 100_000, None, 500_000, 0)
    check_grant(R, 100_000, 0, 500_000, 0)
    check_grant(W, 100_000, None, 0, 0)


def test_a_grant_larger_than_applied_is_refused():
    with pytest.raises(ValidationError) as e:
        check_grant(G, 100_000, 100_001, 1_000_000, 0)
    assert e.value.field == "amount_granted"
    assert e.value.message == (
        f"Tildelingen (100{NBSP}001{NBSP}kr) er større enn søknadsbeløpet (100{NBSP}000{NBSP}kr)."
    )


def test_a_grant_larger_than_the_budget_left_is_refused():
    with pytest.raises(ValidationError) as e:
        check_grant(G, 200_000, 150_000, 500_000, 400_000)
    assert e.value.field == "amount_granted"
    assert e.value.message == f"Det er bare 100{NBSP}000{NBSP}kr igjen av rammen til denne runden."


def test_nothing_left_reads_as_zero_not_negative():
    with pytest.raises(ValidationError) as e:
        check_grant(G, 10_000, 10_000, 100_000, 120_000)
    assert f"bare 0{NBSP}kr igjen" in e.value.message


def test_applied_is_checked_before_budget():
    with pytest.raises(ValidationError) as e:
        check_grant(G, 100, 200, 50, 0)
    assert "søknadsbeløpet" in e.value.message


@pytest.mark.parametrize("decision", [P, R, W])
def test_a_grant_without_a_granted_decision_is_refused(decision):
    with pytest.raises(ValidationError) as e:
        check_grant(decision, 100_000, 50_000, 1_000_000, 0)
    assert e.value.field == "amount_granted"
    assert e.value.message == (
        "Bare en innvilget søknad kan få tildelt midler. Sett vedtaket til «Innvilget»."
    )


@pytest.mark.parametrize("granted", [None, 0])
def test_granted_without_an_amount_is_refused(granted):
    with pytest.raises(ValidationError) as e:
        check_grant(G, 100_000, granted, 1_000_000, 0)
    assert e.value.field == "amount_granted"
    assert e.value.message == "Skriv hvor mye som er innvilget."


# --- a round's sums ---------------------------------------------------------------------------------------


def test_round_overview_by_hand():
    apps = [
        ApplicationFigures(300_000, G, 250_000),
        ApplicationFigures(200_000, G, 200_000),
        ApplicationFigures(150_000, R, None),
        ApplicationFigures(100_000, P, None),
        ApplicationFigures(80_000, P, None),
        ApplicationFigures(999_000, W, None),  # withdrawn: not counted anywhere
    ]
    o = round_overview(1_000_000, apps)
    assert o == RoundOverview(
        budget=1_000_000,
        applications=5,
        applied=830_000,
        granted=450_000,
        funded=2,
        rejected=1,
        pending=2,
        withdrawn=1,
    )
    assert o.left == 550_000


def test_an_empty_round():
    o = round_overview(750_000, [])
    assert o == RoundOverview(750_000, 0, 0, 0, 0, 0, 0)
    assert o.left == 750_000


def test_withdrawn_applications_are_left_out():
    o = round_overview(100, [ApplicationFigures(50, W, None), ApplicationFigures(60, W, None)])
    assert (o.applications, o.applied, o.granted, o.funded, o.rejected, o.pending) == (0, 0, 0, 0, 0, 0)
    assert o.withdrawn == 2


def test_round_overview_reads_a_generator():
    o = round_overview(500, (ApplicationFigures(a, G, a) for a in (100, 200)))
    assert (o.applications, o.granted, o.funded, o.left) == (2, 300, 2, 200)


def test_decision_labels():
    assert [d.label for d in FundDecision] == ["Til behandling", "Innvilget", "Avslått", "Trukket"]
