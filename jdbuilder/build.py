"""Building every document of a spec: in worker processes, atomically, recorded in a manifest.

The promise is "nothing lost": each document is written to a temporary file beside its target
and renamed into place, so a reader (or a rerun after `kill -9`) only ever sees complete files;
`manifest.json` records what is complete, with a fingerprint of everything the document was
made from, so a rerun builds only what is missing, changed or was modified on disk.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from . import __version__
from .errors import InputError, JdbuilderError
from .fileio import remove_stale_temporaries, write_atomic
from .org import Organization
from .pipeline import Pipeline, Sources
from .profile import Profile
from .resources import builtin_templates_dir
from .spec import MANIFEST_NAME, LoadedSpec, SpecEntry, read_spec

MANIFEST_FLUSH_SECONDS = 0.5  # a kill -9 forgets at most this much (those files get rebuilt)
MAX_CHUNK = 16  # documents per task: few round trips, yet fine-grained progress and balance


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    jobs: int | None = None  # None: the CPU count
    force: bool = False
    dry_run: bool = False
    strict: bool = False
    default_format: str | None = None
    # Run the posting quality checks on each posting (`jdbuilder build` does unless --no-check);
    # with `strict`, a posting with error- or warning-level findings is not written.
    quality_checks: bool = False


@dataclass(frozen=True)
class Failure:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Planned:
    """A document a dry run would build (or find unchanged)."""

    path: Path
    entry: SpecEntry
    unchanged: bool


@dataclass
class BuildReport:
    out_dir: Path
    documents: int = 0  # listed in the spec, valid or not
    built: int = 0
    unchanged: int = 0
    invalid: int = 0  # documents not built because their row is invalid
    failures: list[Failure] = field(default_factory=list)  # row problems, then build failures
    problem_count: int = 0  # how many of `failures` are row problems
    warnings: Counter[str] = field(default_factory=Counter)  # message -> documents
    planned: list[Planned] = field(default_factory=list)  # dry run only
    dry_run: bool = False
    refused_strict: bool = False

    @property
    def failed(self) -> int:
        return self.invalid + self.build_failures

    @property
    def build_failures(self) -> int:
        return len(self.failures) - self.problem_count

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> str:
        if self.refused_strict:
            return (f"Nothing built: {self.invalid} of {self.documents} documents are invalid "
                    "(--strict); fix the rows above and rerun.")
        verb = "Would build" if self.dry_run else "Built"
        where = "" if self.dry_run else f" in {self.out_dir}"
        return (f"{verb} {self.built}, unchanged {self.unchanged}, failed {self.failed} "
                f"(of {self.documents} documents){where}.")


class _Progress(Protocol):
    def update(self, n_steps: int) -> None: ...


ProgressFactory = Callable[[int], AbstractContextManager[_Progress]]


def terminal_progress(stream=None) -> ProgressFactory | None:
    """A progress bar on stderr when it is a terminal; None (no bar) otherwise."""
    stream = sys.stderr if stream is None else stream
    if not stream.isatty():
        return None

    def factory(total: int) -> AbstractContextManager[_Progress]:
        import click

        return click.progressbar(length=total, file=stream, label="Building",
                                 show_pos=True, show_eta=True)

    return factory


class _NoProgress:
    def update(self, n_steps: int) -> None:
        pass


@contextmanager
def _no_progress(total: int) -> Iterator[_Progress]:
    yield _NoProgress()


# ---------------------------------------------------------------------------------------------
# The run


def run_build(spec_path: Path, pipeline: Pipeline, options: BuildOptions,
              progress: ProgressFactory | None = None) -> BuildReport:
    """Validate the spec, then build what is valid and not unchanged. Raises SpecError when the
    spec cannot be read at all; every other problem lands in the report."""
    out_dir = Path(options.out_dir)
    report, todo, unchanged, kept = _plan(spec_path, pipeline, options, out_dir)
    if report.refused_strict:
        return report
    if options.dry_run:
        report.built = len(todo)  # "would build"
        report.planned = sorted(
            [Planned(out_dir / t, e, False) for e, t, _ in todo]
            + [Planned(out_dir / t, e, True) for e, t, _, _ in unchanged],
            key=lambda planned: planned.entry.number)
        return report

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out-dir {out_dir}: cannot create it ({exc.strerror})") from None
    if (out_dir / MANIFEST_NAME).is_dir():
        raise InputError(f"--out-dir {out_dir}: {MANIFEST_NAME} there is a folder; the build "
                         "records what it writes in that file, so move the folder away")
    remove_stale_temporaries(out_dir)
    manifest = _Manifest(out_dir / MANIFEST_NAME)
    for entry, target, inputs, sha256 in unchanged:
        manifest.record(entry, target, sha256, inputs)  # its row may have moved: recorded anew
    for target, line in kept.items():
        manifest.keep(target, line)
    del unchanged, kept
    try:
        with (progress or _no_progress)(len(todo)) as bar:
            for outcome in _outcomes(pipeline, todo, out_dir, options):
                entry, target, inputs = todo[outcome.index]
                if outcome.sha256 is None:
                    report.failures.append(Failure(entry.where, outcome.error))
                else:
                    manifest.record(entry, target, outcome.sha256, inputs)
                    report.built += 1
                    report.warnings.update(outcome.warnings)
                bar.update(1)
                manifest.flush_if_due()
    finally:
        # Also on Ctrl-C or a crash: what was written is recorded, so a rerun skips it.
        manifest.flush()
    return report


_Todo = list[tuple[SpecEntry, str, str]]  # entry, path under the out-dir, inputs fingerprint


def _plan(spec_path: Path, pipeline: Pipeline, options: BuildOptions, out_dir: Path
          ) -> tuple[BuildReport, _Todo, list[tuple[SpecEntry, str, str, str]], dict[str, str]]:
    """The report so far; what to build; what is unchanged since the last run (with its
    SHA-256); and the records to keep meanwhile for documents about to be rebuilt (complete
    files, if stale ones)."""
    loaded = read_spec(spec_path, pipeline, options.default_format)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out-dir {out_dir}: is a file, not a folder; choose a folder")
    report = BuildReport(out_dir, documents=loaded.document_count, invalid=loaded.invalid_count,
                         dry_run=options.dry_run)
    report.failures += [Failure(problem.where, problem.message) for problem in loaded.problems]
    targets = _checked_targets(loaded, out_dir, report)
    report.problem_count = len(report.failures)
    if options.strict and report.invalid:
        report.refused_strict = True
        return report, [], [], {}
    fingerprints = _Fingerprints(environment_fingerprint(pipeline, out_dir))
    previous = read_recorded(out_dir)
    todo: _Todo = []
    unchanged: list[tuple[SpecEntry, str, str, str]] = []
    kept: dict[str, str] = {}
    for entry, target in targets:
        inputs = fingerprints.of(entry, target)
        record = previous.get(target)
        found = _file_sha256(out_dir / target) if record is not None else None
        if record is not None and found == record.sha256:
            if not options.force and record.inputs == inputs:
                unchanged.append((entry, target, inputs, record.sha256))
                continue
            kept[target] = record.line
        todo.append((entry, target, inputs))
    report.unchanged = len(unchanged)
    return report, todo, unchanged, kept


def _checked_targets(loaded: LoadedSpec, out_dir: Path, report: BuildReport
                     ) -> list[tuple[SpecEntry, str]]:
    """The valid entries with their paths, minus those a symbolic link would take outside."""
    root = os.path.realpath(out_dir)
    targets = []
    for entry in loaded.entries:
        target = loaded.outputs[entry.number]
        problem = escape_problem(root, out_dir / target)
        if problem:
            report.failures.append(Failure(entry.where, f"field 'output': {problem}"))
            report.invalid += 1
            continue
        targets.append((entry, target))
    return targets


def escape_problem(real_root: str, target: Path) -> str | None:
    """Why writing `target` would leave the out-dir through a symbolic link, or None."""
    if target.is_symlink():
        return f"{target} is a symbolic link; remove it or choose another output"
    parent = os.path.realpath(target.parent)
    if parent != real_root and not parent.startswith(real_root.rstrip(os.sep) + os.sep):
        return (f"{target} leads outside --out-dir through a symbolic link (to {parent}); "
                "choose an output inside it")
    return None


# ---------------------------------------------------------------------------------------------
# Fingerprints: everything a document is made from


def environment_fingerprint(pipeline: Pipeline, out_dir: Path) -> str:
    """jdbuilder's version, SOURCE_DATE_EPOCH and the bytes of every profile, template and
    reference file: when any of these changes, every document is rebuilt."""
    digest = hashlib.sha256()
    digest.update(f"jdbuilder {__version__}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    skip = os.path.realpath(out_dir)
    folders = [("profile", pipeline.profile.directory), ("templates", pipeline.templates_dir),
               ("built-in templates", builtin_templates_dir())]
    for label, folder in folders:
        if folder is None or not Path(folder).is_dir():
            continue
        for file in sorted(Path(folder).rglob("*")):
            name = file.relative_to(folder).as_posix()
            if (not file.is_file() or any(part.startswith((".", "__")) for part in name.split("/"))
                    or os.path.realpath(file).startswith(skip + os.sep)):
                continue
            digest.update(f"{label}\0{name}\0{_file_sha256(file)}\0".encode())
    digest.update(f"reference\0{_file_sha256(pipeline.reference_path)}".encode())
    return digest.hexdigest()


class _Fingerprints:
    """Per document: the environment plus the resolved request, format, organization and
    output path. Resolved values, so 'Financial Aid' and 'financial-aid' count as equal."""

    def __init__(self, environment: str) -> None:
        self.environment = environment
        self._organizations: dict[Organization, str] = {}

    def of(self, entry: SpecEntry, target: str) -> str:
        org_key = entry.organization
        if org_key not in self._organizations:
            self._organizations[org_key] = json.dumps(dataclasses.asdict(entry.organization),
                                                      sort_keys=True)
        request = entry.request
        position = {f.name: getattr(request.position, f.name)
                    for f in dataclasses.fields(request.position)}
        payload = json.dumps([self.environment, request.kind, request.specialization,
                              request.level, position, entry.format, target,
                              self._organizations[org_key]], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------
# The manifest


class Recorded(NamedTuple):
    """A document a previous run completed: what it was made from, its hash, its record."""

    inputs: str
    sha256: str
    line: str  # the record as one line of JSON, kept as is when the document stays


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """output path -> record of a previous run; {} when there is none or it is unreadable."""
    return {output: json.loads(recorded.line) for output, recorded in read_recorded(out_dir).items()}


def read_recorded(out_dir: Path) -> dict[str, Recorded]:
    """output path -> what a previous run recorded; {} when there is none or it is unreadable
    (then everything is rebuilt, which is safe). The manifest is read a line at a time, so a
    large one never sits in memory as a tree of dicts."""
    try:
        text = (out_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    except OSError:
        return {}
    try:
        if text.startswith('{\n  "generator": '):  # as written here: one record per line
            records = (json.loads(line.strip().rstrip(",")) for line in text.split("\n")
                       if line.startswith('    {"'))
        else:  # reformatted by someone: read it whole
            records = iter(json.loads(text)["documents"])
        found = {}
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("output"), str):
                found[record["output"]] = Recorded(
                    str(record.get("inputs")), str(record.get("sha256")),
                    json.dumps(record, sort_keys=True, ensure_ascii=False))
        return found
    except (ValueError, KeyError, TypeError):
        return {}


class _Manifest:
    """The records of complete documents, written atomically now and then and at the end.

    A record is held as (entry, sha256, inputs), the entry being held for the build anyway,
    and turned into JSON only when written: one line per document, sorted, so the file is
    stable, easy to diff, quick to write (json's C encoder runs only without `indent`) and
    quick to read back a line at a time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[str, tuple[SpecEntry, str, str] | str] = {}  # or a kept JSON line
        self._dirty = False
        self._last_flush = float("-inf")  # the first document is recorded at once
        self._interval = MANIFEST_FLUSH_SECONDS

    def record(self, entry: SpecEntry, target: str, sha256: str, inputs: str) -> None:
        self.records[target] = (entry, sha256, inputs)
        self._dirty = True

    def keep(self, target: str, line: str) -> None:
        self.records[target] = line
        self._dirty = True

    def flush_if_due(self) -> None:
        if self._dirty and time.monotonic() - self._last_flush >= self._interval:
            self.flush()

    def flush(self) -> None:
        if not self._dirty and self.path.exists():
            return
        started = time.monotonic()
        write_atomic(self.path, self.content())
        self._dirty = False
        self._last_flush = time.monotonic()
        # A big manifest is rewritten less often, so rewriting it stays a small share of the run.
        self._interval = max(MANIFEST_FLUSH_SECONDS, 10 * (self._last_flush - started))

    def content(self) -> bytes:
        out = io.BytesIO()  # grown in place: the text is never held twice
        out.write(f'{{\n  "generator": {json.dumps(f"jdbuilder {__version__}")},\n'
                  f'  "documents": ['.encode())
        for count, target in enumerate(sorted(self.records)):
            out.write(b",\n    " if count else b"\n    ")
            out.write(self._line(target).encode("utf-8"))
        out.write(b"\n  ]\n}\n" if self.records else b"]\n}\n")
        return out.getvalue()

    def _line(self, target: str) -> str:
        record = self.records[target]
        if isinstance(record, str):
            return record
        entry, sha256, inputs = record
        return json.dumps({
            "output": target,
            "kind": entry.request.kind,
            "format": entry.format,
            "sha256": sha256,
            "inputs": inputs,
            "source": {"document": entry.number, "where": entry.where, "row": entry.source},
        }, sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Building: in this process for one job, else in worker processes


class _Outcome(NamedTuple):
    index: int
    sha256: str | None  # None: failed
    warnings: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class _Job:
    """What every worker needs; inherited through fork, so it is never copied per task."""

    sources: Sources
    profile: Profile
    entries: list[SpecEntry]
    targets: list[str]
    out_dir: Path
    parent_pid: int
    options: BuildOptions


# One per worker process, set by its initializer: a worker's Pipeline must outlive the tasks.
_worker: tuple[Pipeline, _Job] | None = None


def _start_worker(job: _Job) -> None:
    global _worker
    _worker = (Pipeline(job.sources, profile=job.profile), job)


def _build_chunk(indexes: list[int]) -> list[_Outcome]:
    assert _worker is not None, "worker started without its initializer"
    pipeline, job = _worker
    outcomes = []
    for index in indexes:
        if os.getppid() != job.parent_pid:
            os._exit(1)  # the parent was killed: stop rather than write on unasked
        outcomes.append(_build_one(pipeline, job.entries[index], job.out_dir / job.targets[index],
                                   index, job.options))
    return outcomes


def _build_one(pipeline: Pipeline, entry: SpecEntry, path: Path, index: int,
               options: BuildOptions) -> _Outcome:
    try:
        built = pipeline.build(entry.request, entry.format, entry.organization)
        warnings = built.warnings
        if options.quality_checks:
            found = _quality_findings(pipeline, built)
            if found and options.strict:
                return _Outcome(index, None, error=f"--strict: quality findings ({', '.join(found)}); "
                                                   "`jdbuilder check SPEC` explains each")
            warnings += tuple(f"quality check '{name}' has findings (`jdbuilder check` explains)"
                              for name in found)
        write_atomic(path, built.content)
    except JdbuilderError as exc:
        return _Outcome(index, None, error=exc.message)
    except OSError as exc:
        return _Outcome(index, None, error=f"{path}: cannot write it ({exc.strerror or exc})")
    except Exception as exc:  # a bug: report it for this document, build the others
        return _Outcome(index, None, error=f"internal error, please report it: "
                                           f"{type(exc).__name__}: {exc}")
    return _Outcome(index, hashlib.sha256(built.content).hexdigest(), warnings)


def _quality_findings(pipeline: Pipeline, built) -> list[str]:
    """The names of the checks with findings to report, each once."""
    from .checks import built_posting_findings

    return sorted({finding.check for finding in built_posting_findings(built, pipeline.profile)})


def _outcomes(pipeline: Pipeline, todo: list[tuple[SpecEntry, str, str]], out_dir: Path,
              options: BuildOptions) -> Iterator[_Outcome]:
    jobs = options.jobs or os.cpu_count() or 1
    chunk = max(1, min(MAX_CHUNK, len(todo) // (jobs * 8)))
    workers = min(jobs, -(-len(todo) // chunk))
    serial = todo if workers <= 1 else todo[:1]
    for index, (entry, target, _) in enumerate(serial):
        # With workers, the first document is built here: that loads the reference document
        # once, and forked workers inherit it instead of each reading it again.
        yield _build_one(pipeline, entry, out_dir / target, index, options)
    if workers <= 1:
        return
    job = _Job(pipeline.sources, pipeline.profile, [e for e, _, _ in todo],
               [t for _, t, _ in todo], out_dir, os.getpid(), options)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = iter([list(range(start, min(start + chunk, len(todo))))
                   for start in range(len(serial), len(todo), chunk)])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker, initargs=(job,))
    try:
        # A bounded window of tasks in flight: results stream back, parent memory stays flat.
        pending = {pool.submit(_build_chunk, c): c for c in islice(chunks, workers * 2)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                indexes = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): the rest is reported, not lost.
                    lost = [*indexes, *(i for c in pending.values() for i in c),
                            *(i for c in chunks for i in c)]
                    pending.clear()
                    yield from (_Outcome(index, None, error="a worker process stopped "
                                                           "unexpectedly; rerun to continue")
                                for index in lost)
                    break
                following = next(chunks, None)
                if following is not None:
                    pending[pool.submit(_build_chunk, following)] = following
                yield from outcomes
    except BaseException:  # Ctrl-C, or the caller stopped early: do not wait for the workers
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
