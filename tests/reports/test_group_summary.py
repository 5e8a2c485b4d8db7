"""The leader group's summaries, checked by their extracted text and structure (pypdf), never by looks."""

from __future__ import annotations

import io
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, landscape

from desktop.reports.data import PhotoData
from desktop.services import reports
from desktop.services.demo import demo_id

CAPRALHAUGEN = demo_id("group", "LUP 4:Capralhaugen BBS")
TODAY = date(2018, 1, 1)


def render(data, session_id=None) -> tuple[bytes, list[str]]:
    from desktop.reports.group_summary import build_group_summary

    out = io.BytesIO()
    warnings = build_group_summary(data, out, session_id)
    return out.getvalue(), warnings


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(value: str) -> str:
    return " ".join(value.split())


def assert_fonts_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for name in fonts:
            font = fonts[name].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            seen += 1
    assert seen


def sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


@pytest.fixture
def capralhaugen(demo_db):
    return reports.group_report(demo_db, CAPRALHAUGEN, today=TODAY)


def test_final_summary_has_every_section(capralhaugen) -> None:
    pdf, warnings = render(capralhaugen)
    assert warnings == []
    content = flat(text_of(pdf))
    for heading in (
        "Capralhaugen BBS",
        "Sluttoppsummering for ledergruppen i LUP 4",
        "Deltakere",
        "Samlingene slik de ble gjennomført",
        "Brukerreise:",
        "Følelseskurve",
        "Idéer og stemmer",
        "Effekt og innsats",
        "Prototyper og læring",
        "Innovasjonstiltak og gevinstplan",
        "Gevinstplan",
        "Neste steg",
    ):
        assert heading in content, heading
    data = capralhaugen
    assert data.participants[0].name in content
    assert data.facilitators[0] in content
    assert data.sessions[2].title in content
    assert data.board.ideas[0].text in content
    assert data.prototypes[0].title in content
    assert data.prototypes[0].rounds[0].learning in content
    assert data.initiatives[0].title in content
    assert data.initiatives[0].benefits[0].title in content
    assert data.journeys[0].journey.persona.name in content
    assert data.journeys[0].journey.stages[0].title in content
    assert "Nullpunkt" in content and "Mål " in content  # the benefit chart's lines
    assert "01.01.2018" in content  # the date it is made on


def test_final_summary_embeds_its_fonts_and_puts_maps_on_a3_landscape(capralhaugen) -> None:
    pdf, _warnings = render(capralhaugen)
    assert_fonts_embedded(pdf)
    pages = sizes(pdf)
    a4 = tuple(round(v) for v in A4)
    a3 = tuple(round(v) for v in landscape(A3))
    assert pages[0] == a4
    assert pages.count(a3) == len(capralhaugen.journeys)
    assert set(pages) == {a4, a3}


def test_equal_input_gives_equal_bytes(capralhaugen) -> None:
    assert render(capralhaugen)[0] == render(capralhaugen)[0]


def test_session_summary_shows_that_session(capralhaugen) -> None:
    session = next(s for s in capralhaugen.sessions if s.title == "Idéutvikling")
    pdf, warnings = render(capralhaugen, session.id)
    assert warnings == []
    content = flat(text_of(pdf))
    assert "Oppsummering av arbeidssamlingen «Idéutvikling»" in content
    assert "Tidsplanen slik den ble gjennomført" in content
    assert session.blocks[1].title in content
    assert "Idéer og stemmer" in content
    assert "Brukerreise:" not in content  # the maps were made in another session
    assert "Neste samling: «Prototyping og testing»" in content
    assert set(sizes(pdf)) == {tuple(round(v) for v in A4)}


def test_markup_characters_and_unicode_print_literally(db) -> None:
    data = _new_group(db, "Ánde Čđŋšŧž <b>&amp;")
    pdf, warnings = render(data)
    assert warnings == []  # every one of these letters is in the font
    content = text_of(pdf)
    assert "Ánde Čđŋšŧž <b>&amp;" in content
    assert "Sápmi – €" in content  # en dash and euro in a location name
    assert_fonts_embedded(pdf)


def test_characters_the_font_lacks_are_named_in_one_warning(db) -> None:
    data = _new_group(db, "Kari 👍 Nordmann ❤\ufe0f\u200d🚀")
    pdf, warnings = render(data)
    (warning,) = warnings
    assert "tomme ruter" in warning and "👍" in warning and "🚀" in warning
    assert "❤" not in warning  # the heart is in the font; the emoji selector after it is dropped, not a box
    assert "Kari" in text_of(pdf) and "\ufe0f" not in text_of(pdf)


def test_a_group_with_nothing_yet_gets_a_short_honest_summary(db) -> None:
    data = _new_group(db, "Per Olsen")
    assert data.empty
    pdf, warnings = render(data)
    assert warnings == []
    content = flat(text_of(pdf))
    assert "Ledergruppen har ikke registrert arbeid i LUP Verksted ennå" in content
    assert "Per Olsen" in content
    assert "Neste steg" in content
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 3


def test_a_photos_caption_and_date_are_on_the_same_page(capralhaugen, tmp_path: Path) -> None:
    from PIL import Image

    photos = []
    for n in range(12):  # tall and wide photos and captions of every length: rows end anywhere on a page
        path = tmp_path / f"foto{n}.png"
        Image.new("RGB", (300, 200 + 90 * (n % 4)), "teal").save(path)
        caption = f"Bilde {n}: " + "flippover fra gruppearbeidet " * (n % 5)
        photos.append(
            PhotoData(uuid.uuid4(), path, caption, datetime(2017, 5, n + 1, 12, tzinfo=UTC), "group")
        )
    pdf, _warnings = render(replace(capralhaugen, photos=tuple(photos)))
    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    for n in range(12):
        day = f"{n + 1:02d}.05.2017"
        (page,) = [page for page in pages if f"Bilde {n}:" in page]
        assert day in page, n


def test_a_missing_photo_is_named_and_the_rest_is_made(capralhaugen, tmp_path: Path) -> None:
    from PIL import Image

    good = tmp_path / "vegg.png"
    Image.new("RGB", (400, 300), "orange").save(good)
    broken = tmp_path / "ødelagt.jpg"
    broken.write_bytes(b"not an image")
    added = datetime(2017, 5, 9, 12, tzinfo=UTC)
    hashed = tmp_path / "photos" / "ab" / "ab12cd34ef.jpg"  # stored by content hash, gone
    photos = (
        PhotoData(uuid.uuid4(), good, "Veggen med idéer", added, "group"),
        PhotoData(uuid.uuid4(), hashed, "Flippover fra lunsj", added, "group", original_name="IMG_2041.jpg"),
        PhotoData(uuid.uuid4(), broken, "", added, "group", original_name="ødelagt.jpg"),
        PhotoData(uuid.uuid4(), hashed, "", added, "group", original_name="IMG_2042.HEIC"),
    )
    pdf, warnings = render(replace(capralhaugen, photos=photos))
    assert len(warnings) == 3
    assert "Flippover fra lunsj (IMG_2041.jpg)" in warnings[0] and "mangler" in warnings[0]
    assert "ødelagt.jpg" in warnings[1] and "kan ikke leses" in warnings[1]
    assert "IMG_2042.HEIC" in warnings[2] and "09.05.2017" in warnings[2]
    assert len(set(warnings)) == 3  # each names its own photo
    content = flat(text_of(pdf))
    assert "Bilder" in content and "Veggen med idéer" in content
    assert "Bildet mangler: «Flippover fra lunsj (IMG_2041.jpg)»" in content
    assert "Bildet mangler: «IMG_2042.HEIC»" in content
    for leak in (str(tmp_path), "ab12cd34ef"):  # never where it is stored
        assert leak not in content and leak not in flat(" ".join(warnings))
    assert "Prototyper og læring" in content  # the rest is there
    images = sum(
        1
        for page in PdfReader(io.BytesIO(pdf)).pages
        for x in (page["/Resources"].get("/XObject") or {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    )
    assert images == 1


def image_count(pdf: bytes) -> int:
    return sum(
        1
        for page in PdfReader(io.BytesIO(pdf)).pages
        for x in (page["/Resources"].get("/XObject") or {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    )


def test_the_persona_stands_above_its_map_with_picture_needs_goals_and_frustrations(
    capralhaugen, tmp_path: Path
) -> None:
    from PIL import Image

    first = capralhaugen.journeys[0]
    persona = first.journey.persona
    assert persona.needs and persona.goals and persona.frustrations  # the demo's persona has them all
    picture = tmp_path / "portrett.jpg"
    Image.new("RGB", (300, 400), "teal").save(picture)
    with_picture = replace(capralhaugen, journeys=(replace(first, persona_picture=picture),))
    pdf, warnings = render(with_picture)
    assert warnings == []
    last = flat(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text())
    for part in ("Behov", "Mål", "Frustrasjoner", persona.name, flat(persona.needs)[:40]):
        assert part in last
    assert image_count(pdf) == 1

    gone = replace(first, journey=replace(first.journey, persona=replace(persona, photo="ab" * 32)))
    _pdf, warnings = render(replace(capralhaugen, journeys=(gone,)))  # stored once, its file since lost
    assert warnings == [f"Bildet av personaen i «{first.title}» ble ikke tatt med: filen mangler."]

    broken = tmp_path / "ødelagt.jpg"
    broken.write_bytes(b"ikke et bilde")
    pdf, warnings = render(replace(capralhaugen, journeys=(replace(first, persona_picture=broken),)))
    (warning,) = warnings
    assert first.title in warning and "personaen" in warning
    assert image_count(pdf) == 0 and "Behov" in flat(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text())


def _new_group(db, participant: str):
    from desktop.domain.enums import SessionKind
    from desktop.services import cohorts, groups, register

    programme = cohorts.ensure_programme(db)
    sector = register.ensure_sector(db, "Skole")
    location = register.create_service_location(db, "Sápmi – € skole", sector)
    cohort = cohorts.create_cohort(db, programme, "LUP 8", date(2019, 3, 1), date(2019, 8, 31))
    cohorts.plan_session(
        db, cohort, SessionKind.OPENING, "Oppstartsamling", date(2019, 3, 5), time(9), time(15), "Dønski"
    )
    group = groups.add_leader_group(db, cohort, location)
    groups.add_participant(db, group, participant)
    return reports.group_report(db, group, today=date(2019, 3, 1))


def test_dots_counted_off_the_wall_are_said_under_the_votes(capralhaugen) -> None:
    board = capralhaugen.board
    pdf, _warnings = render(replace(capralhaugen, board=replace(board, counted=14)))
    content = flat(text_of(pdf))
    assert "14 prikker er talt fra lappene på veggen" in content
    assert f"{board.total_votes - 14} prikker er gitt" in content  # the participants' own
    pdf, _warnings = render(replace(capralhaugen, board=replace(board, voters=0, counted=board.total_votes)))
    content = flat(text_of(pdf))
    assert "deltakere hadde" not in content  # nobody voted in the app: only what was counted
    assert f"{board.total_votes} prikker er talt fra lappene på veggen" in content
    pdf, _warnings = render(capralhaugen)
    assert "talt fra lappene" not in flat(text_of(pdf))


def test_an_initiative_period_says_what_is_known() -> None:
    from desktop.reports.group_summary import _period

    assert _period(date(2019, 4, 15), date(2020, 6, 30)) == "15.04.2019 – 30.06.2020"
    assert _period(date(2019, 4, 15), None) == "fra 15.04.2019"
    assert _period(None, date(2020, 6, 30)) == "til 30.06.2020"
    assert _period(None, None) == "–"


def test_the_cover_counts_one_in_the_singular(capralhaugen) -> None:
    """«40 deltakere · 1 brukerreiser»: one of anything was named in the plural."""
    from dataclasses import replace

    one = replace(
        capralhaugen, journeys=capralhaugen.journeys[:1], participants=capralhaugen.participants[:1]
    )
    cover = flat(PdfReader(io.BytesIO(render(one)[0])).pages[0].extract_text())
    assert "deltaker brukerreise idéer prototyper" in cover  # the labels under the figures 1, 1, 6, 2
    many = flat(PdfReader(io.BytesIO(render(capralhaugen)[0])).pages[0].extract_text())
    assert "deltakere brukerreiser idéer prototyper" in many


@pytest.mark.parametrize("lead", range(0, 400, 120))
def test_an_initiatives_heading_and_facts_stay_on_one_page(capralhaugen, lead: int) -> None:
    """A short initiative's heading and facts were split across pages, four lines left on one of them."""
    first = capralhaugen.initiatives[0]
    padded = replace(first, description=" ".join(["Beskrivelse"] * (lead + 1)), benefits=())
    short = tuple(
        replace(
            first,
            id=uuid.uuid4(),
            title=f"Kort tiltak {n:02d}",
            need=f"Behov for tiltak {n:02d} som tar en linje",
            description=f"Beskrivelse av tiltak {n}, " * 6,
            next_step=f"Neste steg for tiltak {n:02d}",
            benefits=(),
        )
        for n in range(1, 13)
    )
    pdf, _w = render(replace(capralhaugen, initiatives=(padded, *short)))
    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    for n in range(1, 13):
        (page,) = [page for page in pages if f"Behov for tiltak {n:02d}" in page]  # its facts begin here
        assert f"Kort tiltak {n:02d}" in page and f"Neste steg for tiltak {n:02d}" in page, n


def test_an_initiative_longer_than_a_page_starts_where_it_is(capralhaugen) -> None:
    first = replace(capralhaugen.initiatives[0], need="Behov for det korte tiltaket", benefits=())
    long = replace(first, id=uuid.uuid4(), title="Langt tiltak", description="Mange ord her. " * 900)
    pdf, _w = render(replace(capralhaugen, initiatives=(first, long)))
    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    (page,) = [page for page in pages if "Behov for det korte tiltaket" in page]
    assert "Langt tiltak Behov" in page  # not pushed to a new page, leaving this one half empty


def test_a_map_taller_than_a_page_continues_in_readable_type(capralhaugen) -> None:
    """A map too big for one A3 page went on over three pages in 5.5 pt."""
    from desktop.domain import journey as jm
    from desktop.reports.group_summary import LANDSCAPE, MapGrid, _step_chunks
    from desktop.reports.layout import frame_size

    journey = capralhaugen.journeys[0].journey
    for lane in journey.lanes:
        for step in journey.steps:
            for n in range(6):
                journey = jm.add_card(
                    journey, lane.id, step.id, f"Kort {n} med litt tekst om hva som skjer her"
                )
    width, height = frame_size(LANDSCAPE)
    grid = MapGrid(journey, _step_chunks(journey, width)[0], width)
    assert grid.wrap(width, height)[1] > height  # even the smallest type does not fit one page
    parts = grid.split(width, height)
    assert len(parts) == 2 and all(p.fixed_size == MapGrid.SPLIT_SIZE for p in parts)
    assert parts[0].wrap(width, height)[1] <= height
    small = MapGrid(capralhaugen.journeys[0].journey, (0, 3), width)
    assert small.wrap(width, height)[1] <= height and small.split(width, height / 10) == []  # next page
