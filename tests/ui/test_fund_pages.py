"""Oppdrift through the window: fund rounds in the navigator, the round page's fields and figures, and the
applications' dialogs (new, scoring, decision with its refusals at the field), follow-up and guidance."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from desktop.domain.fund import Criterion, FundDecision, kroner
from desktop.services import fund, initiatives, views
from desktop.ui import actions as actions_module
from desktop.ui.fund_pages import ApplicationTableModel, FundRoundPage, FundRoundsPage
from desktop.ui.navigator import node_key


@pytest.fixture
def initiative_ids(window) -> list:
    """Three initiatives of our own (the demo may or may not have some)."""
    db = window.context.db
    groups = [g for c in views.load_tree(db).programmes[0].cohorts for g in c.groups][:3]
    titles = ("Digitalt tilsyn om natten", "Frisklivsgruppe for seniorer", "Språkkafé i barnehagen")
    return [initiatives.create_initiative(db, g.id, t) for g, t in zip(groups, titles, strict=True)]


@pytest.fixture
def round_page(window, initiative_ids):
    """A round of 1 000 000 kr with two applications (300 000 and 500 000 kr), shown in the window."""
    db = window.context.db
    round_id = fund.create_round(
        db,
        "Testrunde høsten 2019",
        1_000_000,
        applicant_workshop=date(2019, 9, 10),
        deadline=date(2019, 10, 1),
        decision_date=date(2019, 11, 1),
    )
    fund.create_application(db, round_id, initiative_ids[0], 300_000)
    fund.create_application(db, round_id, initiative_ids[1], 500_000)
    window.refresh()
    assert window.navigator.select(node_key("fundround", round_id))
    page = window.workspace.current_page()
    assert isinstance(page, FundRoundPage)
    return page


def select(page: FundRoundPage, title: str):
    row = next(i for i, a in enumerate(page.model.rows) if a.initiative_title == title)
    page.table.setCurrentIndex(page.model.index(row, ApplicationTableModel.INITIATIVE))
    return page.current_application()


def test_new_round_by_dialog_is_in_the_navigator_and_undoable(window, dialogs):
    window.navigator.select(node_key("fundrounds"))
    folder = window.workspace.current_page()
    assert isinstance(folder, FundRoundsPage)
    before = len(fund.rounds(window.context.db))

    def fill(dialog) -> None:
        dialog.fields["name"].setText("Oppdrift våren 2020")
        dialog.fields["budget"].setText("1 000 000 kr")
        dialog.fields["info_workshop"].edit.setDate(QDate(2019, 12, 3))
        dialog.fields["applicant_workshop"].edit.setDate(QDate(2020, 1, 29))
        dialog.fields["deadline"].edit.setDate(QDate(2020, 3, 1))
        dialog.fields["decision_date"].edit.setDate(QDate(2020, 4, 15))

    dialogs.answer(fill)
    folder.buttons.itemAt(0).widget().click()  # "Ny runde …"
    page = window.workspace.current_page()
    assert isinstance(page, FundRoundPage)
    assert window.current_key() == node_key("fundround", page.id)
    assert page.heading.text() == "Oppdrift våren 2020"
    assert page.figures.budget.value.text() == "1\u00a0000\u00a0000\u00a0kr"
    assert node_key("fundround", page.id) in window.navigator.visible_keys()
    assert window.navigator._items[node_key("fundround", page.id)].text().endswith("frist 01.03.2020")
    assert fund.round_view(window.context.db, page.id).applicant_workshop == date(2020, 1, 29)

    window.undo_action.trigger()
    assert len(fund.rounds(window.context.db)) == before


def test_new_round_dates_out_of_order_are_refused_at_the_field(window, dialogs):
    def fill(dialog) -> None:
        dialog.fields["name"].setText("Feil rekkefølge")
        dialog.fields["budget"].setText("500000")
        dialog.fields["info_workshop"].edit.setDate(QDate(2019, 12, 3))
        dialog.fields["applicant_workshop"].edit.setDate(QDate(2020, 1, 29))
        dialog.fields["deadline"].edit.setDate(QDate(2020, 3, 1))
        dialog.fields["decision_date"].edit.setDate(QDate(2020, 2, 1))

    before = len(fund.rounds(window.context.db))
    dialogs.answer(fill)
    assert not window.actions.new_fund_round()
    assert "søknadsfristen" in dialogs.seen[-1].errors.message("decision_date")
    assert len(fund.rounds(window.context.db)) == before


def test_edit_budget_then_undo(window, round_page):
    page = round_page
    page.tabs.setCurrentIndex(1)
    page.budget.setText("1 200 000")
    page.budget.editingFinished.emit()
    assert fund.round_view(window.context.db, page.id).budget == 1_200_000
    assert page.budget.text() == "1\u00a0200\u00a0000\u00a0kr"
    assert page.figures.left.value.text() == "1\u00a0200\u00a0000\u00a0kr"
    window.undo_action.trigger()
    assert fund.round_view(window.context.db, page.id).budget == 1_000_000
    assert page.budget.text() == "1\u00a0000\u00a0000\u00a0kr"


def test_negative_budget_and_dates_out_of_order_are_refused_at_the_field(window, round_page):
    page = round_page
    page.budget.setText("-5000")
    page.budget.editingFinished.emit()
    assert "kan ikke være under 0" in page.errors.message("budget")
    assert fund.round_view(window.context.db, page.id).budget == 1_000_000

    edit = page.dates["applicant_workshop"]
    edit.edit.setDate(QDate(2019, 10, 20))  # after the deadline
    edit.edit.editingFinished.emit()
    assert "før søknadsfristen" in page.errors.message("applicant_workshop")
    assert fund.round_view(window.context.db, page.id).applicant_workshop == date(2019, 9, 10)

    edit.edit.setDate(QDate(2019, 9, 10))  # back in order; then the deadline moved before it
    edit.edit.editingFinished.emit()
    page.dates["deadline"].edit.setDate(QDate(2019, 9, 1))
    page.dates["deadline"].edit.editingFinished.emit()
    assert "før søkerverkstedet" in page.errors.message("deadline")
    assert not page.errors.message("applicant_workshop")


@pytest.mark.parametrize("typed", ["2.5", "12,50 kr", "1.5 mill"])
def test_a_budget_that_is_not_whole_kroner_is_refused_at_the_field(window, round_page, typed):
    page = round_page
    page.tabs.setCurrentIndex(1)
    page.budget.setText(typed)
    page.budget.editingFinished.emit()
    assert "«Ramme» må være" in page.errors.message("budget")
    assert fund.round_view(window.context.db, page.id).budget == 1_000_000
    page.budget.setText("1.250.000,-")  # dots between thousands are fine
    page.budget.editingFinished.emit()
    assert not page.errors.message("budget")
    assert fund.round_view(window.context.db, page.id).budget == 1_250_000


def test_budget_below_what_is_granted_is_refused(window, round_page):
    page = round_page
    app = select(page, "Frisklivsgruppe for seniorer")
    fund.update_application(window.context.db, app.id, decision=FundDecision.GRANTED, amount_granted=400_000)
    window.context.changed.emit()
    page.budget.setText("350 000")
    page.budget.editingFinished.emit()
    assert "allerede tildelt 400" in page.errors.message("budget")
    assert fund.round_view(window.context.db, page.id).budget == 1_000_000


def test_new_application_by_dialog(window, dialogs, round_page, initiative_ids):
    page = round_page
    stack = window.context.undo_stack.count()

    def fill(dialog) -> None:
        combo = dialog.fields["initiative"]
        assert combo.count() >= 1
        # The two initiatives that already applied in this round are not offered again.
        offered = {combo.itemData(i) for i in range(combo.count())}
        assert initiative_ids[2] in offered and not offered & set(initiative_ids[:2])
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == initiative_ids[2]))
        dialog.fields["amount_applied"].setText("150 000")

    dialogs.answer(fill)
    page.new_application()
    assert page.current_application().initiative_title == "Språkkafé i barnehagen"
    assert page.current_application().amount_applied == 150_000
    assert page.figures.applications.value.text() == "3"
    assert page.tabs.tabText(0) == "Søknader (3)"
    assert window.context.undo_stack.count() == stack + 1
    window.undo_action.trigger()
    assert len(fund.round_view(window.context.db, page.id).applications) == 2


def test_scoring_with_the_five_criteria(window, dialogs, round_page):
    page = round_page
    app = select(page, "Digitalt tilsyn om natten")

    def fill(dialog) -> None:
        for score, criterion in zip((5, 4, 3, 4, 5), Criterion, strict=True):
            dialog.fields[criterion.value].setValue(score)

    dialogs.answer(fill)
    page.score_button.click()
    stored = next(a for a in fund.round_view(window.context.db, page.id).applications if a.id == app.id)
    assert stored.score == 21
    row = page.model.row_of(app.id)
    assert page.model.index(row, ApplicationTableModel.SUM).data() == "21"
    assert (
        dialogs.seen[-1]
        .form.labelForField(dialogs.seen[-1].fields[Criterion.ANCHORED.value].parentWidget())
        .text()
        == Criterion.ANCHORED.label
    )


def test_grant_larger_than_applied_is_refused_at_the_field(window, dialogs, round_page):
    page = round_page
    app = select(page, "Digitalt tilsyn om natten")  # applied for 300 000

    def fill(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.GRANTED.value))
        dialog.fields["amount_granted"].setText("350 000")

    dialogs.answer(fill)
    page.decide_button.click()
    assert "større enn søknadsbeløpet" in dialogs.seen[-1].errors.message("amount_granted")
    stored = next(a for a in fund.round_view(window.context.db, page.id).applications if a.id == app.id)
    assert (stored.decision, stored.amount_granted) == (FundDecision.PENDING, None)


def test_a_grant_with_ore_is_refused_at_the_field_not_truncated(window, dialogs, round_page):
    page = round_page
    select(page, "Digitalt tilsyn om natten")

    def fill(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.GRANTED.value))
        dialog.fields["amount_granted"].setText("250.5")  # once read as 2 505 kr

    dialogs.answer(fill)
    page.decide_button.click()
    assert "hele kroner, for eksempel" in dialogs.seen[-1].errors.message("amount_granted")
    assert fund.round_view(window.context.db, page.id).overview.granted == 0


def test_negative_grant_is_refused_at_the_field(window, dialogs, round_page):
    page = round_page
    select(page, "Digitalt tilsyn om natten")

    def fill(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.GRANTED.value))
        dialog.fields["amount_granted"].setText("-1000")

    dialogs.answer(fill)
    page.decide_button.click()
    assert "kan ikke være under 0" in dialogs.seen[-1].errors.message("amount_granted")
    assert fund.round_view(window.context.db, page.id).overview.granted == 0


def test_grant_beyond_the_budget_left_is_refused(window, dialogs, round_page):
    page = round_page
    db = window.context.db
    other = select(page, "Frisklivsgruppe for seniorer")
    fund.update_application(db, other.id, decision=FundDecision.GRANTED, amount_granted=500_000)
    fund.update_round(db, page.id, budget=700_000)  # 200 000 left
    window.context.changed.emit()
    select(page, "Digitalt tilsyn om natten")

    def fill(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.GRANTED.value))
        assert dialog.fields["amount_granted"].text() == "200\u00a0000\u00a0kr"  # suggested: what is left
        dialog.fields["amount_granted"].setText("250 000")

    dialogs.answer(fill)
    page.decide_button.click()
    assert "bare 200" in dialogs.seen[-1].errors.message("amount_granted")
    assert fund.round_view(db, page.id).overview.granted == 500_000


def test_grant_within_limits_updates_the_overview_and_undoes(window, dialogs, round_page):
    page = round_page
    select(page, "Digitalt tilsyn om natten")

    def fill(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.GRANTED.value))
        dialog.fields["amount_granted"].setText("250 000")

    dialogs.answer(fill)
    page.decide_button.click()
    o = fund.round_view(window.context.db, page.id).overview
    assert (o.granted, o.funded, o.left) == (250_000, 1, 750_000)
    assert page.figures.granted.value.text() == "250\u00a0000\u00a0kr"
    assert page.figures.funded.value.text() == "1 av 2"
    assert page.figures.left.value.text() == "750\u00a0000\u00a0kr"
    assert page.figures.chart.series[0][1] == [1_000_000, 800_000, 250_000]
    row = page.model.row_of(page.current_application().id)
    assert page.model.index(row, ApplicationTableModel.DECISION).data() == "Innvilget"
    assert page.model.index(row, ApplicationTableModel.GRANTED).data() == "250\u00a0000"
    assert not page.guidance.isEnabled()  # guidance is for those without a grant

    window.undo_action.trigger()
    o = fund.round_view(window.context.db, page.id).overview
    assert (o.granted, o.funded, o.left) == (0, 0, 1_000_000)
    assert page.figures.funded.value.text() == "0 av 2"


def test_unfunded_applicant_offered_guidance_with_notes(window, dialogs, round_page):
    page = round_page
    app = select(page, "Frisklivsgruppe for seniorer")

    def reject(dialog) -> None:
        decision = dialog.fields["decision"]
        decision.setCurrentIndex(decision.findData(FundDecision.REJECTED.value))
        assert not dialog.fields["amount_granted"].isEnabled()

    dialogs.answer(reject)
    page.decide_button.click()
    assert page.current_application().decision is FundDecision.REJECTED
    assert page.guidance.isEnabled()
    page.guidance.click()  # checks it, as a user would
    page.guidance_notes.setFocus()
    page.guidance_notes.setPlainText("Sparring med Kunnskapssenteret om ny søknad i vår.")
    page.guidance_notes.document().setModified(True)
    page.guidance_notes.editingFinished.emit()
    page.follow_up.setPlainText("Søker igjen neste runde.")
    page.follow_up.document().setModified(True)
    page.follow_up.editingFinished.emit()
    stored = next(a for a in fund.round_view(window.context.db, page.id).applications if a.id == app.id)
    assert stored.guidance_offered
    assert stored.guidance_notes == "Sparring med Kunnskapssenteret om ny søknad i vår."
    assert stored.follow_up == "Søker igjen neste runde."
    row = page.model.row_of(app.id)
    assert page.model.index(row, ApplicationTableModel.GUIDANCE).data() == "Ja"
    window.undo_action.trigger()  # the follow-up
    window.undo_action.trigger()  # the notes
    window.undo_action.trigger()  # the checkbox
    stored = next(a for a in fund.round_view(window.context.db, page.id).applications if a.id == app.id)
    assert not stored.guidance_offered and stored.guidance_notes == "" and stored.follow_up == ""
    assert not page.guidance.isChecked()


def test_delete_application_asks_and_undo_brings_it_back(window, round_page, monkeypatch):
    page = round_page
    app = select(page, "Digitalt tilsyn om natten")
    answers = iter([False, True])
    asked = []

    def answer(_parent, _title, question) -> bool:
        asked.append(question)
        return next(answers)

    monkeypatch.setattr(actions_module, "ask", answer)
    page.delete_button.click()
    assert len(fund.round_view(window.context.db, page.id).applications) == 2
    page.table.setFocus()
    page.delete_button.click()
    assert "Digitalt tilsyn om natten" in asked[0]
    assert [a.id for a in fund.round_view(window.context.db, page.id).applications] != [app.id]
    assert page.model.row_of(app.id) == -1
    assert page.figures.applications.value.text() == "1"
    window.undo_action.trigger()
    assert page.model.row_of(app.id) >= 0
    assert page.figures.applications.value.text() == "2"


def test_delete_round_asks_and_undo(window, round_page, monkeypatch):
    page = round_page
    round_id = page.id
    monkeypatch.setattr(actions_module, "ask", lambda *_a: True)
    assert window.actions.delete_fund_round(round_id)
    assert node_key("fundround", round_id) not in window.navigator.visible_keys()
    window.undo_action.trigger()
    assert len(fund.round_view(window.context.db, round_id).applications) == 2
    assert node_key("fundround", round_id) in window.navigator.visible_keys()


def test_applications_table_sorts_by_amount_and_score(window, round_page):
    page = round_page
    page.table.sortByColumn(ApplicationTableModel.APPLIED, Qt.SortOrder.DescendingOrder)
    assert [a.amount_applied for a in page.model.rows] == [500_000, 300_000]
    page.table.sortByColumn(ApplicationTableModel.APPLIED, Qt.SortOrder.AscendingOrder)
    assert [a.amount_applied for a in page.model.rows] == [300_000, 500_000]
    page.table.sortByColumn(ApplicationTableModel.SUM, Qt.SortOrder.DescendingOrder)  # none scored yet
    assert len(page.model.rows) == 2


def test_withdrawn_applications_are_counted_apart_in_the_tab_and_the_figures(window, round_page):
    page = round_page
    assert page.tabs.tabText(0) == "Søknader (2)"
    app = select(page, "Frisklivsgruppe for seniorer")
    fund.update_application(window.context.db, app.id, decision=FundDecision.WITHDRAWN)
    window.context.changed.emit()
    assert page.tabs.tabText(0) == "Søknader (1 + 1 trukket)"
    assert page.figures.applications.value.text() == "1"
    assert page.figures.funded.value.text() == "0 av 1"
    assert "1 trukket" in page.figures.applications.toolTip()
    assert len(page.model.rows) == 2  # still listed


@pytest.fixture
def scored(window, round_page, initiative_ids):
    """Four applications: fully scored 15 and 24, partly scored 20 (four criteria), and one unscored."""
    db = window.context.db
    page = round_page
    group = views.load_tree(db).programmes[0].cohorts[0].groups[0]
    fourth = initiatives.create_initiative(db, group.id, "Velkomstpakke for nyansatte")
    fund.create_application(db, page.id, fourth, 100_000)
    fund.create_application(db, page.id, initiative_ids[2], 50_000)
    columns = list(fund.SCORE_COLUMNS.values())
    for title, scores in (
        ("Digitalt tilsyn om natten", (3, 3, 3, 3, 3)),
        ("Velkomstpakke for nyansatte", (5, 5, 5, 5, 4)),
        ("Frisklivsgruppe for seniorer", (5, 5, 5, 5, None)),
    ):
        a = next(a for a in fund.round_view(db, page.id).applications if a.initiative_title == title)
        fund.update_application(db, a.id, **dict(zip(columns, scores, strict=True)))
    window.context.changed.emit()
    return page


def test_partial_sums_show_how_much_is_scored(scored):
    page = scored
    texts = {
        a.initiative_title: page.model.index(i, ApplicationTableModel.SUM).data()
        for i, a in enumerate(page.model.rows)
    }
    assert texts == {
        "Digitalt tilsyn om natten": "15",
        "Velkomstpakke for nyansatte": "24",
        "Frisklivsgruppe for seniorer": "20 (4/5)",
        "Språkkafé i barnehagen": "–",
    }
    row = next(
        i for i, a in enumerate(page.model.rows) if a.initiative_title == "Frisklivsgruppe for seniorer"
    )
    assert page.model.index(row, ApplicationTableModel.SUM).data(Qt.ItemDataRole.ToolTipRole) == (
        "4 av 5 kriterier vurdert"
    )


def test_partial_and_unscored_sums_sort_after_the_fully_scored_both_ways(scored):
    page = scored
    page.table.sortByColumn(ApplicationTableModel.SUM, Qt.SortOrder.DescendingOrder)
    assert [page.model.index(i, ApplicationTableModel.SUM).data() for i in range(4)] == [
        "24",
        "15",
        "20 (4/5)",
        "–",
    ]
    page.table.sortByColumn(ApplicationTableModel.SUM, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(i, ApplicationTableModel.SUM).data() for i in range(4)] == [
        "15",
        "24",
        "20 (4/5)",
        "–",
    ]


def test_folder_lists_rounds_with_their_figures(window, round_page):
    round_id = round_page.id
    window.navigator.select(node_key("fundrounds"))
    folder = window.workspace.current_page()
    assert isinstance(folder, FundRoundsPage)
    row = next(i for i, r in enumerate(folder.model.rows) if r.id == round_id)
    texts = [folder.model.index(row, c).data() for c in range(folder.model.columnCount())]
    assert texts[:4] == ["Testrunde høsten 2019", "01.10.2019", "1\u00a0000\u00a0000\u00a0kr", "2"]
    assert texts[4] == "800\u00a0000\u00a0kr"
    folder._open(row)
    assert window.current_key() == node_key("fundround", round_id)


def test_the_file_menu_makes_and_deletes_rounds(window, dialogs, monkeypatch):
    from desktop.services import fund

    before = len(fund.rounds(window.context.db))

    def fill(dialog) -> None:
        dialog.fields["name"].setText("Oppdrift høsten 2020")
        dialog.fields["budget"].setText("500 000")

    dialogs.answer(fill)
    [action] = [a for a in window.menuBar().actions()[0].menu().actions() if "innovasjonsfondet" in a.text()]
    action.trigger()
    [made] = [r for r in fund.rounds(window.context.db) if r.name == "Oppdrift høsten 2020"]
    window.navigator.select(f"fundround:{made.id}")
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()  # no applications: no question
    assert len(fund.rounds(window.context.db)) == before
    window.undo_action.trigger()
    assert len(fund.rounds(window.context.db)) == before + 1


def test_a_mistyped_amount_applied_for_is_corrected_on_the_page_and_undone(window, round_page):
    page = round_page
    app = select(page, "Frisklivsgruppe for seniorer")
    assert page.applied.text() == kroner(app.amount_applied)

    def stored():
        return next(a for a in fund.round_view(window.context.db, page.id).applications if a.id == app.id)

    page.applied.setText("kr 95 000")
    page.applied.editingFinished.emit()
    assert stored().amount_applied == 95_000 and stored().scores == app.scores  # nothing else lost
    assert page.applied.text() == kroner(95_000)
    page.applied.setText("0")
    page.applied.editingFinished.emit()
    assert "større enn null" in page.errors.message("amount_applied")
    assert stored().amount_applied == 95_000
    window.undo_action.trigger()
    assert stored().amount_applied == app.amount_applied
