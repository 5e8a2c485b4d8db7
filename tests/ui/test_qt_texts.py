"""Qt's own texts a facilitator meets are bokmål: a text field's right-click menu, key names in the help."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.ui import qt_texts


@pytest.fixture
def norwegian(qapp):
    qt_texts.install()
    yield
    qt_texts.remove()


@pytest.mark.parametrize("kind", [QLineEdit, QPlainTextEdit])
def test_a_text_fields_menu_is_norwegian(norwegian, kind) -> None:
    field = kind()
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts == ["&Angre", "&Gjør om", "Klipp u&t", "&Kopier", "&Lim inn", "Slett", "Merk alt"]
    assert "Ctrl+Z" in menu.actions()[0].text()  # what is not ours stays as Qt has it
    menu.deleteLater()


def test_key_names_in_the_help_are_norwegian(norwegian) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("PgDown").toString(native) == "PgDn"  # as the key and the run view's button say
    assert QKeySequence("Backspace").toString(native) == "Backspace"
    assert QKeySequence("Ctrl+Return").toString(native) == "Ctrl+Return"  # not "Enter": that is another key
    assert QKeySequence("Ctrl+Down").toString(native) == "Ctrl+Pil ned"


def test_key_names_read_back_as_the_same_keys(norwegian) -> None:
    # Qt reads key names through the translations too: none may turn into another key.
    assert QKeySequence("Ctrl+Enter") != QKeySequence("Ctrl+Return")
    for source in qt_texts._KEYS:
        assert QKeySequence(source) == QKeySequence(QKeySequence(source).toString()), source
