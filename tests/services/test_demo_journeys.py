"""Demo user journeys: deterministic, well-formed maps in Norwegian that fit each location's sector."""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.journey import EMOTION_MAX, EMOTION_MIN, Journey, LaneKind, MapKind
from desktop.kits import load_kit
from desktop.services import demo_content as content
from desktop.services import demo_journeys as dj
from desktop.services.demo_journeys import demo_journeys, journey_stats, template_id_for

NS = uuid.UUID("6f1c1c52-3b5e-4d0b-9a43-4c55502d00aa")
TEMPLATES = load_kit(Path(__file__).parents[2] / "workshop_kits" / "lup").journeys
BY_ID = {t.id: t for t in TEMPLATES}
LOCATIONS = [(name, sector) for sector, names in content.SERVICE_LOCATIONS.items() for name in names]


def id_of(key: str) -> uuid.UUID:
    return uuid.uuid5(NS, key)


def build(location: str, sector: str, seed: int = 7) -> list[Journey]:
    return demo_journeys(random.Random(seed), location, sector, TEMPLATES, id_of)


@pytest.fixture(scope="module")
def everyone() -> dict[str, list[Journey]]:
    """All 180 service locations from one shared generator, as the demo builds them."""
    rng = random.Random(2019)
    return {name: demo_journeys(rng, name, sector, TEMPLATES, id_of) for name, sector in LOCATIONS}


def all_maps(everyone) -> list[Journey]:
    return [j for maps in everyone.values() for j in maps]


def texts_of(j: Journey, kind: LaneKind) -> list[str]:
    lanes = {lane.id for lane in j.lanes if lane.kind == kind}
    return [c.text for c in j.cards if c.lane_id in lanes]


def all_ids(j: Journey) -> list[uuid.UUID]:
    return [j.id, *(s.id for s in j.stages), *(s.id for s in j.steps), *(x.id for x in j.lanes)] + [
        c.id for c in j.cards
    ]


def test_the_kit_has_the_templates_the_content_is_written_for():
    assert {"brukerreise-standard", "hverdagsrehabilitering", "barn-og-familie"} <= set(BY_ID)


def test_same_seed_gives_identical_maps_and_another_seed_other_maps():
    first = build("Bryn skole", "Skole", seed=11)
    assert first == build("Bryn skole", "Skole", seed=11)
    assert [j.id for j in first] == [j.id for j in build("Bryn skole", "Skole", seed=11)]
    assert first[0] != build("Bryn skole", "Skole", seed=12)[0]


def test_ids_come_from_id_of_with_readable_unique_keys():
    keys: list[str] = []

    def recording(key: str) -> uuid.UUID:
        keys.append(key)
        return uuid.uuid5(NS, key)

    maps = demo_journeys(random.Random(3), "Evje skole", "Skole", TEMPLATES, recording)
    assert keys and len(keys) == len(set(keys))
    assert all(key.startswith("Evje skole:current") or key.startswith("Evje skole:future") for key in keys)
    assert "Evje skole:current" in keys and "Evje skole:current:stage:0" in keys
    assert {x for j in maps for x in all_ids(j)} == {uuid.uuid5(NS, key) for key in keys}


def test_ids_are_unique_within_and_across_locations(everyone):
    ids = [x for j in all_maps(everyone) for x in all_ids(j)]
    assert len(ids) == len(set(ids))
    # Two locations built from the same seed still get ids of their own.
    a, b = build("Bryn skole", "Skole"), build("Evje skole", "Skole")
    assert not {x for j in a for x in all_ids(j)} & {x for j in b for x in all_ids(j)}


def test_every_card_sits_in_a_lane_and_step_of_its_own_map(everyone):
    for j in all_maps(everyone):
        lanes, steps = {lane.id for lane in j.lanes}, {s.id for s in j.steps}
        assert all(c.lane_id in lanes and c.step_id in steps for c in j.cards), j.title
        colours = {lane.id: lane.kind.colour for lane in j.lanes}
        assert all(c.colour == colours[c.lane_id] for c in j.cards)
        cells = [(c.lane_id, c.step_id) for c in j.cards]
        assert max(cells.count(cell) for cell in set(cells)) <= dj.MAX_PER_CELL


def test_emotions_are_set_and_within_range_and_the_curve_has_a_dip(everyone):
    for j in all_maps(everyone):
        emotions = [s.emotion for s in j.steps]
        assert all(e is not None and EMOTION_MIN <= e <= EMOTION_MAX for e in emotions)
        if j.kind == MapKind.CURRENT:
            assert min(emotions) < 0 < max(emotions), j.title


def test_pain_points_sit_where_the_curve_dips(everyone):
    for j in all_maps(everyone):
        pain_lanes = {lane.id for lane in j.lanes if lane.kind == LaneKind.PAIN_POINTS}
        emotion = {s.id: s.emotion for s in j.steps}
        assert all(emotion[c.step_id] <= 1 for c in j.cards if c.lane_id in pain_lanes)
    current = [j for j in all_maps(everyone) if j.kind == MapKind.CURRENT]
    pains = [
        c for j in current for c in j.cards if c.lane_id in {x.id for x in j.lanes if x.kind.leads_to_ideas}
    ]
    steps = {s.id: s.emotion for j in current for s in j.steps}
    low = [c for c in pains if steps[c.step_id] < 0]
    assert len(low) > 0.8 * len(pains)


def test_every_current_map_has_a_pain_point_and_an_opportunity(everyone):
    for j in all_maps(everyone):
        if j.kind == MapKind.CURRENT:
            assert texts_of(j, LaneKind.PAIN_POINTS), j.title
            assert texts_of(j, LaneKind.OPPORTUNITIES), j.title


def test_some_groups_also_draw_the_future_with_fewer_pains_and_more_opportunities(everyone):
    kinds = [[j.kind for j in maps] for maps in everyone.values()]
    assert all(k[0] == MapKind.CURRENT for k in kinds)
    assert all(len(k) == 1 or k == [MapKind.CURRENT, MapKind.FUTURE] for k in kinds)
    share = sum(len(k) == 2 for k in kinds) / len(kinds)
    assert 0.25 <= share <= 0.55
    for maps in everyone.values():
        if len(maps) == 2:
            now, future = maps
            assert now.title == future.title  # one story; the kind tells them apart
            assert now.persona == future.persona
            assert [s.title for s in now.stages] == [s.title for s in future.stages]
            assert [s.title for s in now.steps] == [s.title for s in future.steps]
            assert len(texts_of(future, LaneKind.PAIN_POINTS)) < len(texts_of(now, LaneKind.PAIN_POINTS))
            assert len(texts_of(future, LaneKind.OPPORTUNITIES)) > len(texts_of(now, LaneKind.OPPORTUNITIES))
            assert sum(s.emotion for s in future.steps) > sum(s.emotion for s in now.steps)


@pytest.mark.parametrize(
    ("location", "sector", "template"),
    [
        ("Bryn skole", "Skole", "barn-og-familie"),
        ("Bekkestua barnehage", "Barnehage", "barn-og-familie"),
        ("PPT Bærum", "Barn, unge og familie", "barn-og-familie"),
        ("Tanum bo- og behandlingssenter", "Helse og omsorg", "hverdagsrehabilitering"),
        ("Hjemmetjenesten Rykkinn", "Helse og omsorg", "hverdagsrehabilitering"),
        ("NAV Bærum", "Sosial og bolig", "brukerreise-standard"),
        ("Byggesak", "Teknisk og samfunnsutvikling", "brukerreise-standard"),
        ("Kulturhuset", "Kultur, idrett og fritid", "brukerreise-standard"),
        ("HR-avdelingen", "Organisasjon og administrasjon", "brukerreise-standard"),
    ],
)
def test_the_template_fits_the_sector(location, sector, template):
    assert template_id_for(sector) == template
    t = BY_ID[template]
    for j in build(location, sector):
        assert [s.title for s in j.stages] == list(t.stages)
        assert [lane.title for lane in j.lanes] == [lane.title for lane in t.lanes]


def test_the_persona_fits_the_sector():
    school = build("Bryn skole", "Skole")[0].persona
    assert re.fullmatch(r"(Mor|Far|Alenemor) til \w+ \((6|7|8|9|10|11)\).*", school.role)
    kindergarten = build("Bekkestua barnehage", "Barnehage")[0].persona
    assert re.search(r"til \w+ \((4|5)\)", kindergarten.role)
    elderly = build("Tanum bo- og behandlingssenter", "Helse og omsorg")[0].persona
    assert re.search(r"\b(7[6-9]|8\d|9[0-3]) år", elderly.role)
    newcomer = build("HR-avdelingen", "Organisasjon og administrasjon")[0].persona
    assert newcomer.role.startswith("Nyansatt")
    for p in (school, kindergarten, elderly, newcomer):
        assert p.name and p.needs and p.goals and p.frustrations
        assert p.quote.startswith("«") and p.quote.endswith("»")


def test_a_kindergarten_map_talks_about_the_move_to_school_and_a_school_map_does_not():
    def steps(location, sector):
        return {s.title for seed in range(30) for s in build(location, sector, seed)[0].steps}

    assert "Overgangsmøte før skolestart" in steps("Bekkestua barnehage", "Barnehage")
    assert "Overgangsmøte før skolestart" not in steps("Bryn skole", "Skole")


def test_card_texts_are_norwegian_and_fit_the_content(everyone):
    maps = all_maps(everyone)
    texts = [c.text for j in maps for c in j.cards] + [s.title for j in maps for s in j.steps]
    assert all(t and t == t.strip() for t in texts)
    assert not [t for t in texts if "{" in t or "}" in t or t.startswith("+")]
    words = {w for t in texts for w in re.findall(r"\w+", t.casefold())}
    assert {"og", "på", "ikke", "jeg", "til", "som", "hjelp", "vedtak", "foreldre"} <= words
    assert any(ch in "".join(texts) for ch in "æøå")
    elderly = " ".join(c.text for j in everyone["Hjemmetjenesten Rykkinn"] for c in j.cards)
    school = " ".join(c.text for j in everyone["Bryn skole"] for c in j.cards)
    assert "PPT" not in elderly
    assert re.search(r"hjemme|hverdag|trening|rullator|pårørende|dusj", elderly, re.IGNORECASE)
    assert re.search(r"PPT|skole|barnehage|lærer|foreldre|helsestasjon", school)


def test_no_duplicate_cards_in_a_lane(everyone):
    for j in all_maps(everyone):
        for lane in j.lanes:
            texts = [c.text for c in j.cards if c.lane_id == lane.id]
            assert len(texts) == len(set(texts)), (j.title, lane.title)


def test_sizes_are_those_of_a_typical_map(everyone):
    for name, maps in everyone.items():
        for j in maps:
            assert 5 <= len(j.stages) <= 7
            assert 8 <= len(j.steps) <= 12
            assert all(1 <= len(s.steps) <= 3 for s in j.stages)
            assert 7 <= len(j.lanes) <= 8
            assert 15 <= len(j.cards) <= 70, (name, len(j.cards))
    stats = journey_stats(all_maps(everyone))
    assert 25 <= stats["cards"] / stats["journeys"] <= 45
    assert 5_000 <= stats["cards"] * 152 / 180 <= 8_000


def test_journey_stats_counts():
    maps = build("Bryn skole", "Skole") + build("Tanum bo- og behandlingssenter", "Helse og omsorg")
    stats = journey_stats(maps)
    assert stats["journeys"] == len(maps) == stats["current"] + stats["future"]
    assert stats["cards"] == sum(len(j.cards) for j in maps)
    assert stats["steps"] == sum(len(j.steps) for j in maps)
    assert sum(stats[f"cards_{kind.value}"] for kind in LaneKind) == stats["cards"]
    assert stats["cards_pain_points"] >= stats["current"]
    assert journey_stats([])["journeys"] == 0


def test_without_templates_there_are_no_maps_and_unknown_sectors_get_the_general_journey():
    assert demo_journeys(random.Random(1), "Bryn skole", "Skole", [], id_of) == []
    general = BY_ID["brukerreise-standard"]
    j = demo_journeys(random.Random(1), "Frivilligsentralen", "Nytt område", TEMPLATES, id_of)[0]
    assert [s.title for s in j.stages] == list(general.stages)
    # A kit without the family template still gives a school a full map, with the general journey's content.
    school = demo_journeys(random.Random(1), "Bryn skole", "Skole", [general], id_of)[0]
    assert [s.title for s in school.stages] == list(general.stages)
    assert len(texts_of(school, LaneKind.ACTIONS)) == len(school.steps)


def test_an_edited_template_with_stages_the_content_does_not_know_still_builds():
    t = BY_ID["hverdagsrehabilitering"]
    edited = replace(t, stages=(t.stages[0], "Noe helt nytt", *t.stages[1:]))
    for seed in range(10):
        j = demo_journeys(random.Random(seed), "Berger sykehjem", "Helse og omsorg", [edited], id_of)[0]
        assert [s.title for s in j.stages] == list(edited.stages)
        assert j.stages[1].steps[0].title == "Noe helt nytt"
        assert texts_of(j, LaneKind.PAIN_POINTS) and texts_of(j, LaneKind.OPPORTUNITIES)


def test_the_content_is_consistent():
    for scenario in dj.SCENARIOS:
        packs = [
            *scenario.stages.values(),
            *(p for s in scenario.stages_by_sector.values() for p in s.values()),
        ]
        template = BY_ID[scenario.template_id]
        assert set(scenario.stages) == set(template.stages), scenario.key
        for by_sector in scenario.stages_by_sector.values():
            assert set(by_sector) <= set(template.stages)
        for pack in packs:
            assert EMOTION_MIN <= pack.mood <= EMOTION_MAX
            assert len(pack.steps) >= 3 and pack.thoughts and pack.pains
            for step in pack.steps:
                assert step.pain is None or 0 <= step.pain < len(pack.pains), step.title
        assert len(scenario.future_backstage) >= 4 and len(scenario.future_thoughts) >= 4
        assert len(scenario.people) >= 5


def test_the_module_is_plain_python():
    source = Path(dj.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+(PySide6|shiboken6|sqlalchemy)\b", source, re.MULTILINE)
