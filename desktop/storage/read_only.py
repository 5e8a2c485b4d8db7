"""Opening an SQLite file read-only: for the checks and copies that must never change the file they read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path, PurePath
from urllib.parse import quote


def read_only_uri(path: PurePath) -> str:
    """SQLite's URI for reading the file at the absolute ``path``. Not ``Path.as_uri()``: for a network share
    (``\\\\server\\share\\…``, and on Windows a mapped drive once resolved) that gives ``file://server/…``,
    whose host SQLite refuses («invalid uri authority»). Here the host stays empty and the share is the path
    (``file:////server/share/…``); a drive is ``file:///C:/…``."""
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text
    return f"file://{quote(text, safe='/:')}?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (the path made absolute, a mapped drive left a drive)."""
    return sqlite3.connect(read_only_uri(Path(os.path.abspath(path))), uri=True)
