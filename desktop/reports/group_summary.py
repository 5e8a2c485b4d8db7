"""A leader group's summary as a PDF: after one session, or for the whole programme (the final summary).

The pages: a cover (group, service location, cohort, facilitators, date, the work in figures), the
participants, the plan as it was run, the journey maps on A3 landscape pages (stages across, lanes down,
cards as boxes, the emotion curve; vector drawing), the ideas with their votes and the impact/effort
matrix, the prototypes with their rounds and learnings, the initiatives with their benefit plans and a
chart per benefit, photos with captions, and next steps. A section with nothing in it is left out and named
once ("not registered yet"), so a group that has only just started gets a short, honest summary.

A photo that is missing or can't be read is named in its place and reported in the returned warnings;
the rest is produced.
"""

from __future__ import annotations

import gc
import io
import uuid
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain.enums import SessionKind
from desktop.domain.ideas import dots_count
from desktop.domain.journey import EMOTION_MAX, EMOTION_MIN, Journey
from desktop.domain.prototypes import TEXT_FIELDS, field_label
from desktop.domain.rules import format_date, format_number, month_abbreviations
from desktop.i18n import _
from desktop.reports import fonts
from desktop.reports.data import GroupReport, JourneyData, PhotoData, SessionRun
from desktop.reports.layout import (
    ACCENT,
    LANDSCAPE,
    MUTED,
    RULE,
    SHADE,
    Meta,
    build,
    facts,
    fit_text,
    frame_size,
    markup,
    para,
    plain,
    styles,
    table,
    text,
    to_landscape,
    to_portrait,
    unprintable_noted,
)
from desktop.reports.matrix import matrix_drawing, spread

CARD_FILL = {
    "yellow": colors.HexColor("#fff2a8"),
    "pink": colors.HexColor("#ffd3de"),
    "green": colors.HexColor("#cfeecb"),
    "blue": colors.HexColor("#d3e5fb"),
    "orange": colors.HexColor("#ffdcb0"),
    "white": colors.white,
}
GOOD = colors.HexColor("#2e7d32")
PHOTO_PIXELS = 1600  # the long side of a photo as embedded: sharp at print size, a small file


# --- numbers and dates --------------------------------------------------------------------------------------


def number(value: float | None, decimals: int = 2) -> str:
    """A number the Norwegian way, as the app shows it: 1 570 000, 2,25; a dash for none."""
    return "–" if value is None else format_number(value, decimals)


def counted(n: int, one: str, many: str) -> tuple[int, str]:
    """A cover's figure with its label in the singular or the plural: «1 brukerreise», «2 brukerreiser»."""
    return n, one if n == 1 else many


def amount(value: float | None, unit: str) -> str:
    """A figure with its unit; the unit may go to the next line in a narrow column, the figure stays whole."""
    return f"{number(value)} {unit}" if unit and value is not None else number(value)


def drawing(width: float, height: float) -> Drawing:
    """A vector drawing whose text starts in the embedded font (ReportLab would name Helvetica, which is
    not embedded, at the start of every drawing)."""
    d = Drawing(width, height)
    d.initialFontName = fonts.register()
    d.initialFontSize = 8
    return d


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number(round(value))}\u00a0%"


# --- the document -------------------------------------------------------------------------------------------


def build_group_summary(
    data: GroupReport, out: str | Path | IO[bytes], session_id: uuid.UUID | None = None
) -> list[str]:
    """Write the summary of one session (``session_id``) or the final summary (None) into ``out``; returns
    warnings (Norwegian) about what could not be included."""
    warnings: list[str] = []
    with _gc_paused(), unprintable_noted(warnings):
        warnings += _build_group_summary(data, out, session_id)
    return warnings


def _build_group_summary(data: GroupReport, out, session_id: uuid.UUID | None) -> list[str]:
    warnings: list[str] = []
    session = data.session(session_id) if session_id is not None else None
    story: list[Flowable] = []
    width, _height = frame_size()
    if session is None:
        title = _("Sluttoppsummering: {group} – {cohort}").format(group=data.location, cohort=data.cohort)
        maps = data.journeys
        board = data.board if data.board.ideas else None
        prototypes = data.prototypes
        initiatives = data.initiatives
        photos = data.photos
        sessions = data.sessions
    else:
        title = _("Oppsummering av samlingen: {session} – {group}").format(
            session=session.title, group=data.location
        )
        maps = tuple(m for m in data.journeys if m.session_id == session.id)
        board = data.board if data.board.ideas and "ideas" in session.tools else None
        prototypes = tuple(
            p
            for p in data.prototypes
            if "prototypes" in session.tools or any(r.tested_on == session.date for r in p.rounds)
        )
        initiatives = data.initiatives if "initiatives" in session.tools else ()
        photos = tuple(p for p in data.photos if session.id in p.sessions)
        sessions = (session,)
    produced = bool(maps or board or prototypes or initiatives or photos)

    story += _cover(data, session, width, maps, board, prototypes, initiatives, photos)
    story += _participants(data, width)
    story += _plans(sessions, session is None, data.empty and session is None, width)
    if not produced:
        story += _nothing_yet(session)
    else:
        missing = _missing(maps, board, prototypes, initiatives, session)
        if missing:
            story.append(Spacer(1, 4 * mm))
            story.append(markup(f"<b>{text(_('Ikke registrert ennå:'))}</b> {text(missing)}", "muted"))
    if board is not None:
        story += _ideas(board, width)
    if prototypes:
        story += _prototypes(prototypes, width)
    if initiatives:
        story += _initiatives(initiatives, width, data.made_on)
    if photos:
        story += _photos(photos, width, warnings)
    story += _next_steps(data, session, prototypes, initiatives)
    if maps:  # on A3 landscape pages at the end, so the A4 pages print as one run
        story += _journeys(maps, warnings)
    footer = f"{data.location} · {data.cohort}"
    build(out, story, Meta(title=title, footer=footer, subject=_("LUP – oppsummering for ledergruppen")))
    return warnings


@contextmanager
def _gc_paused():
    """Python's cycle collector paused while a document is made: parsing the fonts and laying out pages
    allocate many short-lived objects, and every collection they trigger walks the whole heap of the
    running app (in the app several times the document's own work). Nothing made here needs it; the
    collector runs again right after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _definite(kind: str) -> str:
    """«arbeidssamlingen»: a session kind's label in the definite form, for running text."""
    return next((k.definite for k in SessionKind if k.label == kind), kind.lower())


def _cover(
    data: GroupReport, session: SessionRun | None, width, maps, board, prototypes, initiatives, photos
):
    s = styles()
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        para(_("Bærum kommune · LUP – Ledelsesutviklingsprogram for innovasjon og ledelse"), "muted"),
        Spacer(1, 4 * mm),
        para(data.location, "title"),
    ]
    if session is None:
        story.append(
            para(_("Sluttoppsummering for ledergruppen i {cohort}").format(cohort=data.cohort), "subtitle")
        )
    else:
        story.append(
            para(
                _("Oppsummering av {session} «{title}»").format(
                    session=_definite(session.kind), title=session.title
                ),
                "subtitle",
            )
        )
    rows: list[tuple[str, object]] = [
        (_("Tjenestested"), data.location),
        (_("Kommunalområde"), data.sector),
        (
            _("Kull"),
            f"{data.cohort} ({format_date(data.cohort_start)} – {format_date(data.cohort_end)})",
        ),
        (_("Veiledere"), ", ".join(data.facilitators) or "–"),
    ]
    if data.lead_facilitator:
        rows.append((_("Ansvarlig veileder"), data.lead_facilitator))
    if initiatives:
        rows.append((_("Innovasjonstiltak"), "\n".join(v.title for v in initiatives)))
    if session is not None:
        where = f", {session.place}" if session.place else ""
        rows.append((_("Samling"), f"{session.title}{where}"))
        rows.append((_("Dato"), format_date(session.date)))
    else:
        rows.append((_("Dato"), format_date(data.made_on)))
    story.append(facts(rows, width))
    story.append(Spacer(1, 10 * mm))
    figures = [
        counted(len(data.participants), _("deltaker"), _("deltakere")),
        counted(len(maps), _("brukerreise"), _("brukerreiser")),
        counted(len(board.ideas) if board else 0, _("idé"), _("idéer")),
        counted(len(prototypes), _("prototype"), _("prototyper")),
        counted(len(initiatives), _("innovasjonstiltak"), _("innovasjonstiltak")),
        counted(len(photos), _("bilde"), _("bilder")),
    ]
    if session is not None:  # after one session: what was made, not a row of zeros
        figures = [f for n, f in enumerate(figures) if n == 0 or f[0]]
    cells = [
        [para(n, s["big"]) for n, _label in figures],
        [para(label, "muted") for _n, label in figures],
    ]
    grid = Table(cells, colWidths=[width / len(figures)] * len(figures), hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(para(_("Arbeidet i tall"), "h2"))
    story.append(grid)
    story.append(PageBreak())
    return story


def _participants(data: GroupReport, width) -> list[Flowable]:
    story: list[Flowable] = [para(_("Deltakere"), "h1")]
    if not data.participants:
        story.append(para(_("Ingen deltakere er registrert i ledergruppen ennå."), "muted"))
        return story
    rows = [[_("Navn"), _("Rolle")]] + [[p.name, p.role] for p in data.participants]
    story.append(table(rows, [width * 0.6, width * 0.4]))
    return story


def _plans(sessions: Sequence[SessionRun], final: bool, short: bool, width) -> list[Flowable]:
    heading = _("Samlingene slik de ble gjennomført") if final else _("Tidsplanen slik den ble gjennomført")
    story: list[Flowable] = [Spacer(1, 4 * mm), para(heading, "h1")]
    if not sessions:
        story.append(para(_("Kullet har ingen samlinger ennå."), "muted"))
        return story
    if short or final:
        rows = [[_("Samling"), _("Dato"), _("Sted"), _("Gjennomført")]]
        for x in sessions:
            done = f"{x.actual_start}–{x.actual_end}" if x.was_run else _("ikke ennå")
            rows.append([x.title, format_date(x.date), x.place or "–", done])
        story.append(table(rows, [width * 0.42, width * 0.16, width * 0.24, width * 0.18]))
        if short:
            return story
    for x in sessions:
        story += _plan(x, width, final)
    return story


def _plan(x: SessionRun, width, final: bool) -> list[Flowable]:
    story: list[Flowable] = []
    if final:
        story.append(CondPageBreak(60 * mm))
        story.append(para(x.title, "h2"))
    where = f" · {x.place}" if x.place else ""
    story.append(
        para(f"{x.kind} · {format_date(x.date)} · {_('planlagt')} {x.start}–{x.end}{where}", "muted")
    )
    if not x.blocks:
        story.append(para(_("Samlingen har ingen tidsplan."), "muted"))
        return story
    if x.was_run:
        last = x.blocks[-1]
        planned_end = last.end
        story.append(
            para(
                _("Gjennomført {start}–{end} (planlagt slutt {planned}).").format(
                    start=x.actual_start, end=x.actual_end, planned=planned_end
                ),
                "body",
            )
        )
    else:
        story.append(para(_("Samlingen er ikke gjennomført ennå; her er planen."), "body"))
    rows: list[list[object]] = [[_("Plan"), _("Blokk"), _("Min."), _("Startet"), _("Brukt"), _("Avvik")]]
    shaded = []
    for n, b in enumerate(x.blocks, start=1):
        extra = _(" (+{n} min lagt til)").format(n=b.added_minutes) if b.added_minutes else ""
        kind = "" if b.category.casefold() == b.title.casefold() else f" · {b.category}"
        cell = markup(f"{text(b.title)}<font color='#5b6670' size='7.5'>{text(kind + extra)}</font>", "cell")
        if b.actual_minutes is not None:
            diff = b.actual_minutes - b.minutes
            deviation = "0" if diff == 0 else f"{'+' if diff > 0 else '−'}{abs(diff)}"
        else:
            deviation = ""
        rows.append(
            [
                f"{b.start}–{b.end}",
                cell,
                b.minutes,
                b.actual_start or "–",
                b.actual_minutes if b.actual_minutes is not None else "–",
                deviation,
            ]
        )
        if b.is_break:
            shaded.append(n)
    t = table(rows, [width * w for w in (0.15, 0.47, 0.08, 0.11, 0.09, 0.10)], numbers=(2, 4, 5))
    t.setStyle(TableStyle([("BACKGROUND", (0, n), (-1, n), SHADE) for n in shaded]))
    story.append(t)
    return story


def _nothing_yet(session: SessionRun | None) -> list[Flowable]:
    if session is None:
        message = _(
            "Ledergruppen har ikke registrert arbeid i LUP Verksted ennå: ingen brukerreiser, idéer, "
            "prototyper, innovasjonstiltak eller bilder. Oppsummeringen fylles ut etter hvert som gruppen "
            "arbeider."
        )
    else:
        message = _(
            "Det er ikke registrert noe arbeid fra ledergruppen på denne samlingen ennå: ingen brukerreiser, "
            "idéer, prototyper, innovasjonstiltak eller bilder."
        )
    return [Spacer(1, 6 * mm), para(_("Hva gruppen har laget"), "h1"), para(message)]


def _missing(maps, board, prototypes, initiatives, session) -> str:
    if session is not None:
        return ""
    names = [
        name
        for present, name in (
            (maps, _("brukerreiser")),
            (board, _("idéer")),
            (prototypes, _("prototyper")),
            (initiatives, _("innovasjonstiltak")),
        )
        if not present
    ]
    return ", ".join(names)


# --- ideas --------------------------------------------------------------------------------------------------


def _ideas(board, width) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para(_("Idéer og stemmer"), "h1")]
    given = board.total_votes - board.counted
    parts = []
    if board.voters and given:
        parts.append(
            _("{voters} hadde {dots} hver; {votes} er gitt.").format(
                voters=_("Én deltaker") if board.voters == 1 else _("{n} deltakere").format(n=board.voters),
                dots=dots_count(board.dots),
                votes=dots_count(given),
            )
        )
    if board.counted:
        parts.append(_("{count} er talt fra lappene på veggen.").format(count=dots_count(board.counted)))
    voters = " ".join(parts) or _("Ingen stemmer er registrert.")
    story.append(para(voters, "muted"))
    rows: list[list[object]] = [[_("Nr."), _("Idé"), _("Tema"), _("Stemmer"), _("Plassering"), _("Valgt")]]
    for idea in board.ideas:
        rows.append(
            [
                idea.number,
                idea.text,
                idea.theme or "–",
                idea.votes,
                idea.quadrant or _("ikke plassert"),
                _("Valgt") if idea.chosen else "",
            ]
        )
    story.append(table(rows, [width * w for w in (0.06, 0.38, 0.20, 0.12, 0.15, 0.09)], numbers=(0, 3)))
    placed = [i for i in board.ideas if i.impact is not None and i.effort is not None]
    if placed:
        side = min(width, 125 * mm)
        hint = _(
            "Tallene er idéenes nummer i tabellen; fylte sirkler er idéene gruppen valgte å gå videre med."
        )
        story.append(
            KeepTogether(
                [
                    Spacer(1, 4 * mm),
                    para(_("Effekt og innsats"), "h2"),
                    para(hint, "muted"),
                    _matrix(placed, side),
                ]
            )
        )
    return story


def _matrix(ideas, side: float) -> Drawing:
    radius = 3.4 * mm

    def markers(box):
        x0, y0, w, h = box
        wanted = [
            (x0 + radius + idea.effort * (w - 2 * radius), y0 + radius + idea.impact * (h - 2 * radius))
            for idea in ideas
        ]
        shapes = []
        for idea, (cx, cy) in zip(ideas, spread(wanted, radius, box), strict=True):  # none hides another
            fill = ACCENT if idea.chosen else colors.white
            shapes.append(Circle(cx, cy, radius, fillColor=fill, strokeColor=ACCENT, strokeWidth=1))
            shapes.append(
                String(
                    cx,
                    cy - 2.8,
                    str(idea.number),
                    fontName=fonts.BOLD,
                    fontSize=8,
                    fillColor=colors.white if idea.chosen else ACCENT,
                    textAnchor="middle",
                )
            )
        return shapes

    return matrix_drawing(side, side, 12 * mm, 8, marks=markers)[0]


# --- prototypes ---------------------------------------------------------------------------------------------


def _prototypes(prototypes, width) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para(_("Prototyper og læring"), "h1")]
    for p in prototypes:
        head = [
            para(p.title, "h2"),
            facts(
                [
                    (_("Idé"), p.idea or "–"),
                    (_("Prototypekort"), p.kind or "–"),
                    (_("Status"), p.status),
                    (_("Runder"), len(p.rounds)),
                ],
                width,
            ),
        ]
        story.append(KeepTogether(head))
        for n, r in enumerate(p.rounds, start=1):
            when = _(", testet {day}").format(day=format_date(r.tested_on)) if r.tested_on else ""
            decision = f" · {_('Beslutning')}: {r.decision.label}" if r.decision is not None else ""
            rows = [(field_label(name), getattr(r, name)) for name in TEXT_FIELDS if getattr(r, name).strip()]
            block: list[Flowable] = [para(_("Runde {n}").format(n=n) + when + decision, "h3")]
            if rows:
                block.append(_round_table(rows, width))
            else:
                block.append(para(_("Runden er ikke fylt ut ennå."), "muted"))
            story.append(KeepTogether(block))
        story.append(Spacer(1, 4 * mm))
    return story


def _round_table(rows, width) -> Table:
    s = styles()
    learning = field_label("learning")
    data = [[para(label, s["muted"]), para(value, s["cell"])] for label, value in rows]
    t = Table(data, colWidths=[width * 0.26, width * 0.74], hAlign="LEFT", splitInRow=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    for n, (label, _value) in enumerate(rows):
        if label == learning:
            commands.append(("BACKGROUND", (0, n), (-1, n), colors.HexColor("#fff6d6")))
    t.setStyle(TableStyle(commands))
    return t


# --- initiatives and benefits -------------------------------------------------------------------------------


def _period(start: date | None, end: date | None) -> str:
    """12.03.2019 – 30.06.2020, or «fra 12.03.2019», «til 30.06.2020», «–» for what is known."""
    if start and end:
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return _("fra {day}").format(day=format_date(start))
    return _("til {day}").format(day=format_date(end)) if end else "–"


def _initiatives(initiatives, width, today: date) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para(_("Innovasjonstiltak og gevinstplan"), "h1")]
    for v in initiatives:
        period = _period(v.start_date, v.end_date)
        rows = [
            (_("Behov"), v.need or "–"),
            (_("Beskrivelse"), v.description or "–"),
            (_("Eier"), v.owner or "–"),
            (_("Fase (Veikart)"), v.phase.label),
            (_("Status"), v.status.label),
            (_("Periode"), period),
            (_("Neste steg"), v.next_step or "–"),
        ]
        story += _together_if_it_fits([para(v.title, "h2"), facts(rows, width)], width)
        if not v.benefits:
            story.append(para(_("Tiltaket har ingen gevinstplan ennå."), "muted"))
            continue
        story.append(para(_("Gevinstplan"), "h3"))
        table_rows: list[list[object]] = [
            [_("Gevinst"), _("Type"), _("Nullpunkt"), _("Mål"), _("Siste måling"), _("Realisert")]
        ]
        for b in v.benefits:
            p = b.progress
            title = markup(
                f"{text(b.title)}<br/><font color='#5b6670' size='7.5'>{text(b.indicator or b.unit)}"
                f"{text(' · ' + _('eier') + ' ' + b.owner) if b.owner else ''}</font>",
                "cell",
            )
            table_rows.append(
                [
                    title,
                    b.gain_type.label,
                    f"{amount(b.baseline, b.unit)}\n{format_date(b.baseline_date)}",
                    (
                        f"{amount(b.target, b.unit)}\n{format_date(b.target_date)}"
                        if b.target_date
                        else amount(b.target, b.unit)
                    ),
                    amount(p.latest, b.unit) if p.latest is not None else _("ikke målt"),
                    f"{percent(p.realised_pct)}\n{b.follow_up(today, v.status).label}",
                ]
            )
        story.append(
            table(table_rows, [width * w for w in (0.27, 0.13, 0.17, 0.17, 0.15, 0.11)], numbers=(2, 3, 4, 5))
        )
        for b in v.benefits:
            story.append(
                KeepTogether(
                    [
                        Spacer(1, 3 * mm),
                        para(b.title, "h3"),
                        _benefit_chart(b, width)
                        if b.measurements
                        else para(
                            _("Ingen målinger ennå. Nullpunktet er {value} ({day}).").format(
                                value=amount(b.baseline, b.unit), day=format_date(b.baseline_date)
                            ),
                            "muted",
                        ),
                    ]
                )
            )
    return story


def _together_if_it_fits(flowables: list[Flowable], width: float) -> list[Flowable]:
    """``flowables`` kept on one page when they fit on a page; else as they come, so that one taller than a
    page starts where it is instead of on a new page."""
    room = frame_size()[1]
    needed = sum(f.wrap(width, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)
    return [KeepTogether(flowables)] if needed <= room else flowables


def _benefit_chart(b, width) -> Drawing:
    family = fonts.register()
    height = 58 * mm
    d = drawing(width, height)
    points = [(b.baseline_date.toordinal(), b.baseline)] + [
        (m.on.toordinal(), m.value) for m in b.measurements
    ]
    first = points[0][0]
    last = max(p[0] for p in points)
    if b.target_date is not None:
        last = max(last, b.target_date.toordinal())
    if last == first:
        last = first + 30
    values = [v for _x, v in points] + [b.target]
    low, high = min(values), max(values)
    margin = (high - low) * 0.12 or abs(high) * 0.1 or 1
    low, high = low - margin, high + margin
    if low < 0 <= min(values):
        low = 0
    plot = LinePlot()
    plot.x, plot.y = 22 * mm, 12 * mm
    plot.width, plot.height = width - 60 * mm, height - 18 * mm
    target_line = [(first, b.target), (last, b.target)]
    baseline_line = [(first, b.baseline), (last, b.baseline)]
    plot.data = [baseline_line, target_line, points]
    plot.lines[0].strokeColor = MUTED
    plot.lines[0].strokeDashArray = [1, 2]
    plot.lines[0].strokeWidth = 0.8
    plot.lines[1].strokeColor = GOOD
    plot.lines[1].strokeDashArray = [4, 2]
    plot.lines[1].strokeWidth = 1
    plot.lines[2].strokeColor = ACCENT
    plot.lines[2].strokeWidth = 1.8
    plot.lines[2].symbol = makeMarker("FilledCircle", size=4.5, fillColor=ACCENT, strokeColor=ACCENT)
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = family
        axis.labels.fontSize = 7
        axis.labels.fillColor = MUTED
        axis.strokeColor = RULE
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = first, last
    plot.xValueAxis.valueSteps = _date_steps(first, last)
    plot.xValueAxis.labelTextFormat = month_label
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = low, high
    plot.yValueAxis.labelTextFormat = lambda v: number(v)
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e6e9ed")
    plot.yValueAxis.visibleGrid = 1
    d.add(plot)
    right = plot.x + plot.width + 3 * mm
    room = width - right  # the labels stay inside the margin, however long the unit

    def label(y: float, caption: str, value: str, colour) -> None:
        d.add(String(right, y + 1.5, caption, fontName=fonts.BOLD, fontSize=7, fillColor=colour))
        d.add(
            String(
                right,
                y - 6.5,
                fit_text(value, family, 7, room),
                fontName=family,
                fontSize=7,
                fillColor=colour,
            )
        )

    def y_of(value: float) -> float:
        return plot.y + (value - low) / (high - low) * plot.height

    ys = {"target": y_of(b.target), "baseline": y_of(b.baseline)}
    apart = 17  # two lines each
    if abs(ys["target"] - ys["baseline"]) < apart:
        ys["target" if b.target > b.baseline else "baseline"] += apart - abs(ys["target"] - ys["baseline"])
    label(ys["target"], _("Mål"), amount(b.target, b.unit), GOOD)
    label(ys["baseline"], _("Nullpunkt"), amount(b.baseline, b.unit), MUTED)
    d.add(String(plot.x, height - 4 * mm, plain(b.unit), fontName=family, fontSize=7, fillColor=MUTED))
    return d


def month_label(ordinal: float) -> str:
    """«feb. 2018»: a month on a chart's axis (a two-digit year would read as a day)."""
    day = date.fromordinal(int(ordinal))
    return f"{month_abbreviations()[day.month - 1]} {day.year}"


def _date_steps(first: int, last: int) -> list[int]:
    """Month starts between two ordinals, thinned to at most eight labels."""
    start = date.fromordinal(first)
    months = []
    y, m = start.year, start.month
    while True:
        day = date(y, m, 1).toordinal()
        if day > last:
            break
        if day >= first:
            months.append(day)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if not months:
        return [first, last]
    step = max(1, -(-len(months) // 8))
    return months[::step]


# --- photos -------------------------------------------------------------------------------------------------


def _photos(photos: Sequence[PhotoData], width, warnings: list[str]) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para(_("Bilder"), "h1")]
    cell_width = (width - 6 * mm) / 2
    cells = []
    for p in photos:
        cells.append(_photo_cell(p, cell_width, warnings))
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
    )
    for i in range(0, len(cells), 2):
        pair = cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2]))
        row = Table([pair], colWidths=[cell_width + 3 * mm] * 2, hAlign="LEFT", splitInRow=1, style=style)
        # A row of two photos with their captions and dates stays on one page (split only if taller).
        story.append(KeepTogether([row]))
    return story


def photo_name(p: PhotoData) -> str:
    """What a photo is called in a document and a warning: "caption (original file name)", either one, or
    "uten navn"; never where it is stored (the data folder's path, a hash). Warnings add the date it was
    added."""
    if p.caption and p.original_name:
        return f"{p.caption} ({p.original_name})"
    return p.caption or p.original_name or _("uten navn")


def _photo_cell(p: PhotoData, width: float, warnings: list[str]) -> list[Flowable]:
    name = photo_name(p)
    caption = para(p.caption or _("Uten bildetekst"), "small")
    added = para(format_date(p.added.date()), "muted")
    try:
        image = _image(p.path, width, 70 * mm)
    except Exception:  # noqa: BLE001 - any file problem: name it and go on
        reason = _("filen mangler") if not p.path.exists() else _("filen kan ikke leses")
        warnings.append(
            _("Bildet «{name}», lagt til {day}, ble ikke tatt med: {reason}.").format(
                name=name, day=format_date(p.added.date()), reason=reason
            )
        )
        box = Table(
            [[para(_("Bildet mangler: «{name}» ({reason}).").format(name=name, reason=reason), "small")]],
            colWidths=[width],
            splitInRow=1,
        )
        box.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                    ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("TOPPADDING", (0, 0), (-1, -1), 18),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 18),
                ]
            )
        )
        return [box, caption, added]
    return [image, caption, added]


def _image(path: Path, width: float, height: float) -> Image:
    """The photo downscaled and re-encoded in memory, fitted into width × height."""
    from PIL import Image as PillowImage

    with PillowImage.open(path) as source:
        source.load()
        picture = source.convert("RGB") if source.mode not in ("RGB", "L") else source.copy()
    picture.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    scale = min(width / picture.width, height / picture.height)
    return Image(buffer, picture.width * scale, picture.height * scale, hAlign="LEFT")


# --- next steps ---------------------------------------------------------------------------------------------


def _next_steps(data: GroupReport, session: SessionRun | None, prototypes, initiatives) -> list[Flowable]:
    items: list[str] = []
    for v in initiatives:
        if v.next_step.strip():
            items.append(f"<b>{text(v.title)}:</b> {text(v.next_step)}")
        for b in v.benefits:
            if not b.measurements:
                items.append(
                    text(
                        _("Mål gevinsten «{title}»: nullpunktet er satt, men den er ikke målt ennå.").format(
                            title=b.title
                        )
                    )
                )
    for p in prototypes:
        last = p.rounds[-1] if p.rounds else None
        if last is not None and last.decision is None:
            items.append(
                text(
                    _("Prototypen «{title}»: bestem om dere fortsetter, justerer eller stopper.").format(
                        title=p.title
                    )
                )
            )
    after = session.date if session is not None else data.made_on
    upcoming = [x for x in data.sessions if x.date > after or (session is None and x.date == after)]
    if upcoming:
        x = upcoming[0]
        where = f", {x.place}" if x.place else ""
        items.append(
            text(
                _("Neste samling: «{title}» {day}{where}.").format(
                    title=x.title, day=format_date(x.date), where=where
                )
            )
        )
    story: list[Flowable] = [CondPageBreak(25 * mm), Spacer(1, 4 * mm), para(_("Neste steg"), "h1")]
    if not items:
        story.append(para(_("Ingen neste steg er skrevet ennå."), "muted"))
        return story
    story += [markup(f"•&nbsp;&nbsp;{item}") for item in items]
    return story


# --- journey maps on A3 landscape ---------------------------------------------------------------------------


def _journeys(maps: Sequence[JourneyData], warnings: list[str]) -> list[Flowable]:
    story: list[Flowable] = list(to_landscape())
    width, _height = frame_size(LANDSCAPE)
    for n, m in enumerate(maps):
        if n:
            story.append(PageBreak())
        story.append(para(_("Brukerreise: {title}").format(title=m.title), "h1"))
        persona = m.journey.persona
        if persona.photo or persona.needs or persona.goals or persona.frustrations:
            story.append(para(m.kind, "muted"))
            story.append(_persona(m, width, warnings))
        else:
            bits = [m.kind]
            if persona.name:
                bits.append(f"{_('Persona')}: {persona.name}" + (f", {persona.role}" if persona.role else ""))
            if persona.quote:
                bits.append(persona.quote)
            story.append(para(" · ".join(bits), "muted"))
        for chunk in _step_chunks(m.journey, width):
            story.append(MapGrid(m.journey, chunk, width))
    story += to_portrait()
    return story


def _persona(m: JourneyData, width: float, warnings: list[str]) -> Table:
    """The persona in one row above its map: the picture, who it is and the quote, then needs, goals and
    frustrations side by side."""
    p = m.journey.persona
    cells: list[object] = []
    widths: list[float] = []
    if m.persona_picture is None and p.photo:
        warnings.append(
            _("Bildet av personaen i «{title}» ble ikke tatt med: filen mangler.").format(title=m.title)
        )
    if m.persona_picture is not None:
        try:
            cells.append(_image(m.persona_picture, 30 * mm, 36 * mm))
            widths.append(34 * mm)
        except Exception:  # noqa: BLE001 - any file problem: named in a warning, the rest is made
            warnings.append(
                _("Bildet av personaen i «{title}» ble ikke tatt med: filen kan ikke leses.").format(
                    title=m.title
                )
            )
    who = [para(p.name or _("Persona"), "head")]
    if p.role:
        who.append(para(p.role, "cell"))
    if p.quoted:
        who.append(para(p.quoted, "muted"))
    cells.append(who)
    for title, value in ((_("Behov"), p.needs), (_("Mål"), p.goals), (_("Frustrasjoner"), p.frustrations)):
        if value.strip():
            cells.append([para(title, "head"), para(value, "cell")])
    rest = (width - sum(widths)) / (len(cells) - len(widths))
    widths += [rest] * (len(cells) - len(widths))
    result = Table([cells], colWidths=widths, hAlign="LEFT", splitInRow=1)
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return result


MIN_COLUMN = 24 * mm
LABEL_COLUMN = 36 * mm


def _step_chunks(j: Journey, width: float) -> list[tuple[int, int]]:
    """Ranges of step indexes that fit across a page (a very long journey continues on the next page)."""
    count = len(j.steps)
    if count == 0:
        return [(0, 0)]
    per_page = max(1, int((width - LABEL_COLUMN) // MIN_COLUMN))
    return [(i, min(i + per_page, count)) for i in range(0, count, per_page)]


@cache
def _card_style(size: float) -> ParagraphStyle:
    return ParagraphStyle(f"card-{size}", parent=styles()["cell"], fontSize=size, leading=size * 1.2)


@cache
def _label_style(size: float, bold: bool = True, colour: str = "#1f2933") -> ParagraphStyle:
    return ParagraphStyle(
        f"label-{size}-{bold}-{colour}",
        parent=styles()["cell"],
        fontName=fonts.BOLD if bold else fonts.FAMILY,
        fontSize=size,
        leading=size * 1.2,
        textColor=colors.HexColor(colour),
    )


class MapGrid(Flowable):
    """A journey map (or a part of it) drawn as a grid: stages and steps across, the emotion curve, lanes
    down with their cards. The text size is the largest (10 pt down to 5.5 pt) at which the map fits the
    space left on the page; a map taller than a page even then continues on the next pages, lanes whole, in
    8 pt (it takes several pages anyway). A lane (or the header) taller than a whole page is cut at the
    page's foot and marked so."""

    SIZES = (10.0, 9.0, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
    SPLIT_SIZE = 8.0  # the type of a map that takes more than one page anyway
    PAD = 1.2 * mm
    GAP = 1.2 * mm

    def __init__(
        self,
        journey: Journey,
        steps: tuple[int, int],
        width: float,
        lanes: tuple[int, int] | None = None,
        curve: bool = True,
        size: float | None = None,
    ) -> None:
        super().__init__()
        self.journey = journey
        self.step_range = steps
        self.lane_range = lanes or (0, len(journey.lanes))
        self.curve = curve and any(s.emotion is not None for s in journey.steps)
        self.width = width
        self.fixed_size = size
        self._layout: dict | None = None
        self.limit: float | None = None  # the height it is cut at (a lane taller than a page)
        self._measured: dict[float, dict] = {}  # layouts by text size: wrap, split and draw share them

    # layout

    def _steps(self):
        return self.journey.steps[self.step_range[0] : self.step_range[1]]

    def _lanes(self):
        return self.journey.lanes[self.lane_range[0] : self.lane_range[1]]

    def _measure(self, size: float) -> dict:
        layout = self._measured.get(size)
        if layout is None:
            layout = self._measured[size] = self._lay_out(size)
        return layout

    def _lay_out(self, size: float) -> dict:
        steps = self._steps()
        first, last = self.step_range
        column = (self.width - LABEL_COLUMN) / max(1, len(steps))
        inner = column - 2 * self.PAD
        stage_paras = []
        position = 0
        for stage in self.journey.stages:
            span = [position + i for i in range(len(stage.steps)) if first <= position + i < last]
            position += len(stage.steps)
            if span:
                p = para(stage.title, _label_style(size + 0.5, True, "#ffffff"))
                p.wrap(len(span) * column - 2 * self.PAD, 1000)
                stage_paras.append((span, p))
        stage_h = max([p.height for _span, p in stage_paras] + [size * 1.2]) + 2.5 * mm
        step_paras = [para(s.title, _label_style(size, True)) for s in steps]
        step_h = max([p.wrap(inner, 1000)[1] for p in step_paras] + [size]) + 2 * self.PAD
        curve_h = 28 * mm if self.curve else 0
        lanes = []
        for lane in self._lanes():
            label = para(lane.title, _label_style(size, True))
            label_h = label.wrap(LABEL_COLUMN - 2 * self.PAD, 1000)[1]
            cells = []
            tallest = label_h
            for step in steps:
                cards = []
                used = 0.0
                for card in self.journey.cards_in(lane.id, step.id):
                    body = text(card.text)
                    if card.idea_id is not None:
                        body += f"<font color='#1d5f8a'> → {text(_('idé'))}</font>"
                    p = Paragraph(body, _card_style(size))
                    h = p.wrap(inner - 2 * self.PAD, 10000)[1] + 2 * self.PAD
                    cards.append((card, p, h))
                    used += h + self.GAP
                cells.append(cards)
                tallest = max(tallest, used - self.GAP if cards else 0)
            lanes.append((lane, label, cells, max(tallest + 2 * self.PAD, 10 * mm)))
        total = stage_h + step_h + curve_h + sum(h for *_rest, h in lanes)
        return {
            "size": size,
            "column": column,
            "stage_h": stage_h,
            "stage_paras": stage_paras,
            "step_h": step_h,
            "step_paras": step_paras,
            "curve_h": curve_h,
            "lanes": lanes,
            "height": total,
        }

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        sizes = (self.fixed_size,) if self.fixed_size else self.SIZES
        for size in sizes:
            layout = self._measure(size)
            if layout["height"] <= availHeight:
                break
        self._layout = layout
        if self.limit is not None:
            return self.width, min(layout["height"], self.limit)
        return self.width, layout["height"]

    def split(self, availWidth, availHeight):  # noqa: N803
        size = self.fixed_size or self.SIZES[-1]
        if not self.fixed_size and self._measure(size)["height"] > frame_size(LANDSCAPE)[1]:
            size = self.SPLIT_SIZE  # more than a page even in the smallest type: pages of readable type
        layout = self._measure(size)
        head = layout["stage_h"] + layout["step_h"] + layout["curve_h"]
        room = availHeight - head
        fit = 0
        for _lane, _label, _cells, h in layout["lanes"]:
            if h > room:
                break
            room -= h
            fit += 1
        lanes = self.lane_range
        if fit == 0:
            if availHeight < frame_size(LANDSCAPE)[1] * 0.5:
                return []  # start on a fresh page
            fit = 1  # one lane taller than a page: drawn as far as it goes
        first = MapGrid(
            self.journey, self.step_range, self.width, (lanes[0], lanes[0] + fit), self.curve, size
        )
        if first._measure(size)["height"] > availHeight:
            first.limit = availHeight
        rest = MapGrid(self.journey, self.step_range, self.width, (lanes[0] + fit, lanes[1]), False, size)
        return [first, rest] if lanes[0] + fit < lanes[1] else [first]

    # drawing

    def draw(self) -> None:
        layout = self._layout or self._measure(self.SIZES[0])
        c = self.canv
        shown = layout["height"] if self.limit is None else min(self.limit, layout["height"])
        c.saveState()
        if shown < layout["height"]:  # cut: what fits, then a note
            clip = c.beginPath()
            clip.rect(0, 0, self.width, shown)
            c.clipPath(clip, stroke=0, fill=0)
            c.translate(0, shown - layout["height"])
        self._draw(layout)
        c.restoreState()
        if shown < layout["height"]:
            c.saveState()
            note = _("… (for langt til å få plass på siden)")
            c.setFont(fonts.ITALIC, 7)
            w = c.stringWidth(note, fonts.ITALIC, 7) + 2 * mm
            c.setFillColor(colors.white)
            c.rect(self.width - w, 0, w, 4 * mm, fill=1, stroke=0)
            c.setFillColor(MUTED)
            c.drawRightString(self.width - 1 * mm, 1.2 * mm, note)
            c.restoreState()

    def _draw(self, layout: dict) -> None:
        c = self.canv
        steps = self._steps()
        column = layout["column"]
        top = layout["height"]
        pad = self.PAD
        c.saveState()
        # stages
        y = top - layout["stage_h"]
        first = self.step_range[0]
        for span, p in layout["stage_paras"]:
            x = LABEL_COLUMN + (span[0] - first) * column
            w = len(span) * column
            c.setFillColor(ACCENT)
            c.setStrokeColor(colors.white)
            c.rect(x, y, w, layout["stage_h"], fill=1, stroke=1)
            p.drawOn(c, x + pad, y + (layout["stage_h"] - p.height) / 2)
        # steps
        y -= layout["step_h"]
        c.setFillColor(SHADE)
        c.setStrokeColor(RULE)
        c.rect(LABEL_COLUMN, y, column * len(steps), layout["step_h"], fill=1, stroke=0)
        for i, p in enumerate(layout["step_paras"]):
            _w, h = p.wrap(column - 2 * pad, layout["step_h"])
            p.drawOn(c, LABEL_COLUMN + i * column + pad, y + layout["step_h"] - pad - h)
        # emotion curve
        if layout["curve_h"]:
            y -= layout["curve_h"]
            self._draw_curve(c, steps, y, layout)
        # lanes
        for n, (_lane, label, cells, h) in enumerate(layout["lanes"]):
            y -= h
            c.setFillColor(SHADE if n % 2 == 0 else colors.white)
            c.rect(0, y, self.width, h, fill=1, stroke=0)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.line(0, y, self.width, y)
            _w, lh = label.wrap(LABEL_COLUMN - 2 * pad, h)
            label.drawOn(c, pad, y + h - pad - lh)
            for i, cards in enumerate(cells):
                cy = y + h - pad
                x = LABEL_COLUMN + i * column + pad
                for card, p, ch in cards:
                    cy -= ch
                    c.setFillColor(CARD_FILL.get(card.colour, colors.white))
                    c.setStrokeColor(colors.HexColor("#b8c0c8"))
                    c.setLineWidth(0.4)
                    c.roundRect(x, cy, column - 2 * pad, ch, 1.2 * mm, fill=1, stroke=1)
                    p.drawOn(c, x + pad, cy + pad)  # wrapped at this width when measured
                    cy -= self.GAP
        # column rules
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        body_top = top - layout["stage_h"]
        for i in range(len(steps) + 1):
            x = LABEL_COLUMN + i * column
            c.line(x, 0, x, body_top)
        c.rect(0, 0, self.width, top, fill=0, stroke=1)
        c.restoreState()

    def _draw_curve(self, c, steps, y: float, layout: dict) -> None:
        h = layout["curve_h"]
        column = layout["column"]
        pad = self.PAD
        size = layout["size"]
        c.setFillColor(colors.white)
        c.rect(0, y, self.width, h, fill=1, stroke=0)
        label = para(_("Følelseskurve"), _label_style(size, True))
        _w, lh = label.wrap(LABEL_COLUMN - 2 * pad, h)
        label.drawOn(c, pad, y + h - pad - lh)
        low, high = y + 4 * mm, y + h - 4.5 * mm

        def level(value: int) -> float:
            return low + (value - EMOTION_MIN) / (EMOTION_MAX - EMOTION_MIN) * (high - low)

        c.setFont(fonts.FAMILY, 6.5)
        c.setFillColor(MUTED)
        for value, mark in ((2, "+2"), (0, "0"), (-2, "−2")):
            c.drawRightString(LABEL_COLUMN - pad, level(value) - 2, mark)
        c.setStrokeColor(RULE)
        c.setDash(2, 2)
        c.line(LABEL_COLUMN, level(0), LABEL_COLUMN + column * len(steps), level(0))
        c.setDash()
        points = [
            (LABEL_COLUMN + (i + 0.5) * column, level(s.emotion))
            for i, s in enumerate(steps)
            if s.emotion is not None
        ]
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.6)
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            c.line(x1, y1, x2, y2)
        for (x, yy), s in zip(points, [s for s in steps if s.emotion is not None], strict=True):
            colour = GOOD if s.emotion > 0 else colors.HexColor("#c62828") if s.emotion < 0 else MUTED
            c.setFillColor(colour)
            c.setStrokeColor(colors.white)
            c.circle(x, yy, 1.6 * mm, fill=1, stroke=1)
        c.setLineWidth(0.4)
