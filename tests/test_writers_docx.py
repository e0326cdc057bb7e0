from __future__ import annotations

import base64
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt

from jdbuilder.compose import Request
from jdbuilder.errors import InputError
from jdbuilder.markup import DocumentModel, parse_markup
from jdbuilder.pipeline import Pipeline, Sources
from jdbuilder.resources import builtin_templates_dir
from jdbuilder.writers.docx import Reference, write_docx

from .helpers import docx_text
from .test_markup import SPANNING

BUILTIN = builtin_templates_dir() / "reference.docx"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
# A 1x1 PNG, the smallest logo there is.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                       "hKmMIQAAAABJRU5ErkJggg==")


def _write(markup: str, reference: Path = BUILTIN, **meta) -> bytes:
    model = DocumentModel(parse_markup(markup), title=meta.get("title", "T"),
                          subject=meta.get("subject", "Job Posting"), keywords=("a", "b"),
                          author=meta.get("author", "Org"))
    return write_docx(model, Reference(reference), WHEN)


def _xml(content: bytes, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(content)).read(part).decode("utf-8")


def test_headings_lists_and_styles_resolve_to_ids():
    content = _write("<h1>T</h1><h2>Section</h2><h3>Sub</h3><ul><li>x</li></ul><p>p</p>")
    document = docx.Document(io.BytesIO(content))
    styles = [p.style.name for p in document.paragraphs]
    assert styles == ["Title", "Heading 1", "Heading 2", "List Bullet", "Normal"]


def test_numbered_lists_restart_at_one():
    content = _write("<ol><li>a</li><li>b</li></ol><p>x</p><ol><li>c</li></ol>")
    xml = _xml(content)
    assert xml.count('<w:numId w:val="1000"/>') == 2 and xml.count('<w:numId w:val="1001"/>') == 1
    numbering = _xml(content, "word/numbering.xml")
    assert numbering.count('<w:startOverride w:val="1"/>') == 2


def test_table_header_row_repeats_and_widths_follow_percents():
    content = _write("<table><tr><th width='25'>A</th><th>B</th></tr>"
                     "<tr><td>1</td><td>2</td></tr></table>")
    xml = _xml(content)
    assert xml.count("<w:tblHeader/>") == 1
    assert '<w:gridCol w:w="2340"/><w:gridCol w:w="7020"/>' in xml
    table = docx.Document(io.BytesIO(content)).tables[0]
    assert table.style.name == "Table Grid" and table.cell(1, 1).text == "2"


def test_core_properties_are_set():
    content = _write("<p>x</p>", title="Senior Admissions Counselor", author="UNC Example")
    properties = docx.Document(io.BytesIO(content)).core_properties
    assert properties.title == "Senior Admissions Counselor"
    assert properties.subject == "Job Posting"
    assert properties.author == "UNC Example"
    assert properties.keywords == "a, b"
    assert properties.created.replace(tzinfo=None) == WHEN.replace(tzinfo=None)


def test_header_fields_show_this_documents_title():
    content = _write("<p>x</p>", title="Assistant Registrar & Co")
    header = _xml(content, "word/header1.xml")
    assert "Assistant Registrar &amp; Co" in header and "@@JDBUILDER" not in header
    footer = _xml(content, "word/footer1.xml")
    assert "NUMPAGES" in footer and "PAGE" in footer


def test_reference_has_no_leftovers():
    names = zipfile.ZipFile(BUILTIN).namelist()
    assert not [n for n in names if n.startswith("customXml") or "thumbnail" in n]
    body = docx.Document(str(BUILTIN)).paragraphs
    assert all(not p.text for p in body)


def test_output_is_deterministic():
    assert _write("<h1>T</h1><p>x</p>") == _write("<h1>T</h1><p>x</p>")
    for info in zipfile.ZipFile(io.BytesIO(_write("<p>x</p>"))).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def _letterhead(tmp_path: Path, drop_styles: tuple[str, ...] = ()) -> Path:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Acme State University — Office of Human Resources")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    header.add_run().add_picture(str(logo), width=Inches(0.5))
    document.sections[0].left_margin = Inches(1.25)
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph("Sample body text that must not survive.")
    for name in drop_styles:
        element = document.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def test_letterhead_reference_keeps_header_logo_fonts_and_margins(profile, tmp_path):
    reference = _letterhead(tmp_path)
    pipeline = Pipeline(Sources(reference_docx=reference), profile=profile)
    content = pipeline.build(Request("posting", "admissions", "journey"), "docx").content
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert "Acme State University" in section.header.paragraphs[0].text
    header_xml = section.header._element.xml
    assert "<pic:pic" in header_xml or "graphicData" in header_xml
    media = [n for n in zipfile.ZipFile(io.BytesIO(content)).namelist() if "media" in n]
    assert media
    assert section.left_margin == Inches(1.25)
    assert document.styles["Normal"].font.name == "Georgia"
    text = docx_text(content)
    assert "Sample body text" not in text and "Senior Admissions Counselor" in text


def test_reference_missing_styles_is_refused_naming_every_one(profile, tmp_path):
    reference = _letterhead(tmp_path, drop_styles=("List Bullet", "Table Grid"))
    out = tmp_path / "out.docx"
    pipeline = Pipeline(Sources(reference_docx=reference), profile=profile)
    with pytest.raises(InputError) as caught:  # a file the user named: exit 2
        pipeline.build(Request("posting", "admissions", "journey"), "docx")
    message = caught.value.format_message()
    assert "'List Bullet'" in message and "'Table Grid'" in message
    assert not out.exists()


def test_a_class_naming_a_missing_style_is_refused():
    with pytest.raises(InputError, match="'Fancy Banner'"):
        _write("<p class='Fancy Banner'>x</p>")


def test_not_a_docx_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip")
    with pytest.raises(InputError, match=r"bogus\.docx: not a Word document"):
        Reference(bogus)


def test_pipeline_checks_the_reference_up_front(profile, tmp_path):
    reference = _letterhead(tmp_path, drop_styles=("List Number",))
    pipeline = Pipeline(Sources(reference_docx=reference), profile=profile)
    with pytest.raises(InputError, match="'List Number'"):
        pipeline.check_reference()
    Pipeline(profile=profile).check_reference()  # the built-in one has every style


def test_no_column_is_ever_zero_wide():
    content = _write("<table><tr><th width='80'>a</th><td width='40'>b</td><td>c</td></tr>"
                     "</table>")
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>',
                                                       _xml(content))]
    assert len(widths) == 3 and min(widths) > 0 and sum(widths) <= 9360


def _rewrite_part(source: Path, target: Path, name: str, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, change(data) if info.filename == name else data)
    return target


def test_reference_saved_as_utf16_or_with_another_prefix_still_works(tmp_path):
    from lxml import etree

    utf16 = _rewrite_part(BUILTIN, tmp_path / "utf16.docx", "word/numbering.xml",
                          lambda data: etree.tostring(etree.fromstring(data),
                                                      xml_declaration=True, encoding="UTF-16"))
    content = _write("<ol><li>a</li></ol><ol><li>b</li></ol>", utf16)
    assert "startOverride" in _xml(content, "word/numbering.xml")
    prefixed = _rewrite_part(
        BUILTIN, tmp_path / "prefix.docx", "word/document.xml",
        lambda data: data.replace(b"xmlns:w=", b"xmlns:ns0=").replace(b"<w:", b"<ns0:")
        .replace(b"</w:", b"</ns0:").replace(b" w:", b" ns0:"))
    content = _write("<p>hello</p>", prefixed)
    etree.fromstring(_xml(content).encode())  # well-formed: Word can open it
    assert docx.Document(io.BytesIO(content)).paragraphs[0].text == "hello"


def test_short_tables_stay_on_one_page_and_long_ones_may_break():
    short = _xml(_write("<table><tr><th>a</th></tr><tr><td>b</td></tr><tr><td>c</td></tr>"
                        "</table>"))
    assert short.count("<w:keepNext/>") == 2  # every row but the last keeps with the next
    long_row = "<tr><td>" + "word " * 400 + "</td></tr>"
    long = _xml(_write(f"<table><tr><th>a</th></tr>{long_row}{long_row}</table>"))
    assert "<w:keepNext/>" not in long


def test_tables_meet_both_text_edges():
    # Compatibility mode 14 measures the indent to the first cell's text: an indent of the
    # style's left cell margin (100 twips) puts the border on the margin, and the full text
    # width puts the right border on the right margin.
    xml = _xml(_write("<table><tr><th width='30'>A</th><th width='30'>B</th><th>C</th></tr>"
                      "<tr><td>1</td><td>2</td><td>3</td></tr></table>"))
    assert '<w:tblInd w:w="100" w:type="dxa"/>' in xml
    assert '<w:tblW w:w="9360" w:type="dxa"/>' in xml
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]
    assert sum(widths) == 9360


def test_short_rows_never_split_long_rows_may():
    long_text = "word " * 400
    xml = _xml(_write(f"<table><tr><th>Duty</th><th>%</th></tr><tr><td>short duty</td><td>5%</td>"
                      f"</tr><tr><td>{long_text}</td><td>10%</td></tr></table>"))
    rows = xml.split("<w:tr>")[1:]
    assert "<w:tblHeader/>" in rows[0] and "<w:cantSplit/>" in rows[0]
    assert "<w:cantSplit/>" in rows[1] and "<w:tblHeader/>" not in rows[1]
    assert "<w:cantSplit/>" not in rows[2]


def test_reference_header_and_footer_share_one_scheme():
    styles = _xml(BUILTIN.read_bytes(), "word/styles.xml")
    for style_id in ("Header", "Footer"):
        style = styles.split(f'w:styleId="{style_id}"', 1)[1].split("</w:style>", 1)[0]
        # one right tab on the right margin, no centre tab
        assert re.findall(r"<w:tab [^>]*/>", style) == [
            '<w:tab w:pos="9360" w:val="right"/>']
    footer = _xml(BUILTIN.read_bytes(), "word/footer1.xml")
    assert footer.index("AUTHOR") < footer.index("<w:tab/>") < footer.index("PAGE")
    header = _xml(BUILTIN.read_bytes(), "word/header1.xml")
    # The title names the kind ("Structured interview guide: ..."), so it is the header's one
    # field.
    assert "TITLE" in header and "SUBJECT" not in header
    assert "<w:jc " not in header + footer
    normal = styles.split('w:styleId="Normal"', 1)[1].split("</w:style>", 1)[0]
    assert "<w:widowControl/>" in normal


def test_kept_blocks_keep_with_next_a_page_group_breaks_and_rows_get_height():
    xml = _xml(_write('<p>intro</p><div class="page"><h3>Q</h3><p>text</p><table>'
                      '<tr><th>Notes</th></tr><tr height="3in"><td></td></tr></table></div>'
                      "<p>end</p>"))
    heading = re.search(r"<w:p><w:pPr>(.*?)</w:pPr><w:r><w:t[^>]*>Q<", xml).group(1)
    assert "<w:keepNext/><w:pageBreakBefore/>" in heading
    assert re.search(r"<w:keepNext/>(?:(?!</w:p>).)*>text<", xml)
    assert '<w:trHeight w:val="4320" w:hRule="atLeast"/>' in xml
    assert "<w:pageBreakBefore/>" not in xml.split(">Q<")[1]


def test_a_cell_spanning_columns_is_a_grid_span_as_wide_as_its_columns():
    content = _write(SPANNING)
    xml = _xml(content)
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]
    assert len(grid) == 3 and grid[0] == grid[1] < grid[2]
    assert f'<w:tcW w:w="{sum(grid)}" w:type="dxa"/><w:gridSpan w:val="3"/>' in xml
    assert xml.count("<w:gridSpan ") == 1
    table = docx.Document(io.BytesIO(content)).tables[0]
    assert table.cell(2, 0).text == table.cell(2, 2).text == "Evidence"  # one merged cell


def test_a_label_beside_its_value_is_in_the_table_heading_style_a_header_row_is_not():
    xml = _xml(_write("<table><tr><th>Duty</th><th>Percent</th></tr>"
                      "<tr><td>Advising</td><td>40%</td></tr></table>"
                      "<p>x</p><table><tr><th>Salary range</th><td>$45,000</td></tr></table>"))
    assert xml.count('<w:pStyle w:val="TableHeading"/>') == 1
    assert re.search(r'<w:pStyle w:val="TableHeading"/>(?:(?!</w:p>).)*>Salary range<', xml)


def test_a_list_ending_a_kept_group_keeps_its_items_together_but_not_with_what_follows():
    items = "".join(f"<li>item {n}</li>" for n in range(1, 6))
    xml = _xml(_write(f'<div class="keep"><h2>How</h2><ul>{items}</ul></div><p>after</p>'))
    kept = [re.search(rf"<w:p><w:pPr>((?:(?!</w:pPr>).)*)</w:pPr><w:r><w:t[^>]*>item {n}<",
                      xml).group(1).count("<w:keepNext/>") for n in range(1, 6)]
    assert kept == [1, 1, 1, 1, 0]
    # Outside a group a long list may break in its middle (never leaving one bullet alone).
    loose = _xml(_write(f"<ul>{items}</ul>"))
    assert loose.count("<w:keepNext/>") == 2


def test_adjacent_tables_are_kept_apart_and_cell_lists_are_real_list_items():
    xml = _xml(_write("<table><tr><td>a<ul><li>one</li><li>two</li></ul></td></tr></table>"
                      "<table><tr><td>b</td></tr></table>"))
    assert "</w:tbl><w:p/><w:tbl>" in xml
    assert xml.count('<w:pStyle w:val="ListBullet"/>') == 2
    assert "•" not in xml
