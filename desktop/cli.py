"""The command line: ``lup-verksted`` starts the app; subcommands work headless for scripts and checks.

Qt is imported only when a window is wanted, so ``demo`` and ``stats`` run on machines without a screen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.errors import LupError
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
    return parser


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
