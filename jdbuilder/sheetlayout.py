"""What a worksheet's look hides from its cell values: merged cells and hidden rows and columns.

openpyxl's streaming reader gives values only, and a worksheet lists its merged cells after
all its rows; so the sheet's XML is read once beforehand, element by element and let go as it
goes, for the merged ranges, the hidden columns and the hidden rows that hold anything.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)


@dataclass(frozen=True)
class Merged:
    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def ref(self) -> str:
        return (f"{column_letter(self.first_column)}{self.first_row}:"
                f"{column_letter(self.last_column)}{self.last_row}")


@dataclass
class SheetLayout:
    merged: list[Merged] = field(default_factory=list)
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: list[int] = field(default_factory=list)  # hidden rows holding a value

    def filler(self) -> MergeFiller:
        return MergeFiller(self.merged)


class MergeFiller:
    """Fills each merged range's cells with the value of its top-left cell, row by row as the
    rows stream past (Excel keeps the value in that cell only)."""

    def __init__(self, merged: list[Merged]) -> None:
        self.starting: dict[int, list[Merged]] = {}
        for merge in merged:
            self.starting.setdefault(merge.first_row, []).append(merge)
        self.open: list[tuple[Merged, str]] = []
        self.width: int | None = None  # the header's columns, once it is known

    def fill(self, number: int, cells: list[str]) -> list[str]:
        for merge in self.starting.pop(number, ()):
            index = merge.first_column - 1
            self.open.append((merge, cells[index] if index < len(cells) else ""))
        if not self.open:
            return cells
        if not any(cell.strip() for cell in cells):
            # A blank row a merged cell runs through (a department merged down past the gap
            # between two groups) stays blank, not a document of the merged value alone.
            self._close(number)
            return cells
        for merge, value in self.open:
            # Not past the header's last column: a note merged across the empty columns to
            # its right would otherwise read as cells no column names.
            last = merge.last_column if self.width is None else min(merge.last_column, self.width)
            if last > len(cells):
                cells = cells + [""] * (last - len(cells))
            for column in range(merge.first_column, last + 1):
                cells[column - 1] = value
        self._close(number)
        return cells

    def _close(self, number: int) -> None:
        self.open = [(merge, value) for merge, value in self.open if merge.last_row > number]


def read_layout(sheet_xml: bytes) -> SheetLayout:
    layout = SheetLayout()
    for element in _elements(sheet_xml):
        tag = element.tag
        if tag == f"{_MAIN}mergeCell":
            merged = _merged(element.get("ref", ""))
            if merged is not None:
                layout.merged.append(merged)
        elif tag == f"{_MAIN}col" and element.get("hidden") in ("1", "true"):
            first, last = _int(element.get("min")), _int(element.get("max"))
            if first and last and first <= last:
                layout.hidden_columns.update(range(first, min(last, MAX_COLUMNS) + 1))
        elif tag == f"{_MAIN}row" and element.get("hidden") in ("1", "true"):
            number = _int(element.get("r"))
            if number and any(len(cell) for cell in element):  # a cell with a value in it
                layout.hidden_rows.append(number)
    layout.merged.sort(key=lambda merge: (merge.first_row, merge.first_column))
    return layout


def _elements(sheet_xml: bytes) -> Iterator[etree._Element]:
    wanted = (f"{_MAIN}mergeCell", f"{_MAIN}col", f"{_MAIN}row")
    events = etree.iterparse(io.BytesIO(sheet_xml), events=("end",), tag=wanted,
                             resolve_entities=False, no_network=True, huge_tree=False)
    try:
        for _, element in events:
            yield element
            element.clear()  # rows hold every cell: let each go once looked at
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        return  # openpyxl reports a damaged sheet as it reads the values


def _merged(ref: str) -> Merged | None:
    first, _, last = ref.partition(":")
    start, end = _cell(first), _cell(last or first)
    if start is None or end is None:
        return None
    return Merged(min(start[0], end[0]), min(start[1], end[1]),
                  max(start[0], end[0]), max(start[1], end[1]))


def _cell(ref: str) -> tuple[int, int] | None:
    """'B7' -> (7, 2)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not letters.isalpha() or not letters.isascii() or not digits.isdigit():
        return None
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    if column > MAX_COLUMNS or int(digits) < 1:
        return None
    return int(digits), column


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def column_letter(column: int) -> str:
    """1 -> 'A', 28 -> 'AB', as Excel names columns."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
