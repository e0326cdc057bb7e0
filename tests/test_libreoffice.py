"""Real-client tests: LibreOffice opens what we write, lays it out, and the text is all there.

.ci/run installs LibreOffice and poppler; on a developer machine without them these tests skip
(in CI, where CI=true, a missing tool fails instead). The documents are made and converted in
the session's one LibreOffice run (tests/pdfs.py)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest

from jdbuilder.markup import DocumentModel, parse_markup
from jdbuilder.resources import builtin_templates_dir
from jdbuilder.writers.docx import load_reference, write_docx
from jdbuilder.writers.pdf import convert_docx

from .pdfs import KIT_KINDS, needs_libreoffice

BUILTIN_REFERENCE = builtin_templates_dir() / "reference.docx"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def converted(pdf_batch, tmp_path_factory) -> dict[str, tuple[int, str, bool]]:
    """Every document as LibreOffice lays it out (the session's one run, tests/pdfs.py):
    name -> (pages, text, landscape)."""
    folder = tmp_path_factory.mktemp("lo")
    names = {"posting": "posting-with-pay", "pd": "description-financial-aid",
             **{kind: kind for kind in KIT_KINDS}}
    results = {}
    for name, batch_name in names.items():
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(pdf_batch.pdfs[batch_name])
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)",
                                             info.stdout).groups())
        results[name] = (pages, text, width > height)
    return results


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode()


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_posting_converts_with_all_its_text(converted):
    pages, text, landscape = converted["posting"]
    assert not landscape
    assert 2 <= pages <= 6
    flat = _flat(text)
    assert "Senior Admissions Counselor & Recruiter" in flat
    for heading in ("About the role", "What you will do", "What you bring",
                    "Equal employment opportunity"):
        assert heading in flat
    assert "$45,000 to $52,000 per year" in flat
    assert f"Page 1 of {pages}" in flat
    # Header: the document's title (a posting's is the job's); footer: the page number at the
    # right.
    first_line = text.splitlines()[0]
    assert first_line.strip() == "Senior Admissions Counselor & Recruiter"
    footer = next(line for line in text.splitlines() if "Page 1 of" in line)
    assert footer.rstrip().endswith(f"Page 1 of {pages}") and footer.lstrip().startswith("The")


def test_description_converts_with_duty_table_and_signatures(pipeline, converted):
    pages, text, landscape = converted["pd"]
    assert not landscape
    assert 4 <= pages <= 10
    flat = _flat(text)
    role = pipeline.profile.specialization("financial-aid").roles["advanced"]
    assert role.title in flat
    for duty in role.duties:
        assert duty.title in flat
    assert "100%" in flat and "Signatures" in flat and "Human Resources" in flat
    assert f"Page {pages} of {pages}" in flat


@pytest.mark.parametrize(("kind", "landscape", "expected"), [
    ("interview", False, ("Structured Interview Guide", "Opening Script", "Question 8",
                          "Position Requirements")),
    ("screening", True, ("Applicant Screening Matrix", "M1", "P4", "Advance")),
    # Text in narrow columns comes out of the PDF interleaved: short phrases only.
    ("assessment", False, ("Competency Assessment Worksheet", "weight 1 (14% of the total)",
                          "A rating above the position's level")),
    ("ladder", True, ("Career Ladder", "Supervision received", "Competencies by Level")),
])
def test_kit_documents_convert_with_their_text_and_orientation(converted, kind, landscape,
                                                               expected):
    pages, text, found_landscape = converted[kind]
    assert pages >= 2
    flat = _flat(text)
    for phrase in expected:
        assert phrase in flat, phrase
    assert found_landscape == landscape


def test_assessment_pages_hold_two_competencies_each_with_its_evidence_row(pdf_batch,
                                                                           tmp_path):
    """At every level: the band's seven competencies two to a page (the last alone), each
    competency's heading, statements and evidence row on one page."""
    worksheets = {name: pdf for name, pdf in pdf_batch.pdfs.items()
                  if name.startswith("assessment-")}
    assert len(worksheets) == 3
    for name, content in worksheets.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(content)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        per_page = [(len(re.findall(r"· weight \d", page)), page.count("Evidence: the work"),
                     page.count("Applies to this position"))
                    for page in text.split("\f")]
        holding = [counts for counts in per_page if counts[0]]
        assert holding == [(2, 2, 2), (2, 2, 2), (2, 2, 2), (1, 1, 1)], (name, per_page)


def test_every_interview_question_keeps_its_anchors_and_3_inches_of_notes_on_its_page(
        pipeline, pdf_batch, tmp_path):
    """In all 15 guides, each question's page holds its heading, its anchors (the rating is
    circled in their first column, the last anchor is "Exceeds") and its notes row, which is
    at least 3 in high: no question is split from its anchors and notes."""
    split = []
    guides = 0
    for name, content in pdf_batch.pdfs.items():
        if not name.startswith("interview-"):
            continue
        guides += 1
        notes_rows = re.findall(r'<w:trHeight w:val="(\d+)" w:hRule="atLeast"/>',
                                _document_xml(pdf_batch.documents[name].content))
        # The eight notes rows (the guide's other rows with a height are under 3 in).
        assert sum(int(twips) >= 3 * 1440 for twips in notes_rows) == 8, name
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(content)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        questions = 0
        for page_text in text.split("\f"):
            found = re.findall(r"Question (\d+) ·", page_text)
            if not found:
                continue
            questions += len(found)
            if len(found) > 1 or "Exceeds" not in page_text or "Notes: the" not in page_text:
                split.append(f"{name} question {found}")
        assert questions == 8, name
    assert guides == 15
    assert not split


def test_a_long_ladder_row_that_fits_a_page_moves_whole_with_its_label(tmp_path):
    """A competency row of about 2,000 characters that starts low on a landscape page: before,
    it split there and its statements went on under an empty competency cell; now it moves to
    the next page whole."""
    needs_libreoffice()
    statements = "".join(
        f"<li>Statement {n} of the long competency, written at the length the band's own "
        "statements have, so that the row runs to many lines.</li>" for n in range(1, 7))
    filler = "".join(f"<tr><td><strong>Short competency {n}</strong></td><td>a</td><td>b</td>"
                     "<td>c</td></tr>" for n in range(1, 13))
    markup = ('<table><tr><th width="19">Competency</th><th width="27">Contributing</th>'
              '<th width="27">Journey</th><th width="27">Advanced</th></tr>' + filler +
              "<tr><td><strong>Long competency</strong></td>"
              + f"<td><ul>{statements}</ul></td>" * 3 + "</tr></table>")
    model = DocumentModel(parse_markup(markup), title="Ladder", landscape=True)
    document = write_docx(model, load_reference(BUILTIN_REFERENCE), WHEN)
    pdf = tmp_path / "ladder.pdf"
    pdf.write_bytes(convert_docx(document, WHEN))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    (page,) = [page for page in pages if "Long competency" in page]
    assert "Short competency 12" not in page  # the row did not fit under the others
    assert page.count("Statement 1 of") == page.count("Statement 6 of") == 3
    assert sum("Statement" in other for other in pages) == 1
