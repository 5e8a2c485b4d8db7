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
        from desktop.app import run_gui

        return run_gui(args)
    except LupError as exc:
        print(f"lup-verksted: {exc.message}", file=sys.stderr)
        return 1


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
    db = open_database(_data_dir(args), lock=False, backup=False, create=False)
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
