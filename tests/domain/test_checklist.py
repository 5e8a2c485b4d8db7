"""The checklist derived from a plan and a kit: merged materials, print counts, stable keys, plan order."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.checklist import (
    AFTER,
    BEFORE,
    DURING,
    ChecklistItem,
    PlanStep,
    Printout,
    build_checklist,
    copies,
    phase_label,
    section_label,
    slug,
)

BLOCKS = [
    ("Velkommen", 15, ("Navnelapper", "Post-it-lapper", "Deltakerliste"), "09:00"),
    ("Innovasjon i vår tjeneste", 20, ("post-it-lapper", "Tusjer"), "09:15"),
    ("Pause", 15, (), "09:35"),
    ("Brukerreise", 50, ("Brukerreise-ark (A3)", "  Tusjer "), "09:50"),
]
SHEETS = [
    ("tidsplan-deltaker", "Tidsplan for dagen", "A4", "portrait", "participant"),
    ("brukerreise-a3", "Brukerreise", "A3", "landscape", "group"),
    ("kriterieplakat", "Fondsrådets fem kriterier", "A3", "portrait", "session"),
]


def _items(**kwargs) -> list[ChecklistItem]:
    values = {"blocks": BLOCKS, "worksheets": SHEETS, "room_setup": "Ett bord per ledergruppe.", "groups": 19}
    values |= {"participants": 94} | kwargs
    return build_checklist(**values)


def _by_key(items: list[ChecklistItem]) -> dict[str, ChecklistItem]:
    return {item.key: item for item in items}


def test_materials_are_merged_case_insensitively_with_the_blocks_that_need_them() -> None:
    items = _by_key(_items())
    post_it = items["before:material:post-it-lapper"]
    assert post_it.phase == BEFORE
    assert post_it.text == "Post-it-lapper"  # the first spelling met in the plan
    assert post_it.detail == "Brukes i: 09:00 Velkommen · 09:15 Innovasjon i vår tjeneste"
    tusjer = items["before:material:tusjer"]  # «  Tusjer » is the same material
    assert tusjer.detail == "Brukes i: 09:15 Innovasjon i vår tjeneste · 09:50 Brukerreise"
    materials = [key for key in items if key.startswith("before:material:")]
    assert materials == [
        "before:material:navnelapper",
        "before:material:post-it-lapper",
        "before:material:tusjer",
    ]


def test_a_material_that_is_a_worksheet_or_the_participant_list_is_not_listed_twice() -> None:
    items = _by_key(_items())
    assert "before:material:brukerreise-ark-a3" not in items
    assert "Brukes i: 09:50 Brukerreise" in items["before:worksheet:brukerreise-a3"].detail
    assert "before:material:deltakerliste" not in items
    assert "before:participant-list" in items
    # Without the kit's worksheets the plan's own materials are all there is, so they are listed.
    bare = _by_key(_items(worksheets=()))
    assert "before:material:brukerreise-ark-a3" in bare


def test_worksheet_counts_per_group_participant_and_session_with_two_spares() -> None:
    items = _by_key(_items(groups=19, participants=94))
    assert items["before:worksheet:brukerreise-a3"].text == "Skriv ut 21 × Brukerreise (A3 liggende)"
    assert items["before:worksheet:brukerreise-a3"].detail.startswith(
        "Én per ledergruppe: 19 ledergrupper + 2 ekstra."
    )
    assert items["before:worksheet:tidsplan-deltaker"].text == "Skriv ut 96 × Tidsplan for dagen (A4 stående)"
    assert (
        items["before:worksheet:kriterieplakat"].text == "Skriv ut 1 × Fondsrådets fem kriterier (A3 stående)"
    )
    assert copies("group", 19, 94) == (21, 2)
    assert copies("participant", 19, 94) == (96, 2)
    assert copies("session", 19, 94) == (1, 0)


def test_no_count_is_made_up_when_nobody_is_registered() -> None:
    items = _by_key(_items(groups=0, participants=0))
    sheet = items["before:worksheet:brukerreise-a3"]
    assert sheet.text == "Skriv ut Brukerreise (A3 liggende)"
    assert "ingen ledergrupper er registrert" in sheet.detail
    assert items["before:worksheet:kriterieplakat"].text.startswith("Skriv ut 1 ×")
    assert items["after:summaries"].text == "Send oppsummering (PDF) til hver ledergruppe"


def test_kit_worksheet_objects_are_accepted(tmp_path: Path) -> None:
    from desktop.domain.kit import Orientation, PaperSize, Worksheet

    sheet = Worksheet("persona-a4", "Persona", "…", PaperSize.A4, Orientation.PORTRAIT, "group")
    items = _by_key(
        build_checklist([PlanStep("Persona", 30, ("Personaark (A4)",), "10:00")], [sheet], groups=3)
    )
    assert items["before:worksheet:persona-a4"].text == "Skriv ut 5 × Persona (A4 stående)"
    assert "before:material:personaark-a4" not in items  # «Personaark» is the Persona sheet


def test_during_items_follow_the_plan_with_start_times() -> None:
    during = [item for item in _items() if item.phase == DURING]
    assert [item.text for item in during] == [
        "09:00 Velkommen (15 min)",
        "09:15 Innovasjon i vår tjeneste (20 min)",
        "09:35 Pause (15 min)",
        "09:50 Brukerreise (50 min)",
    ]
    assert [item.key for item in during] == [
        "during:block:1:velkommen",
        "during:block:2:innovasjon-i-var-tjeneste",
        "during:block:3:pause",
        "during:block:4:brukerreise",
    ]
    assert during[1].detail == "Materiell: post-it-lapper, Tusjer"
    assert during[2].detail == ""
    untimed = [item for item in build_checklist([("Uten tid", 10, ())]) if item.phase == DURING]
    assert untimed[0].text == "Uten tid (10 min)"


def test_keys_are_stable_unique_and_independent_of_the_counts() -> None:
    first = [item.key for item in _items()]
    again = [item.key for item in _items()]
    other_counts = [item.key for item in _items(groups=3, participants=12)]
    assert first == again == other_counts
    assert len(set(first)) == len(first)
    assert all(len(key) <= 300 and key == key.strip() for key in first)
    assert {"before:room", "before:projector", "after:summaries", "after:notes", "after:timing"} <= set(first)


def test_phases_come_in_order_and_the_after_items_name_the_groups() -> None:
    items = _items(groups=19)
    phases = [item.phase for item in items]
    assert phases == sorted(phases, key=[BEFORE, DURING, AFTER].index)
    after = _by_key([item for item in items if item.phase == AFTER])
    assert after["after:summaries"].text == "Send oppsummering (PDF) til hver ledergruppe (19 grupper)"
    assert _by_key(_items(groups=1))["after:summaries"].text.endswith("(1 gruppe)")
    assert after["after:notes"].text == "Skriv notater fra samlingen"
    assert after["after:timing"].text == "Registrer hvordan tiden ble brukt (plan mot faktisk)"


def test_room_setup_and_notes_items_only_when_there_is_something() -> None:
    items = _by_key(_items(room_setup="  Ett bord per ledergruppe. ", has_notes=True))
    assert items["before:room"].detail == "Ett bord per ledergruppe."
    assert "before:notes" in items
    plain = _by_key(_items(room_setup="", has_notes=False))
    assert "before:room" not in plain
    assert "before:notes" not in plain
    assert {"before:projector", "before:participant-list", "before:laptop"} <= set(plain)


def test_every_template_of_the_lup_kit_gives_a_clean_checklist() -> None:
    from desktop.kits import load_kit
    from desktop.paths import project_root

    kit = load_kit(project_root() / "workshop_kits" / "lup")
    for template in kit.sessions:
        sheets = [w for w in kit.worksheets if w.id in template.worksheets]
        steps = [PlanStep(b.title, b.minutes, b.materials) for b in template.blocks]
        items = build_checklist(steps, sheets, template.room_setup, 19, 94, has_notes=True)
        keys = [item.key for item in items]
        assert len(set(keys)) == len(keys), template.id
        assert sum(key.startswith("before:worksheet:") for key in keys) == len(sheets)
        assert sum(key.startswith("during:") for key in keys) == len(template.blocks)
        printed = [item.text for item in items if item.key.startswith("before:worksheet:")]
        assert all(" × " in text for text in printed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Post-it-lapper", "post-it-lapper"),
        ("Røde og grønne klistreprikker", "rode-og-gronne-klistreprikker"),
        ("Lærings\u00adloggen på veggen", "laeringsloggen-pa-veggen"),
        ("Papp, papir, tape og saks", "papp-papir-tape-og-saks"),
        ("Idékort (A4)", "idekort-a4"),
        ("«»", "x"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_labels() -> None:
    assert [phase_label(p) for p in (BEFORE, DURING, AFTER)] == [
        "Før samlingen",
        "Under samlingen",
        "Etter samlingen",
    ]
    assert section_label("before:worksheet:idekort") == "Skriv ut"
    assert section_label("before:material:tusjer") == "Materiell å ha med"
    assert section_label("before:projector") == "Rommet og teknikken"
    assert section_label("before:plan") == "Forberedelser"
    assert section_label("during:block:1:pause") == ""


def test_a_printout_dataclass_is_accepted_as_is() -> None:
    sheet = Printout("idekort", "Idékort", "A4", "portrait", "participant")
    items = _by_key(build_checklist([], [sheet], participants=10))
    assert items["before:worksheet:idekort"].text == "Skriv ut 12 × Idékort (A4 stående)"
