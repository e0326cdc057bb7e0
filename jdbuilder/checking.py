"""What `jdbuilder check` and the web page's check run: documents on disk read and checked, and
every document a spec would build made by the core and checked as the core checks it.

It sits above the core (it makes documents) and above the checks (pure functions over text),
so neither imports the other's way up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from .checks import SEVERITIES, CheckContext, Report, finding
from .checks.findings import ERROR, WARNING, WHOLE_DOCUMENT
from .clock import build_date
from .errors import JdbuilderError, Location, Problem
from .org import Organization
from .pipeline import MadeDocument, Pipeline, make_parsed
from .readers import PostingText, read_posting
from .spec import SPEC_SUFFIXES, load_spec

# A dozen long postings: every check of it in about a second, whatever the text is.
MAX_CHECKED_CHARACTERS = 250_000
# What is read of a Markdown or text file to find them: more than is checked, as markup (a
# link's address, a tag) reads as no text, yet a file of megabytes is not parsed to its end.
MAX_READ_CHARACTERS = 2 * MAX_CHECKED_CHARACTERS
# A paragraph this long is ten pages of one paragraph (a posting's longest is about 1,500):
# its beginning is checked, with a finding at its place, and the document's other paragraphs.
MAX_PARAGRAPH_CHARACTERS = 20_000

__all__ = ["MAX_CHECKED_CHARACTERS", "SPEC_SUFFIXES", "check_files", "check_spec", "with_accessibility"]


def check_files(paths: Iterable[Path], pipeline: Pipeline,
                organization: Organization | None = None, kind: str | None = None,
                names: Mapping[str, str] | None = None) -> list[Report]:
    """One report per document file (of `kind`; without one, of the kind its headings show, its
    figures then saying which), and one per document a spec file would build (each of its row's
    kind). A file is checked with `organization`'s statements and silences (default: the
    profile's own organization file), as `posting` checks what it makes. `names` shows a
    file by another name than its path (an upload by its own), in its report and locations."""
    from .checks import check_text, recognise_kind

    context = CheckContext.from_profile(pipeline.profile,
                                        organization or pipeline.organization())
    reports: list[Report] = []
    for path in paths:
        path = Path(path)
        shown = (names or {}).get(str(path))
        if path.suffix.lower() in SPEC_SUFFIXES:
            reports.extend(check_spec(path, pipeline, shown))
            continue
        try:
            posting = read_posting(path, MAX_READ_CHARACTERS)
        except JdbuilderError as exc:
            problem = _spec_error(exc.problem, Location(file=str(path)), "read")
            reports.append(Report(shown or str(path), (_renamed(problem, path, shown),)))
            continue
        posting, cut = _checked_part(posting)
        if kind:
            report = check_text(posting, context, kind)
        else:
            found = recognise_kind(posting)
            report = check_text(posting, context, found)
            report = Report(report.source, report.findings,
                            {"kind": found, "kind_recognised": True, **report.figures})
        if cut:
            report = Report(report.source, (*cut, *report.findings), report.figures)
        report = with_accessibility(report, path)
        if shown:
            report = Report(shown, tuple(_renamed(problem, path, shown)
                                         for problem in report.findings), report.figures)
        reports.append(report)
    return reports


def _renamed(problem: Problem, path: Path, shown: str | None) -> Problem:
    """The problem naming `path` as `shown`, when it has another name."""
    if shown is None:
        return problem
    return problem.renamed(lambda file: shown if file == str(path) else file)


def _checked_part(posting: PostingText) -> tuple[PostingText, list[Problem]]:
    """What the checks read of a document, and a finding for each part they leave out.

    The checks read every word; a file of megabytes (one pasted line, say) is checked as far as
    a long document goes, and a paragraph of pages as far as a long paragraph goes, in time
    that does not grow with the rest; each finding stands where the checks stopped."""
    size = posting.characters
    posting = posting.long_blocks_cut(MAX_PARAGRAPH_CHARACTERS)
    said: list[Problem] = []
    if size > MAX_CHECKED_CHARACTERS:
        posting = posting.first_characters(MAX_CHECKED_CHARACTERS)
        said.append(finding("length", WARNING, f"{size:,} characters, far longer than any "
                            f"posting (about 20,000); only the first {size - posting.left_out:,}"
                            " were checked: shorten it or split it into documents",
                            posting.blocks[-1].where if posting.blocks else WHOLE_DOCUMENT))
    said += [finding("length", WARNING, f"a paragraph of over {MAX_PARAGRAPH_CHARACTERS:,} "
                     "characters, far longer than any in a posting: its first "
                     f"{len(block.text):,} are checked; break it into paragraphs", block.where)
             for block in posting.blocks if block.cut]
    return posting, said


def with_accessibility(report: Report, path: Path) -> Report:
    """The report plus the accessibility findings of a .docx or .html file, worst first."""
    from .checks.accessibility import ACCESSIBILITY_SUFFIXES, accessibility_findings

    if path.suffix.lower() not in ACCESSIBILITY_SUFFIXES:
        return report
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings = sorted([*report.findings, *accessibility_findings(path)],
                      key=lambda problem: order[problem.severity])
    return Report(report.source, tuple(findings), report.figures)


def check_spec(path: Path, pipeline: Pipeline, shown_as: str | None = None) -> list[Report]:
    """Every document the spec would build, made and checked by the core as `build` makes it
    (each row with its own organization and its kind's checks); spec problems are errors.
    `shown_as` names the spec otherwise than by its path (an upload by its own name)."""
    try:
        entries, problems = load_spec(path, pipeline, shown_as=shown_as)
    except JdbuilderError as exc:
        return [Report(shown_as or str(path),
                       (_renamed(_spec_error(exc.problem), path, shown_as),))]
    reports = []
    if problems:
        reports.append(Report(shown_as or str(path),
                              tuple(_spec_error(problem) for problem in problems)))
    for entry in entries:
        try:
            made = make_parsed(entry.request, None, pipeline, entry.organization)
        except JdbuilderError as exc:
            reports.append(Report(entry.where, (_spec_error(exc.problem, entry.location),)))
            continue
        source = f"{entry.where} ({made.title}, {made.kind})"
        report = made.report or Report(source, ())
        report = Report(source, report.findings, report.figures)
        if entry.format == "jsonld":
            report = _with_jsonld_problem(report, made, entry.location)
        reports.append(report)
    return reports


def _spec_error(problem: Problem, row: Location | None = None, code: str = "spec") -> Problem:
    """A problem of the spec (or of what a row of it makes) as an error of `check`, at the row
    when the problem itself names no file."""
    if row is not None and problem.location.file is None:
        problem = problem.at(file=row.file, line=row.line, row=row.row)
    return replace(problem, code=code, severity=ERROR)


def _with_jsonld_problem(report: Report, made: MadeDocument, row: Location) -> Report:
    """A JSON-LD document Google would reject is an error, as building it would be."""
    from .writers.jsonld import job_posting

    try:
        job_posting(made.model, made.context, build_date())
    except JdbuilderError as exc:
        refused = _spec_error(exc.problem, row, "structured-data")
        return Report(report.source, (refused, *report.findings), report.figures)
    return report
