"""Running the app for one user: werkzeug's threaded server on this machine, the page opened in
the browser. An HR office hosting it for many uses a production server instead (docs/web.md)."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import webbrowser
from typing import Any

import click
from werkzeug.serving import make_server

from ..errors import InputError, JdbuilderError
from ..pipeline import Sources
from .app import create_app


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or one `Error:` line saying why there is none."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(family, kind, protocol)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
        listening.listen(128)
    except OSError as exc:
        raise InputError(f"cannot listen there ({exc.strerror or exc}); choose another --host "
                         "or --port", option="--host", value=f"{host} --port {port}") from None
    return listening


def _start_quietly(office: Any) -> None:
    # A failure is said again, in one line, by the first PDF request.
    with contextlib.suppress(JdbuilderError):
        office.start()


SWITCH_INTERVAL_SECONDS = 0.001
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # every address: its name is not one to answer to


def serve(sources: Sources, host: str, port: int, open_browser: bool = True,
          max_upload_bytes: int | None = None, allowed_host: tuple[str, ...] = (),
          **settings: Any) -> None:
    """`settings` are create_app's (org_file, pdf_workers, user_header, audit_log)."""
    options = {} if max_upload_bytes is None else {"max_upload_bytes": max_upload_bytes}
    # The address it listens on is a name it is reached by, unless it is every address.
    names = (*allowed_host, *(() if host in WILDCARD_HOSTS else (host,)))
    app = create_app(sources, allowed_host=names, **options, **settings)
    # A build runs in its request's thread: hand the interpreter to the other requests' threads
    # every millisecond instead of every five, so the page answers while a spec builds.
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    office = app.extensions.get("jdbuilder.office")
    if office is not None:
        # LibreOffice starts while the page loads, so the first PDF is as quick as the rest.
        threading.Thread(target=_start_quietly, args=(office,), daemon=True).start()
    listening = _listen(host, port)
    # werkzeug takes the socket already bound: its own bind error is a paragraph and an exit.
    server = make_server(host, port, app, threaded=True, fd=listening.fileno())
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{listening.getsockname()[1]}/"
    click.echo(f"Serving jdbuilder on {url} (Ctrl-C to stop)")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    finally:
        server.server_close()
