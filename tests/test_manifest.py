"""A manifest that is not UTF-8, nested too deep, or not a file at all means a full rebuild, never
a crash or a hang (and the rebuilt manifest replaces it)."""

from __future__ import annotations

import json
import os
import time

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.manifest import read_recorded
from jdbuilder.outputs import MANIFEST_NAME

SPEC = ("documents:\n  - {kind: posting, specialization: admissions, level: journey, "
        "title: Fine, format: txt}\n")


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[" * 100_000 + b"]" * 100_000,
                                     ('{"documents": ' + "[" * 50_000 + "]" * 50_000 + "}"
                                      ).encode()])
def test_an_unreadable_manifest_is_read_as_none(tmp_path, content):
    (tmp_path / MANIFEST_NAME).write_bytes(content)
    assert read_recorded(tmp_path) == {}


def test_a_fifo_in_place_of_the_manifest_is_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / MANIFEST_NAME)
    start = time.monotonic()
    assert read_recorded(tmp_path) == {}
    assert time.monotonic() - start < 2


def test_a_build_over_a_broken_manifest_rebuilds_and_replaces_it(tmp_path, pipeline):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(b"\xff\xfe")
    spec = tmp_path / "jobs.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1))
    assert report.built == 1 and not report.failures
    recorded = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [record["output"] for record in recorded["documents"]] == ["fine-posting.txt"]
