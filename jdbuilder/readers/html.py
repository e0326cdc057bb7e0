"""HTML pages as text blocks: markup headings, lists and tables; navigation and scripts skipped."""

from __future__ import annotations

from ..errors import InputError
from .text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    TextBlock,
    clean_text,
    looks_like_heading,
    table_rows,
)

_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_SKIP = {"script", "style", "noscript", "template", "head", "nav", "svg", "button", "form",
              "select", "iframe"}
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol",
                "li", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "dl", "dt", "dd",
                "blockquote", "pre", "address", "figure", "figcaption", "body", "html", "center",
                "caption", *_HTML_HEADINGS}


def read_html_text(markup: str | bytes, source: str = "<html>") -> list[TextBlock]:
    import lxml.html
    from lxml import etree

    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise InputError("cannot be read as HTML", file=source) from None
    for element in list(root.iter(*_HTML_SKIP)):
        if element.getparent() is not None:
            element.drop_tree()
    reader = _HtmlReader()
    body = root.find("body")
    reader.element(body if body is not None else root)
    reader.flush()
    return reader.blocks


class _HtmlReader:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.pending: list[str] = []  # loose text and inline elements directly inside a container
        self.pending_line: int | None = None
        self.tables = 0

    def where(self, element) -> str:
        return f"line {element.sourceline}" if element.sourceline else "html"

    def flush(self) -> None:
        text = clean_text("".join(self.pending), keep_lines=True)
        if text:
            where = f"line {self.pending_line}" if self.pending_line else "html"
            self.blocks.append(TextBlock(PARAGRAPH, text, where))
        self.pending, self.pending_line = [], None

    def loose(self, text: str | None, line: int | None) -> None:
        if text and (text.strip() or self.pending):
            if self.pending_line is None:
                self.pending_line = line
            self.pending.append(text)

    def element(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HTML_HEADINGS:
            self.flush()
            text = clean_text(element.text_content())
            if text:
                self.blocks.append(TextBlock(HEADING, text, self.where(element), int(tag[1])))
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        if tag == "li":
            self.flush()
            self.list_item(element)
            return
        if tag in {"p", "dt", "dd", "pre", "address", "figcaption", "caption"} or (
                tag in _HTML_BLOCKS and not any(_is_block(child) for child in element)):
            self.flush()
            text = inline_text(element, keep_lines=True)
            if text:
                kind = HEADING if _html_all_bold(element) and looks_like_heading(text) \
                    else PARAGRAPH
                self.blocks.append(TextBlock(kind, text.rstrip(":") if kind == HEADING else text,
                                             self.where(element), 2 if kind == HEADING else 0))
            return
        # A container mixing loose text and blocks: loose text gathers into paragraphs.
        self.loose(element.text, element.sourceline)
        for child in element:
            if _is_block(child):
                self.flush()
                self.element(child)
            else:
                self.loose(_raw_text(child), child.sourceline)
            self.loose(child.tail, child.sourceline)
        self.flush()

    def list_item(self, element) -> None:
        """The item's own words; a list nested in it follows as items of its own."""
        own: list[str] = [element.text or ""]
        nested = []
        for child in element:
            if isinstance(child.tag, str) and child.tag in {"ul", "ol", "table"}:
                nested.append(child)
            else:
                own.append(_raw_text(child) + ("\n" if _is_block(child) else ""))
            own.append(child.tail or "")
        text = clean_text("".join(own), keep_lines=True)
        if text:
            self.blocks.append(TextBlock(ITEM, text, self.where(element)))
        for child in nested:
            self.element(child)

    def table(self, element) -> None:
        self.tables += 1
        number = self.tables
        rows = list(element.iter("tr"))
        layout = any(isinstance(node.tag, str) and node.tag in {"table", "ul", "ol", *_HTML_HEADINGS}
                     for row in rows for node in row.iterdescendants())
        if layout:  # whole sections inside cells: read each cell like a page
            for row in rows:
                for cell in row:
                    self.element(cell)
            return
        lines = {index: row.sourceline for index, row in enumerate(rows, 1)}
        cell_rows = [[inline_text(cell) for cell in row if cell.tag in {"td", "th"}]
                     for row in rows]
        self.blocks.extend(table_rows(
            cell_rows,
            lambda r, _label: f"line {lines[r]}" if lines.get(r) else f"table {number}, row {r}"))


def _is_block(element) -> bool:
    return isinstance(element.tag, str) and element.tag in _HTML_BLOCKS


def _raw_text(element) -> str:
    """The words of an element and everything in it (not its tail); <br> is a line break and a
    block inside ends a line. Comments have no words."""
    if not isinstance(element.tag, str):
        return ""
    if element.tag == "br":
        return "\n"
    parts = [element.text or ""]
    for child in element:
        parts.append(_raw_text(child) + ("\n" if _is_block(child) else ""))
        parts.append(child.tail or "")
    return "".join(parts)


def inline_text(element, keep_lines: bool = False) -> str:
    return clean_text(_raw_text(element), keep_lines=keep_lines)


def _html_all_bold(element) -> bool:
    """A paragraph whose only content is <strong>/<b> text."""
    if (element.text or "").strip():
        return False
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return False
    return all(child.tag in {"strong", "b"} and not (child.tail or "").strip()
               for child in children)
