"""Where the built-in profile and templates live: beside the package in a wheel, or at the
repository's top level in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def builtin_profile_dir() -> Path:
    return _data_dir("profile")


def builtin_templates_dir() -> Path:
    return _data_dir("templates")
