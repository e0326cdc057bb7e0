"""Plain text: wrapped at 80 columns, headings underlined."""

from __future__ import annotations

import textwrap

from ..markup import DocumentModel, Heading, ListBlock, Paragraph, Table, plain_text

WIDTH = 80
_UNDERLINES = {1: "=", 2: "=", 3: "-"}


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    lines = []
    for number, line in enumerate(text.split("\n")):
        lead = first if (first is not None and number == 0) else indent
        lines.append(textwrap.fill(line, WIDTH, initial_indent=lead, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False) or lead.rstrip())
    return "\n".join(lines)


def write_text(model: DocumentModel) -> str:
    out: list[str] = []
    for block in model.blocks:
        if isinstance(block, Heading):
            text = plain_text(block.runs)
            out.append(f"{text}\n{_UNDERLINES[block.level] * min(len(text), WIDTH)}")
        elif isinstance(block, Paragraph):
            out.append(_wrap(plain_text(block.runs)))
        elif isinstance(block, ListBlock):
            items = []
            for number, item in enumerate(block.items, 1):
                marker = f"{number}. " if block.ordered else "- "
                items.append(_wrap(plain_text(item), " " * len(marker), marker))
            out.append("\n".join(items))
        elif isinstance(block, Table):
            out.append(_table(block))
    return "\n\n".join(out) + "\n"


def _table(table: Table) -> str:
    rows = []
    if table.columns == 2 and all(len(row) == 2 for row in table.rows):
        # A two-column fact table reads best as "Label: value" lines.
        for label, value in table.rows:
            name, text = plain_text(label.all_runs), plain_text(value.all_runs)
            rows.append(_wrap(f"{name}: {text}" if text else name, "  "))
        return "\n".join(rows)
    for row in table.rows:
        cells = [plain_text(cell.all_runs).replace("\n", " ").strip() for cell in row]
        if all(cell.header for cell in row):
            line = " | ".join(cell for cell in cells if cell)
        else:
            extra = ", ".join(cell for cell in cells[1:] if cell)
            line = f"{cells[0]} [{extra}]" if extra else cells[0]
        rows.append(_wrap(line, "  "))
    return "\n".join(rows)
