"""Spreadsheet files as people save them -> a header and rows of text cells.

CSV comes in whatever Excel's "Save as" gave: UTF-8 with or without a byte-order mark, UTF-16
("Unicode Text"), or Windows-1252 (plain "CSV (Comma delimited)" on Windows, read with a
warning because a few of its bytes could also be something else); separated by commas, or by
semicolons (Excel with European settings) or tabs. `.xlsx` workbooks are read with openpyxl,
the maintained reader of Excel's format, by the values Excel saved (a formula by its last
computed value). Every cell comes out as text, as a CSV cell is, so both kinds of file give the
same documents.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import INFO, WARNING, JdbuilderError, Location, Problem, SpecError, did_you_mean
from .fileio import MAX_TEXT_INPUT_BYTES, read_input_bytes
from .safezip import SafeZip, read_zip
from .sheetlayout import SheetLayout, column_letter, read_layout

CSV_SUFFIXES = (".csv", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

Row = tuple[int, list[str]]  # the row number a spreadsheet shows, the cells as text
# How many cells of a row name columns: the header is the first row that names some.
HeaderScore = Callable[[list[str]], int]

# The header is looked for among the first rows: a title, a date, a blank row or two above it.
HEADER_SEARCH_ROWS = 30
MERGES_NAMED = 10  # merged cells named one by one; more are counted

# A cell longer than this is refused as its row's error (a posting's longest field is a few
# thousand characters); csv's own default limit, so no file that read before reads otherwise.
MAX_CELL_CHARACTERS = 128 * 1024


@dataclass
class Table:
    header_row: int
    header: list[str]
    rows: Iterator[Row]
    notes: list[Problem] = field(default_factory=list)  # how the file was read, when it matters


def read_table(path: Path, sheet: str | None = None,
               error_type: type[JdbuilderError] = SpecError,
               header_score: HeaderScore | None = None) -> Table:
    """The header and the rows after it, every cell as text. The header is the first row with
    any text, or with `header_score`, the first row that names columns (rows above it, such as
    a title, are skipped with a note)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise error_type("this is the old Excel format (.xls); in Excel choose File > Save As "
                         "> Excel Workbook (.xlsx) or CSV UTF-8", file=path)
    data = read_input_bytes(path, error_type)
    if suffix in XLSX_SUFFIXES:
        return _xlsx_table(data, path, sheet, error_type, header_score)
    if sheet is not None:
        raise error_type("a CSV file has no sheets; leave the sheet out", option="--sheet",
                         value=sheet, file=path)
    return _csv_table(data, path, error_type, header_score)


# ---------------------------------------------------------------------------------------------
# CSV


def decode_spreadsheet_text(data: bytes, path: Path,
                            error_type: type[JdbuilderError] = SpecError
                            ) -> tuple[str, list[Problem]]:
    """The text of a CSV file in any encoding Excel saves, with a note when it had to guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise error_type(f"not readable as UTF-16 text (byte {exc.start}); save it as CSV "
                             "UTF-8", file=path) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise error_type(f"not UTF-8 text (byte {utf8_error}) nor Windows-1252; save it as "
                         "CSV UTF-8 (in Excel: File > Save As > CSV UTF-8)", file=path) from None
    note = Problem("encoding", WARNING, "not UTF-8, read as Windows-1252 (what Excel's 'CSV "
                   "(Comma delimited)' writes); check accented letters, or save it as "
                   "'CSV UTF-8' to be sure", Location(file=str(path)))
    return text, [note]


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first line using any of them uses most, outside
    quotes (a title line above the header may use none). Header names hold none of them, so
    the header tells more reliably than csv.Sniffer's guess over the data rows."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    lines = 0
    for character in text:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in "\r\n":
            if any(counts.values()) or lines >= HEADER_SEARCH_ROWS:
                break
            lines += 1
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_table(data: bytes, path: Path, error_type: type[JdbuilderError],
               header_score: HeaderScore | None) -> Table:
    text, notes = decode_spreadsheet_text(data, path, error_type)
    # StringIO splits lines at \n and \r only; str.splitlines would also split inside cells
    # holding characters such as U+2028.
    # strict: a quote never closed is an error at the end of the file, not the rest of the file
    # silently read into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text),
                        strict=True)

    def rows() -> Iterator[Row]:
        while True:
            number = reader.line_num + 1  # where the next row starts: the spreadsheet's number
            # csv's own cell limit (128 KiB) would make one oversized cell fail the whole file;
            # read any cell the file-size limit allows and let its row say it is too large. The
            # limit is process-wide, so it is raised only while this row is read.
            previous_limit = csv.field_size_limit(MAX_TEXT_INPUT_BYTES)
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    raise error_type("a quote (\") opened in this row is never closed, so "
                                     "every row after it would be read into one cell; close "
                                     "the quote, or double a quote meant as text (\"\")",
                                     file=path, row=number) from None
                raise error_type(f"not readable as CSV ({exc})", file=path, row=number
                                 ) from None
            finally:
                csv.field_size_limit(previous_limit)
            yield number, cells

    return _with_header(rows(), path, notes, error_type, header_score)


def _with_header(rows: Iterator[Row], path: Path, notes: list[Problem],
                 error_type: type[JdbuilderError], header_score: HeaderScore | None) -> Table:
    """The table from its header row on. Looked for among the first rows, kept aside meanwhile
    (a bounded number): the first that names a column, or failing that the first with text."""
    seen: list[Row] = []
    for number, cells in itertools.islice(rows, HEADER_SEARCH_ROWS):
        seen.append((number, cells))
        if not any(cell.strip() for cell in cells):
            continue
        if header_score is None or header_score(cells) > 0:
            break
    texts = [(number, cells) for number, cells in seen if any(cell.strip() for cell in cells)]
    if not texts:
        raise error_type("no header row; the first row names the columns "
                         "(kind,specialization,level,title,...)", file=path)
    found = seen[-1] if header_score is not None and header_score(seen[-1][1]) > 0 else texts[0]
    number, header = found
    above = [row for row in texts if row[0] < number]
    if above:
        first = next(cell.strip() for cell in above[0][1] if cell.strip())
        shown = first if len(first) <= 60 else first[:57] + "..."
        skipped = f"row {above[0][0]} above it ('{shown}') is" if len(above) == 1 else \
            f"rows {above[0][0]} to {above[-1][0]} above it ('{shown}', ...) are"
        notes.append(Problem("spec", INFO, f"read as the header; {skipped} skipped, naming no "
                             "columns",
                             Location(file=str(path), row=number)))
    after = [row for row in seen if row[0] > number]
    return Table(number, header, itertools.chain(after, rows), notes)


# ---------------------------------------------------------------------------------------------
# XLSX


def _xlsx_table(data: bytes, path: Path, sheet: str | None,
                error_type: type[JdbuilderError], header_score: HeaderScore | None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    archive = _check_archive(data, path, error_type)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise error_type(f"not readable as an Excel workbook ({exc}); save it again from "
                         "Excel as .xlsx, or as CSV UTF-8", file=path) from None
    names = values.sheetnames
    # Hidden sheets (lookup lists, an old copy) are not the one a recruiter sees on opening.
    visible = [name for name in names if values[name].sheet_state == "visible"] or names
    if sheet is None:
        chosen = visible[0]
    elif sheet in names:
        chosen = sheet
    else:
        raise error_type(f"no such sheet{did_you_mean(sheet, names)}; its sheets: "
                         f"{', '.join(names)}", option="--sheet", value=sheet, file=path)
    value_sheet, formula_sheet = values[chosen], formulas[chosen]
    for worksheet in (value_sheet, formula_sheet):
        # Some programs record a wrong size; read every row and cell the sheet holds.
        worksheet.reset_dimensions()
    notes: list[Problem] = []
    member = getattr(value_sheet, "_worksheet_path", "").lstrip("/")
    layout = read_layout(archive.members.get(member, b""))
    filler = layout.filler()

    def rows() -> Iterator[Row]:
        try:
            pairs = zip(value_sheet.iter_rows(values_only=True),
                        formula_sheet.iter_rows(values_only=True))
            for number, (row, typed) in enumerate(pairs, start=1):
                cells = filler.fill(number, [_cell_text(value) for value in row])
                for column, (value, written) in enumerate(zip(row, typed), start=1):
                    if value is None and isinstance(written, str) and written.startswith("="):
                        raise error_type(
                            f"the formula {written} has no saved value (the file was not saved "
                            "by Excel); open and save it in Excel, or type the value",
                            file=path, sheet=chosen, row=number, column=column_letter(column))
                yield number, cells
        finally:
            values.close()
            formulas.close()

    if len(names) > 1 and sheet is None:
        first = "first" if chosen == names[0] else "first visible"
        notes.append(Problem("spec", "info", f"read the {first} sheet, '{chosen}', of "
                             f"{len(names)}; name another to read it",
                             Location(option="--sheet", file=str(path))))
    table = _with_header(rows(), path, notes, error_type, header_score)
    filler.width = len(table.header) - next(
        (index for index, cell in enumerate(reversed(table.header)) if cell.strip()), 0)
    table.notes += layout_notes(layout, chosen, table, path)
    return table


def layout_notes(layout: SheetLayout, sheet: str, table: Table, path: Path) -> list[Problem]:
    """What the sheet's look would hide: a merged cell is read into every cell it covers (a
    warning naming it, as that is a guess at what was meant); hidden columns and rows are read
    like the others (a note), as a CSV saved from the sheet holds them too and a recruiter
    hides a column to narrow the screen, not to take its values out of the documents."""
    notes: list[Problem] = []
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    merged = [merge.ref for merge in layout.merged if merge.last_row >= table.header_row]
    if merged:
        shown = ", ".join(merged[:MERGES_NAMED]) + (
            f" and {len(merged) - MERGES_NAMED} more" if len(merged) > MERGES_NAMED else "")
        notes.append(Problem("spec", WARNING, f"merged cell{'s' if len(merged) > 1 else ''} "
                             "read as every cell they cover, each with the merged value; check "
                             "those rows, or unmerge the cells in Excel",
                             Location(file=str(path), place=f"{quoted}!{shown}")))
    header = table.header
    hidden = [column for column in sorted(layout.hidden_columns)
              if column <= len(header) and header[column - 1].strip()]
    if hidden:
        named = ", ".join(f"{column_letter(column)} ('{header[column - 1].strip()}')"
                          for column in hidden)
        notes.append(Problem("spec", INFO, f"hidden column{'s' if len(hidden) > 1 else ''} "
                             f"{named} read like the others (a CSV saved from the sheet holds "
                             f"{'them' if len(hidden) > 1 else 'it'} too); delete a column to "
                             "leave it out",
                             Location(file=str(path), row=table.header_row)))
    rows = [row for row in layout.hidden_rows if row > table.header_row]
    if rows:
        shown = ", ".join(map(str, rows[:MERGES_NAMED])) + (
            f" and {len(rows) - MERGES_NAMED} more" if len(rows) > MERGES_NAMED else "")
        notes.append(Problem("spec", INFO, f"hidden row{'s' if len(rows) > 1 else ''} read "
                             "like the others (perhaps hidden by a filter); delete a row, or "
                             "move it to another sheet, to leave it out",
                             Location(file=str(path), place=f"row{'s' if len(rows) > 1 else ''} "
                                      f"{shown}")))
    return notes


def _check_archive(data: bytes, path: Path, error_type: type[JdbuilderError]) -> SafeZip:
    """The workbook as a ZIP, within the limits every archive a user gives is held to
    (entries, member and total sizes, damage, encryption), before openpyxl inflates any of it."""
    return read_zip(path, error_type, "workbook (.xlsx)", data=data)


def _cell_text(value: Any) -> str:
    """A typed cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without
    '.0', TRUE/FALSE as yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
