"""Choose and merge what one document needs into a plain context for its template."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .bandposition import band_specialization
from .errors import INFO, WARNING, InputError, Location, Problem
from .jurisdiction import Localizer, Rules, state_code
from .kinds import KINDS, KIT_KINDS, needs_level
from .kit import (
    KIT_CONTEXT_DOC,
    compose_kit,
    missing_level,
)
from .localize import called, called_in, localized, note_for
from .org import Organization
from .position import FIELD_KINDS, Position
from .positionfile import (
    PositionFile,
    tailored_conditions,
    tailored_role,
    tailored_specialization,
)
from .profile import (
    Duty,
    LevelRole,
    Occupation,
    Profile,
    Qualifications,
    Specialization,
    UnknownChoice,
    normalise_choice,
)

KIND_LABELS = {kind: entry.label for kind, entry in KINDS.items()}
POSTING_COMPETENCY_COUNT = 3
_CURRENCY_SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£"}


@dataclass(frozen=True)
class Request:
    """One document to build: what kind, for which specialization and level, with which facts."""

    kind: str
    specialization: str
    level: str
    position: Position = field(default_factory=Position)
    # A position file's duties, qualifications and conditions over the built-in level's; its
    # specialization and level are this request's, its fields are `position`.
    position_file: PositionFile | None = None


@dataclass(frozen=True)
class Composed:
    context: dict[str, Any]
    warnings: tuple[Problem, ...]  # what the document lacks that an input could give
    specialization: Specialization


def resolve_choice(profile: Profile, request: Request):
    try:
        specialization = profile.specialization(request.specialization)
        return specialization, profile.level(request.level, specialization)
    except UnknownChoice as exc:
        raise InputError(str(exc)) from None


def _occupation(built_in: Occupation | None, given: str | None) -> dict[str, Any] | None:
    """The O*NET-SOC occupation: the opening's code when given (its O*NET title is known only
    when it is the built-in one), else the specialization's at this level."""
    if given and (built_in is None or given != built_in.code):
        return {"code": given, "title": None, "source": None, "why": None}
    if built_in is None:
        return None
    return {"code": built_in.code, "title": built_in.title, "source": built_in.source,
            "why": built_in.why}


def compose(profile: Profile, request: Request, organization: Organization) -> Composed:
    if request.kind not in KIND_LABELS:
        raise InputError(f"unknown document kind '{request.kind}'; use one of "
                         f"{', '.join(KIND_LABELS)}")
    level_given = bool(request.level)
    if not level_given:
        if needs_level(request.kind):
            raise missing_level(request.kind, profile)
        # A kind that shows every level is composed at the first; nothing marks it as chosen.
        request = dataclasses.replace(request, level=profile.levels[0].id)
    if request.position_file is not None and not request.position_file.specialization:
        # A band without specializations: the position file stands in for one.
        specialization, level = band_specialization(profile, request.position_file,
                                                    request.kind, organization)
    else:
        specialization, level = resolve_choice(profile, request)
    position = request.position
    location = position.location or organization.location.display() or None
    localizer = Localizer(Rules.of(profile.jurisdiction, location, organization.system))
    # Lines true only under another state's law or another system's policy are resolved once
    # here, so every kind reads the same text.
    specialization = called(localized(specialization, localizer),
                            organization.institution_word())
    benefits = localizer.one(organization.benefits, "benefits") if organization.benefits else None
    # Public or private as the organization says; a system's institutions are public; else
    # unknown, and a law that differs between them is named for both.
    public = (organization.public_employer if organization.public_employer is not None
              else True if localizer.rules.system else None)
    role = specialization.roles[level.id]
    conditions = _conditions(specialization, role)
    if request.position_file is not None:
        specialization = tailored_specialization(specialization, request.position_file.content)
        role = tailored_role(role, request.position_file.content)
        conditions.update(tailored_conditions(request.position_file.content))
    fill = _campus_filler(profile, organization)
    title = specialization.working_title(level.id, position.title)
    duties = list(role.duties)
    if request.kind == "posting":
        # Applicants read the essential work first; the catch-all goes last.
        duties.sort(key=lambda duty: (duty.other, not duty.essential))
    by_id = {c.id: c for c in profile.competencies}
    competencies = [_competency(c, level.id) for c in profile.competencies]
    key_competencies = [_competency(by_id[cid], level.id)
                        for cid in specialization.key_competencies[:POSTING_COMPETENCY_COUNT]]
    if request.position_file is not None:
        own_words = dict(request.position_file.content.in_plain_words)
        for competency in key_competencies:
            competency["in_plain_words"] = own_words.get(competency["id"],
                                                         competency["in_plain_words"])
    minimum = _minimum(profile, role, organization)
    laws = profile.privacy_laws.for_specialization(specialization.handles_health_information)
    context: dict[str, Any] = {
        "kind": request.kind,
        "kind_label": KIND_LABELS[request.kind],
        "band": {
            "title": profile.title,
            "description_of_work": profile.description_of_work,
            "competency_category": profile.competency_category,
        },
        "level": {"id": level.id, "name": level.name},
        "specialization": {
            "id": specialization.id,
            "name": specialization.name,
            "unit_name": position.department or specialization.unit_name,
            "office_blurb": fill(specialization.office_blurb),
            "unit_purpose": fill(specialization.unit_purpose),
            "confidentiality": fill(specialization.confidentiality),
            "handles_health_information": specialization.handles_health_information,
            "confidentiality_laws": " and ".join(laws),
            "regulations": [
                dict(zip(("name", "citation"), r.for_employer(public)),
                     relevance=fill(r.relevance))
                for r in specialization.regulations
            ],
        },
        "role": {
            "title": title,
            "standard_title": role.title,
            "flsa": position.flsa or role.flsa,
            "summary": fill(specialization.named(level.id, role.summary, position.title)),
            "purpose": fill(specialization.named(level.id, role.purpose, position.title)),
            "duties": [_duty(d, fill) for d in duties],
            "duties_total": sum(d.percent for d in duties),
            "posting_duties": [fill(text) for text in role.posting_duties],
            "knowledge_skills_abilities": [fill(text) for text in role.knowledge_skills_abilities],
            "minimum_qualifications": {
                "education": minimum.education,
                "experience": minimum.experience,
                "in_plain_words": minimum.in_plain_words,
            },
            "preferred_qualifications": [fill(text) for text in role.preferred_qualifications],
            "licenses": [fill(text) for text in role.licenses],
            "reports_to": position.supervisor or role.reports_to,
            "supervision_received": fill(role.supervision_received),
            "supervision_exercised": fill(role.supervision_exercised),
        },
        "working_conditions": {
            "schedule": position.schedule or fill(str(conditions["schedule"])),
            "environment": fill(str(conditions["environment"])),
            "physical_demands": [fill(text) for text in conditions["physical_demands"]],
            "travel": _optional(conditions["travel"], fill),
            "on_call": _optional(conditions["on_call"], fill),
            "live_in": _optional(conditions["live_in"], fill),
        },
        "competencies": competencies,
        "key_competencies": key_competencies,
        "traceability": _traceability(request, competencies, fill),
        "position": {
            "department": position.department,
            "position_number": position.position_number,
            "supervisor": position.supervisor,
            "employment_type": _employment_label(position.employment_type),
            "employment_type_id": position.employment_type,
            "appointment_type": position.appointment_type,
            "location": location,
            "remote": position.remote,
            "posted": position.posted.isoformat() if position.posted else None,
            "closes": position.closes.isoformat() if position.closes else None,
            "posted_display": _long_date(position.posted),
            "closes_display": _long_date(position.closes),
            "committee": [{"name": member.name, "role": member.role,
                           "display": member.display()} for member in position.committee],
            "panel_member": position.panel_member,
        },
        "occupation": _occupation(specialization.occupation_at(level.id), position.occupation),
        "address": _address(position.location, organization),
        "salary": _salary(position),
        "organization": {
            "name": organization.name,
            "name_in_text": organization.name_mid_sentence(),
            "website": organization.website,
            "location": location,
            "apply_url": organization.apply.url,
            "apply_instructions": organization.apply.instructions,
            "apply_direct": organization.apply.direct,
            # What the organization omits (its applicant tracking system adds it) is None.
            "eeo_statement": (None if "eeo" in organization.omit
                              else localizer.one(organization.eeo_statement, "eeo_statement")),
            "benefits": None if "benefits" in organization.omit else benefits or None,
            "pay_transparency": (None if "pay-statement" in organization.omit
                                 else organization.pay_transparency),
            "omitted": list(organization.omit),
            "logo": organization.logo,
            "veterans_preference": organization.veterans_preference,
            "background_check": organization.background_check,
            # Comp time instead of overtime pay is lawful only for a public agency (29 U.S.C.
            # § 207(o)): as the file says, else public only when in a system.
            "public_employer": (organization.public_employer
                                 if organization.public_employer is not None
                                 else bool(localizer.rules.system)),
        },
    }
    rules = localizer.rules
    note = note_for(request.kind, localizer, word=organization.institution_word())
    context["jurisdiction"] = {
        "state": rules.state, "state_name": rules.state_name, "system": rules.system,
        "home": rules.is_home(), "note": note,
    }
    if request.kind in KIT_KINDS:
        plan = request.position_file.content.interview if request.position_file else None
        context.update(compose_kit(profile, request.kind, specialization, level, position,
                                   level_given, role, rules, plan))
    # A position file describes the position, and each document shows what it needs of it:
    # only fields given besides the file are said to be unused.
    from_file = request.position_file.fields if request.position_file is not None else None
    warnings = (_warnings(request.kind, context)
                + _unused_fields(request.kind, position, from_file)
                + _jurisdiction_problems(context, organization, note)
                + _title_of_another_level(profile, specialization, level, position.title))
    if request.position_file is not None:
        warnings = list(request.position_file.notes) + warnings
    return Composed(context, tuple(warnings), specialization)


# The warnings that stand for what was once a note inside the documents: the sections made
# general for an employer under other rules, and the system it may be in.
MADE_GENERAL, SYSTEM_UNDECLARED = "jurisdiction-general", "jurisdiction-system"


def _jurisdiction_problems(context: dict[str, Any], organization: Organization,
                           note: dict[str, Any]) -> list[Problem]:
    """What was made general for this employer, as warnings and never in the document (HR
    publishes documents as they come out): which sections, what to add, and the system the
    employer may declare; built-in benefits text that does not hold for it is a gap a posting
    must fill."""
    if not note["sections"]:
        return []
    found = []
    if context["kind"] == "posting" and organization.benefits and \
            not context["organization"]["benefits"] and "benefits" not in organization.omit:
        only_in = getattr(organization.benefits, "only_in", "another state")
        found.append(Problem("benefits", WARNING,
                             f"the built-in benefits text holds only in the {only_in} and is "
                             f"left out for an employer in {note['place']}: give your own as "
                             "benefits in the organization file", Location(field="benefits")))
    supply = (f"; add your own: {'; '.join(note['supply'])}" if note["supply"]
              else "; read those sections before the document is used")
    found.append(Problem(MADE_GENERAL, WARNING,
                         f"written for an employer in {note['place']}: text that holds only "
                         f"under {note['home'] or 'another state or system'} was left out or "
                         f"put in general terms in {'; '.join(note['sections'])}{supply}",
                         Location(field="location")))
    # An organization that says it is in no system (system: none) has said what this asks.
    if note["declare"] and organization.system is None:
        # The command line's words; the web page says its own (its University system field),
        # knowing the system from the quote.
        system = note["declare"]
        found.append(Problem(SYSTEM_UNDECLARED, WARNING,
                             f"if the employer is a {system} institution, say so with --system "
                             f"'{system}' (or the line \"system: {system}\" in its organization "
                             f"file) and its {system} policy and benefits text is used",
                             Location(field="system"), quote=system))
    return found


def _title_of_another_level(profile: Profile, specialization: Specialization, level: Any,
                            title: str | None) -> list[Problem]:
    """A note when the title given is the one the band gives another level of this
    specialization: a title never chooses the level, so the document keeps both as given."""
    if not title:
        return []
    wanted = normalise_choice(title)
    for other in profile.levels:
        role = specialization.roles.get(other.id)
        if other.id != level.id and role and normalise_choice(role.title) == wanted:
            return [Problem("title-level", INFO,
                            f"'{title}' is the title the band gives the {other.name} level of "
                            f"{specialization.name}; this document is written at the "
                            f"{level.name} level under that title",
                            Location(field="title"))]
    return []


def _unused_fields(kind: str, position: Position, from_file: Position | None = None
                   ) -> list[Problem]:
    """Fields given that this kind does not show: said once each, never silently dropped."""
    defaults = Position()
    found = []
    for key, kinds in FIELD_KINDS.items():
        value = getattr(position, key)
        if from_file is not None and value == getattr(from_file, key):
            continue
        if kind not in kinds and value != getattr(defaults, key):
            showing = " and ".join(f"the {shown_in}" for shown_in in kinds)
            found.append(Problem("unused-field", WARNING, f"the {kind} does not show {key}, "
                                 f"only {showing} does; leave it out", Location(field=key)))
    return found


def _competency(competency, level_id: str) -> dict[str, Any]:
    return {"id": competency.id, "name": competency.name,
            "statements": list(competency.statements[level_id]),
            "in_plain_words": competency.in_plain_words.get(level_id)}


def _duty(duty: Duty, fill) -> dict[str, Any]:
    return {"title": duty.title, "percent": duty.percent, "essential": duty.essential,
            "description": fill(duty.description), "other": duty.other}


def _optional(value: object, fill) -> str | None:
    return fill(str(value)) if value else None


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _campus_filler(profile: Profile, organization: Organization):
    """Profile text names campus specifics ({admissions_crm}) only as settings: the organization
    file's value, else the band file's neutral default."""
    campus = dict(organization.campus)
    unknown = sorted(set(campus) - set(profile.campus_settings))
    if unknown:
        known = ", ".join(sorted(profile.campus_settings)) or "none"
        raise InputError(f"organization file: campus setting(s) {', '.join(unknown)} are not "
                         f"used by the profile; known settings: {known}")
    # The band's neutral defaults call the employer "the University" as the profile does.
    word = organization.institution_word()
    settings = {**{key: called_in(text, word) for key, text in profile.campus_settings.items()},
                **campus}

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda match: settings.get(match.group(1), match.group(0)), text)

    return fill


def _conditions(specialization: Specialization, role: LevelRole) -> dict[str, Any]:
    """The specialization's working conditions, with the level's own values in their place."""
    base = specialization.working_conditions
    merged: dict[str, Any] = {
        "schedule": base.schedule, "environment": base.environment,
        "physical_demands": base.physical_demands, "travel": base.travel,
        "on_call": base.on_call, "live_in": base.live_in}
    merged.update(role.working_conditions)
    return merged


def _minimum(profile: Profile, role: LevelRole, organization: Organization) -> Qualifications:
    """The band sets the minimum for every level; a specialization's level or the organization
    file may replace it where a campus does otherwise."""
    chosen = role.minimum_qualifications or profile.minimum_qualifications
    assert chosen is not None  # the profile loader gives every role the band's minimum
    education = organization.minimum_education or chosen.education
    experience = organization.minimum_experience or chosen.experience
    plain = chosen.in_plain_words
    if organization.minimum_education or organization.minimum_experience:
        plain = f"{education} {experience}"
    screened = bool(organization.minimum_experience) or chosen.experience_screened
    return Qualifications(education, experience, plain, screened)


def _employment_label(value: str | None) -> str | None:
    return value.replace("-", " ").capitalize().replace("Per diem", "Per diem") if value else None


def _long_date(value: dt.date | None) -> str | None:
    return f"{value:%B} {value.day}, {value.year}" if value else None


def _money(amount: Decimal, currency: str) -> str:
    whole = amount == amount.to_integral_value()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    symbol = _CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def _salary(position: Position) -> dict[str, Any] | None:
    low, high = position.salary_min, position.salary_max
    if low is None and high is None:
        return None
    per = f"per {position.salary_period}"
    if low is not None and high is not None and low != high:
        text = f"{_money(low, position.currency)} to {_money(high, position.currency)} {per}"
    elif low is not None and high is not None:
        text = f"{_money(low, position.currency)} {per}"
    elif low is not None:
        text = f"From {_money(low, position.currency)} {per}"
    else:
        text = f"Up to {_money(high, position.currency)} {per}"  # type: ignore[arg-type]
    return {"min": str(low) if low is not None else None,
            "max": str(high) if high is not None else None,
            "period": position.salary_period, "currency": position.currency, "text": text}


def _address(location: str | None, organization: Organization) -> dict[str, str | None]:
    """Structured address for JSON-LD: --set location 'City, Region[, Country]', else the org's.
    A country the typed location leaves out comes from the organization file."""
    org = organization.location
    if not location:
        locality, region, country = org.city, org.region, org.country
    else:
        parts = [part.strip() for part in location.split(",") if part.strip()]
        locality = parts[0] if parts else None
        region = parts[1] if len(parts) > 1 else None
        country = ", ".join(parts[2:]) if len(parts) > 2 else org.country
    if not country and state_code(region):
        country = "US"  # a US state or DC names its country ("Cullowhee, NC")
    return {"locality": locality, "region": region, "country": country}


def _warnings(kind: str, context: dict[str, Any]) -> list[Problem]:
    """Gaps a posting has; the code names the quality check that reports the same gap, so a
    document's problems can say each gap once."""
    if kind != "posting":
        return []
    found = []
    if context["salary"] is None:
        found.append(Problem("pay-transparency", WARNING,
                             "no salary range: give salary_min and salary_max (--set "
                             "salary_min=..., or a spec's keys) - many states require one in a "
                             "posting", Location(field="salary_min")))
    if not (context["organization"]["apply_url"] or context["organization"]["apply_instructions"]):
        found.append(Problem("how-to-apply-missing", WARNING,
                             "no way to apply: give apply.url or apply.instructions in the "
                             "organization file (--org, or a spec's org), or --apply (a "
                             "spec's apply column)",
                             Location(field="apply")))
    if not context["position"]["location"] and not context["position"]["remote"]:
        found.append(Problem("location", WARNING,
                             "no location: give location in the organization file, or the "
                             "location field (--set location='City, ST')",
                             Location(field="location")))
    if not (context["position"]["appointment_type"] or context["position"]["employment_type"]):
        # A note, not a warning: the row is left out, but applicants lose nothing they were told.
        found.append(Problem("appointment-type", INFO,
                             "no appointment type: the posting leaves that row out; give it with "
                             "--set appointment_type='Permanent, full-time' (or a spec's column)",
                             Location(field="appointment_type")))
    return found


# Every variable a template receives, by dotted path ("[]" marks list items). `jdbuilder templates
# vars` prints this, and a test proves it matches what compose() really builds, so it cannot drift.
CONTEXT_DOC: dict[str, str] = {
    "kind": "document kind: posting, description, summary, interview, screening, assessment "
            "or ladder",
    "kind_label": "the kind as a heading: Job Posting, Position Description, Profile Summary",
    "band.title": "career band title (Student Services Specialist)",
    "band.description_of_work": "the band's description of work, verbatim",
    "band.competency_category": "the kind of competencies the profile lists (Functional)",
    "level.id": "competency level id (contributing, journey, advanced)",
    "level.name": "competency level name (Contributing, Journey, Advanced)",
    "specialization.id": "specialization id (admissions, financial-aid, ...)",
    "specialization.name": "specialization name",
    "specialization.unit_name": "the unit: --set department, else the area's office name",
    "specialization.office_blurb": "one to three sentences about the office, for applicants",
    "specialization.unit_purpose": "primary purpose of the organizational unit",
    "specialization.confidentiality": "what confidential records the area handles",
    "specialization.handles_health_information": "true where the area handles health information",
    "specialization.confidentiality_laws": "the privacy laws in words, from the profile's "
                                           "privacy_laws (health_information ones where the area "
                                           "handles it)",
    "specialization.regulations[].name": "law or standard, e.g. Family Educational Rights and "
                                         "Privacy Act (FERPA)",
    "specialization.regulations[].citation": "its citation, e.g. 20 U.S.C. § 1232g",
    "specialization.regulations[].relevance": "how it governs this area's work",
    "role.title": "working title (--set title, else the level's standard title)",
    "role.standard_title": "the level's standard working title from the profile",
    "role.flsa": "FLSA status (--set flsa, else the level's)",
    "role.summary": "an applicant-facing summary of the role",
    "role.purpose": "primary purpose of the position",
    "role.duties[].title": "duty heading",
    "role.duties[].percent": "percent of time (a whole number; filter `percent` adds %)",
    "role.duties[].essential": "true for an essential function",
    "role.duties[].description": "what the duty involves",
    "role.duties[].other": "true for the 'other duties as assigned' catch-all",
    "role.duties_total": "sum of the duty percents (100)",
    "role.posting_duties[]": "five to seven duties written for applicants ('you')",
    "role.licenses[]": "licences or certifications required, if any",
    "role.reports_to": "the supervisor: --set supervisor, else the level's reports_to title",
    "role.knowledge_skills_abilities[]": "knowledge, skills and abilities",
    "role.minimum_qualifications.education": "minimum education",
    "role.minimum_qualifications.experience": "minimum experience",
    "role.minimum_qualifications.in_plain_words": "the minimum as applicants read it, or none",
    "role.preferred_qualifications[]": "preferred qualifications",
    "role.supervision_received": "supervision received",
    "role.supervision_exercised": "supervision exercised",
    "working_conditions.schedule": "work schedule (--set schedule, else the area's)",
    "working_conditions.environment": "work environment",
    "working_conditions.physical_demands[]": "physical demands",
    "working_conditions.travel": "travel, or none",
    "working_conditions.on_call": "on-call duty, or none",
    "working_conditions.live_in": "live-in requirement, or none",
    "traceability[]": "with a position file (`show --position`), each posting line and what "
                      "stands behind it: kind ('What you will do' or 'What you bring'), line, "
                      "duty (the PD duty, or none), competency ('Name: statement' at the "
                      "level, or none), where (the position file's field); empty otherwise",
    "competencies[].id": "competency id; all competencies of the band, in profile order",
    "competencies[].name": "competency name",
    "competencies[].statements[]": "the competency's statements at the chosen level",
    "competencies[].in_plain_words": "a plain-words paraphrase at the level (not a quotation)",
    "key_competencies[].id": "the area's most relevant competencies, most relevant first",
    "key_competencies[].name": "competency name",
    "key_competencies[].statements[]": "statements at the chosen level",
    "key_competencies[].in_plain_words": "a plain-words paraphrase at the level, or none",
    "position.department": "--set department, or none",
    "position.position_number": "--set position_number, or none",
    "position.supervisor": "--set supervisor, or none",
    "position.employment_type": "employment type as words (Full time), or none",
    "position.employment_type_id": "employment type id (full-time), or none",
    "position.appointment_type": "--set appointment_type ('Permanent, full-time'), or none",
    "position.location": "location as text (--set location, else the organization's), or none",
    "position.remote": "true for a fully remote position",
    "position.posted": "posting date, ISO (YYYY-MM-DD), or none",
    "position.closes": "closing date, ISO, or none",
    "position.posted_display": "posting date in words (December 1, 2026), or none",
    "position.closes_display": "closing date in words, or none",
    "position.committee[].name": "a committee member's name (--set committee), chair first",
    "position.committee[].role": "their role on the committee, or none",
    "position.committee[].display": "name and role as one text: 'Ana Diaz (Chair)'",
    "position.panel_member": "whose copy of the interview guide this is (--set panel_member), "
                             "or none",
    "occupation": "the O*NET-SOC occupation (JSON-LD occupationalCategory), or none",
    "occupation.code": "O*NET-SOC 2019 code, e.g. 21-1012.00",
    "occupation.title": "O*NET's title for the code, or none for a code the opening gave",
    "occupation.source": "where the code was looked up, or none",
    "occupation.why": "why the code fits the position, or none",
    "address.locality": "city, for structured data, or none",
    "address.region": "state or region, or none",
    "address.country": "country, or none",
    "salary": "none when no salary is given; else the fields below",
    "salary.min": "lowest salary as a decimal string, or none",
    "salary.max": "highest salary as a decimal string, or none",
    "salary.period": "year, month, week, day or hour",
    "salary.currency": "ISO 4217 code (USD)",
    "salary.text": "the range in words ($45,000 to $52,000 per year)",
    "organization.name": "organization name",
    "organization.name_in_text": "the name inside a sentence ('the University of ...')",
    "organization.veterans_preference": "veterans' preference statement, or none",
    "organization.background_check": "background check statement, or none",
    "organization.website": "web site, or none",
    "organization.location": "location as text, or none",
    "organization.apply_url": "where to apply, or none",
    "organization.apply_instructions": "how to apply, or none",
    "organization.apply_direct": "true if applicants apply on the posting's own page, false if "
                                 "not, none if unknown",
    "organization.eeo_statement": "equal employment opportunity statement, or none when omitted",
    "organization.benefits": "benefits summary, or none",
    "organization.pay_transparency": "pay transparency statement, or none",
    "organization.omitted[]": "statements left out because the ATS adds them (--omit): eeo, "
                              "benefits, pay-statement",
    "organization.logo": "logo URL, or none",
    "organization.public_employer": "true if the employer is a public agency (may give "
                                    "compensatory time, 29 U.S.C. § 207(o))",
    "jurisdiction.state": "the employer's state code (NC), from the location; the profile's own "
                          "when no location is given",
    "jurisdiction.state_name": "the employer's state by name, or none",
    "jurisdiction.system": "the system whose policy binds the employer (UNC System), or none",
    "jurisdiction.home": "true when the employer is under the rules the profile is written for",
    "jurisdiction.note.place": "the employer's state by name, or that it is unknown",
    "jurisdiction.note.home": "the rules the profile is written under, in words, or none",
    "jurisdiction.note.sections[]": "the sections where text true only under other rules was "
                                    "left out or made general (none: no note)",
    "jurisdiction.note.supply[]": "what the organization should supply there",
    "jurisdiction.note.declare": "the profile's system, which an employer in the profile's "
                                 "state that names none may be in (none when it does not "
                                 "apply)",
}


def _traceability(request: Request, competencies: list[dict[str, Any]],
                  fill: Callable[[str], str]) -> list[dict[str, str]]:
    """What `show --position` lists: each posting line and what stands behind it."""
    if request.kind != "summary" or request.position_file is None:
        return []
    from .traceability import trace, trace_rows

    return trace_rows(trace(request.position_file.content, competencies, fill))


def context_doc(kind: str) -> dict[str, str]:
    """The variables a template of `kind` receives: the shared ones and the kind's own."""
    return {**CONTEXT_DOC, **KIT_CONTEXT_DOC.get(kind, {})}


def context_paths(value: Any, prefix: str = "") -> set[str]:
    """The dotted paths of a context, in CONTEXT_DOC's notation."""
    if isinstance(value, dict):
        # An optional group documents itself as well as its fields.
        paths = {prefix} if prefix in ("salary", "occupation") else set()
        for key, item in value.items():
            paths |= context_paths(item, f"{prefix}.{key}" if prefix else key)
        return paths
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return set().union(*(context_paths(item, f"{prefix}[]") for item in value))
        return {f"{prefix}[]"}
    return {prefix}
