"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every Qt method that returns nothing; after
about 5,000 calls the process dies with "Fatal Python error: none_dealloc". The dependency pin keeps such a
build out; this test makes 20,000 such calls in one (child) process, so a bad build fails here, loudly."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000

SCRIPT = f"""
import sys
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
pen = QPen()
refs_before = sys.getrefcount(None)
for i in range({CALLS}):
    item.setPos(QPointF(i % 100, i % 50))  # returns nothing
    item.setPen(pen)  # returns nothing
print("ok", {CALLS} * 2, refs_before)
"""


def test_twenty_thousand_void_qt_calls_in_one_process():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, f"Qt process died (exit {result.returncode}):\n{result.stderr[-2000:]}"
    assert result.stdout.startswith(f"ok {CALLS * 2}")


def test_installed_pyside6_is_not_the_broken_combination():
    import PySide6

    version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    assert not (sys.version_info < (3, 12) and version >= (6, 12)), PySide6.__version__
