"""The translation layer: the .po parser, switching language, falling back to the Norwegian source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import desktop.i18n as i18n
from desktop.i18n import _, current_language, parse_po, set_language

PO_TEXT = r"""# English translation of LUP Verksted.
# Copyright the LUP Verksted developers.
#
msgid ""
msgstr ""
"Project-Id-Version: LUP Verksted 0.1\n"
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: desktop/errors.py:12
msgid "Navnet kan ikke være tomt."
msgstr "The name cannot be empty."

# A translator's comment between entries.
#, python-format
msgid ""
"Databasen {path} er skadet "
"og kan ikke åpnes."
msgstr ""
"The database {path} is damaged "
"and cannot be opened."

msgid "Leder"
msgstr "Leader"

#: an untranslated entry stays out of the catalog
msgid "Ildsjel"
msgstr ""

msgid "Sitat \"innovasjon\"\tog tab"
msgstr "Quote \"innovation\"\tand tab"
msgid "Annen"
msgstr "Other"
"""


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "en.po").write_text(PO_TEXT, encoding="utf-8")
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    yield folder
    set_language("nb")


def test_parse_po_reads_entries_and_skips_header_and_untranslated() -> None:
    catalog = parse_po(PO_TEXT)
    assert catalog == {
        "Navnet kan ikke være tomt.": "The name cannot be empty.",
        "Databasen {path} er skadet og kan ikke åpnes.": (
            "The database {path} is damaged and cannot be opened."
        ),
        "Leder": "Leader",
        'Sitat "innovasjon"\tog tab': 'Quote "innovation"\tand tab',
        "Annen": "Other",
    }
    assert "" not in catalog
    assert "Ildsjel" not in catalog


def test_parse_po_of_empty_text_is_empty() -> None:
    assert parse_po("") == {}
    assert parse_po("# only a comment\n") == {}


def test_set_language_with_a_catalog_translates(translations: Path) -> None:
    set_language("en")
    assert current_language() == "en"
    assert _("Leder") == "Leader"
    assert _("Databasen {path} er skadet og kan ikke åpnes.").format(path="x") == (
        "The database x is damaged and cannot be opened."
    )
    # Untranslated and unknown texts fall back to the Norwegian source.
    assert _("Ildsjel") == "Ildsjel"
    assert _("Ingen oversettelse finnes") == "Ingen oversettelse finnes"
    assert i18n.available_languages() == ["nb", "en"]


def test_unknown_language_falls_back_to_the_source(translations: Path) -> None:
    set_language("en")
    set_language("xx")
    assert current_language() == "nb"
    assert _("Leder") == "Leder"


def test_back_to_norwegian_drops_the_catalog(translations: Path) -> None:
    set_language("en")
    assert _("Annen") == "Other"
    set_language("nb")
    assert current_language() == "nb"
    assert _("Annen") == "Annen"


def test_source_text_without_catalog() -> None:
    assert current_language() == "nb"
    assert _("Navnet kan ikke være tomt.") == "Navnet kan ikke være tomt."


def test_translated_enum_label_and_error_message(translations: Path) -> None:
    from desktop.domain.enums import ParticipantRole
    from desktop.domain.rules import clean_name
    from desktop.errors import ValidationError

    set_language("en")
    assert ParticipantRole.LEADER.label == "Leader"
    assert ParticipantRole.ENTHUSIAST.label == "Ildsjel"
    with pytest.raises(ValidationError) as info:
        clean_name("")
    assert info.value.message == "The name cannot be empty."
