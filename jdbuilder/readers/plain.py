"""Plain text as text blocks: underlined or all-capitals headings, bullets, 'Label: value' fields."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import (
    FIELD,
    FIELD_LABEL_WORDS,
    HEADING,
    ITEM,
    PARAGRAPH,
    TextBlock,
    clean_text,
    looks_like_heading,
)

_TXT_UNDERLINE = re.compile(r"^\s*(=+|-+|~+)\s*$")
_TXT_ITEM = re.compile(r"^(\s*)(?:[-*•·▪◦‣–]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
_TXT_FIELD = re.compile(r"^\s*([A-Z][\w/&'() -]{0,40}?):\s+(\S.*)$")
# An indented table as jdbuilder writes it: a header line of cells between bars, then each row
# wrapped over lines and ending with its other cells in brackets ("... [25%, Yes]").
_TXT_HEADER_ROW = re.compile(r"^\s+\S.*\s\|\s.*\S$")
_TXT_ROW_END = re.compile(r"\s\[[^\[\]]+\]$")


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
            found.append(TextBlock(PARAGRAPH, clean_text(" ".join(paragraph)),
                                   f"line {paragraph_start}"))
        paragraph = []

    while index < len(group):
        line = group[index]
        number = start + index
        stripped = line.strip()
        following = group[index + 1] if index + 1 < len(group) else ""
        item = _TXT_ITEM.match(line)
        if _TXT_UNDERLINE.match(following) and looks_like_heading(stripped):
            flush()
            level = 1 if following.strip().startswith("=") and not found and start == 1 else 2
            found.append(TextBlock(HEADING, clean_text(stripped), f"line {number}", level))
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
            found.append(TextBlock(ITEM, clean_text(" ".join(parts)), f"line {number}"))
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
            value = clean_text(" ".join(parts))[len(label) + 1:].strip()
            found.append(TextBlock(FIELD, f"{label}: {value}", f"line {number}", label=label))
            continue
        if not paragraph and not _TXT_ROW_END.search(line) and \
                _plain_heading(stripped, following.strip()):
            found.append(TextBlock(HEADING, clean_text(stripped).rstrip(":"), f"line {number}", 2))
            index += 1
            continue
        if _TXT_HEADER_ROW.match(line) and not paragraph:
            found.append(TextBlock(PARAGRAPH, clean_text(stripped), f"line {number}"))
            index += 1
            continue
        if not paragraph:
            paragraph_start = number
        paragraph.append(stripped)
        index += 1
        if line.startswith(" ") and _TXT_ROW_END.search(" ".join(paragraph)):
            flush()  # one table row is one paragraph
    flush()
    return found


def _plain_heading(line: str, following: str) -> bool:
    """An all-capitals line, a short line ending in a colon, or a short title-like line standing
    alone or followed by a line that starts a new sentence (a wrapped paragraph's second line
    usually goes on in lower case)."""
    if not looks_like_heading(line.rstrip(":")):
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
