from __future__ import annotations

import re

import pytest

from jdbuilder.errors import TemplateError
from jdbuilder.markup import Heading, ListBlock, Paragraph, Run, Table, parse_markup


def test_blocks_and_inline_formatting():
    blocks = parse_markup(
        "<h1>Title</h1>\n<p class='Subtitle'>Sub</p>\n"
        "<p>Plain <strong>bold <em>both</em></strong> end<br/>next line</p>\n"
        "<ol><li>one</li><li>two</li></ol>"
        "<table><tr><th width='30'>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>")
    heading, subtitle, paragraph, ordered, table = blocks
    assert heading == Heading(1, (Run("Title"),))
    assert subtitle == Paragraph((Run("Sub"),), "Subtitle")
    assert paragraph.runs == (Run("Plain "), Run("bold ", bold=True),
                              Run("both", bold=True, italic=True), Run(" end"),
                              Run("next line", line_break=True))
    assert isinstance(ordered, ListBlock) and ordered.ordered and len(ordered.items) == 2
    assert isinstance(table, Table) and table.header_rows == 1
    assert table.rows[0][0].width == 30 and table.rows[0][1].width is None


def test_white_space_collapses_like_html():
    (paragraph,) = parse_markup("<p>\n   several   words\n  here  </p>")
    assert paragraph.runs == (Run("several words here"),)


def test_html_named_entities_are_understood():
    (paragraph,) = parse_markup("<p>A&nbsp;B &amp; C &mdash; D</p>")
    assert paragraph.runs[0].text == "A\u00a0B & C \u2014 D"


@pytest.mark.parametrize("markup, problem", [
    ("<div>x</div>", "<div> needs class=\"keep\""),
    ("<p>unclosed", "malformed markup"),
    ("<p>a & b</p>", "malformed markup"),
    ("loose text", "text outside any element"),
    ("<ul><p>x</p></ul>", "<p> inside <ul>"),
    ("<ul><li><ul><li>x</li></ul></li></ul>", "a list or table inside <li>"),
    ("<p><a href='x'>link</a></p>", "a link must start with https://"),
    ("<p><a href='https://x.example' title='t'>link</a></p>", "attribute 'title' on <a>"),
    ("<p><a href='https://x.example'><a href='https://y.example'>y</a></a></p>", "<a> inside <a>"),
    ("<p><span>link</span></p>", "<span> inside <p>"),
    ("<p style='color:red'>x</p>", "attribute 'style' on <p>"),
    ("<table><tr><td width='300'>x</td></tr></table>", "width '300'"),
    ("<table><tr><td>1</td></tr><tr><td>1</td><td>2</td></tr></table>", "different numbers"),
    ("<ul></ul>", "has no items"),
])
def test_unsupported_markup_is_an_error_naming_the_element(markup, problem):
    with pytest.raises(TemplateError) as caught:
        parse_markup(markup, "my.html.j2")
    message = caught.value.format_message()
    assert message.startswith("my.html.j2") and problem in message


@pytest.mark.parametrize("markup, runs", [
    ("<p>a<br/> b</p>", (Run("a"), Run("b", line_break=True))),
    ("<p>x<br/>a <strong> b</strong></p>",
     (Run("x"), Run("a ", line_break=True), Run("b", bold=True))),
    ("<p>a <strong>b</strong> c</p>", (Run("a "), Run("b", bold=True), Run(" c"))),
    ("<p>a <br/>b</p>", (Run("a"), Run("b", line_break=True))),
])
def test_spaces_around_line_breaks_and_formatting(markup, runs):
    (paragraph,) = parse_markup(markup)
    assert paragraph.runs == runs


def test_page_and_keep_groups_rows_with_height_and_lists_in_cells():
    blocks = parse_markup('<div class="page"><h3>Q</h3><p>x</p><table><tr height="3in">'
                          "<td>lead<ul><li>one</li><li>two</li></ul></td></tr></table></div>"
                          "<p>after</p>")
    heading, paragraph, table, after = blocks
    assert (heading.new_page, heading.keep, paragraph.keep, table.keep) == (True, True, True, False)
    assert not after.keep and not after.new_page and not paragraph.new_page
    assert table.heights == (3.0,)
    cell = table.rows[0][0]
    assert [run.text for run in cell.runs] == ["lead"]
    assert [[run.text for run in item] for item in cell.items] == [["one"], ["two"]]
    assert [(run.text, run.line_break) for run in cell.all_runs] == [
        ("lead", False), ("", True), ("• ", False), ("one", False), ("", True), ("• ", False),
        ("two", False)]


SPANNING = ('<table><tr><th width="30">A</th><th width="30">B</th><th width="40">Rating</th></tr>'
            '<tr><td>1</td><td>2</td><td>3</td></tr>'
            '<tr height="1.5in"><td colspan="3"><strong>Evidence</strong></td></tr></table>')


def test_a_cell_may_span_columns():
    (table,) = parse_markup(SPANNING)
    assert table.columns == 3 and [cell.span for cell in table.rows[2]] == [3]
    assert table.column_widths() == [30, 30, 40] and table.heights == (None, None, 1.5)
    (only,) = parse_markup('<table><tr><td colspan="2" width="60">a</td><td>b</td></tr></table>')
    assert only.columns == 3 and only.column_widths() == [30, 30, None]


@pytest.mark.parametrize(("markup", "problem"), [
    ('<div class="keep"><div class="keep"><p>x</p></div></div>', "<div> inside <div>"),
    ('<table><tr><td colspan="0">x</td></tr></table>', "colspan '0' must be a whole number"),
    ('<table><tr><td colspan="two">x</td></tr></table>', "colspan 'two' must be"),
    ('<table><tr><td>a</td><td>b</td></tr><tr><td colspan="3">c</td></tr></table>',
     "different numbers of cells"),
    ('<div class="keep"></div>', "holds no blocks"),
    ('<table><tr height="3cm"><td>x</td></tr></table>', "must be inches"),
    ('<table><tr height="30in"><td>x</td></tr></table>', "must be inches"),
    ("<table><tr><td><ul><li>a</li></ul>tail</td></tr></table>", "text after a <ul>"),
])
def test_paper_markup_mistakes_are_errors(markup, problem):
    with pytest.raises(TemplateError, match=re.escape(problem)):
        parse_markup(markup, "my.html.j2")
