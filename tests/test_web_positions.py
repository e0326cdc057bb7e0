"""The web page's own-position part: a starter to download, documents from an uploaded file."""

from __future__ import annotations

import io

import pytest

from jdbuilder.positionfile import MAX_POSITION_FILE_BYTES, builtin_content, parse_position_file

from .test_positionfile import TAILORED


@pytest.fixture(scope="module")
def client(make_app):
    return make_app().test_client()


def _upload(text: str | bytes, name: str = "rlc.yaml", **form: str) -> dict:
    data = text.encode() if isinstance(text, str) else text
    return {"position": (io.BytesIO(data), name), **form}


def test_the_starter_downloads_for_a_role_and_loads_back_unchanged(client, profile):
    for address in ("/api/position?role=residence-life/journey",
                    "/position/starter?role=residence-life/journey",
                    "/api/position?specialization=reslife&level=journey"):
        response = client.get(address)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == \
            "attachment; filename=residence-life-journey.yaml"
        position = parse_position_file(response.data, "x.yaml", profile)
        assert position.content == builtin_content(
            profile.specialization("residence-life"), "journey")


def test_a_document_is_made_from_an_uploaded_position_file(client):
    response = client.post("/api/position/documents/description",
                           data=_upload(TAILORED, format="md", supervisor="Morgan Lee"))
    assert response.status_code == 200, response.data[:300]
    text = response.data.decode()
    assert "Living-Learning Community Partnership" in text and "Morgan Lee" in text
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=residence-life-coordinator-description-00045123.md"
    page = client.post("/position", data=_upload(TAILORED, kind="interview", format="docx"))
    assert page.status_code == 200
    assert page.headers["Content-Disposition"].endswith("interview-00045123.docx")


def test_a_bad_position_file_is_a_4xx_with_the_error_line(client):
    bad = TAILORED.replace("    percent: 25\n", "    percent: 30\n")
    line = ("Error: rlc.yaml, line 13, field 'duties': the duties' percents total 105, not "
            "100; adjust their percent values")
    response = client.post("/api/position/check", data=_upload(bad))
    assert response.status_code == 400 and response.json["error"] == line
    page = client.post("/position", data=_upload(bad, kind="posting"))
    assert page.status_code == 400 and line in page.data.decode().replace("&#39;", "'")
    big = client.post("/api/position/check",
                      data=_upload(b"#" * (MAX_POSITION_FILE_BYTES + 1)))
    assert big.status_code == 400
    assert big.json["error"] == (f"Error: rlc.yaml: more than the {MAX_POSITION_FILE_BYTES:,}"
                                 "-byte limit for a position file")
    wrong = client.post("/api/position/check", data=_upload(TAILORED, name="rlc.docx"))
    assert wrong.status_code == 400 and "a position file must be a .yaml, .yml file" \
        in wrong.json["error"]


def test_the_check_api_says_what_the_position_is(client):
    response = client.post("/api/position/check", data=_upload(TAILORED))
    assert response.status_code == 200
    assert response.json["summary"] == ("Residence Life Coordinator (Residence Life and "
                                        "Housing, Journey): 7 duties totalling 100%, 5 essential")
    assert "Contributing title" in response.json["notes"][0]


def test_the_page_offers_both_steps(client):
    page = client.get("/position").data.decode()
    assert 'action="/position/starter"' in page and 'name="position" type="file"' in page
    assert 'aria-current="page">Your own position' in page
