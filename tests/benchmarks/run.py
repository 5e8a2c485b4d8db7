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


BENCHMARKS = {"startup": bench_startup, "journey": bench_journey}


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
