"""An HR office's own templates: export the built-in ones, see which file each kind uses,
and the variables every template receives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from .compose import CONTEXT_DOC, KIND_LABELS, context_doc
from .errors import InputError, did_you_mean
from .fileio import write_atomic
from .kit import KIT_CONTEXT_DOC
from .render import TEMPLATE_SUFFIX, template_source
from .resources import builtin_templates_dir

REFERENCE_NAME = "reference.docx"
# The kit's kinds have top-level variables of their own (ladder, interview, document_title, ...).
_TOP_LEVEL = frozenset(name.split(".", 1)[0].split("[", 1)[0]
                       for doc in (CONTEXT_DOC, *KIT_CONTEXT_DOC.values()) for name in doc)


@dataclass(frozen=True)
class TemplateUse:
    kind: str
    path: Path
    origin: str  # "yours" or "built-in"


def exportable_files() -> list[Path]:
    folder = builtin_templates_dir()
    return [*sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")), folder / REFERENCE_NAME]


def export_templates(target: Path, force: bool = False) -> list[Path]:
    """Copy the built-in templates and reference.docx into `target` for editing."""
    files = exportable_files()
    folders = [target / f.name for f in files if (target / f.name).is_dir()]
    if folders:
        raise InputError(f"{', '.join(p.name for p in folders)} is a folder there; choose "
                         "another directory", file=target)
    clashes = [target / f.name for f in files if (target / f.name).exists()]
    if clashes and not force:
        raise InputError(f"{', '.join(p.name for p in clashes)} already exist(s) and were "
                         "left alone; pass --force to overwrite", file=target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for source in files:
            write_atomic(target / source.name, source.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror or exc})", file=target) from None
    return [target / source.name for source in files]


def template_uses(user_dir: Path | None, reference: Path) -> list[TemplateUse]:
    uses = []
    for kind in KIND_LABELS:
        path = template_source(kind, user_dir)
        uses.append(TemplateUse(kind, path, _origin(path)))
    uses.append(TemplateUse("reference.docx (look)", reference, _origin(reference)))
    return uses


def _origin(path: Path) -> str:
    builtin = builtin_templates_dir().resolve()
    return "built-in" if path.resolve().parent == builtin else "yours"


def variables_for(kind: str, user_dir: Path | None = None) -> dict[str, str]:
    """The variables KIND's template (yours, else the built-in one) really uses, with their
    meaning: read from the template's own syntax tree, so each kind lists its own."""
    if kind not in KIND_LABELS:
        raise InputError(f"unknown kind '{kind}'{did_you_mean(kind, KIND_LABELS)}; use one of "
                         f"{', '.join(KIND_LABELS)}")
    documented = context_doc(kind)
    source = template_source(kind, user_dir)
    used = used_variables(source.read_text(encoding="utf-8"))
    return {name: text for name, text in documented.items()
            if any(_covers(path, name) for path in used)}


def used_variables(source: str) -> set[str]:
    """Dotted paths a template reads, in CONTEXT_DOC's notation: `role.duties[].title` for
    `{% for duty in role.duties %}{{ duty.title }}`."""
    tree = jinja2.Environment().parse(source)
    found: set[str] = set()
    _visit(tree, {}, found)
    return found


def _covers(used: str, documented: str) -> bool:
    """True when reading `used` reads the documented variable (or a part of it)."""
    return (used == documented or documented.startswith((used + ".", used + "[]"))
            or used.startswith(documented + "."))


def _dotted(node: nodes.Node, aliases: dict[str, str]) -> str | None:
    if isinstance(node, nodes.Name):
        return aliases.get(node.name, node.name if node.name in _TOP_LEVEL else None)
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node, aliases)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) \
            and isinstance(node.arg.value, str):
        base = _dotted(node.node, aliases)
        return f"{base}.{node.arg.value}" if base else None
    return None


def _visit(node: nodes.Node, aliases: dict[str, str], found: set[str]) -> None:
    if isinstance(node, nodes.For):
        iterated = _dotted(node.iter, aliases)
        inner = dict(aliases)
        if iterated:
            targets = [node.target] if isinstance(node.target, nodes.Name) \
                else node.target.find_all(nodes.Name)
            for target in targets:
                inner[target.name] = f"{iterated}[]"
        else:
            _visit(node.iter, aliases, found)
        for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
            _visit(child, inner, found)
        return
    path = _dotted(node, aliases)
    if path is not None:
        found.add(path)
        return
    for child in node.iter_child_nodes():
        _visit(child, aliases, found)


def variables_markdown() -> str:
    """docs/templates.md's table of template variables (regenerated by a test, so it cannot drift)."""
    rows = ["| variable | meaning |", "|---|---|"]
    rows += [f"| `{name}` | {text} |" for name, text in CONTEXT_DOC.items()]
    return "\n".join(rows)
