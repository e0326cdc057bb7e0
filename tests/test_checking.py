"""checking.py directly: check_spec and check_files called as the core's callers call them,
without the command line."""

from __future__ import annotations

from jdbuilder.checking import check_files, check_spec
from jdbuilder.compose import Request
from jdbuilder.errors import ERROR
from jdbuilder.pipeline import make_parsed

SPEC = """\
defaults:
  org:
    name: Example University
    eeo_statement: Example University is an equal opportunity employer.
    location: {city: Denver, region: CO, country: US}
    apply: {url: "https://jobs.example.edu/apply"}
documents:
  - kind: posting
    specialization: admissions
    level: journey
    salary_min: 45000
    salary_max: 52000
  - kind: description
    specialization: registration
    level: advanced
  - kind: interview
    specialization: admissions
    level: journey
  - kind: posting
    specialization: astronomy
    level: journey
  - kind: posting
    specialization: admissions
    level: journey
    format: jsonld
    org:
      name: Nowhere College
      eeo_statement: Nowhere College is an equal opportunity employer.
      location: Springfield
"""


def test_check_spec_reports_the_spec_then_each_document_as_the_core_makes_it(pipeline, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text(SPEC)
    first, posting, description, interview, jsonld = check_spec(spec, pipeline)
    # the spec's own problem: an error at its line and field, the place not in the message
    (bad,) = first.findings
    assert (bad.code, bad.severity) == ("spec", ERROR)
    assert (bad.location.file, bad.location.line, bad.location.field) == (str(spec), 20,
                                                                       "specialization")
    assert str(spec) not in bad.message and "astronomy" in bad.message
    # each document, with its kind's checks (the table of kinds) and the core's figures
    assert posting.source.startswith(f"{spec}, line 8 (") and "words" in posting.figures
    assert {p.code for p in description.findings} <= {"gendered-wording", "readability",
                                                      "repetition", "duties",
                                                      "physical-demands"}
    assert not interview.findings and not interview.figures  # a form: no quality checks
    # what the core reports for the same row is what check reports
    entry_made = make_parsed(Request("posting", "admissions", "journey",
                                     posting_position(pipeline)), None, pipeline,
                             pipeline.organization())
    assert entry_made.report is not None
    # a JSON-LD row Google would reject is an error at its row
    refused = [p for p in jsonld.findings if p.code == "structured-data"]
    assert refused and refused[0].location.line == 22


def posting_position(pipeline):
    from jdbuilder.position import parse_position

    return parse_position({"salary_min": "45000", "salary_max": "52000",
                           "location": "Raleigh, NC, US"})


def test_check_spec_of_an_unreadable_spec_is_one_error_naming_the_file(pipeline, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents: [")
    ((problem,),) = [report.findings for report in check_spec(spec, pipeline)]
    assert problem.severity == ERROR and problem.code == "spec"


def test_check_files_reads_an_unreadable_file_as_one_read_error(pipeline, tmp_path):
    broken = tmp_path / "posting.docx"
    broken.write_bytes(b"not a zip")
    (report,) = check_files([broken], pipeline)
    (problem,) = report.findings
    assert problem.code == "read" and problem.location.file == str(broken)
