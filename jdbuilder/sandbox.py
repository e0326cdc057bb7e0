"""The limits on a template: which files it may read, and how much it may compute and write.

Jinja's SandboxedEnvironment keeps a template away from Python's internals; it does not stop a
template from reading a file through a symbolic link, or from running (or allocating) forever:
`range(10**12)`, `9**9**9`, loops nested ten deep, a string doubled thirty times. A stranger's
template folder gets the same protection as the built-in one, so every template renders here
under a budget: loop iterations and calls, the size of any value it builds, its output and its
time. Whatever hits a limit is one TemplateError naming the template and the limit; a bulk
build reports that document and builds the others.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import posixpath
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, nodes
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, safe_range
from jinja2.utils import pass_eval_context
from jinja2.visitor import NodeTransformer

from .errors import TemplateError

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_STEPS = 250_000  # loop iterations and calls, all templates of one render together
MAX_RENDER_SECONDS = 5.0
MAX_OUTPUT_CHARACTERS = 5_000_000  # a posting is ~20,000; also the cap on any value built
MAX_ITEMS = 100_000  # in any list a template builds: as many as range() gives
# All that filters, methods and operators make in one render, together: each value may be up to
# MAX_OUTPUT_CHARACTERS, but a loop may not make one such value after another until the clock
# runs out, holding the memory of each.
MAX_MADE_CHARACTERS = 50_000_000
# Filters whose work per character is high (wordwrap breaks a long word in time quadratic in
# its length; urlize looks at every word) take at most this much text: a posting is ~20,000.
MAX_SLOW_FILTER_CHARACTERS = 50_000
_SLOW_FILTERS = frozenset({"wordwrap", "urlize"})
MAX_INTEGER_BITS = 4_096  # ~1,200 digits: no document needs a bigger number
MAX_WIDTH = 1_000  # center, indent, ljust, zfill ...: no page is wider
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "urlize"})
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
# A width of six digits or more in a format string ("%1000000d", "{:>1000000}").
_WIDE_FORMAT = re.compile(r"%[-#0 +]*\d{6,}|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")
# A width taken from the arguments ("%*d", "{:>{}}").
_ARGUMENT_WIDTH = re.compile(r"%[-#0 +]*\*|\{[^{}]*:[^{}]*\{")
_LOOP_FILTER = "jdbuilder_counted_loop"
_CONCAT_FILTER = "jdbuilder_limited_concat"


class TemplateRefused(TemplateError):
    """A template asked for more than a document can need, or for a file outside its folder."""

    exit_code = 2


class TemplateFileRefused(TemplateRefused):
    """A template file that may not be read: a symbolic link, outside its folder, too large."""


class RenderBudget:
    """What one render (a template and everything it includes) has used so far."""

    def __init__(self) -> None:
        self.steps = 0
        self.made = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def step(self, count: int = 1) -> None:
        """One more loop iteration, call, filter, test or operator. The clock is read at every
        one (a filter may work for a while), so the time limit holds within one step's work."""
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateRefused(f"more than {MAX_STEPS:,} loop iterations and calls; "
                                     "a document needs far fewer")
        if time.monotonic() > self.deadline:
            raise TemplateRefused(f"took longer than {MAX_RENDER_SECONDS:g} seconds")

    def count_made(self, value: Any) -> None:
        if isinstance(value, (str, list, tuple)):
            self.made += len(value)
            if self.made > MAX_MADE_CHARACTERS:
                raise TemplateRefused(f"makes more than {MAX_MADE_CHARACTERS:,} characters "
                                      "in all; a document needs far fewer")


_budget: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar(
    "jdbuilder_render_budget", default=None)


def _step() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step()


def _made(value: Any) -> Any:
    """A value a filter, method or operator made: within the size limits, counted, and the
    clock read again once it is made."""
    _check_size(value)
    budget = _budget.get()
    if budget is not None:
        budget.count_made(value)
        budget.step(0)
    return value


def render_limited(chunks: Iterable[str]) -> str:
    """Consume a template's output under a fresh budget, refusing output past the size limit."""
    token = _budget.set(RenderBudget())
    try:
        out: list[str] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT_CHARACTERS:
                raise TemplateRefused(f"writes more than {MAX_OUTPUT_CHARACTERS:,} characters")
            out.append(chunk)
        return "".join(out)
    finally:
        _budget.reset(token)


def _check_size(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_OUTPUT_CHARACTERS:
        raise TemplateRefused(f"builds a value of more than {MAX_OUTPUT_CHARACTERS:,} "
                              "characters")
    if isinstance(value, (list, tuple)) and len(value) > MAX_ITEMS:
        raise TemplateRefused(f"builds a list of more than {MAX_ITEMS:,} items")
    if isinstance(value, int) and not isinstance(value, bool) and \
            value.bit_length() > MAX_INTEGER_BITS:
        raise TemplateRefused(f"builds a number of more than {MAX_INTEGER_BITS:,} bits")
    return value


def _check_format(template: Any, arguments: Iterable[Any] = ()) -> None:
    if not isinstance(template, str):
        return
    if _WIDE_FORMAT.search(template):
        raise TemplateRefused("formats with a width of 100,000 or more; no page is that wide")
    if _ARGUMENT_WIDTH.search(template):
        _check_width("format", arguments)


def _check_width(name: str, arguments: Iterable[Any]) -> None:
    for argument in arguments:
        if isinstance(argument, int) and not isinstance(argument, bool) and \
                abs(argument) > MAX_WIDTH:
            raise TemplateRefused(f"'{name}' given {argument}; widths and counts above "
                                     f"{MAX_WIDTH:,} are refused")


def _replaced_length(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        found = (len(text) + 1) if old == "" else text.count(old)
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        if len(text) + found * (len(new) - len(old)) > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"'replace' would build more than "
                                     f"{MAX_OUTPUT_CHARACTERS:,} characters")


def _joined_length(parts: list[Any], separator: Any) -> None:
    """Refuse a join whose result would pass the size limit, before it is made."""
    size = len(separator) * max(len(parts) - 1, 0) if isinstance(separator, str) else 0
    for part in parts:
        size += len(part) if isinstance(part, str) else 32
        if size > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"'join' would build more than {MAX_OUTPUT_CHARACTERS:,} "
                                  "characters")


def _indented_length(text: Any, width: Any = 4, first: Any = False, blank: Any = False) -> None:
    if not isinstance(text, str):
        return
    indent = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if len(text) + indent * (text.count("\n") + 1) > MAX_OUTPUT_CHARACTERS:
        raise TemplateRefused(f"'indent' would build more than {MAX_OUTPUT_CHARACTERS:,} "
                              "characters")


def _check_slow_input(name: str, values: list[Any], options: dict[str, Any]) -> None:
    """wordwrap and urlize: their text, and the text they add at each line or link, bounded."""
    text = values[0] if values else None
    if isinstance(text, str) and len(text) > MAX_SLOW_FILTER_CHARACTERS:
        raise TemplateRefused(f"'{name}' given {len(text):,} characters; it takes at most "
                              f"{MAX_SLOW_FILTER_CHARACTERS:,} (a document is far shorter)")
    for extra in [*values[1:], *options.values()]:
        if isinstance(extra, str) and len(extra) > MAX_WIDTH:
            raise TemplateRefused(f"'{name}' given a text of {len(extra):,} characters to add; "
                                  f"at most {MAX_WIDTH:,}")
    if name == "wordwrap" and isinstance(text, str):
        width = values[1] if len(values) > 1 else options.get("width", 79)
        wrap = values[3] if len(values) > 3 else options.get("wrapstring")
        lines = len(text) // max(width, 1) + text.count("\n") + 1 \
            if isinstance(width, int) else 1
        if isinstance(wrap, str) and len(text) + lines * len(wrap) > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"'wordwrap' would build more than "
                                  f"{MAX_OUTPUT_CHARACTERS:,} characters")


def _check_filter_arguments(name: str, values: list[Any], options: dict[str, Any]) -> list[Any]:
    """Refuse, before it runs, a filter call whose work or result would pass the limits.
    Returns the values as the filter is to get them (an iterable to join, made a list)."""
    if name in _WIDTH_FILTERS:
        _check_width(name, [*values[1:], *options.values()])
    if name in _SLOW_FILTERS:
        _check_slow_input(name, values, options)
    elif name == "format" and values:
        _check_format(values[0], [*values[1:], *options.values()])
    elif name == "replace" and len(values) >= 3:
        _replaced_length(*values[:4])
    elif name == "indent" and values:
        _indented_length(*values[:4], **{k: v for k, v in options.items()
                                        if k in ("width", "first", "blank")})
    elif name == "sum" and (any(isinstance(v, (str, list, tuple)) for v in values[1:])
                            or isinstance(options.get("start"), (str, list, tuple))):
        raise TemplateRefused("'sum' adds numbers; join lists with 'join' or '+'")
    elif name == "join" and values:
        if options.get("attribute") is None and len(values) < 3:
            parts = _bounded_list(values[0])
            _joined_length(parts, values[1] if len(values) > 1 else options.get("d", ""))
            values = [parts, *values[1:]]
    elif name == "tojson" and values:
        _check_width(name, [*values[1:], *options.values()])
    return values


def _bounded_list(iterable: Any) -> list[Any]:
    """An iterable's items as a list, refused once it holds more than MAX_ITEMS."""
    if isinstance(iterable, (list, tuple)):
        _check_size(list(iterable) if isinstance(iterable, tuple) else iterable)
        return list(iterable)
    items = []
    for item in iterable:
        items.append(item)
        if len(items) > MAX_ITEMS:
            raise TemplateRefused(f"builds a list of more than {MAX_ITEMS:,} items")
    return items


# What Jinja passes to the filters that ask for it, before the filter's own arguments.
_PASSED = (Context, EvalContext, Environment)


def _limited_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps jinja_pass_arg: context-taking filters still get it
    def limited(*args: Any, **kwargs: Any) -> Any:
        _step()
        # The filter's own arguments, without the context Jinja passes to some filters (never
        # probe with hasattr: StrictUndefined raises on any attribute).
        passed = [a for a in args if isinstance(a, _PASSED)]
        values = [a for a in args if not isinstance(a, _PASSED)]
        checked = _check_filter_arguments(name, values, kwargs)
        if checked is not values:
            args = (*passed, *checked)
        return _made(function(*args, **kwargs))

    return limited


def _limited_test(function: Callable[..., Any]) -> Callable[..., Any]:
    """A test (`is divisibleby`, `in`, ...): a step of the budget, the clock read after it."""
    @functools.wraps(function)
    def limited(*args: Any, **kwargs: Any) -> Any:
        _step()
        result = function(*args, **kwargs)
        _step()
        return result

    return limited


@pass_eval_context
def _counted_loop(eval_context: Any, iterable: Any) -> Iterator[Any]:
    for item in iterable:
        _step()
        yield item


@pass_eval_context
def _limited_concat(eval_context: Any, parts: list[Any]) -> str:
    _step()
    if sum(len(part) if isinstance(part, str) else 32 for part in parts) > \
            MAX_OUTPUT_CHARACTERS:
        raise TemplateRefused(f"joins text of more than {MAX_OUTPUT_CHARACTERS:,} characters")
    return (markup_join if eval_context.autoescape else str_join)(parts)


class _Budgeted(NodeTransformer):
    """Routes each loop's iterable and each `~` through the budgeted filters above."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _CONCAT_FILTER, [], [],
                            None, None, lineno=node.lineno)


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with its own safe `range`, and budgets on what a template computes."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _limited_filter(name, function)
                        for name, function in self.filters.items()}
        self.filters[_LOOP_FILTER] = _counted_loop
        self.filters[_CONCAT_FILTER] = _limited_concat
        self.tests = {name: _limited_test(function) for name, function in self.tests.items()}
        # tojson writes through this: a size-limited encoder, stopped as soon as it is too long.
        self.policies["json.dumps_function"] = _limited_json_dumps
        # Templates may not import or extend code; they only get their context. `range` is
        # the sandbox's own, capped at 100,000 items.
        self.globals.clear()
        self.globals["range"] = _limited_range

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        self.filters[name] = _limited_filter(name, function)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every `for` counts its iterations and every `~` measures before it joins."""
        return _Budgeted().visit(super()._parse(source, name, filename))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _step()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and \
                isinstance(right, (str, list, tuple)) and \
                len(left) + len(right) > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"builds a value of more than {MAX_OUTPUT_CHARACTERS:,} items")
        elif operator == "%":
            _check_format(left, right if isinstance(right, tuple) else (right,))
        return _made(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`"...".format(...)`, checked for page-wide widths before it formats."""
        formatting = super().wrap_str_format(value)
        if formatting is None:
            return None
        template = value.__self__

        def limited(*args: Any, **kwargs: Any) -> str:
            values = list(args[0].values()) if value.__name__ == "format_map" and args and \
                isinstance(args[0], dict) else [*args, *kwargs.values()]
            _check_format(template, values)
            return _made(formatting(*args, **kwargs))

        return limited

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _step()
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if method in _WIDTH_METHODS:
                _check_width(method, [*args, *kwargs.values()])
            elif method == "replace" and len(args) >= 2:
                _replaced_length(owner, *args[:3])
            elif method == "join" and len(args) == 1:
                args = (_bounded_list(args[0]),)
                _joined_length(args[0], owner)
        return _made(super().call(__context, __obj, *args, **kwargs))


def _limited_json_dumps(value: Any, **options: Any) -> str:
    """json.dumps for tojson, stopped once its text passes the size limit (an indent on a long
    list multiplies it) instead of after it is all made."""
    out: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(**options).iterencode(value):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"'tojson' would build more than {MAX_OUTPUT_CHARACTERS:,} "
                                  "characters")
        out.append(chunk)
    return "".join(out)


def _limited_range(*args: int) -> range:
    """The sandbox's own range (at most 100,000 items), refusing in the budget's words."""
    try:
        return safe_range(*args)
    except OverflowError:
        raise TemplateRefused(f"range() of more than {MAX_RANGE:,} items") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_power(base: Any, exponent: Any) -> None:
    if not (_is_number(base) and _is_number(exponent)):
        return
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1 \
            and (abs(base).bit_length() - 1) * exponent > MAX_INTEGER_BITS:
        raise TemplateRefused(f"{'**'} would build a number of more than "
                                 f"{MAX_INTEGER_BITS:,} bits")


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS + 1:
            raise TemplateRefused(f"* would build a number of more than "
                                     f"{MAX_INTEGER_BITS:,} bits")
        return
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) and \
                len(sequence) * max(count, 0) > MAX_OUTPUT_CHARACTERS:
            raise TemplateRefused(f"* would build a value of more than "
                                     f"{MAX_OUTPUT_CHARACTERS:,} items")


class ConfinedLoader(FileSystemLoader):
    """Reads a template only from a regular file inside its folder: no symbolic link anywhere
    below the folder (a linked file or a linked subfolder), nothing resolving outside it."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..' like FileSystemLoader
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename):
                return _confined_source(Path(searchpath), pieces, Path(filename))
        return super().get_source(environment, template)  # raises TemplateNotFound


def _confined_source(root: Path, pieces: list[str], filename: Path
                     ) -> tuple[str, str, Callable[[], bool]]:
    current = root
    for piece in pieces:
        current = current / piece
        if current.is_symlink():
            link = ("it is" if current == filename
                    else f"its folder '{current.relative_to(root)}' is")
            raise TemplateFileRefused(
                f"refused, {link} a symbolic link; a template and the folders holding it must "
                "be real files inside the templates folder", file=filename)
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(filename)]) != real_root:
        raise TemplateFileRefused("refused, it resolves outside the templates folder",
                                  file=filename)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(filename, flags)
    except OSError as exc:
        raise TemplateFileRefused(f"cannot read the template ({exc.strerror})",
                                  file=filename) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise TemplateFileRefused("refused, a template must be a regular file",
                                      file=filename)
        data = stream.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFileRefused(f"more than the {MAX_TEMPLATE_BYTES:,}-byte limit for a "
                                  "template", file=filename)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFileRefused(f"not UTF-8 text (byte {exc.start}); save it as UTF-8",
                                  file=filename) from None
    mtime = status.st_mtime

    def uptodate() -> bool:
        try:
            return os.lstat(filename).st_mtime == mtime
        except OSError:
            return False

    return text, os.path.normpath(filename), uptodate
