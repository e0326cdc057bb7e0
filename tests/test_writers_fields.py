"""--format fields: a posting (or PD) as an applicant tracking system's fields. Each field's text
is what the document says under that heading, and its HTML uses only the tags ATS editors keep."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from jdbuilder.errors import InputError
from jdbuilder.pipeline import DocumentRequest, make_document

from .test_content import COMBINATIONS, COMPLETE_ORG, FIELDS

ALLOWED_TAGS = {"p", "ul", "ol", "li", "a", "strong", "em"}


@pytest.fixture(scope="module")
def complete_org(pipeline):
    return pipeline.organization(COMPLETE_ORG)


def _made(pipeline, organization, specialization, level, fmt, kind="posting", fields=FIELDS):
    request = DocumentRequest(kind, specialization, level, fields=fields, format=fmt)
    return make_document(request, pipeline, organization, quality_checks=False)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w$%'’.,:;()/-]+", text)


def _markdown_body(markdown: str) -> str:
    """The Markdown posting from its first section on, as words: no headings, no marks."""
    body = markdown[markdown.index("\n## "):]
    lines = [line for line in body.splitlines() if not line.startswith("#")]
    text = "\n".join(lines)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](link) -> text
    text = re.sub(r"^\s*(- |\d+\. )", "", text, flags=re.M)
    return text.replace("**", "").replace("\\", "")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


@pytest.mark.parametrize(("specialization", "level"), COMBINATIONS)
def test_fields_pasted_together_hold_the_markdown_posting(pipeline, complete_org,
                                                          specialization, level):
    markdown = _made(pipeline, complete_org, specialization, level, "md").content.decode()
    made = json.loads(_made(pipeline, complete_org, specialization, level, "fields").content)
    pasted = "\n\n".join(field["text"] for field in made["fields"].values())
    pasted = re.sub(r"^• ", "", pasted, flags=re.M)
    assert _words(pasted) == _words(_markdown_body(markdown))
    for name, field in made["fields"].items():
        parser = _Tags()
        parser.feed(field["html"])
        assert parser.tags <= ALLOWED_TAGS, (name, parser.tags - ALLOWED_TAGS)
    assert {"summary", "about_office", "duties", "minimum_qualifications",
            "preferred_qualifications", "working_conditions", "pay", "benefits", "how_to_apply",
            "eeo"} <= set(made["fields"])


def test_pay_and_benefits_are_apart_and_the_facts_are_the_positions(pipeline, complete_org):
    made = json.loads(_made(pipeline, complete_org, "admissions", "journey", "fields",
                            fields={**FIELDS, "position_number": "00042",
                                    "closes": "2027-03-01"}).content)
    fields = made["fields"]
    assert "$45,000" in fields["pay"]["text"]
    assert complete_org.benefits and " ".join(complete_org.benefits.split()) in fields[
        "benefits"]["text"]
    assert "$45,000" not in fields["benefits"]["text"]
    facts = made["facts"]
    assert facts["position_number"] == "00042" and facts["closes"] == "2027-03-01"
    assert facts["salary"]["min"] == "45000" and facts["flsa"] == "Exempt"
    assert facts["occupation"]["code"] == "21-1012.00"
    assert fields["how_to_apply"]["html"].count('<a href="') == 1


def test_a_position_description_gives_its_own_sections(pipeline, complete_org):
    made = json.loads(_made(pipeline, complete_org, "registration", "journey", "fields",
                            kind="description", fields={}).content)
    assert made["kind"] == "description" and len(made["fields"]) >= 5
    assert all(field["text"] for field in made["fields"].values())


def test_a_form_has_no_fields(pipeline, complete_org):
    with pytest.raises(InputError, match="made of postings and position descriptions"):
        _made(pipeline, complete_org, "admissions", "journey", "fields", kind="interview",
              fields={})


def test_the_command_line_writes_fields_by_their_suffix(cli, tmp_path, monkeypatch):


    monkeypatch.chdir(tmp_path)
    result = cli(["-q", "posting", "-s", "admissions", "-l", "journey",
                  "-o", "p.fields.json"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "p.fields.json").read_text())["fields"]["duties"]["text"]


COLORADO_ORG = """\
name: Mountain State University
location: Denver, CO
apply: https://jobs.example.edu/123
eeo_statement: Mountain State University is an equal opportunity employer.
benefits: >-
  Eligible employees receive medical, dental and vision coverage, paid vacation and sick leave,
  and a retirement plan.
pay_transparency: Mountain State University will not discriminate against applicants who ask about pay.
"""


def test_omitted_statements_are_left_out_and_not_reported_missing(cli, tmp_path, monkeypatch):


    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(COLORADO_ORG)
    args = ["posting", "-s", "admissions", "-l", "journey", "--org", "org.yaml",
            "--set", "salary_min=50000", "--set", "salary_max=60000",
            "--set", "closes=2027-02-01", "--strict", "--format", "fields", "-o", "-"]
    whole = cli(args)
    assert whole.exit_code == 0, whole.output
    omitted = cli([*args, "--omit", "eeo,benefits"])
    assert omitted.exit_code == 0, omitted.output  # --strict passes: left out on purpose
    made = json.loads(omitted.stdout)
    text = json.dumps(made)
    assert "equal opportunity employer" not in text and "dental" not in text
    assert {"eeo", "benefits"}.isdisjoint(made["fields"]) and "pay_statement" in made["fields"]
    assert "equal opportunity employer" in whole.stdout and "dental" in whole.stdout


def test_the_checks_know_what_was_omitted_on_purpose(pipeline, tmp_path):
    from dataclasses import replace

    from jdbuilder.checks import CheckContext, check_document
    from jdbuilder.pipeline import refusal

    (tmp_path / "org.yaml").write_text(COLORADO_ORG)
    organization = pipeline.organization(tmp_path / "org.yaml")
    fields = {"salary_min": "50000", "salary_max": "60000", "closes": "2027-02-01"}
    request = DocumentRequest("posting", "admissions", "journey", fields=fields, format="md")
    omitting = replace(organization, omit=("eeo", "benefits"))
    made = make_document(request, pipeline, omitting)
    # What was made general for a Colorado employer is a warning to read, which --strict lets
    # pass; nothing else is more than a note.
    assert all(p.severity == "info" or p.code == "jurisdiction-general" for p in made.problems)
    assert refusal(made, strict=True) is None
    left_out = {f.name: f.severity for f in check_document(
        made.model, CheckContext().with_organization(omitting)).findings}
    assert left_out["eeo-statement-omitted"] == left_out["benefits-omitted"] == "info"
    reported = {f.name: f.severity for f in check_document(
        made.model, CheckContext().with_organization(organization)).findings}
    assert reported["eeo-statement-missing"] == reported["benefits-missing"] == "error"


def test_an_unknown_omission_is_one_error_with_a_suggestion(tmp_path):
    from jdbuilder.org import parse_omit

    assert parse_omit("EEO, pay_statement") == ("eeo", "pay-statement")
    with pytest.raises(ValueError, match="did you mean 'benefits'"):
        parse_omit("benfits")
