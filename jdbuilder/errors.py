"""Domain errors. They subclass ClickException so the CLI prints `Error: ...` with no glue code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import click


class JdbuilderError(click.ClickException):
    """Any problem the user can fix: bad input, bad data, bad template."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # One line, always: multi-line messages get folded so the contract `Error: ...` holds.
        super().__init__(" ".join(message.split()))


class ProfileError(JdbuilderError):
    """The profile folder (competencies, specializations) is invalid."""


class InputError(JdbuilderError):
    """A value the user typed or a file the user named is invalid."""

    exit_code = 2


class TemplateError(JdbuilderError):
    """A template or reference document cannot be used."""


class SpecError(JdbuilderError):
    """A bulk spec file cannot be read at all."""

    exit_code = 2


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
