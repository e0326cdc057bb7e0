"""Writing output files atomically: a reader never sees half a document."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError, JdbuilderError

TEMP_PREFIX = ".jdbuilder-"
TEMP_SUFFIX = ".part"


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise InputError(f"{folder}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write it ({exc.strerror or exc})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Temporary files an interrupted run left behind; a rerun removes them."""
    removed = 0
    if folder.is_dir():
        for stale in folder.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            # Only files this tool could have left: a folder or link named alike is the user's.
            if stale.is_symlink() or not stale.is_file():
                continue
            with contextlib.suppress(OSError):
                stale.unlink(missing_ok=True)
                removed += 1
    return removed


# Inputs are small: the whole profile is ~100 KB, a 5,000-row spec a few MB, a reference .docx
# well under 10 MB. The limits leave room for far larger real files and refuse the rest before
# reading them, so a stray `--org /dev/zero` or a huge file cannot exhaust memory.
MAX_TEXT_INPUT_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_INPUT_BYTES = 64 * 1024 * 1024


def read_input_bytes(path: Path, error_type: type[JdbuilderError] = InputError,
                     limit: int = MAX_TEXT_INPUT_BYTES) -> bytes:
    """A user's input file, refused in one line when it is not a regular file or too large.

    Opened without blocking and checked with fstat before any read: a FIFO, a device or a
    socket in place of a file is refused at once instead of hanging or reading forever.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise error_type(f"{path}: file not found") from None
    except IsADirectoryError:
        raise error_type(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise error_type(f"{path}: cannot read ({exc.strerror})") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise error_type(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise error_type(f"{path}: not a regular file (a device, pipe or socket); give a "
                             "file saved on disk")
        if status.st_size > limit:
            raise error_type(f"{path}: {status.st_size:,} bytes is more than the "
                             f"{limit:,}-byte limit for an input file")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # One byte past the limit tells a file that grew while being read.
            data = stream.read(limit + 1)
    except OSError as exc:
        raise error_type(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise error_type(f"{path}: more than the {limit:,}-byte limit for an input file")
    return data


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (flock on the folder itself: no file is left there),
    refusing at once, in one line, when another build holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds there are not locked
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise InputError(f"--out-dir {folder}: cannot open it ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"--out-dir {folder}: another jdbuilder build is writing there; "
                             "wait for it to finish or choose another folder") from None
        yield
    finally:
        os.close(descriptor)
