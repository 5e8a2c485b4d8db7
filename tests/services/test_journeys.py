"""Journey maps stored: round trip, edits with undo by putting the old map back, and deletion."""

from __future__ import annotations

from pathlib import Path

from desktop.domain import journey as jr
from desktop.kits import load_kit
from desktop.services import journeys
from desktop.services.common import restore_deleted
from desktop.services.demo import demo_id

LUP = load_kit(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup")
GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")


def test_new_map_from_a_kit_template_round_trips(demo_db):
    template = LUP.journeys[0]
    map_id = journeys.new_map(demo_db, GROUP, template, jr.MapKind.CURRENT)
    j = journeys.load_map(demo_db, map_id)
    assert [s.title for s in j.stages] == list(template.stages)
    assert [lane.title for lane in j.lanes] == [lane.title for lane in template.lanes]
    assert any(m.id == map_id for m in journeys.maps_of_group(demo_db, GROUP))


def test_every_edit_undoes_exactly(demo_db):
    map_id = journeys.new_map(demo_db, GROUP, LUP.journeys[0], jr.MapKind.CURRENT)
    original = journeys.load_map(demo_db, map_id)
    lane, step = original.lanes[0].id, original.steps[0].id
    edits = [
        lambda j: jr.add_card(j, lane, step, "Ringer servicetorget"),
        lambda j: jr.add_stage(j, "Etter vedtaket"),
        lambda j: jr.edit_step(j, step, emotion=-1),
        lambda j: jr.add_lane(j, "Egne notater"),
        lambda j: jr.delete_stage(j, j.stages[0].id),
        lambda j: jr.set_persona(j, jr.Persona(name="Kari", quote="«Jeg vil klare meg selv»")),
    ]
    for edit in edits:
        before = journeys.edit_map(demo_db, map_id, edit)
        assert before == original
        assert journeys.load_map(demo_db, map_id) != original
        journeys.set_map(demo_db, map_id, before)
        assert journeys.load_map(demo_db, map_id) == original


def test_card_order_and_moves_are_stored(demo_db):
    map_id = journeys.new_map(demo_db, GROUP, LUP.journeys[0], jr.MapKind.CURRENT)
    j = journeys.load_map(demo_db, map_id)
    lane, step = j.lanes[1].id, j.steps[1].id
    for text in ("første", "andre", "tredje"):
        journeys.edit_map(demo_db, map_id, lambda j, t=text: jr.add_card(j, lane, step, t))
    j = journeys.load_map(demo_db, map_id)
    last = j.cards_in(lane, step)[-1].id
    journeys.edit_map(demo_db, map_id, lambda j: jr.move_cards(j, {last}, lane, step, index=0))
    assert [c.text for c in journeys.load_map(demo_db, map_id).cards_in(lane, step)] == [
        "tredje",
        "første",
        "andre",
    ]


def test_delete_map_and_restore(demo_db):
    map_id = journeys.new_map(demo_db, GROUP, LUP.journeys[0], jr.MapKind.FUTURE)
    journeys.edit_map(demo_db, map_id, lambda j: jr.add_card(j, j.lanes[0].id, j.steps[0].id, "kort"))
    before = journeys.load_map(demo_db, map_id)
    snapshot = journeys.delete_map(demo_db, map_id)
    assert all(m.id != map_id for m in journeys.maps_of_group(demo_db, GROUP))
    restore_deleted(demo_db, snapshot)
    assert journeys.load_map(demo_db, map_id) == before
