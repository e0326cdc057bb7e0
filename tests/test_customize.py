from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdbuilder.compose import CONTEXT_DOC, Request, context_paths
from jdbuilder.customize import (
    export_templates,
    template_uses,
    used_variables,
    variables_for,
    variables_markdown,
)
from jdbuilder.errors import InputError
from jdbuilder.position import parse_position
from jdbuilder.resources import builtin_templates_dir

TEMPLATES_PAGE = Path(__file__).resolve().parent.parent / "docs" / "templates.md"


@pytest.mark.parametrize("kind", ["posting", "description", "summary"])
def test_documented_variables_match_the_real_context(pipeline, kind):
    position = parse_position({"salary_min": "1", "salary_max": "2", "committee": "A B (Chair)"})
    context = pipeline.compose(Request(kind, "residence-life", "journey", position),
                               pipeline.organization()).context
    assert context_paths(context) == set(CONTEXT_DOC)


def test_the_documented_variable_table_is_current():
    text = TEMPLATES_PAGE.read_text(encoding="utf-8")
    table = re.search(r"<!-- variables:start -->\n(.*)\n<!-- variables:end -->", text, re.S)
    assert table and table.group(1) == variables_markdown()


def test_export_refuses_to_overwrite_without_force(tmp_path):
    written = export_templates(tmp_path / "t")
    assert {p.name for p in written} >= {"posting.html.j2", "reference.docx"}
    (tmp_path / "t" / "posting.html.j2").write_text("mine")
    with pytest.raises(InputError, match="already exist"):
        export_templates(tmp_path / "t")
    assert (tmp_path / "t" / "posting.html.j2").read_text() == "mine"
    export_templates(tmp_path / "t", force=True)
    assert (tmp_path / "t" / "posting.html.j2").read_text() != "mine"


def test_template_uses_report_fallback(tmp_path):
    (tmp_path / "posting.html.j2").write_text("<p>x</p>")
    uses = {use.kind: use for use in template_uses(tmp_path, builtin_templates_dir() /
                                                   "reference.docx")}
    assert uses["posting"].origin == "yours"
    assert uses["description"].origin == "built-in"


def test_each_kind_lists_the_variables_its_own_template_uses():
    posting, description = variables_for("posting"), variables_for("description")
    assert posting != description
    assert "salary.text" in posting and "salary.text" not in description
    assert "role.supervision_received" in description and "role.supervision_received" not in posting
    assert set(posting) <= set(CONTEXT_DOC) and set(description) <= set(CONTEXT_DOC)


def test_a_kit_kind_lists_its_own_variables_too():
    ladder = variables_for("ladder")
    assert {"document_title", "ladder.decision_authority",
            "ladder.levels[].decision_authority[]", "ladder.competencies[].name"} <= set(ladder)
    assert "interview.questions[].anchors[].statements[]" in variables_for("interview")


def test_variables_follow_loops_and_your_own_template(tmp_path):
    assert used_variables("{% for duty in role.duties %}{{ duty.title }}{% endfor %}"
                          "{% for item in role.preferred_qualifications %}{{ item }}{% endfor %}"
                          "{{ organization['name'] }}") == {
        "role.duties[].title", "role.preferred_qualifications[]", "organization.name"}
    (tmp_path / "posting.html.j2").write_text("<p>{{ level.name }}</p>", encoding="utf-8")
    assert variables_for("posting", tmp_path) == {"level.name": CONTEXT_DOC["level.name"]}


def test_an_unknown_kind_is_refused_with_the_closest():
    with pytest.raises(InputError, match="did you mean 'posting'"):
        variables_for("postng")
