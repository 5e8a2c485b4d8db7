"""Page templates, paragraph styles and the small helpers every document uses; content lives elsewhere.

- Pages: A4 portrait for reading, A3 landscape for journey maps and wall-size worksheets; margins of
  15 mm, which every office printer keeps. Each page has a running head (the document's title) and a
  footer (what it is about, and "Side n").
- Text from users goes through ``text()``: ReportLab's paragraph markup characters (&, <, >) print
  literally, line breaks stay line breaks, and words longer than a line are split (``splitLongWords``).
- Output is deterministic (ReportLab's invariant mode: no clock time, fixed document id), so the same data
  gives the same bytes, and tests compare text, not time stamps.
- ``write_pdf`` writes to a temporary file beside the target and moves it into place: a failed export never
  leaves half a file, and a folder that can't be written is a clear message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from desktop.errors import DiskFullError, LupError
from desktop.i18n import _
from desktop.reports import fonts

MARGIN = 15 * mm
HEAD = 9 * mm  # room for the running head and the footer inside the margin band
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5b6670")
ACCENT = colors.HexColor("#1d5f8a")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#f1f4f7")

PORTRAIT = "a4"
LANDSCAPE = "a3"
PAGE_SIZES = {PORTRAIT: A4, LANDSCAPE: landscape(A3)}


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, by name: title, subtitle, h1, h2, h3, body, small, muted, cell, head, big."""
    family = fonts.register()
    base = ParagraphStyle(
        "body",
        fontName=family,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=4,
        splitLongWords=True,
        alignment=TA_LEFT,
    )

    def derive(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "title": derive(
            "title", fontName=fonts.BOLD, fontSize=24, leading=29, spaceAfter=8, textColor=ACCENT
        ),
        "subtitle": derive("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=14),
        "h1": derive("h1", fontName=fonts.BOLD, fontSize=16, leading=20, spaceBefore=10, spaceAfter=6),
        "h2": derive("h2", fontName=fonts.BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4),
        "h3": derive("h3", fontName=fonts.BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "small": derive("small", fontSize=8.5, leading=11),
        "muted": derive("muted", fontSize=9, leading=12, textColor=MUTED),
        "cell": derive("cell", fontSize=9, leading=11.5, spaceAfter=0),
        "head": derive("head", fontName=fonts.BOLD, fontSize=9, leading=11.5, spaceAfter=0),
        "number": derive("number", fontSize=9, leading=11.5, spaceAfter=0, alignment=TA_RIGHT),
        "big": derive("big", fontName=fonts.BOLD, fontSize=20, leading=24, spaceAfter=2),
    }


def text(value: object) -> str:
    """User text as paragraph markup that prints exactly what was typed (markup characters escaped, line
    breaks kept)."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def para(value: object, style: str = "body") -> Paragraph:
    return Paragraph(text(value), styles()[style])


def markup(source: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup (bold labels and the like); anything a user typed inside it must have
    gone through ``text()``."""
    return Paragraph(source, styles()[style])


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    header: bool = True,
    numbers: Sequence[int] = (),
) -> Table:
    """A table of plain values (strings are escaped and wrap inside their cell); ``numbers`` are the
    columns set right-aligned. The header row repeats on every page."""
    s = styles()

    def cell(value: object, row: int, column: int) -> Flowable:
        if isinstance(value, Flowable):
            return value
        style = "head" if header and row == 0 else "number" if column in numbers else "cell"
        return Paragraph(text(value), s[style])

    data = [[cell(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    result = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),  # ReportLab would name Helvetica (not embedded)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    result.setStyle(TableStyle(commands))
    return result


def facts(rows: Sequence[tuple[str, object]], width: float) -> Table:
    """Label–value pairs (a cover's or a card's facts) in two columns, labels muted."""
    s = styles()
    data = [[Paragraph(text(label), s["muted"]), Paragraph(text(value), s["body"])] for label, value in rows]
    result = Table(data, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def to_landscape() -> list[Flowable]:
    """What starts the next content on an A3 landscape page."""
    return [NextPageTemplate(LANDSCAPE), PageBreak()]


def to_portrait() -> list[Flowable]:
    return [NextPageTemplate(PORTRAIT), PageBreak()]


def frame_size(template: str = PORTRAIT) -> tuple[float, float]:
    """The width and height content has on a page of ``template``."""
    width, height = PAGE_SIZES[template]
    return width - 2 * MARGIN, height - 2 * MARGIN - 2 * HEAD


@dataclass(frozen=True)
class Meta:
    title: str  # the running head and the PDF's title
    footer: str  # what the document is about (a group, a cohort), left in the footer
    subject: str = ""


def build(out: str | Path | IO[bytes], story: list[Flowable], meta: Meta, first: str = PORTRAIT) -> None:
    """Lay out ``story`` on the page templates into ``out`` (a path or a binary file)."""
    fonts.register()
    doc = BaseDocTemplate(
        out if not isinstance(out, Path) else str(out),
        pagesize=PAGE_SIZES[first],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEAD,
        bottomMargin=MARGIN + HEAD,
        title=meta.title,
        subject=meta.subject,
        author="LUP Verksted",
        creator="LUP Verksted",
        producer="LUP Verksted",
        invariant=1,
        initialFontName=fonts.FAMILY,  # else every page names Helvetica, a font that is not embedded
    )
    templates = [_template(first, meta)] + [_template(name, meta) for name in PAGE_SIZES if name != first]
    doc.addPageTemplates(templates)
    doc.build(story)


def _template(name: str, meta: Meta) -> PageTemplate:
    width, height = PAGE_SIZES[name]
    frame = Frame(
        MARGIN, MARGIN + HEAD, width - 2 * MARGIN, height - 2 * MARGIN - 2 * HEAD, id=name, showBoundary=0
    )

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.FAMILY, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, height - MARGIN - 3 * mm, meta.title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, height - MARGIN - 5 * mm, width - MARGIN, height - MARGIN - 5 * mm)
        canvas.line(MARGIN, MARGIN + 5 * mm, width - MARGIN, MARGIN + 5 * mm)
        canvas.drawString(MARGIN, MARGIN + 1.5 * mm, meta.footer)
        canvas.drawRightString(width - MARGIN, MARGIN + 1.5 * mm, _("Side {n}").format(n=doc.page))
        canvas.restoreState()

    return PageTemplate(id=name, frames=[frame], pagesize=(width, height), onPage=decorate)


def write_pdf(path: str | Path, make: Callable[[IO[bytes]], None]) -> Path:
    """Run ``make`` into a temporary file beside ``path`` and move it into place; a folder that can't be
    written, or a full disk, is a clear message and leaves any earlier file as it was."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".lup-", suffix=".pdf", dir=folder)
    except OSError as exc:
        raise LupError(
            _("Kan ikke skrive PDF-en til {folder}: {reason}. Velg en annen mappe.").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            make(out)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        if exc.errno == 28:  # ENOSPC
            raise DiskFullError() from exc
        raise LupError(
            _("Kan ikke lagre {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
