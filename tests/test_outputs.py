"""Where a single document goes: named file, folder, standard output; bad names refused."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from jdbuilder.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["posting", "-s", "admissions", "-l", "journey",
                                              "--set", "salary_min=1", "--set", "salary_max=2",
                                              *args])


@pytest.mark.parametrize("output, problem", [
    ("", "output name is empty"),
    ("report.rtf", "'.rtf' is not a format"),
    ("a" * 300 + ".docx", "cannot use this name"),
])
def test_bad_output_names_are_refused(run, tmp_path, output, problem):
    result = run("-o", output)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and problem in errors[0]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_gets_the_default_name(run, tmp_path):
    (tmp_path / "out").mkdir()
    assert run("-o", "out").exit_code == 0
    assert run("-o", "new/", "--format", "md").exit_code == 0
    assert (tmp_path / "out" / "senior-admissions-counselor-posting.docx").is_file()
    assert (tmp_path / "new" / "senior-admissions-counselor-posting.md").is_file()


def test_a_name_without_suffix_gets_the_formats(run, tmp_path):
    assert run("-o", "draft", "--format", "html").exit_code == 0
    assert (tmp_path / "draft.html").read_text().startswith("<!DOCTYPE html>")
