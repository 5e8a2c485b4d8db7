"""Text broken into lines the way Qt lays it out: for the wall, the card grid and the sticky notes."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QTextLayout, QTextOption


def wrap_lines(text: str, font: QFont, width: int) -> list[str]:
    """The lines ``text`` takes at ``width`` with word wrap (a word longer than a line is broken)."""
    lines: list[str] = []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
    return lines


def fit_text(text: str, font: QFont, width: int, max_lines: int) -> str:
    """``text`` as is when it wraps to ``max_lines`` or fewer at ``width``; else its first lines, the last
    one cut with "…"."""
    lines = wrap_lines(text, font, width)
    if len(lines) <= max_lines:
        return text
    if max_lines <= 0:
        return ""
    kept = lines[: max_lines - 1]
    last = QFontMetrics(font).elidedText(f"{lines[max_lines - 1]} …", Qt.TextElideMode.ElideRight, width)
    return "\n".join([*kept, last])


def text_height(text: str, font: QFont, width: int) -> int:
    if not text:
        return 0
    return math.ceil(len(wrap_lines(text, font, width)) * QFontMetricsF(font).lineSpacing()) + 2


def clip_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """At most ``max_lines`` lines of ``text`` at ``width``; when more would be needed, the last line
    ends in "…" (white space, line breaks included, is read as single spaces)."""
    if max_lines <= 0 or width <= 0:
        return []
    text = " ".join(text.split())
    lines = [line for line in wrap_lines(text, font, int(width)) if line] if text else []
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [
            *lines[: max_lines - 1],
            QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, int(width)),
        ]
    return lines
