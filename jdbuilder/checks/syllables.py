"""textstat's readability figures, counted once per distinct sentence and added up.

textstat (0.7) counts words, sentences and syllables over a whole text, and looks syllables up in
the CMU Pronouncing Dictionary, which it loads whole: about 135,000 words and over a second, to
score a posting of 1,000 words. Every count it uses is a sum over the text's sentences, so here
each sentence is counted once (cached: a bulk build meets the same sentences in posting after
posting) and a document's figures are the sums. Syllables come from `data/syllables.txt`, the same
dictionary's counts as a sorted table (scripts/make_syllable_table.py) searched for just the words
needed; a word it lacks is hyphenated by Pyphen, exactly as textstat does. The tests compare every
figure with textstat's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..readers import TEXT_CACHE_SIZE

# textstat's English constants (textstat.backend.utils.constants, "en").
FLESCH_BASE, FLESCH_SENTENCE_LENGTH, FLESCH_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE_PIECE = re.compile(r"\b[^.!?]+[.!?]*")
SHORT_PIECE_WORDS = 2  # textstat does not count a "sentence" of two words or fewer


@dataclass(frozen=True)
class TextFigures:
    """The counts behind Flesch reading ease and Flesch-Kincaid grade; they add up."""

    words: int = 0
    syllables: int = 0
    pieces: int = 0  # stretches ending in . ! or ?, as textstat finds sentences
    short_pieces: int = 0  # of those, the ones textstat ignores

    def __add__(self, other: TextFigures) -> TextFigures:
        return TextFigures(self.words + other.words, self.syllables + other.syllables,
                           self.pieces + other.pieces, self.short_pieces + other.short_pieces)

    @property
    def sentences(self) -> int:
        if not self.pieces and not self.words:
            return 0
        return max(1, self.pieces - self.short_pieces)

    def _ratios(self) -> tuple[float, float]:
        per_sentence = self.words / self.sentences if self.sentences else 0.0
        per_word = self.syllables / self.words if self.words else 0.0
        return per_sentence, per_word

    @property
    def reading_ease(self) -> float:
        per_sentence, per_word = self._ratios()
        if not per_sentence or not per_word:
            return 0.0
        return (FLESCH_BASE - FLESCH_SENTENCE_LENGTH * per_sentence
                - FLESCH_SYLLABLES_PER_WORD * per_word)

    @property
    def grade(self) -> float:
        per_sentence, per_word = self._ratios()
        if not per_sentence or not per_word:
            return 0.0
        return 0.39 * per_sentence + 11.8 * per_word - 15.59


def figures_of(texts: Any) -> TextFigures:
    """The summed figures of several texts (each counted once, then cached)."""
    words = syllables = pieces = short = 0
    for text in texts:
        figures = text_figures(text)
        words += figures.words
        syllables += figures.syllables
        pieces += figures.pieces
        short += figures.short_pieces
    return TextFigures(words, syllables, pieces, short)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_figures(text: str) -> TextFigures:
    """textstat's counts for one text, as textstat makes them (same word splitting)."""
    words = _words(text)
    pieces = _SENTENCE_PIECE.findall(text)
    short = sum(1 for piece in pieces if len(_words(piece)) <= SHORT_PIECE_WORDS)
    syllables = sum(syllable_count(word.lower()) for word in words)
    return TextFigures(len(words), syllables, len(pieces), short)


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def syllable_count(word: str) -> int:
    """Syllables in a lower-case word: the CMU dictionary's first pronunciation, else Pyphen's
    hyphenation points plus one (textstat's rule)."""
    if len(word) > MAX_HYPHENATED_LETTERS:
        # No word is this long (a run of letters, a pasted string): its vowel groups, found in
        # one pass, instead of hyphenation patterns tried at every letter.
        return len(_VOWEL_GROUPS.findall(word)) or 1
    found = _table_lookup(_syllable_table(), word.encode("utf-8"))
    if found is not None:
        return found
    return len(_pyphen().positions(word)) + 1


MAX_HYPHENATED_LETTERS = 64  # the longest dictionary words have about 45
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _syllable_table() -> bytes:
    return resources.files("jdbuilder.data").joinpath("syllables.txt").read_bytes()


def _table_lookup(table: bytes, word: bytes) -> int | None:
    """Binary search of the sorted "word count" lines; the file is read, never parsed whole."""
    low, high = 0, len(table)  # `low` is always the start of a line
    while low < high:
        middle = (low + high) // 2
        newline = table.rfind(b"\n", low, middle)
        start = newline + 1 if newline >= 0 else low
        end = table.find(b"\n", start)
        space = table.find(b" ", start, end)
        key = table[start:space]
        if key == word:
            return int(table[space + 1:end])
        if key < word:
            low = end + 1
        else:
            high = start
    return None


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    """Pyphen's en_US hyphenator, its patterns parsed only when a word needs them: Pyphen
    parses all 11,000 at once (about 50 ms), and a posting needs a few dozen. The positions are
    still computed by Pyphen's own code."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    hyph_dict = object.__new__(pyphen.HyphDict)
    hyph_dict.patterns = _LazyPatterns(path.read_text("utf-8"))
    hyph_dict.cache = {}
    hyph_dict.maxlen = hyph_dict.patterns.maxlen
    hyphenator = object.__new__(pyphen.Pyphen)
    hyphenator.left, hyphenator.right, hyphenator.hd = 2, 2, hyph_dict
    return hyphenator


_DIGITS = str.maketrans("", "", "0123456789")
# A pattern line (stripped) with a digit other than 0, not a header or comment line.
_PATTERN_LINE = re.compile(r"^[ \t\r]*(?!%|#|LEFTHYPHENMIN|RIGHTHYPHENMIN|COMPOUNDLEFTHYPHENMIN"
                           r"|COMPOUNDRIGHTHYPHENMIN)(\S*[1-9]\S*)[ \t\r]*$", re.MULTILINE)
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")


class _LazyPatterns:
    """The patterns of a hyph_*.dic file by their letters, each parsed (as pyphen.HyphDict
    parses it) the first time it is looked up. Only plain UTF-8 patterns, as en_US has."""

    def __init__(self, text: str) -> None:
        # One regular expression and one translate over the whole file: a loop over 11,000
        # lines in Python would cost most of what is saved. A pattern of zeros only is left
        # out, as Pyphen leaves it out; a later pattern for the same letters wins, as there.
        body = text.split("\n", 1)[1] if "\n" in text else ""
        lines = _PATTERN_LINE.findall(body)
        keys = "\n".join(lines).translate(_DIGITS).split("\n")
        self._raw: dict[str, str] = dict(zip(keys, lines))
        self._parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self.maxlen = max(len(key) for key in self._raw)

    def get(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        if key not in self._parsed:
            line = self._raw.get(key)
            self._parsed[key] = None if line is None else _parse_pattern(line)
        return self._parsed[key]


def _parse_pattern(line: str) -> tuple[int, tuple[int, ...]]:
    """(offset, values) with the zeros at both ends cut off, as pyphen.HyphDict stores it."""
    values = [int(digit or "0") for digit, _ in _PATTERN_PARTS.findall(line)]
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])
