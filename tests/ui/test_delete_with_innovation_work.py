"""Deleting a leader group or a cohort says what innovation work goes with it (initiatives, fund money)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.fund import FundDecision
from desktop.services import views
from desktop.storage.models import Application, Initiative, LeaderGroup


def test_the_question_names_initiatives_and_granted_money(window, monkeypatch):
    db = window.context.db
    with db.transaction() as s:
        group_id, granted = s.execute(
            select(Initiative.leader_group_id, Application.amount_granted)
            .join(Application, Application.initiative_id == Initiative.id)
            .where(Application.decision == FundDecision.GRANTED)
            .limit(1)
        ).one()
    work = views.holdings(db, group_id=group_id)
    assert work.initiatives >= 1 and work.granted >= granted > 0
    asked = []
    monkeypatch.setattr(
        "desktop.ui.actions.ask", lambda _parent, _title, question: asked.append(question) or False
    )
    assert not window.actions.delete(f"group:{group_id}")
    assert "innovasjonstiltak" in asked[0] and "tildelt" in asked[0]
    with db.transaction() as s:
        assert s.get(LeaderGroup, group_id) is not None  # "no" keeps everything
    monkeypatch.setattr("desktop.ui.actions.ask", lambda *_args: True)
    assert window.actions.delete(f"group:{group_id}")
    assert views.holdings(db, group_id=group_id).initiatives == 0
    window.undo_action.trigger()
    assert views.holdings(db, group_id=group_id) == work
