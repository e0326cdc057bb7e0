from __future__ import annotations

from pathlib import Path

import pytest

from jdbuilder.compose import Request
from jdbuilder.errors import TemplateError
from jdbuilder.outputs import Target
from jdbuilder.pipeline import DocumentRequest, Pipeline, Sources, make_document, write_document


def _pipeline(profile, folder: Path) -> Pipeline:
    return Pipeline(Sources(templates_dir=folder), profile=profile)


def _build(profile, folder: Path, body: str, kind: str = "posting", fmt: str = "txt"):
    (folder / f"{kind}.html.j2").write_text(body, encoding="utf-8")
    pipeline = _pipeline(profile, folder)
    return pipeline.build(Request(kind, "admissions", "journey"), fmt, pipeline.organization())


def _make_and_write(profile, folder: Path, body: str, out: Path) -> Path | None:
    """Through the core, as the CLI does: made, then written into `out`."""
    (folder / "posting.html.j2").write_text(body, encoding="utf-8")
    pipeline = _pipeline(profile, folder)
    made = make_document(DocumentRequest("posting", "admissions", "journey", format="txt"),
                         pipeline)
    return write_document(made, Target("txt", folder=out))


def test_user_template_is_used_and_others_fall_back(profile, tmp_path):
    built = _build(profile, tmp_path, "<h1>{{ role.title }} at {{ organization.name }}</h1>")
    assert built.content.decode().startswith("Senior Admissions Counselor at The University")
    pipeline = _pipeline(profile, tmp_path)
    description = pipeline.build(Request("description", "admissions", "journey"), "txt")
    assert "Primary Purpose of the Position" in description.content.decode()


def test_values_are_autoescaped(profile, tmp_path):
    (tmp_path / "posting.html.j2").write_text("<p>{{ role.title }}</p>", encoding="utf-8")
    pipeline = _pipeline(profile, tmp_path)
    from jdbuilder.position import parse_position

    request = Request("posting", "admissions", "journey",
                      parse_position({"title": "<b>Boss</b> & </p><h1>x"}))
    text = pipeline.build(request, "txt").content.decode()
    assert text.strip() == "<b>Boss</b> & </p><h1>x"


def test_syntax_error_names_file_and_line(profile, tmp_path):
    with pytest.raises(TemplateError) as caught:
        _build(profile, tmp_path, "<p>ok</p>\n<p>{% if %}</p>\n")
    message = caught.value.format_message()
    assert "posting.html.j2, line 2" in message and "syntax error" in message


def test_unknown_variable_suggests_the_right_one(profile, tmp_path):
    with pytest.raises(TemplateError) as caught:
        _build(profile, tmp_path, "<p>fine</p>\n<p>{{ rol.title }}</p>\n")
    message = caught.value.format_message()
    assert "posting.html.j2, line 2" in message
    assert "unknown variable 'rol'" in message and "did you mean 'role'" in message


def test_unknown_field_suggests_the_right_one(profile, tmp_path):
    with pytest.raises(TemplateError) as caught:
        _build(profile, tmp_path, "<p>{{ role.titel }}</p>\n")
    assert "did you mean 'title'" in caught.value.format_message()


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ 'a'.format.__self__ }}",
    "{{ role.__class__ }}",
    "{{ lipsum.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
    "{% import 'os' as os %}",
    "{% extends '/etc/hostname' %}",
])
def test_known_sandbox_escapes_are_refused_and_nothing_is_written(profile, tmp_path, attack):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TemplateError) as caught:
        _make_and_write(profile, tmp_path, f"<p>{attack}</p>", out)
    message = caught.value.format_message()
    assert "posting.html.j2" in message and "\n" not in message
    assert "root:" not in message
    assert list(out.iterdir()) == []


def test_a_harmless_template_does_write_where_an_escape_would_have(profile, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    written = _make_and_write(profile, tmp_path, "<p>{{ role.title }}</p>", out)
    assert list(out.iterdir()) == [written]
    assert written.read_text(encoding="utf-8").strip() == "Senior Admissions Counselor"


def test_markup_the_writer_cannot_show_is_an_error(profile, tmp_path):
    with pytest.raises(TemplateError) as caught:
        _build(profile, tmp_path, "<p>a</p>\n<div>b</div>")
    message = caught.value.format_message()
    assert "posting.html.j2" in message and "<div>" in message


def test_table_inside_a_list_item_is_an_error(profile, tmp_path):
    with pytest.raises(TemplateError, match="a list or table inside <li>"):
        _build(profile, tmp_path, "<ul><li><table><tr><td>x</td></tr></table></li></ul>")
