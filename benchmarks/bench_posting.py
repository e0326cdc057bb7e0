"""One `jdbuilder posting` (checks on) timed as a whole process: wall and CPU time, median of 7.

    python benchmarks/bench_posting.py [--runs N] [--no-bytecode-cache] [DIR ...]

Runs `python -m jdbuilder posting -s admissions -l journey -o FILE` with DIR as the working
directory (default: this checkout), so the code of each DIR is what runs; give two checkouts to
compare them under the same machine load (their runs are interleaved). Prints each run's wall
time, the median wall time and the median CPU time of the process (user + system).

Python's compiled-bytecode cache is what an installed package has (pip compiles it on install):
by default the runs use one, in a temporary folder (PYTHONPYCACHEPREFIX), warmed by one run
that is not counted. --no-bytecode-cache times the runs with PYTHONDONTWRITEBYTECODE=1 instead,
every module compiled from source each time, as in a checkout where bytecode is never written.

On a shared machine the CPU time is the steadier figure; the load average is printed beside the
figures. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = ("posting", "-s", "admissions", "-l", "journey", "--force", "-o")


def run_once(folder: Path, output: Path, environment: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole `jdbuilder posting` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jdbuilder", *COMMAND, str(output)], cwd=folder,
                   env=environment, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[Path(__file__).resolve().parent.parent])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-bytecode-cache", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jdbuilder-bench-posting-") as temporary:
        scratch = Path(temporary)
        environment = dict(os.environ)
        if options.no_bytecode_cache:
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
            environment["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")
        folders = [folder.resolve() for folder in options.folders]
        for folder in folders:  # warm-up: bytecode written, files in the page cache
            run_once(folder, scratch / "warm-up.docx", environment)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
              f"bytecode cache: {'no' if options.no_bytecode_cache else 'yes'}")
        runs: dict[Path, list[tuple[float, float]]] = {folder: [] for folder in folders}
        for index in range(options.runs):
            for folder in folders:
                runs[folder].append(run_once(folder, scratch / f"posting-{index}.docx",
                                             environment))
        for folder in folders:
            walls = sorted(wall for wall, _ in runs[folder])
            cpu = statistics.median(cpu for _, cpu in runs[folder])
            print(f"{folder}: one posting, {options.runs} runs: "
                  f"{', '.join(f'{wall * 1000:.0f}' for wall in walls)} ms wall; "
                  f"median {statistics.median(walls) * 1000:.0f} ms wall, "
                  f"{cpu * 1000:.0f} ms CPU")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
