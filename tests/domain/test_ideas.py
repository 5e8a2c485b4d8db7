"""The idea board: capture, themes, the impact/effort matrix and the dot-voting rules."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import ideas as ib
from desktop.domain.ideas import Board, Idea, Quadrant, Theme, Vote
from desktop.errors import ValidationError

PROPERTY = settings(max_examples=300, deadline=None)

ANNE, PER, LISE = (uuid.UUID(int=n) for n in (101, 102, 103))


def board_with(*texts: str, dots: int = ib.DOTS_DEFAULT) -> Board:
    board = Board(dots=dots)
    for n, text in enumerate(texts):
        board = ib.add_idea(board, Idea(uuid.UUID(int=n + 1), text))
    return board


def ids(board: Board, n: int) -> uuid.UUID:
    return board.ideas[n].id


def texts(ideas) -> list[str]:
    return [i.text for i in ideas]


@pytest.fixture
def board() -> Board:
    return board_with("Felles kalender", "Fast kontaktperson", "Digital søknad", "Ringeliste")


# --- ideas ----------------------------------------------------------------------------------------------


def test_add_idea_cleans_whitespace_and_appends_or_inserts(board):
    b = ib.add_idea(board, Idea(uuid.uuid4(), "  Kaffe   med\n brukerne  "))
    assert b.ideas[-1].text == "Kaffe med brukerne"
    first = ib.add_idea(board, Idea(uuid.uuid4(), "Først"), index=0)
    assert texts(first.ideas)[0] == "Først"
    clamped = ib.add_idea(board, Idea(uuid.uuid4(), "Sist"), index=99)
    assert texts(clamped.ideas)[-1] == "Sist"
    low = ib.add_idea(board, Idea(uuid.uuid4(), "Negativ"), index=-5)
    assert texts(low.ideas)[0] == "Negativ"
    assert len(board.ideas) == 4  # the original is untouched


def test_empty_and_too_long_ideas_are_refused(board):
    with pytest.raises(ValidationError) as info:
        ib.add_idea(board, Idea(uuid.uuid4(), " \n\t "))
    assert info.value.field == "text" and "idéen" in info.value.message
    ib.add_idea(board, Idea(uuid.uuid4(), "x" * ib.IDEA_TEXT_MAX))
    with pytest.raises(ValidationError) as info:
        ib.add_idea(board, Idea(uuid.uuid4(), "x" * (ib.IDEA_TEXT_MAX + 1)))
    assert str(ib.IDEA_TEXT_MAX) in info.value.message
    with pytest.raises(ValidationError):
        ib.edit_text(board, ids(board, 0), "")


def test_add_idea_into_a_theme_that_does_not_exist_is_refused(board):
    with pytest.raises(ValidationError) as info:
        ib.add_idea(board, Idea(uuid.uuid4(), "Tema mangler", theme_id=uuid.uuid4()))
    assert info.value.field == "theme"


def test_edit_text_changes_only_that_idea(board):
    b = ib.edit_text(board, ids(board, 1), "  Én fast   kontakt ")
    assert texts(b.ideas) == ["Felles kalender", "Én fast kontakt", "Digital søknad", "Ringeliste"]
    assert b.ideas[1].id == board.ideas[1].id
    with pytest.raises(ValidationError) as info:
        ib.edit_text(board, uuid.uuid4(), "ny")
    assert info.value.field == "idea" and info.value.message == "Idéen finnes ikke lenger."


def test_remove_idea_takes_its_votes_and_nothing_else(board):
    b = ib.cast_vote(board, ids(board, 0), ANNE)
    b = ib.cast_vote(b, ids(board, 1), ANNE)
    b = ib.cast_vote(b, ids(board, 0), PER)
    b = ib.remove_idea(b, ids(board, 0))
    assert texts(b.ideas) == ["Fast kontaktperson", "Digital søknad", "Ringeliste"]
    assert b.votes == (Vote(ids(board, 1), ANNE, 1),)
    assert b.used(PER) == 0 and b.dots_left(ANNE) == 2
    with pytest.raises(ValidationError):
        ib.remove_idea(b, ids(board, 0))


def test_set_chosen(board):
    b = ib.set_chosen(board, ids(board, 2), True)
    assert [i.chosen for i in b.ideas] == [False, False, True, False]
    assert [i.chosen for i in ib.set_chosen(b, ids(board, 2), False).ideas] == [False] * 4


# --- themes ---------------------------------------------------------------------------------------------

T1, T2 = uuid.UUID(int=201), uuid.UUID(int=202)


@pytest.fixture
def themed(board) -> Board:
    """Two themes: T1 holds ideas 0 and 2, T2 holds idea 1, idea 3 has no theme."""
    b = ib.add_theme(ib.add_theme(board, Theme(T1, " Samarbeid ")), Theme(T2, "Digitalt"))
    b = ib.move_idea(b, ids(board, 0), T1)
    b = ib.move_idea(b, ids(board, 2), T1)
    return ib.move_idea(b, ids(board, 1), T2)


def test_themes_are_cleaned_and_checked(board):
    b = ib.add_theme(board, Theme(T1, "  Bedre   flyt "))
    assert b.themes == (Theme(T1, "Bedre flyt"),)
    with pytest.raises(ValidationError) as info:
        ib.add_theme(board, Theme(T2, "   "))
    assert info.value.field == "title" and info.value.message == "Temaet må ha et navn."
    with pytest.raises(ValidationError):
        ib.add_theme(board, Theme(T2, "x" * (ib.THEME_TITLE_MAX + 1)))
    assert ib.rename_theme(b, T1, " Flyt ").theme(T1).title == "Flyt"
    with pytest.raises(ValidationError) as info:
        ib.rename_theme(b, T2, "Finnes ikke")
    assert info.value.message == "Temaet finnes ikke lenger."


def test_move_idea_into_themes_at_indexes(themed, board):
    assert texts(themed.in_theme(T1)) == ["Felles kalender", "Digital søknad"]
    assert texts(themed.in_theme(T2)) == ["Fast kontaktperson"]
    assert texts(themed.in_theme(None)) == ["Ringeliste"]
    # to the front of T1
    b = ib.move_idea(themed, ids(board, 3), T1, 0)
    assert texts(b.in_theme(T1)) == ["Ringeliste", "Felles kalender", "Digital søknad"]
    assert b.in_theme(None) == ()
    # into the middle of T1
    b = ib.move_idea(themed, ids(board, 3), T1, 1)
    assert texts(b.in_theme(T1)) == ["Felles kalender", "Ringeliste", "Digital søknad"]
    # beyond the end and None both mean last
    for index in (None, 2, 50):
        b = ib.move_idea(themed, ids(board, 3), T1, index)
        assert texts(b.in_theme(T1)) == ["Felles kalender", "Digital søknad", "Ringeliste"]
    # a negative index is the front
    b = ib.move_idea(themed, ids(board, 1), T1, -3)
    assert texts(b.in_theme(T1)) == ["Fast kontaktperson", "Felles kalender", "Digital søknad"]
    assert b.in_theme(T2) == ()
    # out of every theme
    b = ib.move_idea(themed, ids(board, 0), None, 0)
    assert texts(b.in_theme(None)) == ["Felles kalender", "Ringeliste"]
    assert texts(b.in_theme(T1)) == ["Digital søknad"]
    # the idea keeps everything else and the board keeps every idea
    assert sorted(i.id for i in b.ideas) == sorted(i.id for i in themed.ideas)


def test_move_idea_within_its_theme_reorders(themed, board):
    b = ib.move_idea(themed, ids(board, 2), T1, 0)
    assert texts(b.in_theme(T1)) == ["Digital søknad", "Felles kalender"]
    b = ib.move_idea(b, ids(board, 2), T1, 1)
    assert texts(b.in_theme(T1)) == ["Felles kalender", "Digital søknad"]


def test_move_idea_to_a_missing_theme_or_a_missing_idea_is_refused(themed):
    with pytest.raises(ValidationError) as info:
        ib.move_idea(themed, themed.ideas[0].id, uuid.uuid4())
    assert info.value.field == "theme"
    with pytest.raises(ValidationError) as info:
        ib.move_idea(themed, uuid.uuid4(), T1)
    assert info.value.field == "idea"


def test_removing_a_theme_keeps_its_ideas_without_a_theme(themed):
    b = ib.remove_theme(themed, T1)
    assert b.themes == (Theme(T2, "Digitalt"),)
    assert len(b.ideas) == len(themed.ideas)
    assert [i.id for i in b.ideas] == [i.id for i in themed.ideas]
    # in board order: an idea moved into an empty theme went to the end of the board
    assert texts(b.in_theme(None)) == ["Ringeliste", "Felles kalender", "Digital søknad"]
    assert texts(b.in_theme(T2)) == ["Fast kontaktperson"]
    with pytest.raises(ValidationError):
        ib.remove_theme(b, T1)


def test_move_theme_clamps_the_index(themed):
    t3 = uuid.UUID(int=203)
    b = ib.add_theme(themed, Theme(t3, "Tredje"))
    assert [t.id for t in ib.move_theme(b, t3, 0).themes] == [t3, T1, T2]
    assert [t.id for t in ib.move_theme(b, T1, 99).themes] == [T2, t3, T1]
    assert [t.id for t in ib.move_theme(b, t3, -4).themes] == [t3, T1, T2]
    with pytest.raises(ValidationError):
        ib.move_theme(b, uuid.uuid4(), 0)


# --- the matrix -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("impact", "effort", "quadrant"),
    [
        (0.5, 0.5, Quadrant.BIG_BETS),  # the middle counts as high on both axes
        (0.5, 0.499, Quadrant.QUICK_WINS),
        (0.499, 0.5, Quadrant.MONEY_PITS),
        (0.499, 0.499, Quadrant.SMALL_STEPS),
        (1.0, 0.0, Quadrant.QUICK_WINS),
        (1.0, 1.0, Quadrant.BIG_BETS),
        (0.0, 0.0, Quadrant.SMALL_STEPS),
        (0.0, 1.0, Quadrant.MONEY_PITS),
    ],
)
def test_quadrants_at_the_edges(board, impact, effort, quadrant):
    b = ib.place(board, ids(board, 0), impact, effort)
    idea = b.ideas[0]
    assert idea.placed and (idea.impact, idea.effort) == (impact, effort)
    assert idea.quadrant is quadrant
    assert quadrant.label and quadrant.hint


def test_placing_clamps_to_the_matrix_and_rounds(board):
    b = ib.place(board, ids(board, 0), 1.7, -0.3)
    assert (b.ideas[0].impact, b.ideas[0].effort) == (1.0, 0.0)
    assert b.ideas[0].quadrant is Quadrant.QUICK_WINS
    b = ib.place(board, ids(board, 0), -2, 3)
    assert (b.ideas[0].impact, b.ideas[0].effort) == (0.0, 1.0)
    b = ib.place(board, ids(board, 0), 0.123456, 0.4996)
    assert (b.ideas[0].impact, b.ideas[0].effort) == (0.123, 0.5)
    assert b.ideas[0].quadrant is Quadrant.MONEY_PITS  # rounding put it on the line


def test_unplaced_ideas_have_no_quadrant(board):
    assert board.ideas[0].quadrant is None and not board.ideas[0].placed
    half = Idea(uuid.uuid4(), "halvveis", impact=0.9)
    assert half.quadrant is None and not half.placed
    b = ib.unplace(ib.place(board, ids(board, 0), 0.2, 0.8), ids(board, 0))
    assert b.ideas[0] == board.ideas[0]
    with pytest.raises(ValidationError):
        ib.place(board, uuid.uuid4(), 0.5, 0.5)


def test_quadrant_labels_are_norwegian():
    assert Quadrant.QUICK_WINS.label == "Raske gevinster"
    assert Quadrant.MONEY_PITS.hint == "liten effekt, stor innsats"


# --- voting ---------------------------------------------------------------------------------------------


def test_cast_vote_counts_per_idea_and_participant(board):
    a, b_, c = ids(board, 0), ids(board, 1), ids(board, 2)
    b = ib.cast_vote(board, a, ANNE)
    b = ib.cast_vote(b, a, ANNE)
    b = ib.cast_vote(b, b_, PER)
    b = ib.cast_vote(b, a, PER)
    assert b.votes_for(a) == 3 and b.votes_for(b_) == 1 and b.votes_for(c) == 0
    assert b.given(a, ANNE) == 2 and b.given(a, PER) == 1 and b.given(b_, ANNE) == 0
    assert b.used(ANNE) == 2 and b.dots_left(ANNE) == 1
    assert b.used(LISE) == 0 and b.dots_left(LISE) == 3
    assert b.total_votes == 4
    # one entry per (idea, participant)
    assert Counter((v.idea_id, v.participant_id) for v in b.votes) == {
        (a, ANNE): 1,
        (a, PER): 1,
        (b_, PER): 1,
    }


def test_a_participant_can_never_exceed_the_boards_dots(board):
    b = board
    for n in range(3):
        b = ib.cast_vote(b, ids(board, n), ANNE)
    assert b.dots_left(ANNE) == 0
    for idea in b.ideas:
        with pytest.raises(ValidationError) as info:
            ib.cast_vote(b, idea.id, ANNE)
        assert info.value.field == "votes"
        assert info.value.message == "Deltakeren har brukt alle sine 3 prikker."
    # others still may
    assert ib.cast_vote(b, ids(board, 0), PER).used(PER) == 1


def test_all_dots_on_one_idea_is_allowed_up_to_the_limit():
    b = board_with("eneste", dots=5)
    for _n in range(5):
        b = ib.cast_vote(b, b.ideas[0].id, PER)
    assert b.votes == (Vote(b.ideas[0].id, PER, 5),)
    with pytest.raises(ValidationError):
        ib.cast_vote(b, b.ideas[0].id, PER)


def test_dots_counted_off_the_wall_are_nobodys_and_have_no_participant_limit(board):
    a, b_ = ids(board, 0), ids(board, 1)
    b = ib.cast_vote(board, a, ANNE)
    for _n in range(5):  # more than anyone's three dots
        b = ib.cast_vote(b, a, None)
    b = ib.set_counted(b, b_, 12)
    assert b.given(a, None) == 5 and b.votes_for(a) == 6 and b.votes_for(b_) == 12
    assert b.counted == 17 and b.total_votes == 18
    assert b.used(ANNE) == 1 and b.dots_left(ANNE) == 2  # Anne's own dots are hers alone
    assert Counter((v.idea_id, v.participant_id) for v in b.votes)[(a, None)] == 1  # one entry per idea
    b = ib.withdraw_vote(b, a, None)
    assert b.given(a, None) == 4
    b = ib.set_counted(b, b_, 0)
    assert b.given(b_, None) == 0 and all(v.dots >= 1 for v in b.votes)
    assert ib.set_dots(b, 1).dots == 1  # counted dots don't hold the participants' dots up
    for wrong in (-1, ib.COUNTED_MAX + 1):
        with pytest.raises(ValidationError):
            ib.set_counted(b, a, wrong)
    with pytest.raises(ValidationError, match="talte"):
        ib.withdraw_vote(b, b_, None)


def test_voting_on_a_missing_idea_is_refused(board):
    with pytest.raises(ValidationError) as info:
        ib.cast_vote(board, uuid.uuid4(), ANNE)
    assert info.value.field == "idea"


def test_withdraw_takes_one_dot_back(board):
    a = ids(board, 0)
    b = ib.cast_vote(ib.cast_vote(board, a, ANNE), a, ANNE)
    b = ib.withdraw_vote(b, a, ANNE)
    assert b.votes == (Vote(a, ANNE, 1),)
    b = ib.withdraw_vote(b, a, ANNE)
    assert b.votes == ()  # no entry with zero dots is kept
    with pytest.raises(ValidationError) as info:
        ib.withdraw_vote(b, a, ANNE)
    assert info.value.field == "votes"
    assert info.value.message == "Deltakeren har ingen prikk på denne idéen."


def test_withdraw_leaves_other_votes_alone(board):
    a, c = ids(board, 0), ids(board, 2)
    b = ib.cast_vote(ib.cast_vote(ib.cast_vote(board, a, ANNE), a, PER), c, ANNE)
    b = ib.withdraw_vote(b, a, ANNE)
    assert set(b.votes) == {Vote(a, PER, 1), Vote(c, ANNE, 1)}
    with pytest.raises(ValidationError):
        ib.withdraw_vote(b, c, PER)  # Per has a dot, but not on this idea


def test_reset_removes_every_vote_and_keeps_the_dots(board):
    b = ib.cast_vote(ib.cast_vote(ib.set_dots(board, 5), ids(board, 0), ANNE), ids(board, 1), PER)
    reset = ib.reset_votes(b)
    assert reset.votes == () and reset.total_votes == 0
    assert reset.dots == 5 and reset.ideas == b.ideas
    assert reset.dots_left(ANNE) == 5


def test_set_dots_within_limits_and_never_below_what_is_used(board):
    assert ib.set_dots(board, 1).dots == 1
    assert ib.set_dots(board, ib.DOTS_MAX).dots == ib.DOTS_MAX
    for bad in (0, -1, ib.DOTS_MAX + 1):
        with pytest.raises(ValidationError) as info:
            ib.set_dots(board, bad)
        assert info.value.field == "dots"
        assert info.value.message == f"Antall prikker må være mellom 1 og {ib.DOTS_MAX}."
    b = ib.set_dots(board, 5)
    for n in (0, 1, 1, 2):
        b = ib.cast_vote(b, ids(board, n), ANNE)  # Anne uses 4
    b = ib.cast_vote(b, ids(board, 0), PER)  # Per uses 1
    with pytest.raises(ValidationError) as info:
        ib.set_dots(b, 3)
    assert info.value.field == "dots"
    assert "Noen har allerede brukt 4 prikker" in info.value.message
    assert ib.set_dots(b, 4).dots == 4  # exactly what is used is fine
    fewer = ib.set_dots(ib.reset_votes(b), 1)
    assert fewer.dots == 1


def test_raising_the_dots_gives_more_to_vote_with(board):
    b = board
    for n in range(3):
        b = ib.cast_vote(b, ids(board, n), ANNE)
    with pytest.raises(ValidationError):
        ib.cast_vote(b, ids(board, 3), ANNE)
    b = ib.cast_vote(ib.set_dots(b, 4), ids(board, 3), ANNE)
    assert b.used(ANNE) == 4


def test_ranking_most_votes_first_and_ties_keep_board_order(board):
    a, b_, c, d = (ids(board, n) for n in range(4))
    assert [(i.id, n) for i, n in board.ranking()] == [(a, 0), (b_, 0), (c, 0), (d, 0)]
    b = ib.cast_vote(ib.cast_vote(board, d, ANNE), d, ANNE)
    b = ib.cast_vote(b, b_, PER)
    b = ib.cast_vote(b, c, LISE)
    assert [(i.id, n) for i, n in b.ranking()] == [(d, 2), (b_, 1), (c, 1), (a, 0)]
    # swapping the board order of the tied ideas swaps them in the ranking
    swapped = ib.move_idea(b, c, None, 0)
    assert [i.id for i, _n in swapped.ranking()] == [d, c, b_, a]
    # withdrawing changes the ranking
    after = ib.withdraw_vote(b, d, ANNE)
    assert [(i.id, n) for i, n in after.ranking()] == [(b_, 1), (c, 1), (d, 1), (a, 0)]


def test_without_participant_removes_only_their_votes(board):
    b = ib.cast_vote(ib.cast_vote(board, ids(board, 0), ANNE), ids(board, 0), PER)
    assert ib.without_participant(b, ANNE).votes == (Vote(ids(board, 0), PER, 1),)


VOTERS = (ANNE, PER, LISE)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("cast"), st.integers(0, 3), st.integers(0, 2)),
        st.tuples(st.just("withdraw"), st.integers(0, 3), st.integers(0, 2)),
        st.tuples(st.just("reset"), st.just(0), st.just(0)),
        st.tuples(st.just("dots"), st.integers(-1, ib.DOTS_MAX + 1), st.just(0)),
    ),
    max_size=60,
)


@PROPERTY
@given(st.integers(1, 5), operations)
def test_any_sequence_of_votes_keeps_every_participant_within_the_dots(dots, ops):
    board = board_with("a", "b", "c", "d", dots=dots)
    model: Counter = Counter()  # (idea index, voter index) -> dots, kept by hand
    for op, idea, voter in ops:
        if op in ("cast", "withdraw"):
            idea_id, voter_id = board.ideas[idea].id, VOTERS[voter]
            used = sum(n for (_i, v), n in model.items() if v == voter)
        if op == "cast":
            if used < board.dots:
                board = ib.cast_vote(board, idea_id, voter_id)
                model[idea, voter] += 1
            else:
                with pytest.raises(ValidationError):
                    ib.cast_vote(board, idea_id, voter_id)
        elif op == "withdraw":
            if model[idea, voter] > 0:
                board = ib.withdraw_vote(board, idea_id, voter_id)
                model[idea, voter] -= 1
            else:
                with pytest.raises(ValidationError):
                    ib.withdraw_vote(board, idea_id, voter_id)
        elif op == "reset":
            board = ib.reset_votes(board)
            model.clear()
        else:
            wanted = idea  # for "dots" the second number is the new number of dots
            most = max(sum(n for (_i, v), n in model.items() if v == w) for w in range(3))
            if 1 <= wanted <= ib.DOTS_MAX and wanted >= most:
                board = ib.set_dots(board, wanted)
            else:
                with pytest.raises(ValidationError):
                    ib.set_dots(board, wanted)
        # the invariants, after every step
        for n, voter_id in enumerate(VOTERS):
            assert 0 <= board.used(voter_id) <= board.dots
            assert board.used(voter_id) == sum(c for (_i, v), c in model.items() if v == n)
            assert board.dots_left(voter_id) == board.dots - board.used(voter_id)
        for n, idea_row in enumerate(board.ideas):
            assert board.votes_for(idea_row.id) == sum(c for (i, _v), c in model.items() if i == n)
        assert all(v.dots >= 1 for v in board.votes)
        assert len({(v.idea_id, v.participant_id) for v in board.votes}) == len(board.votes)
        assert board.total_votes == sum(model.values())
        assert sum(n for _i, n in board.ranking()) == board.total_votes
        assert [i.text for i in board.ideas] == ["a", "b", "c", "d"]  # voting never touches the ideas


# --- merging the same idea written twice ----------------------------------------------------------------


def test_merging_adds_up_each_participants_dots_on_the_kept_idea(board):
    """Anne put a dot on each of two notes that say the same, Per on one, and the wall counted three: merged,
    the kept idea has all six, in one entry per participant, and nobody has more dots used than before."""
    a, b, c = ids(board, 0), ids(board, 1), ids(board, 3)
    board = ib.cast_vote(ib.cast_vote(ib.cast_vote(board, a, ANNE), c, ANNE), c, PER)
    board = ib.set_counted(board, c, 3)
    merged = ib.merge_ideas(board, a, [c])
    assert texts(merged.ideas) == ["Felles kalender", "Fast kontaktperson", "Digital søknad"]
    assert merged.votes_for(a) == 6 and merged.given(a, ANNE) == 2 and merged.given(a, PER) == 1
    assert sorted((v.participant_id is None, v.dots) for v in merged.votes if v.idea_id == a) == [
        (False, 1),
        (False, 2),
        (True, 3),
    ]
    assert (merged.used(ANNE), merged.used(PER)) == (board.used(ANNE), board.used(PER))
    assert merged.total_votes == board.total_votes
    assert ib.merge_ideas(board, a, [c]).votes_for(b) == 0  # an idea not merged keeps what it had


def test_the_kept_idea_takes_the_text_given_and_what_the_others_had(board):
    """Placed, taken further and linked to a journey card when the kept one was not but another was."""
    a, b, c = ids(board, 0), ids(board, 1), ids(board, 2)
    card = uuid.UUID(int=777)
    board = ib.set_source(ib.set_chosen(ib.place(board, c, 0.9, 0.1), c, True), b, card)
    merged = ib.merge_ideas(board, a, [b, c, a], "  Felles kalender   for alle ")
    kept = merged.idea(a)
    assert kept.text == "Felles kalender for alle"
    assert (kept.impact, kept.effort, kept.chosen, kept.source_card_id) == (0.9, 0.1, True, card)
    assert [i.id for i in merged.ideas] == [a, ids(board, 3)]
    # its own placement and link win over the others'
    own = ib.merge_ideas(ib.set_source(ib.place(board, a, 0.2, 0.3), a, None), a, [c])
    assert (own.idea(a).impact, own.idea(a).effort) == (0.2, 0.3)
    assert ib.merge_ideas(board, a, [c]).idea(a).text == "Felles kalender"


def test_merging_with_nothing_or_a_missing_idea_is_refused(board):
    a = ids(board, 0)
    for others in ([], [a]):
        with pytest.raises(ValidationError) as info:
            ib.merge_ideas(board, a, others)
        assert info.value.field == "ideas"
    with pytest.raises(ValidationError):
        ib.merge_ideas(board, a, [uuid.uuid4()])
    with pytest.raises(ValidationError) as info:
        ib.merge_ideas(board, a, [ids(board, 1)], "   ")
    assert info.value.field == "text"


def test_counted_dots_merged_stay_within_what_can_be_counted(board):
    a, b = ids(board, 0), ids(board, 1)
    board = ib.set_counted(ib.set_counted(board, a, ib.COUNTED_MAX), b, 5)
    assert ib.merge_ideas(board, a, [b]).votes_for(a) == ib.COUNTED_MAX


def test_similar_ideas_come_first():
    board = board_with(
        "Bedre kommunikasjon med pårørende",
        "Ringeliste for vikarer",
        "Kommunisere bedre med de pårørende",
        "Felles kalender",
        "Pårørendekafé",
    )
    first = ids(board, 0)
    ranked = ib.similar_ideas(board, first)
    assert [i.text for i, _alike in ranked][:1] == ["Kommunisere bedre med de pårørende"]
    assert ranked[0][1] == 1.0  # «kommu», «pårør»: the same words once cut and without «bedre», «med», «de»
    assert first not in [i.id for i, _alike in ranked] and len(ranked) == 4
    # one word shared, of two and one: alike by two thirds, before those with nothing in common (in the
    # board's order)
    assert [(i.text, round(alike, 2)) for i, alike in ranked][1:] == [
        ("Pårørendekafé", 0.67),
        ("Ringeliste for vikarer", 0.0),
        ("Felles kalender", 0.0),
    ]
