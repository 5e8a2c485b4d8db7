"""The bar chart: geometry proportional to the values, the picture for the wall, large type, the empty
state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage

from desktop.ui.charts import BACKGROUND, PALETTE, BarChart, elide_label, format_value, nice_step

NAMES = [f"Tjenestested nummer {i}" for i in range(1, 16)]
IDEAS = [30, 24, 19, 17, 15, 12, 11, 10, 9, 8, 6, 5, 3, 2, 1]
PROTOTYPES = [5, 3, 4, 2, 2, 1, 3, 0, 1, 2, 1, 0, 1, 0, 0]


@pytest.fixture
def chart(qtbot) -> BarChart:
    widget = BarChart()
    qtbot.addWidget(widget)
    widget.set_data("Idéer og prototyper", NAMES, [("Idéer", IDEAS), ("Prototyper", PROTOTYPES)])
    return widget


def colour_run(image: QImage, y: int, x0: int, colour: str) -> int:
    """How many pixels of ``colour`` follow one another on row ``y`` from ``x0``."""
    wanted = QColor(colour).rgb()
    x = x0
    while x < image.width() and image.pixel(x, y) == wanted:
        x += 1
    return x - x0


def count_colour(image: QImage, colour: str, step: int = 2) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        image.pixel(x, y) == wanted
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def test_the_wall_picture_is_drawn(chart) -> None:
    image = chart.render_image(1280, 720)
    assert (image.width(), image.height()) == (1280, 720)
    assert count_colour(image, PALETTE[0]) > 500  # the ideas' bars
    assert count_colour(image, PALETTE[1]) > 50  # the prototypes' bars
    assert count_colour(image, BACKGROUND) < 1280 * 720 / 4  # mostly white, not blank


def test_bar_lengths_are_proportional_to_the_values(chart) -> None:
    g = chart.geometry_for(1280, 720, wall=True)
    ideas, prototypes = g.bars
    assert len(ideas) == len(prototypes) == 15
    scale = g.plot.width() / g.axis_max
    for rect, value in zip(ideas + prototypes, IDEAS + PROTOTYPES, strict=True):
        assert rect.left() == pytest.approx(g.plot.left())
        assert rect.width() == pytest.approx(value * scale)
    assert ideas[0].width() / ideas[1].width() == pytest.approx(30 / 24)
    # the bars of one category lie side by side, inside its band, in series order
    for i, band in enumerate(g.bands):
        assert band.top() <= ideas[i].top() and prototypes[i].bottom() <= band.bottom()
        assert ideas[i].bottom() <= prototypes[i].top()


def test_the_painted_bars_match_the_geometry(chart) -> None:
    g = chart.geometry_for(1280, 720, wall=True)
    image = chart.render_image(1280, 720)
    for s, colour in enumerate(PALETTE[:2]):
        for rect in g.bars[s]:
            if rect.width() < 3:
                continue
            y = int(rect.center().y())
            run = colour_run(image, y, int(rect.left()) + 3, colour)
            assert run == pytest.approx(rect.width() - 3, abs=2)


def test_value_labels_sit_at_the_bar_ends(chart) -> None:
    g = chart.geometry_for(1280, 720, wall=True)
    for bars, values in zip(g.bars, g.values, strict=True):
        for bar, (rect, _text) in zip(bars, values, strict=True):
            assert rect.left() > bar.right()
            assert rect.right() <= 1280
            assert abs(rect.center().y() - bar.center().y()) < 1
    assert [text for _rect, text in g.values[0]] == [str(v) for v in IDEAS]


def test_ticks_are_whole_numbers_covering_the_largest_value(chart) -> None:
    g = chart.geometry_for(1280, 720, wall=True)
    values = [int(text) for _x, text in g.ticks]
    assert values[0] == 0 and values[-1] == g.axis_max >= 30
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (1, 2, 5, 10, 20, 50)
    assert g.ticks[-1][0] == pytest.approx(g.plot.right())


def test_the_wall_uses_large_type(chart) -> None:
    g = chart.geometry_for(1280, 720, wall=True)
    assert g.label_font.pixelSize() >= 28
    assert g.tick_font.pixelSize() >= 28
    assert g.title_font.pixelSize() > g.label_font.pixelSize()
    screen = chart.geometry_for(1280, 720, wall=False)
    assert screen.label_font.pixelSize() < g.label_font.pixelSize()
    # twice the size: twice the type
    big = chart.geometry_for(2560, 1440, wall=True)
    assert big.label_font.pixelSize() >= 2 * g.label_font.pixelSize() - 2


def test_many_categories_shrink_the_type_rather_than_overlap(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    names = [f"Enhet {i}" for i in range(60)]
    chart.set_data("Mange", names, [("Idéer", list(range(60)))])
    g = chart.geometry_for(1280, 720, wall=True)
    band = g.bands[0].height()
    assert g.label_font.pixelSize() <= band
    assert all(a.bottom() <= b.top() + 0.01 for a, b in zip(g.bands, g.bands[1:], strict=False))


def test_long_labels_are_elided_within_their_column(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    long = "Hjemmetjenesten Bærum øst og Bærum vest sammen med Kunnskapssenteret"
    chart.set_data("Idéer", [long, "Jar skole"], [("Idéer", [3, 2])])
    g = chart.geometry_for(1280, 720, wall=True)
    (rect, text), (_rect2, short) = g.labels
    assert short == "Jar skole"
    assert text != long and "…" in text
    assert QFontMetricsF(g.label_font).horizontalAdvance(text) <= rect.width() + 0.5
    assert rect.right() < g.plot.left()


def test_elide_label_drops_words_from_the_middle() -> None:
    font = QFont()
    font.setPixelSize(20)
    fm = QFontMetricsF(font)
    text = "Bekkestua barnehage avdeling nord"
    width = fm.horizontalAdvance("Bekkestua … nord") + 1
    assert elide_label(fm, text, width) == "Bekkestua … nord"
    assert elide_label(fm, text, 10_000) == text
    tiny = elide_label(fm, "Kunnskapssenteret", 60)
    assert tiny.endswith("…") and fm.horizontalAdvance(tiny) <= 60


def test_empty_state(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    assert chart.empty_text == "Ingen tall ennå"
    for labels, values in (([], []), (["Bryn skole", "Jar skole"], [0, 0])):
        chart.set_data("Idéer per tjenestested", labels, [("Idéer", values)])
        assert not chart.has_data()
        g = chart.geometry_for(1280, 720, wall=True)
        assert g.empty_rect is not None and not g.empty_rect.isEmpty()
        assert g.bars == [] and g.legend == []
        image = chart.render_image(1280, 720)
        assert count_colour(image, PALETTE[0]) == 0
        assert count_colour(image, BACKGROUND) < 1280 * 720 / 4  # title and the message are drawn


def test_the_widget_paints_the_same_chart(chart, qtbot) -> None:
    chart.resize(900, 600)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    assert count_colour(image, PALETTE[0]) > 200
    g = chart.geometry_for(chart.width(), chart.height())
    assert g.plot.contains(QRectF(g.plot.left() + 1, g.plot.top() + 1, 1, 1))
    assert chart.sizeHint().height() >= 220


def test_series_must_match_the_labels(chart) -> None:
    with pytest.raises(ValueError, match="3 values for 2 labels"):
        chart.set_data("x", ["a", "b"], [("Idéer", [1, 2, 3])])


def test_numbers_the_norwegian_way() -> None:
    assert format_value(2575000) == "2\u00a0575\u00a0000"
    assert format_value(12.0) == "12"
    assert format_value(1.5) == "1,5"
    assert nice_step(24, 6) == 5
    assert nice_step(3, 6) == 1
    assert nice_step(2575000, 5) == 1000000


def test_the_bar_and_benefit_charts_share_one_painting_base():
    """``paintEvent`` and ``render_image`` are written once, in ``PaintedChart``."""
    from desktop.ui.benefit_chart import BenefitChart
    from desktop.ui.charts import PaintedChart

    for cls in (BarChart, BenefitChart):
        assert issubclass(cls, PaintedChart)
        assert "paintEvent" not in vars(cls) and "render_image" not in vars(cls)


def test_a_painted_chart_renders_at_the_size_asked(chart):
    image = chart.render_image(333, 222, wall=False)
    assert (image.width(), image.height()) == (333, 222)
    assert chart.render_image(0, 0).size().width() == 1  # never an empty image
