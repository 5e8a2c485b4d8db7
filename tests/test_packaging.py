"""The PyInstaller spec leaves out the Qt modules the app never imports; one it does import, left out, breaks
that part of the bundled app only (the PDF preview was left out, so no summary could be shown)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _left_out() -> set[str]:
    spec = ast.parse((REPO / "packaging" / "lup-verksted.spec").read_text(encoding="utf-8"))
    for node in spec.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "QT_UNUSED" for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise AssertionError("QT_UNUSED not found in the spec")


def test_the_bundle_keeps_every_qt_module_the_app_imports() -> None:
    imported = set()
    for source in (REPO / "desktop").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert {"QtWidgets", "QtPdf", "QtPdfWidgets"} <= imported
    assert not imported & _left_out()
