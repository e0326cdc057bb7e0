"""`jdbuilder build`: valid rows built, invalid ones reported, nothing lost, reruns skip work."""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import jdbuilder.build
import jdbuilder.fileio
from jdbuilder.build import BuildOptions, run_build, terminal_progress
from jdbuilder.errors import JdbuilderError
from jdbuilder.fileio import TEMP_PREFIX, TEMP_SUFFIX
from jdbuilder.manifest import read_manifest
from jdbuilder.pipeline import Pipeline, Sources

HEADER = ["kind", "specialization", "level", "title", "position_number", "salary_min",
          "salary_max"]
SPECIALIZATIONS = ["admissions", "financial-aid", "registration", "residence-life",
                   "student-center"]
LEVELS = ["contributing", "journey", "advanced"]


def rows(count: int, start: int = 0) -> list[list[str]]:
    return [["posting" if i % 4 else "description", SPECIALIZATIONS[i % 5], LEVELS[i % 3],
             f"Specialist {i}", f"{i:08d}", "45000", "52000"] for i in range(start, start + count)]


def write_csv(path: Path, body: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(body)
    return path


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                  and p.name not in ("manifest.json", "build-report.csv"))


MIXED_SPEC = """\
documents:
  - kind: posting
    specialization: admissions
    level: journey
    title: Admissions Counselor II
    salary_min: 45000
    salary_max: 52000
  - kind: posting
    specialization: admisions
    level: journey
  - kind: description
    specialization: Financial Aid
    level: advanced
    output: pd/finaid.docx
  - kind: posting
    specialization: registrar
    level: journey
    salary_min: 60000
    salary_max: 50000
  - kind: posting
    specialization: reslife
    level: contributing
    format: md
"""


# ---------------------------------------------------------------------------------------------
# The command: valid rows built, invalid ones reported, exit codes


def test_valid_rows_are_built_and_every_invalid_row_is_reported(cli, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(["build", str(spec), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert built_files(out) == ["admissions-counselor-ii-posting.docx", "pd/finaid.docx",
                                "residence-life-coordinator-posting.md"]
    assert result.stderr.splitlines()[-2:] == [
        f"Error: {spec}, line 9, field 'specialization': unknown specialization 'admisions'; "
        "did you mean 'admissions'? (valid: admissions, financial-aid, registration, "
        "residence-life, student-center)",
        f"Error: {spec}, line 15, field 'salary_min': salary_min 60000 is above salary_max "
        "50000; swap them",
    ]
    assert result.stdout.splitlines()[-1] == \
        f"Built 3, unchanged 0, failed 2 (of 5 documents) in {out}."
    # The same warning for several documents is said once, naming them.
    assert ("Warning: admissions-counselor-ii-posting.docx, residence-life-coordinator-posting.md"
            ": no location") in result.stderr
    assert "Traceback" not in result.output
    # ...and build-report.csv has a row per document, the invalid rows too.
    with (out / "build-report.csv").open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.DictReader(stream))
    assert [(row["output"], row["status"]) for row in table] == [
        ("admissions-counselor-ii-posting.docx", "built, must fix"), ("", "invalid"),
        ("pd/finaid.docx", "built"), ("", "invalid"),
        ("residence-life-coordinator-posting.md", "built, must fix")]
    assert "unknown specialization 'admisions'" in table[1]["errors"]
    assert "no location" in table[0]["warnings"] and "no way to apply" not in table[0]["warnings"]
    assert "missing how to apply" in table[0]["errors"]  # an error-level finding


def test_all_valid_exits_0_without_a_progress_bar_off_a_terminal(cli, tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", rows(3))
    result = cli(["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Building" not in result.output
    assert result.stdout.splitlines()[-1].startswith("Built 3, unchanged 0, failed 0")


def test_a_progress_bar_only_on_a_terminal():
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert terminal_progress(Stream(tty=False)) is None
    terminal = Stream(tty=True)
    factory = terminal_progress(terminal)
    assert factory is not None
    with factory(4) as bar:
        bar.update(4)
    assert "Building" in terminal.getvalue()


def test_format_option_is_the_default_format(cli, tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", rows(2))
    out = tmp_path / "out"
    result = cli(["build", str(spec), "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert built_files(out) == ["specialist-0-description-00000000.md",
                                "specialist-1-posting-00000001.md"]
    assert "Specialist 1" in (out / "specialist-1-posting-00000001.md").read_text(encoding="utf-8")


def test_default_out_dir_is_named_after_the_spec(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "jobs.csv", rows(1))
    result = cli(["build", "jobs.csv"])
    assert result.exit_code == 0, result.output
    assert built_files(tmp_path / "jobs") == ["specialist-0-description-00000000.docx"]


def test_strict_builds_nothing_when_a_row_is_invalid(cli, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(["build", str(spec), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert not out.exists()
    assert result.stderr.count("Error: ") == 2
    assert "Nothing built: 2 of 5 documents are invalid (--strict)" in result.stdout


@pytest.mark.parametrize("text", ["documents: [\n", "documents: []\n", "nothing: 1\n"])
def test_an_unreadable_spec_exits_2_with_one_line(cli, tmp_path, text):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(text, encoding="utf-8")
    result = cli(["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {spec}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_dry_run_writes_nothing_and_says_what_and_where(cli, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(["build", str(spec), "-o", str(out), "--dry-run"])
    assert result.exit_code == 1  # two rows are invalid, as a real build would say
    assert not out.exists()
    lines = result.stdout.splitlines()
    assert lines[0] == (f"build      {out / 'admissions-counselor-ii-posting.docx'}  "
                        f"(posting, docx; {spec}, line 2)")
    assert lines[-1] == "Would build 3, unchanged 0, failed 2 (of 5 documents)."
    # After a real build, a dry run finds everything unchanged and touches nothing.
    cli(["build", str(spec), "-o", str(out)])
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = cli(["build", str(spec), "-o", str(out), "--dry-run"])
    assert again.stdout.splitlines()[0].startswith("unchanged  ")
    assert "Would build 0, unchanged 3" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


# ---------------------------------------------------------------------------------------------
# Manifest and reruns


def test_manifest_records_each_document_sorted_and_deterministic(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    first, second = tmp_path / "one", tmp_path / "two"
    run_build(spec, pipeline, BuildOptions(first, jobs=1))
    run_build(spec, pipeline, BuildOptions(second, jobs=2))
    manifest = (first / "manifest.json").read_text(encoding="utf-8")
    assert manifest == (second / "manifest.json").read_text(encoding="utf-8")
    documents = json.loads(manifest)["documents"]
    assert [d["output"] for d in documents] == sorted(built_files(first))
    finaid = documents[[d["output"] for d in documents].index("pd/finaid.docx")]
    assert finaid["kind"] == "description"
    assert finaid["format"] == "docx"
    assert finaid["sha256"] == sha256(first / "pd/finaid.docx")
    assert finaid["source"] == {"document": 3, "where": f"{spec}, line 11",
                                "row": {"kind": "description", "specialization": "Financial Aid",
                                        "level": "advanced", "output": "pd/finaid.docx"}}
    assert len(finaid["inputs"]) == 64
    for name in built_files(first):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_rerun_skips_unchanged_documents_unless_forced(tmp_path, pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(6))
    out = tmp_path / "out"
    assert run_build(spec, pipeline, BuildOptions(out, jobs=1)).built == 6
    stamps = {name: (out / name).stat().st_mtime_ns for name in built_files(out)}
    again = run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert (again.built, again.unchanged, again.failed, again.exit_code) == (0, 6, 0, 0)
    assert {name: (out / name).stat().st_mtime_ns for name in stamps} == stamps
    forced = run_build(spec, pipeline, BuildOptions(out, jobs=1, force=True))
    assert (forced.built, forced.unchanged) == (6, 0)


def test_deleted_modified_and_changed_documents_are_rebuilt(tmp_path, pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(4))
    out = tmp_path / "out"
    run_build(spec, pipeline, BuildOptions(out, jobs=1))
    names = built_files(out)
    (out / names[0]).unlink()
    (out / names[1]).write_bytes(b"edited by hand")
    changed = rows(4)
    changed[2][5] = "46000"  # a new salary for the third document
    write_csv(spec, changed)
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert (report.built, report.unchanged) == (3, 1)
    assert (out / names[0]).is_file()
    docx.Document(str(out / names[1]))  # a real document again
    records = read_manifest(out)
    assert all(records[name]["sha256"] == sha256(out / name) for name in names)


def test_a_profile_change_rebuilds_everything(tmp_path, profile_copy):
    pipeline = Pipeline(Sources(profile_dir=profile_copy))
    spec = write_csv(tmp_path / "jobs.csv", rows(3))
    out = tmp_path / "out"
    run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert run_build(spec, pipeline, BuildOptions(out, jobs=1)).unchanged == 3
    band = next(profile_copy.glob("student-*.yaml"))
    band.write_text(band.read_text(encoding="utf-8") + "\n# revised\n", encoding="utf-8")
    report = run_build(spec, Pipeline(Sources(profile_dir=profile_copy)),
                       BuildOptions(out, jobs=1))
    assert (report.built, report.unchanged) == (3, 0)


def test_a_failed_document_does_not_stop_the_others_or_the_manifest(tmp_path, pipeline):
    out = tmp_path / "out"
    out.mkdir()
    (out / "blocked").write_text("a file where a folder is wanted", encoding="utf-8")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("""\
documents:
  - {kind: posting, specialization: admissions, level: journey}
  - {kind: posting, specialization: admissions, level: advanced, output: blocked/x.docx}
  - {kind: posting, specialization: registrar, level: journey}
""", encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert (report.built, report.failed, report.exit_code) == (2, 1, 1)
    (failure,) = report.failures
    # Where the document was asked for, then the file it could not write.
    assert failure.line().startswith(f"{spec}, line 3: {out / 'blocked' / 'x.docx'}: cannot "
                                     "write it")
    manifest = read_manifest(out)
    assert sorted(manifest) == ["blocked/x.docx", "senior-admissions-counselor-posting.docx",
                                "senior-registration-and-records-specialist-posting.docx"]
    # The failed document is recorded with why; a rerun builds it again.
    assert manifest["blocked/x.docx"]["status"] == "failed"
    assert "cannot write" in manifest["blocked/x.docx"]["failure"]["message"]
    assert manifest["senior-registration-and-records-specialist-posting.docx"]["status"] == \
        "complete"


# ---------------------------------------------------------------------------------------------
# Safety: the out-dir's edges, temporaries, parallel workers


def test_symbolic_links_out_of_the_out_dir_are_refused(tmp_path, pipeline):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "escape").symlink_to(outside, target_is_directory=True)
    (out / "inside").mkdir()
    (out / "alias").symlink_to(out / "inside", target_is_directory=True)
    (out / "link.docx").symlink_to(outside / "victim.docx")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("""\
documents:
  - {kind: posting, specialization: admissions, level: journey, output: escape/x.docx}
  - {kind: posting, specialization: admissions, level: advanced, output: link.docx}
  - {kind: posting, specialization: registrar, level: journey, output: alias/ok.docx}
""", encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert report.built == 1
    assert [f.location.without_field().text() for f in report.failures] == [
        f"{spec}, line 2", f"{spec}, line 3"]
    assert {f.location.field for f in report.failures} == {"output"}
    assert "leads outside the output folder through a symbolic link" in \
        report.failures[0].message
    assert "is a symbolic link" in report.failures[1].message
    assert list(outside.iterdir()) == []
    assert (out / "inside" / "ok.docx").is_file()


def test_stale_temporaries_are_removed_when_a_build_starts(tmp_path, pipeline):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = [out / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}", out / "sub" / f"{TEMP_PREFIX}x{TEMP_SUFFIX}"]
    for path in stale:
        path.write_bytes(b"half a document")
    spec = write_csv(tmp_path / "jobs.csv", rows(1))
    run_build(spec, pipeline, BuildOptions(out, jobs=1))
    assert not any(path.exists() for path in stale)


def test_parallel_workers_write_the_same_bytes_as_one_process(tmp_path, pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(40))
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_build(spec, pipeline, BuildOptions(serial, jobs=1)).built == 40
    report = run_build(spec, pipeline, BuildOptions(parallel, jobs=2))
    assert (report.built, report.failed) == (40, 0)
    assert built_files(serial) == built_files(parallel)
    for name in built_files(serial):
        assert (serial / name).read_bytes() == (parallel / name).read_bytes()
    assert read_manifest(serial) == read_manifest(parallel)


def _two_worker_build(spec: Path, out: Path, output: int) -> subprocess.Popen:
    """`build --jobs 2 --no-check` of this checkout's code in its own session, to be killed."""
    command = [sys.executable, "-m", "jdbuilder", "build", str(spec), "-o", str(out),
               "--jobs", "2", "--no-check"]
    return subprocess.Popen(command, cwd=spec.parent, env=_checkout_environment(),
                            start_new_session=True, stdout=output, stderr=output)


def _checkout_environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JDBUILDER_")}
    environment["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])  # this checkout's code
    return environment


def test_a_build_killed_midway_leaves_complete_documents_and_a_rerun_completes_it(tmp_path):
    total = 250  # the kill comes as the first is recorded; a busy machine may be slow to send it
    spec = write_csv(tmp_path / "jobs.csv", rows(total))
    out = tmp_path / "out"
    # Quality checks are not what this is about; without them each document costs a third.
    process = _two_worker_build(spec, out, subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not read_manifest(out):  # the first documents are written and recorded
        if process.poll() is not None:
            pytest.fail("the build ended before it could be killed")
        assert time.monotonic() < deadline, "no document appeared within a minute"
        time.sleep(0.001)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, as kill -9 would
    process.wait()
    present = sorted(out.rglob("*.docx"))
    assert 0 < len(present) < total, "killed too late to test anything; raise `total`"
    for path in present:
        docx.Document(str(path))  # complete: python-docx opens every one
    recorded = read_manifest(out)
    assert all(sha256(out / name) == record["sha256"] for name, record in recorded.items())

    rerun = subprocess.run(process.args, cwd=tmp_path, env=_checkout_environment(),
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged {len(recorded)}," in rerun.stdout
    assert len(list(out.rglob("*.docx"))) == total
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))
    assert len(read_manifest(out)) == total


# ---------------------------------------------------------------------------------------------
# Property: any Unicode in any text field gives a document holding it, or a clean error

TEXT_FIELDS = ("title", "department", "position_number", "supervisor", "location", "schedule")
SHOWN = {"posting": ("title", "department", "position_number", "location", "schedule"),
         "description": ("title", "department", "position_number", "supervisor", "schedule")}


# Any character but control characters in most fields, so most examples become documents; one
# field (or none) may hold anything at all, control characters included.
PRINTABLE = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
ANYTHING = st.text(max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["posting", "description"]),
       spec_format=st.sampled_from(["yaml", "csv"]),
       values=st.fixed_dictionaries({name: PRINTABLE for name in TEXT_FIELDS}),
       wild=st.sampled_from([None, None, None, *TEXT_FIELDS]), wild_value=ANYTHING)
def test_any_unicode_in_text_fields_gives_a_document_or_a_clean_error(
        pipeline, kind, spec_format, values, wild, wild_value):
    if wild:
        values = {**values, wild: wild_value}
    row = {"kind": kind, "specialization": "admissions", "level": "journey", **values}
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / f"jobs.{spec_format}"
        if spec_format == "yaml":
            spec.write_text(yaml.safe_dump({"documents": [row]}, allow_unicode=True),
                            encoding="utf-8")
        else:
            write_csv(spec, [list(row.values())], header=list(row))
        out = Path(folder) / "out"
        try:
            report = run_build(spec, pipeline, BuildOptions(out, jobs=1))
        except JdbuilderError as exc:  # the spec as a whole: one line, naming the file
            assert "\n" not in exc.message and str(spec) in exc.message
            return
        if report.failures:
            event("a clean error")
            for failure in report.failures:
                assert "\n" not in failure.message
                assert failure.location.field  # names the field to fix
                assert "internal error" not in failure.message
            return
        event("a document")
        (document,) = [p for p in out.iterdir() if p.suffix == ".docx"]
        text = document_text(document)
        for name in SHOWN[kind]:
            expected = " ".join(values[name].split())
            if expected:
                assert expected in text, name


def test_build_runs_the_posting_quality_checks(cli, tmp_path):
    # A posting template far too short for any posting: findings whatever the profile says.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "posting.html.j2").write_text("<h1>{{ role.title }}</h1>\n<p>Apply.</p>\n",
                                               encoding="utf-8")
    spec = write_csv(tmp_path / "jobs.csv", [
        ["posting", "admissions", "journey", "Counselor", "00000001", "45000", "52000"],
        ["description", "registration", "advanced",
         "Assistant Director of Registration and Records", "00000002", "", ""],
    ])

    def build(out: str, *options: str):
        return cli(["--templates", str(templates), "build", str(spec), "-o",
                    str(tmp_path / out), "-j", "1", *options])

    checked = build("a")
    assert checked.exit_code == 0, checked.output
    # Each finding by what it is, what must be fixed before publishing first.
    warnings = [line for line in checked.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings[0].startswith("Warning: counselor-posting-00000001.docx: must fix before "
                                  "publishing: completeness: ")
    assert any(": length: " in line for line in warnings)
    unchecked = build("b", "--no-check")
    assert unchecked.exit_code == 0 and "completeness" not in unchecked.stderr
    strict = build("c", "--strict")
    assert strict.exit_code == 1
    # The option, then the row it refused: "--strict, jobs.csv, row 2: quality findings (...)".
    assert "--strict, " in strict.stderr and ": quality findings (" in strict.stderr
    assert "length" in strict.stderr
    written = sorted(p.name for p in (tmp_path / "c").glob("*.docx"))
    assert written == ["assistant-director-of-registration-and-records-description-00000002.docx"]


def test_a_reference_without_a_required_style_stops_the_build_before_any_work(cli, tmp_path):
    reference = docx.Document()
    style = reference.styles["List Bullet"].element
    style.getparent().remove(style)
    reference.save(str(tmp_path / "plain.docx"))
    spec = write_csv(tmp_path / "jobs.csv", rows(3))
    out = tmp_path / "out"
    result = cli(["--reference-docx", str(tmp_path / "plain.docx"),
                  "build", str(spec), "-o", str(out), "-j", "1"])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "'List Bullet'" in errors[0] and "plain.docx" in errors[0]
    assert not out.exists()  # nothing written, not even an empty manifest


def test_a_folder_where_the_manifest_goes_is_refused_before_building(cli, tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", rows(2))
    (tmp_path / "out" / "manifest.json").mkdir(parents=True)
    result = cli(["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "manifest.json: is a folder" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["manifest.json"]


# ---------------------------------------------------------------------------------------------
# Per document: findings in the manifest and the report, documents named on the console


def test_manifest_and_report_name_each_documents_findings_also_when_unchanged(tmp_path,
                                                                              pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(3, start=1))  # three postings
    out = tmp_path / "out"
    first = run_build(spec, pipeline, BuildOptions(out, jobs=1, quality_checks=True))
    assert first.built == 3
    manifest = read_manifest(out)
    for record in manifest.values():
        assert record["status"] == "complete"
        codes = {problem["code"] for problem in record["problems"]}
        # the completeness finding supersedes the input warning about the same gap
        assert "completeness" in codes and "how-to-apply-missing" not in codes
    report = (out / "build-report.csv").read_text(encoding="utf-8-sig")
    again = run_build(spec, pipeline, BuildOptions(out, jobs=1, quality_checks=True))
    assert again.unchanged == 3
    assert read_manifest(out) == manifest  # the findings stay with the unchanged documents
    rerun = (out / "build-report.csv").read_text(encoding="utf-8-sig")
    assert rerun == report.replace('"built, must fix"', '"unchanged, must fix"')


def test_the_console_names_the_first_documents_and_counts_the_rest(cli, tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", [row for row in rows(8) if row[0] == "posting"])
    result = cli(["build", str(spec), "-o", str(tmp_path / "out"),
                  "--jobs", "1"])
    line = next(line for line in result.stderr.splitlines() if "no location" in line)
    assert line.startswith("Warning: 6 documents (") and " and 3 more): no location" in line
    named = line.split("(", 1)[1].split(" and ", 1)[0].split(", ")
    assert len(named) == 3 and all(name.endswith(".docx") for name in named)


# --prune: documents of rows removed from the spec


def _build(spec: Path, pipeline: Pipeline, out: Path, **options):
    return run_build(spec, pipeline, BuildOptions(out, jobs=1, default_format="md", **options))


def test_a_removed_row_leaves_no_document_after_prune(tmp_path, pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(4))
    out = tmp_path / "out"
    _build(spec, pipeline, out)
    (out / "mine.txt").write_text("not the tool's", encoding="utf-8")
    assert len(built_files(out)) == 5
    write_csv(spec, rows(3))  # the last row removed
    report = _build(spec, pipeline, out)
    assert [path.name for path in report.stale] == ["specialist-3-posting-00000003.md"]
    assert (out / "specialist-3-posting-00000003.md").exists()  # left without --prune ...
    assert "specialist-3-posting-00000003.md" in read_manifest(out)  # ... and still recorded
    dry = _build(spec, pipeline, out, prune=True, dry_run=True)
    assert [path.name for path in dry.pruned] == ["specialist-3-posting-00000003.md"]
    assert (out / "specialist-3-posting-00000003.md").exists()
    report = _build(spec, pipeline, out, prune=True)
    assert [path.name for path in report.pruned] == ["specialist-3-posting-00000003.md"]
    assert built_files(out) == ["mine.txt", "specialist-0-description-00000000.md",
                                "specialist-1-posting-00000001.md",
                                "specialist-2-posting-00000002.md"]
    assert sorted(read_manifest(out)) == built_files(out)[1:]


def test_prune_leaves_edited_files_and_waits_for_invalid_rows(tmp_path, pipeline):
    spec = write_csv(tmp_path / "jobs.csv", rows(3))
    out = tmp_path / "out"
    _build(spec, pipeline, out)
    edited = out / "specialist-2-posting-00000002.md"
    edited.write_text("edited by hand", encoding="utf-8")
    body = rows(2)
    body[1][2] = "jouney"  # an invalid row: it produces nothing now, yet is not stale
    write_csv(spec, body)
    report = _build(spec, pipeline, out, prune=True)
    assert report.pruned == [] and (out / "specialist-1-posting-00000001.md").exists()
    assert [problem.line() for problem in report.prune_kept] == [
        "--prune: removed nothing: 1 row(s) are invalid; fix them and rerun"]
    write_csv(spec, rows(1))
    report = _build(spec, pipeline, out, prune=True)
    assert [path.name for path in report.pruned] == ["specialist-1-posting-00000001.md"]
    assert edited.read_text(encoding="utf-8") == "edited by hand"
    assert [problem.line() for problem in report.prune_kept] == [
        f"{edited}: changed after jdbuilder wrote it; left alone (delete it yourself if it "
        "should go)"]


def test_prune_removes_folders_it_empties(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, level: journey,"
                    " output: a/b/one.md}\n  - {kind: posting, specialization: admissions,"
                    " level: advanced}\n", encoding="utf-8")
    out = tmp_path / "out"
    _build(spec, pipeline, out)
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions,"
                    " level: advanced}\n", encoding="utf-8")
    _build(spec, pipeline, out, prune=True)
    assert not (out / "a").exists()
    assert built_files(out) == ["assistant-director-of-admissions-posting.md"]


def _needs_libreoffice() -> None:
    import shutil

    if not shutil.which("soffice"):
        if os.environ.get("CI"):
            pytest.fail("CI needs soffice; .ci/run installs it")
        pytest.skip("needs LibreOffice (apt-get install libreoffice-writer-nogui)")


def test_pdfs_in_a_build_are_converted_in_one_libreoffice_run(pipeline, tmp_path, monkeypatch,
                                                              pdf_batch):
    _needs_libreoffice()
    from jdbuilder.writers import pdf as pdf_writer

    runs = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        runs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(pdf_writer.subprocess, "run", counting_run)
    spec = tmp_path / "jobs.yaml"
    spec.write_text(
        "documents:\n"
        "  - {kind: posting, specialization: admissions, level: journey, format: pdf}\n"
        "  - {kind: description, specialization: registration, level: advanced, format: pdf}\n"
        "  - {kind: posting, specialization: admissions, level: advanced, format: md}\n"
        "  - {kind: posting, specialization: financial-aid, level: journey, output: fa.pdf}\n",
        encoding="utf-8")
    out = tmp_path / "out"
    report = run_build(spec, pipeline, BuildOptions(out, jobs=2))
    assert report.failed == 0 and report.built == 4, report.failures
    assert len(runs) == 1 and sum(part.endswith(".docx") for part in runs[0]) == 3
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 3 and all(path.read_bytes().startswith(b"%PDF-") for path in pdfs)
    recorded = read_manifest(out)
    assert {record["format"] for record in recorded.values()} == {"pdf", "md"}
    assert all(recorded[str(path.relative_to(out))]["sha256"] == sha256(path) for path in pdfs)
    # Its own LibreOffice process made the same bytes as the session's batch (tests/pdfs.py) did
    # of the same .docx: conversion is deterministic across LibreOffice processes.
    posting = next(path for path in pdfs if "admissions" in path.name and path.name != "fa.pdf")
    assert posting.read_bytes() == pdf_batch.pdfs["posting"]
    # Deterministic PDFs: a rerun finds every document unchanged and starts no LibreOffice.
    again = run_build(spec, pipeline, BuildOptions(out, jobs=2))
    assert again.unchanged == 4 and again.built == 0 and len(runs) == 1


def test_a_pdf_build_without_libreoffice_says_what_to_install(pipeline, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, "
                    "level: journey, format: pdf}\n", encoding="utf-8")
    with pytest.raises(JdbuilderError, match="apt-get install libreoffice-writer-nogui"):
        run_build(spec, pipeline, BuildOptions(tmp_path / "out"))
    assert not (tmp_path / "out").exists()  # nothing half-made


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children", encoding="ascii") as listing:
            found |= {int(child) for child in listing.read().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its entry waits to be reaped


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_die_with_their_parent_and_release_standard_output(tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", rows(250))
    out = tmp_path / "out"
    process = _two_worker_build(spec, out, subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 or not read_manifest(out):  # workers started and writing
            if process.poll() is not None:
                pytest.fail("the build ended before it could be killed")
            assert time.monotonic() < deadline, "no workers within a minute"
            workers |= _children(process.pid)
            time.sleep(0.005)
        process.kill()  # kill -9 of the parent only, not its process group
        # Standard output reaches its end only when no worker holds it any more.
        process.communicate(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left, should the test fail
        process.wait()


def test_a_subfolder_swapped_for_a_link_mid_build_is_not_written_through(tmp_path, pipeline,
                                                                          monkeypatch):
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    (out / "sub").mkdir(parents=True)  # a real folder when the build checks its targets
    spec = tmp_path / "jobs.yaml"
    spec.write_text("""\
documents:
  - {kind: posting, specialization: admissions, level: journey, output: sub/a.txt}
  - {kind: posting, specialization: registrar, level: journey, output: sub/deeper/b.txt}
""", encoding="utf-8")
    made = jdbuilder.build.make_parsed

    def swap_then_make(*args, **kwargs):
        if (out / "sub").is_dir() and not (out / "sub").is_symlink():
            (out / "sub").rmdir()
            (out / "sub").symlink_to(outside, target_is_directory=True)
        return made(*args, **kwargs)

    monkeypatch.setattr(jdbuilder.build, "make_parsed", swap_then_make)
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1, quality_checks=False))
    assert (report.built, report.failed) == (0, 2)
    assert all("its folder 'sub' is a symbolic link leading outside the output folder" in
               failure.message
               for failure in report.failures)
    assert list(outside.iterdir()) == []


def _full_disk_after(calls: int, monkeypatch) -> None:
    """The core's write function fails with ENOSPC from its `calls`+1-th use on."""
    real = jdbuilder.fileio.write_out
    used = []

    def write_out(descriptor, content):
        used.append(content)  # bytes, or the pieces of a manifest
        if len(used) > calls:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor, content)

    monkeypatch.setattr(jdbuilder.fileio, "write_out", write_out)


def test_a_full_disk_still_gives_the_summary_and_every_failure(cli, tmp_path, monkeypatch):
    spec = write_csv(tmp_path / "jobs.csv", rows(3))
    out = tmp_path / "out"
    _full_disk_after(1, monkeypatch)  # the first document fits, nothing after it
    result = cli(["build", str(spec), "-o", str(out), "-j", "1",
                  "--no-check"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 4, result.output  # two documents, the manifest, the report
    assert all("(No space left on device)" in line for line in errors)
    assert sum(f"{spec}, row" in line for line in errors) == 2
    assert any(f"{out / 'manifest.json'}: cannot write it" in line for line in errors)
    assert lines[-1] == f"Built 1, unchanged 0, failed 2 (of 3 documents) in {out}."
    assert result.exit_code == 1


def test_a_disk_full_from_the_start_exits_2_with_the_summary(tmp_path, pipeline, monkeypatch):
    spec = write_csv(tmp_path / "jobs.csv", rows(2))
    _full_disk_after(0, monkeypatch)
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    assert (report.built, report.failed, len(report.unrecorded)) == (0, 2, 2)
    assert {failure.code for failure in report.failures + report.unrecorded} == {"write"}
    assert report.exit_code == 2
    assert not list((tmp_path / "out").rglob(f"{TEMP_PREFIX}*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 160 KiB tmpfs: a real full disk (root only; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)],
                                 capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot run mount")
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


def test_a_real_full_disk_mid_build(cli, tmp_path, small_disk):
    spec = write_csv(tmp_path / "jobs.csv", rows(12))
    out = small_disk / "out"
    result = cli(["build", str(spec), "-o", str(out), "-j", "1",
                  "--no-check"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    summary = result.output.splitlines()[-1]
    assert summary.startswith("Built ") and summary.endswith(f"(of 12 documents) in {out}.")
    failed = int(summary.split("failed ")[1].split(" ")[0])
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert failed > 0 and sum(f"{spec}, row" in line for line in errors) == failed
    assert all("No space left on device" in line for line in errors), result.output
    assert result.exit_code in (1, 2)
    for path in out.rglob("*.docx"):
        docx.Document(str(path))  # whatever is there is complete
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))


def test_advice_is_said_as_a_note_not_a_warning(cli, tmp_path):
    spec = write_csv(tmp_path / "jobs.csv", [row for row in rows(4) if row[0] == "posting"])
    result = cli(["build", str(spec), "-o", str(tmp_path / "out"),
                  "--jobs", "1"])
    lines = [line for line in result.stderr.splitlines() if "no appointment type" in line]
    assert len(lines) == 1 and lines[0].startswith("Note: ")


def test_warnings_and_notes_name_their_documents_in_name_order(tmp_path, pipeline):
    # Rows in reverse name order, with no appointment type (a note) and no location (a warning):
    # the console names documents the same way whatever order the workers finish in.
    body = [["posting", "admissions", "journey", title, "", "45000", "52000"]
            for title in ("Zeta Counselor", "Alpha Counselor")]
    report = run_build(write_csv(tmp_path / "jobs.csv", body), pipeline,
                       BuildOptions(tmp_path / "out", jobs=1))
    expected = ["alpha-counselor-posting.docx", "zeta-counselor-posting.docx"]
    assert [outputs for outputs in report.advice.values() if len(outputs) == 2] != []
    for outputs in [*report.warnings.values(), *report.advice.values()]:
        assert outputs == expected


def test_the_stale_note_says_prune_waits_while_a_row_is_invalid(cli, tmp_path):
    spec, out = tmp_path / "jobs.csv", tmp_path / "out"
    build = ["build", str(spec), "-o", str(out), "--jobs", "1", "--format", "md"]
    write_csv(spec, rows(2))
    assert cli(build).exit_code == 0
    mistyped = rows(2)
    mistyped[1][2] = "jouney"  # the row's document is not stale, only unmade for now
    write_csv(spec, mistyped)
    result = cli(build)
    assert result.exit_code == 1
    assert ("Note: 1 document(s) that no valid row produces now are left "
            f"({out / 'specialist-1-posting-00000001.md'}); --prune removes them once every "
            "row is valid") in result.stderr
    write_csv(spec, rows(1))
    result = cli(build)
    assert "that no row produces now are left" in result.stderr
    assert result.stderr.count("--prune removes them\n") == 1


def test_a_template_error_names_the_row_and_the_template_line(tmp_path, profile):
    """The row that asked for the document, then where its template failed: on the console,
    in the manifest and in build-report.csv."""
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "posting.html.j2").write_text("<h1>x</h1>\n{% if %}", encoding="utf-8")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, level: journey,"
                    " format: md}\n", encoding="utf-8")
    pipeline = Pipeline(Sources(templates_dir=templates), profile=profile)
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    (failure,) = report.failures
    assert failure.line().startswith(f"{spec}, line 2: {templates / 'posting.html.j2'}, line 2: "
                                     "template syntax error")
    assert read_manifest(tmp_path / "out")[report.rows[0].output]["failure"]["within"] == \
        {"file": str(spec), "line": 2}
    (row,) = report.rows
    assert row.row == f"{spec}, line 2"
    assert row.errors[0].startswith(f"template: {templates / 'posting.html.j2'}, line 2: "
                                    "template syntax error")


def test_report_rows_with_the_same_findings_share_them():
    """Every row is held until the build ends: equal findings and statuses are one object."""
    from jdbuilder.build import ReportRow
    from jdbuilder.errors import ERROR, WARNING, Problem

    found = (Problem("completeness", ERROR, "missing how to apply"),
             Problem("style", WARNING, "long sentence"))
    first, second = (ReportRow.of(n, f"jobs.csv, row {n}", f"out-{n}.docx", "built", found)
                     for n in (2, 3))
    assert first.errors == ("completeness: missing how to apply",)
    assert first.warnings == ("style: long sentence",)
    assert first.status == "built, must fix"
    assert first.errors is second.errors and first.warnings is second.warnings
    assert first.status is second.status



def test_the_todo_list_gives_back_each_document_as_it_was_added(tmp_path, pipeline):
    """Held in flat arrays (fingerprints as raw bytes); read back as the manifest records it."""
    from jdbuilder.build import _Todo
    from jdbuilder.spec import read_spec

    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,title\n" + "".join(
        f"posting,admissions,journey,Specialist {i}\n" for i in range(3)), encoding="utf-8")
    entries = read_spec(spec, pipeline).entries
    todo = _Todo(entries)
    added = [(index, f"out-{index}.docx", hashlib.sha256(bytes([index])).hexdigest())
             for index in (2, 0)]
    for index, target, inputs in added:
        todo.append(index, entries[index], target, inputs)
    assert len(todo) == 2 and todo.formats == {"docx"}
    got = list(todo)  # ends at the last one (IndexError), as a Sequence does
    assert [(entry.number, target, inputs) for entry, target, inputs in got] == [
        (entries[index].number, target, inputs) for index, target, inputs in added]
    assert todo[-1][1] == "out-0.docx" and todo[0:1][0][2] == added[0][2]
    assert todo.task(1) == (1, entries.packed(0), "out-0.docx")
    with pytest.raises(IndexError):
        todo[2]
