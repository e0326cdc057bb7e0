"""Defaults for a whole spec from the command line: build --kind, --org, --set."""

from __future__ import annotations

import pytest

from jdbuilder.errors import InputError
from jdbuilder.spec import command_line_defaults, read_spec


def test_every_row_takes_the_defaults_it_does_not_give_itself(tmp_path, pipeline, monkeypatch):
    spec = tmp_path / "jobs.csv"
    spec.write_text("Specialization,Level,Kind,Closing Date\n"
                    "admissions,journey,,\n"
                    "finaid,advanced,description,2027-05-01\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "org.yaml").write_text("name: Example State University\n",
                                                encoding="utf-8")
    monkeypatch.chdir(tmp_path / "here")  # --org is relative to where the command is typed
    defaults = command_line_defaults("posting", "org.yaml", {"closes": "3/1/2027"})
    first, second = read_spec(spec, pipeline, defaults=defaults).entries
    assert (first.request.kind, str(first.request.position.closes)) == ("posting", "2027-03-01")
    assert (second.request.kind, str(second.request.position.closes)) == \
        ("description", "2027-05-01")
    assert first.organization.name == second.organization.name == "Example State University"


def test_a_yaml_specs_own_defaults_win_over_the_command_lines(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("defaults:\n  department: Admissions Office\n"
                    "documents:\n  - {specialization: admissions, level: journey}\n"
                    "  - {specialization: admissions, level: advanced, department: Visits}\n",
                    encoding="utf-8")
    defaults = command_line_defaults("posting", None, {"department": "Registrar",
                                                       "supervisor": "Director"})
    entries = read_spec(spec, pipeline, defaults=defaults).entries
    assert [(e.request.position.department, e.request.position.supervisor) for e in entries] \
        == [("Admissions Office", "Director"), ("Visits", "Director")]


@pytest.mark.parametrize(("fields", "message"), [
    ({"closing": "2027-03-01"}, "--set closing: unknown field 'closing' (did you mean 'closes'?)"),
    ({"closes": "March"}, "--set closes: "),
    ({"title": ""}, "--set title: is empty; give a value or leave title out"),
    ({"kind": "posting"}, "--set kind: use --kind instead"),
    ({"level": " "}, "--set level: is empty"),
])
def test_a_bad_set_is_one_error_before_any_row_is_read(fields, message):
    with pytest.raises(InputError) as caught:
        command_line_defaults("posting", None, fields)
    assert caught.value.problem.line().startswith(message)


def test_a_cross_field_problem_names_the_row_it_arises_in(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,Maximum Salary\nposting,admissions,journey,40000\n",
                    encoding="utf-8")
    loaded = read_spec(spec, pipeline, defaults=command_line_defaults(
        None, None, {"salary_min": "45000"}))
    [problem] = loaded.problems
    assert problem.line() == (f"{spec}, row 2: salary_min 45000 is above salary_max 40000; "
                              "swap them")


def test_an_apply_column_or_apply_gives_each_posting_its_own_way_to_apply(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,Apply URL\n"
                    "posting,admissions,journey,https://jobs.example.edu/postings/42\n"
                    "posting,finaid,advanced,\n", encoding="utf-8")
    defaults = command_line_defaults(apply="Send a letter and resume to hr@example.edu")
    own, default = read_spec(spec, pipeline, defaults=defaults).entries
    assert own.organization.apply.url == "https://jobs.example.edu/postings/42"
    assert default.organization.apply.instructions == "Send a letter and resume to hr@example.edu"
    assert default.organization.apply.url is None
    with pytest.raises(InputError, match="--apply: empty"):
        command_line_defaults(apply=" ")


def test_set_gives_a_specialization_or_level_a_sheet_leaves_out(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("Job Title,Level\nCounselor,journey\nSenior Counselor,\n", encoding="utf-8")
    loaded = read_spec(spec, pipeline, defaults=command_line_defaults(
        "posting", None, {"specialization": "Financial Aid", "level": "advanced"}))
    assert [(e.request.specialization, e.request.level) for e in loaded.entries] == [
        ("financial-aid", "journey"), ("financial-aid", "advanced")]
    wrong = read_spec(spec, pipeline, defaults=command_line_defaults(
        "posting", None, {"specialization": "Financial Ayd"}))
    assert [problem.line() for problem in wrong.problems][:1] == [
        "--set specialization: unknown specialization 'Financial Ayd'; did you mean "
        "'financial-aid'? (valid: admissions, financial-aid, registration, residence-life, "
        "student-center)"]
    assert wrong.invalid_count == 2
