"""What hostile or merely huge inputs cost: peak memory and time of the cases issue #22 measured.

    python benchmarks/bench_hostile.py build 10000 [--jobs N]   # CLI build of N postings, checks on
    python benchmarks/bench_hostile.py upload 50000             # POST /api/build, /api/profile meanwhile
    python benchmarks/bench_hostile.py disconnect 2000          # the client goes away mid-build
    python benchmarks/bench_hostile.py disconnect 2000 --server gunicorn   # ... under gunicorn
    python benchmarks/bench_hostile.py wordwrap                  # the wordwrap template
    python benchmarks/bench_hostile.py check                     # 9 MB one-line .md files, `check`
    python benchmarks/bench_hostile.py all                       # each of the above once (10k rows)

Each case runs the installed command (`python -m jdbuilder`) in a temporary folder and prints its
figures: wall time, the peak resident memory of the process tree (sampled from /proc every 20 ms,
and the kernel's own peak for the largest process), and how it ended. Asserts nothing; `--timeout`
stops a case that runs too long and says so.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

SPECIALIZATIONS = ("admissions", "financial-aid", "registration", "residence-life",
                   "student-center")
LEVELS = ("contributing", "journey", "advanced")
HEADER = ("kind", "specialization", "level", "title", "department", "position_number",
          "salary_min", "salary_max", "employment_type", "location", "closes")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def write_csv_spec(path: Path, count: int, fmt: str | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER + (("format",) if fmt else ()))
        for i in range(count):
            spec = i % len(SPECIALIZATIONS)
            writer.writerow(("posting", SPECIALIZATIONS[spec], LEVELS[i % 3],
                             f"Student Services Specialist {i:05d}", "Office of Admissions",
                             f"{i:08d}", str(42000 + 500 * (i % 7)), str(52000 + 500 * (i % 7)),
                             "full-time", "Chapel Hill, NC", "2027-01-15")
                            + ((fmt,) if fmt else ()))
    return path


def _tree_rss(root: int) -> tuple[int, int, int]:
    """Resident bytes of `root` and every process below it, now: (all together, `root`
    alone, the largest process below it). Forked workers share pages with their parent, so the
    sum counts those more than once; the other two do not."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * PAGE_SIZE
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        if pid != root:
            largest = max(largest, rss.get(pid, 0))
        todo += children.get(pid, [])
    return total, rss.get(root, 0), largest


class Sampler:
    """The peak of a process tree's resident memory, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, (0, 0, 0), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = _tree_rss(self.pid)
            self.peak = tuple(max(a, b) for a, b in zip(self.peak, now))  # type: ignore[assignment]
            self._stop.wait(0.02)

    def stop(self) -> tuple[int, int, int]:
        """Peaks of (the tree's sum, the process itself, its largest child)."""
        self._stop.set()
        self._thread.join()
        return self.peak


def run_measured(arguments: list[str], cwd: Path, timeout: float) -> dict[str, object]:
    started = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    try:
        out, err = process.communicate(timeout=timeout)
        ended = f"exit {process.returncode}"
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        ended = f"stopped after {timeout:g} s (still running)"
    seconds = time.perf_counter() - started
    tree, own, child = sampler.stop()
    last = (err.strip().splitlines() or out.strip().splitlines() or [""])[-1]
    return {"seconds": seconds, "tree_mb": tree / 2**20, "own_mb": own / 2**20,
            "child_mb": child / 2**20, "ended": ended, "last": last[:160]}


def command() -> list[str]:
    return [sys.executable, "-m", "jdbuilder"]


def case_build(rows: int, jobs: int | None, timeout: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = write_csv_spec(Path(folder) / "jobs.csv", rows)
        arguments = [*command(), "-q", "build", str(spec), "-o", "out"]
        if jobs:
            arguments += ["--jobs", str(jobs)]
        found = run_measured(arguments, Path(folder), timeout)
    print(f"build {rows:,} rows (checks on, --jobs {jobs or 'default'}): "
          f"{found['seconds']:.1f} s, {found['seconds'] / rows * 1000:.2f} ms/row; peak RSS "
          f"of the build {found['own_mb']:.0f} MB, of its largest worker "
          f"{found['child_mb']:.0f} MB (all summed, shared pages counted twice: "
          f"{found['tree_mb']:.0f} MB); {found['ended']}  [{found['last']}]")


def _multipart(field: str, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def case_upload(rows: int, timeout: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = write_csv_spec(Path(folder) / "jobs.csv", rows).read_bytes()
        server = subprocess.Popen([*command(), "serve", "--no-browser", "--port", "0"],
                                  cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True)
        try:
            assert server.stdout is not None
            url = re.search(r"http://\S+/", server.stdout.readline()).group(0)  # type: ignore[union-attr]
            urllib.request.urlopen(f"{url}api/profile", timeout=30).read()
            time.sleep(10)  # the server warms LibreOffice as it starts: let that finish first
            sampler = Sampler(server.pid)
            body, content_type = _multipart("spec", "jobs.csv", spec)
            outcome: dict[str, object] = {}

            def upload() -> None:
                started = time.perf_counter()
                request = urllib.request.Request(f"{url}api/build", data=body, method="POST",
                                                 headers={"Content-Type": content_type})
                try:
                    with urllib.request.urlopen(request, timeout=timeout) as response:
                        outcome["status"] = response.status
                        outcome["bytes"] = len(response.read())
                except urllib.error.HTTPError as exc:
                    outcome["status"] = exc.code
                    outcome["said"] = json.loads(exc.read() or b"{}").get("error", "")
                except OSError as exc:
                    outcome["status"] = f"no answer ({exc})"
                outcome["seconds"] = time.perf_counter() - started

            thread = threading.Thread(target=upload)
            thread.start()
            profile_times = []
            while thread.is_alive():
                started = time.perf_counter()
                urllib.request.urlopen(f"{url}api/profile", timeout=30).read()
                profile_times.append((time.perf_counter() - started) * 1000)
                time.sleep(0.1)
            thread.join()
            peak = sampler.stop()[0]
        finally:
            server.terminate()
            server.wait(10)
    times = sorted(profile_times) or [0.0]
    print(f"upload {rows:,} rows ({len(spec) / 2**20:.1f} MB CSV) to POST /api/build: "
          f"HTTP {outcome.get('status')} after {outcome.get('seconds', 0):.1f} s "
          f"{outcome.get('said', '')}; server peak RSS {peak / 2**20:.0f} MB; "
          f"GET /api/profile meanwhile: {len(profile_times)} answers, median "
          f"{times[len(times) // 2]:.0f} ms, p95 {times[int(len(times) * 0.95)]:.0f} ms, "
          f"slowest {times[-1]:.0f} ms (load average {os.getloadavg()[0]:.1f})")


def _start_server(name: str, folder: str) -> tuple[subprocess.Popen, str, int]:
    """`jdbuilder serve`, or gunicorn as docs/hosting.md runs it (one worker, 4 threads)."""
    if name == "gunicorn":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen([str(gunicorn), "--workers", "1", "--threads", "4",
                                   "--timeout", "300", "-b", "127.0.0.1:0",
                                   "jdbuilder.web:create_app(pdf_workers=0)"], cwd=folder,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert server.stderr is not None
        for line in server.stderr:
            found = re.search(r"Listening at: http://(\S+):(\d+)", line)
            if found:
                return server, found.group(1), int(found.group(2))
        raise SystemExit("gunicorn did not start (pip install gunicorn)")
    server = subprocess.Popen([*command(), "serve", "--no-browser", "--port", "0",
                               "--pdf-workers", "0"], cwd=folder, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert server.stdout is not None
    found = re.search(r"http://(\S+):(\d+)/", server.stdout.readline())
    return server, found.group(1), int(found.group(2))  # type: ignore[union-attr]


def _tree_ticks(root: int) -> int:
    """Processor ticks used so far by `root` and every process below it (gunicorn's worker)."""
    children: dict[int, list[int]] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stream:
                    fields = stream.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
            ticks[int(entry)] = int(fields[11]) + int(fields[12])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += children.get(pid, [])
    return total


def case_disconnect(rows: int, server_name: str = "serve") -> None:
    """A client that sends the largest upload, then goes away after 3 s: how soon the server's
    build stops (its temporary folder goes) and what processor it uses after."""
    import glob
    import socket

    with tempfile.TemporaryDirectory() as folder:
        spec = write_csv_spec(Path(folder) / "jobs.csv", rows).read_bytes()
        server, host, port = _start_server(server_name, folder)
        try:
            body, content_type = _multipart("spec", "jobs.csv", spec)
            before = set(glob.glob(f"{tempfile.gettempdir()}/jdbuilder-web-*"))
            client = socket.create_connection((host, port))
            client.sendall(f"POST /api/build HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: "
                           f"{content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                           + body)
            time.sleep(3)
            building = set(glob.glob(f"{tempfile.gettempdir()}/jdbuilder-web-*")) - before
            client.close()
            closed = time.perf_counter()
            while building & set(glob.glob(f"{tempfile.gettempdir()}/jdbuilder-web-*")) and \
                    time.perf_counter() - closed < 60:
                time.sleep(0.05)
            stopped = time.perf_counter() - closed

            first = _tree_ticks(server.pid)
            time.sleep(2)
            after = _tree_ticks(server.pid) - first
        finally:
            server.terminate()
            server.wait(10)
    print(f"{server_name}: client gone 3 s into a {rows:,}-row upload: the build stopped "
          f"{stopped:.1f} s later (60 = not within a minute) "
          f"(it was building: {bool(building)}); server CPU in the 2 s after: {after} ticks")


WORDWRAP = "{{ ('x' * 1000000) | wordwrap(1) }}\n"


def case_wordwrap(timeout: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        templates = Path(folder) / "templates"
        templates.mkdir()
        (templates / "posting.html.j2").write_text(WORDWRAP, encoding="utf-8")
        found = run_measured([*command(), "--templates", str(templates), "posting", "-s",
                              "admissions", "-l", "journey", "--format", "txt", "-o", "-"],
                             Path(folder), timeout)
    print(f"template {WORDWRAP.strip()}: {found['seconds']:.1f} s, peak RSS "
          f"{found['own_mb']:.0f} MB; {found['ended']}  [{found['last']}]")


# 9 MB on one line, written five ways: ordinary sentences, a run of abbreviations that never
# ends a sentence, words of 250,000 letters, and two kinds of Markdown opened and never closed.
CHECK_UNITS = {"sentences": "The specialist advises students on admission and aid. ",
               "Dr.": "Dr. ", "long words": "a" * 250_000 + " ", "*emphasis": "*a ",
               "[link](": "[x](y "}
# In a warm process (as the server runs it): a small check first, so only the document counts.
WARM_CHECK = """
import sys, time
from pathlib import Path
from jdbuilder.checking import check_files
from jdbuilder.pipeline import Pipeline
pipeline = Pipeline()
small = Path(sys.argv[2])
small.write_text("# Job\\n\\nWe advise students.\\n", encoding="utf-8")
check_files([small], pipeline)
started, cpu = time.perf_counter(), time.process_time()
check_files([Path(sys.argv[1])], pipeline)
print(f"{time.perf_counter() - started:.2f} {time.process_time() - cpu:.2f}")
"""


def case_check(megabytes: int, timeout: float) -> None:
    """`jdbuilder check` of each 9 MB one-line .md: the whole command (wall and processor time,
    start-up included) and the check alone in a warm process, as POST /api/check runs it."""
    print(f"check a {megabytes} MB one-line .md (load average "
          f"{os.getloadavg()[0]:.1f}); wall / processor seconds:")
    for name, unit in CHECK_UNITS.items():
        with tempfile.TemporaryDirectory() as folder:
            document = Path(folder) / "one-line.md"
            document.write_text(unit * (megabytes * 2**20 // len(unit)), encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            found = run_measured([*command(), "check", str(document)], Path(folder), timeout)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            warm = subprocess.run([sys.executable, "-c", WARM_CHECK, str(document),
                                   str(Path(folder) / "small.md")], cwd=folder,
                                  capture_output=True, text=True, timeout=timeout)
            alone = warm.stdout.split() or ["-", "-"]
        print(f"  {name:<11} command {found['seconds']:5.1f} / {cpu:4.1f} s, peak RSS "
              f"{found['own_mb']:4.0f} MB, {found['ended']}; warm check alone {alone[0]} / "
              f"{alone[1]} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=("build", "upload", "disconnect", "wordwrap", "check",
                                         "all"))
    parser.add_argument("rows", type=int, nargs="?", default=10_000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--megabytes", type=int, default=9)
    parser.add_argument("--server", choices=("serve", "gunicorn"), default="serve",
                        help="what serves the disconnect case (gunicorn: pip install gunicorn)")
    parser.add_argument("--timeout", type=float, default=600.0)
    options = parser.parse_args()
    if options.case in ("build", "all"):
        case_build(options.rows, options.jobs, options.timeout)
    if options.case in ("upload", "all"):
        case_upload(options.rows if options.case == "upload" else 50_000, options.timeout)
    if options.case in ("disconnect", "all"):
        case_disconnect(options.rows if options.case == "disconnect" else 2_000, options.server)
    if options.case in ("wordwrap", "all"):
        case_wordwrap(options.timeout)
    if options.case in ("check", "all"):
        case_check(options.megabytes, options.timeout)


if __name__ == "__main__":
    main()
