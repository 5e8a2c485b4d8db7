"""Qt's own texts that a facilitator meets, in Norwegian bokmål: the right-click menu of every text field and
the key names in the shortcut help. PySide6 ships no bokmål catalogue for Qt (only nynorsk), so these few
are translated here; anything else Qt says stays as Qt has it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_EDITING = {
    "&Undo": "&Angre",
    "&Redo": "&Gjør om",
    "Cu&t": "Klipp u&t",
    "&Copy": "&Kopier",
    "Copy &Link Location": "Kopier &lenkeadresse",
    "&Paste": "&Lim inn",
    "Delete": "Slett",
    "Select All": "Merk alt",
}
# No name here may be another key's own name: Qt reads key names back through these too ("Enter" for
# Return would make Ctrl+Enter mean Ctrl+Return). Keys that carry a label (PgUp, PgDn, Backspace, Delete)
# are named as the label reads, as the buttons and hints name them; Qt's own "PgUp" and "Backspace" stay.
_KEYS = {
    "PgDown": "PgDn",
    "Del": "Delete",
    "Ins": "Insert",
    "Space": "Mellomrom",
    "Up": "Pil opp",
    "Down": "Pil ned",
    "Left": "Pil venstre",
    "Right": "Pil høyre",
    "Print": "Skriv ut",
}
TEXTS: dict[tuple[str, str], str] = {
    **{("QLineEdit", source): text for source, text in _EDITING.items()},
    **{("QWidgetTextControl", source): text for source, text in _EDITING.items()},
    **{("QShortcut", source): text for source, text in _KEYS.items()},
}


class QtTexts(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return TEXTS.get((context, source))  # None: not ours, Qt keeps its own

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_installed: list[QtTexts] = []  # the Python object must live as long as Qt asks it


def install() -> QtTexts:
    """Put the Norwegian texts in front of Qt's, once."""
    if not _installed:
        translator = QtTexts(QCoreApplication.instance())
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    return _installed[0]


def remove() -> None:
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
