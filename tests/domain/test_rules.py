"""The validation rules of the register: cleaned values, or a ValidationError naming the field."""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop.domain.rules import (
    MAX_NAME_LENGTH,
    check_period,
    check_session_times,
    clean_email,
    clean_name,
    cohort_finished,
    format_date,
    format_time,
)
from desktop.errors import LupError, ValidationError

# --- clean_name ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bekkestua skole", "Bekkestua skole"),
        ("  Bekkestua skole  ", "Bekkestua skole"),
        ("Bekkestua   \t skole", "Bekkestua skole"),
        ("\n Capralhaugen\n\nBBS \n", "Capralhaugen BBS"),
        ("Ø", "Ø"),
    ],
)
def test_clean_name_strips_and_collapses_whitespace(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\t\n ", None])
def test_clean_name_refuses_empty_with_the_given_field(raw: str | None) -> None:
    with pytest.raises(ValidationError) as info:
        clean_name(raw, "title")
    assert info.value.field == "title"
    assert "tom" in info.value.message
    assert isinstance(info.value, LupError)


def test_clean_name_default_field_is_name() -> None:
    with pytest.raises(ValidationError) as info:
        clean_name("  ")
    assert info.value.field == "name"


def test_clean_name_accepts_exactly_the_maximum_length() -> None:
    text = "a" * MAX_NAME_LENGTH
    assert clean_name(text) == text
    assert MAX_NAME_LENGTH == 200


def test_clean_name_refuses_too_long() -> None:
    with pytest.raises(ValidationError) as info:
        clean_name("a" * (MAX_NAME_LENGTH + 1), "sector")
    assert info.value.field == "sector"
    assert "for langt" in info.value.message
    assert str(MAX_NAME_LENGTH) in info.value.message


def test_clean_name_measures_length_after_collapsing() -> None:
    # 100 words of one letter separated by many spaces: long raw, 199 characters cleaned.
    raw = "     ".join(["a"] * 100)
    assert clean_name(raw) == " ".join(["a"] * 100)


# --- clean_email -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("kari@baerum.kommune.no", "kari@baerum.kommune.no"),
        ("  Kari.Nordmann@Baerum.Kommune.NO ", "kari.nordmann@baerum.kommune.no"),
        ("ola+lup@example.com", "ola+lup@example.com"),
    ],
)
def test_clean_email_accepts_and_lowercases(raw: str, expected: str) -> None:
    assert clean_email(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_clean_email_empty_means_none(raw: str | None) -> None:
    assert clean_email(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "kari@",
        "kari baerum.no",
        "a@b",
        "kari@baerum",
        "@baerum.no",
        "kari@@baerum.no",
        "kari@baerum.no x",
        "kari@baerum.n",
        "kari.baerum.no",
    ],
)
def test_clean_email_refuses_invalid(raw: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_email(raw)
    assert info.value.field == "email"
    assert "gyldig e-postadresse" in info.value.message
    assert raw.strip() in info.value.message


def test_clean_email_uses_the_given_field() -> None:
    with pytest.raises(ValidationError) as info:
        clean_email("nope", "contact")
    assert info.value.field == "contact"


# --- check_period ----------------------------------------------------------------------------------------


def test_check_period_accepts_same_day_and_later_end() -> None:
    assert check_period(date(2018, 3, 5), date(2018, 3, 5)) is None
    assert check_period(date(2018, 3, 5), date(2018, 9, 1)) is None


def test_check_period_refuses_end_before_start() -> None:
    with pytest.raises(ValidationError) as info:
        check_period(date(2018, 3, 5), date(2018, 3, 4))
    assert info.value.field == "end_date"
    assert "Sluttdatoen" in info.value.message


def test_check_period_uses_the_given_field() -> None:
    with pytest.raises(ValidationError) as info:
        check_period(date(2018, 3, 5), date(2017, 3, 5), field="start_date")
    assert info.value.field == "start_date"
    assert info.value.message == "Startdatoen kan ikke være etter sluttdatoen."


# --- check_session_times ---------------------------------------------------------------------------------

START, END = date(2018, 3, 1), date(2018, 8, 31)


def test_check_session_times_accepts_a_day_inside_the_period() -> None:
    for day in (START, date(2018, 5, 15), END):
        assert check_session_times(day, time(9), time(15), START, END) is None


def test_check_session_times_without_a_period_accepts_any_day() -> None:
    assert check_session_times(date(1999, 1, 1), time(9), time(9, 1), None, None) is None


@pytest.mark.parametrize(("start", "end"), [(time(15), time(9)), (time(9), time(9))])
def test_check_session_times_refuses_end_not_after_start(start: time, end: time) -> None:
    with pytest.raises(ValidationError) as info:
        check_session_times(date(2018, 5, 15), start, end, START, END)
    assert info.value.field == "end_time"
    assert "slutte etter" in info.value.message


@pytest.mark.parametrize("day", [date(2018, 2, 28), date(2018, 9, 1), date(2019, 5, 1)])
def test_check_session_times_refuses_a_day_outside_the_period(day: date) -> None:
    with pytest.raises(ValidationError) as info:
        check_session_times(day, time(9), time(15), START, END)
    assert info.value.field == "date"
    assert "01.03.2018" in info.value.message
    assert "31.08.2018" in info.value.message


def test_check_session_times_reports_times_before_dates() -> None:
    with pytest.raises(ValidationError) as info:
        check_session_times(date(2020, 1, 1), time(15), time(9), START, END)
    assert info.value.field == "end_time"


def test_check_session_times_with_only_a_start() -> None:
    with pytest.raises(ValidationError) as info:
        check_session_times(date(2018, 2, 1), time(9), time(15), START, None)
    assert info.value.field == "date"
    assert check_session_times(date(2030, 1, 1), time(9), time(15), START, None) is None


# --- cohort_finished and formatting ---------------------------------------------------------------------


def test_cohort_finished_only_after_its_last_day() -> None:
    assert cohort_finished(date(2018, 8, 31), date(2018, 9, 1)) is True
    assert cohort_finished(date(2018, 8, 31), date(2018, 8, 31)) is False
    assert cohort_finished(date(2018, 8, 31), date(2018, 1, 1)) is False


def test_format_date_and_time() -> None:
    assert format_date(date(2018, 3, 5)) == "05.03.2018"
    assert format_date(None) == "–"
    assert format_time(time(8, 30)) == "08:30"
    assert format_time(None) == "–"


def test_one_way_to_write_a_number_on_screen_and_on_paper() -> None:
    """A baseline of 2,25 showed as «2,25» in the app and «2,2» in the summary; a negative had a hyphen on
    screen and a minus sign in the PDF; the worksheet's thousands could break across lines."""
    from desktop.domain.rules import format_number
    from desktop.reports import group_summary, worksheets

    assert format_number(1_234_567) == "1\u00a0234\u00a0567"
    assert format_number(1234.56) == "1\u00a0234,56"
    assert format_number(2.25) == "2,25" and format_number(2.25, 1) == "2,2"
    assert format_number(-1500) == "\u22121\u00a0500"
    assert format_number(3.0) == "3" and format_number(0.1 + 0.2) == "0,3"
    for value in (2.25, -1500, 1234.56, 80):
        assert group_summary.number(value) == worksheets._number(value) == format_number(value)


def test_names_with_other_letters_sort_with_the_letter_they_are_read_as() -> None:
    """«Åse, Çelik, Íris, Łukasz, Šimon»: any letter not named sorted after å, so colleagues named in Polish,
    Turkish or Sámi came last in participant lists and reports."""
    from desktop.domain.rules import norwegian_key

    names = [
        "Åse",
        "Çelik",
        "Íris",
        "Łukasz",
        "Šimon",
        "Zeta",
        "Ærlig",
        "Østby",
        "aker",
        "Öberg",
        "Đorđe",
        "İpek",
    ]
    assert sorted(names, key=norwegian_key) == [
        "aker",
        "Çelik",
        "Đorđe",
        "İpek",
        "Íris",
        "Łukasz",
        "Šimon",
        "Zeta",
        "Ærlig",
        "Öberg",
        "Østby",
        "Åse",
    ]
    assert norwegian_key("Å") == norwegian_key("A\u030a")  # å typed as a + ring


def test_same_name_ignores_case_and_spacing_the_norwegian_way() -> None:
    from desktop.domain.rules import same_name

    assert same_name("Ærverdige  skole", "ærverdige skole") and same_name(" Bekkestua", "BEKKESTUA ")
    assert not same_name("Bekkestua", "Bekkestua bibliotek")
    assert same_name("Åsen", "A\u030asen")  # å typed as a + ring
