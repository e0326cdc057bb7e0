"""Bulk build figures: the same postings built three ways, worker scaling, memory, start-up,
and what the quality checks cost.

    pip install '.[bench]'
    python benchmarks/bench_bulk.py [--quick] [--checks]

--checks prints only the quality-check figures (section 4), quickly.

Prints figures and how they compare with the targets of the bulk-build issue; asserts nothing
(timings belong in a report, not in a test). On a shared or busy machine the best of several
repetitions is the figure closest to what the code costs; the median is printed beside it.

1. `jdbuilder build` (the build.py code path, in this process and as the command) with
   --jobs 1 and --jobs 2: compose, render, write the .docx, atomic (fsync'd) file write, manifest.
2. The straightforward python-docx way: a fresh Document(), add_paragraph(text, style=name),
   add_run for bold and italic, add_table, save(path), walking the same DocumentModel blocks.
3. docxtpl: a template .docx (made here, in a temporary folder) rendered with the same content.
Ways 2 and 3 also compose and render the model, so all three include the template rendering.
4. The quality checks: the same build with checks on (the default) and with --no-check, and one
   `jdbuilder posting` (checks on) timed as a whole process, the median of 7 runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from jdbuilder import __version__
from jdbuilder.build import BuildOptions, run_build
from jdbuilder.markup import DocumentModel, Heading, ListBlock, Paragraph, Run, Table
from jdbuilder.pipeline import Pipeline
from jdbuilder.spec import SpecEntry, load_spec

SPECIALIZATIONS = ("admissions", "financial-aid", "registration", "residence-life",
                   "student-center")
LEVELS = ("contributing", "journey", "advanced")
DEPARTMENTS = ("Office of Undergraduate Admissions", "Office of Scholarships and Student Aid",
               "Office of the University Registrar", "Department of Housing and Residential "
               "Education", "Carolina Union")
HEADER = ("kind", "specialization", "level", "title", "department", "position_number",
          "salary_min", "salary_max", "employment_type", "location", "closes")

TARGETS = {  # name: (bound, at least?)
    "python-docx / jobs 1": (10.0, True),  # times slower per document than --jobs 1
    "docxtpl / jobs 1": (4.0, True),
    "ms per document, --jobs 1": (5.0, False),
    "--jobs 2 speed-up": (1.7, True),
    "peak RSS 5,000 / 500": (1.2, False),
    "jdbuilder --help, ms": (150.0, False),
    "checks on / --no-check, --jobs 1": (1.3, False),
    "ms per posting with checks, --jobs 1": (4.0, False),
    "one posting with checks, ms": (300.0, False),
}
POSTING_RUNS = 7  # whole-process runs of one `jdbuilder posting`; the median is the figure


# ---------------------------------------------------------------------------------------------
# Inputs


def write_spec(path: Path, count: int) -> Path:
    """`count` postings as CSV, or as YAML when `path` ends in .yaml (the same rows)."""
    rows = []
    for i in range(count):
        spec = i % len(SPECIALIZATIONS)
        rows.append(("posting", SPECIALIZATIONS[spec], LEVELS[i % 3], f"Student Services "
                     f"Specialist {i:05d}", DEPARTMENTS[spec], f"{i:08d}",
                     str(42000 + 500 * (i % 7)), str(52000 + 500 * (i % 7)), "full-time",
                     "Chapel Hill, NC", "2027-01-15"))
    if path.suffix == ".yaml":
        lines = ["documents:"]
        for row in rows:
            lines.append(f"  - {HEADER[0]}: {row[0]}")
            lines += [f'    {key}: "{value}"' for key, value in zip(HEADER[1:], row[1:])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            writer.writerows(rows)
    return path


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


# ---------------------------------------------------------------------------------------------
# Way 2: python-docx, the straightforward way


def _add_runs(paragraph, runs: tuple[Run, ...], bold: bool = False) -> None:
    for run in runs:
        if run.line_break:
            paragraph.add_run().add_break()
        added = paragraph.add_run(run.text)
        added.bold = run.bold or bold or None
        added.italic = run.italic or None


def python_docx_document(model: DocumentModel, path: Path) -> None:
    import docx

    document = docx.Document()
    for block in model.blocks:
        if isinstance(block, Heading):
            style = block.style or ("Title" if block.level == 1 else f"Heading {block.level - 1}")
            _add_runs(document.add_paragraph(style=style), block.runs)
        elif isinstance(block, Paragraph):
            _add_runs(document.add_paragraph(style=block.style or "Normal"), block.runs)
        elif isinstance(block, ListBlock):
            style = block.style or ("List Number" if block.ordered else "List Bullet")
            for item in block.items:
                _add_runs(document.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]),
                                       style=block.style or "Table Grid")
            for row, cells in zip(table.rows, block.rows):
                for cell, source in zip(row.cells, cells):
                    _add_runs(cell.paragraphs[0], source.runs, bold=source.header)
    properties = document.core_properties
    properties.title, properties.subject, properties.author = (model.title, model.subject,
                                                               model.author)
    properties.keywords = ", ".join(model.keywords)
    document.save(str(path))


# ---------------------------------------------------------------------------------------------
# Way 3: docxtpl


def make_docxtpl_template(path: Path) -> Path:
    """A template with the posting's shape: title, subtitle, a facts table, then body blocks
    each rendered in its own style."""
    import docx

    document = docx.Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ subtitle }}", style="Subtitle")
    table = document.add_table(rows=3, cols=2, style="Table Grid")
    table.cell(0, 0).text = "{%tr for row in facts %}"
    table.cell(1, 0).text = "{{ row.label }}"
    table.cell(1, 1).text = "{{ row.value }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    for text, style in (("{%p for block in body %}", "Normal"),
                        ("{%p if block.style == 'Heading 1' %}", "Normal"),
                        ("{{ block.text }}", "Heading 1"),
                        ("{%p elif block.style == 'Heading 2' %}", "Normal"),
                        ("{{ block.text }}", "Heading 2"),
                        ("{%p elif block.style == 'List Bullet' %}", "Normal"),
                        ("{{ block.text }}", "List Bullet"),
                        ("{%p elif block.style == 'List Number' %}", "Normal"),
                        ("{{ block.text }}", "List Number"),
                        ("{%p else %}", "Normal"),
                        ("{{ block.text }}", "Normal"),
                        ("{%p endif %}", "Normal"),
                        ("{%p endfor %}", "Normal")):
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def docxtpl_context(model: DocumentModel) -> dict:
    """The same content as plain values: the first table's rows as facts, then every other
    block as (style, text)."""
    def text(runs: tuple[Run, ...]) -> str:
        return "".join(run.text for run in runs)

    context: dict = {"title": "", "subtitle": "", "facts": [], "body": []}
    for block in model.blocks:
        if isinstance(block, Heading) and block.level == 1:
            context["title"] = text(block.runs)
        elif isinstance(block, Paragraph) and block.style == "Subtitle":
            context["subtitle"] = text(block.runs)
        elif isinstance(block, Table) and not context["facts"]:
            context["facts"] = [{"label": text(row[0].runs), "value": text(row[-1].runs)}
                                for row in block.rows]
        elif isinstance(block, Heading):
            context["body"].append({"style": f"Heading {block.level - 1}",
                                    "text": text(block.runs)})
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            context["body"] += [{"style": style, "text": text(item)} for item in block.items]
        elif isinstance(block, Paragraph):
            context["body"].append({"style": "Normal", "text": text(block.runs)})
    return context


def docxtpl_document(template: Path, model: DocumentModel, path: Path) -> None:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(docxtpl_context(model))
    document.save(str(path))


# ---------------------------------------------------------------------------------------------
# Processes: end-to-end command, peak memory, start-up


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "jdbuilder", *arguments]


def run_timed(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


# A small launcher measures the build: a child forked from this (by then large) process would
# count the memory it inherited before exec as its own peak.
_PEAK_RSS = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL,"
             " stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss_kib(arguments: list[str]) -> int:
    """Peak RSS of the command or of its largest worker (Linux reports KiB)."""
    result = subprocess.run([sys.executable, "-c", _PEAK_RSS, *arguments], check=True,
                            capture_output=True, text=True)
    return int(result.stdout.split()[-1])


def startup_ms(runs: int) -> float:
    script = shutil.which("jdbuilder", path=str(Path(sys.executable).parent)) or "jdbuilder"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([script, "--help"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# ---------------------------------------------------------------------------------------------


def document_text(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs if p.text] + [c for c in cells if c]


def verdict(name: str, value: float) -> str:
    target, at_least = TARGETS[name]
    met = value >= target if at_least else value <= target
    bound = "at least" if at_least else "at most"
    return f"target {bound} {target:g}: {'met' if met else 'MISSED'}"


def check_figures(spec: Path, count: int, pipeline: Pipeline, root: Path, repeats: int
                  ) -> dict[str, float]:
    """Section 4: what the quality checks cost, in bulk and for one posting. Wall time is the
    figure; CPU time is printed beside it, because on a machine shared with other work the
    wall time also counts the time this process waited for a CPU."""
    runs = iter(range(10**6))
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for label, checks in (("--no-check", False), ("checks on", True)) * repeats:
        started, started_cpu = time.perf_counter(), time.process_time()
        run_build(spec, pipeline, BuildOptions(root / f"checks-{next(runs)}", jobs=1,
                                               quality_checks=checks))
        wall[label] = min(wall.get(label, 1e9), (time.perf_counter() - started) / count)
        cpu[label] = min(cpu.get(label, 1e9), (time.process_time() - started_cpu) / count)
    posting_wall, posting_cpu = [], []
    for index in range(POSTING_RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        posting_wall.append(run_timed(command("posting", "-s", "admissions", "-l", "journey",
                                              "-o", str(root / f"one-{index}.docx"))))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        posting_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(f"quality checks, --jobs 1, {count} postings, best of {repeats} (CPU time in brackets):"
          f"\n  --no-check {wall['--no-check'] * 1000:.2f} ms ({cpu['--no-check'] * 1000:.2f}), "
          f"checks on {wall['checks on'] * 1000:.2f} ms ({cpu['checks on'] * 1000:.2f}) per "
          f"posting\n  one `jdbuilder posting`, {POSTING_RUNS} runs: "
          f"{', '.join(f'{t * 1000:.0f}' for t in sorted(posting_wall))} ms "
          f"(CPU median {statistics.median(posting_cpu) * 1000:.0f} ms)")
    return {"checks on / --no-check, --jobs 1": wall["checks on"] / wall["--no-check"],
            "ms per posting with checks, --jobs 1": wall["checks on"] * 1000,
            "one posting with checks, ms": statistics.median(posting_wall) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts, one repetition")
    parser.add_argument("--checks", action="store_true",
                        help="only the quality-check figures (section 4)")
    options = parser.parse_args()
    quick = options.quick
    if options.checks:
        with tempfile.TemporaryDirectory(prefix="jdbuilder-bench-") as folder:
            root = Path(folder)
            count = 200 if quick else 600
            print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
                  f"{platform.python_version()}, load average "
                  f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
            figures = check_figures(write_spec(root / "postings.csv", count), count, Pipeline(),
                                    root, 1 if quick else 3)
        for name, value in figures.items():
            print(f"{name:<38}{value:>9.2f}   {verdict(name, value)}")
        print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return
    count = 200 if quick else 1000
    sample = 30 if quick else 150  # python-docx and docxtpl are slow: the first N postings
    repeats = 1 if quick else 3
    memory_counts = (100, 1000) if quick else (500, 5000)

    print(f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"versions: jdbuilder {__version__}, python-docx {version('python-docx')}, "
          f"docxtpl {version('docxtpl')}, lxml {version('lxml')}")
    print(f"postings: {count} (python-docx and docxtpl: the first {sample}); "
          f"best of {repeats} repetition(s), median in brackets\n")

    with tempfile.TemporaryDirectory(prefix="jdbuilder-bench-") as folder:
        root = Path(folder)
        spec = write_spec(root / "postings.csv", count)
        pipeline = Pipeline()
        entries, problems = load_spec(spec, pipeline)
        assert not problems, problems
        results: dict[str, list[float]] = {}
        runs = iter(range(10**6))

        # 1. jdbuilder build, in this process (steady state) and as the command (start-up too)
        for jobs in (1, 2):
            results[f"build --jobs {jobs}"] = timed(
                lambda jobs=jobs: run_build(spec, pipeline, BuildOptions(
                    root / f"out-{next(runs)}", jobs=jobs)), repeats)
            results[f"command --jobs {jobs}"] = [
                run_timed(command("build", str(spec), "-o", str(root / f"cli-{next(runs)}"),
                                  "--jobs", str(jobs), "--no-check")) for _ in range(repeats)]
        # The same build with the posting quality checks `jdbuilder build` runs by default
        # (the python-docx and docxtpl ways below check nothing, so the comparison is without).
        results["build --jobs 1, with quality checks"] = timed(
            lambda: run_build(spec, pipeline, BuildOptions(
                root / f"out-{next(runs)}", jobs=1, quality_checks=True)), repeats)

        # Diagnostic: the same builds without fsync, to show what the disk's flushes cost
        # (write_atomic flushes every document to disk before renaming it into place).
        real_fsync = os.fsync
        os.fsync = lambda descriptor: None
        try:
            for jobs in (1, 2):
                results[f"build --jobs {jobs}, no fsync"] = timed(
                    lambda jobs=jobs: run_build(spec, pipeline, BuildOptions(
                        root / f"out-{next(runs)}", jobs=jobs)), repeats)
        finally:
            os.fsync = real_fsync

        # 2. and 3. the same postings, the same model, written by python-docx and by docxtpl
        def models(chosen: list[SpecEntry]) -> list[DocumentModel]:
            return [pipeline.model(pipeline.compose(e.request, e.organization)) for e in chosen]

        template = make_docxtpl_template(root / "template.docx")
        (root / "docx").mkdir()
        (root / "docxtpl").mkdir()
        chosen = entries[:sample]
        results["python-docx"] = timed(lambda: [
            python_docx_document(model, root / "docx" / f"{i}.docx")
            for i, model in enumerate(models(chosen))], repeats)
        results["docxtpl"] = timed(lambda: [
            docxtpl_document(template, model, root / "docxtpl" / f"{i}.docx")
            for i, model in enumerate(models(chosen))], repeats)

        first = sorted((root / "out-0").glob("*.docx"))[0]
        ours = document_text(first)
        same_docx = document_text(root / "docx" / "0.docx") == ours
        same_tpl = document_text(root / "docxtpl" / "0.docx") == ours

        per_doc = {name: min(times) / (sample if name in ("python-docx", "docxtpl") else count)
                   for name, times in results.items()}
        medians = {name: statistics.median(times) / (sample if name in ("python-docx",
                                                                          "docxtpl") else count)
                   for name, times in results.items()}
        print(f"{'way':<30}{'docs/s':>10}{'ms/doc':>10}{'(median)':>10}")
        for name, seconds in per_doc.items():
            print(f"{name:<30}{1 / seconds:>10.0f}{seconds * 1000:>10.2f}"
                  f"{medians[name] * 1000:>10.2f}")
        print(f"same text as jdbuilder's document: python-docx {'yes' if same_docx else 'no'}, "
              f"docxtpl {'yes' if same_tpl else 'no (inline bold and table layout differ)'}\n")

        one = per_doc["build --jobs 1"]
        ratios = {
            "python-docx / jobs 1": per_doc["python-docx"] / one,
            "docxtpl / jobs 1": per_doc["docxtpl"] / one,
            "ms per document, --jobs 1": one * 1000,
            "--jobs 2 speed-up": one / per_doc["build --jobs 2"],
        }
        command_speedup = per_doc["command --jobs 1"] / per_doc["command --jobs 2"]
        no_fsync_speedup = (per_doc["build --jobs 1, no fsync"]
                            / per_doc["build --jobs 2, no fsync"])

        # Peak memory of the command (its largest process: the command or a worker), small
        # and big specs, both formats, one process and the default number of workers.
        peaks = {}
        small, big = memory_counts
        for kind in ("csv", "yaml"):
            for size in memory_counts:
                path = write_spec(root / f"memory-{size}.{kind}", size)
                for jobs in ("1", str(os.cpu_count() or 1)):
                    peaks[kind, jobs, size] = peak_rss_kib(command(
                        "build", str(path), "-o", str(root / f"memory-{kind}-{jobs}-{size}"),
                        "--jobs", jobs, "--no-check"))
        ratios["peak RSS 5,000 / 500"] = max(peaks[kind, jobs, big] / peaks[kind, jobs, small]
                                             for kind, jobs, _ in peaks)
        ratios["jdbuilder --help, ms"] = startup_ms(5 if quick else 9)
        ratios.update(check_figures(spec, count, pipeline, root, repeats))

    for name, value in ratios.items():
        print(f"{name:<38}{value:>9.2f}   {verdict(name, value)}")
    print(f"{'command --jobs 2 speed-up':<28}{command_speedup:>9.2f}   (start-up and spec "
          "reading included)")
    print(f"{'no-fsync --jobs 2 speed-up':<28}{no_fsync_speedup:>9.2f}   (diagnostic: without "
          "the per-document flush to disk)")
    for kind, jobs in sorted({(kind, jobs) for kind, jobs, _ in peaks}):
        low, high = peaks[kind, jobs, small], peaks[kind, jobs, big]
        print(f"peak RSS from {kind:<4} --jobs {jobs}: {small:>5} postings {low / 1024:6.1f} MiB, "
              f"{big:>5} postings {high / 1024:6.1f} MiB, ratio {high / low:.2f}")
    if quick:
        print(f"(--quick: memory compares {small} with {big} postings)")


if __name__ == "__main__":
    main()
