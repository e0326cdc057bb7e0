"""Spec entries held packed (jdbuilder.spec.packed): each read back equal, the objects many
entries share still shared, and a build's worth held in a fraction of the objects' size."""

from __future__ import annotations

import pickle

from jdbuilder.spec import read_spec
from jdbuilder.spec.packed import PackedEntries

HEADER = "kind,specialization,level,title,position_number,org\n"


def _spec(tmp_path, rows: int):
    spec = tmp_path / "jobs.csv"
    spec.write_text(HEADER + "".join(f"posting,admissions,journey,Specialist {i},{i:08d},\n"
                                     for i in range(rows)), encoding="utf-8")
    return spec


def test_entries_read_back_equal_and_share_what_they_shared(tmp_path, pipeline):
    loaded = read_spec(_spec(tmp_path, 40), pipeline)
    assert isinstance(loaded.entries, PackedEntries)
    entries = list(loaded.entries)
    assert [entry.number for entry in entries] == loaded.entries.numbers == list(range(1, 41))
    assert [entry.request.position.title for entry in entries] == [
        f"Specialist {i}" for i in range(40)]
    again = PackedEntries(entries)
    assert again == entries and again[3] == entries[3] and again[1:3] == entries[1:3]
    first, second = again[0], again[1]
    assert first.organization is second.organization  # one organization, not one per row
    assert first is not again[0]  # each read unpacks anew: nothing held but the bytes


def test_a_packed_entry_is_a_fraction_of_its_objects(tmp_path, pipeline):
    entries = list(read_spec(_spec(tmp_path, 200), pipeline).entries)
    packed = PackedEntries(entries)
    sizes = [len(packed.packed(index)) for index in range(len(packed))]
    whole = [len(pickle.dumps(entry)) for entry in entries]
    assert max(sizes[1:]) * 5 < min(whole)  # against the first: only what differs


def test_without_keeps_the_others_as_they_are(tmp_path, pipeline):
    packed = read_spec(_spec(tmp_path, 5), pipeline).entries
    assert isinstance(packed, PackedEntries)
    kept = packed.without({2, 4})
    assert kept.numbers == [1, 3, 5]
    assert [entry.number for entry in kept] == [1, 3, 5]
    assert kept.packed(1) == packed.packed(2)  # not unpacked and packed again
