"""What a campus server needs around the page: who asked (the user the single sign-on proxy in
front of it names), an append-only audit log of every document built, and one structured log
line per request.

Trusting a user header is the proxy's promise: it must set the header on every request and drop
any copy a browser sends (docs/hosting.md shows how). Without `user_header` no one is named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Request, g, request

from ..errors import InputError

REMOTE_USER = "REMOTE_USER"  # the WSGI variable a server sets from its own authentication
MAX_USER_LENGTH = 200
REQUEST_LOGGER = "jdbuilder.web.requests"


def user_of(incoming: Request, user_header: str | None) -> str | None:
    """The signed-in user the proxy names, or None (no trusted header, or none sent)."""
    if not user_header:
        return None
    if user_header.upper() == REMOTE_USER:
        value = incoming.environ.get(REMOTE_USER)
    else:
        value = incoming.headers.get(user_header)
    text = " ".join(str(value or "").split())[:MAX_USER_LENGTH]
    return text or None


def inputs_hash(pairs: Iterable[tuple[str, str]], uploads: Iterable[bytes] = ()) -> str:
    """sha256 of what the document was made from: the parameters (in name order) and the
    bytes of any uploaded file. Two requests for the same document have the same hash."""
    digest = hashlib.sha256()
    digest.update(json.dumps(sorted(pairs), ensure_ascii=False).encode("utf-8"))
    for data in uploads:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class AuditLog:
    """JSON lines, one per document built: when, who, kind, format, inputs' hash, output name.
    Each line is one write to a file opened for appending, so processes (gunicorn workers)
    writing at once never interleave and nothing earlier is ever rewritten."""

    path: Path

    @classmethod
    def opened(cls, path: str | Path) -> AuditLog:
        """The log at `path`, checked writable now so a wrong path stops the server's start."""
        log = cls(Path(path))
        try:
            os.close(log._open())
        except OSError as exc:
            raise InputError(f"cannot write there ({exc.strerror or exc}); give a file in a "
                             "writable folder", option="--audit-log", value=path) from None
        return log

    def _open(self) -> int:
        return os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)

    def record(self, who: str | None, kind: str, fmt: str, inputs: str, output: str) -> None:
        line = json.dumps({"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                           "who": who, "kind": kind, "format": fmt, "inputs": inputs,
                           "output": output}, ensure_ascii=False) + "\n"
        descriptor = self._open()
        try:
            os.write(descriptor, line.encode("utf-8"))
        finally:
            os.close(descriptor)


@dataclass(frozen=True)
class Hosting:
    """The server's settings for who asked and what was built."""

    user_header: str | None = None
    audit: AuditLog | None = None

    def user(self) -> str | None:
        return user_of(request, self.user_header)

    def record(self, kind: str, fmt: str, inputs: str, output: str) -> None:
        if self.audit is not None:
            self.audit.record(self.user(), kind, fmt, inputs, output)


def install_request_log(app: Flask, hosting: Hosting) -> None:
    """One JSON line per request on standard error (or wherever the `jdbuilder.web.requests`
    logger is sent): when, method, path (never the query: it holds what users typed), status,
    milliseconds, bytes and user."""
    logger = logging.getLogger(REQUEST_LOGGER)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False

    @app.before_request
    def started() -> None:
        g.jdbuilder_started = time.perf_counter()

    @app.after_request
    def logged(response: Any) -> Any:
        began = g.get("jdbuilder_started")
        entry: dict[str, Any] = {
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - began) * 1000, 1) if began else None,
            "bytes": response.calculate_content_length(), "user": hosting.user()}
        logger.info(json.dumps(entry, ensure_ascii=False))
        return response
