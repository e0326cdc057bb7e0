"""Traceability for audits: each line a posting states (what the hire will do, what they bring)
tied to the position description duty behind it and to the competency statement at the level
that it draws on. A posting line with no PD duty behind it is a warning naming the line: a
posting must not promise or ask for what the position does not hold.

The ties: a posting duty line belongs to the PD duty it is written under (a position file lists
each duty's lines; the built-in level's are placed under the duty they share most words with),
and must share words with it. A requirement (preferred qualification, licence) is tied to the
duty that shares the most distinctive words with it; a degree or other schooling is tied to the
PD's minimum education instead. The competency statement is the one at the level that shares
the most distinctive words with the line and its duty; words are compared by their first five
letters, rarer words counting more (inverse document frequency over the level's duties and
statements), so "student" ties nothing by itself. Word overlap finds where a tie is missing;
it is not a reading of the text, so the table is for a person to confirm.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import INFO, WARNING, Location, Problem
from .positionfile import PositionContent

# Distinctive words a tie needs (the sum of their weights): about two words no other duty has.
MIN_DUTY_SCORE = 2.5
MIN_COMPETENCY_SCORE = 1.0
_STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "for", "with", "on", "at", "by", "as",
    "your", "you", "their", "its", "is", "are", "be", "from", "that", "this", "it", "each",
    "into", "any", "all", "who", "will", "can", "may", "other", "others", "such", "including",
    "include", "includes", "work", "works", "working", "related", "what", "when", "where", "how",
    "more", "most", "own", "per", "very"
})
_SCHOOLING = re.compile(r"\b(degree|bachelor|master|doctoral|doctorate|diploma|coursework|"
                        r"graduate (study|school|work))\b", re.IGNORECASE)
DUTY_LINE, REQUIREMENT = "duty", "requirement"
# What a degree or other schooling is tied to: the PD's education section, not a duty.
SCHOOLING_TIE = "the PD's Minimum Education and Experience (schooling, not a duty)"


@dataclass(frozen=True)
class Trace:
    """One posting line and what stands behind it."""

    kind: str  # DUTY_LINE ("What you will do") or REQUIREMENT ("What you bring")
    line: str
    duty: str | None  # the PD duty's title, or the PD section for schooling; None: nothing
    competency: str | None  # "Name: statement" at the level, or None
    where: str  # the field it comes from, for messages ("duties[2].posting", ...)


def trace(content: PositionContent, competencies: list[dict[str, Any]],
          fill: Callable[[str], str] = lambda text: text) -> list[Trace]:
    """Every posting line of the position with its PD duty and competency statement; `fill`
    puts the campus's words in the texts' placeholders, as the documents do."""
    duties = content.duties or ()
    duty_texts = {duty.title: fill(f"{duty.title} {duty.description}") for duty in duties}
    statements = [(competency["name"], statement) for competency in competencies
                  for statement in competency["statements"]]
    weights = _weights([*duty_texts.values(), *(text for _, text in statements)])

    def score(words: set[str], text: str) -> float:
        return sum(weights.get(word, 0.0) for word in words & _stems(text))

    def competency_of(text: str) -> str | None:
        words = _stems(text)
        best = max(statements, key=lambda pair: score(words, pair[1]), default=None)
        if best is None or score(words, best[1]) < MIN_COMPETENCY_SCORE:
            return None
        return f"{best[0]}: {best[1]}"

    def best_duty(words: set[str]) -> str | None:
        best = max(duty_texts, key=lambda title: score(words, duty_texts[title]), default=None)
        return best if best and score(words, duty_texts[best]) >= MIN_DUTY_SCORE else None

    traces: list[Trace] = []
    for number, duty in enumerate(duties, 1):
        for index, line in enumerate(map(fill, duty.posting), 1):
            words = _stems(line)
            behind = duty.title if score(words, duty_texts[duty.title]) >= MIN_DUTY_SCORE \
                else best_duty(words)
            tied_text = f"{line} {duty_texts[behind]}" if behind else line
            traces.append(Trace(DUTY_LINE, line, behind, competency_of(tied_text),
                                f"duties[{number}].posting[{index}]"))
    requirements = [(f"preferred_qualifications[{index}]", fill(text)) for index, text in
                    enumerate(content.preferred_qualifications or (), 1)]
    requirements += [(f"licenses[{index}]", fill(text))
                     for index, text in enumerate(content.licenses or (), 1)]
    for where, line in requirements:
        if _SCHOOLING.search(line):
            behind: str | None = SCHOOLING_TIE
            tied_text = line
        else:
            behind = best_duty(_stems(line))
            tied_text = f"{line} {duty_texts[behind]}" if behind else line
        traces.append(Trace(REQUIREMENT, line, behind, competency_of(tied_text), where))
    return traces


def trace_problems(rows: list[dict[str, Any]], source: str | None = None) -> list[Problem]:
    """For the rows `trace_rows` gives: a warning for each line with no PD duty behind it; a
    note for each with no competency statement sharing its words."""
    problems = []
    for row in rows:
        place = Location(file=source, field=row["where"])
        if row["duty"] is None:
            advice = ("write it under the duty it belongs to, or add that duty to the position"
                      if row["kind"] == DUTY_HEADING else
                      "tie it to a duty that needs it, or leave it out of the posting")
            problems.append(Problem("traceability", WARNING,
                                    f"the posting line '{row['line']}' has no PD duty behind "
                                    f"it: {advice}", place))
        elif row["competency"] is None and row["duty"] != SCHOOLING_TIE:
            problems.append(Problem("traceability", INFO,
                                    f"the posting line '{row['line']}' shares no words with a "
                                    "competency statement at this level; confirm which "
                                    "competency it draws on", place))
    return problems


DUTY_HEADING, REQUIREMENT_HEADING = "What you will do", "What you bring"


def trace_rows(traces: list[Trace]) -> list[dict[str, Any]]:
    """The traces as plain data: a template's context, and what `trace_problems` reads."""
    return [{"kind": DUTY_HEADING if item.kind == DUTY_LINE else REQUIREMENT_HEADING,
             "line": item.line, "duty": item.duty, "competency": item.competency,
             "where": item.where} for item in traces]


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z]+", text.lower())
            if len(word) > 2 and word not in _STOP_WORDS}


def _weights(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency: a word in few of the texts weighs more."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in _stems(text):
            counts[word] = counts.get(word, 0) + 1
    total = len(texts)
    return {word: math.log((total + 1) / (count + 0.5)) for word, count in counts.items()}
