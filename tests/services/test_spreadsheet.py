"""The register as CSV files for Norwegian Excel: read back with the csv module as Excel would split them
(UTF-8 with BOM, «;», CRLF), the numbers and dates as Excel reads them, the formula guard, one cohort or
all, and a folder that can't be written or a file held open, which leave the files already there alone."""

from __future__ import annotations

import csv
import errno
import tempfile
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain import ideas as ib
from desktop.domain.benefits import GainType
from desktop.domain.ideas import Board, Idea, Theme
from desktop.domain.initiatives import InitiativeStatus
from desktop.domain.kit import VeikartPhase
from desktop.errors import DiskFullError, LupError, NotFoundError
from desktop.services import cohorts, groups, ideas, initiatives, spreadsheet
from desktop.services.spreadsheet import FILE_NAMES, number_cell, text_cell

TODAY = date(2026, 11, 23)
LINK = '=HYPERLINK("http://example.com/x";"Klikk her")'
NORWEGIAN = "Økt trivsel på Åsen – «Bærum» æøå ÆØÅ"
A, B, C = (uuid.UUID(int=n) for n in (801, 802, 803))
THEME = uuid.UUID(int=811)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


@pytest.fixture
def register(db, small):
    """LUP 1 with Bryn skole: an initiative with a formula for a title, two benefits (kroner; a score that
    can be negative) with measurements, three ideas; LUP 2 with Evje skole and one plain initiative, made
    first (the files list LUP 1 first all the same: by the cohorts' start)."""
    second_cohort = cohorts.create_cohort(db, small.programme, "LUP 2", date(2019, 1, 1), date(2019, 6, 30))
    evje = groups.add_leader_group(db, second_cohort, small.evje)
    initiatives.create_initiative(db, evje, "Digital søknad")
    first = initiatives.create_initiative(
        db,
        small.group,
        LINK,
        need=NORWEGIAN,
        owner="@Per Olsen",
        phase=VeikartPhase.PILOTERING,
        status=InitiativeStatus.ACTIVE,
        start_date=date(2024, 1, 15),
        next_step="+ teste med fem familier",
    )
    kroner = initiatives.create_benefit(
        db, first, GainType.AVOIDED_COSTS, "Lavere vikarbruk", "kr", 1234.5, date(2024, 1, 15), 1000, None
    )
    initiatives.add_measurement(db, kroner, date(2024, 6, 1), 1100.25, "Første måling på Åsen")
    score = initiatives.create_benefit(
        db,
        first,
        GainType.QUALITY,
        "Bedre stemning",
        "skala",
        -2,
        date(2024, 1, 15),
        1.5,
        date(2025, 1, 1),
        indicator="Stemning i teamet (−3 til +3)",
    )
    initiatives.add_measurement(db, score, date(2024, 3, 1), -1.5)
    board = ib.add_theme(Board(), Theme(THEME, "Samarbeid"))
    board = ib.add_idea(board, Idea(A, "Felles kalender", theme_id=THEME))
    board = ib.add_idea(board, Idea(B, "-1 møte i uka"))
    board = ib.add_idea(board, Idea(C, NORWEGIAN))
    board = ib.set_chosen(ib.place(board, A, 0.8, 0.2), A, True)
    for voter in (small.leader, small.leader, small.enthusiast):
        board = ib.cast_vote(board, A, voter)
    ideas.set_board(db, small.group, board)
    return second_cohort


def test_the_files_are_utf8_with_bom_semicolons_and_crlf_with_a_norwegian_header(db, register, tmp_path):
    result = spreadsheet.export_spreadsheets(db, tmp_path / "ut", today=TODAY)
    assert [path.name for path, _rows in result.files] == list(FILE_NAMES)
    assert [rows for _path, rows in result.files] == [2, 2, 2, 3]
    assert result.cohort == "" and result.folder == tmp_path / "ut"
    raw = (tmp_path / "ut" / "tiltak.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].split(b"\r\n")
    assert lines[0].decode().startswith("Kull;Kommunalområde;Tjenestested;Tiltak;Behov;")
    assert b"\n" not in raw.replace(b"\r\n", b"") and lines[-1] == b""  # CRLF ends every row
    assert len(lines) == 4  # header, two initiatives, the empty rest after the last CRLF
    assert not [p for p in (tmp_path / "ut").iterdir() if p.name.startswith(".lup-")]


def test_initiatives_with_labels_dates_and_their_origin(db, register, tmp_path):
    spreadsheet.export_spreadsheets(db, tmp_path, today=TODAY)
    first, second = read(tmp_path / "tiltak.csv")
    assert (first["Kull"], first["Kommunalområde"], first["Tjenestested"]) == ("LUP 1", "Skole", "Bryn skole")
    assert (first["Fase (Veikart)"], first["Status"]) == ("Pilotering", "I gang")
    assert (first["Startdato"], first["Sluttdato"]) == ("2024-01-15", "")
    assert first["Behov"] == NORWEGIAN and first["Antall gevinster"] == "2" and first["Opphav"] == ""
    assert (second["Kull"], second["Tjenestested"], second["Tiltak"]) == (
        "LUP 2",
        "Evje skole",
        "Digital søknad",
    )
    assert (second["Status"], second["Fase (Veikart)"]) == ("Planlagt", "Forankring")


def test_a_formula_gets_an_apostrophe_and_a_negative_number_stays_a_number(db, register, tmp_path):
    spreadsheet.export_spreadsheets(db, tmp_path, today=TODAY)
    first = read(tmp_path / "tiltak.csv")[0]
    assert first["Tiltak"] == "'" + LINK
    assert first["Eier"] == "'@Per Olsen" and first["Neste steg"] == "'+ teste med fem familier"
    score = read(tmp_path / "gevinster.csv")[1]
    assert (score["Nullpunkt"], score["Mål"], score["Siste måling"]) == ("-2", "1,5", "-1,5")
    assert score["Indikator"] == "Stemning i teamet (−3 til +3)"  # not a formula: left as it is
    measured = read(tmp_path / "maalinger.csv")
    assert [m["Verdi"] for m in measured] == ["1100,25", "-1,5"]
    assert read(tmp_path / "ideer.csv")[1]["Idé"] == "'-1 møte i uka"


def test_benefits_carry_the_domains_own_progress_and_follow_up(db, register, tmp_path):
    spreadsheet.export_spreadsheets(db, tmp_path, today=TODAY)
    kroner, score = read(tmp_path / "gevinster.csv")
    assert kroner["Tiltak"] == "'" + LINK and kroner["Gevinst"] == "Lavere vikarbruk"
    assert (kroner["Gevinsttype"], kroner["Enhet"]) == ("Unngåtte kostnader", "kr")
    assert (kroner["Nullpunkt"], kroner["Nullpunktsdato"], kroner["Mål"], kroner["Måldato"]) == (
        "1234,5",
        "2024-01-15",
        "1000",
        "",
    )
    assert (kroner["Siste måling"], kroner["Siste måling, dato"]) == ("1100,25", "2024-06-01")
    assert kroner["Realisert (% av målet)"] == "57,2"  # (1100.25 − 1234.5) / (1000 − 1234.5)
    assert kroner["Oppfølging"] == "Bør måles"  # no target date, not measured for half a year
    assert score["Gevinsttype"] == "Økt kvalitet" and score["Realisert (% av målet)"] == "14,3"
    assert score["Oppfølging"] == "Forsinket"  # its target date has passed
    first, second = read(tmp_path / "maalinger.csv")
    assert (first["Dato"], first["Gevinst"], first["Merknad"]) == (
        "2024-06-01",
        "Lavere vikarbruk",
        "Første måling på Åsen",
    )
    assert (second["Dato"], second["Indikator"], second["Merknad"]) == (
        "2024-03-01",
        "Stemning i teamet (−3 til +3)",
        "",
    )


def test_ideas_with_theme_votes_quadrant_and_chosen(db, register, tmp_path):
    spreadsheet.export_spreadsheets(db, tmp_path, today=TODAY)
    calendar, meeting, norwegian = read(tmp_path / "ideer.csv")
    assert (calendar["Idé"], calendar["Tema"], calendar["Stemmer"]) == ("Felles kalender", "Samarbeid", "3")
    assert (calendar["Effekt (0–1)"], calendar["Innsats (0–1)"]) == ("0,8", "0,2")
    assert (calendar["Kvadrant"], calendar["Valgt"]) == ("Raske gevinster", "ja")
    assert (meeting["Tema"], meeting["Stemmer"], meeting["Kvadrant"], meeting["Valgt"]) == (
        "",
        "0",
        "",
        "nei",
    )
    assert norwegian["Idé"] == NORWEGIAN and norwegian["Tjenestested"] == "Bryn skole"


def test_one_cohort_only(db, small, register, tmp_path):
    result = spreadsheet.export_spreadsheets(db, tmp_path, register, today=TODAY)
    assert result.cohort == "LUP 2"
    assert [rows for _path, rows in result.files] == [1, 0, 0, 0]
    assert [r["Tiltak"] for r in read(tmp_path / "tiltak.csv")] == ["Digital søknad"]
    assert read(tmp_path / "ideer.csv") == []
    assert (tmp_path / "gevinster.csv").read_text(encoding="utf-8-sig").startswith("Kull;")  # a header
    spreadsheet.export_spreadsheets(db, tmp_path, small.cohort, today=TODAY)
    assert {r["Kull"] for r in read(tmp_path / "tiltak.csv")} == {"LUP 1"}
    with pytest.raises(NotFoundError):
        spreadsheet.export_spreadsheets(db, tmp_path, uuid.uuid4())


def earlier_files(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILE_NAMES:
        (folder / name).write_bytes(f"tidligere {name}".encode())
    return {name: (folder / name).read_bytes() for name in FILE_NAMES}


def test_a_folder_that_cannot_be_written_is_a_norwegian_message_and_the_files_stay(
    db, register, tmp_path, monkeypatch
):
    blocker = tmp_path / "en-fil"
    blocker.write_text("x")
    with pytest.raises(LupError, match="Kan ikke lagre regnearkene") as info:
        spreadsheet.export_spreadsheets(db, blocker / "ut")
    assert "en del av stien er en fil" in info.value.message
    folder = tmp_path / "ut"
    before = earlier_files(folder)
    real = tempfile.mkstemp

    def refused(*args, **kwargs):  # tests run as root, so no chmod: the system says no instead
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(LupError, match="ingen tilgang til å skrive der") as info:
        spreadsheet.export_spreadsheets(db, folder)
    assert "som var der fra før, er som de var" in info.value.message
    assert {name: (folder / name).read_bytes() for name in FILE_NAMES} == before

    made = []

    def full_at_the_third(*args, **kwargs):
        made.append(1)
        if len(made) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_at_the_third)
    with pytest.raises(DiskFullError, match="Disken er full"):
        spreadsheet.export_spreadsheets(db, folder)
    assert {name: (folder / name).read_bytes() for name in FILE_NAMES} == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILE_NAMES)  # no temporary file left


def test_a_file_open_in_excel_on_windows_stops_the_export_before_any_file_changes(
    db, register, tmp_path, monkeypatch
):
    folder = tmp_path / "ut"
    before = earlier_files(folder)

    def opened(path, *args, **kwargs):
        if Path(path).name == "maalinger.csv":
            raise PermissionError(errno.EACCES, "The process cannot access the file")  # Excel holds it
        return open(path, *args, **kwargs)

    monkeypatch.setattr(spreadsheet, "_LOCKING", True)
    monkeypatch.setattr(spreadsheet, "open", opened, raising=False)
    with pytest.raises(LupError, match="maalinger.csv: filen er åpen i et annet program") as info:
        spreadsheet.export_spreadsheets(db, folder)
    assert "ingen av regnearkene er endret" in info.value.message
    assert {name: (folder / name).read_bytes() for name in FILE_NAMES} == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILE_NAMES)
    monkeypatch.setattr(spreadsheet, "_LOCKING", False)  # elsewhere an open file is replaced anyway
    spreadsheet.export_spreadsheets(db, folder)
    assert read(folder / "maalinger.csv")[0]["Verdi"] == "1100,25"


def test_a_replace_that_fails_half_way_names_the_files_already_written(db, register, tmp_path, monkeypatch):
    folder = tmp_path / "ut"
    before = earlier_files(folder)
    real = spreadsheet.replace_file

    def refused_for_benefits(temporary, target, *args, **kwargs):
        if target.name == "gevinster.csv":
            raise PermissionError(errno.EACCES, "Permission denied")
        real(temporary, target, *args, **kwargs)

    monkeypatch.setattr(spreadsheet, "replace_file", refused_for_benefits)
    with pytest.raises(LupError, match="Disse er likevel lagret: tiltak.csv\\.$"):
        spreadsheet.export_spreadsheets(db, folder)
    assert (folder / "tiltak.csv").read_bytes() != before["tiltak.csv"]
    assert all(
        (folder / n).read_bytes() == before[n] for n in ("gevinster.csv", "maalinger.csv", "ideer.csv")
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILE_NAMES)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234.5, "1234,5"),
        (2575000, "2575000"),
        (-3, "-3"),
        (-0.0, "0"),
        (0.1, "0,1"),
        (1e-7, "0,0000001"),
        (1e16, "10000000000000000"),
    ],
)
def test_numbers_have_a_decimal_comma_and_no_thousands_separator(value, expected):
    assert number_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 900 00 000", "'+47 900 00 000"),
        ("-5 timer", "'-5 timer"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Bryn = bra", "Bryn = bra"),
        ("", ""),
    ],
)
def test_text_that_excel_would_take_for_a_formula_gets_an_apostrophe(value, expected):
    assert text_cell(value) == expected


def test_the_demo_register_row_for_row(demo_db, tmp_path):
    from desktop.services import reports
    from desktop.services.views import stats
    from desktop.storage.models import Benefit, BenefitMeasurement, Idea, Initiative, LeaderGroup

    figures = stats(demo_db)
    with demo_db.transaction() as s:
        measurements = s.scalar(select(func.count()).select_from(BenefitMeasurement))
    result = spreadsheet.export_spreadsheets(demo_db, tmp_path / "alt")
    counts = {path.name: rows for path, rows in result.files}
    assert counts == {
        "tiltak.csv": figures["initiatives"],
        "gevinster.csv": figures["benefits"],
        "maalinger.csv": measurements,
        "ideer.csv": figures["ideas"],
    }
    assert all(counts.values())
    for path, rows in result.files:
        assert len(read(path)) == rows
    lup4 = reports.find_cohort(demo_db, "LUP 4")
    in_group = (LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
    in_initiative = (Initiative, Benefit.initiative_id == Initiative.id)
    in_benefit = (Benefit, BenefitMeasurement.benefit_id == Benefit.id)
    with demo_db.transaction() as s:

        def count(model, *joins) -> int:
            query = select(func.count()).select_from(model)
            for target, on in joins:
                query = query.join(target, on)
            return s.scalar(query.where(LeaderGroup.cohort_id == lup4))

        expected = [
            count(Initiative, in_group),
            count(Benefit, in_initiative, in_group),
            count(BenefitMeasurement, in_benefit, in_initiative, in_group),
            count(Idea, (LeaderGroup, Idea.leader_group_id == LeaderGroup.id)),
        ]
    assert expected[0] and expected[3]
    result = spreadsheet.export_spreadsheets(demo_db, tmp_path / "lup4", lup4)
    assert [rows for _path, rows in result.files] == expected
    assert {r["Kull"] for r in read(tmp_path / "lup4" / "tiltak.csv")} == {"LUP 4"}
