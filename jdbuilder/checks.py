"""Posting quality checks: pure functions over a posting's text, each finding pointing at a place.

Every threshold below is a named constant with its source, and the README section "Checking a
posting" repeats them. The checks read a `PostingText` (jdbuilder.readers), so a posting written
elsewhere is checked exactly like one jdbuilder built.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data.gendered_words import FEMININE_CODED, MASCULINE_CODED
from .data.gendered_words import SOURCE as GENDERED_SOURCE
from .errors import JdbuilderError
from .readers import (
    HEADING,
    PROSE_KINDS,
    PostingText,
    Sentence,
    from_model,
    normalise_sentence,
    read_posting,
    split_sentences,
)

if TYPE_CHECKING:
    from .markup import DocumentModel
    from .pipeline import Pipeline
    from .profile import Profile

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

# --- readability -----------------------------------------------------------------------------
# Flesch (1948), "A new readability yardstick", Journal of Applied Psychology 32(3): a reading ease
# of 50-60 is "fairly difficult" (10th to 12th grade), 30-50 "difficult" (college), below 30 "very
# difficult" (college graduate). A posting should be readable by anyone with a high-school
# education, so the target is reading ease >= 50 and Flesch-Kincaid grade <= 12. That is already
# lenient: Microsoft Word's readability help recommends 60-70 and grade 7-8 for most documents.
READING_EASE_MIN = 50.0
GRADE_MAX = 12.0
READABILITY_SOURCE = ("Flesch (1948) reading-ease bands: 50 and above is at most 'fairly difficult' "
                      "(high school); Microsoft Word's readability help recommends 60-70 and "
                      "grade 7-8 for most documents")
HARDEST_SENTENCES_SHOWN = 3

# --- length ----------------------------------------------------------------------------------
# Appcast's study of ~400,000 job seekers and 30,051 applications (ERE.net, "Long Job Descriptions
# and Titles Can Hurt You. And So Can Short Ones", 2015): click-to-apply was up to five times higher
# for descriptions of 2,000-10,000 characters than for shorter or longer ones; under 1,000
# characters it fell to 3.0%, over 10,000 to 6.7%.
LENGTH_MIN_CHARS = 2_000
LENGTH_MAX_CHARS = 10_000
LENGTH_SOURCE = ("Appcast, ~400,000 job seekers (ERE.net, 2015): click-to-apply up to five times "
                 "higher for descriptions of 2,000-10,000 characters")

# --- gendered wording ------------------------------------------------------------------------
# Gaucher, Friesen & Kay (2011) found masculine-coded wording made jobs less appealing to women and
# lowered their sense of belonging; feminine-coded wording had no such effect on men. So the balance
# only warns when masculine-coded words outnumber feminine-coded ones, as Kat Matfield's Gender
# Decoder (built on the paper's lists) labels an ad "masculine-coded".
GENDERED_WARN_BALANCE = 1
GENDERED_RULE = (f"word lists: {GENDERED_SOURCE}; warns when masculine-coded words outnumber "
                 "feminine-coded ones, as Matfield's Gender Decoder labels an ad masculine-coded")

# --- repetition ------------------------------------------------------------------------------
REPEATED_SENTENCE_MIN_WORDS = 5  # short labels ("Exempt.") may repeat by design


@dataclass(frozen=True)
class Finding:
    check: str  # gendered-wording | readability | length | pay-transparency | completeness |
    #             jargon | repetition | spec
    severity: str  # error | warning | info
    message: str
    where: str = "whole document"
    text: str = ""  # the sentence or field the finding points at
    source: str = ""  # where the threshold or word list comes from

    def line(self) -> str:
        return f"{self.check}: {self.message} ({self.where})"

    def to_json(self) -> dict[str, str]:
        data = {"check": self.check, "severity": self.severity, "message": self.message,
                "where": self.where}
        if self.text:
            data["text"] = self.text
        if self.source:
            data["source"] = self.source
        return data


@dataclass(frozen=True)
class Report:
    """The findings for one document, plus the figures behind them (for --json)."""

    source: str
    findings: tuple[Finding, ...]
    figures: dict[str, Any] = field(default_factory=dict, compare=False)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source,
                "summary": {severity: self.count(severity) for severity in SEVERITIES},
                "figures": self.figures,
                "findings": [finding.to_json() for finding in self.findings]}


@dataclass(frozen=True)
class CheckContext:
    """What the checks know about the band: its competency names and level names."""

    competency_names: tuple[str, ...] = ()
    level_names: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Profile | None) -> CheckContext:
        if profile is None:
            return cls()
        return cls(tuple(c.name for c in profile.competencies),
                   tuple(level.name for level in profile.levels))


# ---------------------------------------------------------------------------------------------
# gendered wording

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True)
class GenderedHit:
    word: str
    stem: str  # as the paper lists it, e.g. "lead*"
    coding: str  # masculine | feminine
    sentence: Sentence
    exempt: bool = False  # inside a competency name the band mandates


@dataclass(frozen=True)
class GenderedCounts:
    hits: tuple[GenderedHit, ...]

    def _count(self, coding: str) -> int:
        return sum(1 for hit in self.hits if hit.coding == coding and not hit.exempt)

    @property
    def masculine(self) -> int:
        return self._count("masculine")

    @property
    def feminine(self) -> int:
        return self._count("feminine")

    @property
    def balance(self) -> int:
        """Masculine-coded minus feminine-coded words; above zero leans masculine."""
        return self.masculine - self.feminine

    @property
    def verdict(self) -> str:
        if self.balance > 0:
            return "masculine-coded"
        if self.balance < 0:
            return "feminine-coded"
        return "neutral"

    def words(self, coding: str, exempt: bool = False) -> Counter[str]:
        return Counter(hit.word.lower() for hit in self.hits
                       if hit.coding == coding and hit.exempt == exempt)


def stem_matches(stem: str, word: str) -> bool:
    """The paper's convention: 'compet*' matches words starting with 'compet'; 'decide' only the
    whole word 'decide'. Case does not matter."""
    stem, word = stem.lower(), word.lower()
    if stem.endswith("*"):
        return word.startswith(stem[:-1])
    return word == stem


@lru_cache(maxsize=1 << 16)  # postings share most of their words; the lists are scanned once each
def coded_stem(word: str, hyphenated: bool = False) -> tuple[str, str] | None:
    """(stem, 'masculine' | 'feminine') for a word on either list, else None. `hyphenated`
    tries only the stems written with a hyphen ('self-confiden*')."""
    for coding, stems in (("masculine", MASCULINE_CODED), ("feminine", FEMININE_CODED)):
        for stem in stems:
            if ("-" in stem) == hyphenated and stem_matches(stem, word):
                return stem, coding
    return None


@lru_cache(maxsize=1 << 14)  # a bulk build checks the same sentences in document after document
def _coded_words(text: str) -> tuple[tuple[str, int, int, str, str], ...]:
    return tuple(_scan_coded_words(text))


def _scan_coded_words(text: str) -> Iterator[tuple[str, int, int, str, str]]:
    """(word, start, end, stem, coding) for each coded word; a hyphenated word is matched whole
    ('self-confident') and else part by part ('decision-making' -> 'decision')."""
    for match in _WORD.finditer(text):
        token = re.sub(r"['’]s$", "", match.group(0))
        found = coded_stem(token, hyphenated=True) if "-" in token else None
        if found:
            yield token, match.start(), match.start() + len(token), *found
            continue
        offset = match.start()
        for part in re.split(r"([-'’])", token):
            if part and part not in "-'’":
                found = coded_stem(part)
                if found:
                    yield part, offset, offset + len(part), *found
            offset += len(part)


def _name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    if not names:
        return []
    return [match.span() for match in _names_pattern(tuple(names)).finditer(text)]


@lru_cache(maxsize=8)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "Managing Work and Performance" wins over a shorter name inside it.
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def gendered_counts(sentences: Iterable[Sentence], competency_names: Sequence[str] = ()
                    ) -> GenderedCounts:
    hits = []
    for sentence in sentences:
        spans = _name_spans(sentence.text, competency_names)
        for word, start, end, stem, coding in _coded_words(sentence.text):
            exempt = any(low <= start and end <= high for low, high in spans)
            hits.append(GenderedHit(word, stem, coding, sentence, exempt))
    return GenderedCounts(tuple(hits))


def _listing(words: Counter[str]) -> str:
    return ", ".join(f"{word} ×{n}" if n > 1 else word for word, n in words.most_common())


def gendered_findings(posting: PostingText, context: CheckContext) -> tuple[GenderedCounts,
                                                                            list[Finding]]:
    counts = gendered_counts(posting.sentences(), context.competency_names)
    masculine, feminine = counts.words("masculine"), counts.words("feminine")
    summary = (f"{counts.masculine} masculine-coded word(s) ({_listing(masculine) or 'none'}) "
               f"against {counts.feminine} feminine-coded ({_listing(feminine) or 'none'}); "
               f"balance {counts.balance:+d}, {counts.verdict}")
    if counts.balance < GENDERED_WARN_BALANCE:
        findings = [Finding("gendered-wording", INFO, summary, source=GENDERED_RULE)]
    else:
        findings = [Finding("gendered-wording", WARNING,
                            f"{summary}; such wording makes a job less appealing to women: "
                            "reword some of the marked words or balance them",
                            source=GENDERED_RULE)]
        # Point at the first sentence of each masculine-coded stem, once per stem.
        by_stem: dict[str, list[GenderedHit]] = {}
        for hit in counts.hits:
            if hit.coding == "masculine" and not hit.exempt:
                by_stem.setdefault(hit.stem, []).append(hit)
        for stem, hits in by_stem.items():
            words = sorted({hit.word.lower() for hit in hits})
            times = f", {len(hits)} times" if len(hits) > 1 else ""
            findings.append(Finding("gendered-wording", INFO,
                                    f"masculine-coded '{stem}' ({', '.join(words)}{times}); "
                                    "first here", hits[0].sentence.where, hits[0].sentence.text))
    exempt = counts.words("masculine", exempt=True) + counts.words("feminine", exempt=True)
    if exempt:
        findings.append(Finding(
            "gendered-wording", INFO,
            f"not counted: {_listing(exempt)}, only inside the band's competency names, which the "
            "profile mandates word for word"))
    return counts, findings


# ---------------------------------------------------------------------------------------------
# readability


def _textstat_text(sentences: Iterable[Sentence]) -> str:
    """Sentences as textstat should see them: one full stop each. Its sentence splitter breaks at
    every full stop, so 'a.m.' or '24.50' inside a sentence would count as extra sentences."""
    out = []
    for sentence in sentences:
        text = sentence.text.rstrip()
        body, end = (text[:-1], text[-1]) if text[-1:] in ".!?" else (text, ".")
        out.append(body.replace(".", "") + end)
    return " ".join(out)


def readability_scores(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade), computed by textstat."""
    import textstat

    return float(textstat.flesch_reading_ease(text)), float(textstat.flesch_kincaid_grade(text))


def readability_findings(posting: PostingText) -> tuple[dict[str, float], list[Finding]]:
    sentences = posting.sentences(PROSE_KINDS)
    if not sentences:
        return {}, []
    ease, grade = readability_scores(_textstat_text(sentences))
    figures = {"flesch_reading_ease": round(ease, 1), "flesch_kincaid_grade": round(grade, 1)}
    scores = f"Flesch reading ease {ease:.1f}, Flesch-Kincaid grade {grade:.1f}"
    target = f"reading ease {READING_EASE_MIN:g} or more and grade {GRADE_MAX:g} or less"
    if ease >= READING_EASE_MIN and grade <= GRADE_MAX:
        return figures, [Finding("readability", INFO, f"{scores}: within the target ({target})",
                                 source=READABILITY_SOURCE)]
    findings = [Finding("readability", WARNING,
                        f"{scores}: harder than the target ({target}); shorten sentences and "
                        "prefer short words", source=READABILITY_SOURCE)]
    graded = sorted(((readability_scores(_textstat_text([s]))[1], index, s)
                     for index, s in enumerate(sentences) if len(s.text.split()) > 12),
                    reverse=True)[:HARDEST_SENTENCES_SHOWN]
    for sentence_grade, _, sentence in sorted(graded, key=lambda item: item[1]):
        findings.append(Finding("readability", INFO,
                                f"one of the hardest sentences (grade {sentence_grade:.0f}, "
                                f"{len(sentence.text.split())} words)", sentence.where,
                                sentence.text))
    return figures, findings


# ---------------------------------------------------------------------------------------------
# length


def length_findings(posting: PostingText) -> tuple[dict[str, int], list[Finding]]:
    text = " ".join(block.text for block in posting.blocks)
    characters, words = len(text), len(_WORD.findall(text))
    figures = {"characters": characters, "words": words}
    size = f"{characters:,} characters ({words:,} words)"
    if characters < LENGTH_MIN_CHARS:
        return figures, [Finding("length", WARNING,
                                 f"too short: {size}, under {LENGTH_MIN_CHARS:,}; applicants need "
                                 "the duties, qualifications and pay to decide",
                                 source=LENGTH_SOURCE)]
    if characters > LENGTH_MAX_CHARS:
        return figures, [Finding("length", WARNING,
                                 f"too long: {size}, over {LENGTH_MAX_CHARS:,}; cut what an "
                                 "applicant does not need to decide to apply",
                                 source=LENGTH_SOURCE)]
    return figures, [Finding("length", INFO, f"{size}, within {LENGTH_MIN_CHARS:,}-"
                                             f"{LENGTH_MAX_CHARS:,}", source=LENGTH_SOURCE)]


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


# ---------------------------------------------------------------------------------------------
# all together


def check_text(posting: PostingText, context: CheckContext | None = None, kind: str = "posting"
               ) -> Report:
    """Every check on one posting. A position description (an internal document) gets only the
    wording checks: gendered wording, readability and repetition."""
    context = context or CheckContext()
    gendered, findings = gendered_findings(posting, context)
    readability, more = readability_findings(posting)
    findings += more
    figures: dict[str, Any] = {"masculine_coded": gendered.masculine,
                               "feminine_coded": gendered.feminine,
                               "balance": gendered.balance, "coding": gendered.verdict,
                               **readability}
    findings += repetition_findings(posting)
    if kind == "posting":
        length, more = length_findings(posting)
        figures.update(length)
        findings += more
        findings += pay_findings(posting)
        findings += completeness_findings(posting)
        findings += jargon_findings(posting, context)
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda finding: order[finding.severity])
    return Report(posting.source, tuple(findings), figures)


def check_model(model: DocumentModel, profile: Profile | None = None, kind: str = "posting"
                ) -> list[Finding]:
    """The checks on a document jdbuilder built (what `posting` and `build` call)."""
    posting = from_model(model, model.title or "document")
    return list(check_text(posting, CheckContext.from_profile(profile), kind).findings)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings `--strict` refuses to write with: errors and warnings."""
    return [finding for finding in findings if finding.severity in (ERROR, WARNING)]


# ---------------------------------------------------------------------------------------------
# files and specs (what `jdbuilder check` runs)

SPEC_SUFFIXES = (".yaml", ".yml", ".csv")


def check_files(paths: Iterable[Path], pipeline: Pipeline) -> list[Report]:
    """One report per posting file, and one per document a spec file would build."""
    context = CheckContext.from_profile(pipeline.profile)
    reports: list[Report] = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() in SPEC_SUFFIXES:
            reports.extend(check_spec(path, pipeline, context))
            continue
        try:
            posting = read_posting(path)
        except JdbuilderError as exc:
            reports.append(Report(str(path), (Finding("read", ERROR, exc.message),)))
            continue
        reports.append(check_text(posting, context))
    return reports


def check_spec(path: Path, pipeline: Pipeline, context: CheckContext | None = None
               ) -> list[Report]:
    """Every document the spec would build, checked as built; spec problems are errors."""
    from .spec import load_spec

    context = context or CheckContext.from_profile(pipeline.profile)
    try:
        entries, problems = load_spec(path, pipeline)
    except JdbuilderError as exc:
        return [Report(str(path), (Finding("spec", ERROR, exc.message),))]
    reports = []
    if problems:
        reports.append(Report(str(path), tuple(Finding("spec", ERROR, problem.message,
                                                       problem.where) for problem in problems)))
    for entry in entries:
        kind = entry.request.kind
        try:
            composed = pipeline.compose(entry.request, entry.organization)
            model = pipeline.model(composed)
        except JdbuilderError as exc:
            reports.append(Report(entry.where, (Finding("spec", ERROR, exc.message,
                                                        entry.where),)))
            continue
        report = check_text(from_model(model, f"{entry.where} ({model.title}, {kind})"), context,
                            kind)
        if entry.format == "jsonld":
            report = _with_jsonld_problem(report, model, composed.context, entry.where)
        reports.append(report)
    return reports


def _with_jsonld_problem(report: Report, model: DocumentModel, context: dict[str, Any],
                         where: str) -> Report:
    """A JSON-LD document Google would reject is an error, as building it would be."""
    from .compose import build_date
    from .writers.jsonld import job_posting

    try:
        job_posting(model, context, build_date())
    except JdbuilderError as exc:
        finding = Finding("structured-data", ERROR, exc.message, where)
        return Report(report.source, (finding, *report.findings), report.figures)
    return report


def has_errors(reports: Iterable[Report]) -> bool:
    return any(report.count(ERROR) for report in reports)


def reports_json(reports: Sequence[Report]) -> dict[str, Any]:
    return {"documents": [report.to_json() for report in reports],
            "summary": {"documents": len(reports),
                        **{severity: sum(r.count(severity) for r in reports)
                           for severity in SEVERITIES}}}


def _counted(report_counts: dict[str, int]) -> str:
    names = {ERROR: "error", WARNING: "warning", INFO: "info"}
    return ", ".join(f"{count} {names[severity]}{'s' if count != 1 and severity != INFO else ''}"
                     for severity, count in report_counts.items())


def reports_text(reports: Sequence[Report]) -> str:
    """The human report: each document, its figures, then its findings worst first."""
    lines: list[str] = []
    for report in reports:
        lines.append(report.source)
        figures = _figures_line(report.figures)
        if figures:
            lines.append(f"  {figures}")
        for finding in report.findings:
            lines.append(f"  {finding.severity:<7}  {finding.check}: {finding.message}")
            lines.append(f"           at {finding.where}")
            if finding.text:
                quoted = finding.text if len(finding.text) <= 100 else finding.text[:97] + "..."
                lines.append(f'           "{quoted}"')
            if finding.source:
                lines.append(f"           source: {finding.source}")
        lines.append("  " + _counted({severity: report.count(severity)
                                       for severity in SEVERITIES}))
        lines.append("")
    total = {severity: sum(r.count(severity) for r in reports) for severity in SEVERITIES}
    lines.append(f"{len(reports)} document(s) checked: {_counted(total)}")
    return "\n".join(lines)


def _figures_line(figures: dict[str, Any]) -> str:
    parts = []
    if "words" in figures:
        parts.append(f"{figures['words']:,} words, {figures['characters']:,} characters")
    if "flesch_reading_ease" in figures:
        parts.append(f"reading ease {figures['flesch_reading_ease']}, "
                     f"grade {figures['flesch_kincaid_grade']}")
    if "balance" in figures:
        parts.append(f"gender-coded words {figures['masculine_coded']} masculine / "
                     f"{figures['feminine_coded']} feminine ({figures['coding']})")
    return "; ".join(parts)
