"""Idea boards stored: round trip, undo by putting the old board back, votes, deletion with prototypes."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from desktop.domain import ideas as ib
from desktop.domain import journey as jr
from desktop.domain import prototypes as pt
from desktop.domain.ideas import Board, Idea, Theme
from desktop.errors import NotFoundError, ValidationError
from desktop.kits import load_kit
from desktop.services import groups, ideas, journeys, prototypes
from desktop.services.common import restore_deleted

LUP = load_kit(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup")

THEME = uuid.UUID(int=301)
A, B, C = (uuid.UUID(int=n) for n in (401, 402, 403))


def same(first: Board, second: Board) -> None:
    """Equal boards; the votes compared without their order (the board keeps them as a set)."""
    assert first.dots == second.dots
    assert first.themes == second.themes
    assert first.ideas == second.ideas
    assert sorted(first.votes, key=str) == sorted(second.votes, key=str)


def content(tables: dict) -> dict:
    """What is stored, without the time stamps; votes without the row ids they get when put back."""
    result = {
        name: [{k: v for k, v in row.items() if k not in ("created_at", "updated_at")} for row in found]
        for name, found in tables.items()
    }
    result["vote"] = sorted((r["idea_id"], r["participant_id"], r["dots"]) for r in tables["vote"])
    return result


def rich_board(small) -> Board:
    """Every kind of thing a board holds: a theme, a placed and chosen idea, votes, five dots."""
    b = ib.set_dots(Board(), 5)
    b = ib.add_theme(b, Theme(THEME, "Samarbeid"))
    b = ib.add_idea(b, Idea(A, "Felles kalender", theme_id=THEME))
    b = ib.add_idea(b, Idea(B, "Fast kontaktperson"))
    b = ib.add_idea(b, Idea(C, "Digital søknad", theme_id=THEME))
    b = ib.place(b, A, 0.8, 0.2)
    b = ib.place(b, C, 0.5, 0.5)
    b = ib.set_chosen(b, A, True)
    for idea, voter in ((A, small.leader), (A, small.leader), (B, small.leader), (A, small.enthusiast)):
        b = ib.cast_vote(b, idea, voter)
    return b


def test_a_new_group_has_an_empty_board_with_three_dots(db, small):
    assert ideas.load_board(db, small.group) == Board(dots=3)


def test_board_round_trips(db, small):
    board = rich_board(small)
    before = ideas.set_board(db, small.group, board)
    assert before == Board()
    loaded = ideas.load_board(db, small.group)
    same(loaded, board)
    assert loaded.dots == 5
    assert loaded.ideas[0].quadrant is ib.Quadrant.QUICK_WINS
    assert loaded.ideas[2].quadrant is ib.Quadrant.BIG_BETS
    assert [i.chosen for i in loaded.ideas] == [True, False, False]
    assert [i.text for i in loaded.in_theme(THEME)] == ["Felles kalender", "Digital søknad"]
    assert loaded.votes_for(A) == 3 and loaded.used(small.leader) == 3
    assert [(i.id, n) for i, n in loaded.ranking()] == [(A, 3), (B, 1), (C, 0)]


def test_dots_counted_off_the_wall_are_stored_without_a_participant(db, small):
    board = ib.set_counted(ib.cast_vote(rich_board(small), B, None), A, 9)
    ideas.set_board(db, small.group, board)
    loaded = ideas.load_board(db, small.group)
    same(loaded, board)
    assert loaded.counted == 10 and loaded.votes_for(A) == 12 and loaded.used(small.leader) == 3
    before = ideas.set_board(db, small.group, ib.set_counted(loaded, A, 0))
    assert ideas.load_board(db, small.group).given(A, None) == 0
    ideas.set_board(db, small.group, before)  # undo puts the count back
    assert ideas.load_board(db, small.group).given(A, None) == 9


def test_every_edit_undoes_exactly(db, small, rows):
    ideas.set_board(db, small.group, rich_board(small))
    original = ideas.load_board(db, small.group)
    stored = rows(db)
    edits = [
        lambda b: ib.add_idea(b, Idea(uuid.UUID(int=404), "Ny idé"), index=0),
        lambda b: ib.edit_text(b, B, "Én kontaktperson"),
        lambda b: ib.remove_idea(b, A),
        lambda b: ib.move_idea(b, B, THEME, 0),
        lambda b: ib.move_idea(b, A, None),
        lambda b: ib.set_chosen(b, B, True),
        lambda b: ib.place(b, B, 0.1, 0.9),
        lambda b: ib.unplace(b, A),
        lambda b: ib.add_theme(b, Theme(uuid.UUID(int=302), "Digitalt")),
        lambda b: ib.rename_theme(b, THEME, "Bedre samarbeid"),
        lambda b: ib.remove_theme(b, THEME),
        lambda b: ib.cast_vote(b, C, small.enthusiast),
        lambda b: ib.cast_vote(b, A, small.leader),
        lambda b: ib.withdraw_vote(b, B, small.leader),
        lambda b: ib.withdraw_vote(b, A, small.enthusiast),
        lambda b: ib.reset_votes(b),
        lambda b: ib.set_dots(b, 9),
        lambda b: ib.without_participant(b, small.leader),
    ]
    for n, edit in enumerate(edits):
        before = ideas.edit_board(db, small.group, edit)
        assert before == original, n
        changed = ideas.load_board(db, small.group)
        same(changed, edit(original))
        assert changed != original, n
        ideas.set_board(db, small.group, before)
        assert ideas.load_board(db, small.group) == original, n
        assert content(rows(db)) == content(stored), n


def test_undo_of_a_vote_edit_keeps_what_the_group_sees(db, small):
    ideas.set_board(db, small.group, rich_board(small))
    original = ideas.load_board(db, small.group)
    before = ideas.edit_board(db, small.group, ib.reset_votes)
    assert ideas.load_board(db, small.group).votes == ()
    ideas.set_board(db, small.group, before)
    restored = ideas.load_board(db, small.group)
    assert restored == original  # the votes put back read in the same order as before
    assert restored.ranking() == original.ranking()
    assert {p: restored.used(p) for p in (small.leader, small.enthusiast)} == {
        small.leader: 3,
        small.enthusiast: 1,
    }


def test_votes_by_someone_outside_the_group_are_refused_and_nothing_changes(db, small, rows):
    ideas.set_board(db, small.group, rich_board(small))
    other_group = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    outsider = groups.add_participant(db, other_group, "Siv Dahl")
    stored = rows(db)
    for voter in (outsider, uuid.uuid4()):
        with pytest.raises(ValidationError) as info:
            ideas.edit_board(
                db,
                small.group,
                lambda b, v=voter: ib.cast_vote(ib.add_idea(b, Idea(uuid.uuid4(), "Sniker inn")), A, v),
            )
        assert info.value.field == "votes"
        assert info.value.message == "Bare deltakere i ledergruppen kan stemme."
        assert rows(db) == stored


def test_a_voter_moved_to_another_group_does_not_lock_the_board(db, small):
    ideas.set_board(db, small.group, rich_board(small))
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    groups.move_participant(db, small.enthusiast, other)
    # the dots given before stay, and the board can still be edited
    ideas.edit_board(db, small.group, lambda b: ib.add_idea(b, Idea(uuid.UUID(int=405), "Etter flyttingen")))
    board = ideas.load_board(db, small.group)
    assert len(board.ideas) == 4 and board.given(A, small.enthusiast) == 1
    assert [v.name for v in ideas.board_view(db, small.group).voters] == ["Per Olsen"]
    # but no more dots from someone who is no longer in the group
    with pytest.raises(ValidationError) as info:
        ideas.edit_board(db, small.group, lambda b: ib.cast_vote(b, B, small.enthusiast))
    assert info.value.field == "votes"
    # taking a dot back is fine
    ideas.edit_board(db, small.group, lambda b: ib.withdraw_vote(b, A, small.enthusiast))
    assert ideas.load_board(db, small.group).used(small.enthusiast) == 0


def test_the_dots_are_stored_on_the_group(db, small):
    ideas.edit_board(db, small.group, lambda b: ib.set_dots(b, 7))
    assert ideas.load_board(db, small.group).dots == 7
    assert ideas.board_view(db, small.group).board.dots == 7


def test_boards_of_two_groups_are_apart(db, small):
    ideas.set_board(db, small.group, rich_board(small))
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    assert ideas.load_board(db, other) == Board()
    ideas.edit_board(db, other, lambda b: ib.add_idea(b, Idea(uuid.uuid4(), "Annen gruppe")))
    assert [i.text for i in ideas.load_board(db, other).ideas] == ["Annen gruppe"]
    assert len(ideas.load_board(db, small.group).ideas) == 3


def test_a_missing_group_is_not_found(db, small):
    with pytest.raises(NotFoundError):
        ideas.load_board(db, uuid.uuid4())


def with_prototype(db, small) -> pt.Prototype:
    ideas.set_board(db, small.group, rich_board(small))
    p = pt.new_prototype(B, "Kontaktkort", "lup", "papirprototype", need="Vite hvem man ringer")
    p = pt.edit_iteration(p, p.current.id, assumption="Færre ringer servicetorget", result="ok")
    p = pt.next_iteration(p)
    prototypes.create_prototype(db, small.group, p)
    return p


def test_removing_an_idea_with_prototypes_through_the_board_is_refused(db, small, rows):
    with_prototype(db, small)
    stored = rows(db)
    with pytest.raises(ValidationError) as info:
        ideas.edit_board(db, small.group, lambda b: ib.remove_idea(b, B))
    assert info.value.field == "idea"
    assert "«Slett idé»" in info.value.message
    with pytest.raises(ValidationError):
        ideas.set_board(db, small.group, Board(dots=5))
    assert rows(db) == stored
    # an idea without prototypes may go
    ideas.edit_board(db, small.group, lambda b: ib.remove_idea(b, C))
    assert [i.id for i in ideas.load_board(db, small.group).ideas] == [A, B]


def test_delete_idea_and_restore_brings_everything_back(db, small, rows):
    p = with_prototype(db, small)
    second = pt.new_prototype(B, "Rollespill", need="x")
    prototypes.create_prototype(db, small.group, second)
    ideas.edit_board(db, small.group, lambda b: ib.cast_vote(b, B, small.enthusiast))
    board = ideas.load_board(db, small.group)
    stored = rows(db)
    assert ideas.prototype_count(db, B) == 2
    snapshot = ideas.delete_idea(db, B)
    after = ideas.load_board(db, small.group)
    assert [i.id for i in after.ideas] == [A, C]
    assert after.votes_for(B) == 0 and after.total_votes == 3
    assert prototypes.prototypes_of_group(db, small.group) == ()
    assert ideas.prototype_count(db, B) == 0
    assert rows(db)["prototype_iteration"] == []
    restore_deleted(db, snapshot)
    assert ideas.load_board(db, small.group) == board
    assert prototypes.load_prototype(db, p.id) == p
    assert prototypes.load_prototype(db, second.id) == second
    assert rows(db) == stored


def test_delete_a_missing_idea_is_not_found(db, small):
    with pytest.raises(NotFoundError):
        ideas.delete_idea(db, uuid.uuid4())


def journey_card(db, group: uuid.UUID, text: str) -> tuple[uuid.UUID, uuid.UUID]:
    map_id = journeys.new_map(db, group, LUP.journeys[0], jr.MapKind.CURRENT)
    journeys.edit_map(db, map_id, lambda j: jr.add_card(j, j.lanes[1].id, j.steps[0].id, text))
    return map_id, journeys.load_map(db, map_id).cards[-1].id


def test_idea_from_a_journey_card_is_linked_and_shown_with_its_source(db, small):
    map_id, card_id = journey_card(db, small.group, "Må fortelle historien sin mange ganger")
    idea = ideas.idea_from_card(db, small.group, card_id)
    assert idea.text == "Må fortelle historien sin mange ganger"
    assert idea.source_card_id == card_id and idea.theme_id is None and not idea.chosen
    assert ideas.load_board(db, small.group).ideas == ()  # not stored yet
    ideas.edit_board(db, small.group, lambda b: ib.add_idea(b, idea))
    view = ideas.board_view(db, small.group)
    journey = journeys.load_map(db, map_id)
    source = view.sources[card_id]
    assert source.text == idea.text
    assert source.map_title == journey.title
    assert source.lane_title == journey.lanes[1].title
    assert source.label == f"{journey.title} · {journey.lanes[1].title}"


def test_a_card_longer_than_an_idea_becomes_an_idea_cut_at_a_word(db, small):
    text = "Brukeren må fortelle historien sin på nytt til hver ny ansatt.\n" * 12
    _map_id, card_id = journey_card(db, small.group, text)
    idea = ideas.idea_from_card(db, small.group, card_id)
    whole = " ".join(text.split())
    assert len(idea.text) <= ib.IDEA_TEXT_MAX and idea.text.endswith("…")
    assert whole.startswith(idea.text[:-1]) and whole[len(idea.text) - 1] == " "  # at a word
    ideas.edit_board(db, small.group, lambda b: ib.add_idea(b, idea))  # accepted as it is
    assert ib.fitted_text("x" * 600) == "x" * (ib.IDEA_TEXT_MAX - 1) + "…"  # one long word: cut in it


def test_idea_from_a_card_of_another_group_is_refused(db, small):
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    _map_id, card_id = journey_card(db, other, "Annen gruppes kort")
    with pytest.raises(ValidationError) as info:
        ideas.idea_from_card(db, small.group, card_id)
    assert info.value.field == "card"
    assert info.value.message == "Kortet hører til en annen ledergruppe."
    with pytest.raises(NotFoundError):
        ideas.idea_from_card(db, small.group, uuid.uuid4())


def test_a_source_card_that_is_gone_is_missing_from_the_view(db, small):
    map_id, card_id = journey_card(db, small.group, "Venter lenge")
    idea = ideas.idea_from_card(db, small.group, card_id)
    ideas.edit_board(db, small.group, lambda b: ib.add_idea(b, idea))
    journeys.delete_map(db, map_id)
    view = ideas.board_view(db, small.group)
    assert view.sources == {}
    assert view.board.ideas[0].source_card_id == card_id  # the link stays, for undo of the delete


def test_board_view_lists_voters_by_name_and_prototypes_per_idea(db, small):
    with_prototype(db, small)
    prototypes.create_prototype(db, small.group, pt.new_prototype(B, "Andre"))
    prototypes.create_prototype(db, small.group, pt.new_prototype(A, "Tredje"))
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    groups.add_participant(db, other, "Aase Utenfor")
    view = ideas.board_view(db, small.group)
    assert view.group_id == small.group
    assert [v.name for v in view.voters] == ["Anne Berg", "Per Olsen"]
    assert {v.id for v in view.voters} == {small.leader, small.enthusiast}
    assert view.prototypes == {B: 2, A: 1}
    assert ideas.prototype_count(db, B) == 2 and ideas.prototype_count(db, C) == 0


def test_a_delete_undone_and_more_edits_keep_one_order_without_ties(db, small):
    ideas.set_board(
        db,
        small.group,
        ib.add_idea(ib.add_idea(ib.add_idea(Board(), Idea(A, "a")), Idea(B, "b")), Idea(C, "c")),
    )
    snapshot = ideas.delete_idea(db, B)
    d = uuid.UUID(int=404)
    ideas.edit_board(db, small.group, lambda b: ib.add_idea(b, Idea(d, "d")))
    with db.engine.connect() as con:
        positions = [p for (p,) in con.exec_driver_sql("SELECT position FROM idea ORDER BY position")]
    assert positions == sorted(set(positions))  # closed up, no two ideas in one place
    ideas.restore_idea(db, snapshot)
    assert [i.text for i in ideas.load_board(db, small.group).ideas] == ["a", "b", "c", "d"]
    ideas.edit_board(db, small.group, lambda b: ib.edit_text(b, A, "a2"))  # the next edit renumbers
    with db.engine.connect() as con:
        positions = [p for (p,) in con.exec_driver_sql("SELECT position FROM idea ORDER BY position")]
    assert positions == [0, 1, 2, 3]


def test_an_idea_deleted_and_brought_back_after_other_edits_is_in_its_place(db, small):
    ideas.set_board(
        db,
        small.group,
        ib.add_idea(ib.add_idea(ib.add_idea(Board(), Idea(A, "a")), Idea(B, "b")), Idea(C, "c")),
    )
    ideas.edit_board(db, small.group, lambda b: ib.move_idea(b, C, None, 0))  # the newest first: c, a, b
    before = ideas.load_board(db, small.group)
    snapshot = ideas.delete_idea(db, C)
    ideas.edit_board(db, small.group, lambda b: ib.cast_vote(b, A, small.leader))  # renumbers: a, b
    ideas.edit_board(db, small.group, lambda b: ib.withdraw_vote(b, A, small.leader))
    ideas.restore_idea(db, snapshot)
    assert ideas.load_board(db, small.group) == before


def test_a_board_with_more_dots_than_allowed_is_refused_by_the_store(db, small):
    too_many = Board(
        dots=3, ideas=(Idea(A, "a"),), votes=(ib.Vote(A, small.leader, 4),)
    )  # not reachable through cast_vote, only by handing the store a board
    with pytest.raises(ValidationError):
        ideas.set_board(db, small.group, too_many)
    assert ideas.load_board(db, small.group) == Board(dots=3)


# --- merging ideas ------------------------------------------------------------------------------------------


def test_merging_moves_prototypes_and_initiatives_and_undo_puts_everything_back(db, small, rows):
    """B has a prototype and an initiative made from it; merged into A, both follow A (nothing is deleted
    with B), the dots are added up; undo gives back every row as it was, time stamps included."""
    from desktop.services import initiatives

    p = with_prototype(db, small)
    made = initiatives.create_initiative(db, small.group, "Kontaktkort", idea_id=B)
    ideas.edit_board(db, small.group, lambda b: ib.cast_vote(b, B, small.enthusiast))
    board = ideas.load_board(db, small.group)
    stored = rows(db)
    merged = ideas.merge_ideas(db, small.group, A, [B], "Felles kalender og kontaktperson")
    after = ideas.load_board(db, small.group)
    assert [i.id for i in after.ideas] == [A, C]
    assert after.idea(A).text == "Felles kalender og kontaktperson"
    assert after.votes_for(A) == board.votes_for(A) + board.votes_for(B)
    assert after.used(small.enthusiast) == board.used(small.enthusiast) == 2
    assert prototypes.load_prototype(db, p.id).idea_id == A
    assert initiatives.initiative(db, made).idea_id == A
    assert ideas.board_view(db, small.group).prototypes == {A: 1}
    ideas.unmerge(db, merged)
    assert ideas.load_board(db, small.group) == board
    assert content(rows(db)) == content(stored)
    assert {r["id"]: r["updated_at"] for r in rows(db)["initiative"]} == {
        r["id"]: r["updated_at"] for r in stored["initiative"]
    }


def test_a_refused_merge_changes_nothing(db, small, rows):
    ideas.set_board(db, small.group, rich_board(small))
    stored = rows(db)
    with pytest.raises(ValidationError):
        ideas.merge_ideas(db, small.group, A, [B], "")
    with pytest.raises(ValidationError):
        ideas.merge_ideas(db, small.group, A, [], None)
    assert rows(db) == stored


def test_a_voter_who_left_the_group_does_not_stop_a_merge(db, small):
    """Her dots on the two notes become dots on one: the same dots, not new ones."""
    ideas.set_board(db, small.group, ib.cast_vote(rich_board(small), C, small.enthusiast))
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    groups.move_participant(db, small.enthusiast, other)
    ideas.merge_ideas(db, small.group, A, [C], None)
    assert ideas.load_board(db, small.group).given(A, small.enthusiast) == 2
