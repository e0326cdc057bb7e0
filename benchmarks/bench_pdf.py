"""PDF figures: converting N documents one LibreOffice run each (what a per-document writer
would do) against one run for the whole batch (what `jdbuilder build` does).

    python benchmarks/bench_pdf.py [--documents N]

Needs LibreOffice (`soffice`). Prints seconds; asserts nothing. The documents are every kind
of the band in turn (posting, description, interview guide, ...), built once in memory first,
so only the conversion is timed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jdbuilder.clock import created_timestamp
from jdbuilder.compose import Request
from jdbuilder.pipeline import Pipeline
from jdbuilder.spec import DOCUMENT_KINDS
from jdbuilder.writers.pdf import convert_docx, convert_docx_batch


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=12)
    count = parser.parse_args().documents
    pipeline = Pipeline()
    documents = [pipeline.build(Request(DOCUMENT_KINDS[i % len(DOCUMENT_KINDS)], "financial-aid",
                                        "advanced"), "docx", pipeline.organization()).content
                 for i in range(count)]
    created = created_timestamp()

    started = time.perf_counter()
    one_by_one = [convert_docx(document, created) for document in documents]
    separate = time.perf_counter() - started

    started = time.perf_counter()
    batched = convert_docx_batch(documents, created)
    batch = time.perf_counter() - started

    same = sum(a == b for a, b in zip(one_by_one, batched))
    print(f"{count} documents to PDF")
    print(f"  one LibreOffice run per document: {separate:6.1f} s  ({separate / count:.2f} s each)")
    print(f"  one LibreOffice run for all:      {batch:6.1f} s  ({batch / count:.2f} s each)")
    print(f"  speed-up: {separate / batch:.1f}x; identical PDFs both ways: {same} of {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
