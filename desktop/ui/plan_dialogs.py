"""Dialogs of the time-plan editor: choose a kit template, choose another session's plan to copy."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel

from desktop.domain.rules import format_time
from desktop.i18n import _
from desktop.ui.widgets import FormDialog

if TYPE_CHECKING:
    from desktop.domain.kit import Kit, SessionTemplate
    from desktop.services.timeplan import Plan
    from desktop.ui.context import AppContext


def _replace_warning(dialog: FormDialog, plan: Plan | None) -> None:
    if plan is not None and plan.blocks:
        note = QLabel(
            _("Planen som finnes nå ({n} blokker), blir erstattet. Du kan angre med Ctrl+Z.").format(
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


def choose_template(
    parent, context: AppContext, plan: Plan | None, session_id: uuid.UUID | None = None
) -> tuple[Kit, SessionTemplate] | None:
    """A kit's session template for the plan: in the programme's order, the session's own (or likely) one
    chosen; the kit's name only where there are several kits."""
    from desktop.services.timeplan import ordered_templates, suggested_template, template_hours

    context.reload_kits()
    dialog = FormDialog(parent, _("Tidsplan fra arbeidspakke"))
    combo = dialog.add(_("Mal"), QComboBox(), "template")
    kits = [entry.kit for entry in context.kits() if entry.kit is not None]
    choices: list[tuple[Kit, SessionTemplate]] = []
    chosen = 0
    for kit in kits:
        likely = suggested_template(context.db, session_id, kit) if session_id is not None else None
        for template in ordered_templates(kit):
            if template.id == likely and not chosen:
                chosen = len(choices)
            choices.append((kit, template))
            hours = f"{template.minutes // 60} t {template.minutes % 60:02d} min"
            start, end = template_hours(template)
            text = _("{title} ({start}–{end}, {hours}, {n} blokker)").format(
                title=template.title,
                start=format_time(start),
                end=format_time(end),
                hours=hours,
                n=len(template.blocks),
            )
            combo.addItem(f"{kit.name} · {text}" if len(kits) > 1 else text)
    if len(kits) == 1:
        dialog.form.insertRow(0, QLabel(_("Arbeidspakke: {name}").format(name=kits[0].name)))
    combo.setCurrentIndex(chosen)
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
