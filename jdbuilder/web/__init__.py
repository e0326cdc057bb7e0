"""`jdbuilder serve`: a web page for hiring managers and an HTTP API, thin over the core."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
