"""Recognise an interview question that asks about a topic never to ask about, by what it asks
rather than by one fixed phrase.

A topic lists `phrases` (matched as whole words) and `meanings`: word patterns written in a small
language so that HR can read and extend them in the practice file:

- words are separated by spaces; `a|b|c` is any one of the words; `word*` is any word that starts
  with `word`; `_` joins two words that must come together (`green_card`);
- `..` lets up to 2 other words come between its neighbours, `...` up to 4.

A meaning may name `unless` words (in the same notation): when the question says one of them,
the meaning does not count (clubs outside work, unless the question asks about professional ones).
Patterns are bounded (literal words and gaps of at most 4 words), so screening a question takes
time in proportion to its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHORT_GAP = 2
LONG_GAP = 4


@dataclass(frozen=True)
class Meaning:
    """One way of asking about a topic: the words as written, compiled, and what excuses them."""

    says: str
    pattern: re.Pattern[str]
    unless: tuple[re.Pattern[str], ...] = ()

    def finds(self, lowered: str) -> str | None:
        """The words of `lowered` that ask this, or None."""
        found = self.pattern.search(lowered)
        if found is None:
            return None
        if any(word.search(lowered) for word in self.unless):
            return None
        return found.group(0)


def _alternative(word: str) -> str:
    stem = word.endswith("*")
    parts = [re.escape(part) for part in word.rstrip("*").split("_")]
    return r"\s+".join(parts) + (r"[\w'-]*" if stem else "")


def _gap(most: int) -> str:
    return rf"\W+(?:[\w'-]+\W+){{0,{most}}}"


def compile_meaning(says: str, unless: tuple[str, ...] = ()) -> Meaning:
    """`says` in the pattern language above; ValueError naming what is wrong with it."""
    tokens = says.lower().split()
    if not tokens or tokens[0] in ("..", "...") or tokens[-1] in ("..", "..."):
        raise ValueError(f"'{says}' must begin and end with a word")
    pieces: list[str] = []
    joined = True  # the first word needs no joint before it
    for token in tokens:
        if token in ("..", "..."):
            if joined:
                raise ValueError(f"'{says}' has two gaps in a row")
            pieces.append(_gap(SHORT_GAP if token == ".." else LONG_GAP))
            joined = True
            continue
        if not re.fullmatch(r"[\w'.-]+\*?(?:\|[\w'.-]+\*?)*", token.replace("_", "a")):
            raise ValueError(f"'{token}' in '{says}' is not a word or words joined by |")
        if not joined:
            pieces.append(r"\W+")
        pieces.append(r"\b(?:" + "|".join(_alternative(w) for w in token.split("|")) + r")(?!\w)")
        joined = False
    excuses = tuple(re.compile(rf"\b{_alternative(w.lower())}(?!\w)") for w in unless)
    return Meaning(says, re.compile("".join(pieces)), excuses)


@dataclass(frozen=True)
class TopicScreen:
    """The phrases and meanings of every topic never to ask about, in the practice file's order."""

    topics: tuple[tuple[str, tuple[re.Pattern[str], ...], tuple[Meaning, ...]], ...]

    def hit(self, text: str) -> tuple[str, str] | None:
        """(the words that touch a topic, the topic) for the first topic `text` asks about."""
        lowered = " ".join(text.lower().replace("\u2019", "'").split())
        for topic, phrases, meanings in self.topics:
            for phrase in phrases:
                found = phrase.search(lowered)
                if found:
                    return found.group(0), topic
            for meaning in meanings:
                words = meaning.finds(lowered)
                if words is not None:
                    return words, topic
        return None


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(phrase.lower())}\b")
