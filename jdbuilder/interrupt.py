"""Ctrl-C during a build: stop at a safe point, so every file written is recorded.

The first Ctrl-C asks the build to stop: no new document is started; the documents under way (in
this process and in the workers) are finished, written and recorded in the manifest, and then the
build ends as interrupted. A second Ctrl-C stops at once, as Python's default would.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from types import FrameType, TracebackType
from typing import Any


class StopRequest:
    """Set by the first Ctrl-C; seen by the build between documents, here and in its workers
    (a multiprocessing Event, inherited by workers when they start)."""

    def __init__(self) -> None:
        self._event = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None).Event()
        self._previous: Any = None
        self._installed = False

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def request(self) -> None:
        self._event.set()

    def __enter__(self) -> StopRequest:
        # Only the main thread may set a handler (a web server builds in its request threads:
        # there the request's own limits stop the build).
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._first_interrupt)
            self._installed = True
        return self

    @property
    def event(self) -> Any:
        """What a worker process checks (inherited, never pickled)."""
        return self._event

    def _first_interrupt(self, signum: int, frame: FrameType | None) -> None:
        self.request()
        signal.signal(signal.SIGINT, self._restored())  # the next Ctrl-C stops at once

    def _restored(self) -> Any:
        # None: the handler was not set from Python; Python's own is the nearest.
        return signal.default_int_handler if self._previous is None else self._previous

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._restored())
            self._installed = False

    def raise_if_requested(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


def ignore_interrupts_in_worker() -> None:
    """A worker finishes its document when the terminal's Ctrl-C reaches it too: the build that
    started it tells it to stop, between documents."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
