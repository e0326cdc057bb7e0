"""Readability (Flesch reading ease and Flesch-Kincaid grade, by textstat) and length.

textstat is imported only when a readability score is computed, so the CLI starts without it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..readers import PROSE_KINDS, PostingText, Sentence
from .findings import INFO, WARNING, Finding
from .wording import _WORD

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
