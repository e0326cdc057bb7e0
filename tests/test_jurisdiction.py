"""Jurisdiction as data: North Carolina and UNC System text only where those rules apply."""

from __future__ import annotations

import pickle
import re

import pytest

from jdbuilder.compose import Request
from jdbuilder.errors import WARNING
from jdbuilder.jurisdiction import Localizer, LocalText, Rules, state_code, state_in
from jdbuilder.localize import localized
from jdbuilder.org import organization_with, with_overrides
from jdbuilder.position import parse_position

KINDS = ("posting", "description", "interview", "panel", "screening", "assessment")
# What only North Carolina law, UNC policy or a North Carolina plan or program can be.
NORTH_CAROLINA = re.compile(
    r"North Carolina|N\.\s?C\.|\bNC\b|\bUNC\b|G\.S\.|TSERS|State Health Plan|NC 401|NC 457"
    r"|Residency Determination|\bRDS\b|State Education Assistance|Board of Governors"
    r"|Articulation Agreement|Executive Order No\. (93|158)|OSHANC")


@pytest.fixture(scope="module")
def denver(pipeline):
    return organization_with(pipeline.organization(), {
        "org_name": "Metropolitan State University of Denver", "org_city": "Denver",
        "org_region": "CO", "org_apply_url": "https://jobs.example.edu/apply"})


def _every_document(pipeline, organization):
    for spec in pipeline.profile.specializations:
        for level in pipeline.profile.levels:
            for kind in KINDS:
                yield kind, spec.id, level.id, pipeline.build(
                    Request(kind, spec.id, level.id), "md", organization)
        yield "ladder", spec.id, "", pipeline.build(Request("ladder", spec.id, ""), "md",
                                                    organization)


def test_no_document_for_a_colorado_employer_cites_north_carolina(pipeline, denver):
    seen = 0
    for kind, spec, level, made in _every_document(pipeline, denver):
        text = made.content.decode()
        found = NORTH_CAROLINA.findall(text)
        assert not found, f"{kind} {spec} {level}: {found}"
        # What was made general is the person's warning, never the document's text.
        assert "Note for Human Resources" not in text and "Remove this note" not in text, \
            (kind, spec, level)
        assert "--system" not in text and "Prepared for an employer" not in text
        assert [p.code for p in made.problems].count("jurisdiction-general") <= 1
        seen += 1
    assert seen == 15 * len(KINDS) + 5


def test_each_colorado_document_that_lost_text_says_so_once_as_a_warning(pipeline, denver):
    made = pipeline.build(Request("description", "admissions", "journey"), "md", denver)
    text = made.content.decode()
    assert "Note for Human Resources" not in text and "Remove this note" not in text
    # The PD ends with its signatures, nothing after them.
    assert text.rstrip().endswith("accurately describes the position.")
    (problem,) = [p for p in made.problems if p.code == "jurisdiction-general"]
    assert problem.severity == WARNING and problem.location.field == "location"
    assert "written for an employer in Colorado" in problem.message
    assert "North Carolina law" in problem.message
    assert "Laws, regulations and standards" in problem.message
    assert "add your own: your state's rules for classifying residence for tuition" in \
        problem.message
    # Colorado is not the profile's state: no system to declare.
    assert not [p for p in made.problems if p.code == "jurisdiction-system"]


def test_colorado_posting_asks_for_benefits_instead_of_the_state_plan(pipeline, denver):
    made = pipeline.build(Request("posting", "financial-aid", "journey"), "md", denver)
    text = made.content.decode()
    assert "State Health Plan" not in text
    assert "benefits in the organization file" not in text
    assert any(p.code == "benefits" for p in made.problems)
    made_general = next(p for p in made.problems if p.code == "jurisdiction-general")
    assert "Benefits" in made_general.message
    assert "benefits in the organization file" in made_general.message
    given = organization_with(denver, {"org_benefits": "Medical, dental and PERA retirement."})
    text = pipeline.build(Request("posting", "financial-aid", "journey"), "md",
                          given).content.decode()
    assert "PERA retirement" in text and "Note for Human Resources" not in text


def test_the_north_carolina_documents_keep_their_north_carolina_text(pipeline):
    wcu = organization_with(pipeline.organization(), {"org_city": "Cullowhee",
                                                      "org_region": "NC"})
    text = pipeline.build(Request("description", "admissions", "journey"), "md",
                          wcu).content.decode()
    assert "UNC Policy Manual" in text and "Note for Human Resources" not in text
    posting = pipeline.build(Request("posting", "admissions", "journey"), "md",
                             wcu).content.decode()
    assert "State Health Plan" in posting


def test_an_nc_employer_outside_the_unc_system_gets_state_law_but_not_unc_policy(pipeline):
    duke = organization_with(pipeline.organization(), {"org_city": "Durham",
                                                       "org_region": "NC"})
    duke = type(duke)(**{**duke.__dict__, "system": ""})
    made = pipeline.build(Request("description", "admissions", "journey"), "md", duke)
    text = made.content.decode()
    assert "UNC Policy Manual" not in text
    # In-state tuition is a public institution's rate: a private college classifies no one.
    assert "116-143.1" not in text
    assert any("written for an employer in North Carolina" in p.message
               for p in made.problems if p.code == "jurisdiction-general")
    center = pipeline.build(Request("description", "student-center", "journey"), "md",
                            duke).content.decode()
    assert "N.C.G.S. § 143-138" in center  # the state's fire code still applies
    assert "state agency" not in center


def test_an_nc_organization_file_that_names_no_system_is_not_in_the_unc_system(
        pipeline, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("name: Elon University\nlocation: Elon, NC\n", encoding="utf-8")
    elon = pipeline.organization(path)
    assert elon.system is None  # not inherited from the built-in organization
    made = pipeline.build(Request("description", "residence-life", "advanced"), "md", elon)
    text = made.content.decode()
    assert "UNC Policy Manual" not in text and "116-40.11" not in text
    assert "system: UNC System" not in text
    (declare,) = [p for p in made.problems if p.code == "jurisdiction-system"]
    assert declare.severity == WARNING and declare.location.field == "system"
    assert declare.quote == "UNC System"
    assert 'the line "system: UNC System" in its organization file' in declare.message
    # A file saying it is in no system has answered: nothing to declare.
    none = tmp_path / "elon-none.yaml"
    none.write_text("name: Elon University\nlocation: Elon, NC\nsystem: none\n",
                    encoding="utf-8")
    made = pipeline.build(Request("description", "residence-life", "advanced"), "md",
                          pipeline.organization(none))
    assert [p.code for p in made.problems if p.code.startswith("jurisdiction")] == [
        "jurisdiction-general"]
    path = tmp_path / "uncw.yaml"
    path.write_text("name: UNC Wilmington\nlocation: Wilmington, NC\nsystem: UNC System\n",
                    encoding="utf-8")
    text = pipeline.build(Request("description", "residence-life", "advanced"), "md",
                          pipeline.organization(path)).content.decode()
    assert "116-40.11" in text and "Note for Human Resources" not in text
    # The built-in organization stands for a UNC System campus.
    assert pipeline.organization().system == "UNC System"


def test_only_a_public_employer_offers_compensatory_time(pipeline, denver, tmp_path):
    def overtime(organization):
        return [line for kind in ("posting", "description")
                for line in pipeline.build(Request(kind, "registration", "journey"), "md",
                                           organization).content.decode().splitlines()
                if "overtime" in line]
    private = overtime(denver)
    assert private == ["**Overtime:** Eligible for overtime pay (non-exempt)",
                       "**FLSA status:** Non-exempt: eligible for overtime pay  "]
    assert all("compensatory" in line for line in overtime(pipeline.organization()))
    path = tmp_path / "msu.yaml"
    path.write_text("name: MSU Denver\nlocation: Denver, CO\npublic_employer: true\n",
                    encoding="utf-8")
    assert all("compensatory" in line for line in overtime(pipeline.organization(path)))


def test_the_built_in_eeo_statement_states_political_affiliation_only_for_the_unc_system(
        pipeline, denver):
    def eeo(organization):
        text = pipeline.build(Request("posting", "registration", "journey"), "md",
                              organization).content.decode()
        return text.split("## Equal employment opportunity", 1)[1]
    unc = eeo(pipeline.organization())
    assert "political affiliation" in unc
    elsewhere = eeo(denver)
    assert "political affiliation" not in elsewhere and "genetic information" in elsewhere
    for statement in (unc, elsewhere):
        assert "accommodations for disability, pregnancy and religious practice" in statement


def test_the_ada_is_cited_for_public_and_private_institutions(pipeline, denver):
    for specialization in ("admissions", "residence-life", "student-center"):
        text = pipeline.build(Request("description", specialization, "journey"), "md",
                              denver).content.decode()
        assert "Title II (public institutions) or Title III (private institutions)" in text
        assert "42 U.S.C. § 12181" in text


def test_interview_reference_carries_colorado_rules_with_sources(pipeline, denver):
    text = pipeline.build(Request("panel", "admissions", "journey"), "md",
                          denver).content.decode()
    for citation in ("C.R.S. § 8-2-131", "C.R.S. § 8-2-130", "C.R.S. § 8-5-102",
                     "C.R.S. § 24-5-101", "C.R.S. § 24-34-402.3", "C.R.S. § 28-3-506"):
        assert citation in text
    assert "federal law and the law of Colorado" in text
    assert "religious practice" in text  # accommodation is not only for disability


def test_other_states_get_the_federal_table_and_a_note(pipeline):
    austin = organization_with(pipeline.organization(), {"org_city": "Austin",
                                                         "org_region": "TX"})
    text = pipeline.build(Request("panel", "registration", "journey"), "md",
                          austin).content.decode()
    assert "federal law only" in text and "Texas" in text
    assert "C.R.S." not in text and not NORTH_CAROLINA.search(text)
    assert "Age Discrimination in Employment Act" in text


def test_a_position_location_elsewhere_wins_over_the_organization(pipeline):
    position = parse_position({"location": "Denver, CO"})
    made = pipeline.build(Request("description", "residence-life", "advanced", position), "md",
                          pipeline.organization())
    assert "116-40.11" not in made.content.decode()


def test_local_text_resolves_and_pickles():
    text = LocalText("Knowledge of NC rules.", "NC", "N.C.G.S. § 1", "Knowledge of state rules.",
                     "your state's rules")
    assert pickle.loads(pickle.dumps(text)).elsewhere == "Knowledge of state rules."
    here = Localizer(Rules.of(None, "Boone, NC"))
    assert here.one(text, "x") == text
    from jdbuilder.jurisdiction import Jurisdiction

    away = Localizer(Rules.of(Jurisdiction("NC", "UNC System"), "Denver, Colorado"))
    assert away.one(text, "knowledge") == "Knowledge of state rules."
    assert away.generic == {"knowledge": [text]}


def test_states_are_read_by_code_name_and_abbreviation():
    assert state_code("nc") == "NC" and state_code("Colorado") == "CO"
    assert state_in("Cullowhee, N.C.") == "NC" and state_in("Remote (Denver, CO)") == "CO"
    assert state_in("Toronto, Ontario") is None


def test_every_mark_in_the_built_in_profile_names_its_rules_and_source(pipeline):
    from jdbuilder.jurisdiction import Jurisdiction

    away = Localizer(Rules.of(Jurisdiction("NC", "UNC System"), "Denver, CO"))
    for spec in pipeline.profile.specializations:
        localized(spec, away)
    marks = [text for texts in away.generic.values() for text in texts]
    assert len(marks) > 30
    for mark in marks:
        assert mark.only_in in ("NC", "UNC System") and mark.source.strip()


DENVER_ORG = "name: MSU Denver\nlocation: Denver, CO\napply: https://jobs.example.edu/a\n"


def _cli(cli, tmp_path, monkeypatch, *args, org: str = DENVER_ORG):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(org)
    return cli(["posting", "-s", "admissions", "-l", "journey", "--org", "org.yaml", "-o",
                "p.md", *args])


def test_a_colorado_posting_without_a_range_is_written_but_exits_1(cli, tmp_path, monkeypatch):
    result = _cli(cli, tmp_path, monkeypatch)
    assert result.exit_code == 1 and (tmp_path / "p.md").is_file()
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "not publishable" in last
    assert "Colorado Equal Pay for Equal Work Act" in last
    for need in ("no salary range", "no benefits", "no application deadline"):
        assert need in last


def test_a_colorado_posting_with_a_range_but_no_benefits_exits_1(cli, tmp_path, monkeypatch):
    result = _cli(cli, tmp_path, monkeypatch, "--set", "salary_min=50000", "--set",
                  "salary_max=58000", "--set", "closes=2027-03-01")
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert "no benefits" in last and "no salary range" not in last
    assert "no application deadline" not in last


def test_a_complete_colorado_posting_exits_0(cli, tmp_path, monkeypatch):
    org = DENVER_ORG + "benefits: Medical, dental and vision insurance and PERA retirement.\n"
    result = _cli(cli, tmp_path, monkeypatch, "--set", "salary_min=50000", "--set",
                  "salary_max=58000", "--set", "closes=2027-03-01", org=org)
    assert result.exit_code == 0, result.output


# The North Carolina documents' own defects, as a reviewer found them (issue #20).

def test_no_pd_claims_no_experience_is_required(pipeline):
    for spec in pipeline.profile.specializations:
        for level in pipeline.profile.levels:
            text = pipeline.build(Request("description", spec.id, level.id), "md").content.decode()
            assert "No experience is required" not in text
            assert "experience this level calls for is stated under Preferred Qualifications" in \
                " ".join(text.split())


def test_residence_life_advanced_supervises_whom_its_pd_says(pipeline):
    posting = pipeline.build(Request("posting", "residence-life", "advanced"), "md")
    text = " ".join(posting.content.decode().split())
    assert "hall coordinators and specialists" not in text
    assert "supervise the residence life coordinators and senior coordinators" in text
    pd = " ".join(pipeline.build(Request("description", "residence-life", "advanced"),
                                 "md").content.decode().split())
    assert "supervises the Residence Life Coordinators and Senior Residence Life Coordinators" \
        in pd


def test_the_ladder_states_each_level_in_the_third_person(pipeline):
    for spec in pipeline.profile.specializations:
        text = pipeline.build(Request("ladder", spec.id, ""), "md").content.decode()
        row = next(line for line in text.splitlines() if line.startswith("| Primary purpose"))
        assert "You " not in row and " you " not in row


def test_the_unit_has_one_name(pipeline):
    spec = pipeline.profile.specialization("residence-life")
    assert spec.name in spec.unit_name


def test_check_flags_another_states_law_in_a_document():
    from jdbuilder.checks import CheckContext
    from jdbuilder.checks.jurisdiction import other_state_findings
    from jdbuilder.readers import FIELD, PARAGRAPH, PostingText, TextBlock

    def text(location, sentence):
        return PostingText("t", (TextBlock(FIELD, location, "row 1", label="Location"),
                                 TextBlock(PARAGRAPH, sentence, "line 2")))

    found = other_state_findings(text("Denver, CO", "Eligible staff join TSERS."), CheckContext())
    assert [(f.severity, f.name) for f in found] == [("error", "other-state-law")]
    assert "North Carolina" in found[0].message and "Colorado" in found[0].message
    assert found[0].quote == "Eligible staff join «TSERS»."
    raleigh = text("Raleigh, NC", "Hiring follows C.R.S. § 8-2-131.")
    assert "Colorado" in other_state_findings(raleigh, CheckContext())[0].message
    # The employer's own state's law, or no location, is no finding.
    assert other_state_findings(text("Raleigh, NC", "Eligible staff join TSERS."),
                                CheckContext()) == []
    assert other_state_findings(PostingText("t", (TextBlock(PARAGRAPH, "TSERS.", "l"),)),
                                CheckContext()) == []


def test_a_denver_posting_built_here_cites_no_other_states_law(pipeline, denver):
    from jdbuilder.checks import CheckContext
    from jdbuilder.checks.jurisdiction import other_state_findings
    from jdbuilder.readers.model import from_model

    for spec in pipeline.profile.specializations:
        for kind in ("posting", "description"):
            made = pipeline.build(Request(kind, spec.id, "advanced"), "md", denver)
            assert other_state_findings(from_model(made.model, "d"),
                                        CheckContext(location="Denver, CO")) == []


def test_an_employer_with_no_location_outside_the_system_is_in_no_known_state(pipeline):
    acme = with_overrides(pipeline.organization(), "Acme College")
    reference = pipeline.build(Request("panel", "admissions", "journey"), "md",
                               acme).content.decode()
    assert not NORTH_CAROLINA.search(reference)
    assert "no location was given for the employer" in reference
    made = pipeline.build(Request("description", "financial-aid", "journey"), "md", acme)
    aid = made.content.decode()
    assert any("written for an employer in an unknown state (no location given)" in p.message
               for p in made.problems if p.code == "jurisdiction-general")
    assert "North Carolina state aid" not in aid
    # A college is not called a university: not in its text, nor in the band's defaults.
    records = pipeline.build(Request("description", "registration", "journey"), "md",
                             acme).content.decode()
    assert "Office of the College Registrar" in records
    assert "the College's national enrollment reporting service" in records
    assert "University" not in records
    # The built-in organization is a UNC System campus, in North Carolina; its reference
    # cites the State employment law that covers UNC System staff.
    builtin = pipeline.build(Request("panel", "admissions", "journey"), "md",
                             pipeline.organization()).content.decode()
    assert "126-16" in builtin and "federal law and the law of North Carolina" in builtin
