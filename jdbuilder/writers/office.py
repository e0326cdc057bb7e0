"""A LibreOffice kept warm for a server: PDFs in a fraction of a second instead of seconds.

`convert_docx` starts LibreOffice for every call: a few seconds each, which a web page's PDF
button pays every time. A `WarmOffice` starts one LibreOffice (on first use, or at `start()`),
listening on a private pipe, and drives it over UNO through a small worker process
(office_worker.py, run by a Python that can `import uno`: Debian's python3-uno belongs to the
system Python, not to a virtual environment). Conversions go one at a time through it; an
`OfficePool` of several serves as many at once. A LibreOffice that dies or hangs is killed and
started anew on the next request.

The export is the same filter with the same options as `convert_docx`, and the result is stamped
by the same `stamp_pdf`: the bytes are identical (a test compares them). Where no Python with
uno is found, PDFs are made by `convert_docx` as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .pdf import (
    EXPORT_OPTIONS,
    INSTALL_HINT,
    SECONDS_PER_DOCUMENT,
    STARTUP_SECONDS,
    ConverterError,
    convert_docx,
    find_soffice,
    stamp_pdf,
)

WORKER = Path(__file__).with_name("office_worker.py")
UNO_PYTHON_ENV = "JDBUILDER_UNO_PYTHON"
# Where a Python with uno usually is: this one, the system's (Debian's python3-uno), and the one
# LibreOffice's own builds bring next to soffice (macOS, Windows).
_SYSTEM_PYTHONS = ("/usr/bin/python3",)
_OPTIONS = {name: option["value"] == "true" for name, option in EXPORT_OPTIONS.items()}

def uno_python(soffice: str | None = None) -> str | None:
    """A Python that can `import uno` ($JDBUILDER_UNO_PYTHON first), or None."""
    explicit = os.environ.get(UNO_PYTHON_ENV)
    candidates = [explicit] if explicit else [sys.executable, *_SYSTEM_PYTHONS]
    if not explicit and soffice:
        program = Path(os.path.realpath(soffice)).parent
        candidates += [str(program / "python"), str(program / "python.exe")]
    for candidate in dict.fromkeys(candidates):
        if not candidate or not Path(candidate).is_file():
            continue
        try:
            # -I: neither the current folder (a folder named uno there passes for the module)
            # nor PYTHONPATH decides; the worker runs the same way.
            found = subprocess.run([candidate, "-I", "-c", "import uno, pyuno"],
                                   capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return candidate
    return None


class WarmOffice:
    """One LibreOffice and its UNO worker; `convert` is safe to call from many threads (one
    conversion at a time: the others wait their turn)."""

    def __init__(self, python: str, soffice: str) -> None:
        self.python = python
        self.soffice = soffice
        self._lock = threading.Lock()
        self._worker: subprocess.Popen[str] | None = None
        self._office_group: int | None = None
        self._scratch: Path | None = None
        self.starts = 0  # how many times LibreOffice was started (restarts included)

    def start(self) -> None:
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> subprocess.Popen[str]:
        if self._worker is not None and self._worker.poll() is None:
            return self._worker
        self._stop()
        self._scratch = Path(tempfile.mkdtemp(prefix="jdbuilder-office-"))
        profile = (self._scratch / "profile").as_uri()
        try:
            worker = subprocess.Popen([self.python, "-I", str(WORKER), self.soffice, profile],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, bufsize=1)
        except OSError as exc:
            raise ConverterError(f"cannot run it to drive LibreOffice ({exc.strerror or exc}); "
                                 f"{INSTALL_HINT}", file=self.python) from None
        self._worker = worker
        answer = self._read(STARTUP_SECONDS, "start")
        self._office_group = answer.get("pid")
        self.starts += 1
        return worker

    def _read(self, timeout: float, doing: str) -> dict:
        worker = self._worker
        assert worker is not None and worker.stdout is not None
        ready, _, _ = select.select([worker.stdout], [], [], timeout)
        line = worker.stdout.readline() if ready else ""
        if not line:
            self._stop()
            why = (f"did not {doing} within {timeout:.0f} s" if not ready
                   else "stopped unexpectedly")
            raise ConverterError(f"LibreOffice ({self.soffice}) {why}; the next PDF starts it "
                                 "anew")
        return json.loads(line)

    def convert(self, document: bytes, created: dt.datetime) -> bytes:
        """The .docx `document` as a PDF stamped with `created`, as convert_docx makes it."""
        with self._lock:
            for attempt in (1, 2):
                worker = self._ensure_started()
                assert self._scratch is not None and worker.stdin is not None
                source = self._scratch / "document.docx"
                target = self._scratch / "document.pdf"
                source.write_bytes(document)
                target.unlink(missing_ok=True)
                try:
                    worker.stdin.write(json.dumps({"source": str(source), "target": str(target),
                                                   "options": _OPTIONS}) + "\n")
                    worker.stdin.flush()
                except (BrokenPipeError, OSError):
                    self._stop()
                    if attempt == 2:
                        raise ConverterError("LibreOffice stopped and could not be started "
                                             "again") from None
                    continue  # it had died since the last request: once more, started anew
                answer = self._read(SECONDS_PER_DOCUMENT, "convert the document")
                if answer.get("ok") and target.is_file() and target.stat().st_size:
                    return stamp_pdf(target.read_bytes(), created)
                if not answer.get("alive", True):
                    self._stop()
                    if attempt == 1:
                        continue
                raise ConverterError(f"LibreOffice ({self.soffice}) wrote no PDF for this "
                                     f"document ({answer.get('error', 'no reason given')}); "
                                     "check that the .docx opens, e.g. with --format docx")
        raise AssertionError("not reached")

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            with contextlib.suppress(OSError):
                if worker.stdin is not None:
                    worker.stdin.close()  # the worker closes LibreOffice and exits
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            if worker.stdout is not None:
                worker.stdout.close()
        if self._office_group is not None:
            # A worker that was killed or hung leaves its LibreOffice behind: end it too.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._office_group, signal.SIGKILL)
            self._office_group = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


class OfficePool:
    """`size` warm LibreOffices: up to `size` conversions at once, the rest queue for the first
    one free. Each starts on its first use (or all at `start()`). Which Python drives them is
    looked for on first use too; where none can `import uno`, each PDF is made by
    `convert_docx` (LibreOffice started for it), and `warm` says so."""

    def __init__(self, size: int = 1, soffice: str | None = None, python: str | None = None
                 ) -> None:
        self.size = max(1, size)
        self.soffice = soffice or find_soffice()
        self._python = python
        self._looked = python is not None
        self._lock = threading.Lock()
        self.offices: list[WarmOffice] = []
        self._free: queue.Queue[WarmOffice] = queue.Queue()

    @property
    def warm(self) -> bool:
        """Whether PDFs go through a LibreOffice kept running (looks for uno once)."""
        with self._lock:
            if not self._looked:
                self._python = uno_python(self.soffice)
                self._looked = True
                if self._python is not None:
                    self.offices = [WarmOffice(self._python, self.soffice)
                                    for _ in range(self.size)]
                    for office in self.offices:
                        self._free.put(office)
            return self._python is not None

    def start(self) -> None:
        """Start every LibreOffice now rather than on first use."""
        if self.warm:
            for office in self.offices:
                office.start()

    @contextlib.contextmanager
    def _office(self) -> Iterator[WarmOffice]:
        office = self._free.get()
        try:
            yield office
        finally:
            self._free.put(office)

    def convert(self, document: bytes, created: dt.datetime) -> bytes:
        if not self.warm:
            return convert_docx(document, created, self.soffice)
        with self._office() as office:
            return office.convert(document, created)

    def close(self) -> None:
        for office in self.offices:
            office.close()


def warm_pool(size: int) -> OfficePool | None:
    """A pool of `size` warm LibreOffices, or None when size is 0 or LibreOffice is missing
    (then each PDF request says what to install, as the command line does)."""
    if size <= 0:
        return None
    try:
        return OfficePool(size)
    except ConverterError:  # no LibreOffice: a PDF request says what to install
        return None
