"""Validation rules of the register. Each check returns the cleaned value or raises ValidationError."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, tzinfo
from functools import cache

from desktop.errors import ValidationError
from desktop.i18n import _

MAX_NAME_LENGTH = 200
# Deliberately plain: one @, a dot in the domain, no spaces. Real validation is the reply.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


# Norwegian alphabetical order: … x y z æ ø å (code points put å before æ and ø), so the three map to the
# characters after z; other letters sort with the letter they are read as: an accent is dropped (é, č, ş,
# Sámi á), ä/ö go with æ/ø, ü with y, and letters with no accent to drop are named here (ł, đ, ŋ, ŧ, ı).
_NORWEGIAN = {"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "ü": "y"}
_READ_AS = {"ł": "l", "đ": "d", "ð": "d", "ŋ": "n", "ŧ": "t", "ı": "i", "þ": "th", "œ": "oe", "ß": "ss"}


def _letter_key(letter: str) -> str:
    if unicodedata.combining(letter):  # a mark left over from case folding (İ → i + dot)
        return ""
    if letter in _NORWEGIAN:
        return _NORWEGIAN[letter]
    if letter in _READ_AS:
        return _READ_AS[letter]
    base = unicodedata.normalize("NFD", letter)[0]
    return base if base.isascii() else letter


def norwegian_key(text: str) -> str:
    """A sort key for names in Norwegian alphabetical order, ignoring case (and how the letters were
    composed: å typed as a + ring is å)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if folded.isascii():
        return folded
    return "".join(letter if letter.isascii() else _letter_key(letter) for letter in folded)


def norwegian_compare(a: str, b: str) -> int:
    """``a`` before (-1), as (0) or after (1) ``b`` in Norwegian alphabetical order: the register's «nb»
    collation, so a query sorts names as the screen and the paper do."""
    ka, kb = (norwegian_key(a), a), (norwegian_key(b), b)
    return (ka > kb) - (ka < kb)


def name_key(name: str) -> str:
    """A name as two names that are the same name have it alike (see ``same_name``)."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same name: case (Æ = æ), spacing and how a letter was typed (å as a + ring)
    aside."""
    return name_key(a) == name_key(b)


def clean_name(value: str | None, field: str = "name", empty: str | None = None) -> str:
    """A name: surrounding and repeated whitespace removed; empty (``empty`` says what is missing) or too
    long is refused."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, empty or _("Navnet kan ikke være tomt."))
    if len(text) > MAX_NAME_LENGTH:
        raise ValidationError(field, _("Navnet er for langt (høyst {n} tegn).").format(n=MAX_NAME_LENGTH))
    return text


def clean_optional_text(value: str | None) -> str:
    return (value or "").strip()


def clean_email(value: str | None, field: str = "email") -> str | None:
    """An optional e-mail address; empty means none."""
    text = (value or "").strip()
    if not text:
        return None
    if not _EMAIL.match(text):
        raise ValidationError(
            field,
            _("«{email}» er ikke en gyldig e-postadresse (eksempel: navn@baerum.kommune.no).").format(
                email=text
            ),
        )
    return text.lower()


def check_period(start: date, end: date, field: str = "end_date") -> None:
    """A cohort's period: it must end after it starts. ``field`` is the date being set (the refusal is
    said there)."""
    if end < start:
        if field == "start_date":
            raise ValidationError(field, _("Startdatoen kan ikke være etter sluttdatoen."))
        raise ValidationError(field, _("Sluttdatoen kan ikke være før startdatoen."))


def check_session_times(
    day: date, start: time, end: time, cohort_start: date | None, cohort_end: date | None
) -> None:
    """A session ends after it starts, on a day inside its cohort's period."""
    if end <= start:
        raise ValidationError("end_time", _("Samlingen må slutte etter at den starter."))
    if cohort_start and day < cohort_start or cohort_end and day > cohort_end:
        raise ValidationError(
            "date",
            _("Datoen må ligge innenfor kullets periode ({start} – {end}).").format(
                start=format_date(cohort_start), end=format_date(cohort_end)
            ),
        )


def format_number(value: float, decimals: int = 2) -> str:
    """A number the Norwegian way, on screen and on paper alike: ``1 234 567``, ``1 234,56``, ``−2,5``
    (no-break spaces between thousands, a decimal comma, at most ``decimals`` decimals and none when whole,
    a real minus sign)."""
    if abs(value - round(value)) < 1e-9:
        body = f"{round(value):,}"
    else:
        body = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return body.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")


def format_date(value: date | None) -> str:
    """Norwegian short date: 05.03.2018."""
    return value.strftime("%d.%m.%Y") if value else "–"


def format_time(value: time | None) -> str:
    return value.strftime("%H:%M") if value else "–"


def month_abbreviations() -> tuple[str, ...]:
    """«jan.» … «des.»: the months on the charts, on screen and in the PDFs alike."""
    return (
        _("jan."),
        _("feb."),
        _("mar."),
        _("apr."),
        _("mai"),
        _("jun."),
        _("jul."),
        _("aug."),
        _("sep."),
        _("okt."),
        _("nov."),
        _("des."),
    )


@cache
def local_zone() -> tzinfo:
    """The municipality's time zone, for times stored in UTC. Its rules come from the system or, where the
    system has none (Windows), from the ``tzdata`` package; without either, this laptop's present offset."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Oslo")
    except Exception:  # noqa: BLE001 - no time-zone data at all
        return datetime.now().astimezone().tzinfo


SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")  # spaces, no-break and thin spaces
# 12.500, 1.250.000: dots only between thousands (not «0.500», a decimal with its zero before the dot)
DOTTED_THOUSANDS = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")


def cohort_finished(end: date, today: date) -> bool:
    """A cohort is finished once its last day is past."""
    return end < today
