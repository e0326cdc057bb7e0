"""Build hostile variations of the built-in reference .docx for the ZIP and reference tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from jdbuilder.resources import builtin_templates_dir

REFERENCE = builtin_templates_dir() / "reference.docx"


def reference_members() -> dict[str, bytes]:
    with zipfile.ZipFile(REFERENCE) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
