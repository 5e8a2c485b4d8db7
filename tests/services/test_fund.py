"""Fund rounds and applications stored: grants within what was applied for and the budget left, exact undo,
refused edits that leave every row as it was, and a round's sums."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest

from desktop.domain.fund import Criterion, FundDecision, RoundOverview
from desktop.errors import NotFoundError, ValidationError
from desktop.services import fund, groups, initiatives, views
from desktop.services.common import restore_deleted

NBSP = "\u00a0"
G, P, R, W = FundDecision.GRANTED, FundDecision.PENDING, FundDecision.REJECTED, FundDecision.WITHDRAWN


def kr(text: str) -> str:
    """The message as shown: amounts grouped with no-break spaces, "kr" bound to its number."""
    return re.sub(r"(?<=\d) (?=\d|kr\b)", NBSP, text)


@pytest.fixture
def five(db, small) -> list[uuid.UUID]:
    """Five initiatives: three of the Bryn group, two of an Evje group."""
    evje = groups.add_leader_group(db, small.cohort, small.evje)
    return [
        initiatives.create_initiative(db, group, title)
        for group, title in (
            (small.group, "Kontaktkort"),
            (small.group, "Felles kalender"),
            (small.group, "Digital søknad"),
            (evje, "Leksehjelp"),
            (evje, "Uteskole"),
        )
    ]


@pytest.fixture
def spring(db) -> uuid.UUID:
    return fund.create_round(
        db,
        "Våren 2025",
        "1 000 000 kr",
        info_workshop=date(2025, 1, 10),
        applicant_workshop=date(2025, 2, 5),
        deadline=date(2025, 3, 1),
        decision_date=date(2025, 4, 1),
        notes="Rådet møtes i april",
    )


# --- rounds -----------------------------------------------------------------------------------------------


def test_create_and_read_a_round(db, spring):
    r = fund.round_view(db, spring)
    assert (r.id, r.name, r.budget, r.notes) == (spring, "Våren 2025", 1_000_000, "Rådet møtes i april")
    assert (r.info_workshop, r.applicant_workshop, r.deadline, r.decision_date) == (
        date(2025, 1, 10),
        date(2025, 2, 5),
        date(2025, 3, 1),
        date(2025, 4, 1),
    )
    assert r.applications == ()
    assert r.overview == RoundOverview(1_000_000, 0, 0, 0, 0, 0, 0)


def test_rounds_in_deadline_order(db, spring):
    autumn = fund.create_round(db, "Høsten 2024", 800_000, deadline=date(2024, 9, 1))
    assert [(c.id, c.name) for c in fund.rounds(db)] == [(autumn, "Høsten 2024"), (spring, "Våren 2025")]


def test_rounds_without_a_deadline_come_last_in_the_list_and_the_navigator(db, spring):
    # Made first, so neither creation order nor SQLite's NULLs-first can put it on top (PostgreSQL sorts
    # NULL last by itself: the order is said outright so both databases agree).
    undecided = fund.create_round(db, "Neste runde", 500_000)
    autumn = fund.create_round(db, "Høsten 2024", 800_000, deadline=date(2024, 9, 1))
    expected = [autumn, spring, undecided]
    assert [c.id for c in fund.rounds(db)] == expected
    assert [r.id for r in views.load_tree(db).fund_rounds] == expected


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"budget": "-5 000"}, "budget"),
        ({"budget": "en million"}, "budget"),
        ({"budget": "1.5"}, "budget"),  # not 15 kr
        ({"budget": 999_999.5}, "budget"),
        ({"budget": "1 000 000 000"}, "budget"),
        ({"budget": None}, "budget"),
        ({"name": "  "}, "title"),  # clean_title names its field "title"
        ({"info_workshop": date(2025, 3, 2), "deadline": date(2025, 3, 1)}, "info_workshop"),
        ({"applicant_workshop": date(2025, 3, 2), "deadline": date(2025, 3, 1)}, "applicant_workshop"),
        ({"deadline": date(2025, 3, 1), "decision_date": date(2025, 2, 1)}, "decision_date"),
    ],
)
def test_refused_rounds_store_nothing(db, spring, rows, values, field):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.create_round(db, **{"name": "Ny runde", "budget": 100_000, **values})
    assert e.value.field == field
    assert rows(db) == before


def test_update_round_returns_previous_values_and_undo_restores(db, spring, rows):
    before = rows(db)
    old = fund.update_round(
        db, spring, name="Våren 2025 (utvidet)", budget="1 500 000", notes="Rådet møtes i april"
    )
    assert old == {"name": "Våren 2025", "budget": 1_000_000}
    assert fund.round_view(db, spring).budget == 1_500_000
    fund.update_round(db, spring, **old)
    strip = lambda t: [{k: v for k, v in r.items() if k != "updated_at"} for r in t["fund_round"]]  # noqa: E731
    assert strip(rows(db)) == strip(before)


def test_update_round_checks_dates_against_the_stored_ones(db, spring, rows):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.update_round(db, spring, deadline=date(2025, 2, 1))  # before the stored applicant workshop
    assert e.value.field == "deadline"  # said at the date being set
    with pytest.raises(ValidationError) as e:
        fund.update_round(db, spring, decision_date=date(2025, 2, 28))
    assert e.value.field == "decision_date"
    assert rows(db) == before


def test_the_budget_never_below_what_is_granted(db, spring, five, rows):
    fund.create_application(db, spring, five[0], 400_000, decision=G, amount_granted=300_000)
    fund.create_application(db, spring, five[1], 300_000, decision=G, amount_granted=250_000)
    fund.create_application(db, spring, five[2], 900_000)  # pending: not granted
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.update_round(db, spring, budget=549_999)
    assert e.value.field == "budget"
    assert e.value.message == kr(
        "Det er allerede tildelt 550 000 kr i denne runden; rammen kan ikke være mindre."
    )
    assert rows(db) == before
    assert fund.update_round(db, spring, budget=550_000) == {"budget": 1_000_000}
    assert fund.round_view(db, spring).overview.left == 0


def test_delete_round_with_its_applications_and_undo(db, spring, five, rows):
    fund.create_application(db, spring, five[0], 400_000, decision=G, amount_granted=300_000)
    fund.create_application(db, spring, five[1], 100_000)
    before = rows(db)
    snapshot = fund.delete_round(db, spring)
    assert rows(db)["application"] == [] and rows(db)["fund_round"] == []
    assert len(rows(db)["initiative"]) == 5  # the initiatives stay
    with pytest.raises(NotFoundError):
        fund.round_view(db, spring)
    restore_deleted(db, snapshot)
    assert rows(db) == before
    assert fund.round_view(db, spring).overview.granted == 300_000


# --- applications -----------------------------------------------------------------------------------------


def test_create_and_read_an_application(db, small, spring, five):
    made = fund.create_application(
        db,
        spring,
        five[0],
        "250 000 kr",
        score_innovative=4,
        score_anchored=5,
        score_gain=3,
        follow_up="Rapport i juni",
    )
    (a,) = fund.round_view(db, spring).applications
    assert a.id == made
    assert (a.round_id, a.initiative_id, a.initiative_title) == (spring, five[0], "Kontaktkort")
    assert (a.group_id, a.location, a.cohort) == (small.group, "Bryn skole", "LUP 1")
    assert a.amount_applied == 250_000
    assert a.decision is P and a.amount_granted is None
    assert a.scores == {
        Criterion.INNOVATIVE: 4,
        Criterion.ANCHORED: 5,
        Criterion.SCALABLE: None,
        Criterion.GAIN: 3,
        Criterion.OUTSIDE_OPERATIONS: None,
    }
    assert a.score == 12
    assert (a.follow_up, a.guidance_offered, a.guidance_notes) == ("Rapport i juni", False, "")
    assert fund.applications_of_initiative(db, five[0]) == (a,)
    assert fund.applications_of_initiative(db, five[1]) == ()


def test_initiative_choices_are_named_with_unit_and_cohort(db, five):
    names = [c.name for c in fund.initiative_choices(db)]
    assert names == [
        "Digital søknad (Bryn skole, LUP 1)",
        "Felles kalender (Bryn skole, LUP 1)",
        "Kontaktkort (Bryn skole, LUP 1)",
        "Leksehjelp (Evje skole, LUP 1)",
        "Uteskole (Evje skole, LUP 1)",
    ]


def test_a_second_application_for_the_same_initiative_in_a_round_is_refused(db, spring, five, rows):
    fund.create_application(db, spring, five[0], 100_000, decision=W)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.create_application(db, spring, five[0], 200_000)
    assert e.value.field == "initiative"
    assert e.value.message == "Tiltaket har allerede en søknad i denne runden."
    assert rows(db) == before
    # another round is fine
    autumn = fund.create_round(db, "Høsten 2025", 500_000)
    assert fund.create_application(db, autumn, five[0], 200_000)


@pytest.mark.parametrize(
    ("applied", "values", "field", "message"),
    [
        (100_000, {"decision": G, "amount_granted": 100_001}, "amount_granted", "Tildelingen (100 001 kr)"),
        (100_000, {"decision": G}, "amount_granted", "Skriv hvor mye som er innvilget."),
        (100_000, {"decision": G, "amount_granted": 0}, "amount_granted", "Skriv hvor mye som er innvilget."),
        (100_000, {"decision": R, "amount_granted": 50_000}, "amount_granted", "Bare en innvilget søknad"),
        (100_000, {"amount_granted": 50_000}, "amount_granted", "Bare en innvilget søknad"),  # still pending
        ("-100 000", {}, "amount_applied", "«Søkt beløp» kan ikke være under 0 kr."),
        (0, {}, "amount_applied", "Søknadsbeløpet må være større enn null."),
        (
            "2.5",
            {},
            "amount_applied",
            "«Søkt beløp» må være hele kroner, for eksempel 12 500 (uten øre).",
        ),  # not 25 kr
        (
            "12,50 kr",
            {},
            "amount_applied",
            "«Søkt beløp» må være hele kroner, for eksempel 12 500 (uten øre).",
        ),
        (
            2.5,
            {},
            "amount_applied",
            "«Søkt beløp» må være hele kroner, for eksempel 12 500 (uten øre).",
        ),  # not 2 kr
        (100_000, {"decision": G, "amount_granted": "99.999,5"}, "amount_granted", "«Innvilget beløp» må"),
        (None, {}, "amount_applied", "Skriv beløpet for «Søkt beløp»."),
        (100_000, {"amount_granted": "-1"}, "amount_granted", "«Innvilget beløp» kan ikke være under 0 kr."),
        (100_000, {"score_gain": 6}, "gain", "Poengene for «Gevinstpotensial (økonomi og kvalitet)»"),
        (100_000, {"score_scalable": 0}, "scalable", "Poengene for «Kan spres eller skaleres»"),
    ],
)
def test_refused_applications_store_nothing(db, spring, five, rows, applied, values, field, message):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.create_application(db, spring, five[0], applied, **values)
    assert e.value.field == field
    assert e.value.message.startswith(kr(message))
    assert rows(db) == before


def test_a_grant_beyond_the_budget_left_counts_the_other_grants(db, spring, five, rows):
    fund.create_application(db, spring, five[0], 500_000, decision=G, amount_granted=450_000)
    fund.create_application(db, spring, five[1], 400_000, decision=G, amount_granted=350_000)
    fund.create_application(db, spring, five[2], 900_000, decision=R)  # rejected: does not use the budget
    pending = fund.create_application(db, spring, five[3], 300_000)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.create_application(db, spring, five[4], 300_000, decision=G, amount_granted=200_001)
    assert e.value.field == "amount_granted"
    assert e.value.message == kr("Det er bare 200 000 kr igjen av rammen til denne runden.")
    with pytest.raises(ValidationError):
        fund.update_application(db, pending, decision=G, amount_granted=250_000)
    assert rows(db) == before
    # exactly what is left is fine
    assert fund.update_application(db, pending, decision=G, amount_granted=200_000) == {
        "decision": P,
        "amount_granted": None,
    }
    assert fund.round_view(db, spring).overview.left == 0


def test_a_grant_is_not_counted_against_itself(db, spring, five):
    a = fund.create_application(db, spring, five[0], 1_000_000, decision=G, amount_granted=900_000)
    assert fund.update_application(db, a, amount_granted=1_000_000) == {"amount_granted": 900_000}
    assert fund.update_application(db, a, amount_granted=600_000) == {"amount_granted": 1_000_000}


def test_grants_in_another_round_do_not_use_this_budget(db, spring, five):
    autumn = fund.create_round(db, "Høsten 2025", 300_000)
    fund.create_application(db, autumn, five[0], 300_000, decision=G, amount_granted=300_000)
    fund.create_application(db, spring, five[1], 1_000_000, decision=G, amount_granted=1_000_000)
    assert fund.round_view(db, spring).overview.left == 0
    assert fund.round_view(db, autumn).overview.left == 0


def test_lowering_the_amount_applied_below_the_grant_is_refused(db, spring, five, rows):
    a = fund.create_application(db, spring, five[0], 200_000, decision=G, amount_granted=150_000)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        fund.update_application(db, a, amount_applied="100 000")
    assert e.value.field == "amount_granted"
    with pytest.raises(ValidationError) as e:
        fund.update_application(db, a, amount_applied=0)
    assert e.value.field == "amount_applied"
    assert rows(db) == before


def test_a_decision_other_than_granted_clears_the_grant_and_undo_puts_it_back(db, spring, five, rows):
    a = fund.create_application(db, spring, five[0], 200_000, decision=G, amount_granted=150_000)
    before = rows(db)
    old = fund.update_application(db, a, decision=R)
    assert old == {"decision": G, "amount_granted": 150_000}
    (view,) = fund.round_view(db, spring).applications
    assert (view.decision, view.amount_granted) == (R, None)
    assert fund.round_view(db, spring).overview.granted == 0
    assert fund.update_application(db, a, **old) == {"decision": R, "amount_granted": None}
    strip = lambda t: [{k: v for k, v in r.items() if k != "updated_at"} for r in t["application"]]  # noqa: E731
    assert strip(rows(db)) == strip(before)


def test_undo_of_an_edit_with_scores_and_guidance(db, spring, five, rows):
    a = fund.create_application(db, spring, five[0], 200_000, score_gain=2)
    before = rows(db)
    old = fund.update_application(
        db, a, score_gain=5, score_anchored=4, decision=R, guidance_offered=True, guidance_notes="Møte i mai"
    )
    assert old == {
        "score_gain": 2,
        "score_anchored": None,
        "decision": P,
        "guidance_offered": False,
        "guidance_notes": "",
    }
    (view,) = fund.round_view(db, spring).applications
    assert view.score == 9 and view.guidance_offered and view.guidance_notes == "Møte i mai"
    fund.update_application(db, a, **old)
    strip = lambda t: [{k: v for k, v in r.items() if k != "updated_at"} for r in t["application"]]  # noqa: E731
    assert strip(rows(db)) == strip(before)


def test_refused_updates_store_nothing(db, spring, five, rows):
    a = fund.create_application(db, spring, five[0], 200_000, decision=G, amount_granted=150_000)
    before = rows(db)
    for values in (
        {"amount_granted": 200_001},
        {"amount_granted": None},
        {"decision": R, "amount_granted": 150_000},
        {"amount_applied": "-5"},
        {"score_innovative": 9},
        {"follow_up": "x" * 4001},
    ):
        with pytest.raises(ValidationError):
            fund.update_application(db, a, **values)
    with pytest.raises(NotFoundError):
        fund.update_application(db, uuid.uuid4(), follow_up="Borte")
    assert rows(db) == before


def test_delete_application_and_undo(db, spring, five, rows):
    a = fund.create_application(db, spring, five[0], 200_000, decision=G, amount_granted=150_000)
    before = rows(db)
    snapshot = fund.delete_application(db, a)
    assert fund.round_view(db, spring).applications == ()
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_an_application_needs_a_round_and_an_initiative(db, spring, five, rows):
    before = rows(db)
    with pytest.raises(NotFoundError):
        fund.create_application(db, uuid.uuid4(), five[0], 100_000)
    with pytest.raises(NotFoundError):
        fund.create_application(db, spring, uuid.uuid4(), 100_000)
    assert rows(db) == before


# --- a round's sums ---------------------------------------------------------------------------------------


def test_round_overview_by_hand(db, spring, five):
    ids = [
        fund.create_application(db, spring, five[0], "400 000", decision=G, amount_granted="300 000 kr"),
        fund.create_application(db, spring, five[1], "250.000,-", decision=G, amount_granted=250_000),
        fund.create_application(db, spring, five[2], 150_000, decision=R, guidance_offered=True),
        fund.create_application(db, spring, five[3], 120_000),
        fund.create_application(db, spring, five[4], 700_000, decision=W),
    ]
    r = fund.round_view(db, spring)
    assert len(r.applications) == 5  # the withdrawn one is listed
    assert r.overview == RoundOverview(
        budget=1_000_000,
        applications=4,  # but not counted
        applied=920_000,
        granted=550_000,
        funded=2,
        rejected=1,
        pending=1,
        withdrawn=1,
    )
    assert r.overview.left == 450_000
    # withdrawing a granted application frees its grant
    fund.update_application(db, ids[0], decision=W)
    o = fund.round_view(db, spring).overview
    assert (o.applications, o.applied, o.granted, o.funded, o.left) == (3, 520_000, 250_000, 1, 750_000)
    # and a withdrawn one can come back within what is left
    fund.update_application(db, ids[4], decision=G, amount_granted=700_000)
    o = fund.round_view(db, spring).overview
    assert (o.applications, o.applied, o.granted, o.funded, o.left) == (4, 1_220_000, 950_000, 2, 50_000)
