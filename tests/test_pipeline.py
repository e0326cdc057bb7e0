from __future__ import annotations

import io

import docx
import pytest

from jdbuilder.checks import repeated_sentences
from jdbuilder.compose import Request
from jdbuilder.errors import InputError, Location, TemplateError
from jdbuilder.pipeline import build_document
from jdbuilder.position import parse_position

from .helpers import docx_text

SPECIALIZATIONS = ["admissions", "financial-aid", "residence-life", "registration",
                   "student-center"]
LEVELS = ["contributing", "journey", "advanced"]
KINDS = ["posting", "description"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("spec_id", SPECIALIZATIONS)
def test_every_combination_builds_and_reads_back(pipeline, kind, spec_id, level):
    built = pipeline.build(Request(kind, spec_id, level), "docx", pipeline.organization())
    document = docx.Document(io.BytesIO(built.content))
    role = pipeline.profile.specialization(spec_id).roles[level]
    text = docx_text(built.content)
    assert role.title in text
    # A posting's title is the job's; every other kind's names the kind first.
    assert document.core_properties.title == (
        role.title if kind == "posting" else f"{built.model.subject[:1]}"
        f"{built.model.subject[1:].lower()}: {role.title}")
    flat = " ".join(text.split())
    if kind == "description":
        for duty in role.duties:
            assert duty.title in flat
    else:
        for duty in role.posting_duties:
            assert " ".join(duty.split()) in flat
    assert "{" not in text, "a campus setting was left unfilled"
    repeated = [s for s in repeated_sentences(text.splitlines()) if len(s.split()) >= 4]
    assert not repeated, repeated


@pytest.mark.parametrize("spec_id", SPECIALIZATIONS)
def test_description_duty_table_totals_100(pipeline, spec_id):
    built = pipeline.build(Request("description", spec_id, "journey"), "docx",
                           pipeline.organization())
    document = docx.Document(io.BytesIO(built.content))
    duty_table = next(t for t in document.tables
                      if t.rows[0].cells[0].text.startswith("Duty"))
    percents = [int(row.cells[1].text.rstrip("%")) for row in duty_table.rows[1:-1]]
    assert sum(percents) == 100
    assert duty_table.rows[-1].cells[1].text == "100%"
    assert all(p % 5 == 0 for p in percents)
    essentials = {row.cells[2].text for row in duty_table.rows[1:-1]}
    assert essentials <= {"Yes", "No"}


def test_description_has_every_competency_at_the_level(pipeline):
    built = pipeline.build(Request("description", "registration", "advanced"), "docx",
                           pipeline.organization())
    text = docx_text(built.content)
    for competency in pipeline.profile.competencies:
        assert competency.name in text
        for statement in competency.statements["advanced"]:
            assert statement in text
        for statement in competency.statements["contributing"]:
            assert statement not in text


def test_description_leaves_unknown_fields_blank(pipeline):
    text = docx_text(pipeline.build(Request("description", "admissions", "journey"), "docx",
                                    pipeline.organization()).content)
    lines = text.splitlines()
    position_number = lines[lines.index("Position number") + 1]
    assert set(position_number) == {"_"}


def test_posting_lists_essential_duties_first(pipeline):
    composed = pipeline.compose(Request("posting", "financial-aid", "advanced"),
                                pipeline.organization())
    duties = composed.context["role"]["duties"]
    flags = [(d["other"], not d["essential"]) for d in duties]
    assert flags == sorted(flags)
    assert duties[-1]["other"]


@pytest.mark.parametrize("value", [
    "Counselor & Recruiter <Senior>", 'The "Quoted" Title', "Conseillère d'admission",
    "Admissions 🎓 Counselor", "Ünïcödé — dash – test",
])
def test_user_values_survive_intact(pipeline, value):
    position = parse_position({"title": value, "department": value, "supervisor": value})
    for kind in KINDS:
        built = pipeline.build(Request(kind, "admissions", "journey", position), "docx",
                               pipeline.organization())
        text = docx_text(built.content)
        assert value in text
        assert docx.Document(io.BytesIO(built.content)).core_properties.title.endswith(value)
        for fmt in ("html", "md", "txt"):
            other = pipeline.build(Request(kind, "admissions", "journey", position), fmt,
                                   pipeline.organization()).content.decode("utf-8")
            if fmt == "txt":
                assert value in other
            elif fmt == "html":
                import html

                assert html.escape(value, quote=False) in other


def test_control_character_in_a_value_is_an_error_naming_the_field():
    with pytest.raises(InputError, match="--set title: contains the control character U\\+0007"):
        parse_position({"title": "Bell\x07"}, where=lambda key: Location(option=f"--set {key}"))


def test_same_inputs_give_identical_bytes(pipeline, monkeypatch):
    request = Request("posting", "student-center", "journey",
                      parse_position({"salary_min": "40000", "salary_max": "48000"}))
    first = pipeline.build(request, "docx", pipeline.organization()).content
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    import time

    time.tzset()
    try:
        second = build_document("posting", "student-center", "journey",
                                fields={"salary_min": "40000", "salary_max": "48000"}).content
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert first == second


def test_source_date_epoch_sets_document_dates(pipeline, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    content = pipeline.build(Request("posting", "admissions", "journey"), "docx",
                             pipeline.organization()).content
    created = docx.Document(io.BytesIO(content)).core_properties.created
    assert (created.year, created.month, created.day) == (2026, 1, 1)


def test_bad_source_date_epoch_is_a_clear_error(pipeline, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        pipeline.build(Request("posting", "admissions", "journey"), "docx",
                       pipeline.organization())


def test_unknown_format_and_kind(pipeline):
    with pytest.raises(InputError, match="unknown format 'rtf'"):
        pipeline.build(Request("posting", "admissions", "journey"), "rtf")
    with pytest.raises(InputError, match="unknown document kind 'memo'"):
        pipeline.build(Request("memo", "admissions", "journey"), "txt")


def test_posting_warns_about_missing_salary_apply_and_location(pipeline):
    built = pipeline.build(Request("posting", "admissions", "journey"), "txt",
                           pipeline.organization())
    severity = {problem.location.field: problem.severity for problem in built.problems}
    # A missing appointment type is a note: the row is left out, so --strict still writes.
    assert severity == {"salary_min": "warning", "apply": "warning", "location": "warning",
                        "appointment_type": "info"}
    text = built.content.decode("utf-8")
    assert "How to apply" not in text and "Salary range" not in text
    assert "TBD" not in text and "XXX" not in text


def test_posting_in_every_text_format(pipeline):
    request = Request("posting", "residence-life", "contributing")
    org = pipeline.organization()
    text = pipeline.build(request, "txt", org).content.decode()
    markdown = pipeline.build(request, "md", org).content.decode()
    page = pipeline.build(request, "html", org).content.decode()
    assert text.startswith("Residence Life Coordinator\n====")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert markdown.startswith("# Residence Life Coordinator\n")
    assert "\n## What you will do\n" in markdown
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<h2>What you will do</h2>" in page


def test_missing_reference_docx_is_an_error(tmp_path, make_pipeline):
    from jdbuilder.pipeline import Sources

    pipeline = make_pipeline(Sources(reference_docx=tmp_path / "nope.docx"))
    with pytest.raises(TemplateError, match="reference document not found"):
        pipeline.build(Request("posting", "admissions", "journey"), "docx")


def test_hipaa_appears_only_where_health_information_is_handled(profile_copy):
    from jdbuilder.pipeline import Pipeline, Sources

    spec = profile_copy / "specializations" / "residence-life.yaml"
    spec.write_text(spec.read_text().replace("handles_health_information: false",
                                             "handles_health_information: true"))
    pipeline = Pipeline(Sources(profile_dir=profile_copy))
    for kind in KINDS:
        health = _flat(pipeline.build(Request(kind, "residence-life", "journey"), "txt"))
        other = _flat(pipeline.build(Request(kind, "admissions", "journey"), "txt"))
        assert "Health Insurance Portability and Accountability Act (HIPAA)" in health
        assert "HIPAA" not in other
        assert "Family Educational Rights and Privacy Act (FERPA)" in other


def _flat(built) -> str:
    return " ".join(built.content.decode("utf-8").split())


def test_html_page_describes_the_role_for_previews(pipeline):
    page = pipeline.build(Request("posting", "admissions", "journey"), "html").content.decode()
    summary = pipeline.profile.specialization("admissions").roles["journey"].summary
    assert f'<meta name="description" content="{summary[:40]}' in page


def test_a_title_the_band_gives_another_level_is_kept_with_a_note(pipeline):
    """A title never chooses the level: Journey + 'Residence Life Coordinator' (the band's
    Contributing title) is a Journey document under that title, with a note saying so."""
    request = Request("posting", "residence-life", "journey",
                      parse_position({"title": "Residence Life Coordinator"}))
    made = pipeline.build(request, "md")
    assert made.content.decode().startswith("# Residence Life Coordinator\n")
    notes = [p for p in made.problems if p.code == "title-level"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert notes[0].location == Location(field="title")
    assert "Contributing level" in notes[0].message and "Journey level" in notes[0].message
    own = pipeline.build(Request("posting", "residence-life", "journey",
                                 parse_position({"title": "Hall Director"})), "md")
    assert not [p for p in own.problems if p.code == "title-level"]


def test_a_title_set_on_the_built_in_position_names_the_position_in_its_purpose(pipeline):
    request = Request("description", "residence-life", "journey",
                      parse_position({"title": "Hall Director"}))
    text = pipeline.build(request, "md").content.decode()
    assert "The Hall Director is the live-in professional staff member" in text
    assert "Senior Residence Life Coordinator" not in text


def test_a_pipeline_uses_the_profile_and_renderer_it_is_given(profile, tmp_path):
    from jdbuilder.pipeline import Pipeline, Sources
    from jdbuilder.render import Renderer

    renderer = Renderer(None)
    pipeline = Pipeline(Sources(), profile, renderer=renderer)
    assert pipeline.profile is profile and pipeline.renderer is renderer
    assert "Admissions" in pipeline.build(Request("posting", "admissions", "journey"),
                                          "md").content.decode()
    # A renderer of other templates than the sources name would render the wrong documents.
    with pytest.raises(ValueError, match="the renderer reads the built-in templates"):
        Pipeline(Sources(templates_dir=tmp_path), profile, renderer=renderer)


def test_a_position_files_request_takes_typed_fields_over_its_own(profile):
    from jdbuilder.pipeline import position_request
    from jdbuilder.positionfile import parse_position_file

    tailored = parse_position_file(b"specialization: residence-life\nlevel: journey\n"
                                   b"title: Hall Coordinator\ndepartment: Housing\n",
                                   "position.yaml", profile)
    own = position_request("posting", tailored)
    assert (own.kind, own.specialization, own.level) == ("posting", "residence-life", "journey")
    assert own.position.title == "Hall Coordinator" and own.position_file is tailored
    typed = parse_position({"title": "Area Coordinator", "department": "ignored"})
    request = position_request("description", tailored, typed, {"title"},
                               "residence-life", "journey")
    assert request.position.title == "Area Coordinator"  # typed and named as typed: it wins
    assert request.position.department == "Housing"  # typed but not named: the file's stays


@pytest.mark.parametrize("given", [{"specialization": "admissions"}, {"level": "advanced"}])
def test_a_choice_disagreeing_with_the_position_file_is_refused(profile, given):
    from jdbuilder.pipeline import position_request
    from jdbuilder.positionfile import parse_position_file

    tailored = parse_position_file(b"specialization: residence-life\nlevel: journey\n",
                                   "position.yaml", profile)
    with pytest.raises(InputError) as refused:
        position_request("posting", tailored, **given)
    assert refused.value.problem.location.option.endswith(*given)  # named where it was given


def test_unpublishable_is_what_a_law_at_the_location_requires_and_the_posting_lacks():
    from jdbuilder.errors import ERROR, WARNING, Problem
    from jdbuilder.pipeline import LAW_REQUIRES, unpublishable

    missing = Problem(LAW_REQUIRES, ERROR, "no salary range: Colorado requires it")
    advice = Problem(LAW_REQUIRES, WARNING, "the range is wide")
    other = Problem("flsa", ERROR, "exempt under the salary level")
    assert unpublishable((other, missing, advice)) == (missing,)
    assert unpublishable((other, advice)) == ()
