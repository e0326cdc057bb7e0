"""The block model -> .docx, on top of a reference document that holds the look.

This is the only module that deals in raw WordprocessingML. The reference document is read once
(with python-docx, to resolve style names to ids); its unchanging parts are compressed once and
reused; only the body, the core properties, numbering (when lists restart) and headers or footers
that show document properties are made per document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import ERROR, WARNING, InputError, Location, Problem, TemplateError
from ..markup import (
    Block,
    Cell,
    DocumentModel,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    plain_text,
)
from ..safezip import read_zip
from ..xmlchars import find_illegal_character
from ..zipout import Member, pack
from .docx_reference import reduce_reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
# Optional: a header cell outside the header rows gets it when the reference has it.
TABLE_HEADING = "Table Heading"
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet",
                   "List Number", "Table Grid")
KEEP_TOGETHER_ROWS = 12  # a table this small (rows and text) is never split across pages
KEEP_TOGETHER_CHARACTERS = 1500
# A body row that fits on a page never splits across pages: split, its first cells' labels
# (a ladder's competency) would be left on the page before. Its height is estimated from its
# text at the widths of its cells: 11 pt at 15 characters an inch and 0.2 in a line, a cell's
# list at 9 pt (CELL_LIST_SIZE) at 19 an inch and 0.155 in a line, as LibreOffice lays them out;
# a row estimated under this share of the page's text height is kept whole (the rest of the
# page holds a repeated header row). Only a row taller than that may split.
ROW_WHOLE_SHARE_OF_PAGE = 0.8
TEXT_CHARACTERS_PER_INCH, TEXT_LINE_INCHES = 15, 14.7 / 72
LIST_CHARACTERS_PER_INCH, LIST_LINE_INCHES = 19, 11.1 / 72
CELL_MARGINS_INCHES, LIST_INDENT_INCHES = 0.15, 0.25
# A list in a table cell (competency statements, anchors) is set at 9 pt, single spaced: a
# question, its anchors and three inches for notes then fit one page.
CELL_LIST_SIZE = 18  # half-points: 9 pt
WORD_DEFAULT_CELL_MARGIN = 108  # twips; Word's left and right cell margin when a style sets none
_CORE = "docProps/core.xml"
_DOCUMENT = "word/document.xml"
_NUMBERING = "word/numbering.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMPTY_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
               'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               "</Relationships>")
# Word's own look for a link, used when the reference document has no Hyperlink style.
_LINK_LOOK = '<w:color w:val="0563C1"/><w:u w:val="single"/>'
_STYLES = "word/styles.xml"
_FIELD_MARK = "@@JDBUILDER-{}@@"
_PROPERTY_FIELDS = ("TITLE", "SUBJECT", "AUTHOR", "KEYWORDS")
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
# A .docx's main part; python-docx (which this writer once used to read styles) accepts no other.
_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The built-in styles whose names styles.xml stores in lower case (python-docx's BabelFish).
_UI_STYLE_NAMES = {name.lower(): name for name in (
    "Caption", "Footer", "Header", *(f"Heading {level}" for level in range(1, 10)))}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


@dataclass
class _Part:
    name: str
    member: Member | None = None  # static: compressed once
    template: str | None = None  # dynamic: text with field marks


class Reference:
    """A reference .docx, read once and reused for every document written with it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        package = read_zip(path, InputError)
        entries, warnings = reduce_reference(package.members, package.unsafe_names, path)
        # Said once per document written with it, as any input warning is.
        self.warnings = tuple(Problem("reference", WARNING, message) for message in warnings)
        if _STYLES not in entries:
            raise InputError("the reference document has no styles part; save it again from "
                             "Word as .docx", file=path)
        _check_main_part(entries, path)
        try:
            # The style table (350 kB in Word's own) is parsed once, for everything read from it.
            styles = etree.fromstring(entries[_STYLES], _PARSER)
            self.style_ids, self.style_names = _read_styles(styles)
            self._read_parts(entries, styles)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"a part of the document is not valid XML ({exc.msg}); save it "
                             "again from Word as .docx", file=path) from None
        except (ValueError, KeyError, AttributeError, UnicodeError) as exc:
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            raise InputError(f"a part of the document is not what Word writes ({reason}); "
                             "save it again from Word as .docx", file=path) from None

    def _read_parts(self, entries: dict[str, bytes], styles: etree._Element) -> None:
        path = self.path
        self.style_tabs = _style_tabs(styles)
        self.number_abstract = _list_number_abstract(entries, styles, self.style_ids)
        self.document_head, self.section = _split_document(entries[_DOCUMENT], path)
        self.document_tag = re.match(r"<([^\s>]+)", self.document_head).group(1)
        self.text_width = _text_width(self.section)
        self.table_indents = _table_indents(styles, _compatibility_mode(entries))
        self.numbering = _xml_text(entries[_NUMBERING], path) if _NUMBERING in entries else None
        # Links are relationships of the document part, so its relationships are per document.
        self.document_rels = (_xml_text(entries[_DOCUMENT_RELS], path)
                              if _DOCUMENT_RELS in entries else _EMPTY_RELS)
        entries = _ensure_core_part(entries)
        entries.setdefault(_DOCUMENT_RELS, b"")
        self.parts: list[_Part] = []
        for name, data in entries.items():
            if name in {_DOCUMENT, _CORE, _DOCUMENT_RELS} or (
                    name == _NUMBERING and self.number_abstract):
                self.parts.append(_Part(name))
                continue
            template = _field_template(name, data)
            self.parts.append(_Part(name, template=template) if template else
                              _Part(name, member=Member.from_bytes(name, data)))

    def missing_styles(self, names: set[str]) -> list[str]:
        return sorted(name for name in names if name not in self.style_ids)

    def style_id(self, name: str) -> str:
        return self.style_ids[name]


@lru_cache(maxsize=4)
def load_reference(path: Path) -> Reference:
    return Reference(path)


def _read_styles(styles: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    """Style UI names -> ids and back, named as Word's UI (and python-docx) name them: the
    styles part stores a few built-in names in lower case ('heading 1' is 'Heading 1')."""
    ids = {}
    for style in styles.iterfind(f"{{{W}}}style"):
        name = style.find(f"{{{W}}}name")
        value = name.get(f"{{{W}}}val") if name is not None else None
        if value:
            ids[_UI_STYLE_NAMES.get(value, value)] = style.get(f"{{{W}}}styleId")
    return ids, {v: k for k, v in ids.items()}


def _check_main_part(entries: dict[str, bytes], path: Path) -> None:
    """The package's main part must be a Word document, not, say, a template or a
    spreadsheet's parts renamed."""
    try:
        types = etree.fromstring(entries["[Content_Types].xml"], _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"a part of the document is not valid XML ({exc.msg}); save it "
                         "again from Word as .docx", file=path) from None
    for override in types.iterfind(f"{{{_TYPES}}}Override"):
        if override.get("PartName", "").lstrip("/") == _DOCUMENT:
            content_type = override.get("ContentType", "")
            if content_type != _MAIN_CONTENT_TYPE:
                raise InputError(f"not a Word document (its main part is '{content_type}'); "
                                 "save it from Word as .docx", file=path)
            return
    raise InputError(f"not a Word document (no content type for {_DOCUMENT}); save it from "
                     "Word as .docx", file=path)


def _xml_text(data: bytes, path: Path) -> str:
    """A part as UTF-8 text whatever encoding it declares (Word may save UTF-16)."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"a part of the document is not valid XML ({exc.msg})", file=path
                            ) from None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True
                          ).decode("utf-8")


def _list_number_abstract(entries: dict[str, bytes], styles: etree._Element,
                          style_ids: dict[str, str]) -> str | None:
    """The abstract numbering behind the 'List Number' style, so each list can restart at 1."""
    if _NUMBERING not in entries or "List Number" not in style_ids:
        return None
    num_id = styles.xpath(f'w:style[@w:styleId="{style_ids["List Number"]}"]/w:pPr/w:numPr/'
                          "w:numId/@w:val", namespaces=NS)
    if not num_id:
        return None
    numbering = etree.fromstring(entries[_NUMBERING])
    abstract = numbering.xpath(f'w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val',
                               namespaces=NS)
    return abstract[0] if abstract else None


def _split_document(data: bytes, path: Path) -> tuple[str, str]:
    """The document's root start tag (namespaces) and its body section properties."""
    root = etree.fromstring(data)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise TemplateError("word/document.xml has no body", file=path)
    section = body.find(f"{{{W}}}sectPr")
    section_xml = etree.tostring(section, encoding="unicode") if section is not None else ""
    for child in list(root):
        root.remove(child)
    head = etree.tostring(root, encoding="unicode")
    head = re.sub(r"\s*/>$", ">", head) if head.endswith("/>") else head.split("</", 1)[0]
    if f'xmlns:w="{W}"' not in head:
        # The body is written with the conventional w: prefix; a reference saved with another
        # prefix for the same namespace gets w: declared too.
        head = head[:-1] + f' xmlns:w="{W}">'
    if f'xmlns:r="{_R}"' not in head:
        head = head[:-1] + f' xmlns:r="{_R}">'  # hyperlinks name their target as r:id
    return head, section_xml


def _text_width(section: str) -> int:
    """Twips between the margins; Letter with 1-inch margins when the reference says nothing."""
    width = re.search(r'<w:pgSz[^>]*w:w="(\d+)"', section)
    left = re.search(r'<w:pgMar[^>]*w:left="(\d+)"', section)
    right = re.search(r'<w:pgMar[^>]*w:right="(\d+)"', section)
    if width and left and right:
        return max(int(width.group(1)) - int(left.group(1)) - int(right.group(1)), 2000)
    return 9360


def _text_height(section: str) -> int:
    """Twips between the top and bottom margins; Letter with 1-inch margins when the reference
    says nothing."""
    height = re.search(r'<w:pgSz[^>]*w:h="(\d+)"', section)
    top = re.search(r'<w:pgMar[^>]*w:top="(-?\d+)"', section)
    bottom = re.search(r'<w:pgMar[^>]*w:bottom="(-?\d+)"', section)
    if height and top and bottom:
        return max(int(height.group(1)) - abs(int(top.group(1))) - abs(int(bottom.group(1))),
                   2000)
    return 12960


def _landscape(section: str) -> str:
    """The reference's page turned sideways: width and height swapped, margins kept (the top
    and bottom ones hold the header and footer). A page already wide, or one whose size the
    reference does not give, is left as the reference has it."""
    size = re.search(r"<w:pgSz\b[^>]*/>", section)
    width = re.search(r'w:w="(\d+)"', size.group()) if size else None
    height = re.search(r'w:h="(\d+)"', size.group()) if size else None
    if not (size and width and height) or int(width.group(1)) > int(height.group(1)):
        return section
    turned = (f'<w:pgSz w:w="{height.group(1)}" w:h="{width.group(1)}" '
              'w:orient="landscape"/>')
    return section[:size.start()] + turned + section[size.end():]


def _compatibility_mode(entries: dict[str, bytes]) -> int:
    found = re.search(rb'w:name="compatibilityMode"[^>]*w:val="(\d+)"',
                      entries.get("word/settings.xml", b""))
    return int(found.group(1)) if found else 12


def _table_indents(styles: etree._Element, compatibility_mode: int) -> dict[str, int]:
    """Per table style id, the indent that puts the table's left border on the text edge.

    Before Word 2013 (compatibility mode 15) a table's indent is measured to the text in its first
    cell, so with no indent the border sits one cell margin left of the text; from mode 15 on it is
    measured to the border."""
    if compatibility_mode >= 15:
        return {}
    indents = {}
    for style in styles.iterfind("w:style[@w:type='table']", NS):
        margin = style.xpath("w:tblPr/w:tblCellMar/*[self::w:left or self::w:start]/@w:w",
                             namespaces=NS)
        indents[style.get(f"{{{W}}}styleId")] = int(margin[0]) if margin else \
            WORD_DEFAULT_CELL_MARGIN
    return indents


def _style_tabs(styles: etree._Element) -> dict[str, list[tuple[str, int]]]:
    """Each paragraph style's center and right tab stops (style id -> [(kind, position)]):
    a header's right-aligned text sits on one."""
    found: dict[str, list[tuple[str, int]]] = {}
    for style in styles.iterfind(f"{{{W}}}style"):
        tabs = [(tab.get(f"{{{W}}}val"), int(tab.get(f"{{{W}}}pos", "0")))
                for tab in style.iterfind(f"{{{W}}}pPr/{{{W}}}tabs/{{{W}}}tab")]
        tabs = [(kind, pos) for kind, pos in tabs if kind in {"center", "right"}]
        if tabs:
            found[style.get(f"{{{W}}}styleId")] = tabs
    return found


def _widen_tabs(part: str, style_tabs: dict[str, list[tuple[str, int]]], extra: int) -> str:
    """A header or footer on a page turned sideways: its styles' right tab stops move out by
    the extra text width (center ones by half), so text set at the right margin stays there."""
    def widen(match: re.Match[str]) -> str:
        tabs = style_tabs.get(match.group(1))
        if not tabs or extra <= 0:
            return match.group(0)
        stops = "".join(f'<w:tab w:val="clear" w:pos="{pos}"/>'
                        f'<w:tab w:val="{kind}" w:pos="{pos + (extra if kind == "right" else extra // 2)}"/>'
                        for kind, pos in tabs)
        return f"{match.group(0)}<w:tabs>{stops}</w:tabs>"

    # Only where the style is the paragraph's whole formatting: w:tabs must follow w:pStyle.
    return re.sub(r'<w:pStyle w:val="([^"]+)"/>(?=</w:pPr>)', widen, part)


def _ensure_core_part(entries: dict[str, bytes]) -> dict[str, bytes]:
    """A reference without core properties gets the part, its relationship and its type."""
    if _CORE in entries:
        return entries
    entries = dict(entries)
    types = entries["[Content_Types].xml"].decode("utf-8")
    override = f'<Override PartName="/{_CORE}" ContentType="{_CORE_TYPE}"/>'
    entries["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = entries.get("_rels/.rels", b"").decode("utf-8")
    relationship = f'<Relationship Id="rIdJdCore" Type="{_CORE_REL}" Target="{_CORE}"/>'
    entries["_rels/.rels"] = rels.replace("</Relationships>",
                                          relationship + "</Relationships>").encode()
    entries[_CORE] = b""
    return entries


def _field_template(name: str, data: bytes) -> str | None:
    """Headers and footers that show TITLE/SUBJECT/AUTHOR fields get their shown text per document
    (Word shows a field's stored result until it updates it)."""
    if not re.fullmatch(r"word/(header|footer)\d*\.xml", name) or b"fldSimple" not in data:
        return None
    root = etree.fromstring(data)
    changed = False
    for field in root.iter(f"{{{W}}}fldSimple"):
        words = (field.get(f"{{{W}}}instr") or "").split()
        if words and words[0].upper() in _PROPERTY_FIELDS:
            texts = list(field.iter(f"{{{W}}}t"))
            if texts:
                texts[0].text = _FIELD_MARK.format(words[0].upper())
                for extra in texts[1:]:
                    extra.text = ""
                changed = True
    if not changed:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True
                          ).decode("utf-8")


# ----------------------------------------------------------------------------------------------
# Writing


class _Body:
    def __init__(self, reference: Reference, text_width: int, author: str = "",
                 date: str = "") -> None:
        self.reference = reference
        self.text_width = text_width
        self.text_height = 12960  # twips between the top and bottom margins
        self.parts: list[str] = []
        self.restarts: list[int] = []  # numIds created for numbered lists
        self.links: list[str] = []  # link targets, in order: relationship rIdJdLink<n+1>
        self.author = author or "jdbuilder"  # a redline's tracked changes: who, and when
        self.date = date
        self.revisions = 0  # each tracked change has its own w:id

    def revision(self, change: str, content: str = "") -> str:
        """A tracked insertion or deletion (w:ins / w:del) around `content`; empty `content`
        gives the mark a paragraph or row carries."""
        self.revisions += 1
        date = f' w:date="{escape(self.date)}"' if self.date else ""
        head = f'<w:{change} w:id="{self.revisions}" w:author="{escape(self.author)}"{date}'
        return f"{head}>{content}</w:{change}>" if content else f"{head}/>"

    def style(self, name: str) -> str:
        return escape(self.reference.style_id(name))

    def link_id(self, target: str) -> str:
        if target not in self.links:
            self.links.append(target)
        return f"rIdJdLink{self.links.index(target) + 1}"

    def runs(self, runs: tuple[Run, ...], bold: bool = False, size: int | None = None) -> str:
        out = []
        open_link: str | None = None
        for run in runs:
            if run.href != open_link:
                if open_link is not None:
                    out.append("</w:hyperlink>")
                if run.href is not None:
                    out.append(f'<w:hyperlink r:id="{self.link_id(run.href)}" w:history="1">')
                open_link = run.href
            props = ("<w:b/>" if run.bold or bold else "") + ("<w:i/>" if run.italic else "")
            if run.href is not None:
                props = self.link_look() + props
            elif size:
                props += f'<w:sz w:val="{size}"/>'  # after b and i, as the schema orders them
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            brk = "<w:br/>" if run.line_break else ""
            tag = "w:delText" if run.change == "del" else "w:t"
            text = f'<{tag} xml:space="preserve">{escape(run.text)}</{tag}>' if run.text else ""
            xml = f"<w:r>{rpr}{brk}{text}</w:r>"
            out.append(self.revision(run.change, xml) if run.change else xml)
        if open_link is not None:
            out.append("</w:hyperlink>")
        return "".join(out)

    def link_look(self) -> str:
        if "Hyperlink" in self.reference.style_ids:
            return f'<w:rStyle w:val="{self.style("Hyperlink")}"/>'
        return _LINK_LOOK

    def paragraph(self, runs: tuple[Run, ...], style: str | None, extra_ppr: str = "",
                  bold: bool = False, whole: bool = True, size: int | None = None) -> str:
        """`whole`: a paragraph inserted or deleted whole has its mark tracked too, so rejecting
        (or accepting) the change leaves no empty paragraph behind."""
        ppr = (f'<w:pStyle w:val="{self.style(style)}"/>' if style and style != "Normal" else "")
        ppr += extra_ppr
        change = _whole_change(runs) if whole else None
        if change:
            ppr += f"<w:rPr>{self.revision(change)}</w:rPr>"
        return (f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{self.runs(runs, bold, size)}"
                "</w:p>")

    def add(self, block: Block) -> None:
        if isinstance(block, Table) and self.parts and self.parts[-1].startswith("<w:tbl>"):
            # Two tables with nothing between them are one table to Word (the second one's
            # rows join the first's, under its repeated header): a paragraph keeps them apart.
            self.parts.append("<w:p/>")
        flow = _flow(block.keep, block.new_page)
        if block.new_page and isinstance(block, (Heading, Paragraph)):
            # The top margin is the space above a page's first line; LibreOffice would add the
            # heading's space before it too.
            flow += '<w:spacing w:before="0"/>'
        if isinstance(block, Heading):
            self.parts.append(self.paragraph(block.runs, block.style or _heading_style(block),
                                             flow))
        elif isinstance(block, Paragraph):
            self.parts.append(self.paragraph(block.runs, block.style, flow))
        elif isinstance(block, ListBlock):
            self.add_list(block)
        elif isinstance(block, Table):
            self.add_table(block)

    def list_paragraphs(self, items: tuple[tuple[Run, ...], ...], ordered: bool,
                        style: str | None, keep: bool, new_page: bool = False,
                        in_cell: str = "", size: int | None = None,
                        whole: bool = False) -> list[str]:
        style = style or ("List Number" if ordered else "List Bullet")
        numbering = ""
        if ordered and self.reference.number_abstract:
            num_id = 1000 + len(self.restarts)
            self.restarts.append(num_id)
            numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        out = []
        for index, item in enumerate(items):
            last = index + 1 == len(items)
            # A list's items stay together when it is kept, and the first two and the last two
            # always do: no page holds a single stranded bullet.
            together = keep or (not last and (whole or index == 0 or index + 2 >= len(items)))
            out.append(self.paragraph(item, style, _flow(together, new_page and index == 0)
                                      + numbering + in_cell, size=size))
        return out

    def add_list(self, block: ListBlock) -> None:
        self.parts.extend(self.list_paragraphs(block.items, block.ordered, block.style,
                                               block.keep, block.new_page, whole=block.whole))

    def add_table(self, table: Table) -> None:
        widths = _column_widths(table.column_widths(), self.text_width)
        header_rows = table.header_rows
        label_column = all(row[0].header for row in table.rows) and not header_rows
        # w:val repeats the flags as a bit mask for older readers: firstRow 0x20,
        # firstColumn 0x80, noHBand 0x200, noVBand 0x400.
        mask = 0x600 | (0x20 if header_rows else 0) | (0x80 if label_column else 0)
        style_id = self.style(table.style or "Table Grid")
        # Borders on the text edges, so a table lines up with the heading rules above it.
        indent = self.reference.table_indents.get(style_id, 0)
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/>'
               f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/>'
               f'<w:tblLook w:val="{mask:04X}" w:firstRow="{int(bool(header_rows))}" '
               f'w:lastRow="0" w:firstColumn="{int(label_column)}" w:lastColumn="0" '
               'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{width}"/>' for width in widths]
        out.append("</w:tblGrid>")
        short = table.keep or (len(table.rows) <= KEEP_TOGETHER_ROWS and sum(
            len(run.text) for row in table.rows for cell in row for run in cell.all_runs)
            <= KEEP_TOGETHER_CHARACTERS)
        for index, row in enumerate(table.rows):
            height = table.height(index)
            height_xml = (f'<w:trHeight w:val="{round(height * 1440)}" w:hRule="atLeast"/>'
                          if height else "")
            # Header rows repeat on every page and never split; long body rows may split.
            if index < header_rows:
                trpr = f"<w:cantSplit/>{height_xml}<w:tblHeader/>"
            elif _row_inches(row, widths) <= ROW_WHOLE_SHARE_OF_PAGE * self.text_height / 1440:
                trpr = f"<w:cantSplit/>{height_xml}"
            else:
                trpr = height_xml
            change = _whole_change(tuple(run for cell in row for run in _cell_runs(cell)))
            if change:  # a row added or removed: the row itself is the tracked change
                trpr += self.revision(change)
            out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>")
            # A short table (a signature block, a fact box) stays on one page: each row keeps
            # with the next. Long tables may break between rows. A kept table keeps with what
            # follows it too.
            keep = short and (index + 1 < len(table.rows) or table.keep)
            column = 0
            # A header cell outside the header rows (a label beside its value) in the style
            # LibreOffice tags as a table header in a PDF, where the reference has it.
            label = (TABLE_HEADING if index >= header_rows and TABLE_HEADING in
                     self.reference.style_ids else None)
            for cell in row:
                # A cell spanning columns is as wide as they are together (w:gridSpan).
                width = sum(widths[column:column + cell.span])
                span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
                content = self.cell(cell, keep, table.new_page and index == column == 0,
                                    label if cell.header else None)
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>'
                           f"{content}</w:tc>")
                column += cell.span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))

    def cell(self, cell: Cell, keep_with_next: bool = False, new_page: bool = False,
             label_style: str | None = None) -> str:
        spacing = '<w:spacing w:before="40" w:after="40"/>'
        parts = []
        if cell.runs or not cell.items:
            parts.append(self.paragraph(cell.runs, cell.style or label_style,
                                        _flow(keep_with_next, new_page) + spacing,
                                        bold=cell.header, whole=False))
        if cell.items:
            # Real list items in the cell, numbered by the List Bullet style (its hanging
            # indent), not typed bullets.
            parts += self.list_paragraphs(cell.items, False, None, keep_with_next,
                                          new_page and not cell.runs,
                                          '<w:spacing w:before="0" w:after="0" w:line="240" '
                                          'w:lineRule="auto"/>', CELL_LIST_SIZE)
        return "".join(parts)


def _row_inches(row: tuple[Cell, ...], widths: list[int]) -> float:
    """An estimate of a row's height: its tallest cell's lines."""
    tallest, column = 0.0, 0
    for cell in row:
        inches = sum(widths[column:column + cell.span]) / 1440 - CELL_MARGINS_INCHES
        column += cell.span
        height = 0.0
        if cell.runs:
            per_line = max(int(inches * TEXT_CHARACTERS_PER_INCH), 1)
            height += sum(-(-max(len(line), 1) // per_line) for line in
                          plain_text(cell.runs).split("\n")) * TEXT_LINE_INCHES
        per_item = max(int((inches - LIST_INDENT_INCHES) * LIST_CHARACTERS_PER_INCH), 1)
        height += sum(-(-max(len(plain_text(item)), 1) // per_item)
                      for item in cell.items) * LIST_LINE_INCHES
        tallest = max(tallest, height)
    return tallest


def _flow(keep: bool, new_page: bool) -> str:
    """Paragraph properties that place a paragraph on the page, in the schema's order."""
    return ("<w:keepNext/>" if keep else "") + ("<w:pageBreakBefore/>" if new_page else "")


def _cell_runs(cell: Cell) -> tuple[Run, ...]:
    return cell.runs + tuple(run for item in cell.items for run in item)


def _whole_change(runs: tuple[Run, ...]) -> str | None:
    """The change every run with text shares ("ins", "del"), or None."""
    changes = {run.change for run in runs if run.text or run.line_break}
    return changes.pop() if len(changes) == 1 else None


def _heading_style(block: Heading) -> str:
    return "Title" if block.level == 1 else f"Heading {block.level - 1}"


def _column_widths(requested: list[int | None], total: int) -> list[int]:
    given = sum(width for width in requested if width)
    free = [index for index, width in enumerate(requested) if not width]
    # Columns without a width share what is left; when nothing is left they still get an
    # average column's share, so no column is ever drawn zero wide.
    rest = max(100 - given, 0) or (given / len(requested)) * len(free)
    percents = [width or (rest / len(free) if free else 0) for width in requested]
    scale = sum(percents) or 1
    widths = [int(total * percent / scale) for percent in percents]
    widths[-1] += total - sum(widths)  # rounding: the last column reaches the right text edge
    return widths


def missing_styles_problem(path: Path, missing: list[str]) -> Problem:
    return Problem("reference-styles", ERROR,
                   f"the reference document lacks the style(s) "
                   f"{', '.join(repr(name) for name in missing)}; add them in Word (Styles pane) "
                   "or use the built-in reference.docx", Location(file=str(path)))


def styles_needed(blocks: tuple[Block, ...]) -> set[str]:
    names = set(REQUIRED_STYLES)
    for block in blocks:
        if getattr(block, "style", None):
            names.add(block.style)  # type: ignore[arg-type]
        if isinstance(block, Table):
            names.update(cell.style for row in block.rows for cell in row if cell.style)
            if any(cell.items for row in block.rows for cell in row):
                names.add("List Bullet")
    return names


def _core_xml(model: DocumentModel, created: dt.datetime) -> str:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://'
        'purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://'
        'www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(model.title)}</dc:title>"
        f"<dc:subject>{escape(model.subject)}</dc:subject>"
        f"<dc:creator>{escape(model.author)}</dc:creator>"
        f"<cp:keywords>{escape(', '.join(model.keywords))}</cp:keywords>"
        f"<dc:language>{escape(model.language)}</dc:language>"
        f"<cp:lastModifiedBy>jdbuilder</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _with_links(rels: str, targets: list[str]) -> str:
    links = "".join(f'<Relationship Id="rIdJdLink{index}" Type="{_HYPERLINK_REL}" '
                    f'Target="{escape(target)}" TargetMode="External"/>'
                    for index, target in enumerate(targets, 1))
    rels = re.sub(r"<Relationships([^>]*)/>", r"<Relationships\1></Relationships>", rels)
    return rels.replace("</Relationships>", links + "</Relationships>", 1) if links else rels


def _numbering_xml(base: str, abstract: str, num_ids: list[int]) -> str:
    nums = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for num_id in num_ids)
    anchor = "<w:numIdMacAtCleanup" if "<w:numIdMacAtCleanup" in base else "</w:numbering>"
    return base.replace(anchor, nums + anchor, 1)


def write_docx(model: DocumentModel, reference: Reference, created: dt.datetime,
               parts: tuple[DocumentModel, ...] = ()) -> bytes:
    """The document; with `parts`, one document of those parts, each in its own section
    (starting a page, upright or sideways as the part is) under `model`'s title and
    properties: the hiring kit bound as one."""
    parts = parts or (model,)
    missing = reference.missing_styles(set().union(*(styles_needed(p.blocks) for p in parts)))
    if missing:
        raise InputError(missing_styles_problem(reference.path, missing))
    for label, value in (("title", model.title), ("subject", model.subject),
                         ("author", model.author)):
        bad = find_illegal_character(value)
        if bad:
            raise TemplateError(f"contains the control character {bad}",
                                place=f"the document's {label}")
    sections = [_landscape(reference.section) if part.landscape else reference.section
                for part in parts]
    body = _Body(reference, _text_width(sections[0]), model.revision_author, model.revision_date)
    for index, (part, section) in enumerate(zip(parts, sections)):
        body.text_width = _text_width(section)
        body.text_height = _text_height(section)
        for block in part.blocks:
            body.add(block)
        if index + 1 < len(parts):
            # A section ends with the paragraph holding its properties; the next starts a page.
            body.parts.append(f"<w:p><w:pPr>{section}</w:pPr></w:p>")
        elif part.blocks and isinstance(part.blocks[-1], Table):
            body.parts.append("<w:p/>")  # Word wants a paragraph between a table and the end
    section = sections[-1]
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"{reference.document_head}<w:body>{''.join(body.parts)}"
                f"{section}</w:body></{reference.document_tag}>")
    fields = {"TITLE": model.title, "SUBJECT": model.subject, "AUTHOR": model.author,
              "KEYWORDS": ", ".join(model.keywords)}
    members = []
    for part in reference.parts:
        if part.member is not None:
            members.append(part.member)
            continue
        if part.name == _DOCUMENT:
            data = document
        elif part.name == _CORE:
            data = _core_xml(model, created)
        elif part.name == _DOCUMENT_RELS:
            data = _with_links(reference.document_rels, body.links)
        elif part.name == _NUMBERING:
            data = (_numbering_xml(reference.numbering or "", reference.number_abstract or "",
                                   body.restarts) if body.restarts else reference.numbering or "")
        else:
            data = part.template or ""
            if section is not reference.section:
                data = _widen_tabs(data, reference.style_tabs,
                                   _text_width(section) - reference.text_width)
            for key, value in fields.items():
                data = data.replace(_FIELD_MARK.format(key), escape(value))
        members.append(Member.from_bytes(part.name, data.encode("utf-8")))
    return pack(members)
