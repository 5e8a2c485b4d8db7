"""The projection window offscreen: screen choice, what is shown, sizes readable from the back row,
colours by level, blackout, freeze, cards, plain text, and presenting windowed or full screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.projection import (
    LEVEL_COLOURS,
    PROJECTION_SCREEN,
    ProjectionState,
    ProjectionWindow,
    ScreenInfo,
    choose_screen,
)
from desktop.ui.settings import Settings

LAPTOP = ScreenInfo("eDP-1", 1920, 1200, primary=True)
PROJECTOR = ScreenInfo("HDMI-1", 1280, 720, primary=False)
TV = ScreenInfo("DP-2", 3840, 2160, primary=False)

STATE = ProjectionState(
    title="Brukerreise i grupper",
    countdown="12:34",
    next_title="Lunsj",
    text="Kartlegg én brukers reise på tvers av tjenestene.\nBruk det store arket.",
    heading="Innsiktssamling · 10:42",
)
CARD_SECTIONS = [
    ("Hensikt", "Se tjenestene slik brukeren opplever dem."),
    ("Slik gjør dere det", "1. Velg én bruker (5 min)\n2. Skriv hvert steg på en gul lapp (15 min)"),
    ("Materiell", "A3-ark, gule lapper, tusjer"),
]


@pytest.fixture
def projection(qtbot, tmp_path) -> ProjectionWindow:
    window = ProjectionWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    resize(window, 1280, 720)
    return window


def resize(window: ProjectionWindow, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()


def label(window: ProjectionWindow, name: str) -> QLabel:
    found = [child for child in window.findChildren(QLabel, name) if child.isVisible()]
    assert len(found) == 1, f"{name}: {len(found)} visible labels"
    return found[0]


def visible_texts(window: ProjectionWindow) -> list[str]:
    return [child.text() for child in window.findChildren(QLabel) if child.isVisible() and child.text()]


def ink_rows(image: QImage, threshold: int = 128) -> tuple[int, int]:
    """The first and last row of ``image`` with a bright pixel (the rendered text's height)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride = bytes(grey.constBits()), grey.bytesPerLine()
    rows = [y for y in range(grey.height()) if max(data[y * stride : y * stride + grey.width()]) >= threshold]
    assert rows, "no text was drawn"
    return rows[0], rows[-1]


def text_colour(widget: QLabel) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


# --- choose_screen --------------------------------------------------------------------------------------


def test_one_screen_is_used_windowed() -> None:
    assert choose_screen([LAPTOP], "") == (0, False)
    assert choose_screen([LAPTOP], "eDP-1") == (0, False)  # even when saved: the only screen is the laptop's
    assert choose_screen([LAPTOP], "HDMI-1") == (0, False)
    assert choose_screen([], "") == (0, False)


def test_two_screens_use_the_non_primary_full_screen() -> None:
    assert choose_screen([LAPTOP, PROJECTOR], "") == (1, True)
    assert choose_screen([PROJECTOR, LAPTOP], "") == (0, True)
    assert choose_screen([LAPTOP, PROJECTOR, TV], "") == (1, True)


def test_the_saved_screen_is_used_when_present() -> None:
    assert choose_screen([LAPTOP, PROJECTOR, TV], "DP-2") == (2, True)


def test_a_saved_screen_that_is_gone_falls_back_to_the_first_non_primary() -> None:
    assert choose_screen([LAPTOP, TV], "HDMI-1") == (1, True)


def test_a_saved_primary_screen_is_respected_with_two_screens() -> None:
    assert choose_screen([LAPTOP, PROJECTOR], "eDP-1") == (0, True)


# --- what is shown --------------------------------------------------------------------------------------


def test_show_state_updates_the_labels(projection) -> None:
    assert projection.windowTitle() == "LUP Verksted – veggen"
    projection.show_state(STATE)
    assert label(projection, "title").text() == "Brukerreise i grupper"
    assert label(projection, "countdown").text() == "12:34"
    assert label(projection, "next").text() == "Lunsj"
    assert label(projection, "next_caption").text() == "Neste:"
    assert label(projection, "text").text() == STATE.text
    assert label(projection, "heading").text() == "Innsiktssamling · 10:42"

    projection.show_state(ProjectionState(title="Avslutning", countdown="04:00"))
    assert label(projection, "title").text() == "Avslutning"
    assert label(projection, "countdown").text() == "04:00"
    assert visible_texts(projection) == ["Avslutning", "04:00"]  # no next, text or heading: hidden


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_countdown_is_a_quarter_of_the_window_high(projection, width, height) -> None:
    projection.show_state(STATE)
    resize(projection, width, height)
    countdown = label(projection, "countdown")
    digits = QFontMetrics(countdown.font()).tightBoundingRect("88:88").height()
    assert digits >= 0.25 * height
    assert countdown.font().pixelSize() * 0.7 >= 0.25 * height

    # And as drawn: the rows with ink in the countdown label, and all of it inside the window.
    top, bottom = ink_rows(countdown.grab().toImage())
    assert bottom - top + 1 >= 0.25 * height
    assert projection.rect().contains(
        QRect(countdown.mapTo(projection, countdown.rect().topLeft()), countdown.size())
    )


def test_an_overrun_countdown_fits_the_width(projection) -> None:
    projection.show_state(ProjectionState(title="Lunsj", countdown="+105:59", level="overrun"))
    countdown = label(projection, "countdown")
    assert QFontMetrics(countdown.font()).horizontalAdvance("+105:59") <= countdown.width()


def test_every_other_text_is_at_least_32_px_at_1280x720(projection) -> None:
    projection.show_state(STATE)
    names = {child.objectName() for child in projection.findChildren(QLabel) if child.isVisible()}
    assert names == {"heading", "title", "countdown", "text", "next_caption", "next"}
    for child in projection.findChildren(QLabel):
        if child.isVisible() and child.objectName() != "countdown":
            assert child.font().pixelSize() >= 32, child.objectName()
    assert label(projection, "title").font().pixelSize() >= 0.07 * 720

    projection.show_card("Brukerreise", CARD_SECTIONS)
    shown = [child for child in projection.findChildren(QLabel) if child.isVisible() and child.text()]
    assert len(shown) == 1 + 2 * len(CARD_SECTIONS)
    assert all(child.font().pixelSize() >= 32 for child in shown)


def test_long_texts_are_cut_to_fit_and_nothing_overlaps(projection) -> None:
    long_title = "Refleksjon i ledergruppene: hva har vi lært om brukernes møte med kommunen, og hva nå?"
    long_text = "\n".join(
        f"{n}. Hva overrasket dere mest i intervjuene med brukerne og de ansatte?" for n in range(9)
    )
    projection.show_state(ProjectionState(**{**STATE.__dict__, "title": long_title, "text": long_text}))
    title, text = label(projection, "title"), label(projection, "text")
    assert text.text().endswith("…")
    assert text.text().count("\n") < long_text.count("\n")
    assert title.text() == long_title or title.text().endswith("…")
    boxes = [
        QRect(child.mapTo(projection, child.rect().topLeft()), child.size())
        for child in (label(projection, n) for n in ("heading", "title", "countdown", "text", "next"))
    ]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() < lower.top()
    assert boxes[-1].bottom() <= projection.height()
    # The labels are tall enough for their lines (nothing cut off at the bottom).
    for child in (title, text):
        assert child.height() >= child.heightForWidth(child.width())


@pytest.mark.parametrize(
    ("level", "colour"),
    [("normal", "#ffffff"), ("warning", "#ff9f1a"), ("critical", "#ff3b30"), ("overrun", "#ff3b30")],
)
def test_the_countdown_colour_follows_the_level(projection, level, colour) -> None:
    countdown = "+01:05" if level == "overrun" else "00:41"
    projection.show_state(ProjectionState(title="Øvelse", countdown=countdown, level=level))
    assert LEVEL_COLOURS[level] == colour
    assert text_colour(label(projection, "countdown")) == colour
    assert label(projection, "countdown").text() == countdown


def test_an_overrun_is_shown_with_a_plus(projection) -> None:
    projection.show_state(ProjectionState(title="Øvelse", countdown="01:05", level="overrun"))
    assert label(projection, "countdown").text() == "+01:05"


def test_the_theme_is_light_text_on_near_black(projection) -> None:
    projection.show_state(STATE)
    background = projection.palette().color(QPalette.ColorRole.Window)
    assert background.lightness() < 30
    assert text_colour(label(projection, "title")) == "#ffd60a"
    assert label(projection, "text").palette().color(QPalette.ColorRole.WindowText).lightness() > 230


# --- blackout and freeze --------------------------------------------------------------------------------


def test_blackout_hides_all_text_and_b_toggles_it(projection, qtbot) -> None:
    projection.show_state(STATE)
    assert visible_texts(projection)
    qtbot.keyClick(projection, Qt.Key.Key_B)
    assert projection.blackout
    assert visible_texts(projection) == []
    assert projection.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    image = projection.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    assert max(bytes(image.constBits())) < 8  # black everywhere

    projection.show_state(ProjectionState(title="Lunsj", countdown="30:00"))  # updated behind the black
    assert visible_texts(projection) == []
    qtbot.keyClick(projection, Qt.Key.Key_B)
    assert not projection.blackout
    assert label(projection, "title").text() == "Lunsj"

    projection.toggle_blackout()
    assert projection.blackout
    projection.set_blackout(False)
    assert not projection.blackout


def test_freeze_keeps_what_is_shown_until_unfrozen(projection, qtbot) -> None:
    projection.show_state(STATE)
    qtbot.keyClick(projection, Qt.Key.Key_F)
    assert projection.frozen
    projection.show_state(ProjectionState(title="Lunsj", countdown="29:59"))
    projection.show_state(ProjectionState(title="Lunsj", countdown="29:58"))
    assert label(projection, "title").text() == "Brukerreise i grupper"
    assert label(projection, "countdown").text() == "12:34"
    qtbot.keyClick(projection, Qt.Key.Key_F)
    assert not projection.frozen
    assert label(projection, "title").text() == "Lunsj"
    assert label(projection, "countdown").text() == "29:58"


def test_freeze_without_updates_changes_nothing(projection) -> None:
    projection.show_state(STATE)
    projection.set_frozen(True)
    projection.toggle_freeze()
    assert not projection.frozen
    assert label(projection, "countdown").text() == "12:34"


# --- cards and plain text -------------------------------------------------------------------------------


def test_show_card_replaces_the_timer_until_the_next_state(projection) -> None:
    projection.show_state(STATE)
    projection.show_card("Brukerreise", CARD_SECTIONS)
    assert projection.showing_card
    assert label(projection, "card_title").text() == "Brukerreise"
    headings = [c.text() for c in projection.findChildren(QLabel, "card_heading") if c.isVisible()]
    texts = [c.text() for c in projection.findChildren(QLabel, "card_text") if c.isVisible()]
    assert headings == ["Hensikt", "Slik gjør dere det", "Materiell"]
    assert texts == [text for _heading, text in CARD_SECTIONS]
    assert "12:34" not in visible_texts(projection)
    resize(projection, 1920, 1080)  # refitted, still the card
    assert label(projection, "card_title").text() == "Brukerreise"
    assert label(projection, "card_title").font().pixelSize() > 0.07 * 1080

    projection.show_state(STATE)
    assert not projection.showing_card
    assert label(projection, "countdown").text() == "12:34"
    assert not [c for c in projection.findChildren(QLabel, "card_title") if c.isVisible()]


def test_a_card_shown_while_frozen_waits(projection) -> None:
    projection.show_state(STATE)
    projection.set_frozen(True)
    projection.show_card("Papirprototype", [("Hensikt", "Test en idé på ti minutter.")])
    assert label(projection, "countdown").text() == "12:34"
    projection.set_frozen(False)
    assert label(projection, "card_title").text() == "Papirprototype"


def test_the_countdown_comes_back_after_a_picture_even_when_nothing_has_changed(projection) -> None:
    from PySide6.QtGui import QImage

    projection.show_state(STATE)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    projection.show_image(image)
    assert projection.showing_card
    projection.show_state(STATE)  # T, with the run paused: the same state as before the picture
    assert not projection.showing_card and projection.current_image is None

    projection.show_state(
        ProjectionState(title="<b>x</b>", countdown="10:00", next_title="<i>y</i>", text="a &amp; <br>b")
    )
    for name, literal in (("title", "<b>x</b>"), ("next", "<i>y</i>"), ("text", "a &amp; <br>b")):
        shown = label(projection, name)
        assert shown.text() == literal
        assert shown.textFormat() == Qt.TextFormat.PlainText
    projection.show_card("<h1>Kort</h1>", [("<u>h</u>", "<b>t</b>")])
    assert label(projection, "card_title").text() == "<h1>Kort</h1>"
    assert label(projection, "card_heading").text() == "<u>h</u>"
    assert label(projection, "card_text").text() == "<b>t</b>"
    assert all(
        c.textFormat() == Qt.TextFormat.PlainText for c in projection.findChildren(QLabel) if c.isVisible()
    )


# --- screens, keys and closing --------------------------------------------------------------------------


def test_present_with_one_screen_is_windowed(qtbot, tmp_path) -> None:
    window = ProjectionWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    assert len(window.available_screens()) == 1
    window.present()
    assert window.isVisible()
    assert not window.isFullScreen()
    assert window.width() <= 1280 and window.height() <= 720
    assert abs(window.width() / window.height() - 16 / 9) < 0.02
    assert window.screen().availableGeometry().contains(window.geometry())


def test_present_with_two_screens_is_full_screen_and_escape_leaves_it(qtbot, tmp_path) -> None:
    window = ProjectionWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.present([LAPTOP, PROJECTOR])
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isFullScreen()
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    window.present([LAPTOP])  # the projector was unplugged
    assert not window.isFullScreen()


def test_move_to_screen_is_remembered(qtbot, tmp_path) -> None:
    settings = Settings(tmp_path / "s.ini")
    window = ProjectionWindow(settings)
    qtbot.addWidget(window)
    name = window.available_screens()[0].name
    window.move_to_screen(name)
    assert settings.get(PROJECTION_SCREEN) == name
    assert window.isVisible()
    settings.sync()
    assert Settings(tmp_path / "s.ini").get(PROJECTION_SCREEN) == name


def test_screen_labels_for_a_menu() -> None:
    assert LAPTOP.label == "eDP-1 (1920 × 1200, hovedskjerm)"
    assert PROJECTOR.label == "HDMI-1 (1280 × 720)"


def test_closing_emits_closed(projection, qtbot) -> None:
    with qtbot.waitSignal(projection.closed, timeout=1000):
        projection.close()
    assert not projection.isVisible()


def test_every_kit_cards_steps_show_whole_on_a_small_projector(projection) -> None:
    """At 1280 × 720 the steps of every LUP card are on the wall whole; tips and materials give way first."""
    from desktop.kits import load_kit
    from desktop.paths import project_root
    from desktop.ui.method_browser import wall_sections

    kit = load_kit(project_root() / "workshop_kits" / "lup")
    cut = []
    for card in [*kit.methods, *kit.prototypes]:
        projection.show_card(card.title, wall_sections(card))
        QApplication.processEvents()
        texts = [c.text() for c in projection.findChildren(QLabel, "card_text") if c.isVisible()]
        steps = len(card.steps) if hasattr(card, "steps") else len(card.how_to)
        whole = [t for t in texts if t[:1].isdigit() and ". " in t and not t.endswith("…")]
        if len(whole) != steps:
            cut.append(card.id)
    assert cut == []


def test_a_card_without_steps_keeps_every_section_on_the_wall(projection) -> None:
    # A round's BLT card: eight sections with headings and long texts; none may go (need and assumption!).
    text = "Vi tester om brukerne forstår brevet uten å ringe oss, og om de finner fram selv. " * 4
    sections = [(f"Del {n}", text) for n in range(8)]
    projection.show_card("Faste overleveringsmøter", sections)
    QApplication.processEvents()
    headings = [c.text() for c in projection.findChildren(QLabel, "card_heading") if c.isVisible()]
    assert headings == [f"Del {n}" for n in range(8)]


def test_a_card_with_one_step_keeps_it_whole_before_its_purpose(projection) -> None:
    """The wall knows a step by its mark, not by the sections without a heading that follow it: a method
    with one step keeps the step whole and lets a long purpose give way (they used to be cut evenly)."""
    from dataclasses import replace

    from desktop.kits import load_kit
    from desktop.paths import project_root
    from desktop.ui.method_browser import wall_sections

    kit = load_kit(project_root() / "workshop_kits" / "lup")
    card = next(c for c in kit.methods if len(c.steps) > 1)
    step = "Hver deltaker skriver ideer på lapper og henger dem på veggen under riktig tema. " * 4
    purpose = "Gruppen får mange ideer raskt, og alle blir hørt før noen ideer får lov å vinne. " * 9
    card = replace(card, purpose=purpose.strip(), steps=(replace(card.steps[0], text=step.strip()),))
    sections = wall_sections(card)
    assert [s.step for s in sections] == [False, True, False]
    projection.show_card(card.title, sections)
    QApplication.processEvents()
    texts = [c.text() for c in projection.findChildren(QLabel, "card_text") if c.isVisible()]
    assert sections[1].text in texts  # the step whole
    assert texts[0].endswith("…")  # the purpose cut


def test_a_picture_fits_inside_the_margins_and_follows_a_new_size(projection) -> None:
    """A picture rendered at picture_size is shown whole inside the wall's margins (it was scaled to the
    whole window and lost about 60 px at each side), and again after the window changes size."""
    size = projection.picture_size()
    assert size.width() < projection.width() and size.height() < projection.height()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    projection.show_image(image)
    QApplication.processEvents()
    page = projection.findChild(QLabel, "image")
    assert page.pixmap().width() <= page.contentsRect().width()
    assert page.pixmap().height() <= page.contentsRect().height()
    resize(projection, 1024, 768)
    QApplication.processEvents()
    assert page.pixmap().width() <= page.contentsRect().width()
    assert page.pixmap().height() <= page.contentsRect().height()
    assert page.pixmap().width() >= page.contentsRect().width() - 2  # as large as fits


def test_showing_the_wall_leaves_the_keyboard_where_it_was(qtbot, tmp_path) -> None:
    """The facilitator goes on typing after «Vis på veggen»: the letters stay in her field (on the wall
    they were run keys: p paused the run, b blacked the wall out)."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    main = QWidget()
    qtbot.addWidget(main)
    field = QLineEdit()
    QVBoxLayout(main).addWidget(field)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    field.setFocus()
    wall = ProjectionWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(wall)
    wall.present([LAPTOP, PROJECTOR])
    qtbot.waitExposed(wall)
    for _ in range(5):  # the offscreen platform activates a window shown, as many window managers do
        QApplication.processEvents()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClicks(QApplication.focusWidget(), "pb")
    assert field.text() == "pb"


def test_at_start_up_the_wall_gives_the_keys_to_the_main_window(qtbot, tmp_path, monkeypatch) -> None:
    """A run resumed at start-up puts the wall back before any window is active: the wall kept the keys,
    and typing paused the run and blacked the wall out."""
    from PySide6.QtWidgets import QLineEdit, QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    field = QLineEdit()
    main.setCentralWidget(field)
    main.show()
    qtbot.waitExposed(main)
    wall = ProjectionWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(wall)
    with monkeypatch.context() as patch:
        patch.setattr(QApplication, "activeWindow", staticmethod(lambda: None))  # nothing active yet
        wall.present([LAPTOP, PROJECTOR])
    qtbot.waitExposed(wall)
    for _ in range(5):
        QApplication.processEvents()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
