"""Fil → Innstillinger: the language of the program (from the next start) and when the run's countdown turns
yellow and red (the facilitator's own shares; by default the kit's, else 20 % and 5 %)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from desktop.errors import ValidationError
from desktop.i18n import _, available_languages
from desktop.ui.settings import LANGUAGE, RUN_CRITICAL, RUN_WARNING, Settings
from desktop.ui.widgets import FormDialog

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}


def settings_dialog(parent: QWidget | None, settings: Settings) -> FormDialog:
    """The dialog, filled from ``settings``; OK stores what was chosen (a refusal is shown at its field)."""
    dialog = FormDialog(parent, _("Innstillinger"))
    language = dialog.add(_("Språk"), QComboBox(), "language")
    for code in available_languages():
        language.addItem(LANGUAGE_NAMES.get(code, code), code)
    language.setCurrentIndex(max(0, language.findData(settings.get(LANGUAGE))))
    note = QLabel(_("Språket gjelder fra neste gang LUP Verksted startes."))
    note.setStyleSheet("color: #5f6b76;")
    dialog.add("", note)

    def share(setting, field: str, label: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 90)
        spin.setSuffix(_(" % igjen"))
        spin.setSpecialValueText(_("som i arbeidspakken"))  # 0: the kit's share
        spin.setValue(round(settings.get(setting) * 100))
        return dialog.add(label, spin, field)

    warning = share(RUN_WARNING, "warning", _("Nedtellingen blir gul ved"))
    critical = share(RUN_CRITICAL, "critical", _("Nedtellingen blir rød ved"))
    applies = QLabel(_("Fargene gjelder fra neste gang en samling kjøres."))
    applies.setStyleSheet("color: #5f6b76;")
    dialog.add("", applies)
    shown = {RUN_WARNING: warning.value(), RUN_CRITICAL: critical.value()}

    def store() -> bool:
        if warning.value() and critical.value() and critical.value() >= warning.value():
            raise ValidationError("critical", _("Rød må komme etter gul: velg en mindre andel for rød."))
        settings.set(LANGUAGE, language.currentData())
        for setting, spin in ((RUN_WARNING, warning), (RUN_CRITICAL, critical)):
            if spin.value() != shown[setting]:  # a share only shown (rounded) stays as it was stored
                settings.set(setting, spin.value() / 100)
        return True

    dialog.accept_with = store
    return dialog
