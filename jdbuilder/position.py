"""The per-opening fields a user may set (`--set KEY=VALUE`, spec columns), each validated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import ERROR, InputError, Location, Problem, did_you_mean
from .values import (
    FLSA_VALUES,
    OCCUPATION_CODE,
    parse_choice,
    parse_currency,
    parse_date,
    parse_flsa,
    parse_money,
    parse_yes_no,
)
from .xmlchars import find_illegal_character

SALARY_PERIODS = ("year", "month", "week", "day", "hour")
EMPLOYMENT_TYPES = ("full-time", "part-time", "temporary", "contractor", "intern", "per-diem")


MAX_COMMITTEE = 20
MAX_MEMBER_TEXT = 120


@dataclass(frozen=True)
class CommitteeMember:
    """One member of the search committee or interview panel, as the user wrote them."""

    name: str
    role: str | None = None

    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class Position:
    """Facts about one opening. None means 'not given'; nothing here is ever invented."""

    title: str | None = None
    department: str | None = None
    position_number: str | None = None
    supervisor: str | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_period: str = "year"
    currency: str = "USD"
    employment_type: str | None = None
    appointment_type: str | None = None
    location: str | None = None
    remote: bool = False
    posted: dt.date | None = None
    closes: dt.date | None = None
    schedule: str | None = None
    flsa: str | None = None
    # Competency id -> weight on the assessment worksheet; empty means equal weights.
    weights: tuple[tuple[str, Decimal], ...] = ()
    # The search committee / interview panel, chair first; empty means the kit leaves blanks.
    committee: tuple[CommitteeMember, ...] = ()
    panel_member: str | None = None  # whose copy of the interview guide this is
    occupation: str | None = None  # an O*NET-SOC code replacing the specialization's


FIELD_HELP: dict[str, str] = {
    "title": "working title shown on the document (default: the level's working title)",
    "department": "department or office name",
    "position_number": "position number (kept as text, leading zeros stay)",
    "supervisor": "supervisor's name or title",
    "salary_min": "lowest salary of the hiring range (a number)",
    "salary_max": "highest salary of the hiring range (a number)",
    "salary_period": f"what the salary is per: {', '.join(SALARY_PERIODS)} (default year)",
    "currency": "ISO 4217 currency code (default USD)",
    "employment_type": f"one of: {', '.join(EMPLOYMENT_TYPES)}",
    "appointment_type": "appointment type in words, e.g. 'Permanent, full-time'",
    "location": "where the work is, 'City, Region[, Country]' (default: the organization's)",
    "remote": "yes if the position is fully remote (default no)",
    "posted": "date posted, YYYY-MM-DD or MM/DD/YYYY",
    "closes": "closing date, YYYY-MM-DD or MM/DD/YYYY",
    "schedule": "work schedule (default: the specialization's)",
    "flsa": f"FLSA status: {' or '.join(FLSA_VALUES)} (default: the level's)",
    "weights": "assessment worksheet weights, 'decision-making=2, client-customer-service=1.5' "
               "(competencies left out weigh 1; default: all equal)",
    "committee": "search committee, chair first: 'Name (Role); Name (Role)' "
                 "(the role is optional; the kit prints the names)",
    "panel_member": "the panel member whose copy of the interview guide this is (printed "
                    "on it; `jdbuilder kit --per-member` makes one per committee member)",
    "occupation": "O*NET-SOC occupation code for job boards, e.g. 13-1121.00 (default: the "
                  "specialization's; `jdbuilder show` prints it and why it fits)",
}
SETTABLE_KEYS = tuple(FIELD_HELP)
# What a form calls each field (the web page's labels); a test keeps it in step with FIELD_HELP.
FIELD_LABELS: dict[str, str] = {
    "title": "Working title", "department": "Department", "position_number": "Position number",
    "supervisor": "Supervisor", "salary_min": "Salary from", "salary_max": "Salary to",
    "salary_period": "Salary per", "currency": "Currency", "employment_type": "Employment type",
    "appointment_type": "Appointment type", "location": "Location", "remote": "Fully remote",
    "posted": "Posting date", "closes": "Closing date", "schedule": "Work schedule",
    "flsa": "FLSA status", "weights": "Assessment weights", "committee": "Search committee",
    "panel_member": "Panel member (their copy)", "occupation": "Occupation code (O*NET-SOC)",
}
# Fields only some kinds show (by the built-in templates); given for another kind, they are
# reported rather than silently dropped. Fields not listed are shown by most kinds.
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("salary_min", "salary_max", "salary_period", "currency", "posted",
                     "remote", "location"), ("posting",)),
    "closes": ("posting", "screening"),
    "weights": ("assessment",),
    "committee": ("interview", "screening", "panel"),
    "panel_member": ("interview",),
    "occupation": ("posting",),
}


def _text(value: str) -> str:
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("is empty; leave the key out instead")
    return text


MAX_WEIGHT = Decimal(100)


def _weights(value: str) -> tuple[tuple[str, Decimal], ...]:
    """'id=2, other-id=1.5' -> ((id, 2), (other-id, 1.5)); which ids exist is checked against
    the profile when the document is composed."""
    pairs: list[tuple[str, Decimal]] = []
    for part in re.split(r"[,;]", value):
        if not part.strip():
            continue
        competency, sep, number = part.partition("=")
        competency = competency.strip().lower()
        if not sep or not competency:
            raise ValueError(f"'{part.strip()}' is not COMPETENCY=WEIGHT, e.g. decision-making=2")
        try:
            weight = Decimal(number.strip())
        except InvalidOperation:
            raise ValueError(f"weight '{number.strip()}' for {competency} is not a number") from None
        if not weight.is_finite() or not 0 <= weight <= MAX_WEIGHT:
            raise ValueError(f"weight {number.strip()} for {competency} must be from 0 to "
                             f"{MAX_WEIGHT}")
        if competency in dict(pairs):
            raise ValueError(f"{competency} is given two weights; keep one")
        pairs.append((competency, weight))
    if not pairs:
        raise ValueError("names no competency; write e.g. decision-making=2")
    return tuple(pairs)


_MEMBER = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?$")


def parse_occupation(value: str) -> str:
    code = value.strip()
    if not OCCUPATION_CODE.match(code):
        raise ValueError(f"'{code}' is not an O*NET-SOC code; write it as 21-1012.00")
    return code


def parse_committee(value: str) -> tuple[CommitteeMember, ...]:
    """'Ana Diaz (Chair); Lee Park (HR)' -> members in that order. Semicolons or new lines
    separate members (a comma may be part of a name: 'Park, Lee')."""
    members: list[CommitteeMember] = []
    for part in re.split(r"[;\n]", value):
        text = " ".join(part.split())
        if not text:
            continue
        match = _MEMBER.match(text)
        if not match:
            raise ValueError(f"'{text}' is not 'Name' or 'Name (Role)'; separate members with ';'")
        name, role = match.group("name").strip(), (match.group("role") or "").strip() or None
        if len(name) > MAX_MEMBER_TEXT or (role and len(role) > MAX_MEMBER_TEXT):
            raise ValueError(f"'{text[:40]}...' is longer than {MAX_MEMBER_TEXT} characters; "
                             "shorten the name or role")
        if any(member.name.casefold() == name.casefold() for member in members):
            raise ValueError(f"names {name} twice; keep one")
        members.append(CommitteeMember(name, role))
    if not members:
        raise ValueError("names nobody; write e.g. 'Ana Diaz (Chair); Lee Park (HR)'")
    if len(members) > MAX_COMMITTEE:
        raise ValueError(f"names {len(members)} members; at most {MAX_COMMITTEE}")
    return tuple(members)


_PARSERS: dict[str, Callable[[str], object]] = {
    "committee": parse_committee,
    "occupation": parse_occupation,
    "weights": _weights,
    "salary_min": parse_money,
    "salary_max": parse_money,
    "salary_period": parse_choice(SALARY_PERIODS),
    "currency": parse_currency,
    "employment_type": parse_choice(EMPLOYMENT_TYPES),
    "remote": parse_yes_no,
    "posted": parse_date,
    "closes": parse_date,
    "flsa": parse_flsa,
}


_ORGANIZATION_WORDS = {"organization", "organisation", "org", "org_name", "organization_name",
                       "employer", "university", "apply", "apply_url", "apply_link", "website"}


def _field_location(key: str) -> Location:
    return Location(field=key)


def parse_position(raw: Mapping[str, object],
                   where: Callable[[str], Location] = _field_location,
                   empty_means_unset: bool = True) -> Position:
    """Validate user-given fields. `where(key)` is where a field was given. In a spec
    an empty cell means "not given"; a typed `--set key=` with nothing after it is refused
    (`empty_means_unset=False`) rather than quietly ignored."""
    def _invalid(key: str, message: str) -> InputError:
        return InputError(Problem("input", ERROR, message, where(key)))

    values: dict[str, object] = {}
    for key, value in raw.items():
        if key not in FIELD_HELP:
            if key.lower().replace("-", "_") in _ORGANIZATION_WORDS:
                # The organization is not a field of the opening: say where it goes instead of
                # suggesting the closest field.
                raise _invalid(key, f"unknown field '{key}'; the organization's name and how "
                                    "to apply are --org-name and --apply (or an --org file, "
                                    "which `jdbuilder init` writes)")
            hint = did_you_mean(key, SETTABLE_KEYS) or f"; settable: {', '.join(SETTABLE_KEYS)}"
            raise _invalid(key, f"unknown field '{key}'{hint}")
        if value is None or (isinstance(value, str) and not value.strip()):
            if empty_means_unset:
                continue
            raise _invalid(key, f"is empty; give a value or leave {key} out")
        bad = find_illegal_character(str(value))
        if bad:
            raise _invalid(key, f"contains the control character {bad}, which Word cannot "
                                "store; remove it")
        try:
            values[key] = _PARSERS.get(key, _text)(str(value))
        except ValueError as exc:
            raise _invalid(key, str(exc)) from None
    position = Position(**values)  # type: ignore[arg-type]
    if position.salary_min and position.salary_max and position.salary_min > position.salary_max:
        raise _invalid("salary_min", f"salary_min {position.salary_min} is above salary_max "
                                     f"{position.salary_max}; swap them")
    if position.posted and position.closes and position.closes < position.posted:
        raise _invalid("closes", f"closes {position.closes} is before posted "
                                 f"{position.posted}")
    return position


def parse_assignments(pairs: tuple[str, ...]) -> dict[str, str]:
    """`KEY=VALUE` strings from --set into a dict. A key given twice is an error: silently
    keeping one of the two values would lose what the user typed."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError("write it as KEY=VALUE, e.g. --set salary_min=45000", option="--set",
                             value=repr(pair))
        if key in result:
            raise InputError(f"given twice ('{result[key]}' and '{value}'); keep one",
                             option=f"--set {key}")
        result[key] = value
    return result

