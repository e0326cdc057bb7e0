"""Real-client helpers shared by the tests: a `jdbuilder serve` process, headless Chromium
driven by Playwright (Debian's chromium, never a downloaded browser) and axe-core.

On CI (CI=true) a missing browser or axe-core fails the test instead of skipping it: .ci/run
installs both, so a skip there would hide a broken install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Chromium as the probe of this machine runs it: no sandbox as root, and no background
# connections, which a closed network refuses many at a time.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync")
AXE_PATHS = (ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js",
             Path("/usr/share/nodejs/axe-core/axe.min.js"))


def missing(what: str) -> None:
    """Skip a test for a tool that is not installed here; fail on CI, which installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .ci/run should have installed it")
    pytest.skip(f"{what} is not installed")


def chromium_path() -> str:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    missing("Chromium")
    raise AssertionError  # not reached


def axe_source() -> str:
    explicit = os.environ.get("AXE_CORE_JS")
    for path in ([Path(explicit)] if explicit else []) + list(AXE_PATHS):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    missing("axe-core (npm install --prefix .ci/node axe-core)")
    raise AssertionError  # not reached


@contextmanager
def launched_chromium() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright (pip install playwright)")
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


SERVING = re.compile(r"Serving jdbuilder on (http://\S+/)")


@contextmanager
def served(*serve_options: str, group_options: tuple[str, ...] = (), timeout: float = 30.0
           ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`jdbuilder GROUP_OPTIONS serve --no-browser --port 0 SERVE_OPTIONS` in its own
    process: (its URL, the process), stopped afterwards."""
    command = [sys.executable, "-m", "jdbuilder", *group_options, "serve", "--no-browser",
               "--port", "0", *serve_options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = SERVING.search(line)
        assert found, f"serve printed {line!r}"
        url = found.group(1)
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# axe-core's tags for the WCAG 2.1 level A and AA success criteria (2.0's included).
WCAG21_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
_RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return {checked: result.passes.length + result.violations.length,
            violations: result.violations.map(v =>
                `${v.id}: ${v.help} (${v.nodes.length} nodes: ` +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')};
}"""


def wcag_violations(page: object, axe: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each ("rule-id: help (n
    nodes: selector, ...)"); [] when there are none. `axe` is axe_source()."""
    # Evaluated, not added as an inline <script>: the page's policy allows its own scripts only.
    page.evaluate(axe)  # type: ignore[attr-defined]
    result = page.evaluate(_RUN_AXE, list(WCAG21_AA_TAGS))  # type: ignore[attr-defined]
    assert result["checked"], "axe-core checked nothing"
    return list(result["violations"])
