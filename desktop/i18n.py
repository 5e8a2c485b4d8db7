"""The translation layer: every text a facilitator reads goes through ``_()``.

Source strings are Norwegian bokmål, the language of the users, so a missing translation can never show
them a foreign word. Other languages are gettext ``.po`` catalogs in ``resources/translations/<lang>.po``,
read by a small parser here (no compile step, no Qt: the lower layers translate too).
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE_LANGUAGE = "nb"
_catalog: dict[str, str] = {}
_language = SOURCE_LANGUAGE


def translations_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "translations"


def _(text: str) -> str:
    """Translate ``text`` (Norwegian bokmål) to the current language."""
    return _catalog.get(text) or text


def current_language() -> str:
    return _language


def available_languages() -> list[str]:
    return [SOURCE_LANGUAGE, *sorted(p.stem for p in translations_dir().glob("*.po"))]


def set_language(language: str) -> None:
    """Switch to ``language``; the source language, or one without a catalog, means no translation."""
    global _catalog, _language
    path = translations_dir() / f"{language}.po"
    _catalog = parse_po(path.read_text(encoding="utf-8")) if path.is_file() else {}
    _language = language if _catalog or language == SOURCE_LANGUAGE else SOURCE_LANGUAGE


def parse_po(text: str) -> dict[str, str]:
    """Read the msgid/msgstr pairs of a ``.po`` file (multi-line strings, comments; no plurals; fuzzy
    entries skipped)."""
    catalog: dict[str, str] = {}
    entry: dict[str, str] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal fuzzy
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            catalog[entry["msgid"]] = entry["msgstr"]
        entry.clear()
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                flush()
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True  # gettext ignores fuzzy (unchecked) translations too
            continue
        if line.startswith(("msgid ", "msgstr ")):
            key, _sep, rest = line.partition(" ")
            if key == "msgid" and "msgid" in entry:
                flush()
            entry[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key:
            entry[key] = entry.get(key, "") + ast.literal_eval(line)
    flush()
    return catalog
