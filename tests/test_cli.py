"""The command line, run as a user would: ``python -m desktop`` in a child process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "lup-verksted.sqlite"


def run(*args: str | Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "demo"
    result = run("demo", "--data-dir", folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Demoprogrammet er laget" in result.stderr
    assert str(folder) in result.stderr
    return folder


def test_version() -> None:
    from desktop import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"LUP Verksted {__version__}"


def test_demo_then_stats_as_json(demo_folder: Path) -> None:
    assert (demo_folder / DB_NAME).is_file()
    result = run("stats", "--data-dir", demo_folder, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    figures = json.loads(result.stdout)
    assert isinstance(figures, dict)
    expected = {
        "facilitators": 5,
        "cohorts": 7,
        "leader_groups": 152,
        "service_locations": 180,
        "service_locations_completed": 152,
        "sessions": 42,
    }
    assert {key: figures[key] for key in expected} == expected
    assert isinstance(figures["participants"], int)
    assert figures["participants"] > 152 * 4
    assert all(isinstance(figures[key], int) and figures[key] > 0 for key in ("ideas", "votes", "prototypes"))
    # The demo's Oppdrift: two rounds, one of them with 10 of 27 applications funded (NOK 2 575 000).
    assert figures["initiatives"] >= 152 - figures["groups_without_initiative"] > 0
    assert figures["benefits"] > 0
    assert figures["applications"] >= 27 and figures["applications_funded"] >= 10
    assert figures["granted_nok"] >= 2_575_000
    assert {
        "facilitators",
        "cohorts",
        "leader_groups",
        "service_locations",
        "service_locations_completed",
        "participants",
        "sessions",
    } <= set(figures)


def test_stats_as_text(demo_folder: Path) -> None:
    result = run("--data-dir", demo_folder, "stats")
    assert result.returncode == 0, result.stderr
    lines = dict(line.split() for line in result.stdout.splitlines())
    assert lines["cohorts"] == "7"
    assert lines["leader_groups"] == "152"


def test_demo_again_is_refused(demo_folder: Path) -> None:
    before = json.loads(run("stats", "--data-dir", demo_folder, "--json").stdout)
    result = run("demo", "--data-dir", demo_folder)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "allerede data" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run("stats", "--data-dir", demo_folder, "--json").stdout) == before


def test_stats_on_a_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    result = run("stats", "--data-dir", folder, "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Fant ingen LUP Verksted-database" in result.stderr
    assert str(folder) in result.stderr
    assert not folder.exists()


def test_window_starts_and_exits_on_the_demo(demo_folder: Path) -> None:
    result = run("--data-dir", demo_folder, "--exit-after-start", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_window_refuses_a_corrupt_database_and_leaves_it(tmp_path: Path) -> None:
    folder = tmp_path / "corrupt"
    folder.mkdir()
    path = folder / DB_NAME
    path.write_bytes(b"not a database at all " * 400)
    before = sha256(path)
    result = run("--data-dir", folder, "--exit-after-start", QT_QPA_PLATFORM="offscreen")
    assert result.returncode != 0
    assert "skadet" in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert sha256(path) == before


def test_kits_validate_the_lup_kit() -> None:
    result = run("kits", "validate", PROJECT_ROOT / "workshop_kits" / "lup")
    assert result.returncode == 0, result.stderr
    assert "gyldig" in result.stdout and result.stderr == ""


def test_kits_validate_reports_each_error_as_file_line_message(tmp_path: Path) -> None:
    import shutil

    kit = tmp_path / "lup"
    shutil.copytree(PROJECT_ROOT / "workshop_kits" / "lup", kit)
    path = kit / "sessions" / "ide.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("minutes = ", "minutes = -", 1), encoding="utf-8")
    (kit / "worksheets.toml").write_bytes(b"[[worksheet]\n")
    result = run("kits", "validate", kit)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert all(line.split(":")[0].startswith("lup/") and line.split(":")[1].isdigit() for line in lines)
    assert any(line.startswith("lup/sessions/ide.toml:") for line in lines)
    assert any(line.startswith("lup/worksheets.toml:1: ikke gyldig TOML") for line in lines)


def test_kits_list_json_counts(tmp_path: Path) -> None:
    result = run("kits", "list", "--json", "--data-dir", tmp_path)
    assert result.returncode == 0, result.stderr
    [kit] = json.loads(result.stdout)["kits"]
    assert kit["id"] == "lup" and kit["valid"] is True and kit["errors"] == []
    assert kit["session_templates"] == 7
    assert kit["methods"] >= 25 and kit["prototype_cards"] >= 12
    assert kit["journey_templates"] >= 1 and kit["worksheets"] >= 1


def test_kits_list_shows_a_users_broken_kit_beside_the_good_one(tmp_path: Path) -> None:
    broken = tmp_path / "kits" / "min-pakke"
    broken.mkdir(parents=True)
    (broken / "kit.toml").write_text('id = "min-pakke"\nname = "Min"\nsequence = ["x"]\n', encoding="utf-8")
    result = run("kits", "list", "--json", "--data-dir", tmp_path)
    kits = {k["id"]: k for k in json.loads(result.stdout)["kits"]}
    assert kits["lup"]["valid"] and not kits["min-pakke"]["valid"]
    assert any("«x»" in error for error in kits["min-pakke"]["errors"])
