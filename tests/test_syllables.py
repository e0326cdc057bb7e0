"""The readability figures added up from cached sentences equal textstat's own, word for word."""

from __future__ import annotations

import pytest
import textstat

from jdbuilder.checks.readability import _textstat_sentence, _textstat_text
from jdbuilder.checks.syllables import (
    _syllable_table,
    _table_lookup,
    figures_of,
    syllable_count,
    text_figures,
)
from jdbuilder.compose import Request
from jdbuilder.position import Position
from jdbuilder.readers import PROSE_KINDS, from_model

TRICKY = [
    "The office's staff can't answer at 8:00 am.",
    "Résumé review, naïve café visits and co-operation: all counted!",
    "FERPA, HIPAA and R2T4 rules apply; see https://example.edu/apply now?",
    "Yes. No. Maybe so.",
    "'Quoted' words aren't 'contractions' they're fine.",
    "2027 salary $42,000 to $52,000 per year",
    "(Parenthesised opening) and a closing remark.",
    "",
]


def test_syllables_match_the_cmu_dictionary_and_pyphen():
    assert syllable_count("university") == 5
    assert syllable_count("yield") == 1
    assert syllable_count("ferpa") >= 1  # not in the dictionary: hyphenated by Pyphen


def test_table_lookup_finds_first_middle_last_and_misses():
    table = b"'bout 1\napple 2\nbanana 3\nzebra 2\n"
    assert [_table_lookup(table, w) for w in (b"'bout", b"apple", b"banana", b"zebra")] == [1, 2, 3, 2]
    assert _table_lookup(table, b"app") is None
    assert _table_lookup(table, b"zzz") is None
    assert _table_lookup(table, b"") is None


@pytest.mark.parametrize("text", TRICKY)
def test_one_text_matches_textstat(text):
    figures = text_figures(text)
    assert figures.reading_ease == pytest.approx(textstat.flesch_reading_ease(text))
    assert figures.grade == pytest.approx(textstat.flesch_kincaid_grade(text))


@pytest.mark.parametrize("specialization", ["admissions", "financial-aid", "student-center"])
def test_sums_of_sentences_match_textstat_on_whole_postings(pipeline, specialization):
    # Any long, varied text will do; the built-in postings are the handiest.
    request = Request("posting", specialization, "advanced", Position())
    model = pipeline.model(pipeline.compose(request, pipeline.organization()))
    sentences = from_model(model).sentences(PROSE_KINDS)
    text = _textstat_text(sentences)
    total = figures_of(_textstat_sentence(s.text) for s in sentences)
    assert total.words == textstat.lexicon_count(text)
    assert total.sentences == textstat.sentence_count(text)
    assert total.syllables == textstat.syllable_count(text)
    assert total.reading_ease == pytest.approx(textstat.flesch_reading_ease(text))
    assert total.grade == pytest.approx(textstat.flesch_kincaid_grade(text))


def test_short_sentences_add_up_like_one_text():
    parts = ["Yes.", "No.", "Maybe so.", "A longer sentence with several words in it."]
    joined = " ".join(parts)
    assert figures_of(parts).sentences == textstat.sentence_count(joined)
    assert figures_of(parts).reading_ease == pytest.approx(textstat.flesch_reading_ease(joined))


def test_lazy_hyphenation_equals_pyphen():
    import pyphen

    from jdbuilder.checks.syllables import _pyphen

    real = pyphen.Pyphen(lang="en_US")
    words = ["ferpa", "firstyear", "preevaluations", "holistically", "deescalation", "multioffice",
             "500", "401k", "tsers", "équipe", "hyphenation", "supercalifragilistic", "a", "xyz"]
    table = (_syllable_table().split(b"\n"))[::997]
    words += [line.split(b" ")[0].decode() for line in table if line]
    for word in words:
        assert _pyphen().positions(word) == real.positions(word), word


def test_lazy_patterns_are_pyphens_patterns_exactly():
    import pyphen

    from jdbuilder.checks.syllables import _pyphen

    real = pyphen.Pyphen(lang="en_US").hd.patterns
    lazy = _pyphen().hd.patterns
    assert set(lazy._raw) == set(real)
    assert all(lazy.get(key) == (offset, tuple(values)) for key, (offset, values) in real.items())
