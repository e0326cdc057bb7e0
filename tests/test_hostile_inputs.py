"""Property: whatever text lands in a position field, a spec's cell or an organization file's
text (template variables all), the command ends in 0 or 2 (a build: 0, 1 or 2) with no
traceback, and what it writes opens: a .docx python-docx reads and an HTML page whose body
survives an HTML5 parser (html5lib), JSON-LD block included."""

from __future__ import annotations

import io
import json

import docx
import html5lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdbuilder.position import SETTABLE_KEYS

ORG = """\
name: Example University
eeo_statement: Example University is an equal opportunity employer.
location: {city: Raleigh, region: NC, country: US}
"""

# Markup and script breakers, control characters, bidi overrides, astral characters, and
# anything else Hypothesis finds.
NASTY = st.sampled_from(["</script><script>alert(1)</script>", "<!--<script>", "]]>", "&amp;",
                         "{{ 7*7 }}", "{% raw %}", "\u202e", "\x00", "\x0b", "\ud7ff\U0001f600",
                         "=", ",", "\"'", "\\u003c", "<p>", "a" * 300])
TEXT = st.one_of(st.text(max_size=40), NASTY, st.lists(NASTY, max_size=3).map("".join))


def _run(cli, tmp_path, key: str, value: str, fmt: str):
    out = tmp_path / f"out.{fmt}"
    out.unlink(missing_ok=True)
    result = cli([
        "posting", "-s", "admissions", "-l", "journey", "--org", str(tmp_path / "org.yaml"),
        "--set", f"{key}={value}", "--format", fmt, "-o", str(out)])
    return result, out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(SETTABLE_KEYS), value=TEXT, fmt=st.sampled_from(["docx", "html"]))
def test_any_text_in_any_field_gives_0_or_2_and_a_document_that_opens(cli, tmp_path, key, value,
                                                                    fmt):
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    result, out = _run(cli, tmp_path, key, value, fmt)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, result.output
        assert not out.exists()
        return
    if fmt == "docx":
        document = docx.Document(io.BytesIO(out.read_bytes()))
        assert document.paragraphs[0].text.strip()
        return
    page = html5lib.parse(out.read_bytes(), namespaceHTMLElements=False)
    body = page.find("body")
    assert body is not None and body.find("main/h1") is not None
    assert len(body.findall(".//h2")) >= 3  # the posting's sections, not a swallowed body
    scripts = page.findall(".//script")
    assert len(scripts) == 1 and json.loads(scripts[0].text)["@type"] == "JobPosting"


def _opens(path) -> None:
    """A .docx python-docx reads, or an HTML page whose posting survives an HTML5 parser."""
    if path.suffix == ".docx":
        assert docx.Document(io.BytesIO(path.read_bytes())).paragraphs[0].text.strip()
        return
    page = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    body = page.find("body")
    assert body is not None and body.find("main/h1") is not None
    assert len(body.findall(".//h2")) >= 3, path.read_text(encoding="utf-8")


def _clean_ending(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output


# Cells a spec's columns hold as text (the required kind, specialization and level are fixed).
SPEC_COLUMNS = [*SETTABLE_KEYS, "output"]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(SPEC_COLUMNS), value=TEXT, fmt=st.sampled_from(["docx", "html"]))
def test_any_text_in_any_spec_cell_gives_0_1_or_2_and_documents_that_open(cli, tmp_path, column,
                                                                          value, fmt):
    import csv
    import shutil

    work = tmp_path / "cells"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    spec = work / "jobs.csv"
    with spec.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["kind", "specialization", "level", "format", column])
        writer.writerow(["posting", "admissions", "journey", fmt, value])
        writer.writerow(["posting", "registrar", "journey", fmt, ""])  # a good row beside it
    out = work / "out"
    result = cli(["build", str(spec), "-o", str(out), "-j", "1",
                  "--no-check"])
    _clean_ending(result)
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert len([line for line in result.output.splitlines()
                    if line.startswith("Error:")]) == 1, result.output
        return
    documents = sorted(path for path in out.rglob("*") if path.is_file()
                       and path.name not in ("manifest.json", "build-report.csv"))
    if result.exit_code == 0:
        assert len(documents) == 2, result.output
    else:
        assert len(documents) <= 1 and "Error:" in result.output, result.output
    for document in documents:
        if document.suffix in (".docx", ".html"):
            _opens(document)


# An organization file's texts, each a template variable of every document.
ORG_TEXTS = ["name", "eeo_statement", "benefits", "pay_transparency", "name_in_text",
             "veterans_preference", "background_check", "minimum_education",
             "minimum_experience"]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(ORG_TEXTS), value=TEXT, fmt=st.sampled_from(["docx", "html"]))
def test_any_text_in_an_organization_field_gives_0_or_2_and_a_document_that_opens(cli,
        tmp_path, key, value, fmt):
    org = dict(name="Example University", eeo_statement="Example University is an equal "
               "opportunity employer.", location={"city": "Raleigh", "region": "NC",
                                                  "country": "US"})
    org[key] = value
    # JSON is YAML: every character arrives as written, escapes included.
    (tmp_path / "org.yaml").write_text(json.dumps(org), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    out.unlink(missing_ok=True)
    result = cli([
        "posting", "-s", "admissions", "-l", "journey", "--org", str(tmp_path / "org.yaml"),
        "--format", fmt, "-o", str(out)])
    _clean_ending(result)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and not out.exists(), result.output
        return
    _opens(out)
