"""What a posting says: a pay range, the required sections, no internal jargon or unexplained
acronyms, and no sentence repeated."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..readers import HEADING, PROSE_KINDS, PostingText, Sentence, normalise_sentence, split_sentences
from .findings import ERROR, INFO, WARNING, CheckContext, Finding

# --- repetition ------------------------------------------------------------------------------
REPEATED_SENTENCE_MIN_WORDS = 5  # short labels ("Exempt.") may repeat by design




# ---------------------------------------------------------------------------------------------
# pay transparency

_AMOUNT = (r"(?:(?:US|CA|AU|NZ)?\$|[€£¥])\s?\d[\d,.\s]*\d(?:\s?[kK]\b)?"
           r"|\d{1,3}(?:,\d{3})+(?:\.\d{2})?\s?(?:[kK]\b)?(?:\s?(?:USD|CAD|EUR|GBP|AUD|dollars))?"
           r"|\d+(?:\.\d+)?\s?(?:USD|CAD|EUR|GBP|AUD)\b")
_RANGE = re.compile(rf"(?:{_AMOUNT})\s*(?:-|–|—|to|and|through)\s*(?:{_AMOUNT}|\d[\d,.]*\d\s?[kK]?)",
                    re.IGNORECASE)
_SINGLE = re.compile(rf"(?:{_AMOUNT})", re.IGNORECASE)
_PAY_WORDS = re.compile(r"\b(salary|pay|wage|compensation|hiring range|per (hour|year|annum|month)"
                        r"|hourly|annual(ly)?)\b", re.IGNORECASE)


PAY_SOURCE = ("pay-transparency laws requiring a good-faith pay range in postings, e.g. Colorado "
              "(2021), California, Washington and New York State (2023)")


def pay_findings(posting: PostingText) -> list[Finding]:
    sentences = posting.sentences()
    if any(_RANGE.search(sentence.text) for sentence in sentences):
        return []
    for sentence in sentences:
        if _SINGLE.search(sentence.text) and _PAY_WORDS.search(sentence.text):
            return [Finding("pay-transparency", WARNING,
                            "one pay figure, not a range: give the lowest and highest pay "
                            "expected (salary_min and salary_max)", sentence.where,
                            sentence.text, PAY_SOURCE)]
    return [Finding("pay-transparency", WARNING,
                    "no salary range: give the lowest and highest pay expected (salary_min and "
                    "salary_max); several US states require it and a stated range draws more "
                    "applicants", source=PAY_SOURCE)]


# ---------------------------------------------------------------------------------------------
# completeness

@dataclass(frozen=True)
class RequiredSection:
    name: str
    severity: str
    heading: re.Pattern[str]
    body: re.Pattern[str] | None  # a sentence that does the job without a heading of its own
    advice: str


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


REQUIRED_SECTIONS = (
    RequiredSection(
        "summary", WARNING,
        _words(r"\b(summary|overview|about (the|this) (role|position|job|opportunity)|"
               r"(the|your) (role|position|opportunity)$|(position|job|role) (summary|description|"
               r"purpose|overview)|primary purpose|purpose of (the )?(position|role|job)|"
               r"introduction|description of work|job description)\b"),
        None, "open with a short summary of the role (e.g. 'About the role')"),
    RequiredSection(
        "responsibilities", ERROR,
        _words(r"\b(responsibilit\w*|duties|duty|what you('ll| will) do|essential (job )?functions|"
               r"job functions|key (accountabilities|tasks)|accountabilities|your (role|work|day)|"
               r"day[- ]to[- ]day|the work|tasks|in this role)\b"),
        None, "list the duties (e.g. 'What you will do' or 'Responsibilities')"),
    RequiredSection(
        "qualifications", ERROR,
        _words(r"\b(qualifications?|requirements|required (skills|experience|education)|"
               r"what you('ll| will)? bring|who you are|about you|skills|experience|education|"
               r"what we('re| are) looking for|competenc\w*|knowledge)\b"),
        None, "state the minimum qualifications (e.g. 'What you bring' or 'Qualifications')"),
    RequiredSection(
        "how to apply", ERROR,
        _words(r"\b(how to apply|to apply|apply(ing)?( now| online)?|application (process|"
               r"instructions|procedures?|deadline)|applications?|next steps)\b"),
        _words(r"\b(apply|applications?)\b[^.]*\b(online|https?://|www\.|through (our|the|\w+ "
               r"(portal|website|site))|via|by (sending|emailing|submitting|visiting))|"
               r"\b(submit|send|email|upload)\b[^.]*\b(r[ée]sum[ée]|cv|cover letter|application)"),
        "say how to apply (a 'How to apply' section with the link or steps; apply.url or "
        "apply.instructions in the --org file)"),
    RequiredSection(
        "EEO statement", ERROR,
        _words(r"\b(equal (employment )?opportunit\w*|eeo|non-?discrimination|affirmative action|"
               r"diversity|equity|inclusion)\b"),
        _words(r"\b(equal (employment )?opportunity|eeo\b|affirmative action|without regard to|"
               r"does not discriminate|do not discriminate)"),
        "add an equal employment opportunity statement (eeo_statement in the --org file)"),
)


def completeness_findings(posting: PostingText) -> list[Finding]:
    # The title is no section heading ("Director of Diversity and Inclusion" is no EEO section).
    headings = [block.text for index, block in enumerate(posting.blocks)
                if block.kind == HEADING and not (index == 0 and block.level <= 1)]
    sentences = posting.sentences(PROSE_KINDS)
    findings = []
    for section in REQUIRED_SECTIONS:
        if any(section.heading.search(heading) for heading in headings):
            continue
        if section.body and any(section.body.search(s.text) for s in sentences):
            continue
        if section.name == "summary" and _has_opening_paragraph(posting):
            continue
        findings.append(Finding("completeness", section.severity,
                                f"missing {section.name}: no heading such as "
                                f"{_example(section)}: {section.advice}"))
    return findings


def _example(section: RequiredSection) -> str:
    return {"summary": "'About the role' or 'Summary'",
            "responsibilities": "'Responsibilities' or 'What you will do'",
            "qualifications": "'Qualifications' or 'What you bring'",
            "how to apply": "'How to apply'",
            "EEO statement": "'Equal employment opportunity'"}[section.name]


def _has_opening_paragraph(posting: PostingText) -> bool:
    """A posting written elsewhere often opens with a summary paragraph under the title only."""
    sections = posting.sections()
    for section in sections[:2]:
        for block in section.blocks:
            if block.kind == "paragraph" and len(block.text.split()) >= 20:
                return True
    return False


# ---------------------------------------------------------------------------------------------
# jargon


@dataclass(frozen=True)
class JargonTerm:
    pattern: re.Pattern[str]
    severity: str
    explanation: str


JARGON_TERMS = (
    JargonTerm(re.compile(r"\bSHRA\b"), WARNING,
               "an internal personnel category (State Human Resources Act); say what it means "
               "for the applicant (e.g. benefits eligibility) or leave it out"),
    JargonTerm(re.compile(r"\bEHRA\b"), WARNING,
               "an internal personnel category (exempt from the State Human Resources Act); "
               "leave it out of an external posting"),
    JargonTerm(re.compile(r"\bFLSA\b"), WARNING,
               "'FLSA status' means little to applicants; say 'not eligible for overtime "
               "(exempt)' or 'eligible for overtime (non-exempt)'"),
    JargonTerm(re.compile(r"\bcareer[- ]band(s|ed|ing)?\b", re.IGNORECASE), WARNING,
               "a classification term from the pay plan; applicants do not know the bands"),
    JargonTerm(re.compile(r"\b(banded|banding)\b", re.IGNORECASE), WARNING,
               "a classification term from the pay plan; say what it means for the job"),
    JargonTerm(re.compile(r"\bcompetency levels?\b", re.IGNORECASE), WARNING,
               "a classification term; describe the experience expected instead"),
    JargonTerm(re.compile(r"\b(pay|salary) (grade|band)s?\b", re.IGNORECASE), WARNING,
               "an internal pay-plan term; give the salary range instead"),
    JargonTerm(re.compile(r"\b(job )?class(ification)? codes?\b", re.IGNORECASE), WARNING,
               "an internal classification code; leave it out"),
    JargonTerm(re.compile(r"\bposition (number|no\.?|#)|\bPOSN\b", re.IGNORECASE), INFO,
               "an internal identifier; keep it only if applicants must quote it"),
)

# Acronyms every applicant knows, and US state codes.
COMMON_ACRONYMS = frozenset({
    "US", "USA", "UK", "EU", "HR", "IT", "ID", "GPA", "FAQ", "PDF", "CEO", "CFO", "AM", "PM", "TV",
    "OK", "ACT", "SAT", "GED", "COVID", "STEM", "LGBTQ", "LGBTQIA", "AI", "GPS", "DC", "II", "III",
    "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "CV", "EEO", "USD", "CAD", "EUR", "GBP", "NASA",
    "SSN", "URL", "IRS", "MBA", "CPR", "AED", "ZIP", "GI", "SQL",
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "IA", "IL", "IN", "KS", "KY",
    "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
    "NY", "OH", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
})
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")


def jargon_findings(posting: PostingText, context: CheckContext) -> list[Finding]:
    sentences = posting.sentences()
    findings: list[Finding] = []
    flagged: set[str] = set()
    terms = list(JARGON_TERMS)
    if context.level_names:
        levels = "|".join(re.escape(name) for name in context.level_names)
        terms.append(JargonTerm(re.compile(rf"\b({levels}) level\b"), WARNING,
                                "the band's level name is internal; describe the experience and "
                                "independence expected instead"))
    for term in terms:
        hits = [(s, m) for s in sentences for m in term.pattern.finditer(s.text)]
        if not hits:
            continue
        first, match = hits[0]
        flagged.add(match.group(0).upper())
        times = f" ({len(hits)} times)" if len(hits) > 1 else ""
        findings.append(Finding("jargon", term.severity,
                                f"'{match.group(0)}'{times}: {term.explanation}",
                                first.where, first.text))
    findings.extend(_acronym_findings(posting, sentences, flagged))
    return findings


def _acronym_findings(posting: PostingText, sentences: list[Sentence], flagged: set[str]
                      ) -> list[Finding]:
    text = posting.text()
    seen: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.kind == HEADING:
            continue
        letters = [c for c in sentence.text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue  # a line in capitals is not full of acronyms
        for match in _ACRONYM.finditer(sentence.text):
            word = match.group(0)
            base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
            if base in COMMON_ACRONYMS or base in flagged or len(base) < 2:
                continue
            seen.setdefault(base, []).append(sentence)
    findings = []
    for acronym, where in seen.items():
        if _expanded(acronym, text):
            continue
        times = f" ({len(where)} times)" if len(where) > 1 else ""
        findings.append(Finding("jargon", INFO,
                                f"'{acronym}'{times} is not spelled out; write it in full the first "
                                f"time, e.g. 'Full Name ({acronym})'", where[0].where,
                                where[0].text))
    return findings


def _expanded(acronym: str, text: str) -> bool:
    """'Full Name (ABC)' or 'ABC (Full Name)' anywhere in the document."""
    escaped = re.escape(acronym)
    return bool(re.search(rf"\({escaped}s?\)", text) or re.search(rf"\b{escaped}\s+\([A-Za-z]", text))


# ---------------------------------------------------------------------------------------------
# repetition


def repeated_sentences(texts: Iterable[str]) -> list[str]:
    """Sentences occurring more than once across `texts` (one document's blocks), compared
    without regard to case or spacing; each is returned once, as first written, in order."""
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for text in texts:
        for sentence in split_sentences(text):
            key = normalise_sentence(sentence)
            first.setdefault(key, sentence)
            counts[key] += 1
    return [first[key] for key in first if counts[key] > 1]


def repetition_findings(posting: PostingText) -> list[Finding]:
    sentences = posting.sentences(PROSE_KINDS)
    repeated = repeated_sentences(s.text for s in sentences)
    findings = []
    for text in repeated:
        if len(text.split()) < REPEATED_SENTENCE_MIN_WORDS:
            continue
        places = [s.where for s in sentences if normalise_sentence(s.text) ==
                  normalise_sentence(text)]
        findings.append(Finding("repetition", WARNING,
                                f"the same sentence appears {len(places)} times (also at "
                                f"{'; '.join(places[1:])})", places[0], text))
    return findings
