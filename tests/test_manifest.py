"""A manifest that is not UTF-8, nested too deep, foreign or not a file at all means a full
rebuild, never a crash or a hang: it is set aside (renamed) with one warning, and the rebuilt
manifest takes its place."""

from __future__ import annotations

import json
import os
import time

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.manifest import load_recorded, read_recorded
from jdbuilder.outputs import MANIFEST_NAME

SPEC = ("documents:\n  - {kind: posting, specialization: admissions, level: journey, "
        "title: Fine, format: txt}\n")


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[" * 100_000 + b"]" * 100_000,
                                     ('{"documents": ' + "[" * 50_000 + "]" * 50_000 + "}"
                                      ).encode()])
def test_an_unreadable_manifest_is_read_as_none(tmp_path, content):
    (tmp_path / MANIFEST_NAME).write_bytes(content)
    assert read_recorded(tmp_path) == {}
    assert load_recorded(tmp_path).unreadable


@pytest.mark.parametrize(("content", "why"), [
    (b"\xff\xfe not utf-8", "not UTF-8 text (byte 0)"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deep to be a manifest"),
    (b'{"generator": "another tool", "documents": []}', "not a manifest jdbuilder wrote"),
    (b'{"name": "my-package"}', "not a manifest jdbuilder wrote"),
    (b'{"documents": [', "not readable as JSON"),
])
def test_an_unusable_manifest_says_why(tmp_path, content, why):
    (tmp_path / MANIFEST_NAME).write_bytes(content)
    assert load_recorded(tmp_path).unreadable.startswith(why)


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


@pytest.mark.parametrize("content", [b"\xff\xfe", b'{"generator": "npm", "documents": []}',
                                     b"[" * 100_000 + b"]" * 100_000])
def test_an_unusable_manifest_is_set_aside_with_one_warning(tmp_path, pipeline, content):
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{MANIFEST_NAME}.unreadable-1").write_bytes(b"an earlier one")
    (out / MANIFEST_NAME).write_bytes(content)
    spec = tmp_path / "jobs.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    dry = run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1, dry_run=True))
    assert [note.line() for note in dry.notes if note.code == "manifest"] == [
        f"{out / MANIFEST_NAME}: unusable ({load_recorded(out).unreadable}); a build would set "
        "it aside and rebuild everything"]
    assert (out / MANIFEST_NAME).read_bytes() == content  # a dry run changes nothing
    report = run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1))
    notes = [note for note in report.notes if note.code == "manifest"]
    assert len(notes) == 1 and notes[0].severity == "warning"
    assert "kept as manifest.json.unreadable-2, and every document rebuilt" in notes[0].line()
    assert (out / f"{MANIFEST_NAME}.unreadable-2").read_bytes() == content
    assert (out / f"{MANIFEST_NAME}.unreadable-1").read_bytes() == b"an earlier one"
    assert report.built == 1 and load_recorded(out).unreadable is None
    again = run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1))
    assert again.unchanged == 1 and not [n for n in again.notes if n.code == "manifest"]


def test_the_cli_prints_the_set_aside_as_one_warning_line(cli, tmp_path):


    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(b"\xff")
    spec = tmp_path / "jobs.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = cli(["build", str(spec), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if MANIFEST_NAME in line]
    assert said == [f"Warning: {out / MANIFEST_NAME}: unusable (not UTF-8 text (byte 0)); kept "
                    f"as {MANIFEST_NAME}.unreadable-1, and every document rebuilt"]
