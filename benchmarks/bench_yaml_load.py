"""One profile load, YAML read with libyaml (CSafeLoader, today) and with the pure-Python loader.

    PYTHONPATH=. python benchmarks/bench_yaml_load.py [--repeat N]

Prints the best and median time of `load_profile()` on the built-in profile (band, organization
and specialization files, parse and validation), and the YAML parse alone both ways: the
pure-Python figures are what every load cost before the C loader. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from jdbuilder import yamlsource
from jdbuilder.profile import load_profile
from jdbuilder.resources import builtin_profile_dir

# The loader before: the same line-keeping constructors over the pure-Python parser.
_PureLoader = type("_PureLoader", (yaml.SafeLoader,), {
    key: value for key, value in vars(yamlsource._Loader).items()
    if key not in ("__dict__", "__weakref__")})


def _time(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs), statistics.median(runs)


def _pure_parse(texts: list[str]) -> None:
    for text in texts:
        yaml.load(text, Loader=_PureLoader)


def _c_parse(texts: list[str], files: list[Path]) -> None:
    for text, file in zip(texts, files):
        yamlsource.parse_yaml(text, file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    folder = builtin_profile_dir()
    files = sorted(folder.rglob("*.yaml"))
    texts = [file.read_text(encoding="utf-8") for file in files]
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"profile: {folder} ({len(files)} YAML files, {size / 1024:.0f} KiB)")
    print(f"libyaml available: {yaml.__with_libyaml__}; loader in use: "
          f"{yamlsource._BaseLoader.__name__}")
    best, median = _time(lambda: load_profile(folder), repeat)
    print(f"load_profile now (C loader + budget pre-pass):        best {best:.1f} ms, "
          f"median {median:.1f} ms")
    loader, budget = yamlsource._Loader, yamlsource.check_yaml_budget
    try:
        # The load as it was before: pure-Python parser, no budget pre-pass.
        yamlsource._Loader, yamlsource.check_yaml_budget = _PureLoader, lambda *args: None
        best_py, median_py = _time(lambda: load_profile(folder), repeat)
    finally:
        yamlsource._Loader, yamlsource.check_yaml_budget = loader, budget
    print(f"load_profile before (pure-Python parser, no budget): best {best_py:.1f} ms, "
          f"median {median_py:.1f} ms  ({best_py / best:.1f}x the C loader's best)")
    best_c, _ = _time(lambda: _c_parse(texts, files), repeat)
    best_p, _ = _time(lambda: _pure_parse(texts), repeat)
    print(f"YAML parse only: C loader with budget {best_c:.1f} ms, pure-Python {best_p:.1f} ms")


if __name__ == "__main__":
    main()
