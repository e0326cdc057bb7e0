"""Read YAML while remembering where each value came from, so errors can name file, line and field."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR, JdbuilderError, Location, Problem, did_you_mean
from .fileio import read_input_bytes
from .jurisdiction import LocalText
from .xmlchars import find_illegal_character


@dataclass(frozen=True)
class Located:
    """A value from a YAML file together with its field path and line number."""

    value: Any
    file: Path
    path: str
    line: int | None
    error_type: type[JdbuilderError] = JdbuilderError

    # -- locating -----------------------------------------------------------------------
    def location(self) -> Location:
        return Location(file=str(self.file), line=self.line, field=self.path or None)

    def where(self) -> str:
        return self.location().text()

    def fail(self, problem: str) -> JdbuilderError:
        return self.error_type(Problem(self.error_type.code, ERROR, problem, self.location()))

    # -- typed access -------------------------------------------------------------------
    def mapping(self, required: set[str], optional: frozenset[str] | set[str] = frozenset()
                ) -> dict[str, Located]:
        if not isinstance(self.value, LineDict):
            raise self.fail(f"expected a mapping of keys to values, got {_kind(self.value)}")
        allowed = required | set(optional)
        for key in self.value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"; allowed keys: {', '.join(sorted(allowed))}"
                raise self._child(key).fail(f"unknown key '{key}'{hint}")
        for key in sorted(required):
            if key not in self.value:
                raise self.fail(f"missing required key '{key}'")
        return {key: self._child(key) for key in self.value}

    def items(self) -> Iterator[tuple[str, Located]]:
        if not isinstance(self.value, LineDict):
            raise self.fail(f"expected a mapping, got {_kind(self.value)}")
        for key in self.value:
            yield str(key), self._child(key)

    def sequence(self, non_empty: bool = True) -> list[Located]:
        if not isinstance(self.value, LineList):
            raise self.fail(f"expected a list, got {_kind(self.value)}")
        if non_empty and not self.value:
            raise self.fail("the list is empty")
        return [self._child(index) for index in range(len(self.value))]

    def text(self) -> str:
        value = self.value
        if isinstance(value, LineDict) and "only_in" in value:
            return self._local_text()
        if isinstance(value, LineDict) and "text" in value:
            # Half of the built-in files' form for text true in one state only.
            raise self.fail("expected text, got a mapping: write the text itself (the key, then "
                            "'>-' and the text on the lines below), or, for text true only "
                            "under one state's law or one system's policy, text: with only_in: "
                            "and source: as the built-in organization.yaml does")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(f"expected text, got {_kind(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(f"YAML read this as the number {value}; put the text in quotes")
        bad = find_illegal_character(str(value))
        if bad:
            raise self.fail(f"contains the control character {bad}, which Word cannot store; remove it")
        text = " ".join(str(value).split())
        if not text:
            raise self.fail("is empty")
        return text

    def _local_text(self) -> LocalText:
        """`{text, only_in, source[, elsewhere][, supply]}`: text true only under one state's
        law or one system's policy, with its source, its form elsewhere (absent: left out there)
        and what an employer elsewhere should supply."""
        fields = self.mapping({"text", "only_in", "source"}, {"elsewhere", "supply"})
        optional = {key: fields[key].optional_text() for key in ("elsewhere", "supply")
                    if key in fields}
        return LocalText(fields["text"].text(), fields["only_in"].text(),
                         fields["source"].text(), **optional)

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.sequence())

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(f"expected a whole number, got {_kind(self.value)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(f"expected true or false, got {_kind(self.value)}")
        return self.value

    def _child(self, key: str | int) -> Located:
        container = self.value
        line = container.lines.get(key, self.line)
        path = f"{self.path}[{key}]" if isinstance(key, int) else (
            f"{self.path}.{key}" if self.path else str(key))
        return Located(container[key], self.file, path, line, self.error_type)


class LineDict(dict):
    """A YAML mapping that knows the line of each of its keys (for Located)."""

    lines: dict


class LineList(list):
    """A YAML list that knows the line of each of its items (for Located)."""

    lines: dict


def describe_yaml_value(value: Any) -> str:
    """A value as an error message names it: its kind, or short text; never its repr."""
    return _kind(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    text = str(value)
    return f"'{text}'" if len(text) <= 80 else f"'{text[:60]}…' ({len(text):,} characters)"


# libyaml's parser when present (several times faster); its marks keep the line numbers.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Real files nest a handful of levels and hold a few thousand values; an alias bomb expands a
# few hundred bytes into billions of values, and libyaml's composer recurses (and crashes) on
# deeply nested input. Both are measured from the event stream before anything is built.
MAX_YAML_DEPTH = 64
MAX_YAML_VALUES = 2_000_000  # counting every alias as a full copy of what it names


class YamlBudget:
    """Counts nesting and the values a YAML stream expands to, fed one parser event at a time."""

    def __init__(self, file: Path, error_type: type[JdbuilderError] = JdbuilderError) -> None:
        self.file = file
        self.error_type = error_type
        self.sizes: list[int] = [0]  # values so far in each open collection
        self.anchors: list[str | None] = [None]
        self.anchored: dict[str, int] = {}
        self.total = 0

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(self.sizes) > MAX_YAML_DEPTH:
                raise self._fail(event, f"nested more than {MAX_YAML_DEPTH} levels deep; "
                                        "flatten the file")
            self.sizes.append(1)
            self.anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            size = self.sizes.pop()
            anchor = self.anchors.pop()
            if anchor:
                self.anchored[anchor] = size
            self._add(event, size)
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                self.anchored[event.anchor] = 1
            self._add(event, 1)
        elif isinstance(event, yaml.AliasEvent):
            self._add(event, self.anchored.get(event.anchor, 1))

    def _add(self, event: Any, size: int) -> None:
        self.sizes[-1] += size
        self.total += size
        if self.total > MAX_YAML_VALUES:
            raise self._fail(event, f"aliases (*name) expand it to more than {MAX_YAML_VALUES:,} "
                                    "values; write the values out or use fewer aliases")

    def _fail(self, event: Any, problem: str) -> JdbuilderError:
        return self.error_type(problem, file=self.file, line=event.start_mark.line + 1)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records the line of every mapping value and list item."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = LineDict()
        mapping.lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # Never repr() the key: an aliased key can expand to gigabytes of text.
                got = "a mapping" if isinstance(key_node, yaml.MappingNode) else "a list"
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be text, got {got}", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be text, got {_kind(key)[:80]}", key_node.start_mark)
            key = str(key)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key[:80]}'", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):  # type: ignore[override]
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.lines = {index: child.start_mark.line + 1 for index, child in enumerate(node.value)}
        return items


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        # Beyond Python's 4,300-digit conversion limit: no field wants such a number, so it stays
        # text and the field that reads it says what it expected.
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Dates stay text: the model decides what a date is, and a typo should not become a datetime.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml_error(exc: yaml.YAMLError, text: str, file: Path,
               error_type: type[JdbuilderError]) -> JdbuilderError:
    """A YAML error as one problem at the file and line, saying what to do about it."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return error_type(f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}",
                          file=file, line=mark.line + 1 if mark else None)
    if isinstance(exc, yaml.reader.ReaderError):
        return error_type(f"contains the control character U+{exc.character:04X}, which Word "
                          "cannot store; remove it", file=file,
                          line=text.count("\n", 0, max(exc.position, 0)) + 1)
    return error_type(f"YAML error: {' '.join(str(exc).split())}", file=file)


def check_yaml_budget(text: str, file: Path, error_type: type[JdbuilderError] = JdbuilderError
                      ) -> None:
    """Refuse YAML nested too deep or whose aliases expand too far, before composing any of it."""
    budget = YamlBudget(file, error_type)
    parser = _BaseLoader(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            budget.feed(event)
    finally:
        parser.dispose()


def parse_yaml(text: str, file: Path, error_type: type[JdbuilderError] = JdbuilderError) -> Located:
    """Parse YAML text into a Located root; syntax errors name the file and line."""
    try:
        check_yaml_budget(text, file, error_type)
        loader = _Loader(text)
        try:
            value = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise yaml_error(exc, text, file, error_type) from None
    return Located(value, file, "", 1 if value is not None else None, error_type)


def read_text(file: Path, error_type: type[JdbuilderError] = JdbuilderError) -> str:
    """A user's text file as UTF-8, every failure a one-line error naming the file."""
    # utf-8-sig: spreadsheet programs and some editors put a byte-order mark first.
    # Bytes, not read_text: line ends inside a quoted CSV cell stay as they were written.
    data = read_input_bytes(file, error_type)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_type(f"not UTF-8 text (byte {exc.start}); save it as UTF-8", file=file
                         ) from None


def read_yaml(file: Path, error_type: type[JdbuilderError] = JdbuilderError) -> Located:
    return parse_yaml(read_text(file, error_type), file, error_type)
