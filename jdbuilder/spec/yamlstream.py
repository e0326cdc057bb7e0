"""A YAML spec read as a stream of parser events into rows, one `documents` item at a time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import Location, SpecError, did_you_mean
from ..yamlsource import (
    LineDict,
    LineList,
    Located,
    YamlBudget,
    describe_yaml_value,
    yaml_error,
)

if TYPE_CHECKING:
    pass

from .model import Row, Value

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# libyaml's parser when present: a 5,000-row spec reads in a fraction of the pure-Python time.
_EventParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlEvents:
    """Values built straight from parser events, one documents item at a time.

    Every scalar stays text (only a plain `null`, `~` or nothing means 'not given'), and each
    mapping value and list item keeps its line (yamlsource's line-aware containers, so Located
    and organization_from work on them). Reading events rather than composing the whole file
    keeps a 5,000-row spec from ever sitting in memory as YAML nodes, several KB a row.
    """

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.text = text
        self.parser = _EventParser(text)
        self.anchors: dict[str, Any] = {}
        self.texts: dict[str, str] = {}  # one object per distinct value: rows repeat many
        self.budget = YamlBudget(path, SpecError)

    def next(self) -> Any:
        event = self._call(self.parser.get_event)
        self.budget.feed(event)
        return event

    def peek(self) -> Any:
        return self._call(self.parser.peek_event)

    def _call(self, step):
        try:
            return step()
        except yaml.YAMLError as exc:
            raise yaml_error(exc, self.text, self.path, SpecError) from None

    def fail(self, event: Any, problem: str) -> SpecError:
        return SpecError(problem, file=self.path, line=event.start_mark.line + 1)

    def value(self, event: Any) -> Any:
        """The value `event` starts; mappings and lists as yamlsource's line-aware containers."""
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event, f"YAML syntax error: unknown alias '*{event.anchor}'")
            return self.anchors[event.anchor]
        if isinstance(event, yaml.ScalarEvent):
            value: Any = None if event.style is None and event.value in _NULLS else \
                self.texts.setdefault(event.value, event.value)
        elif isinstance(event, yaml.MappingStartEvent):
            value = LineDict()
            value.lines = {}
            while not isinstance(self.peek(), yaml.MappingEndEvent):
                key_event = self.next()
                key = self.value(key_event)
                if not isinstance(key, str):
                    raise self.fail(key_event, "YAML syntax error: keys must be text, got "
                                              f"{describe_yaml_value(key)}")
                key = sys.intern(key)  # thousands of rows repeat a dozen keys: share them
                if key in value:
                    raise self.fail(key_event, f"YAML syntax error: duplicate key '{key}'")
                value[key] = self.value(self.next())
                value.lines[key] = key_event.start_mark.line + 1
            self.next()
        elif isinstance(event, yaml.SequenceStartEvent):
            value = LineList()
            value.lines = {}
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                item_event = self.next()
                value.lines[len(value)] = item_event.start_mark.line + 1
                value.append(self.value(item_event))
            self.next()
        else:
            raise self.fail(event, "YAML syntax error: unexpected content")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = value
        return value


def yaml_rows(text: str, path: Path) -> Iterator[Row]:
    events = _YamlEvents(text, path)
    events.next()  # stream start
    if isinstance(events.peek(), yaml.StreamEndEvent):
        raise SpecError("the file is empty; list documents under 'documents:'", file=path)
    events.next()  # document start
    first = events.next()
    if not isinstance(first, yaml.MappingStartEvent):
        value = events.value(first)
        if value is None:
            raise SpecError("the file is empty; list documents under 'documents:'", file=path)
        Located(value, path, "", first.start_mark.line + 1, SpecError).mapping({"documents"})
    defaults: dict[str, Value] = {}
    default_org: Located | None = None
    seen: set[str] = set()
    while not isinstance(events.peek(), yaml.MappingEndEvent):
        key_event = events.next()
        key = events.value(key_event)
        line = key_event.start_mark.line + 1
        node = Located(None, path, str(key), line, SpecError)
        if key not in ("documents", "defaults"):
            hint = did_you_mean(str(key), ("defaults", "documents")) or \
                "; allowed keys: defaults, documents"
            raise node.fail(f"unknown key '{key}'{hint}")
        if key in seen:
            raise node.fail(f"YAML syntax error: duplicate key '{key}'")
        seen.add(key)
        if key == "defaults":
            if "documents" in seen:
                raise node.fail("put 'defaults:' before 'documents:', so each document can be "
                                "checked as it is read")
            defaults, default_org = _yaml_defaults(
                Located(events.value(events.next()), path, "defaults", line, SpecError))
            continue
        start = events.next()
        if not isinstance(start, yaml.SequenceStartEvent):
            Located(events.value(start), path, "documents", line, SpecError).sequence()
        number = 0
        while not isinstance(events.peek(), yaml.SequenceEndEvent):
            item_event = events.next()
            item = Located(events.value(item_event), path, f"documents[{number}]",
                           item_event.start_mark.line + 1, SpecError)
            number += 1
            yield _yaml_row(number, item, path, defaults, default_org)
        events.next()
        if number == 0:
            raise node.fail("the list is empty")
    if "documents" not in seen:
        raise SpecError("missing required key 'documents'", file=path, line=1)
    events.next()  # mapping end
    events.next()  # document end
    if not isinstance(events.peek(), yaml.StreamEndEvent):
        raise events.fail(events.peek(), "holds a second YAML document ('---'); keep one")


def _yaml_defaults(node: Located) -> tuple[dict[str, Value], Located | None]:
    defaults: dict[str, Value] = {}
    default_org: Located | None = None
    if node.value is None:
        return defaults, None
    if not isinstance(node.value, dict):
        raise node.fail("expected a mapping of keys every document inherits")
    for key, child in node.items():
        raw = _scalar_or_node(child)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        defaults[key] = Value(raw, Location(file=str(node.file), line=child.line), f"defaults.{key}",
                               inherited=True)
        if key == "org" and isinstance(child.value, dict):
            default_org = child
    return defaults, default_org


def _yaml_row(number: int, item: Located, path: Path, defaults: dict[str, Value],
              default_org: Located | None) -> Row:
    where = Location(file=str(path), line=item.line)
    if not isinstance(item.value, dict):
        got = "nothing" if item.value is None else "a list" if isinstance(item.value, list) \
            else f"'{item.value}'"
        return Row(number, where, {}, {}, problem=f"expected a document (kind, specialization, "
                                                  f"level, ...), got {got}; write it as "
                                                  f"'- kind: posting' and so on")
    values = dict(defaults)
    source: dict[str, str] = {}
    inline_org = default_org
    for key, node in item.items():
        raw = _scalar_or_node(node)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # `title:` with nothing means not given, as an empty CSV cell does
        values[key] = Value(raw, Location(file=str(path), line=node.line), key)
        source[key] = "(inline organization)" if isinstance(raw, Located) else str(raw)
        if key == "org":
            inline_org = node if isinstance(node.value, dict) else None
    return Row(number, where, values, source, inline_org)


def _scalar_or_node(node: Located) -> Any:
    """Text for a scalar, None for nothing, the Located node itself for a mapping or list."""
    if node.value is None or isinstance(node.value, str):
        return node.value
    return node
