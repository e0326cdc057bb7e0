"""Two versions of a position, for reclassification and audits: each side's position description
made by the one core, the redline between them (jdbuilder.redline) and a summary naming each
change (title, level, FLSA, supervisor, duties added, removed, renamed, their percentages).

A side is a position file, or the built-in position: `builtin:SPECIALIZATION:LEVEL`, or just
`builtin` for the built-in position the other side's file starts from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .clock import source_date
from .compose import Request
from .errors import InputError
from .markup import DocumentModel, Heading, ListBlock, Paragraph, Run
from .positionfile import PositionFile, read_position_file
from .redline import MATCH_RATIO, redline, similar

BUILTIN = "builtin"
REDLINE_FORMATS = ("docx", "md", "html")
DEFAULT_AUTHOR = "jdbuilder compare"


@dataclass(frozen=True)
class Side:
    """One version of the position: what it is called in the summary and how to make it."""

    label: str
    request: Request


@dataclass(frozen=True)
class Change:
    """One thing that changed, said as a line of the summary."""

    subject: str  # "Working title", "Duty 'Student Conduct'"
    old: str | None = None  # None: added
    new: str | None = None  # None: removed
    note: str = ""  # said instead of old → new (e.g. "reworded")

    def line(self) -> str:
        if self.note:
            return f"{self.subject}: {self.note}"
        if self.old is None:
            return f"{self.subject}: added ({self.new})" if self.new else f"{self.subject}: added"
        if self.new is None:
            return f"{self.subject}: removed ({self.old})" if self.old else \
                f"{self.subject}: removed"
        return f"{self.subject}: {self.old} → {self.new}"


@dataclass(frozen=True)
class Comparison:
    old: Side
    new: Side
    changes: tuple[Change, ...]
    model: DocumentModel  # the new PD with the changes marked, the summary first


# ---------------------------------------------------------------------------------------------
# the sides


def read_sides(old: str, new: str, profile) -> tuple[Side, Side]:
    """OLD and NEW as given on the command line; `builtin` takes the other side's position."""
    files = {text: read_position_file(Path(text), profile) for text in (old, new)
             if not text.startswith(BUILTIN)}
    anchor = next(iter(files.values()), None)
    return _side(old, files, anchor, profile), _side(new, files, anchor, profile)


def _side(text: str, files: dict[str, PositionFile], anchor: PositionFile | None,
          profile) -> Side:
    if text in files:
        position = files[text]
        request = Request("description", position.specialization, position.level,
                          position.fields, position)
        return Side(text, request)
    if text == BUILTIN:
        if anchor is None:
            raise InputError(f"'{BUILTIN}' compares with the built-in position of the other "
                             "side's position file; give one, or name the built-in position "
                             "as builtin:SPECIALIZATION:LEVEL")
        return _builtin(anchor.specialization, anchor.level, profile)
    parts = text.split(":")
    if len(parts) != 3 or parts[0] != BUILTIN or not parts[1] or not parts[2]:
        raise InputError(f"'{text}': name the built-in position as builtin:SPECIALIZATION:LEVEL "
                         "(e.g. builtin:residence-life:journey), or give a position file")
    from .compose import resolve_choice

    specialization, level = resolve_choice(profile, Request("description", parts[1], parts[2]))
    return _builtin(specialization.id, level.id, profile)


def _builtin(specialization_id: str, level_id: str, profile) -> Side:
    specialization = profile.specialization(specialization_id)
    level = profile.level(level_id, specialization)
    title = specialization.working_title(level.id, None)
    return Side(f"built-in {title} ({level.name})",
                Request("description", specialization.id, level.id))


# ---------------------------------------------------------------------------------------------
# comparing


def compare(old: Side, new: Side, pipeline, organization, author: str = DEFAULT_AUTHOR,
            when: dt.datetime | None = None) -> Comparison:
    """The redline of NEW against OLD, its summary first; `when` is the changes' date
    (default SOURCE_DATE_EPOCH, else now, to the second)."""
    made = [pipeline.compose(side.request, organization) for side in (old, new)]
    models = [pipeline.model(composed) for composed in made]
    changes = tuple(summarize(made[0].context, made[1].context))
    marked = redline(models[0], models[1])
    moment = when or source_date() or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    blocks = list(marked.blocks)
    at = 2 if len(blocks) > 1 and isinstance(blocks[1], Paragraph) else 1  # after the subtitle
    blocks[at:at] = summary_blocks(old, new, changes)
    model = replace(marked, blocks=tuple(blocks), subject=f"{marked.subject}: changes",
                    revision_author=author,
                    revision_date=moment.astimezone(dt.timezone.utc).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"))
    return Comparison(old, new, changes, model)


def summary_blocks(old: Side, new: Side, changes: tuple[Change, ...]) -> list:
    lead = (f"Before: {old.label}. After: {new.label}. Each change is marked in the text "
            "below: deleted words struck through, inserted words underlined.")
    items = tuple((Run(change.line()),) for change in changes) or ((Run("No changes."),),)
    return [Heading(2, (Run("Summary of Changes"),)), Paragraph((Run(lead),)),
            ListBlock(False, items)]


# ---------------------------------------------------------------------------------------------
# the summary


def summarize(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Each change between two composed PD contexts, in the order the PD shows them."""
    changes: list[Change] = []

    def fact(subject: str, before: Any, after: Any) -> None:
        before, after = _shown(before), _shown(after)
        if before != after:
            changes.append(Change(subject, before or "none", after or "none"))

    fact("Working title", old["role"]["title"], new["role"]["title"])
    fact("Specialization", old["specialization"]["name"], new["specialization"]["name"])
    fact("Competency level", old["level"]["name"], new["level"]["name"])
    fact("Position number", old["position"]["position_number"],
         new["position"]["position_number"])
    fact("Department", old["specialization"]["unit_name"], new["specialization"]["unit_name"])
    fact("Supervisor", old["role"]["reports_to"], new["role"]["reports_to"])
    fact("FLSA status", old["role"]["flsa"], new["role"]["flsa"])
    fact("Appointment type", old["position"]["appointment_type"],
         new["position"]["appointment_type"])
    fact("Work schedule", old["working_conditions"]["schedule"],
         new["working_conditions"]["schedule"])
    if old["role"]["purpose"] != new["role"]["purpose"]:
        changes.append(Change("Primary purpose of the position", note="reworded"))
    changes += duty_changes(old["role"]["duties"], new["role"]["duties"])
    for subject, before, after in (
            ("Licence or certification", old["role"]["licenses"], new["role"]["licenses"]),
            ("Preferred qualification", old["role"]["preferred_qualifications"],
             new["role"]["preferred_qualifications"]),
            ("Physical demand", old["working_conditions"]["physical_demands"],
             new["working_conditions"]["physical_demands"])):
        changes += _list_changes(subject, list(before), list(after))
    for key, subject in (("environment", "Work environment"), ("travel", "Travel"),
                         ("on_call", "On-call duty"), ("live_in", "Live-in requirement")):
        before = old["working_conditions"].get(key)
        after = new["working_conditions"].get(key)
        if before != after:  # said whole: "Not required" to "Required" is no rewording
            changes.append(Change(subject, _short(before) if before else None,
                                  _short(after) if after else None))
    return changes


def duty_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    """Duties added, removed, renamed (a new title over much the same description), their
    percent of time, whether each is essential, and their wording."""
    by_title = {duty["title"]: duty for duty in new}
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    removed = [duty for duty in old if duty["title"] not in by_title]
    added = [duty for duty in new if duty["title"] not in {d["title"] for d in old}]
    for duty in old:
        if duty["title"] in by_title:
            pairs.append((duty, by_title[duty["title"]]))
    for duty in list(removed):
        renamed = max(added, key=lambda other: _likeness(duty, other), default=None)
        if renamed is not None and _likeness(duty, renamed) >= MATCH_RATIO:
            removed.remove(duty)
            added.remove(renamed)
            pairs.append((duty, renamed))
    changes: list[Change] = []
    for duty in removed:
        changes.append(Change(f"Duty '{duty['title']}'", f"{duty['percent']}%", None))
    for duty in added:
        essential = "essential" if duty["essential"] else "not essential"
        changes.append(Change(f"Duty '{duty['title']}'", None,
                              f"{duty['percent']}%, {essential}"))
    for before, after in pairs:
        name = f"Duty '{after['title']}'"
        if before["title"] != after["title"]:
            changes.append(Change(f"Duty '{before['title']}'", note=f"renamed to '{after['title']}'"))
        if before["percent"] != after["percent"]:
            changes.append(Change(name, f"{before['percent']}%", f"{after['percent']}%"))
        if before["essential"] != after["essential"]:
            changes.append(Change(name, note="now an essential function" if after["essential"]
                                  else "no longer an essential function"))
        if before["description"] != after["description"]:
            changes.append(Change(name, note="description reworded"))
    return changes


def _likeness(old: dict[str, Any], new: dict[str, Any]) -> float:
    """How surely a new duty is an old one renamed: one title holds every word of the other
    ("Student Conduct" and "Student Conduct and Mediation"), or the descriptions are alike."""
    old_words, new_words = _title_words(old["title"]), _title_words(new["title"])
    if old_words and new_words and (old_words <= new_words or new_words <= old_words):
        return 1.0
    return similar(old["description"], new["description"])


def _title_words(title: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]+", title.lower())
            if word not in {"and", "of", "the", "for", "a", "an"}}


def _list_changes(subject: str, old: list[str], new: list[str]) -> list[Change]:
    """Items removed and added; an item much like one removed is that item reworded."""
    removed = [text for text in old if text not in new]
    added = [text for text in new if text not in old]
    changes = []
    for text in list(removed):
        alike = max(added, key=lambda other: similar(text, other), default=None)
        if alike is not None and similar(text, alike) >= MATCH_RATIO:
            removed.remove(text)
            added.remove(alike)
            changes.append(Change(f"{subject} '{_short(text)}'", note="reworded"))
    changes = [Change(subject, _short(text), None) for text in removed] + \
        [Change(subject, None, _short(text)) for text in added] + changes
    return changes


SHORT_WORDS = 12  # a long item is named by its first words in the summary


def _short(text: str) -> str:
    words = str(text).split()
    return " ".join(words[:SHORT_WORDS]) + ("…" if len(words) > SHORT_WORDS else "")


def _shown(value: Any) -> str:
    return "" if value is None else str(value)
