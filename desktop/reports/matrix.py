"""The impact/effort matrix on paper: its four fields, axes and names (the summary's chart of a group's ideas,
and the blank A3 worksheet the ideas are placed on in the room), and markers kept apart so none hides another.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.domain.ideas import Quadrant
from desktop.i18n import _
from desktop.reports import fonts
from desktop.reports.layout import INK, MUTED

# The fields' tints, as on the idea board's matrix: (column, row) from the lower left.
FIELDS = (
    (0, 1, Quadrant.QUICK_WINS, colors.HexColor("#e6f4ea")),
    (1, 1, Quadrant.BIG_BETS, colors.HexColor("#e8f0fb")),
    (0, 0, Quadrant.SMALL_STEPS, colors.HexColor("#f4f4f4")),
    (1, 0, Quadrant.MONEY_PITS, colors.HexColor("#fbeaea")),
)


Box = tuple[float, float, float, float]
BACKING = colors.Color(1, 1, 1, alpha=0.85)  # behind a field's name over the markers


def matrix_drawing(
    width: float,
    height: float,
    margin: float,
    size: float,
    axes: tuple[str, str] | None = None,
    marks: Callable[[Box], Iterable[Shape]] | None = None,
) -> tuple[Drawing, Box]:
    """A drawing ``width`` × ``height`` with the matrix in it, ``margin`` left and below for the axis names
    (``axes``: the horizontal and the vertical one; by default «Innsats →» and «Effekt →»), the fields'
    names at type ``size``. ``marks`` gives the shapes on the fields (the ideas' markers) from the matrix's
    box; the fields' names are drawn over them, on a white backing, so that they stay readable. Returns the
    drawing and the matrix's box (x, y, width, height)."""
    horizontal, vertical = axes or (_("Innsats →"), _("Effekt →"))
    d = Drawing(width, height)
    d.initialFontName = fonts.register()
    d.initialFontSize = size
    x0, y0, w, h = margin, margin, width - margin, height - margin
    for column, row, _quadrant, tint in FIELDS:
        d.add(Rect(x0 + column * w / 2, y0 + row * h / 2, w / 2, h / 2, fillColor=tint, strokeColor=None))
    d.add(Rect(x0, y0, w, h, fillColor=None, strokeColor=MUTED, strokeWidth=0.8))
    d.add(Line(x0 + w / 2, y0, x0 + w / 2, y0 + h, strokeColor=MUTED, strokeWidth=0.5))
    d.add(Line(x0, y0 + h / 2, x0 + w, y0 + h / 2, strokeColor=MUTED, strokeWidth=0.5))
    if marks is not None:
        for shape in marks((x0, y0, w, h)):
            d.add(shape)
    inset = size * 0.7
    for column, row, quadrant, _tint in FIELDS:
        x = x0 + inset if column == 0 else x0 + w - inset
        y = y0 + h - inset - size if row == 1 else y0 + inset
        if marks is not None:
            room = stringWidth(quadrant.label, fonts.BOLD, size)
            pad = size * 0.25
            left = x if column == 0 else x - room
            d.add(
                Rect(
                    left - pad,
                    y - size * 0.3,
                    room + 2 * pad,
                    size * 1.3,
                    rx=pad,
                    ry=pad,
                    fillColor=BACKING,
                    strokeColor=None,
                )
            )
        d.add(
            String(
                x,
                y,
                quadrant.label,
                fontName=fonts.BOLD,
                fontSize=size,
                fillColor=MUTED,
                textAnchor="start" if column == 0 else "end",
            )
        )
    d.add(
        String(
            x0 + w / 2,
            margin * 0.3,
            horizontal,
            fontName=fonts.FAMILY,
            fontSize=size,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    turned = Group(
        String(0, 0, vertical, fontName=fonts.FAMILY, fontSize=size, fillColor=INK, textAnchor="middle")
    )
    turned.translate(margin * 0.3 + size * 0.8, y0 + h / 2)
    turned.rotate(90)
    d.add(turned)
    return d, (x0, y0, w, h)


def spread(points: Sequence[tuple[float, float]], radius: float, box: tuple[float, float, float, float]):
    """``points`` (marker centres) moved apart as little as needed so that no two markers of ``radius``
    overlap, each kept inside its own field of ``box`` (x, y, width, height; a point on a midline belongs to
    the field above or right of it, as an idea at 0.5 does). When a field holds more markers than it has room
    for, some still overlap. The same points give the same result."""
    x0, y0, w, h = box
    mid_x, mid_y = x0 + w / 2, y0 + h / 2
    fields = [
        (
            (mid_x, x0 + w) if x >= mid_x else (x0, mid_x),
            (mid_y, y0 + h) if y >= mid_y else (y0, mid_y),
        )
        for x, y in points
    ]
    placed = [[x, y] for x, y in points]
    least = 2 * radius + 0.5

    def keep_to_fields() -> None:
        for p, ((left, right), (low, high)) in zip(placed, fields, strict=True):
            p[0] = min(max(p[0], left + radius), right - radius)
            p[1] = min(max(p[1], low + radius), high - radius)

    keep_to_fields()
    for _round in range(300):
        moved = False
        for i in range(len(placed)):
            for j in range(i + 1, len(placed)):
                dx = placed[j][0] - placed[i][0]
                dy = placed[j][1] - placed[i][1]
                distance = math.hypot(dx, dy)
                if distance >= least:
                    continue
                if distance < 1e-6:  # on top of each other: apart along a fixed direction per pair
                    angle = (i * 7 + j * 13) % 12 * math.pi / 6
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (least - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                placed[i][0] -= ux * push
                placed[i][1] -= uy * push
                placed[j][0] += ux * push
                placed[j][1] += uy * push
                moved = True
        if not moved:
            break
        keep_to_fields()
    return [(x, y) for x, y in placed]
