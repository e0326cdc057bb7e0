"""Posting quality checks: pure functions over a posting's text, each finding pointing at a place;
for .docx and .html files also the accessibility findings (jdbuilder.checks.accessibility).

Every threshold below is a named constant with its source, and docs/checks.md ("Checking a
posting") repeats them. The checks read a `PostingText` (jdbuilder.readers), so a posting written
elsewhere is checked exactly like one jdbuilder built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compose import build_date
from ..errors import JdbuilderError, Problem
from ..readers import PostingText, Sentence, from_model, normalise_sentence, read_posting
from .content import (
    completeness_findings,
    jargon_findings,
    repeated_sentences,
    repetition_findings,
)
from .description import duty_findings, physical_demand_findings
from .findings import (
    ERROR,
    INFO,
    MARK_OPEN,
    SEVERITIES,
    WARNING,
    CheckContext,
    Finding,
    Report,
)
from .pay import closing_date_findings, pay_findings
from .readability import (
    LENGTH_MAX_WORDS,
    LENGTH_MIN_WORDS,
    length_findings,
    readability_findings,
    readability_scores,
)
from .recognise import KIND_NAMES, recognise_kind
from .wording import gendered_counts, gendered_findings, stem_matches

if TYPE_CHECKING:
    from ..compose import Request
    from ..markup import DocumentModel
    from ..org import Organization
    from ..pipeline import Pipeline
    from ..profile import Profile

# Re-exported: the CLI, the build and the tests import these from jdbuilder.checks. The
# accessibility checks (files only) load when first used: a posting being built skips them.
_LAZY = {"ACCESSIBILITY_SUFFIXES": "accessibility", "accessibility_findings": "accessibility"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACCESSIBILITY_SUFFIXES",
    "ERROR",
    "INFO",
    "LENGTH_MAX_WORDS",
    "LENGTH_MIN_WORDS",
    "SEVERITIES",
    "SPEC_SUFFIXES",
    "WARNING",
    "CheckContext",
    "Finding",
    "Report",
    "accessibility_findings",
    "check_files",
    "check_model",
    "check_spec",
    "check_text",
    "completeness_findings",
    "duty_findings",
    "gendered_counts",
    "gendered_findings",
    "has_errors",
    "jargon_findings",
    "length_findings",
    "pay_findings",
    "physical_demand_findings",
    "posting_context",
    "readability_findings",
    "readability_scores",
    "recognise_kind",
    "repeated_sentences",
    "repetition_findings",
    "reports_json",
    "reports_text",
    "stem_matches",
    "with_accessibility",
]


# ---------------------------------------------------------------------------------------------
# all together


def check_text(posting: PostingText, context: CheckContext | None = None, kind: str = "posting"
               ) -> Report:
    """Every check on one posting. A position description (an internal document) gets the
    wording checks (gendered wording, readability and repetition) and its own: duty percentages
    and physical demands tied to duties; a kit document only the wording checks. The
    organization's own statements (EEO, pay transparency, benefits) are not scored for wording
    or readability."""
    context = context or CheckContext()
    statements = context.statement_sentences

    skipped = {id(sentence) for sentence in posting.sentences()
                if statements and _normal(sentence.text) in statements}

    def skip(sentence: Sentence) -> bool:
        return id(sentence) in skipped

    gendered, findings = gendered_findings(posting, context, skip)
    readability, more = readability_findings(posting, skip)
    findings += more
    figures: dict[str, Any] = {"masculine_coded": gendered.masculine,
                               "feminine_coded": gendered.feminine,
                               "balance": gendered.balance, "coding": gendered.verdict,
                               **readability}
    findings += repetition_findings(posting)
    if kind == "description":
        findings += duty_findings(posting)
        findings += physical_demand_findings(posting)
    if kind == "posting":
        today = context.today or build_date()
        length, more = length_findings(posting)
        figures.update(length)
        findings += more
        findings += pay_findings(posting, context, today)
        findings += closing_date_findings(posting, today)
        findings += completeness_findings(posting)
        findings += jargon_findings(posting, context, skip)
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings = context.silence(findings)
    findings.sort(key=lambda finding: (bool(finding.silenced), order[finding.severity]))
    return Report(posting.source, tuple(findings), figures)


@lru_cache(maxsize=1 << 15)  # the same sentences, posting after posting
def _normal(text: str) -> str:
    return normalise_sentence(text)


def posting_context(profile: Profile, request: Request, organization: Organization | None
                    ) -> CheckContext:
    """What the checks should know about a document being built from `request`: the band's
    vocabulary, the organization's statements and silences, the opening's location."""
    location = (request.position.location or "") if request.position else ""
    key = (id(profile), organization, location)
    cached = _contexts.get(key)
    if cached is None or cached[0] is not profile:
        if len(_contexts) > 256:
            _contexts.clear()
        cached = _contexts[key] = (profile, CheckContext.from_profile(profile, organization,
                                                                      location))
    return cached[1]


# A bulk build asks for the same context row after row; the profile is kept with its context,
# so an id reused by a later profile is never mistaken for it.
_contexts: dict[tuple[int, Organization | None, str], tuple[Profile, CheckContext]] = {}


def check_model(model: DocumentModel, profile: Profile | None = None, kind: str = "posting",
                context: CheckContext | None = None) -> list[Finding]:
    """The checks on a document jdbuilder built (what `posting` and `build` call)."""
    posting = from_model(model, model.title or "document")
    context = context or CheckContext.from_profile(profile)
    return list(check_text(posting, context, kind).findings)


# ---------------------------------------------------------------------------------------------
# files and specs (what `jdbuilder check` runs)

SPEC_SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".xlsx", ".xlsm")


def check_files(paths: Iterable[Path], pipeline: Pipeline,
                organization: Organization | None = None, kind: str | None = None
                ) -> list[Report]:
    """One report per document file (of `kind`; without one, of the kind its headings show, its
    figures then saying which), and one per document a spec file would build (each of its row's
    kind). A file is checked with `organization`'s statements and silences (default: the
    profile's own organization file), as `posting` checks what it makes."""
    context = CheckContext.from_profile(pipeline.profile,
                                        organization or pipeline.organization())
    reports: list[Report] = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() in SPEC_SUFFIXES:
            reports.extend(check_spec(path, pipeline, context))
            continue
        try:
            posting = read_posting(path)
        except JdbuilderError as exc:
            reports.append(Report(str(path), (Finding("read", ERROR, exc.message),)))
            continue
        if kind:
            report = check_text(posting, context, kind)
        else:
            found = recognise_kind(posting)
            report = check_text(posting, context, found)
            report = Report(report.source, report.findings,
                            {"kind": found, "kind_recognised": True, **report.figures})
        reports.append(with_accessibility(report, path))
    return reports


def with_accessibility(report: Report, path: Path) -> Report:
    """The report plus the accessibility findings of a .docx or .html file, worst first."""
    from .accessibility import ACCESSIBILITY_SUFFIXES, accessibility_findings

    if path.suffix.lower() not in ACCESSIBILITY_SUFFIXES:
        return report
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings = sorted([*report.findings, *accessibility_findings(path)],
                      key=lambda finding: order[finding.severity])
    return Report(report.source, tuple(findings), report.figures)


def check_spec(path: Path, pipeline: Pipeline, context: CheckContext | None = None
               ) -> list[Report]:
    """Every document the spec would build, checked as built; spec problems are errors."""
    from ..spec import load_spec

    context = context or CheckContext.from_profile(pipeline.profile)
    try:
        entries, problems = load_spec(path, pipeline)
    except JdbuilderError as exc:
        return [Report(str(path), (Finding("spec", ERROR, exc.message),))]
    reports = []
    if problems:
        reports.append(Report(str(path), tuple(_spec_finding(problem) for problem in problems)))
    for entry in entries:
        kind = entry.request.kind
        try:
            composed = pipeline.compose(entry.request, entry.organization)
            model = pipeline.model(composed)
        except JdbuilderError as exc:
            reports.append(Report(entry.where, (Finding("spec", ERROR, exc.message,
                                                        entry.where),)))
            continue
        report = check_text(from_model(model, f"{entry.where} ({model.title}, {kind})"),
                            posting_context(pipeline.profile, entry.request, entry.organization),
                            kind)
        if entry.format == "jsonld":
            report = _with_jsonld_problem(report, model, composed.context, entry.where)
        reports.append(report)
    return reports


def _spec_finding(problem: Problem) -> Finding:
    field = problem.location.field
    message = f"field '{field}': {problem.message}" if field else problem.message
    return Finding("spec", ERROR, message, problem.location.without_field().text())


def _with_jsonld_problem(report: Report, model: DocumentModel, context: dict[str, Any],
                         where: str) -> Report:
    """A JSON-LD document Google would reject is an error, as building it would be."""
    from ..compose import build_date
    from ..writers.jsonld import job_posting

    try:
        job_posting(model, context, build_date())
    except JdbuilderError as exc:
        finding = Finding("structured-data", ERROR, exc.message, where)
        return Report(report.source, (finding, *report.findings), report.figures)
    return report


def has_errors(reports: Iterable[Report]) -> bool:
    return any(report.count(ERROR) for report in reports)


def reports_json(reports: Sequence[Report], severity: str = INFO) -> dict[str, Any]:
    """Every document with the findings of `severity` or worse; the counts count them all."""
    return {"documents": [report.to_json(severity) for report in reports],
            "summary": {"documents": len(reports),
                        **{severity: sum(r.count(severity) for r in reports)
                           for severity in SEVERITIES}}}


def _counted(report_counts: dict[str, int]) -> str:
    names = {ERROR: "error", WARNING: "warning", INFO: "info"}
    return ", ".join(f"{count} {names[severity]}{'s' if count != 1 and severity != INFO else ''}"
                     for severity, count in report_counts.items())


QUOTE_WIDTH = 100  # characters of a quoted sentence shown in the text report


def reports_text(reports: Sequence[Report], severity: str = INFO) -> str:
    """The human report: each document, its figures, then its findings of `severity` or worse,
    worst first, silenced ones last; the counts count them all."""
    lines: list[str] = []
    for report in reports:
        lines.append(report.source)
        figures = _figures_line(report.figures)
        if figures:
            lines.append(f"  {figures}")
        for finding in report.shown(severity):
            label = "silenced" if finding.silenced else finding.severity
            lines.append(f"  {label:<8} {finding.check}: {finding.message}")
            lines.append(f"           at {finding.where}")
            if finding.text:
                lines.append(f'           "{_quoted(finding.text)}"')
            if finding.silenced:
                lines.append(f"           silenced: {finding.silenced}")
            if finding.source:
                lines.append(f"           source: {finding.source}")
        lines.append("  " + _counted({severity: report.count(severity)
                                       for severity in SEVERITIES}))
        lines.append("")
    total = {severity: sum(r.count(severity) for r in reports) for severity in SEVERITIES}
    lines.append(f"{len(reports)} document(s) checked: {_counted(total)}")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """The sentence, cut to QUOTE_WIDTH around its first marked word so the mark stays."""
    if len(text) <= QUOTE_WIDTH:
        return text
    mark = max(text.find(MARK_OPEN), 0)
    start = max(0, min(mark - QUOTE_WIDTH // 3, len(text) - QUOTE_WIDTH))
    head = "..." if start else ""
    tail = "..." if start + QUOTE_WIDTH < len(text) else ""
    return f"{head}{text[start:start + QUOTE_WIDTH]}{tail}"


def _figures_line(figures: dict[str, Any]) -> str:
    parts = []
    if figures.get("kind_recognised") and figures["kind"] != "posting":
        parts.append(f"read as {KIND_NAMES[figures['kind']]} (by its headings; --kind says "
                     "otherwise)")
    if "words" in figures:
        parts.append(f"{figures['words']:,} words, {figures['characters']:,} characters")
    if "flesch_reading_ease" in figures:
        parts.append(f"reading ease {figures['flesch_reading_ease']}, "
                     f"grade {figures['flesch_kincaid_grade']}")
    if "balance" in figures:
        parts.append(f"gender-coded words {figures['masculine_coded']} masculine / "
                     f"{figures['feminine_coded']} feminine ({figures['coding']})")
    return "; ".join(parts)
