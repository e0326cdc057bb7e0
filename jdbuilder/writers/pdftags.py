"""Row headers in LibreOffice's tagged PDF.

LibreOffice tags a table cell as a header (TH) when its row is a repeated header row or its
paragraph has the "Table Heading" style (the .docx writer gives a label cell beside its value
that style), and gives every TH the attribute /Scope /Column. A label beside its value heads
its row, not its column: a screen reader would announce "Salary range" over the cells below
it. Each TH in a row that also holds data cells (TD) is given /Scope /Row instead, in place: the
replacement is as long as what it replaces (padded with spaces, which PDF reads as white space),
so no offset in the file moves and the cross-reference table stays right.

The structure elements and their attribute dictionaries are plain objects in LibreOffice's PDF
(it writes no object streams); a PDF whose structure is elsewhere is left as it is.
"""

from __future__ import annotations

import re

# Each object up to its first "endobj"; a stream's object is skipped (its dictionary is not a
# structure element).
_OBJECT = re.compile(rb"(?<![0-9])(\d+) 0 obj(.*?)endobj", re.S)
_TYPE = re.compile(rb"/S\s*/(\w+)")
_KIDS = re.compile(rb"/K\s*(\[[^\]]*\]|\d+ 0 R)")
_ATTRIBUTES = re.compile(rb"/A\s*(\[[^\]]*\]|\d+ 0 R)")
_REFERENCE = re.compile(rb"(\d+) 0 R")
_COLUMN = b"/Scope/Column"
_ROW = b"/Scope/Row".ljust(len(_COLUMN))


def _references(pattern: re.Pattern[bytes], body: bytes) -> list[int]:
    found = pattern.search(body)
    return [int(n) for n in _REFERENCE.findall(found.group(1))] if found else []


def scope_row_headers(pdf: bytes) -> bytes:
    objects = {int(m.group(1)): m for m in _OBJECT.finditer(pdf) if b"stream" not in m.group(2)}
    elements: dict[int, tuple[bytes, list[int], list[int]]] = {}
    for number, match in objects.items():
        body = match.group(2)
        kind = _TYPE.search(body)
        if b"/StructElem" in body and kind:
            elements[number] = (kind.group(1), _references(_KIDS, body),
                                _references(_ATTRIBUTES, body))
    row_headers: set[int] = set()
    column_headers: set[int] = set()
    for kind, kids, _ in elements.values():
        if kind != b"TR":
            continue
        cells = [elements[kid] for kid in kids if kid in elements]
        holds_data = any(cell[0] == b"TD" for cell in cells)
        for cell_kind, _, attributes in cells:
            if cell_kind == b"TH":
                (row_headers if holds_data else column_headers).update(attributes)
    out = bytearray(pdf)
    # An attribute dictionary shared with a column header is left alone.
    for number in sorted(row_headers - column_headers):
        match = objects.get(number)
        if match is None or match.group(2).count(_COLUMN) != 1:
            continue
        at = match.start(2) + match.group(2).index(_COLUMN)
        out[at:at + len(_COLUMN)] = _ROW
    return bytes(out)
