"""The recruiter's workbook as first made in Excel (issue #24), made with openpyxl.

A title row merged across, a blank row under it, then the header as people write it ("Job
Title", "Closing Date", "Budget Code", "Notes"), a hidden "Position #" column, departments and
locations merged down over the rows they share, a blank row in the middle, a mistyped level
and a second sheet. 25 openings over all 15 specialization x level pairs.

Run it to get a copy to try by hand:  python tests/recruiter_workbook.py openings.xlsx
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl

SHEET = "Spring 2027"
TITLE = "Spring 2027 openings - Division of Student Affairs"
HEADER = ["Job Title", "Specialization", "Level", "Department", "Location", "Closing Date",
          "Budget Code", "Notes", "Position #"]
HEADER_ROW = 3
HIDDEN_COLUMN = "I"  # Position #: hidden to keep the sheet narrow on screen
TYPO_LEVEL = "Advnaced"

_DEPARTMENTS = {
    "Undergraduate Admissions": "Office of Undergraduate Admissions",
    "Financial Aid": "Office of Student Financial Aid",
    "Registration and Records": "Office of the Registrar",
    "Residence Life and Housing": "University Housing",
    "Student Center and Outdoor Facilities": "Plemmons Student Union",
}
# (specialization, level, working title): every pair once, ten of them twice.
OPENINGS = [
    ("Undergraduate Admissions", "Contributing", "Admissions Counselor - Transfer"),
    ("Undergraduate Admissions", "Contributing", "Admissions Counselor - First-Year"),
    ("Undergraduate Admissions", "Journey", "Senior Admissions Counselor"),
    ("Undergraduate Admissions", "Journey", "Admissions Counselor - Visit Programs"),
    ("Undergraduate Admissions", "Advanced", "Associate Director of Admissions"),
    ("Financial Aid", "Contributing", "Financial Aid Counselor"),
    ("Financial Aid", "Contributing", "Financial Aid Counselor - Scholarships"),
    ("Financial Aid", "Journey", "Senior Financial Aid Counselor"),
    ("Financial Aid", "Journey", "Financial Aid Counselor - Veterans"),
    ("Financial Aid", "Advanced", "Associate Director of Financial Aid"),
    ("Registration and Records", "Contributing", "Records Specialist"),
    ("Registration and Records", "Contributing", "Registration Specialist"),
    ("Registration and Records", "Journey", "Degree Audit Coordinator"),
    ("Registration and Records", "Journey", "Transfer Credit Coordinator"),
    ("Registration and Records", "Advanced", "Associate Registrar"),
    ("Residence Life and Housing", "Contributing", "Residence Hall Coordinator"),
    ("Residence Life and Housing", "Contributing", "Housing Assignments Specialist"),
    ("Residence Life and Housing", "Journey", "Area Coordinator"),
    ("Residence Life and Housing", "Journey", "Residential Learning Coordinator"),
    ("Residence Life and Housing", "Advanced", "Associate Director of Residence Life"),
    ("Student Center and Outdoor Facilities", "Contributing", "Event Services Coordinator"),
    ("Student Center and Outdoor Facilities", "Contributing", "Outdoor Programs Coordinator"),
    ("Student Center and Outdoor Facilities", "Journey", "Student Union Operations Manager"),
    ("Student Center and Outdoor Facilities", "Journey", "Reservations Manager"),
    ("Student Center and Outdoor Facilities", "Advanced", "Director of the Student Union"),
]
TYPO_OPENING = 19  # 0-based: "Associate Director of Residence Life", level mistyped
BLANK_AFTER = 12  # a blank row after the 12th opening, where the recruiter left a gap


def opening_rows() -> dict[int, int]:
    """Opening index -> the sheet row it is on."""
    rows, row = {}, HEADER_ROW
    for index in range(len(OPENINGS)):
        row += 1
        if index == BLANK_AFTER:
            row += 1
        rows[index] = row
    return rows


def closing_date(index: int) -> dt.datetime:
    return dt.datetime(2027, 3 + index % 3, 1 + index)


def make_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet["A1"] = TITLE
    sheet.merge_cells(f"A1:{HIDDEN_COLUMN}1")
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(HEADER_ROW, column, name)
    rows = opening_rows()
    for index, (specialization, level, title) in enumerate(OPENINGS):
        row = rows[index]
        sheet.cell(row, 1, title)
        sheet.cell(row, 2, specialization)
        sheet.cell(row, 3, TYPO_LEVEL if index == TYPO_OPENING else level)
        sheet.cell(row, 6, closing_date(index)).number_format = "m/d/yyyy"
        sheet.cell(row, 7, f"4-1{index:04d}")
        if index % 4 == 1:
            sheet.cell(row, 8, "re-post of the fall search" if index % 8 == 1 else
                       "call the hiring manager before posting")
        sheet.cell(row, 9, f"{70000 + index:08d}")
    # Each department typed once and merged down over its five openings (the blank row too).
    for specialization, department in _DEPARTMENTS.items():
        indexes = [i for i, opening in enumerate(OPENINGS) if opening[0] == specialization]
        first, last = rows[indexes[0]], rows[indexes[-1]]
        sheet.cell(first, 4, department)
        sheet.merge_cells(start_row=first, start_column=4, end_row=last, end_column=4)
    # The two openings on the branch campus share one location cell.
    for index in range(len(OPENINGS)):
        if index not in (5, 6):
            sheet.cell(rows[index], 5, "Boone, NC")
    sheet.cell(rows[5], 5, "Hickory, NC")
    sheet.merge_cells(start_row=rows[5], start_column=5, end_row=rows[6], end_column=5)
    sheet.column_dimensions[HIDDEN_COLUMN].hidden = True
    other = workbook.create_sheet("Filled")
    other.append(["Job Title", "Filled on"])
    other.append(["Admissions Counselor", dt.datetime(2026, 11, 2)])
    workbook.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "openings.xlsx")
    print(make_workbook(target))
