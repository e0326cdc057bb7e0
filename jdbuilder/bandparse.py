"""A competency profile's paragraphs and table rows read as bands: title, Description of Work,
levels and competencies with their statements, verbatim. Headers are matched loosely (copies
misspell them), numbered items are split, and anything that fits nowhere is reported."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bandsource import Block, Cells, Paragraph, Row
from .errors import InputError

LEVEL_NAMES = ("Contributing", "Journey", "Advanced")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "U.S.", "St.", "Dr.", "No.")


@dataclass(frozen=True)
class ImportedCompetency:
    name: str
    definition: str | None
    statements: dict[str, tuple[str, ...]]  # level name -> statements


@dataclass
class ImportedBand:
    title: str
    description_of_work: str
    category: str
    levels: tuple[str, ...]
    competencies: list[ImportedCompetency] = field(default_factory=list)
    role_descriptions: dict[str, str] = field(default_factory=dict)  # layout B, per level
    not_placed: list[str] = field(default_factory=list)


def plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def _like(text: str, wanted: str, cutoff: float = 0.8) -> bool:
    return difflib.SequenceMatcher(None, plain_words(text), wanted).ratio() >= cutoff


def level_of(text: str) -> str | None:
    for name in LEVEL_NAMES:
        if _like(text, name.lower()):
            return name
    return None


def is_profile_heading(text: str) -> bool:
    return _like(text, "competency profile")


def is_role_descriptions(text: str) -> bool:
    words = plain_words(text)
    return any(_like(words, wanted, 0.75) for wanted in (
        "role descriptions by competency level", "role descriptions by level"))


_DESCRIPTION = re.compile(r"^\s*desc\w*\s+of\s+work\s*:?\s*", re.IGNORECASE)


def parse_bands(path: Path, blocks: list[Block]) -> list[ImportedBand]:
    rows = _rows(blocks)
    headers = [index for index, block in enumerate(rows) if isinstance(block, Row)
               and _header_levels(block)]
    if not headers:
        raise InputError(f"not a competency profile: {_found(blocks)}, but no table with "
                         f"{', '.join(LEVEL_NAMES)} columns; give the band's Competency Profile "
                         "(.docx, .pdf or .txt)", file=path)
    bands = []
    for number, start in enumerate(headers):
        last = number + 1 == len(headers)
        end = len(rows) if last else headers[number + 1]
        # A role's table runs to the first paragraph after it; the next role's title and
        # Description of Work follow. The last role's stray paragraphs are reported.
        table_end = end if last else next(
            (i for i in range(start + 1, end) if isinstance(rows[i], Paragraph)), end)
        begin = 0 if number == 0 else _table_end(rows, headers[number - 1], start)
        before = [b.text for b in rows[begin:start] if isinstance(b, Paragraph)]
        bands.append(_band(path, before, rows[start], rows[start + 1:table_end]))
    return bands


def _table_end(rows: list[Paragraph | Row], header: int, limit: int) -> int:
    return next((i for i in range(header + 1, limit) if isinstance(rows[i], Paragraph)), limit)


def _found(blocks: list[Block]) -> str:
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    rows = sum(1 for b in blocks if isinstance(b, Row))
    first = f" beginning '{paragraphs[0][:60]}'" if paragraphs else ""
    return f"found {len(paragraphs)} paragraph(s){first} and {rows} table row(s)"


def _header_levels(row: Row) -> list[tuple[int, str]]:
    found = [(index, level_of(" ".join(cell))) for index, cell in enumerate(row.cells)
             if len(" ".join(cell).split()) <= 3]
    levels = [(index, name) for index, name in found if name]
    return levels if len({name for _, name in levels}) >= 2 else []


def _rows(blocks: list[Block]) -> list[Paragraph | Row]:
    """Loose cells (a table saved as text) grouped into rows by the header's width."""
    out: list[Paragraph | Row] = []
    for block in blocks:
        if not isinstance(block, Cells):
            out.append(block)
            continue
        cells = list(block.cells)
        width = 0
        for index, cell in enumerate(cells[:8]):
            if level_of(" ".join(cell)) and len(" ".join(cell).split()) <= 3:
                width = index + 1
        if not width:
            out.extend(Paragraph(" ".join(cell)) for cell in cells)
            continue
        out.extend(Row(tuple(cells[i:i + width])) for i in range(0, len(cells), width))
    return out


def _band(path: Path, paragraphs: list[str], header: Row, body: list[Paragraph | Row]
          ) -> ImportedBand:
    columns = _header_levels(header)
    level_columns = {index: name for index, name in columns}
    definition = next((i for i, cell in enumerate(header.cells)
                       if _like(" ".join(cell), "definition")), None)
    first = " ".join(header.cells[0]) if header.cells else ""
    category = first if 0 not in level_columns and not _like(first, "competency") else ""
    title, description, not_placed = _title_and_description(paragraphs)
    band = ImportedBand(title, description, category,
                        tuple(name for _, name in columns), not_placed=not_placed)
    if not title:
        raise InputError("the competency profile has no title before its table; add the "
                         "band's title as the first line", file=path)
    for row in body:
        if isinstance(row, Paragraph):
            band.not_placed.append(f"paragraph after the table: '{row.text}'")
            continue
        name = " ".join(row.cells[0]) if row.cells else ""
        if is_role_descriptions(name):
            for index, level in level_columns.items():
                if index < len(row.cells) and row.cells[index]:
                    band.role_descriptions[level] = " ".join(row.cells[index])
            continue
        if not name:
            text = " ".join(" ".join(c) for c in row.cells)
            if text:
                band.not_placed.append(f"table row with no competency name: '{text[:80]}'")
            continue
        statements = {level: tuple(statements_of(row.cells[index]))
                      if index < len(row.cells) else ()
                      for index, level in level_columns.items()}
        defined = (" ".join(row.cells[definition])
                   if definition is not None and definition < len(row.cells) else None)
        band.competencies.append(ImportedCompetency(name, defined or None, statements))
        for level, found in statements.items():
            if not found:
                band.not_placed.append(f"{name}: no {level} statements in its cell")
    return band


def _title_and_description(paragraphs: list[str]) -> tuple[str, str, list[str]]:
    title = ""
    description: list[str] = []
    not_placed: list[str] = []
    in_description = False
    for index, text in enumerate(paragraphs):
        if is_profile_heading(text):
            continue
        match = _DESCRIPTION.match(text)
        if match:
            in_description = True
            description.append(text[match.end():])
        elif in_description:
            description.append(text)
        elif not title and ((index + 1 < len(paragraphs) and is_profile_heading(paragraphs[index + 1]))
                            or not any(is_profile_heading(p) for p in paragraphs)):
            title = text
        else:
            not_placed.append(f"paragraph before the table: '{text[:80]}'")
    return title, " ".join(description).strip(), not_placed


# Numbers, bullets and a worksheet's rating boxes before each statement.
_NUMBERED = re.compile(r"(?:^|\s)(?:\(?\d{1,2}[.)]|[•●▪◦☐☑☒□■❑])\s+(?=\S)")


def statements_of(paragraphs: tuple[str, ...]) -> list[str]:
    """A cell's statements: numbered or bulleted items split, then sentences; each kept
    verbatim, with a final period added where the published text left it off."""
    out = []
    for paragraph in paragraphs:
        for item in _NUMBERED.split(paragraph):
            for sentence in _sentences(item.strip()):
                sentence = sentence.strip()
                if not sentence:
                    continue
                if sentence[-1] not in ".!?":
                    sentence += "."
                out.append(sentence)
    return out


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z(])", text):
        before = text[start:match.start()]
        if before.endswith(_ABBREVIATIONS):
            continue
        out.append(before)
        start = match.end()
    out.append(text[start:])
    return out
