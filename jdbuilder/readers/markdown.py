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
