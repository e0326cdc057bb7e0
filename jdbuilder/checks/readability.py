"""Readability (Flesch reading ease and Flesch-Kincaid grade, textstat's formulas) and length.

The figures are textstat's, counted sentence by sentence and added up (see .syllables), so a
sentence met again in another posting costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from ..readers import PROSE_KINDS, TEXT_CACHE_SIZE, PostingText, Sentence
from .findings import INFO, WARNING, Problem, finding
from .syllables import figures_of, text_figures
from .wording import WORD

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

# --- length ---------------------------------------------------------------------------------
# Measured in words, as the studies measure it. Textio's data on millions of job posts puts the
# best-performing length at 300-700 words (Textio, "How to write your best job post ever: Part 2");
# LinkedIn Talent Solutions reports that postings over 1,000 words draw 24% fewer applications
# than 500-700-word ones (as reported by jdgenerator.co, "Job description length"). So under 300
# or over 1,000 words is a warning, and 700-1,000 a note.
LENGTH_MIN_WORDS = 300
LENGTH_BEST_MAX_WORDS = 700
LENGTH_MAX_WORDS = 1_000
LENGTH_SOURCE = ("Textio: best-performing job posts are 300-700 words; LinkedIn Talent Solutions: "
                 "posts over 1,000 words get 24% fewer applications")


# ---------------------------------------------------------------------------------------------
# readability


def _textstat_text(sentences: Iterable[Sentence]) -> str:
    """The sentences as one text for textstat (what the figures here equal)."""
    return " ".join(_textstat_sentence(sentence.text) for sentence in sentences)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _sentence_grade(text: str) -> float | None:
    """A long sentence's own grade (None for one of 12 words or fewer: not worth showing)."""
    if len(text.split()) <= 12:
        return None
    return text_figures(_textstat_sentence(text)).grade


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _textstat_sentence(text: str) -> str:
    """A sentence as textstat should see it: one full stop. Its sentence splitter breaks at every
    full stop, so 'a.m.' or '24.50' inside a sentence would count as extra sentences."""
    text = text.rstrip()
    body, end = (text[:-1], text[-1]) if text[-1:] in ".!?" else (text, ".")
    return body.replace(".", "") + end


def readability_scores(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade), as textstat computes them for `text`."""
    figures = text_figures(text)
    return figures.reading_ease, figures.grade


def readability_findings(posting: PostingText, skip: Callable[[Sentence], bool] = lambda _: False
                         ) -> tuple[dict[str, float], list[Problem]]:
    """`skip` leaves sentences out of the scores (the organization's own statements)."""
    sentences = [s for s in posting.sentences(PROSE_KINDS) if not skip(s)]
    if not sentences:
        return {}, []
    totals = figures_of(_textstat_sentence(s.text) for s in sentences)
    ease, grade = totals.reading_ease, totals.grade
    figures = {"flesch_reading_ease": round(ease, 1), "flesch_kincaid_grade": round(grade, 1)}
    scores = f"Flesch reading ease {ease:.1f}, Flesch-Kincaid grade {grade:.1f}"
    target = f"reading ease {READING_EASE_MIN:g} or more and grade {GRADE_MAX:g} or less"
    if ease >= READING_EASE_MIN and grade <= GRADE_MAX:
        return figures, [finding("readability", INFO, f"{scores}: within the target ({target})",
                                 source=READABILITY_SOURCE, code="reading-level")]
    findings = [finding("readability", WARNING,
                        f"{scores}: harder than the target ({target}); shorten sentences and "
                        "prefer short words", source=READABILITY_SOURCE, code="reading-level")]
    graded = sorted(((grade, index, s) for index, s in enumerate(sentences)
                     for grade in (_sentence_grade(s.text),) if grade is not None),
                    reverse=True)[:HARDEST_SENTENCES_SHOWN]
    for sentence_grade, _, sentence in sorted(graded, key=lambda item: item[1]):
        findings.append(finding("readability", INFO,
                                f"one of the hardest sentences (grade {sentence_grade:.0f}, "
                                f"{len(sentence.text.split())} words)", sentence.where,
                                sentence.text, code="hard-sentence"))
    return figures, findings


# ---------------------------------------------------------------------------------------------
# length


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _word_count(text: str) -> int:
    return len(WORD.findall(text))


def length_findings(posting: PostingText) -> tuple[dict[str, int], list[Problem]]:
    # Counted block by block (cached: bulk builds repeat most blocks), as over the joined text.
    characters = sum(len(block.text) for block in posting.blocks) + max(len(posting.blocks) - 1, 0)
    words = sum(_word_count(block.text) for block in posting.blocks)
    figures = {"characters": characters, "words": words}
    size = f"{words:,} words"
    band = f"{LENGTH_MIN_WORDS:,}-{LENGTH_BEST_MAX_WORDS:,}"
    if words < LENGTH_MIN_WORDS:
        return figures, [finding("length", WARNING,
                                 f"too short: {size}, under {LENGTH_MIN_WORDS:,}; applicants need "
                                 "the duties, qualifications and pay to decide",
                                 source=LENGTH_SOURCE, code="length-short")]
    if words > LENGTH_MAX_WORDS:
        return figures, [finding("length", WARNING,
                                 f"too long: {size}, over {LENGTH_MAX_WORDS:,} (best: {band}); cut "
                                 "what an applicant does not need to decide to apply",
                                 source=LENGTH_SOURCE, code="length-long")]
    if words > LENGTH_BEST_MAX_WORDS:
        return figures, [finding("length", INFO, f"{size}: longer than the best {band}, under "
                                                 f"{LENGTH_MAX_WORDS:,}", source=LENGTH_SOURCE)]
    return figures, [finding("length", INFO, f"{size}, within {band}", source=LENGTH_SOURCE)]
