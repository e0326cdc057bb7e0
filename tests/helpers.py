"""Small helpers shared by the tests."""

from __future__ import annotations

import io

import docx


def docx_text(content: bytes) -> str:
    """All text of a .docx in document order, paragraphs and table cells, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
        elif tag == "tbl":
            for cell in child.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"):
                lines.append("".join(t.text or "" for t in cell.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
    return "\n".join(lines)

