"""`band import --worksheet`: a Competency Assessment Worksheet of the band compared statement
by statement with its profile. The worksheets are made here from our seed: our own assessment
worksheet (the kit's), and a worksheet in another layout (a heading and a table per competency,
rating boxes) in .docx, as Word saves it as text, and as a PDF, with deliberate differences."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdbuilder.bandimport import read_bands
from jdbuilder.bandsource import Paragraph, Row
from jdbuilder.bandworksheet import compare, compare_worksheet, statements_in
from jdbuilder.cli import main
from jdbuilder.errors import InputError
from jdbuilder.pipeline import DocumentRequest, Pipeline, make_document

SEED = Path(__file__).parent / "data" / "student-services-specialist-competency-profile.txt"
LEVELS = ("Contributing", "Journey", "Advanced")
EXTRA = "Leads the campus customer service training program each year."


@pytest.fixture(scope="module")
def band():
    [band] = read_bands(SEED)
    return band


def _statements(band) -> dict[tuple[str, str], list[str]]:
    return {(c.name, level): list(c.statements[level]) for c in band.competencies
            for level in LEVELS}


def _with_differences(band) -> dict[tuple[str, str], list[str]]:
    """The seed's statements with one of each difference: one left out, one reworded, one
    moved to the next level, one added."""
    cells = _statements(band)
    cells[("Decision Making", "Journey")].pop(0)
    reworded = cells[("Coordination-Operation", "Advanced")]
    reworded[1] = reworded[1].replace("Develops", "Designs", 1)
    moved = cells[("Program Management", "Contributing")].pop(1)
    cells[("Program Management", "Journey")].append(moved)
    cells[("Client/Customer Service", "Advanced")].append(EXTRA)
    return cells


def _layout(band, cells) -> list[tuple[str, object]]:
    """A worksheet as paragraphs and table rows: title, instructions, then per competency a
    heading, a level header, the statements (a rating box before each) and a rating row."""
    parts: list[tuple[str, object]] = [
        ("p", band.title), ("p", "Competency Assessment Worksheet"),
        ("p", "Employee name: ____________"),
        ("p", "Check the box beside each statement the employee demonstrates consistently.")]
    for competency in band.competencies:
        parts.append(("p", competency.name))
        parts.append(("row", list(LEVELS)))
        parts.append(("row", [[f"☐ {s}" for s in cells[(competency.name, level)]]
                              for level in LEVELS]))
        parts.append(("row", ["☐ Not demonstrated ☐ Demonstrated"] * 3))
    return parts


def _docx(path: Path, parts) -> Path:
    import docx

    document = docx.Document()
    table = None
    for kind, value in parts:
        if kind == "p":
            document.add_paragraph(value)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=len(value))
        cells = table.add_row().cells
        for cell, content in zip(cells, value):
            paragraphs = content if isinstance(content, list) else [content]
            cell.text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
    document.save(str(path))
    return path


def _text(path: Path, parts) -> Path:
    """As Word's "save as text" writes it: a table one cell a line, each after a tab."""
    lines = []
    for kind, value in parts:
        if kind == "p":
            lines.append(value)
            continue
        for content in value:
            paragraphs = content if isinstance(content, list) else [content]
            lines.append("\t" + paragraphs[0])
            lines.extend(paragraphs[1:])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.location.place or "") for p in problems]


def _assert_the_four_differences(problems, band) -> None:
    codes = [p.code for p in problems]
    assert sorted(codes) == ["worksheet-extra", "worksheet-missing", "worksheet-moved",
                             "worksheet-wording"], [p.line() for p in problems]
    by_code = {p.code: p for p in problems}
    dropped = band.competencies[1].statements["Journey"][0]
    assert by_code["worksheet-missing"].location.place == "Decision Making, Journey"
    assert dropped in by_code["worksheet-missing"].message
    wording = by_code["worksheet-wording"].message
    assert "worksheet 'Designs" in wording and "profile 'Develops" in wording
    assert by_code["worksheet-wording"].location.place.startswith(
        "Coordination-Operation, Advanced")
    moved = by_code["worksheet-moved"]
    assert "under Program Management, Journey, the profile under Program Management, " \
           "Contributing" in moved.message
    assert EXTRA in by_code["worksheet-extra"].message
    assert by_code["worksheet-extra"].location.place.startswith(
        "Client/Customer Service, Advanced")


def test_our_own_assessment_worksheet_has_the_same_statements(band, tmp_path):
    made = make_document(DocumentRequest("assessment", "admissions", "journey", {}, "docx"),
                         Pipeline())
    worksheet = tmp_path / "assessment.docx"
    worksheet.write_bytes(made.content)
    chosen, problems = compare_worksheet([band], worksheet)
    assert chosen is band and problems == []


def test_the_same_worksheet_in_another_layout_has_no_differences(band, tmp_path):
    worksheet = _docx(tmp_path / "same.docx", _layout(band, _statements(band)))
    assert compare_worksheet([band], worksheet)[1] == []


def test_each_difference_is_reported_from_docx(band, tmp_path):
    worksheet = _docx(tmp_path / "differs.docx", _layout(band, _with_differences(band)))
    _, problems = compare_worksheet([band], worksheet)
    _assert_the_four_differences(problems, band)
    assert all(p.location.file == str(worksheet) and p.severity == "warning" for p in problems)


def test_each_difference_is_reported_from_text(band, tmp_path):
    worksheet = _text(tmp_path / "differs.txt", _layout(band, _with_differences(band)))
    _, problems = compare_worksheet([band], worksheet)
    _assert_the_four_differences(problems, band)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_each_difference_is_reported_from_pdf(band, tmp_path):
    source = _docx(tmp_path / "differs.docx", _layout(band, _with_differences(band)))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    _, problems = compare_worksheet([band], tmp_path / "differs.pdf")
    _assert_the_four_differences(problems, band)


def test_statements_without_a_level_are_matched_but_never_reported(band):
    blocks = [Paragraph("How to rate: read each statement."),
              Paragraph(band.competencies[0].statements["Contributing"][0]),
              Row((("Decision Making",), ("Journey",), ("Advanced",)))]
    found = statements_in(blocks, band, "w.txt")
    assert [(s.level, s.competency) for s in found] == [(None, None), (None, None)]
    problems = compare(band, found, "w.txt")
    assert {p.code for p in problems} == {"worksheet-missing"}
    assert len(problems) == 57  # all but the one printed, and no instruction reported


def test_a_file_that_is_not_a_worksheet_is_refused(band, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear colleague,\nPlease find the schedule attached.\n")
    with pytest.raises(InputError, match="not a competency assessment worksheet of the "
                                         "Student Services Specialist band"):
        compare_worksheet([band], letter)


def test_cli_warns_exit_0_and_strict_refuses_writing_nothing(band, tmp_path):
    worksheet = _docx(tmp_path / "differs.docx", _layout(band, _with_differences(band)))
    runner = CliRunner()
    out = tmp_path / "band"
    warned = runner.invoke(main, ["band", "import", str(SEED), "--worksheet", str(worksheet),
                                  "-o", str(out)])
    assert warned.exit_code == 0, warned.output
    lines = warned.output.splitlines()
    assert sum(line.startswith(f"Warning: {worksheet}, ") for line in lines) == 4
    assert f"{worksheet}: 4 difference(s) from the profile's 58 statements" in lines
    assert (out / "student-services-specialist.yaml").is_file()
    refused = runner.invoke(main, ["band", "import", str(SEED), "--worksheet", str(worksheet),
                                   "--strict", "-o", str(tmp_path / "strict")])
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1] == ("Error: --strict: the worksheet differs from "
                                               "the profile in 4 place(s); nothing was written")
    assert not (tmp_path / "strict").exists()
