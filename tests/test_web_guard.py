"""web/guard.py: the host names the server answers, cross-site work refused, the headers."""

from __future__ import annotations

import pytest

from jdbuilder.web.guard import ALLOWED_HOSTS_ENV, allowed_hosts, host_name, is_allowed

ROUTES = [("GET", "/"), ("GET", "/spec"), ("POST", "/spec"), ("GET", "/api/profile"),
          ("GET", "/api/documents/posting?specialization=admissions&level=journey"),
          ("GET", "/api/preview/posting?specialization=admissions&level=journey"),
          ("POST", "/api/check"), ("POST", "/api/build"), ("GET", "/healthz"),
          ("GET", "/static/page.js")]
POSTING = "/api/documents/posting?specialization=admissions&level=journey&format=txt"


@pytest.fixture(scope="module")
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_foreign_host_gets_400_on_every_route(client, method, path):
    response = client.open(path, method=method, headers={"Host": "evil.example"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Host &#39;evil.example&#39; is not a name this server answers to" in text or \
        "Host 'evil.example' is not a name this server answers to" in text
    assert "--allowed-host evil.example" in text


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:5000", "[::1]:8000",
                                  "LOCALHOST"])
def test_loopback_names_are_answered(client, host):
    assert client.get("/api/profile", headers={"Host": host}).status_code == 200


def test_a_name_given_is_answered_and_a_dot_allows_subdomains(make_app):
    client = make_app(allowed_host=["jobs.example.edu", ".hr.example.edu"]).test_client()
    for host in ("jobs.example.edu", "jobs.example.edu:443", "a.hr.example.edu", "hr.example.edu"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200, host
    for host in ("example.edu", "jobs.example.edu.evil.example", "evilhr.example.edu"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 400, host


def test_the_environment_names_hosts_too(make_app, monkeypatch):
    monkeypatch.setenv(ALLOWED_HOSTS_ENV, "jobs.example.edu, ::1")
    assert allowed_hosts() == ("localhost", "127.0.0.1", "[::1]", "jobs.example.edu")
    client = make_app().test_client()
    assert client.get("/healthz", headers={"Host": "jobs.example.edu"}).status_code == 200


def test_host_names_are_parsed_strictly():
    assert host_name("Example.EDU:8000") == "example.edu"
    assert host_name("[::1]:80") == "[::1]"
    assert host_name("evil.example/x") is None and host_name("") is None
    assert not is_allowed(None, ["localhost"])


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/api/build"), ("POST", "/api/check"), ("POST", "/spec"), ("GET", POSTING),
    ("GET", "/api/preview/posting?specialization=admissions&level=journey"),
    ("GET", "/?role=admissions/journey&download=docx")])
@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"},
                                     {"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "null"},
                                     {"Origin": "http://localhost:9999"}])
def test_work_asked_by_another_site_is_403(client, method, path, headers):
    response = client.open(path, method=method, headers=headers)
    assert response.status_code == 403
    assert "a page of another site asked this server to work" in response.get_data(as_text=True)


def test_the_page_s_own_requests_and_programs_still_work(client):
    own = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert client.get(POSTING, headers=own).status_code == 200
    assert client.get(POSTING, headers={"Origin": "http://localhost"}).status_code == 200
    assert client.get(POSTING, headers={"Sec-Fetch-Site": "none"}).status_code == 200  # typed
    assert client.get(POSTING).status_code == 200  # curl, a script: no Origin at all
    response = client.post("/spec", headers=own, data={})
    assert response.status_code == 400  # reached the route: no spec uploaded
    assert "no file uploaded" in response.get_data(as_text=True)


def test_reading_pages_from_a_link_elsewhere_is_allowed(client):
    """A link from the intranet to the page (or the API's listing) is not work."""
    cross = {"Sec-Fetch-Site": "cross-site"}
    assert client.get("/", headers=cross).status_code == 200
    assert client.get("/spec", headers=cross).status_code == 200
    assert client.get("/api/profile", headers=cross).status_code == 200


def test_a_proxy_s_public_name_may_be_the_origin(make_app):
    client = make_app(allowed_host=["jobs.example.edu"]).test_client()
    response = client.post("/api/check", headers={"Host": "localhost:8000",
                                                  "Origin": "https://jobs.example.edu"})
    assert response.status_code == 400  # past the guard: no file
    assert "no file uploaded" in response.json["error"]


@pytest.mark.parametrize("path", ["/", "/spec", "/api/profile", "/static/page.js", "/nowhere",
                                  POSTING])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_refusals_carry_the_headers_too(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.headers["Content-Security-Policy"]


def test_the_page_has_no_inline_script(client):
    for path in ("/", "/spec"):
        page = client.get(path).get_data(as_text=True)
        for tag in page.split("<script")[1:]:
            assert tag.split(">", 1)[0].strip().startswith("src="), tag[:80]
        assert " onclick=" not in page and " onload=" not in page and "javascript:" not in page
