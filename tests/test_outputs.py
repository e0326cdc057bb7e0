"""Output names and paths: named file, folder, standard output; bad names refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdbuilder.errors import InputError
from jdbuilder.outputs import (
    OutputProblem,
    Target,
    default_stem,
    format_of_output,
    normalise_output,
    output_problem,
    resolve_output,
    slugify,
    write_target,
)


@pytest.mark.parametrize("output, problem", [
    ("", "output name is empty"),
    ("report.rtf", "'.rtf' is not a format"),
    ("x.md", "the suffix says md but format says html"),
    ("-", "a .docx cannot go to standard output"),
])
def test_bad_output_names_are_refused(output, problem):
    with pytest.raises(InputError, match=problem):
        resolve_output(output, "html" if output == "x.md" else "docx" if output == "-" else None)


def test_where_a_named_output_goes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    assert resolve_output(None, None) == Target("docx", folder=Path("."))
    assert resolve_output("-", None) == Target("txt")
    assert resolve_output("out", None) == Target("docx", folder=Path("out"))
    assert resolve_output("new/", "md") == Target("md", folder=Path("new/"))
    assert resolve_output("draft", "html") == Target("html", file=Path("draft.html"))
    assert resolve_output("p.md", None) == Target("md", file=Path("p.md"))


def test_a_folder_gets_the_suggested_name_and_a_file_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = write_target(b"x", "counselor-posting.md", Target("md", folder=Path("new")))
    assert written == Path("new/counselor-posting.md") and written.read_bytes() == b"x"
    here = write_target(b"y", "counselor-posting.md", Target("md", folder=Path(".")))
    assert here == Path("counselor-posting.md")
    named = write_target(b"z", "ignored.md", Target("md", file=tmp_path / "mine.md"))
    assert named == tmp_path / "mine.md" and named.read_bytes() == b"z"
    with pytest.raises(InputError, match="already exists and was left alone"):
        write_target(b"again", "ignored.md", Target("md", file=named))
    assert named.read_bytes() == b"z"
    write_target(b"again", "ignored.md", Target("md", file=named), force=True)
    assert named.read_bytes() == b"again"
    with pytest.raises(InputError, match="is a folder"):
        write_target(b"x", "ignored.md", Target("md", file=Path("new")))


def test_names_from_titles_are_safe_file_names():
    assert default_stem("Counselor <Transfer> & Outreach", "posting") == \
        "counselor-transfer-outreach-posting"
    assert slugify("Ñandú") == "nandu" and slugify("***") == "document"
    assert slugify("CON") == "con-doc" and len(slugify("a" * 300)) == 80


def test_one_suffix_rule_for_single_and_bulk_outputs():
    assert format_of_output("a.MD", None) == "md" and format_of_output("a", "html") is None
    with pytest.raises(OutputProblem, match=r"'\.rtf' is not a format"):
        format_of_output("a.rtf", None)
    with pytest.raises(OutputProblem, match="suffix says md but format says txt"):
        format_of_output("a.md", "txt")
    assert normalise_output("./pd\\finaid", "docx") == "pd/finaid.docx"
    assert output_problem("C:\\x.docx") and output_problem("../x") and output_problem("/x")
    assert "manifest.json" in output_problem("MANIFEST.json")
    assert output_problem("sub/ok.docx") is None


def test_the_cli_writes_where_it_is_told_and_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(["posting", "-s", "admissions", "-l", "journey",
                  "--set", "salary_min=1", "--set", "salary_max=2",
                  "-o", "a" * 300 + ".docx"])
    assert result.exit_code == 2 and "cannot use this name" in result.output
    assert list(tmp_path.iterdir()) == []
    result = cli(["posting", "-s", "admissions", "-l", "journey",
                  "-o", "draft", "--format", "html"])
    assert result.exit_code == 0 and "Wrote draft.html" in result.stdout
    assert (tmp_path / "draft.html").read_text().startswith("<!DOCTYPE html>")


def test_an_existing_file_is_left_alone_without_force_and_a_folder_always(tmp_path):
    from jdbuilder.outputs import refuse_existing

    existing = tmp_path / "posting.docx"
    refuse_existing(existing, force=False)  # nothing there: fine
    existing.write_bytes(b"kept")
    with pytest.raises(InputError):
        refuse_existing(existing, force=False)
    refuse_existing(existing, force=True)
    with pytest.raises(InputError):
        refuse_existing(tmp_path, force=True)  # a folder is never replaced
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError):
        refuse_existing(tmp_path / "dangling", force=False)  # a link counts as a file there
    assert existing.read_bytes() == b"kept"
