"""The HTTP API and the page, through Flask's test client (every endpoint, bad input too)."""

from __future__ import annotations

import base64
import csv
import io
import json
import logging
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest

from jdbuilder.pipeline import Sources
from jdbuilder.web.hosting import REQUEST_LOGGER
from jdbuilder.web.uploads import TEMP_PREFIX

from .helpers import docx_text

INLINE_ORG = ('{name: "Example State University", eeo_statement: "Example State University is '
              'an equal opportunity employer.", apply: {url: "https://jobs.example.edu/1"}}')
TWO_ROW_SPEC = f"""documents:
  - kind: posting
    specialization: admissions
    level: journey
    salary_min: 45000
    salary_max: 52000
    org: {INLINE_ORG}
  - kind: description
    specialization: Financial Aid
    level: advanced
""".encode()


@pytest.fixture(scope="module")
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def _one_line_error(response, status: int = 400) -> str:
    assert response.status_code == status, response.data[:500]
    assert response.is_json
    line = response.json["error"]
    assert line.startswith("Error: ") and "\n" not in line and "Traceback" not in line
    return line


def _report(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    """build-report.csv of a returned .zip, as dicts."""
    text = archive.read("build-report.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def own_temp(tmp_path, monkeypatch) -> Path:
    """A temporary folder of this test's own: other runs on the machine make theirs in /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _no_temporary_folders(temp: Path) -> None:
    assert not list(temp.glob(f"{TEMP_PREFIX}*"))


# ---------------------------------------------------------------------------------------------
# GET /api/profile


def test_profile_lists_specializations_levels_kinds_formats_and_fields(client, profile):
    data = client.get("/api/profile").json
    assert [s["id"] for s in data["specializations"]] == [s.id for s in profile.specializations]
    assert [level["id"] for level in data["levels"]] == [level.id for level in profile.levels]
    assert {"posting", "description"} <= {kind["id"] for kind in data["kinds"]}
    assert "summary" not in {kind["id"] for kind in data["kinds"]}
    assert "docx" in data["formats"] and "salary_min" in data["fields"]
    assert "org_apply_url" in data["organization_fields"]
    admissions = data["specializations"][0]
    assert admissions["titles"]["journey"] == profile.specializations[0].roles["journey"].title


# ---------------------------------------------------------------------------------------------
# GET /api/documents/{kind}


def test_document_docx_for_a_posting(client):
    response = client.get("/api/documents/posting?specialization=admissions&level=journey"
                          "&salary_min=45000&salary_max=52000&org_name=Example+State+University")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "senior-admissions-counselor-posting.docx" in response.headers["Content-Disposition"]
    text = docx_text(response.data)
    assert "Example State University" in text and "$45,000" in text
    docx.Document(io.BytesIO(response.data))  # opens


def test_document_in_every_format_by_name_or_alias(client):
    for fmt in ("html", "md", "txt"):
        response = client.get(f"/api/documents/description?specialization=Financial+Aid"
                              f"&level=Advanced&format={fmt}")
        assert response.status_code == 200, response.data[:300]
        assert response.headers["Content-Disposition"].endswith(f"-description.{fmt}")
        assert b"Financial Aid" in response.data
    posting = client.get("/api/documents/posting?specialization=finaid&level=advanced"
                         "&format=jsonld&org_city=Greensboro&org_region=NC&org_country=US")
    assert posting.mimetype == "application/ld+json" and posting.json["@type"] == "JobPosting"
    assert "postings only" in _one_line_error(client.get(
        "/api/documents/description?specialization=finaid&level=advanced&format=jsonld"))


def test_json_ld_without_a_country_says_the_fix_in_the_pages_words(client):
    line = _one_line_error(client.get("/api/documents/posting?specialization=finaid"
                                      "&level=advanced&format=jsonld"))
    assert line == ("Error: JSON-LD for Google for Jobs needs the country the job is in: give "
                    "Country under Your organization, or write Location as 'City, Region, "
                    "Country'.")


def test_a_ladder_needs_no_level_and_a_posting_still_does(client):
    response = client.get("/api/documents/ladder?specialization=admissions&format=md")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Disposition"].endswith(
        "undergraduate-admissions-ladder.md")
    assert response.data.decode().startswith("# Career Ladder: Undergraduate Admissions")
    assert "level: missing" in _one_line_error(
        client.get("/api/documents/posting?specialization=admissions"))


def test_document_escapes_a_title_holding_script(client):
    response = client.get("/api/documents/posting", query_string={
        "specialization": "admissions", "level": "journey", "format": "html",
        "title": "<script>alert(1)</script> Counselor"})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Counselor" in response.data


def test_typo_in_specialization_is_a_400_naming_the_right_one(client):
    line = _one_line_error(client.get("/api/documents/posting?specialization=admisions"
                                      "&level=journey"))
    assert "unknown specialization 'admisions'" in line and "Did you mean 'admissions'" in line


@pytest.mark.parametrize(("query", "expected"), [
    ("specialization=admissions&level=journey&salry_min=1",
     "unknown parameter 'salry_min' (did you mean 'salary_min'?)"),
    ("specialization=admissions&level=journey&salary_min=45000&salary_max=40000",
     "salary_min 45000 is above salary_max 40000; swap them"),
    ("specialization=admissions&level=journey&closes=2027-02-30", "field 'closes'"),
    ("specialization=admissions&level=jorney", "Did you mean 'journey'"),
    ("specialization=admissions", "level: missing"),
    ("specialization=admissions&level=journey&format=pdff", "unknown format 'pdff'"),
    ("specialization=admissions&level=journey&title=a&title=b", "title: given twice"),
    ("specialization=admissions&level=journey&org_website=www.example.edu",
     "field 'org_website': 'www.example.edu' is not a web address"),
    ("specialization=admissions&level=journey&org_nme=X", "did you mean 'org_name'?"),
])
def test_bad_document_input_is_one_line_400(client, query, expected):
    assert expected in _one_line_error(client.get(f"/api/documents/posting?{query}"))


def test_unknown_kind_is_400_with_the_kinds(client):
    line = _one_line_error(client.get("/api/documents/postng?specialization=admissions"
                                      "&level=journey"))
    assert "did you mean 'posting'?" in line


def test_an_empty_parameter_means_not_given(client):
    response = client.get("/api/documents/posting?specialization=admissions&level=journey"
                          "&format=txt&title=&salary_min=&org_name=")
    assert response.status_code == 200
    assert b"Senior Admissions Counselor" in response.data


def test_unknown_address_is_json_404(client):
    assert "/api/nothing" in _one_line_error(client.get("/api/nothing"), 404)


# ---------------------------------------------------------------------------------------------
# GET /api/preview/{kind}


def test_preview_marks_coded_words_and_lists_findings(client):
    # The built-in text is written to be neutral; a typed schedule brings coded words in.
    data = client.get("/api/preview/posting?specialization=admissions&level=journey"
                      "&schedule=Confident+self-starters+who+support+the+team").json
    assert data["title"] == "Senior Admissions Counselor"
    assert '<mark class="coded masculine"' in data["html"]
    assert '<mark class="coded feminine"' in data["html"]
    codes = {problem["code"] for problem in data["problems"]}
    assert {"gendered-wording", "completeness"} <= codes
    assert all(problem["line"] for problem in data["problems"])
    assert data["figures"]["words"] > 500


def test_preview_follows_the_fields(client):
    data = client.get("/api/preview/posting?specialization=admissions&level=journey"
                      "&org_apply_url=https://jobs.example.edu/9&location=Greensboro,+NC").json
    codes = {problem["code"] for problem in data["problems"]}
    assert "how-to-apply-missing" not in codes and "location" not in codes
    assert "https://jobs.example.edu/9" in data["html"]


# ---------------------------------------------------------------------------------------------
# POST /api/check


def test_check_an_uploaded_posting(client):
    posting = client.get("/api/documents/posting?specialization=admissions&level=journey").data
    response = client.post("/api/check", data={"file": (io.BytesIO(posting), "my posting.docx")})
    assert response.status_code == 200
    document = response.json["documents"][0]
    assert document["source"] == "my-posting.docx"
    assert {finding["check"] for finding in document["findings"]} >= {"completeness"}
    assert response.json["summary"]["documents"] == 1


def test_check_an_upload_is_what_the_command_line_check_says(client):
    import docx  # a Word file made elsewhere: no title, so accessibility has something to say

    made_elsewhere = docx.Document()
    made_elsewhere.add_heading("Office Assistant", level=1)
    made_elsewhere.add_paragraph("You will answer questions from students.")
    buffer = io.BytesIO()
    made_elsewhere.save(buffer)
    document = client.post("/api/check", data={"file": (io.BytesIO(buffer.getvalue()), "p.docx")}
                           ).json["documents"][0]
    assert "accessibility" in {finding["check"] for finding in document["findings"]}


def test_check_a_description_as_one(client):
    pd = client.get("/api/documents/description?specialization=admissions&level=journey"
                    "&format=md").data
    checks = {finding["check"] for finding in client.post(
        "/api/check?kind=description", data={"file": (io.BytesIO(pd), "pd.md")}
    ).json["documents"][0]["findings"]}
    assert "completeness" not in checks and "readability" in checks
    recognised = client.post("/api/check", data={"file": (io.BytesIO(pd), "pd.md")}
                             ).json["documents"][0]
    assert recognised["figures"]["kind"] == "description"  # without a kind, by its headings
    assert "completeness" not in {finding["check"] for finding in recognised["findings"]}
    line = _one_line_error(client.post("/api/check?kind=descripton",
                                       data={"file": (io.BytesIO(pd), "pd.md")}))
    assert "did you mean 'description'?" in line


def test_check_an_uploaded_spec_names_rows_without_server_paths(client, own_temp):
    spec = TWO_ROW_SPEC + b"  - kind: posting\n    specialization: admisions\n    level: journey\n"
    response = client.post("/api/check", data={"file": (io.BytesIO(spec), "jobs.yaml")})
    text = json.dumps(response.json)
    assert "jobs.yaml, line 12" in text and "did you mean 'admissions'?" in text
    assert TEMP_PREFIX not in text
    _no_temporary_folders(own_temp)


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("posting.exe", b"MZ", "must be a .docx"),
    ("posting.docx", b"not a zip", "posting.docx: not a Word document"),
    ("../../etc/passwd.md", None, None),  # a path in the name is only a name
])
def test_check_refuses_bad_uploads_in_one_line(client, name, content, expected):
    if content is None:
        response = client.post("/api/check", data={"file": (io.BytesIO(b"# Title\n\nText."),
                                                            name)})
        assert response.status_code == 200
        assert response.json["documents"][0]["source"] == "passwd.md"
        return
    line = _one_line_error(client.post("/api/check", data={"file": (io.BytesIO(content), name)}))
    assert expected in line and TEMP_PREFIX not in line


def test_check_without_a_file_says_which_field(client):
    assert "no file uploaded" in _one_line_error(client.post("/api/check", data={}))


# ---------------------------------------------------------------------------------------------
# POST /api/build


def test_build_returns_a_zip_for_a_two_row_spec(client, own_temp):
    response = client.post("/api/build", data={"spec": (io.BytesIO(TWO_ROW_SPEC), "jobs.yaml")})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["X-Jdbuilder-Summary"].startswith("Built 2, unchanged 0, failed 0")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {"senior-admissions-counselor-posting.docx", "manifest.json",
            "build-report.csv"} <= names
    description = next(name for name in names if name.endswith("-description.docx"))
    assert "Financial Aid" in docx_text(archive.read(description))
    assert "Example State University" in docx_text(
        archive.read("senior-admissions-counselor-posting.docx"))
    manifest = archive.read("manifest.json").decode()
    assert "jobs.yaml, line 2" in manifest and TEMP_PREFIX not in manifest
    report = _report(archive)
    assert [row["status"] for row in report] == ["built", "built"]
    assert report[0]["row"] == "jobs.yaml, line 2" and TEMP_PREFIX not in str(report)
    _no_temporary_folders(own_temp)


def test_build_reports_each_bad_row_and_builds_the_rest(client):
    spec = (b"kind,specialization,level,salary_min,salary_max\n"
            b"posting,admissions,journey,45000,52000\n"
            b"posting,admisions,journey,,\n")
    response = client.post("/api/build", data={"spec": (io.BytesIO(spec), "jobs.csv"),
                                               "format": "md"})
    assert response.status_code == 200
    report = _report(zipfile.ZipFile(io.BytesIO(response.data)))
    # The built-in organization says no way to apply: the posting is written, not publishable.
    assert [row["status"] for row in report] == ["built, must fix", "invalid"]
    assert report[0]["output"].endswith(".md")
    assert report[1]["row"] == "jobs.csv, row 3"
    assert "unknown specialization 'admisions'; did you mean 'admissions'?" in report[1]["errors"]


def test_build_reads_an_uploaded_spreadsheet(client):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["kind", "specialization", "level", "position_number"])
    sheet.append(["posting", "admissions", "journey", "00045678"])
    sheet.append(["description", "reslife", "contributing", None])
    data = io.BytesIO()
    workbook.save(data)
    response = client.post("/api/build", data={"spec": (io.BytesIO(data.getvalue()),
                                                        "jobs.xlsx")})
    assert response.status_code == 200, response.data[:300]
    assert response.headers["X-Jdbuilder-Summary"].startswith("Built 2, unchanged 0, failed 0")


def test_build_refuses_organization_files_named_by_a_client(client):
    spec = (b"documents:\n  - kind: posting\n    specialization: admissions\n"
            b"    level: journey\n    org: /etc/passwd\n")
    response = client.post("/api/build", data={"spec": (io.BytesIO(spec), "jobs.yaml")})
    assert response.headers["X-Jdbuilder-Summary"].startswith("Built 0, unchanged 0, failed 1")
    report = _report(zipfile.ZipFile(io.BytesIO(response.data)))
    assert "cannot name an organization file" in report[0]["errors"]


def test_build_of_an_unreadable_spec_is_one_line_400(client):
    line = _one_line_error(client.post("/api/build", data={
        "spec": (io.BytesIO(b"documents: [\n"), "jobs.yaml")}))
    assert line.startswith("Error: jobs.yaml, line 2: YAML syntax error")
    assert "a spec must be a .yaml" in _one_line_error(client.post("/api/build", data={
        "spec": (io.BytesIO(b"x"), "jobs.xlsx.exe")}))


def test_uploads_over_the_limit_are_413(make_app):
    small = make_app(max_upload_bytes=1024).test_client()
    response = small.post("/api/build", data={"spec": (io.BytesIO(b"#" * 4096), "jobs.yaml")})
    assert "1,024-byte limit" in _one_line_error(response, 413)


# ---------------------------------------------------------------------------------------------
# The page (no JavaScript: what a plain form submission gets)


def test_page_is_a_form_listing_the_specializations_by_working_title(client, profile):
    page = client.get("/").data.decode()
    assert '<form id="document-form"' in page
    for specialization in profile.specializations:
        assert f'<optgroup label="{specialization.name}">' in page
        assert specialization.roles["journey"].title in page
    assert 'name="salary_min"' in page and 'name="org_apply_url"' in page
    assert "srcdoc=" in page and "&lt;h1" in page  # the preview, escaped


def test_page_without_javascript_previews_the_submitted_form(client):
    page = client.get("/?job=financial-aid&level=advanced&kind=description&department=Office+of+"
                      "Student+Aid").data.decode()
    assert "Office of Student Aid" in page
    assert 'value="financial-aid" data-title="" selected' in page
    assert 'value="advanced" selected' in page


def test_page_download_buttons_lead_to_the_api(client):
    response = client.get("/?job=admissions&level=journey&kind=posting&download=docx&title="
                          "&salary_min=45000")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/api/documents/posting?")
    assert "format=docx" in location and "salary_min=45000" in location
    assert "title=" not in location
    assert client.get(location).status_code == 200


def test_page_shows_bad_input_in_one_line(client):
    response = client.get("/?job=admissions&level=journey&salary_min=lots")
    assert response.status_code == 400
    assert b"Error: field &#39;salary_min&#39;" in response.data


def test_spec_page_builds_and_offers_the_zip(client):
    assert b'enctype="multipart/form-data"' in client.get("/spec").data
    page = client.post("/spec", data={"spec": (io.BytesIO(TWO_ROW_SPEC), "jobs.yaml"),
                                      "format": "docx"}).data.decode()
    assert "Built 2, unchanged 0, failed 0 (of 2 documents)" in page
    assert 'href="data:application/zip;base64,' in page and 'download="jobs.zip"' in page
    assert "jobs.yaml, line 2" in page and "jobs.yaml, line 8" in page
    assert "build-report.csv" in page


def test_server_templates_and_reference_come_from_the_server(make_app, tmp_path):
    missing = tmp_path / "missing.docx"
    with pytest.raises(Exception, match="reference document not found"):
        make_app(Sources(reference_docx=missing))


def test_page_addresses_follow_a_proxy_path_prefix(client):
    page = client.get("/", environ_overrides={"SCRIPT_NAME": "/hr"}).data.decode()
    assert 'data-preview="/hr/api/preview/KIND"' in page
    assert 'href="/hr/static/page.css"' in page and 'src="/hr/static/page.js"' in page
    response = client.get("/?job=admissions&level=journey&download=md",
                          environ_overrides={"SCRIPT_NAME": "/hr"})
    assert response.headers["Location"].startswith("/hr/api/documents/posting?")


def test_pdfs_come_from_one_warm_libreoffice_with_the_command_lines_bytes(make_app, pdf_batch):
    from jdbuilder.writers.office import uno_python

    if uno_python() is None:
        pytest.skip("needs a Python that can import uno (apt-get install python3-uno)")
    app = make_app(pdf_workers=1)
    client = app.test_client()
    for _ in range(2):
        response = client.get("/api/documents/posting?specialization=admissions&level=journey"
                              "&format=pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.data == pdf_batch.pdfs["posting"]
    office = app.extensions["jdbuilder.office"]
    assert [each.starts for each in office.offices] == [1]
    office.close()


def test_build_takes_a_kind_for_the_rows_that_name_none(client):
    spec = (b"Spring 2027 openings,,\n"
            b"Job Title,Specialization,Level\n"
            b"Transfer Counselor,admissions,journey\n")
    response = client.post("/api/build", data={"spec": (io.BytesIO(spec), "jobs.csv"),
                                               "format": "md", "kind": "posting"})
    assert response.status_code == 200
    [row] = _report(zipfile.ZipFile(io.BytesIO(response.data)))
    assert row["output"] == "transfer-counselor-posting.md" and row["row"] == "jobs.csv, row 3"
    page = client.post("/spec", data={"spec": (io.BytesIO(spec), "jobs.csv"), "kind": "postng"})
    assert page.status_code == 400
    assert "unknown document kind &#39;postng&#39; (did you mean &#39;posting&#39;?)" in \
        page.get_data(as_text=True)


def test_any_title_at_any_level_is_one_choice_and_the_document_says_it(client):
    page = client.get("/?job=residence-life/contributing&level=journey").data.decode()
    assert 'value="residence-life/contributing" data-title="Residence Life Coordinator" selected' \
        in page and 'value="journey" selected' in page
    preview = page[page.index('id="preview"'):]
    assert "Residence Life Coordinator" in preview and "Senior Residence Life" not in preview
    notes = page[page.index('id="notes-list"'):]
    assert "the title the band gives the Contributing level" in notes
    assert "written at the Journey level" in notes and 'data-field="f-title"' in notes
    # The download says the same title at the same level.
    response = client.get("/?job=residence-life/contributing&level=journey&download=md")
    document = client.get(response.headers["Location"]).data.decode()
    assert document.startswith("# Residence Life Coordinator")
    # A typed title wins over the picked one.
    typed = client.get("/?job=residence-life/contributing&level=journey&title=Hall+Director")
    assert "Hall Director" in typed.data.decode()


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_shared_organization_a_trusted_user_and_the_audit_log(make_app, tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text("name: Example State University\nlocation: {city: Boone, region: NC, "
                   "country: US}\napply: {url: 'https://jobs.example.edu/1'}\n",
                   encoding="utf-8")
    audit = tmp_path / "audit.jsonl"
    app = make_app(org_file=str(org), user_header="X-Remote-User", audit_log=str(audit),
                   pdf_workers=0)
    client = app.test_client()
    requests = _Lines()
    logging.getLogger(REQUEST_LOGGER).addHandler(requests)
    # The page shows the server's organization, and the preview uses it with no input.
    page = client.get("/").data.decode()
    assert "This server's organization: <strong>Example State University</strong>" in page
    preview = client.get("/api/preview/posting?specialization=admissions&level=journey").json
    assert "Example State University" in preview["html"]
    assert "org_apply_url" not in {f.get("field") for f in preview["findings"]}
    # Staff can still replace part of it for one document.
    other = client.get("/api/preview/posting?specialization=admissions&level=journey"
                       "&org_name=Other+College").json
    assert "Other College" in other["html"]
    # Every document built is in the audit log with the user the proxy names.
    query = "/api/documents/posting?specialization=admissions&level=journey&format=md"
    assert client.get(query, headers={"X-Remote-User": "jdoe@example.edu"}).status_code == 200
    assert client.get(query).status_code == 200
    lines = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert [line["who"] for line in lines] == ["jdoe@example.edu", None]
    assert lines[0]["kind"] == "posting" and lines[0]["format"] == "md"
    assert lines[0]["output"].endswith("-posting.md") and lines[0]["inputs"] == lines[1]["inputs"]
    assert set(lines[0]) == {"when", "who", "kind", "format", "inputs", "output"}
    # A spec's documents are recorded one by one.
    client.post("/api/build", data={"spec": (io.BytesIO(TWO_ROW_SPEC), "jobs.yaml")},
                headers={"X-Remote-User": "hr-lead"})
    lines = audit.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(json.loads(line)["who"] == "hr-lead" for line in lines[2:])
    health = client.get("/healthz").json
    assert health["status"] == "ok" and health["organization"] == "Example State University"
    # One structured line per request, without the query (what users typed).
    logging.getLogger(REQUEST_LOGGER).removeHandler(requests)
    logged = [json.loads(line) for line in requests.lines]
    assert {"method": "GET", "path": "/healthz", "status": 200}.items() <= logged[-1].items()
    assert all("?" not in entry["path"] for entry in logged)


def test_an_audit_log_that_cannot_be_written_stops_the_start(make_app, tmp_path):
    from jdbuilder.errors import InputError

    with pytest.raises(InputError, match=r"--audit-log .*: cannot write there"):
        make_app(audit_log=str(tmp_path / "missing" / "audit.jsonl"))


def test_the_api_gives_a_posting_as_ats_fields_and_the_page_offers_to_copy_them(client):
    response = client.get("/api/documents/posting?specialization=admissions&level=journey"
                          "&format=fields&salary_min=45000&salary_max=52000")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].endswith("-posting.fields.json")
    fields = response.json["fields"]
    assert "$45,000" in fields["pay"]["text"] and fields["duties"]["html"].startswith("<ul><li>")
    assert "a form" in _one_line_error(client.get(
        "/api/documents/interview?specialization=admissions&level=journey&format=fields"))
    page = client.get("/").data.decode()
    assert 'id="ats"' in page and "/api/documents/KIND" in page


def _two_sheet_workbook() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Spring"
    first.append(["kind", "specialization", "level"])
    first.append(["posting", "admissions", "journey"])
    second = workbook.create_sheet("Fall")
    second.append(["kind", "specialization", "level", "position_number"])
    second.append(["posting", "reslife", "journey", "00099123"])
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def test_spec_page_reads_the_named_sheet_with_the_typed_organization(client):
    page = client.post("/spec", data={
        "spec": (io.BytesIO(_two_sheet_workbook()), "openings.xlsx"), "format": "docx",
        "sheet": "Fall", "org_name": "Blue Ridge Community College"}).data.decode()
    assert "Built 1, unchanged 0, failed 0 (of 1 document" in page, page[-3000:]
    encoded = page.split('href="data:application/zip;base64,', 1)[1].split('"', 1)[0]
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded)))
    documents = [name for name in archive.namelist() if name.endswith(".docx")]
    assert len(documents) == 1
    text = docx_text(archive.read(documents[0]))
    assert "Blue Ridge Community College" in text
    assert "00099123" in text and "Residence Life" in text and "Admissions" not in text
    assert 'value="Fall"' in page  # what was typed stays on the page


def test_spec_page_names_a_sheet_the_workbook_lacks(client):
    response = client.post("/spec", data={
        "spec": (io.BytesIO(_two_sheet_workbook()), "openings.xlsx"), "sheet": "Winter"})
    assert response.status_code == 400
    page = response.data.decode()
    assert '<div class="error" role="alert">Error: ' in page and "Winter" in page
    # In the page's words: its field, never the command line's option; the upload by its name.
    assert "Error: the Sheet field &#39;Winter&#39;, openings.xlsx: no such sheet; its " \
           "sheets: Spring, Fall" in page
    assert "--sheet" not in page.split('role="alert">', 1)[1].split("</div>", 1)[0]


def test_the_organization_fields_say_the_system_and_a_typed_name_keeps_no_built_in_one(
        client, own_temp):
    page = client.get("/").data.decode()
    assert '<select id="f-org_system" name="org_system"' in page
    assert '<select id="f-org_public_employer" name="org_public_employer"' in page
    assert "none under a name you type" in page
    query = "/api/preview/posting?specialization=admissions&level=journey&org_name=Acme+College"
    assert "State Health Plan" not in client.get(query).json["html"]
    assert "State Health Plan" in client.get(query + "&org_system=UNC+System").json["html"]
    spec = b"documents:\n  - {kind: posting, specialization: admissions, level: journey}\n"
    built = client.post("/api/build", data={"spec": (io.BytesIO(spec), "jobs.yaml"),
                                            "format": "md", "org_name": "Acme College",
                                            "org_system": "UNC System"})
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        text = next(archive.read(name).decode() for name in archive.namelist()
                    if name.endswith(".md"))
    assert "Acme College" in text and "State Health Plan" in text


def test_the_app_loads_its_pipeline_once_from_the_factory_passed_in(make_pipeline, tmp_path):
    from jdbuilder.web import create_app

    asked = []

    def factory(sources, *, convert_pdf=None):
        asked.append(sources)
        return make_pipeline(sources, convert_pdf=convert_pdf)

    client = create_app(make_pipeline=factory, pdf_workers=0, request_log=False).test_client()
    for _ in range(2):
        response = client.get("/api/documents/posting?specialization=admissions&level=journey"
                              "&format=md")
        assert response.status_code == 200 and b"Admissions" in response.data
    assert len(asked) == 1 and asked[0].org_files is False  # a client's spec names no files
