"""Markdown as text blocks: ATX and setext headings, lists, tables, bold lines as headings."""

from __future__ import annotations

import re

from .text import (
    FIELD,
    FIELD_LABEL_WORDS,
    HEADING,
    ITEM,
    PARAGRAPH,
    TextBlock,
    clean_text,
    looks_like_heading,
    table_rows,
)

_MD_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_ITEM = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_FIELD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]+?):(?:\*\*|__)\s+\S")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")


# Inline markup, each pattern linear in the text however it is written: what an opener may
# span excludes the opener itself (and the line break), so the search from one opener stops at
# the next and no character is scanned from two of them ("*a *a *a ..." or "[x](y [x](y ..."
# with nothing closing them cost one pass, not a pass per opener). Each has one group, the
# words it keeps, or none: `"".join(pattern.split(text))` then replaces each match by its
# words in one pass of the regular expression engine, with no Python call per match.
# An address may hold one pair of brackets itself ("wiki/Hiring_(process)").
_MD_ADDRESS = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_INLINE = tuple(re.compile(pattern) for pattern in (
    r"!\[([^\[\]\n]*)\]" + _MD_ADDRESS,  # an image: its alt text
    r"\[([^\[\]\n]+)\]" + _MD_ADDRESS,  # a link: its words
    r"</?[A-Za-z][^<>]*>",  # a tag: nothing (a <br> was made a line break before)
    r"`([^`]*)`",  # code: its text
    r"\*\*((?:[^*\n]|\*(?!\*))+?)\*\*",  # bold
    r"__((?:[^_\n]|_(?!_))+?)__",
    r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])",  # emphasis
    r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])",
    r"\\([\\`*_{}\[\]()<>#+\-.!|])",  # an escaped character: itself
))
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _md_inline(text: str) -> str:
    text = "\n".join(_MD_BREAK.split(text))
    for pattern in _MD_INLINE:
        text = "".join(pattern.split(text))
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
            joined = clean_text(_md_inline("".join(pieces)), keep_lines=True)
            fields = [_MD_FIELD_LINE.match(raw) for raw in paragraph] if kind == PARAGRAPH else []
            if fields and all(field and len(field.group(1).split()) <= FIELD_LABEL_WORDS
                              for field in fields):
                # "**Label:** value" on each line: how our Markdown writes a fact box
                for offset, raw in enumerate(paragraph):
                    text = clean_text(_md_inline(raw.strip().rstrip("\\")))
                    label = clean_text(_md_inline(fields[offset].group(1)))  # type: ignore[union-attr]
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
            heading = clean_text(_md_inline(atx.group(2)))
            if heading:
                blocks.append(TextBlock(HEADING, heading, f"line {number}", len(atx.group(1))))
        elif (not paragraph and _MD_SETEXT.match(following) and not _MD_ITEM.match(line)
              and not stripped.startswith("|")):
            heading = clean_text(_md_inline(stripped))
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
                    cells = [clean_text(_md_inline(cell)) for cell in
                             re.split(r"(?<!\\)\|", row.strip("|"))]
                    rows.append((index + 1, cells))
                index += 1
            places = {position: line_number for position, (line_number, _) in
                      enumerate(rows, 1)}
            blocks.extend(table_rows([cells for _, cells in rows],
                                      lambda r, _label, places=places: f"line {places[r]}"))
            continue
        elif _MD_ITEM.match(line) and not _MD_RULE.match(line):
            flush()
            kind, start = ITEM, number
            paragraph = [_MD_ITEM.match(line).group(2)]  # type: ignore[union-attr]
        elif bold and not paragraph and looks_like_heading(bold.group(2)):
            flush()
            heading = clean_text(_md_inline(bold.group(2)))
            blocks.append(TextBlock(HEADING, heading.rstrip(":"), f"line {number}", 2))
        else:
            if not paragraph:
                start, kind = number, PARAGRAPH
            paragraph.append(line.lstrip())
        index += 1
    flush()
    return blocks
