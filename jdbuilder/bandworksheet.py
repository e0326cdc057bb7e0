"""A band's Competency Assessment Worksheet compared statement by statement with its competency
profile. The worksheet repeats the profile's statements, usually a table per competency with a
column per level and a rating column; each statement missing from either, worded otherwise or
standing under another competency or level is one Problem (a warning: the profile is what the
band's documents quote, and a worksheet's difference is for HR to reconcile)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .bandparse import LEVEL_NAMES, ImportedBand, level_of, plain_words, statements_of
from .bandsource import Block, Cells, Paragraph, Row, read_source
from .errors import WARNING, InputError, Location, Problem

SIMILAR = 0.75  # at least this alike (difflib's ratio over the words): one statement reworded
MAX_FRAGMENTS = 3_000  # a band's worksheet holds a few hundred statements
MAX_PAIRS = 400_000  # reworded statements weighed (a second or two); a band has a few thousand


@dataclass(frozen=True)
class Statement:
    """One statement where a document prints it; competency and level are the profile's names,
    None where the worksheet does not say (a statement outside any competency's table)."""

    text: str
    competency: str | None
    level: str | None
    where: str  # "table 3, row 2" or "paragraph 12", to find it in the worksheet

    def context(self) -> str:
        return ", ".join(part for part in (self.competency, self.level) if part)


def profile_statements(band: ImportedBand) -> list[Statement]:
    return [Statement(text, competency.name, level, f"{competency.name}, {level}")
            for competency in band.competencies for level in band.levels
            for text in competency.statements.get(level, ())]


# ---------------------------------------------------------------------------------------------
# Reading the worksheet: each statement with the competency and level it stands under


def worksheet_statements(path: Path, band: ImportedBand) -> list[Statement]:
    return statements_in(read_source(path), band, str(path))


def statements_in(blocks: list[Block], band: ImportedBand, name: str) -> list[Statement]:
    reader = _Reader([c.name for c in band.competencies], name)
    for block in blocks:
        if isinstance(block, Paragraph):
            reader.paragraph(block.text)
        elif isinstance(block, Row):
            reader.row(block.cells)
        else:
            reader.loose_cells(block)
    return reader.found


class _Reader:
    """Walks the worksheet in order, keeping the competency and level columns in force."""

    def __init__(self, competencies: list[str], name: str) -> None:
        self.name = name
        self.exact = {plain_words(competency): competency for competency in competencies}
        # Longest first: "Managing Work and Performance" before "Managing Work".
        self.names = sorted(competencies, key=lambda name: len(plain_words(name)), reverse=True)
        self.competency: str | None = None
        self.level: str | None = None  # a level heading over paragraphs
        self.columns: dict[int, str] = {}  # cell index -> level, from a table's header
        self.width = 0  # the header's cells
        self.found: list[Statement] = []
        self.paragraphs = 0
        self.rows = 0

    def competency_in(self, text: str) -> str | None:
        """The competency a heading or first cell names: 'Decision Making · weight 1'."""
        words = plain_words(text)
        for name in self.names:
            wanted = plain_words(name)
            if words == wanted or words.startswith(wanted + " "):
                return name
        return None

    def paragraph(self, text: str) -> None:
        self.paragraphs += 1
        self.columns = {}  # a paragraph ends the table before it
        named = self.competency_in(text)
        if named:
            self.competency, self.level = named, None
            return
        level = _level_heading(text)
        if level:
            self.level = level
            return
        self.add(text, self.level, f"paragraph {self.paragraphs}")

    def row(self, cells: tuple[tuple[str, ...], ...]) -> None:
        self.rows += 1
        header = _header(cells)
        if header:
            self.columns = header
            self.width = len(cells)
            for index, cell in enumerate(cells):
                named = self.competency_in(" ".join(cell))
                if index not in header and named:
                    self.competency = named
            return
        first = " ".join(cells[0]) if cells else ""
        named = self.competency_in(first) if first and len(first.split()) <= 8 else None
        if named and 0 not in self.columns:
            self.competency = named
        # A row of fewer cells than the header spans levels (a merged rating or evidence row).
        columns = self.columns if len(cells) >= self.width else {}
        for index, cell in enumerate(cells):
            if index == 0 and named and 0 not in self.columns:
                continue
            level = columns.get(index)
            for paragraph in cell:
                if plain_words(paragraph) in self.exact:
                    # A competency's heading: in a table saved as text it runs on as the
                    # last cell's paragraph.
                    self.competency = self.exact[plain_words(paragraph)]
                    continue
                self.add(paragraph, level, f"table row {self.rows}, cell {index + 1}")

    def loose_cells(self, block: Cells) -> None:
        """A table saved as text: one cell a line, rows as wide as the header."""
        cells = list(block.cells)
        start, width = _header_run(cells)
        for cell in cells[:start]:
            self.paragraph(" ".join(cell))
        if not width:
            for cell in cells[start:]:
                self.paragraph(" ".join(cell))
            return
        for at in range(start, len(cells), width):
            self.row(tuple(cells[at:at + width]))

    def add(self, text: str, level: str | None, where: str) -> None:
        if len(self.found) >= MAX_FRAGMENTS:
            raise InputError(f"holds more than {MAX_FRAGMENTS:,} statements, more than one "
                             "band's worksheet could; give the worksheet of this band alone",
                             file=self.name)
        # Only text under a level counts as the worksheet's statement; instructions and rating
        # boxes elsewhere are matched when they repeat a statement, never reported.
        for sentence in statements_of((text,)):
            if _rating_furniture(sentence):
                continue
            self.found.append(Statement(sentence, self.competency if level else None, level,
                                        where))


# The words of rating boxes and labels a worksheet prints beside the statements.
_RATING_WORDS = frozenset(re.findall(r"\w+", """
    not yet demonstrated demonstrates demonstrate does do meets meet exceeds exceed below
    above partially fully expectations expectation yes no n a na rating rated rate level
    shown applies apply to this position comments comment evidence score date initials
    contributing journey advanced and or"""))


def _rating_furniture(text: str) -> bool:
    """A rating box's label ('Not demonstrated', 'Meets / Exceeds'), a blank to fill in, or a
    label ending in a colon: worksheet furniture, not a statement."""
    words = plain_words(text).split()
    return (not words or "__" in text or text.rstrip(".").endswith(":")
            or all(word in _RATING_WORDS for word in words))


def _level_heading(text: str) -> str | None:
    """'Journey', 'Journey (position's level)', 'Journey Level': a level named on its own."""
    words = plain_words(text).split()
    if not words or len(words) > 4:
        return None
    return level_of(words[0]) or level_of(" ".join(words))


def _header(cells: tuple[tuple[str, ...], ...]) -> dict[int, str]:
    levels = {index: _level_heading(" ".join(cell)) for index, cell in enumerate(cells)}
    found = {index: level for index, level in levels.items() if level}
    return found if len(set(found.values())) >= 2 else {}


def _header_run(cells: list[tuple[str, ...]]) -> tuple[int, int]:
    """Where a text table's header starts and how many cells wide it is: the run of short
    cells around two or more level names (a competency's name, a Rating column with them)."""
    for start in range(len(cells)):
        run = 0
        while start + run < len(cells) and len(" ".join(cells[start + run]).split()) <= 5:
            run += 1
        header = {i: _level_heading(" ".join(c)) for i, c in enumerate(cells[start:start + run])}
        if len({level for level in header.values() if level}) >= 2:
            return start, run
    return len(cells), 0


# ---------------------------------------------------------------------------------------------
# Comparing


def _same(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).rstrip(".;:").strip()


def _reworded_pairs(wanted: list[Statement], open_profile: list[int], found: list[Statement],
                    open_found: list[int]) -> dict[int, int]:
    """Profile statement -> worksheet statement for those reworded: the most alike pairs first
    (difflib's ratio over the words), each pair under the same competency or one the worksheet
    leaves open. At most MAX_PAIRS pairs are weighed, so a long file's time stays bounded;
    beyond them a statement is reported missing on one side and extra on the other."""
    words = {n: _same(wanted[n].text).split() for n in open_profile}
    scored: list[tuple[float, int, int]] = []
    weighed = 0
    matcher = difflib.SequenceMatcher(None)
    for index in open_found:
        other = found[index]
        matcher.set_seq2(_same(other.text).split())  # the costly side, set once per statement
        for number in open_profile:
            if other.competency not in (None, wanted[number].competency):
                continue
            weighed += 1
            if weighed > MAX_PAIRS:
                break
            matcher.set_seq1(words[number])
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                score = matcher.ratio()
                if score >= SIMILAR:
                    scored.append((score, number, index))
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _, number, index in sorted(scored, reverse=True):
        if number not in chosen and index not in taken:
            chosen[number] = index
            taken.add(index)
    return chosen


def compare(band: ImportedBand, found: list[Statement], name: str) -> list[Problem]:
    """Every difference between the profile's statements and the worksheet's, in the
    profile's order, then what only the worksheet has."""
    wanted = profile_statements(band)
    free = list(range(len(found)))
    matched: dict[int, int] = {}  # profile statement -> worksheet statement
    by_text: dict[str, list[int]] = {}
    for index in free:
        by_text.setdefault(_same(found[index].text), []).append(index)
    # Word for word: the one under the same competency and level first.
    for number, statement in enumerate(wanted):
        candidates = by_text.get(_same(statement.text), [])
        if not candidates:
            continue
        same_place = [i for i in candidates if _placed(found[i], statement)]
        chosen = (same_place or candidates)[0]
        candidates.remove(chosen)
        matched[number] = chosen
    used = set(matched.values())
    # Reworded: the most alike pairs first, among statements standing under a level.
    open_profile = [n for n in range(len(wanted)) if n not in matched]
    open_found = [i for i in range(len(found)) if i not in used and found[i].level]
    reworded = _reworded_pairs(wanted, open_profile, found, open_found)
    problems: list[Problem] = []
    for number, statement in enumerate(wanted):
        if number in matched:
            other = found[matched[number]]
            if other.level and not _placed(other, statement):
                problems.append(_moved(statement, other, name))
        elif number in reworded:
            problems.append(_reworded(statement, found[reworded[number]], name))
        else:
            problems.append(Problem(
                "worksheet-missing", WARNING,
                f"the profile's statement is not in the worksheet: '{statement.text}'",
                Location(file=name, place=statement.context()), quote=statement.text))
    taken = used | set(reworded.values())
    for index in open_found:
        if index not in taken:
            extra = found[index]
            problems.append(Problem(
                "worksheet-extra", WARNING,
                f"the worksheet has a statement the profile does not: '{extra.text}'",
                Location(file=name, place=f"{extra.context()} ({extra.where})"),
                quote=extra.text))
    return problems


def _placed(found: Statement, statement: Statement) -> bool:
    return found.level == statement.level and found.competency in (None, statement.competency)


def _moved(statement: Statement, other: Statement, name: str) -> Problem:
    return Problem("worksheet-moved", WARNING,
                   f"the worksheet has the profile's statement under {other.context()}, the "
                   f"profile under {statement.context()}: '{statement.text}'",
                   Location(file=name, place=f"{other.context()} ({other.where})"),
                   quote=statement.text)


def _reworded(statement: Statement, other: Statement, name: str) -> Problem:
    moved = ("" if _placed(other, statement)
             else f" and stands under {other.context()}, the profile's under "
                  f"{statement.context()}")
    return Problem("worksheet-wording", WARNING,
                   f"the wording differs from the profile's{moved}: worksheet '{other.text}'; "
                   f"profile '{statement.text}'",
                   Location(file=name, place=f"{other.context()} ({other.where})"),
                   quote=other.text)


def compare_worksheet(bands: list[ImportedBand], path: Path) -> tuple[ImportedBand,
                                                                      list[Problem]]:
    """The worksheet compared with the band it is for (a file of several roles: the one whose
    title the worksheet names)."""
    blocks = read_source(path)
    band = _band_of(bands, blocks, path)
    if path.suffix.lower() == ".pdf":
        blocks = _columns_run_on(blocks, [c.name for c in band.competencies])
    found = statements_in(blocks, band, str(path))
    if not any(statement.level for statement in found) and not any(
            _same(s.text) in {_same(p.text) for p in profile_statements(band)} for s in found):
        raise InputError(f"not a competency assessment worksheet of the {band.title} band: "
                         f"no statement of the profile and no {', '.join(LEVEL_NAMES)} "
                         "columns or headings; give the band's Competency Assessment "
                         "Worksheet", file=path)
    return band, compare(band, found, str(path))


def _band_of(bands: list[ImportedBand], blocks: list[Block], path: Path) -> ImportedBand:
    if len(bands) == 1:
        return bands[0]
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    named = [band for band in bands if re.search(re.escape(band.title), text, re.IGNORECASE)]
    if len(named) != 1:
        titles = "; ".join(band.title for band in bands)
        raise InputError(f"the profile holds several roles ({titles}) and the worksheet names "
                         f"{'none' if not named else 'more than one'} of them by title; give "
                         "the worksheet of one role with its profile alone", file=path)
    return named[0]


def _columns_run_on(blocks: list[Block], competencies: list[str]) -> list[Block]:
    """A PDF's table whose first column is a level (no competency column): its rows as the
    PDF reader splits them mean nothing, since a row starts wherever the first column's text
    does and cuts the other columns' statements in two. Each column is read on as one cell
    until a competency's heading; a paragraph cut off mid-sentence is joined to the next."""
    names = {plain_words(name) for name in competencies}
    out: list[Block] = []
    merged: list[list[str]] | None = None

    def flush() -> None:
        nonlocal merged
        if merged is not None:
            out.append(Row(tuple(tuple(cell) for cell in merged)))
        merged = None

    in_level_table = False
    last_header: Row | None = None
    for block in blocks:
        if not isinstance(block, Row):
            flush()
            in_level_table = False
            out.append(block)
            continue
        header = _header(block.cells)
        if header:
            flush()
            in_level_table = 0 in header
            last_header = block
            out.append(block)
            continue
        if not in_level_table:
            out.append(block)
            continue
        heading = next((p for cell in block.cells for p in cell if plain_words(p) in names),
                       None)
        if heading:
            flush()
            # The PDF reader drops a repeated header; the heading's table keeps its columns.
            out.extend([Paragraph(heading), *([last_header] if last_header else [])])
            continue
        if merged is None:
            merged = [[] for _ in block.cells]
        for cell, parts in zip(merged, block.cells):
            for index, part in enumerate(parts):
                if index == 0 and cell and not re.search(r"[.!?:]$", cell[-1]) \
                        and part[:1].islower():
                    cell[-1] += " " + part  # the row boundary cut this paragraph
                else:
                    cell.append(part)
    flush()
    return out
