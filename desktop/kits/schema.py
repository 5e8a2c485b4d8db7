"""The one schema of a workshop kit: reads parsed TOML into domain objects, collecting every error.

Each ``read_*`` function takes the parsed data of one file and returns domain objects; problems are added to
the reader's issue list with the file, the line and the key path, so a facilitator sees all of them at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from desktop.domain.enums import MapKind, SessionKind
from desktop.domain.kit import (
    BlockCategory,
    BlockTemplate,
    BltStage,
    JourneyTemplate,
    Lane,
    MethodCard,
    MethodStep,
    Orientation,
    PaperSize,
    PrototypeCard,
    RunThresholds,
    SessionTemplate,
    VeikartPhase,
    Worksheet,
)
from desktop.i18n import _
from desktop.kits.locate import KeyPath, format_path, line_of

E = TypeVar("E", bound=StrEnum)
ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MISSING = object()
DAY_MINUTES = 24 * 60
KIT_KEYS = {"id", "name", "language", "version", "description", "sequence", "run"}
SESSION_KEYS = {"id", "kind", "title", "start", "minutes", "goals", "room_setup", "worksheets", "block"}
BLOCK_KEYS = {"title", "minutes", "category", "method", "materials", "notes", "projector", "pinned"}
METHOD_KEYS = {
    "id",
    "title",
    "purpose",
    "phase",
    "blt",
    "group_min",
    "group_max",
    "space",
    "materials",
    "tips",
    "chains_with",
    "steps",
}
STEP_KEYS = {"text", "minutes"}
CARD_KEYS = {"id", "title", "purpose", "minutes", "materials", "how_to", "good_for"}
TEMPLATE_KEYS = {"id", "title", "description", "stages", "lanes", "kind"}
LANE_KEYS = {"id", "title"}
SHEET_KEYS = {"id", "title", "description", "instructions", "paper", "orientation", "per"}


@dataclass(frozen=True)
class KitIssue:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


GROUP_MOST = 10_000  # people in a method's group (a town hall); more is a typing error


class Reader:
    """Reads typed values from one file's parsed TOML, recording issues instead of stopping at the first."""

    def __init__(self, file: str, text: str, issues: list[KitIssue]) -> None:
        self.file = file
        self.text = text
        self.issues = issues

    def issue(self, path: KeyPath, message: str) -> None:
        self.issues.append(KitIssue(self.file, line_of(self.text, path), format_path(path), message))

    def _get(self, table: dict[str, Any], path: KeyPath, key: str, required: bool) -> Any:
        if key in table:
            return table[key]
        if required:
            self.issue(path, _("«{key}» mangler.").format(key=key))
        return MISSING

    def known_keys(self, table: dict, path: KeyPath, allowed: set[str]) -> None:
        """A misspelt key (``projektor`` for ``projector``) is named, not silently ignored."""
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = _(" Mente du «{key}»?").format(key=close[0]) if close else ""
                self.issue((*path, key), _("ukjent nøkkel «{key}».").format(key=key) + hint)

    def text_value(
        self, table: dict, path: KeyPath, key: str, required: bool = True, default: str = ""
    ) -> str:
        value = self._get(table, path, key, required)
        if value is MISSING:
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.issue((*path, key), _("skal være en tekst som ikke er tom."))
            return default
        return value.strip()

    def ident(self, table: dict, path: KeyPath, key: str = "id") -> str:
        value = self.text_value(table, path, key)
        if value and not ID.match(value):
            self.issue(
                (*path, key),
                _("«{value}» kan bare ha små bokstaver a–z, sifre og bindestrek.").format(value=value),
            )
        return value

    def positive_int(
        self,
        table: dict,
        path: KeyPath,
        key: str,
        required: bool = True,
        default: int = 1,
        most: int | None = None,
    ) -> int:
        """A whole number above zero: minutes, at most a day; or a count (``most`` given), at most that."""
        value = self._get(table, path, key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.issue(
                (*path, key), _("skal være et helt tall større enn null (er {value}).").format(value=value)
            )
            return default
        if most is not None and value > most:
            self.issue((*path, key), _("kan ikke være mer enn {most}.").format(most=most))
            return default
        if most is None and value > DAY_MINUTES:
            self.issue((*path, key), _("kan ikke være mer enn et døgn (1440 minutter)."))
            return default
        return value

    def share(self, table: dict, path: KeyPath, key: str, default: float) -> float:
        value = self._get(table, path, key, False)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            self.issue((*path, key), _("skal være en andel mellom 0 og 1, for eksempel 0.2."))
            return default
        return float(value)

    def clock(self, table: dict, path: KeyPath, key: str, required: bool = True) -> str | None:
        value = self._get(table, path, key, required)
        if value is MISSING:
            return None
        if not isinstance(value, str) or not CLOCK.match(value):
            self.issue((*path, key), _('skal være et klokkeslett som "TT:MM", for eksempel "11:30".'))
            return None
        return value

    def choice(
        self, table: dict, path: KeyPath, key: str, enum: type[E], default: E, required: bool = True
    ) -> E:
        value = self._get(table, path, key, required)
        if value is MISSING:
            return default
        try:
            return enum(value)
        except ValueError:
            allowed = " | ".join(member.value for member in enum)
            self.issue(
                (*path, key),
                _("«{value}» er ikke et gyldig valg ({allowed}).").format(value=value, allowed=allowed),
            )
            return default

    def text_list(self, table: dict, path: KeyPath, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(table, path, key, required)
        if value is MISSING:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.issue((*path, key), _('skal være en liste med tekster, for eksempel ["a", "b"].'))
            return ()
        return tuple(item.strip() for item in value if item.strip())

    def tables(
        self, table: dict, path: KeyPath, key: str, required: bool = True
    ) -> list[tuple[KeyPath, dict]]:
        value = self._get(table, path, key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.issue(
                (*path, key), _("skal være en liste med tabeller ([[{key}]] eller {{ … }}).").format(key=key)
            )
            return []
        return [((*path, key, index), item) for index, item in enumerate(value)]

    def unique(self, items: list[tuple[KeyPath, str]], what: str) -> None:
        seen: dict[str, KeyPath] = {}
        for path, ident in items:
            if ident and ident in seen:
                self.issue((*path, "id"), _("{what} «{id}» finnes allerede.").format(what=what, id=ident))
            seen.setdefault(ident, path)


# --- the files -----------------------------------------------------------------------------------------


def read_kit_file(r: Reader, data: dict) -> dict[str, Any]:
    r.known_keys(data, (), KIT_KEYS)
    run = data.get("run", {})
    if not isinstance(run, dict):
        r.issue(("run",), _("skal være en tabell [run]."))
        run = {}
    r.known_keys(run, ("run",), {"warning", "critical"})
    return {
        "id": r.ident(data, ()),
        "name": r.text_value(data, (), "name"),
        "language": r.text_value(data, (), "language", required=False, default="nb") or "nb",
        "version": str(data.get("version", "1")),
        "description": r.text_value(data, (), "description", required=False),
        "sequence": r.text_list(data, (), "sequence", required=True),
        "run": RunThresholds(
            warning=r.share(run, ("run",), "warning", 0.20), critical=r.share(run, ("run",), "critical", 0.05)
        ),
    }


def read_session(r: Reader, data: dict) -> SessionTemplate:
    r.known_keys(data, (), SESSION_KEYS)
    blocks = []
    for path, block in r.tables(data, (), "block"):
        r.known_keys(block, path, BLOCK_KEYS)
        blocks.append(
            BlockTemplate(
                title=r.text_value(block, path, "title"),
                minutes=r.positive_int(block, path, "minutes"),
                category=r.choice(block, path, "category", BlockCategory, BlockCategory.EXERCISE),
                method=r.text_value(block, path, "method", required=False) or None,
                materials=r.text_list(block, path, "materials"),
                notes=r.text_value(block, path, "notes", required=False),
                projector_text=r.text_value(block, path, "projector", required=False),
                pinned=r.clock(block, path, "pinned", required=False),
            )
        )
    return SessionTemplate(
        id=r.ident(data, ()),
        kind=r.choice(data, (), "kind", SessionKind, SessionKind.WORKING),
        title=r.text_value(data, (), "title"),
        goals=r.text_list(data, (), "goals"),
        minutes=r.positive_int(data, (), "minutes"),
        start=r.clock(data, (), "start") or "09:00",
        blocks=tuple(blocks),
        room_setup=r.text_value(data, (), "room_setup", required=False),
        worksheets=r.text_list(data, (), "worksheets"),
        source=r.file,
    )


def read_methods(r: Reader, data: dict) -> list[tuple[KeyPath, MethodCard]]:
    cards = []
    for path, m in r.tables(data, (), "method"):
        r.known_keys(m, path, METHOD_KEYS)
        steps = tuple(
            MethodStep(r.text_value(s, sp, "text"), r.positive_int(s, sp, "minutes"))
            for sp, s in r.tables(m, path, "steps")
            if r.known_keys(s, sp, STEP_KEYS) is None
        )
        # A card goes into a time plan as one block: it needs a step, and a day holds it.
        if m.get("steps") == []:
            r.issue((*path, "steps"), _("må ha minst ett steg."))
        elif sum(step.minutes for step in steps) > DAY_MINUTES:
            r.issue((*path, "steps"), _("stegene kan til sammen ikke vare mer enn et døgn (1440 minutter)."))
        found = len(r.issues)
        group_min = r.positive_int(m, path, "group_min", most=GROUP_MOST)
        group_max = r.positive_int(m, path, "group_max", most=GROUP_MOST)
        if group_max < group_min and len(r.issues) == found:  # both read; else the issue is said already
            r.issue((*path, "group_max"), _("kan ikke være mindre enn group_min."))
        cards.append(
            (
                path,
                MethodCard(
                    id=r.ident(m, path),
                    title=r.text_value(m, path, "title"),
                    purpose=r.text_value(m, path, "purpose"),
                    steps=steps,
                    group_min=group_min,
                    group_max=max(group_min, group_max),
                    space=r.text_value(m, path, "space", required=False),
                    materials=r.text_list(m, path, "materials"),
                    tips=r.text_list(m, path, "tips"),
                    phase=r.choice(m, path, "phase", VeikartPhase, VeikartPhase.INNSIKT),
                    blt=r.choice(m, path, "blt", BltStage, BltStage.BEHOV),
                    chains_with=r.text_list(m, path, "chains_with"),
                ),
            )
        )
    r.unique([(p, c.id) for p, c in cards], _("Metoden"))
    return cards


def read_prototypes(r: Reader, data: dict) -> list[PrototypeCard]:
    cards = [
        (
            path,
            PrototypeCard(
                id=r.ident(c, path),
                title=r.text_value(c, path, "title"),
                purpose=r.text_value(c, path, "purpose"),
                how_to=r.text_list(c, path, "how_to", required=True),
                minutes=r.positive_int(c, path, "minutes"),
                materials=r.text_list(c, path, "materials"),
                good_for=r.text_value(c, path, "good_for", required=False),
            ),
        )
        for path, c in r.tables(data, (), "card")
        if r.known_keys(c, path, CARD_KEYS) is None
    ]
    r.unique([(p, c.id) for p, c in cards], _("Prototypekortet"))
    return [c for _p, c in cards]


def read_journeys(r: Reader, data: dict) -> list[JourneyTemplate]:
    templates = []
    for path, t in r.tables(data, (), "template"):
        r.known_keys(t, path, TEMPLATE_KEYS)
        lanes = []
        for lp, lane in r.tables(t, path, "lanes"):
            r.known_keys(lane, lp, LANE_KEYS)
            lanes.append((lp, Lane(r.ident(lane, lp), r.text_value(lane, lp, "title"))))
        r.unique([(lp, lane.id) for lp, lane in lanes], _("Sporet"))
        stages = r.text_list(t, path, "stages", required=True)
        if not stages:
            r.issue((*path, "stages"), _("en brukerreise trenger minst én fase."))
        templates.append(
            (
                path,
                JourneyTemplate(
                    id=r.ident(t, path),
                    title=r.text_value(t, path, "title"),
                    description=r.text_value(t, path, "description", required=False),
                    stages=stages,
                    lanes=tuple(lane for _lp, lane in lanes),
                    kind=r.choice(t, path, "kind", MapKind, MapKind.CURRENT, required=False),
                ),
            )
        )
    r.unique([(p, t.id) for p, t in templates], _("Malen"))
    return [t for _p, t in templates]


def read_worksheets(r: Reader, data: dict) -> list[Worksheet]:
    sheets = []
    for path, w in r.tables(data, (), "worksheet"):
        r.known_keys(w, path, SHEET_KEYS)
        per = r.text_value(w, path, "per", required=False, default="group") or "group"
        if per not in {"group", "participant", "session"}:
            r.issue(
                (*path, "per"),
                _("«{value}» er ikke et gyldig valg (group | participant | session).").format(value=per),
            )
            per = "group"
        sheets.append(
            (
                path,
                Worksheet(
                    id=r.ident(w, path),
                    title=r.text_value(w, path, "title"),
                    description=r.text_value(w, path, "description", required=False),
                    paper=r.choice(w, path, "paper", PaperSize, PaperSize.A4),
                    orientation=r.choice(w, path, "orientation", Orientation, Orientation.PORTRAIT),
                    per=per,
                    instructions=r.text_value(w, path, "instructions", required=False),
                ),
            )
        )
    r.unique([(p, s.id) for p, s in sheets], _("Arbeidsarket"))
    return [s for _p, s in sheets]
