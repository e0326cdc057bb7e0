"""Read a posting (ours or one written elsewhere) into the plain text blocks the checks consume.

Every reader gives the same shape: headings, paragraphs, list items and "label: value" fields in
document order, each with the place a person would look for it (a line, a Word paragraph, a table
row). Headings are recognised the way a reader sees them: a heading style, a markup heading, an
underlined or all-capitals line, or a short line that is bold and nothing else.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import InputError
from .markup import DocumentModel, Heading, ListBlock, Paragraph, Run, Table, plain_text

READABLE_SUFFIXES = (".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text")

HEADING, PARAGRAPH, ITEM, FIELD = "heading", "paragraph", "item", "field"
PROSE_KINDS = (PARAGRAPH, ITEM)

# A bold line this short, without a full stop, is a heading in a document written elsewhere.
SHORT_HEADING_WORDS = 10
SHORT_HEADING_CHARS = 80
# A table's first column this short makes a row a "label: value" field.
FIELD_LABEL_WORDS = 5


@dataclass(frozen=True)
class TextBlock:
    kind: str  # heading | paragraph | item | field
    text: str
    where: str  # "line 12", "paragraph 7", "table 1, row 2", ...
    level: int = 0  # heading level, 1 for the title
    label: str = ""  # a field's label, e.g. "FLSA status"


@dataclass(frozen=True)
class Sentence:
    text: str
    where: str  # the block's place, plus the section it sits under
    kind: str  # the kind of the block it came from
    section: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Section:
    heading: TextBlock | None
    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class PostingText:
    """A posting as text: what every check reads, whatever the file format."""

    source: str
    blocks: tuple[TextBlock, ...]

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == HEADING:
                return block.text
        return ""

    def headings(self) -> list[TextBlock]:
        return [block for block in self.blocks if block.kind == HEADING]

    def sections(self) -> list[Section]:
        sections: list[Section] = []
        heading: TextBlock | None = None
        body: list[TextBlock] = []
        for block in self.blocks:
            if block.kind == HEADING:
                if heading is not None or body:
                    sections.append(Section(heading, tuple(body)))
                heading, body = block, []
            else:
                body.append(block)
        if heading is not None or body:
            sections.append(Section(heading, tuple(body)))
        return sections

    def sentences(self, kinds: Iterable[str] | None = None) -> list[Sentence]:
        """Every sentence in order; `kinds` keeps only blocks of those kinds (e.g. PROSE_KINDS)."""
        if kinds is None:
            return list(self._sentences)
        wanted = set(kinds)
        return [sentence for sentence in self._sentences if sentence.kind in wanted]

    @cached_property
    def _sentences(self) -> tuple[Sentence, ...]:
        """Split once: every check reads the sentences (a frozen dataclass may still cache)."""
        found: list[Sentence] = []
        section: str | None = None
        for block in self.blocks:
            if block.kind == HEADING:
                section = block.text
            place = f"{block.where} under '{section}'" \
                if section and block.kind not in (HEADING, FIELD) else block.where
            if block.kind in (HEADING, FIELD):
                found.append(Sentence(block.text, place, block.kind, section, block.label))
                continue
            for text in split_sentences(block.text):
                found.append(Sentence(text, place, block.kind, section, block.label))
        return tuple(found)

    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


# ---------------------------------------------------------------------------------------------
# sentences

# Abbreviations whose full stop does not end a sentence ("8:00 a.m. to 5:00 p.m.", "U.S. Department").
_ABBREVIATIONS = {
    "a.m", "p.m", "e.g", "i.e", "vs", "dr", "mr", "mrs", "ms", "st", "no", "inc", "ltd", "jr", "sr",
    "u.s", "u.k", "u.s.a", "approx", "dept", "ph.d", "b.a", "b.s", "m.a", "m.s", "m.ed", "ed.d",
    "cf", "fig", "mt", "ft", "univ", "assn", "corp", "co", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9•])")
_LAST_TOKEN = re.compile(r"(\S+)$")


@lru_cache(maxsize=1 << 14)  # bulk builds check the same paragraphs again and again
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences of a block of text. Line breaks end sentences too (a <br>, a wrapped list)."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        start = 0
        for match in _BOUNDARY.finditer(line):
            head = line[start:match.start() + 1]
            token = _LAST_TOKEN.search(head)
            word = token.group(1).rstrip(".!?").lstrip("(\"'“‘").lower() if token else ""
            if line[match.start()] == "." and (word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
                continue
            piece = line[start:match.end()].strip()
            if piece:
                sentences.append(piece)
            start = match.end()
        rest = line[start:].strip()
        if rest:
            sentences.append(rest)
    return tuple(sentences)


def normalise_sentence(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------------------------
# from our own block model


def from_model(model: DocumentModel, source: str = "document") -> PostingText:
    """The block model jdbuilder builds, read the same way a file would be."""
    blocks: list[TextBlock] = []
    counts: dict[str, int] = {}  # paragraphs, items, rows counted within each section

    def place(kind: str) -> str:
        counts[kind] = counts.get(kind, 0) + 1
        return f"{kind} {counts[kind]}"

    for block in model.blocks:
        if isinstance(block, Heading):
            text = _clean(plain_text(block.runs))
            counts = {}
            blocks.append(TextBlock(HEADING, text, f"heading '{text}'", block.level))
        elif isinstance(block, Paragraph):
            blocks.append(TextBlock(PARAGRAPH, _clean(plain_text(block.runs), keep_lines=True),
                                    place("paragraph")))
        elif isinstance(block, ListBlock):
            for item in block.items:
                blocks.append(TextBlock(ITEM, _clean(plain_text(item), keep_lines=True),
                                        place("item")))
        elif isinstance(block, Table):
            blocks.extend(_table_rows([[_runs_text(cell.runs) for cell in row]
                                       for row in block.rows],
                                      lambda number, label: f"field '{label}'" if label
                                      else place("table row")))
    return PostingText(source, tuple(block for block in blocks if block.text))


def _runs_text(runs: tuple[Run, ...]) -> str:
    return _clean(plain_text(runs))


def _table_rows(rows: list[list[str]], where: Callable[[int, str], str]) -> list[TextBlock]:
    """Rows of a table: a short first cell and one value make a field, anything else paragraphs.
    `where(row number, field label or "")` names the place."""
    found: list[TextBlock] = []
    for number, cells in enumerate(rows, 1):
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        if len(cells) == 2 and len(cells[0].split()) <= FIELD_LABEL_WORDS:
            label = cells[0].rstrip(":")
            found.append(TextBlock(FIELD, f"{label}: {cells[1]}", where(number, label),
                                   label=label))
        else:
            found.extend(TextBlock(PARAGRAPH, cell, where(number, "")) for cell in cells)
    return found


def _clean(text: str, keep_lines: bool = False) -> str:
    if keep_lines:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= SHORT_HEADING_WORDS and len(text) <= SHORT_HEADING_CHARS
            and not text.rstrip().endswith((".", ";", ",")))


# ---------------------------------------------------------------------------------------------
# files


def read_posting(path: Path) -> PostingText:
    """A posting file (.docx, .html, .md, .txt) as text blocks; anything else is an InputError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise InputError(f"{path}: cannot read '{suffix or 'no suffix'}' files; give a .docx, "
                         ".html, .md or .txt posting, or a .yaml/.csv/.xlsx spec")
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    if suffix == ".docx":
        return PostingText(str(path), tuple(_read_docx(path)))
    if suffix in (".html", ".htm"):
        return PostingText(str(path), tuple(read_html_text(path.read_bytes(), str(path))))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if suffix in (".md", ".markdown"):
        return PostingText(str(path), tuple(read_markdown_text(text)))
    return PostingText(str(path), tuple(read_plain_text(text)))


# --- Word ------------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[TextBlock]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        raise InputError(f"{path}: not a Word document (.docx) that can be opened; save it from "
                         "Word as .docx") from None
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
        text = _clean(paragraph.text, keep_lines=True)
        if not in_table:
            self.paragraphs += 1
        if not text:
            return
        where = in_table or f"paragraph {self.paragraphs}"
        style = _style_names(paragraph)
        level = _heading_level(style)
        if level:
            self.blocks.append(TextBlock(HEADING, _clean(text), where, level))
        elif any("list" in name for name in style):
            self.blocks.append(TextBlock(ITEM, text, where))
        elif _looks_like_heading(text) and _all_bold(paragraph):
            self.blocks.append(TextBlock(HEADING, _clean(text).rstrip(":"), where, 2))
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
            self.blocks.extend(_table_rows([[_clean(cell.text) for cell in row] for row in rows],
                                           lambda r, _label: f"table {number}, row {r}"))
            return
        # A layout table (whole sections inside cells): read each cell like a page.
        for row_number, row in enumerate(rows, 1):
            for cell in row:
                self.container(cell, in_table=f"table {number}, row {row_number}")


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


# --- HTML ------------------------------------------------------------------------------------

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
        raise InputError(f"{source}: cannot be read as HTML") from None
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
        text = _clean("".join(self.pending), keep_lines=True)
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
            text = _clean(element.text_content())
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
            text = _inline_text(element, keep_lines=True)
            if text:
                kind = HEADING if _html_all_bold(element) and _looks_like_heading(text) \
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
        text = _clean("".join(own), keep_lines=True)
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
        cell_rows = [[_inline_text(cell) for cell in row if cell.tag in {"td", "th"}]
                     for row in rows]
        self.blocks.extend(_table_rows(
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


def _inline_text(element, keep_lines: bool = False) -> str:
    return _clean(_raw_text(element), keep_lines=keep_lines)


def _html_all_bold(element) -> bool:
    """A paragraph whose only content is <strong>/<b> text."""
    if (element.text or "").strip():
        return False
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return False
    return all(child.tag in {"strong", "b"} and not (child.tail or "").strip()
               for child in children)


# --- Markdown --------------------------------------------------------------------------------

_MD_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_ITEM = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_FIELD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]+?):(?:\*\*|__)\s+\S")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")


def _md_inline(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: keep the alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links: keep the words
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()<>#+\-.!|])", r"\1", text)
    return text


def read_markdown_text(text: str) -> list[TextBlock]:
    lines = text.splitlines()
    blocks: list[TextBlock] = []
    paragraph: list[str] = []
    start = 0
    kind = PARAGRAPH

    def flush() -> None:
        nonlocal paragraph, kind
        if paragraph:
            # Wrapped lines run on; two trailing spaces or a backslash make a hard line break.
            pieces = []
            for raw in paragraph:
                hard = raw.endswith("  ") or raw.endswith("\\")
                pieces.append(raw.strip().rstrip("\\") + ("\n" if hard else " "))
            joined = _clean(_md_inline("".join(pieces)), keep_lines=True)
            fields = [_MD_FIELD_LINE.match(raw) for raw in paragraph] if kind == PARAGRAPH else []
            if fields and all(field and len(field.group(1).split()) <= FIELD_LABEL_WORDS
                              for field in fields):
                # "**Label:** value" on each line: how our Markdown writes a fact box
                for offset, raw in enumerate(paragraph):
                    text = _clean(_md_inline(raw.strip().rstrip("\\")))
                    label = _clean(_md_inline(fields[offset].group(1)))  # type: ignore[union-attr]
                    blocks.append(TextBlock(FIELD, text, f"line {start + offset}", label=label))
            elif joined:
                blocks.append(TextBlock(kind, joined, f"line {start}"))
        paragraph, kind = [], PARAGRAPH

    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        stripped = line.strip()
        atx = _MD_ATX.match(line)
        bold = _MD_BOLD_LINE.match(line)
        if not stripped:
            flush()
        elif atx:
            flush()
            heading = _clean(_md_inline(atx.group(2)))
            if heading:
                blocks.append(TextBlock(HEADING, heading, f"line {number}", len(atx.group(1))))
        elif (not paragraph and _MD_SETEXT.match(following) and not _MD_ITEM.match(line)
              and not stripped.startswith("|")):
            heading = _clean(_md_inline(stripped))
            level = 1 if following.strip().startswith("=") else 2
            blocks.append(TextBlock(HEADING, heading, f"line {number}", level))
            index += 2
            continue
        elif _MD_RULE.match(line):
            flush()
        elif stripped.startswith("|") and index + 1 < len(lines) and (
                _MD_TABLE_SEPARATOR.match(following) or (not paragraph and "|" in stripped[1:])):
            flush()
            rows: list[tuple[int, list[str]]] = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                row = lines[index].strip()
                if not _MD_TABLE_SEPARATOR.match(row):
                    cells = [_clean(_md_inline(cell)) for cell in
                             re.split(r"(?<!\\)\|", row.strip("|"))]
                    rows.append((index + 1, cells))
                index += 1
            places = {position: line_number for position, (line_number, _) in
                      enumerate(rows, 1)}
            blocks.extend(_table_rows([cells for _, cells in rows],
                                      lambda r, _label, places=places: f"line {places[r]}"))
            continue
        elif _MD_ITEM.match(line) and not _MD_RULE.match(line):
            flush()
            kind, start = ITEM, number
            paragraph = [_MD_ITEM.match(line).group(2)]  # type: ignore[union-attr]
        elif bold and not paragraph and _looks_like_heading(bold.group(2)):
            flush()
            heading = _clean(_md_inline(bold.group(2)))
            blocks.append(TextBlock(HEADING, heading.rstrip(":"), f"line {number}", 2))
        else:
            if not paragraph:
                start, kind = number, PARAGRAPH
            paragraph.append(line.lstrip())
        index += 1
    flush()
    return blocks


# --- plain text ------------------------------------------------------------------------------

_TXT_UNDERLINE = re.compile(r"^\s*(=+|-+|~+)\s*$")
_TXT_ITEM = re.compile(r"^(\s*)(?:[-*•·▪◦‣–]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
_TXT_FIELD = re.compile(r"^\s*([A-Z][\w/&'() -]{0,40}?):\s+(\S.*)$")


def read_plain_text(text: str) -> list[TextBlock]:
    lines = [line.rstrip() for line in text.splitlines()]
    blocks: list[TextBlock] = []
    for start, group in _paragraph_groups(lines):
        blocks.extend(_plain_group(start, group))
    return blocks


def _paragraph_groups(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    group: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not group:
                start = number
            group.append(line)
        elif group:
            yield start, group
            group = []
    if group:
        yield start, group


def _plain_group(start: int, group: list[str]) -> list[TextBlock]:
    """One run of non-blank lines: a heading, items, fields or one paragraph."""
    found: list[TextBlock] = []
    index = 0
    paragraph: list[str] = []
    paragraph_start = start

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            found.append(TextBlock(PARAGRAPH, _clean(" ".join(paragraph)),
                                   f"line {paragraph_start}"))
        paragraph = []

    while index < len(group):
        line = group[index]
        number = start + index
        stripped = line.strip()
        following = group[index + 1] if index + 1 < len(group) else ""
        item = _TXT_ITEM.match(line)
        if _TXT_UNDERLINE.match(following) and _looks_like_heading(stripped):
            flush()
            level = 1 if following.strip().startswith("=") and not found and start == 1 else 2
            found.append(TextBlock(HEADING, _clean(stripped), f"line {number}", level))
            index += 2
            continue
        if item:
            flush()
            indent = len(item.group(1))
            parts = [item.group(2)]
            index += 1
            # Wrapped lines of an item are indented past its marker.
            while index < len(group) and not _TXT_ITEM.match(group[index]) and \
                    len(group[index]) - len(group[index].lstrip()) > indent:
                parts.append(group[index].strip())
                index += 1
            found.append(TextBlock(ITEM, _clean(" ".join(parts)), f"line {number}"))
            continue
        field = _TXT_FIELD.match(line)
        if field and not paragraph and len(field.group(1).split()) <= FIELD_LABEL_WORDS:
            parts = [stripped]
            index += 1
            while index < len(group) and not _TXT_FIELD.match(group[index]) and \
                    not _TXT_ITEM.match(group[index]) and \
                    len(group[index]) - len(group[index].lstrip()) >= \
                    len(line) - len(line.lstrip()):
                parts.append(group[index].strip())
                index += 1
            label = field.group(1).strip()
            value = _clean(" ".join(parts))[len(label) + 1:].strip()
            found.append(TextBlock(FIELD, f"{label}: {value}", f"line {number}", label=label))
            continue
        if not paragraph and _plain_heading(stripped, following.strip()):
            found.append(TextBlock(HEADING, _clean(stripped).rstrip(":"), f"line {number}", 2))
            index += 1
            continue
        if not paragraph:
            paragraph_start = number
        paragraph.append(stripped)
        index += 1
    flush()
    return found


def _plain_heading(line: str, following: str) -> bool:
    """An all-capitals line, a short line ending in a colon, or a short title-like line standing
    alone or followed by a line that starts a new sentence (a wrapped paragraph's second line
    usually goes on in lower case)."""
    if not _looks_like_heading(line.rstrip(":")):
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return True
    if line.endswith(":"):
        return True
    if not line[:1].isupper() or line.endswith((".", "!", "?")):
        return False
    return not following or (len(line.split()) <= 6 and (following[:1].isupper()
                                                         or bool(_TXT_ITEM.match(following))))
