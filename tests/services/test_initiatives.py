"""Initiatives and benefit plans stored: creating, editing with exact undo, deleting with everything that
hangs on it, and refused edits that leave every stored row as it was."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from desktop.domain import ideas as ib
from desktop.domain import prototypes as pt
from desktop.domain.benefits import GainType
from desktop.domain.ideas import Board, Idea
from desktop.domain.initiatives import InitiativeStatus
from desktop.domain.kit import VeikartPhase
from desktop.errors import NotFoundError, ValidationError
from desktop.services import fund, groups, ideas, initiatives, prototypes
from desktop.services.common import restore_deleted

A, B, C = (uuid.UUID(int=n) for n in (701, 702, 703))
JAN, MAR, JUN, SEP, DEC = (date(2024, m, 15) for m in (1, 3, 6, 9, 12))


@pytest.fixture
def init(db, small) -> uuid.UUID:
    return initiatives.create_initiative(
        db,
        small.group,
        "Fast kontaktperson",
        need="Foreldre vet ikke hvem de skal ringe",
        owner="Per Olsen",
        phase=VeikartPhase.INNSIKT,
        status=InitiativeStatus.ACTIVE,
        start_date=JAN,
        end_date=DEC,
        next_step="Teste med fem familier",
    )


@pytest.fixture
def benefit(db, init) -> uuid.UUID:
    """Hours on the phone a week, 20 down to 10."""
    return initiatives.create_benefit(
        db,
        init,
        GainType.TIME_SAVED,
        "Færre telefoner",
        "timer per uke",
        20,
        JAN,
        10,
        DEC,
        indicator="Timer i telefonen per uke",
        owner="Anne Berg",
        preconditions="Alle foreldre får kortet",
    )


# --- initiatives ------------------------------------------------------------------------------------------


def test_create_and_read(db, small, init):
    view = initiatives.initiative(db, init)
    assert view.id == init
    assert view.group_id == small.group
    assert view.title == "Fast kontaktperson"
    assert view.need == "Foreldre vet ikke hvem de skal ringe"
    assert view.owner == "Per Olsen"
    assert view.phase is VeikartPhase.INNSIKT
    assert view.status is InitiativeStatus.ACTIVE
    assert (view.start_date, view.end_date) == (JAN, DEC)
    assert view.next_step == "Teste med fem familier"
    assert view.benefits == ()
    assert initiatives.initiatives_of_group(db, small.group) == (view,)
    assert initiatives.all_initiatives(db) == (view,)


def test_defaults_are_the_first_phase_and_planned(db, small):
    view = initiatives.initiative(db, initiatives.create_initiative(db, small.group, "  Ny   rutine "))
    assert view.title == "Ny rutine"
    assert view.phase is VeikartPhase.FORANKRING
    assert view.status is InitiativeStatus.PLANNED
    assert (view.need, view.owner, view.idea_id, view.prototype_id) == ("", "", None, None)


def test_a_group_can_have_several_in_creation_order(db, small):
    first = initiatives.create_initiative(db, small.group, "Første")
    second = initiatives.create_initiative(db, small.group, "Andre")
    assert [v.id for v in initiatives.initiatives_of_group(db, small.group)] == [first, second]


def test_refused_creations_store_nothing(db, small, rows):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.create_initiative(db, small.group, "   ")
    assert e.value.field == "title"
    with pytest.raises(ValidationError) as e:
        initiatives.create_initiative(db, small.group, "Tiltak", start_date=DEC, end_date=JAN)
    assert e.value.field == "end_date"
    assert e.value.message == "Sluttdatoen kan ikke være før startdatoen."
    with pytest.raises(NotFoundError):
        initiatives.create_initiative(db, uuid.uuid4(), "Tiltak")
    with pytest.raises(TypeError):
        initiatives.create_initiative(db, small.group, "Tiltak", colour="blå")
    assert rows(db) == before


def test_update_returns_the_previous_values_and_they_restore(db, init, rows):
    before = rows(db)
    old = initiatives.update_initiative(
        db,
        init,
        title="Kontaktkort",
        phase=VeikartPhase.PILOTERING,
        status=InitiativeStatus.PAUSED,
        owner="Per Olsen",
    )
    assert old == {
        "title": "Fast kontaktperson",
        "phase": VeikartPhase.INNSIKT,
        "status": InitiativeStatus.ACTIVE,
    }  # the owner did not change, so it is not in the undo
    view = initiatives.initiative(db, init)
    assert (view.title, view.phase, view.status) == (
        "Kontaktkort",
        VeikartPhase.PILOTERING,
        InitiativeStatus.PAUSED,
    )
    assert initiatives.update_initiative(db, init, **old) == {
        "title": "Kontaktkort",
        "phase": VeikartPhase.PILOTERING,
        "status": InitiativeStatus.PAUSED,
    }
    after = rows(db)
    strip = lambda t: [{k: v for k, v in r.items() if k != "updated_at"} for r in t["initiative"]]  # noqa: E731
    assert strip(after) == strip(before)


def test_update_checks_dates_against_the_stored_ones(db, init, rows):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.update_initiative(db, init, end_date=date(2023, 12, 31))  # before the stored start
    assert e.value.field == "end_date"
    with pytest.raises(ValidationError):
        initiatives.update_initiative(db, init, title="Nytt navn", start_date=date(2025, 1, 1))
    assert rows(db) == before
    assert initiatives.update_initiative(db, init, start_date=None) == {"start_date": JAN}


def test_update_of_a_deleted_initiative(db, init):
    initiatives.delete_initiative(db, init)
    with pytest.raises(NotFoundError):
        initiatives.update_initiative(db, init, title="Borte")
    with pytest.raises(NotFoundError):
        initiatives.initiative(db, init)


# --- origin -----------------------------------------------------------------------------------------------


@pytest.fixture
def other_group(db, small) -> uuid.UUID:
    return groups.add_leader_group(db, small.cohort, small.evje)


def _board(db, group: uuid.UUID, *entries: tuple[uuid.UUID, str, bool]) -> None:
    b = Board()
    for idea_id, text, chosen in entries:
        b = ib.set_chosen(ib.add_idea(b, Idea(idea_id, text)), idea_id, chosen)
    ideas.set_board(db, group, b)


def test_origins_are_the_chosen_ideas_and_the_prototypes(db, small):
    _board(db, small.group, (A, "Felles kalender", False), (B, "Fast kontaktperson", True))
    p = pt.new_prototype(A, "Kalender på papir")
    prototypes.create_prototype(db, small.group, p)  # chooses A
    found = initiatives.origins(db, small.group)
    assert [(o.kind, o.id, o.text) for o in found] == [
        ("idea", A, "Felles kalender"),
        ("idea", B, "Fast kontaktperson"),
        ("prototype", p.id, "Kalender på papir"),
    ]
    made = initiatives.create_initiative(db, small.group, "Kalender", idea_id=A, prototype_id=p.id)
    view = initiatives.initiative(db, made)
    assert (view.idea_id, view.prototype_id) == (A, p.id)


def test_an_origin_from_another_group_is_refused(db, small, other_group, init, rows):
    _board(db, other_group, (C, "Annen gruppes idé", True))
    p = pt.new_prototype(C, "Annen gruppes prototyp")
    prototypes.create_prototype(db, other_group, p)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.create_initiative(db, small.group, "Lånt", idea_id=C)
    assert e.value.field == "idea_id"
    assert e.value.message == "Opphavet hører til en annen ledergruppe."
    with pytest.raises(ValidationError) as e:
        initiatives.create_initiative(db, small.group, "Lånt", prototype_id=p.id)
    assert e.value.field == "prototype_id"
    with pytest.raises(ValidationError):
        initiatives.update_initiative(db, init, title="Lånt", idea_id=C)
    with pytest.raises(NotFoundError):
        initiatives.update_initiative(db, init, idea_id=uuid.uuid4())
    assert rows(db) == before
    # the other group may use its own
    assert initiatives.create_initiative(db, other_group, "Egen", idea_id=C, prototype_id=p.id)


def test_deleting_the_origin_idea_clears_the_link_and_undo_puts_it_back(db, small, rows):
    _board(db, small.group, (A, "Felles kalender", True))
    made = initiatives.create_initiative(db, small.group, "Kalender", idea_id=A)
    before = rows(db)
    snapshot = ideas.delete_idea(db, A)
    assert initiatives.initiative(db, made).idea_id is None
    restore_deleted(db, snapshot)
    assert initiatives.initiative(db, made).idea_id == A
    assert rows(db) == before


# --- benefits ---------------------------------------------------------------------------------------------


def test_create_benefit_and_read_it_with_the_plan(db, init, benefit):
    (b,) = initiatives.initiative(db, init).benefits
    assert b.id == benefit
    assert b.initiative_id == init
    assert b.gain_type is GainType.TIME_SAVED
    assert (b.title, b.unit, b.indicator) == ("Færre telefoner", "timer per uke", "Timer i telefonen per uke")
    assert (b.baseline, b.baseline_date, b.target, b.target_date) == (20.0, JAN, 10.0, DEC)
    assert (b.owner, b.preconditions) == ("Anne Berg", "Alle foreldre får kortet")
    assert b.measurements == ()
    assert b.progress.latest is None and b.progress.realised_pct is None and b.progress.gained == 0


def test_benefits_take_text_numbers_and_keep_their_order(db, init, benefit):
    second = initiatives.create_benefit(
        db, init, "avoided_costs", "Mindre overtid", " kr  per år ", "1 234,5", MAR, "234,5"
    )
    third = initiatives.create_benefit(db, init, GainType.QUALITY, "Fornøyde foreldre", "poeng", 3, MAR, 4.5)
    bs = initiatives.initiative(db, init).benefits
    assert [b.id for b in bs] == [benefit, second, third]
    assert bs[1].gain_type is GainType.AVOIDED_COSTS
    assert (bs[1].unit, bs[1].baseline, bs[1].target, bs[1].target_date) == ("kr per år", 1234.5, 234.5, None)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ((20, JAN, 20, DEC), "target", "Målet er likt nullpunktet."),
        (("20", JAN, "20,0", None), "target", "Målet er likt nullpunktet."),
        ((20, JUN, 10, MAR), "target_date", "Måldatoen kan ikke være før nullpunktsmålingen (15.06.2024)."),
        ((20, None, 10, DEC), "baseline_date", "Skriv datoen for nullpunktsmålingen."),
        (("mange", JAN, 10, DEC), "baseline", "«Nullpunkt» må være et tall."),
        ((20, JAN, "færre", DEC), "target", "«Mål» må være et tall."),
    ],
)
def test_refused_plans_store_nothing(db, init, benefit, rows, args, field, message):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.create_benefit(db, init, GainType.TIME_SAVED, "Ny gevinst", "timer", *args)
    assert e.value.field == field
    assert e.value.message.startswith(message)
    assert rows(db) == before


def test_a_benefit_needs_a_unit_and_a_title(db, init, rows):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.create_benefit(db, init, GainType.TIME_SAVED, "Gevinst", "  ", 1, JAN, 2)
    assert e.value.field == "unit"
    with pytest.raises(ValidationError) as e:
        initiatives.create_benefit(db, init, GainType.TIME_SAVED, "", "timer", 1, JAN, 2)
    assert e.value.field == "title"
    with pytest.raises(NotFoundError):
        initiatives.create_benefit(db, uuid.uuid4(), GainType.TIME_SAVED, "Gevinst", "timer", 1, JAN, 2)
    assert rows(db) == before


def test_update_benefit_and_undo_exactly(db, benefit, rows):
    before = rows(db)
    old = initiatives.update_benefit(
        db, benefit, target="5", unit="timer per uke", title="Mye færre telefoner"
    )
    assert old == {"target": 10.0, "title": "Færre telefoner"}
    initiatives.update_benefit(db, benefit, **old)
    strip = lambda t: [{k: v for k, v in r.items() if k != "updated_at"} for r in t["benefit"]]  # noqa: E731
    assert strip(rows(db)) == strip(before)


def test_update_benefit_checks_the_whole_plan(db, benefit, rows):
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, target=20)  # the stored baseline
    assert e.value.field == "target"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, baseline=10)  # the stored target
    assert e.value.field == "target"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, target_date=date(2023, 12, 1))
    assert e.value.field == "target_date"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(
            db, benefit, baseline_date=date(2025, 1, 1)
        )  # after the stored target date
    assert e.value.field == "target_date"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, baseline_date=None)
    assert e.value.field == "baseline_date"
    assert rows(db) == before
    # both ends moved together is fine
    assert initiatives.update_benefit(db, benefit, baseline=10, target=20) == {
        "baseline": 20.0,
        "target": 10.0,
    }


def test_moving_the_baseline_after_a_measurement_is_refused(db, benefit, rows):
    initiatives.add_measurement(db, benefit, MAR, 18)
    initiatives.add_measurement(db, benefit, SEP, 14)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, baseline_date=JUN)
    assert e.value.field == "baseline_date"
    assert e.value.message == (
        "Det finnes en måling fra 15.03.2024, før denne datoen. Nullpunktet må være den første målingen."
    )
    assert rows(db) == before
    # up to the first measurement is fine
    assert initiatives.update_benefit(db, benefit, baseline_date=MAR) == {"baseline_date": JAN}


def test_delete_benefit_with_its_measurements_and_undo(db, init, benefit, rows):
    initiatives.add_measurement(db, benefit, MAR, 18, "Første telling")
    initiatives.add_measurement(db, benefit, SEP, 14)
    before = rows(db)
    snapshot = initiatives.delete_benefit(db, benefit)
    assert initiatives.initiative(db, init).benefits == ()
    assert rows(db)["benefit_measurement"] == []
    restore_deleted(db, snapshot)
    assert rows(db) == before
    (b,) = initiatives.initiative(db, init).benefits
    assert [(m.on, m.value, m.note) for m in b.measurements] == [
        (MAR, 18.0, "Første telling"),
        (SEP, 14.0, ""),
    ]


# --- measurements -----------------------------------------------------------------------------------------


def test_measurements_by_date_and_progress(db, init, benefit):
    initiatives.add_measurement(db, benefit, SEP, "14")
    initiatives.add_measurement(db, benefit, MAR, "18,5", "Etter oppstart")
    (b,) = initiatives.initiative(db, init).benefits
    assert [(m.on, m.value) for m in b.measurements] == [(MAR, 18.5), (SEP, 14.0)]
    p = b.progress
    assert p.latest == 14.0
    assert p.gained == pytest.approx(6.0)  # 20 down to 14 hours, and fewer is better
    assert p.realised_pct == pytest.approx(60.0)


def test_a_measurement_on_the_baseline_day_is_fine(db, init, benefit):
    initiatives.add_measurement(db, benefit, JAN, 20)
    (b,) = initiatives.initiative(db, init).benefits
    assert b.progress.realised_pct == 0.0


def test_refused_measurements_store_nothing(db, benefit, rows):
    initiatives.add_measurement(db, benefit, MAR, 18)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.add_measurement(db, benefit, date(2024, 1, 14), 19)
    assert e.value.field == "measured_on"
    assert e.value.message.startswith("Målingen er datert før nullpunktsmålingen (15.01.2024)")
    with pytest.raises(ValidationError) as e:
        initiatives.add_measurement(db, benefit, None, 19)
    assert e.value.field == "measured_on"
    with pytest.raises(ValidationError) as e:
        initiatives.add_measurement(db, benefit, JUN, "nitten")
    assert e.value.field == "value"
    with pytest.raises(NotFoundError):
        initiatives.add_measurement(db, uuid.uuid4(), JUN, 19)
    assert rows(db) == before


def test_negative_values_are_refused_in_amounts_time_counts_and_percent(db, init, benefit, rows):
    m = initiatives.add_measurement(db, benefit, MAR, 18)
    before = rows(db)
    for unit in ("timer per uke", "kr", "antall", "prosent", "%"):
        for args, field in (((-70, JAN, 10), "baseline"), ((20, JAN, -10), "target")):
            with pytest.raises(ValidationError) as e:
                initiatives.create_benefit(db, init, GainType.TIME_SAVED, "Ny", unit, *args)
            assert e.value.field == field
            assert "kan ikke være under 0" in e.value.message
            assert f"«{unit}»" in e.value.message
    with pytest.raises(ValidationError) as e:
        initiatives.add_measurement(db, benefit, JUN, -70)
    assert (e.value.field, e.value.message) == (
        "value",
        "«Verdi» kan ikke være under 0 når enheten er «timer per uke». Skriv 0 eller mer; "
        "en nedgang skrives som et mål lavere enn nullpunktet.",
    )
    with pytest.raises(ValidationError) as e:
        initiatives.update_measurement(db, m, value="-1,5")
    assert e.value.field == "value"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, baseline=-20)
    assert e.value.field == "baseline"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, benefit, target="-5")
    assert e.value.field == "target"
    assert rows(db) == before
    # zero is a value like any other
    assert initiatives.update_benefit(db, benefit, target=0) == {"target": 10.0}
    assert initiatives.update_measurement(db, m, value=0) == {"value": 18.0}


def test_a_score_may_be_negative_but_not_after_a_change_to_kroner(db, init, rows):
    score = initiatives.create_benefit(db, init, GainType.QUALITY, "Netto anbefaling", "poeng", -20, JAN, 10)
    m = initiatives.add_measurement(db, score, MAR, -5)
    assert initiatives.update_measurement(db, m, value=-8) == {"value": -5.0}
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, score, unit="kr")  # the stored baseline is negative
    assert e.value.field == "baseline"
    with pytest.raises(ValidationError) as e:
        initiatives.update_benefit(db, score, unit="kr", baseline=0)  # a measurement is
    assert e.value.field == "unit"
    assert rows(db) == before


def test_update_measurement_and_undo(db, init, benefit, rows):
    m = initiatives.add_measurement(db, benefit, MAR, 18, "Telling")
    before = rows(db)
    old = initiatives.update_measurement(db, m, measured_on=JUN, value="12", note="Telling")
    assert old == {"measured_on": MAR, "value": 18.0}
    (b,) = initiatives.initiative(db, init).benefits
    assert b.progress.realised_pct == pytest.approx(80.0)
    initiatives.update_measurement(db, m, **old)
    strip = lambda t: [  # noqa: E731
        {k: v for k, v in r.items() if k != "updated_at"} for r in t["benefit_measurement"]
    ]
    assert strip(rows(db)) == strip(before)


def test_update_measurement_refuses_a_date_before_the_baseline(db, benefit, rows):
    m = initiatives.add_measurement(db, benefit, MAR, 18)
    before = rows(db)
    with pytest.raises(ValidationError) as e:
        initiatives.update_measurement(db, m, measured_on=date(2023, 12, 31))
    assert e.value.field == "measured_on"
    with pytest.raises(ValidationError) as e:
        initiatives.update_measurement(db, m, measured_on=None)
    assert e.value.field == "measured_on"
    with pytest.raises(ValidationError):
        initiatives.update_measurement(db, m, value="inf")
    assert rows(db) == before


def test_delete_measurement_and_undo(db, init, benefit, rows):
    initiatives.add_measurement(db, benefit, MAR, 18)
    last = initiatives.add_measurement(db, benefit, SEP, 14)
    before = rows(db)
    snapshot = initiatives.delete_measurement(db, last)
    (b,) = initiatives.initiative(db, init).benefits
    assert b.progress.latest == 18.0
    restore_deleted(db, snapshot)
    assert rows(db) == before
    (b,) = initiatives.initiative(db, init).benefits
    assert b.progress.latest == 14.0


def test_the_later_stored_measurement_wins_a_tie_on_date(db, init, benefit):
    initiatives.add_measurement(db, benefit, JUN, 16)
    initiatives.add_measurement(db, benefit, JUN, 15)
    (b,) = initiatives.initiative(db, init).benefits
    assert b.progress.latest == 15.0


# --- deleting an initiative -------------------------------------------------------------------------------


def test_delete_initiative_takes_benefits_measurements_and_applications_and_undo_brings_all_back(
    db, small, init, benefit, rows
):
    initiatives.add_measurement(db, benefit, MAR, 18)
    initiatives.add_measurement(db, benefit, SEP, 14)
    spare = initiatives.create_benefit(db, init, GainType.QUALITY, "Tryggere foreldre", "poeng", 3, JAN, 4)
    initiatives.add_measurement(db, spare, JUN, 3.5)
    vår = fund.create_round(db, "Våren 2024", 1_000_000)
    høst = fund.create_round(db, "Høsten 2024", 500_000)
    fund.create_application(db, vår, init, 200_000, decision="granted", amount_granted=150_000)
    fund.create_application(db, høst, init, 100_000, score_gain=4, follow_up="Ny søknad")
    other = initiatives.create_initiative(db, small.group, "Annet tiltak")
    fund.create_application(db, vår, other, 50_000)
    before = rows(db)
    assert (len(before["benefit"]), len(before["benefit_measurement"]), len(before["application"])) == (
        2,
        3,
        3,
    )

    snapshot = initiatives.delete_initiative(db, init)
    after = rows(db)
    assert [r["id"] for r in after["initiative"]] == [other]
    assert after["benefit"] == [] and after["benefit_measurement"] == []
    assert [r["initiative_id"] for r in after["application"]] == [other]
    assert fund.round_view(db, vår).overview.granted == 0

    restore_deleted(db, snapshot)
    assert rows(db) == before
    view = initiatives.initiative(db, init)
    assert [len(b.measurements) for b in view.benefits] == [2, 1]
    assert fund.round_view(db, vår).overview.granted == 150_000
    assert sorted(a.round_id for a in fund.applications_of_initiative(db, init)) == sorted([vår, høst])
    (høst_app,) = fund.round_view(db, høst).applications
    assert (høst_app.initiative_id, høst_app.follow_up) == (init, "Ny søknad")


def test_removing_the_group_takes_its_initiatives(db, small, init, benefit):
    snapshot = groups.remove_leader_group(db, small.group)
    assert initiatives.all_initiatives(db) == ()
    restore_deleted(db, snapshot)
    assert [v.id for v in initiatives.all_initiatives(db)] == [init]
    assert [b.id for b in initiatives.initiative(db, init).benefits] == [benefit]
