"""A leader group's ideas as plain data and pure operations: themes, dot voting, the impact/effort matrix.

The whole board (ideas, themes, votes and the number of dots each participant has) is one value; every
edit is a pure function from one ``Board`` to the next. The services store the result and undo puts the
previous board back, the same shape as the journey maps and the time plan.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop.domain.timeplan import move
from desktop.errors import ValidationError
from desktop.i18n import _

DOTS_DEFAULT = 3
DOTS_MAX = 20
COUNTED_MAX = 999  # dots counted off a paper wall, per idea
IDEA_TEXT_MAX = 500
THEME_TITLE_MAX = 100
MIDDLE = 0.5  # the matrix's dividing line on both axes (0 = low, 1 = high)


def dots_count(n: int) -> str:
    """«1 prikk», «7 prikker»."""
    return _("1 prikk") if n == 1 else _("{n} prikker").format(n=n)


class Quadrant(StrEnum):
    QUICK_WINS = "quick_wins"  # high impact, low effort
    BIG_BETS = "big_bets"  # high impact, high effort
    SMALL_STEPS = "small_steps"  # low impact, low effort
    MONEY_PITS = "money_pits"  # low impact, high effort

    @property
    def label(self) -> str:
        return {
            Quadrant.QUICK_WINS: _("Raske gevinster"),
            Quadrant.BIG_BETS: _("Store satsinger"),
            Quadrant.SMALL_STEPS: _("Småtiltak"),
            Quadrant.MONEY_PITS: _("Lite å hente"),
        }[self]

    @property
    def hint(self) -> str:
        return {
            Quadrant.QUICK_WINS: _("stor effekt, liten innsats"),
            Quadrant.BIG_BETS: _("stor effekt, stor innsats"),
            Quadrant.SMALL_STEPS: _("liten effekt, liten innsats"),
            Quadrant.MONEY_PITS: _("liten effekt, stor innsats"),
        }[self]


@dataclass(frozen=True)
class Theme:
    id: uuid.UUID
    title: str


@dataclass(frozen=True)
class Idea:
    id: uuid.UUID
    text: str
    theme_id: uuid.UUID | None = None
    source_card_id: uuid.UUID | None = None  # the journey card (pain point, opportunity) it came from
    impact: float | None = None  # 0 (low) … 1 (high); None: not placed on the matrix
    effort: float | None = None  # 0 (little) … 1 (much)
    chosen: bool = False  # taken further (to a prototype)

    @property
    def placed(self) -> bool:
        return self.impact is not None and self.effort is not None

    @property
    def quadrant(self) -> Quadrant | None:
        if self.impact is None or self.effort is None:
            return None
        high = self.impact >= MIDDLE
        much = self.effort >= MIDDLE
        if high:
            return Quadrant.BIG_BETS if much else Quadrant.QUICK_WINS
        return Quadrant.MONEY_PITS if much else Quadrant.SMALL_STEPS


@dataclass(frozen=True)
class Vote:
    """Dots on an idea: a participant's (``participant_id``), or, with ``participant_id`` None, the sticker
    dots the facilitator counted off the paper wall (nobody's in particular, no limit per participant)."""

    idea_id: uuid.UUID
    participant_id: uuid.UUID | None
    dots: int


@dataclass(frozen=True)
class Board:
    dots: int = DOTS_DEFAULT  # dots each participant may place
    themes: tuple[Theme, ...] = ()
    ideas: tuple[Idea, ...] = ()  # in display order (within each theme, this order)
    votes: tuple[Vote, ...] = ()  # at most one entry per (idea, participant or None), dots ≥ 1

    def idea(self, idea_id: uuid.UUID) -> Idea:
        for idea in self.ideas:
            if idea.id == idea_id:
                return idea
        raise ValidationError("idea", _("Idéen finnes ikke lenger."))

    def theme(self, theme_id: uuid.UUID) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise ValidationError("theme", _("Temaet finnes ikke lenger."))

    def votes_for(self, idea_id: uuid.UUID) -> int:
        return sum(v.dots for v in self.votes if v.idea_id == idea_id)

    def used(self, participant_id: uuid.UUID) -> int:
        return sum(v.dots for v in self.votes if v.participant_id == participant_id)

    def dots_left(self, participant_id: uuid.UUID) -> int:
        return self.dots - self.used(participant_id)

    def given(self, idea_id: uuid.UUID, participant_id: uuid.UUID) -> int:
        return next(
            (v.dots for v in self.votes if v.idea_id == idea_id and v.participant_id == participant_id), 0
        )

    @property
    def total_votes(self) -> int:
        return sum(v.dots for v in self.votes)

    @property
    def counted(self) -> int:
        """The dots counted off the wall (in ``total_votes`` too)."""
        return sum(v.dots for v in self.votes if v.participant_id is None)

    def in_theme(self, theme_id: uuid.UUID | None) -> tuple[Idea, ...]:
        return tuple(i for i in self.ideas if i.theme_id == theme_id)

    def ranking(self) -> tuple[tuple[Idea, int], ...]:
        """Ideas with their votes, most votes first; equal counts keep the board's order."""
        counts = Counter()
        for v in self.votes:
            counts[v.idea_id] += v.dots
        ranked = sorted(enumerate(self.ideas), key=lambda pair: (-counts[pair[1].id], pair[0]))
        return tuple((idea, counts[idea.id]) for _index, idea in ranked)


# --- ideas --------------------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError("text", _("Skriv idéen før du legger den til."))
    if len(text) > IDEA_TEXT_MAX:
        raise ValidationError("text", _("En idé kan ha høyst {n} tegn.").format(n=IDEA_TEXT_MAX))
    return text


def fitted_text(text: str) -> str:
    """``text`` as an idea holds it: on one line, and cut at a word with "…" when longer than an idea may be
    (a long journey card becoming an idea; the card keeps the whole text)."""
    text = " ".join(text.split())
    if len(text) <= IDEA_TEXT_MAX:
        return text
    cut = text[: IDEA_TEXT_MAX - 1]
    if " " in cut[IDEA_TEXT_MAX // 2 :]:  # at a word, unless that throws away half of it
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def add_idea(board: Board, idea: Idea, index: int | None = None) -> Board:
    idea = replace(idea, text=clean_text(idea.text))
    if idea.theme_id is not None:
        board.theme(idea.theme_id)
    ideas = list(board.ideas)
    ideas.insert(len(ideas) if index is None else max(0, min(index, len(ideas))), idea)
    return replace(board, ideas=tuple(ideas))


def _replace_idea(board: Board, idea_id: uuid.UUID, **changes) -> Board:
    board.idea(idea_id)
    return replace(board, ideas=tuple(replace(i, **changes) if i.id == idea_id else i for i in board.ideas))


def edit_text(board: Board, idea_id: uuid.UUID, text: str) -> Board:
    return _replace_idea(board, idea_id, text=clean_text(text))


def remove_idea(board: Board, idea_id: uuid.UUID) -> Board:
    board.idea(idea_id)
    return replace(
        board,
        ideas=tuple(i for i in board.ideas if i.id != idea_id),
        votes=tuple(v for v in board.votes if v.idea_id != idea_id),
    )


def move_idea(
    board: Board, idea_id: uuid.UUID, theme_id: uuid.UUID | None, index: int | None = None
) -> Board:
    """Put an idea into ``theme_id`` (None: no theme) at ``index`` among that theme's ideas (None: last)."""
    idea = board.idea(idea_id)
    if theme_id is not None:
        board.theme(theme_id)
    rest = [i for i in board.ideas if i.id != idea_id]
    members = [n for n, i in enumerate(rest) if i.theme_id == theme_id]
    if not members:
        at = len(rest)
    elif index is None or index >= len(members):
        at = members[-1] + 1
    else:
        at = members[max(0, index)]
    rest.insert(at, replace(idea, theme_id=theme_id))
    return replace(board, ideas=tuple(rest))


def set_source(board: Board, idea_id: uuid.UUID, card_id: uuid.UUID | None) -> Board:
    """Link an idea to the journey card (pain point, opportunity) it answers; None removes the link."""
    return _replace_idea(board, idea_id, source_card_id=card_id)


def set_chosen(board: Board, idea_id: uuid.UUID, chosen: bool) -> Board:
    return _replace_idea(board, idea_id, chosen=chosen)


def place(board: Board, idea_id: uuid.UUID, impact: float, effort: float) -> Board:
    """Place an idea on the impact/effort matrix; values outside 0…1 are held at the edge."""
    return _replace_idea(
        board,
        idea_id,
        impact=round(min(1.0, max(0.0, impact)), 3),
        effort=round(min(1.0, max(0.0, effort)), 3),
    )


def unplace(board: Board, idea_id: uuid.UUID) -> Board:
    return _replace_idea(board, idea_id, impact=None, effort=None)


def merge_ideas(
    board: Board, keep_id: uuid.UUID, other_ids: Iterable[uuid.UUID], text: str | None = None
) -> Board:
    """Fold ``other_ids`` into ``keep_id``: the same idea written on several notes becomes one, so that its
    dots are not split. The kept idea keeps its place and theme, takes ``text`` (None: its own), is placed
    where it was (or where the first placed of the others was), is taken further when any of them was, and
    keeps a link to a journey card (its own, or the first other's). Each participant's dots on all of them
    are added up on it, so nobody's dot count changes; dots counted off the wall are added too."""
    keep = board.idea(keep_id)
    others = [board.idea(i) for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise ValidationError("ideas", _("Velg minst én annen idé å slå sammen med."))
    folded = {keep_id, *(o.id for o in others)}
    placed = next((i for i in (keep, *others) if i.placed), keep)
    merged = replace(
        keep,
        text=keep.text if text is None else clean_text(text),
        impact=placed.impact,
        effort=placed.effort,
        chosen=any(i.chosen for i in (keep, *others)),
        source_card_id=next((i.source_card_id for i in (keep, *others) if i.source_card_id), None),
    )
    dots: dict[uuid.UUID | None, int] = {}
    for v in board.votes:
        if v.idea_id in folded:
            dots[v.participant_id] = dots.get(v.participant_id, 0) + v.dots
    if dots.get(None, 0) > COUNTED_MAX:
        dots[None] = COUNTED_MAX
    votes: list[Vote] = []
    for v in board.votes:
        if v.idea_id not in folded:
            votes.append(v)
        elif v.participant_id in dots:  # the first of a participant's entries carries the sum, in its place
            votes.append(Vote(keep_id, v.participant_id, dots.pop(v.participant_id)))
    gone = folded - {keep_id}
    return replace(
        board,
        ideas=tuple(merged if i.id == keep_id else i for i in board.ideas if i.id not in gone),
        votes=tuple(votes),
    )


_COMMON_WORDS = frozenset(
    "og i på for med til en et ei å som de det den av at "  # noqa: SIM905 - a sentence reads best
    "er vi vår våre har kan skal mer mindre bedre fra om ikke seg sin sitt sine".split()
)


def _words(text: str) -> frozenset[str]:
    """The words of an idea that say what it is about, cut to their first five letters so that «brukere»
    and «brukerne», «kommunikasjon» and «kommunisere» meet."""
    folded = "".join(c if c.isalnum() else " " for c in text.casefold())
    return frozenset(w[:5] for w in folded.split() if len(w) > 1 and w not in _COMMON_WORDS)


def similar_ideas(board: Board, idea_id: uuid.UUID) -> tuple[tuple[Idea, float], ...]:
    """The other ideas of the board with how alike they are to ``idea_id`` (0 … 1: twice the words they
    share over the words of both, so a short note said again in a longer one counts as alike), most alike
    first; equal ones keep the board's order."""
    words = _words(board.idea(idea_id).text)
    scored = []
    for idea in board.ideas:
        if idea.id == idea_id:
            continue
        theirs = _words(idea.text)
        both = len(words) + len(theirs)
        scored.append((idea, 2 * len(words & theirs) / both if both else 0.0))
    return tuple(sorted(scored, key=lambda pair: -pair[1]))


# --- themes -------------------------------------------------------------------------------------------------


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError("title", _("Temaet må ha et navn."))
    if len(title) > THEME_TITLE_MAX:
        raise ValidationError("title", _("Et tema kan ha høyst {n} tegn.").format(n=THEME_TITLE_MAX))
    return title


def add_theme(board: Board, theme: Theme) -> Board:
    return replace(board, themes=(*board.themes, replace(theme, title=clean_title(theme.title))))


def rename_theme(board: Board, theme_id: uuid.UUID, title: str) -> Board:
    board.theme(theme_id)
    title = clean_title(title)
    return replace(
        board, themes=tuple(replace(t, title=title) if t.id == theme_id else t for t in board.themes)
    )


def remove_theme(board: Board, theme_id: uuid.UUID) -> Board:
    """Remove a theme; its ideas stay on the board without a theme."""
    board.theme(theme_id)
    return replace(
        board,
        themes=tuple(t for t in board.themes if t.id != theme_id),
        ideas=tuple(replace(i, theme_id=None) if i.theme_id == theme_id else i for i in board.ideas),
    )


def move_theme(board: Board, theme_id: uuid.UUID, index: int) -> Board:
    position = next(n for n, t in enumerate(board.themes) if t.id == board.theme(theme_id).id)
    return replace(
        board, themes=tuple(move(board.themes, position, max(0, min(index, len(board.themes) - 1))))
    )


# --- voting -------------------------------------------------------------------------------------------------


def cast_vote(board: Board, idea_id: uuid.UUID, participant_id: uuid.UUID | None) -> Board:
    """One more dot from a participant on an idea; refused when the participant has none left. With
    ``participant_id`` None, one more dot counted off the wall (see ``set_counted``)."""
    board.idea(idea_id)
    given = board.given(idea_id, participant_id)
    if participant_id is None:
        return set_counted(board, idea_id, given + 1)
    if board.dots_left(participant_id) <= 0:
        raise ValidationError("votes", _("Deltakeren har brukt alle sine {n} prikker.").format(n=board.dots))
    return _with_dots(board, idea_id, participant_id, given + 1)


def set_counted(board: Board, idea_id: uuid.UUID, dots: int) -> Board:
    """The dots counted on an idea's sticky note on the paper wall (0 takes them away); a participant's
    own dots stay as they are."""
    board.idea(idea_id)
    if not 0 <= dots <= COUNTED_MAX:
        raise ValidationError("votes", _("Tell mellom 0 og {n} prikker.").format(n=COUNTED_MAX))
    return _with_dots(board, idea_id, None, dots)


def _with_dots(board: Board, idea_id: uuid.UUID, participant_id: uuid.UUID | None, dots: int) -> Board:
    """``dots`` from ``participant_id`` on the idea (none: the entry goes), in the entry's place."""
    votes = []
    placed = False
    for v in board.votes:
        if v.idea_id == idea_id and v.participant_id == participant_id:
            placed = True
            if dots:
                votes.append(replace(v, dots=dots))
        else:
            votes.append(v)
    if not placed and dots:
        votes.append(Vote(idea_id, participant_id, dots))
    return replace(board, votes=tuple(votes))


def withdraw_vote(board: Board, idea_id: uuid.UUID, participant_id: uuid.UUID | None) -> Board:
    """Take one of a participant's dots (None: one counted off the wall) back from an idea."""
    given = board.given(idea_id, participant_id)
    if given == 0:
        raise ValidationError(
            "votes",
            _("Idéen har ingen talte prikker.")
            if participant_id is None
            else _("Deltakeren har ingen prikk på denne idéen."),
        )
    return _with_dots(board, idea_id, participant_id, given - 1)


def reset_votes(board: Board) -> Board:
    return replace(board, votes=())


def set_dots(board: Board, dots: int) -> Board:
    """How many dots each participant has; never fewer than someone has already used (dots counted off the
    wall are nobody's)."""
    if not 1 <= dots <= DOTS_MAX:
        raise ValidationError("dots", _("Antall prikker må være mellom 1 og {n}.").format(n=DOTS_MAX))
    people = {v.participant_id for v in board.votes if v.participant_id is not None}
    used = max((board.used(p) for p in people), default=0)
    if dots < used:
        raise ValidationError(
            "dots",
            _(
                "Noen har allerede brukt {used} prikker. Velg minst {used}, eller nullstill stemmene først."
            ).format(used=used),
        )
    return replace(board, dots=dots)


def without_participant(board: Board, participant_id: uuid.UUID) -> Board:
    return replace(board, votes=tuple(v for v in board.votes if v.participant_id != participant_id))
