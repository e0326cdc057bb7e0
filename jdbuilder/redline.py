"""Two versions of a document (two block models, each made by the one core) as one block model
whose runs carry their changes: words deleted from the old version and inserted by the new, as a
reviewer marks a draft by hand. Writers show them: Word as tracked changes, Markdown and HTML as
<del> and <ins>.

Blocks are matched first (a heading with its heading, a table row with the row of the same duty
or label, a list item with the item it became), then the words within each matched pair. A pair
too little alike to read as an edit is shown whole: the old deleted, the new inserted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import TypeVar

from .markup import Block, Cell, DocumentModel, Heading, ListBlock, Paragraph, Run, Table, plain_text

INSERTED, DELETED = "ins", "del"

# Blocks, items and rows at least this alike (difflib's ratio over their words) are one thing
# edited; less alike, the old one is deleted and the new one inserted.
MATCH_RATIO = 0.5
# Words kept between two changes, this few, read better inside the change ("the", "and").
SHORT_EQUAL_WORDS = 2
# Longer texts (a paragraph of a few pages) are not matched word by word: difflib's matching
# grows with the product of the two lengths. A PD's longest paragraph is about 120 words.
MAX_WORDS_COMPARED = 3000

_TOKEN = re.compile(r"\s+|[\w'’%$.,-]*\w[\w'’%$-]*|[^\w\s]")

T = TypeVar("T")


def redline(old: DocumentModel, new: DocumentModel) -> DocumentModel:
    """The new document with what changed from the old one marked in its runs."""
    return replace(new, blocks=tuple(_blocks(old.blocks, new.blocks)))


def has_changes(model: DocumentModel) -> bool:
    return any(run.change for block in model.blocks for runs in _block_runs(block)
               for run in runs)


# ---------------------------------------------------------------------------------------------
# matching things in order


def _align(old: Sequence[T], new: Sequence[T], key: Callable[[T], object],
           alike: Callable[[T, T], bool]) -> list[tuple[T | None, T | None]]:
    """Old and new paired in order: equal keys first, then, between them, each old one with the
    first later new one it is `alike`; unpaired ones stand alone (old first)."""
    pairs: list[tuple[T | None, T | None]] = []
    matcher = SequenceMatcher(None, [key(item) for item in old], [key(item) for item in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2]))
            continue
        pairs += _pair_alike(old[i1:i2], new[j1:j2], alike)
    return pairs


def _pair_alike(old: Sequence[T], new: Sequence[T], alike: Callable[[T, T], bool]
                ) -> list[tuple[T | None, T | None]]:
    pairs: list[tuple[T | None, T | None]] = []
    next_new = 0
    for item in old:
        match = next((index for index in range(next_new, len(new)) if alike(item, new[index])),
                     None)
        if match is None:
            pairs.append((item, None))
            continue
        pairs += [(None, added) for added in new[next_new:match]]
        pairs.append((item, new[match]))
        next_new = match + 1
    pairs += [(None, added) for added in new[next_new:]]
    # Within a stretch of changes, deletions read before the insertions that replace them.
    ordered: list[tuple[T | None, T | None]] = []
    stretch: list[tuple[T | None, T | None]] = []
    for pair in pairs:
        if pair[0] is not None and pair[1] is not None:
            ordered += [*_deleted_first(stretch), pair]
            stretch = []
        else:
            stretch.append(pair)
    return ordered + _deleted_first(stretch)


def _deleted_first(stretch: list[tuple[T | None, T | None]]) -> list[tuple[T | None, T | None]]:
    return [pair for pair in stretch if pair[1] is None] + \
        [pair for pair in stretch if pair[1] is not None]


def _words(text: str) -> list[str]:
    return [token for token in _TOKEN.findall(text) if not token.isspace()]


def similar(old_text: str, new_text: str) -> float:
    if old_text == new_text:
        return 1.0
    old_words, new_words = _words(old_text), _words(new_text)
    if max(len(old_words), len(new_words)) > MAX_WORDS_COMPARED:
        return 0.0  # shown whole: matching is quadratic in the words, so it is bounded
    return SequenceMatcher(None, old_words, new_words, autojunk=False).ratio()


# ---------------------------------------------------------------------------------------------
# blocks


def _block_runs(block: Block) -> list[tuple[Run, ...]]:
    if isinstance(block, (Heading, Paragraph)):
        return [block.runs]
    if isinstance(block, ListBlock):
        return list(block.items)
    return [runs for row in block.rows for cell in row for runs in (cell.runs, *cell.items)]


def _block_text(block: Block) -> str:
    return " ".join(plain_text(runs) for runs in _block_runs(block))


def _block_key(block: Block) -> tuple:
    shape: tuple = (type(block).__name__,)
    if isinstance(block, Heading):
        shape += (block.level,)
    elif isinstance(block, Table):
        shape += (len(block.rows[0]) if block.rows else 0,)
    return (*shape, _block_text(block))


def _blocks_alike(old: Block, new: Block) -> bool:
    if _block_key(old)[:-1] != _block_key(new)[:-1]:
        return False
    if isinstance(old, Table) and isinstance(new, Table):
        return _header(old) == _header(new) or similar(_block_text(old), _block_text(new)) \
            >= MATCH_RATIO
    if isinstance(old, ListBlock):
        return True  # a list after its matched heading is that list, however rewritten
    return similar(_block_text(old), _block_text(new)) >= MATCH_RATIO


def _header(table: Table) -> tuple[str, ...]:
    return tuple(plain_text(cell.runs) for cell in table.rows[0]) if table.rows else ()


def _blocks(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for before, after in _align(old, new, _block_key, _blocks_alike):
        if after is None:
            out.append(_whole(before, DELETED))
        elif before is None:
            out.append(_whole(after, INSERTED))
        elif _block_key(before) == _block_key(after):
            out.append(after)
        else:
            out.append(_changed(before, after))
    return out


def _whole(block: Block, change: str) -> Block:
    """A block added or removed as a whole: every run of it marked."""
    if isinstance(block, (Heading, Paragraph)):
        return replace(block, runs=_marked(block.runs, change))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(_marked(item, change) for item in block.items))
    return replace(block, rows=tuple(_row(row, change) for row in block.rows))


def _row(row: tuple[Cell, ...], change: str) -> tuple[Cell, ...]:
    return tuple(replace(cell, runs=_marked(cell.runs, change),
                         items=tuple(_marked(item, change) for item in cell.items))
                 for cell in row)


def _marked(runs: tuple[Run, ...], change: str) -> tuple[Run, ...]:
    return tuple(replace(run, change=change) for run in runs)


def _changed(old: Block, new: Block) -> Block:
    if isinstance(old, (Heading, Paragraph)) and isinstance(new, (Heading, Paragraph)):
        return replace(new, runs=diff_runs(old.runs, new.runs))
    if isinstance(old, ListBlock) and isinstance(new, ListBlock):
        return replace(new, items=_items(old.items, new.items))
    if isinstance(old, Table) and isinstance(new, Table):
        return _changed_table(old, new)
    return new  # not reached: only blocks of one shape are paired


def _items(old: tuple[tuple[Run, ...], ...], new: tuple[tuple[Run, ...], ...]
           ) -> tuple[tuple[Run, ...], ...]:
    items: list[tuple[Run, ...]] = []
    for before, after in _align(old, new, plain_text,
                                lambda a, b: similar(plain_text(a), plain_text(b))
                                >= MATCH_RATIO):
        if after is None:
            items.append(_marked(before, DELETED))
        elif before is None:
            items.append(_marked(after, INSERTED))
        else:
            items.append(diff_runs(before, after))
    return tuple(items)


def _row_key(row: tuple[Cell, ...]) -> str:
    """What names a row: its first cell's bold lead-in (a duty's title), else the first cell."""
    if not row:
        return ""
    runs = row[0].runs
    lead = []
    for run in runs:
        if not run.bold:
            break
        lead.append(run.text)
    return " ".join("".join(lead).split()) or plain_text(runs)


def _row_text(row: tuple[Cell, ...]) -> str:
    return " ".join(plain_text(cell.runs) for cell in row)


def _changed_table(old: Table, new: Table) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for before, after in _align(old.rows, new.rows, _row_key,
                                lambda a, b: similar(_row_text(a), _row_text(b)) >= MATCH_RATIO):
        if after is None:
            rows.append(_row(before, DELETED))
        elif before is None:
            rows.append(_row(after, INSERTED))
        else:
            rows.append(tuple(replace(cell, runs=diff_runs(was.runs, cell.runs),
                                      items=_items(was.items, cell.items))
                              for was, cell in zip(before, after)))
    return replace(new, rows=tuple(rows))


# ---------------------------------------------------------------------------------------------
# words


def _tokens(runs: tuple[Run, ...]) -> list[Run]:
    """Each word, space and mark as a run of its own, with its run's formatting; a line break
    goes with the first token after it."""
    tokens: list[Run] = []
    for run in runs:
        pieces = _TOKEN.findall(run.text) or [""]
        for index, piece in enumerate(pieces):
            tokens.append(Run(piece, run.bold, run.italic, run.line_break and index == 0,
                              run.href))
    return tokens


def _token_key(token: Run) -> tuple:
    return (token.text, token.bold, token.italic, token.line_break, token.href)


def diff_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """The new runs with the old one's words that went marked deleted and the new words marked
    inserted; text too little alike is deleted and inserted whole."""
    if old == new:
        return new
    if similar(plain_text(old), plain_text(new)) < MATCH_RATIO:
        return _merged([*_marked(tuple(_tokens(old)), DELETED),
                        *_marked(tuple(_tokens(new)), INSERTED)])
    before, after = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [_token_key(t) for t in before],
                              [_token_key(t) for t in after], autojunk=False)
    out: list[Run] = []
    for tag, i1, i2, j1, j2 in _without_short_equals(matcher.get_opcodes(), after):
        if tag == "equal":
            out += after[j1:j2]
            continue
        out += _marked(tuple(before[i1:i2]), DELETED)
        out += _marked(tuple(after[j1:j2]), INSERTED)
    return _merged(out)


def _without_short_equals(opcodes: list[tuple[str, int, int, int, int]], after: list[Run]
                          ) -> list[tuple[str, int, int, int, int]]:
    """A few words left standing between two changes join them: "replaced the whole" reads
    better as one change than as three."""
    codes = list(opcodes)
    for index in range(1, len(codes) - 1):
        tag, i1, i2, j1, j2 = codes[index]
        words = sum(1 for token in after[j1:j2] if not token.text.isspace())
        if tag == "equal" and words <= SHORT_EQUAL_WORDS and \
                codes[index - 1][0] != "equal" and codes[index + 1][0] != "equal":
            codes[index] = ("replace", i1, i2, j1, j2)
    merged: list[tuple[str, int, int, int, int]] = []
    for code in codes:
        if merged and code[0] != "equal" and merged[-1][0] != "equal":
            last = merged[-1]
            merged[-1] = ("replace", last[1], code[2], last[3], code[4])
        else:
            merged.append(code)
    return merged


def _merged(tokens: list[Run]) -> tuple[Run, ...]:
    """Neighbouring tokens of the same formatting and change as one run."""
    runs: list[Run] = []
    for token in tokens:
        if not token.text and not token.line_break:
            continue
        last = runs[-1] if runs else None
        if last is not None and not token.line_break and (
                last.bold, last.italic, last.href, last.change) == \
                (token.bold, token.italic, token.href, token.change):
            runs[-1] = replace(last, text=last.text + token.text)
        else:
            runs.append(token)
    return tuple(runs)
