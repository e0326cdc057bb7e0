"""The Jinja environment: sandboxed, autoescaped, strict; user templates fall back to built-ins."""

from __future__ import annotations

import difflib
import functools
import os
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.utils import missing

from .errors import TemplateError
from .kinds import KINDS
from .resources import builtin_templates_dir
from .sandbox import (
    ConfinedLoader,
    LimitedSandbox,
    TemplateFileRefused,
    TemplateRefused,
    render_limited,
)

TEMPLATES_ENV = "JDBUILDER_TEMPLATES"
TEMPLATE_SUFFIX = ".html.j2"


def template_name(kind: str) -> str:
    """The template file of a kind (the table of kinds names it; a kind it lacks, by its id)."""
    entry = KINDS.get(kind)
    return entry.template if entry else f"{kind}{TEMPLATE_SUFFIX}"


def resolve_templates_dir(explicit: str | Path | None = None) -> Path | None:
    chosen = explicit or os.environ.get(TEMPLATES_ENV) or None
    if chosen is None:
        return None
    path = Path(chosen)
    if not path.is_dir():
        raise TemplateError(f"templates folder not found (from --templates or {TEMPLATES_ENV})",
                            file=path)
    return path


def template_search_path(user_dir: Path | None) -> list[Path]:
    """A user folder first, then the built-in one: any file the user lacks falls back."""
    return ([user_dir] if user_dir else []) + [builtin_templates_dir()]


def template_source(kind: str, user_dir: Path | None) -> Path:
    """The file that will render `kind`: the user's when present, else the built-in one."""
    for folder in template_search_path(user_dir):
        candidate = folder / template_name(kind)
        if candidate.is_file():
            return candidate
    raise TemplateError(f"no template for '{kind}' here nor among the built-in templates",
                        file=template_search_path(user_dir)[0] / template_name(kind))


class UnknownName(UndefinedError):
    """A template used a variable or field the context lacks; carries the name as data."""

    def __init__(self, message: str | None = None, *, name: str, attribute: bool) -> None:
        super().__init__(message)
        self.name = name
        self.attribute = attribute  # a field of something (role.titel), not a variable


class NamedUndefined(StrictUndefined):
    """StrictUndefined whose error says which name was missing, so no message is parsed."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[UndefinedError] = UndefinedError) -> None:
        if name is not None and hint is None:
            exc = functools.partial(UnknownName, name=name,  # type: ignore[assignment]
                                    attribute=obj is not missing)
        super().__init__(hint, obj, name, exc)


class Renderer:
    """Renders document markup; one per template folder, reused across documents."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        # The loader refuses paths that leave its folders ('..', absolute) and symbolic links,
        # so neither `{% include "/etc/passwd" %}` nor a link to it can read outside them.
        self.environment = LimitedSandbox(
            loader=ConfinedLoader([str(p) for p in template_search_path(user_dir)]),
            autoescape=True,
            undefined=NamedUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.environment.add_filter("percent", lambda value: f"{value}%")

    def render(self, kind: str, context: dict[str, Any]) -> tuple[str, Path]:
        name = template_name(kind)
        source = template_source(kind, self.user_dir)
        try:
            template = self.environment.get_template(name)
            return render_limited(template.generate(context)), source
        except TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}",
                                file=exc.filename or source, line=exc.lineno) from None
        except TemplateNotFound as exc:
            raise TemplateError(f"includes '{exc.name}', which is not a file in the templates "
                                "folder", file=source) from None
        except UndefinedError as exc:
            line, file = _template_line(exc, source)
            message = (_unknown_name_message(exc, context) if isinstance(exc, UnknownName)
                       else f"{exc.message}; `jdbuilder templates vars` lists the variables")
            raise TemplateError(message, file=file, line=line) from None
        except TemplateFileRefused as exc:
            line, file = _template_line(exc, source)
            if line is None:  # the template itself: its location names it
                raise
            # The included file is what is refused; the include is where.
            included = exc.problem.location.file or "a template"
            raise TemplateFileRefused(f"includes {included!r}: {exc.problem.message}",
                                      file=file, line=line) from None
        except TemplateRefused as exc:
            line, file = _template_line(exc, source)
            raise TemplateRefused(f"template refused: {exc.problem.message}",
                                  file=file, line=line) from None
        except TemplateError:
            raise
        except RecursionError as exc:
            line, file = _template_line(exc, source)
            raise TemplateRefused("template refused: macros or includes call themselves too "
                                  "deeply", file=file, line=line) from None
        except SecurityError as exc:
            line, file = _template_line(exc, source)
            raise TemplateError(f"unsafe template code refused: {exc}", file=file, line=line
                                ) from None
        except Exception as exc:
            line, file = _template_line(exc, source)
            raise TemplateError(f"template error: {type(exc).__name__}: {exc}",
                                file=file, line=line) from None


def _template_line(exc: BaseException, source: Path) -> tuple[int | None, Path]:
    """The template line that failed (None when no compiled frame says), from the traceback
    frames Jinja compiled."""
    tb = exc.__traceback__
    found: tuple[int | None, Path] = (None, source)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX) or filename.endswith(".j2"):
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            lineno = template.get_corresponding_lineno(tb.tb_lineno) if template else tb.tb_lineno
            found = (lineno, Path(filename))
        tb = tb.tb_next
    return found


def _unknown_name_message(exc: UnknownName, context: dict[str, Any]) -> str:
    """What the template asked for, with a did-you-mean from what it receives."""
    if not exc.attribute:
        close = difflib.get_close_matches(exc.name, list(context), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown variable '{exc.name}'{hint}; `jdbuilder templates vars` lists them"
    from .compose import CONTEXT_DOC
    from .kit import KIT_CONTEXT_DOC

    paths = [*CONTEXT_DOC, *(path for doc in KIT_CONTEXT_DOC.values() for path in doc)]
    fields = {part.rstrip("[]") for path in paths for part in path.split(".")}
    close = difflib.get_close_matches(exc.name, sorted(fields), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{exc.name}'{hint}; `jdbuilder templates vars` lists them"
