from __future__ import annotations

import importlib
from pathlib import Path

from jdbuilder.errors import (
    ERROR,
    WARNING,
    InputError,
    JdbuilderError,
    Location,
    Problem,
    ProfileError,
    QualityRefusal,
    SpecError,
    TemplateError,
)


def test_a_problem_renders_to_one_line_naming_where_it_is():
    problem = Problem("spec", ERROR, "unknown kind 'memo';\n use posting",
                      Location(file="jobs.yaml", line=12, field="kind"))
    assert problem.line() == "jobs.yaml, line 12, field 'kind': unknown kind 'memo'; use posting"
    assert Problem("x", WARNING, "no location known").line() == "no location known"
    assert Problem("x", ERROR, "m", Location(option="--set title")).line() == "--set title: m"
    assert Problem("x", ERROR, "m", Location(file="a.csv", row=3)).line() == "a.csv, row 3: m"


def test_a_location_is_filled_in_without_changing_the_problem():
    problem = Problem("input", ERROR, "is empty", Location(field="title"))
    placed = problem.at(file="jobs.csv", row=4)
    assert placed.location == Location(file="jobs.csv", row=4, field="title")
    assert problem.location == Location(field="title")
    assert placed.location.without_field().text() == "jobs.csv, row 4"


def test_an_error_carries_its_problem_and_prints_its_line():
    problem = Problem("input", ERROR, "bad", Location(file="f.yaml", line=2))
    error = InputError(problem)
    assert error.problem is problem and error.format_message() == "f.yaml, line 2: bad"
    assert error.exit_code == 2
    assert InputError("plain text").problem.code == "input"
    assert QualityRefusal("x").exit_code == 1  # the input is fine, the document is not


def test_every_bad_input_error_exits_2():
    """Profile, template and reference errors are bad input like any other (issue #16)."""
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    # Their modules hold the other subclasses (TemplateRefused, ConverterError).
    importlib.import_module("jdbuilder.sandbox")
    importlib.import_module("jdbuilder.writers.pdf")
    bad_input = [cls for cls in subclasses(JdbuilderError) if not issubclass(cls, QualityRefusal)]
    assert {ProfileError, TemplateError, InputError, SpecError} <= set(bad_input)
    assert {cls.__name__: cls("x").exit_code for cls in bad_input} == \
        {cls.__name__: 2 for cls in bad_input}


def test_a_problem_as_json_keeps_only_what_is_known():
    problem = Problem("length", WARNING, "too short", Location(place="paragraph 2"), "Hi.", "S")
    assert problem.to_json() == {"code": "length", "severity": "warning", "message": "too short",
                                 "location": {"place": "paragraph 2"}, "quote": "Hi.",
                                 "source": "S"}


def test_the_location_goes_in_front_of_the_message_never_in_it():
    error = InputError("no such sheet; its sheets: Fall", option="--sheet", value="Winter",
                       file=Path("jobs.xlsx"))
    assert error.problem.message == "no such sheet; its sheets: Fall"
    assert error.problem.location == Location(option="--sheet", value="Winter", file="jobs.xlsx")
    assert error.format_message() == "--sheet Winter, jobs.xlsx: no such sheet; its sheets: Fall"
    cells = Location(file="jobs.xlsx", sheet="Fall", row=4, column="C")
    assert cells.text() == "jobs.xlsx, sheet 'Fall', row 4, column C"


def test_each_edge_names_an_option_in_its_own_words():
    problem = InputError("no such sheet", option="--sheet", value="Winter", file="jobs.xlsx"
                         ).problem
    assert problem.line() == "--sheet Winter, jobs.xlsx: no such sheet"
    assert problem.line({"--sheet": "the Sheet field"}) == \
        "the Sheet field 'Winter', jobs.xlsx: no such sheet"
    assert Location(option="--org").text({"--org": "the organization fields"}) == \
        "the organization fields"


def test_a_location_maps_its_file_without_touching_the_message():
    problem = InputError("not UTF-8 text", file="/tmp/x/jobs.csv", line=2).problem
    shown = problem.location.renamed(lambda name: name.removeprefix("/tmp/x/"))
    assert shown == Location(file="jobs.csv", line=2)
    assert Location(option="-o", value="/tmp/x/a.docx").renamed(str.upper).value == \
        "/TMP/X/A.DOCX"


def test_a_problem_in_a_template_also_names_the_row_that_asked_for_it():
    problem = Problem("template", ERROR, "template refused: too long",
                      Location(file="tpl/posting.html.j2", line=1),
                      within=Location(file="jobs.yaml", line=3))
    assert problem.line() == "jobs.yaml, line 3: tpl/posting.html.j2, line 1: template " \
                             "refused: too long"
    assert problem.to_json()["within"] == {"file": "jobs.yaml", "line": 3}
