"""A document jdbuilder built (its block model) as the text model, without writing a file."""

from __future__ import annotations

from functools import lru_cache

from ..markup import DocumentModel, Heading, ListBlock, Paragraph, Run, Table, plain_text
from .text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    TEXT_CACHE_SIZE,
    PostingText,
    TextBlock,
    clean_text,
    table_rows,
)


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
            blocks.extend(table_rows([[runs_text(cell.all_runs) for cell in row]
                                       for row in block.rows],
                                      lambda number, label: f"field '{label}'" if label
                                      else place("table row")))
    return PostingText(source, tuple(block for block in blocks if block.text))


def runs_text(runs: tuple[Run, ...]) -> str:
    return _clean(plain_text(runs))


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # bulk builds check the same paragraphs document after document
def _clean(text: str, keep_lines: bool = False) -> str:
    return clean_text(text, keep_lines)
