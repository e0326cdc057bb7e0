"""`check` tells a document's kind by its headings: every kind we make, in every format, and
documents written elsewhere, a posting copied from a PD staying a posting."""

from __future__ import annotations

import pytest

from jdbuilder.checking import check_files
from jdbuilder.checks import recognise_kind, reports_text
from jdbuilder.pipeline import DocumentRequest, make_document
from jdbuilder.readers import read_markdown_text
from jdbuilder.readers.text import PostingText

KINDS = ("posting", "description", "interview", "screening", "assessment", "ladder")


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "txt"])
def test_every_kind_we_make_is_recognised_in_every_format(pipeline, fmt, tmp_path):
    for kind in KINDS:
        made = make_document(DocumentRequest(kind, "financial-aid", "journey", {}, fmt),
                             pipeline)
        path = tmp_path / f"{kind}.{fmt}"
        path.write_bytes(made.content)
        (report,) = check_files([path], pipeline)
        assert report.figures["kind"] == kind, path


def _kind(markdown: str) -> str:
    return recognise_kind(PostingText("x.md", tuple(read_markdown_text(markdown))))


def test_a_pd_written_elsewhere_is_recognised():
    assert _kind("# Job Description\n\n## Essential Functions\n\nAdvises.\n") == "description"
    assert _kind("# Financial Aid Counselor\n\n## Position Summary\n\nx\n\n"
                 "## Essential Functions\n\nx\n\n## Supervisory Responsibilities\n\nx\n\n"
                 "## Physical Demands\n\nx\n") == "description"


def test_a_posting_copied_from_a_pd_stays_a_posting():
    assert _kind("# Financial Aid Counselor\n\n## Essential Functions\n\nx\n\n"
                 "## Physical Demands\n\nx\n\n## Supervisory Responsibilities\n\nx\n\n"
                 "## How to Apply\n\nx\n\n## Equal Employment Opportunity\n\nx\n") == "posting"
    assert _kind("# Clerk\n\n## Physical Demands\n\nx\n") == "posting"  # one mark decides nothing
    assert _kind("Just words, no headings.") == "posting"


def test_the_report_says_what_the_file_was_read_as_and_kind_overrides(pipeline, tmp_path):
    made = make_document(DocumentRequest("interview", "admissions", "journey", {}, "md"),
                         pipeline)
    path = tmp_path / "guide.md"
    path.write_bytes(made.content)
    text = reports_text(check_files([path], pipeline))
    assert "read as a interview guide" not in text
    assert "read as an interview guide (by its headings; --kind says otherwise)" in text
    (as_posting,) = check_files([path], pipeline, kind="posting")
    assert "kind" not in as_posting.figures
    assert "completeness" in {finding.code for finding in as_posting.findings}
