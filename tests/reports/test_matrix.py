"""The impact/effort matrix on paper: markers kept apart, inside the matrix."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from desktop.reports.matrix import spread

BOX = (0.0, 0.0, 300.0, 300.0)
RADIUS = 10.0


def test_markers_on_the_same_spot_are_moved_apart_and_lone_ones_stay() -> None:
    placed = spread([(100, 100), (100, 100), (100, 100), (250, 40)], RADIUS, BOX)
    assert placed[3] == (250, 40)
    assert all(math.dist(placed[i], placed[j]) >= 2 * RADIUS for i in range(3) for j in range(i + 1, 3))
    assert spread([(100, 100), (100, 100)], RADIUS, BOX) == spread([(100, 100), (100, 100)], RADIUS, BOX)


def _field(point, box=BOX):
    x0, y0, w, h = box
    return (point[0] >= x0 + w / 2, point[1] >= y0 + h / 2)


@given(st.lists(st.tuples(st.floats(10, 290), st.floats(10, 290)), max_size=24))
def test_markers_keep_to_their_field_and_apart_while_there_is_room(points) -> None:
    placed = spread(points, RADIUS, BOX)
    assert [_field(p) for p in placed] == [_field(p) for p in points]  # as the table names the field
    assert all(RADIUS - 1e-6 <= x <= 290 + 1e-6 and RADIUS - 1e-6 <= y <= 290 + 1e-6 for x, y in placed)
    crowded = max((sum(_field(p) == f for p in points) for f in map(_field, points)), default=0)
    if crowded <= 12:  # a 150-point field holds 12 markers of 20 with ease
        assert all(
            math.dist(placed[i], placed[j]) >= 2 * RADIUS - 0.5
            for i in range(len(placed))
            for j in range(i + 1, len(placed))
        )


def test_a_marker_just_left_of_the_midline_stays_left_of_it() -> None:
    near = [(149.0, 200.0), (149.0, 200.0), (149.0, 200.0)]
    assert all(x <= 150 - RADIUS + 1e-6 for x, _y in spread(near, RADIUS, BOX))


def test_the_fields_names_are_drawn_over_the_ideas_markers_on_a_white_backing() -> None:
    """With many ideas the names «Raske gevinster», «Store satsinger» … were hidden under the circles."""
    from types import SimpleNamespace

    from reportlab.graphics.shapes import Circle, Rect, String
    from reportlab.lib.units import mm

    from desktop.domain.ideas import Quadrant
    from desktop.reports import group_summary

    corners = [(0.0, 1.0), (1.0, 1.0), (0.0, 0.0), (1.0, 0.0)]  # where the names are
    ideas = [
        SimpleNamespace(number=n + 1, effort=x, impact=y, chosen=n % 2 == 0)
        for n, (x, y) in enumerate(corners * 6)
    ]
    shapes = group_summary._matrix(ideas, 125 * mm).contents
    last_marker = max(n for n, shape in enumerate(shapes) if isinstance(shape, Circle))
    names = {q.label for q in Quadrant}
    at = [n for n, shape in enumerate(shapes) if isinstance(shape, String) and shape.text in names]
    assert len(at) == 4 and min(at) > last_marker
    assert all(isinstance(shapes[n - 1], Rect) and shapes[n - 1].fillColor.red == 1 for n in at)
