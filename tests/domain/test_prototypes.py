"""Prototypes: drafts, the behov – løsning – test rounds, their status and their history."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from desktop.domain import prototypes as pt
from desktop.domain.prototypes import Decision, Iteration, Status
from desktop.errors import ValidationError

IDEA = uuid.UUID(int=7)

PLAN = {
    "need": "Innbyggere vil vite hvem de skal ringe",
    "solution": "Et kort med én fast kontakt",
    "assumption": "Et fast navn gjør at færre ringer servicetorget",
    "with_whom": "Fem brukere på dagsenteret",
    "place": "Dagsenteret på Bryn",
    "timing": "Uke 12",
    "success_criteria": "Minst tre av fem bruker kortet",
}


@pytest.fixture
def draft() -> pt.Prototype:
    return pt.new_prototype(IDEA, "  Kontaktkort  ", kit_id="lup", card_id="papirprototype")


def ready(prototype: pt.Prototype) -> pt.Prototype:
    return pt.edit_iteration(prototype, prototype.current.id, **PLAN)


def test_new_prototype_is_a_draft_with_one_round(draft):
    assert draft.title == "Kontaktkort"
    assert (draft.idea_id, draft.kit_id, draft.card_id) == (IDEA, "lup", "papirprototype")
    assert len(draft.iterations) == 1
    assert draft.status is Status.DRAFT and draft.is_draft
    assert draft.current.missing == ("Behov", "Hva vi tester (antakelse)")
    assert Status.DRAFT.label == "Utkast"


def test_new_prototype_with_a_need_lacks_only_the_assumption():
    p = pt.new_prototype(IDEA, "Kort", need="  Trenger oversikt ")
    assert p.current.need == "Trenger oversikt"
    assert p.current.missing == ("Hva vi tester (antakelse)",)
    assert p.is_draft


def test_new_prototype_takes_a_given_id_and_refuses_an_empty_or_long_title():
    given = uuid.UUID(int=99)
    assert pt.new_prototype(IDEA, "x", prototype_id=given).id == given
    with pytest.raises(ValidationError) as info:
        pt.new_prototype(IDEA, "   ")
    assert info.value.field == "title" and info.value.message == "Prototypen må ha et navn."
    pt.new_prototype(IDEA, "x" * pt.TITLE_MAX)
    with pytest.raises(ValidationError):
        pt.new_prototype(IDEA, "x" * (pt.TITLE_MAX + 1))


def test_rename_and_set_kind(draft):
    assert pt.rename(draft, " Nytt   navn ").title == "Nytt navn"
    with pytest.raises(ValidationError):
        pt.rename(draft, "")
    p = pt.set_kind(draft, "lup", "rollespill")
    assert (p.kit_id, p.card_id) == ("lup", "rollespill")
    assert pt.set_kind(p, None, None).card_id is None
    assert p.iterations == draft.iterations


def test_whitespace_only_need_is_still_a_draft(draft):
    p = pt.edit_iteration(draft, draft.current.id, need="   ", assumption="\n\t")
    assert p.current.need == "" and p.current.assumption == ""
    assert p.is_draft and len(p.current.missing) == 2


def test_status_progresses_ready_tested_then_the_decision(draft):
    p = ready(draft)
    assert p.status is Status.READY and p.current.missing == ()
    assert {name: getattr(p.current, name) for name in PLAN} == PLAN
    p = pt.edit_iteration(p, p.current.id, result="Fire av fem brukte kortet", tested_on=date(2024, 3, 20))
    assert p.status is Status.TESTED
    assert p.current.tested_on == date(2024, 3, 20)
    for decision, status in (
        (Decision.CONTINUE, Status.CONTINUE),
        (Decision.ADJUST, Status.ADJUST),
        (Decision.STOP, Status.STOP),
    ):
        decided = pt.edit_iteration(p, p.current.id, decision=decision)
        assert decided.status is status
    # a decision given as its value is turned into the enum
    as_text = pt.edit_iteration(p, p.current.id, decision="adjust")
    assert as_text.current.decision is Decision.ADJUST and as_text.status is Status.ADJUST
    # a decision can be taken back
    assert pt.edit_iteration(as_text, p.current.id, decision=None).status is Status.TESTED


def test_a_decision_without_need_or_assumption_is_still_a_draft(draft):
    p = pt.edit_iteration(draft, draft.current.id, result="gikk bra", decision=Decision.CONTINUE)
    assert p.status is Status.DRAFT


def test_an_unknown_decision_is_refused(draft):
    with pytest.raises(ValueError):
        pt.edit_iteration(draft, draft.current.id, decision="kanskje")


def test_edit_iteration_trims_text_and_treats_none_as_empty(draft):
    p = pt.edit_iteration(draft, draft.current.id, solution="  Papirskisse  \n", learning=None)
    assert p.current.solution == "Papirskisse" and p.current.learning == ""
    assert p.current.id == draft.current.id


def test_long_text_is_refused_and_the_prototype_untouched(draft):
    limit = "x" * pt.FIELD_MAX
    assert pt.edit_iteration(draft, draft.current.id, learning=limit).current.learning == limit
    with pytest.raises(ValidationError) as info:
        pt.edit_iteration(draft, draft.current.id, need="ok", learning=limit + "x")
    assert info.value.field == "learning"
    assert info.value.message == f"«Læring» kan ha høyst {pt.FIELD_MAX} tegn."
    assert draft.current.need == "" and draft.current.learning == ""


def test_unknown_fields_and_missing_rounds_are_refused(draft):
    with pytest.raises(TypeError):
        pt.edit_iteration(draft, draft.current.id, colour="rosa")
    with pytest.raises(TypeError):
        pt.edit_iteration(draft, draft.current.id, id=uuid.uuid4())
    with pytest.raises(ValidationError) as info:
        pt.edit_iteration(draft, uuid.uuid4(), need="x")
    assert info.value.field == "iteration" and info.value.message == "Runden finnes ikke lenger."


def test_next_iteration_carries_the_plan_and_blanks_the_outcome(draft):
    p = ready(draft)
    first = p.current.id
    p = pt.edit_iteration(
        p,
        first,
        result="Tre av fem",
        learning="Kortet må ha bilde",
        decision=Decision.ADJUST,
        tested_on=date(2024, 3, 20),
    )
    tested = p.current
    given = uuid.UUID(int=55)
    p2 = pt.next_iteration(p, given)
    assert len(p2.iterations) == 2
    assert p2.iterations[0] == tested  # the history is kept as it was
    new = p2.current
    assert new.id == given
    for name in pt.CARRIED_OVER:
        assert getattr(new, name) == getattr(tested, name) == PLAN[name]
    assert (new.result, new.learning, new.decision, new.tested_on) == ("", "", None, None)
    assert p2.status is Status.READY
    # editing the new round leaves the old one alone
    p3 = pt.edit_iteration(p2, given, solution="Kort med bilde")
    assert p3.iterations[0].solution == PLAN["solution"]
    assert p3.current.solution == "Kort med bilde"


def test_next_iteration_gets_a_fresh_id_when_none_is_given(draft):
    p = pt.next_iteration(pt.next_iteration(draft))
    assert len({it.id for it in p.iterations}) == 3


def test_next_iteration_starts_from_the_last_round_not_the_first(draft):
    p = pt.next_iteration(ready(draft))
    p = pt.edit_iteration(p, p.current.id, need="Nytt behov")
    p = pt.next_iteration(p)
    assert [it.need for it in p.iterations] == [PLAN["need"], "Nytt behov", "Nytt behov"]


def test_no_new_round_after_stop_until_the_decision_changes(draft):
    p = pt.edit_iteration(ready(draft), draft.current.id, result="Ingen brukte det", decision=Decision.STOP)
    with pytest.raises(ValidationError) as info:
        pt.next_iteration(p)
    assert info.value.field == "decision"
    assert "Prototypen er stoppet" in info.value.message
    assert len(p.iterations) == 1
    p = pt.edit_iteration(p, p.current.id, decision=Decision.CONTINUE)
    assert len(pt.next_iteration(p).iterations) == 2


def test_a_stop_in_an_earlier_round_does_not_block(draft):
    p = pt.edit_iteration(ready(draft), draft.current.id, decision=Decision.STOP)
    p = replace(p, iterations=(*p.iterations, Iteration(uuid.uuid4(), **PLAN)))
    assert len(pt.next_iteration(p).iterations) == 3


def test_remove_iteration_keeps_at_least_one(draft):
    p = pt.next_iteration(pt.next_iteration(ready(draft)))
    first, middle, last = (it.id for it in p.iterations)
    p2 = pt.remove_iteration(p, middle)
    assert [it.id for it in p2.iterations] == [first, last]
    p3 = pt.remove_iteration(p2, last)
    assert [it.id for it in p3.iterations] == [first]
    assert p3.current.id == first
    with pytest.raises(ValidationError) as info:
        pt.remove_iteration(p3, first)
    assert info.value.message == "En prototype har alltid minst én runde."
    with pytest.raises(ValidationError):
        pt.remove_iteration(p2, uuid.uuid4())


def test_status_follows_the_latest_round(draft):
    p = pt.edit_iteration(ready(draft), draft.current.id, result="ok", decision=Decision.CONTINUE)
    assert p.status is Status.CONTINUE
    p = pt.next_iteration(p)
    assert p.status is Status.READY
    p = pt.edit_iteration(p, p.current.id, assumption="")
    assert p.status is Status.DRAFT and p.current.missing == ("Hva vi tester (antakelse)",)
    assert p.iterations[0].status is Status.CONTINUE


def test_labels_are_norwegian():
    assert [d.label for d in Decision] == ["Fortsett", "Juster", "Stopp"]
    assert Status.TESTED.label == "Testet, ikke besluttet"
    assert [pt.field_label(name) for name in pt.TEXT_FIELDS][:3] == [
        "Behov",
        "Løsning",
        "Hva vi tester (antakelse)",
    ]
