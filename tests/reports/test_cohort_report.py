"""The cohort report for the municipality, checked by its extracted text and structure."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from desktop.services import reports
from desktop.services.demo import demo_id


def render(data) -> tuple[bytes, list[str]]:
    from desktop.reports.cohort_report import build_cohort_report

    out = io.BytesIO()
    warnings = build_cohort_report(data, out)
    return out.getvalue(), warnings


def test_cohort_report_of_the_demo(demo_db) -> None:
    data = reports.cohort_report(demo_db, demo_id("cohort", "LUP 4"), today=date(2019, 6, 1))
    pdf, warnings = render(data)
    assert warnings == []
    reader = PdfReader(io.BytesIO(pdf))
    content = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for heading in (
        "LUP 4",
        "Kullet i tall",
        "Samlingene",
        "Ledergruppene",
        "Dekning",
        "Innovasjonstiltak",
        "Gevinster",
    ):
        assert heading in content, heading
    for group in data.groups:
        assert group.location[:8] in content  # a long name may be split over two lines
    assert data.initiatives[0].title.split()[0] in content
    assert "Unngåtte kostnader" in content
    assert f"{data.locations_completed} av kommunens {data.locations} tjenestesteder" in content
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == tuple(
            round(v) for v in A4
        )
        for font in (page["/Resources"].get("/Font") or {}).values():
            assert "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()
    assert render(data)[0] == pdf  # deterministic


def test_a_cohort_without_groups(db) -> None:
    from desktop.services import cohorts

    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "LUP 9", date(2020, 3, 1), date(2020, 8, 31))
    pdf, warnings = render(reports.cohort_report(db, cohort, today=date(2020, 1, 1)))
    assert warnings == []
    content = " ".join(PdfReader(io.BytesIO(pdf)).pages[1].extract_text().split())
    assert "Kullet har ingen ledergrupper ennå." in content
