from __future__ import annotations

from jdbuilder.markup import DocumentModel, parse_markup
from jdbuilder.writers.text import write_text


def _text(markup: str) -> str:
    return write_text(DocumentModel(parse_markup(markup), title="T"))


def test_a_row_of_one_cell_spanning_the_columns_is_its_own_line():
    text = _text('<table><tr><th>A</th><th>B</th><th>Rating</th></tr>'
                 '<tr><td>1</td><td>2</td><td>3</td></tr>'
                 '<tr height="1.5in"><td colspan="3"><strong>Evidence</strong></td></tr></table>')
    assert text.splitlines()[-3:] == ["  A | B | Rating", "  1 [2, 3]", "  Evidence"]


def test_two_columns_with_a_spanning_row_are_not_read_as_label_and_value():
    text = _text('<table><tr><th>Label</th><td>value</td></tr>'
                 '<tr><td colspan="2">Notes</td></tr></table>')
    assert text.splitlines()[-2:] == ["  Label [value]", "  Notes"]
