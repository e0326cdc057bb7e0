"""Time of `band import --worksheet`'s comparison (jdbuilder.bandworksheet.compare): the seed's
58 statements against a worksheet of the same statements, and the bounded worst case, a
worksheet of MAX_FRAGMENTS statements none of which is the profile's word for word, so each
pair up to MAX_PAIRS is weighed for rewording.

    python benchmarks/bench_worksheet.py

Prints milliseconds per comparison; asserts nothing.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from jdbuilder.bandimport import read_bands
from jdbuilder.bandworksheet import MAX_FRAGMENTS, MAX_PAIRS, Statement, compare

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / \
    "student-services-specialist-competency-profile.txt"
WORDS = ("reviews", "coordinates", "student", "records", "program", "policy", "reports", "staff",
         "data", "advises", "plans", "office", "budget", "training", "events", "services",
         "develops", "manages", "assists", "evaluates")


def timed(label: str, band, found: list[Statement], runs: int) -> None:
    start = time.perf_counter()
    for _ in range(runs):
        problems = compare(band, found, "worksheet")
    each = (time.perf_counter() - start) / runs * 1000
    print(f"{label:<58} {each:8.1f} ms  {len(problems):5d} differences")


def main() -> None:
    [band] = read_bands(SEED)
    same = [Statement(text, competency.name, level, "row")
            for competency in band.competencies for level in band.levels
            for text in competency.statements[level]]
    print(f"MAX_FRAGMENTS {MAX_FRAGMENTS:,}, MAX_PAIRS {MAX_PAIRS:,}")
    timed(f"seed: {len(same)} statements, the same", band, same, 20)
    rng = random.Random(7)
    noise = [Statement(" ".join(rng.choice(WORDS) for _ in range(14)) + ".",
                       None, rng.choice(band.levels), "row") for _ in range(MAX_FRAGMENTS)]
    timed(f"worst: {len(noise):,} statements, none the profile's", band, noise, 1)


if __name__ == "__main__":
    main()
