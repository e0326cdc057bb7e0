"""Every kind the tool writes, in every format a person opens, is accessible: the HTML passes
axe-core's WCAG 2.1 A/AA rules in headless Chromium; the .docx and the PDF have no accessibility
findings, and the PDF is tagged, titled and carries the document language (poppler's pdfinfo).
A violation fails the test (and so CI)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from jdbuilder.checks.accessibility import docx_findings, html_findings
from jdbuilder.compose import Request
from jdbuilder.pipeline import Pipeline
from jdbuilder.spec import DOCUMENT_KINDS

from .browser import axe_source, wcag_violations

# Every kind in two specializations and levels: different duties, tables and lengths.
VARIANTS = (("financial-aid", "advanced"), ("residence-life", "contributing"))
CASES = [(kind, specialization, level) for kind in DOCUMENT_KINDS
         for specialization, level in VARIANTS]
# With the full organization too, for the kinds whose page it changes (JSON-LD, apply link).
ORG_CASES = [(kind, "full", specialization, level) for kind in ("posting",)
             for specialization, level in VARIANTS]


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module")
def organizations(pipeline: Pipeline, full_org_file) -> dict[str, object]:
    # full_org_file (conftest): the posting's HTML then carries JSON-LD and the apply link.
    return {"built-in": pipeline.organization(), "full": pipeline.organization(full_org_file)}


def _case_id(case) -> str:
    return "-".join(case)


@pytest.mark.parametrize("case", [(kind, "built-in", specialization, level)
                                  for kind, specialization, level in CASES] + ORG_CASES,
                         ids=_case_id)
def test_html_passes_axe_wcag21_aa_in_chromium(pipeline, organizations, axe, browser, tmp_path,
                                               case):
    # axe before browser: without axe-core the test skips before Chromium is started.
    kind, org, specialization, level = case
    made = pipeline.build(Request(kind, specialization, level), "html", organizations[org])
    path = tmp_path / f"{kind}.html"
    path.write_bytes(made.content)
    assert html_findings(made.content) == []
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        assert page.title() == made.model.title
        assert wcag_violations(page, axe) == []
    finally:
        page.close()


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_docx_has_no_accessibility_findings(pipeline, organizations, case):
    kind, specialization, level = case
    made = pipeline.build(Request(kind, specialization, level), "docx", organizations["full"])
    assert docx_findings(made.content) == []


@pytest.fixture(scope="module")
def pdfs(pdf_batch, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Every kind as a PDF, from the session's one LibreOffice run (tests/pdfs.py):
    kind -> (path, title)."""
    folder = tmp_path_factory.mktemp("pdf")
    found = {}
    for kind in DOCUMENT_KINDS:
        document = pdf_batch.documents[f"accessibility-{kind}"]
        path = folder / f"{kind}.pdf"
        path.write_bytes(pdf_batch.pdfs[f"accessibility-{kind}"])
        found[kind] = (path, document.model.title)
    return found


def test_each_kind_has_its_own_pdf_title(pdfs):
    titles = [title for _, title in pdfs.values()]
    assert len(set(titles)) == len(titles)
    assert pdfs["interview"][1] == "Structured interview guide: " + pdfs["posting"][1]


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_pdf_is_tagged_titled_and_in_english(pdfs, kind):
    path, title = pdfs[kind]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.M), info
    content = path.read_bytes()
    assert b"/Lang(en-US)" in content  # the catalog's document language
    assert b"/StructTreeRoot" in content  # the tags themselves
    # The document's title (the Title style) is its first heading in the tag tree, not a P.
    tags = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True,
                          check=True).stdout.split()
    assert tags[:2] == ["Document", "H1"], tags[:6]


def _table_rows(path) -> list[str]:
    """Each table row of the PDF's tag tree as its cells: "TH(/Row) TD", ..."""
    tags = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True,
                          check=True).stdout
    rows: list[list[str]] = []
    for line in tags.splitlines():
        item = line.strip()
        if item == "TR:":
            rows.append([])
        elif item in ("TH:", "TD:") and rows:
            rows[-1].append(item[:2])
        elif item.startswith("/Scope ") and rows and rows[-1]:
            rows[-1][-1] += f"({item.split()[1]})"
    return [" ".join(row) for row in rows]


def test_pdf_label_cells_are_row_headers_and_header_rows_column_headers(pdfs):
    """A label beside its value (the description's position facts) is a TH scoped to its row;
    a table's header row is THs scoped to their columns; no TH sits beside data with a column
    scope."""
    rows = _table_rows(pdfs["description"][0])
    assert rows.count("TH(/Row) TD") >= 5, rows
    assert any(row.startswith("TH(/Column) TH(/Column)") for row in rows), rows
    assert not [row for row in rows if "TD" in row and "/Column" in row], rows


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_html_reflows_at_320_px_without_scrolling_the_page_sideways(pipeline, browser, tmp_path,
                                                                    kind):
    """WCAG 1.4.10 Reflow: at 320 CSS px the page is no wider than the window; a wide table
    scrolls inside its own region instead."""
    made = pipeline.build(Request(kind, "residence-life", "advanced"), "html")
    path = tmp_path / f"{kind}.html"
    path.write_bytes(made.content)
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{kind}: the page is {width} px wide at a 320 px window"
    finally:
        page.close()
