"""How quickly `jdbuilder serve` answers: start-up until the page answers, then the requests the
page makes while a user types (the preview) and the downloads, over real HTTP on this machine.

    python benchmarks/bench_web.py [--repeat N] [--pdf-repeat N] [--no-pdf]

PDF downloads (a posting, an interview guide) are timed separately, with their p50 and p95: the
first one also starts LibreOffice when the server keeps one warm, so it is reported on its own.

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


def percentile(times: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted `times`."""
    return times[max(0, min(len(times) - 1, round(share * len(times) + 0.5) - 1))]


def pdf_figures(url: str, repeat: int) -> None:
    pdfs = {
        "posting PDF": f"{url}api/documents/posting?{QUERY}&format=pdf",
        "interview guide PDF": (f"{url}api/documents/interview?specialization=admissions"
                                "&level=journey&title=Counselor+{n}&format=pdf"),
    }
    print(f"{'PDF download':<45} {'first s':>8} {'p50 s':>7} {'p95 s':>7}  ({repeat} each)")
    for label, address in pdfs.items():
        first = timed_get(address.format(n=50000))
        times = sorted(timed_get(address.format(n=50001 + i)) for i in range(repeat))
        print(f"{label:<45} {first:>8.2f} {statistics.median(times):>7.2f} "
              f"{percentile(times, 0.95):>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per kind (default 20)")
    parser.add_argument("--pdf-repeat", type=int, default=10,
                        help="PDF downloads per kind (default 10)")
    parser.add_argument("--no-pdf", action="store_true", help="leave the PDF downloads out")
    arguments = parser.parse_args()
    repeat = arguments.repeat
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
            "page with its preview (GET /)": f"{url}?job=admissions&level=journey&salary_min={{n}}",
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
        if not arguments.no_pdf:
            pdf_figures(url, arguments.pdf_repeat)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
