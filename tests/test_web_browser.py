"""`jdbuilder serve` as a user meets it: the real command, a real HTTP server, headless Chromium
filling the form, axe-core checking WCAG 2.1 A/AA, and an oversized upload."""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest

from .browser import ROOT, axe_source, served
from .helpers import docx_text

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def server():
    with served() as (url, process):
        yield url, process


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


def test_serve_answers_on_localhost_within_seconds():
    started = time.monotonic()
    with served() as (url, _process):
        elapsed = time.monotonic() - started
        assert urlsplit(url).hostname == "127.0.0.1"
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
    assert elapsed < 10, f"serve took {elapsed:.1f} s to answer"
    assert '<form id="document-form"' in page and "Admissions" in page


def test_a_port_in_use_is_one_error_line(server):
    url, _process = server
    second = subprocess.run([sys.executable, "-m", "jdbuilder", "serve", "--no-browser",
                             "--port", str(urlsplit(url).port)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert second.returncode == 2 and second.stdout == ""
    assert second.stderr.startswith(f"Error: --host 127.0.0.1 --port {urlsplit(url).port}: "
                                    "cannot listen there")
    assert len(second.stderr.splitlines()) == 1


def test_a_40_mb_upload_is_413_and_the_server_stays_up(server):
    url, process = server
    parts = urlsplit(url)
    body = b"#" * (40 * 1024 * 1024)
    boundary = "jdbuilder-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"spec\"; "
            f"filename=\"jobs.yaml\"\r\nContent-Type: application/x-yaml\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("POST", "/api/build")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(head) + len(body) + len(tail)))
        connection.endheaders()
        # The server may answer and close before reading it all.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.send(head + body + tail)
        response = connection.getresponse()
        assert response.status == 413
        assert b"byte limit" in response.read()
    finally:
        connection.close()
    assert process.poll() is None
    with urllib.request.urlopen(url + "api/profile", timeout=10) as answer:
        assert answer.status == 200


def test_bad_input_through_the_server_is_4xx_one_line(server):
    url, _process = server
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url + "api/documents/posting?specialization=admisions"
                               "&level=journey", timeout=10)
    assert caught.value.code == 400
    body = caught.value.read().decode()
    assert "Did you mean 'admissions'" in body and "Traceback" not in body


def test_fill_the_form_see_the_preview_change_and_download_a_docx(server, browser):
    url, _process = server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    frame = page.frame_locator("#preview")
    assert frame.locator("h1").inner_text() == "Senior Admissions Counselor"

    page.select_option("#job", "financial-aid")
    page.select_option("#level", "advanced")
    page.fill("#f-schedule", "Confident self-starters who support the team")
    page.fill("#f-title", "Aid Counselor & <Advisor>")
    page.fill("#f-salary_min", "52000")
    page.fill("#f-salary_max", "61000")
    page.fill("#f-org_name", "Example State University")
    page.fill("#f-org_apply_url", "https://jobs.example.edu/42")
    _wait_for(page, "document.getElementById('status').textContent"
                    ".includes('Aid Counselor & <Advisor>')")
    assert frame.locator("h1").inner_text() == "Aid Counselor & <Advisor>"
    assert frame.locator("mark.coded").count() > 0  # coded words are marked ("depends")
    body = frame.locator("body").inner_text()
    assert "$52,000 to $61,000" in body and "Example State University" in body
    marked = frame.locator("mark.coded").all_inner_texts()
    assert "Confident" in marked and "support" in marked  # the typed coded words are marked
    findings = page.locator("#findings-list").inner_text()
    assert "no way to apply" not in findings and "missing how to apply" not in findings

    with page.expect_download() as download_info:
        page.click("button[name=download][value=docx]")
    download = download_info.value
    assert download.suggested_filename == "aid-counselor-advisor-posting.docx"
    content = Path(download.path()).read_bytes()
    text = docx_text(content)
    assert "Aid Counselor & <Advisor>" in text and "Example State University" in text
    docx.Document(io.BytesIO(content))

    # The organization is remembered by this browser (and nothing by the server).
    page.goto(url)
    _wait_for(page, "document.getElementById('f-org_name').value !== ''")
    assert page.input_value("#f-org_name") == "Example State University"
    assert page.input_value("#job") == "financial-aid"
    assert page.input_value("#level") == "advanced"
    context.close()


def _wait_for(page, expression: str, seconds: float = 30) -> None:
    """Playwright's wait_for_function evaluates its string with eval(), which the page's
    Content-Security-Policy forbids, as it should: poll from outside the page instead."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true within {seconds} s: {expression}"
        time.sleep(0.05)


def _axe_violations(page, axe: str) -> list[tuple[str, str, list]]:
    page.evaluate(axe)  # not a <script> element: the page's policy allows its own scripts only
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    assert result["passes"], "axe-core checked nothing"
    return [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
            for v in result["violations"]]


def test_the_pages_have_no_wcag_21_aa_violations(server, browser):
    url, _process = server
    page = browser.new_page()
    axe = axe_source()
    for address in (url, url + "spec"):
        page.goto(address)
        assert _axe_violations(page, axe) == [], address
    # The preview's document (in a sandboxed frame, which axe cannot enter) on its own.
    with urllib.request.urlopen(url + "api/preview/posting?specialization=admissions"
                                "&level=journey", timeout=30) as answer:
        preview = json.load(answer)["html"]
    page.set_content(preview)
    assert _axe_violations(page, axe) == []
    # The check can fail: an image without a text alternative is found.
    page.goto(url)
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [violation[0] for violation in _axe_violations(page, axe)]
    page.close()


def test_the_spec_tab_builds_and_offers_the_zip(server, browser, tmp_path):
    url, _process = server
    spec = tmp_path / "jobs.csv"
    spec.write_text("kind,specialization,level,salary_min,salary_max\n"
                    "posting,admissions,journey,45000,52000\n"
                    "description,reslife,contributing,,\n"
                    "posting,admisions,journey,,\n", encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "spec")
    page.set_input_files("#spec", str(spec))
    page.click("#spec-form button[type=submit]")
    page.wait_for_selector("table.report")
    assert "Built 2, unchanged 0, failed 1 (of 3 documents)" in page.inner_text("main")
    failed = page.locator("table.report tr.invalid").inner_text()
    assert "jobs.csv, row 4" in failed and "did you mean 'admissions'?" in failed
    with page.expect_download() as download_info:
        page.click("a[download]")
    assert download_info.value.suggested_filename == "jobs.zip"
    context.close()


def test_a_title_at_another_level_previews_and_downloads_as_a_pdf(server, browser):
    """Journey + "Residence Life Coordinator" is one choice; the finding's link focuses its
    field; the PDF button downloads a PDF that says the title."""
    from jdbuilder.writers.office import uno_python

    url, _process = server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "?job=admissions&level=journey")
    frame = page.frame_locator("#preview")
    page.select_option("#job", "residence-life/contributing")
    page.select_option("#level", "journey")
    _wait_for(page, "document.getElementById('status').textContent"
                    ".includes('Residence Life Coordinator')")
    assert frame.locator("h1").inner_text() == "Residence Life Coordinator"
    assert "Contributing level" in page.locator("#title-note").inner_text()
    assert not page.locator("#f-weights").is_visible()  # a posting has no assessment weights

    page.click("#findings-list a.fix[data-field='f-org_apply_url']")
    assert page.evaluate("document.activeElement.id") == "f-org_apply_url"

    if uno_python() is None and not __import__("shutil").which("soffice"):
        context.close()
        pytest.skip("needs LibreOffice for the PDF")
    with page.expect_download(timeout=120_000) as download_info:
        page.click("button[name=download][value=pdf]")
    download = download_info.value
    assert download.suggested_filename == "residence-life-coordinator-posting.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()
    assert "Residence Life Coordinator" in text
    context.close()
