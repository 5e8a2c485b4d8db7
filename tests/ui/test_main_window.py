"""The main window driven offscreen: create, edit, undo, redo, filter, and refusals shown at the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QTextCursor

from desktop.services import views
from desktop.services.demo import demo_id
from desktop.ui.navigator import node_key

LUP3 = demo_id("cohort", "LUP 3")


def _cohort_names(db) -> list[str]:
    return [c.name for c in views.load_tree(db).programmes[0].cohorts]


def _new_cohort_answer(name: str, start: date, end: date):
    def fill(dialog) -> None:
        dialog.fields["name"].setText(name)
        dialog.fields["start_date"].setDate(QDate(start.year, start.month, start.day))
        dialog.fields["end_date"].setDate(QDate(end.year, end.month, end.day))

    return fill


def test_window_shows_the_demo_programme(window):
    keys = window.navigator.visible_keys()
    assert sum(k.startswith("cohort:") for k in keys) == 7
    assert sum(k.startswith("group:") for k in keys) == 152
    assert sum(k.startswith("location:") for k in keys) == 180
    assert sum(k.startswith("facilitator:") for k in keys) == 5
    assert window.current_key() == "start:"  # a first start shows the start page
    assert window.workspace.currentWidget() is window.workspace.start_page()


def test_create_cohort_then_undo_and_redo(window, dialogs, qtbot):
    db = window.context.db
    window.navigator.select(node_key("cohort", LUP3))
    dialogs.answer(_new_cohort_answer("LUP 8", date(2019, 3, 5), date(2019, 8, 20)))
    window.new_cohort_action.trigger()

    assert "LUP 8" in _cohort_names(db)
    assert window.current_key().startswith("cohort:")  # the new cohort is selected
    assert window.workspace.current_page().name.text() == "LUP 8"
    assert window.undo_action.text() == "Angre Nytt kull «LUP 8»"

    window.undo_action.trigger()
    assert "LUP 8" not in _cohort_names(db)
    assert not any(
        "LUP 8" in window.navigator.model.itemFromIndex(window.navigator.model.index(0, 0)).child(i).text()
        for i in range(window.navigator.model.item(0).rowCount())
    )
    assert window.redo_action.text() == "Gjør om Nytt kull «LUP 8»"

    window.redo_action.trigger()
    assert "LUP 8" in _cohort_names(db)


def test_refused_cohort_name_is_shown_at_the_field_and_nothing_is_stored(window, dialogs):
    db = window.context.db
    before = views.stats(db)

    def fill(dialog) -> None:
        dialog.fields["name"].setText("   ")

    dialogs.answer(fill)
    window.new_cohort_action.trigger()
    dialog = dialogs.seen[-1]
    assert dialog.result() != dialog.DialogCode.Accepted  # stays open with what was typed
    assert "tomt" in dialog.errors.message("name")
    assert views.stats(db) == before
    assert window.context.undo_stack.count() == 0


def test_add_leader_group_then_undo(window, dialogs):
    db = window.context.db
    window.navigator.select(node_key("groups", LUP3))
    free = views.free_locations(db, LUP3)
    target = free[0]

    def fill(dialog) -> None:
        combo = dialog.fields["service_location"]
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == target.id))

    dialogs.answer(fill)
    window.add_group_action.trigger()
    detail = views.cohort_detail(db, LUP3)
    assert detail.groups == 21
    assert window.current_key().startswith("group:")
    assert window.workspace.current_page().heading.text() == target.name

    window.undo_action.trigger()
    assert views.cohort_detail(db, LUP3).groups == 20
    assert target in views.free_locations(db, LUP3)


def test_rename_cohort_in_the_form_is_undoable(window, qtbot):
    db = window.context.db
    window.navigator.select(node_key("cohort", LUP3))
    page = window.workspace.current_page()
    page.name.setText("LUP 3 (høst)")
    page.name.editingFinished.emit()
    assert views.cohort_detail(db, LUP3).name == "LUP 3 (høst)"
    assert window.undo_action.text() == "Angre Gi nytt navn til kull «LUP 3»"
    assert any(
        "LUP 3 (høst)" in window.navigator.model.itemFromIndex(window.navigator.proxy.mapToSource(i)).text()
        for i in _visible_indexes(window)
    )
    window.undo_action.trigger()
    assert views.cohort_detail(db, LUP3).name == "LUP 3"
    assert page.name.text() == "LUP 3"


def test_invalid_end_date_is_refused_at_the_field(window):
    db = window.context.db
    window.navigator.select(node_key("cohort", LUP3))
    page = window.workspace.current_page()
    page.end.setDate(QDate(2016, 1, 1))  # before the start
    page.end.editingFinished.emit()
    assert "før startdatoen" in page.errors.message("end_date")
    assert views.cohort_detail(db, LUP3).end_date == date(2017, 2, 21)
    assert window.context.undo_stack.count() == 0


def test_participant_with_bad_email_is_refused_then_added(window, dialogs):
    db = window.context.db
    group = demo_id("group", "LUP 4:Capralhaugen BBS")
    window.navigator.select(node_key("group", group))
    before = len(views.group_detail(db, group).participants)

    def bad(dialog) -> None:
        dialog.fields["name"].setText("Kari Nordmann")
        dialog.fields["email"].setText("kari@")

    dialogs.answer(bad)
    window.add_participant_action.trigger()
    assert "e-postadresse" in dialogs.seen[-1].errors.message("email")
    assert len(views.group_detail(db, group).participants) == before

    def good(dialog) -> None:
        dialog.fields["name"].setText("Kari Nordmann")
        dialog.fields["email"].setText("Kari.Nordmann@baerum.kommune.no")

    dialogs.answer(good)
    window.add_participant_action.trigger()
    people = views.group_detail(db, group).participants
    assert len(people) == before + 1
    assert any(p.email == "kari.nordmann@baerum.kommune.no" for p in people)
    assert window.workspace.current_page().people.rowCount() == before + 1


def test_delete_cohort_asks_and_undo_restores_everything(window, monkeypatch):
    db = window.context.db
    before = views.stats(db)
    monkeypatch.setattr("desktop.ui.actions.ask", lambda *a: True)
    window.navigator.select(node_key("cohort", LUP3))
    window.delete_action.trigger()
    after = views.stats(db)
    assert (
        after["cohorts"] == before["cohorts"] - 1 and after["leader_groups"] == before["leader_groups"] - 20
    )
    window.undo_action.trigger()
    assert views.stats(db) == before


def test_delete_declined_changes_nothing(window, monkeypatch):
    db = window.context.db
    before = views.stats(db)
    monkeypatch.setattr("desktop.ui.actions.ask", lambda *a: False)
    window.navigator.select(node_key("cohort", LUP3))
    window.delete_action.trigger()
    assert views.stats(db) == before


def test_filter_shows_matches_with_their_parents(window, qtbot):
    window.navigator.filter_edit.setText("capralhaugen")
    keys = window.navigator.visible_keys()
    assert node_key("location", demo_id("location", "Capralhaugen BBS")) in keys
    assert node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS")) in keys
    assert node_key("cohort", demo_id("cohort", "LUP 4")) in keys  # its parent stays visible
    assert not any(k.startswith("facilitator:") for k in keys)
    assert sum(k.startswith("group:") for k in keys) == 1
    window.navigator.filter_edit.clear()
    assert sum(k.startswith("group:") for k in window.navigator.visible_keys()) == 152
    import unicodedata

    window.navigator.filter_edit.setText(unicodedata.normalize("NFD", "Bjørnegård"))  # å as a + ring
    assert node_key("location", demo_id("location", "Bjørnegård skole")) in window.navigator.visible_keys()
    window.navigator.filter_edit.clear()


def test_geometry_splitter_and_selection_are_restored(qtbot, demo_db, settings):
    from desktop.ui.main_window import MainWindow

    first = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(first)
    first.show()
    first.open_register(demo_db)
    first.resize(730, 520)  # the offscreen screen is 800 × 600; geometry is kept inside the screen
    first.splitter.setSizes([300, 800])
    key = node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS"))
    first.navigator.select(key)
    sizes = first.splitter.sizes()
    first.save_state()

    second = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(second)
    second.show()
    second.open_register(demo_db)
    assert (second.size().width(), second.size().height()) == (730, 520)
    assert second.splitter.sizes() == sizes
    assert second.current_key() == key
    assert second.workspace.current_page().heading.text() == "Capralhaugen BBS"


def test_a_navigator_squeezed_narrow_is_not_restored_narrow(qtbot, demo_db, settings):
    from desktop.ui.main_window import NAVIGATOR_LEAST, MainWindow

    first = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(first)
    first.show()
    first.open_register(demo_db)
    first.splitter.setSizes([60, 900])  # as a wide page beside the card browser can squeeze it
    first.save_state()
    second = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(second)
    second.show()
    second.open_register(demo_db)
    assert second.splitter.sizes()[0] >= NAVIGATOR_LEAST


def _visible_indexes(window):
    proxy = window.navigator.proxy
    out = []

    def walk(parent):
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            out.append(index)
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def test_search_finds_a_group_by_a_participants_name(window):
    db = window.context.db
    group = demo_id("group", "LUP 4:Capralhaugen BBS")
    person = views.group_detail(db, group).participants[0].name
    window.navigator.filter_edit.setText(person)
    keys = window.navigator.visible_keys()
    assert node_key("group", group) in keys
    window.navigator._into_results()
    assert window.current_key().startswith("group:")


def test_moving_to_a_group_that_is_not_in_the_list_is_refused(window, dialogs):
    db = window.context.db
    group = demo_id("group", "LUP 4:Capralhaugen BBS")
    window.navigator.select(node_key("group", group))
    page = window.workspace.current_page()
    person = page._people[0]

    def fill(dialog) -> None:
        dialog.fields["leader_group"].setEditText("LUP 7 · finnes ikke")

    dialogs.answer(fill)
    window.actions.move_participant(person, group)
    assert "fra listen" in dialogs.seen[-1].errors.message("leader_group")
    assert person.id in {p.id for p in views.group_detail(db, group).participants}


def test_closing_commits_the_field_being_edited_and_closes_cleanly(qtbot, demo_db, settings):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(win)
    win.show()
    win.open_register(demo_db)
    win.navigator.select(node_key("cohort", LUP3))
    page = win.workspace.current_page()
    page.name.setFocus()
    qtbot.waitUntil(page.name.hasFocus)
    page.name.setText("LUP 3 (siste)")
    win.close()  # the edit is stored before the database closes
    from desktop.storage.database import open_database

    again = open_database(demo_db.data_dir, backup=False)
    try:
        assert views.cohort_detail(again, LUP3).name == "LUP 3 (siste)"
    finally:
        again.close()


def test_undo_while_typing_in_a_multi_line_field_takes_back_the_typing(window, qtbot):
    db = window.context.db
    programme = views.load_tree(db).programmes[0]
    window.navigator.select(node_key("programme", programme.id))
    page = window.workspace.current_page()
    page.name.setText("LUP i Bærum")
    page.name.editingFinished.emit()  # an edit before, so Undo is on
    before = page.description.toPlainText()
    window.activateWindow()
    page.description.setFocus()
    qtbot.waitUntil(page.description.hasFocus)
    page.description.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.description, " Skrevet rett før angre.")
    window.undo_action.trigger()  # from the menu: the typing is stored, then taken back
    assert page.description.toPlainText() == before
    window.redo_action.trigger()
    assert page.description.toPlainText() == before + " Skrevet rett før angre."
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert page.name.text() != "LUP i Bærum"


def test_the_shortcut_help_names_every_places_keys_before_any_page_was_opened(window):
    """The run and wall keys, and those of the time plan, the journey map and the voting table, whether or
    not such a page was opened yet; in a dialog that scrolls and fits the screen."""
    from PySide6.QtWidgets import QTextBrowser

    window._show_shortcuts()
    dialog = window.shortcut_help
    text = dialog.findChild(QTextBrowser, "shortcutHelp").toPlainText()
    assert "Kjøring (virker i begge vinduer" in text and "+1 min" in text
    assert "Veggen\n" in text and "F11" in text and "Ut av fullskjerm" in text
    assert "Tidsplanen" in text and "Fra arbeidspakke" in text and "Fordel resten" in text
    assert "Brukerreisen" in text and "Følelsen opp" in text
    assert "Gi prikk" in text and "Neste deltaker" in text
    assert "1 / +" not in text  # + gives a dot in the voting table, not a minute
    from PySide6.QtGui import QKeySequence

    page_down = QKeySequence("PgDown").toString(QKeySequence.SequenceFormat.NativeText)
    heading = next(line for line in text.splitlines() if line.startswith("Kjøring"))
    assert page_down in heading  # the heading names the keys as the rows do
    assert dialog.height() <= dialog.screen().availableGeometry().height()
    dialog.close()


def test_settings_choose_the_language_and_when_the_countdown_turns_yellow_and_red(window, dialogs):
    from desktop.ui.settings import LANGUAGE, RUN_CRITICAL, RUN_WARNING

    def choose(dialog) -> None:
        language = dialog.fields["language"]
        language.setCurrentIndex(language.findData("en"))
        dialog.fields["warning"].setValue(25)
        dialog.fields["critical"].setValue(10)

    dialogs.answer(choose)
    window._settings()
    assert window.settings.get(LANGUAGE) == "en"
    assert (window.settings.get(RUN_WARNING), window.settings.get(RUN_CRITICAL)) == (0.25, 0.10)

    def red_before_yellow(dialog) -> None:
        dialog.fields["warning"].setValue(10)
        dialog.fields["critical"].setValue(30)

    dialogs.answer(red_before_yellow)
    window._settings()
    assert "Rød må komme etter gul" in dialogs.seen[-1].errors.message("critical")
    assert window.settings.get(RUN_CRITICAL) == 0.10  # nothing stored

    window.settings.set(RUN_WARNING, 0.125)  # as written in the INI file: shown as 12 %
    dialogs.answer(lambda dialog: None)  # OK without a change
    window._settings()
    assert window.settings.get(RUN_WARNING) == 0.125  # not rounded away


def test_a_leader_group_page_fits_beside_the_card_browser_on_a_laptop(window) -> None:
    """On a 1366-pixel laptop, the card browser docked beside a leader group's page leaves the navigator
    room: every tab of the page wraps its rows of buttons instead of asking for the window's width."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import NAVIGATOR_LEAST

    window.navigator.select(node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS")))
    page = window.workspace.current_page()
    window.methods_dock.show()
    QApplication.processEvents()
    browser = window.methods_dock.widget()
    room = 1366 - 2 * 12 - NAVIGATOR_LEAST  # the window's frame and the splitter handles
    assert page.minimumSizeHint().width() + browser.minimumSizeHint().width() <= room


def test_an_undo_or_redo_that_cannot_be_stored_stays_on_the_stack(window, monkeypatch):
    """Ctrl+Z on a full disk says «Frigjør plass og prøv igjen; ingenting er tapt»: so the step must still be
    there when she tries again (it was dropped from the stack, and the deleted group was lost for good)."""
    from PySide6.QtWidgets import QApplication

    from desktop.errors import DiskFullError
    from desktop.services import groups
    from desktop.services.common import restore_deleted
    from desktop.storage.models import LeaderGroup
    from desktop.ui.commands import DeleteCommand

    context, stack = window.context, window.context.undo_stack
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.context.show_error", lambda parent, message, *a: shown.append(message))
    group = demo_id("group", "LUP 4:Capralhaugen BBS")
    full = {"disk": False}

    def exists() -> bool:
        with context.db.transaction() as s:
            return s.get(LeaderGroup, group) is not None

    def delete(db):
        if full["disk"]:
            raise DiskFullError
        return groups.remove_leader_group(db, group)

    def restore(db, snapshot):
        if full["disk"]:
            raise DiskFullError
        restore_deleted(db, snapshot)

    def press(action) -> None:
        action.trigger()
        QApplication.processEvents()  # the stack is put back after the failed step

    assert context.perform(DeleteCommand("Fjern ledergruppe", delete, restore))
    index = stack.index()
    full["disk"] = True
    press(window.undo_action)
    assert "Disken er full" in shown[-1]
    assert stack.index() == index and not exists()  # not undone, and still to undo
    full["disk"] = False
    press(window.undo_action)
    assert stack.index() == index - 1 and exists()

    full["disk"] = True
    shown.clear()
    press(window.redo_action)
    assert shown and stack.index() == index - 1 and exists()  # not redone, and still to redo
    full["disk"] = False
    press(window.redo_action)
    assert stack.index() == index and not exists()


def test_a_notice_is_shown_in_the_status_bar(window):
    """«… er lagt til under Idéer», «Runde 2 er slettet …»: passing remarks reach the status bar (nothing
    listened to them, so they were lost)."""
    window.context.notice.emit("Runde 2 er slettet. Du kan angre med Ctrl+Z.")
    assert window.statusBar().currentMessage() == "Runde 2 er slettet. Du kan angre med Ctrl+Z."


def test_the_initiatives_tab_fits_beside_the_card_browser_on_a_laptop(window) -> None:
    """The measurements' long caption and the chart's minimum made the tab 832 px wide: the navigator was
    squeezed to 60 px on a 1280-pixel window with the card browser open."""
    page, browser, room = beside_the_card_browser(
        window, node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS")), "initiatives", 1280
    )
    assert page.minimumSizeHint().width() + browser.minimumSizeHint().width() <= room


def beside_the_card_browser(window, key: str, tab: str, screen: int):
    """The page of ``key`` on its ``tab`` with the card browser open: (page, browser, the room the two have
    on a ``screen``-pixel window beside the navigator's least width)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import NAVIGATOR_LEAST

    window.navigator.select(key)
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(getattr(page, tab))
    window.methods_dock.show()
    QApplication.processEvents()
    return page, window.methods_dock.widget(), screen - 2 * 12 - NAVIGATOR_LEAST


def test_a_new_group_at_a_place_not_in_the_list_says_why(window, dialogs, monkeypatch):
    """«Velg et tjenestested fra listen.» did not say whether the place was unknown or already taken."""
    monkeypatch.setattr("desktop.ui.actions.ask", lambda *_a: False)  # not registered now
    lup3 = views.cohort_detail(window.context.db, LUP3)
    taken = next(
        c.name
        for c in views.free_locations(window.context.db, None)
        if c not in views.free_locations(window.context.db, LUP3)
    )
    window.navigator.select(node_key("groups", LUP3))
    said: list[str] = []

    def typing(text):
        def fill(dialog) -> None:
            dialog.fields["service_location"].setEditText(text)
            dialog.accept()
            said.append(dialog.errors.message("service_location"))
            dialog.reject()

        return fill

    for text in ("Eikeli skole", taken):
        dialogs.answer(typing(text))
        window.add_group_action.trigger()
    assert "ikke registrert som tjenestested" in said[0] and "Fil → Nytt tjenestested" in said[0]
    assert f"har allerede en ledergruppe i {lup3.name}" in said[1]


def test_a_step_not_stored_puts_the_stack_back_even_when_the_message_box_runs_the_event_loop(
    window, monkeypatch
):
    """The message box about the full disk is modal: it runs the event loop while Qt is still moving the
    stack, and the stack ended one step off the data. Also a jump in «Historikk» over a step that cannot
    be stored leaves every step it passes as it should be."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from desktop.errors import DiskFullError
    from desktop.services import groups
    from desktop.services.common import restore_deleted
    from desktop.storage.models import LeaderGroup
    from desktop.ui.commands import DeleteCommand

    context, stack = window.context, window.context.undo_stack
    shown: list[str] = []

    def modal(_parent, message, *_a) -> None:  # as QMessageBox.exec: events are processed meanwhile
        shown.append(message)
        QApplication.processEvents()

    monkeypatch.setattr("desktop.ui.context.show_error", modal)
    with context.db.transaction() as s:
        ids = s.scalars(select(LeaderGroup.id).limit(3)).all()
    failing: set = set()

    def exists(group) -> bool:
        with context.db.transaction() as s:
            return s.get(LeaderGroup, group) is not None

    def command(group) -> DeleteCommand:
        def delete(db):
            if group in failing:
                raise DiskFullError
            return groups.remove_leader_group(db, group)

        def restore(db, snapshot):
            if group in failing:
                raise DiskFullError
            restore_deleted(db, snapshot)

        return DeleteCommand("Fjern ledergruppe", delete, restore)

    for group in ids:
        assert context.perform(command(group))
    base = stack.index() - 3

    def in_step() -> None:  # the stack's index says exactly which deletes are in effect
        QApplication.processEvents()
        assert [not exists(g) for g in ids] == [base + n < stack.index() for n in range(3)]

    failing.add(ids[2])
    window.undo_action.trigger()  # the last delete cannot be undone
    in_step()
    assert stack.index() == base + 3 and shown and "Disken er full" in shown[-1]
    failing.clear()
    failing.update(ids)  # the disk is full for all of them now
    said = len(shown)
    stack.setIndex(base)  # «Historikk»: back to before all three
    in_step()
    assert stack.index() == base + 3 and len(shown) == said + 1  # one message, not one per step
    failing.clear()
    failing.add(ids[1])
    stack.setIndex(base)  # back to before all three, over one that cannot be undone
    in_step()
    assert stack.index() == base + 2  # the middle one still in effect, the rest of the move not made
    failing.clear()
    stack.setIndex(base)
    in_step()
    assert stack.index() == base


def test_what_opening_the_register_noted_is_shown_in_the_status_bar(qtbot, demo_db, settings):
    from desktop.ui.main_window import MainWindow

    demo_db.start_notes = ["Sikkerhetskopien ved oppstart kunne ikke lages (disken er full)."]
    window = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(window)
    window.show()
    window.open_register(demo_db)
    assert "Sikkerhetskopien ved oppstart kunne ikke lages" in window.statusBar().currentMessage()


def test_a_place_not_registered_can_be_registered_from_the_new_group_dialog(window, dialogs, monkeypatch):
    """«Eikeli skole» typed in «Ny ledergruppe»: «Registrere det nå?» opens «Nytt tjenestested» with the
    name filled in, and the group is made there (two undo steps)."""
    asked: list[str] = []
    monkeypatch.setattr("desktop.ui.actions.ask", lambda _p, _t, question: asked.append(question) or True)
    window.navigator.select(node_key("groups", LUP3))
    before = views.cohort_detail(window.context.db, LUP3).groups

    def group(dialog) -> None:
        dialog.fields["service_location"].setEditText("Eikeli skole")

    def location(dialog) -> None:
        assert dialog.fields["name"].text() == "Eikeli skole"
        dialog.fields["sector"].setEditText("Oppvekst skole")

    dialogs.answer(group)
    dialogs.answer(location)
    window.add_group_action.trigger()
    assert "Registrere det nå?" in asked[0]
    assert views.cohort_detail(window.context.db, LUP3).groups == before + 1
    assert window.workspace.current_page().heading.text() == "Eikeli skole"


def test_the_run_tab_fits_beside_the_card_browser_on_a_small_laptop(window) -> None:
    """Twelve run buttons in a grid made the «Kjøring» tab 785 px wide: with the card browser open the
    browser at its own width squeezed the navigator on a 1280-pixel window. The buttons now wrap."""
    cohort = views.load_tree(window.context.db).programmes[0].cohorts[0]
    page, browser, room = beside_the_card_browser(
        window, node_key("session", cohort.sessions[0].id), "run_panel", 1280
    )
    assert page.minimumSizeHint().width() + browser.sizeHint().width() <= room


def test_a_divider_moved_inside_a_page_stays_where_she_left_it(window, qtbot) -> None:
    """The initiative's text fields are small on a laptop: she drags the divider down, and the next group's
    page (and the next start) had it back where it began."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.ui.settings import splitter_state

    def initiatives_of(name: str):
        window.navigator.select(node_key("group", demo_id("group", name)))
        page = window.workspace.current_page()
        page.tabs.setCurrentWidget(page.initiatives)
        QApplication.processEvents()
        return page.initiatives

    panel = initiatives_of("LUP 4:Capralhaugen BBS")
    before = panel.vertical.sizes()[0]
    handle = panel.vertical.handle(1)
    middle = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    QTest.mouseMove(handle, middle + QPoint(0, 120))
    QTest.mouseRelease(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle + QPoint(0, 120)
    )
    dragged = panel.vertical.sizes()[0]
    assert dragged > before + 30
    assert not window.settings.get(splitter_state("initiatives/fields")).isEmpty()
    from desktop.ui.initiative_panel import InitiativePanel

    again = InitiativePanel(window.context, panel.actions)  # as the page is made after a restart
    qtbot.addWidget(again)
    again.set_group(demo_id("group", "LUP 4:Capralhaugen BBS"))
    again.resize(panel.size())
    again.show()
    QApplication.processEvents()
    kept = again.vertical.sizes()[0]
    assert kept > before + 30 and abs(kept - dragged) <= 8  # within the rounding of a new layout


def test_an_edit_reloads_the_page_once(window, monkeypatch) -> None:
    """Every edit loaded the page twice: the navigator's tree, rebuilt, selected the same item again, which
    showed the page anew on top of its own reload (twice the work; the dashboard three times)."""
    window.navigator.select(node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS")))
    page = window.workspace.current_page()
    loads: list[str] = []
    real = type(page).reload
    monkeypatch.setattr(type(page), "reload", lambda self: loads.append(self.key) or real(self))
    window.context.changed.emit()
    assert loads == [node_key("group", demo_id("group", "LUP 4:Capralhaugen BBS"))]
    assert window.navigator.current_key() == loads[0]


def test_another_data_folder_is_opened_from_the_file_menu(window, tmp_path, monkeypatch) -> None:
    """A colleague's copy could only be opened with --data-dir on a command line."""
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QFileDialog

    from desktop.paths import chosen_data_dir
    from desktop.storage.database import open_database

    assert window.own_folder_action.isVisible()  # the test's register is not her own folder
    told: list[str] = []
    monkeypatch.setattr("desktop.ui.context.show_error", lambda _p, message, *_a: told.append(message))
    monkeypatch.setattr("desktop.ui.context.ask", lambda *_a: True)
    started: list[tuple] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda *args: started.append(args) or True)
    stick = tmp_path / "pinne"
    copy = stick / "LUP Verksted-kopi 2026-11-23 14.05"
    open_database(copy, backup=False).close()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(stick))  # one folder too high
    window.open_folder_action.trigger()
    assert "Fant ingen LUP Verksted-database" in told[-1] and copy.name in told[-1]
    assert chosen_data_dir() is None and not started and window.isVisible()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(copy))
    window.open_folder_action.trigger()
    assert chosen_data_dir() == copy
    assert started and started[0][1][-2:] == ["-m", "desktop"] and not window.isVisible()


def test_undo_after_going_to_another_item_changes_the_item_it_was_made_on(window) -> None:
    """Ctrl+Z after clicking another session gave that session the first one's old title: the edit's undo
    read the page's current item when it ran, not when the edit was made."""
    cohort = views.load_tree(window.context.db).programmes[0].cohorts[0]
    first, second = cohort.sessions[0], cohort.sessions[1]
    window.navigator.select(node_key("session", first.id))
    page = window.workspace.current_page()
    page._edit("Endre tittel", title="Velkommen til kullet")
    window.navigator.select(node_key("session", second.id))
    window.undo_action.trigger()
    assert views.session_detail(window.context.db, first.id).title == first.title
    assert views.session_detail(window.context.db, second.id).title == second.title
    window.redo_action.trigger()
    assert views.session_detail(window.context.db, first.id).title == "Velkommen til kullet"
    assert views.session_detail(window.context.db, second.id).title == second.title


def test_a_folder_this_version_cannot_open_is_refused_before_switching(window, tmp_path, monkeypatch) -> None:
    """A copy from a newer version (or damaged, or unfinished) was chosen, the app restarted on it and could
    not open it, and every later start opened it again: she was locked out of her own register."""
    import sqlite3

    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QFileDialog

    from desktop.paths import chosen_data_dir
    from desktop.storage.database import DB_NAME, open_database

    told: list[str] = []
    monkeypatch.setattr("desktop.ui.context.show_error", lambda _p, message, *_a: told.append(message))
    monkeypatch.setattr("desktop.ui.context.ask", lambda *_a: True)
    monkeypatch.setattr(QProcess, "startDetached", lambda *args: True)
    newer = tmp_path / "nyere"
    open_database(newer, backup=False).close()
    with sqlite3.connect(newer / DB_NAME) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_framtid'")
    unfinished = tmp_path / "LUP Verksted-kopi 2026-11-23 14.05 (ikke ferdig)"
    open_database(unfinished, backup=False).close()
    for folder, said in ((newer, "nyere versjon"), (unfinished, "ble ikke ferdig")):
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, f=folder: str(f))
        window.open_folder_action.trigger()
        assert said in told[-1]
        assert chosen_data_dir() is None and window.isVisible()


def test_staying_during_a_run_keeps_the_folder_as_it_was(window, tmp_path, monkeypatch) -> None:
    """«Nei» to «Avslutte under kjøringen?» kept the window, but the next start opened the other folder."""
    from desktop.paths import choose_data_dir, chosen_data_dir
    from desktop.storage.database import open_database

    copy = tmp_path / "kopi"
    open_database(copy, backup=False).close()
    choose_data_dir(None)
    monkeypatch.setattr(type(window), "close", lambda self: False)  # she chose to stay
    assert not window.switch_data_folder(copy)
    assert chosen_data_dir() is None
    monkeypatch.undo()  # the window can close again (else it stays open over the next tests)
