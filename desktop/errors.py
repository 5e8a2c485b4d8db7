"""Errors a facilitator can cause or meet, each with a message she understands.

Every message is Norwegian bokmål through the translation layer. The UI shows these in one place
(or at the field named by ``ValidationError.field``); anything else is a bug and goes to the crash hook.
"""

from __future__ import annotations

from pathlib import Path

from desktop.i18n import _


class LupError(Exception):
    """Base for every error that is shown to the user rather than treated as a bug."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(LupError):
    """Input that breaks a rule; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(LupError):
    """The thing acted on no longer exists (deleted in another window, or by an undo)."""


class StorageError(LupError):
    """The data folder or database cannot be used as it is."""


class DatabaseLockedError(StorageError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            _(
                "Dataområdet {path} er allerede åpent i et annet LUP Verksted-vindu. "
                "Lukk det andre vinduet først, eller velg et annet dataområde."
            ).format(path=data_dir)
        )


class DatabaseTooNewError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            _(
                "Registeret i {path} er lagret av en nyere versjon av LUP Verksted. "
                "Oppdater programmet for å åpne det. Ingenting er endret."
            ).format(path=path)
        )
        self.revision = revision


class CorruptDatabaseError(StorageError):
    def __init__(
        self, path: Path, latest_backup: Path | None, detail: str = "", open_now: bool = False
    ) -> None:
        """``open_now``: the damage was found while the register was open (not when opening it)."""
        found = (
            _(
                "Registeret i {path} ble skadet mens programmet brukte det (en minnepinne tatt ut, et "
                "annet program?)."
            )
            if open_now
            else _("Registeret i {path} er skadet og kan ikke åpnes. Ingenting er endret.")
        ).format(path=path)
        if latest_backup is not None and open_now:
            # In the window: a new start offers «Ta sikkerhetskopien i bruk», so no steps by hand here.
            advice = _(
                "Lukk LUP Verksted og start det igjen: da kan du ta den nyeste hele sikkerhetskopien i bruk "
                "med én knapp."
            )
        elif latest_backup is not None:
            advice = _(
                "Siste sikkerhetskopi er {backup}: lukk programmet, flytt den skadde filen og filene ved "
                "siden av den som slutter på «-wal» og «-shm» til en annen mappe, og kopier "
                "sikkerhetskopien inn i stedet med navnet {name}."
            ).format(backup=latest_backup, name=path.name)
        else:
            advice = _("Det finnes ingen sikkerhetskopi i dataområdet.")
        super().__init__(f"{found} {advice}")
        self.found = found
        self.path = path
        self.latest_backup = latest_backup
        self.detail = detail

    def restore_offer(self, made: str) -> str:
        """What to say where the app itself can take a whole backup in use (a button beside the message),
        instead of the steps to do it by hand; ``made`` says when that backup was made."""
        offer = _(
            "«Ta sikkerhetskopien i bruk» legger inn den nyeste hele sikkerhetskopien i stedet. "
            "Den skadde filen blir tatt vare på i en egen mappe ved siden av."
        )
        if made:
            offer += " " + _("Den er fra {when}.").format(when=made)
        return f"{self.found} {offer}"


class DataFolderError(StorageError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(_("Kan ikke bruke dataområdet {path}: {reason}").format(path=path, reason=reason))


class DiskFullError(StorageError):
    def __init__(self, message: str | None = None) -> None:
        """``message`` says what could not be done where it was not an edit (a start, a copy, a PDF)."""
        edit = _(
            "Disken er full, så endringen ble ikke lagret. Frigjør plass og prøv igjen; ingenting er tapt."
        )
        super().__init__(message or edit)
