"""The test suite's wall time and CPU time, for this tree or for other checkouts of it.

    python benchmarks/bench_suite.py [--repeat N] [DIR ...]

Runs `python -m pytest -q -p no:cacheprovider` in each DIR (default: this checkout) N times,
one after another, and prints per run the tests passed, the wall time and the CPU time of pytest
and everything it started (LibreOffice, worker processes). Compare checkouts in one call, so
they meet the same machine load; on a shared machine the CPU figure is the steadier one.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path


def run_suite(folder: Path) -> tuple[str, float, float]:
    """(pytest's summary line, wall seconds, CPU seconds of pytest and its children)."""
    before = os.times()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                            cwd=folder, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    summary = re.findall(r"^=*\s*(\d+ passed.*?)\s*=*$", result.stdout, re.M)
    return (summary[-1] if summary else result.stdout.strip().splitlines()[-1]), wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[Path(__file__).resolve().parent.parent])
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for _ in range(options.repeat):
        for folder in options.folders:
            summary, wall, cpu = run_suite(folder)
            print(f"{folder}: {summary}; wall {wall:.1f} s, CPU {cpu:.1f} s")


if __name__ == "__main__":
    main()
