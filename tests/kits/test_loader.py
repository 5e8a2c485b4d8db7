"""Kit validation: the real LUP kit passes; every kind of mistake is named with its file, line and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.kits import KitError, list_kits, load_kit

LUP = Path(__file__).resolve().parents[2] / "workshop_kits" / "lup"


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    """A copy of the LUP kit to break in one place."""
    target = tmp_path / "kits" / "lup"
    shutil.copytree(LUP, target)
    return target


def issues_of(folder: Path) -> list[str]:
    with pytest.raises(KitError) as info:
        load_kit(folder)
    return [str(issue) for issue in info.value.issues]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` once in ``path``; returns the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def test_the_lup_kit_is_valid_and_rich_enough():
    kit = load_kit(LUP)
    assert kit.id == "lup"
    assert len(kit.methods) >= 25
    assert len(kit.prototypes) >= 12
    assert kit.journeys and kit.worksheets
    kinds = {kit.session(t).kind.value for t in kit.sequence}
    assert kinds == {"opening", "working", "closing"}
    assert "oppdrift-sokerverksted" in {s.id for s in kit.sessions}
    # Real content: every block of every session says what it is, every exercise has a method.
    for template in kit.sessions:
        assert template.goals and template.blocks
        for block in template.blocks:
            assert block.title and block.minutes > 0


def test_every_lup_session_template_fits_its_length():
    from desktop.domain import timeplan as tp

    kit = load_kit(LUP)
    for template in kit.sessions:
        start = tp.parse_clock(template.start)
        blocks = [
            tp.PlanBlock(b.minutes, tp.parse_clock(b.pinned) if b.pinned else None) for b in template.blocks
        ]
        schedule = tp.schedule(blocks, start, start + template.minutes)
        assert schedule.on_time, (template.id, schedule.over_by, schedule.gaps, schedule.overlaps)


def test_zero_minutes_is_named_with_file_line_and_key(kit_copy: Path):
    path = kit_copy / "sessions" / "oppstart.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("minutes =", text.index("[[block]]"))
    line = text[:first].count("\n") + 1
    end = text.index("\n", first)
    path.write_text(text[:first] + "minutes = 0" + text[end:], encoding="utf-8")
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/sessions/oppstart.toml:{line}: block[1].minutes: ")
    assert "større enn null" in issue


def test_negative_minutes_in_a_method_step(kit_copy: Path):
    line = replace_in(kit_copy / "methods.toml", "minutes = ", "minutes = -")
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/methods.toml:{line}: method[1].steps[1].minutes: "), issue
    assert "større enn null" in issue


def test_unknown_method_reference(kit_copy: Path):
    path = kit_copy / "sessions" / "innsikt.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('method = "')
    end = text.index('"', start + len('method = "'))
    line = text[:start].count("\n") + 1
    path.write_text(text[:start] + 'method = "finnes-ikke"' + text[end + 1 :], encoding="utf-8")
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/sessions/innsikt.toml:{line}: ")
    assert "ukjent metode «finnes-ikke»" in issue


def test_duplicate_method_id(kit_copy: Path):
    path = kit_copy / "methods.toml"
    text = path.read_text(encoding="utf-8")
    first_id = text.split('id = "', 1)[1].split('"', 1)[0]
    second = text.index('id = "', text.index('id = "') + 1)
    end = text.index("\n", second)
    line = text[:second].count("\n") + 1
    path.write_text(text[:second] + f'id = "{first_id}"' + text[end:], encoding="utf-8")
    issues = issues_of(kit_copy)
    assert any(
        i.startswith(f"lup/methods.toml:{line}: method[2].id") and "finnes allerede" in i for i in issues
    )


def test_duplicate_session_template_id(kit_copy: Path):
    shutil.copy(kit_copy / "sessions" / "ide.toml", kit_copy / "sessions" / "ide-kopi.toml")
    issues = issues_of(kit_copy)
    assert any("ide" in i and "finnes allerede i lup/sessions/ide" in i for i in issues), issues


def test_not_utf8(kit_copy: Path):
    path = kit_copy / "journeys.toml"
    raw = path.read_bytes()
    index = raw.index("ø".encode())
    line = raw[:index].count(b"\n") + 1
    path.write_bytes(raw[:index] + "ø".encode("latin-1") + raw[index + 2 :])
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/journeys.toml:{line}: filen er ikke lagret som UTF-8")


def test_not_toml(kit_copy: Path):
    path = kit_copy / "worksheets.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(3, "dette er ikke = = toml")
    path.write_text("\n".join(lines), encoding="utf-8")
    [issue] = issues_of(kit_copy)
    assert issue.startswith("lup/worksheets.toml:4: ikke gyldig TOML")


def test_wrong_choice_and_clock(kit_copy: Path):
    path = kit_copy / "sessions" / "oppstart.toml"
    replace_in(path, 'category = "', 'category = "workshop-', 1)
    replace_in(path, 'pinned = "11:30"', 'pinned = "11.30 i morgen"')
    issues = issues_of(kit_copy)
    assert any("category" in i and "gyldig valg" in i for i in issues)
    assert any(".pinned" in i and "TT:MM" in i for i in issues)


def test_missing_required_key(kit_copy: Path):
    replace_in(kit_copy / "prototypes.toml", "purpose = ", "purpose_ = ")
    issues = issues_of(kit_copy)
    assert any(i.startswith("lup/prototypes.toml:") and "«purpose» mangler" in i for i in issues)


def test_sequence_names_a_missing_template(kit_copy: Path):
    (kit_copy / "sessions" / "gevinst.toml").unlink()
    issues = issues_of(kit_copy)
    assert any(i.startswith("lup/kit.toml:") and "sequence" in i and "«gevinst»" in i for i in issues)


def test_a_broken_kit_is_listed_with_its_errors_and_the_others_work(kit_copy: Path, tmp_path: Path):
    broken = kit_copy.parent / "broken"
    shutil.copytree(kit_copy, broken)
    replace_in(broken / "kit.toml", 'id = "lup"', 'id = "broken"')
    (broken / "methods.toml").write_bytes(b"\xff\xfe not text")
    entries = {e.folder.name: e for e in list_kits([kit_copy.parent])}
    assert entries["lup"].kit is not None and not entries["lup"].issues
    assert entries["broken"].kit is None
    assert any("UTF-8" in str(i) for i in entries["broken"].issues)


def test_missing_kit_file(tmp_path: Path):
    (tmp_path / "tom").mkdir()
    [issue] = issues_of(tmp_path / "tom")
    assert "kit.toml" in issue and "mangler" in issue


def test_a_byte_order_mark_is_accepted(kit_copy: Path):
    path = kit_copy / "methods.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_kit(kit_copy).methods


def test_a_misspelt_key_is_named_with_a_suggestion(kit_copy: Path):
    line = replace_in(kit_copy / "sessions" / "ide.toml", "projector = ", "projektor = ")
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/sessions/ide.toml:{line}: block[")
    assert "ukjent nøkkel «projektor»" in issue and "«projector»" in issue


def test_more_than_a_day_of_minutes_is_refused(kit_copy: Path):
    replace_in(kit_copy / "prototypes.toml", "minutes = ", "minutes = 9999 #")
    issues = issues_of(kit_copy)
    assert any("døgn" in i for i in issues)


def test_a_template_past_midnight_is_refused(kit_copy: Path):
    replace_in(kit_copy / "sessions" / "oppdrift-sokerverksted.toml", 'start = "12:00"', 'start = "23:00"')
    issues = issues_of(kit_copy)
    assert any(i.startswith("lup/sessions/oppdrift-sokerverksted.toml:") and "midnatt" in i for i in issues)


def test_a_file_nested_too_deep_is_named_not_a_crash(kit_copy: Path):
    (kit_copy / "worksheets.toml").write_text("x = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    [issue] = issues_of(kit_copy)
    assert issue.startswith("lup/worksheets.toml:1: ") and "nøstet for dypt" in issue


def test_a_method_without_steps_or_longer_than_a_day_is_refused(kit_copy: Path):
    path = kit_copy / "methods.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("steps = [")
    end = text.index("]\n", start) + 1
    path.write_text(text[:start] + "steps = []" + text[end:], encoding="utf-8")
    [issue] = issues_of(kit_copy)
    assert "method[1].steps: må ha minst ett steg" in issue
    path.write_text(
        text[:start] + 'steps = [{ text = "a", minutes = 900 }, { text = "b", minutes = 900 }]' + text[end:]
    )
    [issue] = issues_of(kit_copy)
    assert "method[1].steps: stegene kan til sammen ikke vare mer enn et døgn" in issue


def test_a_group_size_too_large_is_named_as_such(kit_copy: Path):
    line = replace_in(kit_copy / "methods.toml", "group_max = 40", "group_max = 50000")
    [issue] = issues_of(kit_copy)
    assert issue.startswith(f"lup/methods.toml:{line}: method[1].group_max: kan ikke være mer enn 10000."), (
        issue
    )
