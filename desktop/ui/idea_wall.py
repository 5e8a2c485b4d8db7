"""The voting result drawn for the wall: ideas ranked by dots, each with a bar and its count, large type."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from desktop.domain.ideas import Board, dots_count
from desktop.i18n import _
from desktop.ui.text_layout import clip_lines

INK = "#1f2933"
MUTED = "#5b6670"
BAR = "#c0392b"
CHOSEN = "#1b7a3a"
MAX_ROWS = 10  # and the ideas tied with the tenth, up to TIED_ROWS
TIED_ROWS = 15


def _shown(ranking: list) -> tuple[list, list]:
    """The rows for the wall and the rest: the first ``MAX_ROWS`` and every idea with as many dots as the
    last of them (a tie is not cut in two), up to ``TIED_ROWS``."""
    ranking = list(ranking)
    shown = ranking[:MAX_ROWS]
    if len(shown) == MAX_ROWS and shown[-1][1] > 0:
        last = shown[-1][1]
        shown += [entry for entry in ranking[MAX_ROWS:TIED_ROWS] if entry[1] == last]
    return shown, ranking[len(shown) :]


def _rest_text(rest: list) -> str:
    """What the wall does not show: «3 idéer til (1 med prikker)»."""
    voted = sum(1 for _idea, n in rest if n)
    more = _("1 idé til") if len(rest) == 1 else _("{n} idéer til").format(n=len(rest))
    return _("{more} ({voted} med prikker)").format(more=more, voted=voted) if voted else more


def render_ranking(
    board: Board, width: int, height: int, title: str, voters: int = 0, hidden: bool = False
) -> QImage:
    """The top ideas by votes (at most ``MAX_ROWS``), for a room to read from the back row; ``hidden``:
    only that the voting goes on and how many dots are used, so that nobody follows the others' dots."""
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
    if hidden:
        big = QFont(title_font)
        big.setPixelSize(max(30, int(height / 10)))
        painter.setFont(big)
        body = QRectF(margin, margin / 2 + title_h, width - 2 * margin, height - margin - title_h)
        painter.drawText(body, int(Qt.AlignmentFlag.AlignCenter), _("Stemmingen pågår"))
        if summary:
            count_font = QFont(small)
            count_font.setPixelSize(max(24, int(height / 18)))
            painter.setFont(count_font)
            painter.setPen(QColor(MUTED))
            under = QRectF(body.left(), body.center().y() + big.pixelSize(), body.width(), body.height() / 4)
            painter.drawText(under, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), summary)
        painter.end()
        return image
    ranking, rest = _shown(board.ranking())
    if rest:
        more = _rest_text(rest)
        summary = f"{summary} · {more}" if summary else more
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
    two = QFont(font)  # a text too long for one line gets two, a little smaller
    two.setPixelSize(max(18, min(font.pixelSize(), int(row_h * 0.36))))
    for row, (idea, votes) in enumerate(ranking):
        y = top + row * row_h
        painter.setPen(QColor(CHOSEN if idea.chosen else INK))
        text = ("✓ " if idea.chosen else "") + " ".join(idea.text.split())
        if metrics.horizontalAdvance(text) <= text_w:
            painter.setFont(font)
            lines = [text]
        else:
            painter.setFont(two)
            spacing = QFontMetricsF(two).lineSpacing()
            lines = clip_lines(text, two, text_w, 2 if 2 * spacing <= row_h * 0.95 else 1)
        painter.drawText(
            QRectF(margin, y, text_w, row_h), int(Qt.AlignmentFlag.AlignVCenter), "\n".join(lines)
        )
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
