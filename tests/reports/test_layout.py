"""The page template every document shares, checked on the documents themselves: very long user text never
crashes a PDF, drawn content stays inside the 15 mm margins (rendered with pdftoppm), the running head and
footer are bounded, files get normal permissions, and an output path that can't be written is a clear
Norwegian message."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph

from desktop.errors import LupError
from desktop.kits import load_kit
from desktop.reports import layout, worksheets
from desktop.services import reports
from desktop.services.demo import demo_id

KIT_DIR = Path(__file__).resolve().parents[2] / "workshop_kits" / "lup"
CAPRALHAUGEN = demo_id("group", "LUP 4:Capralhaugen BBS")
TODAY = date(2018, 1, 1)
WORD = "Tjenesteinnovasjonssamarbeidsprosjektkoordineringsgruppemøtereferat" * 4  # longer than a line
LONG = ("Læring & <b>markup</b> – æøå áčđŋšŧž € " * 150 + WORD + " slutt")[:6000]
# Fields that are codes, not text someone typed (a card's colour, the tools a session used, …).
CODES = {"kind", "colour", "color", "tools", "category", "lane_kind", "status_key", "unit_key"}


@cache
def kit():
    return load_kit(KIT_DIR)


def stretch(value, name: str = ""):
    """``value`` with every text field a user can type (in the first item of every collection, to keep
    the documents to a sensible size) replaced by ~6,000 characters."""
    if isinstance(value, Enum) or name in CODES:
        return value
    if isinstance(value, str):
        return LONG if value.strip() else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                changes[f.name] = stretch(getattr(value, f.name), f.name)
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple) and value:
        return (stretch(value[0], name), *value[1:])
    return value


def render_pages(pdf: bytes, folder: Path, dpi: int = 30):
    from PIL import Image as PillowImage

    source = folder / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", source, folder / "page"], check=True)
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return [PillowImage.open(p).convert("L") for p in pages]


def assert_margins_white(pdf: bytes, folder: Path) -> None:
    """Nothing is drawn in the 15 mm band around any page (one pixel of anti-aliasing allowed)."""
    dpi = 30
    band = int(15 * dpi / 25.4) - 1  # whole pixels wholly inside the margin
    for number, page in enumerate(render_pages(pdf, folder, dpi), start=1):
        width, height = page.size
        pixels = page.load()
        for y in range(height):
            inner = band <= y < height - band
            xs = [*range(band), *range(width - band, width)] if inner else range(width)
            for x in xs:
                assert pixels[x, y] >= 245, f"page {number}: ink at ({x}, {y}) in the margin"


needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")


def group_pdf(data, session_id=None) -> bytes:
    from desktop.reports.group_summary import build_group_summary

    out = io.BytesIO()
    build_group_summary(data, out, session_id)
    return out.getvalue()


def cohort_pdf(data) -> bytes:
    from desktop.reports.cohort_report import build_cohort_report

    out = io.BytesIO()
    build_cohort_report(data, out)
    return out.getvalue()


def sheet_pdf(sheet_id: str, data=None) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    warnings = worksheets.build_worksheet(kit(), sheet_id, out, data)
    return out.getvalue(), warnings


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def filled_sheets():
    """Every pre-filled kind of worksheet, every text field ~6,000 characters."""
    ws = worksheets
    return {
        "brukerreise-a3": ws.JourneySheet(
            LONG,
            group=LONG,
            kind=LONG,
            persona_name=LONG,
            persona_role=LONG,
            persona_text=LONG,
            columns=(ws.JourneyColumn(LONG, LONG, 1), ws.JourneyColumn("Steg", "Steg 2", -1)),
            rows=(ws.JourneyRow(LONG, cells=((ws.JourneyCardText(LONG),), ())),),
        ),
        "prototypekort": ws.PrototypeSheet(
            LONG,
            group=LONG,
            idea=LONG,
            card=LONG,
            need=LONG,
            solution=LONG,
            assumption=LONG,
            with_whom=LONG,
            place=LONG,
            timing=LONG,
            success_criteria=LONG,
            result=LONG,
            learning=LONG,
            decision="adjust",
        ),
        "gevinstplan": ws.BenefitSheet(
            LONG,
            group=LONG,
            need=LONG,
            owner=LONG,
            benefits=(
                ws.BenefitRow(
                    "time_saved",
                    LONG,
                    LONG,
                    LONG,
                    1,
                    date(2025, 1, 1),
                    2,
                    date(2026, 1, 1),
                    LONG,
                    LONG,
                    (ws.BenefitMeasure(date(2025, 6, 1), 3, LONG),),
                ),
            ),
        ),
        "tidsplan-deltaker": ws.HandoutSheet(
            LONG, date(2025, 3, 4), LONG, (LONG, LONG), (ws.HandoutBlock("09:00", "10:00", LONG),), LONG
        ),
        "idekort": ws.IdeaCardsSheet(LONG, LONG),
        "utfordringsskjema": ws.IdeaCardsSheet("", LONG),  # a generic sheet with a group
    }


# --- 1. long user text ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capralhaugen_long(demo_template, tmp_path_factory):
    from desktop.storage.database import open_database

    folder = tmp_path_factory.mktemp("demo-long")
    shutil.copytree(demo_template, folder, dirs_exist_ok=True)
    db = open_database(folder, backup=False)
    try:
        data = reports.group_report(db, CAPRALHAUGEN, today=TODAY)
        cohort = reports.cohort_report(db, demo_id("cohort", "LUP 4"), today=date(2019, 6, 1))
    finally:
        db.close()
    return stretch(data), stretch(cohort)


def test_six_thousand_characters_in_every_text_of_a_group_summary_make_a_pdf(capralhaugen_long) -> None:
    data, _cohort = capralhaugen_long
    assert data.prototypes[0].rounds[0].learning == LONG  # the «Læring» of a prototype round
    assert data.board.ideas[0].text == LONG
    pdf = group_pdf(data)
    content = text_of(pdf)
    assert "slutt" in content and "Prototyper og læring" in content
    assert group_pdf(data, data.sessions[2].id).startswith(b"%PDF")  # one session's summary


def test_six_thousand_characters_in_every_text_of_a_cohort_report_make_a_pdf(capralhaugen_long) -> None:
    _data, cohort = capralhaugen_long
    assert "slutt" in text_of(cohort_pdf(cohort))


@pytest.mark.parametrize("sheet_id", sorted(filled_sheets()))
def test_six_thousand_characters_in_every_field_of_a_worksheet_make_a_pdf(sheet_id: str) -> None:
    pdf, _warnings = sheet_pdf(sheet_id, filled_sheets()[sheet_id])
    assert pdf.startswith(b"%PDF")


def test_something_too_large_for_any_page_is_a_message_naming_the_section(tmp_path: Path) -> None:
    from PIL import Image as PillowImage

    picture = tmp_path / "høy.png"
    PillowImage.new("RGB", (10, 10), "red").save(picture)
    story = [
        layout.para("Innledning", "h1"),
        layout.para("Tekst"),
        layout.para("Bilder fra veggen", "h1"),
        Image(str(picture), 100 * mm, 2000 * mm),
    ]
    with pytest.raises(LupError) as caught:
        layout.build(io.BytesIO(), story, layout.Meta("Tittel", "Bunntekst"))
    assert "«Bilder fra veggen»" in caught.value.message
    assert "for stort" in caught.value.message


# --- 2 and 3. margins, running head and footer ------------------------------------------------------------


def test_printable_drops_invisible_joiners_and_notes_what_the_font_lacks() -> None:
    assert layout.printable("❤\ufe0f a\u200db\u200bc") == "❤ abc"
    assert layout.plain("  to\nlinjer \ufe0f ") == "to linjer"
    found: list[str] = []
    with layout.unprintable_noted(found):
        layout.text("Æ ø å áčđŋšŧž € – 🚀")
        layout.fit_text("👍 i tittelen", "DejaVuSans", 8, 200)
    (warning,) = found
    assert "🚀" in warning and "👍" in warning and "å" not in warning
    layout.text("🚀")  # outside a document: nothing noted, nothing kept
    assert len(found) == 1


def _broken(paragraph: Paragraph, width: float) -> tuple[float, list[str]]:
    """The height and the lines of ``paragraph`` laid out at ``width`` (either of ReportLab's line shapes)."""
    _w, height = paragraph.wrap(width, 10**6)
    lines = []
    for line in paragraph.blPara.lines:
        words = line[1] if isinstance(line, tuple) else ["".join(f.text for f in line.words)]
        lines.append(" ".join(" ".join(words).split()))
    return height, lines


@pytest.mark.parametrize(
    "value",
    [
        "A & B <b>ikke fet</b> &amp; <br/> tekst",
        "Æ ø å áčđŋšŧž – €\u00a0100 000 og 12\u00a0%",
        "https://example.com/" + "sti-uten-mellomrom" * 12,
        "  mellomrom foran, etter og \t midt i  ",
        "to\nlinjer & mer",
        "",
        "   ",
    ],
)
def test_a_paragraph_of_user_text_breaks_like_the_parsed_markup(value: str) -> None:
    # para() skips ReportLab's parser for text on one line; the page must be what the parser would give.
    for style in ("body", "cell", "h1"):
        for width in (30, 120, 400):
            fast = _broken(layout.para(value, style), width)
            parsed = _broken(Paragraph(layout.text(value), layout.styles()[style]), width)
            assert fast == parsed, (style, width)


def test_a_worksheet_names_the_characters_it_cannot_print() -> None:
    data = replace(filled_sheets()["brukerreise-a3"], group="Gruppe 🚀")
    _pdf, warnings = sheet_pdf("brukerreise-a3", data)
    assert any("tomme ruter" in w and "🚀" in w for w in warnings)
    _pdf, warnings = sheet_pdf("brukerreise-a3")
    assert not any("tomme ruter" in w for w in warnings)


def test_fit_text_shortens_to_the_room_with_an_ellipsis() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.reports import fonts

    fonts.register()
    assert layout.fit_text("Kort", fonts.FAMILY, 8, 200) == "Kort"
    fitted = layout.fit_text(LONG, fonts.FAMILY, 8, 200)
    assert fitted.endswith("…") and LONG.startswith(fitted[:-1])
    assert stringWidth(fitted, fonts.FAMILY, 8) <= 200


def test_a_long_group_name_is_shortened_in_the_footer_and_the_page_number_stays(demo_db) -> None:
    data = reports.group_report(demo_db, CAPRALHAUGEN, today=TODAY)
    pdf = group_pdf(dataclasses.replace(data, location="Ålesund " * 100))
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "…" in first and "Side 1" in first


@needs_pdftoppm
def test_group_summary_stays_inside_the_margins(demo_db, tmp_path: Path) -> None:
    data = reports.group_report(demo_db, CAPRALHAUGEN, today=TODAY)
    long_name = dataclasses.replace(data, location="Capralhaugen " * 40, cohort="LUP 4 " * 40)
    assert_margins_white(group_pdf(long_name), tmp_path)


@needs_pdftoppm
def test_cohort_report_stays_inside_the_margins(demo_db, tmp_path: Path) -> None:
    data = reports.cohort_report(demo_db, demo_id("cohort", "LUP 4"), today=date(2019, 6, 1))
    assert_margins_white(cohort_pdf(data), tmp_path)


@needs_pdftoppm
@pytest.mark.parametrize("sheet_id", [sheet.id for sheet in load_kit(KIT_DIR).worksheets])
def test_every_blank_worksheet_stays_inside_the_margins(sheet_id: str, tmp_path: Path) -> None:
    assert_margins_white(sheet_pdf(sheet_id)[0], tmp_path)


@needs_pdftoppm
@pytest.mark.parametrize("sheet_id", sorted(filled_sheets()))
def test_every_filled_worksheet_stays_inside_the_margins(sheet_id: str, tmp_path: Path) -> None:
    assert_margins_white(sheet_pdf(sheet_id, filled_sheets()[sheet_id])[0], tmp_path)


@needs_pdftoppm
def test_a_worksheet_set_stays_inside_the_margins_and_reports_its_page_sizes(tmp_path: Path) -> None:
    sections = [(worksheets.worksheet(kit(), s), None) for s in ("tidsplan-deltaker", "gevinstplan")]
    sections.append((worksheets.worksheet(kit(), "prototypekort"), filled_sheets()["prototypekort"]))
    out = io.BytesIO()
    _warnings, sizes = worksheets.build_worksheet_set(kit(), sections, out)
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    assert [(round(w), round(h)) for w, h in sizes] == [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages
    ]
    assert_margins_white(out.getvalue(), tmp_path)


# --- 9 and 10. worksheet kinds and tick labels -------------------------------------------------------------


def test_worksheet_kind_is_the_whole_known_id_else_generic() -> None:
    sheet = kit().worksheets[0]
    kinds = {
        "brukerreise-a3": worksheets.JOURNEY,
        "prototypekort": worksheets.PROTOTYPE,
        "idekort": worksheets.IDEAS,
        "effekt-innsats-a3": worksheets.MATRIX,
        "gevinstplan": worksheets.BENEFITS,
        "tidsplan-deltaker": worksheets.TIMEPLAN,
        "persona-a4": worksheets.GENERIC,
        "brukerreise-refleksjon": worksheets.GENERIC,  # a substring is not a kind
        "idea-bank": worksheets.GENERIC,
        "agenda-for-veggen": worksheets.GENERIC,
        "gevinst-ideer": worksheets.GENERIC,
    }
    for sheet_id, kind in kinds.items():
        assert worksheets.kind_of(dataclasses.replace(sheet, id=sheet_id)) == kind, sheet_id


def test_long_prototype_card_titles_are_shortened_to_their_tick_box_cell() -> None:
    from reportlab.pdfgen.canvas import Canvas

    from desktop.reports import fonts

    fonts.register()
    drawn = []

    class Recording(Canvas):
        def drawString(self, x, y, text, *args, **kwargs):  # noqa: N802 - ReportLab's name
            drawn.append((x, text, self._fontsize))
            return super().drawString(x, y, text, *args, **kwargs)

    canvas = Recording(io.BytesIO())
    room = 40 * mm
    worksheets._tick(canvas, 10, 100, "Rollespill med brukere og pårørende i resepsjonen", room=room)
    (x, label, size), *_rest = drawn
    assert label.endswith("…") and size >= 7
    assert x + canvas.stringWidth(label, fonts.FAMILY, size) <= 10 + room


# --- 6 and 7. writing the file ----------------------------------------------------------------------------


def _tiny(out) -> None:
    layout.build(out, [Paragraph("Hei", layout.styles()["body"])], layout.Meta("T", "F"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_written_pdf_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    from desktop.files import process_umask

    old = os.umask(0o022)
    try:
        process_umask.cache_clear()
        target = layout.write_pdf(tmp_path / "a.pdf", _tiny)
    finally:
        os.umask(old)
        process_umask.cache_clear()
    assert target.stat().st_mode & 0o777 == 0o644


def test_output_paths_that_cannot_be_written_are_clear_norwegian_messages(tmp_path: Path) -> None:
    with pytest.raises(LupError, match="Ingen fil er oppgitt"):
        layout.write_pdf("", _tiny)
    with pytest.raises(LupError, match="er en mappe"):
        layout.write_pdf(tmp_path, _tiny)
    blocker = tmp_path / "fil.txt"
    blocker.write_text("")
    with pytest.raises(LupError, match="er en fil, ikke en mappe"):
        layout.write_pdf(blocker / "under" / "x.pdf", _tiny)
    assert not list(tmp_path.glob(".lup-*"))
    error = OSError(13, "Permission denied")
    assert layout.os_reason(error) == "ingen tilgang til å skrive der"
    assert layout.os_reason(OSError(30, "Read-only file system")) == "stedet er skrivebeskyttet"


def test_a_name_too_long_for_the_file_system_is_a_message(tmp_path) -> None:
    """«… --out <300 characters>.pdf» ended in a traceback (OSError: File name too long)."""
    from desktop.reports.layout import path_problem

    problem = path_problem(tmp_path / ("å" * 300 + ".pdf"))
    assert "navnet er for langt" in problem


def test_a_pdf_held_open_by_a_reader_is_named_as_such(tmp_path, monkeypatch) -> None:
    """On Windows a PDF open in a reader cannot be replaced (EACCES): the message said «ingen tilgang til
    å skrive der» of a folder that can be written."""
    import errno
    import os

    from desktop.errors import LupError
    from desktop.reports import layout

    target = tmp_path / "oppsummering.pdf"
    target.write_bytes(b"%PDF-1.4 old")

    def held(_src, _dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(LupError) as info:
        layout.write_pdf(target, lambda out: out.write(b"%PDF-1.4 new"))
    assert "åpen i et annet program" in info.value.message
    assert target.read_bytes() == b"%PDF-1.4 old" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_figure_stays_whole_in_a_narrow_number_column() -> None:
    """«13 750 000,5 k⏎r», «308 641 972,⏎88 kr»: a figure wider than its column was broken between its
    digits. It is set in smaller type instead (its unit may take the next line)."""
    from desktop.domain.rules import format_number
    from desktop.reports.group_summary import amount

    figure = format_number(1234567890.88)
    rows = [["Mål"], [amount(1234567890.88, "kr per år")], [amount(74, "prosent")]]
    t = layout.table(rows, [24 * mm], numbers=(0,))  # narrower than the summary's amount columns
    t.wrap(24 * mm, 200 * mm)
    big, small = t._cellvalues[1][0][0], t._cellvalues[2][0][0]
    assert big.blPara.lines[0][1][0] == figure  # the whole figure on its first line
    assert big.style.fontSize >= layout.LEAST_NUMBER_SIZE and big.style.fontSize < small.style.fontSize
    assert small.style is layout.styles()["number"]  # a figure that fits keeps the table's type


def test_a_table_header_repeats_at_the_top_of_each_page_only() -> None:
    """ReportLab split the next row into the room left at the foot of a page, with the header printed again
    above its first lines, mid-page. Rows of a few lines now move whole to the next page; a row taller
    than a third of a page is still split."""
    idea = "Felles møte med fastlege, hjemmetjeneste og pårørende innen tre dager etter utskriving. "
    rows = [["Nummer", "Idé"]] + [[str(n), idea * (1 + n % 5)] for n in range(1, 61)]
    out = io.BytesIO()
    layout.build(out, [layout.table(rows, [20 * mm, 80 * mm])], layout.Meta("Tittel", "Bunntekst"))
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) > 2
    assert [page.count("Nummer") for page in pages] == [1] * len(pages)
    tall = [["Nummer", "Idé"], ["1", idea * 40]]  # taller than a page: split, header on each part
    out = io.BytesIO()
    layout.build(out, [layout.table(tall, [20 * mm, 80 * mm])], layout.Meta("Tittel", "Bunntekst"))
    assert len(PdfReader(out).pages) > 1
    # One tall row among short ones (the run sheet's long notes) turned it back on for every row.
    mixed = rows[:9] + [["9b", idea * 14]] + rows[9:]
    out = io.BytesIO()
    layout.build(out, [layout.table(mixed, [20 * mm, 80 * mm])], layout.Meta("Tittel", "Bunntekst"))
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert [page.count("Nummer") for page in pages] == [1] * len(pages)
