"""web/limits.py: rows per upload, seconds per build, builds at once, a client that has gone."""

from __future__ import annotations

import io
import socket
import threading

import pytest

from jdbuilder.web.limits import CONNECTION_KEYS, WorkLimits, client_gone

HEADER = b"kind,specialization,level,title,salary_min,salary_max\n"


def _spec(rows: int) -> bytes:
    return HEADER + b"".join(b"posting,admissions,journey,Specialist %d,45000,52000\n" % number
                             for number in range(rows))


def test_a_spec_over_the_row_limit_is_413_naming_it_before_anything_is_built(make_app):
    client = make_app(max_rows=100).test_client()
    response = client.post("/api/build", data={"spec": (io.BytesIO(_spec(50_000)), "jobs.csv")})
    assert response.status_code == 413
    assert response.json["error"] == (
        "Error: jobs.csv: lists more than the 100 documents this server builds from one spec; "
        "split it into smaller specs, or build it with `jdbuilder build` on your own computer")


def test_the_page_says_the_row_limit_too(make_app):
    client = make_app(max_rows=2).test_client()
    response = client.post("/spec", data={"spec": (io.BytesIO(_spec(3)), "jobs.csv")})
    assert response.status_code == 413
    assert "more than the 2 documents this server builds" in response.get_data(as_text=True)


def test_a_spec_at_the_limit_is_built(make_app):
    client = make_app(max_rows=2).test_client()
    response = client.post("/api/build", data={"spec": (io.BytesIO(_spec(2)), "jobs.csv"),
                                               "format": "txt"})
    assert response.status_code == 200
    assert response.headers["X-Jdbuilder-Summary"].startswith("Built 2,")


def test_a_build_past_its_seconds_stops_with_503(make_app):
    client = make_app(max_seconds=0).test_client()
    response = client.post("/api/build", data={"spec": (io.BytesIO(_spec(3)), "jobs.csv")})
    assert response.status_code == 503
    assert "the build took longer than the 0 seconds this server gives one request" in \
        response.json["error"]


def test_builds_past_the_slots_are_told_to_retry(make_app):
    app = make_app()
    limits: WorkLimits = app.extensions["jdbuilder.limits"]
    taken = [limits.build_slot() for _ in range(limits.max_builds)]
    for slot in taken:
        slot.__enter__()
    try:
        response = app.test_client().post(
            "/api/build", data={"spec": (io.BytesIO(_spec(1)), "jobs.csv")})
    finally:
        for slot in taken:
            slot.__exit__(None, None, None)
    assert response.status_code == 503
    assert "already building 2 specs; try again in a minute" in response.json["error"]


@pytest.mark.parametrize("key", CONNECTION_KEYS)  # werkzeug's (serve) and gunicorn's
def test_a_closed_connection_is_seen_and_stops_the_build(key):
    ours, theirs = socket.socketpair()
    try:
        environ = {key: ours}
        assert not client_gone(environ)
        assert WorkLimits().stop_when(environ)() is None
        theirs.close()
        assert client_gone(environ)
        assert "has gone" in WorkLimits().stop_when(environ)()
    finally:
        ours.close()
    assert not client_gone({})  # a server that does not share its socket: never "gone"


def test_a_client_still_sending_is_not_gone():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"more")
        assert not client_gone({"werkzeug.socket": ours})


@pytest.mark.parametrize("rows", [1])
def test_other_requests_are_answered_while_a_build_runs(make_app, rows):
    """A build holds no lock the other routes need."""
    app = make_app()
    started, release = threading.Event(), threading.Event()
    limits: WorkLimits = app.extensions["jdbuilder.limits"]
    real = limits.stop_when

    def slow_stop_when(environ):
        check = real(environ)

        def why():
            started.set()
            release.wait(10)
            return check()
        return why

    limits.stop_when = slow_stop_when  # type: ignore[method-assign]
    results = {}
    worker = threading.Thread(target=lambda: results.setdefault("build", app.test_client().post(
        "/api/build", data={"spec": (io.BytesIO(_spec(rows)), "jobs.csv"), "format": "txt"})))
    worker.start()
    assert started.wait(30)
    assert app.test_client().get("/api/profile").status_code == 200  # while the build waits
    release.set()
    worker.join(30)
    assert results["build"].status_code == 200
