"""The warm converter's worker: run by a Python that can `import uno` (often not the one running
jdbuilder: Debian's python3-uno belongs to /usr/bin/python3, LibreOffice's own builds bring a
`python` of their own), so it imports nothing but the standard library and uno.

    PYTHON office_worker.py SOFFICE PROFILE_URL

It starts LibreOffice headless, listening on a private pipe, connects to it over UNO and then
answers one JSON line per JSON line on standard input:

    {"source": "/tmp/.../in.docx", "target": "/tmp/.../out.pdf", "options": {...}}
    -> {"ok": true}  or  {"error": "what LibreOffice said"}

The first line it writes is {"ready": true, "pid": N} (N: LibreOffice's process group). At the end
of its input (jdbuilder closed it, or died) it closes LibreOffice and exits, so no LibreOffice
outlives the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 120


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _start(soffice: str, profile_url: str) -> tuple[subprocess.Popen, object]:
    pipe = f"jdbuilder-{os.getpid()}"
    accept = f"pipe,name={pipe};urp;StarOffice.ComponentContext"
    # TZ=UTC: LibreOffice stamps local time, and UTC stamps have one length (writers.pdf).
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile_url}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nolockcheck", "--nodefault", f"--accept={accept}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "TZ": "UTC"}, start_new_session=True)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:{accept}")
            break
        except Exception:  # NoConnectException until LibreOffice listens
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice did not start (exit code {office.poll()})"
                                 ) from None
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                               context)
    return office, desktop


def _convert(desktop: object, request: dict) -> None:
    load = (_property("Hidden", True), _property("ReadOnly", True))
    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        uno.systemPathToFileUrl(request["source"]), "_blank", 0, load)
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        filter_data = tuple(_property(name, value)
                            for name, value in request["options"].items())
        store = (_property("FilterName", "writer_pdf_Export"),
                 _property("FilterData",
                           uno.Any("[]com.sun.star.beans.PropertyValue", filter_data)))
        document.storeToURL(uno.systemPathToFileUrl(request["target"]), store)
    finally:
        document.close(True)


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    soffice, profile_url = sys.argv[1], sys.argv[2]
    # A SIGTERM (the server's stop) ends the loop through SystemExit, so `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    office, desktop = _start(soffice, profile_url)
    _say({"ready": True, "pid": office.pid})
    try:
        for line in sys.stdin:
            try:
                _convert(desktop, json.loads(line))
            except Exception as exc:  # LibreOffice's own errors: said, then the next request
                _say({"error": " ".join(str(exc).split())[:300] or type(exc).__name__,
                      "alive": office.poll() is None})
                if office.poll() is not None:
                    return
                continue
            _say({"ok": True})
    finally:
        _stop(office, desktop)


def _stop(office: subprocess.Popen, desktop: object) -> None:
    """Close LibreOffice, then end whatever is left of its process group: the launcher
    (`soffice`, oosplash) may exit before the office process it started (soffice.bin), which
    would otherwise run on, orphaned."""
    with contextlib.suppress(Exception):  # a LibreOffice that is gone or hangs
        desktop.terminate()  # type: ignore[attr-defined]
        office.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError, PermissionError):  # all ended already
        os.killpg(office.pid, signal.SIGKILL)
    if office.poll() is None:
        office.wait()


if __name__ == "__main__":
    main()
