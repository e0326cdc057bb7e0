"""The web page's preview: the HTML writer with coded words marked, and every problem."""

from __future__ import annotations

import re

import pytest

from jdbuilder.checks.wording import coded_spans
from jdbuilder.errors import InputError
from jdbuilder.org import organization_with
from jdbuilder.pipeline import DocumentRequest, build_document
from jdbuilder.preview import preview_document


def test_coded_spans_follow_the_paper_and_skip_competency_names():
    text = "Lead a supportive team. Decision Making is the first."
    spans = coded_spans(text, ["Decision Making"])
    assert [(text[s.start:s.end], s.coding, s.stem) for s in spans] == [
        ("Lead", "masculine", "lead*"), ("supportive", "feminine", "support*")]
    assert [text[s.start:s.end] for s in coded_spans(text)][-1] == "Decision"


def test_preview_is_the_html_document_with_marks(pipeline):
    request = DocumentRequest("posting", "admissions", "journey", {"title": "Counselor <b>"})
    preview = preview_document(request, pipeline)
    plain = build_document("posting", "admissions", "journey", fmt="html",
                           fields={"title": "Counselor <b>"}).content.decode()
    unmarked = re.sub(r'<mark class="coded [a-z]+" title="[^"]*">([^<]*)</mark>', r"\1",
                      preview.html)
    # The same writer: the body is identical once the marks are taken out.
    assert unmarked.split("<body>")[1] == plain.split("<body>")[1]
    assert "Counselor &lt;b&gt;" in preview.html
    assert preview.stem == "counselor-b-posting"
    masculine = preview.html.count('class="coded masculine"')
    assert masculine == preview.figures["masculine_coded"]
    assert preview.html.count('class="coded feminine"') == preview.figures["feminine_coded"]


def test_preview_problems_are_input_warnings_and_all_findings_worst_first(pipeline):
    preview = preview_document(DocumentRequest("posting", "admissions", "journey"), pipeline)
    severities = [problem.severity for problem in preview.problems]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    codes = [problem.code for problem in preview.problems]
    assert "info" in severities and "completeness" in codes and "location" in codes
    assert codes.count("how-to-apply-missing") <= 1


def test_description_preview_gets_the_wording_checks_only(pipeline):
    preview = preview_document(DocumentRequest("description", "registrar", "advanced"), pipeline)
    codes = {problem.code for problem in preview.problems}
    assert "gendered-wording" in codes and "completeness" not in codes


def test_preview_refuses_bad_fields_like_the_core(pipeline):
    with pytest.raises(InputError, match="field 'salary_min'"):
        preview_document(DocumentRequest("posting", "admissions", "journey",
                                         {"salary_min": "lots"}), pipeline)


def test_organization_fields_override_and_are_validated(pipeline):
    base = pipeline.organization()
    merged = organization_with(base, {"org_name": "Example U", "org_city": "Greensboro",
                                      "org_apply_url": "mailto:jobs@example.edu",
                                      "org_benefits": ""})
    assert merged.name == "Example U" and merged.location.city == "Greensboro"
    assert merged.apply.url == "mailto:jobs@example.edu"
    assert merged.benefits == base.benefits and merged.eeo_statement == base.eeo_statement
    assert organization_with(base, {}) is base
    for fields, message in (({"org_apply_url": "jobs.example.edu"},
                             "field 'org_apply_url': apply.url 'jobs.example.edu' is not a web"),
                            ({"org_nam": "X"}, "did you mean 'org_name'?"),
                            ({"org_name": "A\x07B"}, "field 'org_name': contains the control")):
        with pytest.raises(InputError) as caught:
            organization_with(base, fields)
        assert message in caught.value.message
