"""An attacker's tries, each as a test that runs in a second or two: what must hold whatever a
spec, an upload, a template, a document to check or the shell around the command does.

The figures (memory, time) of the big cases are printed by benchmarks/bench_hostile.py; here
each case is small enough for CI, and what is asserted is the behaviour, never a timing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.checking import MAX_CHECKED_CHARACTERS, MAX_PARAGRAPH_CHARACTERS, check_files
from jdbuilder.fileio import TEMP_PREFIX, TEMP_SUFFIX
from jdbuilder.manifest import read_manifest
from jdbuilder.readers import read_markdown_text

ROOT = Path(__file__).resolve().parents[1]


def _environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JDBUILDER_")}
    environment["PYTHONPATH"] = str(ROOT)  # this checkout's code
    return environment


def _jdbuilder(*arguments: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jdbuilder", *arguments], cwd=cwd,
                          env=_environment(), capture_output=True, text=True, timeout=timeout)


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _postings(count: int, fmt: str = "txt") -> list[dict[str, str]]:
    return [{"kind": "posting", "specialization": "admissions", "level": "journey",
             "title": f"Specialist {i}", "position_number": f"{i:08d}", "format": fmt}
            for i in range(count)]


# ---------------------------------------------------------------------------------------------
# Formulas in the build report


def test_no_formula_survives_into_the_build_report(tmp_path, pipeline):
    rows = [{"kind": "posting", "specialization": "admissions", "level": "journey",
             "title": '=HYPERLINK("http://evil.example","Click")', "output": "+cmd|calc.txt"},
            {"kind": "posting", "specialization": "admisions", "level": "journey",
             "title": "@SUM(A1)", "output": "-x.txt"}]
    spec = _csv(tmp_path / "=cmd.csv", rows)
    run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    text = (tmp_path / "out" / "build-report.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any("=cmd.csv" in cell for cell in cells)
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


# ---------------------------------------------------------------------------------------------
# check: one endless paragraph


# Markdown openers nothing closes (or closes late): one pass, not one per opener.
MARKUP_UNITS = ["*a ", "_a ", "**a ", "[x](y ", "![a](", "<a ", "`a "]


@pytest.mark.parametrize("unit", ["The specialist advises students on admission and aid. ",
                                  "Dr. ", "A. ", "a", ".", "Full Name (ABC) ", "$50,000 ",
                                  *MARKUP_UNITS])
def test_a_megabyte_on_one_line_is_checked_as_far_as_a_paragraph_goes(tmp_path, pipeline, unit):
    document = tmp_path / "one-line.md"
    document.write_text(unit * (2_000_000 // len(unit)), encoding="utf-8")
    started = time.monotonic()
    (report,) = check_files([document], pipeline)
    assert time.monotonic() - started < 60  # a hang guard; bench_hostile.py has the figures
    whole, paragraph = [f for f in report.findings if "checked" in f.message]
    assert {whole.code, paragraph.code} == {"length"}
    assert {whole.severity, paragraph.severity} == {"warning"}
    assert whole.location.place == paragraph.location.place == "line 1"  # where checks stopped
    counted = int(whole.message.split(" characters, far longer than any posting")[0]
                  .replace(",", ""))
    written = len(unit) * (2_000_000 // len(unit))
    if unit not in MARKUP_UNITS:  # words: each counted (less a trailing space)
        assert abs(counted - written) <= 1
    else:  # markup: the part read counts its words only, the rest as written
        assert written // 2 <= counted <= written
    checked = int(whole.message.split("only the first ")[1].split(" were checked")[0]
                  .replace(",", ""))
    assert MAX_PARAGRAPH_CHARACTERS - len(unit) <= checked <= MAX_PARAGRAPH_CHARACTERS
    assert paragraph.message == (f"a paragraph of over {MAX_PARAGRAPH_CHARACTERS:,} characters, "
                                 f"far longer than any in a posting: its first {checked:,} are "
                                 "checked; break it into paragraphs")
    assert all(len(f.message) < 2_000 for f in report.findings)  # each finding one line


def test_many_paragraphs_are_checked_as_far_as_a_document_goes(tmp_path, pipeline):
    paragraph = "The specialist advises students on admission and aid. " * 100
    document = tmp_path / "long.md"
    document.write_text(f"{paragraph}\n\n" * 200, encoding="utf-8")  # 1.1 MB
    (report,) = check_files([document], pipeline)
    (whole,) = [f for f in report.findings if "checked" in f.message]
    written = len(paragraph.strip()) * 200
    counted = int(whole.message.split(" characters, far longer")[0].replace(",", ""))
    assert abs(counted - written) < written // 100  # the part not read is counted as written
    checked = int(whole.message.split("only the first ")[1].split(" were checked")[0]
                  .replace(",", ""))
    assert MAX_CHECKED_CHARACTERS - len(paragraph) < checked <= MAX_CHECKED_CHARACTERS
    line = int(whole.location.place.removeprefix("line "))  # where the checks stopped
    assert 2 * (checked // len(paragraph)) - 1 <= line <= 2 * (checked // len(paragraph)) + 3


@pytest.mark.parametrize("unit", ["*a ", "_a ", "**a ", "__a ", "[x](y ", "![a](", "<a ", "`a ",
                                  "[a", "](", " *a", "a*"])
def test_markdown_markup_left_open_is_read_in_one_pass(unit):
    """The reader alone, on more than check reads: an opener nothing closes must not make the
    search start again from every opener (300,000 characters would take hours)."""
    text = unit * (300_000 // len(unit))
    started = time.monotonic()
    (block,) = read_markdown_text(text)
    assert time.monotonic() - started < 60  # a hang guard, not a figure
    assert len(block.text) >= len(text.replace("<a ", "").strip()) // 2


# ---------------------------------------------------------------------------------------------
# The shell around the command


def test_a_fifo_where_a_recorded_output_was_is_refused_at_once(tmp_path, pipeline):
    spec = _csv(tmp_path / "jobs.csv", _postings(2))
    out = tmp_path / "out"
    assert run_build(spec, pipeline, BuildOptions(out, jobs=1)).built == 2
    (target,) = [name for name in read_manifest(out) if name.endswith("0.txt")]
    (out / target).unlink()
    os.mkfifo(out / target)  # reading it as the old document would wait forever
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert (report.built, report.unchanged, report.failed) == (0, 1, 1)
    (failure,) = report.failures
    assert failure.message == "is a pipe (FIFO), not a file; remove it or choose another output"
    assert failure.location.field == "output"


def test_a_closed_standard_output_is_one_error_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "jdbuilder", "posting", "-s", "admissions", "-l", "journey",
         "--org-name", "Example State University", "-o", "-"],
        cwd=tmp_path, env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, timeout=60, preexec_fn=lambda: os.close(1))
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert result.returncode == 2
    assert errors == ["Error: -o -: standard output is closed; name a file with -o, or run "
                      "without >&-"]
    assert "Traceback" not in result.stderr


def test_ctrl_c_records_every_file_the_build_wrote(tmp_path):
    _csv(tmp_path / "jobs.csv", _postings(400))
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "jdbuilder", "build", "jobs.csv", "-o",
                                "out", "--jobs", "2", "--no-check"], cwd=tmp_path,
                               env=_environment(), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.txt"))) < 20:
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the build and its workers
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    written = {path.name for path in out.glob("*.txt")}
    assert 0 < len(written) < 400, "interrupted too late to test anything"
    assert written == set(read_manifest(out))
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_what_a_killed_build_left_is_removed_by_the_next(tmp_path, pipeline):
    spec = _csv(tmp_path / "jobs.csv", _postings(3))
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    left = [out / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}", out / "sub" / f"{TEMP_PREFIX}def{TEMP_SUFFIX}"]
    for path in left:
        path.write_bytes(b"half a document")
    assert run_build(spec, pipeline, BuildOptions(out, jobs=1)).built == 3
    assert not any(path.exists() for path in left)
    assert len(json.loads((out / "manifest.json").read_text())["documents"]) == 3
