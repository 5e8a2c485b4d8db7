"""The translation catalogs against the source: no stale entries, placeholders kept, no dynamic ``_()``.

Every string a facilitator reads is a literal passed to ``_()`` somewhere in ``desktop/``; these tests read
the source with ``ast`` (an implicit concatenation of literals is one ``Constant`` there) and hold the
``.po`` catalogs in ``resources/translations/`` to it. A missing translation is no failure (the Norwegian
source is shown, and English can follow), but a stale one, or one that loses a ``{placeholder}``, is.
"""

from __future__ import annotations

import ast
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from desktop.i18n import _, current_language, parse_po, set_language, translations_dir

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop"

# The only places allowed to call ``_()`` with something other than a string literal: the translation
# layer itself, and the default programme name (a module constant that is also stored in the database).
DYNAMIC_CALLS_ALLOWED = {
    ("desktop/i18n.py", None),
    ("desktop/services/cohorts.py", "DEFAULT_PROGRAMME"),
}


@dataclass(frozen=True)
class Call:
    path: str  # relative to the project root, with forward slashes
    line: int
    text: str | None  # the literal, or None when the first argument is not a string literal
    source: str  # the first argument as written
    constant: str | None = None  # for ``_(NAME)``: the string a module-level ``NAME = "..."`` holds


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """The module-level ``NAME = "literal"`` assignments of a file."""
    constants: dict[str, str] = {}
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = value.value
    return constants


def _is_translate_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"


@cache
def translate_calls() -> tuple[Call, ...]:
    """Every ``_(...)`` call in ``desktop/**/*.py``, in file and line order."""
    calls: list[Call] = []
    for path in sorted(SOURCE_DIR.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        constants = _module_constants(tree)
        for node in ast.walk(tree):
            if not _is_translate_call(node):
                continue
            assert isinstance(node, ast.Call)
            if not node.args:
                calls.append(Call(relative, node.lineno, None, ""))
                continue
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            constant = constants.get(first.id) if isinstance(first, ast.Name) else None
            calls.append(Call(relative, node.lineno, text, ast.unparse(first), constant))
    return tuple(sorted(calls, key=lambda call: (call.path, call.line)))


def source_strings() -> set[str]:
    """What ``_()`` can be asked for: its literals, and the constants of the allowed ``_(NAME)`` calls."""
    strings = {call.text for call in translate_calls() if call.text is not None}
    strings |= {
        call.constant
        for call in translate_calls()
        if call.constant is not None and (call.path, call.source) in DYNAMIC_CALLS_ALLOWED
    }
    return strings


def catalog_paths() -> list[Path]:
    return sorted(translations_dir().glob("*.po"))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string (with any conversion and format spec)."""
    fields: set[str] = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            fields.add(f"{{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return fields


@pytest.fixture
def restore_language():
    yield
    set_language("nb")


def test_the_source_has_translatable_strings() -> None:
    strings = source_strings()
    assert len(strings) > 50, "the ast extraction found suspiciously few _() strings"
    assert "&Fil" in strings


def test_no_dynamic_translate_calls() -> None:
    """``_()`` gets a literal, so the catalog can know it; ``_(f"...")`` never finds a translation."""
    offenders = [
        f"{call.path}:{call.line}: _({call.source})"
        for call in translate_calls()
        if call.text is None
        and (call.path, None) not in DYNAMIC_CALLS_ALLOWED
        and (call.path, call.source) not in DYNAMIC_CALLS_ALLOWED
    ]
    assert not offenders, "_() with a non-literal argument:\n" + "\n".join(offenders)


def test_english_catalog_exists_and_parses() -> None:
    path = translations_dir() / "en.po"
    assert path.is_file()
    catalog = parse_po(path.read_text(encoding="utf-8"))
    assert catalog, "en.po holds no translations"


@pytest.mark.parametrize("path", catalog_paths(), ids=lambda path: path.stem)
def test_catalog_has_no_stale_entries(path: Path) -> None:
    catalog = parse_po(path.read_text(encoding="utf-8"))
    stale = sorted(set(catalog) - source_strings())
    assert not stale, f"{path.name}: entries no _() in desktop/ uses any more:\n" + "\n".join(
        repr(text) for text in stale
    )


@pytest.mark.parametrize("path", catalog_paths(), ids=lambda path: path.stem)
def test_translations_keep_the_placeholders(path: Path) -> None:
    catalog = parse_po(path.read_text(encoding="utf-8"))
    broken = [
        f"{msgid!r}: {sorted(placeholders(msgid))} -> {msgstr!r}: {sorted(placeholders(msgstr))}"
        for msgid, msgstr in catalog.items()
        if placeholders(msgid) != placeholders(msgstr)
    ]
    assert not broken, f"{path.name}: translations with other placeholders than the source:\n" + "\n".join(
        broken
    )


def test_source_placeholders_are_well_formed() -> None:
    """A stray brace in a source string would break ``placeholders()`` (and ``str.format``) at run time."""
    broken = []
    for call in translate_calls():
        if call.text is None:
            continue
        try:
            placeholders(call.text)
        except ValueError as error:
            broken.append(f"{call.path}:{call.line}: {call.text!r}: {error}")
    assert not broken, "\n".join(broken)


def test_switching_to_english_and_back(restore_language: None) -> None:
    catalog = parse_po((translations_dir() / "en.po").read_text(encoding="utf-8"))
    assert "&Fil" in catalog
    set_language("en")
    assert current_language() == "en"
    assert _("&Fil") == catalog["&Fil"] == "&File"
    set_language("nb")
    assert current_language() == "nb"
    assert _("&Fil") == "&Fil"


@pytest.mark.parametrize("path", catalog_paths(), ids=lambda path: path.stem)
def test_every_string_is_translated(path: Path) -> None:
    """The catalog covers every string the source shows (a missing one would show in Norwegian); the
    message lists the first of them."""
    catalog = parse_po(path.read_text(encoding="utf-8"))
    missing = sorted(source_strings() - set(catalog))
    assert not missing, f"{path.name}: {len(missing)} untranslated:\n" + "\n".join(map(repr, missing[:20]))
