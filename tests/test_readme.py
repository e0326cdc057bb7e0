"""The README's console examples, run as written: what it shows is what the tool prints."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdbuilder.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
# A block after `<!-- not run: why -->` is shown, not run (a file it reads is not in the README).
_BLOCK = re.compile(r"(<!-- not run: [^>]*-->\n+)?```console\n(.*?)```", re.S)


# Shown, not run: a server runs until stopped (what is asked of it over HTTP is the web tests'
# to check), and a block with other commands (`cat`, `curl`) needs files or a server made
# outside it. What PDF output says without LibreOffice can only be seen where it is missing.
_NOT_RUN = ("jdbuilder serve",)
_NEEDS_NO_LIBREOFFICE = "PDF output needs LibreOffice"


def _runnable(block: str) -> bool:
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    if not commands or not all(command.startswith("jdbuilder ") for command in commands):
        return False
    if any(command.startswith(_NOT_RUN) for command in commands):
        return False
    return _NEEDS_NO_LIBREOFFICE not in block or shutil.which("soffice") is None


def console_blocks() -> list[str]:
    return [block for marker, block in _BLOCK.findall(README.read_text(encoding="utf-8"))
            if not marker and _runnable(block)]


def sessions(block: str) -> list[tuple[str, list[str]]]:
    """(command, the lines it prints) for each `$ jdbuilder ...` line of a block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_has_console_examples():
    assert len(console_blocks()) >= 3


@pytest.mark.parametrize("block", console_blocks(), ids=lambda block: block.split("\n", 1)[0])
def test_each_console_example_prints_what_the_readme_shows(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command, expected in sessions(block):
        words = shlex.split(command, comments=True)
        assert words[0] == "jdbuilder", command
        result = runner.invoke(main, words[1:], prog_name="jdbuilder")
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        # When the tool changed, change the README to match; when an example cannot run here
        # (it reads a file the README only describes), put <!-- not run: why --> before it.
        assert result.output.splitlines() == expected, command
        error = any(line.startswith("Error:") for line in expected)
        assert result.exit_code == (2 if error else 0), command
