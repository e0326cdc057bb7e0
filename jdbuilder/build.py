"""Building every document of a spec: in worker processes, atomically, recorded in a manifest.

The promise is "nothing lost": each document is written to a temporary file beside its target
and renamed into place, so a reader (or a rerun after `kill -9`) only ever sees complete files;
`manifest.json` records what is complete, with a fingerprint of everything the document was
made from, so a rerun builds only what is missing, changed or was modified on disk.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import gc
import hashlib
import io
import json
import multiprocessing
import os
import signal
import stat
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, overload

from . import __version__
from .csvcells import safe_row
from .errors import ERROR, INFO, WARNING, InputError, JdbuilderError, Location, Problem
from .fileio import folder_lock, remove_stale_temporaries, write_atomic, write_atomic_under
from .interrupt import StopRequest, ignore_interrupts_in_worker
from .manifest import Manifest, Recorded, load_recorded, set_aside
from .org import Organization
from .outputs import MANIFEST_NAME, REPORT_NAME
from .pipeline import LAW_REQUIRES, Pipeline, Sources, make_parsed, refusal, unpublishable
from .profile import Profile
from .render import Renderer
from .resources import builtin_templates_dir
from .spec import Defaults, LoadedSpec, SpecEntry, read_spec
from .spec.packed import PackedEntries
from .writers import CONVERTED_FORMATS, REGISTRY

if TYPE_CHECKING:
    from .writers.pdf import PdfBatch

WRITE_FAILED = "write"  # the code of a problem writing a file (a full disk, a folder swapped)
BUILT, UNCHANGED = "built", "unchanged"
MUST_FIX = "must fix"  # a written document with an error-level finding, in report and console
# A check whose findings differ in wording from document to document (figures, quotes) is named
# once for them all beyond this many groups, so the console stays a summary.
MAX_GROUPS_PER_CHECK = 5
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
    sheet: str | None = None  # a workbook's sheet; None: the first
    # Remove documents an earlier build wrote (by the manifest, unchanged since) that no row
    # of the spec produces now.
    prune: bool = False
    # Values every row takes unless it says otherwise (build --kind, --org, --set).
    defaults: Defaults | None = None
    # A caller's limits (the web page's): the most documents a spec may list, and a check made
    # before each document that says why to stop (time is up, the client has gone) or None.
    max_documents: int | None = None
    stop_when: Callable[[], str | None] | None = None
    # The name the spec goes by in every message, report and manifest (an upload's own name,
    # not the temporary path it is read from); None: its path.
    spec_name: str | None = None


class BuildStopped(JdbuilderError):
    """The caller's `stop_when` said stop: no document is begun after it."""


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
    failures: list[Problem] = field(default_factory=list)  # row problems, then build failures
    notes: list[Problem] = field(default_factory=list)  # about the spec file as a whole
    stale: list[Path] = field(default_factory=list)  # written earlier, no row produces them now
    pruned: list[Path] = field(default_factory=list)  # removed by --prune (or would be)
    prune_kept: list[Problem] = field(default_factory=list)  # what --prune left, and why
    problem_count: int = 0  # how many of `failures` are row problems
    warnings: dict[str, list[str]] = field(default_factory=dict)  # message -> outputs
    advice: dict[str, list[str]] = field(default_factory=dict)  # info-level: message -> outputs
    rows: list[ReportRow] = field(default_factory=list)  # one per document, for build-report.csv
    planned: list[Planned] = field(default_factory=list)  # dry run only
    dry_run: bool = False
    refused_strict: bool = False
    manifest_unreadable: str | None = None  # why the manifest there is set aside, when it is
    unrecorded: list[Problem] = field(default_factory=list)  # manifest or report not written
    # Written postings lacking what the law at their location requires: exit 1, as for failures.
    unpublishable: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.invalid + self.build_failures

    @property
    def build_failures(self) -> int:
        return len(self.failures) - self.problem_count

    @property
    def exit_code(self) -> int:
        """0 all built; 1 some failed; 2 nothing could be written (a full disk, say)."""
        write_failed = self.unrecorded or any(f.code == WRITE_FAILED for f in self.failures)
        if write_failed and self.built == 0:
            return 2
        return 1 if self.failed or self.unrecorded or self.unpublishable else 0

    def summary(self, out_dir: str | None = None) -> str:
        """One line; `out_dir` names the folder otherwise than by its path (the web's zip)."""
        if self.refused_strict:
            return (f"Nothing built: {self.invalid} of {self.documents} documents are invalid "
                    "(--strict); fix the rows above and rerun.")
        verb = "Would build" if self.dry_run else "Built"
        where = "" if self.dry_run else f" in {out_dir or self.out_dir}"
        return (f"{verb} {self.built}, unchanged {self.unchanged}, failed {self.failed} "
                f"(of {self.documents} documents){where}.")


@dataclass(frozen=True, slots=True)  # slots: one per document, held until the build ends
class ReportRow:
    """One document in build-report.csv: where its row is, what it wrote and what was found."""

    number: int  # the row's line or row number in the spec (the report's order)
    row: str  # the spec line or row, as messages name it
    output: str
    # built | built, must fix | unchanged | unchanged, must fix | failed | invalid
    status: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(cls, number: int, row: str, output: str, status: str,
           problems: tuple[Problem, ...] | tuple[dict[str, Any], ...]) -> ReportRow:
        def lines(severity: str) -> tuple[str, ...]:
            found = [p if isinstance(p, dict) else p.to_json() for p in problems]
            # Interned: thousands of rows share the same few findings, held until the end.
            return _one_copy(tuple(sys.intern(f"{p['code']}: {_elsewhere(p)}{p['message']}")
                                   for p in found if p.get("severity") == severity))
        errors = lines(ERROR)
        if errors and status in (BUILT, UNCHANGED):
            # Written, but with an error-level finding: not to be published as it is.
            status = sys.intern(f"{status}, {MUST_FIX}")
        return cls(number, row, output, status, errors, lines(WARNING))


@lru_cache(maxsize=256)
def _one_copy(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The first equal tuple of findings seen: rows with the same findings share it (each row
    held until the build ends would otherwise hold its own copy). Bounded: rare sets of
    findings fall out and are simply not shared."""
    return lines


def _elsewhere(problem: dict[str, Any]) -> str:
    """Where a problem is when that is not the row itself (a template, a file it wrote), as the
    report's row column names only the row: 'tpl/posting.html.j2, line 1: '."""
    if not problem.get("within"):
        return ""
    where = Location(**problem.get("location", {})).text()
    return f"{where}: " if where else ""


REPORT_COLUMNS = ("row", "output", "status", "errors", "warnings")


def report_csv(rows: list[ReportRow]) -> bytes:
    """The per-document report as CSV a spreadsheet opens: several problems in one cell are
    one per line, and no cell is taken for a formula (csvcells). Sorted by the documents'
    order in the spec."""
    return b"".join(report_csv_chunks(rows))


def report_csv_chunks(rows: list[ReportRow], rows_per_chunk: int = 500) -> Iterator[bytes]:
    """report_csv a few hundred rows at a time: a build writes it without holding it whole."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    yield "\ufeff".encode()  # the BOM tells Excel it is UTF-8
    for count, row in enumerate(sorted(rows, key=lambda r: (r.number, r.output)), 1):
        writer.writerow(safe_row((row.row, row.output, row.status, "\n".join(row.errors),
                                  "\n".join(row.warnings))))
        if count % rows_per_chunk == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


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
    report, todo, unchanged, kept, stale = _plan(spec_path, pipeline, options, out_dir)
    if report.refused_strict:
        return report
    prunable = _prunable(stale, out_dir, options, report)
    if options.dry_run:
        report.built = len(todo)  # "would build"
        report.planned = sorted(
            [Planned(out_dir / t, e, False) for e, t, _ in todo]
            + [Planned(out_dir / t, todo.entries[i], True) for i, t, _, _, _ in unchanged],
            key=lambda planned: planned.entry.number)
        return report

    conversions = _conversions(todo, pipeline.convert_pdf)
    with conversions:  # its scratch folder goes however the build ends
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create it ({exc.strerror})", option="--out-dir",
                             value=out_dir) from None
        if (out_dir / MANIFEST_NAME).is_dir():
            raise InputError("is a folder; the build records what it writes in that file, so "
                             "move the folder away", file=out_dir / MANIFEST_NAME)
        # One build at a time per folder: two would remove each other's temporary files.
        with folder_lock(out_dir), StopRequest() as stop:
            _write_all(pipeline, options, progress, out_dir, report, todo, unchanged, kept,
                       stale, prunable, conversions, stop)
        stop.raise_if_requested()  # Ctrl-C: what was written is recorded; now stop
    report.warnings = _fewer_groups(report.warnings)
    for outputs in [*report.warnings.values(), *report.advice.values()]:
        outputs.sort()  # workers finish in any order; the console names documents in one
    return report


def _write_all(pipeline: Pipeline, options: BuildOptions, progress: ProgressFactory | None,
               out_dir: Path, report: BuildReport, todo: _Todo, unchanged, kept, stale,
               prunable, conversions: _Conversions, stop: StopRequest) -> None:
    """Build what is to be built into `out_dir`, recording everything in its manifest. After
    a Ctrl-C (`stop`), the documents under way are finished and recorded, no others begun."""
    remove_stale_temporaries(out_dir)
    if report.manifest_unreadable:
        _set_manifest_aside(out_dir, report)
    manifest = Manifest(out_dir / MANIFEST_NAME)
    for index, target, inputs, sha256, problems in unchanged:
        entry = todo.entries[index]
        if any(p.get("code") == LAW_REQUIRES and p.get("severity") == ERROR for p in problems):
            report.unpublishable.append(target)
        # Its row may have moved: recorded anew, with what was found when it was built.
        manifest.record(entry, target, sha256, inputs, problems)
        report.rows.append(ReportRow.of(_order(entry), entry.where, target, UNCHANGED,
                                        problems))
    for target, line in kept.items():
        manifest.keep(target, line)
    for target, recorded in stale.items():
        if target in prunable:
            _prune(out_dir, target, report)
        elif (out_dir / target).exists():
            manifest.keep(target, recorded.line)  # still its file: a later --prune may remove it
    report.rows += _invalid_rows(report.failures[:report.problem_count])
    try:
        with conversions, (progress or _no_progress)(len(todo)) as bar:
            for outcome in _outcomes(pipeline, todo, out_dir, options, stop):
                if outcome.docx is not None:
                    conversions.add(outcome)
                else:
                    _record(outcome, todo, manifest, report)
                bar.update(1)
                _flush_if_due(manifest)
            # Stopped: the PDFs' .docx were never written, so there is nothing to record.
            for outcome in () if stop.requested else conversions.convert(out_dir, todo):
                _record(outcome, todo, manifest, report)
                _flush_if_due(manifest)
    finally:
        # Also on Ctrl-C or a crash: what was written is recorded, so a rerun skips it. On a
        # full disk the build still ends with its summary and every document's failure.
        for write in (manifest.flush,
                      lambda: write_atomic(out_dir / REPORT_NAME, report_csv_chunks(report.rows))):
            try:
                write()
            except JdbuilderError as exc:
                report.unrecorded.append(replace(exc.problem, code=WRITE_FAILED))


def _flush_if_due(manifest: Manifest) -> None:
    """A failed flush mid-build is tried again later; the last one, at the end, reports."""
    with contextlib.suppress(JdbuilderError):
        manifest.flush_if_due()


def _set_manifest_aside(out_dir: Path, report: BuildReport) -> None:
    """An unusable manifest is kept under another name, said once, and everything rebuilt."""
    path = out_dir / MANIFEST_NAME
    try:
        kept = set_aside(path)
    except OSError as exc:
        raise InputError(f"unusable ({report.manifest_unreadable}) and cannot be renamed "
                         f"({exc.strerror}); move it away and rerun", file=path) from None
    report.notes.append(Problem("manifest", WARNING, f"unusable ({report.manifest_unreadable}); "
                                f"kept as {kept.name}, and every document rebuilt",
                                Location(file=str(path))))


def _invalid_rows(problems: list[Problem]) -> list[ReportRow]:
    """The rows the spec check refused, one line each, by their line or row in the spec."""
    by_place: dict[tuple[int, str], list[Problem]] = {}
    for problem in problems:
        where = problem.location
        key = (where.row or where.line or 0, replace(where, field=None).text())
        by_place.setdefault(key, []).append(problem)
    return [ReportRow.of(order, place, "", "invalid", tuple(found))
            for (order, place), found in by_place.items()]


def _order(entry: SpecEntry) -> int:
    """Where the document's row sits in the spec: its line, row, or number."""
    return entry.location.row or entry.location.line or entry.number


def _record(outcome: _Outcome, todo: _Todo, manifest: Manifest, report: BuildReport) -> None:
    entry, target, inputs = todo[outcome.index]
    if outcome.sha256 is None:
        error = outcome.error or Problem("build", ERROR, "not built")
        if error.location.file is None:
            error = error.at(**_where(entry))
        elif error.location.file != entry.location.file:  # a template's: say which row, too
            error = replace(error, within=Location(**_where(entry)))
        report.failures.append(error)
        manifest.failed(entry, target, error)
        report.rows.append(ReportRow.of(_order(entry), entry.where, target, "failed", (error,)))
    else:
        manifest.record(entry, target, outcome.sha256, inputs, outcome.problems)
        report.built += 1
        for problem in outcome.problems:
            said = report.advice if problem.severity == INFO else report.warnings
            said.setdefault(_summary(problem), []).append(target)
        if unpublishable(outcome.problems):
            report.unpublishable.append(target)
        report.rows.append(ReportRow.of(_order(entry), entry.where, target, BUILT,
                                        outcome.problems))


class _Conversions:
    """The build's PDFs: their .docx gathered as workers make them, then one LibreOffice run
    converts them all (its start-up costs seconds; per document it is a fraction of one)."""

    def __init__(self, batch: PdfBatch | None) -> None:
        self.batch = batch
        self.waiting: dict[int, _Outcome] = {}  # number in the batch -> the docx's outcome

    def __enter__(self) -> _Conversions:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self.batch is not None:
            self.batch.close()

    def add(self, outcome: _Outcome) -> None:
        assert self.batch is not None and outcome.docx is not None
        self.waiting[self.batch.add(outcome.docx)] = outcome._replace(docx=None)

    def convert(self, out_dir: Path, todo: _Todo) -> Iterator[_Outcome]:
        if self.batch is None or not self.waiting:
            return
        try:
            results = list(self.batch.convert())
        except JdbuilderError as exc:
            yield from (outcome._replace(error=exc.problem) for outcome in self.waiting.values())
            return
        for number, result in results:
            outcome = self.waiting[number]
            if isinstance(result, JdbuilderError):
                yield outcome._replace(error=result.problem)
                continue
            yield _written(out_dir, todo[outcome.index][1], result, outcome)


def _conversions(todo: _Todo, convert_pdf: Callable[[bytes, dt.datetime], bytes] | None = None
                 ) -> _Conversions:
    """A PDF batch when the build has PDFs to make: LibreOffice is looked for before anything
    is built, so a machine without it fails at once with what to install. A server's warm
    LibreOffice (`convert_pdf`) converts them instead of one started for the build."""
    if not todo.formats & set(CONVERTED_FORMATS):
        return _Conversions(None)
    from .clock import created_timestamp
    from .writers.pdf import PdfBatch

    return _Conversions(PdfBatch(created_timestamp(), convert=convert_pdf))


class _Todo(Sequence[tuple[SpecEntry, str, str]]):
    """What to build: each document's entry, path under the out-dir and inputs fingerprint.
    The entries stay packed (jdbuilder.spec.packed) until a document is built or recorded."""

    def __init__(self, entries: PackedEntries) -> None:
        self.entries = entries
        self.formats: set[str] = set()
        # Held for every document until the build ends, so in flat arrays rather than a tuple
        # each: the entry's index in `entries`, its path, and its inputs fingerprint as raw
        # bytes (32 a document rather than 64 characters of hex).
        self._indexes = array("q")
        self._targets: list[str] = []
        self._inputs = bytearray()

    def append(self, index: int, entry: SpecEntry, target: str, inputs: str) -> None:
        self._indexes.append(index)
        self._targets.append(target)
        self._inputs += bytes.fromhex(inputs)
        self.formats.add(entry.format)

    def task(self, position: int) -> tuple[int, bytes, str]:
        """What a worker needs to build the document: its position here, entry and path."""
        return position, self.entries.packed(self._indexes[position]), self._targets[position]

    def __len__(self) -> int:
        return len(self._targets)

    @overload
    def __getitem__(self, position: int) -> tuple[SpecEntry, str, str]: ...

    @overload
    def __getitem__(self, position: slice) -> list[tuple[SpecEntry, str, str]]: ...

    def __getitem__(self, position: int | slice
                    ) -> tuple[SpecEntry, str, str] | list[tuple[SpecEntry, str, str]]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if not -len(self) <= position < len(self):
            raise IndexError(position)  # also ends iteration (Sequence.__iter__)
        position %= len(self)
        inputs = self._inputs[_FINGERPRINT_SIZE * position:_FINGERPRINT_SIZE * (position + 1)]
        return self.entries[self._indexes[position]], self._targets[position], inputs.hex()


_FINGERPRINT_SIZE = hashlib.sha256().digest_size


# The entry's index in the todo's entries, path, inputs fingerprint, SHA-256, problems found.
_Unchanged = list[tuple[int, str, str, str, tuple[dict[str, Any], ...]]]


def _prunable(stale: dict[str, Recorded], out_dir: Path, options: BuildOptions,
              report: BuildReport) -> set[str]:
    """Which stale documents --prune may remove: only files the manifest says this tool wrote
    and that are byte for byte what it wrote, and only when every row of the spec is valid (a
    mistyped row produces nothing now, yet its document is not stale)."""
    report.stale = [out_dir / target for target in sorted(stale)
                    if (out_dir / target).is_file()]
    if not options.prune or not stale:
        return set()
    if report.invalid:
        report.prune_kept.append(Problem("prune", INFO, f"removed nothing: {report.invalid} "
                                         "row(s) are invalid; fix them and rerun",
                                         Location(option="--prune")))
        return set()
    prunable = set()
    for target, recorded in sorted(stale.items()):
        path = out_dir / target
        if path.is_symlink() or not path.is_file() or recorded.sha256 == "None":
            continue  # gone already, or its last record is a failure: not known as ours
        if _file_sha256(path) != recorded.sha256:
            report.prune_kept.append(Problem("prune", INFO, "changed after jdbuilder wrote "
                                             "it; left alone (delete it yourself if it should "
                                             "go)", Location(file=str(path))))
            continue
        prunable.add(target)
    report.pruned = [out_dir / target for target in sorted(prunable)]
    report.stale = [path for path in report.stale if path not in report.pruned]
    return prunable


def _prune(out_dir: Path, target: str, report: BuildReport) -> None:
    """Remove one stale document, and the folders under out_dir it leaves empty."""
    path = out_dir / target
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        report.prune_kept.append(Problem("prune", WARNING, f"cannot remove it "
                                         f"({exc.strerror})", Location(file=str(path))))
        return
    folder = path.parent
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break
        folder = folder.parent


def _plan(spec_path: Path, pipeline: Pipeline, options: BuildOptions, out_dir: Path
          ) -> tuple[BuildReport, _Todo, _Unchanged, dict[str, str], dict[str, Recorded]]:
    """The report so far; what to build; what is unchanged since the last run (with its
    SHA-256); the records to keep meanwhile for documents about to be rebuilt (complete
    files, if stale ones); and the records of documents no row produces now."""
    loaded = read_spec(spec_path, pipeline, options.default_format, sheet=options.sheet,
                       strict=options.strict, defaults=options.defaults,
                       max_documents=options.max_documents, shown_as=options.spec_name)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("is a file, not a folder; choose a folder", option="--out-dir",
                         value=out_dir)
    report = BuildReport(out_dir, documents=loaded.document_count, invalid=loaded.invalid_count,
                         dry_run=options.dry_run, notes=loaded.notes)
    report.failures += loaded.problems
    entries = loaded.entries
    assert isinstance(entries, PackedEntries)
    targets = _checked_targets(loaded, out_dir, report)
    report.problem_count = len(report.failures)
    if options.strict and report.invalid:
        report.refused_strict = True
        return report, _Todo(entries), [], {}, {}
    fingerprints = _Fingerprints(environment_fingerprint(pipeline, out_dir))
    previous, report.manifest_unreadable = load_recorded(out_dir)
    if report.manifest_unreadable and options.dry_run:
        report.notes.append(Problem("manifest", WARNING, f"unusable ({report.manifest_unreadable}); "
                                    "a build would set it aside "
                                    "and rebuild everything",
                                    Location(file=str(out_dir / MANIFEST_NAME))))
    todo = _Todo(entries)
    unchanged: _Unchanged = []
    kept: dict[str, str] = {}
    uses_reference = False
    for index, target in targets:
        entry = entries[index]  # unpacked for this, and again when built and recorded
        uses_reference = uses_reference or REGISTRY[entry.format].uses_reference
        inputs = fingerprints.of(entry, target)
        record = previous.get(target)
        found = _file_sha256(out_dir / target) if record is not None else None
        if record is not None and found == record.sha256:
            if not options.force and record.inputs == inputs:
                unchanged.append((index, target, inputs, record.sha256, record.problems))
                continue
            kept[target] = record.line
        todo.append(index, entry, target, inputs)
    report.unchanged = len(unchanged)
    if uses_reference:
        pipeline.check_reference()  # before any work: once, not once per document
    stale: dict[str, Recorded] = {}
    if previous:  # a first build has nothing stale: no set of every target is made for it
        produced = {target.casefold() for _, target in targets}
        produced |= {loaded.outputs[number].casefold() for number in loaded.outputs}
        stale = {target: record for target, record in previous.items()
                 if target.casefold() not in produced}
    return report, todo, unchanged, kept, stale


def _checked_targets(loaded: LoadedSpec, out_dir: Path, report: BuildReport
                     ) -> list[tuple[int, str]]:
    """The valid entries (by index) with their paths, minus those a symbolic link would take
    outside."""
    root = os.path.realpath(out_dir)
    entries = loaded.entries
    assert isinstance(entries, PackedEntries)
    targets = []
    for index, number in enumerate(entries.numbers):
        target = loaded.outputs[number]
        problem = escape_problem(root, out_dir / target)
        if problem:  # the row's output field names the file
            report.failures.append(Problem("output", ERROR, problem,
                                           entries[index].location.at(field="output")))
            report.invalid += 1
            continue
        targets.append((index, target))
    return targets


def escape_problem(real_root: str, target: Path) -> str | None:
    """Why writing `target` would leave the out-dir through a symbolic link, or replace
    something that is not a file (a pipe would hang whoever reads it as the document); None
    when it can be written."""
    if target.is_symlink():
        return "is a symbolic link; remove it or choose another output"
    kind = _not_a_file(target)
    if kind:
        return f"is {kind}, not a file; remove it or choose another output"
    parent = os.path.realpath(target.parent)
    if parent != real_root and not parent.startswith(real_root.rstrip(os.sep) + os.sep):
        return ("leads outside the output folder through a symbolic link; choose an output "
                "inside it")
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
        # A position file's content too: editing it rebuilds the documents made from it.
        tailored = (dataclasses.asdict(request.position_file)
                    if request.position_file is not None else None)
        payload = json.dumps([self.environment, request.kind, request.specialization,
                              request.level, position, tailored, entry.format, target,
                              self._organizations[org_key]], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _not_a_file(path: Path) -> str | None:
    """'a pipe', 'a folder', ... for what is at `path` when it is there and not a regular file."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    return ("a folder" if stat.S_ISDIR(mode) else "a pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device")


def _file_sha256(path: Path) -> str | None:
    """The file's SHA-256; None when it is missing, unreadable or not a regular file (opened
    without blocking, so a pipe put in a document's place is never waited on)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        digest = hashlib.sha256()
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(descriptor)


# ---------------------------------------------------------------------------------------------
# Building: in this process for one job, else in worker processes


class _Outcome(NamedTuple):
    index: int
    sha256: str | None  # None: failed, or made but still to be converted (see `docx`)
    problems: tuple[Problem, ...] = ()  # input warnings and quality findings
    error: Problem | None = None
    docx: bytes | None = None  # a PDF's .docx, converted with the others after the build


def _failed(index: int, message: str, code: str = "build") -> _Outcome:
    return _Outcome(index, None, error=Problem(code, ERROR, message))


def _where(entry: SpecEntry) -> dict[str, Any]:
    """The entry's line or row, for a problem that knows none of its own."""
    return {"file": entry.location.file, "line": entry.location.line, "row": entry.location.row}


@dataclass(frozen=True)
class _Job:
    """What every worker needs; inherited through fork, so it is never copied per task."""

    sources: Sources
    profile: Profile
    renderer: Renderer  # its templates compiled by the first document, built before the fork
    entries: PackedEntries  # to unpack the entries each task brings (not to read them here)
    out_dir: Path
    parent_pid: int
    options: BuildOptions
    stop: Any  # StopRequest.event: set, the worker returns what it has built so far


# One per worker process, set by its initializer: a worker's Pipeline must outlive the tasks.
_worker: tuple[Pipeline, _Job] | None = None


def _start_worker(job: _Job) -> None:
    global _worker
    _die_with_parent(job.parent_pid)
    ignore_interrupts_in_worker()
    _worker = (Pipeline(job.sources, profile=job.profile, renderer=job.renderer), job)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the build that started it dies (kill -9 included).
    Otherwise a worker can block forever writing a result no one reads (its siblings hold the
    pipe open), holding the caller's standard output open with it."""
    if sys.platform.startswith("linux"):
        import ctypes

        # Without prctl, the parent-pid checks between documents still stop the worker.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request took effect


def _build_chunk(tasks: list[tuple[int, bytes, str]]) -> list[_Outcome]:
    """Build each (position in the todo, packed entry, path): the entries come with the task,
    so a worker never touches the parent's copies it inherited (each touch would copy a page)."""
    assert _worker is not None, "worker started without its initializer"
    pipeline, job = _worker
    outcomes = []
    for index, packed, target in tasks:
        if os.getppid() != job.parent_pid:
            os._exit(1)  # the parent was killed: stop rather than write on unasked
        if job.stop.is_set():
            break  # Ctrl-C: what is built so far goes back to be recorded
        outcomes.append(_build_one(pipeline, job.entries.unpack(packed), job.out_dir, target,
                                   index, job.options))
    return outcomes


def _build_one(pipeline: Pipeline, entry: SpecEntry, out_dir: Path, target: str, index: int,
               options: BuildOptions) -> _Outcome:
    converted = entry.format in CONVERTED_FORMATS
    try:
        # A PDF is made as its .docx here; the parent converts them all in one LibreOffice run.
        made = make_parsed(entry.request, "docx" if converted else entry.format, pipeline,
                           entry.organization, quality_checks=options.quality_checks)
        refused = refusal(made, options.strict)
        if refused:
            return _Outcome(index, None, error=refused)
        if converted:
            return _Outcome(index, None, made.problems, docx=made.content)
    except JdbuilderError as exc:
        return _Outcome(index, None, error=exc.problem)
    except Exception as exc:  # a bug: report it for this document, build the others
        return _failed(index, f"internal error, please report it: {type(exc).__name__}: {exc}",
                       "internal")
    return _written(out_dir, target, made.content, _Outcome(index, None, made.problems))


def _written(out_dir: Path, target: str, content: bytes, outcome: _Outcome) -> _Outcome:
    """The outcome once its document is on disk, or its failure to get there (a full disk)."""
    try:
        write_atomic_under(out_dir, target, content)
    except JdbuilderError as exc:
        return outcome._replace(sha256=None, error=replace(exc.problem, code=WRITE_FAILED))
    return outcome._replace(sha256=hashlib.sha256(content).hexdigest())


def _summary(problem: Problem) -> str:
    """What a build says once for all documents with this problem: a gap in the inputs (it
    names the field to fill in) by its message; a quality finding by its check and what it
    found, an error-level one as what must be fixed before the document is published."""
    if problem.location.field is not None:
        return problem.message
    said = f"{problem.code}: {problem.message}"
    return f"{MUST_FIX} before publishing: {said}" if problem.severity == ERROR else said


def _fewer_groups(warnings: dict[str, list[str]]) -> dict[str, list[str]]:
    """The console's groups, with a check that found something worded differently in many
    documents (figures, quoted sentences) named once for them all."""
    by_check: dict[str, list[str]] = {}
    for said in warnings:
        check = said.removeprefix(f"{MUST_FIX} before publishing: ").partition(":")[0]
        by_check.setdefault(check, []).append(said)
    fewer: dict[str, list[str]] = {}
    for check, groups in by_check.items():
        if len(groups) <= MAX_GROUPS_PER_CHECK:
            fewer.update((said, warnings[said]) for said in groups)
            continue
        outputs = sorted({output for said in groups for output in warnings[said]})
        severe = any(said.startswith(MUST_FIX) for said in groups)
        fewer[f"{f'{MUST_FIX} before publishing: ' if severe else ''}{check}: findings in "
              f"{len(groups)} wordings (`jdbuilder check` shows each)"] = outputs
    return fewer


def _stop_if_asked(options: BuildOptions) -> None:
    reason = options.stop_when() if options.stop_when is not None else None
    if reason:
        raise BuildStopped(reason)


def _outcomes(pipeline: Pipeline, todo: _Todo, out_dir: Path,
              options: BuildOptions, stop: StopRequest) -> Iterator[_Outcome]:
    jobs = options.jobs or os.cpu_count() or 1
    chunk = max(1, min(MAX_CHUNK, len(todo) // (jobs * 8)))
    workers = min(jobs, -(-len(todo) // chunk))
    serial = todo if workers <= 1 else todo[:1]
    for index, (entry, target, _) in enumerate(serial):
        if stop.requested:
            return
        _stop_if_asked(options)
        # With workers, the first document is built here: that loads the reference document
        # once, and forked workers inherit it instead of each reading it again.
        yield _build_one(pipeline, entry, out_dir, target, index, options)
    if workers <= 1:
        return
    job = _Job(pipeline.sources, pipeline.profile, pipeline.renderer, todo.entries, out_dir,
               os.getpid(), options, stop.event)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = ([todo.task(i) for i in range(start, min(start + chunk, len(todo)))]
              for start in range(len(serial), len(todo), chunk))
    # Everything made so far is left out of the garbage collector's rounds: a forked worker's
    # collector would otherwise write to every object it inherited, copying each page.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker, initargs=(job,))
    try:
        # A bounded window of tasks in flight: results stream back, parent memory stays flat.
        pending = {pool.submit(_build_chunk, c): c for c in islice(chunks, workers * 2)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                tasks = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): the rest is reported, not lost.
                    lost = [task[0] for task in (*tasks, *(t for c in pending.values() for t in c),
                                                 *(t for c in chunks for t in c))]
                    pending.clear()
                    yield from (_failed(index, "a worker process stopped unexpectedly; rerun "
                                                "to continue", "internal") for index in lost)
                    break
                _stop_if_asked(options)
                following = None if stop.requested else next(chunks, None)
                if following is not None:
                    pending[pool.submit(_build_chunk, following)] = following
                yield from outcomes
    except BaseException:  # Ctrl-C, or the caller stopped early: do not wait for the workers
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    pool.shutdown(wait=True)
