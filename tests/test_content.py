"""What the built-in profile's 30 documents say: postings that pass the quality gate with a
complete organization file, nothing about the employer that no input gave, and position
descriptions that agree across the levels of a specialization."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdbuilder.compose import Request
from jdbuilder.pipeline import DocumentRequest, make_document, refusal

from .helpers import docx_text

COMPLETE_ORG = Path(__file__).parent / "data" / "complete-org.yaml"
SPECIALIZATIONS = ("admissions", "financial-aid", "registration", "residence-life",
                   "student-center")
LEVELS = ("contributing", "journey", "advanced")
COMBINATIONS = [(s, level) for s in SPECIALIZATIONS for level in LEVELS]
FIELDS = {"salary_min": "45000", "salary_max": "60000", "appointment_type": "Permanent, full-time"}

# Campus products and facilities that no input names: stating one would make up a fact.
PRODUCT_NAMES = re.compile(
    r"\b(Slate|Maxient|StarRez|EMS|Banner|PeopleSoft|Colleague|Parchment|Degree ?Works|uAchieve|"
    r"Argos|Cognos|25Live|Navigate|Handshake|National Student Clearinghouse|challenge course|"
    r"CARE team|harness)\b")
# A count of people, visits or guests stated as the employer's ("60 to 90 high school visits",
# "up to 1,000 guests"); weights and hours in physical demands are requirements, not facts.
_NUMBER = r"(\d[\d,]*|one|two|three|four|five|six|eight|ten|twelve|twenty|forty)"
COUNTS = re.compile(
    rf"\b{_NUMBER}\s+(to\s+{_NUMBER}|or more)\s+(\w+\s+)?(high school visits|students?|"
    r"tour guides|guests|employees|staff|visits|events|student employees)\b"
    r"|\bup to [\d,]+ (guests|students|people|visitors)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def complete_org(pipeline):
    return pipeline.organization(COMPLETE_ORG)


@pytest.fixture(scope="module")
def long_named_org(complete_org):
    from dataclasses import replace

    # A longer name weighs on reading ease wherever running text names the organization.
    return replace(complete_org, name="Appalachian State University")


def _postings(pipeline, organization):
    return {(s, level): make_document(DocumentRequest("posting", s, level, fields=FIELDS,
                                                      format="txt"), pipeline, organization)
            for s, level in COMBINATIONS}


@pytest.fixture(scope="module")
def postings(pipeline, complete_org):
    return _postings(pipeline, complete_org)


@pytest.fixture(scope="module")
def long_named_postings(pipeline, long_named_org):
    return _postings(pipeline, long_named_org)


@pytest.fixture(scope="module")
def descriptions(pipeline, complete_org):
    return {(s, level): pipeline.build(Request("description", s, level), "txt",
                                       complete_org).content.decode()
            for s, level in COMBINATIONS}


@pytest.mark.parametrize("spec_id, level", COMBINATIONS)
@pytest.mark.parametrize("made_with", ["postings", "long_named_postings"])
def test_posting_with_complete_inputs_passes_strict_and_is_400_to_800_words(
        request, made_with, spec_id, level):
    made = request.getfixturevalue(made_with)[spec_id, level]
    assert refusal(made, strict=True) is None, [p.message for p in made.problems]
    words = len(re.findall(r"[A-Za-z0-9'’-]+", made.content.decode()))
    assert 400 <= words <= 800, words


def test_journey_title_is_senior_plus_the_contributing_title(pipeline):
    for spec in pipeline.profile.specializations:
        assert spec.roles["journey"].title == "Senior " + spec.roles["contributing"].title, spec.id


@pytest.mark.parametrize("spec_id", SPECIALIZATIONS)
def test_a_typed_department_replaces_the_office_name_everywhere(pipeline, complete_org, spec_id):
    spec = pipeline.profile.specialization(spec_id)
    # Job titles may carry the office's name (Assistant Director of the Student Center...).
    titles = sorted({name for role in spec.roles.values() for name in (role.title, role.reports_to)},
                    key=len, reverse=True)
    for kind in ("posting", "description"):
        for level in LEVELS:
            request = DocumentRequest(kind, spec_id, level, format="txt",
                                      fields={**FIELDS, "department": "Student Success Hub"})
            text = " ".join(make_document(request, pipeline, complete_org).content.decode().split())
            assert "Student Success Hub" in text
            for title in titles:
                text = text.replace(title, "")
            assert spec.unit_name not in text, (kind, level)


@pytest.mark.parametrize("spec_id, level", COMBINATIONS)
def test_posting_speaks_to_the_applicant(pipeline, spec_id, level):
    role = pipeline.profile.specialization(spec_id).roles[level]
    assert role.summary.startswith("You will")
    assert 5 <= len(role.posting_duties) <= 7
    # Duties for applicants are instructions to "you", not the PD's third-person paragraphs.
    for duty in role.posting_duties:
        first = duty.split()[0]
        assert not (first.endswith("s") and not first.endswith("ss")), duty


def test_no_document_names_a_product_facility_or_count_no_input_gave(postings, descriptions):
    texts = [made.content.decode() for made in postings.values()] + list(descriptions.values())
    assert len(texts) == 30
    for text in texts:
        flat = " ".join(text.split())
        assert not PRODUCT_NAMES.search(flat), PRODUCT_NAMES.search(flat).group(0)
        assert not COUNTS.search(flat), COUNTS.search(flat).group(0)
        assert "{" not in flat


def test_a_campus_setting_names_the_campus_system(pipeline, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text(COMPLETE_ORG.read_text() + "campus:\n  admissions_crm: Slate\n")
    text = pipeline.build(Request("description", "admissions", "journey"), "txt",
                          pipeline.organization(org)).content.decode()
    assert "Slate" in text and "the admissions CRM" not in text


def test_the_band_minimum_is_the_same_at_every_level(descriptions):
    for spec_id in SPECIALIZATIONS:
        minimums = {re.search(r"Minimum Education and Experience\n=+\n(.*?)\n\n[A-Z][^\n]*\n=",
                              descriptions[spec_id, level], re.S).group(1)
                    for level in LEVELS}
        assert len(minimums) == 1, spec_id


def test_supervisors_are_positions_that_formally_supervise(pipeline):
    for spec in pipeline.profile.specializations:
        titles = {role.title: role for role in spec.roles.values()}
        for level, role in spec.roles.items():
            boss = titles.get(role.reports_to)
            if boss is None:
                assert "Director" in role.reports_to or "Registrar" in role.reports_to
                continue
            assert boss.supervision_exercised.startswith("Formally supervises"), (spec.id, level)
            assert role.title in boss.supervision_exercised or \
                role.title + "s" in boss.supervision_exercised, (spec.id, level)
        assert "does not formally supervise" in spec.roles["journey"].supervision_exercised.lower()


def test_flsa_follows_the_level(pipeline):
    for spec in pipeline.profile.specializations:
        assert spec.roles["contributing"].flsa == "Non-exempt", spec.id
        assert "close supervision" in spec.roles["contributing"].supervision_received
        assert spec.roles["advanced"].flsa == "Exempt", spec.id


def test_working_conditions_are_the_levels_own(descriptions):
    residence = {level: descriptions["residence-life", level] for level in LEVELS}
    assert "Live-in requirement: Required" in " ".join(residence["journey"].split())
    for level in ("contributing", "advanced"):
        assert "Live-in requirement: Not required" in " ".join(residence[level].split())
    center = " ".join(descriptions["student-center", "contributing"].split())
    assert "On-call" not in center and "harness" not in center


def test_title_pattern_per_level_is_enforced(profile_copy):
    from jdbuilder.errors import ProfileError
    from jdbuilder.profile import load_profile

    spec = profile_copy / "specializations" / "financial-aid.yaml"
    spec.write_text(spec.read_text().replace("title: Assistant Director of Financial Aid",
                                             "title: Associate Director of Financial Aid"))
    with pytest.raises(ProfileError, match="does not follow the Advanced title pattern"):
        load_profile(profile_copy)


def test_apply_link_is_a_hyperlink_in_docx_html_and_markdown(pipeline, complete_org):
    url = "https://jobs.example.edu/postings/12345"
    request = Request("posting", "admissions", "journey")
    docx = pipeline.build(request, "docx", complete_org).content
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        document = archive.read("word/document.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    link = re.search(r'<w:hyperlink r:id="(rIdJdLink\d+)"[^>]*>(.*?)</w:hyperlink>', document)
    assert link and 'w:rStyle w:val="Hyperlink"' in link.group(2)
    assert (f'Id="{link.group(1)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/hyperlink" Target="{url}" TargetMode="External"') in rels
    assert url in docx_text(docx)
    html = pipeline.build(request, "html", complete_org).content.decode()
    assert f'<a href="{url}">{url}</a>' in html
    markdown = pipeline.build(request, "md", complete_org).content.decode()
    assert f"[{url.replace('_', chr(92) + '_')}]({url})" in markdown


def test_supervision_and_unit_follow_the_typed_fields(pipeline, complete_org):
    request = DocumentRequest("description", "financial-aid", "contributing", format="txt",
                              fields={"supervisor": "Dean of Students",
                                      "department": "Office of Student Aid"})
    text = " ".join(make_document(request, pipeline, complete_org).content.decode().split())
    assert "Reports to: Dean of Students" in text
    assert "Office of Student Aid. The office administers" in text
    assert "Assistant Director of Financial Aid" not in text.split("Supervision received")[1]
    # The appointment type is a blank to fill in, and overtime may be paid as time off.
    assert "Appointment type: ____" in text
    assert "eligible for overtime compensation (pay or compensatory time)" in text


@pytest.mark.parametrize("name, in_text", [
    ("The University", "the University"),
    ("University of North Carolina Wilmington", "the University of North Carolina Wilmington"),
    ("UNC Wilmington", "UNC Wilmington"),
    ("Duke University", "Duke University"),
])
def test_organization_name_reads_well_inside_a_sentence(pipeline, name, in_text):
    from dataclasses import replace

    org = replace(pipeline.organization(COMPLETE_ORG), name=name)
    text = " ".join(pipeline.build(Request("description", "registration", "journey"), "txt",
                                   org).content.decode().split())
    assert f"the policies of {in_text} and" in text


def test_organization_may_replace_the_band_minimum(pipeline, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text(COMPLETE_ORG.read_text() + "minimum_qualifications:\n"
                   "  education: High school diploma.\n  experience: Two years of office work.\n")
    text = " ".join(pipeline.build(Request("description", "admissions", "contributing"), "txt",
                                   pipeline.organization(org)).content.decode().split())
    assert "High school diploma. Two years of office work." in text


def test_unknown_campus_setting_is_refused(pipeline, tmp_path):
    from jdbuilder.errors import InputError

    org = tmp_path / "org.yaml"
    org.write_text(COMPLETE_ORG.read_text() + "campus:\n  admission_crm: Slate\n")
    with pytest.raises(InputError, match=r"admission_crm.*known settings: admissions_crm"):
        pipeline.build(Request("posting", "admissions", "journey"), "txt",
                       pipeline.organization(org))


def test_profile_text_may_name_only_declared_campus_settings(profile_copy):
    from jdbuilder.errors import ProfileError
    from jdbuilder.profile import load_profile

    spec = profile_copy / "specializations" / "admissions.yaml"
    spec.write_text(spec.read_text().replace("{admissions_crm}", "{crm}", 1))
    with pytest.raises(ProfileError, match=r"\{crm\} is not a campus setting"):
        load_profile(profile_copy)


@pytest.mark.parametrize("spec_id, level", COMBINATIONS)
def test_every_physical_demand_names_an_essential_function_of_its_level(
        pipeline, complete_org, spec_id, level):
    from jdbuilder.compose import compose

    context = compose(pipeline.profile, Request("description", spec_id, level),
                      complete_org).context
    essential = {duty["title"] for duty in context["role"]["duties"] if duty["essential"]}
    for demand in context["working_conditions"]["physical_demands"]:
        named = set(demand.rsplit("(", 1)[-1].rstrip(").").split("; "))
        assert named <= essential, (demand, essential)


def test_profile_text_has_no_space_before_a_comma_and_one_name_for_the_housing_unit(profile):
    for specialization in profile.specializations:
        for role in specialization.roles.values():
            texts = [role.summary, role.purpose, role.supervision_received,
                     role.supervision_exercised, *(duty.description for duty in role.duties),
                     *role.posting_duties]
            assert not [text for text in texts if re.search(r"\s[,;.](?!\d)", text)]
    reslife = profile.specialization("residence-life")
    assert reslife.unit_name == "Department of Residence Life and Housing"
    assert "Housing and Residence Life" not in str(reslife.roles["advanced"])
