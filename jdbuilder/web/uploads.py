"""Uploaded files: kept only in a private temporary folder for the length of one request, under a
name the server chooses. Nothing the client sends (its file name included) becomes a path; the
file is then read by the same readers, with the same limits, as a file on disk."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..errors import InputError, JdbuilderError, Location
from ..outputs import slugify

TEMP_PREFIX = "jdbuilder-web-"


@contextmanager
def request_folder() -> Iterator[Path]:
    """A private folder (mode 0700) removed, with all it holds, when the request is done. An
    error raised inside names files without the folder, as the user named them."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        try:
            yield Path(folder)
        except JdbuilderError as exc:
            raise relabeled(exc, Path(folder)) from None


def relabeled(exc: JdbuilderError, folder: Path) -> JdbuilderError:
    problem = exc.problem
    location = Location(**without_folder(vars(problem.location), folder))
    return type(exc)(replace(problem, message=without_folder(problem.message, folder),
                             location=location))


def client_name(filename: str | None, suffixes: tuple[str, ...], what: str) -> str:
    """A safe name for the uploaded file, from the client's name only for display: its last
    part, folded to ASCII, with one of `suffixes`."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name  # a browser may send C:\...\name
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in suffixes:
        shown = f"'{base}'" if base else "the upload"
        raise InputError(f"{shown}: {what} must be a {', '.join(suffixes)} file")
    return slugify(PurePosixPath(base).stem, "upload") + suffix


def save_upload(storage: Any, folder: Path, name: str) -> Path:
    """Write a werkzeug FileStorage under `name` in `folder` (never overwriting, never
    following a link)."""
    path = folder / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        storage.save(stream)
    return path


def without_folder(value: Any, folder: Path) -> Any:
    """`value` (JSON-like) with the temporary folder left out of every text, so messages name
    the file as the user named it ('jobs.yaml, line 3'), as the command line does."""
    prefix = f"{folder}{os.sep}"
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, dict):
        return {key: without_folder(item, folder) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_folder(item, folder) for item in value]
    return value
