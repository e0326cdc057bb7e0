"""What comparing two versions of a position costs, and what checking a PD file costs.

    python benchmarks/bench_compare.py

Prints figures; asserts nothing. The best of several repetitions is the figure closest to what
the code costs on a shared machine; the median is printed beside it.

1. The redline engine alone (jdbuilder.redline) over two built-in PDs: a small edit (Journey
   with one duty's percent changed) and a reclassification (Advanced to Journey: every duty and
   competency statement rewritten).
2. compare() end to end in this process (both PDs composed and rendered, the redline, the
   summary) and written as .docx, .md and .html.
3. `jdbuilder check` on one PD (.docx): reading it, telling its kind by its headings and the PD
   checks (duty percentages, physical demands), apart from the wording checks.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from jdbuilder.checks import recognise_kind
from jdbuilder.checks.description import duty_findings, physical_demand_findings
from jdbuilder.compare import Side, compare
from jdbuilder.compose import Request
from jdbuilder.markup import Run, Table
from jdbuilder.pipeline import Pipeline
from jdbuilder.readers import read_posting
from jdbuilder.redline import redline


def timed(function, repeat: int = 15) -> tuple[float, float]:
    """Best and median milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def show(label: str, figures: tuple[float, float]) -> None:
    print(f"  {label:<58} {figures[0]:8.1f} ms best, {figures[1]:8.1f} ms median")


def main() -> None:
    pipeline = Pipeline()
    organization = pipeline.organization()
    journey = Request("description", "residence-life", "journey")
    advanced = Request("description", "residence-life", "advanced")
    journey_model = pipeline.model(pipeline.compose(journey, organization))
    advanced_model = pipeline.model(pipeline.compose(advanced, organization))
    index = next(i for i, block in enumerate(journey_model.blocks)
                 if isinstance(block, Table) and len(block.rows[0]) == 3)
    table = journey_model.blocks[index]
    row = table.rows[1]
    edited = replace(table, rows=(table.rows[0], (row[0], replace(row[1], runs=(Run("30%"),)),
                                                  row[2]), *table.rows[2:]))
    small_edit = replace(journey_model, blocks=(*journey_model.blocks[:index], edited,
                                                *journey_model.blocks[index + 1:]))

    print("1. The redline engine (two block models in, one marked model out)")
    show("small edit (one percent)", timed(lambda: redline(journey_model, small_edit)))
    show("reclassification (Advanced to Journey)",
         timed(lambda: redline(advanced_model, journey_model)))

    print("2. compare() and its writers")
    old, new = Side("advanced", advanced), Side("journey", journey)
    show("compare() (compose both, render, redline, summary)",
         timed(lambda: compare(old, new, pipeline, organization)))
    result = compare(old, new, pipeline, organization)
    composed = pipeline.compose(journey, organization)
    for fmt in ("docx", "md", "html"):
        size = len(pipeline.write(result.model, composed, fmt))
        show(f"write .{fmt} ({size:,} bytes)",
             timed(lambda fmt=fmt: pipeline.write(result.model, composed, fmt)))

    print("3. Checking a PD file")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pd.docx"
        path.write_bytes(pipeline.write(journey_model, composed, "docx"))
        show("read the .docx", timed(lambda: read_posting(path)))
        document = read_posting(path)
        show("tell its kind by its headings", timed(lambda: recognise_kind(document), 200))
        show("duty percentages and physical demands",
             timed(lambda: (duty_findings(document), physical_demand_findings(document)), 200))


if __name__ == "__main__":
    main()
