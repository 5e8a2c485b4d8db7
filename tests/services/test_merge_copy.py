"""Merging another laptop's copy of the register: what is new there comes in, the newest change wins,
deletions travel both ways without taking newer work, one thing made on two laptops becomes one, photos
come along, and a copy that can't be merged changes nothing."""

from __future__ import annotations

import shutil
import time
import uuid

import pytest
from PIL import Image
from sqlalchemy import select

from desktop.domain import ideas as ib
from desktop.domain.ideas import Idea
from desktop.errors import LupError, StorageError
from desktop.services import groups, ideas, photos, register
from desktop.services.data_copy import copy_data
from desktop.services.merge_copy import merge_copy, plan_merge
from desktop.storage.database import DB_NAME, open_database
from desktop.storage.models import Participant, ServiceLocation


@pytest.fixture
def laptop(db, small, tmp_path):
    """A copy of the register (with ``small`` in it) made for another laptop and opened there."""
    copy = copy_data(db, tmp_path / "stick").folder
    other = open_database(copy, backup=False)
    yield other
    other.close()


def later() -> None:
    """Time stamps of two edits made one after the other differ (the clock is read per edit)."""
    time.sleep(0.002)


def names(db, group: uuid.UUID) -> list[str]:
    with db.transaction() as s:
        return sorted(s.scalars(select(Participant.name).where(Participant.leader_group_id == group)))


def test_work_from_the_other_laptop_comes_in_and_a_second_merge_does_nothing(db, small, laptop, rows):
    groups.add_participant(laptop, small.group, "Siv Dahl")
    ideas.edit_board(laptop, small.group, lambda b: ib.add_idea(b, Idea(uuid.uuid4(), "Felles kalender")))
    groups.add_participant(db, small.group, "Per Berg")  # meanwhile, here
    before = rows(db)
    plan = plan_merge(db, laptop.data_dir)
    assert rows(db) == before  # a plan changes nothing
    assert (plan.added["participant"], plan.added["idea"]) == (1, 1)
    assert not plan.changed and not plan.removed
    done = merge_copy(db, laptop.data_dir)
    assert (done.added, done.changed, done.removed) == (plan.added, plan.changed, plan.removed)
    assert done.backup is not None and done.backup.is_file()
    assert "Siv Dahl" in names(db, small.group) and "Per Berg" in names(db, small.group)
    assert [i.text for i in ideas.load_board(db, small.group).ideas] == ["Felles kalender"]
    assert any(line == "Deltakere: 1 lagt til" for line in done.lines())
    assert merge_copy(db, laptop.data_dir).nothing


def test_the_newest_change_wins(db, small, laptop):
    groups.update_participant(db, small.leader, name="Kari Here")
    later()
    groups.update_participant(laptop, small.leader, name="Kari There")  # the later change
    groups.update_participant(laptop, small.enthusiast, name="Per There")
    later()
    groups.update_participant(db, small.enthusiast, name="Per Here")  # the later change
    done = merge_copy(db, laptop.data_dir)
    assert names(db, small.group) == ["Kari There", "Per Here"]
    assert done.changed["participant"] == 1 and done.kept == 1


def test_deletions_go_both_ways_but_never_take_later_work(db, small, laptop):
    gone_there = groups.add_participant(db, small.group, "Slettes der")
    gone_here = groups.add_participant(db, small.group, "Slettes her")
    edited_here = groups.add_participant(db, small.group, "Endres her")
    fresh = copy_data(db, laptop.data_dir.parent / "again").folder  # the laptop gets them too
    other = open_database(fresh, backup=False)
    try:
        groups.remove_participant(other, gone_there)
        groups.remove_participant(other, edited_here)
        later()
        groups.update_participant(db, edited_here, name="Endret her etterpå")
        groups.remove_participant(db, gone_here)
        plan = plan_merge(db, other.data_dir)
        assert plan.removed["participant"] == 1 and plan.kept == 0
        merge_copy(db, other.data_dir)
    finally:
        other.close()
    shown = names(db, small.group)
    assert "Slettes der" not in shown  # deleted there: gone here too
    assert "Slettes her" not in shown  # deleted here: does not come back from the copy
    assert "Endret her etterpå" in shown  # deleted there, but changed here since: kept


def test_a_group_deleted_there_stays_whole_when_someone_was_added_to_it_here_since(db, small, laptop):
    """Its other participants stay too: what the copy deleted along with the group stays with it."""
    before = names(db, small.group)
    groups.remove_leader_group(laptop, small.group)
    later()
    groups.add_participant(db, small.group, "Ny her")
    plan = plan_merge(db, laptop.data_dir)
    assert plan.removed["leader_group"] == 0 and plan.removed["participant"] == 0
    merge_copy(db, laptop.data_dir)
    assert names(db, small.group) == sorted([*before, "Ny her"])


def test_a_group_deleted_here_comes_back_whole_when_someone_was_added_to_it_there_since(db, small, laptop):
    before = names(db, small.group)
    groups.remove_leader_group(db, small.group)
    later()
    groups.add_participant(laptop, small.group, "Ny der")
    done = merge_copy(db, laptop.data_dir)
    assert done.added["leader_group"] == 1 and done.left_out == 0
    assert names(db, small.group) == sorted([*before, "Ny der"])


def test_what_belongs_to_something_deleted_here_is_said_when_it_stays_out(db, small, laptop):
    """Deleted here after the last change there: the copy's rows that hang on it do not come in, and the
    plan says so (it is not «nothing»)."""
    session_there = laptop  # a participant added there before the group was deleted here
    groups.add_participant(session_there, small.group, "Før slettingen")
    later()
    groups.remove_leader_group(db, small.group)
    plan = plan_merge(db, laptop.data_dir)
    assert plan.added["participant"] == 0 and plan.left_out == 1 and not plan.nothing
    assert any("kommer ikke inn" in line for line in plan.lines())


def test_a_deletion_travels_on_with_the_time_it_was_made(db, small, laptop, tmp_path):
    """B deleted Anne; C, later, renamed her. Here B's copy is merged first, then C's: C's change is later
    than the deletion, so Anne comes back, as she would merging C into B."""
    third = open_database(copy_data(db, tmp_path / "c").folder, backup=False)
    try:
        groups.remove_participant(laptop, small.enthusiast)
        later()
        groups.update_participant(third, small.enthusiast, name="Anne (C endret)")
        merge_copy(db, laptop.data_dir)
        assert "Anne Berg" not in names(db, small.group)
        merge_copy(db, third.data_dir)
    finally:
        third.close()
    assert "Anne (C endret)" in names(db, small.group)


def test_a_parent_still_used_here_is_not_deleted(db, small, laptop):
    """There the group, both locations and with them the sector were deleted; here, before that, a new
    location was registered in the sector. The sector stays (the location needs it); the rest goes."""
    legevakt = register.create_service_location(db, "Legevakt", small.sector)
    later()
    groups.remove_leader_group(laptop, small.group)
    register.delete_service_location(laptop, small.bryn)
    register.delete_service_location(laptop, small.evje)
    done = merge_copy(db, laptop.data_dir)
    assert done.removed["service_location"] == 2 and done.removed["sector"] == 0
    with db.transaction() as s:
        assert s.scalars(select(ServiceLocation.id)).all() == [legevakt]


def test_a_value_filled_in_here_is_not_emptied_by_a_newer_row_from_the_copy(db, small, laptop):
    groups.update_participant(db, small.enthusiast, email="anne@baerum.kommune.no")
    later()
    groups.update_participant(laptop, small.enthusiast, name="Anne B. Berg")
    merge_copy(db, laptop.data_dir)
    with db.transaction() as s:
        anne = s.get(Participant, small.enthusiast)
        assert (anne.name, anne.email) == ("Anne B. Berg", "anne@baerum.kommune.no")


def test_a_name_given_up_there_and_taken_by_a_new_location_there(db, small, laptop):
    """There Bryn skole was renamed «Bryn gamle», and a new «Bryn skole» registered: two places, not one."""
    register.update_service_location(laptop, small.bryn, name="Bryn gamle")
    new = register.create_service_location(laptop, "Bryn skole", small.sector)
    merge_copy(db, laptop.data_dir)
    with db.transaction() as s:
        found = dict(s.execute(select(ServiceLocation.name, ServiceLocation.id)).all())
    assert found["Bryn gamle"] == small.bryn and found["Bryn skole"] == new


def test_a_facilitator_taken_off_a_cohort_there_is_taken_off_here(db, small, laptop):
    from desktop.services import cohorts, views

    cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari, small.ola])
    fresh = open_database(copy_data(db, laptop.data_dir.parent / "again").folder, backup=False)
    try:
        cohorts.assign_cohort_facilitators(fresh, small.cohort, [small.ola])
        merge_copy(db, fresh.data_dir)
    finally:
        fresh.close()
    assert views.cohort_detail(db, small.cohort).facilitator_ids == {small.ola}


def test_a_group_deleted_there_goes_here_with_everything_in_it(db, small, laptop):
    groups.remove_leader_group(laptop, small.group)
    done = merge_copy(db, laptop.data_dir)
    assert done.removed["leader_group"] == 1 and done.removed["participant"] == 2
    assert names(db, small.group) == []


def test_one_thing_made_on_two_laptops_becomes_one(db, small, laptop):
    """Both laptops registered Haslum skole (same name, two ids); the copy's new leader group there follows
    this register's Haslum."""
    here = register.create_service_location(db, "Haslum skole", small.sector)
    there = register.create_service_location(laptop, "haslum  skole", small.sector)  # the same name
    group = groups.add_leader_group(laptop, small.cohort, there, small.ola)
    groups.add_participant(laptop, group, "Eva Lie")
    done = merge_copy(db, laptop.data_dir)
    assert done.added["service_location"] == 0 and done.added["leader_group"] == 1
    with db.transaction() as s:
        haslum = [i for i, n in s.execute(select(ServiceLocation.id, ServiceLocation.name)) if "aslum" in n]
    assert haslum == [here]
    assert names(db, group) == ["Eva Lie"]
    assert merge_copy(db, laptop.data_dir).nothing


def test_photos_come_with_their_files(db, small, laptop, tmp_path):
    picture = tmp_path / "tavle.png"
    Image.new("RGB", (40, 30), "orange").save(picture)
    photo = photos.add_photo(laptop, picture, group_id=small.group, caption="Tavla")
    done = merge_copy(db, laptop.data_dir)
    assert done.added["photo"] == 1 and done.photos == 1
    view = photos.photo(db, photo)
    assert view.caption == "Tavla" and view.path.is_file() and view.path.is_relative_to(db.data_dir)


def test_a_merge_that_would_break_a_rule_changes_nothing(db, small, laptop, rows):
    """There, Evje skole was renamed «Bryn skole» once Bryn was renamed; here, Bryn was changed later (moved
    to another sector) and keeps its name: the name would be taken twice. Nothing is merged, and the
    message says so."""
    register.update_service_location(laptop, small.bryn, name="Bryn skole (gammel)")
    register.update_service_location(laptop, small.evje, name="Bryn skole")
    later()
    register.update_service_location(db, small.bryn, sector_id=register.ensure_sector(db, "Oppvekst"))
    groups.add_participant(laptop, small.group, "Siv Dahl")
    before = rows(db)
    with pytest.raises(StorageError) as info:
        merge_copy(db, laptop.data_dir)
    assert "Ingenting er endret" in info.value.message
    assert rows(db) == before


def test_what_is_not_a_copy_is_refused_with_a_message(db, small, tmp_path, rows):
    before = rows(db)
    empty = tmp_path / "tom"
    empty.mkdir()
    with pytest.raises(StorageError) as info:
        plan_merge(db, empty)
    assert "Fant ingen LUP Verksted-database" in info.value.message
    with pytest.raises(StorageError) as info:
        merge_copy(db, db.data_dir)
    assert "Det er dette registeret" in info.value.message
    broken = tmp_path / "skadet"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(LupError):
        merge_copy(db, broken)
    assert rows(db) == before


def test_an_older_copy_is_read_without_being_changed(db, small, laptop, rows):
    """The copy on the stick is read from a snapshot: its file is not written (not even upgraded)."""
    stick = laptop.data_dir / DB_NAME
    laptop.close()
    content = stick.read_bytes()
    merge_copy(db, stick.parent)
    assert stick.read_bytes() == content
    shutil.rmtree(stick.parent)


def test_the_colleagues_own_kits_come_along_and_one_of_the_same_name_here_stays(db, small, laptop):
    from desktop.kits.loader import OWN_KITS_DIR

    theirs = laptop.data_dir / OWN_KITS_DIR
    (theirs / "min-pakke").mkdir(parents=True)
    (theirs / "min-pakke" / "kit.toml").write_text('id = "min-pakke"\n', encoding="utf-8")
    (theirs / "felles").mkdir()
    (theirs / "felles" / "kit.toml").write_text('id = "felles" # der\n', encoding="utf-8")
    ours = db.data_dir / OWN_KITS_DIR / "felles"
    ours.mkdir(parents=True)
    (ours / "kit.toml").write_text('id = "felles" # her\n', encoding="utf-8")
    assert plan_merge(db, laptop.data_dir).kits == 1
    done = merge_copy(db, laptop.data_dir)
    assert done.kits == 1 and "Egne arbeidspakker: 1 lagt til" in done.lines()
    assert (db.data_dir / OWN_KITS_DIR / "min-pakke" / "kit.toml").read_text(
        encoding="utf-8"
    ) == 'id = "min-pakke"\n'
    assert (ours / "kit.toml").read_text(encoding="utf-8") == 'id = "felles" # her\n'
    assert merge_copy(db, laptop.data_dir).nothing


def test_cards_put_in_one_place_on_both_laptops_are_both_kept_in_the_order_they_were_made(
    db, small, tmp_path
):
    """Both laptops added a card at the end of the same cell (the same position): after the merge both are
    there, the earlier one first, and they read the same every time."""
    from desktop.domain import journey as jr
    from desktop.kits import load_kit
    from desktop.paths import project_root
    from desktop.services import journeys

    kit = load_kit(project_root() / "workshop_kits" / "lup")
    map_id = journeys.new_map(db, small.group, kit.journeys[0], jr.MapKind.CURRENT)
    other = open_database(copy_data(db, tmp_path / "stick").folder, backup=False)
    try:
        journey = journeys.load_map(db, map_id)
        lane, step = journey.lanes[0].id, journey.steps[0].id
        journeys.edit_map(other, map_id, lambda j: jr.add_card(j, lane, step, "Først, der"))
        later()
        journeys.edit_map(db, map_id, lambda j: jr.add_card(j, lane, step, "Så, her"))
        merge_copy(db, other.data_dir)  # the card made first is stored here last
    finally:
        other.close()
    texts = [c.text for c in journeys.load_map(db, map_id).cards_in(lane, step)]
    assert texts[-2:] == ["Først, der", "Så, her"]
    assert [[c.text for c in journeys.load_map(db, map_id).cards_in(lane, step)] for _n in range(3)] == [
        texts
    ] * 3


def test_a_copy_whose_clock_runs_ahead_is_said(db, small, laptop):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    groups.update_participant(laptop, small.leader, name="Per fra framtiden")
    with laptop.transaction() as s:
        s.execute(
            update(Participant)
            .where(Participant.id == small.leader)
            .values(updated_at=datetime.now(UTC) + timedelta(hours=2))
        )
    plan = plan_merge(db, laptop.data_dir)
    assert any("Klokken på den andre maskinen" in line for line in plan.lines())
    assert not any("Klokken" in line for line in plan_merge(laptop, db.data_dir).lines())


def test_a_damaged_copy_is_named_as_the_copy(db, small, tmp_path, rows):
    before = rows(db)
    broken = tmp_path / "skadet"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"ikke en database")
    with pytest.raises(StorageError) as info:
        merge_copy(db, broken)
    assert "Kopien i" in info.value.message and "skadet" in info.value.message
    assert rows(db) == before


def test_a_cohort_deleted_there_with_its_location_stays_whole_here_and_comes_back_whole_there(
    db, small, laptop
):
    """There LUP 1 was deleted (its group at Bryn with it), then the unused Bryn skole; here, later, only a
    session of the cohort was renamed. Here the cohort keeps its group, and the group its location (the
    merge was refused for good before); merged the other way, the cohort comes back there whole."""
    from desktop.services import cohorts

    cohorts.delete_cohort(laptop, small.cohort)
    register.delete_service_location(laptop, small.bryn)
    later()
    cohorts.update_session(db, small.session, title="Oppstart (ny tittel)")
    before = names(db, small.group)
    done = merge_copy(db, laptop.data_dir)
    assert not done.removed and names(db, small.group) == before
    assert any("blir stående her" in line for line in done.lines())
    back = merge_copy(laptop, db.data_dir)
    assert back.added["leader_group"] == 1 and back.added["service_location"] == 1
    assert names(laptop, small.group) == before


def test_someone_deleted_on_her_own_does_not_come_back_with_her_group(db, small, laptop):
    groups.remove_participant(db, small.enthusiast)
    later()
    groups.remove_leader_group(db, small.group)
    later()
    groups.add_participant(laptop, small.group, "Ny der")
    merge_copy(db, laptop.data_dir)
    assert names(db, small.group) == ["Ny der", "Per Olsen"]


def test_a_run_record_is_taken_whole_from_one_side(db, small, tmp_path):
    """Here the block was run (start, end, time); there, later, its note was changed and nothing run: the
    record stays. Then there the block is started again (no end yet): that record comes whole, not with
    this laptop's old end."""
    from datetime import UTC, datetime

    from sqlalchemy import insert, update

    from desktop.storage.models import AgendaBlock

    block = uuid.uuid4()
    with db.transaction() as s:
        s.execute(
            insert(AgendaBlock).values(
                id=block, session_id=small.session, position=0, title="Innsjekk", minutes=30
            )
        )
    laptop = open_database(copy_data(db, tmp_path / "stick").folder, backup=False)
    try:
        ran = {
            "actual_start": datetime(2018, 3, 6, 8, 30, tzinfo=UTC),
            "actual_end": datetime(2018, 3, 6, 9, 0, tzinfo=UTC),
            "actual_seconds": 1800,
        }
        with db.transaction() as s:
            s.execute(update(AgendaBlock).where(AgendaBlock.id == block).values(**ran))
        later()
        with laptop.transaction() as s:
            s.execute(update(AgendaBlock).where(AgendaBlock.id == block).values(notes="Husk flippover"))
        merge_copy(db, laptop.data_dir)
        with db.transaction() as s:
            row = s.get(AgendaBlock, block)
            assert (row.notes, row.actual_seconds, row.actual_end is not None) == (
                "Husk flippover",
                1800,
                True,
            )
        later()
        with laptop.transaction() as s:
            s.execute(
                update(AgendaBlock)
                .where(AgendaBlock.id == block)
                .values(
                    actual_start=datetime(2018, 3, 7, 8, 30, tzinfo=UTC), actual_end=None, actual_seconds=None
                )
            )
        merge_copy(db, laptop.data_dir)
    finally:
        laptop.close()
    with db.transaction() as s:
        row = s.get(AgendaBlock, block)
        assert (row.actual_start.day, row.actual_end, row.actual_seconds) == (7, None, None)


def test_two_places_renamed_to_one_name_in_different_case_are_refused(db, small, laptop, rows):
    """Here Bryn became «Nord»; there, later, Evje became «nord»: the app holds those for one name, so the
    merge is refused and says which; nothing changes."""
    register.update_service_location(db, small.bryn, name="Nord")
    later()
    register.update_service_location(laptop, small.evje, name="nord")
    before = rows(db)
    with pytest.raises(StorageError) as info:
        merge_copy(db, laptop.data_dir)
    assert "«Nord» og «nord»" in info.value.message and "Ingenting er endret" in info.value.message
    assert rows(db) == before


def test_one_edited_participant_does_not_bring_back_a_cohort_deleted_after_it(db, small, laptop):
    """Here Anne was removed; there, later, she was renamed; here, later still, the whole cohort was deleted.
    The cohort was deleted after all the work there: it stays deleted, Anne with it."""
    from desktop.services import cohorts

    groups.remove_participant(db, small.enthusiast)
    later()
    groups.update_participant(laptop, small.enthusiast, name="Anne (der)")
    later()
    cohorts.delete_cohort(db, small.cohort)
    done = merge_copy(db, laptop.data_dir)
    assert not done.added and not any("blir stående" in line for line in done.lines())
    assert names(db, small.group) == []


def test_a_group_made_here_in_a_cohort_deleted_there_does_not_stop_the_merge(db, small, laptop):
    """Here a group was added at Evje; there, not knowing it, the cohort was deleted and then both unused
    locations. The deletions are later than the group: the group goes with its cohort, and Evje after it
    (the merge was refused for good before: Evje was deleted while the group still pointed to it)."""
    from desktop.services import cohorts

    evje_group = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    later()
    cohorts.delete_cohort(laptop, small.cohort)
    register.delete_service_location(laptop, small.bryn)
    register.delete_service_location(laptop, small.evje)
    done = merge_copy(db, laptop.data_dir)
    assert done.removed["leader_group"] == 2 and done.removed["service_location"] == 2
    assert names(db, evje_group) == []
    with db.transaction() as s:
        assert s.scalars(select(ServiceLocation.id)).all() == []
