"""The Brukerreiser tab of a leader group: the demo's maps, a new map from the kit, edits that undo in the
window, export for print, the map on the wall."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.domain import journey as jr
from desktop.services import journeys
from desktop.services.demo import demo_id
from desktop.ui.navigator import node_key

GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")


@pytest.fixture
def panel(window):
    window.navigator.select(node_key("group", GROUP))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.journeys)
    return page.journeys


def test_the_demo_group_shows_its_journey(panel, window):
    maps = journeys.maps_of_group(window.context.db, GROUP)
    assert maps and panel.maps.count() == len(maps)
    assert panel.editor.journey.id == maps[0].id
    assert len(panel.editor.journey.cards) == maps[0].cards > 10


def test_rapid_capture_is_stored_and_undone_in_the_window(panel, window, qtbot):
    db = window.context.db
    before = journeys.load_map(db, panel.map_id)
    editor = panel.editor
    lane, step = editor.focus_cell
    editor.capture.setFocus()
    qtbot.waitUntil(editor.capture.hasFocus)
    for text in ("Venter på svar", "Ringer igjen"):
        editor.capture.setText(text)
        qtbot.keyClick(editor.capture, Qt.Key.Key_Return)
    stored = journeys.load_map(db, panel.map_id)
    assert [c.text for c in stored.cards_in(lane, step)][-2:] == ["Venter på svar", "Ringer igjen"]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert journeys.load_map(db, panel.map_id) == before


def test_new_map_from_the_kit(panel, window, dialogs):
    def fill(dialog) -> None:
        dialog.fields["kind"].setCurrentIndex(dialog.fields["kind"].findData(jr.MapKind.FUTURE.value))
        dialog.fields["title"].setText("Slik vil vi ha det")

    count = panel.maps.count()
    dialogs.answer(fill)
    panel.new_map()
    assert panel.maps.count() == count + 1
    new = journeys.load_map(window.context.db, panel.map_id)
    assert (new.title, new.kind) == ("Slik vil vi ha det", jr.MapKind.FUTURE)
    window.undo_action.trigger()
    assert panel.maps.count() == count


def test_export_for_print_is_a3_at_300_dpi(panel, tmp_path):
    path = panel.export_png(str(tmp_path / "kart.png"))
    image = QImage(path)
    assert (image.width(), image.height()) == (4961, 3508)


def test_export_to_a_folder_that_cannot_be_written_is_a_message(panel, window, tmp_path):
    messages = []
    window.context.error.disconnect()
    window.context.error.connect(messages.append)
    assert panel.export_png(str(tmp_path / "finnes-ikke" / "kart.png")) is None
    assert messages and "Kunne ikke skrive" in messages[0]


def test_the_map_on_the_wall(panel, window):
    panel.show_on_wall()
    wall = window.context.runner.projection
    assert wall.isVisible() and wall.showing_card  # a picture holds the wall until the countdown is asked for
    window.context.runner.close()


def test_persona_and_name_are_edited_in_one_undoable_step(panel, window, dialogs):
    db = window.context.db
    before = journeys.load_map(db, panel.map_id)

    def fill(dialog) -> None:
        dialog.fields["title"].setText("Astrids vei hjem")
        dialog.fields["persona"].setText("Astrid, 82 år")
        dialog.fields["quote"].setText("«Jeg vil klare meg selv»")
        dialog.fields["needs"].setPlainText("Trygghet om natten")

    dialogs.answer(fill)
    panel.edit_persona()
    after = journeys.load_map(db, panel.map_id)
    assert after.title == "Astrids vei hjem"
    assert (after.persona.name, after.persona.needs) == ("Astrid, 82 år", "Trygghet om natten")
    assert after.cards == before.cards
    window.undo_action.trigger()
    assert journeys.load_map(db, panel.map_id) == before


def solid_picture(path, colour=(220, 20, 60)):
    from PIL import Image

    Image.new("RGB", (600, 800), colour).save(path, "JPEG")
    return path


def test_the_persona_gets_a_picture_that_undo_takes_away_and_prints(panel, window, dialogs, tmp_path):
    from desktop.services import photos

    db = window.context.db
    before = journeys.load_map(db, panel.map_id)
    source = solid_picture(tmp_path / "IMG_1234.JPG")
    refused = []

    def fill(dialog) -> None:
        picture = dialog.fields["photo"]
        junk = tmp_path / "notat.txt"
        junk.write_text("ikke et bilde", encoding="utf-8")
        assert not picture.take(junk)  # refused at the place: the reason under the buttons
        refused.append(picture.message.text())
        assert picture.take(source)
        assert picture.preview.pixmap() is not None and not picture.preview.pixmap().isNull()

    dialogs.answer(fill)
    panel.edit_persona()
    assert refused and "notat.txt" in refused[0]
    after = journeys.load_map(db, panel.map_id)
    assert after.persona.photo and photos.picture_path(db, after.persona.photo) is not None
    assert after.persona.name == before.persona.name  # the rest of the persona is as it was
    assert panel.persona_button.text() == f"Persona: {before.persona.name} …"
    assert not panel.persona_button.icon().isNull()  # the persona's face on the button

    # The print shows the picture in the persona band (a crimson block near the top left).
    image = QImage(panel.export_png(str(tmp_path / "kart.png")))
    crimson = [
        (x, y)
        for x in range(0, image.width() // 3, 25)
        for y in range(0, image.height() // 4, 25)
        if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
    ]
    assert crimson

    window.undo_action.trigger()
    assert journeys.load_map(db, panel.map_id).persona.photo == before.persona.photo
    assert panel.persona_button.icon().isNull()


def test_removing_the_persona_picture(panel, window, dialogs, tmp_path):
    db = window.context.db
    source = solid_picture(tmp_path / "portrett.jpg", (30, 144, 255))
    dialogs.answer(lambda dialog: dialog.fields["photo"].take(source))
    panel.edit_persona()
    assert journeys.load_map(db, panel.map_id).persona.photo

    def remove(dialog) -> None:
        picture = dialog.fields["photo"]
        assert picture.remove_button.isEnabled()
        picture.remove_button.click()
        assert picture.digest is None and not picture.remove_button.isEnabled()

    dialogs.answer(remove)
    panel.edit_persona()
    assert journeys.load_map(db, panel.map_id).persona.photo is None


def test_an_empty_map_name_is_refused_at_the_field(panel, dialogs):
    def fill(dialog) -> None:
        dialog.fields["title"].setText("  ")

    dialogs.answer(fill)
    panel.edit_persona()
    assert "tomt" in dialogs.seen[-1].errors.message("title")


def test_delete_a_map_asks_and_undo_brings_it_back(panel, window, monkeypatch):
    db = window.context.db
    map_id = panel.map_id
    before = journeys.load_map(db, map_id)
    monkeypatch.setattr("desktop.ui.context.ask", lambda *a: True)
    panel.delete_map()
    assert all(m.id != map_id for m in journeys.maps_of_group(db, GROUP))
    window.undo_action.trigger()
    assert journeys.load_map(db, map_id) == before


def test_pain_points_can_become_ideas(panel):
    assert panel.editor.ideas_enabled is True


def _second_map(panel, window):
    from pathlib import Path

    from desktop.kits import load_kit

    kit = load_kit(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup")
    other = journeys.new_map(window.context.db, GROUP, kit.journeys[0], jr.MapKind.FUTURE, "Kart B")
    panel.refresh()
    return other


def test_text_typed_in_place_goes_to_its_own_map_when_the_map_is_switched(panel, window):
    db = window.context.db
    first = panel.map_id
    other = _second_map(panel, window)
    before = len(journeys.load_map(db, first).cards)
    panel.editor.new_card()
    panel.editor.inline_editor.setPlainText("Viktig innspill")
    panel._show(other)
    assert len(journeys.load_map(db, first).cards) == before + 1
    assert any(c.text == "Viktig innspill" for c in journeys.load_map(db, first).cards)
    assert journeys.load_map(db, other).cards == ()


def test_undo_shows_the_map_it_changes(panel, window):
    db = window.context.db
    first = panel.map_id
    other = _second_map(panel, window)
    lane, step = panel.editor.focus_cell
    panel.editor.add_card("Kort på A", lane, step)
    panel._show(other)
    window.undo_action.trigger()
    assert panel.map_id == first
    assert panel.editor.journey.id == first
    assert not any(c.text == "Kort på A" for c in journeys.load_map(db, first).cards)


def test_the_last_step_of_a_stage_cannot_be_deleted(panel):
    from desktop.errors import ValidationError

    j = panel.editor.journey
    stage = next(s for s in j.stages if len(s.steps) == 1)
    with pytest.raises(ValidationError):
        jr.delete_step(j, stage.steps[0].id)


def test_undo_while_typing_a_card_in_place_takes_back_the_typing_and_redo_brings_it(panel, window, qtbot):
    db = window.context.db
    editor = panel.editor
    assert editor.add_card("Et kort fra før")  # something to undo, so Undo is enabled
    card = editor.journey.cards[0]
    before = journeys.load_map(db, panel.map_id)
    window.activateWindow()
    editor.edit_card(card.id)
    inline = editor._inline
    qtbot.waitUntil(inline.hasFocus)
    inline.selectAll()
    qtbot.keyClicks(inline, "Skrevet rett før angre")
    window.undo_action.trigger()  # the toolbar or menu: the typing is stored first, then taken back
    assert editor._inline is None
    assert journeys.load_map(db, panel.map_id) == before  # the card added before is still there
    window.redo_action.trigger()
    redone = journeys.load_map(db, panel.map_id)
    assert next(c.text for c in redone.cards if c.id == card.id) == "Skrevet rett før angre"


def test_a_new_maps_kind_follows_its_template(panel, window, dialogs):
    """«Ny tjenestereise (slik vi vil ha det)» made a map of the kind «Nåsituasjon» unless changed."""
    from desktop.domain.enums import MapKind
    from desktop.services import journeys

    def choose(dialog) -> None:
        template = dialog.fields["template"]
        template.setCurrentIndex(
            next(i for i in range(template.count()) if "slik vi vil ha det" in template.itemText(i))
        )
        assert dialog.fields["kind"].currentData() == MapKind.FUTURE.value

    dialogs.answer(choose)
    panel.new_map()
    assert journeys.load_map(window.context.db, panel.map_id).kind is MapKind.FUTURE


def test_copy_the_current_map_as_the_future_one_in_one_undo_step(panel, window, dialogs):
    db = window.context.db
    source = journeys.load_map(db, panel.map_id)
    assert source.kind is jr.MapKind.CURRENT
    assert panel.copy_button.isVisible()
    count = panel.maps.count()
    suggested = []

    def fill(dialog) -> None:  # a current map is suggested as the future one, under the same name
        suggested.append((dialog.fields["title"].text(), dialog.fields["kind"].currentData()))

    dialogs.answer(fill)
    panel.copy_map()
    # The demo's map is named by its story alone, so the copy keeps the name (the kind tells them apart);
    # a «Nåsituasjon: <story>» would be suggested as «Framtidig situasjon: <story>».
    title = source.title
    assert suggested == [(title, jr.MapKind.FUTURE.value)]
    copy_id = panel.map_id
    assert copy_id != source.id and panel.maps.count() == count + 1
    assert panel.editor.journey.id == copy_id  # the copy is shown
    copy = journeys.load_map(db, copy_id)
    assert (copy.title, copy.kind, copy.persona) == (title, jr.MapKind.FUTURE, source.persona)
    assert [c.text for c in copy.cards] == [c.text for c in source.cards]
    assert not {c.id for c in copy.cards} & {c.id for c in source.cards}

    window.undo_action.trigger()  # one step: the copy is gone, the original shown
    assert panel.maps.count() == count and panel.map_id == source.id
    assert all(m.id != copy_id for m in journeys.maps_of_group(db, GROUP))
    assert journeys.load_map(db, source.id) == source
    window.redo_action.trigger()  # the same copy back, and shown
    assert panel.maps.count() == count + 1 and panel.map_id == copy_id
    assert journeys.load_map(db, copy_id) == copy


def test_a_copy_of_a_future_map_is_suggested_as_a_copy_and_its_name_follows_the_kind(panel, window, dialogs):
    db = window.context.db
    other = _second_map(panel, window)  # «Kart B», a future map
    panel._show(other)
    seen = []

    def fill(dialog) -> None:
        title, kind = dialog.fields["title"], dialog.fields["kind"]
        seen.append((title.text(), kind.currentData()))
        kind.setCurrentIndex(kind.findData(jr.MapKind.CURRENT.value))
        seen.append(title.text())  # an untouched suggestion follows the kind
        title.setText("Kart C")

    dialogs.answer(fill)
    panel.copy_map()
    assert seen == [("Kart B (kopi)", jr.MapKind.FUTURE.value), "Kart B (kopi)"]
    copy = journeys.load_map(db, panel.map_id)
    assert (copy.title, copy.kind) == ("Kart C", jr.MapKind.CURRENT)


def test_a_copy_needs_a_name(panel, window, dialogs):
    count = panel.maps.count()
    dialogs.answer(lambda dialog: dialog.fields["title"].setText("  "))
    panel.copy_map()
    assert "tomt" in dialogs.seen[-1].errors.message("title")
    assert panel.maps.count() == count


def test_a_current_map_without_the_kind_in_its_name_is_suggested_under_the_same_name(panel, window, dialogs):
    from dataclasses import replace

    journeys.edit_map(window.context.db, panel.map_id, lambda j: replace(j, title="Gunvors vei"))
    panel.refresh()
    seen = []
    dialogs.answer(lambda d: seen.append((d.fields["title"].text(), d.fields["kind"].currentData())))
    panel.copy_map()
    assert seen == [("Gunvors vei", jr.MapKind.FUTURE.value)]
    assert journeys.load_map(window.context.db, panel.map_id).title == "Gunvors vei"
