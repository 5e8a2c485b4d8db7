"""The voting result drawn for the wall: ideas ranked by dots, each with a bar and its count, large type."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from desktop.domain.ideas import Board, dots_count
from desktop.i18n import _

INK = "#1f2933"
MUTED = "#5b6670"
BAR = "#c0392b"
CHOSEN = "#1b7a3a"
MAX_ROWS = 10


def render_ranking(board: Board, width: int, height: int, title: str, voters: int = 0) -> QImage:
    """The top ideas by votes (at most ``MAX_ROWS``), for a room to read from the back row."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = width * 0.04
    title_font = QFont()
    title_font.setPixelSize(max(26, int(height / 16)))
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(QColor(INK))
    title_h = QFontMetricsF(title_font).height() * 1.4
    painter.drawText(
        QRectF(margin, margin / 2, width - 2 * margin, title_h), int(Qt.AlignmentFlag.AlignVCenter), title
    )

    small = QFont()
    small.setPixelSize(max(18, int(height / 30)))
    used = board.total_votes
    if board.counted:  # stickers on a paper wall: how many there were, not out of how many
        summary = dots_count(used)
    elif voters:
        summary = _("{used} av {total} prikker brukt").format(used=used, total=voters * board.dots)
    else:
        summary = ""
    ranking = [(idea, n) for idea, n in board.ranking()][:MAX_ROWS]
    top = margin / 2 + title_h
    bottom = height - margin / 2 - (QFontMetricsF(small).height() * 1.5 if summary else 0)
    if not ranking:
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        painter.drawText(
            QRectF(margin, top, width - 2 * margin, bottom - top),
            int(Qt.AlignmentFlag.AlignCenter),
            _("Ingen idéer ennå"),
        )
        painter.end()
        return image

    row_h = min((bottom - top) / len(ranking), height / 7)
    font = QFont()
    font.setPixelSize(max(20, int(row_h * 0.42)))
    metrics = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    most = max(1, max(n for _idea, n in ranking))
    text_w = (width - 2 * margin) * 0.55
    count_w = QFontMetricsF(bold).horizontalAdvance("0" * max(3, len(str(most))))
    bar_left = margin + text_w + 16
    bar_max = width - margin - bar_left - count_w - 12
    for row, (idea, votes) in enumerate(ranking):
        y = top + row * row_h
        painter.setFont(font)
        painter.setPen(QColor(CHOSEN if idea.chosen else INK))
        text = metrics.elidedText(
            ("✓ " if idea.chosen else "") + idea.text, Qt.TextElideMode.ElideRight, text_w
        )
        painter.drawText(QRectF(margin, y, text_w, row_h), int(Qt.AlignmentFlag.AlignVCenter), text)
        bar_w = bar_max * votes / most
        if votes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BAR))
            painter.drawRoundedRect(QRectF(bar_left, y + row_h * 0.2, bar_w, row_h * 0.6), 4, 4)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        painter.drawText(
            QRectF(bar_left + bar_w + 10, y, count_w + 10, row_h),
            int(Qt.AlignmentFlag.AlignVCenter),
            str(votes),
        )
    if summary:
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        painter.drawText(
            QRectF(margin, bottom, width - 2 * margin, height - bottom),
            int(Qt.AlignmentFlag.AlignVCenter),
            summary,
        )
    painter.end()
    return image
