"""How much work one request may start: the rows of an uploaded spec, the seconds it may build,
how many builds run at once; and a build stops as soon as its client has gone.

The page builds in the request's own thread, so these keep one upload from holding the server's
memory and processor: a small file can list a million rows (a CSV compresses nothing, an .xlsx
a lot), and a browser closed mid-build would otherwise leave the server working for no one.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..build import BuildStopped
from ..errors import JdbuilderError
from ..spec import TooManyDocuments

DEFAULT_MAX_ROWS = 2_000  # a hiring season's postings; a build of them takes about a minute
DEFAULT_MAX_SECONDS = 120.0
DEFAULT_MAX_BUILDS = 2  # at once; more wait for none of them: they are told to retry


class ServerBusy(JdbuilderError):
    """Every build slot is taken."""


# What the web answers for the limits' errors (the core knows nothing of HTTP).
HTTP_STATUS: dict[type[JdbuilderError], int] = {TooManyDocuments: 413, BuildStopped: 503,
                                                ServerBusy: 503}


def http_status(exc: JdbuilderError, default: int) -> int:
    for kind, status in HTTP_STATUS.items():
        if isinstance(exc, kind):
            return status
    return default


@dataclass
class WorkLimits:
    max_rows: int = DEFAULT_MAX_ROWS
    max_seconds: float = DEFAULT_MAX_SECONDS
    max_builds: int = DEFAULT_MAX_BUILDS
    _slots: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.max_builds)

    @contextlib.contextmanager
    def build_slot(self) -> Iterator[None]:
        if not self._slots.acquire(blocking=False):
            raise ServerBusy(f"the server is already building {self.max_builds} specs; try "
                             "again in a minute")
        try:
            yield
        finally:
            self._slots.release()

    def stop_when(self, environ: Mapping[str, Any]) -> Callable[[], str | None]:
        """The build's check before each document: why to stop now, or None."""
        deadline = time.monotonic() + self.max_seconds

        def why() -> str | None:
            if time.monotonic() > deadline:
                return (f"the build took longer than the {self.max_seconds:g} seconds this "
                        "server gives one request; split the spec into smaller ones, or build "
                        "it with `jdbuilder build` on your own computer")
            if client_gone(environ):
                return "the browser or program that sent the spec has gone; nothing was kept"
            return None

        return why


# Where a server puts the request's connection in its environment: werkzeug's (`jdbuilder
# serve`) and gunicorn's (what docs/hosting.md runs). Under any other server a build cannot
# see its client go, and stops at the time limit.
CONNECTION_KEYS = ("werkzeug.socket", "gunicorn.socket")


def client_gone(environ: Mapping[str, Any]) -> bool:
    """Whether the client closed its connection: its socket reads as ended (the request body
    was read whole before the build began, so nothing else is waiting there). Only servers
    that share the socket (werkzeug's, gunicorn's) can tell; under others it is never gone."""
    found = (environ.get(key) for key in CONNECTION_KEYS)
    connection = next((value for value in found if isinstance(value, socket.socket)), None)
    if connection is None:
        return False
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True
