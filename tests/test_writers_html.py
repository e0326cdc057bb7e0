from __future__ import annotations

from jdbuilder.markup import DocumentModel, parse_markup
from jdbuilder.writers.html import write_html

from .test_markup import SPANNING


def _page(markup: str) -> str:
    return write_html(DocumentModel(parse_markup(markup), title="T"))


def test_the_page_has_main_print_rules_and_keeps_a_question_with_its_notes():
    page = _page('<p>intro</p><div class="page"><h3>Q</h3><table><tr><th>Notes</th></tr>'
                 '<tr height="3in"><td></td></tr></table></div><p>end</p>')
    assert "<main>" in page and "</main>" in page
    assert "@media print" in page and ".keep { break-inside: avoid;" in page
    assert '<div class="keep new-page">\n<h3>Q</h3>' in page
    assert '<tr style="height:3in" class="blank"><td></td></tr></table>\n</div>\n<p>end</p>' in page


def test_wide_tables_scroll_in_their_own_region_and_row_labels_are_row_headers():
    page = _page("<table><tr><th>A</th><th>B</th><th>C</th><th>D</th></tr>"
                 "<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>"
                 "<table><tr><th>Label</th><td>value<ul><li>x</li></ul></td></tr></table>")
    assert '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>' in page
    assert '<th scope="row">Label</th><td>value<ul><li>x</li></ul></td>' in page


def test_a_cell_spanning_columns_has_colspan():
    page = _page(SPANNING)
    assert '<tr style="height:1.5in"><td colspan="3"><strong>Evidence</strong></td></tr>' in page


def test_three_columns_of_lists_scroll_in_their_own_region_three_of_text_do_not():
    lists = _page("<table><tr><th>A</th><th>B</th><th>C</th></tr><tr>"
                  + "<td><ul><li>one</li></ul></td>" * 3 + "</tr></table>")
    text = _page("<table><tr><th>A</th><th>B</th><th>C</th></tr>"
                 "<tr><td>1</td><td>2</td><td>3</td></tr></table>")
    assert 'class="table-scroll"' in lists and 'class="table-scroll"' not in text
