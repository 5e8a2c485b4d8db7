"""Where things are: the shipped resources and the user's data and configuration folders."""

from __future__ import annotations

import sys
from pathlib import Path

APP_DIR_NAME = "LUP Verksted"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``workshop_kits/`` (a checkout, or a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def default_data_dir() -> Path:
    """The user's data folder (``~/.local/share/LUP Verksted`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


DATA_FOLDER_FILE = (
    "data-folder.txt"  # in the config folder: the data folder chosen in the app, if not its own
)


def chosen_data_dir(config_dir: Path | None = None) -> Path | None:
    """The data folder the facilitator opened from the File menu (a colleague's copy), or None for her own.
    Read without Qt at start-up: one line of text."""
    try:
        path = (config_dir or default_config_dir()) / DATA_FOLDER_FILE
        text = path.read_text(encoding="utf-8-sig").strip()  # a byte-order mark if edited in Notepad
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def choose_data_dir(folder: Path | None, config_dir: Path | None = None) -> None:
    """Remember ``folder`` as the data folder to open from now on (None: her own again). Raises OSError."""
    config = config_dir or default_config_dir()
    path = config / DATA_FOLDER_FILE
    if folder is None:
        path.unlink(missing_ok=True)
        return
    config.mkdir(parents=True, exist_ok=True)
    path.write_text(str(folder), encoding="utf-8")
