from __future__ import annotations

from jdbuilder.markup import DocumentModel, parse_markup
from jdbuilder.readers import FIELD, read_markdown_text
from jdbuilder.writers.markdown import write_markdown

from .test_markup import SPANNING


def _markdown(markup: str) -> str:
    return write_markdown(DocumentModel(parse_markup(markup), title="T"))


def test_fact_table_has_no_empty_header_row():
    text = _markdown("<table><tr><th>Salary range</th><td>$45,000 to $52,000</td></tr>"
                     "<tr><th>Overtime</th><td>Exempt</td></tr></table>")
    assert "|" not in text
    assert text == "**Salary range:** $45,000 to $52,000  \n**Overtime:** Exempt\n"
    fields = read_markdown_text(text)
    assert [(block.kind, block.label, block.text) for block in fields] == [
        (FIELD, "Salary range", "Salary range: $45,000 to $52,000"),
        (FIELD, "Overtime", "Overtime: Exempt")]


def test_table_with_header_row_keeps_it():
    text = _markdown("<table><tr><th>Duty</th><th>Percent</th></tr>"
                     "<tr><td>Advising</td><td>40%</td></tr></table>")
    assert text == "| Duty | Percent |\n|---|---|\n| Advising | 40% |\n"


def test_table_without_any_header_promotes_its_first_row():
    text = _markdown("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
    assert text.splitlines()[0] == "| a | b |"
    assert "|  |" not in text and "|   |" not in text


def test_a_cell_spanning_columns_is_followed_by_empty_cells():
    text = _markdown(SPANNING)
    assert text.splitlines()[-1] == "| **Evidence** |   |   |"
    assert all(line.count("|") == 4 for line in text.splitlines())
