"""A competency profile as HR receives it (.txt, .docx, .pdf), read into paragraphs and table
rows in document order, each cell a list of its paragraphs. What the rows mean is bandparse's."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .fileio import MAX_DOCUMENT_INPUT_BYTES, read_input_bytes

MAX_PAGES = 60  # a band's profile is 2-6 pages; a worksheet about twice that
MAX_CELLS = 5_000
MAX_CELL_CHARS = 20_000
PDF_TIMEOUT_SECONDS = 60
SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[str, ...], ...]  # each cell: its paragraphs, blank ones dropped


@dataclass(frozen=True)
class Cells:
    """Table cells with no row boundaries (a table saved as text): the header tells the width."""

    cells: tuple[tuple[str, ...], ...]


Block = Paragraph | Row | Cells


def read_source(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"a competency profile is read from .docx, .pdf or .txt, not "
                         f"'{suffix or 'no suffix'}'; save it from Word as .docx", file=path)
    if suffix == ".docx":
        blocks = _docx(path)
    elif suffix == ".pdf":
        blocks = _pdf(path)
    else:
        blocks = _text(path, _decode(path, read_input_bytes(path, InputError,
                                                            MAX_DOCUMENT_INPUT_BYTES)))
    cells = sum(len(b.cells) for b in blocks if isinstance(b, (Row, Cells)))
    if cells > MAX_CELLS:
        raise InputError(f"holds {cells:,} table cells, more than the {MAX_CELLS:,} a "
                         "competency profile could have; give one band's profile", file=path)
    return blocks


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("not a text file (neither UTF-8 nor Windows-1252); save it as UTF-8 text",
                     file=path)


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _cell(paragraphs: list[str]) -> tuple[str, ...]:
    kept = tuple(p for p in (_clean(p) for p in paragraphs) if p)
    return tuple(p[:MAX_CELL_CHARS] for p in kept)


# ---------------------------------------------------------------------------------------------
# Text: Word's "save as text" writes a table one cell per line, each starting with a tab; a
# cell's later paragraphs may lose the tab. A line reading "Competency Profile" (and the title
# line before it) starts a new role.

_PROFILE_LINE = re.compile(r"^\s*compet\w*\s+prof\w*\s*$", re.IGNORECASE)
_DESCRIPTION_LINE = re.compile(r"^\s*desc\w*\s+of\s+work\b", re.IGNORECASE)


def _text(path: Path, text: str) -> list[Block]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    role_starts = set()
    for index, line in enumerate(lines):
        if _PROFILE_LINE.match(line):
            role_starts.add(index)
            before = [i for i in range(index) if lines[i].strip()]
            if before:
                role_starts.add(before[-1])
    blocks: list[Block] = []
    cells: list[list[str]] = []

    def end_table() -> None:
        if cells:
            blocks.append(Cells(tuple(_cell(c) for c in cells)))
            cells.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if index in role_starts or _DESCRIPTION_LINE.match(line):
            end_table()
            blocks.append(Paragraph(_clean(line)))
        elif line.startswith("\t"):
            cells.append([line])
        elif cells:
            cells[-1].append(line)  # a cell's later paragraph
        else:
            blocks.append(Paragraph(_clean(line)))
    end_table()
    return blocks


# ---------------------------------------------------------------------------------------------
# Word: paragraphs and tables in order, through the hardened ZIP reader.


def _docx(path: Path) -> list[Block]:
    from docx.table import Table

    from .readers.docx import open_docx

    document = open_docx(path)
    blocks: list[Block] = []
    cells = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen: list[object] = []
                row_cells = []
                for cell in row.cells:
                    if any(cell._tc is other for other in seen):
                        continue  # a merged cell is listed once per grid column it spans
                    seen.append(cell._tc)
                    row_cells.append(_cell([p.text for p in cell.paragraphs]))
                cells += len(row_cells)
                if cells > MAX_CELLS:
                    raise InputError(f"holds more than {MAX_CELLS:,} table cells; give one "
                                     "band's profile", file=path)
                blocks.append(Row(tuple(row_cells)))
        elif _clean(item.text):
            blocks.append(Paragraph(_clean(item.text)))
    return blocks


# ---------------------------------------------------------------------------------------------
# PDF: pdftotext -layout keeps the table's columns side by side; the header line gives each
# column's start, a new text in the first column starts a row, and page furniture (page
# numbers, a repeated title or header line) and end-of-line hyphenation are removed.

_PAGE_FURNITURE = re.compile(r"^\s*(page\s+\d+(\s+of\s+\d+)?|\d+\s*(of\s+\d+)?|-\s*\d+\s*-)\s*$",
                             re.IGNORECASE)


def _pdf(path: Path) -> list[Block]:
    data = read_input_bytes(path, InputError, MAX_DOCUMENT_INPUT_BYTES)
    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file; give the profile as .docx, .pdf or .txt", file=path)
    tool = shutil.which("pdftotext")
    if tool is None:
        raise InputError("reading a PDF needs pdftotext (poppler-utils), which is not "
                         "installed; install it or give the profile as .docx", file=path)
    with tempfile.TemporaryDirectory(prefix="jdbuilder-band-") as folder:
        source = Path(folder) / "profile.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run([tool, "-layout", "-enc", "UTF-8", "-l", str(MAX_PAGES),
                                   str(source), "-"], capture_output=True,
                                  timeout=PDF_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"reading the PDF took longer than {PDF_TIMEOUT_SECONDS} seconds; "
                             "give the profile as .docx", file=path) from None
    if done.returncode != 0:
        raise InputError("not a PDF that can be read; give the profile as .docx", file=path)
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pdf_blocks(pages)


_LEVEL_WORDS = re.compile(r"contributing|journey|advanced", re.IGNORECASE)


def pdf_blocks(pages: list[str]) -> list[Block]:
    lines = _without_furniture(pages)
    blocks: list[Block] = []
    columns: list[int] | None = None
    header_text = ""
    rows: list[list[list[str]]] = []
    paragraph: list[str] = []
    first_column_ran = False  # the line before had text in the first column

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph(_join_lines(paragraph)))
            paragraph.clear()

    def end_table() -> None:
        for row in rows:
            blocks.append(Row(tuple(_cell(_paragraphs(c)) for c in row)))
        rows.clear()

    for line in lines:
        if not line.strip():
            first_column_ran = False
            if columns is None:
                end_paragraph()
            elif rows:
                for cell in rows[-1]:
                    cell.append("")  # a blank line ends a paragraph inside each cell
            continue
        if len(_LEVEL_WORDS.findall(line)) >= 2 and _is_header(line):
            if columns is not None and _clean(line) == header_text:
                continue  # the header repeated on a later page
            end_paragraph()
            end_table()
            columns = _column_starts(line)
            header_text = _clean(line)
            blocks.append(Row(tuple((text,) for _, text in _chunks(line))))
            continue
        if columns is None or (not line.startswith(" ") and (
                _PROFILE_LINE.match(line) or _DESCRIPTION_LINE.match(line))):
            if columns is not None:
                end_table()
                columns = None
            if _PROFILE_LINE.match(line) or _DESCRIPTION_LINE.match(line):
                end_paragraph()
            paragraph.append(line.strip())
            continue
        parts = _assign(line, columns)
        if parts[0] and not first_column_ran:
            rows.append([[] for _ in columns])
        first_column_ran = bool(parts[0])
        if not rows:
            continue
        for cell, part in zip(rows[-1], parts):
            if part:
                cell.append(part)
    end_paragraph()
    end_table()
    return _resolve_hyphens(_titles_before_profiles(blocks))


def _chunks(line: str) -> list[tuple[int, str]]:
    """The line's runs of text separated by two or more spaces, with where each starts."""
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]


def _assign(line: str, columns: list[int]) -> list[str]:
    """Each run of text put in the column whose header starts nearest it: cells drift a few
    characters from their header from row to row."""
    parts: list[list[str]] = [[] for _ in columns]
    for start, text in _chunks(line):
        nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - start))
        parts[nearest].append(text)
    return [" ".join(part) for part in parts]


_SOFT = "\u00ad"
# Words a real hyphen joins to what follows ("non-standard", "in-house", "off-campus").
_PREFIXES = {"non", "in", "on", "off", "self", "co", "re", "pre", "post", "multi", "cross",
             "well", "long", "short", "full", "part", "high", "low", "far", "out", "under",
             "over", "anti", "inter", "sub", "semi", "e", "follow", "up", "day", "year", "mid"}


# A prefix ending in the vowel the word starts with keeps its hyphen ("de-escalation").
_VOWEL_PREFIXES = {"de", "re", "pre", "co", "anti", "semi", "multi"}


def _resolve_hyphens(blocks: list[Block]) -> list[Block]:
    """A line that ended in a hyphen: a real hyphen when the document writes the word with one
    elsewhere or its first part is a prefix; otherwise the word was broken, and is joined."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph)] + [
        p for b in blocks if isinstance(b, Row) for cell in b.cells for p in cell]
    whole = " ".join(texts).lower()

    def fix(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            first, rest = match.group(1), match.group(2)
            hyphenated, joined = f"{first}-{rest}".lower(), f"{first}{rest}".lower()
            if rest[:1].isupper() or hyphenated in whole.replace(_SOFT, "?"):
                return f"{first}-{rest}"
            if first.lower() in _VOWEL_PREFIXES and rest[:1].lower() == first[-1].lower():
                return f"{first}-{rest}"  # "de-escalation", "re-enter", "co-op"
            if joined in whole or first.lower() not in _PREFIXES:
                return f"{first}{rest}"
            return f"{first}-{rest}"
        return re.sub(rf"(\w+){_SOFT}(\w+)", one, text)

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Paragraph(fix(block.text)))
        elif isinstance(block, Row):
            out.append(Row(tuple(tuple(fix(p) for p in cell) for cell in block.cells)))
        else:
            out.append(block)
    return out


def _titles_before_profiles(blocks: list[Block]) -> list[Block]:
    """A title line and 'Competency Profile' printed together become two paragraphs."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            match = re.match(r"^(.*?)\s+(compet\w*\s+prof\w*)$", block.text, re.IGNORECASE)
            if match and match.group(1):
                out.extend([Paragraph(match.group(1)), Paragraph(match.group(2))])
                continue
        out.append(block)
    return out


def _is_header(line: str) -> bool:
    words = [w for w in re.split(r"\s{2,}", line.strip()) if w]
    return len(words) >= 3 and all(len(w.split()) <= 3 for w in words)


def _column_starts(line: str) -> list[int]:
    return [start for start, _ in _chunks(line)]


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            out.append(_join_lines(current))
            current = []
    return out


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in (part.strip() for part in lines):
        if not text:
            text = line
        elif re.search(r"[A-Za-z]-$", text) and line[:1].isalpha():
            text = text[:-1] + _SOFT + line  # a hyphen at a line's end: decided later
        elif text.endswith("/"):
            text += line  # "Information/" + "Records": a slash joins without a space
        else:
            text += " " + line
    return text


def _without_furniture(pages: list[str]) -> list[str]:
    """Every page's lines without page numbers and without a line every page repeats at its
    top or bottom (a running title)."""
    trimmed = [[line.rstrip() for line in page.strip("\n").split("\n")] for page in pages
               if page.strip()]
    repeated: set[str] = set()
    if len(trimmed) > 1:
        edges = [{_clean(line) for line in _edge_lines(page)} for page in trimmed]
        repeated = set.intersection(*edges) - {""}
    lines: list[str] = []
    for number, page in enumerate(trimmed):
        for line in page:
            # A running title stays where page one prints it: it is the band's title.
            if _PAGE_FURNITURE.match(line) or (number and _clean(line) in repeated
                                               and not _LEVEL_WORDS.search(line)):
                continue
            lines.append(line)
        # No break between pages: a paragraph or a table cell runs on across them.
    return lines


def _edge_lines(page: list[str]) -> list[str]:
    filled = [line for line in page if line.strip()]
    return filled[:2] + filled[-2:]
