"""Gendered wording: masculine- and feminine-coded words, counted and pointed at."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data.gendered_words import FEMININE_CODED, MASCULINE_CODED
from ..data.gendered_words import SOURCE as GENDERED_SOURCE
from ..readers import PostingText, Sentence
from .findings import INFO, WARNING, CheckContext, Finding

# --- gendered wording ------------------------------------------------------------------------
# Gaucher, Friesen & Kay (2011) found masculine-coded wording made jobs less appealing to women and
# lowered their sense of belonging; feminine-coded wording had no such effect on men. So the balance
# only warns when masculine-coded words outnumber feminine-coded ones, as Kat Matfield's Gender
# Decoder (built on the paper's lists) labels an ad "masculine-coded".
GENDERED_WARN_BALANCE = 1
GENDERED_RULE = (f"word lists: {GENDERED_SOURCE}; warns when masculine-coded words outnumber "
                 "feminine-coded ones, as Matfield's Gender Decoder labels an ad masculine-coded")


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
