"""Spreadsheets as Excel saves them: encodings, delimiters, .xlsx cells and sheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.errors import SpecError
from jdbuilder.sheets import decode_spreadsheet_text, read_table, sniff_delimiter
from jdbuilder.spec import read_spec

HEADER = ["Kind", "Specialization", "Level", "Title", "Salary Min", "Salary Max",
          "Position Number", "Closes", "Notes"]
SPECIALIZATIONS = ["Admissions", "Financial Aid", "Residence Life", "Registration",
                   "Student Center", "finaid"]
BAD_ROW = 8  # the spreadsheet row (header = row 1) whose level is mistyped


def recruiter_rows() -> list[list[str]]:
    """Twelve openings as a recruiter types them: US dates, money with commas, a note, an
    accented title, and one mistyped level."""
    rows = []
    for index in range(12):
        posting = index % 2 == 0
        rows.append([
            "Posting" if posting else "Description",
            SPECIALIZATIONS[index % 6],
            "Jouney" if index + 2 == BAD_ROW else ["Contributing", "Journey", "Advanced"][index % 3],
            f"Coordinator {index + 1} – Café Services",
            "45,000" if posting else "",
            "52000" if posting else "",
            f"{45000 + index:08d}",
            f"{index % 12 + 1}/15/2027",
            "call María first" if index == 3 else "",
        ])
    return rows


def csv_text(delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [HEADER, *recruiter_rows()])
    return out.getvalue()


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Openings",
               extra_sheets: tuple[str, ...] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name in extra_sheets:
        workbook.create_sheet(name)
    workbook.save(path)
    return path


def recruiter_xlsx(path: Path) -> Path:
    """The same twelve rows with typed cells, as Excel stores them: dates and numbers."""
    typed: list[list[object]] = [HEADER]
    for row in recruiter_rows():
        month, day, year = map(int, row[7].split("/"))
        typed.append([*row[:4], 45000 if row[4] else None, float(row[5]) if row[5] else None,
                      row[6], dt.datetime(year, month, day), row[8] or None])
    return write_xlsx(path, typed, extra_sheets=("Archive",))


SAVED_AS = {
    "utf8-bom.csv": lambda path: path.write_bytes(csv_text().encode("utf-8-sig")),
    "windows-1252.csv": lambda path: path.write_bytes(csv_text().encode("cp1252")),
    "semicolons.csv": lambda path: path.write_bytes(csv_text(";").encode("utf-8")),
    "workbook.xlsx": recruiter_xlsx,
}


@pytest.mark.parametrize("name", list(SAVED_AS))
def test_the_recruiters_spreadsheet_builds_its_good_rows_however_saved(tmp_path, pipeline, name):
    spec = tmp_path / name
    SAVED_AS[name](spec)
    out = tmp_path / "out"
    report = run_build(spec, pipeline, BuildOptions(out, jobs=1, default_format="md"))
    assert (report.documents, report.built, report.failed, report.exit_code) == (12, 11, 1, 1)
    [failure] = report.failures
    assert failure.location.row == BAD_ROW
    assert failure.line() == (f"{spec}, row {BAD_ROW}, field 'Level': unknown level 'Jouney'; "
                              "did you mean 'journey'? (valid: contributing, journey, advanced)")
    notes = [note.line() for note in report.notes]
    assert any("column 'Notes' not read: no document field is called that" in note
               for note in notes)
    assert any("read as Windows-1252" in note for note in notes) == (name == "windows-1252.csv")
    with (out / "build-report.csv").open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.DictReader(stream))
    assert len(table) == 12
    assert [row["status"] for row in table].count("built") == 11
    [bad] = [row for row in table if row["status"] == "invalid"]
    assert str(BAD_ROW) in bad["row"] and "unknown level 'Jouney'" in bad["errors"]
    first = (out / "coordinator-1-cafe-services-posting-00045000.md").read_text("utf-8")
    assert "Coordinator 1 – Café Services" in first
    assert "$45,000 to $52,000" in first
    assert "January 15, 2027" in first


def test_every_saving_gives_the_same_documents(tmp_path, pipeline):
    built = {}
    for name, save in SAVED_AS.items():
        spec = tmp_path / name
        save(spec)
        out = tmp_path / name.replace(".", "-")
        run_build(spec, pipeline, BuildOptions(out, jobs=1, default_format="md"))
        built[name] = {path.name: path.read_bytes() for path in out.glob("*.md")}
    first = built.pop("utf8-bom.csv")
    assert len(first) == 11
    for documents in built.values():
        assert documents == first


@pytest.mark.parametrize(("text", "delimiter"), [
    ("kind,level\n", ","), ("kind;level;title\n", ";"), ("kind\tlevel\n", "\t"),
    ('"a;b",level\n', ","), ("kind\n", ","),
    ("Spring 2027 openings\r\n\r\nJob Title;Level\r\n", ";"),  # a title line uses none
])
def test_the_delimiter_is_the_one_the_header_uses(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_utf16_as_excel_unicode_text_is_read(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_bytes("kind\tspecialization\tlevel\nposting\tadmissions\tjourney\n"
                     .encode("utf-16"))
    [entry] = read_spec(spec, pipeline).entries
    assert entry.request.level == "journey"


def test_windows_1252_is_read_with_a_warning():
    text, notes = decode_spreadsheet_text("Conseillère".encode("cp1252"), Path("x.csv"))
    assert text == "Conseillère"
    assert [note.severity for note in notes] == ["warning"]
    assert decode_spreadsheet_text("Conseillère".encode(), Path("x.csv")) == (
        "Conseillère", [])


def test_xlsx_cells_come_out_as_csv_text(tmp_path):
    book = write_xlsx(tmp_path / "cells.xlsx", [
        ["a", "b", "c", "d", "e", "f"],
        [dt.datetime(2027, 1, 15), 45000.0, 24.5, True, "00012345", None],
    ])
    table = read_table(book)
    assert table.header == ["a", "b", "c", "d", "e", "f"]
    assert list(table.rows) == [(2, ["2027-01-15", "45000", "24.5", "yes", "00012345"])]


def test_xlsx_formulas_are_read_by_their_saved_values(tmp_path):
    book = write_xlsx(tmp_path / "formula.xlsx", [["kind", "salary_max"],
                                                  ["posting", "=40000+12000"]])
    # openpyxl saves no computed value, as Excel would: put one in, as Excel does on saving.
    patched = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>40000+12000</f><v></v>", b"<f>40000+12000</f><v>52000</v>")
                data = data.replace(b"<f>40000+12000</f>", b"<f>40000+12000</f><v>52000</v>") \
                    if b"<v>52000</v>" not in data else data
            target.writestr(item, data)
    assert list(read_table(patched).rows) == [(2, ["posting", "52000"])]
    with pytest.raises(SpecError, match=r"formula.xlsx, sheet 'Openings', row 2, column B: the "
                                        r"formula =40000\+12000 has no saved value"):
        list(read_table(book).rows)


def test_sheet_is_chosen_by_name_and_a_wrong_name_lists_them(tmp_path, pipeline):
    book = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Spring"
    workbook.active.append(["kind"])
    fall = workbook.create_sheet("Fall")
    fall.append(["kind", "specialization", "level"])
    fall.append(["posting", "admissions", "advanced"])
    workbook.save(book)
    [entry] = read_spec(book, pipeline, sheet="Fall").entries
    assert entry.request.level == "advanced"
    with pytest.raises(SpecError, match=r"--sheet Fal, .*book.xlsx: no such sheet \(did you mean "
                                        r"'Fall'\?\); its sheets: Spring, Fall"):
        read_spec(book, pipeline, sheet="Fal")
    csv_spec = tmp_path / "jobs.csv"
    csv_spec.write_text("kind\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"--sheet Fall, .*jobs.csv: a CSV file has no sheets"):
        read_spec(csv_spec, pipeline, sheet="Fall")


def test_a_renamed_or_bombed_workbook_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("kind,level\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"not a workbook \(.xlsx\) that can be opened"):
        read_table(fake)
    book = write_xlsx(tmp_path / "big.xlsx", [["kind"]])
    monkeypatch.setattr("jdbuilder.safezip.MAX_TOTAL_BYTES", 100)
    with pytest.raises(SpecError, match="unpacks to more than the 100-byte limit"):
        read_table(book)


def test_comment_rows_and_empty_trailing_cells_are_skipped(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,,\n"
                    "# a comment row,explains,things\n"
                    "posting,admissions,journey,,\n", encoding="utf-8")
    loaded = read_spec(spec, pipeline)
    assert [entry.location.row for entry in loaded.entries] == [3]
    assert loaded.notes == [] and loaded.problems == []


def test_an_unterminated_quote_names_its_row_instead_of_swallowing_the_rest(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,title\n"
                    "posting,admissions,journey,Fine\n"
                    'posting,admissions,journey,"Counselor\n'
                    "posting,admissions,journey,Two\n"
                    "posting,admissions,journey,Three\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        read_spec(spec, pipeline)
    message = caught.value.format_message()
    assert "\n" not in message
    assert message.startswith(f"{spec}, row 3: a quote (\") opened in this row is never closed")


def test_one_oversized_cell_is_its_rows_error_and_the_other_rows_are_read(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    huge = "x" * (200 * 1024)  # over csv's own 128 KiB limit, which failed the whole file
    spec.write_text("kind,specialization,level,title,department\n"
                    "posting,admissions,journey,Fine,\n"
                    f'posting,admissions,journey,Other,"{huge}"\n'
                    "posting,admissions,journey,Last,\n", encoding="utf-8")
    limit = csv.field_size_limit()
    loaded = read_spec(spec, pipeline)
    assert csv.field_size_limit() == limit  # not left raised for the rest of the process
    assert [entry.location.row for entry in loaded.entries] == [2, 4]
    assert [problem.line() for problem in loaded.problems] == [
        f"{spec}, row 3: the cell in column 'department' holds 204,800 characters, more than "
        "the 131,072 a cell may hold; shorten it"]
    assert loaded.invalid_count == 1 and loaded.document_count == 3


def test_a_cell_at_the_limit_is_read(tmp_path):
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,title\nposting," + "y" * 131_072 + "\n", encoding="utf-8")
    table = read_table(spec)
    assert [len(cells[1]) for _, cells in table.rows] == [131_072]


def test_the_recruiters_workbook_as_first_made_builds_24_of_25_on_the_first_try(cli, tmp_path):
    """Issue #24's workbook: a title row merged across, "Job Title" and "Closing Date",
    departments and a location merged down, a hidden column, a blank row, a mistyped level and
    a second sheet; built with --kind posting --org org.yaml, as a recruiter would."""


    from . import recruiter_workbook as book

    spec = book.make_workbook(tmp_path / "openings.xlsx")
    org = tmp_path / "org.yaml"
    org.write_text("name: Appalachian State University\nlocation: Boone, NC\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli(["build", str(spec), "--kind", "posting", "--org", str(org),
                  "-o", str(out), "--format", "md", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert result.stdout.strip() == f"Built 24, unchanged 0, failed 1 (of 25 documents) in {out}."
    lines = result.stderr.splitlines()
    typo_row = book.opening_rows()[book.TYPO_OPENING]
    assert [line for line in lines if line.startswith("Error:")] == [
        f"Error: {spec}, row {typo_row}, field 'Level': unknown level 'Advnaced'; did you mean "
        "'advanced'? (valid: contributing, journey, advanced)"]
    said = "\n".join(lines)
    assert (f"{spec}, row 3: read as the header; row 1 above it ('Spring 2027 openings - "
            "Division of Student Affairs') is skipped, naming no columns") in said
    assert ("'Spring 2027'!D4:D8, D9:D13, E9:E10, D14:D19, D20:D24, D25:D29: merged cells read "
            "as every cell they cover") in said
    assert "hidden column I ('Position #') read like the others" in said
    assert "columns 'Budget Code', 'Notes' not read" in said
    # Each group of findings says what it is; what must be fixed before publishing comes first.
    warnings = [line for line in lines if line.startswith("Warning: 24 documents")]
    assert warnings[0].endswith("must fix before publishing: completeness: missing how to "
                                "apply: no heading such as 'How to apply': say how to apply (a "
                                "'How to apply' section with the link or steps; apply.url or "
                                "apply.instructions in the --org file, --apply, or a spec's "
                                "apply column)")
    assert "quality check" not in said and "columns: kind" not in said

    documents = {path.name: path.read_text("utf-8") for path in out.glob("*.md")}
    assert len(documents) == 24
    rows = book.opening_rows()
    for index, (_, _, title) in enumerate(book.OPENINGS):
        if index == book.TYPO_OPENING:
            continue
        [text] = [text for name, text in documents.items() if name.endswith(f"{70000 + index:08d}.md")]
        assert text.startswith(f"# {title}\n"), (rows[index], text[:80])
        closes = book.closing_date(index)
        assert f"{closes:%B} {closes.day}, {closes.year}" in text
        assert ("Hickory, NC" in text) == (index in (5, 6))  # the merged location, both rows
    with (out / "build-report.csv").open(encoding="utf-8-sig", newline="") as stream:
        statuses = [row["status"] for row in csv.DictReader(stream)]
    assert statuses.count("built, must fix") == 24 and statuses.count("invalid") == 1


def test_a_hidden_row_is_read_with_a_note_naming_it(tmp_path, pipeline):
    book = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Kind", "Specialization", "Level"], ["posting", "admissions", "journey"],
                ["posting", "finaid", "advanced"]):
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True  # as a filter leaves it
    workbook.save(book)
    loaded = read_spec(book, pipeline)
    assert [entry.location.row for entry in loaded.entries] == [2, 3]
    assert [note.line() for note in loaded.notes] == [
        f"{book}, row 3: hidden row read like the others (perhaps hidden by a filter); delete a row, "
        "or move it to another sheet, to leave it out"]


def test_the_first_visible_sheet_is_read_when_sheets_before_it_are_hidden(tmp_path, pipeline):
    book = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Lists"
    workbook.active.append(["level"])
    workbook.active.sheet_state = "hidden"
    openings = workbook.create_sheet("Openings")
    openings.append(["kind", "specialization", "level"])
    openings.append(["posting", "admissions", "advanced"])
    workbook.save(book)
    loaded = read_spec(book, pipeline)
    assert [entry.request.level for entry in loaded.entries] == ["advanced"]
    assert [note.line() for note in loaded.notes] == [
        f"--sheet, {book}: read the first visible sheet, 'Openings', of 2; name another to "
        "read it"]
