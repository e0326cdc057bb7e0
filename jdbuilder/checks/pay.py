"""Pay and dates: a stated range (required by law where the posting's location has a
pay-transparency law), a range that makes sense for its period, and a closing date not yet past.

The laws and the federal minimum wage are data (data/pay_transparency_laws.yaml), each with its
citation and source, read once per process with libyaml when it is installed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..readers import FIELD, HEADING, TEXT_CACHE_SIZE, PostingText, Sentence
from .amounts import amount_value, pay_in
from .findings import ERROR, INFO, WARNING, CheckContext, Problem, finding, marked

# A range whose top is more than twice its bottom (a range spread over 100%) is wider than any
# usual salary structure: WorldatWork's surveys put typical range spreads at about 20-25% for
# hourly jobs, 30-50% for professional ones and 50-60% or more for executives; Delaware's HB 105
# makes a range's breadth part of whether it was set in good faith.
RANGE_WIDTH_MAX = 2.0
RANGE_WIDTH_SOURCE = ("WorldatWork salary range spreads (about 20-60%); Delaware HB 105 (2025) "
                      "weighs a range's breadth in judging good faith")
LAWS_CITED_IN_FULL = 2  # more (a remote posting): the laws are named, each cited in its source
YEARLY_FIGURE_MIN = 1_000  # a "per year" figure under this is an hourly or monthly rate mistyped

_PERIODS = (
    ("hour", re.compile(r"\b(per|an|/|a)\s?(hour|hr)\b|\bhourly\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(per|a|/)\s?week\b|\bweekly\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(per|a|/)\s?(month|mo)\b|\bmonthly\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(per|a|/)\s?(year|yr|annum)\b|\bannual(ly)?\b|\bsalary\b",
                        re.IGNORECASE)),
)
_PERIOD_HOURS = {"hour": 1, "week": 40, "month": 2080 / 12, "year": 2080}


# ---------------------------------------------------------------------------------------------
# the law table


@dataclass(frozen=True)
class PayLaw:
    name: str
    citation: str
    state: str
    places: tuple[str, ...]
    effective: dt.date
    requires: tuple[str, ...]
    employers: str
    remote: bool
    source: str

    def covers(self, city: str, state: str, remote: bool) -> bool:
        if remote:
            return self.remote
        if state != self.state:
            return False
        return not self.places or city.casefold() in {p.casefold() for p in self.places}


@dataclass(frozen=True)
class PayLawTable:
    as_of: dt.date
    laws: tuple[PayLaw, ...]
    state_names: dict[str, str]
    minimum_hourly: float
    hours_per_year: int
    minimum_citation: str

    def in_force(self, city: str, state: str, remote: bool, today: dt.date) -> list[PayLaw]:
        return [law for law in self.laws
                if law.effective <= today and law.covers(city, state, remote)]

    def state_code(self, text: str) -> str:
        text = text.strip().rstrip(".")
        if text.upper() in self.state_names:
            return text.upper()
        for code, name in self.state_names.items():
            if name.casefold() == text.casefold():
                return code
        return ""


@lru_cache(maxsize=1)
def pay_law_table() -> PayLawTable:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("jdbuilder.data").joinpath("pay_transparency_laws.yaml").read_text(
        encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=loader)
    wage = data["federal_minimum_wage"]
    laws = tuple(PayLaw(row["name"], row["citation"], row["state"], tuple(row.get("places", ())),
                        row["effective"], tuple(row["requires"]), row["employers"],
                        bool(row["remote"]), row["source"]) for row in data["laws"])
    return PayLawTable(data["as_of"], laws, dict(data["state_names"]), float(wage["hourly"]),
                       int(wage["hours_per_year"]), wage["citation"])


_LOCATION_LINE = re.compile(r"^\s*(?:work |job )?location\s*:\s*(\S.*)$", re.IGNORECASE)


def posting_location(posting: PostingText, context: CheckContext) -> str:
    """The posting's own "Location" field or "Location: ..." line, else what the context (the
    organization, the opening's fields) says."""
    for block in posting.blocks:
        if block.kind == FIELD and block.label.strip().casefold() in ("location", "work location",
                                                                      "job location"):
            return block.text.split(":", 1)[-1].strip() if ":" in block.text else block.text
        match = _LOCATION_LINE.match(block.text) if block.kind != HEADING else None
        if match:
            return match.group(1).strip()
    return context.location


def _place(location: str, table: PayLawTable) -> tuple[str, str, bool]:
    """(city, state code, open to anywhere) from "City, ST", "City, State", "Remote" or
    "Remote (Denver, CO)". A remote job limited to a state is in that state; a remote job with
    no state could be done anywhere, so every law that reaches remote work applies."""
    parts = [part.strip(" )") for part in re.split(r"[,;(]", location) if part.strip(" )")]
    words = [part for part in parts if not re.fullmatch(r"(?i)(fully )?remote|anywhere", part)]
    state = ""
    for part in reversed(words):
        state = table.state_code(part) or table.state_code(part.split()[0])
        if state:
            break
    city = words[0] if len(words) > 1 else ""
    anywhere = not state and bool(re.search(r"(?i)\bremote\b|\banywhere\b", location))
    return city, state, anywhere


# ---------------------------------------------------------------------------------------------
# findings


def pay_findings(posting: PostingText, context: CheckContext, today: dt.date) -> list[Problem]:
    sentences = posting.sentences()
    # What a covering law asks beyond the range is checked whether or not a range is given.
    also = _also_required(posting, context, today)
    for sentence in sentences:
        match, _ = pay_in(sentence.text)
        if match:
            return _plausibility(sentence, match) + also
    laws, place = _laws_for(posting, context, today)
    single = next((s for s in sentences if pay_in(s.text)[1]), None)
    what = "one pay figure, not a range" if single else "no salary range"
    fix = "give the lowest and highest pay expected (salary_min and salary_max)"
    where, text = (single.where, single.text) if single else ("whole document", "")
    if laws:
        if len(laws) <= LAWS_CITED_IN_FULL:
            names = "; ".join(f"{law.name}, {law.citation} ({law.employers}), which requires "
                              f"{_listed(law.requires)}" for law in laws)
        else:  # a remote posting: the names, the citations are in each source
            names = f"{len(laws)} laws reach remote jobs: " + "; ".join(
                law.name for law in laws)
        covered = (f"a remote posting naming no state ('{place}') could be filled where "
                   if len(laws) > LAWS_CITED_IN_FULL else f"{place} is covered by ")
        return [finding("pay-transparency", ERROR, f"{what}, and {covered}{names}: {fix}",
                        where, text, "; ".join(law.source for law in laws),
                        "pay-range-missing"), *also]
    return [finding("pay-transparency", WARNING,
                    f"{what}: {fix}; {_no_law_reason(place)}, but a stated range draws more "
                    "applicants", where, text,
                    f"pay-transparency law table as of {pay_law_table().as_of.isoformat()}",
                    "pay-single-figure" if single else "pay-range-missing")]


def _laws_for(posting: PostingText, context: CheckContext, today: dt.date
              ) -> tuple[list[PayLaw], str]:
    location = posting_location(posting, context)
    if not location:
        return [], ""
    table = pay_law_table()
    city, state, remote = _place(location, table)
    return table.in_force(city, state, remote, today), location


def _no_law_reason(place: str) -> str:
    if not place:
        return "no location is given, so no pay-transparency law could be matched"
    return f"no pay-transparency law in the table covers {place}"


def _listed(items: tuple[str, ...]) -> str:
    """'pay range, benefits and application deadline' (the law's own list, in words)."""
    words = [item for item in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# A benefits statement says what employees receive, not just the word: a heading ("Pay and
# benefits") or "VA education benefits" in a duty does not describe the job's benefits.
_BENEFITS_STATEMENT = re.compile(
    r"\b(health|medical|dental|vision|life|disability) (insurance|coverage|plans?|benefits)\b"
    r"|\bretirement (plans?|system|benefits?|contributions?|savings)\b|\bpension\b"
    r"|\b401\(k\)|\b403\(b\)|\b457\b|\bpaid (time off|leave|vacation|holidays?)\b"
    r"|\b(vacation|sick|holiday|parental) leave\b|\btuition (waiver|remission|benefits?)\b"
    r"|\bbenefits? (include|package|summary|are|for this)\b|\beligible employees (receive|get)\b"
    r"|\bbenefits-eligible\b", re.IGNORECASE)
_REQUIREMENTS = {
    "benefits": "describe the benefits in a sentence (benefits in the organization file)",
    "application deadline": "give the date applications close (closes)",
}


def _has_statement(posting: PostingText, need: str) -> bool:
    # A note to HR about what to supply is not the statement itself.
    sentences = [s for s in posting.sentences() if s.kind != HEADING
                 and not (s.section or "").casefold().startswith("note for")]
    if need == "benefits":
        return any(_BENEFITS_STATEMENT.search(s.text) for s in sentences)
    if need == "application deadline":
        return any(_closing_date(s.label or "", s.text) for s in sentences)
    return True  # a job description, where one exists, is the posting itself


def _also_required(posting: PostingText, context: CheckContext, today: dt.date) -> list[Problem]:
    """What a covering law asks beyond the range (a benefits description, a closing date),
    found as a statement in the posting, not as a heading's word."""
    laws, place = _laws_for(posting, context, today)
    findings = []
    for need, advice in _REQUIREMENTS.items():
        needing = [law for law in laws if need in law.requires]
        if needing and need == "benefits" and "benefits" in context.omitted:
            names = "; ".join(f"{law.name}, {law.citation}" for law in needing)
            findings.append(finding("pay-transparency", INFO,
                                    f"benefits left out on purpose (--omit): {place} is covered "
                                    f"by {names}, so the applicant tracking system must add them",
                                    source="; ".join(law.source for law in needing),
                                    code="benefits-omitted"))
            continue
        if needing and not _has_statement(posting, need):
            names = "; ".join(f"{law.name}, {law.citation}" for law in needing)
            findings.append(finding("pay-transparency", ERROR,
                                    f"no {need}: {place} is covered by {names}, which requires "
                                    f"the {need} in the posting: {advice}",
                                    source="; ".join(law.source for law in needing),
                                    code=f"{need.replace(' ', '-')}-missing"))
    return findings


def _plausibility(sentence: Sentence, match: re.Match[str]) -> list[Problem]:
    low, high = amount_value(match.group(1)), amount_value(match.group(2))
    if low is None or high is None:
        return []
    if high < low:
        low, high = high, low
    period = next((name for name, pattern in _PERIODS if pattern.search(sentence.text)), "")
    quoted = marked(sentence.text, [match.span()])
    table = pay_law_table()
    findings = []
    if period == "year" and high < YEARLY_FIGURE_MIN:
        findings.append(finding("pay", WARNING,
                                f"${low:,.2f} to ${high:,.2f} per year looks like an hourly or "
                                "monthly rate: check the figures and the period (salary_period)",
                                sentence.where, quoted, table.minimum_citation,
                                "pay-hourly-per-year"))
    elif period:
        floor = table.minimum_hourly * _PERIOD_HOURS[period]
        if low < floor:
            findings.append(finding("pay", WARNING,
                                    f"${low:,.2f} per {period} is below the federal minimum wage "
                                    f"(${floor:,.2f} per {period} at ${table.minimum_hourly:.2f} "
                                    "an hour, full time)", sentence.where, quoted,
                                    table.minimum_citation, "pay-below-minimum-wage"))
    if low > 0 and high / low > RANGE_WIDTH_MAX:
        findings.append(finding("pay", WARNING,
                                f"the top of the range is {high / low:.1f} times its bottom; a "
                                "good-faith range is rarely wider than twice: narrow it to what "
                                "you expect to pay", sentence.where, quoted, RANGE_WIDTH_SOURCE,
                                "pay-range-wide"))
    return findings


# ---------------------------------------------------------------------------------------------
# closing date

_CLOSING = re.compile(r"\b(clos(e|es|ing)|deadline|apply by|open until|accepted (until|through)|"
                      r"due)\b", re.IGNORECASE)
_MONTHS = {name: index for index, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def find_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first date written as 2027-01-15, 1/15/2027, January 15, 2027 or 15 January 2027."""
    found = []
    for pattern, order in ((_ISO_DATE, "ymd"), (_US_DATE, "mdy"), (_MONTH_FIRST, "Mdy"),
                           (_DAY_FIRST, "dMy")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = parts.get("m") or _MONTHS.get(parts.get("M", "").lower(), 0)
            try:
                found.append((match.start(), dt.date(int(parts["y"]), int(month), int(parts["d"])),
                              match.span()))
            except (TypeError, ValueError):
                continue
    if not found:
        return None
    _, date, span = min(found)
    return date, span


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # per distinct sentence: bulk builds repeat most of them
def _closing_date(label: str, text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The date a sentence (or a field, by its label) gives for applications to close."""
    if not (_CLOSING.search(label) or _CLOSING.search(text)):
        return None
    return find_date(text)


def closing_date_findings(posting: PostingText, today: dt.date) -> list[Problem]:
    for sentence in posting.sentences():
        found = _closing_date(sentence.label or "", sentence.text)
        if found is None:
            continue
        date, span = found
        if date < today:
            return [finding("closing-date", WARNING,
                            f"applications close on {_day(date)}, before today ({_day(today)}): "
                            "set a future date (closes) or remove it",
                            sentence.where, marked(sentence.text, [span]),
                            code="closing-date-past")]
        return []
    return []


def _day(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"
