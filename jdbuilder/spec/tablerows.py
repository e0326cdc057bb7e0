"""A CSV or spreadsheet spec read into rows: the header names the keys, each later row is a
document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ERROR, INFO, WARNING, Location, Problem, SpecError
from ..sheets import MAX_CELL_CHARACTERS, Table, column_letter
from .headers import header_table
from .model import Row, RowSource, Value
from .rows import RowChecker


def column_key(header: str) -> str | None:
    """The key a column header names, as people write headers: any case, punctuation and
    spacing aside, and the synonyms of data/spreadsheet_headers.yaml ('Job Title' is title,
    'Closing Date' is closes, 'Position #' is position_number)."""
    return header_table().key(header)


def header_score(cells: list[str]) -> int:
    """How many cells name columns, when that makes the row a header: two or more, or every
    cell of a row with one (a one-column spec). A title row ('Spring 2027 openings') has none."""
    texts = [cell for cell in cells if cell.strip()]
    known = sum(1 for cell in texts if column_key(cell) is not None)
    return known if known >= min(2, len(texts)) else 0


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
            raise SpecError(f"the column '{name}' {same}; keep one", file=path, row=header_row)
        named[key] = name
        keys[index] = key
    if not keys:
        # Most often a header-less sheet or a file saved in an encoding read as noise: every row
        # would fail alike, so say it once about the file.
        headers = ", ".join(f"'{name}'" for name in names[:4] if name) or "nothing"
        raise SpecError(f"no column of the first row names a key jdbuilder knows (it reads "
                        f"{headers}); the first row names the columns (kind,specialization,level,"
                        "title,...), as `jdbuilder spec example` writes them", file=path,
                        row=header_row)
    where = Location(file=str(path), row=header_row)
    if strict and unknown:
        index, name = next(iter(unknown.items()))
        raise SpecError(Problem("spec", ERROR, f"{_unknown_label(index, name)}; rename or "
                                "remove it (strict checking refuses unknown columns)", where))
    checker.notes += unknown_column_notes(unknown, where)
    return _table_documents(table, path, names, keys, checker)


def unknown_column_notes(unknown: dict[int, str], where: Location) -> list[Problem]:
    """A warning per column whose header looks like a field's (so a mistyped header is never
    a silently lost column), and one note for the others, which are taken as the sheet's own
    (Notes, Budget Code)."""
    notes: list[Problem] = []
    others: list[str] = []
    for index, name in unknown.items():
        close = header_table().closest(name) if name else None
        if close is not None:
            meant = f"'{close[0]}'" + ("" if close[0] == close[1] else f", the {close[1]} column")
            notes.append(Problem("spec", WARNING, f"{_unknown_label(index, name)} (did you mean "
                                 f"{meant}?); its cells are not read: rename the header",
                                 where))
        elif not name:
            notes.append(Problem("spec", WARNING, f"{_unknown_label(index, name)}; its cells "
                                 "are not read: give it a header", where))
        else:
            others.append(f"'{name}'")
    if others:
        what = "column" if len(others) == 1 else "columns"
        notes.append(Problem("spec", INFO, f"{what} {', '.join(others)} not read: no document "
                             "field is called that (`jdbuilder fields` lists them)", where))
    return notes


def _unknown_label(index: int, name: str) -> str:
    column = column_letter(index + 1)
    return f"column {column} has no header" if not name else \
        f"column {column}, '{name}', is not a column jdbuilder knows"


def _table_documents(table: Table, path: Path, names: list[str], keys: dict[int, str],
                     checker: RowChecker) -> Iterable[Row]:
    texts: dict[str, str] = {}  # one object per distinct value: rows repeat many
    column_sets: dict[tuple[str, ...], tuple[str, ...]] = {}  # the columns rows fill, shared
    file = str(path)  # one string for every row's location
    number = 0
    for row_number, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue  # a blank row is no document
        if cells[0].lstrip().startswith("#"):
            continue  # a comment row, as `jdbuilder spec example` writes them
        number += 1
        where = Location(file=file, row=row_number)
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
        given: list[str] = []
        filled: list[str] = []
        for index, cell in enumerate(cells):
            key = keys.get(index)
            if key is None or not cell.strip():
                continue  # an unknown column (warned about once), or "not given"
            cell = texts.setdefault(cell, cell)
            values[key] = Value(cell, where, names[index])
            given.append(names[index])
            filled.append(cell)
        columns = tuple(given)
        yield Row(number, where, values,
                  RowSource(column_sets.setdefault(columns, columns), tuple(filled)))
