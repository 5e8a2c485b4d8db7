"""Prototypes stored: creating one chooses its idea, rounds round trip, undo, deletion, and the figures."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from desktop.domain import ideas as ib
from desktop.domain import prototypes as pt
from desktop.domain.ideas import Board, Idea
from desktop.domain.prototypes import Decision, Status
from desktop.errors import NotFoundError, ValidationError
from desktop.services import cohorts, groups, ideas, prototypes, register, views
from desktop.services.common import restore_deleted

A, B, C = (uuid.UUID(int=n) for n in (501, 502, 503))

PLAN = {
    "need": "Vite hvem man skal ringe",
    "solution": "Kort med én fast kontakt",
    "assumption": "Færre ringer servicetorget",
    "with_whom": "Fem brukere",
    "place": "Dagsenteret",
    "timing": "Uke 12",
    "success_criteria": "Tre av fem bruker kortet",
}


@pytest.fixture
def board(db, small) -> Board:
    """Three ideas of the small register's group; B is chosen already."""
    b = Board()
    for idea_id, text in ((A, "Felles kalender"), (B, "Fast kontaktperson"), (C, "Digital søknad")):
        b = ib.add_idea(b, Idea(idea_id, text))
    b = ib.set_chosen(b, B, True)
    ideas.set_board(db, small.group, b)
    return ideas.load_board(db, small.group)


def chosen(db, group: uuid.UUID) -> dict[uuid.UUID, bool]:
    return {i.id: i.chosen for i in ideas.load_board(db, group).ideas}


def two_rounds(idea_id: uuid.UUID, title: str = "Kontaktkort") -> pt.Prototype:
    """Two rounds: the first tested and decided, the second planned from it."""
    p = pt.new_prototype(idea_id, title, "lup", "papirprototype")
    p = pt.edit_iteration(p, p.current.id, **PLAN)
    p = pt.edit_iteration(
        p,
        p.current.id,
        result="Tre av fem brukte kortet",
        learning="Kortet trenger bilde",
        decision=Decision.ADJUST,
        tested_on=date(2024, 3, 20),
    )
    return pt.next_iteration(p)


def test_create_marks_the_idea_chosen_and_undo_puts_it_back(db, small, board, rows):
    stored = rows(db)
    p = pt.new_prototype(A, "Kalender på papir")
    assert prototypes.create_prototype(db, small.group, p) is False
    assert chosen(db, small.group) == {A: True, B: True, C: False}
    assert prototypes.load_prototype(db, p.id) == p
    prototypes.undo_create(db, p.id, False)
    assert chosen(db, small.group) == {A: False, B: True, C: False}
    with pytest.raises(NotFoundError):
        prototypes.load_prototype(db, p.id)
    assert rows(db)["prototype"] == [] and rows(db)["prototype_iteration"] == []
    assert {name: len(found) for name, found in rows(db).items()} == {
        name: len(found) for name, found in stored.items()
    }


def test_create_from_an_idea_already_chosen_keeps_it_chosen_on_undo(db, small, board):
    p = pt.new_prototype(B, "Rollespill")
    assert prototypes.create_prototype(db, small.group, p) is True
    prototypes.undo_create(db, p.id, True)
    assert chosen(db, small.group) == {A: False, B: True, C: False}


def test_create_for_an_idea_of_another_group_is_refused(db, small, board, rows):
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    stored = rows(db)
    with pytest.raises(ValidationError) as info:
        prototypes.create_prototype(db, other, pt.new_prototype(A, "Lånt idé"))
    assert info.value.field == "idea"
    assert info.value.message == "Idéen hører til en annen ledergruppe."
    assert rows(db) == stored
    with pytest.raises(NotFoundError):
        prototypes.create_prototype(db, small.group, pt.new_prototype(uuid.uuid4(), "Ingen idé"))
    assert rows(db) == stored


def test_rounds_round_trip_with_every_field(db, small, board):
    p = two_rounds(B)
    prototypes.create_prototype(db, small.group, p)
    loaded = prototypes.load_prototype(db, p.id)
    assert loaded == p
    first, second = loaded.iterations
    assert first.decision is Decision.ADJUST and first.tested_on == date(2024, 3, 20)
    assert first.status is Status.ADJUST
    assert second.result == "" and second.decision is None and second.tested_on is None
    assert {name: getattr(second, name) for name in PLAN} == PLAN
    assert loaded.status is Status.READY


def test_every_prototype_edit_undoes_exactly(db, small, board, rows):
    p = two_rounds(B)
    prototypes.create_prototype(db, small.group, p)
    original = prototypes.load_prototype(db, p.id)
    stored_count = len(rows(db)["prototype_iteration"])
    first, second = (it.id for it in original.iterations)
    third = uuid.UUID(int=601)
    edits = [
        lambda q: pt.rename(q, "Kontaktkort med bilde"),
        lambda q: pt.set_kind(q, "lup", "rollespill"),
        lambda q: pt.edit_iteration(q, second, solution="Kort med bilde", result="Fem av fem"),
        lambda q: pt.edit_iteration(q, first, decision=Decision.STOP, learning=""),
        lambda q: pt.edit_iteration(q, second, decision="continue", tested_on=date(2024, 4, 2)),
        lambda q: pt.next_iteration(q, third),
        lambda q: pt.remove_iteration(q, first),
        lambda q: pt.remove_iteration(q, second),
    ]
    for n, edit in enumerate(edits):
        before = prototypes.edit_prototype(db, p.id, edit)
        assert before == original, n
        changed = prototypes.load_prototype(db, p.id)
        assert changed == edit(original), n
        assert changed != original, n
        prototypes.set_prototype(db, p.id, before)
        assert prototypes.load_prototype(db, p.id) == original, n
        assert len(rows(db)["prototype_iteration"]) == stored_count


def test_round_order_is_kept_through_edits(db, small, board):
    p = two_rounds(B)
    prototypes.create_prototype(db, small.group, p)
    for _n in range(3):
        prototypes.edit_prototype(db, p.id, pt.next_iteration)
    loaded = prototypes.load_prototype(db, p.id)
    ids = [it.id for it in loaded.iterations]
    assert len(ids) == 5
    prototypes.edit_prototype(db, p.id, lambda q: pt.remove_iteration(q, ids[1]))
    assert [it.id for it in prototypes.load_prototype(db, p.id).iterations] == [ids[0], *ids[2:]]


def test_edit_refuses_to_change_the_id_or_the_idea(db, small, board, rows):
    p = two_rounds(B)
    prototypes.create_prototype(db, small.group, p)
    stored = rows(db)
    with pytest.raises(TypeError):
        prototypes.edit_prototype(db, p.id, lambda q: pt.Prototype(uuid.uuid4(), q.idea_id, q.title))
    with pytest.raises(TypeError):
        prototypes.set_prototype(db, p.id, pt.Prototype(p.id, A, p.title, iterations=p.iterations))
    assert rows(db) == stored


def test_a_refused_domain_edit_stores_nothing(db, small, board, rows):
    p = pt.new_prototype(B, "Stoppet")
    p = pt.edit_iteration(p, p.current.id, **PLAN, decision=Decision.STOP)
    prototypes.create_prototype(db, small.group, p)
    stored = rows(db)
    with pytest.raises(ValidationError):
        prototypes.edit_prototype(db, p.id, pt.next_iteration)
    with pytest.raises(ValidationError):
        prototypes.edit_prototype(db, p.id, lambda q: pt.remove_iteration(q, q.current.id))
    with pytest.raises(ValidationError):
        prototypes.edit_prototype(
            db, p.id, lambda q: pt.edit_iteration(q, q.current.id, result="x" * (pt.FIELD_MAX + 1))
        )
    assert rows(db) == stored


def test_prototypes_of_group_summarise_status_rounds_and_drafts(db, small, board):
    draft = pt.new_prototype(A, "Utkast", need="Noe å gjøre")
    tested = two_rounds(B)
    prototypes.create_prototype(db, small.group, draft)
    prototypes.create_prototype(db, small.group, tested)
    other = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    ideas.set_board(db, other, Board(ideas=(Idea(uuid.UUID(int=777), "Annen gruppe"),)))
    prototypes.create_prototype(db, other, pt.new_prototype(uuid.UUID(int=777), "Ikke med"))
    summaries = prototypes.prototypes_of_group(db, small.group)
    assert [(s.id, s.idea_id, s.idea_text, s.title) for s in summaries] == [
        (draft.id, A, "Felles kalender", "Utkast"),
        (tested.id, B, "Fast kontaktperson", "Kontaktkort"),
    ]
    assert [(s.status, s.rounds, s.missing) for s in summaries] == [
        (Status.DRAFT, 1, ("Hva vi tester (antakelse)",)),
        (Status.READY, 2, ()),
    ]
    assert (summaries[1].kit_id, summaries[1].card_id) == ("lup", "papirprototype")
    assert len(prototypes.prototypes_of_group(db, other)) == 1


def test_prototypes_of_group_read_in_the_same_few_queries_however_many_there_are(db, small, board):
    from sqlalchemy import event

    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))

    def queries() -> int:
        statements.clear()
        prototypes.prototypes_of_group(db, small.group)
        return len(statements)

    prototypes.create_prototype(db, small.group, two_rounds(A))
    one = queries()
    for idea in (A, B, B):
        prototypes.create_prototype(db, small.group, two_rounds(idea))
    assert queries() == one  # not one query (or two) per prototype
    assert [s.rounds for s in prototypes.prototypes_of_group(db, small.group)] == [2, 2, 2, 2]


def test_delete_prototype_and_restore(db, small, board, rows):
    p = two_rounds(B)
    prototypes.create_prototype(db, small.group, p)
    stored = rows(db)
    snapshot = prototypes.delete_prototype(db, p.id)
    assert prototypes.prototypes_of_group(db, small.group) == ()
    assert rows(db)["prototype_iteration"] == []
    assert chosen(db, small.group)[B] is True  # the idea stays chosen
    restore_deleted(db, snapshot)
    assert prototypes.load_prototype(db, p.id) == p
    assert rows(db) == stored
    with pytest.raises(NotFoundError):
        prototypes.delete_prototype(db, uuid.uuid4())


# --- the figures ----------------------------------------------------------------------------------------


def test_stats_and_group_figures_count_ideas_votes_and_prototypes(db, small):
    """A hand-built programme: Bryn (LUP 1) with ideas, votes and prototypes; Evje (LUP 2) with one idea;
    Dal (LUP 1, another sector) with nothing."""
    start = views.stats(db)
    assert (start["ideas"], start["votes"], start["prototypes"]) == (0, 0, 0)

    helse = register.ensure_sector(db, "Helse")
    dal = register.create_service_location(db, "Dal bo- og behandlingssenter", helse)
    lup2 = cohorts.create_cohort(db, small.programme, "LUP 2", date(2019, 1, 10), date(2019, 6, 20))
    evje_group = groups.add_leader_group(db, lup2, small.evje, small.ola)
    dal_group = groups.add_leader_group(db, small.cohort, dal, small.kari)
    liv = groups.add_participant(db, evje_group, "Liv Strand")

    d = uuid.UUID(int=504)
    b = ib.set_dots(Board(), 4)
    for idea_id, text in (
        (A, "Felles kalender"),
        (B, "Fast kontaktperson"),
        (C, "Digital søknad"),
        (d, "Fire"),
    ):
        b = ib.add_idea(b, Idea(idea_id, text))
    b = ib.set_chosen(b, C, True)  # chosen without a prototype
    for idea_id, voter in ((A, small.leader), (A, small.leader), (B, small.leader), (A, small.enthusiast)):
        b = ib.cast_vote(b, idea_id, voter)
    ideas.set_board(db, small.group, b)
    e = uuid.UUID(int=505)
    evje_board = ib.cast_vote(ib.add_idea(Board(), Idea(e, "Evjes idé")), e, liv)
    ideas.set_board(db, evje_group, ib.cast_vote(evje_board, e, liv))

    # Bryn: one prototype tested in its latest round, one tested only in an earlier round, one draft.
    latest_tested = pt.new_prototype(A, "Testet sist")
    latest_tested = pt.edit_iteration(latest_tested, latest_tested.current.id, **PLAN, result="ok")
    earlier_only = two_rounds(B, "Testet før")  # its second round has no result yet
    draft = pt.new_prototype(A, "Utkast")
    for p in (latest_tested, earlier_only, draft):
        prototypes.create_prototype(db, small.group, p)
    # Evje: one prototype, tested in its second round.
    evje_proto = pt.next_iteration(pt.new_prototype(e, "Evje-prototype", need="x"))
    evje_proto = pt.edit_iteration(evje_proto, evje_proto.current.id, result="  Gikk fint  ")
    prototypes.create_prototype(db, evje_group, evje_proto)

    figures = views.stats(db)
    assert (figures["ideas"], figures["votes"], figures["prototypes"]) == (5, 6, 4)

    rows = views.group_figures(db)
    assert [(r.cohort, r.location) for r in rows] == [
        ("LUP 1", "Bryn skole"),
        ("LUP 1", "Dal bo- og behandlingssenter"),
        ("LUP 2", "Evje skole"),
    ]
    by_group = {r.group_id: r for r in rows}
    bryn, dal_row, evje = by_group[small.group], by_group[dal_group], by_group[evje_group]
    assert (bryn.sector, dal_row.sector, evje.sector) == ("Skole", "Helse", "Skole")
    # Bryn: A and B got prototypes (chosen by them), C was chosen by hand
    assert (bryn.ideas, bryn.votes, bryn.chosen, bryn.prototypes, bryn.tested) == (4, 4, 3, 3, 1)
    assert (dal_row.ideas, dal_row.votes, dal_row.chosen, dal_row.prototypes, dal_row.tested) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert (evje.ideas, evje.votes, evje.chosen, evje.prototypes, evje.tested) == (1, 2, 1, 1, 1)

    # the latest round decides: a new, untested round makes Evje's prototype untested again
    prototypes.edit_prototype(db, evje_proto.id, pt.next_iteration)
    assert {r.group_id: r.tested for r in views.group_figures(db)}[evje_group] == 0
    # and deleting an idea takes its votes and prototypes out of the figures
    ideas.delete_idea(db, A)
    after = views.stats(db)
    assert (after["ideas"], after["votes"], after["prototypes"]) == (4, 3, 2)
    bryn = {r.group_id: r for r in views.group_figures(db)}[small.group]
    assert (bryn.ideas, bryn.votes, bryn.chosen, bryn.prototypes, bryn.tested) == (3, 1, 2, 1, 0)
