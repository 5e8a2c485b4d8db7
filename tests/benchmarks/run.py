"""Startup benchmarks for LUP Verksted (a script, not a pytest test).

Methodology: absolute wall times depend on the machine, so every figure is reported next to a bare
baseline measured in the same run. ``startup`` times cold starts of three processes:

* ``app``: ``python -m desktop --exit-after-start`` on a prepared demo data directory;
* ``bare_qt``: a process that only shows an empty QMainWindow and quits when the event loop is idle;
* ``bare_qt_sqla``: the same plus SQLAlchemy ORM (one mapped class, in-memory SQLite, ``create_all``).

Each command gets one untimed warm-up run (so file caches are equally warm), then the timed runs are
interleaved round-robin to spread machine noise; the median per command is reported together with the
ratio of the app against the baselines. Nothing here is ever asserted as a timed test.

Usage: ``python tests/benchmarks/run.py [--json] [--runs N] [--only KEY[,KEY]] [--display]``
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.5

BARE_QT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

BARE_QT_SQLA = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
Base.metadata.create_all(create_engine("sqlite://"))
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_checked(cmd: list[str], env: dict[str, str]) -> float:
    """Run ``cmd`` from the repo root; return its wall time in seconds, exit with its stderr on failure."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        log(f"command failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
        sys.exit(1)
    return elapsed


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Warm up each command once, then time ``runs`` round-robin rounds; return samples per command."""
    for cmd in commands.values():
        run_checked(cmd, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs):
        for name, cmd in commands.items():
            samples[name].append(run_checked(cmd, env))
        log(f"  round {i + 1}/{runs}: " + ", ".join(f"{n}={s[-1]:.3f}s" for n, s in samples.items()))
    return samples


def bare_commands() -> dict[str, list[str]]:
    return {"bare_qt": [sys.executable, "-c", BARE_QT], "bare_qt_sqla": [sys.executable, "-c", BARE_QT_SQLA]}


def bench_startup(args: argparse.Namespace, env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="lup-bench-") as demo_dir:
        log(f"preparing demo data in {demo_dir}")
        run_checked([sys.executable, "-m", "desktop", "demo", "--data-dir", demo_dir], env)
        app_cmd = [sys.executable, "-m", "desktop", "--data-dir", demo_dir, "--exit-after-start"]
        samples = measure({"app": app_cmd, **bare_commands()}, args.runs, env)
    med = {name: statistics.median(values) for name, values in samples.items()}
    ratio = med["app"] / med["bare_qt_sqla"]
    return {
        "app_s": round(med["app"], 4),
        "bare_qt_s": round(med["bare_qt"], 4),
        "bare_qt_sqla_s": round(med["bare_qt_sqla"], 4),
        "runs": args.runs,
        "ratio": round(ratio, 4),
        "ratio_vs_bare_qt": round(med["app"] / med["bare_qt"], 4),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "samples": {name: [round(v, 4) for v in values] for name, values in samples.items()},
    }


def bench_journey(args: argparse.Namespace, env: dict[str, str]) -> dict:
    """A 500-card journey map against a bare scene of 500 rectangles with text, in one process per run
    (both measured in each run); medians over the runs."""
    script = Path(__file__).with_name("journey_bench.py")
    runs = []
    for _ in range(max(3, args.runs // 2)):
        proc = subprocess.run(
            [sys.executable, str(script), "500"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
        )
        if proc.returncode != 0:
            sys.exit(f"journey benchmark failed:\n{proc.stderr}")
        runs.append(json.loads(proc.stdout))

    def median(side: str, key: str) -> float:
        return statistics.median(run[side][key] for run in runs)

    frame, bare = median("map", "frame_s"), median("bare", "frame_s")
    pan = median("map", "pan_frame_s")
    return {
        "cards": 500,
        "map_first_paint_s": round(median("map", "first_paint_s"), 4),
        "bare_first_paint_s": round(median("bare", "first_paint_s"), 4),
        "map_frame_ms": round(frame * 1000, 2),
        "bare_frame_ms": round(bare * 1000, 2),
        "ratio": round(frame / bare, 3),
        "target_ratio": 1.5,
        "meets_target": frame / bare <= 1.5,
        "pan_fps_1to1": round(1 / pan, 1),
        "pan_target_fps": 60,
        "runs": len(runs),
    }


PDF_SUMMARY = """
import importlib, json, sys, time
from pathlib import Path
start = time.perf_counter()
from desktop.reports.group_summary import build_group_summary
from desktop.services.demo import demo_id
from desktop.services.reports import group_report
from desktop.storage.database import open_database
for name in json.loads(sys.argv[4]):  # what the summary imports on its way (found by the count run)
    importlib.import_module(name)
imported = time.perf_counter()
before = set(sys.modules)
counts = {"paragraphs": 0, "tables": 0, "cells": 0, "drawings": 0}
if sys.argv[3] == "count":
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Paragraph, Table
    def counting(cls, key, cells=False):
        original = cls.__init__
        def init(self, *a, **k):
            counts[key] += 1
            if cells:
                counts["cells"] += sum(len(row) for row in a[0])
            original(self, *a, **k)
        cls.__init__ = init
    counting(Paragraph, "paragraphs")
    counting(Table, "tables", cells=True)
    counting(Drawing, "drawings")
db = open_database(Path(sys.argv[1]), lock=False, backup=False, create=False, upgrade_schema=False)
data = group_report(db, demo_id("group", "LUP 4:Capralhaugen BBS"))
build_group_summary(data, sys.argv[2])
done = time.perf_counter()
if sys.argv[3] == "count":
    from pypdf import PdfReader
    counts["pages"] = len(PdfReader(sys.argv[2]).pages)
    counts["lazy_imports"] = sorted(set(sys.modules) - before)
print(json.dumps({"seconds": done - imported, "imports": imported - start, **counts}))
"""

PDF_BARE = """
import json, sys, time
start = time.perf_counter()
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table
imported = time.perf_counter()
counts = json.loads(sys.argv[2])
fonts = sys.argv[3]
for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
    pdfmetrics.registerFont(TTFont(name, f"{fonts}/{name}.ttf"))
style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=9, leading=11.5)
words = "Faste team med to–tre kjente hjemmetrenere gir trygghet, færre nye ansikter og bedre oppfølging"
story = []
cells = counts["cells"]
per_table = max(1, cells // max(1, counts["tables"]))
for _t in range(counts["tables"]):
    rows = [[Paragraph(words[: 20 + 7 * c], style) for c in range(4)] for _r in range(max(1, per_table // 4))]
    story.append(Table(rows, colWidths=[45 * mm] * 4))
for n in range(max(0, counts["paragraphs"] - cells)):
    story.append(Paragraph(f"{n}. {words}", style))
for _d in range(counts["drawings"]):
    d = Drawing(170 * mm, 60 * mm)
    d.initialFontName = "DejaVuSans"
    for k in range(12):
        d.add(Rect(k * 12 * mm, 5 * mm, 10 * mm, (k + 3) * 3 * mm, fillColor=None))
        d.add(String(k * 12 * mm, 1 * mm, str(k), fontName="DejaVuSans", fontSize=7))
    story.append(d)
doc = BaseDocTemplate(sys.argv[1], pagesize=A4, invariant=1, initialFontName="DejaVuSans")
frame = Frame(15 * mm, 24 * mm, 180 * mm, 249 * mm)
def decorate(canvas, doc):
    canvas.setFont("DejaVuSans", 8)
    canvas.drawString(15 * mm, 282 * mm, "Oppsummering")
    canvas.drawRightString(195 * mm, 15 * mm, f"Side {doc.page}")
doc.addPageTemplates([PageTemplate(frames=[frame], onPage=decorate)])
doc.build(story)
done = time.perf_counter()
print(json.dumps({"seconds": done - imported, "imports": imported - start}))
"""

PDF_COHORT_EXPORT = """
import json, sys, time
from pathlib import Path
from sqlalchemy import select
from desktop.reports.group_summary import build_group_summary
from desktop.services.reports import group_report
from desktop.storage.database import open_database
from desktop.storage.models import Cohort, LeaderGroup, ServiceLocation
db = open_database(Path(sys.argv[1]), lock=False, backup=False, create=False, upgrade_schema=False)
with db.transaction() as s:
    ids = list(
        s.scalars(
            select(LeaderGroup.id)
            .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
            .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
            .order_by(Cohort.start_date, ServiceLocation.name)
            .limit(30)
        )
    )
start = time.perf_counter()
pages = 0
for n, group_id in enumerate(ids):
    build_group_summary(group_report(db, group_id), f"{sys.argv[2]}/{n:02d}.pdf")
print(json.dumps({"groups": len(ids), "seconds": time.perf_counter() - start}))
"""


def bench_pdf(args: argparse.Namespace, env: dict[str, str]) -> dict:
    """A group's final summary (Capralhaugen BBS, LUP 4, gathered from the demo register and built) against
    a bare ReportLab script building equivalent content (as many paragraphs, tables, table cells and
    drawings, the same embedded font; no data gathering), each in a fresh process, interleaved; the time
    inside each process after its imports (for the summary also the modules it imports lazily, found by a
    first run) is compared (medians), process wall times are reported beside it. Then a cohort export: the
    final summaries of 30 groups in one process, its total."""
    from desktop.paths import resources_dir

    target_seconds, target_ratio = 1.0, 1.3
    with tempfile.TemporaryDirectory(prefix="lup-bench-pdf-") as folder:
        demo_dir, out_dir = Path(folder, "demo"), Path(folder, "out")
        out_dir.mkdir()
        log(f"preparing demo data in {demo_dir}")
        run_checked([sys.executable, "-m", "desktop", "demo", "--data-dir", str(demo_dir)], env)

        def child(script: str, *argv: str) -> tuple[dict, float]:
            begin = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", script, *argv], cwd=REPO_ROOT, env=env, capture_output=True, text=True
            )
            wall = time.perf_counter() - begin
            if proc.returncode != 0:
                sys.exit(f"pdf benchmark failed:\n{proc.stderr}")
            return json.loads(proc.stdout), wall

        counts, _wall = child(PDF_SUMMARY, str(demo_dir), str(out_dir / "probe.pdf"), "count", "[]")
        shape = json.dumps({k: counts[k] for k in ("paragraphs", "tables", "cells", "drawings")})
        fonts = str(resources_dir() / "fonts")
        # The modules the summary imports lazily (services, SQLite dialect, zoneinfo, ...) are imported
        # before its clock starts, as the bare script imports all of its modules before its own.
        lazy = json.dumps(counts["lazy_imports"])
        summary_cmd = (PDF_SUMMARY, str(demo_dir), str(out_dir / "summary.pdf"), "time", lazy)
        bare_cmd = (PDF_BARE, str(out_dir / "bare.pdf"), shape, fonts)
        child(*summary_cmd)  # warm-up: file caches equally warm for both
        child(*bare_cmd)
        samples: dict[str, list[float]] = {"summary": [], "bare": [], "summary_wall": [], "bare_wall": []}
        for i in range(args.runs):
            for name, cmd in (("summary", summary_cmd), ("bare", bare_cmd)):
                result, wall = child(*cmd)
                samples[name].append(result["seconds"])
                samples[f"{name}_wall"].append(wall)
            last = {name: values[-1] for name, values in samples.items()}
            log(f"  round {i + 1}/{args.runs}: summary={last['summary']:.3f}s bare={last['bare']:.3f}s")
        bare_pages = len(__import__("pypdf").PdfReader(out_dir / "bare.pdf").pages)
        export, _wall = child(PDF_COHORT_EXPORT, str(demo_dir), str(out_dir))
    med = {name: statistics.median(values) for name, values in samples.items()}
    ratio = med["summary"] / med["bare"]
    return {
        "summary_s": round(med["summary"], 4),
        "bare_s": round(med["bare"], 4),
        "ratio": round(ratio, 3),
        "summary_process_s": round(med["summary_wall"], 4),
        "bare_process_s": round(med["bare_wall"], 4),
        "target_s": target_seconds,
        "target_ratio": target_ratio,
        "meets_target": med["summary"] < target_seconds and ratio <= target_ratio,
        "content": {
            **{k: counts[k] for k in ("paragraphs", "tables", "cells", "drawings")},
            "pages": counts["pages"],
        },
        "bare_pages": bare_pages,
        "lazy_imports_before_clock": len(counts["lazy_imports"]),
        "cohort_export_groups": export["groups"],
        "cohort_export_total_s": round(export["seconds"], 3),
        "runs": args.runs,
        "samples": {name: [round(v, 4) for v in values] for name, values in samples.items()},
    }


BENCHMARKS = {"startup": bench_startup, "journey": bench_journey, "pdf": bench_pdf}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object to stdout")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--only", help="comma-separated benchmark keys: " + ", ".join(BENCHMARKS))
    parser.add_argument("--display", action="store_true", help="use the real $DISPLAY instead of offscreen")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    keys = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [key for key in keys if key not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")

    env = dict(os.environ)
    if not (args.display and env.get("DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    # The app must not read or write the user's real settings (a restored selection would also change
    # what start-up loads): every user folder points into a temporary home.
    home = tempfile.mkdtemp(prefix="lup-bench-home-")
    atexit.register(shutil.rmtree, home, True)
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        Path(home, sub).mkdir(exist_ok=True)
        env[name] = str(Path(home, sub))
    # Compiled bytecode is kept (in the temporary home, not in the repository), as on a user's machine after
    # the first start: a shell with PYTHONDONTWRITEBYTECODE would otherwise make every run of the app compile
    # its own ~60 modules from source while the baselines' libraries come compiled. Each warm-up run fills
    # the cache for both sides.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(home, "pycache"))

    results = {}
    for key in keys:
        log(f"running {key} ({args.runs} runs)")
        results[key] = BENCHMARKS[key](args, env)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, result in results.items():
            print(f"[{key}]")
            for name, value in result.items():
                if name != "samples":
                    print(f"  {name:<18} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
