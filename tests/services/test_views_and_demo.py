"""The read-only views and the demo programme: figures, the navigator tree, choices and determinism."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, time
from pathlib import Path

import pytest

from desktop.domain.enums import SessionKind
from desktop.domain.rules import clean_email, clean_name
from desktop.errors import LupError
from desktop.services import demo_content, register, views
from desktop.services.demo import GROUPS_PER_COHORT, build_demo, demo_id
from desktop.storage.database import DB_NAME, open_database

DEMO_FIGURES = {
    "facilitators": 5,
    "programmes": 1,
    "cohorts": 7,
    "leader_groups": 152,
    "service_locations": 180,
    "service_locations_completed": 152,
    "sectors": 8,
    "sessions": 42,
}


def sql(db, query: str, *params) -> list[tuple]:
    """Ask the database file directly, without the models or the services."""
    con = sqlite3.connect(f"{(db.data_dir / DB_NAME).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def hex_id(value: uuid.UUID) -> str:
    return value.hex  # how the Uuid type stores ids in SQLite


# --- figures ---------------------------------------------------------------------------------------------


INITIATIVE_KEYS = (
    "initiatives",
    "groups_without_initiative",
    "benefits",
    "applications",
    "applications_funded",
    "granted_nok",
)


def test_demo_stats(demo_db) -> None:
    figures = views.stats(demo_db, today=date(2026, 1, 1))
    [(participants,)] = sql(demo_db, "SELECT count(*) FROM participant")
    assert participants > 152 * 4  # every group has at least three leaders and one enthusiast
    [(maps,)] = sql(demo_db, "SELECT count(*) FROM journey_map")
    [(cards,)] = sql(demo_db, "SELECT count(*) FROM journey_card")
    [(groups_with_maps,)] = sql(demo_db, "SELECT count(DISTINCT leader_group_id) FROM journey_map")
    assert groups_with_maps == 152  # every finished group has mapped a journey
    assert maps > 152 and cards > 20 * maps
    [(ideas,)] = sql(demo_db, "SELECT count(*) FROM idea")
    [(votes,)] = sql(demo_db, "SELECT coalesce(sum(dots), 0) FROM vote")
    [(made,)] = sql(demo_db, "SELECT count(*) FROM prototype")
    assert ideas > 152 * 5 and votes > ideas and made > 152  # every finished group voted and prototyped
    assert figures == {
        **DEMO_FIGURES,
        "participants": participants,
        "journey_maps": maps,
        "journey_cards": cards,
        "ideas": ideas,
        "votes": votes,
        "prototypes": made,
        **{key: figures[key] for key in INITIATIVE_KEYS},  # counted against the rows in their own tests
    }


def test_completed_locations_at_the_start_of_lup_5(demo_db) -> None:
    figures = views.stats(demo_db, today=date(2017, 9, 1))
    [(expected,)] = sql(
        demo_db,
        "SELECT count(DISTINCT g.service_location_id) FROM leader_group g "
        "JOIN cohort c ON c.id = g.cohort_id "
        "WHERE c.name IN ('LUP 1', 'LUP 2', 'LUP 3', 'LUP 4')",
    )
    assert expected == 78
    assert figures["service_locations_completed"] == 78
    [(finished,)] = sql(demo_db, "SELECT count(*) FROM cohort WHERE end_date < '2017-09-01'")
    assert finished == 4


def test_nothing_is_completed_before_the_first_cohort_ends(demo_db) -> None:
    assert views.stats(demo_db, today=date(2016, 2, 1))["service_locations_completed"] == 0


def test_stats_of_an_empty_register(db) -> None:
    assert views.stats(db, today=date(2026, 1, 1)) == {
        "facilitators": 0,
        "programmes": 0,
        "cohorts": 0,
        "leader_groups": 0,
        "service_locations": 0,
        "service_locations_completed": 0,
        "sectors": 0,
        "participants": 0,
        "sessions": 0,
        "journey_maps": 0,
        "journey_cards": 0,
        "ideas": 0,
        "votes": 0,
        "prototypes": 0,
        "initiatives": 0,
        "groups_without_initiative": 0,
        "benefits": 0,
        "applications": 0,
        "applications_funded": 0,
        "granted_nok": 0,
    }


# --- the demo programme ----------------------------------------------------------------------------------


def test_demo_cohorts_follow_the_plan(demo_db) -> None:
    found = sql(
        demo_db,
        "SELECT c.name, c.start_date, c.end_date, count(g.id) FROM cohort c LEFT JOIN leader_group g "
        "ON g.cohort_id = c.id GROUP BY c.id ORDER BY c.start_date",
    )
    assert [row[0] for row in found] == [f"LUP {n}" for n in range(1, 8)]
    assert tuple(row[3] for row in found) == GROUPS_PER_COHORT
    assert found[0][1] == "2015-09-01"
    assert date.fromisoformat(found[-1][2]) < date(2019, 3, 1)  # 3.5 years
    for _name, start, end, _groups in found:
        assert date.fromisoformat(start).weekday() == 1  # Tuesday
        assert (date.fromisoformat(end) - date.fromisoformat(start)).days == 24 * 7


def test_every_location_takes_part_at_most_once(demo_db) -> None:
    [(groups, locations)] = sql(
        demo_db, "SELECT count(*), count(DISTINCT service_location_id) FROM leader_group"
    )
    assert groups == locations == 152


def test_every_demo_session_is_inside_its_cohort(demo_db) -> None:
    outside = sql(
        demo_db,
        "SELECT s.title FROM session s JOIN cohort c ON c.id = s.cohort_id "
        "WHERE s.date < c.start_date OR s.date > c.end_date OR s.end_time <= s.start_time",
    )
    assert outside == []


@pytest.mark.parametrize(
    ("location", "cohort"), [("Kunnskapssenteret", "LUP 1"), ("Capralhaugen BBS", "LUP 4")]
)
def test_featured_locations_have_leader_groups(demo_db, location: str, cohort: str) -> None:
    detail = views.location_detail(demo_db, demo_id("location", location))
    assert detail.name == location
    assert [name for _group, name in detail.groups] == [cohort]
    [(group_id, _name)] = detail.groups
    assert group_id == demo_id("group", f"{cohort}:{location}")
    group = views.group_detail(demo_db, group_id)
    assert group.location_name == location
    assert len(group.participants) >= 4


def test_demo_participant_emails_are_valid_and_unique(demo_db) -> None:
    emails = [row[0] for row in sql(demo_db, "SELECT email FROM participant")]
    assert len(emails) == len(set(emails))
    assert all(clean_email(e) == e for e in emails)
    assert all(e.endswith("@baerum.kommune.no") for e in emails)


def test_demo_is_deterministic(demo_db, tmp_path: Path) -> None:
    other = open_database(tmp_path / "second", backup=False)
    try:
        build_demo(other)
        for table in (
            "cohort",
            "service_location",
            "participant",
            "facilitator",
            "leader_group",
            "session",
            "sector",
            "cohort_facilitator",
            "session_facilitator",
        ):
            # Everything but the timestamps (and the ids of link rows, which are random) is equal.
            columns = [row[1] for row in sql(demo_db, f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in ("created_at", "updated_at")]
            if table.endswith("_facilitator"):
                kept.remove("id")
            query = f"SELECT {', '.join(kept)} FROM {table}"
            first = set(sql(demo_db, query))
            assert len(first) > 0, table
            assert first == set(sql(other, query)), table
        for table in ("cohort", "service_location", "participant"):
            assert set(sql(demo_db, f"SELECT id, name FROM {table}")) == set(
                sql(other, f"SELECT id, name FROM {table}")
            )
    finally:
        other.close()


def test_demo_link_rows_have_the_same_ids_every_time(demo_db, tmp_path: Path) -> None:
    other = open_database(tmp_path / "second", backup=False)
    try:
        build_demo(other)
        for table in ("cohort_facilitator", "session_facilitator"):
            assert set(sql(demo_db, f"SELECT id FROM {table}")) == set(
                sql(other, f"SELECT id FROM {table}")
            ), table
    finally:
        other.close()


def test_build_demo_on_the_demo_refuses_and_changes_nothing(demo_db, rows) -> None:
    before = rows(demo_db)
    with pytest.raises(LupError) as info:
        build_demo(demo_db)
    assert "allerede data" in info.value.message
    assert rows(demo_db) == before


def test_build_demo_with_one_facilitator_refuses(db, rows) -> None:
    register.create_facilitator(db, "Kari Nordmann")
    before = rows(db)
    with pytest.raises(LupError):
        build_demo(db)
    assert rows(db) == before


def test_build_demo_with_only_a_sector_refuses_with_a_message(db, rows) -> None:
    register.ensure_sector(db, "Skole")
    before = rows(db)
    with pytest.raises(LupError):
        build_demo(db)
    assert rows(db) == before


def test_build_demo_keeps_an_existing_programme(db) -> None:
    from desktop.services.cohorts import ensure_programme

    programme = ensure_programme(db)
    build_demo(db)
    tree = views.load_tree(db)
    assert [p.id for p in tree.programmes] == [programme]
    assert len(tree.programmes[0].cohorts) == 7


# --- demo content ----------------------------------------------------------------------------------------


def test_demo_content_has_180_unique_locations_in_8_sectors() -> None:
    names = [n for names in demo_content.SERVICE_LOCATIONS.values() for n in names]
    assert len(names) == 180
    assert len(set(names)) == 180
    assert len({n.casefold() for n in names}) == 180
    assert len(demo_content.SERVICE_LOCATIONS) == 8
    assert all(clean_name(n) == n for n in names)
    assert {"Kunnskapssenteret", "Capralhaugen BBS"} <= set(names)


def test_demo_content_facilitators_and_plan() -> None:
    assert len({name for name, _email in demo_content.FACILITATORS}) == 5
    assert all(clean_email(email) == email for _name, email in demo_content.FACILITATORS)
    kinds = [SessionKind(kind) for kind, *_rest in demo_content.SESSION_PLAN]
    assert kinds[0] == SessionKind.OPENING
    assert kinds[-1] == SessionKind.CLOSING
    assert len(kinds) == 6
    for _kind, title, _weeks, begin, end in demo_content.SESSION_PLAN:
        assert clean_name(title) == title
        assert time.fromisoformat(begin) < time.fromisoformat(end)


# --- the navigator tree and choices ----------------------------------------------------------------------


def test_load_tree_matches_the_figures(demo_db) -> None:
    tree = views.load_tree(demo_db)
    figures = views.stats(demo_db, today=date(2026, 1, 1))
    [programme] = tree.programmes
    assert programme.name == demo_content.PROGRAMME_NAME
    assert programme.id == demo_id("programme", "LUP")
    assert [c.name for c in programme.cohorts] == [f"LUP {n}" for n in range(1, 8)]
    assert sum(len(c.groups) for c in programme.cohorts) == figures["leader_groups"]
    assert sum(len(c.sessions) for c in programme.cohorts) == figures["sessions"]
    assert sum(g.participants for c in programme.cohorts for g in c.groups) == figures["participants"]
    assert len(tree.sectors) == figures["sectors"]
    assert sum(len(s.locations) for s in tree.sectors) == figures["service_locations"]
    assert len(tree.facilitators) == figures["facilitators"]
    assert [f.name for f in tree.facilitators] == sorted(f.name for f in tree.facilitators)
    for cohort in programme.cohorts:
        assert [s.date for s in cohort.sessions] == sorted(s.date for s in cohort.sessions)
        assert cohort.sessions[0].kind == SessionKind.OPENING
        assert cohort.sessions[-1].kind == SessionKind.CLOSING
        assert cohort.sessions[-1].date == cohort.end_date
    for sector in tree.sectors:
        assert [c.name.casefold() for c in sector.locations] == sorted(
            c.name.casefold() for c in sector.locations
        )
        assert {c.name for c in sector.locations} == set(demo_content.SERVICE_LOCATIONS[sector.name])


def test_load_tree_group_participant_counts(demo_db) -> None:
    tree = views.load_tree(demo_db)
    counts = dict(sql(demo_db, "SELECT leader_group_id, count(*) FROM participant GROUP BY leader_group_id"))
    for cohort in tree.programmes[0].cohorts:
        for group in cohort.groups:
            assert group.participants == counts[hex_id(group.id)]


def test_load_tree_of_an_empty_register(db) -> None:
    tree = views.load_tree(db)
    assert tree == views.Tree((), (), ())


def test_free_locations_excludes_taken_ones(demo_db) -> None:
    cohort = demo_id("cohort", "LUP 1")
    free = views.free_locations(demo_db, cohort)
    taken = {
        row[0]
        for row in sql(
            demo_db, "SELECT service_location_id FROM leader_group WHERE cohort_id = ?", hex_id(cohort)
        )
    }
    assert len(taken) == 18
    assert len(free) == 180 - 18
    assert not {hex_id(c.id) for c in free} & taken
    assert "Kunnskapssenteret" not in {c.name for c in free}
    assert [c.name.casefold() for c in free] == sorted(c.name.casefold() for c in free)


def test_free_locations_of_a_new_cohort_is_every_location(small, db) -> None:
    free = views.free_locations(db, small.cohort)
    assert [c.id for c in free] == [small.evje]
    assert len(views.free_locations(db, uuid.uuid4())) == 2


def test_group_choices_newest_cohort_first(demo_db) -> None:
    choices = views.group_choices(demo_db)
    assert len(choices) == 152
    assert choices[0].name.startswith("LUP 7 · ")
    assert choices[-1].name.startswith("LUP 1 · ")
    assert "LUP 4 · Capralhaugen BBS" in {c.name for c in choices}
    group = next(c for c in choices if c.name == "LUP 1 · Kunnskapssenteret")
    assert group.id == demo_id("group", "LUP 1:Kunnskapssenteret")


def test_facilitator_detail(demo_db) -> None:
    facilitator = demo_id("facilitator", "Ingrid Sæther")
    detail = views.facilitator_detail(demo_db, facilitator)
    [(lead,)] = sql(
        demo_db, "SELECT count(*) FROM leader_group WHERE lead_facilitator_id = ?", hex_id(facilitator)
    )
    cohorts = [
        row[0]
        for row in sql(
            demo_db,
            "SELECT c.name FROM cohort c JOIN cohort_facilitator l ON l.cohort_id = c.id "
            "WHERE l.facilitator_id = ? ORDER BY c.start_date",
            hex_id(facilitator),
        )
    ]
    assert detail.name == "Ingrid Sæther"
    assert detail.email == "ingrid.saether@baerum.kommune.no"
    assert detail.lead_groups == lead > 0
    assert list(detail.cohorts) == cohorts
    assert detail.cohorts[0] == "LUP 1"


def test_choices_and_details(demo_db) -> None:
    assert [c.name for c in views.sector_choices(demo_db)] == sorted(demo_content.SERVICE_LOCATIONS)
    assert [c.name for c in views.facilitator_choices(demo_db)] == sorted(
        n for n, _e in demo_content.FACILITATORS
    )
    programme = views.programme_detail(demo_db, demo_id("programme", "LUP"))
    assert programme.description == demo_content.PROGRAMME_DESCRIPTION
    cohort = views.cohort_detail(demo_db, demo_id("cohort", "LUP 2"))
    [(participants,)] = sql(
        demo_db,
        "SELECT count(*) FROM participant p JOIN leader_group g ON g.id = p.leader_group_id "
        "WHERE g.cohort_id = ?",
        hex_id(demo_id("cohort", "LUP 2")),
    )
    assert (cohort.sessions, cohort.groups, cohort.participants) == (6, 19, participants)
    assert len(cohort.facilitator_ids) == 3
    session = views.session_detail(demo_db, demo_id("session", "LUP 2:Idéutvikling"))
    assert (session.cohort_name, session.kind, session.start_time) == ("LUP 2", SessionKind.WORKING, time(9))
    assert session.facilitator_ids == cohort.facilitator_ids


def test_details_of_unknown_rows_are_not_found(db) -> None:
    from desktop.errors import NotFoundError

    for detail in (
        views.programme_detail,
        views.cohort_detail,
        views.session_detail,
        views.group_detail,
        views.location_detail,
        views.facilitator_detail,
    ):
        with pytest.raises(NotFoundError):
            detail(db, uuid.uuid4())


def test_names_are_listed_in_norwegian_alphabetical_order(db) -> None:
    """SQLite's own order (and casefold) put Å before Æ and Ø, and capitals before small letters: the
    navigator, the lists and the PDFs said «Åsbakken, Ærverdige, Østerås»."""
    names = ["Østerås", "Åsbakken", "ærverdige", "Zeta", "aker", "Bekkestua"]
    sector = register.ensure_sector(db, "Oppvekst")
    register.ensure_sector(db, "Økonomi")
    register.ensure_sector(db, "Administrasjon")
    for name in names:
        register.create_service_location(db, name, sector)
        register.create_facilitator(db, name)
    in_order = ["aker", "Bekkestua", "Zeta", "ærverdige", "Østerås", "Åsbakken"]
    tree = views.load_tree(db)
    assert [s.name for s in tree.sectors] == ["Administrasjon", "Oppvekst", "Økonomi"]
    assert [c.name for c in next(s for s in tree.sectors if s.name == "Oppvekst").locations] == in_order
    assert [c.name for c in tree.facilitators] == in_order
