"""Uploaded files: kept only in a private temporary folder for the length of one request, under a
name the server chooses. Nothing the client sends (its file name included) becomes a path; the
file is then read by the same readers, with the same limits, as a file on disk."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..errors import InputError, JdbuilderError
from ..outputs import slugify

TEMP_PREFIX = "jdbuilder-web-"


@contextmanager
def request_folder() -> Iterator[Path]:
    """A private folder (mode 0700) removed, with all it holds, when the request is done. An
    error raised inside names its files without the folder, as the user named them: its
    location is mapped, its message (which names no file) left as it is."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        try:
            yield Path(folder)
        except JdbuilderError as exc:
            raise type(exc)(exc.problem.renamed(shown_name(Path(folder)))) from None


def shown_name(folder: Path) -> Callable[[str], str]:
    """A file in the request's folder by the name the user gave it ('jobs.yaml', 'jobs/x.docx');
    any other file as it is."""
    prefix = f"{folder}{os.sep}"
    return lambda file: file.removeprefix(prefix)


def client_name(filename: str | None, suffixes: tuple[str, ...], what: str) -> str:
    """A safe name for the uploaded file, from the client's name only for display: its last
    part, folded to ASCII, with one of `suffixes`."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name  # a browser may send C:\...\name
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in suffixes:
        raise InputError(f"{what} must be a {', '.join(suffixes)} file",
                         file=base or None, place=None if base else "the upload")
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
