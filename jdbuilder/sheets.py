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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import WARNING, JdbuilderError, Location, Problem, SpecError, did_you_mean
from .fileio import MAX_TEXT_INPUT_BYTES, read_input_bytes
from .safezip import read_zip

CSV_SUFFIXES = (".csv", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

Row = tuple[int, list[str]]  # the row number a spreadsheet shows, the cells as text

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
               error_type: type[JdbuilderError] = SpecError) -> Table:
    """The header (the first row with any text) and the rows after it, every cell as text."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise error_type(f"{path}: this is the old Excel format (.xls); in Excel choose "
                         "File > Save As > Excel Workbook (.xlsx) or CSV UTF-8")
    data = read_input_bytes(path, error_type)
    if suffix in XLSX_SUFFIXES:
        return _xlsx_table(data, path, sheet, error_type)
    if sheet is not None:
        raise error_type(f"--sheet {sheet}: {path} is a CSV file, which has no sheets; "
                         "leave --sheet out")
    return _csv_table(data, path, error_type)


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
            raise error_type(f"{path}: not readable as UTF-16 text (byte {exc.start}); save "
                             "it as CSV UTF-8") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise error_type(f"{path}: not UTF-8 text (byte {utf8_error}) nor Windows-1252; save "
                         "it as CSV UTF-8 (in Excel: File > Save As > CSV UTF-8)") from None
    note = Problem("encoding", WARNING, "not UTF-8, read as Windows-1252 (what Excel's 'CSV "
                   "(Comma delimited)' writes); check accented letters, or save it as "
                   "'CSV UTF-8' to be sure", Location(file=str(path)))
    return text, [note]


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header row uses most, outside quotes. Header
    names hold none of them, so the header tells more reliably than csv.Sniffer's guess over
    the data rows."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for character in text:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in "\r\n":
            break
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_table(data: bytes, path: Path, error_type: type[JdbuilderError]) -> Table:
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
                    raise error_type(f"{path}, row {number}: a quote (\") opened in this row is "
                                     "never closed, so every row after it would be read into "
                                     "one cell; close the quote, or double a quote meant as "
                                     "text (\"\")") from None
                raise error_type(f"{path}, row {number}: not readable as CSV ({exc})") from None
            finally:
                csv.field_size_limit(previous_limit)
            yield number, cells

    return _with_header(rows(), path, notes, error_type)


def _with_header(rows: Iterator[Row], path: Path, notes: list[Problem],
                 error_type: type[JdbuilderError]) -> Table:
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            return Table(number, cells, rows, notes)
    raise error_type(f"{path}: no header row; the first row names the columns "
                     "(kind,specialization,level,title,...)")


# ---------------------------------------------------------------------------------------------
# XLSX


def _xlsx_table(data: bytes, path: Path, sheet: str | None,
                error_type: type[JdbuilderError]) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _check_archive(data, path, error_type)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise error_type(f"{path}: not readable as an Excel workbook ({exc}); save it again "
                         "from Excel as .xlsx, or as CSV UTF-8") from None
    names = values.sheetnames
    if sheet is None:
        chosen = names[0]
    elif sheet in names:
        chosen = sheet
    else:
        raise error_type(f"--sheet {sheet}: {path} has no such sheet"
                         f"{did_you_mean(sheet, names)}; its sheets: {', '.join(names)}")
    value_sheet, formula_sheet = values[chosen], formulas[chosen]
    for worksheet in (value_sheet, formula_sheet):
        # Some programs record a wrong size; read every row and cell the sheet holds.
        worksheet.reset_dimensions()
    notes: list[Problem] = []

    def rows() -> Iterator[Row]:
        try:
            pairs = zip(value_sheet.iter_rows(values_only=True),
                        formula_sheet.iter_rows(values_only=True))
            for number, (row, typed) in enumerate(pairs, start=1):
                cells = [_cell_text(value) for value in row]
                for column, (value, written) in enumerate(zip(row, typed), start=1):
                    if value is None and isinstance(written, str) and written.startswith("="):
                        raise error_type(Problem(
                            "spec", "error", f"cell {_column_letter(column)}{number} holds the "
                            f"formula {written} with no saved value (the file was not saved by "
                            "Excel); open and save it in Excel, or type the value",
                            Location(file=str(path), row=number)))
                yield number, cells
        finally:
            values.close()
            formulas.close()

    if len(names) > 1 and sheet is None:
        notes.append(Problem("spec", "info", f"read the first sheet, '{chosen}', of "
                             f"{len(names)}; --sheet NAME reads another",
                             Location(file=str(path))))
    return _with_header(rows(), path, notes, error_type)


def _check_archive(data: bytes, path: Path, error_type: type[JdbuilderError]) -> None:
    """The workbook as a ZIP, within the limits every archive a user gives is held to
    (entries, member and total sizes, damage, encryption), before openpyxl inflates any of it."""
    read_zip(path, error_type, "workbook (.xlsx)", data=data)


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


def _column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
