"""Document markup (a small HTML subset) -> the block model every writer reads.

The subset: h1-h3, p, ul/ol/li, table/tr/th/td, strong, em, br, a href; `class` names a Word
style; `width` on th/td gives a column width in percent. Anything else is an error, never dropped.

For paper: `<div class="keep">` keeps its blocks on one page (each keeps with the next) and
`<div class="page">` also starts them on a new page; `height="3in"` on a `<tr>` gives the row at
least that height (a space to write in); a `<th>`/`<td>` may end with one `<ul>`, a real list in
the cell, and may span columns (`colspan="4"`: a full-width row under a table's columns).
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .errors import TemplateError


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a <br>: a break, then this run's text
    href: str | None = None  # inside <a href>: the link target
    change: str | None = None  # a redline's "ins" or "del" (jdbuilder.redline); never parsed


@dataclass(frozen=True)
class Heading:
    level: int
    runs: tuple[Run, ...]
    style: str | None = None
    keep: bool = False  # kept on one page with the block after it
    new_page: bool = False  # starts a page


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str | None = None
    keep: bool = False
    new_page: bool = False


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Run, ...], ...]
    style: str | None = None
    keep: bool = False  # kept on one page with the block after it (and so its items together)
    new_page: bool = False
    whole: bool = False  # its items kept together on one page (the last block of a group)


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    header: bool = False
    width: int | None = None  # percent of the table width
    style: str | None = None
    items: tuple[tuple[Run, ...], ...] = ()  # a bulleted list after the runs
    span: int = 1  # the number of columns the cell covers (colspan)

    @property
    def all_runs(self) -> tuple[Run, ...]:
        """The cell as one text, its list items as '• ' lines: for formats with no lists in
        table cells (Markdown, plain text) and for reading the text."""
        runs = list(self.runs)
        for item in self.items:
            if runs:
                runs.append(Run("", line_break=True))
            runs.append(Run("• "))
            runs.extend(item)
        return tuple(runs)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    style: str | None = None
    keep: bool = False
    new_page: bool = False
    heights: tuple[float | None, ...] = ()  # per row: least height in inches, or None

    def height(self, index: int) -> float | None:
        return self.heights[index] if index < len(self.heights) else None

    @property
    def columns(self) -> int:
        """The table's number of columns: a row's cells with their spans."""
        return sum(cell.span for cell in self.rows[0])

    def column_widths(self) -> list[int | None]:
        """Each column's requested width in percent (None: not given), from the first row
        whose cells span one column each; a cell spanning columns without such a row gives
        each column its share."""
        for row in self.rows:
            if all(cell.span == 1 for cell in row):
                return [cell.width for cell in row]
        return [max(1, round(cell.width / cell.span)) if cell.width else None
                for cell in self.rows[0] for _ in range(cell.span)]

    @property
    def header_rows(self) -> int:
        count = 0
        for row in self.rows:
            if not all(cell.header for cell in row):
                break
            count += 1
        return count


Block = Heading | Paragraph | ListBlock | Table


@dataclass(frozen=True)
class DocumentModel:
    blocks: tuple[Block, ...]
    title: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    author: str = ""
    description: str = ""  # one or two sentences for previews (HTML meta description)
    language: str = "en-US"
    landscape: bool = False  # wide tables: pages turned sideways (docx, and print from HTML)
    # Who made a redline's changes and when (ISO 8601, UTC): Word's tracked-change author/date.
    revision_author: str = ""
    revision_date: str = ""
    running_title: str = ""  # the working title alone (the title says the kind too)


_PAGE_CLASSES = {"keep", "page"}
MAX_ROW_HEIGHT_INCHES = 9.0
MAX_COLUMN_SPAN = 20


def plain_text(runs: tuple[Run, ...]) -> str:
    return "".join(("\n" if run.line_break else "") + run.text for run in runs)


_INLINE = {"strong", "em", "br", "a"}
_LINK_SCHEMES = ("https://", "http://", "mailto:")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _html_entities_to_xml(markup: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        codepoint = html.entities.name2codepoint.get(name)
        return f"&#{codepoint};" if codepoint else match.group(0)

    return _ENTITY.sub(replace, markup)


class _Parser:
    def __init__(self, source: Path | str) -> None:
        self.source = source

    def fail(self, element: etree._Element | None, problem: str) -> TemplateError:
        return TemplateError(problem, file=self.source, place=f"rendered line "
                             f"{element.sourceline}" if element is not None else None)

    def style(self, element: etree._Element) -> str | None:
        value = element.get("class")
        return " ".join(value.split()) if value else None

    def check_attributes(self, element: etree._Element, allowed: set[str]) -> None:
        for name in element.attrib:
            if name not in allowed:
                raise self.fail(element, f"attribute '{name}' on <{element.tag}> is not "
                                f"supported; allowed: {', '.join(sorted(allowed)) or 'none'}")

    def blocks(self, root: etree._Element) -> tuple[Block, ...]:
        if root.text and root.text.strip():
            raise self.fail(root, f"text outside any element: '{root.text.strip()[:40]}'; "
                            "wrap it in <p>")
        result: list[Block] = []
        for element in root:
            if element.tag == "div" and root.tag == "doc":
                result.extend(self.group(element))
            else:
                result.append(self.block(element))
            if element.tail and element.tail.strip():
                raise self.fail(element, f"text outside any element after <{element.tag}>: "
                                f"'{element.tail.strip()[:40]}'; wrap it in <p>")
        return tuple(result)

    def group(self, element: etree._Element) -> list[Block]:
        """<div class="keep|page">: its blocks, each but the last kept with the next one."""
        self.check_attributes(element, {"class"})
        classes = set((element.get("class") or "").split())
        if not classes or classes - _PAGE_CLASSES:
            raise self.fail(element, "<div> needs class=\"keep\" (keep its blocks on one page) "
                            "or class=\"page\" (start them on a new page too)")
        blocks = list(self.blocks(element))
        if not blocks:
            raise self.fail(element, "<div> holds no blocks")
        for index, block in enumerate(blocks):
            changes: dict[str, bool] = {"keep": index + 1 < len(blocks)}
            if isinstance(block, ListBlock):
                changes["whole"] = True
            if index == 0 and "page" in classes:
                changes["new_page"] = True
            blocks[index] = replace(block, **changes)
        return blocks

    def block(self, element: etree._Element) -> Block:
        tag = element.tag
        if not isinstance(tag, str):
            raise self.fail(element, "unsupported markup node")
        if tag in {"h1", "h2", "h3"}:
            self.check_attributes(element, {"class"})
            return Heading(int(tag[1]), self.inline(element), self.style(element))
        if tag == "p":
            self.check_attributes(element, {"class"})
            return Paragraph(self.inline(element), self.style(element))
        if tag in {"ul", "ol"}:
            self.check_attributes(element, {"class"})
            return self.list_block(element)
        if tag == "table":
            self.check_attributes(element, {"class"})
            return self.table(element)
        if tag == "div":
            raise self.fail(element, "<div> inside <div> is not supported")
        raise self.fail(element, f"<{tag}> is not supported here; blocks may be h1, h2, h3, p, "
                        "ul, ol, table or div")

    def list_block(self, element: etree._Element) -> ListBlock:
        self.no_stray_text(element)
        items = []
        for child in element:
            if child.tag != "li":
                raise self.fail(child, f"<{child.tag}> inside <{element.tag}>; only <li> may be")
            self.check_attributes(child, set())
            items.append(self.inline(child))
        if not items:
            raise self.fail(element, f"<{element.tag}> has no items")
        return ListBlock(element.tag == "ol", tuple(items), self.style(element))

    def table(self, element: etree._Element) -> Table:
        self.no_stray_text(element)
        rows = []
        heights: list[float | None] = []
        for row in element:
            if row.tag != "tr":
                raise self.fail(row, f"<{row.tag}> inside <table>; only <tr> may be")
            self.check_attributes(row, {"height"})
            heights.append(self.height(row))
            self.no_stray_text(row)
            cells = []
            for cell in row:
                if cell.tag not in {"th", "td"}:
                    raise self.fail(cell, f"<{cell.tag}> inside <tr>; only <th> and <td> may be")
                self.check_attributes(cell, {"class", "width", "colspan"})
                runs, items = self.cell_content(cell)
                cells.append(Cell(runs, cell.tag == "th", self.width(cell), self.style(cell),
                                  items, self.span(cell)))
            if not cells:
                raise self.fail(row, "<tr> has no cells")
            rows.append(tuple(cells))
        if not rows:
            raise self.fail(element, "<table> has no rows")
        widths = {sum(cell.span for cell in r) for r in rows}
        if len(widths) != 1:
            raise self.fail(element, "table rows have different numbers of cells (a cell "
                            "with colspan=\"N\" counts as N)")
        return Table(tuple(rows), self.style(element),
                     heights=tuple(heights) if any(heights) else ())

    def cell_content(self, cell: etree._Element
                     ) -> tuple[tuple[Run, ...], tuple[tuple[Run, ...], ...]]:
        """A cell's inline content and the items of the one <ul> that may end it."""
        last = cell[-1] if len(cell) else None
        if last is None or last.tag != "ul":
            return self.inline(cell), ()
        if last.tail and last.tail.strip():
            raise self.fail(last, "text after a <ul> in a cell; a cell's list comes last")
        cell.remove(last)
        self.check_attributes(last, set())
        return self.inline(cell), self.list_block(last).items

    def height(self, row: etree._Element) -> float | None:
        value = row.get("height")
        if value is None:
            return None
        number = value.strip().removesuffix("in")
        try:
            inches = float(number)
        except ValueError:
            inches = -1.0
        if not value.strip().endswith("in") or not 0 < inches <= MAX_ROW_HEIGHT_INCHES:
            raise self.fail(row, f"height '{value}' must be inches from 0 to "
                            f"{MAX_ROW_HEIGHT_INCHES:g}, e.g. height=\"3in\"")
        return inches

    def span(self, cell: etree._Element) -> int:
        value = cell.get("colspan")
        if value is None:
            return 1
        if not value.strip().isdigit() or not 1 <= int(value) <= MAX_COLUMN_SPAN:
            raise self.fail(cell, f"colspan '{value}' must be a whole number of columns from 1 "
                            f"to {MAX_COLUMN_SPAN}")
        return int(value)

    def width(self, cell: etree._Element) -> int | None:
        value = cell.get("width")
        if value is None:
            return None
        digits = value.strip().rstrip("%")
        if not digits.isdigit() or not 1 <= int(digits) <= 100:
            raise self.fail(cell, f"width '{value}' must be a percent from 1 to 100")
        return int(digits)

    def no_stray_text(self, element: etree._Element) -> None:
        for text in [element.text, *(child.tail for child in element)]:
            if text and text.strip():
                raise self.fail(element, f"text '{text.strip()[:40]}' directly inside "
                                f"<{element.tag}>")

    def inline(self, element: etree._Element) -> tuple[Run, ...]:
        runs: list[Run] = []
        self._collect(element, False, False, None, runs)
        return _tidy(runs)

    def link(self, element: etree._Element, href: str | None) -> str:
        if href is not None:
            raise self.fail(element, "<a> inside <a> is not supported")
        self.check_attributes(element, {"href"})
        address = (element.get("href") or "").strip()
        if not address.startswith(_LINK_SCHEMES):
            raise self.fail(element, f"<a href='{address}'>: a link must start with "
                            f"{', '.join(_LINK_SCHEMES)}")
        return address

    def _collect(self, element, bold: bool, italic: bool, href: str | None,
                 runs: list[Run]) -> None:
        if element.text:
            runs.append(Run(element.text, bold, italic, href=href))
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag not in _INLINE:
                parent = f"<{element.tag}>"
                kind = "a list or table" if tag in {"ul", "ol", "table", "p"} else f"<{tag}>"
                raise self.fail(child, f"{kind} inside {parent} is not supported; "
                                "inline content may use strong, em, br and a href")
            if tag == "a":
                self._collect(child, bold, italic, self.link(child, href), runs)
            else:
                self.check_attributes(child, set())
            if tag == "br":
                runs.append(Run("", bold, italic, line_break=True, href=href))
            elif tag != "a":
                self._collect(child, bold or tag == "strong", italic or tag == "em", href, runs)
            if child.tail:
                runs.append(Run(child.tail, bold, italic, href=href))


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Collapse white space as HTML does (one space between words, none at the start or end of
    a line, a <br> included) and merge neighbouring runs of the same look."""
    tidy: list[Run] = []
    line_start = True
    for run in runs:
        text = _HTML_SPACE.sub(" ", run.text)
        if run.line_break:
            if tidy:
                tidy[-1] = _with_text(tidy[-1], tidy[-1].text.rstrip(" "))
            line_start = True
        if line_start or (tidy and tidy[-1].text.endswith(" ")):
            text = text.lstrip(" ")
        if not text and not run.line_break:
            continue
        previous = tidy[-1] if tidy else None
        if (previous and not run.line_break and previous.bold == run.bold
                and previous.italic == run.italic and previous.href == run.href):
            tidy[-1] = _with_text(previous, previous.text + text)
        else:
            tidy.append(Run(text, run.bold, run.italic, run.line_break, run.href))
        line_start = line_start and not text
    while tidy:
        last = _with_text(tidy[-1], tidy[-1].text.rstrip(" "))
        if last.text or last.line_break:
            tidy[-1] = last
            break
        tidy.pop()
    return tuple(tidy)


def _with_text(run: Run, text: str) -> Run:
    return Run(text, run.bold, run.italic, run.line_break, run.href)


def parse_markup(markup: str, source: Path | str = "<markup>") -> tuple[Block, ...]:
    parser = _Parser(source)
    text = _html_entities_to_xml(markup)
    try:
        root = etree.fromstring(f"<doc>{text}</doc>".encode(), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"malformed markup: {exc.msg}; close every element and write & "
                            "as &amp;", file=source,
                            place=f"rendered line {exc.lineno}" if exc.lineno else None) from None
    return parser.blocks(root)
