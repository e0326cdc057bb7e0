"""A standalone HTML page with a little CSS, and the Google-for-Jobs description subset."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..markup import Block, DocumentModel, Heading, ListBlock, Paragraph, Run, Table

_CSS = """
body { font: 16px/1.5 Calibri, Carlito, "Segoe UI", Arial, sans-serif; color: #222;
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
main { display: block; }
h1 { color: #1f3864; font-size: 2rem; margin-bottom: .2rem; }
h2 { color: #1f3864; border-bottom: 1px solid #1f3864; padding-bottom: .15rem; margin-top: 2rem; }
h3 { color: #1f3864; margin-bottom: .3rem; }
.Subtitle { color: #595959; font-size: 1.1rem; margin-top: 0; }
.Note { color: #595959; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
th, td { border: 1px solid #6e6e6e; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e7ecf3; color: #1f3864; }
td ul { margin: 0; padding-left: 1.1rem; }
li { margin-bottom: .3rem; }
tr.blank td { height: 2rem; }
/* A wide table scrolls in its own region; the page itself never scrolls sideways. */
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus { outline: 2px solid #1f3864; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .75rem; }
  h1 { font-size: 1.6rem; }
  .table-scroll > table { min-width: 36rem; }
}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  .keep { break-inside: avoid; page-break-inside: avoid; }
  .new-page { break-before: page; page-break-before: always; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-scroll { overflow: visible; }
  a { color: inherit; }
}
""".strip()
# Forms with wide tables: a wider page on screen, and printed sideways.
_WIDE_CSS = "body { max-width: 72rem; }\n@page { size: landscape; }"
# A redline: changes shaded as well as struck through or underlined, and announced to screen
# readers, which say nothing of <del> and <ins> by default (the words are visually hidden).
_REDLINE_CSS = """
del { background: #fde8e8; color: #7a1c1c; }
ins { background: #e3f4e6; color: #134e1f; }
del::before, del::after, ins::before, ins::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%);
  white-space: nowrap; }
del::before { content: " [deleted: "; } ins::before { content: " [inserted: "; }
del::after, ins::after { content: "] "; }"""


# `<`, `>` and `&` as JSON escapes: JSON inside a <script> element can then never close it
# (`</script>`) or open HTML5's double-escaped state (`<!--<script>`), and JSON readers see the
# same text.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


# Turns a run's raw text into safe HTML; the default escapes it. A preview passes one that also
# wraps words in <mark> (it must escape everything it does not mark).
InlineText = Callable[[str], str]


def _escape_text(text: str) -> str:
    return escape(text, quote=False)


def _inline(runs: tuple[Run, ...], inline_text: InlineText = _escape_text,
            links: bool = True) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br>")
        text = inline_text(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.href and links:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        if run.change in ("ins", "del") and text:  # a redline's words added or removed
            text = f"<{run.change}>{text}</{run.change}>"
        out.append(text)
    return "".join(out)


def _class(style: str | None) -> str:
    return f' class="{escape(style)}"' if style else ""


def _block(block: Block, inline_text: InlineText = _escape_text) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}{_class(block.style)}>{_inline(block.runs, inline_text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p{_class(block.style)}>{_inline(block.runs, inline_text)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_inline(item, inline_text)}</li>" for item in block.items)
        return f"<{tag}{_class(block.style)}>{items}</{tag}>"
    rows = []
    columns = block.columns
    for index, row in enumerate(block.rows):
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            # A row-header cell (a label beside its value) says so, for screen readers.
            scope = ' scope="row"' if cell.header and not all(c.header for c in row) else ""
            width = f' style="width:{cell.width}%"' if cell.width else ""
            span = f' colspan="{cell.span}"' if cell.span > 1 else ""
            items = ("<ul>" + "".join(f"<li>{_inline(item, inline_text)}</li>"
                                      for item in cell.items) + "</ul>") if cell.items else ""
            cells.append(f"<{tag}{_class(cell.style)}{span}{scope}{width}>"
                         f"{_inline(cell.runs, inline_text)}{items}</{tag}>")
        height = block.height(index)
        blank = not any(cell.runs or cell.items for cell in row)
        attributes = (f' style="height:{height:g}in"' if height else "") + \
            (' class="blank"' if blank else "")
        rows.append(f"<tr{attributes}>{''.join(cells)}</tr>")
    table = f"<table{_class(block.style)}>{''.join(rows)}</table>"
    lists = any(cell.items for row in block.rows for cell in row)
    if columns <= 2 or (columns == 3 and not lists):
        return table
    # Four or more columns, or three with lists of statements side by side, do not fit a
    # phone's width: the table scrolls in its own region (focusable, so a keyboard can scroll
    # it too) instead of breaking words a letter or two to a line.
    return f'<div class="table-scroll" tabindex="0" role="region" aria-label="Table">{table}</div>'


def _body(blocks: tuple[Block, ...], inline_text: InlineText) -> str:
    """The blocks, those kept together (a question with its notes area) in one <div> that
    print keeps on one page."""
    out: list[str] = []
    group: list[str] | None = None
    starts_page = False
    for block in blocks:
        if group is None and (block.keep or block.new_page):
            group, starts_page = [], block.new_page
        html = _block(block, inline_text)
        if group is None:
            out.append(html)
            continue
        group.append(html)
        if not block.keep:
            classes = "keep new-page" if starts_page else "keep"
            out.append(f'<div class="{classes}">\n' + "\n".join(group) + "\n</div>")
            group = None
    if group is not None:
        out.append('<div class="keep">\n' + "\n".join(group) + "\n</div>")
    return "\n".join(out)


def write_html(model: DocumentModel, json_ld: str | None = None, *,
               inline_text: InlineText = _escape_text, extra_css: str = "") -> str:
    """The standalone page. `inline_text` and `extra_css` let a preview mark words in it."""
    body = _body(model.blocks, inline_text)
    css = f"{_CSS}\n{_WIDE_CSS}" if model.landscape else _CSS
    if model.revision_author:
        css += _REDLINE_CSS
    script = ""
    if json_ld:
        # The JSON-LD writer already escapes these; done again here (a no-op then) so no JSON
        # handed to this writer can close the script element or swallow the body.
        script = ('\n<script type="application/ld+json">\n'
                  f"{json_ld.translate(SCRIPT_SAFE)}\n</script>")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(model.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(model.title)}</title>\n"
        f'<meta name="description" content="{escape(model.description or model.subject)}">\n'
        f"<style>\n{css}{extra_css}\n</style>{script}\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def description_html(model: DocumentModel) -> str:
    """The posting as Google for Jobs accepts a description: p, ul, li, h1-h5, strong, em, br.
    Tables become paragraphs of 'Label: value' lines; a link keeps its text (the apply URL is the
    text itself), since Google reads no <a> in a description."""
    out = []
    for block in model.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = [_inline(cell.all_runs, links=False) for cell in row if cell.all_runs]
                if cells:
                    out.append(f"<p>{'<strong>' + cells[0] + ':</strong> ' if len(cells) > 1 else ''}"
                               f"{' '.join(cells[1:]) if len(cells) > 1 else cells[0]}</p>")
        elif isinstance(block, ListBlock):
            out.append("<ul>" + "".join(f"<li>{_inline(i, links=False)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{_inline(block.runs, links=False)}</h{block.level}>")
        else:
            out.append(f"<p>{_inline(block.runs, links=False)}</p>")
    return "".join(out)
