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


@given(st.lists(st.tuples(st.floats(10, 290), st.floats(10, 290)), max_size=25))
def test_no_two_markers_overlap_and_all_stay_inside(points) -> None:
    placed = spread(points, RADIUS, BOX)
    assert all(RADIUS - 1e-6 <= x <= 290 + 1e-6 and RADIUS - 1e-6 <= y <= 290 + 1e-6 for x, y in placed)
    assert all(
        math.dist(placed[i], placed[j]) >= 2 * RADIUS - 0.5
        for i in range(len(placed))
        for j in range(i + 1, len(placed))
    )
