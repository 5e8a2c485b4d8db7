"""A session's checklist (sjekkliste): what to do before, during and after a samling, derived from its time
plan and the kit it came from. Pure Python: the services add the stored ticks, the UI shows them.

Keys are stable and readable, so a tick survives reloads, restarts and a re-derived list:

- ``before:material:<slug>``: one per distinct material of the plan (merged case-insensitively across
  blocks, the blocks that need it in ``detail``);
- ``before:worksheet:<worksheet id>``: one per worksheet of the session template, with the number to print;
- ``before:room``: the room set-up of the session template;
- ``before:<name>``: the fixed items (projector, participant list, ...);
- ``during:block:<n>:<slug of title>``: one per block of the plan, ``n`` counted from 1 in plan order (a
  block moved or renamed is a new item; its old tick is then simply not shown);
- ``after:<name>``: the fixed items after the session (notes, summaries, time used, ...).

How many copies of a worksheet to print (``copies``): one per leader group or per participant **plus two
spare copies** (a group that starts over, a late participant or a guest), and exactly one when the sheet is
``per = "session"`` (a poster for the wall). A material that *is* one of the session's worksheets (the
plan's «Utfordringsskjema (A4)» is the worksheet ``utfordringsskjema``) is not listed twice: the print item
covers it and says which blocks use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.i18n import _

BEFORE = "before"
DURING = "during"
AFTER = "after"
PHASES = (BEFORE, DURING, AFTER)

PARTICIPANT_LIST = "deltakerliste"
ROOM_KEYS = ("before:room", "before:laptop", "before:projector")
SPARE_COPIES = {"group": 2, "participant": 2, "session": 0}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    phase: str  # "before" | "during" | "after"
    text: str
    detail: str = ""


@dataclass(frozen=True)
class PlanStep:
    """One block of the plan as the checklist sees it (a plain ``(title, minutes, materials, start)`` tuple
    is accepted too)."""

    title: str
    minutes: int
    materials: tuple[str, ...] = ()
    start: str = ""  # "HH:MM", the computed start; "" when unknown


@dataclass(frozen=True)
class Printout:
    """A worksheet to print (a kit ``Worksheet`` or an ``(id, title, paper, orientation, per)`` tuple)."""

    id: str
    title: str
    paper: str  # "A4" | "A3"
    orientation: str  # "portrait" | "landscape"
    per: str  # "group" | "participant" | "session"


def phase_label(phase: str) -> str:
    return {
        BEFORE: _("Før samlingen"),
        DURING: _("Under samlingen"),
        AFTER: _("Etter samlingen"),
    }[phase]


def slug(text: str) -> str:
    """«Post-it-lapper i to farger» → ``post-it-lapper-i-to-farger``; æ, ø, å become ae, o, a."""
    lowered = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def copies(per: str, groups: int, participants: int) -> tuple[int, int]:
    """(copies to print, of which spare) for a worksheet printed ``per`` group, participant or session."""
    if per == "session":
        return 1, 0
    base = participants if per == "participant" else groups
    if base <= 0:
        return 0, 0  # nobody registered yet: no count to give
    spare = SPARE_COPIES.get(per, 0)
    return base + spare, spare


def section_label(key: str) -> str:
    """The sub-heading a «before» item is shown under: what to print, what to bring, or the rest."""
    if key.startswith("before:worksheet:"):
        return _("Skriv ut")
    if key.startswith("before:material:"):
        return _("Materiell å ha med")
    if key in ROOM_KEYS:
        return _("Rommet og teknikken")
    if key.startswith("before:"):
        return _("Forberedelser")
    return ""


def paper_label(paper: str, orientation: str) -> str:
    """«A3 liggende», «A4 stående»."""
    turn = _("liggende") if str(orientation) == "landscape" else _("stående")
    return f"{paper} {turn}"


def build_checklist(
    blocks: Iterable[PlanStep | Sequence],
    worksheets: Iterable[Printout | Sequence | object] = (),
    room_setup: str = "",
    groups: int = 0,
    participants: int = 0,
    has_notes: bool = False,
) -> list[ChecklistItem]:
    """The checklist of a session, in phase order (before, during, after).

    ``has_notes``: the plan holds the facilitator's own notes to blocks; then «read them» is an item.
    """
    steps = [_step(b) for b in blocks]
    sheets = [_printout(w) for w in worksheets]
    items: list[ChecklistItem] = []
    items += _before(steps, sheets, room_setup.strip(), groups, participants, has_notes)
    items += _during(steps)
    items += _after(groups)
    return items


# --- the three phases ------------------------------------------------------------------------------------


def _before(
    steps: list[PlanStep],
    sheets: list[Printout],
    room_setup: str,
    groups: int,
    participants: int,
    has_notes: bool,
) -> list[ChecklistItem]:
    items = [
        ChecklistItem(
            "before:plan",
            BEFORE,
            _("Gå gjennom tidsplanen og fordel blokkene mellom veilederne"),
            _("{n} blokker").format(n=len(steps)) if steps else "",
        )
    ]
    if has_notes:
        items.append(
            ChecklistItem(
                "before:notes",
                BEFORE,
                _("Les gjennom veiledernotatene i tidsplanen"),
                _("Notatene vises bare for deg under kjøringen, ikke på veggen."),
            )
        )
    items.append(
        ChecklistItem(
            "before:participant-list",
            BEFORE,
            _("Ha med deltakerlisten"),
            _("{n} deltakere i {g} ledergrupper").format(n=participants, g=groups) if participants else "",
        )
    )
    sheet_names: dict[str, str] = {}
    for sheet in sheets:
        for name in (sheet.id, sheet.title, _without_paper_suffix(sheet.id)):
            sheet_names.setdefault(slug(name), sheet.id)
    used_in: dict[str, list[str]] = {sheet.id: [] for sheet in sheets}
    materials: dict[str, tuple[str, list[str]]] = {}  # slug -> (first spelling, where used)
    for step in steps:
        where = _where(step)
        for material in step.materials:
            name = " ".join(material.split())
            if not name:
                continue
            sheet_id = next((sheet_names[c] for c in _sheet_candidates(name) if c in sheet_names), None)
            if sheet_id is not None:
                _add_once(used_in[sheet_id], where)
                continue
            if PARTICIPANT_LIST in _sheet_candidates(name):
                continue  # the fixed item «Ha med deltakerlisten» covers it
            _add_once(materials.setdefault(slug(name), (name, []))[1], where)
    for sheet in sheets:
        count, spare = copies(sheet.per, groups, participants)
        paper = paper_label(sheet.paper, sheet.orientation)
        if count:
            text = _("Skriv ut {n} × {title} ({paper})").format(n=count, title=sheet.title, paper=paper)
        else:
            text = _("Skriv ut {title} ({paper})").format(title=sheet.title, paper=paper)
        detail = [_count_reason(sheet.per, groups, participants, spare)]
        if used_in[sheet.id]:
            detail.append(_uses(used_in[sheet.id]))
        items.append(ChecklistItem(f"before:worksheet:{sheet.id}", BEFORE, text, "\n".join(detail)))
    for key, (name, places) in materials.items():
        items.append(ChecklistItem(f"before:material:{key}", BEFORE, name, _uses(places)))
    if room_setup:
        items.append(ChecklistItem("before:room", BEFORE, _("Rigg rommet"), room_setup))
    items += [
        ChecklistItem(
            "before:laptop",
            BEFORE,
            _("Lad PC-en og ta med lader og skjermadapter (HDMI)"),
            _("Rommet har ikke alltid nett: alt i LUP Verksted virker uten."),
        ),
        ChecklistItem(
            "before:projector",
            BEFORE,
            _("Test projektor og skjermvalg"),
            _("Veggen skal vise tidsplanen for rommet, PC-skjermen notatene dine."),
        ),
    ]
    return items


def _during(steps: list[PlanStep]) -> list[ChecklistItem]:
    items = []
    for number, step in enumerate(steps, start=1):
        label = _("{title} ({minutes} min)").format(title=step.title, minutes=step.minutes)
        text = f"{step.start} {label}" if step.start else label
        materials = ", ".join(" ".join(m.split()) for m in step.materials if m.strip())
        detail = _("Materiell: {materials}").format(materials=materials) if materials else ""
        items.append(ChecklistItem(f"during:block:{number}:{slug(step.title)}", DURING, text, detail))
    return items


def _after(groups: int) -> list[ChecklistItem]:
    if groups == 1:
        summaries = _("Send oppsummering (PDF) til hver ledergruppe (1 gruppe)")
    elif groups > 1:
        summaries = _("Send oppsummering (PDF) til hver ledergruppe ({n} grupper)").format(n=groups)
    else:
        summaries = _("Send oppsummering (PDF) til hver ledergruppe")
    return [
        ChecklistItem(
            "after:photos",
            AFTER,
            _("Ta bilder av veggene og flippoverarkene før dere rydder"),
            _("Bildene hører med i oppsummeringen til ledergruppene."),
        ),
        ChecklistItem("after:notes", AFTER, _("Skriv notater fra samlingen"), ""),
        ChecklistItem(
            "after:timing",
            AFTER,
            _("Registrer hvordan tiden ble brukt (plan mot faktisk)"),
            _("Kjøringen lagrer faktisk tid per blokk; se kolonnen «Faktisk» i tidsplanen."),
        ),
        ChecklistItem(
            "after:summaries", AFTER, summaries, _("Med det gruppen laget: utfordring, lapper, bilder.")
        ),
        ChecklistItem(
            "after:debrief",
            AFTER,
            _("Ta en kort oppsummering med veilederkollegene: hva virket, hva endrer vi?"),
            "",
        ),
    ]


# --- helpers ---------------------------------------------------------------------------------------------


def _step(block: PlanStep | Sequence) -> PlanStep:
    if isinstance(block, PlanStep):
        return block
    title, minutes, materials, *rest = block
    return PlanStep(
        str(title), int(minutes), tuple(materials or ()), str(rest[0]) if rest and rest[0] else ""
    )


def _printout(sheet: Printout | Sequence | object) -> Printout:
    if isinstance(sheet, Printout):
        return sheet
    if hasattr(sheet, "per"):  # a kit Worksheet
        return Printout(sheet.id, sheet.title, str(sheet.paper), str(sheet.orientation), str(sheet.per))
    ident, title, paper, orientation, per = sheet
    return Printout(str(ident), str(title), str(paper), str(orientation), str(per))


def _without_parentheses(name: str) -> str:
    """«Utfordringsskjema (A4)» → «Utfordringsskjema»."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def _sheet_candidates(material: str) -> list[str]:
    """Slugs under which a material may name a worksheet: «Personaark (A4)» → ``personaark``, ``persona``;
    «Kriterieplakaten» → ``kriterieplakaten``, ``kriterieplakat`` (the definite form)."""
    base = slug(_without_parentheses(material))
    candidates = [base, re.sub(r"-?ark$", "", base)]
    candidates += [base[: -len(end)] for end in ("ene", "en", "et") if base.endswith(end)]
    return [c for c in candidates if c]


def _without_paper_suffix(ident: str) -> str:
    """``brukerreise-a3`` → ``brukerreise``."""
    return re.sub(r"-a[34]$", "", ident)


def _where(step: PlanStep) -> str:
    return f"{step.start} {step.title}" if step.start else step.title


def _add_once(places: list[str], where: str) -> None:
    if where not in places:
        places.append(where)


def _uses(places: list[str]) -> str:
    return _("Brukes i: {blocks}").format(blocks=" · ".join(places)) if places else ""


def _count_reason(per: str, groups: int, participants: int, spare: int) -> str:
    if per == "session":
        return _("Ett eksemplar for hele samlingen.")
    if per == "participant":
        if participants <= 0:
            return _("Én per deltaker – ingen deltakere er registrert i kullet ennå.")
        return _("Én per deltaker: {n} deltakere + {spare} ekstra.").format(n=participants, spare=spare)
    if groups <= 0:
        return _("Én per ledergruppe – ingen ledergrupper er registrert i kullet ennå.")
    return _("Én per ledergruppe: {n} ledergrupper + {spare} ekstra.").format(n=groups, spare=spare)
