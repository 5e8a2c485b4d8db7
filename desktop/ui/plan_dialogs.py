"""Dialogs of the time-plan editor: choose a kit template, choose another session's plan to copy."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel

from desktop.i18n import _
from desktop.ui.widgets import FormDialog

if TYPE_CHECKING:
    from desktop.domain.kit import Kit, SessionTemplate
    from desktop.services.timeplan import Plan
    from desktop.ui.context import AppContext


def _replace_warning(dialog: FormDialog, plan: Plan | None) -> None:
    if plan is not None and plan.blocks:
        note = QLabel(
            _("Planen som finnes nå ({n} blokker) blir erstattet. Du kan angre med Ctrl+Z.").format(
                n=len(plan.blocks)
            )
        )
        note.setWordWrap(True)
        dialog.form.addRow(note)


def run_choice(dialog: FormDialog, parent) -> bool:
    """Run the dialog through the parent's actions seam when there is one (tests answer it there)."""
    window = parent.window()
    actions = getattr(window, "actions", None)
    return actions.exec_dialog(dialog) if actions is not None else bool(dialog.exec())


def choose_template(parent, context: AppContext, plan: Plan | None) -> tuple[Kit, SessionTemplate] | None:
    context.reload_kits()
    dialog = FormDialog(parent, _("Tidsplan fra arbeidspakke"))
    combo = dialog.add(_("Mal"), QComboBox(), "template")
    choices: list[tuple[Kit, SessionTemplate]] = []
    for entry in context.kits():
        if entry.kit is None:
            continue
        for template in entry.kit.sessions:
            choices.append((entry.kit, template))
            hours = f"{template.minutes // 60} t {template.minutes % 60:02d} min"
            combo.addItem(f"{entry.kit.name} · {template.title} ({hours}, {len(template.blocks)} blokker)")
    if plan is not None and plan.template_id:
        index = next(
            (i for i, (k, t) in enumerate(choices) if (k.id, t.id) == (plan.kit_id, plan.template_id)), 0
        )
        combo.setCurrentIndex(index)
    broken = [e for e in context.kits() if e.kit is None]
    if broken:
        note = QLabel(
            _("Disse arbeidspakkene har feil og vises ikke: {names}").format(
                names=", ".join(e.folder.name for e in broken)
            )
            + "\n"
            + "\n".join(str(issue) for e in broken for issue in e.issues[:5])
        )
        note.setWordWrap(True)
        dialog.form.addRow(note)
    _replace_warning(dialog, plan)
    if not choices:
        dialog.accept_with = lambda: False
    return choices[combo.currentIndex()] if run_choice(dialog, parent) and choices else None


def choose_session_plan(
    parent, context: AppContext, session_id: uuid.UUID, plan: Plan | None
) -> uuid.UUID | None:
    from desktop.services.timeplan import sessions_with_plans

    dialog = FormDialog(parent, _("Kopier tidsplan fra en annen samling"))
    combo = dialog.add(_("Samling"), QComboBox(), "session")
    for choice in sessions_with_plans(context.db):
        if choice.id != session_id:
            combo.addItem(choice.name, choice.id)
    _replace_warning(dialog, plan)
    if not run_choice(dialog, parent) or combo.count() == 0:
        return None
    return combo.currentData()
