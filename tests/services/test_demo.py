"""The demo programme's ideas, dot votes and prototypes: only for finished groups, within the rules, tied to
the groups' own journeys, Kunnskapssenteret with the most ideas, and the same on every build."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.prototypes import Status
from desktop.kits import load_kit
from desktop.services import ideas, prototypes, views
from desktop.services.demo import build_demo, demo_id
from desktop.services.demo_ideas import IDEAS_PER_GROUP, MOST_IDEAS
from desktop.storage.database import DB_NAME, open_database

KIT_DECK = {card.id for card in load_kit(Path(__file__).parents[2] / "workshop_kits" / "lup").prototypes}


def sql(db, query: str, *params) -> list[tuple]:
    """Ask the database file directly, without the models or the services."""
    con = sqlite3.connect(f"{(db.data_dir / DB_NAME).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_only_finished_groups_have_ideas_votes_and_prototypes(demo_db) -> None:
    today = date.today().isoformat()
    finished = {
        row[0]
        for row in sql(
            demo_db,
            "SELECT g.id FROM leader_group g JOIN cohort c ON c.id = g.cohort_id WHERE c.end_date < ?",
            today,
        )
    }
    with_ideas = {row[0] for row in sql(demo_db, "SELECT DISTINCT leader_group_id FROM idea")}
    with_themes = {row[0] for row in sql(demo_db, "SELECT DISTINCT leader_group_id FROM idea_theme")}
    with_votes = {
        row[0]
        for row in sql(
            demo_db, "SELECT DISTINCT i.leader_group_id FROM vote v JOIN idea i ON i.id = v.idea_id"
        )
    }
    with_prototypes = {row[0] for row in sql(demo_db, "SELECT DISTINCT leader_group_id FROM prototype")}
    assert with_ideas == finished  # every finished group, and no other
    assert with_themes == finished and with_votes == finished and with_prototypes == finished


def test_idea_counts_themes_and_choices_vary_within_bounds(demo_db) -> None:
    low, high = IDEAS_PER_GROUP
    per_group = sql(
        demo_db,
        "SELECT sl.name, count(*), sum(i.chosen), sum(i.impact IS NOT NULL),"
        " sum(i.source_card_id IS NOT NULL) FROM idea i JOIN leader_group g ON g.id = i.leader_group_id"
        " JOIN service_location sl ON sl.id = g.service_location_id GROUP BY g.id",
    )
    for name, count, chosen, placed, from_cards in per_group:
        assert count == MOST_IDEAS[name] if name in MOST_IDEAS else low <= count <= high, name
        assert 1 <= chosen <= 3, name
        assert placed >= chosen  # chosen ideas are always on the matrix
        assert from_cards >= 1, name  # every group turned some of its journey cards into ideas
    counts = [count for _name, count, *_rest in per_group]
    assert len(set(counts)) > 5  # counts vary
    [(placed, total, from_cards)] = sql(
        demo_db, "SELECT sum(impact IS NOT NULL), count(*), sum(source_card_id IS NOT NULL) FROM idea"
    )
    assert placed > 0.6 * total and from_cards > 0.3 * total
    themes = [row[0] for row in sql(demo_db, "SELECT count(*) FROM idea_theme GROUP BY leader_group_id")]
    assert min(themes) >= 2 and max(themes) <= 4
    # An idea's theme is one of its own group's themes.
    [(foreign,)] = sql(
        demo_db,
        "SELECT count(*) FROM idea i JOIN idea_theme t ON t.id = i.theme_id"
        " WHERE t.leader_group_id != i.leader_group_id",
    )
    assert foreign == 0


def test_kunnskapssenteret_has_the_most_ideas(demo_db) -> None:
    rows = sql(
        demo_db,
        "SELECT sl.name, count(*) AS n FROM idea i JOIN leader_group g ON g.id = i.leader_group_id"
        " JOIN service_location sl ON sl.id = g.service_location_id GROUP BY g.id ORDER BY n DESC",
    )
    (first, most), (_second, next_most) = rows[0], rows[1]
    assert first == "Kunnskapssenteret" and most > next_most


def test_no_participant_uses_more_than_the_dots_of_the_group(demo_db) -> None:
    rows = sql(
        demo_db,
        "SELECT p.id, g.idea_dots, sum(v.dots) FROM vote v JOIN participant p ON p.id = v.participant_id"
        " JOIN leader_group g ON g.id = p.leader_group_id GROUP BY p.id",
    )
    assert rows and all(1 <= used <= dots == 3 for _p, dots, used in rows)
    # Voters belong to the idea's group, and most participants voted.
    [(strangers,)] = sql(
        demo_db,
        "SELECT count(*) FROM vote v JOIN idea i ON i.id = v.idea_id"
        " JOIN participant p ON p.id = v.participant_id WHERE p.leader_group_id != i.leader_group_id",
    )
    assert strangers == 0
    [(participants,)] = sql(
        demo_db,
        "SELECT count(*) FROM participant WHERE leader_group_id IN (SELECT leader_group_id FROM idea)",
    )
    assert len(rows) > 0.7 * participants
    [(bad,)] = sql(demo_db, "SELECT count(*) FROM vote WHERE dots < 1")
    assert bad == 0


def test_every_board_reads_back_within_the_rules(demo_db) -> None:
    for (group_hex,) in sql(demo_db, "SELECT DISTINCT leader_group_id FROM idea"):
        board = ideas.load_board(demo_db, _uuid(group_hex))
        voters = {v.participant_id for v in board.votes}
        assert all(board.dots_left(p) >= 0 for p in voters)
        assert board.total_votes > 0


def test_every_source_card_is_a_pain_point_or_opportunity_of_the_groups_own_maps(demo_db) -> None:
    rows = sql(
        demo_db,
        "SELECT i.leader_group_id, m.leader_group_id, l.kind FROM idea i"
        " LEFT JOIN journey_card c ON c.id = i.source_card_id"
        " LEFT JOIN journey_map m ON m.id = c.map_id"
        " LEFT JOIN journey_lane l ON l.id = c.lane_id"
        " WHERE i.source_card_id IS NOT NULL",
    )
    assert len(rows) > 300
    for idea_group, map_group, lane_kind in rows:
        assert map_group == idea_group
        assert lane_kind in ("pain_points", "opportunities")
    kinds = {kind for *_groups, kind in rows}
    assert kinds == {"pain_points", "opportunities"}  # ideas came from both kinds of cards


def test_prototypes_belong_to_chosen_ideas_with_dated_rounds_in_the_cohort(demo_db) -> None:
    rows = sql(
        demo_db,
        "SELECT p.id, i.chosen, i.leader_group_id = p.leader_group_id, p.kit_id, p.card_id"
        " FROM prototype p JOIN idea i ON i.id = p.idea_id",
    )
    assert rows
    for _id, chosen, same_group, kit_id, card_id in rows:
        assert chosen == 1 and same_group == 1
        assert kit_id == "lup" and card_id in KIT_DECK
    assert len({card_id for *_rest, card_id in rows}) >= 8  # many kinds from the deck
    rounds = sql(
        demo_db,
        "SELECT r.prototype_id, r.tested_on, c.start_date, c.end_date FROM prototype_iteration r"
        " JOIN prototype p ON p.id = r.prototype_id JOIN leader_group g ON g.id = p.leader_group_id"
        " JOIN cohort c ON c.id = g.cohort_id",
    )
    per_prototype: dict[str, int] = {}
    for prototype_id, tested_on, start, end in rounds:
        per_prototype[prototype_id] = per_prototype.get(prototype_id, 0) + 1
        if tested_on is not None:
            assert start <= tested_on <= end
    assert set(per_prototype.values()) == {1, 2, 3}


def test_prototype_rounds_have_the_blt_fields_and_some_drafts(demo_db) -> None:
    statuses: dict[Status, int] = {}
    for (group_hex,) in sql(demo_db, "SELECT DISTINCT leader_group_id FROM prototype"):
        for summary in prototypes.prototypes_of_group(demo_db, _uuid(group_hex)):
            statuses[summary.status] = statuses.get(summary.status, 0) + 1
            p = prototypes.load_prototype(demo_db, summary.id)
            assert p.current.solution
            for earlier in p.iterations[:-1]:  # a round was tested and decided before the next began
                assert earlier.decision is not None and earlier.result and earlier.tested_on is not None
                assert earlier.need and earlier.assumption and earlier.with_whom and earlier.success_criteria
            dates = [it.tested_on for it in p.iterations if it.tested_on is not None]
            assert dates == sorted(dates)
            if p.current.decision is not None:
                assert p.current.result and p.current.learning and p.current.tested_on is not None
    assert statuses.get(Status.DRAFT, 0) > 0
    assert statuses.get(Status.CONTINUE, 0) > statuses.get(Status.STOP, 0) > 0
    assert statuses.get(Status.ADJUST, 0) > 0 and statuses.get(Status.READY, 0) > 0


def test_stats_count_ideas_votes_and_prototypes(demo_db) -> None:
    figures = views.stats(demo_db, today=date(2026, 1, 1))
    assert figures["ideas"] > 0 and figures["votes"] > 0 and figures["prototypes"] > 0
    [(ideas_count,)] = sql(demo_db, "SELECT count(*) FROM idea")
    [(dots,)] = sql(demo_db, "SELECT sum(dots) FROM vote")
    [(prototype_count,)] = sql(demo_db, "SELECT count(*) FROM prototype")
    assert (figures["ideas"], figures["votes"], figures["prototypes"]) == (ideas_count, dots, prototype_count)


def test_the_demo_ideas_are_the_same_on_every_build(demo_db, tmp_path: Path) -> None:
    other = open_database(tmp_path / "second", backup=False)
    try:
        build_demo(other)
        for query in (
            "SELECT id, leader_group_id, position, text, theme_id, source_card_id, impact, effort, chosen"
            " FROM idea",
            "SELECT id, leader_group_id, position, title FROM idea_theme",
            "SELECT id, idea_id, participant_id, dots FROM vote",
            "SELECT id, leader_group_id, idea_id, title, kit_id, card_id FROM prototype",
            "SELECT id, prototype_id, position, need, solution, assumption, result, decision, tested_on"
            " FROM prototype_iteration",
        ):
            first = set(sql(demo_db, query))
            assert first and first == set(sql(other, query)), query
    finally:
        other.close()


@pytest.mark.parametrize("location", ["Kunnskapssenteret", "Capralhaugen BBS"])
def test_featured_locations_have_a_voted_board(demo_db, location: str) -> None:
    [(cohort,)] = sql(
        demo_db,
        "SELECT c.name FROM leader_group g JOIN cohort c ON c.id = g.cohort_id"
        " JOIN service_location sl ON sl.id = g.service_location_id WHERE sl.name = ?",
        location,
    )
    view = ideas.board_view(demo_db, demo_id("group", f"{cohort}:{location}"))
    assert view.board.ideas and view.board.themes and view.board.total_votes > 0
    assert any(i.chosen for i in view.board.ideas)
    assert all(i.source_card_id in view.sources for i in view.board.ideas if i.source_card_id)
    assert sum(view.prototypes.values()) >= 1


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(hex=value)  # how the Uuid type stores ids in SQLite
