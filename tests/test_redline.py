"""The redline engine: two block models in, the new one out with its changes marked in the runs
(words within a paragraph, items of a list, rows of a table, whole blocks)."""

from __future__ import annotations

from jdbuilder.markup import DocumentModel, Heading, ListBlock, Paragraph, Run, parse_markup
from jdbuilder.redline import DELETED, INSERTED, diff_runs, has_changes, redline


def _model(markup: str) -> DocumentModel:
    return DocumentModel(parse_markup(markup, "test"))


def _shown(runs) -> str:
    """Runs as a reviewer reads them: [-deleted-] and {+inserted+}."""
    out = []
    for run in runs:
        text = run.text
        if run.change == DELETED:
            text = f"[-{text}-]"
        elif run.change == INSERTED:
            text = f"{{+{text}+}}"
        out.append(text)
    return "".join(out)


def test_words_within_a_paragraph():
    runs = diff_runs((Run("Supervises the hall's resident assistants weekly."),),
                     (Run("Supervises and trains the hall's resident assistants monthly."),))
    assert _shown(runs) == ("Supervises{+ and trains+} the hall's resident assistants "
                            "[-weekly-]{+monthly+}.")


def test_a_few_words_between_two_changes_join_them():
    runs = diff_runs((Run("Reviews the files and the reports each week."),),
                     (Run("Approves every file and the budget each week."),))
    # "the" and "and the" alone between changes would read as noise
    assert "[-Reviews the files and the reports-]" in _shown(runs)


def test_text_rewritten_whole_is_deleted_then_inserted():
    runs = diff_runs((Run("Plans events for students."),), (Run("Audits federal aid files."),))
    assert _shown(runs) == "[-Plans events for students.-]{+Audits federal aid files.+}"


def test_formatting_is_kept_and_same_text_is_untouched():
    old = (Run("Student Conduct.", bold=True), Run(" Hears cases."))
    new = (Run("Student Conduct.", bold=True), Run(" Hears and decides cases."))
    runs = diff_runs(old, new)
    assert runs[0] == Run("Student Conduct.", bold=True)
    assert _shown(runs) == "Student Conduct. Hears {+and decides +}cases."
    assert diff_runs(new, new) == new


TABLE = """<h1>Position Description</h1>
<h2>Description of Work</h2>
<table>
<tr><th>Duty</th><th>Percent</th><th>Essential</th></tr>
<tr><td><strong>Advising.</strong> Advises students.</td><td>60%</td><td>Yes</td></tr>
<tr><td><strong>Outreach.</strong> Visits high schools.</td><td>40%</td><td>No</td></tr>
</table>
<h2>Licenses</h2>
<ul><li>None</li></ul>
"""


def test_table_rows_are_matched_by_their_duty_and_lists_by_their_items():
    new = TABLE.replace("<td>60%</td>", "<td>50%</td>").replace(
        "</table>", "<tr><td><strong>Orientation.</strong> Runs orientation.</td><td>10%</td>"
        "<td>No</td></tr></table>").replace("<li>None</li>", "<li>Valid driver's license</li>")
    model = redline(_model(TABLE), _model(new))
    table = model.blocks[2]
    rows = [[_shown(cell.runs) for cell in row] for row in table.rows]
    assert rows[1] == ["Advising. Advises students.", "[-60%-]{+50%+}", "Yes"]
    assert rows[2] == ["Outreach. Visits high schools.", "40%", "No"]
    assert rows[3] == ["{+Orientation.+}{+ Runs orientation.+}", "{+10%+}", "{+No+}"]
    items = model.blocks[4].items
    assert [_shown(item) for item in items] == ["[-None-]", "{+Valid driver's license+}"]
    assert has_changes(model) and not has_changes(_model(TABLE))


def test_blocks_added_and_removed_whole():
    old = DocumentModel((Heading(1, (Run("PD"),)), Paragraph((Run("Old note."),)),
                         Heading(2, (Run("Kept"),))))
    new = DocumentModel((Heading(1, (Run("PD"),)), Heading(2, (Run("Kept"),)),
                         ListBlock(False, ((Run("A new item"),),))))
    blocks = redline(old, new).blocks
    assert [type(block).__name__ for block in blocks] == ["Heading", "Paragraph", "Heading",
                                                          "ListBlock"]
    assert blocks[1].runs[0].change == DELETED
    assert blocks[3].items[0][0].change == INSERTED
    assert blocks[2].runs[0].change is None


def test_very_long_text_is_shown_whole_not_matched_word_by_word():
    from jdbuilder.redline import MAX_WORDS_COMPARED

    old = " ".join(f"word{index}" for index in range(MAX_WORDS_COMPARED + 1))
    new = old.replace("word7 ", "changed ")
    runs = diff_runs((Run(old),), (Run(new),))
    assert [run.change for run in runs] == [DELETED, INSERTED]  # matching would be quadratic
