"""Starter files: the organization `init` writes and the spec `spec example` writes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.errors import InputError
from jdbuilder.spec import DOCUMENT_KEYS, read_spec
from jdbuilder.starters import example_spec, organization_text

MOMENT = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)


def test_init_text_loads_and_keeps_the_built_in_texts(tmp_path, pipeline):
    text = organization_text("Appalachian State University", "https://www.appstate.edu",
                             "Boone,NC", "https://jobs.example.edu",
                             pipeline.base_organization())
    assert "name: Appalachian State University\n" in text
    assert "location: Boone, NC\n" in text
    assert "eeo_statement, benefits, pay_transparency" in text  # said, in a comment
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    organization = pipeline.organization(path)
    assert organization.website == "https://www.appstate.edu"
    assert organization.apply.url == "https://jobs.example.edu"
    assert organization.eeo_statement == pipeline.base_organization().eeo_statement


def test_init_leaves_out_what_was_not_answered(pipeline):
    text = organization_text("X University", base=pipeline.base_organization())
    assert [line for line in text.splitlines() if not line.startswith("#")] == [
        "name: X University"]


def test_init_writes_no_system_as_an_answer(tmp_path, pipeline):
    # Enter at init's system question means "none": written, so the employer is not asked
    # again (a jurisdiction-system warning) on every later document.
    text = organization_text("Elon University", location="Elon, NC", system="none",
                             base=pipeline.base_organization())
    assert "\nsystem: none " in text and "# system: UNC System" not in text
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    assert pipeline.organization(path).system == ""


@pytest.mark.parametrize(("answers", "expected"), [
    (("",), "the organization's name is empty"),
    (("X", "www.x.edu"), "not a web address"),
    (("X", "", "Boone"), "is not 'City, State'"),
])
def test_init_refuses_bad_answers(pipeline, answers, expected):
    with pytest.raises((InputError, ValueError), match=expected):
        organization_text(*answers, base=pipeline.base_organization())


@pytest.mark.parametrize("fmt", ["csv", "yaml", "xlsx"])
def test_the_starter_spec_has_every_column_and_builds_a_row_per_specialization(
        tmp_path, pipeline, fmt):
    spec = tmp_path / f"jobs.{fmt}"
    spec.write_bytes(example_spec(pipeline.profile, fmt, MOMENT))
    loaded = read_spec(spec, pipeline)
    assert loaded.problems == [] and loaded.notes == []
    assert sorted(entry.request.specialization for entry in loaded.entries) == sorted(
        item.id for item in pipeline.profile.specializations)
    if fmt != "yaml":
        header = spec.read_bytes().decode("utf-8").splitlines()[0] if fmt == "csv" else None
        if header is not None:
            assert sorted(header.split(",")) == sorted(DOCUMENT_KEYS)
    report = run_build(spec, pipeline, BuildOptions(tmp_path / "out", jobs=1,
                                                    default_format="md"))
    assert report.built == len(pipeline.profile.specializations) and report.exit_code == 0


def test_the_xlsx_starter_is_the_same_bytes_each_time(pipeline):
    first = example_spec(pipeline.profile, "xlsx", MOMENT)
    assert first == example_spec(pipeline.profile, "xlsx", MOMENT)
    assert first[:2] == b"PK"
    # openpyxl writes the current time as the modified date on save: the moment must win, or
    # two builds a second apart differ.
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    stamp = MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'W3CDTF">{stamp}</dcterms:modified>' in core


def test_the_yaml_starter_lists_every_key(pipeline):
    text = example_spec(pipeline.profile, "yaml", MOMENT).decode("utf-8")
    for key in DOCUMENT_KEYS:
        assert f"#   {key} " in text


def test_init_takes_a_web_address_only_with_its_scheme():
    from jdbuilder.starters import check_website

    assert check_website("  https://www.appstate.edu ") == "https://www.appstate.edu"
    assert check_website("") == ""  # not answered: left out of the file
    with pytest.raises(ValueError, match="https://"):
        check_website("www.appstate.edu")


def test_init_takes_a_location_as_city_state_and_perhaps_country():
    from jdbuilder.starters import check_location

    assert check_location("Boone,NC") == "Boone, NC"
    assert check_location(" Boone , NC , US ") == "Boone, NC, US"
    assert check_location("") == ""
    for wrong in ("Boone", "Boone, Watauga, NC, US"):
        with pytest.raises(ValueError, match="Boone, NC"):
            check_location(wrong)
