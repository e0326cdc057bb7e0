"""A position description's own checks, over its text as any reader gives it (ours or one
edited by hand in Word): the duty percentages recomputed from the duty table, and every physical
demand tied to a duty of the position.

A PD's duty table is read as its cells come: a duty's words, then its percent of time, then
whether it is essential; a "Total" row states the total. Duties written as a list with the
percent in the line ("Advising (40%)", "40% - Advising") are read as well.

Physical demands name the duties they belong to in brackets at the end, as jdbuilder writes
them ("... during room moves (Hall Operations; Student Staff Support)"). A demand tied to no duty
cannot be shown to come from an essential function, and under the ADA a person is qualified who
can perform the essential functions with or without accommodation (29 C.F.R. 1630.2(m), (n)); a
demand naming a duty the PD does not have is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..errors import did_you_mean
from ..readers import FIELD, HEADING, ITEM, PARAGRAPH, PostingText, TextBlock, split_sentences
from .findings import ERROR, WARNING, Problem, finding

DUTIES_HEADING = re.compile(r"^\s*(description of work|duties( and responsibilities)?|"
                            r"essential (job )?functions( and duties)?|"
                            r"(job |key )?responsibilities|what you will do)\s*:?\s*$",
                            re.IGNORECASE)
DEMANDS_HEADING = re.compile(r"physical (demands|requirements)", re.IGNORECASE)

_NUMBER = r"(\d{1,3}(?:\.\d+)?)"
_PERCENT_CELL = re.compile(rf"^\s*{_NUMBER}\s*%\s*$")
# "(25%)", "[25% of time]", and a table row in plain text: "[25%, Yes]"
_PERCENT_AT_END = re.compile(rf"\s*[(\[]\s*{_NUMBER}\s*%\s*(?:of time)?\s*"
                             r"(?:,\s*(yes|no|essential|non-?essential|marginal)\s*)?[)\]]\s*\.?\s*$",
                             re.IGNORECASE)
_PERCENT_AT_START = re.compile(rf"^\s*{_NUMBER}\s*%\s*[-–—:]\s*")
_ESSENTIAL_CELL = re.compile(r"^\s*(yes|no|essential|non-?essential|marginal)\s*$", re.IGNORECASE)
_TOTAL = re.compile(r"^\s*total\s*:?\s*$", re.IGNORECASE)
_CITATION = re.compile(r"\(([^()]+)\)\s*\.?\s*$")

# Labelled lines of the section that are working conditions, not physical demands.
CONDITION_LABELS = frozenset({"work environment", "environment", "travel", "on-call duty",
                              "on call", "on-call", "live-in requirement", "schedule",
                              "work schedule", "hours"})

# Percentages are whole numbers or tenths; sums closer than this to 100 are 100.
PERCENT_TOLERANCE = 0.05


@dataclass(frozen=True)
class Duty:
    """One duty as the document states it."""

    title: str  # its first sentence, without the full stop
    text: str
    where: str
    percent: float | None = None
    essential: bool | None = None


@dataclass(frozen=True)
class DutyTable:
    duties: tuple[Duty, ...]
    heading: TextBlock
    stated_total: float | None = None  # what a "Total" row says
    total_where: str = ""

    @property
    def total(self) -> float:
        return sum(duty.percent or 0 for duty in self.duties)

    def titles(self) -> list[str]:
        return [duty.title for duty in self.duties]


def read_duties(document: PostingText) -> DutyTable | None:
    """The duties under the document's duties heading, or None when it has none."""
    for heading, blocks in _sections(document, DUTIES_HEADING.match):
        reader = _DutyReader()
        for block in blocks:
            reader.block(block)
        duties = reader.finish()
        if duties:
            return DutyTable(tuple(duties), heading, reader.stated_total, reader.total_where)
    return None


class _DutyReader:
    """Cells in order: words open a duty; a percent or yes/no after them belongs to it."""

    def __init__(self) -> None:
        self.duties: list[Duty] = []
        self.current: Duty | None = None
        self.in_total = False
        self.stated_total: float | None = None
        self.total_where = ""

    def block(self, block: TextBlock) -> None:
        text = block.text
        if block.kind == FIELD:
            label, _, value = text.partition(": ")
            if _TOTAL.match(label):
                self._total(value, block.where)
                return
            percent = _PERCENT_CELL.match(value)
            if percent:  # a short duty and its percent, read as a field
                self._close()
                self.duties.append(Duty(label, label, block.where, float(percent.group(1))))
                return
        if block.kind not in (PARAGRAPH, ITEM, FIELD):
            return
        percent = _PERCENT_CELL.match(text)
        if percent:
            if self.in_total:
                self._total(text, block.where)
            elif self.current is not None and self.current.percent is None:
                self.current = _with(self.current, percent=float(percent.group(1)))
            return
        essential = _ESSENTIAL_CELL.match(text)
        if essential:
            if self.current is not None and self.current.essential is None and not self.in_total:
                self.current = _with(self.current, essential=essential.group(1).lower()
                                     in ("yes", "essential"))
            return
        self._close()
        if _TOTAL.match(text):
            self.in_total = True
            self.total_where = block.where
            return
        duty = _duty(text, block.where)
        if _TOTAL.match(duty.text) and duty.percent is not None:  # "Total [100%]"
            self.stated_total, self.total_where = duty.percent, block.where
            return
        self.current = duty

    def _total(self, value: str, where: str) -> None:
        percent = _PERCENT_CELL.match(value)
        if percent:
            self.stated_total = float(percent.group(1))
            self.total_where = where
        self.in_total = False

    def _close(self) -> None:
        if self.current is not None:
            self.duties.append(self.current)
        self.current = None
        self.in_total = False

    def finish(self) -> list[Duty]:
        self._close()
        # Words with no percent before the first duty that has one are the table's header
        # and introduction ("Duty and responsibilities", "Percent of time").
        while self.duties and self.duties[0].percent is None:
            self.duties.pop(0)
        return self.duties if any(duty.percent is not None for duty in self.duties) else []


def _duty(text: str, where: str) -> Duty:
    percent: float | None = None
    essential: bool | None = None
    for pattern in (_PERCENT_AT_END, _PERCENT_AT_START):
        found = pattern.search(text)
        if found:
            percent = float(found.group(1))
            if pattern is _PERCENT_AT_END and found.group(2):
                essential = found.group(2).lower() in ("yes", "essential")
            text = (text[:found.start()] + text[found.end():]).strip()
            break
    sentences = split_sentences(text)
    title = sentences[0].rstrip(".:") if sentences else text
    return Duty(title, text, where, percent, essential)


def _with(duty: Duty, **changes) -> Duty:
    return replace(duty, **changes)


def _sections(document: PostingText, wanted) -> Iterator[tuple[TextBlock, list[TextBlock]]]:
    """Each heading `wanted` accepts with the blocks up to the next heading of its level or
    higher (subheadings stay inside)."""
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind != HEADING or index == 0 or not wanted(block.text):
            continue
        body: list[TextBlock] = []
        for later in blocks[index + 1:]:
            if later.kind == HEADING and later.level <= block.level:
                break
            body.append(later)
        yield block, body


def percent_text(value: float) -> str:
    return f"{value:g}%"


# ---------------------------------------------------------------------------------------------
# findings


def duty_findings(document: PostingText) -> list[Problem]:
    """The duty percentages must total 100 and agree with the Total row; a duty without a
    percent among duties with one, or no essential function at all, is worth a warning."""
    table = read_duties(document)
    if table is None:
        return []
    findings: list[Problem] = []
    total = round(table.total, 2)
    stated = table.stated_total
    where = table.total_where or table.duties[0].where
    if abs(total - 100) > PERCENT_TOLERANCE:
        parts = " + ".join(percent_text(duty.percent) for duty in table.duties
                           if duty.percent is not None)
        says = f" (the Total row says {percent_text(stated)})" if stated is not None else ""
        findings.append(finding(
            "duties", ERROR,
            f"the duty percentages add up to {percent_text(total)} ({parts}), not 100%{says}: "
            "change the duties' percent of time so they total 100%", where,
            code="duty-percent-total"))
    elif stated is not None and abs(stated - total) > PERCENT_TOLERANCE:
        findings.append(finding(
            "duties", ERROR,
            f"the Total row says {percent_text(stated)} but the duties above it add up to "
            f"{percent_text(total)}: correct the Total row", where, code="duty-total-mismatch"))
    for duty in table.duties:
        if duty.percent is None:
            findings.append(finding("duties", WARNING,
                                    f"the duty '{duty.title}' has no percent of time: give "
                                    "every duty its share of the 100%", duty.where,
                                    code="duty-percent-missing"))
    stated_essential = [duty for duty in table.duties if duty.essential is not None]
    if stated_essential and not any(duty.essential for duty in stated_essential):
        findings.append(finding("duties", WARNING,
                                "no duty is marked as an essential function: mark the duties "
                                "the position exists to do 'Yes'", table.heading.where,
                                code="essential-function-missing"))
    return findings


def physical_demand_findings(document: PostingText) -> list[Problem]:
    """Each physical demand names in brackets the duties it belongs to, and they are duties the
    document lists."""
    table = read_duties(document)
    titles = table.titles() if table else []
    known = {_normal_title(title): title for title in titles}
    findings: list[Problem] = []
    for _heading, blocks in _sections(document, DEMANDS_HEADING.search):
        for block in blocks:
            if block.kind not in (ITEM, PARAGRAPH) or _is_condition(block.text):
                continue
            citation = _CITATION.search(block.text)
            if citation is None:
                findings.append(finding(
                    "physical-demands", WARNING,
                    "this physical demand names no duty: end it with the duties it belongs to "
                    "in brackets, e.g. '(Hall Operations)', so it is tied to the position's "
                    "work", block.where, block.text, code="physical-demand-uncited"))
                continue
            if not known:
                continue
            for name in (part.strip() for part in citation.group(1).split(";")):
                if name and _normal_title(name) not in known:
                    findings.append(finding(
                        "physical-demands", ERROR,
                        f"this physical demand cites '{name}', which is no duty in the "
                        f"'{table.heading.text}' section{_suggestion(name, titles)}: name a "
                        "duty listed there", block.where, block.text,
                        code="physical-demand-unknown-duty"))
    return findings


def _suggestion(name: str, titles: list[str]) -> str:
    """The duty meant: the closest title, or the one title a shortened name begins."""
    close = did_you_mean(name, titles)
    if close:
        return close
    starting = [title for title in titles if _normal_title(title).startswith(_normal_title(name))]
    return f" (did you mean '{starting[0]}'?)" if len(starting) == 1 else ""


def _is_condition(text: str) -> bool:
    label, colon, _ = text.partition(":")
    return bool(colon) and " ".join(label.split()).casefold() in CONDITION_LABELS


def _normal_title(title: str) -> str:
    return " ".join(title.replace("&", "and").split()).casefold().rstrip(".")
