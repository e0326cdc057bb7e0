"""What a posting says: the required sections, no internal jargon or unexplained acronyms, and no
sentence repeated. (Pay and dates: .pay.)"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..readers import (
    HEADING,
    PROSE_KINDS,
    TEXT_CACHE_SIZE,
    PostingText,
    Sentence,
    normalise_sentence,
    split_sentences,
)
from .findings import ERROR, INFO, WARNING, CheckContext, Problem, finding, marked

# --- repetition ------------------------------------------------------------------------------
REPEATED_SENTENCE_MIN_WORDS = 5  # short labels ("Exempt.") may repeat by design




# ---------------------------------------------------------------------------------------------
# completeness

@dataclass(frozen=True)
class RequiredSection:
    name: str
    code: str
    severity: str
    heading: re.Pattern[str]
    body: re.Pattern[str] | None  # a sentence that does the job without a heading of its own
    advice: str


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


REQUIRED_SECTIONS = (
    RequiredSection(
        "summary", "summary-missing", WARNING,
        _words(r"\b(summary|overview|about (the|this) (role|position|job|opportunity)|"
               r"(the|your) (role|position|opportunity)$|(position|job|role) (summary|description|"
               r"purpose|overview)|primary purpose|purpose of (the )?(position|role|job)|"
               r"introduction|description of work|job description)\b"),
        None, "open with a short summary of the role (e.g. 'About the role')"),
    RequiredSection(
        "responsibilities", "responsibilities-missing", ERROR,
        _words(r"\b(responsibilit\w*|duties|duty|what you('ll| will) do|essential (job )?functions|"
               r"job functions|key (accountabilities|tasks)|accountabilities|your (role|work|day)|"
               r"day[- ]to[- ]day|the work|tasks|in this role)\b"),
        None, "list the duties (e.g. 'What you will do' or 'Responsibilities')"),
    RequiredSection(
        "qualifications", "qualifications-missing", ERROR,
        _words(r"\b(qualifications?|requirements|required (skills|experience|education)|"
               r"what you('ll| will)? bring|who you are|about you|skills|experience|education|"
               r"what we('re| are) looking for|competenc\w*|knowledge)\b"),
        None, "state the minimum qualifications (e.g. 'What you bring' or 'Qualifications')"),
    # Found by a section of its own or a link to apply at, never by the word "application"
    # alone: "answers questions on application status" tells no one how to apply.
    RequiredSection(
        "how to apply", "how-to-apply-missing", ERROR,
        _words(r"\b(how to apply|to apply|apply(ing)?( now| online| here| today)?|application "
               r"(process|instructions|procedures?)|next steps)\b"),
        _words(r"\b(apply|applications?|submit|send|email|upload)\b.*(https?://|www\.|mailto:|"
               r"\b[\w.+-]+@[\w-]+\.[\w.]+)"),
        "say how to apply (a 'How to apply' section with the link or steps; apply.url or "
        "apply.instructions in the --org file, --apply, or a spec's apply column)"),
    RequiredSection(
        "EEO statement", "eeo-statement-missing", ERROR,
        _words(r"\b(equal (employment )?opportunit\w*|eeo|non-?discrimination|affirmative action|"
               r"diversity|equity|inclusion)\b"),
        _words(r"\b(equal (employment )?opportunity|eeo\b|affirmative action|without regard to|"
               r"does not discriminate|do not discriminate)"),
        "add an equal employment opportunity statement (eeo_statement in the --org file)"),
)


# A required section a posting may leave to the applicant tracking system (--omit's names).
_OMITTABLE_SECTIONS = {"EEO statement": "eeo"}


def completeness_findings(posting: PostingText, omitted: tuple[str, ...] = ()) -> list[Problem]:
    # The title is no section heading ("Director of Diversity and Inclusion" is no EEO section).
    headings = [block.text for index, block in enumerate(posting.blocks)
                if block.kind == HEADING and not (index == 0 and block.level <= 1)]
    sentences = posting.sentences(PROSE_KINDS)
    findings = []
    for index, section in enumerate(REQUIRED_SECTIONS):
        if any(index in _sections_named(heading) for heading in headings):
            continue
        if section.body and any(index in _sections_done(s.text) for s in sentences):
            continue
        if section.name == "summary" and _has_opening_paragraph(posting):
            continue
        if _OMITTABLE_SECTIONS.get(section.name) in omitted:
            findings.append(finding("completeness", INFO,
                                    f"{section.name} left out on purpose (--omit): the applicant "
                                    "tracking system must add it",
                                    code=section.code.removesuffix("-missing") + "-omitted"))
            continue
        findings.append(finding("completeness", section.severity,
                                f"missing {section.name}: no heading such as "
                                f"{_example(section)}: {section.advice}", code=section.code))
    return findings


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _sections_named(heading: str) -> frozenset[int]:
    """The required sections a heading names (by their index in REQUIRED_SECTIONS)."""
    return frozenset(i for i, section in enumerate(REQUIRED_SECTIONS)
                     if section.heading.search(heading))


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # per distinct sentence: bulk builds repeat most of them
def _sections_done(sentence: str) -> frozenset[int]:
    """The required sections a sentence does the job of, without a heading of its own."""
    return frozenset(i for i, section in enumerate(REQUIRED_SECTIONS)
                     if section.body and section.body.search(sentence))


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


BAND_TITLE = "band-title"


@dataclass(frozen=True)
class JargonTerm:
    pattern: re.Pattern[str]
    severity: str
    explanation: str
    code: str = "internal-term"


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
               "a classification term from the pay plan; applicants do not know the bands",
               "band-title"),
    JargonTerm(re.compile(r"\b(banded|banding)\b", re.IGNORECASE), WARNING,
               "a classification term from the pay plan; say what it means for the job",
               "band-title"),
    JargonTerm(re.compile(r"\bcompetency levels?\b", re.IGNORECASE), WARNING,
               "a classification term; describe the experience expected instead", "level-name"),
    JargonTerm(re.compile(r"\b(pay|salary) (grade|band)s?\b", re.IGNORECASE), WARNING,
               "an internal pay-plan term; give the salary range instead", "band-title"),
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
# Capitals with digits too ("R2T4"), at least two letters; a plural "s" is allowed ("ISIRs").
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z0-9]s?\b")


def _context_terms(context: CheckContext) -> tuple[JargonTerm, ...]:
    """The band's own words (its titles, level names) and the field's internal codes."""
    terms = []
    for band_title in context.band_titles:
        terms.append(JargonTerm(re.compile(rf"\b{re.escape(band_title)}\b", re.IGNORECASE),
                                WARNING, "the classification's title, not this job's: "
                                "applicants search for the working title", BAND_TITLE))
    if context.level_names:
        levels = "|".join(re.escape(name) for name in context.level_names)
        terms.append(JargonTerm(re.compile(rf"\b({levels}) level\b"), WARNING,
                                "the band's level name is internal; describe the experience and "
                                "independence expected instead", "level-name"))
    for internal in context.vocabulary.internal_terms:
        terms.append(JargonTerm(re.compile(rf"(?<!\w){re.escape(internal.term)}(?!\w)"), WARNING,
                                f"an internal code applicants do not know; {internal.instead}"))
    return tuple(terms)


class _JargonScanner:
    """The terms for one band, title and vocabulary, each distinct sentence scanned once."""

    def __init__(self, terms: tuple[JargonTerm, ...]) -> None:
        self.terms = terms
        self._seen: dict[str, tuple[tuple[int, str, tuple[int, int]], ...]] = {}

    def scan(self, text: str) -> tuple[tuple[int, str, tuple[int, int]], ...]:
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) > TEXT_CACHE_SIZE:
                self._seen.clear()
            found = self._seen[text] = tuple(
                (index, match.group(0), match.span())
                for index, term in enumerate(self.terms) for match in term.pattern.finditer(text))
        return found


@lru_cache(maxsize=64)
def _scanner(context: CheckContext) -> _JargonScanner:
    return _JargonScanner(JARGON_TERMS + _context_terms(context))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _sentence_acronyms(text: str) -> tuple[tuple[str, tuple[int, int]], ...]:
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return ()  # a line in capitals is not full of acronyms
    found = []
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if base not in COMMON_ACRONYMS and sum(c.isalpha() for c in base) >= 2:
            found.append((base, (match.start(), match.start() + len(base))))
    return tuple(found)


def jargon_findings(posting: PostingText, context: CheckContext,
                    skip: Callable[[Sentence], bool] = lambda _: False) -> list[Problem]:
    """`skip` leaves sentences out (the organization's own statements)."""
    sentences = [s for s in posting.sentences() if not skip(s)]
    scanner = _scanner(context)
    terms = scanner.terms
    # A posting titled with the band's title may use it: the job's own title is no jargon.
    own_title = posting.title.casefold()
    hits: dict[int, list[tuple[Sentence, str, tuple[int, int]]]] = {}
    for sentence in sentences:
        if sentence.kind == HEADING and sentence.text == posting.title:
            continue
        for index, word, span in scanner.scan(sentence.text):
            if terms[index].code == BAND_TITLE and word.casefold() in own_title:
                continue
            hits.setdefault(index, []).append((sentence, word, span))
    findings: list[Problem] = []
    flagged: set[str] = set()
    for index in sorted(hits):
        term, found = terms[index], hits[index]
        first, word, span = found[0]
        flagged.add(word.upper())
        times = f" ({len(found)} times)" if len(found) > 1 else ""
        findings.append(finding("jargon", term.severity, f"'{word}'{times}: {term.explanation}",
                                first.where, marked(first.text, [span]), code=term.code))
    products = {name.upper() for name in context.vocabulary.product_names}
    findings.extend(_acronym_findings(posting, sentences, flagged | products))
    return findings


def _acronym_findings(posting: PostingText, sentences: list[Sentence], flagged: set[str]
                      ) -> list[Problem]:
    expanded: set[str] = set()
    for sentence in posting.sentences():
        expanded |= _expansions(sentence.text)
    seen: dict[str, list[tuple[Sentence, tuple[int, int]]]] = {}
    for sentence in sentences:
        if sentence.kind == HEADING:
            continue
        for acronym, span in _sentence_acronyms(sentence.text):
            if acronym not in flagged:
                seen.setdefault(acronym, []).append((sentence, span))
    findings = []
    for acronym, where in seen.items():
        if acronym in expanded:
            continue
        times = f" ({len(where)} times)" if len(where) > 1 else ""
        first, span = where[0]
        findings.append(finding("jargon", INFO,
                                f"'{acronym}'{times} is not spelled out; write it in full the first "
                                f"time, e.g. 'Full Name ({acronym})', or list it as a product name "
                                "(vocabulary.product_names)", first.where,
                                marked(first.text, [span]), code="acronym-not-spelled-out"))
    return findings


_EXPANSION = re.compile(r"\(([A-Z][A-Z0-9&]*[A-Z0-9])s?\)|\b([A-Z][A-Z0-9&]*[A-Z0-9])s?\s+\([A-Za-z]")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _expansions(text: str) -> frozenset[str]:
    """Acronyms the sentence spells out: 'Full Name (ABC)' or 'ABC (Full Name)'."""
    return frozenset(match.group(1) or match.group(2) for match in _EXPANSION.finditer(text))


# ---------------------------------------------------------------------------------------------
# repetition


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _normal(text: str) -> str:
    return normalise_sentence(text)


def repeated_sentences(texts: Iterable[str]) -> list[str]:
    """Sentences occurring more than once across `texts` (one document's blocks), compared
    without regard to case or spacing; each is returned once, as first written, in order."""
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for text in texts:
        for sentence in split_sentences(text):
            key = _normal(sentence)
            first.setdefault(key, sentence)
            counts[key] += 1
    return [first[key] for key in first if counts[key] > 1]


def repetition_findings(posting: PostingText) -> list[Problem]:
    sentences = posting.sentences(PROSE_KINDS)
    counts = Counter(_normal(s.text) for s in sentences)
    if max(counts.values(), default=0) < 2:
        return []  # the usual case, found without looking further
    repeated = repeated_sentences(s.text for s in sentences)
    # Each sentence's places, gathered in one pass (not one pass per repeated sentence).
    places_of: dict[str, list[str]] = {}
    for sentence in sentences:
        places_of.setdefault(_normal(sentence.text), []).append(sentence.where)
    findings = []
    for text in repeated:
        if len(text.split()) < REPEATED_SENTENCE_MIN_WORDS:
            continue
        places = places_of[_normal(text)]
        others = list(dict.fromkeys(places[1:]))  # a place once, however often it repeats there
        shown = "; ".join(others[:MAX_PLACES_NAMED]) + (
            f"; and {len(others) - MAX_PLACES_NAMED:,} more places"
            if len(others) > MAX_PLACES_NAMED else "")
        findings.append(finding("repetition", WARNING,
                                f"the same sentence appears {len(places):,} times (also at "
                                f"{shown})", places[0], text))
    return findings


MAX_PLACES_NAMED = 10  # a finding is one line: the rest are counted, not listed
