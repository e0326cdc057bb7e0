from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from jdbuilder import __version__
from jdbuilder.cli import main


@pytest.fixture
def run(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return cli(list(args), catch_exceptions=False)

    return invoke


def _one_error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_version_and_help_with_examples(run):
    assert __version__ in run("--version").output
    for command in ([], ["posting"], ["description"], ["pd"], ["list"], ["show"],
                    ["templates"], ["templates", "export"], ["fields"]):
        result = run(*command, "-h")
        assert result.exit_code == 0, command
        assert "Example" in result.output, command


def test_list_specializations_and_levels(run):
    specs = json.loads(run("list", "specializations", "--json").output)
    assert {"id", "name"} <= set(specs[0])
    assert len(specs) == 5
    levels = json.loads(run("list", "levels", "--json").output)
    assert [level["id"] for level in levels] == ["contributing", "journey", "advanced"]
    table = run("list", "specializations").output
    assert "financial-aid" in table and "Financial Aid" in table


def test_show_prints_the_whole_profile_for_a_choice(run, profile):
    result = run("show", "-s", "Financial Aid", "-l", "journey")
    assert result.exit_code == 0
    role = profile.specialization("financial-aid").roles["journey"]
    flat = " ".join(result.output.split())
    assert role.title in flat
    for duty in role.duties:
        assert f"{duty.percent}%" in flat and duty.title in flat
    assert "Title IV" in flat and "34 CFR Part 668" in flat
    for statement in profile.competency("decision-making").statements["journey"]:
        assert statement in flat


@pytest.mark.parametrize("typed", ["student center", "Student-Center", "student_center",
                                   "STUDENT CENTER"])
def test_choices_accept_names_in_any_spelling(run, typed):
    assert run("show", "-s", typed, "-l", "Advanced").exit_code == 0


def test_unknown_choice_exits_2_with_valid_values_and_closest(run):
    result = run("show", "-s", "admision", "-l", "journey")
    assert result.exit_code == 2
    line = _one_error_line(result)
    assert "did you mean 'admissions'" in line.lower() and "financial-aid" in line
    result = run("show", "-s", "admissions", "-l", "expert")
    assert result.exit_code == 2 and "contributing" in _one_error_line(result)


def test_posting_writes_default_named_docx(run, tmp_path):
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", "salary_min=45000",
                 "--set", "salary_max=52000")
    assert result.exit_code == 0, result.output
    target = tmp_path / "senior-admissions-counselor-posting.docx"
    assert target.is_file()
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Senior Admissions Counselor" in text


def test_existing_file_is_left_alone_without_force(run, tmp_path):
    target = tmp_path / "pd.docx"
    target.write_bytes(b"keep me")
    result = run("pd", "-s", "registrar", "-l", "advanced", "-o", str(target))
    assert result.exit_code != 0 and "--force" in _one_error_line(result)
    assert target.read_bytes() == b"keep me"
    assert run("pd", "-s", "registrar", "-l", "advanced", "-o", str(target),
               "--force").exit_code == 0
    title = docx.Document(str(target)).core_properties.title
    assert title == "Position description: Assistant Director of Registration and Records"


def test_format_from_suffix_and_stdout(run, tmp_path):
    assert run("posting", "-s", "reslife", "-l", "journey", "-o", "p.md").exit_code == 0
    assert (tmp_path / "p.md").read_text().startswith("# Senior Residence Life Coordinator")
    result = run("posting", "-s", "reslife", "-l", "journey", "-o", "-")
    assert result.stdout.startswith("Senior Residence Life Coordinator\n")
    result = run("posting", "-s", "reslife", "-l", "journey", "-o", "-", "--format", "docx")
    assert result.exit_code == 2 and "standard output" in _one_error_line(result)
    result = run("posting", "-s", "reslife", "-l", "journey", "-o", "x.docx", "--format", "md")
    assert result.exit_code == 2 and "suffix" in _one_error_line(result)


@pytest.mark.parametrize("assignment, problem", [
    ("salry_min=1", "did you mean 'salary_min'"),
    ("salary_min=lots", "not a number"),
    ("closes=next week", "YYYY-MM-DD"),
    ("employment_type=fulltime", "not one of"),
    ("title", "KEY=VALUE"),
])
def test_bad_set_values_are_one_line_errors(run, tmp_path, assignment, problem):
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", assignment)
    assert result.exit_code == 2
    assert problem in _one_error_line(result)
    assert list(tmp_path.iterdir()) == []


def test_salary_range_order_and_repeated_key(run):
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", "salary_min=60000",
                 "--set", "salary_max=50000")
    assert "swap them" in _one_error_line(result)
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", "title=A",
                 "--set", "title=B")
    assert "given twice" in _one_error_line(result)


def test_set_values_reach_the_document(run, tmp_path):
    title = 'Counselor & "Lead" <Admissions> — Élan 🎓'
    result = run("posting", "-s", "admissions", "-l", "journey", "-o", "p.docx",
                 "--set", f"title={title}", "--set", "department=Office of Admissions")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "p.docx"))
    assert document.paragraphs[0].text == title
    assert document.core_properties.title == title


def test_org_file_errors_name_the_file_and_field(run, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text("name: Example U\neeo_statement: We hire fairly.\nwebsite: example.edu\n")
    result = run("posting", "-s", "admissions", "-l", "journey", "--org", str(org))
    line = _one_error_line(result)
    assert "org.yaml, line 3" in line and "website" in line and "https://" in line


def test_warnings_go_to_stderr_not_into_the_document(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(["posting", "-s", "admissions", "-l", "journey",
                  "-o", "p.txt"])
    assert "Warning: pay-transparency: no salary range" in result.stderr
    assert "Warning" not in (tmp_path / "p.txt").read_text()
    assert "salary range" not in (tmp_path / "p.txt").read_text().lower()


def test_profile_dir_option_and_environment(run, profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    spec.write_text(spec.read_text().replace("title: Senior Admissions Counselor",
                                             "title: Senior Admissions Counselor II"))
    result = run("--profile-dir", str(profile_copy), "show", "-s", "admissions", "-l", "journey")
    assert "Senior Admissions Counselor II" in result.output
    broken = profile_copy / "specializations" / "registration.yaml"
    broken.write_text("id: [")
    result = run("--profile-dir", str(profile_copy), "list", "levels")
    assert result.exit_code == 2 and "registration.yaml, line" in _one_error_line(result)


def test_python_dash_m_and_installed_command(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-m", "jdbuilder", "list", "levels", "--json"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "contributing"


def test_templates_export_list_and_vars(run, tmp_path):
    assert run("templates", "export", "mine").exit_code == 0
    assert {p.name for p in (tmp_path / "mine").iterdir()} == {
        "posting.html.j2", "description.html.j2", "summary.html.j2", "interview.html.j2",
        "screening.html.j2", "assessment.html.j2", "ladder.html.j2", "panel.html.j2",
        "reference.docx"}
    again = run("templates", "export", "mine")
    assert again.exit_code != 0 and "--force" in _one_error_line(again)
    (tmp_path / "mine" / "description.html.j2").unlink()
    listing = run("--templates", "mine", "templates", "list").output
    assert "posting" in listing and "yours" in listing and "built-in" in listing
    posting = run("templates", "vars", "posting").output
    description = run("templates", "vars", "description").output
    assert "salary.text" in posting and "salary.text" not in description
    assert "role.duties[].percent" in description


def test_custom_template_from_environment(run, tmp_path, monkeypatch):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "posting.html.j2").write_text("<h1>Join us as {{ role.title }}</h1>")
    monkeypatch.setenv("JDBUILDER_TEMPLATES", str(folder))
    result = run("posting", "-s", "admissions", "-l", "journey", "-o", "-")
    assert result.stdout.startswith("Join us as Senior Admissions Counselor")
    content = run("posting", "-s", "admissions", "-l", "journey", "-o", "x.docx")
    assert content.exit_code == 0
    assert docx.Document(io.BytesIO((tmp_path / "x.docx").read_bytes())).paragraphs[0].text \
        == "Join us as Senior Admissions Counselor"


def test_shell_completion_offers_ids(profile):
    import click

    from jdbuilder.cli import App, ProfileChoice

    ctx = click.Context(main, obj=App())
    ctx.obj._pipeline = type("P", (), {"profile": profile})()
    offered = [item.value for item in ProfileChoice("specialization").shell_complete(
        ctx, None, "re")]
    assert offered == ["registration", "residence-life"]
    levels = [item.value for item in ProfileChoice("level").shell_complete(ctx, None, "")]
    assert levels == ["contributing", "journey", "advanced"]


@pytest.mark.parametrize(("template", "said"), [
    ("{% if %}", "template syntax error"),
    ("{{ 1/0 }}", "template error: ZeroDivisionError"),
    ("{% for i in 5 %}{% endfor %}", "template error: TypeError"),
    ("{{ x|nosuchfilter }}", "No filter named 'nosuchfilter'"),
    ('{% include "missing.html.j2" %}', "which is not a file in the templates folder"),
])
def test_a_broken_template_is_one_error_line_and_exit_2(run, tmp_path, template, said):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "posting.html.j2").write_text(template, encoding="utf-8")
    result = run("--templates", str(folder), "posting", "-s", "admissions", "-l", "journey",
                 "-o", "out.md")
    assert result.exit_code == 2 and said in _one_error_line(result)
    assert _one_error_line(result).startswith(f"Error: {folder / 'posting.html.j2'}")
    assert not (tmp_path / "out.md").exists()


def test_refused_template_writes_nothing(run, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "posting.html.j2").write_text("<p>{{ ''.__class__.__mro__ }}</p>")
    result = run("--templates", str(folder), "posting", "-s", "admissions", "-l", "journey",
                 "-o", "out.docx")
    assert result.exit_code == 2 and "unsafe" in _one_error_line(result)
    assert not (tmp_path / "out.docx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["tpl"]


@pytest.mark.parametrize("args", [
    ["posting", "-s", "admissions"],
    ["list"],
    ["bogus"],
    ["posting", "-s", "admissions", "-l", "journey", "--org", "."],
    ["build", "no-such-spec.yaml"],
])
def test_usage_errors_are_one_line_too(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")


@pytest.mark.parametrize("assignment, problem", [
    ("salary_min=1e999999", "not a plausible amount"),
    ("salary_min=0.0000000001", "not a plausible amount"),
    ("salary_min=45000.123", "more than two decimal places"),
    ("title=", "is empty"),
])
def test_implausible_or_empty_values_are_refused(run, assignment, problem):
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", assignment)
    assert result.exit_code == 2 and problem in _one_error_line(result)


@pytest.mark.parametrize("epoch", ["-62135596800", "253402300800", "1.5"])
def test_source_date_epoch_out_of_range_is_refused(run, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("posting", "-s", "admissions", "-l", "journey", "-o", "x.docx")
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in _one_error_line(result)


def test_org_value_yaml_reads_as_a_number_is_refused(run, tmp_path):
    (tmp_path / "org.yaml").write_text("name: .nan\neeo_statement: We hire fairly.\n")
    result = run("posting", "-s", "admissions", "-l", "journey", "--org", "org.yaml")
    assert "put the text in quotes" in _one_error_line(result)


def test_organization_name_replaces_the_university_in_template_text(run, tmp_path):
    (tmp_path / "org.yaml").write_text("name: Acme College\neeo_statement: We hire fairly.\n")
    text = run("description", "-s", "admissions", "-l", "journey", "--org", "org.yaml",
               "-o", "-", "--format", "txt").stdout
    flat = " ".join(text.split())
    assert "Acme College" in flat.split("Position Data")[1]
    assert "policies of Acme College" in flat


def test_templates_export_over_a_folder_is_refused_before_copying(run, tmp_path):
    (tmp_path / "t" / "reference.docx").mkdir(parents=True)
    result = run("templates", "export", "t", "--force")
    assert result.exit_code == 2 and "is a folder" in _one_error_line(result)
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["reference.docx"]


def test_check_on_a_broken_docx_is_one_line(run, tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "bad.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    result = run("check", "bad.docx")
    assert "Traceback" not in result.output and result.exit_code != 0


def test_check_reports_accessibility_with_wcag_criteria(run, tmp_path):
    page = tmp_path / "dept.html"
    page.write_text('<html><head></head><body><h1>Counselor</h1><h3>Role</h3>'
                    '<img src="logo.png"><p><a href="/apply">click here</a></p></body></html>',
                    encoding="utf-8")
    result = run("check", str(page))
    assert result.exit_code == 1
    for expected in ("the page has no language", "SC 3.1.1 Language of Page",
                     "<img> has no alt text", "SC 1.1.1 Non-text Content",
                     "heading level skips from h1 to h3", "SC 1.3.1 Info and Relationships",
                     'link text "click here"', "SC 2.4.4 Link Purpose"):
        assert expected in result.output


def test_posting_is_a_thin_shell_over_the_core(run, monkeypatch, tmp_path):
    """What the command passes to the core, and what it does with the answer (the core is
    mocked, as cookiecutter's CLI tests mock cookiecutter())."""
    from jdbuilder import pipeline as core
    from jdbuilder.errors import WARNING, Location, Problem

    calls = []
    made = core.MadeDocument("posting", "md", b"# Made\n", "Made",
                             (Problem("length", WARNING, "too short",
                                      Location(place="whole text")),))

    def fake_make(request, pipeline, organization=None, **options):
        calls.append((request, organization))
        return made

    monkeypatch.setattr(core, "make_document", fake_make)
    result = run("posting", "-s", "Financial Aid", "-l", "journey", "--set", "title=Aid Lead",
                 "--set", "salary_min=45000", "-o", "out.md")
    (request, organization) = calls[0]
    assert request == core.DocumentRequest("posting", "financial-aid", "journey",
                                           {"title": "Aid Lead", "salary_min": "45000"}, "md",
                                           origin="--set")
    assert organization is not None and len(calls) == 1
    assert result.exit_code == 0 and (tmp_path / "out.md").read_bytes() == b"# Made\n"
    assert result.stderr == "Warning: length: whole text: too short\n"
    assert result.stdout == "Wrote out.md\n"
    strict = run("posting", "-s", "admissions", "-l", "journey", "-o", "strict.md", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "strict.md").exists()
    assert "Error: --strict: quality findings (length)" in strict.output


def test_serve_passes_its_options_and_warns_off_localhost(run, monkeypatch, make_pipeline):
    calls = []
    monkeypatch.setattr("jdbuilder.web.server.serve",
                        lambda sources, host, port, **options: calls.append((host, port, options)))
    local = run("serve", "--no-browser", "--port", "8123")
    assert local.exit_code == 0 and "Warning" not in local.output
    assert calls[-1] == ("127.0.0.1", 8123, {"open_browser": False,
                                              "max_upload_bytes": 10 * 1024 * 1024,
                                              "org_file": None, "pdf_workers": 1,
                                              "allowed_host": (), "max_rows": 2000,
                                              "max_seconds": 120.0, "user_header": None,
                                              "audit_log": None,
                                              "make_pipeline": make_pipeline})
    shared = run("serve", "--host", "0.0.0.0", "--max-upload-mb", "2", "--allowed-host",
                 "jobs.example.edu", "--allowed-host", ".hr.example.edu", "--max-rows", "50",
                 "--max-seconds", "30")
    assert "Warning: --host 0.0.0.0: the page has no login" in shared.output
    assert "single sign-on proxy" in shared.output
    assert calls[-1] == ("0.0.0.0", 8000, {"open_browser": True,
                                            "max_upload_bytes": 2 * 1024 * 1024,
                                            "org_file": None, "pdf_workers": 1,
                                            "allowed_host": ("jobs.example.edu",
                                                             ".hr.example.edu"),
                                            "max_rows": 50, "max_seconds": 30.0,
                                            "user_header": None, "audit_log": None,
                                            "make_pipeline": make_pipeline})
# ---------------------------------------------------------------------------------------------
# First tries: help, missing files, options a kind has no use for, -q/-v, starters


def test_bare_commands_print_their_help_and_exit_0(run):
    for command in ([], ["templates"], ["spec"]):
        result = run(*command)
        assert result.exit_code == 0, command
        assert result.output.startswith("Usage:") and "Error" not in result.output
        assert len(result.output.splitlines()) > 5


def test_every_missing_file_is_exit_2(run):
    for args in (["--profile-dir", "nope", "list", "levels"],
                 ["--templates", "nope", "list", "levels"],
                 ["--reference-docx", "nope.docx", "posting", "-s", "admissions", "-l",
                  "journey", "-o", "-"],
                 ["posting", "-s", "admissions", "-l", "journey", "--org", "nope.yaml"],
                 ["build", "nope.csv"],
                 ["check", "nope.docx"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "does not exist" in _one_error_line(result), args


def test_a_kind_is_offered_only_what_the_table_of_kinds_gives_it(run):
    help_text = run("pd", "-h").output
    assert "jsonld" not in help_text and "--strict" not in help_text  # advice; no JobPosting
    assert "jsonld" in run("posting", "-h").output
    assert "--strict" not in run("interview", "-h").output  # a form: nothing to be strict about
    result = run("pd", "-s", "admissions", "-l", "journey", "-o", "-", "--format", "txt",
                 "--set", "salary_min=45000")
    assert result.exit_code == 0
    assert ("Warning: unused-field: field 'salary_min': the description does not show "
            "salary_min, only the posting does; leave it out") in result.stderr


def test_quiet_prints_errors_only_and_verbose_names_the_sources(run, tmp_path):
    quiet = run("-q", "posting", "-s", "admissions", "-l", "journey", "-o", "a.md")
    assert quiet.exit_code == 0 and quiet.output == "" and (tmp_path / "a.md").exists()
    verbose = run("-v", "posting", "-s", "admissions", "-l", "journey", "-o", "b.md")
    assert "Profile: " in verbose.stderr and "Organization: built-in" in verbose.stderr
    both = run("-q", "-v", "fields")
    assert both.exit_code == 2 and "contradict" in _one_error_line(both)


def test_a_level_may_be_named_by_its_working_title(run):
    result = run("posting", "-s", "finaid", "-l", "Financial Aid Counselor", "-o", "-",
                 "--format", "txt")
    assert result.exit_code == 0
    assert result.stdout.startswith("Financial Aid Counselor")
    elsewhere = run("posting", "-s", "admissions", "-l", "Financial Aid Counselor", "-o", "x.md")
    assert elsewhere.exit_code == 2 and "Financial Aid (financial-aid) working title" in \
        _one_error_line(elsewhere)
    assert not Path("x.md").exists()


def test_org_name_and_apply_on_the_command_line(run):
    result = run("posting", "-s", "admissions", "-l", "journey", "-o", "-", "--format", "md",
                 "--org-name", "Appalachian State University", "--apply",
                 "https://jobs.example.edu/1")
    assert "Appalachian State University" in result.stdout
    assert "https://jobs.example.edu/1" in result.stdout
    assert "how-to-apply-missing" not in result.stderr and "no way to apply" not in result.stderr


def test_init_asks_then_writes_an_organization_a_posting_uses(cli, run, tmp_path):
    result = cli(["init"], input="Appalachian State University\n"
                 "www.appstate.edu\nhttps://www.appstate.edu\nBoone, NC\n"
                 "https://jobs.example.edu\nUNC System\n")
    assert result.exit_code == 0, result.output
    assert "is not a web address" in result.output  # asked again
    assert "University system" in result.output
    assert "Wrote organization.yaml" in result.output
    assert "system: UNC System\n" in (tmp_path / "organization.yaml").read_text()
    posting = run("posting", "-s", "admissions", "-l", "journey", "--org", "organization.yaml",
                  "-o", "-", "--format", "md")
    assert "Boone, NC" in posting.stdout and "https://jobs.example.edu" in posting.stdout
    assert "State Health Plan" in posting.stdout  # a UNC System campus's benefits
    assert "Note: organization.yaml gives no eeo_statement, benefits, pay_transparency" in \
        posting.stderr
    again = run("init", "--name", "X")
    assert again.exit_code == 2 and "already exists" in _one_error_line(again)


def test_a_private_nc_college_from_init_gets_no_unc_policy_or_state_benefits(run, tmp_path):
    made = run("init", "--name", "Elon University", "--website", "", "--location", "Elon, NC",
               "--apply", "https://x.example.edu/1")
    assert made.exit_code == 0, made.output
    assert "system:" not in (tmp_path / "organization.yaml").read_text().replace("# system", "")
    posting = run("posting", "-s", "admissions", "-l", "advanced", "--org", "organization.yaml",
                  "-o", "-", "--format", "md")
    for unc_only in ("State Health Plan", "TSERS", "NC 401(k)", "116-40.11", "UNC"):
        assert unc_only not in posting.stdout, unc_only
    # How to say it is in the system is the command line's warning, not the posting's text.
    assert "Warning: jurisdiction-system: field 'system': if the employer is a UNC System " \
        "institution, say so with --system 'UNC System'" in posting.stderr


def test_init_from_a_script_whose_input_ends(run, tmp_path):
    # Standard input at its end (a script, `< /dev/null`) is not a Ctrl-C: the name it could not
    # ask for is an input error naming --name; the optional questions are skipped, as Enter does.
    unanswered = run("init")
    assert unanswered.exit_code == 2 and "--name" in _one_error_line(unanswered)
    assert not (tmp_path / "organization.yaml").exists()
    named = run("init", "--name", "Appalachian State University")
    assert named.exit_code == 0, named.output
    assert "Appalachian State University" in (tmp_path / "organization.yaml").read_text()


def test_init_enter_at_the_system_question_is_an_answer(cli, tmp_path, monkeypatch):
    # Enter at every question, in a terminal: "none" is written for the system, so documents
    # for the private college do not ask again whether it is a UNC System institution.
    monkeypatch.chdir(tmp_path)
    made = cli(["init", "--name", "Elon University", "--location", "Elon, NC"],
               input="\n\n\n", catch_exceptions=False)
    assert made.exit_code == 0, made.output
    assert "\nsystem: none " in (tmp_path / "organization.yaml").read_text()
    posting = cli(["posting", "-s", "admissions", "-l", "journey", "--org", "organization.yaml",
                   "-o", "-", "--format", "md"], catch_exceptions=False)
    assert "UNC" not in posting.stdout and "jurisdiction-system" not in posting.stderr


def test_spec_example_prints_a_starter_and_completion_its_line(run, tmp_path):
    printed = run("spec", "example")
    assert printed.exit_code == 0 and printed.stdout.startswith("kind,specialization,level,")
    assert run("spec", "example", "-o", "jobs.xlsx").exit_code == 0
    assert (tmp_path / "jobs.xlsx").read_bytes()[:2] == b"PK"
    refused = run("spec", "example", "--format", "xlsx")
    assert refused.exit_code == 2 and "-o" in _one_error_line(refused)
    for shell, line in (("bash", "bash_source"), ("zsh", "zsh_source"), ("fish", "| source")):
        assert line in run("completion", shell).stdout


def test_an_empty_templates_export_folder_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(["templates", "export", ""])
    assert result.exit_code == 2 and "is empty; name a folder" in result.output
    assert list(tmp_path.iterdir()) == []


def test_jobs_beyond_the_cap_are_refused_not_forked(cli, tmp_path):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, level: journey}\n")
    result = cli(["build", str(spec), "-j", "300", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "300 is not in the range 1<=x<=64" in result.output
    assert not (tmp_path / "o").exists()


def _command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-m", "jdbuilder", *args], cwd=root,
                          capture_output=True, text=True, timeout=60, check=False, **kwargs)


def test_a_full_standard_output_is_one_line_not_a_traceback():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "jdbuilder", "--version"],
                                cwd=Path(__file__).resolve().parent.parent, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: standard output: cannot write (No space left on device)"


def test_output_to_a_device_or_pipe_is_refused_not_given_a_suffix(tmp_path):
    result = _command("posting", "-s", "admissions", "-l", "journey", "--format", "md",
                      "-o", "/dev/stdout")
    assert result.returncode == 2, result.stderr
    assert "Error: -o /dev/stdout: a device or pipe, not a file; write to standard output with " \
           "-o -" in result.stderr
    assert not Path("/dev/stdout.md").exists()


def test_posting_as_pdf_is_tagged_with_a_title(run, tmp_path, pdf_batch, monkeypatch):
    from jdbuilder.writers import pdf as pdf_writer

    def converted_in_the_session_run(document: bytes, created, soffice=None) -> bytes:
        # The .docx the command hands LibreOffice is one the session's batch converted
        # (tests/pdfs.py): its PDF is what LibreOffice makes of it, without a second start.
        pdf = pdf_batch.pdf_of(document)
        assert pdf is not None, "the command made a .docx the session batch did not convert"
        return pdf

    monkeypatch.setattr(pdf_writer, "convert_docx", converted_in_the_session_run)
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", "title=Admissions "
                 "Counselor", "-o", "job.pdf")
    assert result.exit_code == 0 and "Wrote job.pdf" in result.output
    info = subprocess.run(["pdfinfo", str(tmp_path / "job.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:           Admissions Counselor" in info


def test_set_organization_points_to_the_organization_options(run):
    result = run("posting", "-s", "admissions", "-l", "journey", "--set", "organization=X")
    assert result.exit_code == 2
    assert "--org-name and --apply" in _one_error_line(result)
    assert "did you mean" not in result.stderr


def test_org_name_alone_names_another_employer_and_system_says_its_system(run):
    acme = run("posting", "-s", "admissions", "-l", "journey", "-o", "-", "--format", "md",
               "--org-name", "Acme College")
    assert acme.exit_code == 0 and "Acme College" in acme.stdout
    assert "State Health Plan" not in acme.stdout and "political affiliation" not in acme.stdout
    assert ("Note: Acme College gets the built-in organization's eeo_statement, benefits, "
            "pay_transparency text where it holds for it") in acme.stderr
    campus = run("posting", "-s", "registration", "-l", "journey", "-o", "-", "--format", "md",
                 "--org-name", "UNC Asheville", "--system", "UNC System", "--private-employer")
    assert "State Health Plan" in campus.stdout
    assert "Eligible for overtime pay (non-exempt)" in campus.stdout


def test_every_command_gets_its_pipeline_from_the_factory_passed_in(make_pipeline, tmp_path):
    from click.testing import CliRunner

    asked = []

    def factory(sources, *, convert_pdf=None):
        asked.append(sources)
        return make_pipeline(sources, convert_pdf=convert_pdf)

    templates = tmp_path / "tpl"
    templates.mkdir()
    result = CliRunner().invoke(main, ["--templates", str(templates), "posting", "-s",
                                       "admissions", "-l", "journey", "-o", "-", "--format",
                                       "md"], obj=factory)
    assert result.exit_code == 0, result.output
    assert "Admissions" in result.stdout
    assert [sources.templates_dir for sources in asked] == [templates]  # once, with its options
