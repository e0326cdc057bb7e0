"""Accessibility findings on HTML and Word files written elsewhere, and none on ours."""

from __future__ import annotations

import base64
import io
import re
import zipfile

import docx
import pytest
from docx.shared import RGBColor

from jdbuilder.checks.accessibility import (
    CONTRAST_MINIMUM,
    INFO_AND_RELATIONSHIPS,
    LANGUAGE_OF_PAGE,
    LINK_PURPOSE,
    NON_TEXT_CONTENT,
    PAGE_TITLED,
    accessibility_findings,
    contrast_ratio,
    docx_findings,
    html_findings,
    parse_colour,
)
from jdbuilder.checks.findings import ERROR, WARNING

DEPARTMENT_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><style>.faint { color: #aaa } th { background: #fff }</style></head>
<body>
<h1>Admissions Counselor</h1>
<h3>About the role</h3>
<p>Recruit and advise students.</p>
<p></p>
<p>&nbsp;<br></p>
<img src="logo.png">
<img src="rule.png" alt="">
<p class="faint">Salary: $45,000 to $52,000.</p>
<p>To apply, <a href="https://jobs.example.edu/1">Click here</a>.</p>
<p><a href="https://jobs.example.edu/faq">https://jobs.example.edu/faq</a></p>
<p>Apply online at <a href="https://jobs.example.edu/apply">https://jobs.example.edu/apply</a></p>
<table><tr><td>Schedule</td><td>Monday to Friday</td></tr></table>
<table role="presentation"><tr><td>layout</td></tr></table>
<p style="color: rgb(119, 119, 119); background-color: #eee">Equal opportunity employer.</p>
<p style="color: #767676">Just enough contrast.</p>
</body>
</html>
"""


def _by_criterion(findings):
    found: dict[str, list] = {}
    for finding in findings:
        assert finding.code == "accessibility" and finding.source.startswith("WCAG 2.1 SC ")
        found.setdefault(finding.source, []).append(finding)
    return found


def test_html_from_elsewhere_reports_each_problem_with_its_criterion():
    findings = html_findings(DEPARTMENT_PAGE)
    assert {finding.name for finding in findings} == {
        "language-missing", "title-missing", "image-alt-missing", "link-text-vague",
        "link-text-bare-address", "heading-level-skipped", "table-header-missing",
        "empty-paragraphs", "contrast-low"}
    found = _by_criterion(findings)
    assert [f.severity for f in found[LANGUAGE_OF_PAGE]] == [ERROR]
    assert [f.severity for f in found[PAGE_TITLED]] == [ERROR]
    images = found[NON_TEXT_CONTENT]
    assert [(f.quote, f.location.place) for f in images] == [("logo.png", "line 10")]  # alt="" is decorative
    links = {f.quote: f.severity for f in found[LINK_PURPOSE]}
    assert links == {"Click here": ERROR, "https://jobs.example.edu/faq": WARNING}
    structure = found[INFO_AND_RELATIONSHIPS]
    skipped = [f for f in structure if "skips" in f.message]
    assert [(f.location.place, f.quote) for f in skipped] == [("line 6", "About the role")]
    assert "h1 to h3" in skipped[0].message
    tables = [f for f in structure if "table" in f.message]
    assert [f.location.place for f in tables] == ["line 16"]  # the role="presentation" one is layout
    spacing = [f for f in structure if "empty paragraph" in f.message]
    assert [(f.location.place, f.message.split()[0]) for f in spacing] == [("line 8", "2")]
    contrast = found[CONTRAST_MINIMUM]
    assert [(f.quote, f.severity) for f in contrast] == [
        ("Salary: $45,000 to $52,000.", ERROR), ("Equal opportunity employer.", ERROR)]
    assert "2.32:1" in contrast[0].message and "#AAAAAA on #FFFFFF" in contrast[0].message


def test_large_text_needs_only_three_to_one():
    page = ('<html lang="en"><head><title>t</title></head><body>'
            '<h1 style="color:#949494">Large heading</h1><p style="color:#949494">small</p>'
            "</body></html>")
    contrast = [f for f in html_findings(page) if f.source == CONTRAST_MINIMUM]
    assert [f.quote for f in contrast] == ["small"]  # 3.03:1 passes for 32 px bold only


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio(parse_colour("#767676"), parse_colour("white")) == pytest.approx(
        4.54, abs=0.01)
    assert parse_colour("rgba(0, 0, 0, 0.5)") is None and parse_colour("auto") is None
    assert parse_colour("1F3864") == (0x1F, 0x38, 0x64)


def _department_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Admissions Counselor", level=1)
    document.add_heading("Duties", level=3)
    document.add_paragraph("Recruits students.")
    document.add_paragraph("")
    document.add_paragraph("")
    grey = document.add_paragraph().add_run("Salary to be announced.")
    grey.font.color.rgb = RGBColor(0xBB, 0xBB, 0xBB)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Duty"
    table.cell(1, 0).text = "Advising"
    document.add_picture(io.BytesIO(_PNG))
    document.add_paragraph("Closing text.")
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_link(_without_language(buffer.getvalue()), "click here")


def _without_language(content: bytes) -> bytes:
    return _rewrite(content, {"word/styles.xml": lambda xml: re.sub(r"<w:lang [^>]*/>", "", xml)})


def _with_link(content: bytes, text: str) -> bytes:
    link = (f'<w:p><w:hyperlink w:anchor="top"><w:r><w:t>{text}</w:t></w:r></w:hyperlink></w:p>')
    return _rewrite(content, {"word/document.xml": lambda xml: xml.replace(
        "<w:sectPr", link + "<w:sectPr", 1)})


def _rewrite(content: bytes, changes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in changes:
                data = changes[item.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


# A 1x1 PNG, the smallest picture there is.
_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                        "hKmMIQAAAABJRU5ErkJggg==")


def test_word_file_from_elsewhere_reports_each_problem_with_its_criterion():
    found = _by_criterion(docx_findings(_department_docx()))
    assert "language" in found[LANGUAGE_OF_PAGE][0].message
    assert "Title property" in found[PAGE_TITLED][0].message  # python-docx leaves it empty
    assert [f.location.place for f in found[NON_TEXT_CONTENT]] == ["image 1"]
    assert [(f.quote, f.severity) for f in found[LINK_PURPOSE]] == [("click here", ERROR)]
    structure = {f.message.split(";")[0]: f for f in found[INFO_AND_RELATIONSHIPS]}
    assert structure["heading level skips from Heading 1 to Heading 3"].location.place == "paragraph 2"
    assert structure["a table has no header row"].location.place == "table 1"
    assert structure["2 empty paragraphs used as spacing"].location.place == "paragraph 4"
    contrast = {f.location.place: f for f in found[CONTRAST_MINIMUM]}
    assert contrast["text run"].quote == "Salary to be announced."
    # python-docx's blank template: Heading 3 is #4F81BD at 11 pt bold, 4.03:1 (not large text)
    assert "#4F81BD on #FFFFFF has contrast 4.03:1" in contrast["style 'heading 3'"].message


def test_other_files_get_no_accessibility_findings(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text("# Title\n\n### Skipped\n", encoding="utf-8")
    assert accessibility_findings(path) == []


def _zipped(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_word_reader_expands_no_entity_and_keeps_safezips_limits(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    document = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file://{secret}">]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>&e; click here</w:t></w:r></w:p></w:body>'
                '</w:document>').encode()
    found = docx_findings(_zipped({"word/document.xml": document}))
    assert found and not any("TOP-SECRET" in f"{f.message} {f.quote}" for f in found)
    # a package safezip refuses is refused here too, as one finding rather than a crash
    (refused,) = docx_findings(b"PK\x03\x04 not a package")
    assert refused.severity == ERROR and refused.message.startswith("cannot read the Word")


def test_check_finds_touching_tables_and_lists_typed_with_bullets(tmp_path):
    import io

    import docx as python_docx

    from jdbuilder.checks.accessibility import docx_findings

    document = python_docx.Document()
    document.core_properties.title = "T"
    document.add_paragraph("Intro")
    for _ in range(2):  # two tables, nothing between them
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Head"
    document.add_paragraph("• first typed item")
    document.add_paragraph("• second typed item")
    document.add_paragraph("A sentence.")
    document.add_paragraph("Real item", style="List Bullet")
    document.add_paragraph("Another", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    codes = {found.name: found.location.place for found in docx_findings(buffer.getvalue())}
    assert codes["tables-adjacent"] == "table 2"
    assert codes["list-typed"] == "paragraphs 2-3"
    found = [f for f in docx_findings(buffer.getvalue()) if f.name == "list-typed"]
    assert len(found) == 1  # the real list is not one of them
