"""The package's imports run one way: no module reaches itself through its imports, and the
lower layers (the checks, the readers, the writers, the model of a profile) import nothing
from the layers that use them. Every import counts, those inside functions and under
TYPE_CHECKING too: a loop there is still a loop in the design."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jdbuilder"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else \
                (node.module or "")
            for alias in node.names:
                if f"{target}.{alias.name}" in modules:  # `from . import module`
                    found.add(f"{target}.{alias.name}")
                elif target in modules:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop, as the modules along it, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target):], target]
            if target not in state:
                loop = visit(target)
                if loop:
                    return loop
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            loop = visit(node)
            if loop:
                return loop
    return None


def test_the_package_has_no_import_cycle():
    loop = _cycle(import_graph())
    assert loop is None, " -> ".join(loop or ())


def test_a_loop_would_be_found():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# A lower layer never imports these: they are the layers above it.
_ABOVE = {
    "jdbuilder.checks": ("jdbuilder.pipeline", "jdbuilder.checking", "jdbuilder.preview",
                         "jdbuilder.build", "jdbuilder.cli", "jdbuilder.web", "jdbuilder.compose",
                         "jdbuilder.render", "jdbuilder.spec", "jdbuilder.manifest"),
    "jdbuilder.readers": ("jdbuilder.checks", "jdbuilder.pipeline", "jdbuilder.compose",
                          "jdbuilder.cli", "jdbuilder.web", "jdbuilder.build"),
    "jdbuilder.writers": ("jdbuilder.checks", "jdbuilder.pipeline", "jdbuilder.compose",
                          "jdbuilder.profile", "jdbuilder.yamlsource", "jdbuilder.cli",
                          "jdbuilder.web", "jdbuilder.build", "jdbuilder.readers"),
    "jdbuilder.org": ("jdbuilder.checks", "jdbuilder.pipeline", "jdbuilder.compose"),
    "jdbuilder.profile": ("jdbuilder.checks", "jdbuilder.pipeline", "jdbuilder.compose"),
    "jdbuilder.pipeline": ("jdbuilder.cli", "jdbuilder.web", "jdbuilder.build",
                           "jdbuilder.checking", "jdbuilder.preview", "jdbuilder.manifest"),
    "jdbuilder.kinds": ("jdbuilder.",),
    "jdbuilder.clock": ("jdbuilder.compose", "jdbuilder.pipeline", "jdbuilder.checks"),
}


def _within(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer.rstrip(".") + ".") or \
        (layer.endswith(".") and module.startswith(layer))


def test_lower_layers_import_nothing_from_the_layers_above():
    wrong = []
    for module, targets in import_graph().items():
        for layer, above in _ABOVE.items():
            if not _within(module, layer):
                continue
            wrong += [f"{module} imports {target}" for target in sorted(targets)
                      if any(_within(target, upper) for upper in above)]
    assert not wrong, "; ".join(wrong)


def _private_names_used(source: str, package_modules: set[str] | None = None) -> list[str]:
    """Each private name (one leading underscore) a module takes from another module of the
    package: `from .pay import _amount`, or `pay._amount` after `from . import pay`."""
    tree = ast.parse(source)
    modules_bound: set[str] = set()
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(
                "jdbuilder")):
            for alias in node.names:
                if _private(alias.name):
                    used.append(f"line {node.lineno}: {alias.name} from "
                                f"{'.' * node.level}{node.module or ''}")
                elif package_modules is None or alias.name in package_modules:
                    modules_bound.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules_bound.update((alias.asname or alias.name).split(".")[0]
                                 for alias in node.names if alias.name.startswith("jdbuilder"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and isinstance(node.value, ast.Name) and node.value.id in modules_bound):
            used.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return used


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_takes_another_modules_private_names():
    modules = _modules()
    short_names = {name.rsplit(".", 1)[-1] for name in modules}
    wrong = [f"{name}, {use}" for name, path in sorted(modules.items())
             for use in _private_names_used(path.read_text(encoding="utf-8"), short_names)]
    assert not wrong, "; ".join(wrong)


def test_a_private_name_taken_would_be_found():
    assert _private_names_used("from .pay import _amount, pay_in\n") == [
        "line 1: _amount from .pay"]
    assert _private_names_used("from . import pay\nx = pay._amount('1')\n") == [
        "line 2: pay._amount"]
    assert _private_names_used("from .pay import pay_in\nfrom lxml import etree\n"
                               "etree._Element\n__all__ = []\n") == []
