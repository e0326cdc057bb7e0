"""Read a posting (ours or one written elsewhere) into the plain text blocks the checks consume.

Every reader gives the same shape: headings, paragraphs, list items and "label: value" fields in
document order, each with the place a person would look for it (a line, a Word paragraph, a table
row). Headings are recognised the way a reader sees them: a heading style, a markup heading, an
underlined or all-capitals line, or a short line that is bold and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fileio import read_input_bytes
from .model import from_model
from .text import (
    FIELD,
    HEADING,
    ITEM,
    PARAGRAPH,
    PROSE_KINDS,
    READABLE_SUFFIXES,
    TEXT_CACHE_SIZE,
    PostingText,
    Section,
    Sentence,
    TextBlock,
    normalise_sentence,
    split_sentences,
)

__all__ = ["FIELD", "HEADING", "ITEM", "PARAGRAPH", "PROSE_KINDS", "READABLE_SUFFIXES", "TEXT_CACHE_SIZE",
           "PostingText", "Section", "Sentence", "TextBlock", "from_model", "normalise_sentence",
           "read_html_text", "read_markdown_text", "read_plain_text", "read_posting",
           "split_sentences"]


# The readers of files written elsewhere load when first used: a posting being built is read
# from its model alone and never pays for importing them.
_LAZY = {"read_docx": "docx", "read_html_text": "html", "read_markdown_text": "markdown",
         "read_plain_text": "plain"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_posting(path: Path, limit: int | None = None) -> PostingText:
    """A posting file (.docx, .html, .md, .txt) as text blocks; anything else is an InputError.

    With `limit`, a Markdown or plain text file is read only so far (to the line, else the
    space, before `limit` characters) and the rest counted as left out: whoever checks a file of
    megabytes reads its beginning, and parsing the rest would cost time for nothing."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise InputError(f"cannot read '{suffix or 'no suffix'}' files; give a .docx, .html, "
                         ".md or .txt posting, or a .yaml/.csv/.xlsx spec", file=path)
    if not path.is_file():
        raise InputError("file not found", file=path)
    if suffix == ".docx":
        from .docx import read_docx

        return PostingText(str(path), tuple(read_docx(path)))
    data = read_input_bytes(path, InputError)  # a regular file within the size limit
    if suffix in (".html", ".htm"):
        from .html import read_html_text

        return PostingText(str(path), tuple(read_html_text(data, str(path))))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8", file=path
                         ) from None
    text, left_out = _beginning(text, limit)
    if suffix in (".md", ".markdown"):
        from .markdown import read_markdown_text

        return PostingText(str(path), tuple(read_markdown_text(text)), left_out)
    from .plain import read_plain_text

    return PostingText(str(path), tuple(read_plain_text(text)), left_out)


def _beginning(text: str, limit: int | None) -> tuple[str, int]:
    """`text` up to the last line break before `limit` characters (or the last space, when
    that break is far back, as in a one-line file), and how many characters follow it."""
    if limit is None or len(text) <= limit:
        return text, 0
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        space = text.rfind(" ", 0, limit)
        cut = space if space > 0 else limit
    return text[:cut], len(text) - cut
