"""User journeys (brukerreiser) as plain data and pure operations.

A journey map has stages with steps across, lanes down, cards in the cells (lane × step), and an emotion
score −2…+2 per step. Every edit is a pure function from one ``Journey`` to the next; the services store
the result and undo puts the previous one back (the same shape as the time plan).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum

from desktop.domain.enums import MapKind
from desktop.domain.rules import clean_name
from desktop.domain.timeplan import move
from desktop.errors import ValidationError
from desktop.i18n import _

EMOTION_MIN, EMOTION_MAX = -2, 2
CARD_COLOURS = ("yellow", "pink", "green", "blue", "orange", "white")


class LaneKind(StrEnum):
    ACTIONS = "actions"
    TOUCHPOINTS = "touchpoints"
    THOUGHTS = "thoughts"
    FEELINGS = "feelings"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    BACKSTAGE = "backstage"
    CUSTOM = "custom"

    @property
    def colour(self) -> str:
        """The card colour a lane gives new cards."""
        return {
            LaneKind.PAIN_POINTS: "pink",
            LaneKind.OPPORTUNITIES: "green",
            LaneKind.FEELINGS: "orange",
            LaneKind.BACKSTAGE: "blue",
            LaneKind.TOUCHPOINTS: "white",
        }.get(self, "yellow")

    @property
    def leads_to_ideas(self) -> bool:
        return self in (LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES)

    @property
    def label(self) -> str:
        return {
            LaneKind.ACTIONS: _("Handlinger"),
            LaneKind.TOUCHPOINTS: _("Kontaktpunkter"),
            LaneKind.THOUGHTS: _("Tanker"),
            LaneKind.FEELINGS: _("Følelser"),
            LaneKind.PAIN_POINTS: _("Smertepunkter"),
            LaneKind.OPPORTUNITIES: _("Muligheter"),
            LaneKind.BACKSTAGE: _("Bak scenen"),
            LaneKind.CUSTOM: _("Annet"),
        }[self]


# Lane ids of kit templates mapped to kinds (the kit names lanes in Norwegian).
LANE_KIND_BY_ID = {
    "handlinger": LaneKind.ACTIONS,
    "kontaktpunkter": LaneKind.TOUCHPOINTS,
    "kanaler": LaneKind.TOUCHPOINTS,
    "tanker": LaneKind.THOUGHTS,
    "folelser": LaneKind.FEELINGS,
    "smertepunkter": LaneKind.PAIN_POINTS,
    "muligheter": LaneKind.OPPORTUNITIES,
    "bak-scenen": LaneKind.BACKSTAGE,
}


def lane_kind_for(lane_id: str) -> LaneKind:
    for key, kind in LANE_KIND_BY_ID.items():
        if lane_id.startswith(key):
            return kind
    return LaneKind.CUSTOM


@dataclass(frozen=True)
class Step:
    id: uuid.UUID
    title: str
    emotion: int | None = None  # −2 … +2, None until the room has said


@dataclass(frozen=True)
class Stage:
    id: uuid.UUID
    title: str
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Lane:
    id: uuid.UUID
    title: str
    kind: LaneKind = LaneKind.CUSTOM


@dataclass(frozen=True)
class Card:
    id: uuid.UUID
    lane_id: uuid.UUID
    step_id: uuid.UUID
    text: str
    colour: str = "yellow"
    idea_id: uuid.UUID | None = None  # set when a pain point or opportunity became an idea


@dataclass(frozen=True)
class Persona:
    name: str = ""
    role: str = ""
    needs: str = ""
    goals: str = ""
    frustrations: str = ""
    quote: str = ""
    photo: str | None = None  # content hash of a stored photo

    @property
    def quoted(self) -> str:
        """The quote on one line in «», however it was typed (with or without its own quote marks); "" if
        there is none."""
        quote = " ".join(self.quote.split()).strip('«»"“”')
        return f"«{quote}»" if quote else ""


@dataclass(frozen=True)
class Journey:
    id: uuid.UUID
    title: str
    kind: MapKind = MapKind.CURRENT
    persona: Persona = field(default_factory=Persona)
    stages: tuple[Stage, ...] = ()
    lanes: tuple[Lane, ...] = ()
    cards: tuple[Card, ...] = ()  # in order within each cell

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for stage in self.stages for step in stage.steps)

    def cards_in(self, lane_id: uuid.UUID, step_id: uuid.UUID) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.lane_id == lane_id and c.step_id == step_id)

    def stage_of(self, step_id: uuid.UUID) -> Stage:
        return next(stage for stage in self.stages if any(s.id == step_id for s in stage.steps))


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def from_template(
    title: str, stages: tuple[str, ...], lanes: tuple[tuple[str, str], ...], kind: MapKind = MapKind.CURRENT
) -> Journey:
    """A new map from a kit template: one step per stage to begin with, the template's lanes."""
    return Journey(
        new_id(),
        clean_title(title),
        kind,
        Persona(),
        tuple(Stage(new_id(), name, (Step(new_id(), name),)) for name in stages),
        tuple(Lane(new_id(), lane_title, lane_kind_for(lane_id)) for lane_id, lane_title in lanes),
    )


def copy_journey(j: Journey, title: str, kind: MapKind) -> Journey:
    """A copy of ``j`` to change on its own (the future map from the current one): the same persona,
    stages, steps with their emotions, lanes and cards, every one with a new id. A copied card is not the
    source of the idea its original became (``idea_id`` is None)."""
    steps = {step.id: new_id() for step in j.steps}
    lanes = {lane.id: new_id() for lane in j.lanes}
    return Journey(
        new_id(),
        clean_title(title),
        kind,
        j.persona,
        tuple(
            replace(stage, id=new_id(), steps=tuple(replace(x, id=steps[x.id]) for x in stage.steps))
            for stage in j.stages
        ),
        tuple(replace(lane, id=lanes[lane.id]) for lane in j.lanes),
        tuple(
            replace(c, id=new_id(), lane_id=lanes[c.lane_id], step_id=steps[c.step_id], idea_id=None)
            for c in j.cards
        ),
    )


# --- checks ---------------------------------------------------------------------------------------------


def clean_title(text: str, field: str = "title") -> str:
    """A map's, stage's, step's or lane's name: as any name (``rules.clean_name``), so never too long for
    its column (there was no limit)."""
    return clean_name(text, field)


def clean_card_text(text: str) -> str:
    """Card text is kept whole (a 10,000-character card stays 10,000 characters); empty is refused."""
    if not (text or "").strip():
        raise ValidationError("text", _("Et kort må ha tekst."))
    return text.strip()


def check_emotion(value: int | None) -> int | None:
    if value is not None and not EMOTION_MIN <= value <= EMOTION_MAX:
        raise ValidationError("emotion", _("Følelsen må være mellom −2 og +2."))
    return value


# --- cards ----------------------------------------------------------------------------------------------


def add_card(
    j: Journey,
    lane_id: uuid.UUID,
    step_id: uuid.UUID,
    text: str,
    colour: str | None = None,
    card_id: uuid.UUID | None = None,
) -> Journey:
    lane = next(lane for lane in j.lanes if lane.id == lane_id)
    _require_step(j, step_id)
    card = Card(card_id or new_id(), lane_id, step_id, clean_card_text(text), colour or lane.kind.colour)
    return replace(j, cards=(*j.cards, card))


def edit_card(j: Journey, card_id: uuid.UUID, **values) -> Journey:
    if "text" in values:
        values["text"] = clean_card_text(values["text"])
    if "colour" in values and values["colour"] not in CARD_COLOURS:
        raise ValidationError("colour", _("Ukjent farge."))
    return replace(j, cards=tuple(replace(c, **values) if c.id == card_id else c for c in j.cards))


def move_cards(
    j: Journey, card_ids: set[uuid.UUID], lane_id: uuid.UUID, step_id: uuid.UUID, index: int | None = None
) -> Journey:
    """Move cards to the cell (lane, step), at ``index`` among the cards there (end by default)."""
    _require_step(j, step_id)
    moving = [replace(c, lane_id=lane_id, step_id=step_id) for c in j.cards if c.id in card_ids]
    rest = [c for c in j.cards if c.id not in card_ids]
    in_cell = [i for i, c in enumerate(rest) if c.lane_id == lane_id and c.step_id == step_id]
    if index is None or index >= len(in_cell):
        at = (in_cell[-1] + 1) if in_cell else len(rest)
    else:
        at = in_cell[max(index, 0)]
    return replace(j, cards=tuple(rest[:at] + moving + rest[at:]))


def delete_cards(j: Journey, card_ids: set[uuid.UUID]) -> Journey:
    return replace(j, cards=tuple(c for c in j.cards if c.id not in card_ids))


# --- stages, steps and lanes ----------------------------------------------------------------------------


def _inserted(items: tuple, item, index: int | None) -> tuple:
    """``items`` with ``item`` at ``index`` (the end when None)."""
    out = list(items)
    out.insert(len(out) if index is None else index, item)
    return tuple(out)


def _moved(items: tuple, item_id: uuid.UUID, index: int) -> tuple:
    """``items`` with the one whose id is ``item_id`` at ``index`` (kept inside the list)."""
    source = next(i for i, x in enumerate(items) if x.id == item_id)
    return tuple(move(items, source, max(0, min(index, len(items) - 1))))


def add_stage(j: Journey, title: str, index: int | None = None) -> Journey:
    stage = Stage(new_id(), clean_title(title), (Step(new_id(), clean_title(title)),))
    return replace(j, stages=_inserted(j.stages, stage, index))


def rename_stage(j: Journey, stage_id: uuid.UUID, title: str) -> Journey:
    title = clean_title(title)
    return replace(j, stages=tuple(replace(s, title=title) if s.id == stage_id else s for s in j.stages))


def move_stage(j: Journey, stage_id: uuid.UUID, index: int) -> Journey:
    return replace(j, stages=_moved(j.stages, stage_id, index))


def delete_stage(j: Journey, stage_id: uuid.UUID) -> Journey:
    """Remove a stage with its steps and their cards (the UI asks first when it holds cards)."""
    stage = next(s for s in j.stages if s.id == stage_id)
    gone = {step.id for step in stage.steps}
    return replace(
        j,
        stages=tuple(s for s in j.stages if s.id != stage_id),
        cards=tuple(c for c in j.cards if c.step_id not in gone),
    )


def add_step(j: Journey, stage_id: uuid.UUID, title: str, index: int | None = None) -> Journey:
    step = Step(new_id(), clean_title(title))
    stages = (replace(s, steps=_inserted(s.steps, step, index)) if s.id == stage_id else s for s in j.stages)
    return replace(j, stages=tuple(stages))


def edit_step(j: Journey, step_id: uuid.UUID, **values) -> Journey:
    if "title" in values:
        values["title"] = clean_title(values["title"])
    if "emotion" in values:
        values["emotion"] = check_emotion(values["emotion"])
    return replace(
        j,
        stages=tuple(
            replace(stage, steps=tuple(replace(s, **values) if s.id == step_id else s for s in stage.steps))
            for stage in j.stages
        ),
    )


def move_step(j: Journey, step_id: uuid.UUID, index: int, stage_id: uuid.UUID | None = None) -> Journey:
    """Move a step to ``index`` within its stage, or into stage ``stage_id`` at ``index`` (its cards go
    with it); a stage keeps at least one step."""
    stage = j.stage_of(step_id)
    if stage_id is None or stage_id == stage.id:
        steps = _moved(stage.steps, step_id, index)
        return replace(j, stages=tuple(replace(s, steps=steps) if s.id == stage.id else s for s in j.stages))
    if len(stage.steps) == 1:
        raise ValidationError("step", _("En fase må ha minst ett steg. Flytt heller hele fasen."))
    step = next(x for x in stage.steps if x.id == step_id)

    def moved(s: Stage) -> Stage:
        if s.id == stage.id:
            return replace(s, steps=tuple(x for x in s.steps if x.id != step_id))
        if s.id == stage_id:
            return replace(s, steps=_inserted(s.steps, step, index))
        return s

    if not any(s.id == stage_id for s in j.stages):
        raise ValidationError("stage", _("Fasen finnes ikke lenger."))
    return replace(j, stages=tuple(moved(s) for s in j.stages))


def delete_step(j: Journey, step_id: uuid.UUID) -> Journey:
    """Remove a step and its cards; a stage keeps at least one step (delete the stage instead)."""
    if len(j.stage_of(step_id).steps) == 1:
        raise ValidationError("step", _("En fase må ha minst ett steg. Slett heller fasen."))
    return replace(
        j,
        stages=tuple(replace(s, steps=tuple(x for x in s.steps if x.id != step_id)) for s in j.stages),
        cards=tuple(c for c in j.cards if c.step_id != step_id),
    )


def add_lane(j: Journey, title: str, kind: LaneKind = LaneKind.CUSTOM, index: int | None = None) -> Journey:
    return replace(j, lanes=_inserted(j.lanes, Lane(new_id(), clean_title(title), kind), index))


def rename_lane(j: Journey, lane_id: uuid.UUID, title: str) -> Journey:
    title = clean_title(title)
    return replace(j, lanes=tuple(replace(x, title=title) if x.id == lane_id else x for x in j.lanes))


def set_lane_kind(j: Journey, lane_id: uuid.UUID, kind: LaneKind) -> Journey:
    """Change what a lane holds (pain points, opportunities, …); its cards keep their colours."""
    kind = LaneKind(kind)
    return replace(j, lanes=tuple(replace(x, kind=kind) if x.id == lane_id else x for x in j.lanes))


def move_lane(j: Journey, lane_id: uuid.UUID, index: int) -> Journey:
    return replace(j, lanes=_moved(j.lanes, lane_id, index))


def delete_lane(j: Journey, lane_id: uuid.UUID) -> Journey:
    return replace(
        j,
        lanes=tuple(x for x in j.lanes if x.id != lane_id),
        cards=tuple(c for c in j.cards if c.lane_id != lane_id),
    )


def set_persona(j: Journey, persona: Persona) -> Journey:
    return replace(j, persona=persona)


def _require_step(j: Journey, step_id: uuid.UUID) -> None:
    if not any(s.id == step_id for s in j.steps):
        raise ValidationError("step", _("Steget finnes ikke lenger."))


# --- cards from the keyboard (duplicate, move one cell, paste) ------------------------------------------


def duplicate_cards(j: Journey, copies: dict[uuid.UUID, uuid.UUID]) -> Journey:
    """A copy of each card in ``copies`` (card id → the copy's id, chosen by the caller so that redo gives
    the same ids), right after its original in the same cell; a copy is not an idea."""
    cards: list[Card] = []
    for card in j.cards:
        cards.append(card)
        if card.id in copies:
            cards.append(replace(card, id=copies[card.id], idea_id=None))
    return replace(j, cards=tuple(cards))


def shift_cards(j: Journey, card_ids: set[uuid.UUID], steps: int = 0, lanes: int = 0) -> Journey:
    """Move cards ``steps`` across (steps in map order, from stage to stage) and ``lanes`` down, each to the
    end of its new cell in their order; when one would leave the map, none moves."""
    lane_ids = [x.id for x in j.lanes]
    step_ids = [s.id for s in j.steps]
    moving = [c for c in j.cards if c.id in card_ids]
    targets: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]] = []
    for card in moving:
        lane = lane_ids.index(card.lane_id) + lanes
        step = step_ids.index(card.step_id) + steps
        if not (0 <= lane < len(lane_ids) and 0 <= step < len(step_ids)):
            return j
        targets.append((card.id, lane_ids[lane], step_ids[step]))
    for card_id, lane_id, step_id in targets:
        j = move_cards(j, {card_id}, lane_id, step_id)
    return j


def add_cards(
    j: Journey, lane_id: uuid.UUID, step_id: uuid.UUID, texts: list[str], card_ids: list[uuid.UUID]
) -> Journey:
    """One card per text at the end of the cell (pasted), with the ids ``card_ids`` in the same order."""
    if len(texts) != len(card_ids):
        raise ValueError("one id per text")
    for text, card_id in zip(texts, card_ids, strict=True):
        j = add_card(j, lane_id, step_id, text, card_id=card_id)
    return j
