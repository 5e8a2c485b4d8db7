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


def shape(m: jr.Journey):  # everything but the ids
    lanes, steps = [x.id for x in m.lanes], [x.id for x in m.steps]
    return (
        [(s.title, [(x.title, x.emotion) for x in s.steps]) for s in m.stages],
        [(x.title, x.kind) for x in m.lanes],
        [(c.text, c.colour, lanes.index(c.lane_id), steps.index(c.step_id)) for c in m.cards],
    )


def ids(m: jr.Journey) -> set:
    return {m.id} | {x.id for x in (*m.stages, *m.steps, *m.lanes, *m.cards)}


def test_copy_journey_has_the_same_content_under_new_ids(j):
    j = jr.add_stage(j, "Etterpå igjen")
    j = jr.edit_step(j, j.steps[1].id, emotion=-2)
    j = jr.add_card(j, *cell(j, 1, 1), "Må gjenta historien")
    j = jr.add_card(j, *cell(j, 2, 3), "Én kontakt")
    j = jr.edit_card(j, j.cards[0].id, idea_id=jr.new_id())  # it became an idea
    j = jr.set_persona(j, jr.Persona(name="Astrid, 82 år", quote="Jeg vil klare meg selv", photo="ab12"))
    copy = jr.copy_journey(j, "Slik vil vi ha det", jr.MapKind.FUTURE)

    assert (copy.title, copy.kind, copy.persona) == ("Slik vil vi ha det", jr.MapKind.FUTURE, j.persona)
    assert shape(copy) == shape(j)
    assert len(ids(copy)) == len(ids(j)) and not ids(copy) & ids(j)
    assert all(c.idea_id is None for c in copy.cards)  # a copied card is no idea's source
    assert j.cards[0].idea_id is not None  # the original is untouched


def test_copy_journey_needs_a_name(j):
    with pytest.raises(ValidationError) as info:
        jr.copy_journey(j, "  ", jr.MapKind.FUTURE)
    assert info.value.field == "title"


def test_a_lanes_kind_can_be_changed(j):
    j = jr.add_lane(j, "Egne notater")
    notes = j.lanes[-1]
    assert notes.kind is jr.LaneKind.CUSTOM and not notes.kind.leads_to_ideas
    j2 = jr.set_lane_kind(j, notes.id, jr.LaneKind.OPPORTUNITIES)
    assert j2.lanes[-1] == jr.Lane(notes.id, "Egne notater", jr.LaneKind.OPPORTUNITIES)
    assert j2.lanes[-1].kind.leads_to_ideas
    assert j2.lanes[:-1] == j.lanes[:-1]
    assert len({kind.label for kind in jr.LaneKind}) == len(jr.LaneKind)


# --- cards from the keyboard ----------------------------------------------------------------------------


def test_duplicate_cards_puts_each_copy_beside_its_original_as_no_idea(j):
    j = jr.add_card(j, *cell(j, 1, 2), "Må gjenta historien")
    j = jr.add_card(j, *cell(j, 1, 2), "Venter")
    j = jr.add_card(j, *cell(j, 0, 0), "Ringer")
    pain, _wait, call = j.cards
    j = jr.edit_card(j, pain.id, idea_id=jr.new_id())
    copy_ids = {pain.id: jr.new_id(), call.id: jr.new_id()}
    j2 = jr.duplicate_cards(j, copy_ids)
    assert [c.text for c in j2.cards_in(*cell(j, 1, 2))] == ["Må gjenta historien"] * 2 + ["Venter"]
    copy = j2.cards[1]
    assert copy.id == copy_ids[pain.id] and copy.idea_id is None
    assert (copy.lane_id, copy.step_id, copy.colour) == (pain.lane_id, pain.step_id, "pink")
    assert j2.cards[0] == j.cards[0]  # the original is still the idea's source
    assert [c.id for c in j2.cards_in(*cell(j, 0, 0))] == [call.id, copy_ids[call.id]]
    assert jr.duplicate_cards(j, copy_ids) == j2  # the caller's ids: redo gives the same map


def test_shift_cards_moves_one_cell_across_stages_and_not_off_the_map(j):
    j = jr.add_card(j, *cell(j, 0, 0), "En")
    j = jr.add_card(j, *cell(j, 0, 1), "Der fra før")
    j = jr.add_card(j, *cell(j, 0, 0), "To")
    j = jr.add_card(j, *cell(j, 2, 4), "Sist")
    one, _there, two, last = (c.id for c in j.cards)
    right = jr.shift_cards(j, {one, two}, steps=1)  # the next step is in the next stage
    assert [c.text for c in right.cards_in(*cell(j, 0, 1))] == ["Der fra før", "En", "To"]
    assert right.cards_in(*cell(j, 0, 0)) == ()
    down = jr.shift_cards(right, {one, two}, lanes=1)
    assert [c.text for c in down.cards_in(*cell(j, 1, 1))] == ["En", "To"]
    assert jr.shift_cards(down, {one, two}, steps=-1, lanes=-1) != down
    assert jr.shift_cards(j, {one}, steps=-1) == j  # the first step: nothing moves
    assert jr.shift_cards(j, {one}, lanes=-1) == j  # the top lane
    assert jr.shift_cards(j, {last}, steps=1) == j and jr.shift_cards(j, {last}, lanes=1) == j
    assert jr.shift_cards(j, {one, last}, steps=1) == j  # one at the edge: none moves
    assert jr.shift_cards(j, set(), steps=1) == j


def test_add_cards_pastes_texts_with_the_given_ids_at_the_end_of_a_cell(j):
    j = jr.add_card(j, *cell(j, 2, 1), "Fra før")
    new = [jr.new_id(), jr.new_id()]
    j2 = jr.add_cards(j, *cell(j, 2, 1), ["Fast kontakt", "Én søknad\nfor alt"], new)
    assert [(c.id, c.text, c.colour) for c in j2.cards_in(*cell(j, 2, 1))[1:]] == [
        (new[0], "Fast kontakt", "green"),
        (new[1], "Én søknad\nfor alt", "green"),
    ]
    with pytest.raises(ValidationError):
        jr.add_cards(j, *cell(j), ["Noe", "  "], [jr.new_id(), jr.new_id()])
