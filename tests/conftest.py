"""Shared fixtures: offscreen Qt, every user folder redirected to tmp_path, Qt warnings fail tests."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: no screen is needed, and no real display is ever touched.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from desktop.i18n import set_language


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG folders point into a temporary folder, so no test reads or writes real user data."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir(exist_ok=True)
        monkeypatch.setenv(name, str(home / sub))
    set_language("nb")
    return home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir: Path):
    from desktop.storage.database import open_database

    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo programme built once per test run; tests get their own copy (``demo_db``)."""
    from desktop.services.demo import build_demo
    from desktop.storage.database import open_database

    folder = tmp_path_factory.mktemp("demo-template")
    database = open_database(folder, backup=False)
    build_demo(database)
    database.close()
    return folder


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path):
    import shutil

    from desktop.storage.database import DB_NAME, open_database

    folder = tmp_path / "demo"
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = demo_template / f"{DB_NAME}{suffix}"
        if source.exists():
            shutil.copy2(source, folder / source.name)
    database = open_database(folder, backup=False)
    yield database
    database.close()
