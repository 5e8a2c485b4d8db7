"""The projection window: what the room sees on the wall while a session runs.

Full screen on the second screen when there is one (the facilitator can pick another; the choice is
remembered), a 16:9 window otherwise. It shows the current block's title, a large countdown, the block's
projector text and the next block; or a method/prototype card. Nothing private is ever shown here: no
notes, no ahead/behind; the laptop keeps those and the controls.

Readable from the back row: every size follows the window's height. The countdown's digits are 28 % of it,
every other text at least 32 px (4.5–8 % of the height), white and yellow on near-black, and the countdown
turns orange, then red, as the block's time runs out. Text is always shown literally (plain text, never
markup); what does not fit is cut with "…" instead of pushing the countdown off the wall.

Keys on this window (the laptop's run controls also work here, as application shortcuts):

- **B** blacks the wall out (everything black) and back;
- **F** freezes what is shown (updates are kept and shown on unfreezing) and back;
- **Escape** leaves full screen, **F11** switches between full screen and a window.

The run's keys reach this window as the run controller's application shortcuts. When it has shortcuts on
B and F, Qt gives the key to the shortcut and this window never sees it, so a key never toggles twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.i18n import _
from desktop.ui.settings import Setting, Settings
from desktop.ui.text_layout import fit_text, text_height, wrap_lines

PROJECTION_SCREEN = Setting("projection/screen", "", str)  # QScreen.name() the facilitator picked

# The theme: high contrast on near-black; pure black when blacked out.
BACKGROUND = "#0d0f14"
BLACKOUT = "#000000"
HEADING_COLOUR = "#b4bac6"
TITLE_COLOUR = "#ffd60a"
TEXT_COLOUR = "#f4f5f7"
RULE_COLOUR = "#2c313c"
LEVEL_COLOURS = {
    "normal": "#ffffff",
    "warning": "#ff9f1a",
    "critical": "#ff3b30",
    "overrun": "#ff3b30",
}

# Sizes as shares of the window's height; no text but the countdown is ever below MIN_PX.
MIN_PX = 32
COUNTDOWN_DIGITS = 0.28  # rendered height of "88:88"
HEADING_SHARE = 0.045
TITLE_SHARE = 0.08
TEXT_SHARE = 0.06
TEXT_MIN_SHARE = 0.045
NEXT_SHARE = 0.05
CARD_TITLE_SHARE = 0.085
MAX_COLUMNS = 3  # a card with many sections (a prototype's BLT card) spreads over up to three
CARD_TEXT_SHARE = 0.07
WINDOW_SIZE = QSize(1280, 720)


class WallSection(NamedTuple):
    """A section of a card on the wall: its heading (empty: it goes on from the section before) and text;
    ``step`` marks one of a method's steps, which the wall keeps longest (tips and materials give way)."""

    heading: str
    text: str
    step: bool = False


@dataclass(frozen=True)
class ProjectionState:
    title: str = ""  # current block title
    countdown: str = ""  # e.g. "12:34" or "+01:05" (overrun); formatted by the caller
    level: str = "normal"  # "normal" | "warning" | "critical" | "overrun"
    next_title: str = ""  # "" when last
    text: str = ""  # the block's projector text (may have \n)
    heading: str = ""  # small line at top, e.g. session title + clock time


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    width: int
    height: int
    primary: bool

    @property
    def label(self) -> str:
        """How the screen is named in a menu."""
        if self.primary:
            return _("{name} ({width} × {height}, hovedskjerm)").format(
                name=self.name, width=self.width, height=self.height
            )
        return _("{name} ({width} × {height})").format(name=self.name, width=self.width, height=self.height)


def screen_info(screen: QScreen) -> ScreenInfo:
    size = screen.geometry().size()
    return ScreenInfo(screen.name(), size.width(), size.height(), screen is QGuiApplication.primaryScreen())


def choose_screen(screens: Sequence[ScreenInfo], saved: str) -> tuple[int, bool]:
    """Which screen (index) to use and whether full screen: the saved screen if present and not the only
    one; else with two or more screens the first non-primary one; with one screen the primary, windowed
    (False)."""
    if len(screens) <= 1:
        return 0, False
    for index, screen in enumerate(screens):
        if saved and screen.name == saved:
            return index, True
    return next((i for i, s in enumerate(screens) if not s.primary), 0), True


# --- text fitting ---------------------------------------------------------------------------------------


# --- widgets --------------------------------------------------------------------------------------------


def _font(pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(max(1, pixels))
    font.setWeight(weight)
    return font


def _label(name: str, colour: str, align: Qt.AlignmentFlag, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    _set_colour(label, colour)
    return label


def _set_colour(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


class CountdownLabel(QLabel):
    """The countdown, drawn so its digits fill the label: centred on the digits' ink, not on the font's
    ascent and descent (which would waste a third of the height on empty space)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("countdown")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def digits_height(self) -> int:
        """The rendered height of the digits at the current font."""
        return QFontMetrics(self.font()).tightBoundingRect("88:88").height()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = QFontMetrics(self.font())
        ink = metrics.tightBoundingRect("88:88")  # the same for every text: the digits never jump
        x = (self.width() - metrics.horizontalAdvance(self.text())) / 2
        baseline = (self.height() - ink.height()) / 2 - ink.top()
        painter.drawText(QPoint(round(x), round(baseline)), self.text())
        painter.end()


class ProjectionWindow(QWidget):
    """The room's view of a run; see the module's docstring for what it shows and its keys."""

    closed = Signal()
    picture_replaced = Signal()  # the countdown or a card took the place of a picture (its panel lets go)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("projection")
        self.setWindowTitle(f"{APP_NAME} – {_('veggen')}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Shown, the wall does not take the keyboard: what the facilitator goes on typing must not land here
        # (its letters would pause the run or black out the wall). A click on it still gives it the keys.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAutoFillBackground(True)
        self._state = ProjectionState()
        self._card: tuple[str, list[WallSection]] | None = None  # shown instead of the timer
        self._pending: ProjectionState | tuple[str, list[tuple[str, str]]] | None = None  # while frozen
        self._blackout = False
        self._frozen = False
        self._give_back: QWidget | None = None  # the window that had the keys when the wall was shown

        self._stack = QStackedWidget()
        self._timer_page = self._build_timer_page()
        self._card_page = QWidget()
        self._card_layout = QVBoxLayout(self._card_page)
        self._card_layout.setContentsMargins(0, 0, 0, 0)
        self._card_layout.setSpacing(0)
        self._blank_page = QWidget()
        self._image: QImage | None = None  # a picture for the room (a journey map), until show_state
        self._image_page = QLabel()
        self._image_page.setObjectName("image")
        self._image_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for page in (self._timer_page, self._card_page, self._blank_page, self._image_page):
            self._stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the fonts follow the window
        layout.setSpacing(0)
        layout.addWidget(self._stack)
        self._set_background(BACKGROUND)
        self.resize(WINDOW_SIZE)

        # A screen plugged in or out: present again (never leave a full-screen wall on the laptop).
        self._screens_changed = QTimer(self)
        self._screens_changed.setSingleShot(True)
        self._screens_changed.setInterval(300)
        self._screens_changed.timeout.connect(self._on_screens_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed.start)
            app.screenRemoved.connect(self._screens_changed.start)
        self._refit()

    def _build_timer_page(self) -> QWidget:
        page = QWidget()
        center = Qt.AlignmentFlag.AlignHCenter
        self.heading = _label("heading", HEADING_COLOUR, Qt.AlignmentFlag.AlignLeft, wrap=False)
        self.title = _label("title", TITLE_COLOUR, center)
        self.countdown = CountdownLabel()
        self.text = _label("text", TEXT_COLOUR, center)
        self.rule = QFrame()
        self.rule.setObjectName("rule")
        self.rule.setFixedHeight(2)
        self.rule.setAutoFillBackground(True)
        rule_palette = self.rule.palette()
        rule_palette.setColor(QPalette.ColorRole.Window, QColor(RULE_COLOUR))
        self.rule.setPalette(rule_palette)
        self.next_caption = _label("next_caption", HEADING_COLOUR, Qt.AlignmentFlag.AlignRight, wrap=False)
        self.next_caption.setText(_("Neste:"))
        self.next_caption.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.next = _label("next", TEXT_COLOUR, Qt.AlignmentFlag.AlignLeft, wrap=False)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.setSpacing(0)
        footer.addWidget(self.next_caption)
        footer.addWidget(self.next, 1)
        self._footer = footer

        self._timer_layout = QVBoxLayout(page)
        self._timer_layout.setContentsMargins(0, 0, 0, 0)
        self._timer_layout.setSpacing(0)
        self._timer_layout.addWidget(self.heading)
        self._timer_layout.addSpacing(0)  # sized in _refit
        self._timer_layout.addWidget(self.title)
        self._timer_layout.addStretch(2)
        self._timer_layout.addWidget(self.countdown)
        self._timer_layout.addStretch(2)
        self._timer_layout.addWidget(self.text)
        self._timer_layout.addStretch(3)
        self._timer_layout.addWidget(self.rule)
        self._timer_layout.addSpacing(0)  # sized in _refit
        self._timer_layout.addLayout(footer)
        return page

    # --- what is shown ----------------------------------------------------------------------------------

    def show_state(self, state: ProjectionState) -> None:
        """Show the timer view with ``state`` (kept for later while frozen)."""
        if self._frozen:
            self._pending = state
            return
        if state == self._state and self._card is None and self._image is None:
            return  # the run controller sends the same state several times a second
        had_picture = self._image is not None
        self._state = state
        self._card = None
        self._image = None
        self._refit()
        self._sync_page()
        if had_picture:
            self.picture_replaced.emit()

    def show_card(self, title: str, sections: Sequence[WallSection | tuple[str, str]]) -> None:
        """Show a method or prototype card, large: ``title`` and its sections, until ``show_state`` is
        called again. A card with steps keeps them longest: the sections after them give way first."""
        card = (title, [WallSection(*section) for section in sections])
        if self._frozen:
            self._pending = card
            return
        had_picture = self._image is not None
        self._card = card
        self._image = None
        self._refit()
        self._sync_page()
        if had_picture:
            self.picture_replaced.emit()

    def picture_size(self) -> QSize:
        """The size to render a picture for the wall at: the room inside the wall's margins (at least
        640 × 360, for a wall not shown yet)."""
        return self._room().expandedTo(QSize(640, 360))

    def show_image(self, image: QImage) -> None:
        """Show a picture for the room (a journey map rendered at ``picture_size``), until ``show_state``;
        scaled to fit inside the margins, again when the window changes size."""
        if self._frozen:
            self._pending = image
            return
        replaced = self._image is not None
        self._image = image
        self._card = None
        self._fit_image()
        self._sync_page()
        if replaced:
            self.picture_replaced.emit()  # another panel's picture, or this one's again (it checks)

    def _fit_image(self) -> None:
        if self._image is None:
            return
        self._image_page.setPixmap(
            QPixmap.fromImage(self._image).scaled(
                self._room().expandedTo(QSize(1, 1)),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    @property
    def state(self) -> ProjectionState:
        """The state the timer view shows (or would show, under a card or blackout)."""
        return self._state

    @property
    def current_image(self) -> QImage | None:
        """The picture on the wall (None while the countdown or a card shows)."""
        return self._image

    @property
    def showing_card(self) -> bool:
        """A card or a picture is on the wall (the run's countdown leaves it until asked back)."""
        return self._card is not None or self._image is not None

    @property
    def blackout(self) -> bool:
        return self._blackout

    def set_blackout(self, on: bool) -> None:
        self._blackout = on
        self._sync_page()

    def toggle_blackout(self) -> None:
        self.set_blackout(not self._blackout)

    @property
    def frozen(self) -> bool:
        return self._frozen

    def set_frozen(self, on: bool) -> None:
        """Freeze: keep showing what is shown; unfreezing shows the latest ``show_state``/``show_card``."""
        self._frozen = on
        if on:
            return
        pending, self._pending = self._pending, None
        if isinstance(pending, ProjectionState):
            self.show_state(pending)
        elif isinstance(pending, QImage):
            self.show_image(pending)
        elif pending is not None:
            self.show_card(*pending)

    def toggle_freeze(self) -> None:
        self.set_frozen(not self._frozen)

    def _sync_page(self) -> None:
        if self._blackout:
            page = self._blank_page
        elif self._image is not None:
            page = self._image_page
        elif self._card is not None:
            page = self._card_page
        else:
            page = self._timer_page
        self._stack.setCurrentWidget(page)
        self._set_background(BLACKOUT if self._blackout else BACKGROUND)

    def _set_background(self, colour: str) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        self.setPalette(palette)

    # --- sizes ------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _margins(self) -> tuple[int, int]:
        return round(self.width() * 0.045), round(self.height() * 0.045)

    def _room(self) -> QSize:
        """The size inside the margins: what the countdown, a card or a picture may fill."""
        margin_x, margin_y = self._margins()
        return QSize(self.width() - 2 * margin_x, self.height() - 2 * margin_y)

    def _refit(self) -> None:
        """Size every font from the window's height and cut what does not fit."""
        margin_x, margin_y = self._margins()
        self.layout().setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        room = self._room()
        if self._card is not None:
            self._fit_card(room.width(), room.height())
        else:
            self._fit_timer(room.width(), room.height())
        self._fit_image()

    def _fit_timer(self, width: int, height: int) -> None:
        state, h = self._state, self.height()
        px = self._px
        heading_font = _font(px(HEADING_SHARE))
        title_font = _font(px(TITLE_SHARE), QFont.Weight.Bold)
        next_font = _font(px(NEXT_SHARE))
        caption_font = _font(px(NEXT_SHARE))
        gap = round(h * 0.025)
        self._timer_layout.itemAt(1).spacerItem().changeSize(0, gap if state.heading else 0)
        self._timer_layout.itemAt(9).spacerItem().changeSize(0, gap)
        self._timer_layout.invalidate()

        self.heading.setFont(heading_font)
        metrics = QFontMetrics(heading_font)
        self.heading.setText(metrics.elidedText(state.heading, Qt.TextElideMode.ElideRight, width))
        self.heading.setVisible(bool(state.heading))
        used = metrics.lineSpacing() + gap if state.heading else 0

        self.title.setFont(title_font)
        self.title.setVisible(bool(state.title))

        countdown = state.countdown
        if state.level == "overrun" and countdown and not countdown.startswith("+"):
            countdown = "+" + countdown
        self.countdown.setFont(self._countdown_font(countdown, width))
        self.countdown.setFixedHeight(round(self.countdown.digits_height() * 1.3))
        self.countdown.setText(countdown)
        self.countdown.setVisible(bool(countdown))
        _set_colour(self.countdown, LEVEL_COLOURS.get(state.level, LEVEL_COLOURS["normal"]))
        self.countdown.setProperty("level", state.level)
        used += self.countdown.height() if countdown else 0

        for label, font in ((self.next_caption, caption_font), (self.next, next_font)):
            label.setFont(font)
        caption_width = QFontMetrics(caption_font).horizontalAdvance(self.next_caption.text())
        self._footer.setSpacing(QFontMetrics(caption_font).horizontalAdvance(" "))
        self.next.setText(
            QFontMetrics(next_font).elidedText(
                state.next_title, Qt.TextElideMode.ElideRight, width - caption_width - self._footer.spacing()
            )
        )
        for widget in (self.rule, self.next_caption, self.next):
            widget.setVisible(bool(state.next_title))
        if state.next_title:
            used += self.rule.height() + gap + QFontMetrics(next_font).lineSpacing()

        # The projector text gets the rest: the largest size that fits, then cut. A long title gives up its
        # second line first.
        sizes = list(range(px(TEXT_SHARE), px(TEXT_MIN_SHARE) - 1, -2)) or [px(TEXT_MIN_SHARE)]
        for title_lines in (2, 1):
            title = fit_text(state.title, title_font, width, title_lines)
            room = height - used - 2 * gap - text_height(title, title_font, width)
            font = next(
                (_font(size) for size in sizes if text_height(state.text, _font(size), width) <= room), None
            )
            if font is not None:
                break
        self.title.setText(title)
        font = font or _font(sizes[-1])
        self.text.setFont(font)
        lines = max(1, int((room - 2) // QFontMetricsF(font).lineSpacing()))
        self.text.setText(fit_text(state.text, font, width, lines))
        self.text.setVisible(bool(state.text))

    def _px(self, share: float) -> int:
        return max(MIN_PX, round(self.height() * share))

    def _countdown_font(self, text: str, width: int) -> QFont:
        """Digits COUNTDOWN_DIGITS of the window's height, smaller only when the text would not fit."""
        probe = _font(100, QFont.Weight.Bold)
        probe.setFeature(QFont.Tag("tnum"), 1)  # tabular digits: the text does not wobble every second
        ink = QFontMetrics(probe).tightBoundingRect("88:88").height() or 70
        size = math.ceil(100 * self.height() * COUNTDOWN_DIGITS / ink)
        advance = QFontMetrics(probe).horizontalAdvance(max(text, "88:88", key=len)) or 1
        size = max(1, min(size, math.floor(100 * width * 0.98 / advance)))
        probe.setPixelSize(size)
        return probe

    def _fit_card(self, width: int, height: int) -> None:
        """The card's title, then its sections in one column, or more (up to MAX_COLUMNS) when one does not
        fit; the text as large as fits (CARD_TEXT_SHARE down to TEXT_MIN_SHARE of the height), then cut."""
        title, sections = self._card or ("", [])
        px, h = self._px, self.height()
        title_font = _font(px(CARD_TITLE_SHARE), QFont.Weight.Bold)
        gap = round(h * 0.035)
        small_gap = round(h * 0.008)
        column_gap = round(self.width() * 0.04)
        title_text = fit_text(title, title_font, width, 2)
        room = height - text_height(title_text, title_font, width) - gap

        def fonts(size: int) -> tuple[QFont, QFont]:
            """The body font of ``size`` and its section heading font."""
            return _font(size), _font(max(MIN_PX, round(size * 0.8)), QFont.Weight.Bold)

        def heading_height(font: QFont) -> int:
            return QFontMetrics(font).lineSpacing() + small_gap

        def spacing(indexes) -> int:
            """The space between sections: a section without a heading goes on from the one before."""
            return sum(gap if sections[i][0] else small_gap for i in list(indexes)[1:])

        def columns_for(count: int, size: int) -> tuple[list[list[int]], int, int]:
            """Sections split in ``count`` columns (in reading order), the column width, the tallest."""
            body, head = fonts(size)
            column_width = (width - (count - 1) * column_gap) // count
            heights = [
                (heading_height(head) if section.heading else 0)
                + text_height(section.text, body, column_width)
                for section in sections
            ]
            best: tuple[list[list[int]], int, int] = ([], column_width, 1 << 30)
            for cuts in combinations(range(1, len(sections)), count - 1):
                edges = (0, *cuts, len(sections))
                parts = [list(range(a, b)) for a, b in pairwise(edges)]
                tallest = max((sum(heights[i] for i in part) + spacing(part) for part in parts), default=0)
                if tallest < best[2]:
                    best = parts, column_width, tallest
            return best

        # A method or prototype card's steps: what follows them (materials, tips) gives way first, left out
        # the last first, while a step would be cut. A card without steps (a round's BLT card) keeps every
        # section, its longest cut first.
        steps = {i for i, section in enumerate(sections) if section.step}
        every = sections
        sizes = list(range(px(CARD_TEXT_SHARE), px(TEXT_MIN_SHARE) - 1, -2)) or [px(TEXT_MIN_SHARE)]
        for kept in range(len(every), max(steps, default=len(every) - 1), -1):
            sections = every[:kept]
            counts = tuple(range(1, min(MAX_COLUMNS, len(sections)) + 1)) or (1,)
            choice = next(
                ((count, size) for count in counts for size in sizes if columns_for(count, size)[2] <= room),
                (counts[-1], sizes[-1]),  # nothing fits: the smallest size, the longest sections cut below
            )
            columns, column_width, _tallest = columns_for(*choice)
            body_font, heading_font = fonts(choice[1])
            line = QFontMetricsF(body_font).lineSpacing()

            # Lines per section body until each column fits; every section keeps a line. On a card with
            # steps the last sections are cut first, then the first, the steps last (the last step first);
            # on another card the longest first.
            allowance: dict[int, int] = {}
            steps_cut = False
            for column in columns:
                whole = {i: len(wrap_lines(sections[i][1], body_font, column_width)) for i in column}
                lines = dict(whole)
                head = heading_height(heading_font)

                def used(lines=lines, head=head, line=line, sections=sections) -> float:
                    fixed = sum(head for i in lines if sections[i][0])
                    return fixed + spacing(list(lines)) + sum(lines.values()) * line + 2

                if steps:
                    for i in sorted(column, key=lambda i: (i in steps, i == 0, -i)):
                        while used() > room and lines[i] > 1:
                            lines[i] -= 1
                else:
                    while used() > room and max(lines.values(), default=0) > 1:
                        longest = max(lines, key=lambda i: lines[i])
                        lines[longest] -= 1
                allowance.update(lines)
                steps_cut = steps_cut or any(lines[i] < whole[i] for i in column if i in steps)
            if not steps_cut:
                break

        self._clear_card()
        title_label = _label("card_title", TITLE_COLOUR, Qt.AlignmentFlag.AlignLeft)
        title_label.setFont(title_font)
        title_label.setText(title_text)
        title_label.setVisible(bool(title))
        self._card_layout.addWidget(title_label)
        self._card_layout.addSpacing(gap)
        row = QHBoxLayout()
        row.setSpacing(column_gap)
        for column in columns:
            box = QVBoxLayout()
            box.setSpacing(0)
            for position, index in enumerate(column):
                heading, text, _step = sections[index]
                if position:
                    box.addSpacing(gap if heading else small_gap)
                if heading:
                    label = _label("card_heading", HEADING_COLOUR, Qt.AlignmentFlag.AlignLeft)
                    label.setFont(heading_font)
                    metrics = QFontMetrics(heading_font)
                    label.setText(metrics.elidedText(heading, Qt.TextElideMode.ElideRight, column_width))
                    box.addWidget(label)
                    box.addSpacing(small_gap)
                if text:
                    label = _label("card_text", TEXT_COLOUR, Qt.AlignmentFlag.AlignLeft)
                    label.setFont(body_font)
                    label.setText(fit_text(text, body_font, column_width, allowance.get(index, 1)))
                    box.addWidget(label)
            box.addStretch(1)
            row.addLayout(box, 1)
        self._card_layout.addLayout(row, 1)

    def _clear_card(self) -> None:
        def clear(layout: QLayout) -> None:
            while layout.count():
                item = layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
                    item.widget().setParent(None)
                elif item.layout() is not None:
                    clear(item.layout())
                    item.layout().deleteLater()

        clear(self._card_layout)

    # --- screens ----------------------------------------------------------------------------------------

    @staticmethod
    def available_screens() -> list[ScreenInfo]:
        """The real screens, in QGuiApplication.screens() order; a name two screens share gets " (2)"."""
        infos: list[ScreenInfo] = []
        for screen in QGuiApplication.screens():
            info = screen_info(screen)
            taken = {i.name for i in infos}
            name, number = info.name, 1
            while name in taken:
                number += 1
                name = f"{info.name} ({number})"
            infos.append(ScreenInfo(name, info.width, info.height, info.primary))
        return infos

    def present(self, screens: Sequence[ScreenInfo] | None = None) -> None:
        """Show the window on the chosen screen: full screen when there are two or more, else a 16:9
        window of at most 1280×720. ``screens`` stands in for the real screens (tests); a screen that is
        not found among the real ones means the current one."""
        # The window with the keys: the active one, or (at start-up, when a resumed run puts the wall back
        # before any window is active) the program's main window.
        active = QApplication.activeWindow() or next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()), None
        )
        real = QGuiApplication.screens()
        infos = list(screens) if screens is not None else self.available_screens()
        index, full = choose_screen(infos, self.settings.get(PROJECTION_SCREEN)) if infos else (0, False)
        if screens is None:
            target = real[index] if index < len(real) else None
        else:
            name = infos[index].name if infos else ""
            target = next((s for s in real if s.name() == name), None)
        target = target or self.screen() or QGuiApplication.primaryScreen()
        if self.isFullScreen():
            self.showNormal()
        if target is not None:
            self.setScreen(target)
            area = target.availableGeometry()
            size = WINDOW_SIZE.scaled(
                min(WINDOW_SIZE.width(), round(area.width() * 0.9)),
                min(WINDOW_SIZE.height(), round(area.height() * 0.9)),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
            rect = QRect(QPoint(0, 0), size)
            rect.moveCenter(area.center())
            self.setGeometry(rect)  # also where Escape from full screen lands
        if full:
            self.showFullScreen()
        else:
            self.showNormal()
        if active is not None and active is not self:
            # A window manager (or platform) that activates the wall anyway: the keys go back to where the
            # facilitator was (see event()); a click on the wall later still gives it the keys.
            self._give_back = active
            QTimer.singleShot(1000, self, self._keep_activation)
            if QApplication.activeWindow() is self:
                self._return_keys()

    def _keep_activation(self) -> None:
        self._give_back = None

    def _return_keys(self) -> None:
        window, self._give_back = self._give_back, None
        if window is not None and window.isVisible():
            window.activateWindow()

    def move_to_screen(self, name: str) -> None:
        """The facilitator picked screen ``name``: remember it and present the window there."""
        self.settings.set(PROJECTION_SCREEN, name)
        self.present()

    def _on_screens_changed(self) -> None:
        if self.isVisible():
            self.present()

    # --- events -----------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self._give_back is not None:
            QTimer.singleShot(0, self, self._return_keys)
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            # No mouse pointer on the wall.
            if self.isFullScreen():
                self.setCursor(Qt.CursorShape.BlankCursor)
            else:
                self.unsetCursor()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and key in (Qt.Key.Key_B, Qt.Key.Key_F):
            if not event.isAutoRepeat():
                self.toggle_blackout() if key == Qt.Key.Key_B else self.toggle_freeze()
        elif plain and key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif plain and key == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
