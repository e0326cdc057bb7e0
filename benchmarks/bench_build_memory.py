"""Peak memory and time of `jdbuilder build` on a large CSV spec, checks on (issue #22's target:
50,000 rows under 150 MB, time linear in rows).

    python benchmarks/bench_build_memory.py                 # 10,000 rows, then 50,000
    python benchmarks/bench_build_memory.py 2000 10000      # any row counts, in order
    python benchmarks/bench_build_memory.py 50000 --jobs 1

Each count runs the installed command (`python -m jdbuilder -q build jobs.csv -o out`) in a
temporary folder; a thread samples /proc every 50 ms for the build and every process below it
and prints, at their peaks:

- tree PSS: the proportional set size of all of them summed (/proc/PID/smaps_rollup): pages a
  forked worker still shares with the build are counted once, split between them, so this is
  the memory the build takes from the machine;
- the build's own RSS and the largest worker's RSS (the kernel's own peak, VmHWM, where the
  process was still there to read it);
- the tree's RSS summed, which counts shared pages once per process (an upper bound).

Also the time per row, wall and processor (the build and its workers together: less
sensitive to a shared machine's load), and the manifest's size (what the build must hold
until it ends).
Asserts nothing; run it once or twice, not in a loop, and read the load average it prints.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SPECIALIZATIONS = ("admissions", "financial-aid", "registration", "residence-life",
                   "student-center")
LEVELS = ("contributing", "journey", "advanced")
HEADER = ("kind", "specialization", "level", "title", "department", "position_number",
          "salary_min", "salary_max", "employment_type", "location", "closes")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 2**20


def write_csv_spec(path: Path, count: int) -> Path:
    """`count` postings, each with its own title and position number (so no two are alike)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for i in range(count):
            writer.writerow(("posting", SPECIALIZATIONS[i % 5], LEVELS[i % 3],
                             f"Student Services Specialist {i:05d}", "Office of Admissions",
                             f"{i:08d}", str(42000 + 500 * (i % 7)), str(52000 + 500 * (i % 7)),
                             "full-time", "Chapel Hill, NC", "2027-01-15"))
    return path


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stream:
                parent = int(stream.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the kernel's peak) in bytes, and Pss from smaps_rollup."""
    found: dict[str, int] = {}
    for name, keys in ((f"/proc/{pid}/status", ("VmRSS:", "VmHWM:")),
                       (f"/proc/{pid}/smaps_rollup", ("Pss:",))):
        try:
            with open(name, encoding="ascii", errors="replace") as stream:
                for line in stream:
                    if line.startswith(keys):
                        key, value = line.split()[:2]
                        found[key.rstrip(":")] = int(value) * 1024
        except OSError:
            pass
    return found


class Sampler:
    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.tree_pss = self.tree_rss = self.own = self.worker = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            below = _descendants(self.pid)
            self.processes = max(self.processes, len(below) + 1)
            own = _status(self.pid)
            rows = [_status(pid) for pid in below]
            self.own = max(self.own, own.get("VmHWM", 0), own.get("VmRSS", 0))
            for row in rows:
                self.worker = max(self.worker, row.get("VmHWM", 0), row.get("VmRSS", 0))
            everyone = [own, *rows]
            self.tree_pss = max(self.tree_pss, sum(r.get("Pss", 0) for r in everyone))
            self.tree_rss = max(self.tree_rss, sum(r.get("VmRSS", 0) for r in everyone))
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def measure(rows: int, jobs: int | None, timeout: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = write_csv_spec(Path(folder) / "jobs.csv", rows)
        arguments = [sys.executable, "-m", "jdbuilder", "-q", "build", str(spec), "-o", "out"]
        if jobs:
            arguments += ["--jobs", str(jobs)]
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(arguments, cwd=folder, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        sampler = Sampler(process.pid)
        try:
            _, err = process.communicate(timeout=timeout)
            ended = f"exit {process.returncode}"
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            ended = f"stopped after {timeout:g} s"
        seconds = time.perf_counter() - started
        sampler.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its workers
        cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
        manifest = Path(folder, "out", "manifest.json")
        manifest_mb = manifest.stat().st_size / MB if manifest.exists() else 0.0
        built = len(list(Path(folder, "out").glob("*.docx")))
    last = (err.strip().splitlines() or [""])[-1][:120]
    print(f"{rows:>7,} rows, --jobs {jobs or 'default'}: {seconds:6.1f} s "
          f"({seconds / rows * 1000:.2f} ms/row; processor {cpu:.0f} s, "
          f"{cpu / rows * 1000:.2f} ms/row), {built:,} written, {ended}; peak: tree PSS "
          f"{sampler.tree_pss / MB:.0f} MB, build RSS {sampler.own / MB:.0f} MB, largest worker "
          f"RSS {sampler.worker / MB:.0f} MB, tree RSS summed {sampler.tree_rss / MB:.0f} MB "
          f"({sampler.processes} processes); manifest {manifest_mb:.1f} MB; load average at "
          f"start {load:.1f}" + (f"  [{last}]" if process.returncode not in (0, 1) else ""),
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="*", default=[10_000, 50_000])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=1800.0)
    options = parser.parse_args()
    for rows in options.rows:
        measure(rows, options.jobs, options.timeout)


if __name__ == "__main__":
    main()
