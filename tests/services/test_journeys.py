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


def _idea_source_map(db):
    """A demo map of the group with a card that became an idea."""
    for choice in journeys.maps_of_group(db, GROUP):
        j = journeys.load_map(db, choice.id)
        if any(c.idea_id for c in j.cards):
            return j
    raise AssertionError("the demo group has no card that became an idea")


def test_copy_map_is_a_new_map_of_the_same_group_and_session(demo_db):
    from desktop.storage.models import JourneyMap

    source = _idea_source_map(demo_db)
    count = len(journeys.maps_of_group(demo_db, GROUP))
    copy_id = journeys.copy_map(demo_db, source.id, "  Slik vil vi ha det ", jr.MapKind.FUTURE)
    copy = journeys.load_map(demo_db, copy_id)

    assert copy_id != source.id and len(journeys.maps_of_group(demo_db, GROUP)) == count + 1
    assert (copy.title, copy.kind, copy.persona) == ("Slik vil vi ha det", jr.MapKind.FUTURE, source.persona)
    assert [(s.title, [(x.title, x.emotion) for x in s.steps]) for s in copy.stages] == [
        (s.title, [(x.title, x.emotion) for x in s.steps]) for s in source.stages
    ]
    assert [(x.title, x.kind) for x in copy.lanes] == [(x.title, x.kind) for x in source.lanes]
    assert [(c.text, c.colour) for c in copy.cards] == [(c.text, c.colour) for c in source.cards]
    old_ids = {x.id for x in (*source.stages, *source.steps, *source.lanes, *source.cards)}
    assert not old_ids & {x.id for x in (*copy.stages, *copy.steps, *copy.lanes, *copy.cards)}
    assert all(c.idea_id is None for c in copy.cards)  # the ideas stay with the original's cards
    assert journeys.load_map(demo_db, source.id) == source
    with demo_db.transaction() as s:
        rows = {m.id: m for m in s.query(JourneyMap).filter(JourneyMap.id.in_([source.id, copy_id]))}
        assert (rows[copy_id].leader_group_id, rows[copy_id].session_id, rows[copy_id].template_id) == (
            rows[source.id].leader_group_id,
            rows[source.id].session_id,
            rows[source.id].template_id,
        )

    # Undo (the copy deleted) and redo (the same copy back, same ids).
    snapshot = journeys.delete_map(demo_db, copy_id)
    assert journeys.load_map(demo_db, source.id) == source
    restore_deleted(demo_db, snapshot)
    assert journeys.load_map(demo_db, copy_id) == copy


def test_a_copys_persona_picture_is_kept_while_the_other_map_names_it(demo_db, tmp_path):
    """The two maps share the picture's file (stored by content): deleting one map keeps it for the other."""
    from dataclasses import replace

    from PIL import Image

    from desktop.services import photos

    source = tmp_path / "astrid.jpg"
    Image.new("RGB", (300, 400), (200, 40, 40)).save(source, "JPEG")
    digest = photos.store_picture(demo_db, source)
    map_id = journeys.new_map(demo_db, GROUP, LUP.journeys[0], jr.MapKind.CURRENT)
    journeys.edit_map(
        demo_db, map_id, lambda j: jr.set_persona(j, replace(j.persona, name="Astrid", photo=digest))
    )
    copy_id = journeys.copy_map(demo_db, map_id, "Astrid i fremtiden", jr.MapKind.FUTURE)
    assert journeys.load_map(demo_db, copy_id).persona.photo == digest

    journeys.delete_map(demo_db, copy_id)
    photos.prune_files(demo_db)
    assert photos.picture_path(demo_db, digest) is not None
    journeys.delete_map(demo_db, map_id)
    photos.prune_files(demo_db)
    assert photos.picture_path(demo_db, digest) is None  # named by no map now: in the bin


def test_copy_map_refuses_an_empty_name_and_stores_nothing(demo_db):
    import pytest

    from desktop.errors import ValidationError

    source = journeys.maps_of_group(demo_db, GROUP)[0]
    before = journeys.maps_of_group(demo_db, GROUP)
    with pytest.raises(ValidationError):
        journeys.copy_map(demo_db, source.id, " ", jr.MapKind.FUTURE)
    assert journeys.maps_of_group(demo_db, GROUP) == before


def test_a_groups_maps_count_their_own_cards(demo_db):
    group = demo_id("group", "LUP 4:Capralhaugen BBS")
    choices = journeys.maps_of_group(demo_db, group)
    assert choices and all(c.cards == len(journeys.load_map(demo_db, c.id).cards) for c in choices)
