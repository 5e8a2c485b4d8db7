"""The journey benchmark, run in its own process by run.py: a 500-card map against a bare scene.

Both are shown in the same 1920×1080 view, fitted; first paint is the time from an empty scene to the
first rendered frame, a frame is one render of the view into an image, panning renders the map at 1:1
while scrolling. The bare scene is 500 rectangles with a line of text each: the least a map could be.
Prints one JSON object.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

FRAMES = 30
WIDTH, HEIGHT = 1920, 1080


def journey_of(cards: int):
    from desktop.domain import journey as jr

    rng = random.Random(4)
    stages = ("Før", "Første kontakt", "Søknad", "Vedtak", "Tjenesten starter", "Hverdagen", "Etterpå")
    lanes = (
        ("handlinger", "Handlinger"),
        ("kontaktpunkter", "Kontaktpunkter"),
        ("tanker", "Tanker"),
        ("folelser", "Følelser"),
        ("smertepunkter", "Smertepunkter"),
        ("muligheter", "Muligheter"),
        ("bak-scenen", "Bak scenen"),
    )
    j = jr.from_template("Benchmark", stages, lanes)
    for stage in list(j.stages):
        for n in range(2):
            j = jr.add_step(j, stage.id, f"Steg {n + 2}")
    words = [
        "bruker",
        "ringer",
        "venter",
        "svar",
        "vedtak",
        "hjemmetjenesten",
        "fysioterapeut",
        "skjema",
        "digital",
        "kø",
    ]
    cells = [(lane.id, step.id) for lane in j.lanes for step in j.steps]
    new_cards = tuple(
        jr.Card(uuid.uuid4(), *rng.choice(cells), " ".join(rng.choices(words, k=rng.randint(3, 14))))
        for _ in range(cards)
    )
    from dataclasses import replace

    return replace(j, cards=new_cards)


def bare_scene(cards: int) -> QGraphicsScene:
    scene = QGraphicsScene()
    rng = random.Random(4)
    for n in range(cards):
        x, y = (n % 25) * 200, (n // 25) * 110
        rect = QGraphicsRectItem(0, 0, 180, 90)
        rect.setPos(x, y)
        rect.setBrush(Qt.GlobalColor.yellow)
        scene.addItem(rect)
        text = QGraphicsSimpleTextItem(f"kort {n} " + "x" * rng.randint(5, 30))
        text.setParentItem(rect)
        text.setPos(6, 6)
    return scene


def measure(make_scene) -> dict:
    """First paint, median fitted frame and median 1:1 panning frame of one scene in a shown view."""
    start = time.perf_counter()
    scene = make_scene()
    view = QGraphicsView(scene)
    view.resize(WIDTH, HEIGHT)
    view.show()
    view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def frame() -> float:
        """One full repaint of the view's viewport, through Qt's own paint path."""
        t = time.perf_counter()
        view.viewport().grab()
        return time.perf_counter() - t

    frame()
    first_paint = time.perf_counter() - start
    fitted = statistics.median(frame() for _ in range(FRAMES))
    view.resetTransform()  # 1:1, then pan right and down a little each frame
    pans = []
    for n in range(FRAMES):
        view.horizontalScrollBar().setValue(n * 40)
        view.verticalScrollBar().setValue(n * 20)
        pans.append(frame())
    return {"first_paint_s": first_paint, "frame_s": fitted, "pan_frame_s": statistics.median(pans)}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from desktop.ui.journey_scene import JourneyScene

    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    journey = journey_of(cards)

    def map_scene():
        scene = JourneyScene()
        scene.set_journey(journey)
        return scene

    bare = measure(lambda: bare_scene(cards))
    mapped = measure(map_scene)
    app.processEvents()
    print(json.dumps({"bare": bare, "map": mapped}))


if __name__ == "__main__":
    main()
