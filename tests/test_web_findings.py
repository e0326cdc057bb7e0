"""The page's words for problems: each finding names the form field that fixes it, by the page's
label, says each gap once, and never names a command-line option."""

from __future__ import annotations

import re

import pytest

from jdbuilder.errors import WARNING, InputError, Location, Problem
from jdbuilder.org import ORGANIZATION_FIELDS, ORGANIZATION_LABELS
from jdbuilder.position import FIELD_HELP, FIELD_LABELS
from jdbuilder.web.findings import form_field, page_finding, page_findings, page_line

OPTION = re.compile(r"(?<![\w-])--[a-z]|\bthe --org\b|--set\b")


@pytest.fixture(scope="module")
def client(make_app):
    return make_app().test_client()


def test_every_field_has_a_label_in_the_registry():
    assert set(FIELD_LABELS) == set(FIELD_HELP)
    assert set(ORGANIZATION_LABELS) == set(ORGANIZATION_FIELDS)
    assert all(label[0].isupper() and "_" not in label
               for label in [*FIELD_LABELS.values(), *ORGANIZATION_LABELS.values()])


def test_an_input_key_or_organization_path_is_the_pages_field():
    assert form_field("salary_min") == "salary_min"
    assert form_field("apply.url") == "org_apply_url"
    assert form_field("apply") == "org_apply_url"
    assert form_field("eeo_statement") == "org_eeo_statement"
    assert form_field("no-such") is None and form_field(None) is None


def test_a_command_line_worded_problem_gets_the_pages_sentence():
    problem = Problem("location", WARNING, "no location: give location in the organization "
                      "file, or the location field (--set location='City, ST')",
                      Location(field="location"))
    finding = page_finding(problem)
    assert finding.field == "location" and finding.label == "Location"
    assert "--set" not in finding.message and "City, ST" in finding.message


def test_one_finding_per_field_and_message():
    twice = [Problem("completeness", "error", "missing how to apply", Location(field="apply.url")),
             Problem("how-to-apply-missing", WARNING, "no way to apply", Location(field="apply"))]
    assert len(page_findings(twice)) == 1


def test_the_empty_form_says_each_gap_once_in_the_pages_words(client):
    data = client.get("/api/preview/posting?specialization=admissions&level=journey").json
    findings = data["findings"]
    assert findings and not [f["message"] for f in findings if OPTION.search(f["message"])]
    apply = [f for f in findings if f.get("field") == "org_apply_url"]
    assert len(apply) == 1 and apply[0]["label"] == "Apply at"
    fields = [f.get("field") for f in findings if f.get("field")]
    assert len(fields) == len(set(fields)), fields
    assert {"location", "salary_min"} <= set(fields)


def test_the_page_links_each_finding_to_its_field_and_labels_come_from_the_registry(client):
    page = client.get("/").data.decode()
    findings = page[page.index('id="findings-list"'):page.index('id="notes"')]
    assert 'href="#f-org_apply_url" data-field="f-org_apply_url">Fix in: Apply at' in findings
    assert not OPTION.search(re.sub(r"<[^>]+>", " ", findings))
    assert ">appointment_type<" not in page and "Appointment type" in page


def test_the_posting_form_hides_the_fields_only_other_kinds_use(client):
    posting = client.get("/").data.decode()
    weights = posting[posting.index('data-kinds="assessment"'):]
    assert weights.split(">", 1)[0].endswith(" hidden")
    assert 'name="weights" type="text"' in posting and 'disabled>' in weights.split("</div>")[0]
    assessment = client.get("/?kind=assessment").data.decode()
    shown = assessment[assessment.index('data-kinds="assessment"'):]
    assert not shown.split(">", 1)[0].endswith(" hidden")


def test_the_page_says_which_statements_are_built_in(client):
    page = client.get("/").data.decode()
    assert "EEO statement, Benefits, Pay-transparency statement: jdbuilder's built-in texts" in page


def test_an_error_line_names_options_as_the_page_does():
    missing_sheet = InputError("no such sheet", option="--sheet", value="Winter",
                               file="openings.xlsx").problem
    assert missing_sheet.line() == "--sheet Winter, openings.xlsx: no such sheet"
    assert page_line(missing_sheet) == "the Sheet field 'Winter', openings.xlsx: no such sheet"
    # A form's own field keeps its name; so does a file and its line.
    assert page_line(InputError("missing", option="level").problem) == "level: missing"
    assert page_line(InputError("bad", file="jobs.yaml", line=3).problem) == \
        "jobs.yaml, line 3: bad"


def test_what_was_made_general_is_a_finding_in_the_pages_words_not_document_text(client):
    data = client.get("/api/preview/description?specialization=admissions&level=journey"
                      "&org_name=Acme+College").json
    assert "Note for Human Resources" not in data["html"]
    assert "Remove this note" not in data["html"] and "--system" not in data["html"]
    found = {f["code"]: f for f in data["findings"]}
    general, system = found["jurisdiction-general"], found["jurisdiction-system"]
    assert general["severity"] == system["severity"] == WARNING
    assert "unknown state (no location given)" in general["message"]
    assert "Laws, regulations and standards" in general["message"]
    assert "classifying residence for tuition" in general["message"]
    assert system["field"] == "org_system" and system["label"] == "University system"
    assert "UNC System" in system["message"] and not OPTION.search(system["message"])
