"""What a spec is made of: the keys a document may hold, the rows as read (each value with
where it was written), and the validated entries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compose import Request
from ..errors import Location, Problem, SpecError
from ..org import Organization
from ..position import SETTABLE_KEYS
from ..sheets import CSV_SUFFIXES, XLSX_SUFFIXES
from ..yamlsource import (
    Located,
)

if TYPE_CHECKING:
    pass



# apply: how to apply to this opening (its own link on the jobs site), over the organization's.
CONTROL_KEYS = ("kind", "specialization", "level", "position", "format", "org", "apply",
                "output")
DOCUMENT_KEYS = CONTROL_KEYS + SETTABLE_KEYS
# level too, for every kind that needs one (kinds.needs_level): checked once the kind is known.
# A position file (`position`) gives the specialization and level.
REQUIRED_KEYS = ("kind", "specialization")
YAML_SUFFIXES = (".yaml", ".yml")
SPEC_SUFFIXES = YAML_SUFFIXES + CSV_SUFFIXES + XLSX_SUFFIXES


@dataclass(frozen=True, slots=True)  # slots: thousands of them are held during a build
class SpecEntry:
    number: int  # 1-based document number in the spec
    location: Location  # the YAML line or CSV row
    request: Request
    format: str
    organization: Organization
    output: str | None  # as given (relative to --out-dir), None = default name
    source: Mapping[str, str]  # the row as the user wrote it (for the manifest)

    @property
    def where(self) -> str:
        """'jobs.yaml, line 12' or 'jobs.csv, row 3'."""
        return self.location.text()


@dataclass(frozen=True)
class LoadedSpec:
    """Everything `build` needs: the valid entries, the problems, and where each entry goes."""

    path: Path
    entries: Sequence[SpecEntry]  # a PackedEntries as read_spec makes it
    problems: list[Problem]
    document_count: int  # documents the spec lists, valid or not
    outputs: dict[int, str] = field(default_factory=dict)  # number -> path under --out-dir
    notes: list[Problem] = field(default_factory=list)  # warnings about the file as a whole

    @property
    def invalid_count(self) -> int:
        return self.document_count - len(self.entries)



@dataclass(frozen=True)
class Value:
    raw: Any  # text, None (not given), or a Located mapping (an inline `org:`)
    where: Location  # the line or row, without the field
    label: str  # the field as the message names it: "salary_min" or "defaults.salary_min"
    inherited: bool = False  # came from `defaults`


@dataclass
class Row:
    number: int
    where: Location
    values: dict[str, Value]
    source: Mapping[str, str]
    inline_org: Located | None = None
    problem: str | None = None  # the row is not a mapping at all


class TooManyDocuments(SpecError):
    """A spec lists more documents than the caller takes (a web server's --max-rows)."""


class RowSource(Mapping[str, str]):
    """A sheet row as the user wrote it (column -> cell), held small: a build keeps one per
    document until the end, so the column names are one tuple shared by the rows that fill the
    same columns, and the cells one tuple per row (a third of a dict's size)."""

    __slots__ = ("_cells", "_names")

    def __init__(self, names: tuple[str, ...], cells: tuple[str, ...]) -> None:
        self._names = names
        self._cells = cells

    def __getitem__(self, name: str) -> str:
        try:
            return self._cells[self._names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
