"""Problems in the page's own words: each finding names the form field that fixes it, by the
label the page shows, and never a command-line option.

The core's Problem says where a gap is as an input key (`location`, `apply`, an organization
file's `apply.url`); the command line words that as `--set location` or "the --org file", the
page as its field ("Location", "Apply at"). A few findings' messages advise the command line's
way of giving a value; for those (by code) the page says its own sentence instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..org import ORGANIZATION_FIELDS, ORGANIZATION_LABELS
from ..position import FIELD_LABELS
from ..writers.jsonld import JSONLD_COUNTRY

FORM_LABELS = {**FIELD_LABELS, **ORGANIZATION_LABELS}
# An organization file's key (as a Problem's location names it) -> the page's field.
_ORGANIZATION_KEYS = {path: key for key, (path, _) in ORGANIZATION_FIELDS.items()}
# The input warning about a way to apply names neither of the two organization keys.
_ALIASES = {"apply": "org_apply_url"}

# Findings whose core message advises the command line's way (--set, the --org file), by the
# field that fixes them: the page's sentence instead.
PAGE_WORDS = {
    "org_apply_url": "Missing how to apply: give the link applicants use (Apply at) or the "
                     "steps (How to apply) under Your organization.",
    "org_eeo_statement": "Missing an equal employment opportunity statement: give it under Your "
                         "organization (EEO statement).",
    "location": "No location: give where the work is, as 'City, ST' (Location), or your "
                "organization's City and State or region.",
    "appointment_type": "No appointment type: the posting leaves that row out; give one, e.g. "
                        "'Permanent, full-time' (Appointment type).",
}
# The codes of those findings: the input warnings and the completeness check.
# (The input warning about pay is always superseded by the pay check's finding on the page.)
COMMAND_LINE_WORDED = ("how-to-apply-missing", "completeness", "location", "appointment-type")


# Command-line options as the page says them, where a problem's location names one.
PAGE_OPTIONS = {
    "--sheet": "the Sheet field",
    "--format": "the Format field",
    "--kind": "the Kind field",
    "--specialization": "the Position field",
    "--level": "the Level field",
    "--org": "Your organization",
    "--org-name": "Your organization's name",
    "--apply": "Your organization's Apply at",
    "--omit": "Your organization's statements left out",
    "--system": "Your organization's University system",
}
# Errors whose core message advises the command line's way (--org file, --set), by code: the
# page's sentence instead.
PAGE_ERRORS = {
    JSONLD_COUNTRY: "JSON-LD for Google for Jobs needs the country the job is in: give Country "
                    "under Your organization, or write Location as 'City, Region, Country'.",
}


def page_line(problem: Problem) -> str:
    """An error's one line as the page says it: its location with the page's names for
    command-line options, then its message (or the page's own sentence for it)."""
    where = problem.location.text(PAGE_OPTIONS)
    said = PAGE_ERRORS.get(problem.code, problem.message)
    return " ".join((f"{where}: {said}" if where else said).split())


@dataclass(frozen=True)
class PageFinding:
    severity: str
    code: str
    message: str
    field: str | None = None  # the form field's name (its element is `f-<name>`)
    label: str | None = None  # what the page calls that field
    quote: str | None = None
    place: str | None = None  # where in the document, when not the whole of it

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in vars(self).items() if value is not None}


def form_field(key: str | None) -> str | None:
    """The page's field for an input key (an opening field, an organization field or an
    organization file's key), or None when the page has no such field."""
    if not key:
        return None
    if key in FORM_LABELS:
        return key
    return _ORGANIZATION_KEYS.get(key) or _ALIASES.get(key)


def page_finding(problem: Problem) -> PageFinding:
    field = form_field(problem.location.field)
    message = PAGE_WORDS.get(field or "") if problem.code in COMMAND_LINE_WORDED else None
    if problem.code == "unused-field" and field:
        # The core names the key; the page names the field, and hides what a kind leaves out.
        message = f"{FORM_LABELS[field]} is not part of this document; leave it empty."
    if problem.code == "jurisdiction-system" and problem.quote:
        # The core advises --system; the page has its field, and the quote names the system.
        system = problem.quote
        return PageFinding(problem.severity, problem.code,
                           f"If the employer is a {system} institution, give {system} as "
                           f"University system under Your organization; its {system} policy "
                           "and benefits text is then used.", field,
                           FORM_LABELS.get(field) if field else None, None,
                           problem.location.place)
    if message is None:
        message = " ".join(problem.message.split())
        message = message[:1].upper() + message[1:]
    return PageFinding(problem.severity, problem.code, message, field,
                       FORM_LABELS.get(field) if field else None, problem.quote,
                       problem.location.place)


def page_findings(problems: Iterable[Problem]) -> list[PageFinding]:
    """One per gap: a field named by two problems (an input warning and the check reporting
    the same gap) is said once, by the first (the more severe: problems come sorted)."""
    seen: set[tuple[str | None, str]] = set()
    found = []
    for problem in problems:
        finding = page_finding(problem)
        key = (finding.field, finding.message)
        if key in seen:
            continue
        seen.add(key)
        found.append(finding)
    return found
