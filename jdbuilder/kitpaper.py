"""How much room the kit's text takes on paper: estimates that let a template give writing space
(an interview question's notes, a competency's evidence) what is left of a page.

The figures were measured by rendering the built-in reference document (Letter, 1 in margins,
Carlito/Calibri) through LibreOffice and reading each line's position (pdftotext -bbox-layout).
Text is proportional, so a line's characters are counted as textwrap breaks words at a fixed
count per inch: a little more than the page holds, so an estimate errs towards less space to
write, never towards a page that overflows.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

# A 9 pt statement in a table cell (a List Bullet item, single spaced).
STATEMENT_CHARACTERS_PER_INCH = 19
STATEMENT_LINE_INCHES = 11.1 / 72
# What a cell's list does not write on: the cell's margins and the bullet's hanging indent.
CELL_LIST_INDENT_INCHES = 0.43
# An 11 pt bold header cell: its characters per inch, its line, and the cell's margins.
HEADER_CHARACTERS_PER_INCH = 13
HEADER_LINE_INCHES = 14.3 / 72
CELL_MARGIN_INCHES = 0.15
LEAST_COLUMN_PERCENT = 18


def statement_lines(statements: Sequence[str], column_inches: float) -> int:
    """The lines a cell's list of statements takes in a column this wide."""
    width = max(int((column_inches - CELL_LIST_INDENT_INCHES) * STATEMENT_CHARACTERS_PER_INCH),
                10)
    return sum(max(len(textwrap.wrap(statement, width)), 1) for statement in statements)


# 11 pt text (a paragraph, a list item, a cell): characters per inch (bold is wider) and line.
TEXT_CHARACTERS_PER_INCH = 15.5
BOLD_CHARACTERS_PER_INCH = 15.5
TEXT_LINE_INCHES = 14.7 / 72


def text_lines(text: str, inches: float, per_inch: float = TEXT_CHARACTERS_PER_INCH) -> int:
    """The lines 11 pt text takes in a width of this many inches."""
    return max(len(textwrap.wrap(text, max(int(inches * per_inch), 10))), 1)


def header_lines(label: str, column_inches: float) -> int:
    """The lines an 11 pt bold header cell takes (words broken as textwrap breaks them)."""
    width = max(int((column_inches - CELL_MARGIN_INCHES) * HEADER_CHARACTERS_PER_INCH), 5)
    return max(len(textwrap.wrap(label, width)), 1)


def balanced_columns(columns: Sequence[Sequence[str]], labels: Sequence[str],
                     table_inches: float) -> tuple[list[int], float]:
    """Column widths in whole percents for a header row over a row of statement lists side by
    side, the longest list given the most room so the two rows are as short as they can be;
    and the height of their text at those widths, in inches."""
    count = len(columns)

    def inches(percent: int) -> float:
        return table_inches * percent / 100

    def height(widths: Sequence[int]) -> float:
        lines = max(statement_lines(c, inches(w)) for c, w in zip(columns, widths))
        headers = max(header_lines(label, inches(w)) for label, w in zip(labels, widths))
        return lines * STATEMENT_LINE_INCHES + headers * HEADER_LINE_INCHES

    def needed(column: int, lines: int) -> int | None:
        for percent in range(LEAST_COLUMN_PERCENT, 101):
            if statement_lines(columns[column], inches(percent)) <= lines:
                return percent
        return None

    equal = [100 // count] * count
    equal[-1] += 100 - sum(equal)
    best = (equal, height(equal))
    most = max(statement_lines(c, inches(w)) for c, w in zip(columns, equal))
    for lines in range(1, most):
        found = [needed(column, lines) for column in range(count)]
        if None in found or sum(found) > 100:  # type: ignore[arg-type]
            continue
        widths: list[int] = list(found)  # type: ignore[arg-type]
        # What is left is shared, so the columns stay near their needed widths.
        for index in range(100 - sum(widths)):
            widths[index % count] += 1
        if height(widths) < best[1]:
            best = (widths, height(widths))
    return best


def quarter_inches_down(inches: float) -> float:
    return math.floor(inches * 4) / 4
