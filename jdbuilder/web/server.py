"""Running the app for one user: werkzeug's threaded server on this machine, the page opened in
the browser. An HR office hosting it for many uses a production server instead (README)."""

from __future__ import annotations

import threading
import webbrowser

import click
from werkzeug.serving import make_server

from ..pipeline import Sources
from .app import create_app


def serve(sources: Sources, host: str, port: int, open_browser: bool = True,
          max_upload_bytes: int | None = None) -> None:
    options = {} if max_upload_bytes is None else {"max_upload_bytes": max_upload_bytes}
    app = create_app(sources, **options)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        raise click.ClickException(f"--host {host} --port {port}: cannot listen there "
                                   f"({exc.strerror or exc}); choose another --port") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_port}/"
    click.echo(f"Serving jdbuilder on {url} (Ctrl-C to stop)")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    finally:
        server.server_close()
