"""The hiring kit's contexts: interview guide, screening matrix, competency assessment worksheet
and career ladder, composed from the same profile as postings and descriptions.

Everything here is data from the profile (statements verbatim, qualifications, duties, the
interview questions of `kit/`) arranged for one template; the wording around it lives in the
templates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import ERROR, InputError, Location, Problem, did_you_mean
from .jurisdiction import Rules
from .kitpaper import (
    BOLD_CHARACTERS_PER_INCH,
    CELL_MARGIN_INCHES,
    STATEMENT_LINE_INCHES,
    TEXT_LINE_INCHES,
    balanced_columns,
    quarter_inches_down,
    statement_lines,
    text_lines,
)
from .position import Position
from .profile import Competency, Level, LevelRole, Profile, Specialization

if TYPE_CHECKING:
    from .kitdata import InterviewPlan

SCREENING_BLANK_ROWS = 10  # with the header and a sign-off for four, one landscape page


def missing_level(kind: str, profile: Profile) -> InputError:
    """The one error for a kind that needs a level and was given none, wherever it was asked."""
    levels = ", ".join(level.id for level in profile.levels)
    return InputError(Problem("input", ERROR, f"is missing; {kind} documents are made for "
                              f"one level: give one of {levels}", Location(field="level")))


def document_title(kind: str, specialization: Specialization, level_id: str,
                   position: Position) -> str:
    """The document's title, also the stem of its default file name."""
    if kind == "ladder" and not position.title:
        return specialization.name
    return specialization.working_title(level_id, position.title)


def compose_kit(profile: Profile, kind: str, specialization: Specialization, level: Level,
                position: Position, level_given: bool, role: LevelRole | None = None,
                rules: Rules | None = None, plan: InterviewPlan | None = None
                ) -> dict[str, Any]:
    """The kind's own part of the context (merged into the shared one). `role` is the
    position's (a position file's duties and qualifications), else the level's own; `rules`
    say whose law the employer is under (the interview guide's legal basis); `plan` is a
    position file's own interview questions, else the kit's for the level."""
    context: dict[str, Any] = {
        "document_title": document_title(kind, specialization, level.id, position)}
    if kind in ("interview", "panel"):
        context["interview"] = _interview(profile, specialization, level, rules, plan)
    elif kind == "screening":
        context["screening"] = _screening(role or specialization.roles[level.id])
    elif kind == "assessment":
        context["assessment"] = _assessment(profile, level, position)
    elif kind == "ladder":
        context["ladder"] = _ladder(profile, specialization, level if level_given else None)
    return context


# ------------------------------------------------------------------------------------------------


def _neighbours(profile: Profile, level: Level) -> tuple[Level | None, Level | None]:
    index = profile.levels.index(level)
    below = profile.levels[index - 1] if index > 0 else None
    above = profile.levels[index + 1] if index + 1 < len(profile.levels) else None
    return below, above


def _anchors(competency: Competency, level: Level, below: Level | None, above: Level | None
             ) -> list[dict[str, Any]]:
    """Developing, meets, exceeds: the level below, this level and the level above, verbatim.
    At the band's first and last level there is no neighbour (`level_name` none)."""
    def anchor(ratings: str, label: str, at: Level | None) -> dict[str, Any]:
        return {"ratings": ratings, "label": label, "level_name": at.name if at else None,
                "statements": list(competency.statements[at.id]) if at else []}

    return [anchor("1-2", "Developing", below), anchor("3", "Meets", level),
            anchor("4-5", "Exceeds", above)]


# The interview guide is printed upright: 6.5 x 9 in of text. A question's page holds its heading,
# the question, the probes, one table of its anchors (the rating circled in its first column)
# and, in the same table, the notes row: what the rest take is estimated (kitpaper, from
# positions measured with LibreOffice) and the notes row gets what is left of the page, in
# quarter inches, at least 3 in. Where the rest leave less (a profile's long statements), the
# notes row has the next page to itself.
GUIDE_PAGE_INCHES = 9.0 - 0.05  # less a margin for what the estimate misses
GUIDE_TEXT_INCHES = 6.5
# The heading (at the top of the page), the gaps around the question, the "Follow-up probes"
# line, the gap before the table and its header row.
QUESTION_FRAME_INCHES = (19.8 + 6.5 + 20.7 + 8 + 24) / 72
QUESTIONS_HEADING_INCHES = 37.6 / 72  # "Questions", over the first
ANCHOR_ROW_PADDING_INCHES = 4.5 / 72
RATING_COLUMN = 15  # percent of the table: the ratings and the anchor's name
LIST_INDENT_INCHES = 0.25
NOTES_LEAST_INCHES = 3.0
NOTES_MOST_INCHES = 6.0


def _anchor_row_inches(anchor: dict[str, Any], fallback: str) -> float:
    rating = GUIDE_TEXT_INCHES * RATING_COLUMN / 100
    label = (text_lines(f"{anchor['ratings']}", rating - CELL_MARGIN_INCHES)
             + text_lines(anchor["label"], rating - CELL_MARGIN_INCHES, BOLD_CHARACTERS_PER_INCH)
             + (text_lines(f"{anchor['level_name']} level", rating - CELL_MARGIN_INCHES)
                if anchor["level_name"] else 0)) * TEXT_LINE_INCHES
    column = GUIDE_TEXT_INCHES - rating
    if anchor["statements"]:
        body = statement_lines(anchor["statements"], column) * STATEMENT_LINE_INCHES
    else:
        body = text_lines(fallback, column - CELL_MARGIN_INCHES) * TEXT_LINE_INCHES
    return max(label, body) + ANCHOR_ROW_PADDING_INCHES


def _notes_inches(text: str, probes: list[str], anchors: list[dict[str, Any]], first: bool
                  ) -> float:
    """What a question's page leaves for its notes row, in quarter inches (NOTES_MOST at
    most): under NOTES_LEAST when the notes go on a page of their own."""
    used = QUESTION_FRAME_INCHES + (QUESTIONS_HEADING_INCHES if first else 0)
    used += text_lines(text, GUIDE_TEXT_INCHES, BOLD_CHARACTERS_PER_INCH) * TEXT_LINE_INCHES
    used += sum(text_lines(probe, GUIDE_TEXT_INCHES - LIST_INDENT_INCHES)
                for probe in probes) * TEXT_LINE_INCHES
    # The longest of the sentences an anchor without statements says (the band's edge).
    fallback = "x" * 260
    used += sum(_anchor_row_inches(anchor, fallback) for anchor in anchors)
    return quarter_inches_down(min(GUIDE_PAGE_INCHES - used, NOTES_MOST_INCHES))


def _notes(text: str, probes: list[str], anchors: list[dict[str, Any]], first: bool
           ) -> dict[str, Any]:
    inches = _notes_inches(text, probes, anchors, first)
    if inches >= NOTES_LEAST_INCHES:
        return {"notes_inches": inches, "notes_apart": False}
    return {"notes_inches": NOTES_MOST_INCHES, "notes_apart": True}


def _interview(profile: Profile, specialization: Specialization, level: Level,
               rules: Rules | None = None, plan: InterviewPlan | None = None
               ) -> dict[str, Any]:
    if profile.kit is None:
        raise InputError("this profile has no kit/ folder, so it holds no interview "
                         f"questions; add kit/practice.yaml and kit/interview/"
                         f"{specialization.id}.yaml", file=profile.directory)
    plan = plan or profile.kit.interview(specialization.id, level.id)
    below, above = _neighbours(profile, level)
    competencies = []
    for competency_id in plan.competencies:
        competency = profile.competency(competency_id)
        numbers = [index + 1 for index, q in enumerate(plan.questions)
                   if q.competency == competency_id]
        competencies.append({"id": competency.id, "name": competency.name,
                             "statements": list(competency.statements[level.id]),
                             "questions": numbers})
    questions = []
    for index, question in enumerate(plan.questions):
        competency = profile.competency(question.competency)
        anchors = _anchors(competency, level, below, above)
        questions.append({
            "number": index + 1,
            "competency_id": competency.id,
            "competency_name": competency.name,
            "text": question.text,
            "probes": list(question.probes),
            "anchors": anchors,
            **_notes(question.text, list(question.probes), anchors, first=index == 0),
        })
    kit = profile.kit
    state = rules.state if rules else (profile.jurisdiction.state if profile.jurisdiction
                                       else None)

    def applies(only_in: str) -> bool:
        # With no employer's rules, the profile's own (its state and system) hold.
        home = profile.jurisdiction
        return rules.applies(only_in) if rules else only_in in {state, home and home.system}

    def cited(source_id: str) -> bool:
        # A source marked with a system (UNC System) is cited for that system's employers.
        only_in = kit.source(source_id).only_in
        return only_in is None or applies(only_in)

    never_ask = []
    for topic in kit.never_ask:
        state_rules = [rule for rule in kit.state_rules
                       if rule.topic == topic.topic and rule.state == state]
        ids = [s for s in (*topic.sources, *(s for r in state_rules for s in r.sources))
               if cited(s)]
        ids = list(dict.fromkeys(ids))
        never_ask.append({"topic": topic.topic, "guidance": topic.guidance,
                          "state_rules": [text for rule in state_rules
                                          if (text := rule.text_for(
                                              rule.only_in is not None and applies(rule.only_in)))],
                          "sources": [kit.source(s).title for s in ids]})
    covered = state in kit.states()
    return {
        "competencies": competencies,
        "questions": questions,
        "level_below": below.name if below else None,
        "level_above": above.name if above else None,
        "never_ask": never_ask,
        # The employer's state and whether the guide carries its rules (else federal law only).
        "legal_basis": {"state_name": rules.state_name if rules else None,
                        "state_rules": covered},
        "sources": [{"title": s.title, "url": s.url} for s in kit.sources if cited(s.id)],
    }


def _screening(role: LevelRole) -> dict[str, Any]:
    qualifications = role.minimum_qualifications
    minimum = [{"code": "M1", "label": "Education", "text": qualifications.education}]
    if qualifications.experience_screened:
        minimum.append({"code": "M2", "label": "Experience", "text": qualifications.experience})
    # A licence the position requires is a minimum like education: screened, never assumed.
    minimum += [{"code": f"M{index}", "label": "License or certification", "text": text}
                for index, text in enumerate(role.licenses, start=len(minimum) + 1)]
    preferred = [{"code": f"P{index}", "text": text}
                 for index, text in enumerate(role.preferred_qualifications, start=1)]
    return {"minimum": minimum, "preferred": preferred, "blank_rows": SCREENING_BLANK_ROWS}


def _weights(profile: Profile, position: Position) -> dict[str, Decimal]:
    ids = [c.id for c in profile.competencies]
    weights = {competency_id: Decimal(1) for competency_id in ids}
    for competency_id, weight in position.weights:
        if competency_id not in weights:
            raise InputError(f"unknown competency '{competency_id}'"
                             f"{did_you_mean(competency_id, ids)}; `jdbuilder list "
                             "competencies` shows the ids", field="weights")
        weights[competency_id] = weight
    if not any(weights.values()):
        raise InputError("every competency weighs 0; give at least one a weight above 0",
                         field="weights")
    return weights


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _assessment(profile: Profile, level: Level, position: Position) -> dict[str, Any]:
    weights = _weights(profile, position)
    total = sum(weights.values())
    competencies = []
    for competency in profile.competencies:
        weight = weights[competency.id]
        competencies.append({
            "id": competency.id,
            "name": competency.name,
            "weight": _number(weight),
            "share": f"{(weight * 100 / total):.0f}%",
            "levels": [{"id": lv.id, "name": lv.name,
                        "statements": list(competency.statements[lv.id])}
                       for lv in profile.levels],
        })
    labels = [lv.name + (" (position's level)" if lv.id == level.id else "")
              for lv in profile.levels]
    return {
        "competencies": competencies,
        "pages": _assessment_pages(competencies, labels),
        "levels": [lv.name for lv in profile.levels],
        # The count of the position's level (Contributing 1, ...): a higher rating counts as it.
        "position_value": profile.levels.index(level) + 1,
        "weights_equal": len(set(weights.values())) == 1,
        "weight_total": _number(total),
    }


# The assessment worksheet is printed upright, 6.5 x 9 in of text on Letter with 1 in margins:
# two competencies and their evidence fit a page upright, where sideways (9 x 6.5 in) the fixed
# rows of two leave too little room to write.
# Measured per competency besides the text of its header and statements rows: the heading, the
# two rows' padding and the row to mark (0.76 in), and the space above the heading
# when it is not the first on its page; the "Competencies" heading and sentence on the first
# page take 0.92 in.
ASSESSMENT_TABLE_INCHES = 6.5
ASSESSMENT_PAGE_INCHES = 9.0 - 0.2  # less a margin for what the estimate misses
COMPETENCY_FRAME_INCHES = 55 / 72
HEADING_SPACE_INCHES = 10 / 72
COMPETENCIES_INTRO_INCHES = 66 / 72
# A full-width evidence row (6.5 in wide) of at least 1 in: three handwritten lines.
EVIDENCE_LEAST_INCHES = 1.0
EVIDENCE_MOST_INCHES = 3.0


def _assessment_pages(competencies: list[dict[str, Any]], labels: list[str]
                      ) -> list[list[dict[str, Any]]]:
    """The competencies two to a page, one where two would leave less than the least evidence
    row each; each competency gets its columns' widths and its page's share of what is left
    of the page as its evidence row."""
    for competency in competencies:
        widths, text = balanced_columns([lv["statements"] for lv in competency["levels"]],
                                        labels, ASSESSMENT_TABLE_INCHES)
        competency["widths"] = widths
        competency["inches"] = COMPETENCY_FRAME_INCHES + text

    def room(page: list[dict[str, Any]], first: bool) -> float:
        """Each evidence row's share of what the page's competencies leave."""
        used = sum(c["inches"] for c in page) + HEADING_SPACE_INCHES * (len(page) - 1)
        used += COMPETENCIES_INTRO_INCHES if first else 0
        return (ASSESSMENT_PAGE_INCHES - used) / len(page)

    pages: list[list[dict[str, Any]]] = []
    for competency in competencies:
        last = pages[-1] if pages else None
        if last is not None and len(last) == 1 and \
                room([*last, competency], len(pages) == 1) >= EVIDENCE_LEAST_INCHES:
            last.append(competency)
        else:
            pages.append([competency])
    for number, page in enumerate(pages):
        evidence = quarter_inches_down(min(room(page, number == 0), EVIDENCE_MOST_INCHES))
        for competency in page:
            competency["evidence_inches"] = max(evidence, EVIDENCE_LEAST_INCHES)
            del competency["inches"]
    return pages


def _ladder(profile: Profile, specialization: Specialization, focus: Level | None
            ) -> dict[str, Any]:
    settings = profile.ladder
    # Only the band's own words: the competency kit/ladder.yaml names, quoted per level.
    authority = profile.competency(settings.decision_authority) if settings else None
    levels = []
    for level in profile.levels:
        role = specialization.roles[level.id]
        levels.append({
            "id": level.id,
            "name": level.name,
            "title": role.title,
            "flsa": role.flsa,
            # The PD's third-person purpose, not the posting's summary written to applicants.
            "purpose": role.purpose,
            "supervision_received": role.supervision_received,
            "supervision_exercised": role.supervision_exercised,
            "duties": [duty.title for duty in role.duties],
            "decision_authority": (list(authority.statements[level.id]) if authority else []),
        })
    competencies = [{"id": c.id, "name": c.name,
                     "levels": [list(c.statements[lv.id]) for lv in profile.levels]}
                    for c in profile.competencies]
    return {"focus": focus.name if focus else None, "levels": levels,
            "competencies": competencies,
            "decision_authority": authority.name if authority else None}


# Template variables of the kit's kinds, as compose.CONTEXT_DOC documents the shared ones.
KIT_CONTEXT_DOC: dict[str, dict[str, str]] = {
    "interview": {
        "document_title": "the document's title (--set title, else the level's working title)",
        "interview.competencies[].id": "competency id, most central first",
        "interview.competencies[].name": "competency name",
        "interview.competencies[].statements[]": "its statements at this level, verbatim",
        "interview.competencies[].questions[]": "the numbers of the questions assessing it",
        "interview.questions[].number": "question number (1, 2, ...)",
        "interview.questions[].competency_id": "the competency the question assesses",
        "interview.questions[].competency_name": "its name",
        "interview.questions[].text": "the behavioural question, from kit/interview/",
        "interview.questions[].probes[]": "follow-up probes",
        "interview.questions[].anchors[].ratings": "the ratings an anchor covers: 1-2, 3, 4-5",
        "interview.questions[].notes_inches": "the notes row's height in inches: what the "
                                              "question's page leaves, 3 to 6",
        "interview.questions[].notes_apart": "true when the page leaves under 3 in: the "
                                             "notes row then has the next page to itself",
        "interview.questions[].anchors[].label": "Developing, Meets or Exceeds",
        "interview.questions[].anchors[].level_name": "the level whose statements anchor it "
                                                      "(below, this, above), none at the "
                                                      "band's edge",
        "interview.questions[].anchors[].statements[]": "that level's statements, verbatim",
        "interview.level_below": "name of the level below, none at the first level",
        "interview.level_above": "name of the level above, none at the last level",
        "interview.never_ask[].topic": "a topic never to ask about",
        "interview.never_ask[].guidance": "what not to ask, and what may be asked instead",
        "interview.never_ask[].sources[]": "the laws and guidance it rests on",
        "interview.never_ask[].state_rules[]": "what the employer's state's law adds to it",
        "interview.legal_basis.state_name": "the employer's state, or none when unknown",
        "interview.legal_basis.state_rules": "true when the guide carries that state's rules; "
                                             "false: federal law only",
        "interview.sources[].title": "a source the guide follows",
        "interview.sources[].url": "its address",
    },
    "panel": {},  # the interview guide's variables (filled in below)
    "screening": {
        "document_title": "the document's title (--set title, else the level's working title)",
        "screening.minimum[].code": "column code: M1, M2, ...",
        "screening.minimum[].label": "Education, Experience, or License or certification "
                                     "(one per licence the position requires)",
        "screening.minimum[].text": "the minimum qualification, as the profile states it",
        "screening.preferred[].code": "column code: P1, P2, ...",
        "screening.preferred[].text": "the preferred qualification",
        "screening.blank_rows": "how many blank applicant rows to draw",
    },
    "assessment": {
        "document_title": "the document's title (--set title, else the level's working title)",
        "assessment.competencies[].id": "competency id, in profile order (all of them)",
        "assessment.competencies[].name": "competency name",
        "assessment.competencies[].weight": "its weight (--set weights, else 1)",
        "assessment.competencies[].share": "its share of the total weight, as a percent",
        "assessment.competencies[].levels[].id": "level id",
        "assessment.competencies[].levels[].name": "level name",
        "assessment.competencies[].levels[].statements[]": "the statements at that level",
        "assessment.pages[]": "a printed page: the list of its competencies (each one of "
                              "assessment.competencies), two, or one where two would leave "
                              "less than 1 in each to write the evidence",
        "assessment.competencies[].widths[]": "each level column's width in percent, the "
                                              "longest statements given the most room",
        "assessment.competencies[].evidence_inches": "the evidence row's height in inches: "
                                                     "its share of what its page leaves, "
                                                     "1 to 3",
        "assessment.levels[]": "the level names, in order",
        "assessment.position_value": "the count of the position's level (1 for the first); "
                                     "a rating above it counts as it",
        "assessment.weights_equal": "true when every competency weighs the same",
        "assessment.weight_total": "the sum of the weights",
    },
    "ladder": {
        "document_title": "the document's title (--set title, else the specialization's name)",
        "ladder.focus": "the level asked for with -l, or none for all levels alike",
        "ladder.levels[].id": "level id",
        "ladder.levels[].name": "level name",
        "ladder.levels[].title": "the level's working title",
        "ladder.levels[].flsa": "its FLSA status",
        "ladder.levels[].purpose": "the primary purpose of the position at that level",
        "ladder.levels[].supervision_received": "supervision received",
        "ladder.levels[].supervision_exercised": "supervision exercised",
        "ladder.levels[].duties[]": "the titles of its duties",
        "ladder.levels[].decision_authority[]": "its statements of the decision authority "
                                                "competency, verbatim (none without "
                                                "kit/ladder.yaml)",
        "ladder.decision_authority": "the name of the competency kit/ladder.yaml names for the "
                                     "decision authority row, or none",
        "ladder.competencies[].id": "competency id",
        "ladder.competencies[].name": "competency name",
        "ladder.competencies[].levels[]": "per level, in order, the list of its statements "
                                          "(verbatim)",
    },
}
KIT_CONTEXT_DOC["panel"] = dict(KIT_CONTEXT_DOC["interview"])
