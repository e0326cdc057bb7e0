"""A stranger's template can neither read outside its folder nor run or allocate without end."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.compose import Request
from jdbuilder.pipeline import Pipeline, Sources
from jdbuilder.position import parse_position
from jdbuilder.sandbox import MAX_STEPS, TemplateFileRefused, TemplateRefused


def _build(profile, folder: Path, body: str | None = None, title: str | None = None) -> str:
    if body is not None:
        (folder / "posting.html.j2").write_text(body, encoding="utf-8")
    pipeline = Pipeline(Sources(templates_dir=folder), profile=profile)
    position = parse_position({"title": title}) if title else parse_position({})
    built = pipeline.build(Request("posting", "admissions", "journey", position), "txt",
                           pipeline.organization())
    return built.content.decode("utf-8")


def _one_line(caught: pytest.ExceptionInfo) -> str:
    message = caught.value.format_message()
    assert "\n" not in message and caught.value.exit_code == 2
    return message


# --- the loader: symbolic links and paths out of the folder ---------------------------------------

@pytest.fixture
def secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET", encoding="utf-8")
    return secret


def test_an_included_symlink_is_refused(profile, tmp_path, secret):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "leak.html.j2").symlink_to(secret)
    with pytest.raises(TemplateFileRefused) as caught:
        _build(profile, folder, '<h1>x</h1>\n<p>{% include "leak.html.j2" %}</p>')
    message = _one_line(caught)
    assert "posting.html.j2, line 2: includes" in message
    assert "leak.html.j2" in message and "symbolic link" in message and "SECRET" not in message


def test_a_template_inside_a_symlinked_folder_is_refused(profile, tmp_path, secret):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "parts").symlink_to(secret.parent)
    with pytest.raises(TemplateFileRefused) as caught:
        _build(profile, folder, '<h1>x</h1><p>{% include "parts/secret.txt" %}</p>')
    assert "its folder 'parts' is a symbolic link" in _one_line(caught)


def test_the_document_template_itself_as_a_symlink_is_refused(profile, tmp_path, secret):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "posting.html.j2").symlink_to(secret)
    with pytest.raises(TemplateFileRefused) as caught:
        _build(profile, folder)
    assert _one_line(caught).startswith(f"{folder / 'posting.html.j2'}: refused")


def test_a_templates_folder_given_through_a_link_still_works(profile, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "posting.html.j2").write_text("<h1>{{ role.title }}</h1>", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    assert _build(profile, tmp_path / "linked").startswith("Senior Admissions Counselor")


def test_a_fifo_as_template_is_refused_without_hanging(profile, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "part.html.j2").unlink(missing_ok=True)
    os.mkfifo(folder / "part.html.j2")
    with pytest.raises(TemplateFileRefused) as caught:
        _build(profile, folder, '<h1>x</h1><p>{% include "part.html.j2" %}</p>')
    assert "must be a regular file" in _one_line(caught)


# --- the budget: time, memory and output ----------------------------------------------------------

HOSTILE = {
    "huge range": "{% for i in range(10**12) %}x{% endfor %}",
    "power": "{{ 10**100000 }}",
    "nested loops": "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}"
                    "{% endfor %}",
    "string times": "{{ 'a' * 10**9 }}",
    "output size": "<p>{% for a in range(99999) %}{% for b in range(1000) %}xxxxxxxxxx"
                   "{% endfor %}{% endfor %}</p>",
    "doubling with ~": "{% set d = {'x': 'ab'} %}{% for i in range(40) %}"
                       "{{ d.update({'x': d.x ~ d.x}) or '' }}{% endfor %}",
    "doubling with +": "{% set d = {'x': 'ab'} %}{% for i in range(40) %}"
                       "{{ d.update({'x': d.x + d.x}) or '' }}{% endfor %}",
    "squaring": "{% set d = {'x': 3} %}{% for i in range(40) %}"
                "{{ d.update({'x': d.x * d.x}) or '' }}{% endfor %}",
    "center": "{{ 'a'|center(10**9) }}",
    "ljust": "{{ 'a'.ljust(10**9) }}",
    "format width": "{{ '{:>1000000000}'.format(1) }}",
    "format width argument": "{{ '{:>{}}'.format(1, 10**9) }}",
    "percent width": "{{ '%1000000000d' % 1 }}",
    "percent star": "{{ '%*d' % (1000000000, 1) }}",
    "replace empty": "{{ ('a' * 1000000)|replace('', 'xxxxxxxxxx') }}",
    "macro fan-out": "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}"
                     "{{ f(60) }}",
    "self recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "growing loop": "{% set x = [1] %}{% for i in x %}{{ x.append(i) or '' }}{% endfor %}",
    # What filters make counts, not only what the template writes (issue #22).
    "wordwrap a long word": "{{ ('x' * 1000000)|wordwrap(1) }}",
    "wordwrap a long wrapstring": "{{ ('x' * 50000)|wordwrap(1, true, 'y' * 1000) }}",
    "indent many lines": "{{ ('a\\n' * 1000000)|indent(1000) }}",
    "join a huge separator": "{{ ('x' * 1000)|list|join('y' * 1000000) }}",
    "str.join a huge separator": "{{ ('y' * 1000000).join(('x' * 1000)|list) }}",
    "map then join": "{{ range(100000)|map('string')|join('x' * 1000) }}",
    "sort a huge list": "{{ ('x' * 4000000)|list|sort|length }}",
    "tojson indented": "{{ range(100000)|list|tojson(indent=1000)|length }}",
    "urlize a long text": "{{ ('a.b ' * 500000)|urlize }}",
    "sum of lists": "{{ ([[1] * 1000] * 1000)|sum(start=[])|length }}",
    "made in a loop": "{% for i in range(10000) %}{{ ('x' * 4000000)|upper|length }}{% endfor %}",
    "tests in nested loops": "{% for i in range(99999) %}{% for j in range(99999) if j is odd %}"
                             "{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("body", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_template_is_refused_quickly_in_one_line(profile, tmp_path, body):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(TemplateRefused) as caught:
        _build(profile, tmp_path, f"<h1>x</h1>\n{body}")
    assert time.monotonic() - start < 8
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300_000  # KiB
    message = _one_line(caught)
    assert message.startswith(f"{tmp_path / 'posting.html.j2'}")
    assert "template refused" in message


def test_the_time_limit_holds_inside_filters(profile, tmp_path, monkeypatch):
    """Each wordwrap call works for a while; the clock is read at each, so the render stops
    within one call of the limit, not after the loop."""
    monkeypatch.setattr("jdbuilder.sandbox.MAX_RENDER_SECONDS", 0.3)
    start = time.monotonic()
    with pytest.raises(TemplateRefused) as caught:
        _build(profile, tmp_path, "<h1>x</h1>\n{% for i in range(1000) %}"
                                  "{{ ('x' * 20000)|wordwrap(1)|length }}{% endfor %}")
    assert "took longer than 0.3 seconds" in _one_line(caught)
    assert time.monotonic() - start < 3


def test_ordinary_filters_still_work(profile, tmp_path):
    text = _build(profile, tmp_path, "<h1>x</h1><p>{{ 'ab cd ef'|wordwrap(5, true, '/') }} "
                  "{{ ['a', 'b']|join(', ') }} {{ ', '.join(['c', 'd']) }} {{ 'x\ny'|indent(2) }} "
                  "{{ [3, 1, 2]|sort|join }} {{ [1, 2, 3]|sum }} {{ [1]|tojson }} "
                  "{{ 4 is even }} {{ range(3)|map('string')|join('-') }}</p>")
    assert text.splitlines()[-1].strip() == "ab cd/ef a, b c, d x y 123 6 [1] True 0-1-2"


def test_ordinary_arithmetic_loops_and_joins_still_work(profile, tmp_path):
    text = _build(profile, tmp_path, "<h1>{{ role.title }}</h1>{% for i in range(3) %}"
                  "<p>{{ i }} {{ 2**10 }} {{ 'ab' * 3 }} {{ 'x' ~ i }} {{ '%05d' % 42 }} "
                  "{{ '{:>6}'.format('r') }} {{ 'a-b'|replace('-', '+') }} "
                  "{{ missing|default('fallback') }} {{ missing is defined }}</p>{% endfor %}")
    assert text.splitlines()[-1].strip() == "2 1024 ababab x2 00042 r a+b fallback False"


def test_a_build_builds_the_good_rows_when_one_hits_a_limit(profile, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "posting.html.j2").write_text(
        "<h1>{{ role.title }}</h1>{% if role.title == 'Bomb' %}{% for a in range(99999) %}"
        "{% for b in range(99999) %}{% endfor %}{% endfor %}{% endif %}", encoding="utf-8")
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n"
                    "  - {kind: posting, specialization: admissions, level: journey, title: Fine,"
                    " format: txt}\n"
                    "  - {kind: posting, specialization: admissions, level: journey, title: Bomb,"
                    " format: txt}\n"
                    "  - {kind: posting, specialization: admissions, level: advanced, title: Good,"
                    " format: txt}\n", encoding="utf-8")
    pipeline = Pipeline(Sources(templates_dir=folder), profile=profile)
    report = run_build(spec, pipeline, BuildOptions(out_dir=tmp_path / "out", jobs=1))
    assert report.built == 2 and report.build_failures == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".txt") == \
        ["fine-posting.txt", "good-posting.txt"]
    failure = report.failures[-1].line()
    assert "line 3" in failure and f"more than {MAX_STEPS:,} loop iterations" in failure
