from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from jdbuilder.compose import Request
from jdbuilder.errors import InputError
from jdbuilder.position import parse_position
from jdbuilder.readers import (
    FIELD,
    HEADING,
    ITEM,
    PARAGRAPH,
    PROSE_KINDS,
    PostingText,
    TextBlock,
    from_model,
    read_posting,
    split_sentences,
)


def kinds_and_texts(posting) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in posting.blocks]


# --- sentences -------------------------------------------------------------------------------


def test_sentences_split_at_full_stops_but_not_inside_abbreviations_or_numbers():
    text = ("Hours are 8:00 a.m. to 5:00 p.m. on weekdays. Pay is $24.50 per hour, e.g. for "
            "evening events. Work with the U.S. Department of Education! Questions? Ask us.\n"
            "A new line starts a sentence")
    assert list(split_sentences(text)) == [
        "Hours are 8:00 a.m. to 5:00 p.m. on weekdays.",
        "Pay is $24.50 per hour, e.g. for evening events.",
        "Work with the U.S. Department of Education!",
        "Questions?",
        "Ask us.",
        "A new line starts a sentence",
    ]


def test_sentences_of_hostile_runs_split_as_plain_text_does():
    """Runs an attacker might paste (a million dots, "Dr. Dr. ...", one endless word) split by
    the same rules; the splitting is linear, so these come back at once."""
    assert split_sentences("Wait.... Then go. J. Smith left.") == (
        "Wait....", "Then go.", "J. Smith left.")
    assert split_sentences("Dr. " * 50_000 + "Smith left. Done.")[-1] == "Done."
    assert len(split_sentences("Dr. " * 50_000)) == 1
    assert split_sentences("." * 200_000 + " Next one.") == ("." * 200_000, "Next one.")
    assert split_sentences("a" * 200_000) == ("a" * 200_000,)


def test_first_characters_cuts_a_posting_at_a_space():
    posting = PostingText("x.md", (TextBlock("heading", "Title", "line 1", 1),
                                   TextBlock("paragraph", "one two three four", "line 2")))
    cut = posting.first_characters(12)
    assert [block.text for block in cut.blocks] == ["Title", "one two"]
    assert posting.characters == 23 and cut.source == "x.md"
    assert posting.first_characters(100) == posting


# --- Word ------------------------------------------------------------------------------------


def plain_python_docx(path: Path) -> Path:
    """A posting as someone would write it with python-docx alone: built-in styles, a bold line
    for a heading, a facts table between paragraphs."""
    document = docx.Document()
    document.add_heading("Admissions Counselor", level=1)
    document.add_paragraph("Example College is hiring an admissions counselor to recruit and "
                           "advise prospective students across the region.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Salary", "$45,000 to $52,000 per year"
    table.cell(1, 0).text, table.cell(1, 1).text = "Location", "Raleigh, NC"
    document.add_heading("Responsibilities", level=2)
    document.add_paragraph("Visit high schools and community colleges.", style="List Bullet")
    document.add_paragraph("Review applications and make admission decisions.",
                           style="List Bullet")
    bold_line = document.add_paragraph()
    run = bold_line.add_run("Qualifications")
    run.bold = True
    run.font.size = Pt(12)
    document.add_paragraph("A bachelor's degree and one year of related experience.")
    mixed = document.add_paragraph()
    mixed.add_run("Note:").bold = True
    mixed.add_run(" a short line that is only partly bold is not a heading")
    document.add_paragraph("")  # empty paragraphs are skipped
    document.save(path)
    return path


def test_docx_written_by_plain_python_docx_reads_in_document_order(tmp_path):
    posting = read_posting(plain_python_docx(tmp_path / "elsewhere.docx"))
    assert kinds_and_texts(posting) == [
        (HEADING, "Admissions Counselor"),
        (PARAGRAPH, "Example College is hiring an admissions counselor to recruit and advise "
                    "prospective students across the region."),
        (FIELD, "Salary: $45,000 to $52,000 per year"),
        (FIELD, "Location: Raleigh, NC"),
        (HEADING, "Responsibilities"),
        (ITEM, "Visit high schools and community colleges."),
        (ITEM, "Review applications and make admission decisions."),
        (HEADING, "Qualifications"),
        (PARAGRAPH, "A bachelor's degree and one year of related experience."),
        (PARAGRAPH, "Note: a short line that is only partly bold is not a heading"),
    ]
    assert posting.blocks[0].level == 1 and posting.blocks[4].level == 2
    assert posting.blocks[2].where == "table 1, row 1"
    assert posting.blocks[5].where == "paragraph 4"  # body paragraphs counted as Word shows them
    assert posting.title == "Admissions Counselor"


def test_docx_layout_table_with_sections_inside_cells(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].add_run("How to apply").bold = True
    left.add_paragraph("Send a cover letter and resume to jobs@example.edu.")
    right.paragraphs[0].text = "Equal opportunity"
    right.paragraphs[0].style = document.styles["Heading 2"]
    right.add_paragraph("We are an equal opportunity employer.")
    document.save(tmp_path / "layout.docx")
    posting = read_posting(tmp_path / "layout.docx")
    assert kinds_and_texts(posting) == [
        (HEADING, "How to apply"),
        (PARAGRAPH, "Send a cover letter and resume to jobs@example.edu."),
        (HEADING, "Equal opportunity"),
        (PARAGRAPH, "We are an equal opportunity employer."),
    ]


# --- HTML, Markdown, text --------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>ignored</title><style>p { color: red }</style></head>
<body>
<nav>Home | Jobs</nav>
<h1>Records Specialist</h1>
<div class="intro">Example University seeks a records specialist.<br>Full time.</div>
<p><strong>Responsibilities</strong></p>
<ul>
  <li>Maintain <em>student</em> records.</li>
  <li>Answer questions
    <ul><li>by phone</li></ul>
  </li>
</ul>
<table><tr><th>Salary</th><td>$40,000 - $45,000</td></tr></table>
<script type="application/ld+json">{"title": "not text"}</script>
<p>Apply online at https://jobs.example.edu.</p>
</body></html>
"""


def test_html_from_elsewhere(tmp_path):
    (tmp_path / "job.html").write_text(HTML, encoding="utf-8")
    posting = read_posting(tmp_path / "job.html")
    assert kinds_and_texts(posting) == [
        (HEADING, "Records Specialist"),
        (PARAGRAPH, "Example University seeks a records specialist.\nFull time."),
        (HEADING, "Responsibilities"),
        (ITEM, "Maintain student records."),
        (ITEM, "Answer questions"),
        (ITEM, "by phone"),
        (FIELD, "Salary: $40,000 - $45,000"),
        (PARAGRAPH, "Apply online at https://jobs.example.edu."),
    ]
    assert posting.blocks[0].where == "line 5"
    sentences = [s.text for s in posting.sentences(PROSE_KINDS)]
    assert sentences[:2] == ["Example University seeks a records specialist.", "Full time."]


MARKDOWN = """Registrar Assistant
===================

We need a **registrar assistant** who keeps
[records](https://example.edu) accurate.

## What you'll do

- Process transcript requests and
  enrollment verifications.
- Update records\\
  each term.

**Qualifications:**

1. High school diploma.

| | |
|---|---|
| Salary | $18.50 to $22.00 per hour |
"""


def test_markdown_from_elsewhere(tmp_path):
    (tmp_path / "job.md").write_text(MARKDOWN, encoding="utf-8")
    posting = read_posting(tmp_path / "job.md")
    assert kinds_and_texts(posting) == [
        (HEADING, "Registrar Assistant"),
        (PARAGRAPH, "We need a registrar assistant who keeps records accurate."),
        (HEADING, "What you'll do"),
        (ITEM, "Process transcript requests and enrollment verifications."),
        (ITEM, "Update records\neach term."),
        (HEADING, "Qualifications"),
        (ITEM, "High school diploma."),
        (FIELD, "Salary: $18.50 to $22.00 per hour"),
    ]
    assert [block.where for block in posting.blocks][:4] == ["line 1", "line 4", "line 7",
                                                             "line 9"]


TEXT = """COMMUNITY DIRECTOR

Salary: $48,000 to $54,000 per year
Location: Raleigh, NC

About the job
-------------
You will supervise resident assistants and
respond to crises.

Responsibilities:
- Hire and train student staff for the
  residence halls.
* Serve on call.

How to Apply
Send a resume to jobs@example.edu.
"""


def test_plain_text_from_elsewhere(tmp_path):
    (tmp_path / "job.txt").write_text(TEXT, encoding="utf-8")
    posting = read_posting(tmp_path / "job.txt")
    assert kinds_and_texts(posting) == [
        (HEADING, "COMMUNITY DIRECTOR"),
        (FIELD, "Salary: $48,000 to $54,000 per year"),
        (FIELD, "Location: Raleigh, NC"),
        (HEADING, "About the job"),
        (PARAGRAPH, "You will supervise resident assistants and respond to crises."),
        (HEADING, "Responsibilities"),
        (ITEM, "Hire and train student staff for the residence halls."),
        (ITEM, "Serve on call."),
        (HEADING, "How to Apply"),
        (PARAGRAPH, "Send a resume to jobs@example.edu."),
    ]
    assert posting.blocks[6].where == "line 12"
    assert posting.sentences(PROSE_KINDS)[1].where == "line 12 under 'Responsibilities'"


# --- our own documents -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_posting(pipeline):
    position = parse_position({"salary_min": "45000", "salary_max": "52000",
                               "position_number": "00012345"})
    request = Request("posting", "financial-aid", "journey", position)
    return {fmt: pipeline.build(request, fmt, pipeline.organization())
            for fmt in ("docx", "html", "md", "txt")}


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "txt"])
def test_every_format_we_write_reads_back_to_the_same_text(built_posting, fmt, tmp_path):
    built = built_posting[fmt]
    path = tmp_path / built.filename
    path.write_bytes(built.content)
    expected = from_model(built.model)
    read = read_posting(path)
    assert [b.text for b in read.blocks] == [b.text for b in expected.blocks]
    # Headings and fields are recognised the same way; the txt reader may take the one-line
    # subtitle for a heading, which the checks do not mind.
    expected_kinds = [b.kind for b in expected.blocks]
    read_kinds = [b.kind for b in read.blocks]
    differences = [(e, r) for e, r in zip(expected_kinds, read_kinds) if e != r]
    assert differences in ([], [(PARAGRAPH, HEADING)] if fmt == "txt" else [])


def test_model_places_name_the_field_or_the_section(built_posting):
    posting = from_model(built_posting["md"].model)
    fields = {block.label: block.where for block in posting.blocks if block.kind == FIELD}
    assert fields["Salary range"] == "field 'Salary range'"
    duties = [s for s in posting.sentences(PROSE_KINDS) if s.section == "What you will do"]
    assert duties[0].where == "item 1 under 'What you will do'"


# --- bad input -------------------------------------------------------------------------------


def test_unreadable_files_are_input_errors(tmp_path):
    (tmp_path / "job.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"job\.pdf: cannot read '\.pdf' files"):
        read_posting(tmp_path / "job.pdf")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"broken\.docx: not a Word document"):
        read_posting(tmp_path / "broken.docx")
    (tmp_path / "latin1.txt").write_bytes("Café".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt: not UTF-8 text"):
        read_posting(tmp_path / "latin1.txt")
    with pytest.raises(InputError, match="file not found"):
        read_posting(tmp_path / "missing.md")


def test_html_inline_markup_keeps_the_words_and_spaces_as_written(tmp_path):
    (tmp_path / "inline.html").write_text(
        "<div>Loose <em>x</em>y<br>next<!-- a comment -->line<p>block</p>after</div>"
        "<p>foo<b> bar</b> baz</p><ul><li><p>one</p><p>two</p></li></ul>", encoding="utf-8")
    assert kinds_and_texts(read_posting(tmp_path / "inline.html")) == [
        (PARAGRAPH, "Loose xy\nnextline"), (PARAGRAPH, "block"), (PARAGRAPH, "after"),
        (PARAGRAPH, "foo bar baz"), (ITEM, "one\ntwo")]
