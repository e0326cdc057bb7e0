"""Organization files: merged over the built-in one, shorthands, shape errors with examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdbuilder.errors import InputError
from jdbuilder.org import Apply, Location, inherited_note, load_organization, with_overrides
from jdbuilder.pipeline import DocumentRequest, make_document
from jdbuilder.resources import builtin_profile_dir

THREE_LINES = """\
name: Appalachian State University
location: Boone, NC
apply: https://jobs.example.edu/postings/123
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_three_lines_give_location_link_and_the_built_in_texts(tmp_path, pipeline):
    base = pipeline.base_organization()
    organization = load_organization(write(tmp_path, THREE_LINES), builtin_profile_dir(), base)
    assert organization.name == "Appalachian State University"
    assert organization.location == Location("Boone", "NC", None)
    assert organization.apply == Apply(url="https://jobs.example.edu/postings/123")
    assert organization.eeo_statement == base.eeo_statement
    assert organization.benefits == base.benefits
    assert organization.pay_transparency == base.pay_transparency
    assert organization.inherited == ("eeo_statement", "benefits", "pay_transparency")
    assert inherited_note(organization, "org.yaml", "the built-in organization") == (
        "org.yaml gives no eeo_statement, benefits, pay_transparency: the text of the built-in "
        "organization is used; add eeo_statement, benefits, pay_transparency to the file to "
        "replace it")


def test_the_posting_shows_location_link_and_built_in_eeo(tmp_path, pipeline):
    # Appalachian State is a UNC System campus: the built-in benefits text is its own.
    organization = pipeline.organization(write(tmp_path, THREE_LINES + "system: UNC System\n"))
    made = make_document(DocumentRequest("posting", "admissions", "journey", format="md"),
                         pipeline, organization, quality_checks=False)
    text = made.content.decode("utf-8")
    assert "Boone, NC" in text
    assert "https://jobs.example.edu/postings/123" in text
    assert pipeline.base_organization().eeo_statement.split(".")[0] in " ".join(text.split())
    # The only warning left is the salary range; the missing appointment type is a note.
    assert {problem.code for problem in made.problems if problem.severity == "warning"} == {
        "pay-transparency"}
    assert {problem.code for problem in made.problems if problem.severity == "info"} == {
        "appointment-type"}


def test_own_texts_replace_the_built_in_ones(tmp_path, pipeline):
    organization = pipeline.organization(write(tmp_path, THREE_LINES + (
        "eeo_statement: Appalachian State is an equal opportunity employer.\n")))
    assert organization.eeo_statement == "Appalachian State is an equal opportunity employer."
    assert organization.inherited == ("benefits", "pay_transparency")


@pytest.mark.parametrize(("text", "expected"), [
    ("location: Boone, NC\n", "missing required key 'name'"),
    ("- name: X\n", "expected 'key: value' lines, got a list; for example name: Appalachian "
                    "State University / location: Boone, NC / apply: https://"),
    ("name: X\nlocation: [Boone, NC]\n", "field 'location': expected a place, got a list; "
                                         "write location: Boone, NC (City, Region[, Country])"),
    ("name: X\napply: [x]\n", "field 'apply': expected a link or instructions, got a list; "
                              "write apply: https://"),
    ("name: X\nlocation: A, B, C, D\n", "has more than three parts"),
    ("name: X\nwebsite: www.x.edu\n", "'www.x.edu' is not a web address"),
    ("name: X\nlocaton: Boone, NC\n", "unknown key 'locaton' (did you mean 'location'?)"),
    ("name: X\nbenefits:\n  text: Health insurance.\n",
     "field 'benefits': expected text, got a mapping: write the text itself"),
])
def test_shape_errors_show_the_right_shape(tmp_path, pipeline, text, expected):
    with pytest.raises(InputError) as raised:
        pipeline.organization(write(tmp_path, text))
    assert expected in raised.value.message
    assert raised.value.exit_code == 2


def test_apply_text_is_instructions_and_mapping_forms_still_work(tmp_path, pipeline):
    organization = pipeline.organization(write(tmp_path, (
        "name: X\napply: Send a letter and resume to hr@example.edu\n"
        "location: {city: Boone, region: NC, country: US}\n")))
    assert organization.apply == Apply(instructions="Send a letter and resume to hr@example.edu")
    assert organization.location.display() == "Boone, NC, US"


def test_without_a_built_in_organization_the_file_needs_its_eeo_statement(tmp_path):
    with pytest.raises(InputError, match="missing required key 'eeo_statement'"):
        load_organization(write(tmp_path, THREE_LINES), tmp_path, None)


def test_name_and_apply_from_the_command_line_win(pipeline):
    organization = with_overrides(pipeline.base_organization(), "Appalachian State University",
                                  "https://jobs.example.edu")
    assert organization.name == "Appalachian State University"
    assert organization.apply.url == "https://jobs.example.edu"
    instructions = with_overrides(organization, apply="Email hr@example.edu")
    assert instructions.apply == Apply(instructions="Email hr@example.edu")
    with pytest.raises(InputError, match="--org-name: the name is empty"):
        with_overrides(organization, name="  ")


def test_another_name_than_the_built_in_keeps_none_of_its_employer_facts(tmp_path, pipeline):
    builtin = pipeline.base_organization()
    assert builtin.builtin and builtin.system == "UNC System"
    acme = with_overrides(builtin, "Acme  College")
    assert (acme.name, acme.system, acme.public_employer, acme.builtin) == (
        "Acme College", None, None, False)
    # The same name is the same employer; the input may say the facts itself.
    assert with_overrides(builtin, "The University") is builtin
    said = with_overrides(builtin, "Acme College", system="UNC System", public_employer=True)
    assert (said.system, said.public_employer) == ("UNC System", True)
    assert with_overrides(builtin, system="none").system == ""
    with pytest.raises(InputError, match="--system: the system is empty"):
        with_overrides(builtin, system=" ")
    # An organization file's facts were written by someone about their employer: a name given
    # on the command line relabels it and keeps them.
    own = load_organization(write(tmp_path, THREE_LINES + "system: UNC System\n"),
                            builtin_profile_dir(), builtin)
    assert not own.builtin
    assert with_overrides(own, "App State").system == "UNC System"


def test_the_form_fields_follow_the_same_rule(pipeline):
    from jdbuilder.org import organization_with

    builtin = pipeline.base_organization()
    acme = organization_with(builtin, {"org_name": "Acme College", "org_city": "Raleigh"})
    assert (acme.system, acme.public_employer) == (None, None)
    campus = organization_with(builtin, {"org_name": "UNC Asheville", "org_system": "UNC System",
                                         "org_public_employer": "yes"})
    assert (campus.system, campus.public_employer) == ("UNC System", True)
    assert organization_with(builtin, {"org_system": "none"}).system == ""
    assert organization_with(builtin, {"org_public_employer": "no"}).public_employer is False
    with pytest.raises(InputError) as caught:
        organization_with(builtin, {"org_public_employer": "maybe"})
    assert caught.value.problem.location.field == "org_public_employer"


def test_a_renamed_built_in_organization_states_no_unc_text(pipeline):
    def posting(organization) -> str:
        return make_document(DocumentRequest("posting", "admissions", "journey", {}, "md"),
                             pipeline, organization).content.decode()

    acme = posting(with_overrides(pipeline.base_organization(), "Acme College"))
    for unc_only in ("State Health Plan", "TSERS", "NC 401(k)", "political affiliation"):
        assert unc_only not in acme
    assert "Eligible employees receive State Health Plan" in posting(
        with_overrides(pipeline.base_organization(), "Acme College", system="UNC System"))


def test_the_word_for_the_employer_follows_its_name(pipeline):
    def word(name: str) -> str:
        return with_overrides(pipeline.base_organization(), name).institution_word()

    assert word("Acme College") == "College" and word("Blue Ridge Community College") == "College"
    assert word("Elon University") == word("UNC Wilmington") == word("The University") == \
        "University"
    assert word("College of Charleston") == "College"
    assert word("Georgia Institute of Technology") == "Institute"
