"""Documents for an imported band: the band's own text plus a position file, no specialization
file. Through the core (pipeline) first, then once through the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jdbuilder.bandimport import import_bands
from jdbuilder.cli import main
from jdbuilder.errors import InputError
from jdbuilder.pipeline import DocumentRequest, Pipeline, Sources, make_document, refusal
from jdbuilder.positionfile import parse_position_file

DATA = Path(__file__).parent / "data"
SEED = DATA / "student-services-specialist-competency-profile.txt"
POSITION = DATA / "band-position.yaml"
ORG = DATA / "band-org.yaml"


@pytest.fixture(scope="module")
def band(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("imported") / "band"
    import_bands(SEED, folder)
    return folder


@pytest.fixture(scope="module")
def pipeline(band) -> Pipeline:
    return Pipeline(Sources(profile_dir=band))


def _position(pipeline: Pipeline, text: str | None = None, name: str = "position.yaml"):
    data = (text if text is not None else POSITION.read_text()).encode()
    return parse_position_file(data, name, pipeline.profile)


def _make(pipeline: Pipeline, kind: str, position, fmt: str = "txt"):
    request = DocumentRequest(kind, "", "", {}, fmt, position_file=position)
    return make_document(request, pipeline, pipeline.organization(ORG))


def _without(key: str) -> str:
    data = yaml.safe_load(POSITION.read_text())
    data.pop(key)
    return yaml.safe_dump(data, sort_keys=False)


def test_the_imported_band_has_no_specializations(pipeline):
    assert pipeline.profile.specializations == ()
    assert len(pipeline.profile.competencies) == 7


def test_posting_passes_strict_with_the_bands_words_and_the_positions(pipeline):
    made = _make(pipeline, "posting", _position(pipeline))
    assert refusal(made, strict=True) is None, [p.line() for p in made.problems]
    text = " ".join(made.content.decode().split())
    assert text.startswith("Transfer Student Services Coordinator")
    assert "Plan first-semester courses with each new transfer student." in text
    assert "You weigh the facts and the rules" in text  # the file's plain words
    assert "$48,000 to $56,000 per year" in text
    # Nothing the inputs did not say: no student-records law, no North Carolina benefit.
    for unsaid in ("FERPA", "State Health Plan", "North Carolina", "UNC"):
        assert unsaid not in text


def test_description_totals_100_and_quotes_the_band(pipeline):
    made = _make(pipeline, "description", _position(pipeline))
    role = made.context["role"]
    assert role["duties_total"] == 100
    assert [duty["percent"] for duty in role["duties"]] == [40, 30, 25, 5]
    text = " ".join(made.content.decode().split())
    assert "Office of Transfer Student Services" in text
    # The band's Journey statements, verbatim, from the imported file.
    statement = pipeline.profile.competency("decision-making").statements["journey"][0]
    assert statement in text
    assert "Laws, Regulations and Standards" not in text  # the band names none
    assert "Confidentiality" not in text  # nor does the position file


def test_a_missing_field_is_one_error_naming_the_keys_to_add(pipeline):
    position = _position(pipeline, _without("purpose"))
    with pytest.raises(InputError) as refused:
        _make(pipeline, "description", position)
    problem = refused.value.problem
    assert problem.location.file == "position.yaml" and problem.location.field == "purpose"
    assert "add purpose: to the position file" in problem.message
    # The posting does not need the purpose, so it is still made.
    assert _make(pipeline, "posting", position).content


def test_every_missing_key_is_named_at_once(pipeline):
    position = _position(pipeline, "level: journey\ntitle: Coordinator\n")
    with pytest.raises(InputError) as refused:
        _make(pipeline, "posting", position)
    message = refused.value.problem.message
    assert "add flsa:, schedule:, summary:, duties:, minimum_qualifications:, " \
           "key_competencies: to the position file" in message


def test_specialization_in_the_file_or_on_the_command_line_is_refused(pipeline):
    with pytest.raises(InputError, match="has no specializations; leave specialization: out"):
        _position(pipeline, "specialization: admissions\nlevel: journey\n")
    with pytest.raises(InputError, match="has no specializations"):
        make_document(DocumentRequest("posting", "admissions", "journey"), pipeline,
                      pipeline.organization(ORG))


def test_an_unknown_key_competency_is_named(pipeline):
    with pytest.raises(InputError, match=r"'Customer Service' is not a competency .*did you "
                                         r"mean 'client-customer-service'"):
        _position(pipeline, "level: journey\nkey_competencies: [Customer Service]\n")


def test_without_an_organization_file_no_employer_is_named(pipeline):
    with pytest.raises(InputError, match=r"has no organization\.yaml, so the documents have "
                                         r"no employer to name; give --org FILE"):
        pipeline.organization()


def test_cli_posting_strict_and_a_refused_description_writes_nothing(band, tmp_path):
    runner = CliRunner()
    posting = tmp_path / "posting.docx"
    made = runner.invoke(main, ["--profile-dir", str(band), "posting", "--position",
                                str(POSITION), "--org", str(ORG), "--strict", "-o",
                                str(posting)])
    assert made.exit_code == 0, made.output
    assert posting.stat().st_size > 0
    incomplete = tmp_path / "incomplete.yaml"
    incomplete.write_text(_without("unit_purpose"))
    refused = runner.invoke(main, ["--profile-dir", str(band), "pd", "--position",
                                   str(incomplete), "--org", str(ORG), "-o",
                                   str(tmp_path / "pd.docx")])
    assert refused.exit_code == 2
    last = refused.output.splitlines()[-1]
    assert last.startswith(f"Error: {incomplete}, field 'unit_purpose': the position "
                           "description needs the primary purpose of the organizational unit")
    assert not (tmp_path / "pd.docx").exists()


def test_position_new_writes_a_band_starter_that_check_reads(band, tmp_path):
    runner = CliRunner()
    starter = tmp_path / "starter.yaml"
    written = runner.invoke(main, ["--profile-dir", str(band), "position", "new", "-l",
                                   "journey", "-o", str(starter)])
    assert written.exit_code == 0, written.output
    text = starter.read_text()
    assert "\nlevel: journey" in text and "#   decision-making: Decision Making" in text
    assert "\nspecialization:" not in text
    checked = runner.invoke(main, ["--profile-dir", str(band), "position", "check",
                                   str(starter)])
    assert checked.exit_code == 0, checked.output
    assert f"Note: {starter}: the job posting needs title:, flsa:, schedule:, summary:, " \
           "duties:, minimum_qualifications:, key_competencies: besides what the file gives" \
        in checked.output
    # The filled-in example needs nothing more.
    complete = runner.invoke(main, ["--profile-dir", str(band), "position", "check",
                                    str(POSITION)])
    assert complete.exit_code == 0 and "Note:" not in complete.output, complete.output


def test_the_kit_builds_from_the_positions_questions_without_a_ladder(pipeline):
    from jdbuilder.kitpack import KitRequest, make_kit

    position = _position(pipeline)
    kit = make_kit(KitRequest("", "", {}, position), pipeline, "txt",
                   pipeline.organization(ORG))
    assert [part.kind for part in kit.parts] == ["interview", "screening", "assessment", "panel"]
    assert any("the kit has no career ladder" in p.message for p in kit.problems)
    guide = " ".join(kit.parts[0].content.decode().split())
    assert "Describe a report or summary you put together from data." in guide
    # The anchors quote the band's statements at the levels around the position's.
    advanced = pipeline.profile.competency("decision-making").statements["advanced"][0]
    assert advanced in guide
    # The topics never to ask about come from the built-in practice, for any band.
    panel = " ".join(kit.parts[3].content.decode().split())
    assert "Marital status, family, children and caregiving" in panel
    with pytest.raises(InputError, match="the career ladder sets a specialization's levels"):
        _make(pipeline, "ladder", position)


def test_a_question_on_a_topic_never_to_ask_is_refused_in_the_position_file(pipeline):
    text = POSITION.read_text().replace(
        "Describe a decision you made at work that you later had to change.",
        "Describe how your family plans affect a decision you made at work.")
    with pytest.raises(InputError, match=r"line \d+, field 'interview.questions\[4\].question'"
                                         r": 'your family' touches a topic never to ask"):
        _position(pipeline, text)


def test_a_posting_needs_no_interview_questions_but_the_guide_names_them(pipeline):
    position = _position(pipeline, _without("interview"))
    assert _make(pipeline, "posting", position).content
    with pytest.raises(InputError, match="add interview: to the position file"):
        _make(pipeline, "interview", position)


def test_the_description_says_none_required_only_where_the_file_does(pipeline):
    with pytest.raises(InputError, match=r"add licenses: to the position file"):
        _make(pipeline, "description", _position(pipeline, _without("licenses")))
    text = " ".join(_make(pipeline, "description", _position(pipeline)).content.decode().split())
    assert re.search(r"Licenses or Certifications =+ None required\.", text)


def test_show_prints_the_position_without_an_organization(band):
    shown = CliRunner().invoke(main, ["--profile-dir", str(band), "show", "--position",
                                      str(POSITION)])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    assert text.startswith("Transfer Student Services Coordinator")
    assert "Laws, regulations and standards" not in text and "40% [essential]" in text


def test_the_screening_matrix_has_no_preferred_column_when_the_position_has_none(pipeline):
    position = _position(pipeline)
    assert "preferred_qualifications" not in POSITION.read_text()
    matrix = " ".join(_make(pipeline, "screening", position, "md").content.decode().split())
    assert "All M met" in matrix
    assert "P met" not in matrix and "preferred qualification" not in matrix
