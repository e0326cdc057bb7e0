"""What every check produces: findings with a severity, gathered into one report per document,
and the context the checks are given (the band's names, the field's words, the organization's
statements, the posting's location, the date, and the findings the user silenced)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from ..org import Organization
    from ..profile import Profile

from ..errors import ERROR, INFO, SEVERITIES, WARNING, Location, Problem

__all__ = ["ERROR", "INFO", "SEVERITIES", "WARNING", "CheckContext", "Report", "finding", "finding_json"]

MARK_OPEN, MARK_CLOSE = "«", "»"  # around the word a finding is about, in its quoted sentence



WHOLE_DOCUMENT = "whole document"  # where a finding about no one place is shown


def finding(check: str, severity: str, message: str, where: str = WHOLE_DOCUMENT,
            text: str = "", source: str = "", code: str = "") -> Problem:
    """A quality finding, as the one Problem every edge renders: its code is the check's name
    (gendered-wording, readability, pay-transparency, ...), `code` here its own finer code
    (pay-range-missing), `where` the place in the document, `text` the sentence it is about
    with the word marked «so», `source` where the threshold, word list or law comes from."""
    place = None if where == WHOLE_DOCUMENT else where
    return Problem(check, severity, message, Location(place=place), text or None,
                   source or None, code or None)


def finding_json(problem: Problem) -> dict[str, str]:
    """A finding as `check --json` prints it."""
    data = {"check": problem.code, "code": problem.name, "severity": problem.severity,
            "message": problem.message, "where": problem.location.text() or WHOLE_DOCUMENT}
    if problem.quote:
        data["text"] = problem.quote
    if problem.source:
        data["source"] = problem.source
    if problem.silenced:
        data["silenced"] = problem.silenced
    return data


def marked(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """`text` with each (start, end) span put between « and »."""
    out, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue  # overlapping spans: the first one is marked
        out += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        last = end
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True)
class Report:
    """The findings for one document, plus the figures behind them (for --json)."""

    source: str
    findings: tuple[Problem, ...]
    figures: dict[str, Any] = field(default_factory=dict, compare=False)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings
                   if finding.severity == severity and not finding.silenced)

    def shown(self, severity: str = INFO) -> tuple[Problem, ...]:
        """The findings of `severity` or worse (silenced ones only when all are shown)."""
        worst = SEVERITIES[:SEVERITIES.index(severity) + 1]
        if worst == SEVERITIES:
            return self.findings
        return tuple(f for f in self.findings if f.severity in worst and not f.silenced)

    def to_json(self, severity: str = INFO) -> dict[str, Any]:
        return {"source": self.source,
                "summary": {severity: self.count(severity) for severity in SEVERITIES},
                "figures": self.figures,
                "findings": [finding_json(problem) for problem in self.shown(severity)]}


@dataclass(frozen=True)
class CheckContext:
    """What the checks know beyond the text itself."""

    competency_names: tuple[str, ...] = ()
    level_names: tuple[str, ...] = ()
    band_titles: tuple[str, ...] = ()  # the classification's own titles: internal jargon
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    statements: tuple[str, ...] = ()  # the organization's EEO, pay-transparency, benefits text
    silenced: tuple[tuple[str, str], ...] = ()  # (finding name, reason)
    location: str = ""  # where the job is, as the posting or organization says ("Denver, CO")
    today: dt.date | None = None  # for closing dates; None: the build date
    # Statements left out on purpose (the organization's `omit`, --omit): the applicant tracking
    # system adds them, so they are not reported missing.
    omitted: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Profile | None, organization: Organization | None = None,
                     location: str = "") -> CheckContext:
        """The band's names and every specialization's vocabulary (a term of one field's trade
        is not gendered wording in another's posting either, and a file checked on its own has
        no specialization), then the organization's statements, silences and location."""
        context = cls()
        if profile is not None:
            vocabulary = Vocabulary()
            for specialization in profile.specializations:
                vocabulary = vocabulary + specialization.vocabulary
            context = cls(tuple(c.name for c in profile.competencies),
                          tuple(level.name for level in profile.levels), (profile.title,),
                          vocabulary)
        if organization is not None:
            context = context.with_organization(organization)
        return replace(context, location=location) if location else context

    def with_organization(self, organization: Organization) -> CheckContext:
        statements = tuple(text for text in (organization.eeo_statement, organization.benefits,
                                             organization.pay_transparency) if text)
        location = self.location or organization.location.display()
        return replace(self, statements=statements, silenced=tuple(organization.silenced),
                       location=location, omitted=tuple(organization.omit))

    @cached_property
    def statement_sentences(self) -> frozenset[str]:
        from ..readers import normalise_sentence, split_sentences

        return frozenset(normalise_sentence(sentence) for text in self.statements
                         for sentence in split_sentences(text))

    def silence(self, findings: list[Problem]) -> list[Problem]:
        """Findings the organization silenced are kept, marked with the reason it gave."""
        if not self.silenced:
            return findings
        reasons = dict(self.silenced)
        return [replace(f, silenced=reasons.get(f.name) or reasons.get(f.code))
                if f.name in reasons or f.code in reasons else f
                for f in findings]
