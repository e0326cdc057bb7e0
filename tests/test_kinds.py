"""kinds.py directly: the one table of document kinds every layer asks."""

from __future__ import annotations

import pytest

from jdbuilder.kinds import DOCUMENT_KINDS, KINDS, KIT_KINDS, kind_entry, kind_title, needs_level


def test_every_kind_names_its_template_and_label():
    for kind, entry in KINDS.items():
        assert entry.id == kind and entry.label and entry.template.endswith(".html.j2")
    assert set(KIT_KINDS) <= set(KINDS) and set(DOCUMENT_KINDS) <= set(KINDS)


def test_only_the_ladder_is_made_without_a_level_and_an_unknown_kind_needs_one():
    assert [kind for kind in KINDS if not needs_level(kind)] == ["ladder"]
    assert needs_level("no-such-kind")  # the core then refuses the kind itself


def test_a_posting_is_titled_by_the_job_and_every_other_kind_by_what_it_is():
    assert kind_title("posting", "Job Posting", "Admissions Counselor") == "Admissions Counselor"
    assert kind_title("interview", "Structured Interview Guide", "Admissions Counselor") == (
        "Structured interview guide: Admissions Counselor")


def test_the_tables_entry_and_only_a_known_kinds():
    assert kind_entry("posting") is KINDS["posting"]
    assert KINDS["posting"].strict and KINDS["posting"].jsonld
    assert not KINDS["description"].strict and not KINDS["description"].jsonld
    with pytest.raises(KeyError):
        kind_entry("memo")
