"""Oppdrift and the internal innovation fund: rounds, applications, the council's scoring, grants.

A round has a budget and its dates (information workshop, applicant workshop, deadline, decision). An
application belongs to an initiative; the council scores it on five criteria, decides, and may grant up to
what was applied for and what is left of the round's budget. Unfunded applicants can be offered guidance,
which is followed up like the funded projects. Amounts are whole kroner.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.rules import DOTTED_THOUSANDS, SPACES, format_date
from desktop.errors import ValidationError
from desktop.i18n import _

SCORE_MIN, SCORE_MAX = 1, 5
AMOUNT_MAX = 100_000_000  # a typing slip of a few zeros is caught, a real round never comes near


class Criterion(StrEnum):
    """The fund council's five criteria (Bærum's innovation fund)."""

    INNOVATIVE = "innovative"
    ANCHORED = "anchored"
    SCALABLE = "scalable"
    GAIN = "gain"
    OUTSIDE_OPERATIONS = "outside_operations"

    @property
    def label(self) -> str:
        return {
            Criterion.INNOVATIVE: _("Nytt og nyskapende, knyttet til kommunens mål"),
            Criterion.ANCHORED: _("Forankret i linjen"),
            Criterion.SCALABLE: _("Kan spres eller skaleres"),
            Criterion.GAIN: _("Gevinstpotensial (økonomi og kvalitet)"),
            Criterion.OUTSIDE_OPERATIONS: _("Utenfor ordinær drift"),
        }[self]

    @property
    def short(self) -> str:
        return {
            Criterion.INNOVATIVE: _("Nyskapende"),
            Criterion.ANCHORED: _("Forankret"),
            Criterion.SCALABLE: _("Spredning"),
            Criterion.GAIN: _("Gevinst"),
            Criterion.OUTSIDE_OPERATIONS: _("Utenfor drift"),
        }[self]


class FundDecision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            FundDecision.PENDING: _("Til behandling"),
            FundDecision.GRANTED: _("Innvilget"),
            FundDecision.REJECTED: _("Avslått"),
            FundDecision.WITHDRAWN: _("Trukket"),
        }[self]


def kroner(value: int) -> str:
    """12 500 kr, with the thin grouping Norwegians write (a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"


_PLAIN = re.compile(r"-?\d+")


def clean_amount(
    value: int | float | str | None, field: str, label: str, required: bool = True
) -> int | None:
    """Whole kroner, not negative. Text may have spaces, "kr" and a ",-" or ",00"; a dot only between
    thousands ("12.500", "1.250.000,-"). Anything that could be øre ("2.5", "12,50") is refused, never
    rounded or read as thousands: a typed amount is stored as the facilitator meant it or not at all."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, _("Skriv beløpet for «{field}».").format(field=label))
        return None
    if isinstance(value, str):
        value = _read_kroner(value, field, label)
    elif not isinstance(value, int):
        try:
            whole = int(value)
        except (ValueError, OverflowError, TypeError):
            raise ValidationError(
                field, _("«{field}» må være et helt beløp i kroner.").format(field=label)
            ) from None
        if whole != value:
            raise ValidationError(field, _whole_kroner_message(label))
        value = whole
    if value < 0:
        raise ValidationError(field, _("«{field}» kan ikke være under 0\u00a0kr.").format(field=label))
    if value > AMOUNT_MAX:
        raise ValidationError(
            field, _("«{field}» er mye høyere enn noe fond har. Sjekk antall nuller.").format(field=label)
        )
    return int(value)


_CURRENCY = ("kroner", "nok", "kr.", "kr")  # longest first


def _read_kroner(value: str, field: str, label: str) -> int:
    text = value.translate(SPACES).lower()
    # The currency as people write it: kr 12 500, NOK 12 500, 12 500 kr, 12 500 kroner, 12 500,- kr,
    # 12 500 kr,-; a minus before it all (-kr 5) stays a minus.
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    text = next((text[len(p) :] for p in _CURRENCY if text.startswith(p)), text)
    text = next((text[: -len(s)] for s in _CURRENCY if text.endswith(s)), text)
    text = next((text[: -len(w)] for w in (",-", ",00") if text.endswith(w)), text)  # once: 12,00,00 is not
    text = sign + next((text[: -len(s)] for s in _CURRENCY if text.endswith(s)), text)
    if _PLAIN.fullmatch(text):
        return int(text)
    if DOTTED_THOUSANDS.fullmatch(text):
        return int(text.replace(".", ""))
    if re.fullmatch(r"-?[\d.]*\d[\d.,]*", text):  # digits with a dot or comma where øre could be
        raise ValidationError(field, _whole_kroner_message(label))
    raise ValidationError(field, _("«{field}» må være et helt beløp i kroner.").format(field=label))


def _whole_kroner_message(label: str) -> str:
    return _("«{field}» må være hele kroner, for eksempel 12\u00a0500 (uten øre).").format(field=label)


def clean_score(value: int | None, criterion: Criterion) -> int | None:
    if value is None:
        return None
    if not SCORE_MIN <= int(value) <= SCORE_MAX:
        raise ValidationError(
            criterion.value,
            _("Poengene for «{criterion}» må være fra {low} til {high}.").format(
                criterion=criterion.label, low=SCORE_MIN, high=SCORE_MAX
            ),
        )
    return int(value)


def check_round_dates(
    info_workshop: date | None,
    applicant_workshop: date | None,
    deadline: date | None,
    decision: date | None,
    edited: Collection[str] = (),
) -> None:
    """The workshops come before the deadline, the decision after it. A refusal is said at the date being
    set: when only the deadline is (``edited``: the fields set now), at the deadline."""
    if deadline is None:
        return
    at_deadline = "deadline" in edited
    for field, day, label, other in (
        ("info_workshop", info_workshop, _("Informasjonsverkstedet"), _("informasjonsverkstedet")),
        ("applicant_workshop", applicant_workshop, _("Søkerverkstedet"), _("søkerverkstedet")),
    ):
        if day is not None and day > deadline:
            if at_deadline and field not in edited:
                raise ValidationError(
                    "deadline",
                    _("Søknadsfristen kan ikke være før {what} ({day}).").format(
                        what=other, day=format_date(day)
                    ),
                )
            raise ValidationError(
                field,
                _("{what} må være før søknadsfristen ({day}).").format(what=label, day=format_date(deadline)),
            )
    if decision is not None and decision < deadline:
        if at_deadline and "decision_date" not in edited:
            raise ValidationError(
                "deadline",
                _("Søknadsfristen kan ikke være etter vedtaket ({day}).").format(day=format_date(decision)),
            )
        raise ValidationError(
            "decision_date",
            _("Vedtaket kan ikke komme før søknadsfristen ({day}).").format(day=format_date(deadline)),
        )


def check_grant(
    decision: FundDecision, applied: int, granted: int | None, budget: int, granted_to_others: int
) -> None:
    """A grant only with a "granted" decision, never more than applied for or than is left of the round."""
    if decision is not FundDecision.GRANTED:
        if granted:
            raise ValidationError(
                "amount_granted",
                _("Bare en innvilget søknad kan få tildelt midler. Sett vedtaket til «Innvilget»."),
            )
        return
    if granted is None or granted == 0:
        raise ValidationError("amount_granted", _("Skriv hvor mye som er innvilget."))
    if granted > applied:
        raise ValidationError(
            "amount_granted",
            _("Tildelingen ({granted}) er større enn søknadsbeløpet ({applied}).").format(
                granted=kroner(granted), applied=kroner(applied)
            ),
        )
    left = budget - granted_to_others
    if granted > left:
        raise ValidationError(
            "amount_granted",
            _("Det er bare {left} igjen av rammen til denne runden.").format(left=kroner(max(0, left))),
        )


@dataclass(frozen=True)
class ApplicationFigures:
    applied: int
    decision: FundDecision
    granted: int | None
    scores: tuple[int | None, ...] = ()

    @property
    def score(self) -> int | None:
        """The sum of the criteria scored (None before any is)."""
        given = [s for s in self.scores if s is not None]
        return sum(given) if given else None

    @property
    def scored(self) -> int:
        """How many of the five criteria the council has scored."""
        return sum(1 for s in self.scores if s is not None)

    @property
    def fully_scored(self) -> bool:
        """Every criterion scored: only then is ``score`` comparable with another application's."""
        return self.scored == len(Criterion)


@dataclass(frozen=True)
class RoundOverview:
    budget: int
    applications: int
    applied: int
    granted: int
    funded: int
    rejected: int
    pending: int
    withdrawn: int = 0  # not counted in ``applications`` or any sum

    @property
    def left(self) -> int:
        return self.budget - self.granted


def round_overview(budget: int, applications: Iterable[ApplicationFigures]) -> RoundOverview:
    every = list(applications)
    apps = [a for a in every if a.decision is not FundDecision.WITHDRAWN]
    granted = [a for a in apps if a.decision is FundDecision.GRANTED]
    return RoundOverview(
        budget=budget,
        applications=len(apps),
        applied=sum(a.applied for a in apps),
        granted=sum(a.granted or 0 for a in granted),
        funded=len(granted),
        rejected=sum(1 for a in apps if a.decision is FundDecision.REJECTED),
        pending=sum(1 for a in apps if a.decision is FundDecision.PENDING),
        withdrawn=len(every) - len(apps),
    )
