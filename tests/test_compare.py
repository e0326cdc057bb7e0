"""compare: two versions of a position as a redline (Word tracked changes, Markdown <del>/<ins>)
and a summary naming each change; the command once through its shell, LibreOffice once."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
import zipfile

import pytest

from jdbuilder.compare import compare, duty_changes, read_sides
from jdbuilder.errors import InputError

# A renamed duty, two changed percentages, an added duty, a title, a supervisor.
POSITION = textwrap.dedent("""\
    specialization: residence-life
    level: journey
    title: Residence Life Coordinator
    supervisor: Jordan Ellis, Assistant Director of Residence Life
    position_number: "00045123"
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
    """)

EXPECTED = [
    "Working title: Senior Residence Life Coordinator → Residence Life Coordinator",
    "Position number: none → 00045123",
    "Supervisor: Assistant Director of Residence Life → Jordan Ellis, Assistant Director of "
    "Residence Life",
    "Primary purpose of the position: reworded",
    "Duty 'Living-Learning Community Partnership': added (5%, not essential)",
    "Duty 'Crisis Response and On-Call Duty': 20% → 25%",
    "Duty 'Hall Operations and Housing Administration': 15% → 10%",
    "Duty 'Resident Assistant Supervision': renamed to 'Resident Assistant Supervision and "
    "Training'",
    "Duty 'Resident Assistant Supervision and Training': 25% → 20%",
    "Duty 'Resident Assistant Supervision and Training': description reworded",
]


@pytest.fixture()
def position(tmp_path):
    path = tmp_path / "position.yaml"
    path.write_text(POSITION)
    return path


def test_the_summary_names_each_change(pipeline, position):
    sides = read_sides("builtin", str(position), pipeline.profile)
    assert sides[0].label == "built-in Senior Residence Life Coordinator (Journey)"
    result = compare(*sides, pipeline, pipeline.organization())
    assert [change.line() for change in result.changes] == EXPECTED
    # the level, FLSA status and specialization of another built-in position
    other = read_sides("builtin:residence-life:advanced", str(position), pipeline.profile)
    lines = [change.line() for change in compare(*other, pipeline,
                                                 pipeline.organization()).changes]
    assert "Competency level: Advanced → Journey" in lines
    assert "Supervisor: Director of Residence Life and Housing → Jordan Ellis, Assistant " \
           "Director of Residence Life" in lines
    assert "Duty 'Budget, Assessment, and Reporting': removed (10%)" in lines


def test_duties_compared_by_title_then_by_likeness():
    old = [{"title": "Advising", "percent": 60, "essential": True, "description": "Advises."},
           {"title": "Outreach", "percent": 40, "essential": True,
            "description": "Visits high schools and community colleges in the territory."}]
    new = [{"title": "Advising", "percent": 60, "essential": False, "description": "Advises."},
           {"title": "Recruitment", "percent": 40, "essential": True,
            "description": "Visits high schools and community colleges in the region."}]
    lines = [change.line() for change in duty_changes(old, new)]
    assert "Duty 'Advising': no longer an essential function" in lines
    assert "Duty 'Outreach': renamed to 'Recruitment'" in lines


def test_a_side_that_names_no_position_is_one_error(pipeline, position):
    for text, says in (("builtin:residence-life", "builtin:SPECIALIZATION:LEVEL"),
                       ("builtin:parking:journey", "parking"),
                       ("builtin", "the other side's position file")):
        with pytest.raises(InputError) as caught:
            read_sides(text, "builtin" if text == "builtin" else str(position),
                       pipeline.profile)
        assert says in caught.value.problem.line()


def _document_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def test_compare_writes_tracked_changes_and_prints_the_summary(cli, position, tmp_path,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    result = cli(["compare", "builtin", str(position), "-o", "redline.docx",
                  "--author", "HR Classification"])
    assert result.exit_code == 0, result.output
    for line in EXPECTED:
        assert f"  {line}\n" in result.output
    assert "Wrote redline.docx" in result.output
    content = (tmp_path / "redline.docx").read_bytes()
    xml = _document_xml(content)
    stamp = 'w:author="HR Classification" w:date="2026-11-30T00:53:20Z"'
    assert re.search(rf'<w:del w:id="\d+" {stamp}><w:r><w:rPr><w:b/></w:rPr><w:delText '
                     r'xml:space="preserve">Resident Assistant Supervision\.</w:delText>', xml)
    assert re.search(rf'<w:ins w:id="\d+" {stamp}><w:r><w:t xml:space="preserve">25%</w:t>',
                     xml)
    assert re.search(rf'<w:trPr><w:cantSplit/><w:ins w:id="\d+" {stamp}/></w:trPr>', xml)
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids)) > 10  # every change its own id
    # the same inputs, the same bytes
    cli(["compare", "builtin", str(position), "-o", "again.docx",
         "--author", "HR Classification"])
    assert (tmp_path / "again.docx").read_bytes() == content
    markdown = cli(["compare", "builtin", str(position), "--format", "md",
                    "-o", "-"], catch_exceptions=False)
    assert "| <del>**Resident Assistant Supervision.**</del>" in markdown.stdout
    assert "<del>Senior </del>Residence Life Coordinator" in markdown.stdout
    assert "<del>20%</del><ins>25%</ins>" in markdown.stdout
    refused = cli(["compare", "builtin:residence-life:nope", str(position),
                   "-o", "bad.docx"])
    assert refused.exit_code == 2 and refused.output.startswith("Error: ")
    assert not (tmp_path / "bad.docx").exists()


def test_libreoffice_reports_the_changes_as_revisions(pipeline, position, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("needs LibreOffice")
    result = compare(*read_sides("builtin", str(position), pipeline.profile), pipeline,
                     pipeline.organization())
    composed = pipeline.compose(result.new.request, pipeline.organization())
    (tmp_path / "redline.docx").write_bytes(pipeline.write(result.model, composed, "docx"))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "fodt", "--outdir",
                    str(tmp_path), str(tmp_path / "redline.docx")],
                   capture_output=True, timeout=180, check=True, stdin=subprocess.DEVNULL)
    flat = (tmp_path / "redline.fodt").read_text(encoding="utf-8")
    tracked = flat[flat.index("<text:tracked-changes"):flat.index("</text:tracked-changes>")]
    assert tracked.count("<text:insertion>") >= 5 and tracked.count("<text:deletion>") >= 5
    assert "<dc:creator>jdbuilder compare</dc:creator>" in tracked


def test_the_redline_is_valid_ooxml(pipeline, position, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    result = compare(*read_sides("builtin:residence-life:advanced", str(position),
                                 pipeline.profile), pipeline, pipeline.organization())
    composed = pipeline.compose(result.new.request, pipeline.organization())
    path = tmp_path / "redline.docx"
    path.write_bytes(pipeline.write(result.model, composed, "docx"))
    report = audit.OpenXmlValidator(max_errors=0).validate(path)
    assert [error.description for error in report.errors] == []


def test_the_html_redline_marks_and_announces_the_changes(pipeline, position):
    result = compare(*read_sides("builtin", str(position), pipeline.profile), pipeline,
                     pipeline.organization())
    composed = pipeline.compose(result.new.request, pipeline.organization())
    page = pipeline.write(result.model, composed, "html").decode()
    assert "<td><del>Senior </del>Residence Life Coordinator</td>" in page
    assert 'ins::before { content: " [inserted: "; }' in page  # screen readers hear it
    plain = pipeline.write(pipeline.model(composed), composed, "html").decode()
    assert "ins::before" not in plain  # only a redline carries the rule
