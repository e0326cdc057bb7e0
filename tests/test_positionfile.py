"""The position file: loading, validation (file, line, field) and the merge over the built-in."""

from __future__ import annotations

import dataclasses
import pickle
import textwrap

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.compose import Request
from jdbuilder.errors import INFO, InputError
from jdbuilder.markup import Table, plain_text
from jdbuilder.positionfile import (
    MAX_POSITION_FILE_BYTES,
    POSITION_KEYS,
    Cited,
    builtin_content,
    cited,
    parse_position_file,
    read_position_file,
)

from .helpers import docx_text

# The done-when position: a renamed duty, two changed percentages, an added duty, the band's
# Contributing title at Journey, a supervisor and a committee of three.
TAILORED = textwrap.dedent("""\
    specialization: residence-life
    level: journey
    title: Residence Life Coordinator
    supervisor: Jordan Ellis, Assistant Director of Residence Life
    position_number: "00045123"
    committee:
      - name: Dana Whitfield
        role: Chair
      - name: Luis Ortega
        role: Residence Life staff
      - name: Priya Natarajan
        role: Human Resources
    duties:
      - title: Resident Assistant Supervision and Training
        percent: 20
        essential: true
        description: >-
          Supervises the hall's resident assistants and desk assistants and runs their
          in-service training each month.
        posting:
          - Supervise the hall's resident assistants and run their monthly training.
      - title: Community Development and Residential Curriculum
      - title: Crisis Response and On-Call Duty
        percent: 25
      - title: Student Conduct
      - title: Hall Operations and Housing Administration
        percent: 10
      - title: Living-Learning Community Partnership
        percent: 5
        essential: false
        description: >-
          Plans the hall's living-learning community events with the partner academic
          department.
        posting:
          - Plan living-learning community events with faculty partners.
      - title: Other Duties as Assigned
    physical_demands:
      - text: >-
          Walks and climbs stairs throughout multi-story halls during rounds, inspections and
          emergency response.
        duties: [Crisis Response and On-Call Duty, Hall Operations and Housing Administration]
      - text: Wakes and responds alertly to overnight calls while on duty.
        duties: [Crisis Response and On-Call Duty]
    """)


def _load(profile, text: str, name: str = "position.yaml"):
    return parse_position_file(text.encode(), name, profile)


def _error(profile, text: str) -> str:
    with pytest.raises(InputError) as caught:
        _load(profile, text)
    return caught.value.problem.line()


def test_tailored_position_merges_over_the_built_in_field_by_field(profile):
    position = _load(profile, TAILORED)
    assert (position.specialization, position.level) == ("residence-life", "journey")
    duties = {duty.title: duty for duty in position.content.duties}
    assert next(iter(duties)) == "Resident Assistant Supervision and Training"
    assert sum(duty.percent for duty in duties.values()) == 100
    # Left out: from the built-in duty of the same title.
    builtin = {d.title: d for d in profile.specialization("residence-life").roles["journey"].duties}
    assert duties["Student Conduct"].description == builtin["Student Conduct"].description
    assert duties["Crisis Response and On-Call Duty"].percent == 25
    assert duties["Other Duties as Assigned"].other
    assert position.fields.supervisor.startswith("Jordan Ellis")
    assert [member.display() for member in position.fields.committee] == [
        "Dana Whitfield (Chair)", "Luis Ortega (Residence Life staff)",
        "Priya Natarajan (Human Resources)"]
    # Not given: the level's own.
    role = profile.specialization("residence-life").roles["journey"]
    assert position.content.preferred_qualifications == role.preferred_qualifications
    conditions = dict(position.content.working_conditions)
    assert conditions["live_in"].text.startswith("Required as a condition")


def test_a_title_the_band_gives_another_level_is_a_note_not_a_level_change(profile):
    position = _load(profile, TAILORED)
    assert position.level == "journey"
    (note,) = position.notes
    assert note.severity == INFO
    assert note.location.line == 3 and note.location.field == "title"
    assert "Contributing title" in note.message and "stays Journey" in note.message


def test_percents_not_totalling_100_are_one_error_naming_the_line(profile):
    text = TAILORED.replace("    percent: 25\n", "    percent: 30\n")
    line = _error(profile, text)
    assert line.startswith("position.yaml, line 13, field 'duties'")
    assert "total 105, not 100" in line


def test_a_physical_demand_citing_a_removed_duty_names_its_line(profile):
    text = TAILORED.replace("duties: [Crisis Response and On-Call Duty]\n",
                            "duties: [Resident Assistant Supervision]\n")
    line = _error(profile, text)
    assert "line 43" in line and "physical_demands[1].duties" in line
    assert "cites duty 'Resident Assistant Supervision'" in line
    assert "did you mean 'Resident Assistant Supervision and Training'" in line


def test_a_built_in_demand_citing_a_renamed_duty_is_an_error_not_kept_silently(profile):
    text = TAILORED.split("physical_demands:")[0].replace(
        "title: Crisis Response and On-Call Duty\n    percent: 25\n",
        "title: Crisis Response\n    percent: 25\n    essential: true\n"
        "    description: Responds to crises.\n    posting: [Respond to crises.]\n")
    line = _error(profile, text)
    assert "line 13, field 'duties'" in line
    assert "built-in physical_demands cites duty 'Crisis Response and On-Call Duty'" in line


@pytest.mark.parametrize(("change", "expected"), [
    (("supervisor:", "supervisr:"), "unknown key 'supervisr' (did you mean 'supervisor'?)"),
    (("level: journey", "level: Senior Residence Life Coordinator"),
     "is a working title, not a level"),
    (("level: journey", "level: journy"), "unknown level 'journy' (did you mean 'journey'?)"),
    (('position_number: "00045123"', "position_number: 00045123"), "put it in quotes"),
    (("    essential: true\n", "    essential: false\n"), None),
    (("  - title: Student Conduct\n", "  - title: Student Conduct\n    bogus: 1\n"),
     "unknown key 'bogus'"),
    (("    percent: 5\n    essential: false\n", "    essential: false\n"), "needs percent:"),
])
def test_invalid_position_files_are_one_line_naming_file_line_and_field(profile, change, expected):
    old, new = change
    if expected is None:  # no essential function at all
        text = TAILORED.replace("essential: true", "essential: false")
        text = text.replace("  - title: Community Development and Residential Curriculum\n",
                            "  - title: Community Development and Residential Curriculum\n"
                            "    essential: false\n")
        for title in ("Crisis Response and On-Call Duty", "Student Conduct",
                      "Hall Operations and Housing Administration"):
            text = text.replace(f"  - title: {title}\n",
                                f"  - title: {title}\n    essential: false\n")
        expected = "no duty is essential"
    else:
        assert old in TAILORED
        text = TAILORED.replace(old, new, 1)
    line = _error(profile, text)
    assert line.startswith("position.yaml, line "), line
    assert expected in line


def test_a_large_or_binary_file_is_refused_in_one_line(profile, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_POSITION_FILE_BYTES + 1))
    with pytest.raises(InputError, match="byte limit"):
        read_position_file(big, profile)
    with pytest.raises(InputError, match="not UTF-8"):
        parse_position_file(b"\xff\xfe\x00", "x.yaml", profile)


def test_built_in_content_cites_duties_and_places_every_applicant_line(profile):
    for specialization in profile.specializations:
        for level_id, role in specialization.roles.items():
            content = builtin_content(specialization, level_id)
            lines = [line for duty in content.duties for line in duty.posting]
            assert sorted(lines) == sorted(role.posting_duties)
            titles = {duty.title for duty in role.duties}
            for demand in content.physical_demands:
                assert demand.duties and set(demand.duties) <= titles


def test_cited_reads_the_closing_brackets_only_when_they_name_duties():
    assert cited("Lifts boxes (Event Setup).", {"Event Setup"}) == Cited("Lifts boxes.",
                                                                            ("Event Setup",))
    assert cited("Uses a PC (desktop).", {"Event Setup"}) == Cited("Uses a PC (desktop).")
    assert Cited("Lifts boxes.", ("A", "B")).display() == "Lifts boxes (A; B)."


def _text(made) -> str:
    parts = []
    for block in made.model.blocks:
        if isinstance(block, Table):
            parts += [plain_text(cell.runs) for row in block.rows for cell in row]
        elif hasattr(block, "items"):
            parts += [plain_text(item) for item in block.items]
        else:
            parts.append(plain_text(block.runs))
    return "\n".join(parts)


def test_documents_composed_from_a_position_file_show_its_changes(pipeline, profile):
    position = _load(profile, TAILORED)
    request = Request("description", position.specialization, position.level, position.fields,
                      position)
    made = pipeline.build(request, "md")
    text = _text(made)
    assert "Resident Assistant Supervision and Training." in text
    assert "Living-Learning Community Partnership." in text
    assert "Jordan Ellis, Assistant Director of Residence Life" in text
    assert "Residence Life Coordinator" in text and "Journey" in text
    assert "(Crisis Response and On-Call Duty)." in text
    assert "100%" in text
    assert any(problem.code == "position-title" for problem in made.problems)
    posting = _text(pipeline.build(Request("posting", position.specialization, position.level,
                                           position.fields, position), "md"))
    assert "Supervise the hall's resident assistants and run their monthly training." in posting
    assert "Plan living-learning community events with faculty partners." in posting
    assert "through weekly staff meetings" not in posting  # the built-in line it replaced


def test_a_position_file_pickles_for_build_workers(profile):
    position = _load(profile, TAILORED)
    assert pickle.loads(pickle.dumps(position)) == position


# ---------------------------------------------------------------------------------------------
# Through the command line: --position on every document command, position check


def _write(tmp_path, text: str = TAILORED):
    path = tmp_path / "rlc.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_document_command_takes_a_position_file(cli, tmp_path):
    position = _write(tmp_path)
    texts = {}
    for kind in ("posting", "description", "interview", "screening", "assessment", "ladder"):
        result = cli([kind, "--position", str(position), "-o", "-",
                      "--format", "md"])
        assert result.exit_code == 0, result.output
        texts[kind] = result.stdout
        assert "'Residence Life Coordinator' is the band's Contributing title" in result.stderr
    assert texts["posting"].startswith("# Residence Life Coordinator")
    assert "Supervise the hall's resident assistants and run their monthly training." \
        in texts["posting"]
    assert "Living-Learning Community Partnership" in texts["description"]
    assert "| **Total** | **100%** |" in texts["description"]
    assert "Jordan Ellis" in texts["description"]
    assert "I am Dana Whitfield, and with me are Luis Ortega and Priya Natarajan" \
        in texts["interview"]
    assert "Resident Assistant Supervision and Training; " in texts["interview"]
    assert "Priya Natarajan (Human Resources)" in texts["screening"]
    shown = cli(["show", "--position", str(position)])
    assert shown.exit_code == 0 and "Living-Learning Community Partnership" in shown.stdout


def test_set_wins_over_the_file_and_choices_must_agree_with_it(cli, tmp_path):
    position = _write(tmp_path)
    result = cli(["description", "--position", str(position), "--set",
                  "supervisor=Morgan Lee", "-o", "-", "--format", "md"])
    assert result.exit_code == 0 and "Morgan Lee" in result.stdout
    assert "Jordan Ellis" not in result.stdout
    result = cli(["posting", "--position", str(position), "-s", "admissions"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: --specialization: is admissions, but the position "
                                    "file")
    result = cli(["interview", "-s", "admissions"])
    assert result.exit_code == 2 and "Missing option '-l' / '--level'" in result.output


def test_an_invalid_position_file_writes_nothing(cli, tmp_path):
    position = _write(tmp_path, TAILORED.replace("    percent: 25\n", "    percent: 30\n"))
    result = cli(["description", "--position", str(position), "-o",
                  str(tmp_path / "pd.docx")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {position}, line 13, field 'duties': the duties' percents "
                             "total 105, not 100; adjust their percent values\n")
    assert not (tmp_path / "pd.docx").exists()


def test_position_check_says_valid_or_one_error(cli, tmp_path):
    position = _write(tmp_path)
    result = cli(["position", "check", str(position)])
    assert result.exit_code == 0
    assert result.stdout == (f"{position}: valid: Residence Life Coordinator (Residence Life "
                             "and Housing, Journey): 7 duties totalling 100%, 5 essential\n")
    assert "Note: " in result.stderr
    bad = _write(tmp_path, TAILORED.replace("duties: [Crisis Response and On-Call Duty]\n",
                                            "duties: [Student Staff]\n"))
    result = cli(["position", "check", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}, line 43, field 'physical_demands[1].duties'")


def test_a_licence_the_position_requires_is_posted_screened_and_asked(pipeline, profile):
    text = TAILORED + "licenses:\n  - A valid driver's license, for driving the department van\n"
    position = _load(profile, text)
    licence = "A valid driver's license, for driving the department van"

    def made(kind):
        return _text(pipeline.build(Request(kind, position.specialization, position.level,
                                            position.fields, position), "md"))

    assert f"License or certification required: {licence}." in made("posting")
    assert f"The position requires this license or certification: {licence}." \
        in made("interview")
    screening = made("screening")
    assert f"M2\nMinimum: license or certification\n{licence}" in screening


def test_fields_lists_every_key_a_position_file_takes(cli):
    output = cli(["fields"]).stdout
    keys = {line.split()[0] for line in output.splitlines() if line and line[0] != " "}
    assert set(POSITION_KEYS) <= keys


# ---------------------------------------------------------------------------------------------
# In a spec: the position column


def test_a_spec_row_with_a_position_file_builds_from_it(tmp_path, pipeline):
    (tmp_path / "positions").mkdir()
    (tmp_path / "positions" / "rlc.yaml").write_text(TAILORED, encoding="utf-8")
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,position,salary_min,salary_max,supervisor\n"
                    "posting,positions/rlc.yaml,50000,56000,\n"
                    "description,positions/rlc.yaml,,,Morgan Lee\n"
                    "screening,positions/nowhere.yaml,,,\n", encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    assert report.exit_code == 1
    (failure,) = report.failures
    assert failure.line() == (f"{spec}, row 4, field 'position': 'positions/nowhere.yaml' "
                              "not found; a path is relative to the spec file's folder")
    out = tmp_path / "out"
    description = docx_text((out / "residence-life-coordinator-description-00045123.docx")
                            .read_bytes())
    assert "Morgan Lee" in description and "Jordan Ellis" not in description
    assert "Living-Learning Community Partnership" in description
    posting = docx_text((out / "residence-life-coordinator-posting-00045123.docx").read_bytes())
    assert "$50,000 to $56,000 per year" in posting
    assert "Plan living-learning community events with faculty partners." in posting


def test_a_spec_row_disagreeing_with_its_position_file_is_an_error(tmp_path, pipeline):
    (tmp_path / "rlc.yaml").write_text(TAILORED, encoding="utf-8")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - kind: posting\n    position: rlc.yaml\n"
                    "    level: advanced\n", encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    (failure,) = report.failures
    assert failure.line() == (f"{spec}, line 4, field 'level': is advanced, but the row's "
                              "position file says journey; leave level out or change the file")


def test_editing_the_position_file_rebuilds_what_a_spec_made_from_it(tmp_path, pipeline):
    position = tmp_path / "rlc.yaml"
    position.write_text(TAILORED, encoding="utf-8")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - kind: description\n    position: rlc.yaml\n",
                    encoding="utf-8")
    options = BuildOptions(tmp_path / "out", jobs=1)
    assert run_build(spec, pipeline, options).summary().startswith("Built 1, unchanged 0")
    assert run_build(spec, pipeline, options).summary().startswith("Built 0, unchanged 1")
    position.write_text(TAILORED.replace("Plans the hall's", "Plans each of the hall's"),
                        encoding="utf-8")
    assert run_build(spec, pipeline, options).summary().startswith("Built 1, unchanged 0")


def test_a_sheet_column_position_holding_titles_is_refused_by_its_value(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("Kind,Position\nposting,Admissions Counselor\n", encoding="utf-8")
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1))
    (failure,) = report.failures
    assert failure.line() == (f"{spec}, row 2, field 'Position': 'Admissions Counselor' is not "
                              "a position file (a .yaml file that `jdbuilder position new` "
                              "writes); a working title goes in the title column, a position "
                              "number in position_number")


def test_a_licence_missing_from_the_materials_screens_no_one_out(pipeline):
    made = _text(pipeline.build(Request("screening", "admissions", "journey"), "md"))
    assert "For a license or certification (M2), write Y if the materials show it" in made
    assert "every minimum qualification is Y (or ? for a license or certification)" in made
    plain = _text(pipeline.build(Request("screening", "residence-life", "journey"), "md"))
    assert "license" not in plain.lower()


def test_a_campus_setting_in_braces_must_be_one_the_profile_declares(profile):
    text = TAILORED.replace("runs their\n", "runs their {housing_sytem}\n")
    line = _error(profile, text)
    assert "line 17, field 'duties[0].description'" in line
    assert "{housing_sytem} is not a campus setting (did you mean 'housing_system'?)" in line


def test_the_json_ld_agrees_with_the_posting_of_the_position_file(pipeline, profile):
    import json

    from jdbuilder.position import parse_position

    position = _load(profile, TAILORED)
    fields = dataclasses.replace(position.fields,
                                 location=parse_position({"location": "Boone, NC, US"}).location)
    made = pipeline.build(Request("posting", position.specialization, position.level, fields,
                                  position), "jsonld")
    data = json.loads(made.content)
    assert data["title"] == "Residence Life Coordinator"
    assert "Plan living-learning community events with faculty partners." in data["description"]
    assert "through weekly staff meetings" not in data["description"]
