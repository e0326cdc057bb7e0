"""Property: whatever text lands in a position field, the command ends in 0 or 2 with no
traceback, and what it writes opens: a .docx python-docx reads and an HTML page whose body
survives an HTML5 parser (html5lib), JSON-LD block included."""

from __future__ import annotations

import io
import json

import docx
import html5lib
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdbuilder.cli import main
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


def _run(tmp_path, key: str, value: str, fmt: str):
    out = tmp_path / f"out.{fmt}"
    out.unlink(missing_ok=True)
    result = CliRunner().invoke(main, [
        "posting", "-s", "admissions", "-l", "journey", "--org", str(tmp_path / "org.yaml"),
        "--set", f"{key}={value}", "--format", fmt, "-o", str(out)])
    return result, out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(SETTABLE_KEYS), value=TEXT, fmt=st.sampled_from(["docx", "html"]))
def test_any_text_in_any_field_gives_0_or_2_and_a_document_that_opens(tmp_path, key, value, fmt):
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    result, out = _run(tmp_path, key, value, fmt)
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
    assert body is not None and body.find("h1") is not None
    assert len(body.findall(".//h2")) >= 3  # the posting's sections, not a swallowed body
    scripts = page.findall(".//script")
    assert len(scripts) == 1 and json.loads(scripts[0].text)["@type"] == "JobPosting"
