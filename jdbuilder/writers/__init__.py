"""One writer per output format, each reading the same block model."""

from __future__ import annotations

FORMATS = ("docx", "pdf", "html", "md", "txt", "jsonld")
TEXT_FORMATS = ("html", "md", "txt", "jsonld")
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md", "txt": ".txt",
            "jsonld": ".jsonld"}
# Written by converting the .docx: made in batches, one converter process for many documents.
CONVERTED_FORMATS = ("pdf",)


def format_for_suffix(suffix: str) -> str | None:
    suffix = suffix.lower()
    if suffix in {".htm", ".html"}:
        return "html"
    if suffix == ".markdown":
        return "md"
    if suffix == ".json":
        return "jsonld"
    for name, known in SUFFIXES.items():
        if known == suffix:
            return name
    return None
