"""«Hent inn arbeid fra en kopi …»: the facilitator sees what comes in before saying yes, the views show it
after, and the undo history no longer reaches back over the merge."""

from __future__ import annotations

import pytest

from desktop.services import groups
from desktop.services.data_copy import copy_data
from desktop.services.demo import demo_id
from desktop.storage.database import open_database
from desktop.ui.merge_actions import MergeActions
from desktop.ui.report_actions import ReportActions

GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")


class Answers:
    """Stands in for the message boxes: records (title, message, details) and answers questions."""

    def __init__(self, yes: bool = True) -> None:
        self.yes = yes
        self.asked: list[tuple[str, str, tuple[str, ...]]] = []
        self.told: list[tuple[str, str, tuple[str, ...], bool]] = []

    def ask(self, parent, title, question, details=(), yes=None) -> bool:
        self.asked.append((title, question, tuple(details)))
        return self.yes

    def tell(self, parent, title, message, details=(), folder=None, warning=False) -> None:
        self.told.append((title, message, tuple(details), warning))


@pytest.fixture
def answers(window, monkeypatch) -> Answers:
    found = Answers()
    modal = ReportActions.of(window.context)
    monkeypatch.setattr(modal, "ask", found.ask)
    monkeypatch.setattr(modal, "tell", found.tell)
    return found


@pytest.fixture
def other_laptop(window, tmp_path):
    """A copy of the register, opened as the other laptop does, with a participant added there."""
    folder = copy_data(window.context.db, tmp_path / "stick").folder
    other = open_database(folder, backup=False)
    groups.add_participant(other, GROUP, "Siv fra den andre maskinen")
    other.close()
    return folder


def participants(window) -> list[str]:
    from desktop.services import views

    return [p.name for p in views.group_detail(window.context.db, GROUP).participants]


def test_the_work_comes_in_after_a_yes_and_undo_no_longer_reaches_back(window, answers, other_laptop, qtbot):
    from desktop.ui.commands import ChangeCommand

    db = window.context.db
    person = groups.add_participant(db, GROUP, "Ola Her")
    window.context.perform(
        ChangeCommand("Endre navn", lambda db, v: groups.update_participant(db, person, **v), {"name": "Ola"})
    )
    assert window.context.undo_stack.canUndo()
    ReportActions.of(window.context).choose_folder = lambda parent, title: str(other_laptop)
    window.merge_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=60_000)
    title, question, details = answers.asked[0]
    assert title == "Hente inn arbeidet fra kopien?" and str(other_laptop) in question
    assert details == ("Deltakere: 1 lagt til",)
    title, message, details, warning = answers.told[-1]
    assert (title, details, warning) == ("Hentet inn", ("Deltakere: 1 lagt til",), False)
    assert "kan ikke lenger angres" in message
    assert {"Ola", "Siv fra den andre maskinen"} <= set(participants(window))
    assert not window.context.undo_stack.canUndo()


def test_answering_no_changes_nothing(window, answers, other_laptop, qtbot):
    answers.yes = False
    before = participants(window)
    job = MergeActions.of(window.context).merge(window, other_laptop)
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=60_000)
    qtbot.waitUntil(lambda: not job.is_running(), timeout=10_000)
    assert participants(window) == before and answers.told == []


def test_a_copy_with_nothing_new_says_so(window, answers, tmp_path, qtbot):
    folder = copy_data(window.context.db, tmp_path / "stick").folder
    MergeActions.of(window.context).merge(window, folder)
    qtbot.waitUntil(lambda: bool(answers.told), timeout=60_000)
    assert answers.told[-1][:2] == ("Ingenting å hente inn", "Alt i kopien finnes allerede her.")
    assert answers.asked == []


def test_a_folder_without_a_copy_is_explained(window, answers, tmp_path, qtbot):
    MergeActions.of(window.context).merge(window, tmp_path)
    qtbot.waitUntil(lambda: bool(answers.told), timeout=60_000)
    title, message, _details, warning = answers.told[-1]
    assert title == "Kopien kan ikke hentes inn" and warning
    assert "Fant ingen LUP Verksted-database" in message


def test_no_merge_while_a_session_is_run(window, answers, other_laptop, monkeypatch):
    monkeypatch.setattr(window.context, "live_run", lambda: True)
    assert MergeActions.of(window.context).merge(window, other_laptop) is None
    title, message, _details, warning = answers.told[-1]
    assert title == "Kjøringen pågår" and warning and answers.asked == []
