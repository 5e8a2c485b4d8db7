"""Prototypes as plain data: the behov – løsning – test (need, solution, test) loop with its history.

A prototype is made from a chosen idea, of a kind from the kit's prototyping deck. Each round of testing is
an ``Iteration``: what is needed, the solution tried, the assumption tested, with whom / where / when, the
success criteria, then the result, the learning and the decision (continue, adjust, stop). A new round starts
from the previous one, so the history shows how the prototype changed. A prototype without a need or an
assumption is a draft: kept, and shown with a warning, never refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

from desktop.errors import ValidationError
from desktop.i18n import _

TITLE_MAX = 200
FIELD_MAX = 4000


class Decision(StrEnum):
    CONTINUE = "continue"
    ADJUST = "adjust"
    STOP = "stop"

    @property
    def label(self) -> str:
        return {Decision.CONTINUE: _("Fortsett"), Decision.ADJUST: _("Juster"), Decision.STOP: _("Stopp")}[
            self
        ]


class Status(StrEnum):
    DRAFT = "draft"  # need or assumption missing
    READY = "ready"  # ready to be tested
    TESTED = "tested"  # a result, no decision yet
    CONTINUE = "continue"
    ADJUST = "adjust"
    STOP = "stop"

    @property
    def label(self) -> str:
        return {
            Status.DRAFT: _("Utkast"),
            Status.READY: _("Klar til test"),
            Status.TESTED: _("Testet, ikke besluttet"),
            Status.CONTINUE: _("Fortsett"),
            Status.ADJUST: _("Juster"),
            Status.STOP: _("Stoppet"),
        }[self]


# The text fields of a round, in the order of the BLT card.
TEXT_FIELDS = (
    "need",
    "solution",
    "assumption",
    "with_whom",
    "place",
    "timing",
    "success_criteria",
    "result",
    "learning",
)


def field_label(name: str) -> str:
    return {
        "need": _("Behov"),
        "solution": _("Løsning"),
        "assumption": _("Hva vi tester (antakelse)"),
        "with_whom": _("Med hvem"),
        "place": _("Hvor"),
        "timing": _("Når"),
        "success_criteria": _("Suksesskriterier"),
        "result": _("Resultat"),
        "learning": _("Læring"),
    }[name]


REQUIRED = ("need", "assumption")
CARRIED_OVER = ("need", "solution", "assumption", "with_whom", "place", "timing", "success_criteria")


@dataclass(frozen=True)
class Iteration:
    id: uuid.UUID
    need: str = ""
    solution: str = ""
    assumption: str = ""
    with_whom: str = ""
    place: str = ""
    timing: str = ""
    success_criteria: str = ""
    result: str = ""
    learning: str = ""
    decision: Decision | None = None
    tested_on: date | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The labels of the fields a draft still lacks (need, assumption)."""
        return tuple(field_label(name) for name in REQUIRED if not getattr(self, name).strip())

    @property
    def status(self) -> Status:
        if self.missing:
            return Status.DRAFT
        if self.decision is not None:
            return Status(self.decision.value)
        if self.result.strip():
            return Status.TESTED
        return Status.READY


@dataclass(frozen=True)
class Prototype:
    id: uuid.UUID
    idea_id: uuid.UUID
    title: str
    kit_id: str | None = None  # the prototyping card (kind) it follows
    card_id: str | None = None
    iterations: tuple[Iteration, ...] = ()

    @property
    def current(self) -> Iteration:
        return self.iterations[-1]

    @property
    def status(self) -> Status:
        return self.current.status

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT

    def iteration(self, iteration_id: uuid.UUID) -> Iteration:
        for it in self.iterations:
            if it.id == iteration_id:
                return it
        raise ValidationError("iteration", _("Runden finnes ikke lenger."))


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError("title", _("Prototypen må ha et navn."))
    if len(title) > TITLE_MAX:
        raise ValidationError("title", _("Navnet kan ha høyst {n} tegn.").format(n=TITLE_MAX))
    return title


def new_prototype(
    idea_id: uuid.UUID,
    title: str,
    kit_id: str | None = None,
    card_id: str | None = None,
    need: str = "",
    prototype_id: uuid.UUID | None = None,
) -> Prototype:
    return Prototype(
        prototype_id or uuid.uuid4(),
        idea_id,
        clean_title(title),
        kit_id,
        card_id,
        (Iteration(uuid.uuid4(), need=need.strip()),),
    )


def rename(prototype: Prototype, title: str) -> Prototype:
    return replace(prototype, title=clean_title(title))


def set_kind(prototype: Prototype, kit_id: str | None, card_id: str | None) -> Prototype:
    return replace(prototype, kit_id=kit_id, card_id=card_id)


_ITERATION_FIELDS = {f.name for f in fields(Iteration)} - {"id"}


def edit_iteration(prototype: Prototype, iteration_id: uuid.UUID, **changes) -> Prototype:
    """Change fields of one round; text is kept as typed (trimmed), long text is refused."""
    unknown = set(changes) - _ITERATION_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in list(changes.items()):
        if name in TEXT_FIELDS:
            value = (value or "").strip()
            if len(value) > FIELD_MAX:
                raise ValidationError(
                    name, _("«{field}» kan ha høyst {n} tegn.").format(field=field_label(name), n=FIELD_MAX)
                )
            changes[name] = value
        elif name == "decision" and value is not None:
            changes[name] = Decision(value)
    prototype.iteration(iteration_id)
    return replace(
        prototype,
        iterations=tuple(
            replace(it, **changes) if it.id == iteration_id else it for it in prototype.iterations
        ),
    )


def next_iteration(prototype: Prototype, iteration_id: uuid.UUID | None = None) -> Prototype:
    """Start a new round from the last one: what was planned carries over, result and learning start empty.
    A stopped prototype gets no new round until its decision is changed."""
    current = prototype.current
    if current.decision is Decision.STOP:
        raise ValidationError(
            "decision",
            _(
                "Prototypen er stoppet. Endre beslutningen til «Fortsett» eller «Juster» "
                "for å teste en ny runde."
            ),
        )
    carried = {name: getattr(current, name) for name in CARRIED_OVER}
    return replace(
        prototype, iterations=(*prototype.iterations, Iteration(iteration_id or uuid.uuid4(), **carried))
    )


def remove_iteration(prototype: Prototype, iteration_id: uuid.UUID) -> Prototype:
    prototype.iteration(iteration_id)
    if len(prototype.iterations) == 1:
        raise ValidationError("iteration", _("En prototype har alltid minst én runde."))
    return replace(prototype, iterations=tuple(it for it in prototype.iterations if it.id != iteration_id))
