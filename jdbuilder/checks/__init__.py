"""Posting quality checks: pure functions over a posting's text, each finding pointing at a place;
for .docx and .html files also the accessibility findings (jdbuilder.checks.accessibility).

Every threshold below is a named constant with its source, and docs/checks.md ("Checking a
posting") repeats them. The checks read a `PostingText` (jdbuilder.readers), so a posting written
elsewhere is checked exactly like one jdbuilder built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..clock import build_date
from ..kinds import DESCRIPTION_CHECKS, KINDS, POSTING_CHECKS
from ..readers import TEXT_CACHE_SIZE, PostingText, Sentence, from_model, normalise_sentence
from .boilerplate import is_standard_statement
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
    WHOLE_DOCUMENT,
    CheckContext,
    Report,
    finding,
    finding_json,
)
from .flsa import exempt_salary_findings
from .jurisdiction import other_state_findings
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
    from ..markup import DocumentModel

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
    "WARNING",
    "CheckContext",
    "Report",
    "accessibility_findings",
    "check_document",
    "check_text",
    "completeness_findings",
    "duty_findings",
    "finding",
    "finding_json",
    "gendered_counts",
    "gendered_findings",
    "has_errors",
    "jargon_findings",
    "length_findings",
    "pay_findings",
    "physical_demand_findings",
    "readability_findings",
    "readability_scores",
    "recognise_kind",
    "repeated_sentences",
    "repetition_findings",
    "reports_json",
    "reports_text",
    "stem_matches",
]


# ---------------------------------------------------------------------------------------------
# all together


def check_text(posting: PostingText, context: CheckContext | None = None, kind: str = "posting"
               ) -> Report:
    """The checks the table of kinds gives `kind` on one document's text: a posting every
    check; a position description the wording checks (gendered wording, readability,
    repetition) and its own (duty percentages, physical demands tied to duties); a form or
    guide none. The organization's own statements (EEO, pay transparency, benefits), and the
    standard statements of a posting written anywhere (jdbuilder.checks.boilerplate), are not
    scored for wording or readability."""
    checks = KINDS[kind].checks
    if not checks:
        return Report(posting.source, ())
    context = context or CheckContext()
    statements = context.statement_sentences

    # The organization's own statements, and standard ones (EEO, benefits, pay transparency)
    # in a posting written anywhere, are set text: they do not count for or against its wording.
    skipped = {id(sentence) for sentence in posting.sentences()
               if (statements and _normal(sentence.text) in statements)
               or is_standard_statement(sentence)}

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
    # Another state's law is wrong in any document, posting or description alike.
    findings += other_state_findings(posting, context)
    if DESCRIPTION_CHECKS in checks or POSTING_CHECKS in checks:
        # An exempt classification below the salary level is wrong in either document.
        findings += exempt_salary_findings(posting)
    if DESCRIPTION_CHECKS in checks:
        findings += duty_findings(posting)
        findings += physical_demand_findings(posting)
    if POSTING_CHECKS in checks:
        today = context.today or build_date()
        length, more = length_findings(posting)
        figures.update(length)
        findings += more
        findings += pay_findings(posting, context, today)
        findings += closing_date_findings(posting, today)
        findings += completeness_findings(posting, context.omitted)
        findings += jargon_findings(posting, context, skip)
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings = context.silence(findings)
    findings.sort(key=lambda problem: (bool(problem.silenced), order[problem.severity]))
    return Report(posting.source, tuple(findings), figures)


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # the same sentences, posting after posting
def _normal(text: str) -> str:
    return normalise_sentence(text)


def check_document(model: DocumentModel, context: CheckContext | None = None,
                   kind: str = "posting") -> Report:
    """The checks on a document jdbuilder made (what the core calls for every kind the table of
    kinds has checked)."""
    return check_text(from_model(model, model.title or "document"), context, kind)


# ---------------------------------------------------------------------------------------------
# reports




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
        for problem in report.shown(severity):
            label = "silenced" if problem.silenced else problem.severity
            lines.append(f"  {label:<8} {problem.code}: {problem.message}")
            lines.append(f"           at {problem.location.text() or WHOLE_DOCUMENT}")
            if problem.quote:
                lines.append(f'           "{_quoted(problem.quote)}"')
            if problem.silenced:
                lines.append(f"           silenced: {problem.silenced}")
            if problem.source:
                lines.append(f"           source: {problem.source}")
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
