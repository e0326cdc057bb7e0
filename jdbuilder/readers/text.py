"""The one text model every reader produces and every check reads: blocks in document order,
sentences, sections; and the helpers the format readers share."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

READABLE_SUFFIXES = (".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text")

HEADING, PARAGRAPH, ITEM, FIELD = "heading", "paragraph", "item", "field"
PROSE_KINDS = (PARAGRAPH, ITEM)

# A bold line this short, without a full stop, is a heading in a document written elsewhere.
SHORT_HEADING_WORDS = 10
SHORT_HEADING_CHARS = 80
# A table's first column this short makes a row a "label: value" field.
FIELD_LABEL_WORDS = 5
# Distinct sentences (paragraphs, headings) each cache of the checks and readers remembers. A
# bulk build repeats a few hundred per specialization and level document after document, with
# a few of a document's own (its title, its number) between: this keeps the repeated ones,
# while a build of 50,000 one-off titles fills each cache to this and no further.
TEXT_CACHE_SIZE = 1 << 11


@dataclass(frozen=True)
class TextBlock:
    kind: str  # heading | paragraph | item | field
    text: str
    where: str  # "line 12", "paragraph 7", "table 1, row 2", ...
    level: int = 0  # heading level, 1 for the title
    label: str = ""  # a field's label, e.g. "FLSA status"
    cut: bool = False  # longer than a paragraph can be, so cut (PostingText.long_blocks_cut)


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
    # Characters of the document after the part kept (read_posting's `limit`,
    # first_characters): counted, so `characters` is still the whole document's length.
    left_out: int = 0

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == HEADING:
                return block.text
        return ""

    def headings(self) -> list[TextBlock]:
        return [block for block in self.blocks if block.kind == HEADING]

    @property
    def characters(self) -> int:
        """The text's length, with what was left out of it."""
        return sum(len(block.text) for block in self.blocks) + self.left_out

    def first_characters(self, limit: int) -> PostingText:
        """The posting cut after `limit` characters of text (at a space where there is one):
        what the checks read of a document far longer than any posting."""
        kept: list[TextBlock] = []
        left = limit
        for block in self.blocks:
            if len(block.text) > left:
                cut = block.text.rfind(" ", 0, left + 1)
                text = block.text[:cut if cut > 0 else left]
                if text:
                    kept.append(dataclasses.replace(block, text=text))
                break
            kept.append(block)
            left -= len(block.text)
        kept_length = sum(len(block.text) for block in kept)
        return PostingText(self.source, tuple(kept), self.characters - kept_length)

    def long_blocks_cut(self, limit: int) -> PostingText:
        """The posting with every block longer than `limit` characters cut there (at a space
        where there is one) and marked `cut`: a paragraph of megabytes is no paragraph, and
        checking its first pages says what checking all of it would."""
        if all(len(block.text) <= limit for block in self.blocks):
            return self
        blocks = tuple(_cut(block, limit) if len(block.text) > limit else block
                       for block in self.blocks)
        kept_length = sum(len(block.text) for block in blocks)
        return PostingText(self.source, blocks, self.characters - kept_length)

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
            found.extend(_block_sentences(block, section))
        return tuple(found)

    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def _cut(block: TextBlock, limit: int) -> TextBlock:
    space = block.text.rfind(" ", 0, limit + 1)
    return dataclasses.replace(block, text=block.text[:space if space > 0 else limit], cut=True)


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # bulk builds: the same block under the same heading, many times
def _block_sentences(block: TextBlock, section: str | None) -> tuple[Sentence, ...]:
    place = f"{block.where} under '{section}'" \
        if section and block.kind not in (HEADING, FIELD) else block.where
    if block.kind in (HEADING, FIELD):
        return (Sentence(block.text, place, block.kind, section, block.label),)
    return tuple(Sentence(text, place, block.kind, section, block.label)
                 for text in split_sentences(block.text))


# ---------------------------------------------------------------------------------------------
# sentences

# Abbreviations whose full stop does not end a sentence ("8:00 a.m. to 5:00 p.m.", "U.S. Department").
_ABBREVIATIONS = {
    "a.m", "p.m", "e.g", "i.e", "vs", "dr", "mr", "mrs", "ms", "st", "no", "inc", "ltd", "jr", "sr",
    "u.s", "u.k", "u.s.a", "approx", "dept", "ph.d", "b.a", "b.s", "m.a", "m.s", "m.ed", "ed.d",
    "cf", "fig", "mt", "ft", "univ", "assn", "corp", "co", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
}
# The lookbehind starts a match only at the first of a run of stops, and the possessive
# quantifiers never give back: a run of a million dots is one try, not a million (linear time).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9•])")


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # bulk builds check the same paragraphs again and again
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences of a block of text. Line breaks end sentences too (a <br>, a wrapped list).

    Linear in the text, however it is written: each boundary looks back only over the word
    before it (a space precedes every later boundary, so no text is looked at twice), and a
    sentence is cut out only once it ends ("Dr. Dr. Dr. ..." never re-reads its start)."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        start = 0
        for match in _BOUNDARY.finditer(line):
            stop = match.start()
            if line[stop] == ".":
                space = line.rfind(" ", start, stop)
                begin = space + 1 if space >= 0 else start
                word = line[begin:stop + 1].rstrip(".!?").lstrip("(\"'“‘").lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and "a" <= word <= "z"):
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



def table_rows(rows: list[list[str]], where: Callable[[int, str], str]) -> list[TextBlock]:
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


def clean_text(text: str, keep_lines: bool = False) -> str:
    if keep_lines:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= SHORT_HEADING_WORDS and len(text) <= SHORT_HEADING_CHARS
            and not text.rstrip().endswith((".", ";", ",")))


# ---------------------------------------------------------------------------------------------
# files
