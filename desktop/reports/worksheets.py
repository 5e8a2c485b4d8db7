"""Printable worksheets generated from a workshop kit's definitions: blank, or pre-filled from a group's work.

One builder per kind of sheet, chosen by the worksheet's id in the kit (``kind_of``: the LUP kit's ids;
any other id gets the generic sheet):

- journey map: the kit template's stages across and lanes down as a printed grid with big empty cells, an
  emotion band −2…+2, and boxes for the map's name and the persona. Blank: one page per journey template of
  the kit; pre-filled (``JourneySheet``): a group's map with its steps, cards and emotion curve.
- prototype card: behov – løsning – test, with whom / where / when, success criteria, result, learning and
  the decision (continue, adjust, stop) as tick boxes; the kit's prototype kinds to tick. Pre-filled:
  ``PrototypeSheet``.
- idea cards: four cards per A4 to cut out, «Hvordan kan vi …?» at the top, and a brainwriting sheet.
- benefit plan (gevinstrealiseringsplan): one row per gain. Pre-filled: ``BenefitSheet``.
- time-plan handout for participants: the session's blocks with computed start times and the day's goals,
  never the facilitator notes. Blank: every session template of the kit, one page each; pre-filled:
  ``HandoutSheet`` for a session.
- run sheet for the facilitators (kjøreplan): every block with its times and minutes, method, materials,
  the text for the wall and the facilitator notes. Blank: every session template of the kit; pre-filled:
  ``RunSheet`` for a session.
- pitch template: the sheet's instructions, a box for a quote or story from the test, and one box for each
  of the pitch's five parts.
- any other worksheet: its title, its instructions for the participants (the kit's ``instructions``, else
  its description) and writing space.

Every sheet uses the kit's paper and orientation, 15 mm margins (``layout.MARGIN``, the page template of
``layout.build``) and the embedded font family; ``build_worksheet_set`` puts several sheets into one PDF.
The drawing is done with the ReportLab canvas inside flowables. Data comes in as plain values (the
dataclasses below; ``desktop.services.worksheet_data`` gathers them from the database).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain import timeplan as tp
from desktop.domain.benefits import GainType
from desktop.domain.journey import LaneKind, lane_kind_for
from desktop.domain.kit import BlockCategory, JourneyTemplate, Kit, Orientation, PaperSize, Worksheet
from desktop.domain.prototypes import Decision
from desktop.domain.rules import format_date, format_number
from desktop.errors import LupError
from desktop.i18n import _
from desktop.reports import fonts, layout
from desktop.reports.layout import ACCENT, INK, MUTED, RULE, SHADE, Meta, frame_size, para, styles, text
from desktop.reports.matrix import matrix_drawing

LINE = colors.HexColor("#8a949e")  # printed lines: visible on any printer, light enough to write over
WRITE = colors.HexColor("#d5dbe1")  # writing guide lines
CARD_INNER = 1.5 * mm  # a cell's margin around its cards
CARD_PAD, CARD_GAP = 2 * mm, 1 * mm  # a card is its text's height and CARD_PAD; CARD_GAP between cards
CARD_FILL = {
    "yellow": colors.HexColor("#fff3b0"),
    "pink": colors.HexColor("#fbd5e2"),
    "green": colors.HexColor("#d5f0d5"),
    "blue": colors.HexColor("#d4e6f7"),
    "orange": colors.HexColor("#fde1c2"),
    "white": colors.white,
}

JOURNEY, PROTOTYPE, IDEAS, MATRIX, BENEFITS, TIMEPLAN, RUNSHEET, PITCH, GENERIC = (
    "journey",
    "prototype",
    "ideas",
    "matrix",
    "benefits",
    "timeplan",
    "runsheet",
    "pitch",
    "generic",
)
# The worksheets with a builder of their own, by their id in the LUP kit; every other id is a generic sheet.
KINDS = {
    "brukerreise-a3": JOURNEY,
    "prototypekort": PROTOTYPE,
    "idekort": IDEAS,
    "effekt-innsats-a3": MATRIX,
    "gevinstplan": BENEFITS,
    "tidsplan-deltaker": TIMEPLAN,
    "kjoreplan-veileder": RUNSHEET,
    "pitch-mal": PITCH,
}


# --- the data of a pre-filled sheet, as plain values ---------------------------------------------------


@dataclass(frozen=True)
class JourneyColumn:
    stage: str
    step: str
    emotion: int | None = None  # −2 … +2


@dataclass(frozen=True)
class JourneyCardText:
    text: str
    colour: str = "yellow"


@dataclass(frozen=True)
class JourneyRow:
    title: str
    feelings: bool = False  # the lane where the emotion curve is drawn
    cells: tuple[tuple[JourneyCardText, ...], ...] = ()  # one per column


@dataclass(frozen=True)
class JourneySheet:
    title: str
    group: str = ""
    kind: str = ""  # "Nåsituasjon" / "Framtidig situasjon"
    persona_name: str = ""
    persona_role: str = ""
    persona_text: str = ""  # needs, goals, frustrations, quote
    columns: tuple[JourneyColumn, ...] = ()
    rows: tuple[JourneyRow, ...] = ()


@dataclass(frozen=True)
class PrototypeSheet:
    title: str
    group: str = ""
    idea: str = ""
    card: str = ""  # the kind of prototype (a kit card's title)
    round: int = 1
    tested_on: date | None = None
    need: str = ""
    solution: str = ""
    assumption: str = ""
    with_whom: str = ""
    place: str = ""
    timing: str = ""
    success_criteria: str = ""
    result: str = ""
    learning: str = ""
    decision: str | None = None  # a Decision value


@dataclass(frozen=True)
class BenefitMeasure:
    on: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class BenefitRow:
    gain_type: str  # a GainType value
    title: str
    indicator: str = ""
    unit: str = ""
    baseline: float | None = None
    baseline_date: date | None = None
    target: float | None = None
    target_date: date | None = None
    owner: str = ""
    preconditions: str = ""
    measurements: tuple[BenefitMeasure, ...] = ()


@dataclass(frozen=True)
class BenefitSheet:
    initiative: str
    group: str = ""
    need: str = ""
    owner: str = ""
    benefits: tuple[BenefitRow, ...] = ()


@dataclass(frozen=True)
class HandoutBlock:
    start: str  # "HH:MM"
    end: str
    title: str
    category: str = BlockCategory.EXERCISE.value


@dataclass(frozen=True)
class HandoutSheet:
    title: str  # the session's title
    day: date | None = None
    place: str = ""
    goals: tuple[str, ...] = ()
    blocks: tuple[HandoutBlock, ...] = ()
    group: str = ""


@dataclass(frozen=True)
class RunBlock:
    start: str  # "HH:MM"
    end: str
    minutes: int
    title: str
    category: str = BlockCategory.EXERCISE.value
    method: str = ""  # the method card's title
    materials: tuple[str, ...] = ()
    notes: str = ""  # for the facilitators
    wall: str = ""  # the text the room sees
    pinned: bool = False  # a fixed start time (lunch at 11:30)


@dataclass(frozen=True)
class RunSheet:
    title: str  # the session's title
    day: date | None = None
    place: str = ""
    facilitators: tuple[str, ...] = ()
    blocks: tuple[RunBlock, ...] = ()
    room_setup: str = ""


@dataclass(frozen=True)
class IdeaCardsSheet:
    question: str = ""  # the «Hvordan kan vi …?» question, printed on every card
    group: str = ""


# --- public API -----------------------------------------------------------------------------------------


def kind_of(sheet: Worksheet) -> str:
    """Which builder makes ``sheet``: its whole id among ``KINDS``, else the generic sheet."""
    return KINDS.get(sheet.id, GENERIC)


def page_size(sheet: Worksheet) -> tuple[float, float]:
    size = A3 if sheet.paper == PaperSize.A3 else A4
    return landscape(size) if sheet.orientation == Orientation.LANDSCAPE else portrait(size)


def worksheet(kit: Kit, worksheet_id: str) -> Worksheet:
    for sheet in kit.worksheets:
        if sheet.id == worksheet_id:
            return sheet
    raise LupError(
        _("Arbeidspakken «{kit}» har ikke noe arbeidsark som heter «{id}».").format(
            kit=kit.id, id=worksheet_id
        )
    )


def build_worksheet(
    kit: Kit, worksheet_id: str, out: str | Path | IO[bytes], data: object = None
) -> list[str]:
    """Write the worksheet ``worksheet_id`` of ``kit`` as a PDF to ``out`` (a path or a binary file): blank,
    or pre-filled from ``data`` (a ``JourneySheet``, ``JourneyTemplate``, ``PrototypeSheet``,
    ``IdeaCardsSheet``, ``BenefitSheet`` or ``HandoutSheet`` as fits the sheet). Returns warnings (text that
    did not fit and was left out)."""
    sheet = worksheet(kit, worksheet_id)
    warnings: list[str] = []
    with layout.unprintable_noted(warnings):
        story = _story(kit, sheet, data, warnings)
        meta = _meta(kit, sheet, data)

        def make(handle: IO[bytes]) -> None:
            layout.build(handle, story, meta, sizes={"sheet": page_size(sheet)})

        if isinstance(out, str | Path):
            layout.write_pdf(out, make)
        else:
            make(out)
    return warnings


def build_worksheet_set(
    kit: Kit, sections: Sequence[tuple[Worksheet, object]], out: str | Path | IO[bytes]
) -> tuple[list[str], list[tuple[float, float]]]:
    """The ``(worksheet, data)`` pairs of ``kit`` as one PDF into ``out`` (a binary file or a path): each
    sheet on its own page template (its paper, orientation and running head; the group in the footer).
    Returns the warnings (prefixed with the group where there is one) and every page's size in points, in
    order."""
    if not sections:
        raise ValueError("no worksheets to build")
    unprintable: list[str] = []
    with layout.unprintable_noted(unprintable):
        warnings, pages = _build_worksheet_set(kit, sections, out)
    return warnings + unprintable, pages


def _build_worksheet_set(
    kit: Kit, sections: Sequence[tuple[Worksheet, object]], out: str | Path | IO[bytes]
) -> tuple[list[str], list[tuple[float, float]]]:
    story: list[Flowable] = []
    sizes: dict[str, tuple[float, float]] = {}
    heads: dict[str, Meta] = {}
    per_section: list[tuple[str, list[str]]] = []
    for index, (sheet, data) in enumerate(sections):
        name = f"sheet{index}"
        sizes[name] = page_size(sheet)
        heads[name] = _meta(kit, sheet, data)
        if index:
            story += [NextPageTemplate(name), PageBreak()]
        found: list[str] = []  # filled as the story is built and as it is drawn
        story += _story(kit, sheet, data, found)
        per_section.append((getattr(data, "group", "") or "", found))

    def make(handle: IO[bytes]) -> list[tuple[float, float]]:
        return layout.build(handle, story, Meta(_("Arbeidsark"), kit.name), sizes=sizes, heads=heads)

    if isinstance(out, str | Path):
        drawn: list[list[tuple[float, float]]] = []
        layout.write_pdf(out, lambda handle: drawn.append(make(handle)))
        pages = drawn[0]
    else:
        pages = make(out)
    warnings: list[str] = []
    for group, found in per_section:
        for w in found:
            line = f"{group}: {w}" if group else w
            if line not in warnings:
                warnings.append(line)
    return warnings, pages


def _meta(kit: Kit, sheet: Worksheet, data: object) -> Meta:
    group = getattr(data, "group", "") or ""
    return Meta(
        title=_("Arbeidsark: {title}").format(title=sheet.title),
        footer=" · ".join(part for part in (group, kit.name) if part),
        subject=sheet.description,
    )


def build_all(kit: Kit, folder: str | Path) -> list[Path]:
    """Every worksheet of ``kit``, blank, as ``<folder>/<id>.pdf``; returns the files written."""
    folder = Path(folder).expanduser()
    written = []
    for sheet in kit.worksheets:
        target = folder / f"{sheet.id}.pdf"
        build_worksheet(kit, sheet.id, target)
        written.append(target)
    return written


# --- document ---------------------------------------------------------------------------------------------


def _story(kit: Kit, sheet: Worksheet, data: object, warnings: list[str]) -> list[Flowable]:
    kind = kind_of(sheet)
    if kind == JOURNEY:
        if isinstance(data, JourneySheet):
            return _journey_pages(sheet, [_journey_from_sheet(data)], warnings)
        templates = [data] if isinstance(data, JourneyTemplate) else list(kit.journeys)
        _expect(data, (JourneyTemplate,), sheet)
        if not templates:
            return _journey_pages(sheet, [_journey_blank(sheet.title, (), ())], warnings)
        return _journey_pages(sheet, [_journey_from_template(t) for t in templates], warnings)
    if kind == PROTOTYPE:
        _expect(data, (PrototypeSheet,), sheet)
        return _prototype_card(kit, sheet, data, warnings)
    if kind == IDEAS:
        _expect(data, (IdeaCardsSheet,), sheet)
        return _idea_cards(sheet, data or IdeaCardsSheet())
    if kind == MATRIX:
        return _matrix_sheet(sheet, data)
    if kind == BENEFITS:
        _expect(data, (BenefitSheet,), sheet)
        return _benefit_plan(sheet, data, warnings)
    if kind == TIMEPLAN:
        _expect(data, (HandoutSheet,), sheet)
        handouts = [data] if data is not None else _handouts_of_kit(kit)
        return _handout(sheet, handouts)
    if kind == RUNSHEET:
        _expect(data, (RunSheet,), sheet)
        return _run_sheet(sheet, [data] if data is not None else _run_sheets_of_kit(kit))
    if kind == PITCH:
        return _pitch_sheet(sheet, data)
    return _generic(sheet, data)


def _expect(data: object, kinds: tuple[type, ...], sheet: Worksheet) -> None:
    if data is not None and not isinstance(data, kinds):
        raise TypeError(f"worksheet {sheet.id!r} cannot be filled from {type(data).__name__}")


# --- small drawing helpers -------------------------------------------------------------------------------


class _Drawing(Flowable):
    """Canvas drawing as a flowable: ``draw(canvas, width, height)``; with no fixed height it takes what is
    left of the frame (at least ``minimum``)."""

    def __init__(self, draw: Callable, height: float | None = None, minimum: float = 0) -> None:
        super().__init__()
        self._draw = draw
        self._height = height
        self._minimum = minimum

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self._height if self._height is not None else max(available_height - 1, self._minimum)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(fonts.FAMILY, 9)
        self._draw(canvas, self.width, self.height)
        canvas.restoreState()


def _style(name: str, **changes) -> ParagraphStyle:
    return ParagraphStyle(f"ws-{name}", parent=styles()[name if name in styles() else "body"], **changes)


def _write(
    canvas,
    value: str,
    x: float,
    top: float,
    width: float,
    height: float,
    style: ParagraphStyle,
) -> tuple[float, bool]:
    """Draw a wrapped paragraph with its top at ``top`` inside ``width`` × ``height``; smaller type if it
    does not fit, and what still does not fit is cut after the last word that does, marked "…" (one line
    when not even that has room). Returns the height used and whether all fitted."""
    source = text(value)
    for scale in (1.0, 0.85, 0.72):
        fitted = ParagraphStyle(
            "fit", parent=style, fontSize=style.fontSize * scale, leading=style.leading * scale
        )
        paragraph = Paragraph(source, fitted)
        _w, used = paragraph.wrap(width, height)
        if used <= height:
            paragraph.drawOn(canvas, x, top - used)
            return used, True
    # Cut after the last word that fits (else inside a word too long for a line), marked "…", the line
    # breaks kept.
    whole = value.strip()

    def shortened(end: int) -> Paragraph:
        return Paragraph(text(whole[:end].rstrip() + "…"), fitted)

    def fits(end: int) -> bool:
        return shortened(end).wrap(width, height)[1] <= height

    words = [m.start() for m in re.finditer(r"\s+", whole)]
    end = layout.longest_prefix(words, fits) or layout.longest_prefix(range(1, len(whole)), fits)
    if end:
        paragraph = shortened(end)
        _w, used = paragraph.wrap(width, height)
        paragraph.drawOn(canvas, x, top - used)
        return used, False
    # Not one line's height: one line, shortened.
    line = layout.fit_text(" ".join(whole.split()), fitted.fontName, fitted.fontSize, width)
    canvas.setFont(fitted.fontName, fitted.fontSize)
    canvas.setFillColor(fitted.textColor)
    canvas.drawString(x, top - fitted.fontSize, line)
    return min(height, fitted.leading), False


def _label(
    canvas, value: str, x: float, y: float, size: float = 8.5, colour=MUTED, bold: bool = True
) -> None:
    canvas.setFont(fonts.BOLD if bold else fonts.FAMILY, size)
    canvas.setFillColor(colour)
    canvas.drawString(x, y, value)


def _box(canvas, x: float, y: float, width: float, height: float, fill=None, stroke=LINE, line=0.7) -> None:
    canvas.setStrokeColor(stroke)
    canvas.setLineWidth(line)
    if fill is not None:
        canvas.setFillColor(fill)
    canvas.roundRect(x, y, width, height, 2 * mm, stroke=1, fill=1 if fill is not None else 0)


def _guide_lines(canvas, x: float, y: float, width: float, height: float, spacing: float = 9 * mm) -> None:
    """Light writing lines from the bottom of a box up (``height`` tall)."""
    canvas.setStrokeColor(WRITE)
    canvas.setLineWidth(0.5)
    line = y + spacing * 0.7
    while line < y + height - 2 * mm:
        canvas.line(x, line, x + width, line)
        line += spacing


def _tick(
    canvas,
    x: float,
    y: float,
    label: str,
    checked: bool = False,
    size: float = 3.6 * mm,
    font_size: float = 9.5,
    room: float | None = None,
) -> float:
    """A tick box with its label at baseline ``y`` (smaller type if it must fit ``room``); returns the width
    used."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y - 0.6 * mm, size, size, stroke=1, fill=0)
    if checked:
        canvas.setLineWidth(1.4)
        canvas.line(x + 0.6 * mm, y + size * 0.4, x + size * 0.4, y)
        canvas.line(x + size * 0.4, y, x + size + 0.6 * mm, y + size + 0.4 * mm)
    if room is not None:  # smaller type down to 7 pt, then shortened with "…"
        space = room - size - 3 * mm
        while font_size > 7 and canvas.stringWidth(label, fonts.FAMILY, font_size) > space:
            font_size -= 0.5
        label = layout.fit_text(label, fonts.FAMILY, font_size, space)
    canvas.setFont(fonts.FAMILY, font_size)
    canvas.setFillColor(INK)
    canvas.drawString(x + size + 1.8 * mm, y, label)
    return size + 1.8 * mm + canvas.stringWidth(label, fonts.FAMILY, font_size) + 6 * mm


def _field_box(
    canvas,
    x: float,
    y: float,
    width: float,
    height: float,
    label: str,
    value: str = "",
    hint: str = "",
    lines: bool = True,
    style: ParagraphStyle | None = None,
) -> bool:
    """A labelled box to write in (or holding ``value``); returns whether the value fitted."""
    _box(canvas, x, y, width, height)
    inner = 3 * mm
    _label(canvas, label, x + inner, y + height - inner - 2.6 * mm, size=9.5, colour=ACCENT)
    top = y + height - inner - 5 * mm
    if hint:
        canvas.setFont(fonts.ITALIC, 7.5)
        canvas.setFillColor(MUTED)
        label_width = canvas.stringWidth(label, fonts.BOLD, 9.5)
        canvas.drawString(x + inner + label_width + 2 * mm, y + height - inner - 2.6 * mm, hint)
    if value.strip():
        _used, fitted = _write(
            canvas, value, x + inner, top - 1 * mm, width - 2 * inner, top - y - inner, style or _cell_style()
        )
        return fitted
    if lines:
        _guide_lines(canvas, x + inner, y + 1 * mm, width - 2 * inner, top - y - 2 * mm)
    return True


def _cell_style() -> ParagraphStyle:
    return _style("body", fontSize=10, leading=13, spaceAfter=0)


def _heading(title: str, subtitle: str = "") -> list[Flowable]:
    result: list[Flowable] = [para(title, _style("title", fontSize=20, leading=24, spaceAfter=2))]
    if subtitle:
        result.append(para(subtitle, _style("muted", fontSize=9.5, leading=12.5, spaceAfter=6)))
    return result


def _fields(
    pairs: Sequence[tuple[str, str]],
    weights: Sequence[float] | None = None,
    cut: Callable[[str], None] | None = None,
) -> Flowable:
    """A row of labelled lines to fill in (``Ledergruppe ____  Dato ____``), values written on them;
    ``cut`` is told the label of each value that did not fit on its line."""
    weights = list(weights or [1] * len(pairs))

    def draw(canvas, width: float, height: float) -> None:
        gap = 6 * mm
        usable = width - gap * (len(pairs) - 1)
        x = 0.0
        for (label, value), weight in zip(pairs, weights, strict=True):
            w = usable * weight / sum(weights)
            _label(canvas, label, x, height - 3 * mm, size=8, colour=MUTED, bold=False)
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.7)
            canvas.line(x, 1 * mm, x + w, 1 * mm)
            if value:
                _used, fitted = _write(
                    canvas, value, x, height - 4.2 * mm, w, 6 * mm, _style("body", fontSize=10.5, leading=13)
                )
                if not fitted and cut is not None:
                    cut(label)
            x += w + gap

    return _drawing_with_space(draw, 11 * mm)


def _drawing_with_space(draw: Callable, height: float, after: float = 4 * mm) -> Flowable:
    return KeepTogether([_Drawing(draw, height), Spacer(1, after)])


def _number(value: float | None) -> str:
    """A number the Norwegian way, as the app shows it: 1 234,5; nothing for none."""
    return "" if value is None else format_number(value)


def _date(value: date | None) -> str:
    return format_date(value) if value else ""


# --- journey map --------------------------------------------------------------------------------------------


def _journey_from_template(template: JourneyTemplate) -> tuple[JourneySheet, str]:
    rows = tuple(
        JourneyRow(lane.title, lane_kind_for(lane.id) == LaneKind.FEELINGS) for lane in template.lanes
    )
    return _journey_blank(template.title, template.stages, rows), template.description


def _journey_blank(title: str, stages: Sequence[str], rows: Sequence[JourneyRow]) -> JourneySheet:
    columns = tuple(JourneyColumn(stage, stage) for stage in stages)
    if not any(row.feelings for row in rows):
        rows = (*rows, JourneyRow(_("Følelser (−2 til +2)"), True))
    return JourneySheet(title, columns=columns, rows=tuple(rows))


def _journey_from_sheet(data: JourneySheet) -> tuple[JourneySheet, str]:
    if not any(row.feelings for row in data.rows):
        data = JourneySheet(
            **{**data.__dict__, "rows": (*data.rows, JourneyRow(_("Følelser (−2 til +2)"), True))}
        )
    return data, ""


def _journey_pages(
    sheet: Worksheet, maps: Sequence[tuple[JourneySheet, str]], warnings: list[str]
) -> list[Flowable]:
    story: list[Flowable] = []
    for index, (journey, about) in enumerate(maps):
        if index:
            story.append(PageBreak())
        blank = not journey.group and not any(any(row.cells) for row in journey.rows)
        subtitle = about if blank else ""
        story += _heading(sheet.title + " – " + journey.title if blank else journey.title, subtitle)
        story.append(_Drawing(lambda c, w, h, j=journey, b=blank: _draw_journey(c, w, h, j, b, warnings)))
    return story


def _draw_journey(
    canvas, width: float, height: float, j: JourneySheet, blank: bool, warnings: list[str]
) -> None:
    # Boxes along the top: the map, the persona, the group and date.
    top_height = 24 * mm
    y = height - top_height
    gap = 4 * mm
    widths = (0.28, 0.52, 0.20)
    usable = width - 2 * gap
    x = 0.0
    persona = ", ".join(part for part in (j.persona_name, j.persona_role) if part)
    if j.persona_text:
        persona = f"{persona}\n{j.persona_text}" if persona else j.persona_text
    boxes = (
        (_("Navn på reisen"), "" if blank else "\n".join(p for p in (j.title, j.kind) if p), ""),
        (
            _("Persona – hvem følger vi?"),
            persona,
            _("navn, alder, livssituasjon, hva er viktig for henne/ham"),
        ),
        (_("Ledergruppe og dato"), j.group, ""),
    )
    small = _style("body", fontSize=9, leading=11.5)
    for share, (label, value, hint) in zip(widths, boxes, strict=True):
        w = usable * share
        if not _field_box(canvas, x, y, w, top_height, label, value, hint, lines=False, style=small):
            warnings.append(_("Brukerreise: teksten i «{box}» fikk ikke plass.").format(box=label))
        x += w + gap

    # The grid: a label column, then one column per step.
    grid_top = y - 5 * mm
    columns = j.columns or (JourneyColumn("", ""),)
    label_width = 40 * mm
    column_width = (width - label_width) / len(columns)
    multi_step = any(c.step != c.stage for c in columns)
    stage_height = 12 * mm
    step_height = 8 * mm if multi_step else 0
    header = stage_height + step_height
    rows = j.rows
    # The feelings lane is taller: its scale and curve, and above them the cards written in it.
    weights = [(1.9 if any(row.cells) else 1.35) if row.feelings else 1.0 for row in rows]
    body = grid_top - header
    card_style = _style("cell", fontSize=7.5, leading=9)
    row_heights = _lane_heights(rows, weights, body, column_width, card_style)

    # Stage headings (a stage spans its steps).
    canvas.setFillColor(SHADE)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.7)
    head_style = _style("head", fontSize=10, leading=12, alignment=1)
    start = 0
    for index in range(1, len(columns) + 1):
        if index == len(columns) or columns[index].stage != columns[start].stage:
            x0 = label_width + start * column_width
            span = (index - start) * column_width
            canvas.setFillColor(SHADE)
            canvas.rect(x0, grid_top - stage_height, span, stage_height, stroke=1, fill=1)
            _centre(
                canvas, columns[start].stage, x0 + 1.5 * mm, grid_top, span - 3 * mm, stage_height, head_style
            )
            start = index
    if multi_step:
        step_style = _style("cell", fontSize=8, leading=9.5, alignment=1)
        for index, column in enumerate(columns):
            x0 = label_width + index * column_width
            canvas.setFillColor(colors.white)
            canvas.rect(x0, grid_top - header, column_width, step_height, stroke=1, fill=1)
            _centre(
                canvas,
                column.step,
                x0 + 1 * mm,
                grid_top - stage_height,
                column_width - 2 * mm,
                step_height,
                step_style,
            )

    # Lanes.
    lane_style = _style("head", fontSize=9.5, leading=12)
    row_top = grid_top - header
    for row, row_height in zip(rows, row_heights, strict=True):
        bottom = row_top - row_height
        canvas.setFillColor(SHADE)
        canvas.setStrokeColor(LINE)
        canvas.rect(0, bottom, label_width, row_height, stroke=1, fill=1)
        _write(
            canvas, row.title, 2 * mm, row_top - 2 * mm, label_width - 4 * mm, row_height - 4 * mm, lane_style
        )
        for index in range(len(columns)):
            canvas.setStrokeColor(LINE)
            canvas.rect(
                label_width + index * column_width, bottom, column_width, row_height, stroke=1, fill=0
            )
        # In the feelings lane, its cards keep to the top (as much room as they need, up to half the lane)
        # and the scale with the curve takes the rest.
        card_room = row_height
        band = row_height
        if row.feelings and any(row.cells):
            needed = max(_stack_height(cards, column_width, card_style) for cards in row.cells)
            card_room = min(needed, row_height / 2)
            band = row_height - card_room
        if row.feelings:
            _emotion_band(canvas, label_width, bottom, column_width, band, columns, curve=False)
        for index, cards in enumerate(row.cells[: len(columns)]):
            if cards:
                left_out = _cards(
                    canvas,
                    cards,
                    label_width + index * column_width,
                    row_top - card_room,
                    column_width,
                    card_room,
                    card_style,
                )
                if left_out:
                    warnings.append(
                        _("Brukerreise: {n} kort i «{lane}» / «{step}» fikk ikke plass på arket.").format(
                            n=left_out, lane=row.title, step=columns[index].step
                        )
                    )
        if row.feelings:  # the curve last, over the lines
            _emotion_band(canvas, label_width, bottom, column_width, band, columns, lines=False)
        row_top = bottom
    # A firmer outline around the grid.
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1)
    canvas.rect(0, row_top, width, grid_top - row_top, stroke=1, fill=0)


def _centre(
    canvas, value: str, x: float, top: float, width: float, height: float, style: ParagraphStyle
) -> None:
    paragraph = para(value, style)
    _w, used = paragraph.wrap(width, height)
    if used > height:
        _write(canvas, value, x, top - 1 * mm, width, height - 1 * mm, style)
        return
    paragraph.drawOn(canvas, x, top - (height + used) / 2)


def _emotion_band(
    canvas,
    x0: float,
    bottom: float,
    column_width: float,
    height: float,
    columns,
    lines: bool = True,
    curve: bool = True,
) -> None:
    """Guide lines for −2 … +2 across the lane, labelled at the left; the curve where emotions are set."""
    margin = 4 * mm
    span = height - 2 * margin

    def level(value: int) -> float:
        return bottom + margin + span * (value + 2) / 4

    right = x0 + column_width * len(columns)
    canvas.setFont(fonts.BOLD, 8)
    for value in range(-2, 3) if lines else ():
        y = level(value)
        canvas.setStrokeColor(MUTED if value == 0 else WRITE)
        canvas.setLineWidth(0.8 if value == 0 else 0.5)
        if value != 0:
            canvas.setDash(2, 2)
        canvas.line(x0 + 7 * mm, y, right - 1 * mm, y)
        canvas.setDash()
        canvas.setFillColor(MUTED)
        canvas.drawRightString(x0 + 5.5 * mm, y - 1 * mm, f"{value:+d}".replace("-", "−") if value else "0")
    points = [
        (x0 + (index + 0.5) * column_width, level(column.emotion))
        for index, column in enumerate(columns)
        if column.emotion is not None
    ]
    if points and curve:
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.6)
        path = canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setFillColor(ACCENT)
        for px, py in points:
            canvas.circle(px, py, 1.6 * mm, stroke=0, fill=1)


def _lane_heights(rows, weights: list[float], body: float, column_width: float, style) -> list[float]:
    """The lanes' heights in ``body``: by ``weights`` on a blank sheet; on a filled one, a lane whose cards
    need more room takes it from lanes with room to spare (each keeps at least 55 % of its share, room to
    write by hand), so a full lane's cards are not left off while an empty one stays empty."""
    if not rows:
        return []
    share = [body * w / sum(weights) for w in weights]
    need = [
        0.0
        if row.feelings
        else max((_stack_height(c, column_width, style) for c in row.cells if c), default=0.0)
        for row in rows
    ]
    if not any(need):
        return share
    floor = [s * (1.0 if row.feelings else 0.55) for s, row in zip(share, rows, strict=True)]
    wanted = [max(f, n) for f, n in zip(floor, need, strict=True)]
    if sum(wanted) <= body:  # every lane gets what it needs; the rest as the weights share it
        spare = body - sum(wanted)
        return [w + spare * weight / sum(weights) for w, weight in zip(wanted, weights, strict=True)]
    # Not all fits: each lane its floor, the rest to the lanes short of room, by how short they are.
    spare = body - sum(floor)
    short = [w - f for w, f in zip(wanted, floor, strict=True)]
    return [f + spare * s / sum(short) for f, s in zip(floor, short, strict=True)]


def _card_paragraphs(cards, width: float, style: ParagraphStyle) -> list[tuple[object, Paragraph, float]]:
    """Each card in a cell ``width`` wide with its paragraph and the height the paragraph takes."""
    wrapped = []
    for card in cards:
        paragraph = para(card.text, style)
        wrapped.append((card, paragraph, paragraph.wrap(width - 2 * CARD_INNER - 2 * mm, 10_000)[1]))
    return wrapped


def _stack_height(cards, width: float, style: ParagraphStyle) -> float:
    """The height ``_cards`` needs for ``cards`` in a cell ``width`` wide."""
    return 2 * CARD_INNER + sum(
        used + CARD_PAD + CARD_GAP for _c, _p, used in _card_paragraphs(cards, width, style)
    )


def _cards(canvas, cards, x: float, bottom: float, width: float, height: float, style: ParagraphStyle) -> int:
    """Cards stacked in a cell, each on its colour; returns how many did not fit."""
    inner = CARD_INNER
    top = bottom + height - inner
    more_height = 4 * mm
    for index, (card, paragraph, used) in enumerate(_card_paragraphs(cards, width, style)):
        needed = used + CARD_PAD
        room = top - (bottom + inner) - (more_height if index < len(cards) - 1 else 0)
        if needed > room:
            left = len(cards) - index
            canvas.setFont(fonts.ITALIC, 7)
            canvas.setFillColor(MUTED)
            canvas.drawString(x + inner, bottom + inner + 0.5 * mm, _("+ {n} kort til").format(n=left))
            return left
        canvas.setFillColor(CARD_FILL.get(card.colour, colors.white))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.roundRect(x + inner, top - needed, width - 2 * inner, needed, 1 * mm, stroke=1, fill=1)
        paragraph.drawOn(canvas, x + inner + 1 * mm, top - 1 * mm - used)
        top -= needed + CARD_GAP
    return 0


# --- prototype card ---------------------------------------------------------------------------------------


def _prototype_card(
    kit: Kit, sheet: Worksheet, data: PrototypeSheet | None, warnings: list[str]
) -> list[Flowable]:
    p = data or PrototypeSheet("")
    story = _heading(sheet.title, _("Behov – løsning – test. Ett kort per testrunde."))
    story.append(
        _fields(
            [
                (_("Prototype"), p.title),
                (_("Idé"), p.idea),
                (_("Runde og dato"), _round_text(p) if data else ""),
            ],
            [1.2, 1.6, 0.7],
            lambda label: warnings.append(
                _("Prototypekort: teksten i «{box}» fikk ikke plass.").format(box=label)
            ),
        )
    )
    kinds = [card.title for card in kit.prototypes]

    def draw(canvas, width: float, height: float) -> None:
        missed = []
        # Kind of prototype: the kit's cards as tick boxes, or the value written in.
        y = height - 4 * mm
        _label(canvas, _("Type prototype"), 0, y, size=9.5, colour=ACCENT)
        x = canvas.stringWidth(_("Type prototype"), fonts.BOLD, 9.5) + 5 * mm
        if kinds:
            per_row = 3 if width < 200 * mm else 5
            cell = (width - x) / per_row
            for index, kind in enumerate(kinds):
                if index and index % per_row == 0:
                    y -= 5.5 * mm
                column = index % per_row
                _tick(
                    canvas, x + column * cell, y, kind, bool(p.card) and kind == p.card, 3.2 * mm, 8.5, cell
                )
        card = layout.fit_text(p.card, fonts.FAMILY, 9.5, width - x)
        if not kinds and p.card:
            _label(canvas, card, x, y, size=9.5, colour=INK, bold=False)
        if kinds and p.card and p.card not in kinds:
            y -= 5.5 * mm
            _label(canvas, card, x, y, size=9.5, colour=INK, bold=False)
        top = y - 5 * mm
        strip = 9 * mm
        gap = 3 * mm
        body_x = strip + 2 * mm
        body_width = width - body_x
        decision_height = 14 * mm
        # Heights of the boxes, shares of what is left.
        sections = [
            ("behov", [[("need", _("Behov"), _("hvilket behov hos brukeren skal løsningen møte?"), 1.0)]]),
            ("losning", [[("solution", _("Løsning"), _("hva prøver vi ut?"), 1.0)]]),
            (
                "test",
                [
                    [("assumption", _("Hva vi tester"), _("antakelsen vi vil finne ut om stemmer"), 0.9)],
                    [
                        ("with_whom", _("Med hvem"), "", 0.7),
                        ("place", _("Hvor"), "", 0.7),
                        ("timing", _("Når"), "", 0.7),
                    ],
                    [("success_criteria", _("Suksesskriterier"), _("hva betyr at testen gikk bra?"), 0.9)],
                    [("result", _("Resultat"), _("hva så og hørte vi?"), 1.05)],
                    [("learning", _("Læring"), _("hva vet vi nå som vi ikke visste?"), 0.95)],
                ],
            ),
        ]
        shares = sum(row[0][3] for _key, rows in sections for row in rows)
        rows_count = sum(len(rows) for _key, rows in sections)
        available = top - decision_height - gap * rows_count - 2 * gap
        unit = available / shares
        titles = {"behov": _("BEHOV"), "losning": _("LØSNING"), "test": _("TEST")}
        fills = {
            "behov": colors.HexColor("#1d5f8a"),
            "losning": colors.HexColor("#2f7d5b"),
            "test": colors.HexColor("#8a5a1d"),
        }
        y = top
        for key, rows in sections:
            section_top = y
            for row in rows:
                h = unit * row[0][3]
                count = len(row)
                w = (body_width - gap * (count - 1)) / count
                for index, (name, label, hint, _share) in enumerate(row):
                    if not _field_box(
                        canvas, body_x + index * (w + gap), y - h, w, h, label, getattr(p, name), hint
                    ):
                        missed.append(label)
                y -= h + gap
            if key == "test":  # the decision belongs to the test
                h = decision_height
                _box(canvas, body_x, y - h, body_width, h)
                _label(
                    canvas, _("Beslutning"), body_x + 3 * mm, y - h / 2 - 1.2 * mm, size=9.5, colour=ACCENT
                )
                x = body_x + 3 * mm + canvas.stringWidth(_("Beslutning"), fonts.BOLD, 9.5) + 8 * mm
                for decision in Decision:
                    x += (
                        _tick(canvas, x, y - h / 2 - 1.2 * mm, decision.label, p.decision == decision.value)
                        + 4 * mm
                    )
                y -= h + gap
            # The coloured strip naming the section.
            bottom = y + gap
            canvas.setFillColor(fills[key])
            canvas.roundRect(0, bottom, strip, section_top - bottom, 1.5 * mm, stroke=0, fill=1)
            canvas.saveState()
            canvas.translate(strip / 2 + 1.2 * mm, (section_top + bottom) / 2)
            canvas.rotate(90)
            canvas.setFont(fonts.BOLD, 10)
            canvas.setFillColor(colors.white)
            canvas.drawCentredString(0, 0, titles[key])
            canvas.restoreState()
            y -= gap
        for label in missed:
            warnings.append(_("Prototypekort: teksten i «{box}» fikk ikke plass.").format(box=label))

    story.append(_Drawing(draw))
    return story


def _round_text(p: PrototypeSheet) -> str:
    value = _("Runde {n}").format(n=p.round)
    return f"{value}, {_date(p.tested_on)}" if p.tested_on else value


# --- idea cards --------------------------------------------------------------------------------------------


def _idea_cards(sheet: Worksheet, data: IdeaCardsSheet) -> list[Flowable]:
    story = _heading(sheet.title, _("Klipp langs de stiplede linjene. Én idé per kort."))

    def cards(canvas, width: float, height: float) -> None:
        gap = 8 * mm
        card_width = (width - gap) / 2
        card_height = (height - gap) / 2
        # Cut lines between the cards.
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 3)
        canvas.line(width / 2, 0, width / 2, height)
        canvas.line(0, height / 2, width, height / 2)
        canvas.setDash()
        canvas.setFont(fonts.FAMILY, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(width / 2, height / 2 + 1.2 * mm, _("klipp"))
        for row in range(2):
            for column in range(2):
                x = column * (card_width + gap)
                y = height - (row + 1) * card_height - row * gap
                _idea_card(canvas, x, y, card_width, card_height, data.question)

    story.append(_Drawing(cards))
    story.append(PageBreak())
    story += _heading(
        _("Brainwriting"), _("Skriv tre idéer på din rad, send arket videre, bygg på de andres.")
    )

    def brainwriting(canvas, width: float, height: float) -> None:
        question_height = 26 * mm
        _field_box(
            canvas,
            0,
            height - question_height,
            width,
            question_height,
            _("Hvordan kan vi …?"),
            data.question,
            lines=True,
            style=_style("body", fontSize=13, leading=16),
        )
        top = height - question_height - 5 * mm
        label_width = 16 * mm
        head = 8 * mm
        rounds = 6
        column_width = (width - label_width) / 3
        row_height = (top - head) / rounds
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.7)
        for index in range(3):
            x = label_width + index * column_width
            canvas.setFillColor(SHADE)
            canvas.rect(x, top - head, column_width, head, stroke=1, fill=1)
            _label(canvas, _("Idé {n}").format(n=index + 1), x + 3 * mm, top - head + 2.6 * mm, 9.5, INK)
        for r in range(rounds):
            y = top - head - (r + 1) * row_height
            canvas.setFillColor(SHADE)
            canvas.rect(0, y, label_width, row_height, stroke=1, fill=1)
            _label(canvas, _("Runde {n}").format(n=r + 1), 2 * mm, y + row_height - 5 * mm, 8, INK)
            for index in range(3):
                canvas.rect(label_width + index * column_width, y, column_width, row_height, stroke=1, fill=0)

    story.append(_Drawing(brainwriting))
    return story


def _idea_card(canvas, x: float, y: float, width: float, height: float, question: str) -> None:
    inner = 5 * mm
    _box(canvas, x + inner, y + inner, width - 2 * inner, height - 2 * inner, line=1)
    left = x + 2 * inner
    right = x + width - 2 * inner
    top = y + height - 2 * inner
    canvas.setFillColor(ACCENT)
    canvas.setFont(fonts.BOLD, 13)
    canvas.drawString(left, top - 4 * mm, _("Hvordan kan vi …?"))
    spacing = 8 * mm
    line_y = top - 4 * mm - spacing
    if question.strip():
        _write(
            canvas,
            question,
            left,
            top - 6 * mm,
            right - left,
            2 * spacing,
            _style("body", fontSize=10, leading=12.5),
        )
    canvas.setStrokeColor(WRITE if question.strip() else LINE)
    canvas.setLineWidth(0.6)
    if not question.strip():
        canvas.line(left, line_y, right, line_y)
        canvas.line(left, line_y - spacing, right, line_y - spacing)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    rule = line_y - spacing - 4 * mm
    canvas.line(left, rule, right, rule)
    fields = (
        (_("Idéens navn"), 1),
        (_("Hvem hjelper den?"), 2),
        (_("Hva løser den?"), 2),
        (_("Hva må være sant for at den skal virke?"), 2),
    )
    total_lines = sum(n for _label_text, n in fields)
    room = rule - (y + 2 * inner) - len(fields) * 6 * mm
    line_gap = min(9 * mm, room / total_lines)
    cursor = rule - 5 * mm
    for label, count in fields:
        _label(canvas, label, left, cursor, size=9, colour=INK)
        cursor -= 1.5 * mm
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        for _n in range(count):
            cursor -= line_gap
            canvas.line(left, cursor, right, cursor)
        cursor -= 6 * mm - 1.5 * mm


# --- benefit plan ------------------------------------------------------------------------------------------


def _benefit_plan(sheet: Worksheet, data: BenefitSheet | None, warnings: list[str]) -> list[Flowable]:
    b = data or BenefitSheet("")
    story = _heading(
        sheet.title, _("Gevinstrealiseringsplan: én rad per gevinst. Nullpunkt er der vi står før tiltaket.")
    )
    story.append(
        _fields(
            [(_("Tiltak"), b.initiative), (_("Behov"), b.need), (_("Tiltakseier"), b.owner)],
            [1.2, 1.6, 0.8],
            lambda label: warnings.append(
                _("Gevinstplan: teksten i «{box}» fikk ikke plass.").format(box=label)
            ),
        )
    )
    width = frame_size(page_size(sheet))[0]
    shares = (1.35, 1.25, 1.15, 0.6, 0.95, 0.95, 0.9, 1.15, 1.2)
    widths = [width * share / sum(shares) for share in shares]
    header = [
        _("Gevinst"),
        _("Gevinsttype"),
        _("Indikator"),
        _("Enhet"),
        _("Nullpunkt og dato"),
        _("Mål og dato"),
        _("Gevinsteier"),
        _("Forutsetninger"),
        _("Målinger (når, resultat)"),
    ]
    cell = _style("cell", fontSize=9, leading=11.5)
    rows: list[list[object]] = [header]
    for benefit in b.benefits:
        rows.append(
            [
                benefit.title,
                _GainTicks(benefit.gain_type),
                benefit.indicator,
                benefit.unit,
                _value_on(benefit.baseline, benefit.baseline_date),
                _value_on(benefit.target, benefit.target_date),
                benefit.owner,
                benefit.preconditions,
                para(
                    "\n".join(
                        f"{_date(m.on)}: {_number(m.value)}" + (f" ({m.note})" if m.note else "")
                        for m in benefit.measurements
                    ),
                    cell,
                ),
            ]
        )
    empty = 1 if b.benefits else 4
    for _n in range(empty):
        rows.append([Spacer(1, 24 * mm), _GainTicks(None), "", "", _Blank2(), _Blank2(), "", "", ""])
    table = layout.table(rows, widths)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("BOX", (0, 0), (-1, -1), 1, INK),
                ("TOPPADDING", (0, 1), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    return story


def _value_on(value: float | None, day: date | None) -> str:
    parts = [_number(value)] if value is not None else []
    if day:
        parts.append(_date(day))
    return "\n".join(parts)


class _GainTicks(Flowable):
    """The three gain types as tick boxes in a table cell, the chosen one ticked."""

    def __init__(self, chosen: str | None) -> None:
        super().__init__()
        self.chosen = chosen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(GainType) * 5.2 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        for index, gain in enumerate(GainType):
            y = self.height - (index + 1) * 5.2 * mm + 1.4 * mm
            size = 3 * mm
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.7)
            canvas.rect(0, y - 0.4 * mm, size, size, stroke=1, fill=0)
            if self.chosen == gain.value:
                canvas.setLineWidth(1.3)
                canvas.line(0.5 * mm, y + size * 0.4, size * 0.4, y - 0.2 * mm)
                canvas.line(size * 0.4, y - 0.2 * mm, size + 0.5 * mm, y + size + 0.3 * mm)
            canvas.setFont(fonts.FAMILY, 8)
            canvas.setFillColor(INK)
            canvas.drawString(size + 1.5 * mm, y, gain.label)
        canvas.restoreState()


class _Blank2(Flowable):
    """A cell with two labelled lines: the value, and the date."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = 20 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(fonts.FAMILY, 7)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(WRITE)
        canvas.setLineWidth(0.5)
        for label, y in ((_("verdi"), 12 * mm), (_("dato"), 2 * mm)):
            canvas.line(0, y, self.width, y)
            canvas.drawString(0, y - 2.6 * mm, label)
        canvas.restoreState()


# --- time-plan handout -----------------------------------------------------------------------------------


def _scheduled_templates(kit: Kit):
    """The kit's session templates in programme order (then any others), each with the clock times of its
    blocks from the template's usual start: (template, scheduled blocks)."""
    order = {template_id: index for index, template_id in enumerate(kit.sequence)}
    for template in sorted(kit.sessions, key=lambda s: (order.get(s.id, len(order)), s.id)):
        start = tp.parse_clock(template.start)
        plan = tp.schedule(
            [
                tp.PlanBlock(block.minutes, tp.parse_clock(block.pinned) if block.pinned else None)
                for block in template.blocks
            ],
            start,
            start + template.minutes,
        )
        yield template, plan.blocks


def _handouts_of_kit(kit: Kit) -> list[HandoutSheet]:
    """The kit's session templates as handouts with start times."""
    return [
        HandoutSheet(
            template.title,
            goals=template.goals,
            blocks=tuple(
                HandoutBlock(
                    tp.format_clock(s.start), tp.format_clock(s.end), block.title, block.category.value
                )
                for s, block in zip(slots, template.blocks, strict=True)
            ),
        )
        for template, slots in _scheduled_templates(kit)
    ]


def _handout(sheet: Worksheet, handouts: Sequence[HandoutSheet]) -> list[Flowable]:
    story: list[Flowable] = []
    width = frame_size(page_size(sheet))[0]
    s = styles()
    for index, h in enumerate(handouts):
        if index:
            story.append(PageBreak())
        story.append(para(sheet.title, _style("title", fontSize=20, leading=24, spaceAfter=2)))
        about = " · ".join(part for part in (h.title, _date(h.day), h.place) if part)
        story.append(para(about, _style("subtitle", fontSize=13, leading=17, spaceAfter=8)))
        if h.goals:
            story.append(para(_("Dagens mål"), s["h2"]))
            for goal in h.goals:
                story.append(
                    Paragraph(
                        text(goal),
                        _style("body", leftIndent=5 * mm, bulletIndent=1 * mm, bulletFontName=fonts.FAMILY),
                        bulletText="•",
                    )
                )
            story.append(Spacer(1, 3 * mm))
        story.append(para(_("Program"), s["h2"]))
        time_style = _style("body", fontName=fonts.BOLD, fontSize=10.5, leading=13.5, spaceAfter=0)
        block_style = _style("body", fontSize=10.5, leading=13.5, spaceAfter=0)
        rows: list[list[object]] = []
        shaded = []
        for number, block in enumerate(h.blocks):
            rows.append(
                [
                    para(f"{block.start}–{block.end}", time_style),
                    para(block.title, block_style),
                ]
            )
            if block.category in (BlockCategory.BREAK.value, BlockCategory.LUNCH.value):
                shaded.append(number)
        # The plan's last rows go with the notes, so that no page holds only the notes.
        tail = max(len(rows) - _ROWS_WITH_NOTES, 0)
        if tail:
            story.append(_plan_table(rows[:tail], shaded, width))
        notes: list[Flowable] = []
        if rows:
            notes += [
                _plan_table(rows[tail:], [n - tail for n in shaded if n >= tail], width),
                Spacer(1, 6 * mm),
            ]
        notes.append(para(_("Mine notater"), s["h3"]))
        story.append(_Notes(notes, 8 * mm))
    return story


_ROWS_WITH_NOTES = 2  # the plan's rows kept on the page of the notes
_NOTE_LINES = 3  # the fewest writing lines under «Mine notater»


def _plan_table(rows: list[list[object]], shaded: Sequence[int], width: float) -> Table:
    table = Table(rows, colWidths=[32 * mm, width - 32 * mm], hAlign="LEFT", splitInRow=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, n), (-1, n), SHADE) for n in shaded]
    table.setStyle(TableStyle(commands))
    return table


class _Notes(Flowable):
    """``lead`` (the plan's last rows and the «Mine notater» heading) with writing lines under it that take
    the rest of the frame: at least ``_NOTE_LINES`` of them, else the whole goes to the next page, so that
    the heading never stands alone at a page's foot and no page holds only lines."""

    def __init__(self, lead: Sequence[Flowable], spacing: float) -> None:
        super().__init__()
        self._lead = list(lead)
        self._spacing = spacing
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._heights = [f.wrap(available_width, available_height)[1] for f in self._lead]
        lead = sum(self._heights) + sum(f.getSpaceBefore() + f.getSpaceAfter() for f in self._lead)
        fewest = (_NOTE_LINES - 0.3) * self._spacing + 2.5 * mm  # _NOTE_LINES as _guide_lines spaces them
        self.height = max(available_height - 1, lead + fewest)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Wait for the next page, unless this one is empty (or the whole is taller than any page): then
        # the plan's rows are split and the notes go on with the rest of them.
        frame = getattr(self, "_frame", None)
        fits_next_page = frame is not None and not frame._atTop and self.height <= frame._height
        if fits_next_page or not isinstance(self._lead[0], Table):
            return []
        parts = self._lead[0].split(available_width, available_height)
        if len(parts) < 2:
            return []
        return [*parts[:-1], _Notes([parts[-1], *self._lead[1:]], self._spacing)]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for flowable, height in zip(self._lead, self._heights, strict=True):
            y -= flowable.getSpaceBefore() + height
            flowable.drawOn(canvas, 0, y)
            y -= flowable.getSpaceAfter()
        canvas.saveState()
        _guide_lines(canvas, 0, 0, self.width, y, self._spacing)
        canvas.restoreState()


# --- run sheet for the facilitators ----------------------------------------------------------------------


def _run_sheets_of_kit(kit: Kit) -> list[RunSheet]:
    """The kit's session templates as run sheets with start times."""
    methods = {m.id: m.title for m in kit.methods}
    return [
        RunSheet(
            template.title,
            blocks=tuple(
                RunBlock(
                    tp.format_clock(s.start),
                    tp.format_clock(s.end),
                    b.minutes,
                    b.title,
                    b.category.value,
                    methods.get(b.method or "", ""),
                    b.materials,
                    b.notes,
                    b.projector_text,
                    b.pinned is not None,
                )
                for s, b in zip(slots, template.blocks, strict=True)
            ),
            room_setup=template.room_setup,
        )
        for template, slots in _scheduled_templates(kit)
    ]


def _run_sheet(sheet: Worksheet, sheets: Sequence[RunSheet]) -> list[Flowable]:
    """Per session: its facts, then one row per block: time, minutes, the block (method, the wall's text),
    materials and the facilitator notes; breaks shaded; the header row on every page."""
    story: list[Flowable] = []
    width = frame_size(page_size(sheet))[0]
    s = styles()
    small = _style("cell", fontSize=8, leading=10, textColor=MUTED)
    notes = _style("cell", fontSize=8.5, leading=10.5)  # what the facilitator reads on the day
    for index, r in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story.append(para(sheet.title, _style("title", fontSize=18, leading=22, spaceAfter=2)))
        about = " · ".join(part for part in (r.title, _date(r.day), r.place) if part)
        story.append(para(about, _style("subtitle", fontSize=12, leading=16, spaceAfter=4)))
        if r.facilitators:
            story.append(para(_("Veiledere: {names}").format(names=", ".join(r.facilitators)), "muted"))
        if r.room_setup:
            story.append(para(_("Rommet: {setup}").format(setup=r.room_setup), "muted"))
        story.append(Spacer(1, 3 * mm))
        rows: list[list[object]] = [[_("Tid"), _("Min"), _("Blokk"), _("Materiell"), _("Notater")]]
        shaded = []
        for number, b in enumerate(r.blocks, start=1):
            clock = f"{b.start}–{b.end}" + (" " + _("(fast)") if b.pinned else "")
            parts = [f"<b>{text(b.title)}</b>"]
            muted = [b.method] + ([_("På veggen: {text}").format(text=b.wall)] if b.wall else [])
            parts += [f"<font color='#5b6670' size='8'>{text(line)}</font>" for line in muted if line]
            rows.append(
                [
                    para(clock, small),
                    str(b.minutes),
                    layout.markup("<br/>".join(parts), "cell"),
                    para("\n".join(b.materials), small),
                    para(b.notes, notes),
                ]
            )
            if b.category in (BlockCategory.BREAK.value, BlockCategory.LUNCH.value):
                shaded.append(number)
        table = layout.table(rows, [width * w for w in (0.10, 0.05, 0.32, 0.18, 0.35)], numbers=(1,))
        table.setStyle(TableStyle([("BACKGROUND", (0, n), (-1, n), SHADE) for n in shaded]))
        story.append(table)
        if not r.blocks:
            story.append(para(_("Samlingen har ingen tidsplan ennå."), s["body"]))
    return story


# --- any other sheet ----------------------------------------------------------------------------------------


def _matrix_sheet(sheet: Worksheet, data: object) -> list[Flowable]:
    """The impact/effort matrix to place the ideas on (A3), its four fields named as on the idea board."""
    story = _heading(sheet.title, _("Plasser idéene etter effekt for brukeren og innsats eller kostnad."))
    story.append(_fields([(_("Ledergruppe"), getattr(data, "group", "") or ""), (_("Dato"), "")], [3, 1]))

    def draw(canvas, width: float, height: float) -> None:
        axes = (_("Innsats eller kostnad →"), _("Effekt for brukeren →"))
        matrix_drawing(width, height, 14 * mm, 16, axes)[0].drawOn(canvas, 0, 0)

    story.append(_Drawing(draw, minimum=120 * mm))
    return story


def _pitch_sheet(sheet: Worksheet, data: object) -> list[Flowable]:
    """The pitch template: what to do, then a box for the opening quote or story and one per part."""
    story = _heading(sheet.title)
    story += [_instructions(sheet, 10.5), Spacer(1, 5 * mm)]
    story.append(_fields([(_("Ledergruppe"), getattr(data, "group", "") or ""), (_("Dato"), "")], [3, 1]))
    parts = [
        (_("Sitat eller historie fra testen"), _("det dere starter med"), 0.8),
        (_("1  Brukeren og behovet"), "", 1.0),
        (_("2  Løsningen"), "", 1.0),
        (_("3  Hva vi testet og lærte"), "", 1.0),
        (_("4  Gevinsten"), "", 1.0),
        (_("5  Hva vi trenger nå"), "", 1.0),
    ]

    def draw(canvas, width: float, height: float) -> None:
        gap = 3 * mm
        unit = (height - gap * (len(parts) - 1)) / sum(weight for _l, _h, weight in parts)
        top = height
        for label, hint, weight in parts:
            box = unit * weight
            _field_box(canvas, 0, top - box, width, box, label, hint=hint)
            top -= box + gap

    story.append(_Drawing(draw, minimum=120 * mm))
    return story


def _instructions(sheet: Worksheet, size: float) -> Table:
    """The sheet's text for the participants (its description when the kit gives none) in a shaded box."""
    box = Table(
        [
            [
                para(
                    sheet.instructions or sheet.description,
                    _style("body", fontSize=size, leading=size * 1.35, spaceAfter=0),
                )
            ]
        ],
        colWidths=[frame_size(page_size(sheet))[0]],
        splitInRow=1,
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _generic(sheet: Worksheet, data: object) -> list[Flowable]:
    poster = sheet.per == "session"  # for the wall: big type, room for notes, no lines
    story = (
        [para(sheet.title, _style("title", fontSize=40, leading=48, spaceAfter=12))]
        if poster
        else _heading(sheet.title)
    )
    story += [_instructions(sheet, 20 if poster else 10.5), Spacer(1, 5 * mm)]
    if sheet.per != "session":
        story.append(_fields([(_("Ledergruppe"), getattr(data, "group", "") or ""), (_("Dato"), "")], [3, 1]))

    def space(canvas, width: float, height: float) -> None:
        _box(canvas, 0, 0, width, height)
        if not poster:
            _guide_lines(canvas, 4 * mm, 0, width - 8 * mm, height - 2 * mm)

    story.append(_Drawing(space))
    return story
