"""Where a single document goes: a named file, a folder (under the default name) or stdout."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .errors import InputError
from .fileio import write_atomic
from .pipeline import BuiltDocument
from .writers import SUFFIXES, TEXT_FORMATS, format_for_suffix


@dataclass(frozen=True)
class Target:
    """`file` when the user named one; else `folder` for the default name (known once the
    title is); neither means standard output."""

    format: str
    file: Path | None = None
    folder: Path | None = None

    @property
    def to_stdout(self) -> bool:
        return self.file is None and self.folder is None


def resolve_output(output: str | None, fmt: str | None) -> Target:
    if output == "-":
        fmt = fmt or "txt"
        if fmt not in TEXT_FORMATS:
            raise InputError("-o -: a .docx cannot go to standard output; choose "
                             "--format txt, md, html or jsonld, or name a file")
        return Target(fmt)
    if output is None:
        return Target(fmt or "docx", folder=Path("."))
    if not output.strip():
        raise InputError("-o: the output name is empty; give a file name, a folder or -")
    path = Path(output)
    if output.endswith(("/", "\\")) or _is_folder(path):
        return Target(fmt or "docx", folder=path)
    implied = format_for_suffix(path.suffix)
    if path.suffix and implied is None:
        raise InputError(f"-o {output}: '{path.suffix}' is not a format jdbuilder writes; end "
                         f"the name in {', '.join(SUFFIXES.values())}")
    if fmt and implied and implied != fmt:
        raise InputError(f"-o {output}: the suffix says {implied} but --format says {fmt}; "
                         "make them agree")
    fmt = fmt or implied or "docx"
    if not path.suffix:
        path = path.with_name(path.name + SUFFIXES[fmt])
    return Target(fmt, file=path)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def refuse_existing(path: Path, force: bool) -> None:
    """An existing file is left alone without --force; a folder is never replaced."""
    try:
        exists = path.exists() or path.is_symlink()
        folder = path.is_dir()
    except OSError as exc:
        raise InputError(f"{path}: cannot use this name ({exc.strerror})") from None
    if folder:
        raise InputError(f"{path} is a folder; name a file, or end the name with / to write "
                         "into the folder")
    if exists and not force:
        raise InputError(f"{path} already exists and was left alone; pass --force to "
                         "overwrite it")


def write_output(built: BuiltDocument, target: Target, force: bool = False) -> Path | None:
    if target.to_stdout:
        try:
            sys.stdout.buffer.write(built.content)
            sys.stdout.flush()
        except OSError as exc:
            raise InputError(f"standard output: cannot write ({exc.strerror})") from None
        return None
    path = target.file or (target.folder or Path(".")) / built.default_filename
    if target.folder is not None and str(target.folder) == ".":
        path = Path(built.default_filename)
    refuse_existing(path, force)
    write_atomic(path, built.content)
    click.echo(f"Wrote {path}")
    return path
