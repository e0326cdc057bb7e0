"""The hiring kit's kinds as a registry: what the command line needs to declare a command's
options (so it imports nothing heavier) and what the core asks of a kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KitKind:
    """A kit kind's registry entry: its heading, page orientation and whether it is made for
    one level (a ladder shows every level, so a level only marks the position's)."""

    label: str
    landscape: bool = False  # wide tables read best across the page
    needs_level: bool = True


KIT_KINDS = {
    "interview": KitKind("Structured Interview Guide"),
    "screening": KitKind("Applicant Screening Matrix", landscape=True),
    "assessment": KitKind("Competency Assessment Worksheet", landscape=True),
    "ladder": KitKind("Career Ladder", landscape=True, needs_level=False),
}
LANDSCAPE_KINDS = frozenset(kind for kind, entry in KIT_KINDS.items() if entry.landscape)


def needs_level(kind: str) -> bool:
    """Whether a document of this kind is made for one level; postings and descriptions are."""
    entry = KIT_KINDS.get(kind)
    return entry.needs_level if entry else True
