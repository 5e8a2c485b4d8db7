"""Page templates, paragraph styles and the small helpers every document uses; content lives elsewhere.

- Pages: A4 portrait for reading, A3 landscape for journey maps and wall-size worksheets; margins of
  15 mm, which every office printer keeps. Each page has a running head (the document's title) and a
  footer (what it is about, and "Side n").
- Text from users goes through ``text()`` (paragraphs), ``plain()`` or ``fit_text()`` (drawn strings):
  ReportLab's paragraph markup characters (&, <, >) print literally, line breaks stay line breaks, and words
  longer than a line are split (``splitLongWords``). Invisible joiners and emoji variation selectors are
  dropped (the font has no glyph for them: they would print as boxes); characters the font lacks (emoji)
  are collected while a document is made (``unprintable_noted``) and named in one warning.
- Output is deterministic (ReportLab's invariant mode: no clock time, fixed document id), so the same data
  gives the same bytes, and tests compare text, not time stamps.
- ``build`` is the one page template of every document: it takes the page sizes a document needs (A4 and A3,
  portrait and landscape) and, where a part of the document has its own running head, that part's ``Meta``.
  Frames have no padding, so content is exactly ``frame_size()`` wide and stays inside the margins. A text
  too long for any page is split across pages (table rows too); should something still not fit, it is a
  ``LupError`` naming the section, never a traceback.
- The running head and the footer are shortened with "…" to the room they have on the page.
- ``write_pdf`` writes to a temporary file beside the target and moves it into place: a failed export never
  leaves half a file, and a path that can't be written (a folder, a missing or read-only folder, a full
  disk) is a clear message in Norwegian. The file gets the permissions any new file gets (the umask).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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
from reportlab.platypus.doctemplate import LayoutError

from desktop.errors import DiskFullError, LupError
from desktop.file_errors import os_reason
from desktop.files import process_umask, replace_file
from desktop.i18n import _
from desktop.reports import fonts

MARGIN = 15 * mm
HEAD = 9 * mm  # room for the running head and the footer inside the margin band
HEAD_SIZE = 8  # the running head's and the footer's type size
ELLIPSIS = "…"
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


# Zero-width (non-)joiners and spaces, word joiner, byte order mark, variation selectors (the "emoji style"
# of ❤️): nothing to see, but without a glyph in the font each would print as a box.
INVISIBLE = str.maketrans(dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10)]))
_unprintable: ContextVar[set[str] | None] = ContextVar("unprintable", default=None)


def printable(value: object) -> str:
    """User text as the font prints it: invisible joiners and selectors dropped; characters the font has no
    glyph for are noted for ``unprintable_noted``."""
    result = ("" if value is None else str(value)).translate(INVISIBLE)
    seen = _unprintable.get()
    if seen is not None and not result.isascii():
        seen.update(fonts.missing(result))
    return result


@contextmanager
def unprintable_noted(warnings: list[str]) -> Iterator[None]:
    """While a document is made, note the characters of user text the font cannot print; afterwards one
    warning (Norwegian) names them."""
    seen: set[str] = set()
    token = _unprintable.set(seen)
    try:
        yield
    finally:
        _unprintable.reset(token)
    if seen:
        shown = sorted(seen)
        chars = " ".join(shown[:12]) + (" …" if len(shown) > 12 else "")
        warnings.append(
            _(
                "Noen tegn finnes ikke i skriften PDF-en bruker, og blir tomme ruter: {chars}. "
                "Bytt dem ut (for eksempel emoji med ord) om de skal med."
            ).format(chars=chars)
        )


def text(value: object) -> str:
    """User text as paragraph markup that prints exactly what was typed (markup characters escaped, line
    breaks kept)."""
    return escape(printable(value)).replace("\n", "<br/>")


def plain(value: object) -> str:
    """User text for a drawing's string (drawn as it is, no markup): one line."""
    return " ".join(printable(value).split())


def para(value: object, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of user text (``style``: a name of ``styles()`` or a style) that prints exactly what was
    typed. Text on one line skips ReportLab's markup parser: it becomes the one fragment the parser would
    make of it. That is several times faster to make, and an ``&`` or ``<`` no longer splits it into
    fragments that take ReportLab's slower line breaking; the page is the same."""
    style = styles()[style] if isinstance(style, str) else style
    value = printable(value)
    if "\n" in value or not value.strip():
        return Paragraph(text(value), style)
    return Paragraph(value, style, frags=[_fragment(style, value)])


_templates: WeakKeyDictionary[ParagraphStyle, object] = WeakKeyDictionary()  # go with their style


def _fragment(style: ParagraphStyle, value: str):
    """The fragment ReportLab's parser makes of plain text in ``style``, holding ``value``."""
    template = _templates.get(style)
    if template is None:
        template = _templates[style] = Paragraph("x", style).frags[0]
    fragment = template.clone(text=value)
    for name, attribute in vars(template).items():  # lists the parser gives each fragment of its own
        if isinstance(attribute, list):
            setattr(fragment, name, list(attribute))
    return fragment


def markup(source: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup (bold labels and the like); anything a user typed inside it must have
    gone through ``text()``."""
    return Paragraph(source, styles()[style])


CELL_PAD = 4  # a table cell's padding left and right
LEAST_NUMBER_SIZE = 6.5  # the smallest type a figure is set in to keep it whole


def _number_style(value: str, room: float) -> ParagraphStyle:
    """The number style, in smaller type where a figure (digits held together by no-break spaces) is wider
    than its column: ReportLab would break it between digits (13 750 000,5 over two lines)."""
    s = styles()["number"]
    words = value.replace("\n", " ").split(" ")  # not at the no-break spaces (str.split would)
    widest = max((stringWidth(word, s.fontName, s.fontSize) for word in words), default=0.0)
    if widest <= room:
        return s
    size = max(LEAST_NUMBER_SIZE, int(2 * s.fontSize * room / widest) / 2)  # in half points
    return _smaller_number(size)


@cache
def _smaller_number(size: float) -> ParagraphStyle:
    return ParagraphStyle(f"number-{size}", parent=styles()["number"], fontSize=size, leading=size * 1.28)


TALL_ROW = 200  # points (a third of an A4 page's frame): a row this tall is split at a page's foot
LEAST_PART = 36  # points: the least of a split row left at a page's foot (about three lines)


class HeadedTable(Table):
    """A table whose header row repeats on every page, split between rows; a tall row that meets a page's
    foot is split there, and a row taller than a whole page wherever it must. ReportLab split inside any
    row in whatever room was left at the foot of a page, so the header was printed again above the first
    few lines of the next row, in the middle of the page."""

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self._calc(availWidth, availHeight)
        heights, used, crossing = self._rowHeights, 0.0, None
        for index, height in enumerate(heights):
            if used + height > availHeight:
                crossing = index
                break
            used += height
        if crossing is not None and crossing >= 1 and heights[crossing] > TALL_ROW:
            parts = self._splitRows(availHeight, doInRowSplit=True)  # the tall row, split at the foot
            if parts:
                return parts
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return parts
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop:  # a row taller than a whole page
            return self._splitRows(availHeight, doInRowSplit=True)
        return []  # the next row goes whole to the next page


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
        if header and row == 0:
            return para(value, s["head"])
        if column in numbers:
            return para(value, _number_style(str(value), widths[column] - 2 * CELL_PAD))
        return para(value, s["cell"])

    data = [[cell(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    if header:
        result = HeadedTable(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=LEAST_PART)
    else:
        result = Table(data, colWidths=list(widths), hAlign="LEFT", splitInRow=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),  # ReportLab would name Helvetica (not embedded)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    result.setStyle(TableStyle(commands))
    return result


def facts(rows: Sequence[tuple[str, object]], width: float) -> Table:
    """Label–value pairs (a cover's or a card's facts) in two columns, labels muted."""
    s = styles()
    data = [[para(label, s["muted"]), para(value, s["body"])] for label, value in rows]
    result = Table(data, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT", splitInRow=1)
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


def frame_size(template: str | tuple[float, float] = PORTRAIT) -> tuple[float, float]:
    """The width and height content has on a page of ``template`` (a name of ``PAGE_SIZES`` or a size)."""
    width, height = PAGE_SIZES[template] if isinstance(template, str) else template
    return width - 2 * MARGIN, height - 2 * MARGIN - 2 * HEAD


def longest_prefix(ends: Sequence[int], fits: Callable[[int], bool]) -> int:
    """The largest of ``ends`` (ascending) for which ``fits(end)`` holds, found by halving (a longer start
    of a text never takes less room); 0 when none does."""
    low, high = 0, len(ends)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(ends[middle - 1]):
            low = middle
        else:
            high = middle - 1
    return ends[low - 1] if low else 0


def fit_text(value: str, font: str, size: float, room: float) -> str:
    """``value`` as it fits ``room`` points in ``font`` at ``size``: whole, or shortened with "…"."""
    value = printable(value)
    if stringWidth(value, font, size) <= room:
        return value
    low = longest_prefix(  # the longest start that fits with the ellipsis
        range(1, len(value) + 1), lambda end: stringWidth(value[:end].rstrip() + ELLIPSIS, font, size) <= room
    )
    return (
        value[:low].rstrip() + ELLIPSIS
        if low
        else (ELLIPSIS if stringWidth(ELLIPSIS, font, size) <= room else "")
    )


@dataclass(frozen=True)
class Meta:
    title: str  # the running head and the PDF's title
    footer: str  # what the document is about (a group, a cohort), left in the footer
    subject: str = ""


class _Document(BaseDocTemplate):
    """Remembers the section being laid out (its last heading) and every page's size."""

    SECTION_STYLES = frozenset({"title", "h1", "ws-title"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.section = ""
        self.page_sizes: list[tuple[float, float]] = []

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - ReportLab's name
        style = getattr(flowable, "style", None)
        if isinstance(flowable, Paragraph) and getattr(style, "name", "") in self.SECTION_STYLES:
            self.section = " ".join(flowable.getPlainText().split())


def build(
    out: str | Path | IO[bytes],
    story: list[Flowable],
    meta: Meta,
    sizes: Mapping[str, tuple[float, float]] | None = None,
    heads: Mapping[str, Meta] | None = None,
) -> list[tuple[float, float]]:
    """Lay out ``story`` into ``out`` (a path or a binary file) on one page template per entry of ``sizes``
    (template id → page size; by default ``PAGE_SIZES``: A4 portrait and A3 landscape); the first starts the
    document, ``NextPageTemplate(id)`` switches. ``heads`` gives a template its own running head and footer
    (default ``meta``). Returns the size of every page, in order. Content too large for any page is a
    ``LupError`` naming the section it is in."""
    fonts.register()
    sizes = dict(sizes or PAGE_SIZES)
    heads = heads or {}
    first = next(iter(sizes.values()))
    doc = _Document(
        out if not isinstance(out, Path) else str(out),
        pagesize=first,
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
    doc.addPageTemplates([_template(name, size, heads.get(name, meta)) for name, size in sizes.items()])
    try:
        doc.build(story)
    except LayoutError as exc:
        if doc.section:
            message = _(
                "PDF-en kunne ikke lages: noe i delen «{section}» er for stort til å få plass på en side "
                "(side {page}). Gjør teksten eller bildet mindre og prøv igjen."
            ).format(section=fit_text(doc.section, fonts.FAMILY, 10, 300), page=doc.page)
        else:
            message = _(
                "PDF-en kunne ikke lages: noe er for stort til å få plass på en side (side {page}). "
                "Gjør teksten eller bildet mindre og prøv igjen."
            ).format(page=doc.page)
        raise LupError(message) from exc
    return doc.page_sizes


def _template(name: str, size: tuple[float, float], meta: Meta) -> PageTemplate:
    width, height = size
    frame = Frame(
        MARGIN,
        MARGIN + HEAD,
        width - 2 * MARGIN,
        height - 2 * MARGIN - 2 * HEAD,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
        showBoundary=0,
    )

    def decorate(canvas, doc) -> None:
        if isinstance(doc, _Document):
            doc.page_sizes.append((width, height))
        room = width - 2 * MARGIN
        page = _("Side {n}").format(n=doc.page)
        page_width = stringWidth(page, fonts.FAMILY, HEAD_SIZE)
        canvas.saveState()
        canvas.setFont(fonts.FAMILY, HEAD_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN, height - MARGIN - 3 * mm, fit_text(meta.title, fonts.FAMILY, HEAD_SIZE, room)
        )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, height - MARGIN - 5 * mm, width - MARGIN, height - MARGIN - 5 * mm)
        canvas.line(MARGIN, MARGIN + 5 * mm, width - MARGIN, MARGIN + 5 * mm)
        footer = fit_text(meta.footer, fonts.FAMILY, HEAD_SIZE, room - page_width - 6 * mm)
        canvas.drawString(MARGIN, MARGIN + 1.5 * mm, footer)
        canvas.drawRightString(width - MARGIN, MARGIN + 1.5 * mm, page)
        canvas.restoreState()

    return PageTemplate(id=name, frames=[frame], pagesize=(width, height), onPage=decorate)


def path_problem(path: str | Path) -> str:
    """ "" when a PDF can be written to ``path`` as far as can be told before trying, else why not: no
    name, a folder, or a folder on the way that is a file."""
    if not str(path).strip():
        return _("Ingen fil er oppgitt. Oppgi et filnavn, for eksempel oppsummering.pdf.")
    target = Path(path).expanduser()
    try:
        if target.is_dir():
            return _("{path} er en mappe. Oppgi et filnavn i mappen, for eksempel {example}.").format(
                path=target, example=target / "oppsummering.pdf"
            )
        for folder in target.parents:
            if folder.exists():
                if not folder.is_dir():
                    return _(
                        "Kan ikke skrive PDF-en til {folder}: {blocker} er en fil, ikke en mappe. "
                        "Velg en annen mappe."
                    ).format(folder=target.parent, blocker=folder)
                break
    except OSError as exc:  # a name too long for the file system, say (Python 3.11 does not swallow it)
        return _("Kan ikke skrive PDF-en til {path}: {reason}.").format(path=target, reason=os_reason(exc))
    return ""


def _pdf_disk_full() -> str:
    return _("Disken er full, så PDF-en ble ikke lagret. Frigjør plass og prøv igjen.")


def write_pdf(path: str | Path, make: Callable[[IO[bytes]], None]) -> Path:
    """Run ``make`` into a temporary file beside ``path`` and move it into place; a path that can't be
    written, or a full disk, is a clear message and leaves any earlier file as it was."""
    problem = path_problem(path)
    if problem:
        raise LupError(problem)
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".lup-", suffix=".pdf", dir=folder)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(_pdf_disk_full()) from exc
        raise LupError(
            _("Kan ikke skrive PDF-en til {folder}: {reason}. Velg en annen mappe.").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            make(out)
        os.chmod(temporary, 0o666 & ~process_umask())  # mkstemp makes it private (0600)
        replace_file(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(_pdf_disk_full()) from exc
        if exc.errno in (errno.EACCES, errno.EPERM) and target.exists() and os.access(folder, os.W_OK):
            # The folder can be written, the file cannot be replaced: held open (Windows, a PDF reader).
            raise LupError(
                _(
                    "Kan ikke lagre {path}: filen er kanskje åpen i et annet program (en PDF-leser?). "
                    "Lukk den og prøv igjen."
                ).format(path=target)
            ) from exc
        raise LupError(
            _("Kan ikke lagre {path}: {reason}.").format(path=target, reason=os_reason(exc))
        ) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
