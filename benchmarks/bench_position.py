"""What a position file costs: reading and validating one, and a document made with and without it.

    python benchmarks/bench_position.py

Prints the median and best of several runs; asserts nothing (timings belong in a report). The
position file is the done-when example of docs/positions.md (a renamed duty, an added one, a
committee of three); the largest file it allows (1 MB) is refused before it is parsed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from jdbuilder.compose import Request
from jdbuilder.pipeline import Pipeline
from jdbuilder.positionfile import parse_position_file
from jdbuilder.positionstarter import starter_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.test_positionfile import TAILORED  # noqa: E402  (the done-when example)

RUNS = 15


def timed(action, runs: int = RUNS) -> tuple[float, float]:
    """(median, best) in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    pipeline = Pipeline()
    profile = pipeline.profile
    data = TAILORED.encode()
    specialization = profile.specialization("residence-life")
    starter = starter_text(profile, specialization, profile.levels[1]).encode()
    position = parse_position_file(data, "rlc.yaml", profile)
    plain = Request("description", "residence-life", "journey")
    tailored = Request("description", position.specialization, position.level, position.fields,
                       position)
    pipeline.build(plain, "docx")  # templates compiled, reference document read
    figures = [
        (f"parse + validate the done-when file ({len(data):,} bytes)",
         timed(lambda: parse_position_file(data, "rlc.yaml", profile))),
        (f"parse + validate a full starter ({len(starter):,} bytes)",
         timed(lambda: parse_position_file(starter, "starter.yaml", profile))),
        ("write a starter",
         timed(lambda: starter_text(profile, specialization, profile.levels[1]))),
        ("position description .docx, built-in", timed(lambda: pipeline.build(plain, "docx"))),
        ("position description .docx, from the position file",
         timed(lambda: pipeline.build(tailored, "docx"))),
    ]
    width = max(len(label) for label, _ in figures)
    print(f"{'':{width}}  median ms  best ms  ({RUNS} runs each)")
    for label, (median, best) in figures:
        print(f"{label:{width}}  {median:9.2f}  {best:7.2f}")


if __name__ == "__main__":
    main()
