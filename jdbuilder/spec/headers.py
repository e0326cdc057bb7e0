"""Column headers as people write them ("Job Title", "Closing Date", "Position #") -> the key
each names, from a table kept as data (data/spreadsheet_headers.yaml)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import DOCUMENT_KEYS

HEADERS_FILE = "spreadsheet_headers.yaml"
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "Closing Date (mm/dd/yyyy)", "Salary [USD]"
_NOT_WORD = re.compile(r"[^\w#]+")


def normalise_header(text: str) -> str:
    """What a header says with case, punctuation, spacing and any aside in brackets set
    aside: 'Closing Date (mm/dd/yyyy)', 'closing_date' and 'CLOSING  DATE:' are one. '#' is
    kept, as it means "number" ('Position #')."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    bare = _ASIDE.sub(" ", text)
    if bare.strip():
        text = bare
    text = text.replace("#", " # ").replace("_", " ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class HeaderTable:
    keys: dict[str, str]  # normalised header -> key
    written: dict[str, str]  # normalised header -> as the table writes it

    def key(self, header: str) -> str | None:
        return self.keys.get(normalise_header(header))

    def closest(self, header: str) -> tuple[str, str] | None:
        """(the header as the table writes it, its key) nearest an unknown header, or None
        when none is close enough to be what was meant."""
        found = difflib.get_close_matches(normalise_header(header), list(self.keys), n=1,
                                          cutoff=0.75)
        return (self.written[found[0]], self.keys[found[0]]) if found else None


@lru_cache(maxsize=1)
def header_table() -> HeaderTable:
    import yaml

    text = resources.files("jdbuilder.data").joinpath(HEADERS_FILE).read_text(encoding="utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    keys: dict[str, str] = {}
    written: dict[str, str] = {}
    for key in DOCUMENT_KEYS:
        for header in (key, *data.get(key, ())):
            name = normalise_header(str(header))
            keys.setdefault(name, key)
            written.setdefault(name, key if header == key else str(header))
    return HeaderTable(keys, written)


def header_synonyms() -> dict[str, list[str]]:
    """The table as written, key -> headers (for tests and docs)."""
    import yaml

    text = resources.files("jdbuilder.data").joinpath(HEADERS_FILE).read_text(encoding="utf-8")
    return {key: [str(header) for header in headers]
            for key, headers in yaml.safe_load(text).items()}
