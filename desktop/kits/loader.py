"""Load and validate workshop kits from their folders. A broken kit is reported, never fatal."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.kit import Kit, SessionTemplate
from desktop.errors import LupError
from desktop.i18n import _
from desktop.kits.schema import (
    KitIssue,
    Reader,
    read_journeys,
    read_kit_file,
    read_methods,
    read_prototypes,
    read_session,
    read_worksheets,
)

KIT_FILE = "kit.toml"
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class KitError(LupError):
    """A kit that cannot be used; ``issues`` says every place that needs fixing."""

    def __init__(self, folder: Path, issues: list[KitIssue]) -> None:
        issues = sorted(issues, key=lambda issue: (issue.file, issue.line))
        super().__init__(
            _("Arbeidspakken i {folder} har {n} feil:").format(folder=folder, n=len(issues))
            + "\n"
            + "\n".join(str(issue) for issue in issues)
        )
        self.folder = folder
        self.issues = issues


@dataclass(frozen=True)
class KitEntry:
    """A kit folder as listed: the kit, or why it cannot be used."""

    folder: Path
    kit: Kit | None
    issues: tuple[KitIssue, ...] = ()


def _read_toml(path: Path, folder: Path, issues: list[KitIssue]) -> tuple[Reader, dict] | None:
    """Parse one kit file; a file that cannot be read, decoded or parsed becomes an issue (None)."""
    name = str(path.relative_to(folder.parent)) if path.is_relative_to(folder.parent) else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        issues.append(KitIssue(name, 1, "", _("kan ikke leses: {reason}").format(reason=exc.strerror or exc)))
        return None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (older Notepad) is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        issues.append(
            KitIssue(
                name, line, "", _("filen er ikke lagret som UTF-8 (lagre den som UTF-8 i tekstprogrammet).")
            )
        )
        return None
    try:
        return Reader(name, text, issues), tomllib.loads(text)
    except RecursionError:  # nested hundreds of levels deep: no kit is
        issues.append(KitIssue(name, 1, "", _("filen er nøstet for dypt til å leses (lister i lister i …).")))
        return None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        line = int(match.group(1)) if match else 1
        detail = _TOML_POSITION.sub("", str(exc)).strip()
        issues.append(KitIssue(name, line, "", _("ikke gyldig TOML: {detail}").format(detail=detail)))
        return None


def load_kit(folder: Path) -> Kit:
    """Read and check the kit in ``folder``; raises KitError listing every problem found."""
    folder = Path(folder)
    issues: list[KitIssue] = []

    def reader(path: Path) -> tuple[Reader, dict] | None:
        return _read_toml(path, folder, issues)

    if not (folder / KIT_FILE).is_file():
        raise KitError(folder, [KitIssue(str(folder / KIT_FILE), 1, "", _("filen mangler."))])
    head = reader(folder / KIT_FILE)
    meta = read_kit_file(*head) if head else None
    kit_reader = head[0] if head else None

    sessions: list[SessionTemplate] = []
    readers: dict[str, Reader] = {}
    for path in sorted((folder / "sessions").glob("*.toml")):
        got = reader(path)
        if got is not None:
            template = read_session(*got)
            if template.id in readers:
                got[0].issue(
                    ("id",),
                    _("Samlingsmalen «{id}» finnes allerede i {other}.").format(
                        id=template.id, other=readers[template.id].file
                    ),
                )
            readers.setdefault(template.id, got[0])
            sessions.append(template)

    unreadable: set[str] = set()  # files that could not be parsed: no cascade of "unknown id" after them

    def optional(name: str, read):
        path = folder / name
        got = reader(path) if path.is_file() else None
        if path.is_file() and got is None:
            unreadable.add(name)
        return (got[0], read(*got)) if got else (None, [])

    method_reader, methods_read = optional("methods.toml", read_methods)
    methods = [card for _path, card in methods_read]
    prototypes = optional("prototypes.toml", read_prototypes)[1]
    journeys = optional("journeys.toml", read_journeys)[1]
    worksheets = optional("worksheets.toml", read_worksheets)[1]

    # References between files.
    method_ids = {m.id for m in methods}
    sheet_ids = {w.id for w in worksheets}
    for template in sessions:
        r = readers.get(template.id)
        if r is None:
            continue
        _check_day(r, template)
        for index, block in enumerate(template.blocks):
            if block.method and block.method not in method_ids and "methods.toml" not in unreadable:
                r.issue(
                    ("block", index, "method"),
                    _("ukjent metode «{id}» (finnes ikke i methods.toml).").format(id=block.method),
                )
        for sheet in template.worksheets:
            if sheet not in sheet_ids and "worksheets.toml" not in unreadable:
                r.issue(
                    ("worksheets",),
                    _("ukjent arbeidsark «{id}» (finnes ikke i worksheets.toml).").format(id=sheet),
                )
    if methods_read:
        method_reader = Reader(
            str(Path(folder.name) / "methods.toml"), (folder / "methods.toml").read_text("utf-8"), issues
        )
        for path, card in methods_read:
            for other in card.chains_with:
                if other not in method_ids:
                    method_reader.issue((*path, "chains_with"), _("ukjent metode «{id}».").format(id=other))
    if meta and kit_reader:
        session_ids = {s.id for s in sessions}
        for ident in meta["sequence"]:
            if ident not in session_ids:
                kit_reader.issue(
                    ("sequence",),
                    _("ukjent samlingsmal «{id}» (ingen fil i sessions/ har den id-en).").format(id=ident),
                )
        if meta["id"] and meta["id"] != folder.name:
            kit_reader.issue(
                ("id",), _("skal være det samme som mappenavnet «{name}».").format(name=folder.name)
            )
        if meta["run"].critical >= meta["run"].warning:
            kit_reader.issue(("run", "critical"), _("skal være mindre enn warning."))
    if issues or meta is None:
        raise KitError(folder, issues)
    return Kit(
        id=meta["id"],
        name=meta["name"],
        language=meta["language"],
        version=meta["version"],
        description=meta["description"],
        path=str(folder),
        sequence=meta["sequence"],
        sessions=tuple(sessions),
        methods=tuple(methods),
        prototypes=tuple(prototypes),
        journeys=tuple(journeys),
        worksheets=tuple(worksheets),
        run=meta["run"],
    )


def _check_day(r: Reader, template: SessionTemplate) -> None:
    """A template's plan must end on the day it starts (its blocks, pins included)."""
    from desktop.domain import timeplan as tp

    if template.start is None or any(b.minutes <= 0 for b in template.blocks):
        return
    start = tp.parse_clock(template.start)
    blocks = [
        tp.PlanBlock(b.minutes, tp.parse_clock(b.pinned) if b.pinned else None) for b in template.blocks
    ]
    sched = tp.schedule(blocks, start, start + template.minutes)
    if sched.past_midnight or start + template.minutes > tp.DAY_MINUTES:
        r.issue(
            ("start",),
            _("samlingen går over midnatt (planen slutter {end}).").format(
                end=tp.format_clock(max(sched.end, start + template.minutes))
            ),
        )


def kit_folders(roots: Iterable[Path]) -> list[Path]:
    """Every folder holding a ``kit.toml`` directly under one of ``roots``, by name."""
    found = []
    for root in roots:
        if root.is_dir():
            found += [p for p in root.iterdir() if p.is_dir() and (p / KIT_FILE).is_file()]
    return sorted(found, key=lambda p: p.name)


def list_kits(roots: Iterable[Path]) -> list[KitEntry]:
    """Every kit under ``roots``: the good ones loaded, the broken ones with their issues."""
    entries = []
    for folder in kit_folders(roots):
        try:
            entries.append(KitEntry(folder, load_kit(folder)))
        except KitError as exc:
            entries.append(KitEntry(folder, None, tuple(exc.issues)))
    return entries


OWN_KITS_DIR = "kits"  # the facilitators' own kits, in the data folder


def default_roots() -> list[Path]:
    """The kits shipped with the program, then the user's own (``<data folder>/kits``)."""
    from desktop.paths import default_data_dir, project_root

    return [project_root() / "workshop_kits", default_data_dir() / OWN_KITS_DIR]
