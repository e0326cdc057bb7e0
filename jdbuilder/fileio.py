"""Writing output files atomically: a reader never sees half a document."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, JdbuilderError

TEMP_PREFIX = ".jdbuilder-"
TEMP_SUFFIX = ".part"


def write_atomic(path: Path, content: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.
    `content` is the bytes, or pieces of them (a large file is then never held whole)."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror})", file=folder) from None
    try:
        try:
            write_out(handle, content)
        finally:
            os.close(handle)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write it ({exc.strerror or exc})", file=path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_out(descriptor: int, content: bytes | Iterable[bytes]) -> None:
    """Every byte of `content` to the open file, then to the disk: where a full disk shows."""
    for piece in (content,) if isinstance(content, (bytes, bytearray)) else content:
        view = memoryview(piece)
        while view:
            view = view[os.write(descriptor, view):]
    os.fsync(descriptor)


_SAFE_OPEN = (os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd
              and os.path.isdir("/proc/self/fd"))


def _real_folder(descriptor: int) -> str:
    """Where an open folder really is, whatever links led to it (Linux's /proc)."""
    return os.readlink(f"/proc/self/fd/{descriptor}")


def write_atomic_under(root: Path, relative: str, content: bytes) -> None:
    """Write `root/relative` atomically without ever leaving `root`. Each folder on the way is
    opened relative to the one before it and checked, once open, to be really inside `root`;
    the file is then made in that open folder. So a subfolder swapped for a link while a build
    runs cannot send a document (or a new folder) elsewhere; a link that stays inside is fine.
    `root` itself is the folder the user named and may be a link."""
    parts = Path(relative).parts
    if not _SAFE_OPEN:  # no dir_fd or /proc (Windows, macOS): the planning-time checks hold
        write_atomic(root / relative, content)
        return
    if not parts or any(part in (".", "..", os.sep) for part in parts):
        raise InputError("not a path inside the output folder", file=root / relative)
    directory_flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
    try:
        folder = os.open(root, directory_flags)
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror})", file=root) from None
    temporary = None
    try:
        real_root = _real_folder(folder).rstrip(os.sep) + os.sep
        for depth, part in enumerate(parts[:-1], start=1):
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=folder)
            try:
                inner = os.open(part, directory_flags, dir_fd=folder)
            except NotADirectoryError:
                raise InputError(f"cannot write it (its folder '{Path(*parts[:depth])}' is a "
                                 "file)", file=root / relative) from None
            os.close(folder)
            folder = inner
            real = _real_folder(folder)
            if not (real + os.sep).startswith(real_root):
                raise InputError(f"cannot write it (its folder '{Path(*parts[:depth])}' is a "
                                 "symbolic link leading outside the output folder; nothing was "
                                 "written there)", file=root / relative)
        temporary = f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | os.O_CLOEXEC, 0o600, dir_fd=folder)
        try:
            os.fchmod(handle, 0o644)
            write_out(handle, content)
        finally:
            os.close(handle)
        # Replaces a link of the target's name itself, never what it points to.
        os.rename(temporary, parts[-1], src_dir_fd=folder, dst_dir_fd=folder)
        temporary = None
    except OSError as exc:
        raise InputError(f"cannot write it ({exc.strerror or exc})", file=root / relative
                         ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
        os.close(folder)


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
        raise error_type("file not found", file=path) from None
    except IsADirectoryError:
        raise error_type("is a folder, not a file", file=path) from None
    except OSError as exc:
        raise error_type(f"cannot read ({exc.strerror})", file=path) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise error_type("is a folder, not a file", file=path)
        if not stat.S_ISREG(status.st_mode):
            raise error_type("not a regular file (a device, pipe or socket); give a file "
                             "saved on disk", file=path)
        if status.st_size > limit:
            raise error_type(f"{status.st_size:,} bytes is more than the {limit:,}-byte limit "
                             "for an input file", file=path)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # As much as the file holds (a read of the limit would set aside 64 MB for a file
            # of 40 KB), then up to one byte past the limit: that tells a file that grew.
            data = stream.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += stream.read(limit + 1 - len(data))
    except OSError as exc:
        raise error_type(f"cannot read ({exc.strerror or exc})", file=path) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise error_type(f"more than the {limit:,}-byte limit for an input file", file=path)
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
        raise InputError(f"cannot open it ({exc.strerror})", option="--out-dir", value=folder
                         ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError("another jdbuilder build is writing there; wait for it to finish "
                             "or choose another folder", option="--out-dir", value=folder
                             ) from None
        yield
    finally:
        os.close(descriptor)
