"""Gendered wording: masculine- and feminine-coded words, counted and pointed at."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data.gendered_words import FEMININE_CODED, MASCULINE_CODED
from ..data.gendered_words import SOURCE as GENDERED_SOURCE
from ..readers import TEXT_CACHE_SIZE, PostingText, Sentence
from .findings import INFO, WARNING, CheckContext, Problem, finding, marked

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

WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True)
class GenderedHit:
    word: str
    stem: str  # as the paper lists it, e.g. "lead*"
    coding: str  # masculine | feminine
    sentence: Sentence
    exempt: str = ""  # why it is not counted: COMPETENCY_NAME | TERM_OF_TRADE
    span: tuple[int, int] = (0, 0)  # where the word sits in the sentence


COMPETENCY_NAME, TERM_OF_TRADE = "competency name", "term of the trade"


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

    def words(self, coding: str, exempt: str = "") -> Counter[str]:
        return Counter(hit.word.lower() for hit in self.hits
                       if hit.coding == coding and hit.exempt == exempt)


def stem_matches(stem: str, word: str) -> bool:
    """The paper's convention: 'compet*' matches words starting with 'compet'; 'decide' only the
    whole word 'decide'. Case does not matter."""
    stem, word = stem.lower(), word.lower()
    if stem.endswith("*"):
        return word.startswith(stem[:-1])
    return word == stem


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # postings share most of their words
def coded_stem(word: str, hyphenated: bool = False) -> tuple[str, str] | None:
    """(stem, 'masculine' | 'feminine') for a word on either list, else None. `hyphenated`
    tries only the stems written with a hyphen ('self-confiden*'). Where two stems match, the
    one listed first wins (masculine list first), as a scan of the lists in order would."""
    word = word.lower()
    exact, prefixes = _stem_index(hyphenated)
    found = [exact[word]] if word in exact else []
    # Only as many prefixes as the longest stem: a word of a million letters costs no more.
    longest = min(len(word), _longest_prefix(hyphenated))
    found += [prefixes[word[:end]] for end in range(longest, 0, -1) if word[:end] in prefixes]
    if not found:
        return None
    _, stem, coding = min(found)
    return stem, coding


@lru_cache(maxsize=2)
def _longest_prefix(hyphenated: bool) -> int:
    return max(map(len, _stem_index(hyphenated)[1]), default=0)


@lru_cache(maxsize=2)
def _stem_index(hyphenated: bool) -> tuple[dict[str, tuple[int, str, str]],
                                           dict[str, tuple[int, str, str]]]:
    """The stems as a dictionary of whole words and one of prefixes, with their list order."""
    exact: dict[str, tuple[int, str, str]] = {}
    prefixes: dict[str, tuple[int, str, str]] = {}
    order = 0
    for coding, stems in (("masculine", MASCULINE_CODED), ("feminine", FEMININE_CODED)):
        for stem in stems:
            order += 1
            if ("-" in stem) != hyphenated:
                continue
            key = stem.lower()
            table, key = (prefixes, key[:-1]) if key.endswith("*") else (exact, key)
            table.setdefault(key, (order, stem, coding))
    return exact, prefixes


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # a bulk build checks the same sentences in document after document
def _coded_words(text: str) -> tuple[tuple[str, int, int, str, str], ...]:
    return tuple(_scan_coded_words(text))


_POSSESSIVE = re.compile(r"['’]s$")
_WORD_JOINS = re.compile(r"([-'’])")
_JOINERS = re.compile(r"[-'’]")


def _scan_coded_words(text: str) -> Iterator[tuple[str, int, int, str, str]]:
    """(word, start, end, stem, coding) for each coded word; a hyphenated word is matched whole
    ('self-confident') and else part by part ('decision-making' -> 'decision')."""
    for match in WORD.finditer(text):
        token = _POSSESSIVE.sub("", match.group(0))
        found = coded_stem(token, hyphenated=True) if "-" in token else None
        if found:
            yield token, match.start(), match.start() + len(token), *found
            continue
        offset = match.start()
        for part in _WORD_JOINS.split(token) if _JOINERS.search(token) else (token,):
            if part and part not in "-'’":
                found = coded_stem(part)
                if found:
                    yield part, offset, offset + len(part), *found
            offset += len(part)


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # per distinct sentence and vocabulary
def _sentence_hits(text: str, names: tuple[str, ...], terms: tuple[str, ...]
                   ) -> tuple[tuple[str, int, int, str, str, str], ...]:
    """(word, start, end, stem, coding, exempt) for each coded word of one sentence."""
    name_spans = _phrase_spans(text, names)
    term_spans = _phrase_spans(text, terms, plurals=True)
    hits = []
    for word, start, end, stem, coding in _coded_words(text):
        exempt = ""
        if any(low <= start and end <= high for low, high in name_spans):
            exempt = COMPETENCY_NAME
        elif any(low <= start and end <= high for low, high in term_spans):
            exempt = TERM_OF_TRADE
        hits.append((word, start, end, stem, coding, exempt))
    return tuple(hits)


def _phrase_spans(text: str, phrases: tuple[str, ...], plurals: bool = False
                  ) -> list[tuple[int, int]]:
    if not phrases:
        return []
    return [match.span() for match in _phrases_pattern(phrases, plurals).finditer(text)]


@lru_cache(maxsize=32)
def _phrases_pattern(phrases: tuple[str, ...], plurals: bool) -> re.Pattern[str]:
    # Longest first, so "Managing Work and Performance" wins over a shorter name inside it.
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    ending = r"(?:s|es)?" if plurals else ""
    return re.compile(rf"(?<![\w])(?:{alternatives}){ending}(?![\w])", re.IGNORECASE)


def gendered_counts(sentences: Iterable[Sentence], competency_names: Sequence[str] = (),
                    terms_of_trade: Sequence[str] = ()) -> GenderedCounts:
    names, terms = tuple(competency_names), tuple(terms_of_trade)
    hits = []
    for sentence in sentences:
        for word, start, end, stem, coding, exempt in _sentence_hits(sentence.text, names, terms):
            hits.append(GenderedHit(word, stem, coding, sentence, exempt, (start, end)))
    return GenderedCounts(tuple(hits))


@dataclass(frozen=True)
class CodedSpan:
    """A coded word's place in a piece of text, for marking it where the text is shown."""

    start: int
    end: int
    stem: str
    coding: str  # masculine | feminine


def coded_spans(text: str, competency_names: Sequence[str] = (),
                terms_of_trade: Sequence[str] = ()) -> tuple[CodedSpan, ...]:
    """The coded words of `text` that count in the balance: the same matching as
    `gendered_counts`, leaving out words inside competency names and terms of the trade."""
    return tuple(CodedSpan(start, end, stem, coding)
                 for _word, start, end, stem, coding, exempt
                 in _sentence_hits(text, tuple(competency_names), tuple(terms_of_trade))
                 if not exempt)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _sentence_note(text: str, hits: tuple[tuple[str, str, tuple[int, int]], ...]
                   ) -> tuple[str, str]:
    """The note for one sentence's counted words and the sentence with them marked."""
    parts = [f"{coding}-coded {', '.join(word for word, c, _ in hits if c == coding)}"
             for coding in ("masculine", "feminine") if any(c == coding for _, c, _ in hits)]
    return "; ".join(parts), marked(text, [span for _, _, span in hits])


def _listing(words: Counter[str]) -> str:
    return ", ".join(f"{word} ×{n}" if n > 1 else word for word, n in words.most_common())


def gendered_findings(posting: PostingText, context: CheckContext,
                      skip: Callable[[Sentence], bool] = lambda _: False
                      ) -> tuple[GenderedCounts, list[Problem]]:
    """The balance, then each sentence holding counted words, quoted with the words marked.
    `skip` leaves sentences out (the organization's own statements)."""
    sentences = [s for s in posting.sentences() if not skip(s)]
    counts = gendered_counts(sentences, context.competency_names,
                             context.vocabulary.terms_of_trade)
    masculine, feminine = counts.words("masculine"), counts.words("feminine")
    summary = (f"{counts.masculine} masculine-coded word(s) ({_listing(masculine) or 'none'}) "
               f"against {counts.feminine} feminine-coded ({_listing(feminine) or 'none'}); "
               f"balance {counts.balance:+d}, {counts.verdict}")
    if counts.balance < GENDERED_WARN_BALANCE:
        findings = [finding("gendered-wording", INFO, summary, source=GENDERED_RULE,
                            code="coding-balance")]
    else:
        findings = [finding("gendered-wording", WARNING,
                            f"{summary}; such wording makes a job less appealing to women: "
                            "reword some of the marked words or balance them",
                            source=GENDERED_RULE, code="coding-balance")]
    by_sentence: dict[int, list[GenderedHit]] = {}
    for hit in counts.hits:
        if not hit.exempt:
            by_sentence.setdefault(id(hit.sentence), []).append(hit)
    for hits in by_sentence.values():
        sentence = hits[0].sentence
        message, quoted = _sentence_note(sentence.text, tuple((h.word, h.coding, h.span)
                                                              for h in hits))
        findings.append(finding("gendered-wording", INFO, message, sentence.where, quoted,
                                code="coded-words"))
    for reason in (COMPETENCY_NAME, TERM_OF_TRADE):
        exempt = counts.words("masculine", reason) + counts.words("feminine", reason)
        if exempt:
            why = ("only inside the band's competency names, which the profile mandates word for "
                   "word" if reason == COMPETENCY_NAME else
                   "only inside the field's terms of the trade (the specialization's "
                   "vocabulary.terms_of_trade)")
            findings.append(finding("gendered-wording", INFO,
                                    f"not counted: {_listing(exempt)}, {why}",
                                    code="coded-words"))
    return counts, findings
