"""Problems are data until the edge: no error message carries its own location. A message
says what is wrong and how to fix it; the file, line, row, field and option go in the
problem's `Location`, and the edge (the command line's `Error:` line, the web page, the
manifest) puts them in front in its own words. This test reads every module and fails on a
message built with where it is in it — `f"{path}, line {n}: ..."`, `f"--sheet {sheet}: ..."` —
and on code that edits a message after the fact."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jdbuilder"

# Calls that make an error or a problem, and which argument is the message.
MESSAGE_ARGUMENT = {"Problem": 2, "error": 0, "warning": 0, "fail": 1, "_fail": 1}
BUILTIN_ERRORS = {"ValueError", "TypeError", "KeyError", "AttributeError", "OSError",
                  "RuntimeError", "LookupError"}
ERROR_SUFFIXES = ("Error", "Refusal", "Refused", "Publishable", "error_type")
# Names whose value is a place: formatting one of them into a message writes the location.
PLACE_NAMES = {
    "path", "file", "folder", "directory", "root", "target", "out_dir", "output",
    "source", "where", "line", "lineno", "row", "rows", "header_row", "column", "spec_dir",
    "practice", "relative", "shown", "option", "option_names", "location", "start_mark",
    "number", "sheet",
}
# A message that starts with a place: "--sheet Winter: ...", "-o: ...", "line 3: ...",
# "init: ...", "weights: ..." (a command or field, then a colon).
PLACE_START = re.compile(r"^\s*(--?[a-z]|line \d|row \d|\S+\.(yaml|yml|csv|xlsx|docx|j2)\b|"
                         r"[a-z][\w-]*: )")


def _error_classes() -> set[str]:
    """JdbuilderError and every class under it in the package."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {base.id if isinstance(base, ast.Name) else
                                    getattr(base, "attr", "") for base in node.bases}
    found = {"JdbuilderError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _message(call: ast.Call, errors: set[str]) -> ast.expr | None:
    name = _callee(call)
    for keyword in call.keywords:
        if keyword.arg in ("message", "problem"):
            return keyword.value
    if name in MESSAGE_ARGUMENT:
        index = MESSAGE_ARGUMENT[name]
        if name in ("fail", "_fail") and not isinstance(call.func, ast.Attribute):
            index = 0
        return call.args[index] if len(call.args) > index else None
    if (name in errors or name.endswith(ERROR_SUFFIXES)) and name not in BUILTIN_ERRORS:
        return call.args[0] if call.args else None
    return None


def _parts(node: ast.expr) -> list[ast.expr]:
    """The pieces of a message: an f-string's parts, through + and implicit joins."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _parts(node.left) + _parts(node.right)
    if isinstance(node, ast.JoinedStr):
        return list(node.values)
    return [node]


def _names(node: ast.expr) -> set[str]:
    """What a formatted value is, by name: `{path}`, `{self.path}`, `{mark.line + 1}`. A value
    computed from one (`{len(rows)}`, `{root.text[:40]}`) is something else."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.BinOp):
        return _names(node.left) | _names(node.right)
    return set()


def _why(message: ast.expr) -> str | None:
    """Why this message writes its location, or None when it does not."""
    parts = _parts(message)
    if not parts:
        return None
    first = parts[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and \
            PLACE_START.match(first.value):
        return f"starts with a place: {first.value[:30]!r}"
    for index, part in enumerate(parts):
        if isinstance(part, ast.FormattedValue) and not (
                isinstance(part.value, ast.Call) and _callee(part.value) == "did_you_mean"):
            places = _names(part.value) & PLACE_NAMES
            if places:
                return f"formats {', '.join(sorted(places))} into the message"
            following = parts[index + 1] if index + 1 < len(parts) else None
            if index == 0 and isinstance(following, ast.Constant) and \
                    str(following.value).startswith((": ", ", line", ", row")):
                return "starts with a value then ':' (a location prefix)"
    return None


def located_messages() -> list[str]:
    found = []
    errors = _error_classes()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                message = _message(node, errors)
                why = _why(message) if message is not None else None
                if why:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {why}")
    return found


def edited_messages() -> list[str]:
    """`problem.message.replace(...)`, `exc.message.removeprefix(...)`, `replace(problem,
    message=...)`: a message changed after it was made."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in (
                    "replace", "removeprefix", "removesuffix", "partition") and \
                    isinstance(func.value, ast.Attribute) and func.value.attr == "message":
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: "
                             f"edits a message with .{func.attr}()")
            if _callee(node) == "replace" and any(k.arg == "message" for k in node.keywords):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: "
                             "replaces a problem's message")
    return found


def test_no_message_writes_its_location():
    assert located_messages() == []


def test_no_message_is_edited_after_it_was_made():
    assert edited_messages() == []


def test_the_rule_finds_a_message_that_writes_its_location(tmp_path, monkeypatch):
    """The test can fail: the old forms are found, the new ones are not."""
    module = tmp_path / "jdbuilder" / "old.py"
    module.parent.mkdir()
    module.write_text(
        'raise TemplateError(f"{file}, line {line}: template syntax error")\n'
        'raise SpecError(f"--sheet {sheet}: no such sheet")\n'
        'raise InputError(f"{name}: the file is empty")\n'
        'raise error_type(Problem("spec", ERROR, f"row {number}: bad", Location()))\n'
        'return Loaded({}, exc.problem.message.removeprefix(f"{path}: "))\n'
        'raise TemplateError("template syntax error", file=file, line=line)\n'
        'raise InputError(f"unknown kind \'{kind}\'", option="--kind")\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", module.parent)
    assert [site.split(": ", 1)[0] for site in located_messages()] == \
        ["jdbuilder/old.py:1", "jdbuilder/old.py:2", "jdbuilder/old.py:3", "jdbuilder/old.py:4"]
    assert [site.split(": ", 1)[0] for site in edited_messages()] == ["jdbuilder/old.py:5"]
