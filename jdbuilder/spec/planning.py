"""Where each document of a spec goes under --out-dir."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..outputs import (
    default_stem,
    normalise_output,
)
from ..writers import SUFFIXES

if TYPE_CHECKING:
    pass

from .model import SpecEntry
from .packed import PackedEntries
from .rows import RowChecker


def output_of(entry: SpecEntry, title: str) -> str:
    """The entry's path under --out-dir: as given, or its default name.

    A default name comes from the row alone: its working title, kind and position number
    (admissions-counselor-ii-posting-00045678.docx), never from which other rows share a title,
    so fixing one row never renames another's document."""
    if entry.output is not None:
        return normalise_output(entry.output, entry.format)
    return default_stem(title, entry.request.kind,
                        entry.request.position.position_number) + SUFFIXES[entry.format]


def plan_outputs(entries: PackedEntries, outputs: dict[int, str], checker: RowChecker
                 ) -> set[int]:
    """The numbers refused for sharing a path (`outputs`: each entry's, by output_of).

    Documents aimed at one path, given or by default, are an error naming each other's rows.
    Paths compare case-blind and by Unicode normalization, as on Windows and macOS file systems.
    """
    sharing: dict[str, list[int]] = {}
    for number, path in outputs.items():
        # NFC as well: macOS stores names decomposed, so 'é' typed two ways is one file there.
        sharing.setdefault(unicodedata.normalize("NFC", path).casefold(), []).append(number)
    shared = {number for numbers in sharing.values() if len(numbers) > 1 for number in numbers}
    if not shared:
        return set()
    # Only the entries that share a path are unpacked, to name each other.
    by_number = {number: entries[index] for index, number in enumerate(entries.numbers)
                 if number in shared}
    rejected: set[int] = set()
    for numbers in sharing.values():
        if len(numbers) < 2:
            continue
        for number in numbers:
            entry = by_number[number]
            others = " and ".join(by_number[n].location.text() for n in numbers if n != number)
            fix = ("give each document its own output" if entry.output is not None else
                   "give each its own position_number, title or output")
            checker.add(entry.location, f"'{outputs[number]}' is also the output of {others}; "
                                        f"{fix}", field="output" if entry.output else None)
            rejected.add(number)
    return rejected
