"""A position description's own checks: duty percentages recomputed from the document (ours in
every format, or edited by hand), physical demands tied to duties the document lists."""

from __future__ import annotations

import docx
import pytest

from jdbuilder.checking import check_files
from jdbuilder.checks import ERROR, WARNING, check_text
from jdbuilder.checks.description import (
    duty_findings,
    physical_demand_findings,
    read_duties,
)
from jdbuilder.pipeline import DocumentRequest, make_document
from jdbuilder.readers import read_markdown_text, read_posting
from jdbuilder.readers.text import PostingText

FORMATS = ("docx", "html", "md", "txt")


@pytest.fixture(scope="module")
def built_pd(pipeline):
    """The Residence Life Journey PD in every format we write."""
    return {fmt: make_document(DocumentRequest("description", "residence-life", "journey", {},
                                               fmt), pipeline).content
            for fmt in FORMATS}


def _markdown(text: str) -> PostingText:
    return PostingText("pd.md", tuple(read_markdown_text(text)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_pd_reads_back_its_duties_in_every_format(built_pd, fmt, tmp_path):
    path = tmp_path / f"pd.{fmt}"
    path.write_bytes(built_pd[fmt])
    table = read_duties(read_posting(path))
    assert table is not None
    assert [duty.percent for duty in table.duties] == [25, 20, 20, 15, 15, 5]
    assert table.duties[0].title == "Resident Assistant Supervision"
    assert [duty.essential for duty in table.duties] == [True] * 5 + [False]
    assert table.stated_total == 100
    assert duty_findings(read_posting(path)) == []
    assert physical_demand_findings(read_posting(path)) == []


def _edited_docx(content: bytes, path, old: str, new: str) -> None:
    """The PD as someone would change it in Word: one cell's text retyped."""
    import io

    document = docx.Document(io.BytesIO(content))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells
             if cell.text.strip() == old]
    assert cells, old
    paragraph = cells[0].paragraphs[0]
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = new
    document.save(path)


def test_a_docx_pd_edited_to_105_percent_is_an_error_in_check_without_kind(cli, built_pd, tmp_path):
    path = tmp_path / "pd.docx"
    _edited_docx(built_pd["docx"], path, "25%", "30%")
    result = cli(["check", str(path), "--severity", "error"])
    assert result.exit_code == 1, result.output
    assert "read as a position description" in result.output
    assert ("error    duties: the duty percentages add up to 105% (30% + 20% + 20% + 15% + 15% "
            "+ 5%), not 100% (the Total row says 100%)") in result.output
    assert "at table 2, row 8" in result.output  # the Total row
    assert "how to apply" not in result.output  # read as a PD, not as a posting


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_a_pd_edited_to_105_percent_is_an_error_in_every_text_format(built_pd, fmt, tmp_path,
                                                                    pipeline):
    text = built_pd[fmt].decode()
    edited = {"html": ("<td>25%</td>", "<td>30%</td>"), "md": ("| 25% |", "| 30% |"),
              "txt": ("[25%, Yes]", "[30%, Yes]")}[fmt]
    assert edited[0] in text
    path = tmp_path / f"pd.{fmt}"
    path.write_text(text.replace(edited[0], edited[1], 1))
    (report,) = check_files([path], pipeline)
    errors = [f for f in report.findings if f.severity == ERROR]
    assert [f.name for f in errors] == ["duty-percent-total"]
    assert "add up to 105%" in errors[0].message


def test_a_total_row_that_disagrees_with_its_duties_is_an_error():
    findings = duty_findings(_markdown(
        "# Position Description\n\n## Description of Work\n\n"
        "| Duty | Percent | Essential |\n|---|---|---|\n"
        "| **Advising.** Advises students. | 60% | Yes |\n"
        "| **Outreach.** Visits schools. | 40% | No |\n"
        "| **Total** | **95%** | |\n"))
    assert [(f.name, f.severity) for f in findings] == [("duty-total-mismatch", ERROR)]
    assert "the Total row says 95% but the duties above it add up to 100%" in findings[0].message


def test_duties_written_as_a_list_with_their_percent_are_added_up():
    findings = duty_findings(_markdown(
        "# Job Description\n\n## Essential Functions\n\n"
        "- Advising students on their aid (50%)\n- 30% - Processing verification\n"
        "- Outreach events\n"))
    codes = sorted(f.name for f in findings)
    assert codes == ["duty-percent-missing", "duty-percent-total"]
    total = next(f for f in findings if f.name == "duty-percent-total")
    assert "add up to 80% (50% + 30%), not 100%" in total.message
    missing = next(f for f in findings if f.name == "duty-percent-missing")
    assert "'Outreach events'" in missing.message and missing.severity == WARNING


def test_no_essential_function_is_a_warning():
    findings = duty_findings(_markdown(
        "# Position Description\n\n## Description of Work\n\n"
        "| Duty | Percent | Essential |\n|---|---|---|\n"
        "| **Advising.** Advises students. | 100% | No |\n"))
    assert [f.name for f in findings] == ["essential-function-missing"]


PD_WITH_DEMANDS = """# Position Description

## Description of Work

| Duty | Percent | Essential |
|---|---|---|
| **Hall Operations and Housing Administration.** Runs the hall. | 60% | Yes |
| **Student Conduct.** Hears cases. | 40% | Yes |
| **Total** | **100%** | |

## Working Conditions and Physical Demands

- **Work environment:** Residence halls.
- **Travel:** None.
- Lifts boxes up to 40 pounds (Hall Operations and Housing Administration).
- Climbs stairs during rounds (Hall Operations; Student Conduct).
- Sits at a computer for much of the day.
"""


def test_physical_demands_must_cite_duties_the_pd_lists():
    findings = physical_demand_findings(_markdown(PD_WITH_DEMANDS))
    assert [(f.name, f.severity) for f in findings] == [
        ("physical-demand-unknown-duty", ERROR), ("physical-demand-uncited", WARNING)]
    unknown, uncited = findings
    assert unknown.message.startswith("this physical demand cites 'Hall Operations', which is "
                                      "no duty in the 'Description of Work' section (did you "
                                      "mean 'Hall Operations and Housing Administration'?)")
    assert unknown.location.place == "line 16" and unknown.quote.startswith("Climbs stairs")
    assert uncited.quote == "Sits at a computer for much of the day."


def test_a_posting_checked_as_a_posting_gets_no_pd_checks():
    report = check_text(_markdown(PD_WITH_DEMANDS.replace("Student Conduct)", "Nothing)")),
                        kind="posting")
    assert not {f.code for f in report.findings} & {"duties", "physical-demands"}
    report = check_text(_markdown(PD_WITH_DEMANDS), kind="description")
    assert {f.code for f in report.findings} >= {"physical-demands"}


def test_a_percent_retyped_with_track_changes_on_reads_as_accepted(pipeline, tmp_path):
    """Word keeps the old 25% as deleted text and the new 30% as an insertion: the PD reads
    as it will once the change is accepted (python-docx alone reads neither)."""
    from dataclasses import replace

    from jdbuilder.compose import Request
    from jdbuilder.markup import Run, Table
    from jdbuilder.redline import redline

    request = Request("description", "residence-life", "journey")
    composed = pipeline.compose(request, pipeline.organization())
    old = pipeline.model(composed)
    duties = next(index for index, block in enumerate(old.blocks) if isinstance(block, Table)
                  and len(block.rows[0]) == 3)
    table = old.blocks[duties]
    row = table.rows[1]
    edited_row = (row[0], replace(row[1], runs=(Run("30%"),)), row[2])
    new_table = replace(table, rows=(table.rows[0], edited_row, *table.rows[2:]))
    new = replace(old, blocks=(*old.blocks[:duties], new_table, *old.blocks[duties + 1:]))
    tracked = redline(old, new)
    path = tmp_path / "pd.docx"
    path.write_bytes(pipeline.write(tracked, composed, "docx"))
    assert "<w:delText" in _document_xml(path)  # a real tracked change
    (report,) = check_files([path], pipeline)
    errors = [f.message for f in report.findings if f.severity == ERROR]
    assert errors == ["the duty percentages add up to 105% (30% + 20% + 20% + 15% + 15% + 5%), "
                      "not 100% (the Total row says 100%): change the duties' percent of time "
                      "so they total 100%"]


def _document_xml(path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode()
