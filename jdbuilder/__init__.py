"""jdbuilder: competency profile -> job postings and position descriptions."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_document", "load_profile"]


def __getattr__(name: str):
    # The public API is imported lazily so that `jdbuilder --help` stays fast.
    if name == "build_document":
        from .pipeline import build_document

        return build_document
    if name == "load_profile":
        from .profile import load_profile

        return load_profile
    raise AttributeError(name)
