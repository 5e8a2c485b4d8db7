"""The command line: ``lup-verksted`` starts the app; subcommands work headless for scripts and checks.

Qt is imported only when a window is wanted, so ``demo`` and ``stats`` run on machines without a screen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.errors import LupError, StorageError
from desktop.i18n import _, set_language


def _argparse_messages() -> tuple:
    """argparse's own messages, as argparse writes them (Python does not translate them), in our words."""
    return (
        (re.compile(r"the following arguments are required: (.*)"), _("disse må oppgis: {0}")),
        (re.compile(r"unrecognized arguments: (.*)"), _("ukjente argumenter: {0}")),
        (
            re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
            _("{0}: ukjent valg {1} (velg blant {2})"),
        ),
        (re.compile(r"argument (\S+): expected one argument"), _("{0}: trenger én verdi")),
        (re.compile(r"argument (\S+): expected at least one argument"), _("{0}: trenger minst én verdi")),
    )


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else _("bruk: "))


class _Parser(argparse.ArgumentParser):
    """argparse in the program's language: headings, the help option and the messages it writes."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("argumenter")
        self._optionals.title = _("valg")
        self.add_argument("-h", "--help", action="help", help=_("vis denne hjelpen og avslutt"))

    def error(self, message: str):
        for pattern, ours in _argparse_messages():
            found = pattern.fullmatch(message)
            if found:
                message = ours.format(*found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: feil: {message}").format(prog=self.prog, message=message) + "\n")


def _path(text: str) -> Path:
    """A path from the command line; «~» is her home folder also where the shell does not say so (Windows)."""
    return Path(text).expanduser()


def _data_dir_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data-dir",
        type=_path,
        default=default,
        metavar="DIR",
        help=_("datamappen (ellers brukerens datamappe); en minnepinne eller en testmappe går også"),
    )


def _group_options(parser: argparse.ArgumentParser) -> None:
    """``--group`` and ``--cohort``: a leader group as ``groups.find_group`` finds it."""
    parser.add_argument(
        "--group",
        required=True,
        metavar="NAME_OR_UUID",
        help=_("ledergruppens tjenestested, eller gruppens id"),
    )
    parser.add_argument("--cohort", metavar="NAME", help=_("kullet, der tjenestestedet har vært med i flere"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lup-verksted", description=_("{app}: verktøy for samlingene i LUP").format(app=APP_NAME)
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help=_("vis versjonen og avslutt")
    )
    _data_dir_option(parser)
    parser.add_argument(
        "--demo", action="store_true", help=_("åpne appen med et nytt demoprogram (midlertidig)")
    )
    parser.add_argument(
        "--exit-after-start",
        action="store_true",
        help=_("avslutt når hovedvinduet viser dataene sine og er i ro (for kontroller)"),
    )
    parser.add_argument("--lang", default=None, help=_("språket i programmet (nb, en)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("kommandoer"))
    demo = commands.add_parser("demo", help=_("lag demoprogrammet i en tom datamappe"))
    _data_dir_option(demo, argparse.SUPPRESS)
    stats = commands.add_parser("stats", help=_("vis tall fra registeret"))
    _data_dir_option(stats, argparse.SUPPRESS)
    stats.add_argument("--json", action="store_true", help=_("ett JSON-objekt"))
    kits = commands.add_parser("kits", help=_("arbeidspakker: vis dem, kontroller én"))
    kit_commands = kits.add_subparsers(
        dest="kits_command", metavar="ACTION", required=True, title=_("handlinger")
    )
    validate = kit_commands.add_parser(
        "validate", help=_("kontroller mappen til en arbeidspakke; én linje fil:linje: melding per feil")
    )
    validate.add_argument(
        "path", type=_path, help=_("mappen til arbeidspakken, for eksempel workshop_kits/lup")
    )
    listing = kit_commands.add_parser("list", help=_("arbeidspakkene appen finner, med antall"))
    listing.add_argument("--json", action="store_true", help=_("ett JSON-objekt"))
    _data_dir_option(listing, argparse.SUPPRESS)
    worksheets = commands.add_parser(
        "worksheets", help=_("tomme arbeidsark fra en arbeidspakke som PDF, ett per ark")
    )
    worksheets.add_argument(
        "--kit", default="lup", help=_("arbeidspakkens id (eller mappe); lup om ikke annet er oppgitt")
    )
    worksheets.add_argument(
        "--out", type=_path, required=True, metavar="DIR", help=_("mappen PDF-ene skal i")
    )
    _data_dir_option(worksheets, argparse.SUPPRESS)
    photos_parser = commands.add_parser("photos", help=_("bilder av flippovere og vegger"))
    photo_commands = photos_parser.add_subparsers(
        dest="photos_command", metavar="ACTION", required=True, title=_("handlinger")
    )
    photos_add = photo_commands.add_parser(
        "add", help=_("legg bildefiler (JPEG, PNG, HEIC) til en ledergruppe; filer som avvises, navngis")
    )
    _data_dir_option(photos_add, argparse.SUPPRESS)
    _group_options(photos_add)
    photos_add.add_argument("--caption", default="", help=_("samme bildetekst på alle bildene"))
    photos_add.add_argument("files", nargs="+", type=_path, metavar="FILE", help=_("bildefilene"))
    _report_parser(commands)
    export = commands.add_parser(
        "export", help=_("tiltak, gevinster, målinger og idéer som regneark (CSV) for Excel")
    )
    _data_dir_option(export, argparse.SUPPRESS)
    export.add_argument("--cohort", metavar="NAME", help=_("bare dette kullet (ellers hele registeret)"))
    export.add_argument(
        "--out", type=_path, required=True, metavar="FOLDER", help=_("mappen regnearkene skal i")
    )
    merge = commands.add_parser(
        "merge", help=_("hent inn arbeidet fra en kopi av registeret (fra en annen maskin)")
    )
    _data_dir_option(merge, argparse.SUPPRESS)
    merge.add_argument(
        "--from", dest="source", type=_path, required=True, metavar="COPY", help=_("mappen med kopien")
    )
    merge.add_argument(
        "--dry-run", action="store_true", help=_("vis bare hva som ville kommet inn; ingenting endres")
    )
    return parser


def _report_parser(commands) -> None:
    report = commands.add_parser("report", help=_("PDF-oppsummeringer: for en ledergruppe, for et kull"))
    kinds = report.add_subparsers(dest="report_command", metavar="KIND", required=True, title=_("typer"))
    group = kinds.add_parser("group", help=_("sluttoppsummeringen for en ledergruppe, eller for én samling"))
    _data_dir_option(group, argparse.SUPPRESS)
    _group_options(group)
    group.add_argument("--session", metavar="TITLE_OR_UUID", help=_("oppsummeringen av én samling i stedet"))
    group.add_argument(
        "--out", type=_path, required=True, metavar="FILE.pdf", help=_("PDF-filen som skal lages")
    )
    cohort = kinds.add_parser("cohort", help=_("kullrapporten til kommunen"))
    _data_dir_option(cohort, argparse.SUPPRESS)
    cohort.add_argument(
        "--cohort", required=True, metavar="NAME", help=_("kullets navn, for eksempel «LUP 4»")
    )
    cohort.add_argument(
        "--out", type=_path, required=True, metavar="FILE.pdf", help=_("PDF-filen som skal lages")
    )


def main(argv: list[str] | None = None) -> int:
    _give_missing_streams()
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", default=None)
    wanted = language.parse_known_args(argv)[0].lang
    if wanted:
        set_language(wanted)  # before the parser is built: its help is in the language asked for
    args = build_parser().parse_args(argv)
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
        if args.command == "export":
            return _export(args)
        if args.command == "merge":
            return _merge(args)
        from desktop.app import run_gui

        code = run_gui(args)
        _leave_now(code)
        return code  # not reached
    except LupError as exc:
        print(f"lup-verksted: {exc.message}", file=sys.stderr)
        return 1


def _give_missing_streams() -> None:
    """Started without a console (pythonw.exe, a windowed launcher or bundle on Windows, an app bundle on
    macOS), ``sys.stdout`` and ``sys.stderr`` are None, and every write or flush to them raises: a normal quit
    became a crash report, and the crash message was never shown. Give such a program a null device."""
    import os

    for name in ("stdout", "stderr", "__stdout__", "__stderr__"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open as long as the app


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
    """The register the app would open: --data-dir, else the one chosen in the app, else her own."""
    from desktop.app import start_data_dir

    folder, note = start_data_dir(args.data_dir)
    if note:
        print(f"lup-verksted: {note}", file=sys.stderr)
    return folder


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
        out = args.out
        named = out.expanduser()
        if not out.suffix and named.name not in ("", ".", "..") and not named.is_dir():
            out = out.with_suffix(".pdf")  # --out oppsummering: a PDF (a folder is refused as before)
        target = write_pdf(out, make)
    finally:
        db.close()
    for warning in warnings:
        print(_("Advarsel: {warning}").format(warning=warning), file=sys.stderr)
    print(_("PDF-en er lagret i {path}.").format(path=target), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    """Write the spreadsheets (CSV) of the register or one cohort; one line per file on stdout."""
    from desktop.services import reports
    from desktop.services.spreadsheet import export_spreadsheets, rows_text
    from desktop.storage.database import open_database

    # Read-only use, as ``report``: no lock (the app may be open on the same folder) and no backup.
    db = open_database(_data_dir(args), lock=False, backup=False, create=False, upgrade_schema=False)
    try:
        cohort_id = reports.find_cohort(db, args.cohort) if args.cohort else None
        result = export_spreadsheets(db, args.out, cohort_id)
    finally:
        db.close()
    for path, rows in result.files:
        print(f"{path}: {rows_text(rows)}")
    print(
        (
            _("Regnearkene for {cohort} er lagret i {folder}.")
            if result.cohort
            else _("Regnearkene for hele registeret er lagret i {folder}.")
        ).format(cohort=result.cohort, folder=result.folder),
        file=sys.stderr,
    )
    return 0


def _merge(args: argparse.Namespace) -> int:
    """Merge a copy into the register (or, with --dry-run, say what would come in); one line per kind."""
    from desktop.services.merge_copy import merge_copy, plan_merge
    from desktop.storage.database import open_database

    # Writes: the folder is held as the app holds it; the merge takes its own backup first.
    db = open_database(_data_dir(args), backup=False, create=False)
    try:
        result = plan_merge(db, args.source) if args.dry_run else merge_copy(db, args.source)
    finally:
        db.close()
    for line in result.lines():
        print(line)
    if result.nothing:
        print(_("Alt i kopien finnes allerede her."), file=sys.stderr)
    elif args.dry_run:
        print(_("Ingenting er endret (--dry-run)."), file=sys.stderr)
    elif result.backup is not None:
        print(
            _("Hentet inn. Registeret slik det var før, ligger i {path}.").format(path=result.backup),
            file=sys.stderr,
        )
    return 0
