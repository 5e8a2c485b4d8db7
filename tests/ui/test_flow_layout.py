"""The flow layout: rows of buttons that wrap instead of widening the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.ui.flow_layout import FlowLayout


def _row(qtbot, width: int):
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=6)
    buttons = [QPushButton(f"Knapp nummer {n} …") for n in range(4)]
    field = QLineEdit()
    layout.addWidget(buttons[0])
    layout.add_stretching(field)
    for b in buttons[1:]:
        layout.addWidget(b)
    host.resize(width, layout.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    return host, layout, buttons, field


def test_needs_only_its_widest_item(qtbot) -> None:
    host, layout, buttons, field = _row(qtbot, 2000)
    widest = max(w.minimumSizeHint().width() for w in [*buttons, field])
    assert layout.minimumSize().width() == max(widest, field.minimumSizeHint().width())
    assert host.minimumSizeHint().width() < sum(b.sizeHint().width() for b in buttons)


def test_one_line_when_wide_and_the_stretching_item_takes_the_rest(qtbot) -> None:
    host, layout, buttons, field = _row(qtbot, 2000)
    tops = {w.geometry().top() for w in [*buttons, field]}
    assert len(tops) == 1
    assert buttons[-1].geometry().right() >= 2000 - 2  # the line is filled
    assert field.width() > field.sizeHint().width()


def test_wraps_when_narrow_and_nothing_overlaps_or_leaves_the_width(qtbot) -> None:
    host, layout, buttons, field = _row(qtbot, 300)
    widgets = [*buttons, field]
    assert len({w.geometry().top() for w in widgets}) > 2
    assert layout.heightForWidth(300) > layout.heightForWidth(2000)
    for w in widgets:
        assert w.geometry().left() >= 0 and w.geometry().right() < 300
    rects = [w.geometry() for w in widgets]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_a_hidden_widget_takes_no_room(qtbot) -> None:
    host, layout, buttons, field = _row(qtbot, 2000)
    before = field.width()
    buttons[1].hide()
    layout.setGeometry(host.rect())
    assert field.width() >= before + buttons[1].width()  # its room went to the stretching field


def test_it_asks_for_one_lines_width(qtbot) -> None:
    """Its preferred width is one line (a splitter beside it shares room by it); only its minimum is the
    widest item's. With the minimum as its hint, the measurements beside the benefit chart shrank to
    a column of buttons."""
    host, layout, buttons, field = _row(qtbot, 2000)
    one_line = sum(w.sizeHint().width() for w in [*buttons, field]) + layout.spacing() * 4
    assert layout.sizeHint().width() == one_line > layout.minimumSize().width()
