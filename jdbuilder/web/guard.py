"""What keeps other web sites out of the page: the host names it answers, who may start work, and
the headers every answer carries.

The server has no login and usually runs on the hiring manager's own machine, so any page open in
the same browser could otherwise reach it: by DNS rebinding (a name of the attacker's that comes
to point at 127.0.0.1) to read every answer, or by a cross-site form to start builds. So:

- a request whose Host is not one of the names the server serves gets 400 (loopback names by
  default; a deployment behind a proxy names its public host with --allowed-host or
  JDBUILDER_ALLOWED_HOSTS);
- a request that changes something or starts work (any POST; a GET that builds a document or a
  preview) sent by a browser from another site gets 403 — the browser says so in
  `Sec-Fetch-Site`, or in `Origin` where it sends no `Sec-Fetch-Site`;
- every answer says nosniff, a Content-Security-Policy the page passes with no inline script,
  frame-ancestors 'none' (the page cannot be framed) and no Referrer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from flask import Flask, Response, request

ALLOWED_HOSTS_ENV = "JDBUILDER_ALLOWED_HOSTS"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
# A Host header: a name or IPv4 address, or an IPv6 address in brackets; then maybe a port.
_HOST = re.compile(r"([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]{1,5})?", re.IGNORECASE)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# GET routes that make a document or a preview: they start work, so only this page may ask.
BUILDING_ENDPOINTS = frozenset({"api_document", "api_preview"})
# Sec-Fetch-Site values of a request the page itself sent, or the user typed or bookmarked.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})

# The preview is a sandboxed srcdoc frame holding the document's own <style>: inline styles are
# allowed, inline scripts never (the page has none; its one script is /static/page.js).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' "
                           "'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def allowed_hosts(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The loopback names, the names given, and those in JDBUILDER_ALLOWED_HOSTS (commas or
    spaces). A name starting with a dot also allows its subdomains ('.example.edu')."""
    names = [*LOOPBACK_HOSTS, *extra,
             *os.environ.get(ALLOWED_HOSTS_ENV, "").replace(",", " ").split()]
    return tuple(dict.fromkeys(_bracketed(name.strip().lower()) for name in names
                               if name.strip()))


def _bracketed(name: str) -> str:
    """An IPv6 address as a Host header writes it: '::1' -> '[::1]'."""
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def host_name(host: str) -> str | None:
    """The name in a Host header ('Example.edu:8000' -> 'example.edu'), None when malformed."""
    match = _HOST.fullmatch(host)
    return match.group(1).lower().rstrip(".") if match else None


def is_allowed(name: str | None, hosts: Iterable[str]) -> bool:
    if not name:
        return False
    return any(name == allowed or (allowed.startswith(".") and
                                   (name.endswith(allowed) or name == allowed[1:]))
               for allowed in hosts)


def cross_site(hosts: tuple[str, ...]) -> str | None:
    """What shows the request came from another site's page, or None."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site:
        return None if fetch_site in OWN_FETCH_SITES else f"Sec-Fetch-Site: {fetch_site}"
    origin = request.headers.get("Origin", "").strip()
    if not origin:
        return None  # not a browser's cross-site request: browsers send Origin on those
    parts = urlsplit(origin)
    if parts.netloc and parts.netloc.lower() == request.host.lower():
        return None
    # Behind a proxy the Host it forwards may differ from the public name, allowed by name.
    # Never a loopback name on another port: that is another program on this machine.
    name = host_name(parts.netloc) if parts.netloc else None
    if name and name not in LOOPBACK_HOSTS and is_allowed(name, hosts):
        return None
    return f"Origin: {origin}"


def install_guard(app: Flask, hosts: tuple[str, ...],
                  refuse: Callable[[str, int], object]) -> None:
    """Refuse foreign hosts and cross-site work before any route runs; add the headers after.
    `refuse(message, status)` makes the page's or the API's one-line error."""

    @app.before_request
    def guard():
        host = request.host
        name = host_name(host)
        if not is_allowed(name, hosts):
            return refuse(f"Host '{host[:100]}' is not a name this server answers to (it "
                          f"answers {', '.join(hosts)}); open the page by one of those, or "
                          f"start the server with --allowed-host {name or 'NAME'} (or set "
                          f"{ALLOWED_HOSTS_ENV}) when it is served under that name", 400)
        work = request.method not in SAFE_METHODS or request.endpoint in BUILDING_ENDPOINTS \
            or (request.endpoint == "page" and bool(request.args))
        if work:
            why = cross_site(hosts)
            if why:
                return refuse(f"a page of another site asked this server to work ({why[:120]});"
                              " use the jdbuilder page itself, or call the API from a program, "
                              "not from a web page", 403)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
