"""Journey operations: pure, checked, and leaving everything they do not touch as it was."""

from __future__ import annotations

import pytest

from desktop.domain import journey as jr
from desktop.errors import ValidationError

STAGES = ("Før", "Første kontakt", "Vedtak", "Tjenesten", "Etterpå")
LANES = (("handlinger", "Handlinger"), ("smertepunkter", "Smertepunkter"), ("muligheter", "Muligheter"))


@pytest.fixture
def j() -> jr.Journey:
    return jr.from_template("Eldre som søker hjelp", STAGES, LANES)


def cell(j, lane=0, step=0):
    return j.lanes[lane].id, j.steps[step].id


def test_template_gives_one_step_per_stage_and_lane_kinds(j):
    assert [s.title for s in j.stages] == list(STAGES)
    assert len(j.steps) == 5
    assert [lane.kind for lane in j.lanes] == [
        jr.LaneKind.ACTIONS,
        jr.LaneKind.PAIN_POINTS,
        jr.LaneKind.OPPORTUNITIES,
    ]


def test_add_card_takes_the_lanes_colour_and_refuses_empty_text(j):
    j2 = jr.add_card(j, *cell(j, 1, 2), "Må gjenta historien")
    assert j2.cards[-1].colour == "pink" and j2.cards[-1].text == "Må gjenta historien"
    with pytest.raises(ValidationError) as info:
        jr.add_card(j, *cell(j), "   ")
    assert info.value.field == "text"
    assert j.cards == ()  # the original is untouched


def test_long_and_markup_text_is_kept_whole(j):
    long_text = "x" * 10_000
    j2 = jr.add_card(jr.add_card(j, *cell(j), long_text), *cell(j), "<b>fet</b> &amp;")
    assert len(j2.cards[0].text) == 10_000
    assert j2.cards[1].text == "<b>fet</b> &amp;"


def test_move_cards_between_cells_keeps_order(j):
    for text in ("a", "b", "c"):
        j = jr.add_card(j, *cell(j, 0, 0), text)
    target = cell(j, 2, 4)
    moved = jr.move_cards(j, {j.cards[0].id, j.cards[2].id}, *target)
    assert [c.text for c in moved.cards_in(*target)] == ["a", "c"]
    assert [c.text for c in moved.cards_in(*cell(j, 0, 0))] == ["b"]
    first = jr.move_cards(moved, {moved.cards_in(*cell(j, 0, 0))[0].id}, *target, index=0)
    assert [c.text for c in first.cards_in(*target)] == ["b", "a", "c"]


def test_delete_stage_takes_its_steps_cards(j):
    j = jr.add_card(j, *cell(j, 0, 1), "på fase 2")
    j = jr.add_card(j, *cell(j, 0, 3), "på fase 4")
    after = jr.delete_stage(j, j.stages[1].id)
    assert [c.text for c in after.cards] == ["på fase 4"]
    assert len(after.stages) == 4


def test_steps_and_emotions(j):
    stage = j.stages[0]
    j = jr.add_step(j, stage.id, "Leter på nett")
    assert [s.title for s in j.stages[0].steps] == ["Før", "Leter på nett"]
    step = j.stages[0].steps[1]
    j = jr.edit_step(j, step.id, emotion=-2)
    assert j.stages[0].steps[1].emotion == -2
    with pytest.raises(ValidationError):
        jr.edit_step(j, step.id, emotion=3)
    j = jr.move_step(j, step.id, 0)
    assert j.stages[0].steps[0].id == step.id


def test_lanes_add_rename_move_delete(j):
    j = jr.add_lane(j, "Bak scenen", jr.LaneKind.BACKSTAGE)
    lane = j.lanes[-1]
    j = jr.rename_lane(jr.move_lane(j, lane.id, 0), lane.id, "Hvem gjør hva")
    assert j.lanes[0].title == "Hvem gjør hva"
    j = jr.add_card(j, lane.id, j.steps[0].id, "Saksbehandler")
    assert jr.delete_lane(j, lane.id).cards == ()


def test_a_persona_quote_is_shown_in_one_pair_of_quote_marks_however_it_was_typed():
    from desktop.domain.journey import Persona

    assert Persona(quote="«Jeg har fortalt det\nsamme før»").quoted == "«Jeg har fortalt det samme før»"
    assert Persona(quote='"Ring meg"').quoted == "«Ring meg»"
    assert Persona(quote="Ring meg").quoted == "«Ring meg»"
    assert Persona(quote=" «» ").quoted == ""


def test_a_title_too_long_for_its_column_is_refused() -> None:
    from desktop.domain.journey import clean_title
    from desktop.errors import ValidationError

    with pytest.raises(ValidationError):
        clean_title("x" * 5000)


def test_a_step_moves_into_another_stage_with_its_cards(j):
    """«Flytt til venstre» stopped at the stage's edge: a step put in the wrong stage could not leave it."""
    first, second = j.stages[0], j.stages[1]
    j = jr.add_step(j, second.id, "Ringer kommunen")
    moving = j.stages[1].steps[-1]
    j = jr.add_card(j, j.lanes[0].id, moving.id, "Venter i telefonkø")
    after = jr.move_step(j, moving.id, len(first.steps), first.id)
    assert [s.id for s in after.stages[0].steps][-1] == moving.id
    assert moving.id not in [s.id for s in after.stages[1].steps]
    assert (
        after.stage_of(next(c.step_id for c in after.cards if c.text == "Venter i telefonkø")).id == first.id
    )
    with pytest.raises(ValidationError):  # the first stage's own step cannot leave it empty
        jr.move_step(j, first.steps[0].id, 0, second.id)
