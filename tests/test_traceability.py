"""Traceability: each posting line tied to a PD duty and a competency statement at the level;
a line with nothing behind it is a warning naming it (position check), and show --position
lists every tie."""

from __future__ import annotations

import textwrap

from jdbuilder.compose import Request
from jdbuilder.errors import INFO, WARNING
from jdbuilder.positionfile import builtin_content, parse_position_file
from jdbuilder.traceability import SCHOOLING_TIE, trace, trace_problems, trace_rows

JUNK = textwrap.dedent("""\
    specialization: residence-life
    level: journey
    duties:
      - title: Resident Assistant Supervision
        posting:
          - Supervise the hall's resident assistants and desk assistants.
          - Juggle flaming torches at halftime shows.
      - title: Community Development and Residential Curriculum
      - title: Crisis Response and On-Call Duty
      - title: Student Conduct
      - title: Hall Operations and Housing Administration
      - title: Other Duties as Assigned
    licenses:
      - Commercial pilot certificate
    """)


def _competencies(pipeline, specialization: str, level: str):
    return pipeline.compose(Request("summary", specialization, level),
                            pipeline.organization()).context["competencies"]


def test_every_line_of_a_built_in_position_has_a_duty_behind_it(pipeline):
    profile = pipeline.profile
    spec = profile.specialization("residence-life")
    traces = trace(builtin_content(spec, "journey"),
                   _competencies(pipeline, "residence-life", "journey"))
    assert len(traces) == 6 + 5  # six posting duty lines, five preferred qualifications
    supervise = traces[0]
    assert supervise.duty == "Resident Assistant Supervision"
    assert supervise.competency and ":" in supervise.competency
    degree = next(item for item in traces if item.line.startswith("Master's degree"))
    assert degree.duty == SCHOOLING_TIE
    assert [p for p in trace_problems(trace_rows(traces)) if p.severity == WARNING] == []


def test_a_line_with_nothing_behind_it_is_a_warning_naming_it(pipeline):
    position = parse_position_file(JUNK.encode(), "junk.yaml", pipeline.profile)
    rows = trace_rows(trace(position.content,
                            _competencies(pipeline, "residence-life", "journey")))
    problems = trace_problems(rows, "junk.yaml")
    warnings = [problem.line() for problem in problems if problem.severity == WARNING]
    assert warnings == [
        "junk.yaml, field 'duties[1].posting[2]': the posting line 'Juggle flaming torches at "
        "halftime shows.' has no PD duty behind it: write it under the duty it belongs to, or "
        "add that duty to the position",
        "junk.yaml, field 'licenses[1]': the posting line 'Commercial pilot certificate' has "
        "no PD duty behind it: tie it to a duty that needs it, or leave it out of the posting"]
    assert all(problem.severity in (WARNING, INFO) for problem in problems)


def test_position_check_warns_and_show_lists_the_ties(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "junk.yaml").write_text(JUNK)
    checked = cli(["position", "check", "junk.yaml"])
    assert checked.exit_code == 0, checked.output  # valid; the warnings are advice
    assert "Warning: traceability: junk.yaml, field 'duties[1].posting[2]': the posting " \
           "line 'Juggle flaming torches at halftime shows.' has no PD duty" in checked.output
    shown = cli(["show", "--position", "junk.yaml"]).output
    section = shown[shown.index("Traceability\n"):]
    assert "Juggle flaming torches at halftime shows. [none: nothing behind it, none found]" \
        in " ".join(section.split())
    assert "[Resident Assistant Supervision," in " ".join(section.split())
