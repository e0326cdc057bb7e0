"""How quickly `jdbuilder serve` answers: start-up until the page answers, then the requests the
page makes while a user types (the preview) and the downloads, over real HTTP on this machine.

    python benchmarks/bench_web.py [--repeat N]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each request changes the salary, as a user typing does: the document is made and checked anew
# (sentences that did not change hit the checks' caches, as they do while a user types).
QUERY = ("specialization=admissions&level=journey&salary_min={n}&salary_max=90000"
         "&org_name=Example+State+University&org_apply_url=https://jobs.example.edu/1")


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per kind (default 20)")
    repeat = parser.parse_args().repeat
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "jdbuilder", "serve", "--no-browser",
                               "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        url = re.search(r"http://\S+/", server.stdout.readline()).group(0)  # type: ignore[union-attr]
        first = timed_get(url)
        print(f"start-up until the page answered: {time.perf_counter() - started:.2f} s "
              f"(the first page itself: {first * 1000:.0f} ms)")
        requests = {
            "page with its preview (GET /)": f"{url}?role=admissions/journey&salary_min={{n}}",
            "live preview (GET /api/preview/posting)": f"{url}api/preview/posting?{QUERY}",
            "posting .docx (GET /api/documents/posting)": f"{url}api/documents/posting?{QUERY}",
            "posting .html": f"{url}api/documents/posting?{QUERY}&format=html",
            "position description .docx": f"{url}api/documents/description?{QUERY}",
        }
        print(f"{'request':<45} {'median ms':>10} {'p90 ms':>8}  ({repeat} each)")
        for label, address in requests.items():
            timed_get(address.format(n=40000))  # warm: templates, reference document
            times = sorted(timed_get(address.format(n=40001 + i)) * 1000 for i in range(repeat))
            p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
            print(f"{label:<45} {statistics.median(times):>10.1f} {p90:>8.1f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
