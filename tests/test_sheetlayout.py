"""Merged cells and hidden rows and columns, read from a worksheet's XML."""

from __future__ import annotations

import zipfile

import openpyxl

from jdbuilder.sheetlayout import Merged, MergeFiller, column_letter, read_layout


def sheet_xml(tmp_path, build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook.active)
    workbook.save(tmp_path / "book.xlsx")
    with zipfile.ZipFile(tmp_path / "book.xlsx") as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_merges_hidden_columns_and_hidden_rows_with_values_are_found(tmp_path):
    def build(sheet):
        sheet["A1"] = "title"
        sheet.merge_cells("A1:C1")
        sheet["B7"] = "Boone, NC"
        sheet.merge_cells("B7:B8")
        sheet["C9"] = "hidden"
        sheet.row_dimensions[9].hidden = True
        sheet.row_dimensions[10].hidden = True  # nothing in it: not worth a note
        sheet.column_dimensions["D"].hidden = True

    layout = read_layout(sheet_xml(tmp_path, build))
    assert [merge.ref for merge in layout.merged] == ["A1:C1", "B7:B8"]
    assert layout.hidden_columns == {4}
    assert layout.hidden_rows == [9]


def test_a_damaged_sheet_gives_what_was_read_before_the_damage():
    layout = read_layout(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                         b'2006/main"><mergeCells><mergeCell ref="A1:B1"/><mergeCell')
    assert [merge.ref for merge in layout.merged] == ["A1:B1"]


def test_a_merged_value_fills_every_cell_it_covers_but_not_a_blank_row():
    filler = MergeFiller([Merged(2, 2, 5, 2), Merged(6, 1, 6, 3)])
    assert filler.fill(1, ["a", "b"]) == ["a", "b"]
    assert filler.fill(2, ["x", "Boone, NC"]) == ["x", "Boone, NC"]
    assert filler.fill(3, ["y"]) == ["y", "Boone, NC"]
    assert filler.fill(4, ["", ""]) == ["", ""]  # the gap between two groups stays a gap
    assert filler.fill(5, ["z", ""]) == ["z", "Boone, NC"]
    assert filler.fill(6, ["wide"]) == ["wide", "wide", "wide"]
    assert filler.fill(7, ["after"]) == ["after"]


def test_a_merged_value_stops_at_the_headers_last_column():
    filler = MergeFiller([Merged(2, 2, 2, 6)])
    filler.width = 3
    assert filler.fill(2, ["x", "a note", "", "", ""]) == ["x", "a note", "a note", "", ""]


def test_columns_are_lettered_as_excel_letters_them():
    assert [column_letter(n) for n in (1, 26, 27, 52, 16_384)] == ["A", "Z", "AA", "AZ", "XFD"]
