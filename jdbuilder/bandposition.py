"""A position of a band without specializations (an imported band): the band gives its
description of work, levels and competency statements; the position file gives what a
specialization would (the title, duties, purpose, the unit and its purpose). What a document
needs that neither gives is one error naming the position file's keys to add."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from .errors import ERROR, INFO, InputError, Location, Problem
from .kinds import KINDS
from .org import Organization
from .positionfile import PositionFile
from .profile import (
    Level,
    LevelRole,
    Profile,
    Qualifications,
    Specialization,
    UnknownChoice,
    WorkingConditions,
)

Given = Callable[[PositionFile, Profile, Organization], bool]


def _text(key: str) -> Given:
    return lambda position, profile, organization: bool(getattr(position.content, key))


def _field(key: str) -> Given:
    return lambda position, profile, organization: bool(getattr(position.fields, key))


def _minimum(position: PositionFile, profile: Profile, organization: Organization) -> bool:
    # The organization file may set the minimum for every position (minimum_education, ...).
    return bool(position.content.minimum_qualifications or profile.minimum_qualifications
                or (organization.minimum_education and organization.minimum_experience))


def _environment(position: PositionFile, profile: Profile, organization: Organization) -> bool:
    return bool(dict(position.content.working_conditions).get("environment"))


# What each part of a document needs, by the position file's key, with what it is called.
REQUIREMENTS: dict[str, tuple[str, Given]] = {
    "title": ("the working title", _field("title")),
    "flsa": ("the FLSA status (exempt or non-exempt)", _field("flsa")),
    "schedule": ("the work schedule", _field("schedule")),
    "supervisor": ("the supervisor", _field("supervisor")),
    "department": ("the department", _field("department")),
    "summary": ("the summary of the role for applicants", _text("summary")),
    "purpose": ("the primary purpose of the position", _text("purpose")),
    "unit_purpose": ("the primary purpose of the organizational unit", _text("unit_purpose")),
    "duties": ("the duties", _text("duties")),
    "knowledge_skills_abilities": ("the knowledge, skills and abilities",
                                   _text("knowledge_skills_abilities")),
    "minimum_qualifications": ("the minimum education and experience", _minimum),
    "key_competencies": ("the competencies that matter most (the posting quotes them)",
                         _text("key_competencies")),
    "supervision_received": ("the supervision received", _text("supervision_received")),
    "supervision_exercised": ("the supervision exercised", _text("supervision_exercised")),
    "working_conditions.environment": ("the work environment", _environment),
    # The description says "None required" only where the file says so (licenses: []).
    "licenses": ("the licences or certifications required ([] for none)",
                 lambda position, profile, organization: position.content.licenses is not None),
    "physical_demands": ("the physical demands", _text("physical_demands")),
    "interview": ("the interview questions (the kit has none for a band of its own)",
                  _text("interview")),
}
_POSTING = ("title", "flsa", "schedule", "summary", "duties", "minimum_qualifications",
            "key_competencies")
_DESCRIPTION = ("title", "flsa", "schedule", "supervisor", "department", "unit_purpose",
                "purpose", "duties", "knowledge_skills_abilities", "minimum_qualifications",
                "licenses", "supervision_received", "supervision_exercised",
                "working_conditions.environment", "physical_demands")
NEEDS: dict[str, tuple[str, ...]] = {
    "posting": _POSTING,
    "description": _DESCRIPTION,
    # The profile summary is made for `position check` and `show`, which say what is missing.
    "summary": (),
    # The guide asks whether the candidate can work the schedule and the essential functions.
    "interview": ("title", "schedule", "duties", "interview"),
    # The reference for the panel: the topics never to ask, the law, the questions' competencies.
    "panel": ("title", "interview"),
    "screening": ("title", "minimum_qualifications"),
    "assessment": ("title",),
}


def missing(kind: str, position: PositionFile, profile: Profile,
            organization: Organization) -> list[str]:
    """The position file's keys a document of `kind` needs and neither it nor the band gives."""
    return [key for key in NEEDS[kind]
            if not REQUIREMENTS[key][1](position, profile, organization)]


def still_needed(position: PositionFile, profile: Profile, organization: Organization
                 ) -> tuple[Problem, ...]:
    """For `position check`: a note per document that the file cannot make yet, naming the
    keys to add (a starter is valid before it is complete)."""
    notes = []
    for kind in ("posting", "description", "interview", "screening"):
        absent = missing(kind, position, profile, organization)
        if absent:
            notes.append(Problem(
                "input", INFO, f"the {KINDS[kind].label.lower()} needs "
                f"{', '.join(f'{key}:' for key in absent)} besides what the file gives",
                Location(file=position.source)))
    return tuple(notes)


def band_specialization(profile: Profile, position: PositionFile, kind: str,
                        organization: Organization) -> tuple[Specialization, Level]:
    """The position file as the specialization it stands in for, at its level. Refused, with
    every key to add, when the document needs what neither the band nor the file gives."""
    try:
        level = profile.level(position.level)
    except UnknownChoice as exc:
        raise InputError(Problem("input", ERROR, str(exc),
                                 Location(file=position.source, field="level"))) from None
    if kind == "ladder":
        raise InputError(Problem(
            "input", ERROR, f"the career ladder sets a specialization's levels side by side, "
            f"and the {profile.title} band has no specializations: a position file describes "
            f"one level (the kit leaves the ladder out; the assessment worksheet shows every "
            "level's statements)", Location(file=position.source)))
    absent = missing(kind, position, profile, organization)
    if absent:
        label = KINDS[kind].label.lower() if kind in KINDS else kind
        what = "; ".join(REQUIREMENTS[key][0] for key in absent)
        keys = ", ".join(f"{key}:" for key in absent)
        raise InputError(Problem(
            "input", ERROR,
            f"the {label} needs {what}, which neither the {profile.title} band nor the "
            f"position file gives; add {keys} to the position file (`jdbuilder fields` "
            "explains each)", Location(file=position.source, field=absent[0])))
    fields, content = position.fields, position.content
    conditions = dict(content.working_conditions)
    environment = conditions.get("environment")
    role = LevelRole(
        title=fields.title or "",
        flsa=fields.flsa or "",
        summary=content.summary or "",
        purpose=content.purpose or "",
        duties=(),  # the position file's, laid in by tailored_role like any position's
        knowledge_skills_abilities=(),
        minimum_qualifications=(content.minimum_qualifications
                                or profile.minimum_qualifications
                                or Qualifications("", "")),
        preferred_qualifications=(),
        reports_to=fields.supervisor or "",
        supervision_received=content.supervision_received or "",
        supervision_exercised=content.supervision_exercised or "",
        posting_duties=(),
    )
    specialization = Specialization(
        id=profile.id,
        name=fields.department or profile.title,
        aliases=(),
        unit_name=fields.department or "",
        office_blurb=content.about_the_office or "",
        unit_purpose=content.unit_purpose or "",
        handles_health_information=False,
        key_competencies=content.key_competencies or (),
        regulations=(),
        confidentiality=content.confidentiality or "",
        working_conditions=WorkingConditions(
            schedule=fields.schedule or "",
            environment=environment.text if environment else "",
            physical_demands=()),
        roles=MappingProxyType({level.id: role}),
        source=profile.directory,
    )
    return specialization, level
