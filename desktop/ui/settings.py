"""Every user setting declared once, with its default; stored in an INI file in the config folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Setting("window/state", QByteArray(), QByteArray)
SPLITTER_STATE = Setting("window/splitter", QByteArray(), QByteArray)
LAST_SELECTION = Setting("navigator/last_selection", "", str)  # "kind:uuid"
DECLINED_RUN = Setting("run/declined", "", str)  # "uuid time": an unfinished run not to offer again
EXPANDED = Setting("navigator/expanded", "", str)  # "kind:uuid" separated by spaces
LANGUAGE = Setting("ui/language", "nb", str)
METHOD_VIEW = Setting("methods/view", "list", str)  # the card browser: "list" or "grid"
PREVIEW_GEOMETRY = Setting("preview/geometry", QByteArray(), QByteArray)  # the PDF preview's window
DOCUMENTS_FOLDER = Setting("documents/folder", "", str)  # where PDFs were last saved or exported
# Share of a block's time left when the countdown turns orange / red; 0 means "as the kit says".
RUN_WARNING = Setting("run/warning", 0.0, float)
RUN_CRITICAL = Setting("run/critical", 0.0, float)


def splitter_state(name: str) -> Setting:
    """Where the facilitator left a divider inside a page (``name`` says which: "initiatives/fields", ...)."""
    return Setting(f"splitters/{name}", QByteArray(), QByteArray)


class Settings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._qsettings.value(setting.key, setting.default)
        if setting.kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        try:
            return setting.kind(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        self._qsettings.sync()


def documents_folder(settings: Settings | None) -> Path:
    """Where the facilitator last saved or exported documents (at first, or when that folder is gone, her
    Documents folder, where Windows users look; the home folder where there is none)."""
    saved = settings.get(DOCUMENTS_FOLDER) if settings is not None else ""
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(settings: Settings | None, folder: str | Path) -> None:
    if settings is not None:
        settings.set(DOCUMENTS_FOLDER, str(folder))
