"""What every check produces: findings with a severity, gathered into one report per document,
and the context (the band's names) the checks are given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..profile import Profile

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Finding:
    check: str  # gendered-wording | readability | length | pay-transparency | completeness |
    #             jargon | repetition | spec
    severity: str  # error | warning | info
    message: str
    where: str = "whole document"
    text: str = ""  # the sentence or field the finding points at
    source: str = ""  # where the threshold or word list comes from

    def line(self) -> str:
        return f"{self.check}: {self.message} ({self.where})"

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
