"""A specialization as one employer may state it: every line the profile marks as true only
under another state's law or another system's policy left out or put in its general form.

Done once, before composing, so the posting, the description and every kit document read the
same resolved text; the Localizer remembers which parts were made general for the note.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .jurisdiction import Localizer, LocalText
from .profile import Regulation, Specialization

# What a document calls each part of a specialization, for the note; the kinds that show it.
SECTIONS: dict[str, str] = {
    "office_blurb": "About the office",
    "eeo_statement": "Equal employment opportunity",
    "unit_purpose": "Primary purpose of the organizational unit",
    "confidentiality": "Confidentiality",
    "regulations": "Laws, regulations and standards",
    "summary": "About the role",
    "purpose": "Primary purpose of the position",
    "description": "Duties",
    "title": "Duties",
    "knowledge_skills_abilities": "Knowledge, skills and abilities",
    "education": "Minimum qualifications",
    "experience": "Minimum qualifications",
    "in_plain_words": "Minimum qualifications",
    "preferred_qualifications": "Preferred qualifications",
    "supervision_received": "Supervision",
    "supervision_exercised": "Supervision",
    "posting_duties": "What you will do",
    "licenses": "Licenses or certifications",
    "schedule": "Working conditions",
    "environment": "Working conditions",
    "physical_demands": "Working conditions",
    "travel": "Working conditions",
    "on_call": "Working conditions",
    "live_in": "Working conditions",
    "benefits": "Benefits",
}
_WORKING = ("schedule", "travel", "on_call", "live_in")
# Where the note says an employer with no location is (its state is not known).
UNKNOWN_PLACE = "an unknown state (no location given)"
SHOWN_BY_KIND: dict[str, frozenset[str]] = {
    "posting": frozenset({"office_blurb", "summary", "posting_duties", "in_plain_words",
                          "education", "experience", "licenses", "preferred_qualifications",
                          "benefits", *_WORKING}),
    "description": frozenset({"unit_purpose", "purpose", "description", "title",
                              "knowledge_skills_abilities", "education", "experience",
                              "licenses", "preferred_qualifications", "supervision_received",
                              "supervision_exercised", "environment", "physical_demands",
                              "regulations", "confidentiality", *_WORKING}),
    "interview": frozenset({"title", "licenses", *_WORKING}),
    "screening": frozenset({"education", "experience", "preferred_qualifications", "licenses"}),
    "assessment": frozenset(),
    "panel": frozenset(),
    "ladder": frozenset({"purpose", "supervision_received", "supervision_exercised", "title"}),
}


def localized(specialization: Specialization, localizer: Localizer) -> Specialization:
    """The specialization with every marked line resolved for the localizer's employer."""
    return _resolve(specialization, localizer, "")


def called(specialization: Specialization, word: str) -> Specialization:
    """The specialization with "University", the profile's word for its employer, as `word`
    (Organization.institution_word): a college's documents do not call it a university."""
    return specialization if word == "University" else _renamed(specialization, word)


# "University" as the employer; not a name such as "the University of North Carolina".
_UNIVERSITY = re.compile(r"\bUniversity\b(?! of )")


def called_in(text: str, word: str) -> str:
    """One text with "University" (the employer) as `word`."""
    return _UNIVERSITY.sub(word, text) if word != "University" and "University" in text \
        else text


def _renamed(value: Any, word: str) -> Any:
    if isinstance(value, str):
        return called_in(value, word)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {item.name: _renamed(getattr(value, item.name), word)
                   for item in dataclasses.fields(value)}
        changes = {key: item for key, item in changes.items()
                   if item is not getattr(value, key)}
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_renamed(item, word) for item in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, Mapping):
        return MappingProxyType({key: _renamed(item, word) for key, item in value.items()})
    return value


def _resolve(value: Any, localizer: Localizer, name: str) -> Any:
    if isinstance(value, str):
        return localizer.one(value, name) if isinstance(value, LocalText) else value
    if isinstance(value, Regulation):
        marker = (LocalText(value.name, value.only_in, value.citation, None, value.supply)
                  if value.only_in else None)
        return value if localizer.keeps(value.only_in, marker, "regulations") else None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            resolved = _resolve(current, localizer, item.name)
            if resolved is not current:
                changes[item.name] = resolved
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = [_resolve(item, localizer, name) for item in value]
        kept = tuple(item for item in items if item not in (None, ""))
        return value if all(a is b for a, b in zip(kept, value)) and len(kept) == len(value) \
            else kept
    if isinstance(value, Mapping):
        resolved = {key: _resolve(item, localizer, key if isinstance(key, str) and key in SECTIONS
                                  else name) for key, item in value.items()}
        if all(resolved[key] is value[key] for key in value):
            return value
        return MappingProxyType(resolved)
    return value


def note_for(kind: str, localizer: Localizer, word: str = "University") -> dict[str, Any]:
    """What the person making a document of `kind` must know (a warning, never the document's
    own text): the sections it shows where text was made general, each named once, what to
    supply, and the system an employer in the profile's state may declare (no sections: nothing
    to say)."""
    shown = SHOWN_BY_KIND.get(kind)
    generic = {key: texts for key, texts in localizer.generic.items()
               if shown is None or key in shown}
    rules = localizer.rules
    note: dict[str, Any] = {"place": rules.state_name or UNKNOWN_PLACE,
                            "home": rules.home.describe() if rules.home else None,
                            "sections": [], "supply": [], "declare": None}
    for key, texts in generic.items():
        label = SECTIONS.get(key, key.replace("_", " ").capitalize())
        if label not in note["sections"]:
            note["sections"].append(label)
        for text in texts:
            supply = called_in(text.supply, word) if text.supply else None
            if supply and supply not in note["supply"]:
                note["supply"].append(supply)
    note["declare"] = _system_to_declare(localizer)
    return note


def _system_to_declare(localizer: Localizer) -> str | None:
    """For an employer in the profile's state whose file names no system, while text of the
    profile's system was made general: that system, which the employer may be in."""
    rules, home = localizer.rules, localizer.rules.home
    if home is None or not home.system or rules.system or rules.state not in (home.state,
                                                                              None):
        return None
    if not any(text.only_in == home.system for texts in localizer.generic.values()
               for text in texts):
        return None
    return home.system
