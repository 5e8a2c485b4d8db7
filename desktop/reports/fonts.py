"""The font every PDF uses: DejaVu Sans from ``resources/fonts`` (licence beside it), embedded in each file.

ReportLab's built-in Helvetica knows neither Sámi letters (čđŋšŧž) nor the en dash in every viewer; a TTF
registered with ReportLab is subset and embedded, so the page prints the same everywhere.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from desktop.paths import resources_dir

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


@cache
def register() -> str:
    """Register the family with ReportLab once; returns its name for styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY


@cache
def _glyphs() -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(register()).face.charToGlyph


def missing(value: str) -> set[str]:
    """The characters of ``value`` the font has no glyph for (they would print as empty boxes: emoji, most
    scripts DejaVu lacks); spaces and control characters are not counted."""
    glyphs = _glyphs()
    return {
        c
        for c in set(value)
        if ord(c) not in glyphs and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    }
