"""One kind of problem for everything that can go wrong or is worth saying, and the exceptions
that carry one. Validation errors, input warnings and quality findings are all a `Problem`,
rendered to one line only at the edge (console, manifest, report); nothing parses it back.
The exceptions subclass ClickException so the CLI prints `Error: ...` with no glue code."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath

import click

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Location:
    """Where a problem is; every part optional. `place` is a spot inside a document
    ("paragraph 4 under 'Duties'") for findings about a document rather than an input file.
    A message never repeats these: the edge puts them in front of it, each edge in its own
    words (the command line names `option`, the web page names its field instead)."""

    option: str | None = None  # a command-line option or form field: "--set salary_min"
    value: str | None = None  # what was given to `option`: "-o out.docx", "--sheet Winter"
    file: str | None = None
    sheet: str | None = None  # a workbook's sheet
    line: int | None = None
    row: int | None = None
    column: str | None = None  # a spreadsheet's column letter: "C"
    field: str | None = None
    place: str | None = None

    def text(self, options: Mapping[str, str] | None = None) -> str:
        """'jobs.yaml, line 12, field 'salary_min'', or '' when nothing is known. `options`
        names options in an edge's own words ({"--sheet": "the Sheet field"}); an option it
        names shows its value quoted."""
        said = (options or {}).get(self.option or "")
        if said:
            option: str | None = f"{said} '{self.value}'" if self.value is not None else said
        else:
            option = " ".join(part for part in (self.option, self.value) if part) or None
        parts = [part for part in (
            option,
            self.file,
            f"sheet '{self.sheet}'" if self.sheet else None,
            f"line {self.line}" if self.line is not None else None,
            f"row {self.row}" if self.row is not None else None,
            f"column {self.column}" if self.column else None,
            self.place,
            f"field '{self.field}'" if self.field else None,
        ) if part]
        return ", ".join(parts)

    def renamed(self, rename: Callable[[str], str]) -> Location:
        """The same location with its file (and an option's value, which may be a path) as
        `rename` shows them: the web names an upload as the user named it, not by the
        temporary path it was read from."""
        return replace(self, file=rename(self.file) if self.file else self.file,
                       value=rename(self.value) if self.value else self.value)

    def without_field(self) -> Location:
        return replace(self, field=None)

    def at(self, **parts: object) -> Location:
        """The same location with some parts filled in or replaced."""
        return replace(self, **parts)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Problem:
    code: str  # what kind: "input", "yaml", "reference-styles", or a check's name
    severity: str  # error | warning | info
    message: str  # one sentence that says what to do; never repeats the location
    location: Location = field(default_factory=Location)
    quote: str | None = None  # the sentence or value the problem points at, where it helps
    source: str | None = None  # where a threshold or word list comes from (quality findings)
    # A quality finding's own code under its check (code "pay-transparency", detail
    # "pay-range-missing"); an organization's `silence:` may name either.
    detail: str | None = None
    silenced: str | None = None  # why the organization silenced it: it then counts for nothing
    # The row of a spec a document was asked for, when the problem is elsewhere (its template):
    # "jobs.yaml, line 3: tpl/posting.html.j2, line 1: ...".
    within: Location | None = None

    @property
    def name(self) -> str:
        """The finest name the problem has: a finding's own code, else its code."""
        return self.detail or self.code

    def line(self, options: Mapping[str, str] | None = None) -> str:
        """The one-line form used at every edge: 'where: message'; `options` as in
        `Location.text`."""
        where = [place for place in (self.within.text(options) if self.within else "",
                                     self.location.text(options)) if place]
        return " ".join(": ".join([*where, self.message]).split())

    def __str__(self) -> str:
        return self.line()

    def at(self, **location: object) -> Problem:
        """The same problem with parts of its location filled in or replaced."""
        return replace(self, location=replace(self.location, **location))  # type: ignore[arg-type]

    def renamed(self, rename: Callable[[str], str]) -> Problem:
        """The same problem with the files of its locations as `rename` shows them."""
        return replace(self, location=self.location.renamed(rename),
                       within=self.within.renamed(rename) if self.within else None)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"code": self.code, "severity": self.severity,
                                   "message": self.message}
        location = {key: value for key, value in vars(self.location).items() if value is not None}
        if location:
            data["location"] = location
        if self.quote:
            data["quote"] = self.quote
        if self.source:
            data["source"] = self.source
        if self.detail:
            data["detail"] = self.detail
        if self.silenced:
            data["silenced"] = self.silenced
        if self.within:
            data["within"] = {key: value for key, value in vars(self.within).items()
                              if value is not None}
        return data


def error(message: str, code: str = "input", **location: object) -> Problem:
    return Problem(code, ERROR, message, Location(**location))  # type: ignore[arg-type]


def warning(message: str, code: str = "input", **location: object) -> Problem:
    return Problem(code, WARNING, message, Location(**location))  # type: ignore[arg-type]


class JdbuilderError(click.ClickException):
    """Any problem the user can fix: bad input, bad data, bad template. Carries the Problem;
    `message` is its one line. Exit code 2 for every bad input, profile, template and reference
    document included; only --strict refusing a document for its quality findings is 1."""

    exit_code = 2
    code = "input"

    def __init__(self, problem: Problem | str, **location: object) -> None:
        """`InputError("is empty; give a name", file="jobs.yaml", line=3)`: the message says
        what is wrong and how to fix it, the location parts say where (never the message)."""
        if isinstance(problem, str):
            problem = Problem(self.code, ERROR, problem,
                              Location(**_as_text(location)))  # type: ignore[arg-type]
        elif location:
            problem = problem.at(**_as_text(location))
        self.problem = problem
        # One line, always: multi-line messages get folded so the contract `Error: ...` holds.
        super().__init__(problem.line())


class ProfileError(JdbuilderError):
    """The profile folder (competencies, specializations) is invalid."""

    code = "profile"


class InputError(JdbuilderError):
    """A value the user typed or a file the user named is invalid."""


class TemplateError(JdbuilderError):
    """A template or reference document cannot be used."""

    code = "template"


class QualityRefusal(JdbuilderError):
    """--strict refused a document for its quality findings; the input itself is fine."""

    exit_code = 1
    code = "strict"


class NotPublishable(QualityRefusal):
    """A posting was written but lacks what the law at its location requires."""

    exit_code = 1
    code = "not-publishable"


class SpecError(JdbuilderError):
    """A bulk spec file cannot be read at all."""

    code = "spec"


def _as_text(location: dict[str, object]) -> dict[str, object]:
    """Paths given as location parts are kept as text, as the user wrote them."""
    return {key: str(value) if isinstance(value, PurePath) else value
            for key, value in location.items()}


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
