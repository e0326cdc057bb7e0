"""csvcells: no cell of a CSV jdbuilder writes is taken for a formula."""

from __future__ import annotations

import csv
import io

import pytest

from jdbuilder.build import ReportRow, report_csv
from jdbuilder.csvcells import safe_cell, safe_row
from jdbuilder.starters import example_csv


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"])
def test_a_formula_start_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Admissions Counselor II", "jobs.csv, row 3", "'quoted",
                                  " =leading space is text", "50,000"])
def test_other_text_is_left_alone(text):
    assert safe_cell(text) == text


def test_safe_row_quotes_each_cell():
    assert safe_row(["=1", "a", "@b"]) == ["'=1", "a", "'@b"]


def test_the_build_report_neutralises_every_column():
    row = ReportRow(1, "=cmd.csv, row 2", "+cmd|x.docx", "failed",
                    ("@SUM(1): bad",), ("-1: odd",))
    text = report_csv([row]).decode("utf-8-sig")
    (cells,) = list(csv.reader(io.StringIO(text)))[1:]
    assert cells == ["'=cmd.csv, row 2", "'+cmd|x.docx", "failed", "'@SUM(1): bad", "'-1: odd"]


def test_the_starter_spec_has_no_formula(profile):
    for cells in csv.reader(io.StringIO(example_csv(profile))):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
