"""Opening a .docx (a ZIP) someone else made, within limits and with one-line errors.

A 2 MB file can hold a 2 GiB member of zeros, a million entries, encrypted or damaged members or
names like `../../x`. The limits are checked from the central directory before anything is
decompressed, and enforced again while reading (a member that inflates past what the directory
said is refused). Every failure is one error naming the file; nothing leaks a zipfile traceback.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ERROR, JdbuilderError, Location, Problem
from .fileio import MAX_DOCUMENT_INPUT_BYTES, read_input_bytes

# Word documents hold a few dozen members of a few MB at most; images rarely exceed 20 MB.
MAX_ENTRIES = 5_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
# What a broken archive raises inside zipfile and zlib.
_ZIP_FAILURES = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                 NotImplementedError, RuntimeError, struct.error, OSError, KeyError)


@dataclass
class SafeZip:
    """The members read, by name, and the names left out because they are unsafe."""

    path: Path
    data: bytes  # the file as read, for a library that wants to open it itself
    members: dict[str, bytes]
    unsafe_names: list[str] = field(default_factory=list)


def unsafe_member_name(name: str) -> bool:
    """A member name that could point outside the package: absolute, `..`, backslashes, drives."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":
        return True
    return any(part in ("..", ".") for part in name.split("/")) or \
        posixpath.normpath(name) != name.rstrip("/")


def read_zip(path: Path, error_type: type[JdbuilderError], what: str = "Word document (.docx)",
             data: bytes | None = None) -> SafeZip:
    """Every member of the ZIP at `path` (or `data`), refusing it in one line when it is damaged,
    encrypted, uses an odd compression method or exceeds a limit. Members with unsafe names are
    not read; their names are returned so the caller can say they were dropped."""
    path = Path(path)
    if data is None:
        data = read_input_bytes(path, error_type, MAX_DOCUMENT_INPUT_BYTES)

    def fail(problem: str) -> JdbuilderError:
        # The file is the location; the message says what is wrong and the fix.
        return error_type(Problem(error_type.code, ERROR,
                                  f"{problem}; open it and save it again as a {what}",
                                  Location(file=str(path))))

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_FAILURES as exc:
        raise fail(f"not a {what} that can be opened ({_reason(exc)})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise fail(f"holds {len(infos):,} entries, more than the {MAX_ENTRIES:,} allowed")
        unsafe: list[str] = []
        wanted: list[zipfile.ZipInfo] = []
        seen: set[str] = set()
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            if unsafe_member_name(info.filename):
                unsafe.append(info.filename)
                continue
            if info.filename in seen:
                raise fail(f"holds two members named '{info.filename}'")
            seen.add(info.filename)
            if info.flag_bits & 0x1:
                raise fail(f"member '{info.filename}' is encrypted")
            if info.compress_type not in _METHODS:
                raise fail(f"member '{info.filename}' uses compression method "
                           f"{info.compress_type}, which Word does not write")
            if info.file_size > MAX_MEMBER_BYTES:
                raise fail(f"member '{info.filename}' unpacks to {info.file_size:,} bytes, more "
                           f"than the {MAX_MEMBER_BYTES:,}-byte limit")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise fail(f"unpacks to more than the {MAX_TOTAL_BYTES:,}-byte limit")
            wanted.append(info)
        members: dict[str, bytes] = {}
        for info in wanted:
            members[info.filename] = _read_member(archive, info, fail)
    return SafeZip(path, data, members, unsafe)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, fail) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                # zipfile stops at the size the directory states; this holds even if it did not.
                if size > min(info.file_size, MAX_MEMBER_BYTES):
                    raise fail(f"member '{info.filename}' unpacks to more than its directory "
                               "entry says")
                chunks.append(chunk)
    except JdbuilderError:
        raise
    except _ZIP_FAILURES as exc:
        raise fail(f"member '{info.filename}' is damaged ({_reason(exc)})") from None
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
