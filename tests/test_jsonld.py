"""Google for Jobs JobPosting JSON-LD: each required property proven by an input that breaks it,
recommended properties only when their data is known. Rules: Google Search Central, "Job posting
(JobPosting) structured data" (required: title, description, datePosted, hiringOrganization,
jobLocation with addressCountry, or applicantLocationRequirements for a fully remote job)."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

from jdbuilder.errors import InputError, JdbuilderError
from jdbuilder.pipeline import DocumentRequest, make_document
from jdbuilder.position import parse_position

ALLOWED_DESCRIPTION_TAGS = {"p", "ul", "li", "h1", "h2", "h3", "h4", "h5", "strong", "em", "br"}

ORG = """\
name: Example University
eeo_statement: Example University is an equal opportunity employer.
website: https://www.example.edu
logo: https://www.example.edu/logo.png
location: {city: Raleigh, region: NC, country: US}
apply: {url: "https://jobs.example.edu/apply"}
"""


@pytest.fixture
def run(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(ORG)
    return lambda *args: cli(list(args), catch_exceptions=False)


@pytest.fixture
def make(pipeline, tmp_path, monkeypatch):
    """A posting made by the core, as `posting --org ORG --set ...` would make it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org.yaml").write_text(ORG)

    def make_posting(*args: str, org: str = "org.yaml", spec: str = "admissions",
                     fmt: str = "jsonld", kind: str = "posting"):
        assert all(option == "--set" for option in args[::2]), args
        fields = dict(assignment.split("=", 1) for assignment in args[1::2])
        request = DocumentRequest(kind, spec, "journey", fields, fmt, origin="--set")
        return make_document(request, pipeline, pipeline.organization(tmp_path / org),
                             quality_checks=False)

    return make_posting


def jsonld(make, *args: str, org: str = "org.yaml", spec: str = "admissions") -> dict:
    return json.loads(make(*args, org=org, spec=spec).content)


def refusal(make, *args: str, **options: str) -> str:
    """The one-line error a bad input gets (exit 2 at the CLI); nothing is made."""
    with pytest.raises(JdbuilderError) as caught:
        make(*args, **options)
    assert caught.value.exit_code == 2
    message = caught.value.format_message()
    assert "\n" not in message
    return message


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += len(attrs)


def tags_of(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


# --- required: title -------------------------------------------------------------------------


def test_title_is_the_job_title_and_an_empty_override_cannot_blank_it(make):
    assert jsonld(make)["title"] == "Senior Admissions Counselor"
    # An empty --set is refused rather than blanking the title or being quietly ignored.
    assert "--set title: is empty" in refusal(make, "--set", "title=   ")
    # Markup characters stay text in JSON (the HTML-escaping is the description's business).
    assert jsonld(make, "--set", "title=Counselor <Transfer> & Outreach")["title"] == \
        "Counselor <Transfer> & Outreach"


# --- required: description -------------------------------------------------------------------


def test_description_uses_only_the_tags_google_reads(make):
    data = jsonld(make)
    found = tags_of(data["description"])
    assert found.tags <= ALLOWED_DESCRIPTION_TAGS and found.attributes == 0
    assert "<ul>" in data["description"] and "<h2>What you will do</h2>" in data["description"]


def test_description_stays_in_the_subset_when_a_template_uses_tables_lists_and_classes(
        run, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "posting.html.j2").write_text(
        '<h1 class="Title">{{ role.title }}</h1>\n'
        '<table class="Facts"><tr><th width="30">Pay</th><td>Good &amp; fair</td></tr></table>\n'
        '<ol><li>First <em>step</em></li><li>Second<br/>line</li></ol>\n'
        '<h3>EEO</h3><p class="Note">{{ organization.eeo_statement }}</p>\n')
    result = run("--templates", str(templates), "posting", "-s", "admissions", "-l", "journey",
                 "--org", "org.yaml", "-o", "-", "--format", "jsonld")
    assert result.exit_code == 0, result.output
    description = json.loads(result.stdout)["description"]
    found = tags_of(description)
    assert found.tags <= ALLOWED_DESCRIPTION_TAGS and found.attributes == 0
    assert "<p><strong>Pay:</strong> Good &amp; fair</p>" in description
    assert "<ul><li>First <em>step</em></li><li>Second<br>line</li></ul>" in description


# --- required: datePosted --------------------------------------------------------------------


def test_date_posted_is_iso_8601_from_posted_else_the_build_date(make, monkeypatch):
    assert jsonld(make, "--set", "posted=2026-03-02")["datePosted"] == "2026-03-02"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 15, 12, tzinfo=dt.
                                                               timezone.utc).timestamp())))
    assert jsonld(make)["datePosted"] == "2026-01-15"


def test_date_posted_rejects_what_is_not_a_date(make, monkeypatch):
    assert "--set posted: 'March 2' is not a date; write it as YYYY-MM-DD" in refusal(
        make, "--set", "posted=March 2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert "SOURCE_DATE_EPOCH 'yesterday'" in refusal(make)


# --- required: hiringOrganization ------------------------------------------------------------


def test_hiring_organization_needs_a_name(make, tmp_path):
    organization = jsonld(make)["hiringOrganization"]
    assert organization == {"@type": "Organization", "name": "Example University",
                            "sameAs": "https://www.example.edu",
                            "logo": "https://www.example.edu/logo.png"}
    (tmp_path / "nameless.yaml").write_text(ORG.replace("name: Example University\n", ""))
    message = refusal(make, org="nameless.yaml")
    assert "nameless.yaml" in message and "missing required key 'name'" in message


def test_same_as_and_logo_only_when_given(make, tmp_path):
    plain = re.sub(r"(website|logo): .*\n", "", ORG)
    (tmp_path / "plain.yaml").write_text(plain)
    assert jsonld(make, org="plain.yaml")["hiringOrganization"] == {
        "@type": "Organization", "name": "Example University"}


# --- required: jobLocation with addressCountry -----------------------------------------------


def test_job_location_is_a_place_with_a_postal_address_and_country(make):
    assert jsonld(make)["jobLocation"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Raleigh",
                    "addressRegion": "NC", "addressCountry": "US"}}
    moved = jsonld(make, "--set", "location=Asheville, NC")["jobLocation"]["address"]
    assert (moved["addressLocality"], moved["addressCountry"]) == ("Asheville", "US")


def test_job_location_without_a_country_is_an_error_saying_how_to_give_it(make, tmp_path):
    (tmp_path / "nocountry.yaml").write_text(
        ORG.replace("{city: Raleigh, region: NC, country: US}", "{city: Toronto, region: Ontario}"))
    message = refusal(make, org="nocountry.yaml")
    assert "addressCountry" in message
    assert "--org" in message and "--set location=" in message and "spec" in message
    # The same organization works once the country is given on the command line.
    fixed = jsonld(make, "--set", "location=Toronto, Ontario, CA", org="nocountry.yaml")
    assert fixed["jobLocation"]["address"]["addressCountry"] == "CA"


def test_a_us_state_names_its_country(make, tmp_path):
    (tmp_path / "nocountry.yaml").write_text(ORG.replace(", country: US", ""))
    assert jsonld(make, org="nocountry.yaml")["jobLocation"]["address"]["addressCountry"] == "US"
    typed = jsonld(make, "--set", "location=Cullowhee, NC", org="nocountry.yaml")
    assert typed["jobLocation"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Cullowhee", "addressRegion": "NC",
        "addressCountry": "US"}


def test_a_country_alone_is_enough_for_google(make, tmp_path):
    (tmp_path / "country.yaml").write_text(ORG.replace("{city: Raleigh, region: NC, country: US}",
                                                       "{country: US}"))
    assert jsonld(make, org="country.yaml")["jobLocation"]["address"] == {
        "@type": "PostalAddress", "addressCountry": "US"}


def test_remote_jobs_name_where_applicants_may_live(make, tmp_path):
    data = jsonld(make, "--set", "remote=yes")
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}
    (tmp_path / "nowhere.yaml").write_text(ORG.replace(
        "location: {city: Raleigh, region: NC, country: US}\n", ""))
    assert "applicantLocationRequirements" in refusal(make, "--set", "remote=yes",
                                                      org="nowhere.yaml")


# --- recommended properties, only when known -------------------------------------------------


def test_recommended_properties_are_left_out_when_unknown(make):
    data = jsonld(make)
    for name in ("baseSalary", "employmentType", "validThrough", "identifier", "directApply",
                 "jobLocationType", "applicantLocationRequirements"):
        assert name not in data, name


def test_recommended_properties_when_known(make):
    data = jsonld(make, "--set", "salary_min=21.50", "--set", "salary_max=26",
                  "--set", "salary_period=hour", "--set", "employment_type=part-time",
                  "--set", "closes=2026-04-30", "--set", "position_number=00012345")
    assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD",
                                  "value": {"@type": "QuantitativeValue", "unitText": "HOUR",
                                            "minValue": 21.5, "maxValue": 26}}
    assert data["employmentType"] == "PART_TIME"
    assert data["validThrough"] == "2026-04-30T23:59:59"
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Example University",
                                  "value": "00012345"}


@pytest.mark.parametrize(("fields", "value"), [
    (("salary_min=45000",), {"minValue": 45000}),
    (("salary_max=52000",), {"maxValue": 52000}),
    (("salary_min=48000", "salary_max=48000"), {"value": 48000}),
])
def test_a_one_sided_salary_is_not_stated_as_the_pay(make, fields, value):
    args = [arg for field in fields for arg in ("--set", field)]
    data = jsonld(make, *args, "--set", "currency=eur")
    assert data["baseSalary"]["currency"] == "EUR"
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "YEAR",
                                           **value}


@pytest.mark.parametrize(("written", "expected"), [("true", True), ("false", False)])
def test_direct_apply_only_when_the_organization_says(make, tmp_path, written, expected):
    (tmp_path / "direct.yaml").write_text(ORG.replace('apply: {url: "https://jobs.example.edu/'
                                                      'apply"}', 'apply: {url: "https://jobs.'
                                                      f'example.edu/apply", direct: {written}}}'))
    assert jsonld(make, org="direct.yaml")["directApply"] is expected


def test_direct_apply_must_be_true_or_false(make, tmp_path):
    (tmp_path / "direct.yaml").write_text(ORG.replace("apply: {url:", "apply: {direct: maybe, url:"))
    message = refusal(make, org="direct.yaml")
    assert "apply.direct" in message and "maybe" in message


# --- the same JSON-LD inside the HTML page; postings only ------------------------------------


def test_html_posting_embeds_the_same_json_ld(make):
    expected = jsonld(make, "--set", "posted=2026-03-02")
    page = make("--set", "posted=2026-03-02", fmt="html").content.decode("utf-8")
    script = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert script and json.loads(script.group(1).replace("<\\/", "</")) == expected


def test_a_position_description_has_no_json_ld(make):
    assert "postings only" in refusal(make, kind="description")


# --- script safety: JSON-LD is made to be embedded in pages -------------------------------------

HOSTILE_TITLE = "</script><script>alert(1)</script>"
HOSTILE_FIELD = "<!--<script>"


def _hostile_build(pipeline, tmp_path, fmt: str, title: str = HOSTILE_TITLE) -> str:
    from jdbuilder.compose import Request
    from jdbuilder.org import load_organization
    from jdbuilder.position import parse_position

    (tmp_path / "org.yaml").write_text(ORG)
    organization = load_organization(tmp_path / "org.yaml", tmp_path)
    position = parse_position({"title": title, "department": HOSTILE_FIELD})
    built = pipeline.build(Request("posting", "admissions", "journey", position), fmt,
                           organization)
    return built.content.decode("utf-8")


def test_jsonld_file_escapes_angle_brackets_and_ampersands(pipeline, tmp_path):
    text = _hostile_build(pipeline, tmp_path, "jsonld")
    assert not set("<>&") & set(text)
    assert "\\u003c/script\\u003e" in text
    data = json.loads(text)
    assert data["title"] == HOSTILE_TITLE  # the same text for a JSON reader
    assert "&lt;!--&lt;script&gt;" in data["description"]


@pytest.mark.parametrize("title", [HOSTILE_TITLE, HOSTILE_FIELD])
def test_html_body_survives_a_script_closing_title_and_a_comment_opener(pipeline, tmp_path, title):
    import html5lib

    page = _hostile_build(pipeline, tmp_path, "html", title)
    document = html5lib.parse(page, namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
    assert json.loads(scripts[0].text)["title"] == title
    body = document.find("body")
    assert body.find("main/h1") is not None and "".join(body.find("main/h1").itertext()) == title
    assert HOSTILE_FIELD in "".join(body.itertext())
    assert len(body.findall(".//h2")) >= 3  # the whole posting, not a page swallowed by a script


@pytest.mark.parametrize("spec", ["admissions", "financial-aid", "registration",
                                  "residence-life", "student-center"])
def test_every_posting_names_its_o_net_soc_occupation_from_the_data(make, profile, spec):
    specialization = next(s for s in profile.specializations if s.id == spec)
    for level in ("contributing", "journey", "advanced"):
        expected = specialization.occupation_at(level)
        assert expected is not None and expected.source.startswith("https://www.onetonline.org")
        assert expected.why, f"{spec} {level}: the data says why the code fits"
    category = jsonld(make, spec=spec)["occupationalCategory"]
    assert re.fullmatch(r"\d{2}-\d{4}\.\d{2}", category["codeValue"])
    assert category["codeValue"] == specialization.occupation_at("journey").code
    assert category["name"] == specialization.occupation_at("journey").title
    assert category["inCodeSet"]["name"] == "O*NET-SOC 2019"


def test_an_assistant_director_is_an_education_administrator(make, profile):
    for specialization in profile.specializations:
        assert specialization.occupation_at("advanced").code == "11-9033.00"
        assert specialization.occupation_at("journey").code != "11-9033.00"


def test_hr_overrides_the_occupation_per_opening(make):
    category = jsonld(make, "--set", "occupation=25-9099.00", spec="registration")[
        "occupationalCategory"]
    assert category["codeValue"] == "25-9099.00"
    assert "name" not in category  # O*NET's title of a code the data does not hold is not guessed
    assert "O*NET-SOC code" in refusal(make, "--set", "occupation=25-9099")


_SALARIED = parse_position({"salary_min": "45000", "salary_max": "52000",
                            "location": "Raleigh, NC, US"})


def test_job_posting_directly_from_a_made_model(pipeline):
    from jdbuilder.compose import Request
    from jdbuilder.pipeline import make_parsed
    from jdbuilder.writers.jsonld import job_posting

    made = make_parsed(Request("posting", "admissions", "journey", _SALARIED),
                       None, pipeline, pipeline.organization())
    data = job_posting(made.model, dict(made.context), dt.date(2027, 1, 4))
    assert data["@type"] == "JobPosting" and data["datePosted"] == "2027-01-04"
    assert data["baseSalary"]["value"]["minValue"] == 45000
    description = make_parsed(Request("description", "admissions", "journey",
                                      _SALARIED), None, pipeline,
                              pipeline.organization())
    with pytest.raises(InputError, match="postings only"):
        job_posting(description.model, dict(description.context), dt.date(2027, 1, 4))
