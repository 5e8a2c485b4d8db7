"""The register as spreadsheets: initiatives, benefits, measurements and ideas as CSV files for Excel.

The municipality keeps LUP's figures in Excel; these files open there with a double-click, Norwegian Excel
as it is set up in Bærum: UTF-8 with a byte order mark (æ, ø, å come through), «;» between the cells, CRLF
line ends, a header row. Numbers have a decimal comma and no thousands separator (``1234,5``), dates are ISO
(``2026-11-23``), a missing value is an empty cell, and the enums are written with their Norwegian labels.
A text that Excel would take for a formula (it starts with = + - @, a tab or a carriage return) gets a
leading apostrophe (OWASP's advice on CSV injection); real numbers, negative ones too, stay numbers.

What is realised of a benefit and where it stands in its follow-up are the domain's own computations
(``BenefitView.progress`` and ``follow_up``), read through ``initiatives.read_groups`` like the reports.

The four files are written to temporary files beside their targets first and put in place only when all
four are whole: a full disk or a folder that can't be written leaves the files already there as they were.
On Windows a file open in Excel cannot be replaced; that is found before any file is replaced.
"""

from __future__ import annotations

import csv
import errno
import os
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from desktop.domain.ideas import Idea as BoardIdea
from desktop.domain.initiatives import InitiativeView
from desktop.errors import DiskFullError, LupError, NotFoundError
from desktop.file_errors import os_reason
from desktop.files import process_umask, replace_file
from desktop.i18n import _
from desktop.services.common import in_norwegian
from desktop.services.initiatives import read_groups
from desktop.storage.database import Database
from desktop.storage.models import (
    Cohort,
    Idea,
    IdeaTheme,
    LeaderGroup,
    Prototype,
    Sector,
    ServiceLocation,
    Vote,
)

INITIATIVES = "tiltak.csv"
BENEFITS = "gevinster.csv"
MEASUREMENTS = "maalinger.csv"
IDEAS = "ideer.csv"
FILE_NAMES = (INITIATIVES, BENEFITS, MEASUREMENTS, IDEAS)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel reads as the start of a formula
_LOCKING = os.name == "nt"  # Windows refuses to replace a file another program (Excel) holds open

Cell = str | int | float | date | bool | None


@dataclass(frozen=True)
class Sheet:
    name: str  # the file's name
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class SpreadsheetResult:
    folder: Path
    cohort: str  # the cohort exported, "" for the whole register
    files: tuple[tuple[Path, int], ...]  # each file written, with its rows (the header not counted)


@dataclass(frozen=True)
class _Place:
    cohort: str
    sector: str
    location: str


def rows_text(n: int) -> str:
    """«1 rad», «160 rader»."""
    return _("1 rad") if n == 1 else _("{n} rader").format(n=n)


# --- cells ------------------------------------------------------------------------------------------------


def number_cell(value: float) -> str:
    """A number as Norwegian Excel reads it: a decimal comma, no thousands separator, in full (``1234,5``,
    ``-3``, ``0,25``)."""
    text = format(Decimal(repr(float(value))), "f")
    whole, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    text = whole + ("," + fraction if fraction else "")
    return "0" if text in ("-0", "") else text


def text_cell(value: str) -> str:
    """A text as it is, or with an apostrophe first where Excel would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, int | float):
        return number_cell(value)
    if isinstance(value, date):
        return value.isoformat()
    return text_cell(str(value))


# --- reading ----------------------------------------------------------------------------------------------


def read_sheets(db: Database, cohort_id: uuid.UUID | None = None, today: date | None = None) -> list[Sheet]:
    """The four sheets of the whole register, or of one cohort: rows by cohort, then service location."""
    today = today or date.today()
    with db.transaction() as s:
        if cohort_id is not None and s.get(Cohort, cohort_id) is None:
            raise NotFoundError(_("Finner ikke kullet; det kan være slettet."))
        places = _places(s, cohort_id)
        order = {group_id: n for n, group_id in enumerate(places)}
        # Sorted by group (a stable sort: oldest first within each, as read).
        views = sorted(read_groups(s, places), key=lambda v: order[v.group_id])
        origins = _origins(s, views)
        ideas = _ideas(s, places)
    return [
        _initiative_sheet(views, places, origins),
        _benefit_sheet(views, places, today),
        _measurement_sheet(views, places),
        Sheet(
            IDEAS,
            (
                _("Kull"),
                _("Kommunalområde"),
                _("Tjenestested"),
                _("Idé"),
                _("Tema"),
                _("Stemmer"),
                _("Effekt (0–1)"),
                _("Innsats (0–1)"),
                _("Kvadrant"),
                _("Valgt"),
            ),
            ideas,
        ),
    ]


def _places(s, cohort_id: uuid.UUID | None) -> dict[uuid.UUID, _Place]:
    """The leader groups exported, in order (cohort by start, then service location), with their place."""
    query = (
        select(LeaderGroup.id, Cohort.name, Sector.name, ServiceLocation.name)
        .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
        .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
        .join(Sector, ServiceLocation.sector_id == Sector.id)
        .order_by(Cohort.start_date, in_norwegian(Cohort.name), in_norwegian(ServiceLocation.name))
    )
    if cohort_id is not None:
        query = query.where(LeaderGroup.cohort_id == cohort_id)
    return {row[0]: _Place(*row[1:]) for row in s.execute(query)}


def _origins(s, views: Sequence[InitiativeView]) -> dict[uuid.UUID, str]:
    """What each initiative came from, by the initiative's id: «Idé: …» or «Prototype: …»."""
    idea_ids = {v.idea_id for v in views if v.idea_id is not None}
    prototype_ids = {v.prototype_id for v in views if v.prototype_id is not None}
    ideas = dict(s.execute(select(Idea.id, Idea.text).where(Idea.id.in_(idea_ids))).all()) if idea_ids else {}
    prototypes = (
        dict(s.execute(select(Prototype.id, Prototype.title).where(Prototype.id.in_(prototype_ids))).all())
        if prototype_ids
        else {}
    )
    found = {}
    for v in views:
        if v.prototype_id in prototypes:
            found[v.id] = _("Prototype: {text}").format(text=prototypes[v.prototype_id])
        elif v.idea_id in ideas:
            found[v.id] = _("Idé: {text}").format(text=" ".join(ideas[v.idea_id].split()))
    return found


def _ideas(s, places: dict[uuid.UUID, _Place]) -> list[tuple[Cell, ...]]:
    group_ids = list(places)
    votes = dict(
        s.execute(
            select(Vote.idea_id, func.sum(Vote.dots))
            .join(Idea, Vote.idea_id == Idea.id)
            .where(Idea.leader_group_id.in_(group_ids))
            .group_by(Vote.idea_id)
        ).all()
    )
    rows = s.execute(
        select(
            Idea.id,
            Idea.leader_group_id,
            Idea.text,
            IdeaTheme.title,
            Idea.impact,
            Idea.effort,
            Idea.chosen,
        )
        .outerjoin(IdeaTheme, Idea.theme_id == IdeaTheme.id)
        .where(Idea.leader_group_id.in_(group_ids))
        .order_by(Idea.position, Idea.created_at, Idea.id)  # the board's order within each group
    ).all()
    order = {group_id: n for n, group_id in enumerate(group_ids)}
    result = []
    for r in sorted(rows, key=lambda r: order[r.leader_group_id]):
        place = places[r.leader_group_id]
        quadrant = BoardIdea(r.id, r.text, impact=r.impact, effort=r.effort).quadrant
        result.append(
            (
                place.cohort,
                place.sector,
                place.location,
                r.text,
                r.title,
                votes.get(r.id, 0),
                _rounded(r.impact, 2),
                _rounded(r.effort, 2),
                quadrant.label if quadrant is not None else None,
                r.chosen,
            )
        )
    return result


def _rounded(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


def _initiative_sheet(views, places, origins) -> Sheet:
    rows = [
        (
            *_where(places[v.group_id]),
            v.title,
            v.need,
            v.description,
            v.owner,
            origins.get(v.id),
            v.phase.label,
            v.status.label,
            v.start_date,
            v.end_date,
            v.next_step,
            len(v.benefits),
        )
        for v in views
    ]
    header = (
        _("Kull"),
        _("Kommunalområde"),
        _("Tjenestested"),
        _("Tiltak"),
        _("Behov"),
        _("Beskrivelse"),
        _("Eier"),
        _("Opphav"),
        _("Fase (Veikart)"),
        _("Status"),
        _("Startdato"),
        _("Sluttdato"),
        _("Neste steg"),
        _("Antall gevinster"),
    )
    return Sheet(INITIATIVES, header, rows)


def _benefit_sheet(views, places, today: date) -> Sheet:
    rows = []
    for v in views:
        for b in v.benefits:
            p = b.progress
            rows.append(
                (
                    *_where(places[v.group_id]),
                    v.title,
                    b.title,
                    b.gain_type.label,
                    b.indicator,
                    b.unit,
                    b.baseline,
                    b.baseline_date,
                    b.target,
                    b.target_date,
                    p.latest,
                    max((m.on for m in b.measurements), default=None),
                    _rounded(p.realised_pct, 1),
                    b.follow_up(today, v.status).label,
                    b.owner,
                    b.preconditions,
                )
            )
    header = (
        _("Kull"),
        _("Kommunalområde"),
        _("Tjenestested"),
        _("Tiltak"),
        _("Gevinst"),
        _("Gevinsttype"),
        _("Indikator"),
        _("Enhet"),
        _("Nullpunkt"),
        _("Nullpunktsdato"),
        _("Mål"),
        _("Måldato"),
        _("Siste måling"),
        _("Siste måling, dato"),
        _("Realisert (% av målet)"),
        _("Oppfølging"),
        _("Eier"),
        _("Forutsetninger"),
    )
    return Sheet(BENEFITS, header, rows)


def _measurement_sheet(views, places) -> Sheet:
    rows = [
        (*_where(places[v.group_id]), v.title, b.title, b.indicator, b.unit, m.on, m.value, m.note or None)
        for v in views
        for b in v.benefits
        for m in b.measurements
    ]
    header = (
        _("Kull"),
        _("Kommunalområde"),
        _("Tjenestested"),
        _("Tiltak"),
        _("Gevinst"),
        _("Indikator"),
        _("Enhet"),
        _("Dato"),
        _("Verdi"),
        _("Merknad"),
    )
    return Sheet(MEASUREMENTS, header, rows)


def _where(place: _Place) -> tuple[str, str, str]:
    return place.cohort, place.sector, place.location


# --- writing ----------------------------------------------------------------------------------------------


def export_spreadsheets(
    db: Database, folder: Path, cohort_id: uuid.UUID | None = None, today: date | None = None
) -> SpreadsheetResult:
    """Write ``tiltak.csv``, ``gevinster.csv``, ``maalinger.csv`` and ``ideer.csv`` into ``folder`` (made if
    missing), replacing files of those names; the whole register, or the cohort ``cohort_id``. A folder
    that can't be written, a full disk or a file open in Excel is a ``LupError`` in Norwegian, and then the
    files already there are as they were."""
    folder = Path(folder).expanduser()
    sheets = read_sheets(db, cohort_id, today)
    cohort = ""
    if cohort_id is not None:
        with db.transaction() as s:
            cohort = s.scalar(select(Cohort.name).where(Cohort.id == cohort_id)) or ""
    written = write_sheets(folder, sheets)
    files = tuple((path, len(sheet.rows)) for path, sheet in zip(written, sheets, strict=True))
    return SpreadsheetResult(folder, cohort, files)


def write_sheets(folder: Path, sheets: Iterable[Sheet]) -> list[Path]:
    """Write every sheet to a temporary file in ``folder``, then put them all in place; returns the files."""
    pending: list[tuple[str, Path]] = []  # (temporary, target)
    replaced: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for sheet in sheets:
            handle, temporary = tempfile.mkstemp(prefix=".lup-", suffix=".csv", dir=folder)
            pending.append((temporary, folder / sheet.name))
            with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
                writer.writerow(sheet.header)
                writer.writerows([cell(value) for value in row] for row in sheet.rows)
            os.chmod(temporary, 0o666 & ~process_umask())  # mkstemp makes it private (0600)
        held = _held_open(target for _temporary, target in pending)
        if held is not None:
            raise LupError(
                _(
                    "Kan ikke lagre {path}: filen er åpen i et annet program (Excel?). Lukk den og prøv "
                    "igjen; ingen av regnearkene er endret."
                ).format(path=held)
            )
        for temporary, target in pending:
            replace_file(temporary, target)
            replaced.append(target)
    except OSError as exc:
        raise _failure(exc, folder, replaced) from exc
    finally:
        for temporary, _target in pending:
            Path(temporary).unlink(missing_ok=True)
    return [target for _temporary, target in pending]


def _held_open(targets: Iterable[Path]) -> Path | None:
    """The first of ``targets`` another program holds open, so that it cannot be replaced (Windows only:
    elsewhere a file open in another program is replaced all the same)."""
    if not _LOCKING:
        return None
    for target in targets:
        try:
            with open(target, "r+b"):  # opened only to see that it can be; changes nothing
                pass
        except FileNotFoundError:
            continue
        except PermissionError:
            return target
    return None


def _failure(exc: OSError, folder: Path, replaced: list[Path]) -> LupError:
    if replaced:
        done = " " + _("Disse er likevel lagret: {files}.").format(files=", ".join(p.name for p in replaced))
    else:
        done = " " + _("Filene som var der fra før, er som de var.")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            _("Disken er full, så regnearkene ble ikke lagret. Frigjør plass og prøv igjen.") + done
        )
    return LupError(
        _("Kan ikke lagre regnearkene i {folder}: {reason}. Velg en annen mappe.").format(
            folder=folder, reason=os_reason(exc)
        )
        + done
    )
