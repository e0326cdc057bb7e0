"""Standard statements in a posting written anywhere: equal employment opportunity, benefits,
pay transparency, accommodation. They are an employer's (or its lawyers') set text, so the
wording and readability figures leave them out, as they leave out the organization's own
statements: "individuals" and "decisions" in an EEO section say nothing about the job's tone.

A sentence is such a statement when it stands under a heading that names one, or when it says
what such a statement says (the legal phrases below), wherever it stands."""

from __future__ import annotations

import re

from ..readers import Sentence

_STATEMENT_HEADING = re.compile(
    r"^\s*(equal (employment )?opportunity( employer| statement)?|eeo( statement)?|"
    r"eeo/aa( statement)?|affirmative action( statement)?|non-?discrimination( statement| policy)?|"
    r"(employee )?benefits|pay and benefits|compensation and benefits|salary and benefits|"
    r"benefits (summary|overview)|pay transparency( statement| nondiscrimination)?|"
    r"(reasonable )?accommodations?( statement)?|e-?verify)\s*:?\s*$", re.IGNORECASE)
_STATEMENT_WORDING = re.compile(
    r"\bequal (employment )?opportunity\b|\bwithout regard to\b|\b(does|do|will) not "
    r"discriminate\b|\baffirmative action\b|\bprotected veterans?\b|\bgenetic information\b|"
    r"\bE-?Verify\b|\bdiscuss(ed|es|ing)? (or disclos\w+ )?(their|his or her|the) (own )?"
    r"(pay|compensation)\b|\breasonable accommodations?\b", re.IGNORECASE)


def is_standard_statement(sentence: Sentence) -> bool:
    """Whether a sentence belongs to a standard statement (by its section's heading or its
    wording)."""
    if sentence.section and _STATEMENT_HEADING.match(sentence.section):
        return True
    return bool(_STATEMENT_WORDING.search(sentence.text))
