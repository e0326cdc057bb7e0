"""The one table of document kinds: every layer (command line, spec rows, core, writers, web
page, checks) asks it what a kind is, and nothing else decides. It imports nothing, so the
command line can declare its options from it without loading the rest."""

from __future__ import annotations

from dataclasses import dataclass

# The groups of quality checks (jdbuilder.checks) a kind's text gets: a job ad the wording
# checks and its own (how to apply, pay, length, jargon); a position description the wording
# checks and its own (duty percentages, physical demands), none of a job ad's; forms and guides
# none, since the word lists and thresholds come from research on job ads and a form's
# repeated headings are not prose.
WORDING_CHECKS = "wording"  # gendered wording, readability, repetition
POSTING_CHECKS = "posting"
DESCRIPTION_CHECKS = "description"


@dataclass(frozen=True)
class Kind:
    id: str
    label: str  # the kind as a heading
    template: str  # the file in templates/ that renders it
    landscape: bool = False  # wide tables read best across the page
    needs_level: bool = True  # False: a ladder shows every level; a level only marks the position's
    checks: tuple[str, ...] = ()  # groups of quality checks; none for a form
    # --strict refuses it on its quality findings: a job ad's are what keeps it from applicants;
    # a position description's wording findings are advice on the profile's own language.
    strict: bool = False
    jsonld: bool = False  # a schema.org JobPosting (Google for Jobs) can be made of it
    # --format fields: its sections as an applicant tracking system's fields (prose kinds only)
    ats_fields: bool = False
    bulk: bool = True  # a spec row, the web page and the API may ask for it

    @property
    def checked(self) -> bool:
        return bool(self.checks)


def _kind(id: str, label: str, **options: object) -> Kind:
    return Kind(id, label, f"{id}.html.j2", **options)  # type: ignore[arg-type]


KINDS: dict[str, Kind] = {kind.id: kind for kind in (
    _kind("posting", "Job Posting", checks=(WORDING_CHECKS, POSTING_CHECKS), strict=True,
          jsonld=True, ats_fields=True),
    _kind("description", "Position Description", checks=(WORDING_CHECKS, DESCRIPTION_CHECKS),
          ats_fields=True),
    # The profile's own summary, for `templates`; no command or spec row makes it.
    _kind("summary", "Profile Summary", checks=(WORDING_CHECKS,), bulk=False),
    _kind("interview", "Structured Interview Guide"),
    _kind("screening", "Applicant Screening Matrix", landscape=True),
    _kind("assessment", "Competency Assessment Worksheet"),
    _kind("ladder", "Career Ladder", landscape=True, needs_level=False),
    # What the panel reads once, not each candidate's copy: topics never to ask, the sources.
    _kind("panel", "Interviewer Reference"),
)}
# the hiring kit, in its order
KIT_KINDS = ("interview", "screening", "assessment", "ladder", "panel")
DOCUMENT_KINDS = tuple(kind for kind, entry in KINDS.items() if entry.bulk)


def kind_entry(kind: str) -> Kind:
    """The table's entry; an unknown kind is a KeyError (callers validate input first)."""
    return KINDS[kind]


def needs_level(kind: str) -> bool:
    """Whether a document of this kind is made for one level."""
    entry = KINDS.get(kind)
    return entry.needs_level if entry else True


def kind_title(kind: str, label: str, title: str) -> str:
    """A document's own title (PDF title, window title): a posting is the job's title; every
    other kind says what it is, 'Structured interview guide: Admissions Counselor', so the six
    documents of one position do not share one title."""
    if kind == "posting":
        return title
    return f"{label[:1]}{label[1:].lower()}: {title}"
