"""docs/commands.md holds every command's help as the commands print it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_commands_doc.py"


def _generator():
    spec = importlib.util.spec_from_file_location("make_commands_doc", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_reference_is_the_commands_own_help():
    generator = _generator()
    page = generator.PAGE.read_text(encoding="utf-8")
    assert page == generator.current(page), (
        "docs/commands.md differs from the commands' help: run python scripts/make_commands_doc.py")


def test_the_reference_names_every_command():
    reference = _generator().reference()
    for command in ("posting", "description", "build", "check", "serve", "templates vars",
                    "spec example"):
        assert f"### jdbuilder {command}\n" in reference
    assert "Usage: jdbuilder build [OPTIONS] SPEC" in reference
