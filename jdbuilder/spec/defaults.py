"""Values for every document of a spec from the command line (`build --kind posting --org
org.yaml --set closes=2027-03-01`): each row takes them where neither it nor the spec's own
`defaults` says otherwise."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError, Location
from ..position import parse_position
from .model import Row, Value

CHOICE_KEYS = ("specialization", "level")
_OWN_OPTIONS = {"kind": "--kind", "org": "--org", "apply": "--apply", "format": "--format",
                "output": "--out-dir (each document has its own output)"}


@dataclass(frozen=True)
class Defaults:
    # (key, value, the option as messages name it: "--kind", "--set closes")
    values: tuple[tuple[str, str, str], ...] = ()

    def under(self, row: Row) -> Row:
        """The row with every default it does not give itself (a YAML spec's `defaults` are
        the row's by now, so they win too)."""
        missing = [(key, value, label) for key, value, label in self.values
                   if key not in row.values]
        if not missing or row.problem:
            return row
        # Where: the option, not the row (a note about --org's file is about the option); no
        # field name beyond it.
        inherited = {key: Value(value, Location(option=label), "", inherited=True)
                     for key, value, label in missing}
        return replace(row, values={**inherited, **row.values})


def command_line_defaults(kind: str | None = None, org: Path | None = None,
                          fields: dict[str, str] | None = None,
                          apply: str | None = None) -> Defaults:
    """The defaults `build` was given, each --set checked now (an unknown key or a bad value
    is one error naming the option, not the same error on every row)."""
    fields = dict(fields or {})
    for key, instead in _OWN_OPTIONS.items():
        if key in fields:
            raise InputError(f"use {instead} instead", option=f"--set {key}")
    # A sheet of one office's openings may leave out the specialization or level column; each
    # row's check says when the value is not one (once, as every row says the same).
    choices = {key: fields.pop(key) for key in CHOICE_KEYS if key in fields}
    for key, value in choices.items():
        if not value.strip():
            raise InputError(f"is empty; give a value or leave {key} out", option=f"--set {key}")
    parse_position(fields, where=lambda key: Location(option=f"--set {key}"),
                   empty_means_unset=False)
    values: list[tuple[str, str, str]] = [(key, value, f"--set {key}")
                                          for key, value in choices.items()]
    if kind is not None:
        values.append(("kind", kind, "--kind"))
    if org is not None:
        # Kept as typed, to be said as typed; read relative to where the command was typed.
        values.append(("org", str(org), "--org"))
    if apply is not None:
        if not apply.strip():
            raise InputError("empty; give a link (https://...) or instructions", option="--apply")
        values.append(("apply", apply, "--apply"))
    values += [(key, value, f"--set {key}") for key, value in fields.items()]
    return Defaults(tuple(values))
