"""Worksheets from the LUP kit: every one builds, on the paper the kit asks for, fonts embedded, same bytes
twice; the journey map has the template's stages and lanes, the handout no facilitator notes, a pre-filled
prototype card its need."""

from __future__ import annotations

import io
import uuid
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from sqlalchemy import select

from desktop.domain import timeplan as tp
from desktop.domain.kit import Kit, Orientation, PaperSize
from desktop.errors import LupError
from desktop.kits import load_kit
from desktop.reports import worksheets
from desktop.reports.worksheets import (
    BenefitRow,
    BenefitSheet,
    HandoutBlock,
    HandoutSheet,
    JourneyCardText,
    JourneyColumn,
    JourneyRow,
    JourneySheet,
    PrototypeSheet,
    build_all,
    build_worksheet,
)

KIT_DIR = Path(__file__).resolve().parents[2] / "workshop_kits" / "lup"


@cache
def kit() -> Kit:
    return load_kit(KIT_DIR)


def pdf(sheet_id: str, data: object = None) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    warnings = build_worksheet(kit(), sheet_id, out, data)
    return out.getvalue(), warnings


def page_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(value: str) -> str:
    """Text without line breaks and doubled spaces (extraction breaks long titles over lines)."""
    return " ".join(value.split())


def fonts_of(data: bytes) -> dict[str, bool]:
    """Every font the pages use, and whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []]
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found


SHEETS = [sheet.id for sheet in load_kit(KIT_DIR).worksheets]


def test_the_kit_has_the_sheets_the_issue_asks_for() -> None:
    kinds = {worksheets.kind_of(sheet) for sheet in kit().worksheets}
    assert {"journey", "prototype", "ideas", "matrix", "benefits", "timeplan", "generic"} <= kinds


def test_the_impact_effort_sheet_is_a_matrix_with_the_boards_four_fields() -> None:
    data, _warnings = pdf("effekt-innsats-a3")
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for field in ("Raske gevinster", "Store satsinger", "Småtiltak", "Lite å hente", "Effekt for brukeren"):
        assert field in words


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_every_sheet_builds_on_the_kits_paper_with_fonts_embedded(sheet_id: str) -> None:
    sheet = worksheets.worksheet(kit(), sheet_id)
    data, warnings = pdf(sheet_id)
    assert warnings == []
    reader = PdfReader(io.BytesIO(data))
    base = A3 if sheet.paper == PaperSize.A3 else A4
    expected = (base[1], base[0]) if sheet.orientation == Orientation.LANDSCAPE else base
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == tuple(
            round(v, 2) for v in expected
        )
    used = fonts_of(data)
    assert used, "no fonts found"
    assert all(used.values()), f"fonts not embedded: {used}"
    assert all("DejaVu" in name for name in used), used
    assert sheet.title in flat(page_text(data))


def test_journey_map_is_a3_landscape_with_the_templates_stages_and_lanes() -> None:
    data, _w = pdf("brukerreise-a3")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(kit().journeys)
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (
        1191,
        842,
    )
    for page, template in zip(reader.pages, kit().journeys, strict=True):
        words = flat(page.extract_text())
        for title in (*template.stages, *(lane.title for lane in template.lanes)):
            assert all(word in words for word in title.split()), (template.id, title)
        assert "Persona" in words and "Navn på reisen" in words
        assert all(level in words for level in ("+2", "+1", "−1", "−2"))


def test_handout_has_blocks_and_start_times_and_none_of_the_facilitator_notes() -> None:
    data, _w = pdf("tidsplan-deltaker")
    words = flat(page_text(data))
    for template in kit().sessions:
        start = tp.parse_clock(template.start)
        assert template.title in words
        assert tp.format_clock(start) in words
        for block in template.blocks:
            assert block.title in words
            if block.notes.strip():
                assert flat(block.notes)[:40] not in words, block.title
    oppstart = kit().session("oppstart")
    plan = tp.schedule(
        [tp.PlanBlock(b.minutes, tp.parse_clock(b.pinned) if b.pinned else None) for b in oppstart.blocks],
        tp.parse_clock(oppstart.start),
        tp.parse_clock(oppstart.start) + oppstart.minutes,
    )
    for at in plan.blocks:
        assert f"{tp.format_clock(at.start)}–{tp.format_clock(at.end)}" in words


def test_pre_filled_handout_for_a_session() -> None:
    handout = HandoutSheet(
        "Idésamling",
        date(2025, 3, 4),
        "Bærum rådhus",
        ("Ha tre idéer",),
        (HandoutBlock("09:00", "09:15", "Velkommen & <kaffe>", "welcome"),),
    )
    words = flat(page_text(pdf("tidsplan-deltaker", handout)[0]))
    assert "Idésamling" in words and "04.03.2025" in words and "Bærum rådhus" in words
    assert "09:00–09:15" in words and "Velkommen & <kaffe>" in words and "Ha tre idéer" in words


def test_pre_filled_prototype_card_has_the_need_and_the_decision() -> None:
    card = PrototypeSheet(
        "Ståmøte på 20 minutter",
        group="Bryn skole",
        idea="Korte møter",
        card="Papirprototype",
        need="Lærerne trenger tid til å dele det som fungerer – æøå & <b>",
        assumption="At 20 minutter holder",
        decision="adjust",
    )
    data, warnings = pdf("prototypekort", card)
    words = flat(page_text(data))
    assert warnings == []
    assert card.need in words
    assert "At 20 minutter holder" in words and "Bryn skole" in words
    assert all(fonts_of(data).values())


def test_pre_filled_journey_map_has_cards_and_warns_about_what_does_not_fit() -> None:
    columns = (JourneyColumn("Start", "Første steg", -1), JourneyColumn("Start", "Andre steg", 2))
    too_many = tuple(JourneyCardText(f"Kort nummer {n} med litt tekst", "pink") for n in range(40))
    journey = JourneySheet(
        "Kari sin reise",
        group="Bryn skole",
        persona_name="Kari",
        columns=columns,
        rows=(
            JourneyRow("Hva brukeren gjør", cells=((JourneyCardText("Ringer kommunen"),), ())),
            JourneyRow("Smertepunkter", cells=((), too_many)),
            JourneyRow("Følelser", feelings=True),
        ),
    )
    data, warnings = pdf("brukerreise-a3", journey)
    words = flat(page_text(data))
    assert "Ringer kommunen" in words and "Første steg" in words and "Kari" in words
    assert len(warnings) == 1 and "Smertepunkter" in warnings[0]


def test_the_feelings_lane_holds_its_cards_above_the_scale() -> None:
    columns = tuple(JourneyColumn("Start", f"Steg {n}", n % 5 - 2) for n in range(8))
    feelings = (
        (JourneyCardText("Alene med det, og redd for å ikke bli tatt på alvor", "orange"),),
        (JourneyCardText("Lettet", "orange"), JourneyCardText("Men sliten", "orange")),
        *[()] * 6,
    )
    lanes = tuple(JourneyRow(f"Bane {n}") for n in range(7))
    journey = JourneySheet("Reisen", columns=columns, rows=(*lanes, JourneyRow("Følelser", True, feelings)))
    data, warnings = pdf("brukerreise-a3", journey)
    assert warnings == []  # every card printed
    words = flat(page_text(data))
    assert "redd for å ikke bli tatt på alvor" in words and "Men sliten" in words and "+2" in words


def test_pre_filled_benefit_plan() -> None:
    plan = BenefitSheet(
        "Digital innsjekk",
        group="Bryn skole",
        benefits=(
            BenefitRow(
                "time_saved", "Mindre venting", "Minutter per besøk", "minutter", 30, date(2025, 1, 1), 10
            ),
        ),
    )
    words = flat(page_text(pdf("gevinstplan", plan)[0]))
    assert "Mindre venting" in words and "Minutter per besøk" in words and "01.01.2025" in words


def test_output_is_deterministic() -> None:
    for sheet_id in ("brukerreise-a3", "tidsplan-deltaker", "idekort"):
        assert pdf(sheet_id)[0] == pdf(sheet_id)[0]


def test_build_all_writes_one_pdf_per_worksheet(tmp_path: Path) -> None:
    written = build_all(kit(), tmp_path / "ark")
    assert [p.name for p in written] == [f"{sheet_id}.pdf" for sheet_id in SHEETS]
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)


def test_unknown_sheet_and_unwritable_folder_are_clear_messages(tmp_path: Path) -> None:
    with pytest.raises(LupError, match="arbeidsark"):
        build_worksheet(kit(), "finnes-ikke", io.BytesIO())
    blocker = tmp_path / "fil"
    blocker.write_text("")
    with pytest.raises(LupError, match="Kan ikke skrive"):
        build_all(kit(), blocker / "ark")


def test_gathered_from_the_demo_programme(demo_db) -> None:
    from desktop.services import worksheet_data
    from desktop.storage.models import Initiative, JourneyMap, Prototype, Session

    with demo_db.transaction() as s:
        map_id = s.scalars(select(JourneyMap.id).order_by(JourneyMap.id)).first()
        prototype_id = s.scalars(select(Prototype.id).order_by(Prototype.id)).first()
        initiative_id = s.scalars(select(Initiative.id).order_by(Initiative.id)).first()
        session_id = s.scalars(select(Session.id).where(Session.template_id.is_not(None))).first()
    assert all(isinstance(i, uuid.UUID) for i in (map_id, prototype_id, initiative_id, session_id))

    journey = worksheet_data.journey_sheet(demo_db, map_id)
    assert journey.group and journey.columns and journey.rows
    words = flat(page_text(pdf("brukerreise-a3", journey)[0]))
    assert journey.columns[0].step.split()[0] in words

    card = worksheet_data.prototype_sheet(demo_db, prototype_id, kit())
    if card.need:
        assert flat(card.need)[:30] in flat(page_text(pdf("prototypekort", card)[0]))

    plan = worksheet_data.benefit_sheet(demo_db, initiative_id)
    assert plan.initiative
    pdf("gevinstplan", plan)

    handout = worksheet_data.handout_sheet(demo_db, session_id, kit())
    assert handout.blocks and handout.goals
    pdf("tidsplan-deltaker", handout)


def test_a_pre_filled_text_too_long_for_its_box_fills_the_box_and_ends_with_an_ellipsis() -> None:
    lines = "\n".join(f"Punkt {n}: ring brukeren dagen før besøket" for n in range(1, 30))
    long = "Innbyggerne som mottar hjemmetjenester trenger bedre oversikt over når de ansatte kommer. " * 12
    data = PrototypeSheet("Besøksvarsel", group="Capralhaugen", need=lines, solution=long)
    made, warnings = pdf("prototypekort", data)
    content = PdfReader(io.BytesIO(made)).pages[0].extract_text()
    assert "Punkt 1: ring brukeren dagen før besøket\nPunkt 2:" in content  # its lines kept apart
    assert "Punkt 29" not in content and "…" in content
    assert content.count("Innbyggerne som mottar") >= 2  # several lines of it, not one
    assert any("Behov" in w for w in warnings) and any("Løsning" in w for w in warnings)


def test_a_full_lane_takes_room_from_empty_ones_so_its_cards_are_printed() -> None:
    """Lanes were all alike: on the demo's sheets 183 cards were left off full lanes (pain points,
    opportunities) beside empty ones. Now a lane takes what it needs from lanes with room to spare; each
    keeps room to write by hand."""
    columns = tuple(JourneyColumn("Start", f"Steg {n}", None) for n in range(6))
    many = tuple(JourneyCardText(f"Smertepunkt {n} som tar litt plass på kortet", "pink") for n in range(6))
    rows = (
        JourneyRow("Hva brukeren gjør", cells=((JourneyCardText("Ringer"),), *[()] * 5)),
        *(JourneyRow(f"Tom bane {n}") for n in range(5)),
        JourneyRow("Smertepunkter", cells=(many, *[()] * 5)),
        JourneyRow("Følelser", feelings=True),
    )
    data, warnings = pdf("brukerreise-a3", JourneySheet("Reisen", columns=columns, rows=rows))
    assert warnings == []
    assert "Smertepunkt 5 som tar litt plass" in flat(page_text(data))
    style = worksheets._style("cell", fontSize=7.5, leading=9)
    weights = [1.35 if r.feelings else 1.0 for r in rows]
    heights = worksheets._lane_heights(rows, weights, 200 * mm, 40 * mm, style)
    assert heights[6] > heights[1] >= 0.55 * (200 * mm * 1.0 / sum(weights)) - 1e-6
    assert sum(heights) == pytest.approx(200 * mm)
    blank = tuple(JourneyRow(r.title, r.feelings) for r in rows)
    even = worksheets._lane_heights(blank, weights, 200 * mm, 40 * mm, style)
    assert even == [200 * mm * w / sum(weights) for w in weights]  # a blank sheet as before


def _heading_height_on_pages(data: bytes, heading: str) -> list[float | None]:
    """Per page, how high above the frame's foot ``heading`` is printed (None where it is not)."""
    from desktop.reports.layout import HEAD, MARGIN

    found: list[float | None] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        at: list[float] = []

        def visit(value, cm, tm, _font, _size, at=at):
            if heading in value:
                at.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        found.append(at[0] - (MARGIN + HEAD) if at else None)
    return found


@pytest.mark.parametrize("count", range(15, 31))
def test_a_long_plan_keeps_the_notes_heading_with_its_lines_and_a_page_never_holds_only_lines(
    count: int,
) -> None:
    """From about 20 blocks «Mine notater» stood alone at the foot of page 1 and page 2 held only lines:
    two sheets per participant. The notes take the room left, at least three lines, and take the plan's
    last rows along when they must go to the next page."""
    blocks = tuple(
        HandoutBlock(
            f"{8 + n // 4:02d}:{n % 4 * 15:02d}", f"{8 + (n + 1) // 4:02d}:00", f"Punkt {n + 1}: arbeid"
        )
        for n in range(count)
    )
    goals = kit().session("oppstart").goals
    data, _w = pdf(
        "tidsplan-deltaker", HandoutSheet("Oppstart", date(2024, 1, 15), "Rådhuset", goals, blocks)
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert all("Punkt" in page for page in pages)  # no page of only notes
    heights = _heading_height_on_pages(data, "Mine notater")
    assert [h is not None for h in heights] == [False] * (len(pages) - 1) + [True]
    assert heights[-1] is not None and heights[-1] >= 3 * 8 * mm  # room for three lines under it
    assert f"Punkt {count}: arbeid" in pages[-1]


def test_a_header_field_cut_short_is_a_warning_naming_the_field() -> None:
    """The benefit plan's «Behov» and the prototype card's «Prototype» and «Idé» were cut with «…» on
    their line, and the sheet said nothing."""
    need = (
        "Brukere som kommer hjem fra sykehuset vet ikke hvem de skal ringe, og hjemmetjenesten får ikke "
        "beskjed om hva som er avtalt."
    )
    data, warnings = pdf("gevinstplan", BenefitSheet("Trygg hjem", group="Østerås", need=need, owner="Kari"))
    assert "…" in page_text(data)
    assert warnings == ["Gevinstplan: teksten i «Behov» fikk ikke plass."]
    card = PrototypeSheet(
        "Besøksvarsel på SMS dagen før, med navnet på den som kommer og et nummer å ringe " * 2,
        idea="Hjemmetjenesten sier fra før de kommer, så brukeren kan forberede seg " * 2,
    )
    _data, warnings = pdf("prototypekort", card)
    assert warnings == [
        "Prototypekort: teksten i «Prototype» fikk ikke plass.",
        "Prototypekort: teksten i «Idé» fikk ikke plass.",
    ]
    # What fits on its line is no warning.
    assert (
        pdf("gevinstplan", BenefitSheet("Trygg hjem", need="Vite hvem de skal ringe", owner="Kari"))[1] == []
    )


def test_the_run_sheet_gives_the_facilitators_every_block_with_method_materials_and_notes() -> None:
    """Only the participants' handout could be printed: no sheet to run the day from."""
    from desktop.reports.worksheets import RunBlock, RunSheet

    blank, _w = pdf("kjoreplan-veileder")
    assert worksheets.kind_of(worksheets.worksheet(kit(), "kjoreplan-veileder")) == worksheets.RUNSHEET
    words = flat(page_text(blank))
    oppstart = kit().session("oppstart")
    assert oppstart.title in words
    for block in oppstart.blocks:
        assert block.title in words
        if block.notes.strip():
            assert flat(block.notes)[:30] in words, block.title  # the notes the handout leaves out
    first = PdfReader(io.BytesIO(blank)).pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (842, 595)  # A4 wide
    filled = RunSheet(
        "Idésamling",
        date(2025, 3, 4),
        "Bærum rådhus",
        ("Kari Nordmann", "Ola Hansen"),
        (
            RunBlock(
                "09:00", "09:15", 15, "Velkommen & <kaffe>", "welcome", "", ("Navnelapper",), "Møt opp 08:30"
            ),
            RunBlock(
                "09:15",
                "10:00",
                45,
                "Idémyldring",
                "exercise",
                "Brainwriting 6-3-5",
                (),
                "",
                "Skriv tre idéer",
            ),
            RunBlock("11:30", "12:00", 30, "Lunsj", "lunch", pinned=True),
        ),
    )
    words = flat(page_text(pdf("kjoreplan-veileder", filled)[0]))
    for expected in (
        "Idésamling",
        "04.03.2025",
        "Kari Nordmann, Ola Hansen",
        "09:00–09:15",
        "Velkommen & <kaffe>",
        "Navnelapper",
        "Møt opp 08:30",
        "Brainwriting 6-3-5",
        "På veggen: Skriv tre idéer",
        "11:30–12:00 (fast)",
    ):
        assert expected in words, expected
