"""What kind of document a file is, told by its headings as a reader would: a position
description has "Position Data" and "Description of Work", an interview guide "Opening Script"
and "Closing Script". A file with none of a kind's marks is read as a posting, the kind `check`
always assumed.

The marks are headings jdbuilder's templates write and the usual names other shops give the same
sections (a PD's "Essential Functions", a guide's "Interview Questions"), so a document written
elsewhere is recognised too. Headings a posting copied from a PD keeps ("Essential Functions",
"Physical Demands") count for less than those only a PD has, and a posting's own marks (how to
apply, EEO, pay) count against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers import HEADING, PostingText

POSTING = "posting"


@dataclass(frozen=True)
class KindMarks:
    kind: str
    title: re.Pattern[str] | None  # the document's own title (its first heading) says what it is
    strong: tuple[re.Pattern[str], ...]  # section headings only this kind has
    shared: tuple[re.Pattern[str], ...] = ()  # headings it shares with some postings


def _heading(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{pattern})\s*:?\s*$", re.IGNORECASE)


# What a title, a strong and a shared heading count for; a kind needs MIN_SCORE and more than
# the posting's own marks (how to apply, EEO, pay): a posting copied from a PD keeps its
# "Essential Functions" and "Physical Demands" and is still a posting.
TITLE_WEIGHT, STRONG_WEIGHT, SHARED_WEIGHT = 3, 2, 1
MIN_SCORE = 3

POSTING_MARKS = KindMarks(
    POSTING, None,
    (_heading(r"how to apply|to apply|application (process|instructions)"),
     _heading(r"equal (employment )?opportunity( employer| statement)?|eeo( statement)?|"
              r"non-?discrimination( statement)?"),
     _heading(r"pay and benefits|salary( and benefits)?|compensation( and benefits)?|benefits"),
     _heading(r"about the (role|job|position|office|department|university)|"
              r"what you('ll| will) do|what you('ll| will)? bring")))

KIND_MARKS = (
    KindMarks("description", _heading(r"position description( form)?|job description"),
              (_heading(r"position data|position information|position identification"),
               _heading(r"description of work"),
               _heading(r"primary purpose of the (position|organizational unit)"),
               _heading(r"competencies required|minimum education and experience"),
               _heading(r"signatures?")),
              (_heading(r"duties and responsibilities|essential (job )?functions( and duties)?"),
               _heading(r"purpose of (the )?position|position (summary|purpose)"),
               _heading(r"supervision (received|exercised)|supervisory (relationships|"
                        r"responsibilit(y|ies))"),
               _heading(r"knowledge, skills,? and abilities"),
               _heading(r"working conditions and physical demands|physical demands"))),
    KindMarks("interview", _heading(r"(structured )?interview guide"),
              (_heading(r"opening script"), _heading(r"closing script"),
               _heading(r"rating summary"), _heading(r"topics never to ask( about)?"),
               _heading(r"how to use this guide"), _heading(r"interview questions"))),
    KindMarks("screening", _heading(r"(applicant )?screening matrix"),
              (_heading(r"screening matrix"), _heading(r"how to screen"))),
    KindMarks("assessment", _heading(r"competency assessment( worksheet)?"),
              (_heading(r"how to rate"), _heading(r"overall level"))),
    KindMarks("ladder", re.compile(r"^\s*career ladder\b", re.IGNORECASE),
              (_heading(r"the levels"), _heading(r"competencies by level"))),
)

# Each kind as a report names it ("read as an interview guide").
KIND_NAMES = {POSTING: "a job posting", "description": "a position description",
              "interview": "an interview guide", "screening": "a screening matrix",
              "assessment": "an assessment worksheet", "ladder": "a career ladder"}


def recognise_kind(document: PostingText) -> str:
    """The kind whose marks the document's headings carry most: "posting" unless another kind
    scores MIN_SCORE and more than a posting's marks do."""
    headings = [block.text for block in document.blocks if block.kind == HEADING]
    if not headings:
        return POSTING
    best, best_score = POSTING, max(MIN_SCORE - 1, _score(POSTING_MARKS, headings))
    for marks in KIND_MARKS:
        score = _score(marks, headings)
        if score > best_score:
            best, best_score = marks.kind, score
    return best


def _score(marks: KindMarks, headings: list[str]) -> int:
    def found(patterns: tuple[re.Pattern[str], ...]) -> int:
        return sum(any(pattern.match(text) for text in headings) for pattern in patterns)

    title = TITLE_WEIGHT if marks.title and marks.title.match(headings[0]) else 0
    return title + STRONG_WEIGHT * found(marks.strong) + SHARED_WEIGHT * found(marks.shared)
