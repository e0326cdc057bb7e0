"""GitHub-flavoured Markdown."""

from __future__ import annotations

import re

from ..markup import Cell, DocumentModel, Heading, ListBlock, Paragraph, Run, Table

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|&~])")


def _escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    # A line starting with "1." or "-" would turn into a list.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+])", r"\\\1", text))


def _inline(runs: tuple[Run, ...], in_table: bool = False) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br>" if in_table else "  \n")
        text = _escape(run.text)
        stripped = text.strip()
        if stripped and (run.bold or run.italic):
            mark = ("**" if run.bold else "") + ("*" if run.italic else "")
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            text = f"{lead}{mark}{stripped}{mark[::-1]}{trail}"
        if run.href and stripped:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            target = run.href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            text = f"{lead}[{text.strip()}]({target}){trail}"
        if run.change in ("ins", "del") and stripped:
            # A redline: HTML's own <del>/<ins>, which GitHub, GitLab and pandoc render (struck
            # through, underlined); Markdown has no mark for an insertion, and bold is the text's.
            text = f"<{run.change}>{text}</{run.change}>"
        out.append(text)
    return "".join(out)


def write_markdown(model: DocumentModel) -> str:
    out: list[str] = []
    for block in model.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_inline(block.runs)}")
        elif isinstance(block, Paragraph):
            out.append(_inline(block.runs))
        elif isinstance(block, ListBlock):
            out.append("\n".join(
                f"{f'{n}.' if block.ordered else '-'} {_inline(item)}"
                for n, item in enumerate(block.items, 1)))
        elif isinstance(block, Table):
            out.append(_table(block))
    return "\n\n".join(out) + "\n"


def _table(table: Table) -> str:
    """A table with a header row as a GFM table. GFM has no table without one, so a label/value
    table (a fact box) becomes "**Label:** value" lines, and any other table's first row becomes
    its header: never an empty header row."""
    if (not table.header_rows and table.columns == 2 and all(len(row) == 2 and row[0].header
                                                             for row in table.rows)):
        return "  \n".join(_fact(row) for row in table.rows)
    # GFM has no spanning cell: a cell spanning columns is followed by empty ones.
    rows = [[text for cell in row
             for text in (_inline(cell.all_runs, in_table=True) or " ", *[" "] * (cell.span - 1))]
            for row in table.rows]
    header, body = rows[0], rows[1:]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def _fact(cells: tuple[Cell, ...]) -> str:
    label = _inline(cells[0].all_runs).strip()
    value = (_inline(cells[1].all_runs, in_table=True) or " ").replace("<br>", "; ").strip()
    return f"**{label.rstrip(':')}:** {value}"
