"""Word documents (.docx) as text blocks: heading styles, bold short lines, tables as fields."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..safezip import read_zip
from .text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    TextBlock,
    clean_text,
    looks_like_heading,
    table_rows,
)


def open_docx(path: Path):
    """A Word document opened by python-docx, or one InputError. Limits, damage, encryption and
    odd compression are refused in one line before python-docx sees the file; python-docx then
    reads the same bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    package = read_zip(path, InputError)
    try:
        return docx.Document(io.BytesIO(package.data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError,
            AttributeError, TypeError, etree.LxmlError):
        raise InputError("not a Word document (.docx) that can be opened; save it from Word "
                         "as .docx", file=path) from None


def read_docx(path: Path) -> list[TextBlock]:
    document = open_docx(path)
    reader = _DocxReader()
    reader.container(document)
    return reader.blocks


class _DocxReader:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.paragraphs = 0
        self.tables = 0

    def container(self, container, in_table: str | None = None) -> None:
        from docx.table import Table as DocxTable

        for item in container.iter_inner_content():
            if isinstance(item, DocxTable):
                self.table(item)
            else:
                self.paragraph(item, in_table)

    def paragraph(self, paragraph, in_table: str | None) -> None:
        text = clean_text(paragraph_text(paragraph), keep_lines=True)
        if not in_table:
            self.paragraphs += 1
        if not text:
            return
        where = in_table or f"paragraph {self.paragraphs}"
        style = _style_names(paragraph)
        level = _heading_level(style)
        if level:
            self.blocks.append(TextBlock(HEADING, clean_text(text), where, level))
        elif any("list" in name for name in style):
            self.blocks.append(TextBlock(ITEM, text, where))
        elif looks_like_heading(text) and _all_bold(paragraph):
            self.blocks.append(TextBlock(HEADING, clean_text(text).rstrip(":"), where, 2))
        else:
            self.blocks.append(TextBlock(PARAGRAPH, text, where))

    def table(self, table) -> None:
        self.tables += 1
        number = self.tables
        rows = []
        for row in table.rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:  # a merged cell comes back once per grid column it spans
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(cell)
            rows.append(cells)
        simple = all(len(cell.paragraphs) <= 1 and not cell.tables for row in rows for cell in row)
        if simple:
            self.blocks.extend(table_rows([[clean_text("\n".join(paragraph_text(paragraph)
                                                                  for paragraph in cell.paragraphs))
                                             for cell in row] for row in rows],
                                           lambda r, _label: f"table {number}, row {r}"))
            return
        # A layout table (whole sections inside cells): read each cell like a page.
        for row_number, row in enumerate(rows, 1):
            for cell in row:
                self.container(cell, in_table=f"table {number}, row {row_number}")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT, _TAB, _BREAKS = f"{_W}t", f"{_W}tab", (f"{_W}br", f"{_W}cr")


def paragraph_text(paragraph) -> str:
    """The paragraph as it reads with its tracked changes accepted: inserted runs (w:ins)
    count, deleted text (w:delText) does not; python-docx's `text` skips both, so a percent
    retyped with Track Changes on would read as nothing. Runs in links and fields count too."""
    parts = []
    for element in paragraph._p.iter(_TEXT, _TAB, *_BREAKS):
        if element.tag == _TEXT:
            parts.append(element.text or "")
        elif element.tag == _TAB:
            if element.getparent().tag != f"{_W}tabs":  # a tab stop is no tab character
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _style_names(paragraph) -> list[str]:
    """The paragraph style's name and those it is based on, lower case."""
    names = []
    style = paragraph.style
    while style is not None and len(names) < 5:
        names.append((style.name or "").lower())
        style = style.base_style
    return names


def _heading_level(style_names: list[str]) -> int:
    for name in style_names:
        if name == "title":
            return 1
        match = re.fullmatch(r"heading\s*(\d)", name)
        if match:
            return int(match.group(1))
    return 0


def _all_bold(paragraph) -> bool:
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.bold
        if bold is None:
            bold = bool(run.style is not None and run.style.font.bold) or style_bold
        if not bold:
            return False
    return True
