"""The layers below the UI never import Qt (checked in a fresh interpreter and in the source text), and no
layer imports one above it (ARCHITECTURE.md: the arrows only point down)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
HEADLESS_MODULES = [
    "desktop.domain",
    "desktop.domain.rules",
    "desktop.domain.enums",
    "desktop.storage.database",
    "desktop.storage.models",
    "desktop.services.views",
    "desktop.services.demo",
    "desktop.services.cohorts",
    "desktop.services.groups",
    "desktop.services.register",
    "desktop.kits",
    "desktop.reports",
    "desktop.cli",
]
HEADLESS_PACKAGES = ["domain", "storage", "services", "kits", "reports"]
QT_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:PySide6|shiboken6)\b", re.MULTILINE)

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(json.dumps({"qt": qt, "loaded": [m for m in sys.argv[1:] if m in sys.modules]}))
"""


def test_headless_modules_do_not_load_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *HEADLESS_MODULES],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["loaded"] == HEADLESS_MODULES
    assert report["qt"] == []


def test_the_probe_would_see_qt() -> None:
    """The probe itself works: it sees Qt once something imports it."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "PySide6.QtCore"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "PySide6" in json.loads(result.stdout)["qt"]


def test_no_qt_import_in_the_source_of_headless_packages() -> None:
    files = [
        p for package in HEADLESS_PACKAGES for p in sorted((PROJECT_ROOT / "desktop" / package).rglob("*.py"))
    ]
    assert len(files) >= 15
    offenders = [
        str(p.relative_to(PROJECT_ROOT)) for p in files if QT_IMPORT.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_source_check_recognises_qt_imports() -> None:
    assert QT_IMPORT.search("from PySide6.QtWidgets import QWidget\n")
    assert QT_IMPORT.search("x = 1\n    import shiboken6\n")
    assert not QT_IMPORT.search('"""Mentions PySide6 in prose."""\n')


# Highest first; a package may import its own and the ones below it (and the leaf modules: errors, i18n,
# paths, crash, file_errors).
LAYERS = ["ui", "services", "reports", "kits", "storage", "domain"]


def upward_imports(package: str, source: str) -> set[str]:
    """The layers above ``package`` that ``source`` imports (read with ``ast``: every form of import, at
    any depth; a relative import counts as one, since the code imports absolutely)."""
    above = set(LAYERS[: LAYERS.index(package)])
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("desktop.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.add("<relative import>")
                above.add("<relative import>")
            elif node.module == "desktop":
                names |= {a.name for a in node.names}
            elif node.module and node.module.startswith("desktop."):
                names.add(node.module.split(".")[1])
    return names & above


def test_no_layer_imports_one_above_it() -> None:
    offenders = {}
    for package in LAYERS[1:]:
        for path in sorted((PROJECT_ROOT / "desktop" / package).rglob("*.py")):
            found = upward_imports(package, path.read_text(encoding="utf-8"))
            if found:
                offenders[str(path.relative_to(PROJECT_ROOT))] = sorted(found)
    assert offenders == {}


def test_the_layer_check_sees_an_upward_import() -> None:
    assert upward_imports("reports", "from desktop.services.reports import GroupReport\n") == {"services"}
    assert upward_imports("domain", "def f():\n    from desktop.storage.models import Idea\n") == {"storage"}
    assert upward_imports("services", "from desktop.reports.data import GroupReport\n") == set()
    assert upward_imports("reports", "from desktop import crash\nfrom desktop import services\n") == {
        "services"
    }
    assert upward_imports("domain", "from ..storage import models\n") == {"<relative import>"}
    assert upward_imports("domain", "from .storage.models import Idea\n") == {"<relative import>"}
    assert upward_imports("kits", "import desktop.ui.widgets\n") == {"ui"}
