"""Bring the work of another laptop into this register: merge a copy of its data folder (made with «Lagre en
kopi av dataene», on a stick or a shared folder) into the register open here.

The five facilitators each work offline on their own laptop, from copies of one register, so every row has
the same UUID everywhere. There is no common ancestor to compare with, so the rows' times decide. Merging
compares the two registers row by row, parents first:

- a row only in the copy is added, unless it was deleted here after it, and everything in it, was last
  changed there (a leader group deleted here comes back, whole, when a participant was added to it there
  since); what is left out because it belongs to something deleted here is counted and said;
- a row in both is taken from the copy when it was changed there later than here (the newest change wins;
  a row changed here later is kept, and counted), but a value is never replaced by an empty one (an e-mail
  typed here); columns that are one record (a block's run: start, end, time) come whole from one side; a
  row so combined is stamped now, so that merging back brings the same row to the other laptop;
- a row the copy deleted (``deletion``, written by a trigger on every table) goes here too, unless it, or
  anything in it or holding on to it, was changed here after that, or it was deleted together with a
  parent that stays here; what stays is said; the deletion is remembered here with the time it was made
  there, and deletions of things this register never had are remembered too, so they travel on;
- two rows that are one thing made on two laptops (the same service location, the same leader group of a
  cohort: a unique key, names compared as the app compares them) become one: the copy's row is read as
  this one, and what refers to it follows; only a row the copy does not have is matched so;
- a row whose parent is not here is not added; a reference that may be empty is emptied; the merge is
  worked out again until every row that stays or comes back has the parents it needs (they stay, or come
  back with it);
- a copy whose latest change lies in the future (its laptop's clock is wrong) is said.

Known limits: changes to different fields of one row on both laptops are not combined (the newer row wins,
filled in), and a value cleared on purpose (an e-mail, a run cleared to be run again) is filled in again
from the other laptop; a row deleted here can come back when the other laptop only reordered its
neighbours (their positions changed); one thing made on both laptops keeps two ids, so deleting it on one
does not travel (it comes back under the other's id); two names swapped, or two things renamed to one
name, are refused (nothing changes); positions can tie (read in the order the rows were made); a
participant can have more dots than the board allows after two votings are merged.

Photo files (named by their content) that are not here are copied first. A backup of the register is made
before anything changes, and everything is written in one transaction: a merge that cannot be carried out
changes nothing. The facilitators' own kits (``kits/`` in the data folder) that are not here are copied
after it (a kit of the same name here is kept as it is). Reading the copy never writes to it: it is copied
(SQLite's backup API) into a temporary folder, upgraded there if it is from an older version, and read
from there.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, UniqueConstraint, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from desktop.domain.rules import name_key
from desktop.errors import CorruptDatabaseError, StorageError
from desktop.file_errors import os_reason
from desktop.i18n import _
from desktop.kits.loader import OWN_KITS_DIR
from desktop.services.photos import PHOTOS_DIR, stored_entries
from desktop.storage.backup import copy_database, make_backup
from desktop.storage.database import DB_NAME, Database, inspect_file, open_database
from desktop.storage.models import Base, Deletion, utcnow

STAMPS = ("id", "created_at", "updated_at")
_TABLE_ORDER = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
# Columns that are one record: taken from one side together (a run of a block: started, ended, its time).
# The first columns tell whether a side has the record at all.
RECORDS = {"agenda_block": (("actual_start", "actual_end", "actual_seconds"), ("added_minutes",))}
CLOCK_AHEAD_MINUTES = 10  # the copy's latest change this far in the future: its laptop's clock is wrong
DELETION = Deletion.__tablename__


@dataclass(frozen=True)
class MergeResult:
    """What a merge adds, changes and removes here, by table (planned, or carried out)."""

    source: Path
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    kept: int = 0  # rows changed on both laptops where this laptop's change is the later one
    photos: int = 0  # photo files copied from the copy's folder
    kits: int = 0  # own kits (folders in ``kits/``) copied from the copy's folder
    backup: Path | None = None  # the register as it was before the merge
    cancelled: bool = False  # then nothing here was changed
    left_out: int = 0  # things of the copy that belong to something deleted here: not brought in
    kept_deleted: int = 0  # things the copy deleted that stay here (changed here since)
    notes: tuple[str, ...] = ()  # what could not be brought along (an own kit that could not be copied)

    @property
    def nothing(self) -> bool:
        return not (self.added or self.changed or self.removed or self.photos or self.kits or self.left_out)

    def lines(self) -> list[str]:
        """The merge in words, for the facilitator: one line per kind of thing."""
        out = []
        for table in sorted(set(self.added) | set(self.changed) | set(self.removed), key=_table_order):
            parts = []
            if self.added[table]:
                parts.append(_("{n} lagt til").format(n=self.added[table]))
            if self.changed[table]:
                parts.append(_("{n} endret").format(n=self.changed[table]))
            if self.removed[table]:
                parts.append(_("{n} slettet").format(n=self.removed[table]))
            out.append(f"{table_label(table)}: {', '.join(parts)}")
        if self.photos:
            out.append(_("Bildefiler: {n} lagt til").format(n=self.photos))
        if self.kits:
            out.append(_("Egne arbeidspakker: {n} lagt til").format(n=self.kits))
        if self.kept_deleted:
            out.append(
                _(
                    "{n} ting som er slettet i kopien, blir stående her fordi de er endret her etterpå."
                ).format(n=self.kept_deleted)
            )
        if self.left_out:
            out.append(
                _(
                    "{n} ting i kopien hører til noe som er slettet her etter at det sist ble endret der, og "
                    "kommer ikke inn."
                ).format(n=self.left_out)
            )
        out += self.notes
        if self.kept:
            out.append(
                _("{n} ting er endret her etter kopien og blir stående slik de er her.").format(n=self.kept)
            )
        return out


def table_label(table: str) -> str:
    return {
        "facilitator": _("Veiledere"),
        "programme": _("Programmer"),
        "cohort": _("Kull"),
        "cohort_facilitator": _("Veiledere på kull"),
        "sector": _("Kommunalområder"),
        "service_location": _("Tjenestesteder"),
        "leader_group": _("Ledergrupper"),
        "participant": _("Deltakere"),
        "session": _("Samlinger"),
        "session_facilitator": _("Veiledere på samlinger"),
        "agenda_block": _("Blokker i tidsplaner"),
        "run_event": _("Hendelser under kjøringer"),
        "checklist_tick": _("Avkrysninger i sjekklister"),
        "journey_map": _("Brukerreiser"),
        "journey_stage": _("Faser i brukerreiser"),
        "journey_step": _("Steg i brukerreiser"),
        "journey_lane": _("Rader i brukerreiser"),
        "journey_card": _("Kort i brukerreiser"),
        "idea_theme": _("Idétemaer"),
        "idea": _("Idéer"),
        "vote": _("Prikker"),
        "prototype": _("Prototyper"),
        "prototype_iteration": _("Prototyperunder"),
        "initiative": _("Innovasjonstiltak"),
        "benefit": _("Gevinster"),
        "benefit_measurement": _("Målinger"),
        "fund_round": _("Runder i innovasjonsfondet"),
        "application": _("Søknader"),
        "photo": _("Bilder"),
    }.get(table, table)


def _table_order(table: str) -> int:
    return _TABLE_ORDER.get(table, len(_TABLE_ORDER))


Report = Callable[[int, int, str], None]


def _quiet(_done: int, _total: int, _what: str) -> None:
    pass


def plan_merge(db: Database, folder: Path, report: Report = _quiet) -> MergeResult:
    """What merging the copy in ``folder`` would do, without changing anything here."""
    report(0, 2, _("Leser kopien …"))
    with _copy_of(db, folder) as theirs, db.transaction() as s:
        report(1, 2, _("Sammenligner med registeret her …"))
        plan = _compare(s, theirs, folder)
    return replace(plan, photos=len(_missing_photos(db, folder)), kits=len(_missing_kits(db, folder)))


def merge_copy(
    db: Database, folder: Path, cancelled: Callable[[], bool] = lambda: False, report: Report = _quiet
) -> MergeResult:
    """Merge the copy in ``folder`` into this register (see the module's description); returns what was
    done. Raises ``LupError`` subclasses with a Norwegian message; then nothing here has changed (photo files
    copied before a failure are harmless: unused files are cleared away later)."""
    report(0, 4, _("Leser kopien …"))
    with _copy_of(db, folder) as theirs:
        photos = _missing_photos(db, folder)
        report(1, 4, _("Tar en sikkerhetskopi av registeret her …"))
        failed: list[str] = []
        backup = make_backup(db.path, force=True, failed=failed)
        if failed:
            raise StorageError(
                _("Registeret ble ikke endret: sikkerhetskopien før sammenslåingen kunne ikke lages.")
            )
        report(2, 4, _("Kopierer bilder …"))
        copied = _copy_photos(db, folder, photos, cancelled)
        report(3, 4, _("Slår sammen …"))
        try:
            with db.transaction() as s:
                if cancelled():
                    raise _Cancelled
                done = _compare(s, theirs, folder, apply=True)
        except _Cancelled:
            return MergeResult(Path(folder), backup=backup, cancelled=True)
        except IntegrityError as exc:
            clash = "UNIQUE" in str(exc.orig)
            raise StorageError(
                (
                    _(
                        "Kopien kan ikke slås sammen med registeret her: to ting ville få samme navn eller "
                        "plass ({detail}). Gi den ene et annet navn, her eller der, og prøv igjen. Ingenting "
                        "er endret."
                    )
                    if clash
                    else _("Kopien kan ikke slås sammen med registeret her ({detail}). Ingenting er endret.")
                ).format(detail=str(exc.orig))
            ) from exc
        kits, notes = _copy_kits(db, folder)
    return replace(done, photos=copied, kits=kits, backup=backup, notes=done.notes + notes)


class _Cancelled(Exception):
    """Cancelled before the merge was committed: the transaction is rolled back."""


# --- the copy ----------------------------------------------------------------------------------------------


@contextmanager
def _copy_of(db: Database, folder: Path) -> Iterator[Database]:
    """The register in ``folder`` as a read-only snapshot: copied into a temporary folder, upgraded there
    if older, checked (a damaged or newer file is refused with a message naming the real file)."""
    folder = Path(folder)
    source = folder / DB_NAME if folder.is_dir() else folder
    if source.resolve() == db.path.resolve():
        raise StorageError(_("Det er dette registeret. Velg mappen med kopien fra den andre maskinen."))
    if not source.is_file():
        raise StorageError(
            _("Fant ingen LUP Verksted-database i {path}. Velg mappen med kopien (den med {name}).").format(
                path=folder, name=DB_NAME
            )
        )
    try:
        inspect_file(source)  # damaged, not ours, unreadable: refused here, naming the file on the stick
    except CorruptDatabaseError as exc:
        raise StorageError(
            _("Kopien i {path} er skadet eller ikke en LUP Verksted-database. Ingenting er endret.").format(
                path=source
            )
        ) from exc
    with tempfile.TemporaryDirectory(prefix="lup-merge-", ignore_cleanup_errors=True) as temp:
        try:
            copy_database(source, Path(temp) / DB_NAME)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                _("Kopien i {path} kan ikke leses ({reason}). Ingenting er endret.").format(
                    path=source, reason=os_reason(exc) if isinstance(exc, OSError) else exc
                )
            ) from exc
        theirs = open_database(Path(temp), lock=False, backup=False, create=False)
        try:
            yield theirs
        finally:
            theirs.close()


def _missing_photos(db: Database, folder: Path) -> list[tuple[Path, Path]]:
    """(file in the copy, where it goes here) for each photo file of the copy not here (same name: same
    content, the names are content hashes)."""
    here = {e.name for e in stored_entries(db.data_dir)}
    return [
        (Path(e.path), db.data_dir / PHOTOS_DIR / Path(e.path).parent.name / e.name)
        for e in stored_entries(Path(folder))
        if not e.name.startswith(".") and e.name not in here and e.is_file(follow_symlinks=False)
    ]


def _missing_kits(db: Database, folder: Path) -> list[Path]:
    """The own kit folders of the copy that this data folder has none of by that name."""
    here, there = db.data_dir / OWN_KITS_DIR, Path(folder) / OWN_KITS_DIR
    try:
        found = [p for p in there.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return []
    return sorted(p for p in found if not (here / p.name).exists())


def _copy_kits(db: Database, folder: Path) -> tuple[int, tuple[str, ...]]:
    """Copy the copy's own kits that are not here; returns how many, and a note for each that could not
    be copied (the merge is done by then: that is said, not raised)."""
    copied, notes = 0, []
    for kit in _missing_kits(db, folder):
        target = db.data_dir / OWN_KITS_DIR / kit.name
        partial = target.with_name("." + kit.name + ".partial")
        try:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.copytree(kit, partial)
            partial.replace(target)
            copied += 1
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            notes.append(
                _("Arbeidspakken {name} kunne ikke kopieres hit ({reason}).").format(
                    name=kit.name, reason=os_reason(exc)
                )
            )
    return copied, tuple(notes)


def _copy_photos(db: Database, folder: Path, photos: list[tuple[Path, Path]], cancelled) -> int:
    copied = 0
    for source, target in photos:
        if cancelled():
            break
        partial = target.with_name("." + target.name + ".partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, partial)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise StorageError(
                _(
                    "Bildet {name} fra kopien kan ikke kopieres hit ({reason}). Registeret er ikke endret."
                ).format(name=source.name, reason=os_reason(exc))
            ) from exc
        copied += 1
    return copied


# --- comparing and merging -------------------------------------------------------------------------------


@dataclass
class _Work:
    """What a merge does, worked out before anything is written."""

    deletes: dict[str, list[uuid.UUID]] = field(default_factory=dict)  # by table: what the copy deleted
    inserts: dict[str, list[dict]] = field(default_factory=dict)
    updates: dict[str, list[dict]] = field(default_factory=dict)
    removed: Counter = field(default_factory=Counter)  # deleted, and what goes with them (cascade)
    kept: int = 0
    kept_deleted: int = 0  # rows the copy deleted that stay here (changed here since)
    left_out: int = 0  # rows of the copy that belong to something deleted here
    need_keep: set[uuid.UUID] = field(default_factory=set)  # parents a staying row holds on to
    need_revive: set[uuid.UUID] = field(default_factory=set)  # parents deleted here a copy's row needs


def _rows(connection, table: Table) -> dict[uuid.UUID, dict[str, Any]]:
    return {r["id"]: dict(r) for r in connection.execute(select(table)).mappings()}


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = [
        tuple(c.name for c in con.columns) for con in table.constraints if isinstance(con, UniqueConstraint)
    ]
    keys += [(c.name,) for c in table.columns if c.unique]
    return keys


def _key(row: dict[str, Any], columns: tuple[str, ...]) -> tuple:
    """A unique key's values, names as the app compares them (case and spacing aside)."""
    return tuple(name_key(row[c]) if isinstance(row[c], str) else row[c] for c in columns)


def _data(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in STAMPS}


def _naive(value: datetime | None) -> datetime:
    if value is None:
        return datetime.min
    return value.replace(tzinfo=None)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _filled(table: str, theirs: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    """The copy's newer row, with what is filled in here kept where the copy has nothing (an e-mail typed
    here): a value is never replaced by an empty one. Columns that belong together (a block's run record)
    are taken together: all from the copy when it has any of them, else all from here. A row so combined is
    a new version, stamped now, so that merging back the other way brings the same row there."""
    telling, carried = RECORDS.get(table, ((), ()))
    unit = (*telling, *carried)
    own_unit = all(_blank(theirs[k]) for k in telling) and any(not _blank(mine[k]) for k in telling)
    combined = {
        k: mine[k]
        if (k in unit and own_unit) or (k not in unit and _blank(v) and not _blank(mine.get(k)))
        else v
        for k, v in theirs.items()
    }
    if combined != theirs:
        combined["updated_at"] = utcnow()
    return combined


def _cascade_parents(table: Table) -> list[tuple[str, str]]:
    return [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys if fk.ondelete == "CASCADE"]


def _latest_changes(tables: list[Table], rows: dict[str, dict]) -> dict[uuid.UUID, datetime]:
    """For each row, the latest change to it or to anything that belongs to it or holds on to it (rows that
    go with it on a delete, or keep it from being deleted), all the way down."""
    latest: dict[uuid.UUID, datetime] = {}
    for table in reversed(tables):  # children first
        parents = [fk.parent.name for fk in table.foreign_keys if fk.ondelete != "SET NULL"]
        for rid, row in rows[table.name].items():
            mine = max(_naive(row["updated_at"]), latest.get(rid, datetime.min))
            latest[rid] = mine
            for column in parents:
                parent = row[column]
                if parent is not None and latest.get(parent, datetime.min) < mine:
                    latest[parent] = mine
    return latest


def _work_out(
    tables: list[Table],
    here: dict[str, dict],
    there: dict[str, dict],
    deleted_here: dict[uuid.UUID, datetime],
    deleted_there: dict[uuid.UUID, datetime],
) -> _Work:
    """The merge (see the module's description for the rules), worked out again with more rows kept or
    brought back until every row that stays has the parents it needs (a location a kept group is at, the
    location of a group that comes back)."""
    keep: set[uuid.UUID] = set()
    revive: set[uuid.UUID] = set()
    latest = _latest_changes(tables, here), _latest_changes(tables, there)
    for _round in range(20):
        work = _one_pass(tables, here, there, deleted_here, deleted_there, latest, keep, revive)
        if work.need_keep <= keep and work.need_revive <= revive:
            return work
        keep |= work.need_keep
        revive |= work.need_revive
    raise StorageError(_("Kopien kan ikke slås sammen med registeret her. Ingenting er endret."))


def _one_pass(
    tables: list[Table],
    here: dict[str, dict],
    there: dict[str, dict],
    deleted_here: dict[uuid.UUID, datetime],
    deleted_there: dict[uuid.UUID, datetime],
    latest: tuple[dict[uuid.UUID, datetime], dict[uuid.UUID, datetime]],
    keep: set[uuid.UUID],
    revive: set[uuid.UUID],
) -> _Work:
    """One pass over the tables, parents first, keeping ``keep`` and bringing back ``revive``; ``latest``:
    the latest change in each row's part of the register, here and there."""
    work = _Work()
    latest_here, latest_there = latest
    alive: dict[str, set[uuid.UUID]] = {}
    revived: set[uuid.UUID] = set()  # deleted here, coming back (changed there since)
    same: dict[uuid.UUID, uuid.UUID] = {}  # the copy's id → this register's id, for one thing made twice
    for table in tables:
        cascade = _cascade_parents(table)
        mine, theirs = here[table.name], there[table.name]
        ours: dict[uuid.UUID, dict] = {}
        gone: list[uuid.UUID] = []
        for rid, row in mine.items():
            row = dict(row)
            missing = _missing_parents(row, table, alive)
            # Deleted there together with a parent that stays here: it stays with it.
            with_parent = any(
                row[column] in alive[parent] and deleted_there.get(row[column]) == deleted_there.get(rid)
                for column, parent in cascade
            )
            if (
                rid not in theirs
                and rid in deleted_there
                and deleted_there[rid] >= latest_here[rid]
                and rid not in keep
                and not with_parent
            ):
                gone.append(rid)
                continue
            if any(fk.ondelete == "CASCADE" for fk, _value in missing):
                # Goes with its parent; deleted explicitly (children first), so that it is gone before a
                # parent it holds on to (ON DELETE RESTRICT) is deleted.
                gone.append(rid)
                continue
            if rid in deleted_there and rid not in theirs:
                work.kept_deleted += 1
            work.need_keep |= {value for _fk, value in missing}  # a parent it holds on to stays
            ours[rid] = row
        work.removed[table.name] += len(gone)
        alive[table.name] = set(ours)
        # One thing made on both laptops: matched by its unique key, only to a row the copy does not have.
        keys = {
            key: {_key(r, key): rid for rid, r in ours.items() if rid not in theirs}
            for key in _unique_keys(table)
        }
        inserts, updates = [], []
        for their_id, row in theirs.items():
            row = _followed(row, table, same)
            rid = row["id"]
            if rid not in ours and rid not in deleted_here:
                for key, found in keys.items():
                    match = found.pop(_key(row, key), None)
                    if match is not None:
                        same[their_id] = rid = row["id"] = match
                        break
            if rid in ours:
                mine_row = ours[rid]
                if _data(row) == _data(mine_row) or _missing_parents(row, table, alive):
                    continue
                theirs_at, mine_at = _naive(row["updated_at"]), _naive(mine_row["updated_at"])
                if theirs_at > mine_at:
                    updates.append(_filled(table.name, row, mine_row))
                elif theirs_at < mine_at:
                    work.kept += 1
                continue
            if rid in deleted_here and rid not in revive:
                # Deleted here together with a parent that comes back: it comes back with it.
                with_parent = any(
                    row[column] in revived and deleted_here.get(row[column]) == deleted_here.get(rid)
                    for column, _parent in cascade
                )
                if deleted_here[rid] >= latest_there[rid] and not with_parent:
                    continue  # deleted here after it (or anything in it) was last changed there
            missing = _missing_parents(row, table, alive)
            if missing:
                needed = {value for _fk, value in missing if value in deleted_here}
                if rid not in deleted_here:
                    work.left_out += 1  # new there, but what it belongs to was deleted here since
                elif any(fk.ondelete == "CASCADE" for fk, _value in missing):
                    pass  # what it belongs to was deleted here after it was last changed there: so is it
                elif len(needed) == len(missing):
                    work.need_revive |= needed  # coming back: what it needs comes back with it
                continue
            if rid in deleted_here:
                revived.add(rid)
            inserts.append(row)
            alive[table.name].add(rid)
        _check_names(table, ours, updates, inserts)
        work.deletes[table.name] = gone
        work.inserts[table.name] = inserts
        work.updates[table.name] = updates
    return work


def _check_names(table: Table, ours: dict, updates: list[dict], inserts: list[dict]) -> None:
    """Refuse a merge after which two things of one kind would have one name (the same name as the app
    compares names: case and spacing aside, which the database lets through); nothing is changed."""
    rows = {**ours, **{r["id"]: r for r in updates}, **{r["id"]: r for r in inserts}}
    for key in _unique_keys(table):
        named = [c for c in key if isinstance(table.c[c].type, String)]
        if not named:
            continue
        seen: dict[tuple, dict] = {}
        for row in rows.values():
            found = seen.setdefault(_key(row, key), row)
            if found is not row:
                raise StorageError(
                    _(
                        "Kopien kan ikke slås sammen med registeret her: to ting ville hete det samme "
                        "(«{first}» og «{second}»). Gi den ene et annet navn, her eller der, og prøv igjen. "
                        "Ingenting er endret."
                    ).format(first=found[named[0]], second=row[named[0]])
                )


def _missing_parents(row: dict[str, Any], table: Table, alive: dict[str, set[uuid.UUID]]) -> list:
    """The parents ``row`` needs that are not (or no longer) here, as (foreign key, id); a reference that may
    be empty (ON DELETE SET NULL) to something not here is emptied in ``row`` instead, as the database
    would."""
    missing = []
    for fk in table.foreign_keys:
        value = row[fk.parent.name]
        if value is None or value in alive.get(fk.column.table.name, ()):
            continue
        if fk.ondelete == "SET NULL":
            row[fk.parent.name] = None
        else:
            missing.append((fk, value))
    return missing


def _followed(row: dict[str, Any], table: Table, same: dict[uuid.UUID, uuid.UUID]) -> dict[str, Any]:
    """``row`` with its references to things made twice pointing at this register's one."""
    row = dict(row)
    for fk in table.foreign_keys:
        value = row[fk.parent.name]
        if value in same:
            row[fk.parent.name] = same[value]
    return row


def _compare(s, theirs: Database, folder: Path, apply: bool = False) -> MergeResult:
    """Work out the merge (and with ``apply`` carry it out in the session ``s``); what it does, by table."""
    tables = [t for t in Base.metadata.sorted_tables if t.name != DELETION]
    deletion = Base.metadata.tables[DELETION]
    with theirs.engine.connect() as other:
        there = {t.name: _rows(other, t) for t in tables}
        their_deletions = list(_rows(other, deletion).values())
    here = {t.name: _rows(s, t) for t in tables}
    deleted_here = {r["id"]: _naive(r["created_at"]) for r in _rows(s, deletion).values()}
    deleted_there = {r["id"]: _naive(r["created_at"]) for r in their_deletions}
    work = _work_out(tables, here, there, deleted_here, deleted_there)
    ahead = max((_naive(r["updated_at"]) for rows in there.values() for r in rows.values()), default=None)
    minutes = (ahead - _naive(utcnow())).total_seconds() / 60 if ahead else 0
    notes = (
        (
            _(
                "Klokken på den andre maskinen ser ut til å gå {n} minutter for fort: det som er endret der, "
                "regnes som nyere enn det er."
            ).format(n=round(minutes)),
        )
        if minutes > CLOCK_AHEAD_MINUTES
        else ()
    )
    if apply:
        for table in reversed(tables):  # children first: a parent that holds on to them goes after them
            if work.deletes[table.name]:
                s.execute(delete(table).where(table.c.id.in_(work.deletes[table.name])))
        for table in tables:  # parents first; in a table, changes before additions (a name given up first)
            for row in work.updates[table.name]:
                values = {**_data(row), "updated_at": row["updated_at"]}
                s.execute(update(table).where(table.c.id == row["id"]).values(values))
            if work.inserts[table.name]:
                s.execute(insert(table), work.inserts[table.name])
        present = {rid for rows in here.values() for rid in rows}
        present |= {row["id"] for rows in work.inserts.values() for row in rows}
        _remember_deletions(s, deletion, their_deletions, present)
    added = Counter({t: len(rows) for t, rows in work.inserts.items() if rows})
    changed = Counter({t: len(rows) for t, rows in work.updates.items() if rows})
    return MergeResult(
        Path(folder),
        added,
        changed,
        +work.removed,
        work.kept,
        left_out=work.left_out,
        kept_deleted=work.kept_deleted,
        notes=notes,
    )


def _remember_deletions(s, deletion: Table, theirs: list[dict], present: set[uuid.UUID]) -> None:
    """The copy's deletions travel on: one made here by this merge gets the time it was made there (the
    trigger wrote now; of two times, the earlier is kept), and one of a thing this register never had is
    remembered as it is."""
    for row in theirs:
        s.execute(
            update(deletion)
            .where(deletion.c.id == row["id"], deletion.c.created_at > row["created_at"])
            .values(created_at=row["created_at"], updated_at=row["created_at"])
        )
    unknown = [row for row in theirs if row["id"] not in present]
    if unknown:
        s.execute(insert(deletion).prefix_with("OR IGNORE"), unknown)
