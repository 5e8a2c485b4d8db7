"""The command line: ``lup-verksted`` starts the app; subcommands work headless for scripts and checks.

Qt is imported only when a window is wanted, so ``demo`` and ``stats`` run on machines without a screen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.errors import LupError, StorageError
from desktop.i18n import _, set_language


def _data_dir_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="data folder (default: the user's data folder); a USB stick or a test folder works too",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lup-verksted", description=f"{APP_NAME}: workshop tool for LUP")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _data_dir_option(parser)
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a fresh demo programme (temporary)"
    )
    parser.add_argument(
        "--exit-after-start",
        action="store_true",
        help="quit once the main window shows its data and the event loop is idle (for checks)",
    )
    parser.add_argument("--lang", default=None, help="user-interface language (nb, en)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="build the demo programme in an empty data folder")
    _data_dir_option(demo, argparse.SUPPRESS)
    stats = commands.add_parser("stats", help="print figures of the register")
    _data_dir_option(stats, argparse.SUPPRESS)
    stats.add_argument("--json", action="store_true", help="one JSON object")
    kits = commands.add_parser("kits", help="workshop kits: list them, validate one")
    kit_commands = kits.add_subparsers(dest="kits_command", metavar="ACTION", required=True)
    validate = kit_commands.add_parser(
        "validate", help="check a kit folder; one file:line: message per error"
    )
    validate.add_argument("path", type=Path, help="the kit's folder, e.g. workshop_kits/lup")
    listing = kit_commands.add_parser("list", help="the kits the app finds, with their counts")
    listing.add_argument("--json", action="store_true", help="one JSON object")
    _data_dir_option(listing, argparse.SUPPRESS)
    worksheets = commands.add_parser(
        "worksheets", help="blank worksheets of a kit as PDFs, one per worksheet"
    )
    worksheets.add_argument("--kit", default="lup", help="the kit's id (or its folder); default lup")
    worksheets.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PDFs")
    _data_dir_option(worksheets, argparse.SUPPRESS)
    photos_parser = commands.add_parser("photos", help="photos of flip-charts and walls")
    photo_commands = photos_parser.add_subparsers(dest="photos_command", metavar="ACTION", required=True)
    photos_add = photo_commands.add_parser(
        "add", help="add photo files (JPEG, PNG, HEIC) to a leader group; refused files are named"
    )
    _data_dir_option(photos_add, argparse.SUPPRESS)
    photos_add.add_argument(
        "--group", required=True, metavar="NAME_OR_UUID", help="the group's service location, or its UUID"
    )
    photos_add.add_argument(
        "--cohort", metavar="NAME", help="the cohort, where the location has been in several"
    )
    photos_add.add_argument("--caption", default="", help="the same caption for every photo")
    photos_add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _report_parser(commands)
    return parser


def _report_parser(commands) -> None:
    report = commands.add_parser("report", help="PDF summaries: a leader group's, a cohort's")
    kinds = report.add_subparsers(dest="report_command", metavar="KIND", required=True)
    group = kinds.add_parser("group", help="a leader group's final summary, or one session's")
    _data_dir_option(group, argparse.SUPPRESS)
    group.add_argument(
        "--group", required=True, metavar="NAME_OR_UUID", help="the group's service location, or its UUID"
    )
    group.add_argument("--cohort", metavar="NAME", help="the cohort, where the location has been in several")
    group.add_argument("--session", metavar="TITLE_OR_UUID", help="one session's summary instead")
    group.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cohort = kinds.add_parser("cohort", help="a cohort's report for the municipality")
    _data_dir_option(cohort, argparse.SUPPRESS)
    cohort.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name, e.g. «LUP 4»")
    cohort.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "stats":
            return _stats(args)
        if args.command == "kits":
            return _kits(args)
        if args.command == "photos":
            return _photos(args)
        if args.command == "worksheets":
            return _worksheets(args)
        if args.command == "report":
            return _report(args)
        from desktop.app import run_gui

        code = run_gui(args)
        _leave_now(code)
        return code  # not reached
    except LupError as exc:
        print(f"lup-verksted: {exc.message}", file=sys.stderr)
        return 1


def _leave_now(code: int) -> None:
    """End the windowed program at once. By now the database is closed, the lock released, the settings
    and the log written: what is left is the interpreter tearing down thousands of Qt and SQLAlchemy objects
    one by one (about 0.15 s here, and a known source of crashes at exit in PySide). Skip it."""
    import logging
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _data_dir(args: argparse.Namespace) -> Path:
    from desktop.paths import default_data_dir

    return args.data_dir or default_data_dir()


def _demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import build_demo
    from desktop.storage.database import open_database

    data_dir = _data_dir(args)
    db = open_database(data_dir)
    try:
        build_demo(db)
    finally:
        db.close()
    print(_("Demoprogrammet er laget i {path}.").format(path=data_dir), file=sys.stderr)
    return 0


def _stats(args: argparse.Namespace) -> int:
    from desktop.services.views import stats
    from desktop.storage.database import open_database

    # Read-only use: no lock (the app may be open on the same folder) and no backup.
    db = open_database(_data_dir(args), lock=False, backup=False, create=False, upgrade_schema=False)
    try:
        figures = stats(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        width = max(map(len, figures))
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
    return 0


def _kits(args: argparse.Namespace) -> int:
    from desktop.kits import KitError, list_kits, load_kit

    if args.kits_command == "validate":
        try:
            kit = load_kit(args.path)
        except KitError as exc:
            for issue in exc.issues:
                print(issue, file=sys.stderr)
            return 1
        counts = ", ".join(f"{key} {value}" for key, value in kit.counts().items())
        print(_("{name}: gyldig ({counts}).").format(name=kit.name, counts=counts))
        return 0
    from desktop.paths import project_root

    roots = [project_root() / "workshop_kits", _data_dir(args) / "kits"]
    entries = list_kits(roots)
    report = {
        "kits": [
            {
                "id": e.kit.id if e.kit else e.folder.name,
                "name": e.kit.name if e.kit else None,
                "path": str(e.folder),
                "valid": e.kit is not None,
                **(e.kit.counts() if e.kit else {}),
                "errors": [str(issue) for issue in e.issues],
            }
            for e in entries
        ]
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for kit in report["kits"]:
            state = _("gyldig") if kit["valid"] else _("{n} feil").format(n=len(kit["errors"]))
            print(f"{kit['id']:<16} {state:<10} {kit['path']}")
    return 0


def _worksheets(args: argparse.Namespace) -> int:
    from desktop.kits import list_kits, load_kit
    from desktop.paths import project_root
    from desktop.reports.worksheets import build_all

    folder = Path(args.kit).expanduser()
    if folder.is_dir() and (folder / "kit.toml").is_file():
        kit = load_kit(folder)  # a broken kit is a KitError: every problem, then exit 1
    else:
        roots = [project_root() / "workshop_kits", _data_dir(args) / "kits"]
        entries = [e for e in list_kits(roots) if (e.kit.id if e.kit else e.folder.name) == args.kit]
        if not entries:
            raise LupError(_("Fant ingen arbeidspakke som heter «{kit}».").format(kit=args.kit))
        if entries[0].kit is None:
            raise LupError(
                _("Arbeidspakken «{kit}» har feil; se «lup-verksted kits validate {path}».").format(
                    kit=args.kit, path=entries[0].folder
                )
            )
        kit = entries[0].kit
    out = args.out.expanduser()
    if out.exists() and not out.is_dir():
        raise LupError(
            _("{path} er en fil, ikke en mappe. Velg en mappe for arbeidsarkene.").format(path=out)
        )
    written = build_all(kit, out)
    for path in written:
        print(path)
    print(
        _("{n} arbeidsark fra «{kit}» er skrevet til {folder}.").format(
            n=len(written), kit=kit.id, folder=out
        ),
        file=sys.stderr,
    )
    return 0


def _photos(args: argparse.Namespace) -> int:
    """``photos add``: every file that can be taken in is added; each refused one is named on stderr, and
    then the exit status is 1."""
    from desktop.services.groups import find_group
    from desktop.services.photos import add_photo
    from desktop.storage.database import open_database

    db = open_database(_data_dir(args), create=False)
    try:
        group_id = find_group(db, args.group, args.cohort)
        added = 0
        refused = 0
        for index, source in enumerate(args.files):
            try:
                photo_id = add_photo(db, source, group_id=group_id, caption=args.caption)
            except StorageError as exc:  # a full disk: the rest would fail the same way
                for rest in args.files[index:]:
                    print(f"lup-verksted: {rest}: {exc.message}", file=sys.stderr)
                refused += len(args.files) - index
                break
            except LupError as exc:
                print(f"lup-verksted: {source}: {exc.message}", file=sys.stderr)
                refused += 1
            else:
                print(photo_id)
                added += 1
    finally:
        db.close()
    print(
        _("Bilder lagt til: {added}. Avvist: {refused}.").format(added=added, refused=refused),
        file=sys.stderr,
    )
    return 1 if refused else 0


def _report(args: argparse.Namespace) -> int:
    """Write a group's or a cohort's PDF; warnings (a missing photo) go to stderr, the PDF is made."""
    from desktop.reports.layout import write_pdf
    from desktop.services import reports
    from desktop.storage.database import open_database

    # Read-only use, as ``stats``: no lock (the app may be open on the same folder) and no backup.
    db = open_database(_data_dir(args), lock=False, backup=False, create=False, upgrade_schema=False)
    try:
        if args.report_command == "group":
            from desktop.reports.group_summary import build_group_summary
            from desktop.services.groups import find_group

            group_id = find_group(db, args.group, args.cohort)
            session_id = reports.find_session(db, group_id, args.session) if args.session else None
            data = reports.group_report(db, group_id)

            def make(out):
                warnings.extend(build_group_summary(data, out, session_id))
        else:
            from desktop.reports.cohort_report import build_cohort_report

            cohort = reports.cohort_report(db, reports.find_cohort(db, args.cohort))

            def make(out):
                warnings.extend(build_cohort_report(cohort, out))

        warnings: list[str] = []
        target = write_pdf(args.out, make)
    finally:
        db.close()
    for warning in warnings:
        print(_("Advarsel: {warning}").format(warning=warning), file=sys.stderr)
    print(_("PDF-en er lagret i {path}.").format(path=target), file=sys.stderr)
    return 0
