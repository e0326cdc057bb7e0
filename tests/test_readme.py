"""The console examples of README.md and of every page in docs/, run as written: what they show
is what the tool prints."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def pages() -> list[Path]:
    """README.md and every docs/*.md, a page added later included."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


# A block after `<!-- not run: why -->` is shown, not run (a file it reads is not in the page).
_BLOCK = re.compile(r"(<!-- not run: [^>]*-->\n+)?```console\n(.*?)```", re.S)
# `$ cat FILE` shows a file the next commands read: its lines are written to FILE before they run.
_CAT = re.compile(r"cat (\S+)$")
# `# exits 1` after a command: the exit code it gives (`check` finding errors, a failed build).
_EXITS = re.compile(r"#\s*exits (\d+)\s*$")

# Shown, not run: a server runs until stopped (what is asked of it over HTTP is the web tests'
# to check), and a block with other commands (`curl`) needs files or a server made outside it.
# What PDF output says without LibreOffice can only be seen where it is missing.
_NOT_RUN = ("jdbuilder serve",)
_NEEDS_NO_LIBREOFFICE = "PDF output needs LibreOffice"


def _runnable(block: str) -> bool:
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    if not commands or not all(command.startswith("jdbuilder ") or _CAT.match(command)
                               for command in commands):
        return False
    if any(command.startswith(_NOT_RUN) for command in commands):
        return False
    return _NEEDS_NO_LIBREOFFICE not in block or shutil.which("soffice") is None


def console_blocks(page: Path) -> list[str]:
    return [block for marker, block in _BLOCK.findall(page.read_text(encoding="utf-8"))
            if not marker and _runnable(block)]


def _examples() -> list[pytest.param]:
    found = []
    for page in pages():
        for number, block in enumerate(console_blocks(page), 1):
            first = block.split("\n", 1)[0]
            found.append(pytest.param(block, id=f"{page.name}#{number}: {first}"))
    return found


def sessions(block: str) -> list[tuple[str, list[str]]]:
    """(command, the lines it prints) for each `$ ...` line of a block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_has_console_examples():
    assert len(console_blocks(README)) >= 4


def test_every_page_of_docs_is_linked_from_the_readme_or_another_page():
    text = "".join(page.read_text(encoding="utf-8") for page in pages())
    for page in pages()[1:]:
        assert f"{page.name})" in text, f"docs/{page.name} is linked from no page"


@pytest.mark.parametrize("block", _examples())
def test_each_console_example_prints_what_the_page_shows(cli, block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command, expected in sessions(block):
        shown = _CAT.match(command)
        if shown:
            Path(shown.group(1)).write_text("".join(f"{line}\n" for line in expected),
                                            encoding="utf-8")
            continue
        words = shlex.split(command, comments=True)
        assert words[0] == "jdbuilder", command
        result = cli(words[1:], prog_name="jdbuilder")
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        # When the tool changed, change the page to match; when an example cannot run here
        # (it reads a file the page only describes), put <!-- not run: why --> before it.
        assert result.output.splitlines() == expected, command
        exits = _EXITS.search(command)
        error = any(line.startswith("Error:") for line in expected)
        assert result.exit_code == (int(exits.group(1)) if exits else 2 if error else 0), command
