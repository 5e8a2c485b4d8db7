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
