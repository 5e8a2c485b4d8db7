"""A cohort's report for the municipality: every leader group in a table, the coverage of the service
locations, the initiatives, and the benefits added up by gain type and unit (kroner and hours are never
added together; quality and scores are counted, not summed)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from desktop.domain.rules import format_date
from desktop.i18n import _
from desktop.reports import fonts
from desktop.reports.data import CohortReport
from desktop.reports.group_summary import amount, counted, number, percent
from desktop.reports.layout import (
    ACCENT,
    Meta,
    build,
    facts,
    frame_size,
    para,
    styles,
    table,
    unprintable_noted,
)


def build_cohort_report(data: CohortReport, out: str | Path | IO[bytes]) -> list[str]:
    """Write the cohort's report into ``out``; returns warnings (Norwegian)."""
    warnings: list[str] = []
    width, _height = frame_size()
    with unprintable_noted(warnings):
        story: list[Flowable] = []
        story += _cover(data, width)
        story += _groups(data, width)
        story += _coverage(data, width)
        story += _initiatives(data, width)
        story += _benefits(data, width)
        title = _("Kullrapport: {cohort}").format(cohort=data.name)
        build(
            out,
            story,
            Meta(title=title, footer=f"{data.name} · {data.programme}", subject=_("LUP – kullrapport")),
        )
    return warnings


def _cover(data: CohortReport, width) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        para(_("Bærum kommune · {programme}").format(programme=data.programme), "muted"),
        Spacer(1, 4 * mm),
        para(data.name, "title"),
        para(_("Rapport om kullet: ledergruppene, dekning, innovasjonstiltak og gevinster"), "subtitle"),
        facts(
            [
                (_("Program"), data.programme),
                (_("Periode"), f"{format_date(data.start)} – {format_date(data.end)}"),
                (_("Status"), _("Avsluttet") if data.finished else _("Pågår")),
                (_("Veiledere"), ", ".join(data.facilitators) or "–"),
                (_("Samlinger"), len(data.sessions)),
                (_("Dato"), format_date(data.made_on)),
            ],
            width,
        ),
        Spacer(1, 10 * mm),
        para(_("Kullet i tall"), "h2"),
    ]
    with_initiative = len(data.groups) - len(data.groups_without_initiative)
    figures = [
        counted(len(data.groups), _("ledergruppe"), _("ledergrupper")),
        counted(data.participants, _("deltaker"), _("deltakere")),
        counted(len(data.initiatives), _("innovasjonstiltak"), _("innovasjonstiltak")),
        (f"{with_initiative}/{len(data.groups)}", _("grupper med tiltak")),
        (f"{data.benefits_measured}/{data.benefits}", _("gevinster målt")),
    ]
    grid = Table(
        [
            [para(n, s["big"]) for n, _l in figures],
            [para(label, "muted") for _n, label in figures],
        ],
        colWidths=[width / len(figures)] * len(figures),
        hAlign="LEFT",
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(grid)
    if data.sessions:
        story += [Spacer(1, 8 * mm), para(_("Samlingene"), "h2")]
        rows = [[_("Samling"), _("Type"), _("Dato")]] + [
            [title, kind, format_date(day)] for title, kind, day in data.sessions
        ]
        story.append(table(rows, [width * 0.6, width * 0.22, width * 0.18]))
    story.append(PageBreak())
    return story


def _groups(data: CohortReport, width) -> list[Flowable]:
    story: list[Flowable] = [para(_("Ledergruppene"), "h1")]
    if not data.groups:
        story.append(para(_("Kullet har ingen ledergrupper ennå."), "muted"))
        return story
    rows: list[list[object]] = [
        [
            _("Tjenestested"),
            _("Delta-\nkere"),
            _("Idéer"),
            _("Proto-\ntyper"),
            _("Innovasjonstiltak"),
            _("Fase"),
        ]
    ]
    for g in data.groups:
        rows.append(
            [
                g.location,
                g.participants,
                g.ideas,
                f"{g.prototypes}" + (f" ({g.tested})" if g.prototypes else ""),
                "\n".join(g.initiatives) or _("mangler"),
                g.phase or "–",
            ]
        )
    story.append(table(rows, [width * w for w in (0.24, 0.09, 0.07, 0.09, 0.33, 0.18)], numbers=(1, 2, 3)))
    story.append(
        para(_("Prototyper: antall (testet). Fase: det lengst komne tiltaket i KS' Veikart."), "muted")
    )
    return story


def _coverage(data: CohortReport, width) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(70 * mm), Spacer(1, 4 * mm), para(_("Dekning"), "h1")]
    share = 100 * data.locations_completed / data.locations if data.locations else None
    story.append(
        para(
            _(
                "{done} av kommunens {all} tjenestesteder ({share}) har gjennomført LUP i et avsluttet kull. "
                "Dette kullet har ledergrupper fra {groups} tjenestesteder."
            ).format(
                done=data.locations_completed,
                all=data.locations,
                share=percent(share),
                groups=len(data.groups),
            )
        )
    )
    if data.coverage:
        rows: list[list[object]] = [
            [_("Kommunalområde"), _("Tjenestesteder"), _("I dette kullet"), _("Gjennomført LUP"), _("Andel")]
        ]
        for c in data.coverage:
            rows.append(
                [
                    c.sector,
                    c.locations,
                    c.in_cohort,
                    c.completed,
                    percent(100 * c.completed / c.locations if c.locations else None),
                ]
            )
        story.append(table(rows, [width * w for w in (0.32, 0.18, 0.16, 0.20, 0.14)], numbers=(1, 2, 3, 4)))
    return story


def _initiatives(data: CohortReport, width) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para(_("Innovasjonstiltak"), "h1")]
    if not data.initiatives:
        story.append(
            para(_("Ingen ledergrupper i kullet har registrert et innovasjonstiltak ennå."), "muted")
        )
    else:
        phases = ", ".join(f"{label} {n}" for label, n in data.phases if n)
        story.append(para(_("Tiltak per fase i Veikart: {phases}.").format(phases=phases), "muted"))
        rows: list[list[object]] = [
            [_("Tjenestested"), _("Tiltak"), _("Fase"), _("Status"), _("Gevinster målt")]
        ]
        for v in data.initiatives:
            rows.append(
                [v.group, v.title, v.phase, v.status, f"{v.measured}/{v.benefits}" if v.benefits else "–"]
            )
        story.append(table(rows, [width * w for w in (0.21, 0.36, 0.18, 0.11, 0.14)], numbers=(4,)))
    missing = data.groups_without_initiative
    if missing:
        story += [
            Spacer(1, 4 * mm),
            para(_("Ledergrupper uten innovasjonstiltak"), "h2"),
            para(", ".join(g.location for g in missing)),
        ]
    return story


def _benefits(data: CohortReport, width) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Spacer(1, 4 * mm), para(_("Gevinster"), "h1")]
    if not data.gains:
        story.append(para(_("Ingen tiltak i kullet har en gevinstplan ennå."), "muted"))
        return story
    explanation = _(
        "Realiserte gevinster lagt sammen per gevinsttype og enhet: siste måling mot nullpunktet, i retning "
        "av målet. Kroner og timer summeres; kvalitet, poeng og prosent summeres ikke, der vises snittet av "
        "hvor langt gevinstene har kommet mot målet."
    )
    story.append(para(explanation, "muted"))
    rows: list[list[object]] = [
        [
            _("Gevinsttype"),
            _("Enhet"),
            _("Gevinster"),
            _("Målt"),
            _("Realisert"),
            _("Av planlagt"),
            _("Nådd mål"),
        ]
    ]
    for g in data.gains:
        realised = amount(g.gained, g.unit) if g.summable and g.measured else "–"
        share = g.share_pct if g.summable else g.mean_pct
        rows.append([g.gain_type.label, g.unit, g.benefits, g.measured, realised, percent(share), g.reached])
    story.append(
        table(rows, [width * w for w in (0.18, 0.15, 0.12, 0.08, 0.21, 0.13, 0.13)], numbers=(2, 3, 4, 5, 6))
    )
    story.append(
        para(
            _("Gevinster i alt: {n}, av dem målt: {m}.").format(
                n=number(data.benefits), m=number(data.benefits_measured)
            ),
            "muted",
        )
    )
    return story
