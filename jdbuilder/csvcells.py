"""Cells of the CSV files jdbuilder writes, safe to open in a spreadsheet.

A cell starting with =, +, -, @, a tab or a carriage return is taken for a formula by Excel,
LibreOffice and Google Sheets: a title or file name such as `=HYPERLINK("http://evil.example")`
would run when HR opens the build report. OWASP's rule (CSV Injection): put a single quote in
front of such a cell, so the spreadsheet shows it as the text it is.
https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """`text`, with a leading ' when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def safe_row(cells: Iterable[str]) -> list[str]:
    return [safe_cell(cell) for cell in cells]
