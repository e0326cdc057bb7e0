from __future__ import annotations

from jdbuilder.writers.pdftags import scope_row_headers


def _pdf(*objects: str) -> bytes:
    return ("%PDF-1.6\n" + "".join(f"{n} 0 obj\n{body}\nendobj\n\n"
                                    for n, body in enumerate(objects, 1))).encode()


# A table of two rows: a header row of two TH, then a label TH beside a TD; each cell's
# attributes in their own object, as LibreOffice writes them.
TABLE = _pdf(
    "<</Type/StructElem\n/S/Table\n/K[2 0 R 5 0 R ]\n>>",
    "<</Type/StructElem\n/S/TR\n/P 1 0 R\n/K[3 0 R 4 0 R ]\n>>",
    "<</Type/StructElem\n/S/TH\n/P 2 0 R\n/A [ 8 0 R 9 0 R ]\n/K[0 ]\n>>",
    "<</Type/StructElem\n/S/TH\n/P 2 0 R\n/A 10 0 R\n/K[1 ]\n>>",
    "<</Type/StructElem\n/S/TR\n/P 1 0 R\n/K[6 0 R 7 0 R ]\n>>",
    "<</Type/StructElem\n/S/TH\n/P 5 0 R\n/A [ 11 0 R 12 0 R ]\n/K[2 ]\n>>",
    "<</Type/StructElem\n/S/TD\n/P 5 0 R\n/K[3 ]\n>>",
    "<</O/Layout\n/Placement/Inline\n>>",
    "<</O/Table\n/Scope/Column\n>>",
    "<</O/Table\n/Scope/Column\n>>",
    "<</O/Layout\n/Placement/Inline\n>>",
    "<</O/Table\n/Scope/Column\n>>",
)


def test_a_header_beside_data_gets_row_scope_in_place_and_column_headers_keep_theirs():
    fixed = scope_row_headers(TABLE)
    assert len(fixed) == len(TABLE)  # no offset moves
    assert fixed.count(b"/Scope/Column") == 2 and fixed.count(b"/Scope/Row   \n") == 1
    label = fixed.index(b"12 0 obj")
    assert b"/Scope/Row" in fixed[label:label + 40]


def test_a_pdf_without_tags_or_with_a_shared_attribute_is_left_alone():
    assert scope_row_headers(b"%PDF-1.6\n1 0 obj\n<</Type/Catalog>>\nendobj\n") == \
        b"%PDF-1.6\n1 0 obj\n<</Type/Catalog>>\nendobj\n"
    shared = TABLE.replace(b"/A [ 11 0 R 12 0 R ]", b"/A [ 11 0 R 10 0 R ]")
    assert scope_row_headers(shared) == shared
