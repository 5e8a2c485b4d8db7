"""The fixed choices of the programme register."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import _


class SessionKind(StrEnum):
    OPENING = "opening"
    WORKING = "working"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return {
            SessionKind.OPENING: _("Oppstartsamling"),
            SessionKind.WORKING: _("Arbeidssamling"),
            SessionKind.CLOSING: _("Avslutningssamling"),
        }[self]

    @property
    def definite(self) -> str:
        """The label in the definite form, for running text: «arbeidssamlingen»."""
        return {
            SessionKind.OPENING: _("oppstartsamlingen"),
            SessionKind.WORKING: _("arbeidssamlingen"),
            SessionKind.CLOSING: _("avslutningssamlingen"),
        }[self]


class ParticipantRole(StrEnum):
    LEADER = "leader"
    ENTHUSIAST = "enthusiast"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            ParticipantRole.LEADER: _("Leder"),
            ParticipantRole.ENTHUSIAST: _("Ildsjel"),
            ParticipantRole.OTHER: _("Annen"),
        }[self]


class MapKind(StrEnum):
    """A user journey as it is now, or as the group wants it to become."""

    CURRENT = "current"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return {MapKind.CURRENT: _("Nåsituasjon"), MapKind.FUTURE: _("Framtidig situasjon")}[self]
