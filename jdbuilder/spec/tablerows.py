"""A CSV or spreadsheet spec read into rows: the header names the keys, each later row is a
document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import ERROR, WARNING, Location, Problem, SpecError, did_you_mean
from ..sheets import MAX_CELL_CHARACTERS, Table
from .model import DOCUMENT_KEYS, Row, Value
from .rows import RowChecker


def column_key(header: str) -> str | None:
    """The key a column header names, matched as -s and -l values are: any case, with spaces,
    hyphens and underscores alike ('Salary Min', 'salary-min' and 'SALARY_MIN' are salary_min)."""
    key = re.sub(r"[\s_-]+", "_", header.strip().lower()).strip("_")
    return key if key in DOCUMENT_KEYS else None


def table_rows(table: Table, path: Path, checker: RowChecker, strict: bool) -> Iterable[Row]:
    header_row = table.header_row
    names = [cell.strip() for cell in table.header]
    while names and not names[-1]:
        names.pop()  # empty columns at the right, as spreadsheets often save them
    keys: dict[int, str] = {}
    unknown: dict[int, str] = {}
    named: dict[str, str] = {}
    for index, name in enumerate(names):
        key = column_key(name) if name else None
        if key is None:
            unknown[index] = name
            continue
        if key in named:
            same = "appears twice" if named[key] == name else f"and '{named[key]}' both name {key}"
            raise SpecError(f"{path}, row {header_row}: the column '{name}' {same}; keep one")
        named[key] = name
        keys[index] = key
    if not keys:
        # Most often a header-less sheet or a file saved in an encoding read as noise: every row
        # would fail alike, so say it once about the file.
        shown = ", ".join(f"'{name}'" for name in names[:4] if name) or "nothing"
        raise SpecError(f"{path}, row {header_row}: no column of the first row names a key "
                        f"jdbuilder knows (it reads {shown}); the first row names the columns "
                        "(kind,specialization,level,title,...), as `jdbuilder spec example` "
                        "writes them")
    for index, name in unknown.items():
        label = f"column {index + 1} has no name" if not name else \
            f"column '{name}' is not a key jdbuilder knows{did_you_mean(name, DOCUMENT_KEYS)}"
        where = Location(file=str(path), row=header_row)
        if strict:
            raise SpecError(Problem("spec", ERROR, f"{label}; rename or remove it "
                                    "(--strict refuses unknown columns)", where))
        checker.notes.append(Problem("spec", WARNING, f"{label}; its cells are ignored "
                                     f"(columns: {', '.join(DOCUMENT_KEYS)})", where))
    return _table_documents(table, path, names, keys, checker)


def _table_documents(table: Table, path: Path, names: list[str], keys: dict[int, str],
                     checker: RowChecker) -> Iterable[Row]:
    texts: dict[str, str] = {}  # one object per distinct value: rows repeat many
    number = 0
    for row_number, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue  # a blank row is no document
        if cells[0].lstrip().startswith("#"):
            continue  # a comment row, as `jdbuilder spec example` writes them
        number += 1
        where = Location(file=str(path), row=row_number)
        extra = [cell for cell in cells[len(names):] if cell.strip()]
        if extra:
            checker.add(where, f"has {len(names) + len(extra)} cells but the header names "
                               f"{len(names)} columns; remove the extra cells or name their "
                               "column")
            checker.document_count += 1
            continue
        oversized = [index for index, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARACTERS]
        if oversized:
            index = oversized[0]
            column = names[index] if index < len(names) and names[index] else f"column {index + 1}"
            checker.add(where, f"the cell in column '{column}' holds {len(cells[index]):,} "
                               f"characters, more than the {MAX_CELL_CHARACTERS:,} a cell may "
                               "hold; shorten it")
            checker.document_count += 1
            continue
        values: dict[str, Value] = {}
        source: dict[str, str] = {}
        for index, cell in enumerate(cells):
            key = keys.get(index)
            if key is None or not cell.strip():
                continue  # an unknown column (warned about once), or "not given"
            cell = texts.setdefault(cell, cell)
            values[key] = Value(cell, where, names[index])
            source[names[index]] = cell
        yield Row(number, where, values, source)
