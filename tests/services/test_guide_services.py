"""The guide services: a session's checklist with stored ticks, and the facilitator's next and recent
sessions."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from desktop.domain.enums import SessionKind
from desktop.errors import NotFoundError, ValidationError
from desktop.services import cohorts, guide, timeplan, views
from desktop.services.demo import demo_id

LUP4 = demo_id("cohort", "LUP 4")
LUP4_INSIGHT = demo_id("session", "LUP 4:Innsikt og brukerreiser")


@pytest.fixture(scope="module")
def lup_kit():
    from desktop.kits import load_kit
    from desktop.paths import project_root

    return load_kit(project_root() / "workshop_kits" / "lup")


# --- the checklist ---------------------------------------------------------------------------------------


def test_checklist_of_a_demo_session_counts_the_cohort_and_prints_the_template_worksheets(demo_db, lup_kit):
    data = guide.checklist(demo_db, LUP4_INSIGHT, lup_kit)
    cohort = views.cohort_detail(demo_db, LUP4)
    assert (data.groups, data.participants) == (cohort.groups, cohort.participants)
    assert data.cohort_name == "LUP 4"
    assert data.title == "Innsikt og brukerreiser"
    assert data.kit_id == "lup" and data.kit_name == lup_kit.name and data.template_found
    keys = [item.key for item in data.items]
    template = lup_kit.session("innsikt")
    assert [k for k in keys if k.startswith("before:worksheet:")] == [
        f"before:worksheet:{w}" for w in template.worksheets
    ]
    brukerreise = data.item("before:worksheet:brukerreise-a3")
    assert brukerreise.text == f"Skriv ut {cohort.groups + 2} × Brukerreise (A3 liggende)"
    assert data.item("before:room").detail == template.room_setup
    assert "before:notes" in keys  # the kit's blocks carry facilitator notes
    plan = timeplan.load_plan(demo_db, LUP4_INSIGHT)
    during = data.phase("during")
    assert len(during) == len(plan.blocks)
    assert during[0].text == f"09:00 {plan.blocks[0].title} ({plan.blocks[0].minutes} min)"
    assert data.done_count == 0 and data.total == len(keys)


def test_without_the_kit_the_plan_materials_are_still_listed(demo_db):
    data = guide.checklist(demo_db, LUP4_INSIGHT, None)
    keys = [item.key for item in data.items]
    assert data.kit_id == "lup" and data.kit_name is None and not data.template_found
    assert not any(k.startswith("before:worksheet:") for k in keys)
    assert "before:room" not in keys
    assert "before:material:tusjer" in keys
    assert "before:material:brukerreise-ark-a3" in keys  # no worksheet to fold it into


def test_ticks_are_stored_and_reversed(demo_db, lup_kit):
    key = "before:worksheet:brukerreise-a3"
    assert guide.set_tick(demo_db, LUP4_INSIGHT, key, True) is False
    assert guide.checklist(demo_db, LUP4_INSIGHT, lup_kit).item(key).done
    assert guide.set_tick(demo_db, LUP4_INSIGHT, key, True) is True  # already ticked: nothing changes
    assert guide.set_tick(demo_db, LUP4_INSIGHT, key, False) is True  # undo of the tick puts back False
    data = guide.checklist(demo_db, LUP4_INSIGHT, lup_kit)
    assert not data.item(key).done
    assert data.done_count == 0
    # Unticking what was never ticked stores nothing and reports it was not ticked.
    assert guide.set_tick(demo_db, LUP4_INSIGHT, "after:notes", False) is False


def test_ticks_belong_to_their_session_and_survive_a_reopened_register(demo_db, lup_kit):
    from desktop.storage.database import open_database

    other = demo_id("session", "LUP 3:Innsikt og brukerreiser")
    guide.set_tick(demo_db, LUP4_INSIGHT, "after:summaries", True)
    guide.set_tick(demo_db, LUP4_INSIGHT, "during:block:1:velkommen-og-sjekk-inn", True)
    assert guide.checklist(demo_db, other, lup_kit).done_count == 0
    folder = demo_db.data_dir
    demo_db.close()
    reopened = open_database(folder, backup=False)
    try:
        data = guide.checklist(reopened, LUP4_INSIGHT, lup_kit)
        assert data.item("after:summaries").done
        assert data.item("during:block:1:velkommen-og-sjekk-inn").done
        assert data.done_count == 2
    finally:
        reopened.close()


def test_a_tick_for_an_item_no_longer_on_the_list_is_not_counted(demo_db, lup_kit):
    guide.set_tick(demo_db, LUP4_INSIGHT, "before:material:something-removed", True)
    assert guide.checklist(demo_db, LUP4_INSIGHT, lup_kit).done_count == 0


def test_set_tick_refuses_a_bad_key(db, small):
    for key in ("", "x" * 301):
        with pytest.raises(ValidationError):
            guide.set_tick(db, small.session, key, True)


def test_set_tick_on_a_missing_session(db, small):
    import uuid

    with pytest.raises(NotFoundError):
        guide.set_tick(db, uuid.uuid4(), "after:notes", True)
    with pytest.raises(NotFoundError):
        guide.checklist(db, uuid.uuid4(), None)


def test_a_session_without_plan_or_kit_still_has_its_fixed_items(db, small):
    data = guide.checklist(db, small.session, None)
    assert (data.groups, data.participants) == (1, 2)
    assert data.kit_id is None
    assert data.phase("during") == ()
    keys = {item.key for item in data.items}
    assert {"before:projector", "before:participant-list", "after:summaries", "after:notes"} <= keys
    assert data.item("after:summaries").text.endswith("(1 gruppe)")
    assert guide.kit_id(db, small.session) is None


def test_a_plan_from_the_kit_gives_the_template_worksheets(db, small, lup_kit):
    timeplan.plan_from_template(db, small.session, lup_kit, "oppstart")
    assert guide.kit_id(db, small.session) == "lup"
    data = guide.checklist(db, small.session, lup_kit)
    assert data.item("before:worksheet:utfordringsskjema").text == (
        "Skriv ut 3 × Vårt område og vår utfordring (A4 stående)"
    )
    assert (
        data.item("before:worksheet:tidsplan-deltaker").text == "Skriv ut 4 × Tidsplan for dagen (A4 stående)"
    )
    assert data.phase("during")[0].text == "08:30 Velkommen til LUP (15 min)"


# --- the start page --------------------------------------------------------------------------------------


def _cohort_today(db, small, today: date):
    cohort = cohorts.create_cohort(
        db, small.programme, "LUP 9", today - timedelta(days=30), today + timedelta(days=150)
    )
    plan = [
        ("I dag", today, time(9, 0), time(15, 0)),
        ("Om en uke", today + timedelta(days=7), time(9, 0), time(15, 0)),
        ("Tidlig samme dag", today + timedelta(days=7), time(8, 0), time(8, 45)),
        ("Forrige måned", today - timedelta(days=20), time(9, 0), time(15, 0)),
    ]
    ids = {
        title: cohorts.plan_session(db, cohort, SessionKind.WORKING, title, day, start, end, "Dønski")
        for title, day, start, end in plan
    }
    return cohort, ids


def test_upcoming_sessions_for_a_facilitator_with_a_session_today(db, small):
    today = date.today()
    cohort, ids = _cohort_today(db, small, today)
    cohorts.assign_session_facilitators(db, ids["I dag"], [small.kari])

    mine = guide.upcoming_sessions(db, small.kari, today)
    assert [x.title for x in mine] == ["I dag"]
    first = mine[0]
    assert first.is_today and first.id == ids["I dag"]
    assert (first.cohort_name, first.place, first.start, first.end) == ("LUP 9", "Dønski", time(9), time(15))
    assert first.blocks == 0
    assert guide.upcoming_sessions(db, small.ola, today) == []

    # A cohort facilitator sees every session of the cohort, soonest first (same day by start time).
    cohorts.assign_cohort_facilitators(db, cohort, [small.ola])
    assert [x.title for x in guide.upcoming_sessions(db, small.ola, today)] == [
        "I dag",
        "Tidlig samme dag",
        "Om en uke",
    ]
    assert [x.is_today for x in guide.upcoming_sessions(db, small.ola, today)] == [True, False, False]
    assert [x.title for x in guide.recent_sessions(db, small.ola, today)] == ["Forrige måned"]


def test_without_a_facilitator_every_session_counts_and_limit_holds(db, small):
    today = date.today()
    _cohort_today(db, small, today)
    everyone = guide.upcoming_sessions(db, None, today)
    assert [x.title for x in everyone] == ["I dag", "Tidlig samme dag", "Om en uke"]
    assert len(guide.upcoming_sessions(db, None, today, limit=2)) == 2
    recent = guide.recent_sessions(db, None, today)
    assert [x.title for x in recent] == ["Forrige måned", "Oppstartsamling"]  # small's 2018 session last


def test_recent_sessions_on_the_demo(demo_db):
    today = date.today()
    assert guide.upcoming_sessions(demo_db, None, today) == []  # the demo is 2015–2019
    recent = guide.recent_sessions(demo_db, None, today)
    assert len(recent) == 5
    assert all(x.date < today and not x.is_today for x in recent)
    assert [x.date for x in recent] == sorted((x.date for x in recent), reverse=True)
    assert recent[0].cohort_name == "LUP 7"
    assert all(x.blocks > 0 for x in recent)


def test_recent_and_upcoming_for_one_demo_facilitator(demo_db):
    facilitators = guide.facilitators(demo_db)
    assert len(facilitators) == 5
    assert [f.name for f in facilitators] == sorted(f.name for f in facilitators)
    me = facilitators[0]
    mine = guide.recent_sessions(demo_db, me.id, date.today(), limit=50)
    detail = views.facilitator_detail(demo_db, me.id)
    assert mine and {x.cohort_name for x in mine} <= set(detail.cohorts)
    # On the day of one of her sessions it is today's, and the rest of the cohort follows.
    day = mine[-1].date
    upcoming = guide.upcoming_sessions(demo_db, me.id, day, limit=3)
    assert upcoming[0].date == day and upcoming[0].is_today
    assert [x.date for x in upcoming] == sorted(x.date for x in upcoming)
