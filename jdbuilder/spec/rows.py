"""Checking one row: every field validated on its own, so one bad row never hides another."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compose import Request
from ..errors import ERROR, INFO, InputError, JdbuilderError, Location, Problem, did_you_mean
from ..kinds import DOCUMENT_KINDS, needs_level
from ..kit import document_title
from ..org import Organization, inherited_note, organization_from, with_overrides
from ..outputs import (
    OutputProblem,
    format_of_output,
    output_problem,
)
from ..position import SETTABLE_KEYS, parse_position
from ..positionfile import POSITION_SUFFIXES, PositionFile, read_position_file
from ..profile import Specialization, UnknownChoice
from ..writers import FORMATS
from ..xmlchars import find_illegal_character
from ..yamlsource import (
    Located,
)

if TYPE_CHECKING:
    from ..pipeline import Pipeline

from .model import DOCUMENT_KEYS, REQUIRED_KEYS, Row, SpecEntry, Value

_SHARED_FIELDS = ("department", "supervisor", "salary_min", "salary_max", "employment_type",
                  "location", "posted", "closes", "schedule")


class RowChecker:
    """Checks rows one by one, caching what many rows share (organizations, profile lookups)."""

    def __init__(self, path: Path, pipeline: Pipeline, default_format: str | None) -> None:
        self.path = path
        self.pipeline = pipeline
        self.profile = pipeline.profile
        self.default_format = default_format
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # about the file as a whole, not a document
        self.document_count = 0
        self._choices: dict[tuple[str, str, str | None], Any] = {}
        self._organizations: dict[Any, Organization | Problem] = {}
        self._applied: dict[tuple[Organization, str], Organization] = {}
        self._shared_values: dict[tuple[str, Any], Any] = {}
        self._position_files: dict[Path, PositionFile | Problem] = {}

    def add(self, where: Location, message: str, field: str | None = None) -> None:
        location = where if field is None else where.at(field=field)
        self.problems.append(Problem("spec", ERROR, " ".join(message.split()), location))

    def check(self, row: Row) -> tuple[SpecEntry, str] | None:
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
        tailored = self._position_file(values.get("position"))
        for key in REQUIRED_KEYS:
            if key not in values and not (key == "specialization" and "position" in values):
                self.add(row.where, field=key, message=f"is missing; add {key}: "
                                    f"{self._choices_hint(key)}")
        kind = self._kind(values.get("kind"))
        specialization = self._choice("specialization", values.get("specialization"))
        level = self._choice("level", values.get("level"), specialization)
        if tailored is not None:
            specialization, level = self._position_choices(tailored, values, specialization,
                                                           level)
        if "level" not in values and kind and needs_level(kind) and "position" not in values:
            self.add(row.where, field="level", message=f"is missing; {kind} documents are made "
                                  f"for one level: add level: {self._choices_hint('level')}")
        fmt, output = self._format_and_output(values)
        organization = self._with_apply(self._organization(values.get("org"), row),
                                        values.get("apply"))
        position = self._position(values, row)
        if tailored is not None and position is not None:
            given = {key for key in values if key in SETTABLE_KEYS}
            # The row's own fields win over the file's, as --set does over --position.
            position = dataclasses.replace(tailored.fields, **{
                key: getattr(position, key) for key in given})
        if len(self.problems) > before:
            self.problems[before:] = sorted(self.problems[before:], key=_line_of)
            return None
        # Every None above came with a problem, so all are set here.
        assert kind and specialization and fmt and organization and position
        level_id = level.id if level else ""  # none only for a kind shown at every level
        request = Request(kind, specialization.id, level_id, position, tailored)
        title = document_title(kind, specialization, level_id, position)
        entry = SpecEntry(row.number, row.where, request, fmt, organization, output, row.source)
        return entry, title

    # -- single fields ---------------------------------------------------------------------
    def _choices_hint(self, key: str) -> str:
        if key == "kind":
            return " or ".join(DOCUMENT_KINDS)
        items = self.profile.specializations if key == "specialization" else self.profile.levels
        return ", ".join(item.id for item in items)

    def _text(self, value: Value | None) -> str | None:
        if value is None or isinstance(value.raw, Located):
            return None
        bad = find_illegal_character(value.raw)
        if bad:
            self.add(value.where, field=value.label, message=f"contains the control character {bad}, "
                                  "which Word cannot store; remove it")
            return None
        return " ".join(value.raw.split()) or None

    def _kind(self, value: Value | None) -> str | None:
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

    def _choice(self, key: str, value: Value | None, specialization: Specialization | None = None):
        text = self._text(value)
        if value is None or text is None:
            return None
        cache_key = (key, text, specialization.id if specialization else None)
        if cache_key not in self._choices:
            try:
                self._choices[cache_key] = (
                    self.profile.specialization(text) if key == "specialization"
                    else self.profile.level(text, specialization))
            except UnknownChoice as exc:
                hint = f"; did you mean '{exc.closest}'?" if exc.closest else ""
                self._choices[cache_key] = exc.reason or (f"unknown {key} '{text}'{hint} "
                                                          f"(valid: {', '.join(exc.valid)})")
        found = self._choices[cache_key]
        if isinstance(found, str):
            self.add(value.where, field=value.label, message=f"{found}")
            return None
        return found

    def _format_and_output(self, values: dict[str, Value]) -> tuple[str | None, str | None]:
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

    def _organization(self, value: Value | None, row: Row) -> Organization | None:
        if value is None:
            key: Any = None
        elif isinstance(value.raw, Located):
            # The defaults' inline mapping is parsed once for all rows; a row's own, once.
            key = ("inline", "defaults" if value.inherited else row.number)
        else:
            text = self._text(value)
            if text is None:
                return None
            if not self.pipeline.sources.org_files:
                self.add(value.where, "an uploaded spec cannot name an organization file; "
                         "give the organization inline (org: {name: ..., eeo_statement: ...}) "
                         "or in the page's organization fields", field=value.label)
                return None
            # A row's file is relative to the spec; --org's, to where the command was typed.
            folder = Path.cwd() if value.where.option else self.path.parent
            key = (folder / text).resolve()
        if key not in self._organizations:
            self._organizations[key] = found = self._load_organization(key, value, row)
            note = inherited_note(found, f"org '{value.raw}'" if value is not None and
                                  not isinstance(value.raw, Located) else "the inline org",
                                  "the built-in organization") \
                if isinstance(found, Organization) and value is not None else None
            if note:  # once per organization, not once per row
                self.notes.append(Problem("org-defaults", INFO, note,
                                          value.where.at(field=value.label)))
        found = self._organizations[key]
        if isinstance(found, Problem):
            self.problems.append(found)
            return None
        return found

    def _with_apply(self, organization: Organization | None, value: Value | None
                    ) -> Organization | None:
        """The organization with the row's own way to apply (a posting's own link on the
        jobs site), as --apply gives one posting."""
        text = self._text(value)
        if organization is None or text is None:
            return organization
        key = (organization, text)
        if key not in self._applied:
            self._applied[key] = with_overrides(organization, apply=text)
        return self._applied[key]

    def _load_organization(self, key: Any, value: Value | None, row: Row
                           ) -> Organization | Problem:
        try:
            if value is None:
                return self.pipeline.organization()
            if isinstance(value.raw, Located):
                if not isinstance(value.raw.value, dict):
                    return Problem("spec", ERROR, "expected a file name (org: org.yaml) or a "
                                   "mapping (org: {name: ..., location: 'Boone, NC', apply: "
                                   "https://...})", value.where.at(field=value.label))
                return organization_from(value.raw, self.pipeline.base_organization())
            if not key.is_file():
                return Problem("spec", ERROR, f"'{value.raw}' not found; a path is "
                               "relative to the spec file's folder",
                               value.where.at(field=value.label))
            return self.pipeline.organization(key)
        except JdbuilderError as exc:
            return _org_problem(exc, value.where if value is not None else row.where,
                                value.label if value is not None else "org")

    def _position_file(self, value: Value | None) -> PositionFile | None:
        """The row's position file, read once however many rows name it; a path is relative
        to the spec file."""
        text = self._text(value)
        if value is None or text is None:
            return None
        if not text.lower().endswith(POSITION_SUFFIXES):
            # A sheet's "Position" column may hold titles or numbers, not files.
            self.add(value.where, f"'{text}' is not a position file (a .yaml file that "
                     "`jdbuilder position new` writes); a working title goes in the title "
                     "column, a position number in position_number", field=value.label)
            return None
        if not self.pipeline.sources.org_files:
            self.add(value.where, "an uploaded spec cannot name a position file; upload the "
                     "position file on the page instead", field=value.label)
            return None
        path = (self.path.parent / text).resolve()
        if path not in self._position_files:
            try:
                if not path.is_file():
                    raise InputError(f"'{text}' not found; a path is relative to the spec "
                                     "file's folder")
                self._position_files[path] = read_position_file(path, self.profile, text)
            except JdbuilderError as exc:
                self._position_files[path] = _org_problem(exc, value.where, value.label)
        found = self._position_files[path]
        if isinstance(found, Problem):
            self.problems.append(found)
            return None
        return found

    def _position_choices(self, tailored: PositionFile, values: dict[str, Value],
                          specialization: Specialization | None, level: Any):
        """The position file's specialization and level; a row giving either must agree."""
        own_specialization = self.profile.specialization(tailored.specialization)
        own_level = next(item for item in self.profile.levels if item.id == tailored.level)
        for key, given, own in (("specialization", specialization, own_specialization),
                                ("level", level, own_level)):
            if key in values and given is not None and given.id != own.id:
                self.add(values[key].where, field=values[key].label,
                         message=f"is {given.id}, but the row's position file says {own.id}; "
                                 f"leave {key} out or change the file")
        return own_specialization, own_level

    def _position(self, values: dict[str, Value], row: Row):
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


def unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a bad `defaults` value is one problem, however many rows use it."""
    return list(dict.fromkeys(problems))
