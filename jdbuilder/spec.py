"""Bulk spec files (YAML or CSV) -> validated document entries, with every problem reported.

A spec lists documents; `defaults` (YAML only) gives keys every document inherits. Each document
is checked on its own, so one bad row never hides another: the valid ones become `SpecEntry`
values, the rest `Problem`s naming the YAML line or CSV row and the field.

Every YAML scalar is read as text, exactly like a CSV cell, so the same data gives the same
document in either format, and `position_number: 00012345` keeps its zeros instead of turning
into the octal number 5349 (YAML 1.1 rules).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .compose import KIND_LABELS, Request
from .errors import ERROR, WARNING, JdbuilderError, Location, Problem, SpecError, did_you_mean
from .kit import document_title
from .org import Organization, organization_from
from .outputs import (
    OutputProblem,
    default_stem,
    format_of_output,
    normalise_output,
    output_problem,
)
from .position import SETTABLE_KEYS, parse_position
from .profile import UnknownChoice
from .sheets import CSV_SUFFIXES, XLSX_SUFFIXES, Table, read_table
from .writers import FORMATS, SUFFIXES
from .yamlsource import (
    LineDict,
    LineList,
    Located,
    YamlBudget,
    describe_yaml_value,
    find_illegal_character,
    read_text,
    yaml_error_message,
)

if TYPE_CHECKING:
    from .pipeline import Pipeline

DOCUMENT_KINDS = tuple(kind for kind in KIND_LABELS if kind != "summary")
CONTROL_KEYS = ("kind", "specialization", "level", "format", "org", "output")
DOCUMENT_KEYS = CONTROL_KEYS + SETTABLE_KEYS
REQUIRED_KEYS = ("kind", "specialization", "level")
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
    source: dict[str, str]  # the row as the user wrote it (for the manifest)

    @property
    def where(self) -> str:
        """'jobs.yaml, line 12' or 'jobs.csv, row 3'."""
        return self.location.text()


@dataclass(frozen=True)
class LoadedSpec:
    """Everything `build` needs: the valid entries, the problems, and where each entry goes."""

    path: Path
    entries: list[SpecEntry]
    problems: list[Problem]
    document_count: int  # documents the spec lists, valid or not
    outputs: dict[int, str] = field(default_factory=dict)  # number -> path under --out-dir
    notes: list[Problem] = field(default_factory=list)  # warnings about the file as a whole

    @property
    def invalid_count(self) -> int:
        return self.document_count - len(self.entries)


def load_spec(path: Path, pipeline: Pipeline, default_format: str | None = None
              ) -> tuple[list[SpecEntry], list[Problem]]:
    """Valid entries and every problem. Raises SpecError only when the file cannot be read."""
    loaded = read_spec(path, pipeline, default_format)
    return loaded.entries, loaded.problems


def read_spec(path: Path, pipeline: Pipeline, default_format: str | None = None, *,
              sheet: str | None = None, strict: bool = False) -> LoadedSpec:
    """load_spec plus the document count, each valid entry's output path and the notes on how
    the file was read. `sheet` picks a workbook's sheet; `strict` refuses unknown columns."""
    path = Path(path)
    if default_format is not None and default_format not in FORMATS:
        raise SpecError(f"--format {default_format}: use one of {', '.join(FORMATS)}")
    suffix = path.suffix.lower()
    if suffix not in SPEC_SUFFIXES and suffix != ".xls":
        raise SpecError(f"{path}: a spec is a .yaml, .yml, .csv or .xlsx file "
                        f"(`jdbuilder spec example` writes one to start from)")
    checker = _RowChecker(path, pipeline, default_format)
    if suffix in YAML_SUFFIXES:
        if sheet is not None:
            raise SpecError(f"--sheet {sheet}: {path} is a YAML file, which has no sheets; "
                            "leave --sheet out")
        rows: Iterable[_Row] = _yaml_rows(_read_text(path), path)
    else:
        table = read_table(path, sheet, SpecError)
        checker.notes.extend(table.notes)
        rows = _table_rows(table, path, checker, strict)
    entries: list[SpecEntry] = []
    titles: dict[int, str] = {}
    for row in rows:
        checked = checker.check(row)
        if checked is not None:
            entries.append(checked[0])
            titles[checked[0].number] = checked[1]
    outputs, rejected = _plan_outputs(entries, titles, checker)
    entries = [entry for entry in entries if entry.number not in rejected]
    return LoadedSpec(path, entries, _unique(checker.problems), checker.document_count,
                      {n: outputs[n] for n in (e.number for e in entries)}, checker.notes)


# ---------------------------------------------------------------------------------------------
# Reading the file into rows: key -> (value, where) in a format-independent shape


@dataclass(frozen=True)
class _Value:
    raw: Any  # text, None (not given), or a Located mapping (an inline `org:`)
    where: Location  # the line or row, without the field
    label: str  # the field as the message names it: "salary_min" or "defaults.salary_min"
    inherited: bool = False  # came from `defaults`


@dataclass
class _Row:
    number: int
    where: Location
    values: dict[str, _Value]
    source: dict[str, str]
    inline_org: Located | None = None
    problem: str | None = None  # the row is not a mapping at all


def _read_text(path: Path) -> str:
    return read_text(path, SpecError)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# libyaml's parser when present: a 5,000-row spec reads in a fraction of the pure-Python time.
_EventParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlEvents:
    """Values built straight from parser events, one documents item at a time.

    Every scalar stays text (only a plain `null`, `~` or nothing means 'not given'), and each
    mapping value and list item keeps its line (yamlsource's line-aware containers, so Located
    and organization_from work on them). Reading events rather than composing the whole file
    keeps a 5,000-row spec from ever sitting in memory as YAML nodes, several KB a row.
    """

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.text = text
        self.parser = _EventParser(text)
        self.anchors: dict[str, Any] = {}
        self.texts: dict[str, str] = {}  # one object per distinct value: rows repeat many
        self.budget = YamlBudget(path, SpecError)

    def next(self) -> Any:
        event = self._call(self.parser.get_event)
        self.budget.feed(event)
        return event

    def peek(self) -> Any:
        return self._call(self.parser.peek_event)

    def _call(self, step):
        try:
            return step()
        except yaml.YAMLError as exc:
            raise SpecError(yaml_error_message(exc, self.text, self.path)) from None

    def fail(self, event: Any, problem: str) -> SpecError:
        return SpecError(f"{self.path}, line {event.start_mark.line + 1}: {problem}")

    def value(self, event: Any) -> Any:
        """The value `event` starts; mappings and lists as yamlsource's line-aware containers."""
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event, f"YAML syntax error: unknown alias '*{event.anchor}'")
            return self.anchors[event.anchor]
        if isinstance(event, yaml.ScalarEvent):
            value: Any = None if event.style is None and event.value in _NULLS else \
                self.texts.setdefault(event.value, event.value)
        elif isinstance(event, yaml.MappingStartEvent):
            value = LineDict()
            value.lines = {}
            while not isinstance(self.peek(), yaml.MappingEndEvent):
                key_event = self.next()
                key = self.value(key_event)
                if not isinstance(key, str):
                    raise self.fail(key_event, "YAML syntax error: keys must be text, got "
                                              f"{describe_yaml_value(key)}")
                key = sys.intern(key)  # thousands of rows repeat a dozen keys: share them
                if key in value:
                    raise self.fail(key_event, f"YAML syntax error: duplicate key '{key}'")
                value[key] = self.value(self.next())
                value.lines[key] = key_event.start_mark.line + 1
            self.next()
        elif isinstance(event, yaml.SequenceStartEvent):
            value = LineList()
            value.lines = {}
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                item_event = self.next()
                value.lines[len(value)] = item_event.start_mark.line + 1
                value.append(self.value(item_event))
            self.next()
        else:
            raise self.fail(event, "YAML syntax error: unexpected content")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = value
        return value


def _yaml_rows(text: str, path: Path) -> Iterator[_Row]:
    events = _YamlEvents(text, path)
    events.next()  # stream start
    if isinstance(events.peek(), yaml.StreamEndEvent):
        raise SpecError(f"{path}: the file is empty; list documents under 'documents:'")
    events.next()  # document start
    first = events.next()
    if not isinstance(first, yaml.MappingStartEvent):
        value = events.value(first)
        if value is None:
            raise SpecError(f"{path}: the file is empty; list documents under 'documents:'")
        Located(value, path, "", first.start_mark.line + 1, SpecError).mapping({"documents"})
    defaults: dict[str, _Value] = {}
    default_org: Located | None = None
    seen: set[str] = set()
    while not isinstance(events.peek(), yaml.MappingEndEvent):
        key_event = events.next()
        key = events.value(key_event)
        line = key_event.start_mark.line + 1
        node = Located(None, path, str(key), line, SpecError)
        if key not in ("documents", "defaults"):
            hint = did_you_mean(str(key), ("defaults", "documents")) or \
                "; allowed keys: defaults, documents"
            raise node.fail(f"unknown key '{key}'{hint}")
        if key in seen:
            raise node.fail(f"YAML syntax error: duplicate key '{key}'")
        seen.add(key)
        if key == "defaults":
            if "documents" in seen:
                raise node.fail("put 'defaults:' before 'documents:', so each document can be "
                                "checked as it is read")
            defaults, default_org = _yaml_defaults(
                Located(events.value(events.next()), path, "defaults", line, SpecError))
            continue
        start = events.next()
        if not isinstance(start, yaml.SequenceStartEvent):
            Located(events.value(start), path, "documents", line, SpecError).sequence()
        number = 0
        while not isinstance(events.peek(), yaml.SequenceEndEvent):
            item_event = events.next()
            item = Located(events.value(item_event), path, f"documents[{number}]",
                           item_event.start_mark.line + 1, SpecError)
            number += 1
            yield _yaml_row(number, item, path, defaults, default_org)
        events.next()
        if number == 0:
            raise node.fail("the list is empty")
    if "documents" not in seen:
        raise SpecError(f"{path}, line 1: missing required key 'documents'")
    events.next()  # mapping end
    events.next()  # document end
    if not isinstance(events.peek(), yaml.StreamEndEvent):
        raise events.fail(events.peek(), "holds a second YAML document ('---'); keep one")


def _yaml_defaults(node: Located) -> tuple[dict[str, _Value], Located | None]:
    defaults: dict[str, _Value] = {}
    default_org: Located | None = None
    if node.value is None:
        return defaults, None
    if not isinstance(node.value, dict):
        raise node.fail("expected a mapping of keys every document inherits")
    for key, child in node.items():
        raw = _scalar_or_node(child)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        defaults[key] = _Value(raw, Location(file=str(node.file), line=child.line), f"defaults.{key}",
                               inherited=True)
        if key == "org" and isinstance(child.value, dict):
            default_org = child
    return defaults, default_org


def _yaml_row(number: int, item: Located, path: Path, defaults: dict[str, _Value],
              default_org: Located | None) -> _Row:
    where = Location(file=str(path), line=item.line)
    if not isinstance(item.value, dict):
        got = "nothing" if item.value is None else "a list" if isinstance(item.value, list) \
            else f"'{item.value}'"
        return _Row(number, where, {}, {}, problem=f"expected a document (kind, specialization, "
                                                  f"level, ...), got {got}; write it as "
                                                  f"'- kind: posting' and so on")
    values = dict(defaults)
    source: dict[str, str] = {}
    inline_org = default_org
    for key, node in item.items():
        raw = _scalar_or_node(node)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # `title:` with nothing means not given, as an empty CSV cell does
        values[key] = _Value(raw, Location(file=str(path), line=node.line), key)
        source[key] = "(inline organization)" if isinstance(raw, Located) else str(raw)
        if key == "org":
            inline_org = node if isinstance(node.value, dict) else None
    return _Row(number, where, values, source, inline_org)


def _scalar_or_node(node: Located) -> Any:
    """Text for a scalar, None for nothing, the Located node itself for a mapping or list."""
    if node.value is None or isinstance(node.value, str):
        return node.value
    return node


def column_key(header: str) -> str | None:
    """The key a column header names, matched as -s and -l values are: any case, with spaces,
    hyphens and underscores alike ('Salary Min', 'salary-min' and 'SALARY_MIN' are salary_min)."""
    key = re.sub(r"[\s_-]+", "_", header.strip().lower()).strip("_")
    return key if key in DOCUMENT_KEYS else None


def _table_rows(table: Table, path: Path, checker: _RowChecker, strict: bool) -> Iterable[_Row]:
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
                     checker: _RowChecker) -> Iterable[_Row]:
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
        values: dict[str, _Value] = {}
        source: dict[str, str] = {}
        for index, cell in enumerate(cells):
            key = keys.get(index)
            if key is None or not cell.strip():
                continue  # an unknown column (warned about once), or "not given"
            cell = texts.setdefault(cell, cell)
            values[key] = _Value(cell, where, names[index])
            source[names[index]] = cell
        yield _Row(number, where, values, source)


# ---------------------------------------------------------------------------------------------
# Checking one row


_SHARED_FIELDS = ("department", "supervisor", "salary_min", "salary_max", "employment_type",
                  "location", "posted", "closes", "schedule")


class _RowChecker:
    """Checks rows one by one, caching what many rows share (organizations, profile lookups)."""

    def __init__(self, path: Path, pipeline: Pipeline, default_format: str | None) -> None:
        self.path = path
        self.pipeline = pipeline
        self.profile = pipeline.profile
        self.default_format = default_format
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # about the file as a whole, not a document
        self.document_count = 0
        self._choices: dict[tuple[str, str], Any] = {}
        self._organizations: dict[Any, Organization | Problem] = {}
        self._shared_values: dict[tuple[str, Any], Any] = {}

    def add(self, where: Location, message: str, field: str | None = None) -> None:
        location = where if field is None else where.at(field=field)
        self.problems.append(Problem("spec", ERROR, " ".join(message.split()), location))

    def check(self, row: _Row) -> tuple[SpecEntry, str] | None:
        """(entry, working title) for a valid row; None after recording its problems."""
        self.document_count += 1
        before = len(self.problems)
        values = row.values
        if row.problem:
            self.add(row.where, row.problem)
            return None
        for key, value in values.items():
            if key not in DOCUMENT_KEYS:
                hint = did_you_mean(key, DOCUMENT_KEYS) or \
                    f"; a document may hold {', '.join(DOCUMENT_KEYS)}"
                self.add(value.where, field=value.label, message=f"unknown key{hint}")
            elif key != "org" and isinstance(value.raw, Located):
                self.add(value.where, field=value.label, message=f"expected text, got a "
                                      f"{'list' if isinstance(value.raw.value, list) else 'mapping'}")
        for key in REQUIRED_KEYS:
            if key not in values:
                self.add(row.where, field=key, message=f"is missing; add {key}: "
                                    f"{self._choices_hint(key)}")
        kind = self._kind(values.get("kind"))
        specialization = self._choice("specialization", values.get("specialization"))
        level = self._choice("level", values.get("level"))
        fmt, output = self._format_and_output(values)
        organization = self._organization(values.get("org"), row)
        position = self._position(values, row)
        if len(self.problems) > before:
            self.problems[before:] = sorted(self.problems[before:], key=_line_of)
            return None
        # Every None above came with a problem, so all are set here.
        assert kind and specialization and level and fmt and organization and position
        request = Request(kind, specialization.id, level.id, position)
        title = document_title(kind, specialization, level.id, position)
        entry = SpecEntry(row.number, row.where, request, fmt, organization, output, row.source)
        return entry, title

    # -- single fields ---------------------------------------------------------------------
    def _choices_hint(self, key: str) -> str:
        if key == "kind":
            return " or ".join(DOCUMENT_KINDS)
        items = self.profile.specializations if key == "specialization" else self.profile.levels
        return ", ".join(item.id for item in items)

    def _text(self, value: _Value | None) -> str | None:
        if value is None or isinstance(value.raw, Located):
            return None
        bad = find_illegal_character(value.raw)
        if bad:
            self.add(value.where, field=value.label, message=f"contains the control character {bad}, "
                                  "which Word cannot store; remove it")
            return None
        return " ".join(value.raw.split()) or None

    def _kind(self, value: _Value | None) -> str | None:
        text = self._text(value)
        if value is None or text is None:
            return None
        kind = text.lower()
        if kind not in DOCUMENT_KINDS:
            self.add(value.where, field=value.label, message=f"unknown kind '{text}'"
                                  f"{did_you_mean(kind, DOCUMENT_KINDS)}; use "
                                  f"{' or '.join(DOCUMENT_KINDS)}")
            return None
        return kind

    def _choice(self, key: str, value: _Value | None):
        text = self._text(value)
        if value is None or text is None:
            return None
        cache_key = (key, text)
        if cache_key not in self._choices:
            try:
                self._choices[cache_key] = (self.profile.specialization(text)
                                            if key == "specialization" else self.profile.level(text))
            except UnknownChoice as exc:
                hint = f"; did you mean '{exc.closest}'?" if exc.closest else ""
                self._choices[cache_key] = (f"unknown {key} '{text}'{hint} "
                                            f"(valid: {', '.join(exc.valid)})")
        found = self._choices[cache_key]
        if isinstance(found, str):
            self.add(value.where, field=value.label, message=f"{found}")
            return None
        return found

    def _format_and_output(self, values: dict[str, _Value]) -> tuple[str | None, str | None]:
        given = values.get("format")
        fmt = self._text(given)
        if given is not None and fmt is not None:
            fmt = fmt.lower()
            if fmt not in FORMATS:
                self.add(given.where, field=given.label, message=f"unknown format '{fmt}'"
                                      f"{did_you_mean(fmt, FORMATS)}; use {', '.join(FORMATS)}")
                return None, None
        output_value = values.get("output")
        output = self._text(output_value)
        if output_value is not None and output_value.inherited:
            self.add(output_value.where, field="defaults.output", message="every document needs its own "
                                         "output; move output into the documents")
            return None, None
        if output_value is not None and output is not None:
            problem = output_problem(output)
            if problem:
                self.add(output_value.where, problem, field="output")
                return None, None
            # A format the defaults give yields to the suffix of the document's own output.
            own_format = fmt if given is not None and not given.inherited else None
            try:
                implied = format_of_output(output, own_format)
            except OutputProblem as exc:
                self.add(output_value.where, str(exc), field="output")
                return None, None
            if implied and (fmt is None or given.inherited):  # type: ignore[union-attr]
                fmt = implied
        return fmt or self.default_format or "docx", output

    def _organization(self, value: _Value | None, row: _Row) -> Organization | None:
        if value is None:
            key: Any = None
        elif isinstance(value.raw, Located):
            # The defaults' inline mapping is parsed once for all rows; a row's own, once.
            key = ("inline", "defaults" if value.inherited else row.number)
        else:
            text = self._text(value)
            if text is None:
                return None
            key = (self.path.parent / text).resolve()
        if key not in self._organizations:
            self._organizations[key] = self._load_organization(key, value, row)
        found = self._organizations[key]
        if isinstance(found, Problem):
            self.problems.append(found)
            return None
        return found

    def _load_organization(self, key: Any, value: _Value | None, row: _Row
                           ) -> Organization | Problem:
        try:
            if value is None:
                return self.pipeline.organization()
            if isinstance(value.raw, Located):
                if not isinstance(value.raw.value, dict):
                    return Problem("spec", ERROR, "expected a file name or a mapping with name "
                                   "and eeo_statement", value.where.at(field=value.label))
                return organization_from(value.raw)
            if not key.is_file():
                return Problem("spec", ERROR, f"{value.raw}: file not found (looked for {key}); "
                               "a path is relative to the spec file",
                               value.where.at(field=value.label))
            return self.pipeline.organization(key)
        except JdbuilderError as exc:
            return _org_problem(exc, value.where if value is not None else row.where,
                                value.label if value is not None else "org")

    def _position(self, values: dict[str, _Value], row: _Row):
        given = {key: value for key, value in values.items()
                 if key in SETTABLE_KEYS and not isinstance(value.raw, Located)}
        ok = True
        for key, value in given.items():
            # Each field alone first, so a row with two bad fields reports both.
            try:
                parse_position({key: value.raw}, where=lambda _key, value=value:
                               value.where.at(field=value.label))
            except JdbuilderError as exc:
                self.problems.append(exc.problem)
                ok = False
        if not ok:
            return None
        try:
            # Then together, for the checks across fields (salary range, dates).
            position = parse_position({key: value.raw for key, value in given.items()},
                                      where=lambda key: row.where.at(field=given[key].label))
        except JdbuilderError as exc:
            self.problems.append(exc.problem)
            return None
        # Thousands of entries are held during a build: text the row already holds is reused,
        # and repeated departments, salaries, dates are one object each.
        shared = {name: given[name].raw for name in given
                  if getattr(position, name, None) == given[name].raw}
        shared.update({name: self._shared_values.setdefault((name, value), value)
                       for name in _SHARED_FIELDS
                       if name not in shared and (value := getattr(position, name)) is not None})
        return dataclasses.replace(position, **shared) if shared else position


def _org_problem(exc: JdbuilderError, where: Location, label: str) -> Problem:
    """An error about a line of the spec itself (an inline org) keeps its own location; one
    about an organization file is reported at the row that names the file."""
    problem = exc.problem
    if problem.location.file == where.file and problem.location.line is not None:
        return problem
    return Problem("spec", ERROR, problem.line(), where.at(field=label))


def _line_of(problem: Problem) -> int:
    return problem.location.line or problem.location.row or 0


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a bad `defaults` value is one problem, however many rows use it."""
    return list(dict.fromkeys(problems))


# ---------------------------------------------------------------------------------------------
# Where each document goes


def _plan_outputs(entries: list[SpecEntry], titles: dict[int, str], checker: _RowChecker
                  ) -> tuple[dict[int, str], set[int]]:
    """Each entry's path under --out-dir, and the numbers refused for sharing a path.

    A default name comes from the row alone: its working title, kind and position number
    (admissions-counselor-ii-posting-00045678.docx), never from which other rows share a title,
    so fixing one row never renames another's document. Documents aimed at one path, given or
    by default, are an error naming each other's rows. Paths compare case-blind, as on Windows
    and macOS file systems.
    """
    by_number = {entry.number: entry for entry in entries}
    outputs: dict[int, str] = {}
    for entry in entries:
        if entry.output is not None:
            outputs[entry.number] = normalise_output(entry.output, entry.format)
        else:
            outputs[entry.number] = default_stem(
                titles[entry.number], entry.request.kind,
                entry.request.position.position_number) + SUFFIXES[entry.format]
    sharing: dict[str, list[int]] = {}
    for number, path in outputs.items():
        sharing.setdefault(path.casefold(), []).append(number)
    rejected: set[int] = set()
    for numbers in sharing.values():
        if len(numbers) < 2:
            continue
        for number in numbers:
            entry = by_number[number]
            others = " and ".join(by_number[n].location.text() for n in numbers if n != number)
            fix = ("give each document its own output" if entry.output is not None else
                   "give each its own position_number, title or output")
            checker.add(entry.location, f"'{outputs[number]}' is also the output of {others}; "
                                        f"{fix}", field="output" if entry.output else None)
            rejected.add(number)
    return outputs, rejected
