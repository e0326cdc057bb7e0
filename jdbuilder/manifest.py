"""manifest.json: the record of every document of a build: complete ones with a fingerprint of
what they were made from (so a rerun builds only what is missing, changed or modified on disk)
and the problems found in them; failed ones with why they failed (a rerun builds them again)."""

from __future__ import annotations

import json
import os
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import __version__
from .errors import InputError, JdbuilderError, Problem
from .fileio import read_input_bytes, write_atomic
from .outputs import MANIFEST_NAME

if TYPE_CHECKING:
    from .spec import SpecEntry

MANIFEST_FLUSH_SECONDS = 0.5  # a kill -9 forgets at most this much (those files get rebuilt)


class Recorded(NamedTuple):
    """A document a previous run recorded: what it was made from, its hash, its record."""

    inputs: str
    sha256: str  # "None" for a document that failed
    line: str  # the record as one line of JSON, kept as is when the document stays
    problems: tuple[dict[str, Any], ...] = ()  # its input warnings and quality findings


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """output path -> record of a previous run; {} when there is none or it is unreadable."""
    return {output: json.loads(recorded.line) for output, recorded in read_recorded(out_dir).items()}


def read_recorded(out_dir: Path) -> dict[str, Recorded]:
    """output path -> what a previous run recorded; {} when there is none or it is unreadable."""
    return load_recorded(out_dir).records


class Loaded(NamedTuple):
    records: dict[str, Recorded]
    unreadable: str | None = None  # why the manifest there cannot be used, when it cannot


def load_recorded(out_dir: Path) -> Loaded:
    """What a previous run recorded, or why the manifest there is unusable (then everything is
    rebuilt, which is safe, and `set_aside` keeps the file for whoever wants to look). The
    manifest is read a line at a time, so a large one never sits in memory as a tree of dicts."""
    path = out_dir / MANIFEST_NAME
    if not os.path.lexists(path):
        return Loaded({})
    try:
        # A regular file of sane size only: a FIFO or device in its place is not waited on.
        text = read_input_bytes(path, InputError).decode("utf-8")
    except JdbuilderError as exc:
        return Loaded({}, exc.problem.message)  # its location is this manifest
    except UnicodeDecodeError as exc:
        return Loaded({}, f"not UTF-8 text (byte {exc.start})")
    try:
        if text.startswith('{\n  "generator": "jdbuilder '):  # as written here: one record a line
            records = (json.loads(line.strip().rstrip(",")) for line in text.split("\n")
                       if line.startswith('    {"'))
        else:  # reformatted by someone, or not ours: read it whole
            whole = json.loads(text)
            if (not isinstance(whole, dict) or not isinstance(whole.get("documents"), list)
                    or not str(whole.get("generator", "jdbuilder")).startswith("jdbuilder")):
                return Loaded({}, "not a manifest jdbuilder wrote")
            records = iter(whole["documents"])
        found = {}
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("output"), str):
                problems = record.get("problems")
                found[record["output"]] = Recorded(
                    str(record.get("inputs")), str(record.get("sha256")),
                    json.dumps(record, sort_keys=True, ensure_ascii=False),
                    tuple(p for p in problems if isinstance(p, dict))
                    if isinstance(problems, list) else ())
        return Loaded(found)
    except RecursionError:
        return Loaded({}, "nested too deep to be a manifest")
    except (ValueError, KeyError, TypeError) as exc:  # damaged
        return Loaded({}, f"not readable as JSON ({' '.join(str(exc).split())[:120]})")


def set_aside(path: Path) -> Path:
    """Rename an unusable manifest to the first free `manifest.json.unreadable-<n>`: it is
    kept for whoever wants to look, and never read again."""
    number = 1
    while True:
        target = path.with_name(f"{path.name}.unreadable-{number}")
        if not os.path.lexists(target):
            os.rename(path, target)
            return target
        number += 1


class Manifest:
    """The records of complete documents, written atomically now and then and at the end.

    A record is held as its line of JSON, made once when the document is recorded (the file is
    rewritten many times in a run; a line is smaller than the dicts it was made from): one
    line per document, sorted, so the file is stable, easy to diff, quick to write (json's C
    encoder runs only without `indent`) and quick to read back a line at a time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # output -> its record as one line of JSON, compressed: a build of 50,000 documents
        # holds every record until the end, and records differ in little (see _Packer).
        self.records: dict[str, bytes] = {}
        self._packer = _Packer()
        self._dirty = False
        self._last_flush = float("-inf")  # the first document is recorded at once
        self._interval = MANIFEST_FLUSH_SECONDS

    def record(self, entry: SpecEntry, target: str, sha256: str, inputs: str,
               problems: list[dict[str, Any]] | tuple[Problem, ...] = ()) -> None:
        """A complete document; `problems` are its input warnings and quality findings."""
        found = [p.to_json() if isinstance(p, Problem) else p for p in problems]
        self.records[target] = self._packer.pack(
            self._dump(target, (entry, sha256, inputs, found, None)))
        self._dirty = True

    def failed(self, entry: SpecEntry, target: str, error: Problem) -> None:
        """A document not built this run, and why; its old file, if any, is left alone."""
        self.records[target] = self._packer.pack(
            self._dump(target, (entry, None, "", [], error)))
        self._dirty = True

    def keep(self, target: str, line: str) -> None:
        self.records[target] = self._packer.pack(line)
        self._dirty = True

    def flush_if_due(self) -> None:
        if self._dirty and time.monotonic() - self._last_flush >= self._interval:
            self.flush()

    def flush(self) -> None:
        if not self._dirty and self.path.exists():
            return
        started = time.monotonic()
        try:
            write_atomic(self.path, self.chunks())
        except JdbuilderError:
            self._last_flush = time.monotonic()  # a full disk is not retried at every document
            raise
        self._dirty = False
        self._last_flush = time.monotonic()
        # A big manifest is rewritten less often, so rewriting it stays a small share of the run.
        self._interval = max(MANIFEST_FLUSH_SECONDS, 10 * (self._last_flush - started))

    def content(self) -> bytes:
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes]:
        """The file a piece at a time, so it is written without being held whole (a build of
        50,000 documents writes a manifest of 50 MB, many times)."""
        yield (f'{{\n  "generator": {json.dumps(f"jdbuilder {__version__}")},\n'
               f'  "documents": [').encode()
        for count, target in enumerate(sorted(self.records)):
            yield (",\n    " if count else "\n    ").encode() + self._line(target).encode("utf-8")
        yield b"\n  ]\n}\n" if self.records else b"]\n}\n"

    def _line(self, target: str) -> str:
        return self._packer.unpack(self.records[target])

    @staticmethod
    def _dump(target: str, record: tuple[SpecEntry, str | None, str, list[dict[str, Any]],
                                         Problem | None]) -> str:
        """The record as its line of JSON, made once: the manifest is rewritten many times."""
        entry, sha256, inputs, problems, failure = record
        data: dict[str, Any] = {
            "output": target,
            "kind": entry.request.kind,
            "format": entry.format,
            "status": "failed" if failure else "complete",
            "source": {"document": entry.number, "where": entry.where, "row": dict(entry.source)},
        }
        if failure is not None:
            data["failure"] = failure.to_json()
        else:
            data.update(sha256=sha256, inputs=inputs, problems=problems)
        return json.dumps(data, sort_keys=True, ensure_ascii=False)


class _Packer:
    """Records compressed one by one against the first as a preset dictionary: they share
    their keys, messages and most values, so each is a few hundred bytes instead of a few
    thousand, and any one can be read back alone."""

    def __init__(self) -> None:
        self._dictionary: bytes | None = None

    def pack(self, line: str) -> bytes:
        data = line.encode("utf-8")
        if self._dictionary is None:
            self._dictionary = data
        compressor = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY,
                                      self._dictionary)
        return compressor.compress(data) + compressor.flush()

    def unpack(self, packed: bytes) -> str:
        assert self._dictionary is not None
        return zlib.decompressobj(-15, self._dictionary).decompress(packed).decode("utf-8")
