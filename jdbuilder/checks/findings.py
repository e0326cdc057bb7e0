"""What every check produces: findings with a severity, gathered into one report per document,
and the context (the band's names) the checks are given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..profile import Profile

from ..errors import ERROR, INFO, SEVERITIES, WARNING, Location, Problem

__all__ = ["ERROR", "INFO", "SEVERITIES", "WARNING", "CheckContext", "Finding", "Report"]


@dataclass(frozen=True)
class Finding:
    check: str  # gendered-wording | readability | length | pay-transparency | completeness |
    #             jargon | repetition | spec
    severity: str  # error | warning | info
    message: str
    where: str = "whole document"
    text: str = ""  # the sentence or field the finding points at
    source: str = ""  # where the threshold or word list comes from

    def problem(self, file: str | None = None) -> Problem:
        """The finding as the one Problem every edge renders: code = the check's name."""
        place = None if self.where == "whole document" else self.where
        return Problem(self.check, self.severity, self.message, Location(file=file, place=place),
                       self.text or None, self.source or None)

    def to_json(self) -> dict[str, str]:
        data = {"check": self.check, "severity": self.severity, "message": self.message,
                "where": self.where}
        if self.text:
            data["text"] = self.text
        if self.source:
            data["source"] = self.source
        return data


@dataclass(frozen=True)
class Report:
    """The findings for one document, plus the figures behind them (for --json)."""

    source: str
    findings: tuple[Finding, ...]
    figures: dict[str, Any] = field(default_factory=dict, compare=False)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source,
                "summary": {severity: self.count(severity) for severity in SEVERITIES},
                "figures": self.figures,
                "findings": [finding.to_json() for finding in self.findings]}


@dataclass(frozen=True)
class CheckContext:
    """What the checks know about the band: its competency names and level names."""

    competency_names: tuple[str, ...] = ()
    level_names: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Profile | None) -> CheckContext:
        if profile is None:
            return cls()
        return cls(tuple(c.name for c in profile.competencies),
                   tuple(level.name for level in profile.levels))
