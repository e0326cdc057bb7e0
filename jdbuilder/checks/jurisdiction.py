"""Another state's law: a document citing a state's statutes, or its public employees' plans,
when the employer is in a different state (a North Carolina statute in a Denver posting)."""

from __future__ import annotations

import re

from ..errors import Problem
from ..jurisdiction import US_STATES, state_in
from ..readers import HEADING, PostingText
from .findings import ERROR, CheckContext, finding, marked
from .pay import posting_location

# How each state's law (or a plan only its public employees have) is cited. A pattern names a
# citation form or a program's own name, never the state's name alone: "North Carolina high
# schools" is no law.
STATE_CITATIONS: dict[str, re.Pattern[str]] = {state: re.compile(pattern) for state, pattern in {
    "NC": r"\bN\.\s?C\.\s?G\.\s?S\.|\bN\.C\. Gen\. Stat\.|\bG\.S\.\s?§?\s?\d|\bNorth Carolina "
          r"(General Statutes?|Executive Order|Equal Employment Practices Act|Need-Based "
          r"Scholarship|State Building Code|Fire Code|Public Records Act)|\bUNC (Policy Manual|"
          r"Regulation|Board of Governors)|\bState Health Plan\b|\bTSERS\b|\bNC 401\(k\)"
          r"|\bNC 457\b|\bOSHANC\b|\bResidency Determination Service\b",
    "CO": r"\bC\.R\.S\.|\bColo\. Rev\. Stat\.|\bColorado Revised Statutes\b|\bColorado "
          r"(Anti-Discrimination Act|Chance to Compete Act|Job Application Fairness Act)",
    "CA": r"\bCal\. (Lab(or)?\.?|Gov(ernment|'t)?\.?|Civ(il)?\.?) Code|\bCalifornia (Labor|"
          r"Government) Code|\bCalPERS\b",
    "NY": r"\bN\.Y\. (Labor|Exec(utive)?\.?) Law|\bN\.Y\.C\. Admin\. Code|\bNew York State "
          r"Human Rights Law",
    "WA": r"\bRCW \d",
    "VA": r"\bVa\. Code\b|\bCode of Virginia\b",
    "IL": r"\b\d+ ILCS\b",
    "MD": r"\bMd\. Code\b",
    "MA": r"\bM\.G\.L\. c\.|\bMass\. Gen\. Laws\b",
    "NJ": r"\bN\.J\.S\.A\.",
    "TX": r"\bTex\. (Lab(or)?|Gov(ernment|'t)?|Educ(ation)?)\. Code",
}.items()}
SOURCE = ("each state's law binds employers in that state; a document for an employer elsewhere "
          "cites the law of the employer's own state or federal law")


def other_state_findings(posting: PostingText, context: CheckContext) -> list[Problem]:
    """One finding per state cited that is not the employer's, quoting its first citation."""
    place = posting_location(posting, context)
    state = state_in(place)
    if state is None:
        return []
    findings = []
    for other, pattern in STATE_CITATIONS.items():
        if other == state:
            continue
        for sentence in posting.sentences():
            if sentence.kind == HEADING:
                continue
            match = pattern.search(sentence.text)
            if match:
                findings.append(finding(
                    "jurisdiction", ERROR,
                    f"cites {US_STATES[other]} law or a {US_STATES[other]} program "
                    f"('{match.group(0)}'), but the employer is in {place}: replace it with the "
                    f"rule that applies in {US_STATES[state]} or the federal one, or leave it out",
                    sentence.where, marked(sentence.text, [match.span()]), SOURCE,
                    "other-state-law"))
                break
    return findings
