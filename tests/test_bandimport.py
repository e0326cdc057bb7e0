"""`band import` and `band check`: our seed in each layout and format, read back verbatim."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jdbuilder.bandimport import import_bands
from jdbuilder.errors import InputError
from jdbuilder.profile import load_profile

SEED = Path(__file__).parent / "data" / "student-services-specialist-competency-profile.txt"
LEVELS = ("contributing", "journey", "advanced")


@pytest.fixture(scope="module")
def builtin():
    return load_profile()


def _statements(profile):
    return [(c.name, {level: tuple(c.statements[level]) for level in LEVELS})
            for c in profile.competencies]


def _same_as_builtin(folder: Path, builtin) -> None:
    imported = load_profile(folder, require_specializations=False)
    assert imported.title == builtin.title
    assert imported.description_of_work == builtin.description_of_work
    assert [level.name for level in imported.levels] == [level.name for level in builtin.levels]
    assert len(imported.competencies) == 7
    assert _statements(imported) == _statements(builtin)


def _docx(path: Path, roles: list[dict]) -> Path:
    """A profile as Word holds it: title, heading, Description of Work, then the table."""
    import docx

    document = docx.Document()
    for role in roles:
        document.add_paragraph(role["title"])
        document.add_paragraph(role.get("heading", "Competency Profile"))
        document.add_paragraph("Description of Work: " + role["description"])
        header = role["header"]
        table = document.add_table(rows=0, cols=len(header))
        for row in [header, *role["rows"]]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text
    document.save(str(path))
    return path


def _layout_a(builtin, numbered: bool = False, definition: bool = False) -> list[list[str]]:
    rows = []
    for competency in builtin.competencies:
        cells = []
        for level in LEVELS:
            statements = competency.statements[level]
            cells.append(" ".join(f"{n}. {s}" for n, s in enumerate(statements, 1))
                         if numbered else " ".join(statements))
        definitions = [f"What {competency.name} covers."] if definition else []
        rows.append([competency.name, *definitions, *cells])
    return rows


def test_seed_text_imports_verbatim(tmp_path, builtin):
    [result] = import_bands(SEED, tmp_path / "band")
    assert result.band.not_placed == []
    assert result.band.category == "Functional"
    _same_as_builtin(tmp_path / "band", builtin)


def test_seed_docx_table_imports_verbatim(tmp_path, builtin):
    source = _docx(tmp_path / "profile.docx", [{
        "title": builtin.title, "description": builtin.description_of_work,
        "header": ["Functional", "Contributing", "Journey", "Advanced"],
        "rows": _layout_a(builtin)}])
    import_bands(source, tmp_path / "band")
    _same_as_builtin(tmp_path / "band", builtin)


def test_layout_b_misspelled_numbered_role_descriptions(tmp_path, builtin):
    role_row = ["ROLE DESRIPTIONS BY LEVEL", "", "Works under close guidance.",
                "Works independently.", "Leads the unit."]
    source = _docx(tmp_path / "b.docx", [{
        "title": builtin.title, "heading": "Competancy Profile",
        "description": builtin.description_of_work,
        "header": ["Competency", "Defintion", "Contributng", "Journey", "Advanced"],
        "rows": [role_row, *_layout_a(builtin, numbered=True, definition=True)]}])
    [result] = import_bands(source, tmp_path / "band")
    assert result.band.role_descriptions == {"Contributing": "Works under close guidance.",
                                             "Journey": "Works independently.",
                                             "Advanced": "Leads the unit."}
    assert result.band.competencies[0].definition == "What Managing Work Processes covers."
    assert result.band.not_placed == []
    _same_as_builtin(tmp_path / "band", builtin)
    text = result.file.read_text()
    assert "1. " not in text and "definition: What Decision Making covers." in text


def test_layout_c_two_roles_no_definition(tmp_path, builtin):
    header = ["Competency", "Contributing", "Journey", "Advanced"]
    second = [[name, *cells] for name, *cells in _layout_a(builtin, numbered=True)[:3]]
    source = _docx(tmp_path / "c.docx", [
        {"title": builtin.title, "description": builtin.description_of_work, "header": header,
         "rows": _layout_a(builtin)},
        {"title": "Student Services Analyst", "description": "Analysis of student services.",
         "header": header, "rows": second}])
    results = import_bands(source, tmp_path / "out")
    assert [r.file.parent.name for r in results] == ["student-services-specialist",
                                                     "student-services-analyst"]
    _same_as_builtin(tmp_path / "out" / "student-services-specialist", builtin)
    analyst = load_profile(tmp_path / "out" / "student-services-analyst",
                           require_specializations=False)
    assert _statements(analyst) == _statements(builtin)[:3]
    assert analyst.description_of_work == "Analysis of student services."


def test_not_a_profile_is_refused_naming_what_was_found(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes of the staff meeting")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Item"
    document.save(str(tmp_path / "minutes.docx"))
    with pytest.raises(InputError) as refused:
        import_bands(tmp_path / "minutes.docx", tmp_path / "band")
    message = str(refused.value.message)
    assert "not a competency profile" in message
    assert "'Minutes of the staff meeting'" in message and "2 table row(s)" in message
    assert not (tmp_path / "band").exists()


def test_import_refuses_a_folder_that_already_holds_a_band(tmp_path):
    import_bands(SEED, tmp_path / "band")
    with pytest.raises(InputError, match=r"already holds student-services-specialist\.yaml"):
        import_bands(SEED, tmp_path / "band")


def test_cli_import_then_check(cli, tmp_path):
    out = tmp_path / "band"
    imported = cli(["band", "import", str(SEED), "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "7 competencies, 3 levels, 58 statements" in imported.output
    checked = cli(["band", "check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "valid: Student Services Specialist, 7 competencies" in checked.output
    (out / "student-services-specialist.yaml").write_text("id: Bad Id\n")
    broken = cli(["band", "check", str(out)])
    assert broken.exit_code == 2 and broken.output.startswith("Error: ")
    refused = cli(["band", "import", str(tmp_path / "missing.txt")])
    assert refused.exit_code == 2 and "file not found" in refused.output
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_seed_pdf_through_libreoffice_imports_verbatim(tmp_path, builtin):
    source = _docx(tmp_path / "profile.docx", [{
        "title": builtin.title, "description": builtin.description_of_work,
        "header": ["Functional", "Contributing", "Journey", "Advanced"],
        "rows": _layout_a(builtin)}])
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    import_bands(tmp_path / "profile.pdf", tmp_path / "band")
    _same_as_builtin(tmp_path / "band", builtin)




def test_pdf_text_loses_page_furniture_and_line_end_hyphens():
    from jdbuilder.bandsource import Paragraph, Row, pdf_blocks

    header = "Functional      Contributing      Journey           Advanced"
    page_one = "\n".join([
        "Tutor Band", "Competency Profile", "Description of Work: Work in tutor-",
        "ing students.", "", header, "",
        "Teaching        Plans the devel-  Resolves non-     Leads in-",
        "                opment of         standard cases.   house training.",
        "                lessons.",
        "", "Page 1 of 2", ""])
    page_two = "\n".join(["Tutor Band", "", "Page 2 of 2", ""])
    blocks = pdf_blocks([page_one, page_two])
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["Tutor Band", "Competency Profile",
                          "Description of Work: Work in tutoring students."]
    rows = [b.cells for b in blocks if isinstance(b, Row)]
    assert rows[1] == (("Teaching",), ("Plans the development of lessons.",),
                       ("Resolves non-standard cases.",), ("Leads in-house training.",))


def test_a_prefix_before_its_own_vowel_keeps_its_hyphen_across_lines():
    from jdbuilder.bandsource import Paragraph, pdf_blocks

    blocks = pdf_blocks(["Employs de-\nescalation and re-\nenters data; de-\nvelops plans.\n"])
    assert blocks == [Paragraph("Employs de-escalation and re-enters data; develops plans.")]
