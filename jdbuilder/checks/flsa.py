"""FLSA exemption: a document that classifies the position exempt must pay at least the federal
salary level for the white-collar exemptions. The level, its citation and source are data
(data/flsa_exemption.yaml); the salary and the classification are read from the document as it
stands (a posting's "Overtime" row, a position description's "FLSA status" field)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..readers import FIELD, PostingText, Sentence
from .amounts import SINGLE_AMOUNT, amount_value, pay_in
from .findings import ERROR, Problem, finding, marked

_STATUS_LABELS = ("overtime", "flsa status", "flsa", "flsa classification",
                  "flsa exemption status", "exemption status", "exempt status")
_EXEMPT = re.compile(r"\bexempt\b", re.IGNORECASE)
_NOT_EXEMPT = re.compile(r"\bnon[\s-]?exempt\b|\bnot exempt\b", re.IGNORECASE)
# Checked in this order: "Salary: $15 an hour" is an hourly rate, "salary" alone a yearly one.
_PERIODS = (
    ("hour", re.compile(r"\b(per|an|/|a)\s?(hour|hr)\b|\bhourly\b", re.IGNORECASE)),
    ("day", re.compile(r"\b(per|a|/)\s?day\b|\bdaily\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(per|a|/)\s?week\b|\bweekly\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(per|a|/)\s?(month|mo)\b|\bmonthly\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(per|a|/)\s?(year|yr|annum)\b|\bannual(ly)?\b|\bsalary\b",
                        re.IGNORECASE)),
)


@dataclass(frozen=True)
class SalaryLevel:
    weekly: float
    citation: str
    source: str
    hours_per_week: int
    days_per_week: int

    def weekly_pay(self, amount: float, period: str) -> float:
        per_week = {"hour": self.hours_per_week, "day": self.days_per_week, "week": 1,
                    "month": 12 / 52, "year": 1 / 52}
        return amount * per_week[period]


@lru_cache(maxsize=1)
def salary_level() -> SalaryLevel:
    import yaml

    text = resources.files("jdbuilder.data").joinpath("flsa_exemption.yaml").read_text(
        encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return SalaryLevel(float(data["weekly_salary_min"]), data["citation"],
                       " ".join(data["source"].split()), int(data["hours_per_week"]),
                       int(data["days_per_week"]))


def classified_exempt(posting: PostingText) -> bool:
    """Whether the document's FLSA field (or a posting's "Overtime" row) says exempt."""
    for block in posting.blocks:
        if block.kind == FIELD and block.label.strip().casefold() in _STATUS_LABELS:
            return bool(_EXEMPT.search(block.text)) and not _NOT_EXEMPT.search(block.text)
    return False


def exempt_salary_findings(posting: PostingText) -> list[Problem]:
    """An exempt classification with a lowest pay under the salary level is an error: the
    position cannot be exempt at that pay."""
    if not classified_exempt(posting):
        return []
    stated = _lowest_pay(posting)
    if stated is None:
        return []
    sentence, span, amount, period = stated
    level = salary_level()
    weekly = level.weekly_pay(amount, period)
    if weekly >= level.weekly:
        return []
    yearly_level = level.weekly * 52
    per_week = "" if period == "week" else f" (${weekly:,.2f} a week)"
    message = (f"the position is classified exempt from overtime, but its lowest pay, "
               f"${amount:,.2f} per {period}{per_week}, is under the ${level.weekly:,.0f} a week "
               f"(${yearly_level:,.0f} a year) an exempt employee must be paid on a salary basis "
               f"({level.citation}): raise the salary (salary_min) to at least "
               f"${yearly_level:,.0f} a year, or classify the position non-exempt "
               "(flsa: Non-exempt) and pay overtime")
    return [finding("flsa", ERROR, message, sentence.where, marked(sentence.text, [span]),
                    level.source, "flsa-exempt-below-salary-level")]


def _lowest_pay(posting: PostingText) -> tuple[Sentence, tuple[int, int], float, str] | None:
    """The first stated pay with a period: the bottom of a range, or a single figure."""
    for sentence in posting.sentences():
        match, single = pay_in(sentence.text)
        found = match or (SINGLE_AMOUNT.search(sentence.text) if single else None)
        if found is None:
            continue
        period = next((name for name, pattern in _PERIODS if pattern.search(sentence.text)), "")
        if not period:
            continue
        amounts = [amount_value(found.group(1)), amount_value(found.group(2))] if match \
            else [amount_value(found.group(0))]
        known = [value for value in amounts if value is not None]
        if known:
            return sentence, found.span(), min(known), period
    return None
