"""Where a single document goes: a file (atomically) or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import InputError
from .fileio import write_atomic
from .pipeline import BuiltDocument
from .writers import SUFFIXES, TEXT_FORMATS, format_for_suffix


def resolve_output(output: str | None, fmt: str | None) -> tuple[Path | None, str]:
    """(target file or None for stdout, format). The default name comes after building."""
    if output == "-":
        fmt = fmt or "txt"
        if fmt not in TEXT_FORMATS:
            raise InputError("-o -: a .docx cannot go to standard output; choose "
                             "--format txt, md, html or jsonld, or name a file")
        return None, fmt
    if output is None:
        return _PENDING, fmt or "docx"
    target = Path(output)
    implied = format_for_suffix(target.suffix)
    if fmt and implied and implied != fmt:
        raise InputError(f"-o {output}: the suffix says {implied} but --format says {fmt}; "
                         "make them agree")
    fmt = fmt or implied or "docx"
    if not target.suffix:
        target = target.with_suffix(SUFFIXES[fmt])
    return target, fmt


_PENDING = Path("\0pending")  # stands for "the default name, known once the title is"


def refuse_existing(target: Path | None, force: bool) -> None:
    if target is not None and target != _PENDING and target.exists() and not force:
        raise InputError(f"{target} already exists and was left alone; pass --force to "
                         "overwrite it")


def write_output(built: BuiltDocument, target: Path | None, force: bool = False) -> Path | None:
    if target is None:
        sys.stdout.buffer.write(built.content)
        sys.stdout.flush()
        return None
    if target == _PENDING:
        target = Path(built.default_filename)
        refuse_existing(target, force)
    write_atomic(target, built.content)
    click.echo(f"Wrote {target}")
    return target
