"""Bulk spec files (YAML or CSV) -> validated document entries, with every problem reported.

A spec lists documents; `defaults` (YAML only) gives keys every document inherits. Each document
is checked on its own, so one bad row never hides another: the valid ones become `SpecEntry`
values, the rest `Problem`s naming the YAML line or CSV row and the field.

Every YAML scalar is read as text, exactly like a CSV cell, so the same data gives the same
document in either format, and `position_number: 00012345` keeps its zeros instead of turning
into the octal number 5349 (YAML 1.1 rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, SpecError
from ..kinds import DOCUMENT_KINDS
from ..sheets import read_table
from ..writers import FORMATS
from ..yamlsource import read_text
from .defaults import Defaults, command_line_defaults
from .model import (
    CONTROL_KEYS,
    DOCUMENT_KEYS,
    REQUIRED_KEYS,
    SPEC_SUFFIXES,
    YAML_SUFFIXES,
    LoadedSpec,
    Row,
    SpecEntry,
    TooManyDocuments,
)
from .packed import PackedEntries
from .planning import output_of, plan_outputs
from .rows import RowChecker, unique
from .tablerows import column_key, header_score, table_rows
from .yamlstream import yaml_rows

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["CONTROL_KEYS", "DOCUMENT_KEYS", "DOCUMENT_KINDS", "REQUIRED_KEYS", "SPEC_SUFFIXES",
           "YAML_SUFFIXES", "Defaults", "LoadedSpec", "SpecEntry", "TooManyDocuments", "column_key",
           "command_line_defaults", "load_spec", "read_spec"]


def load_spec(path: Path, pipeline: Pipeline, default_format: str | None = None, *,
              shown_as: str | None = None) -> tuple[list[SpecEntry], list[Problem]]:
    """Valid entries and every problem. Raises SpecError only when the file cannot be read."""
    loaded = read_spec(path, pipeline, default_format, shown_as=shown_as)
    return list(loaded.entries), loaded.problems


def read_spec(path: Path, pipeline: Pipeline, default_format: str | None = None, *,
              sheet: str | None = None, strict: bool = False,
              defaults: Defaults | None = None, max_documents: int | None = None,
              shown_as: str | None = None) -> LoadedSpec:
    """load_spec plus the document count, each valid entry's output path and the notes on how
    the file was read. `sheet` picks a workbook's sheet; `strict` refuses unknown columns;
    `defaults` are values every row takes unless it (or the spec's defaults) says otherwise;
    `max_documents` refuses (TooManyDocuments) a spec listing more, as soon as the row past
    the limit is read: a small file listing a million rows is never read whole. `shown_as`
    names the file in every location (an upload by its own name, not the temporary path it is
    read from); an error raised names it by its path."""
    path = Path(path)
    if default_format is not None and default_format not in FORMATS:
        raise SpecError(f"use one of {', '.join(FORMATS)}", option="--format",
                        value=default_format)
    suffix = path.suffix.lower()
    if suffix not in SPEC_SUFFIXES and suffix != ".xls":
        raise SpecError("a spec is a .yaml, .yml, .csv or .xlsx file (`jdbuilder spec "
                        "example` writes one to start from)", file=path)
    checker = RowChecker(path, pipeline, default_format)
    if suffix in YAML_SUFFIXES:
        if sheet is not None:
            raise SpecError("a YAML file has no sheets; leave the sheet out", option="--sheet",
                            value=sheet, file=path)
        rows: Iterable[Row] = yaml_rows(read_spec_text(path), path)
    else:
        table = read_table(path, sheet, SpecError, header_score)
        checker.notes.extend(table.notes)
        rows = table_rows(table, path, checker, strict)
    # Packed: a build holds every entry until it ends (jdbuilder.spec.packed).
    entries = PackedEntries()
    outputs: dict[int, str] = {}
    for row in rows:
        if max_documents is not None and checker.document_count >= max_documents:
            raise TooManyDocuments(f"lists more than the {max_documents:,} documents this "
                                   "server builds from one spec; split it into smaller specs, "
                                   "or build it with `jdbuilder build` on your own computer",
                                   file=path)
        checked = checker.check(defaults.under(row) if defaults else row)
        if checked is not None:
            entries.append(checked[0])
            outputs[checked[0].number] = output_of(*checked)
    if checker.document_count == 0 and suffix not in YAML_SUFFIXES:
        # A YAML spec's empty list is refused as it is read; a sheet's rows only now. Built, an
        # empty sheet would report success, and with --prune remove every document it made.
        raise SpecError("no document rows under the header; add a row per document "
                        "(`jdbuilder spec example` shows them)", file=path, row=table.header_row)
    rejected = plan_outputs(entries, outputs, checker)
    if rejected:
        entries = entries.without(rejected)
        outputs = {number: outputs[number] for number in entries.numbers}
    loaded = LoadedSpec(path, entries, unique(checker.problems), checker.document_count,
                        outputs, checker.notes)
    return loaded if shown_as is None else _shown_as(loaded, shown_as)


# ---------------------------------------------------------------------------------------------

def read_spec_text(path: Path) -> str:
    return read_text(path, SpecError)


def _shown_as(loaded: LoadedSpec, name: str) -> LoadedSpec:
    """The spec with every location naming its file as `name`."""
    own = str(loaded.path)

    def rename(file: str) -> str:
        return name if file == own else file

    return replace(loaded,
                   entries=PackedEntries(replace(entry, location=entry.location.renamed(rename))
                                         for entry in loaded.entries),
                   problems=[problem.renamed(rename) for problem in loaded.problems],
                   notes=[problem.renamed(rename) for problem in loaded.notes])
