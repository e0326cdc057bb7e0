"""Regenerate templates/reference.docx: the built-in look of every Word document.

Run: python scripts/make_reference_docx.py. It starts from python-docx's blank template, sets the
styles (11 pt Calibri body, navy headings, a shaded table header row), Letter paper with 1-inch
margins, a header showing the document kind and title and a "Page X of Y" footer, all as Word
fields; then it removes what the blank template carried over (thumbnail, custom XML, sample
properties) so the reference holds nothing stale.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Pt, RGBColor

NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
GRID = "6E6E6E"
# CT_PPrBase's children that follow w:pBdr, in schema order (ECMA-376 Part 1, 17.3.1.26).
PPR_AFTER_PBDR = ("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                  "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                  "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                  "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
                  "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
BODY_FONT = "Calibri"
TEXT_WIDTH = Inches(6.5)  # Letter less two 1-inch margins
OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"


def field(instr: str, shown: str) -> str:
    return (f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:rPr><w:noProof/></w:rPr>'
            f"<w:t>{shown}</w:t></w:r></w:fldSimple>")


TAB_RUN = f'<w:r {nsdecls("w")}><w:tab/></w:r>'


def text_run(text: str) -> str:
    return f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>'


def style_fonts(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(docx.oxml.ns.qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(docx.oxml.ns.qn(attribute), BODY_FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    # No paragraph leaves a single line alone at the foot or the head of a page (OOXML's
    # default, when a style says nothing, is off).
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    title.font.name, title.font.size, title.font.bold = BODY_FONT, Pt(22), True
    title.font.color.rgb = NAVY
    title.paragraph_format.space_after = Pt(2)
    # The blank template's Title has a coloured bottom border; remove it for a cleaner look.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(docx.oxml.ns.qn("w:pBdr")):
        ppr.remove(border)

    # The title is the document's first heading: outline level 1, so a tagged PDF (LibreOffice)
    # tags it H1 rather than a paragraph, and Word's navigation pane lists it.
    ppr.insert_element_before(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'),
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")

    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.italic = BODY_FONT, Pt(12), False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(12)

    for name, size, before in (("Heading 1", 14, 16), ("Heading 2", 11.5, 10),
                               ("Heading 3", 11, 8)):
        heading = styles[name]
        heading.font.name, heading.font.size, heading.font.bold = BODY_FONT, Pt(size), True
        heading.font.color.rgb = NAVY
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    # The deeper headings a user may add keep python-docx's look but in navy: its light blue
    # (#4F81BD, 4.0:1 on white) is under WCAG's 4.5:1 for text of their size.
    for level in range(4, 10):
        styles[f"Heading {level}"].font.color.rgb = NAVY
    h1 = styles["Heading 1"].element.get_or_add_pPr()
    # The schema fixes the order of a paragraph's properties: w:pBdr comes before w:shd, w:tabs,
    # w:spacing, w:ind and the rest (openxml-audit and Word's own validator refuse it after).
    h1.insert_element_before(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="2" '
                  'w:color="1F3864"/></w:pBdr>'),
        *(f"w:{tag}" for tag in PPR_AFTER_PBDR))

    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)

    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.name, style.font.size = BODY_FONT, Pt(9)
        style.font.color.rgb = GREY
        # One scheme for both: a label at the left margin, the changing part (the title, the page
        # number) on a right tab at the right margin. The blank template's centre tab would put
        # whatever follows the first tab in the middle, so it is cleared.
        tabs = style.paragraph_format.tab_stops
        for stop in list(tabs):
            tabs._pPr.tabs.remove(stop._tab)
        tabs.add_tab_stop(TEXT_WIDTH, alignment=WD_TAB_ALIGNMENT.RIGHT)

    # A small style for notes and signature lines that a template may name with class="Note".
    if "Note" not in [s.name for s in styles]:
        note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = styles["Normal"]
        note.font.size = Pt(9.5)
        note.font.color.rgb = GREY
        # A note follows a table or a block it explains: air above it, more below it.
        note.paragraph_format.space_before = Pt(6)
        note.paragraph_format.space_after = Pt(12)

    # A label cell beside its value (a fact box's "Salary range") and any other header cell
    # outside a table's header rows: LibreOffice tags a cell whose paragraph has this style as a
    # table header (TH) in a tagged PDF, as it does the cells of a repeated header row. It looks
    # as a label column does (bold, navy), left aligned, where LibreOffice's own is centred.
    if "Table Heading" not in [s.name for s in styles]:
        heading = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
        heading.base_style = styles["Normal"]
        heading.font.bold = True
        heading.font.color.rgb = NAVY
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    # Links (the apply URL) are styled as Word's own Hyperlink character style.
    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.base_style = styles["Default Paragraph Font"]
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True

    table = styles["Table Grid"].element
    table.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="1F3864"/>'
        '</w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7ECF3"/></w:tcPr>'
        "</w:tblStylePr>"))
    table.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstCol"><w:rPr><w:b/><w:color w:val="1F3864"/>'
        '</w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F5F9"/></w:tcPr>'
        "</w:tblStylePr>"))
    tblpr = table.find(docx.oxml.ns.qn("w:tblPr"))
    # Replace the blank template's cell margins (one tblCellMar only: two are invalid, and
    # readers disagree on which wins).
    for margins in tblpr.findall(docx.oxml.ns.qn("w:tblCellMar")):
        tblpr.remove(margins)
    tblpr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/><w:left w:w="100" '
        'w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>'
        "</w:tblCellMar>"))
    borders = tblpr.find(docx.oxml.ns.qn("w:tblBorders"))
    # Grid lines a photocopier keeps: a mid grey at 3/4 pt (a pale blue-grey at 1/2 pt vanished
    # on a copy of a copy), still lighter than the text so the table does not shout.
    for edge in borders:
        edge.set(docx.oxml.ns.qn("w:color"), GRID)
        edge.set(docx.oxml.ns.qn("w:sz"), "6")


def page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left", "right", "top", "bottom"):
        setattr(section, f"{side}_margin", Inches(1))
    section.header_distance = section.footer_distance = Inches(0.5)

    # Header: the document's title, which names its kind ("Structured interview guide: ...")
    # except a posting's; footer: the organization at the left, the page number at the right
    # (where Word users look for it).
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header._p.append(parse_xml(field("TITLE", "Title")))

    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    for xml in (field("AUTHOR", "Organization"), TAB_RUN, text_run("Page "),
                field("PAGE", "1"), text_run(" of "), field("NUMPAGES", "1")):
        footer._p.append(parse_xml(xml))


CLEAN_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
             'extended-properties"><Application>jdbuilder</Application><DocSecurity>0'
             "</DocSecurity></Properties>")


def strip_leftovers(data: bytes) -> bytes:
    """Drop the blank template's thumbnail, custom XML and duplicate styles part."""
    dropped = ("customXml/", "docProps/thumbnail", "word/stylesWithEffects.xml")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.startswith(dropped):
                continue
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                text = content.decode()
                text = re.sub(r'<Override PartName="/(customXml|docProps/thumbnail|word/'
                              r'stylesWithEffects)[^>]*/>', "", text)
                text = re.sub(r'<Default Extension="jpeg"[^>]*/>', "", text)
                content = text.encode()
            elif info.filename.endswith(".rels"):
                text = content.decode()
                text = re.sub(r'<Relationship [^>]*Target="[^"]*(customXml|thumbnail|'
                              r'stylesWithEffects)[^"]*"[^>]*/>', "", text)
                content = text.encode()
            elif info.filename == "docProps/app.xml":
                content = CLEAN_APP.encode()
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def main() -> int:
    document = docx.Document()
    style_fonts(document)
    page_setup(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(docx.oxml.ns.qn("w:p"))):
        body.remove(paragraph)
    properties = document.core_properties
    properties.author = properties.title = properties.subject = properties.keywords = ""
    properties.comments = properties.category = properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    OUT.write_bytes(strip_leftovers(buffer.getvalue()))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
