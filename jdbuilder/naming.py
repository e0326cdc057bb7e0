"""Safe file names from titles: ASCII, no reserved names, bounded length."""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 80
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}


def slugify(text: str, fallback: str = "document") -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:MAX_STEM].strip("-")
    if not slug:
        slug = fallback
    if slug in _WINDOWS_RESERVED:
        slug += "-doc"
    return slug


def default_stem(title: str, kind: str) -> str:
    return f"{slugify(title)}-{kind}"
