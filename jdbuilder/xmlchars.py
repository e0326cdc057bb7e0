"""Characters that XML 1.0, and so Word, cannot hold: every layer that takes text in (YAML, a
spec, --set) refuses them by name, and the .docx writer checks once more."""

from __future__ import annotations

import re

# Tab, newline and carriage return are fine.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def find_illegal_character(text: str) -> str | None:
    """The first character Word cannot store, as U+XXXX, or None."""
    match = _XML_ILLEGAL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None
