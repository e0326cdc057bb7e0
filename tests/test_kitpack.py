from __future__ import annotations

import io
import subprocess
import zipfile

import pytest

from jdbuilder.errors import InputError
from jdbuilder.kitpack import KitRequest, make_kit, pack_zip

from .helpers import docx_text
from .pdfs import needs_libreoffice

COMMITTEE = {"committee": "Ana Diaz (Chair); Lee Park (Human Resources)"}


def test_the_kit_has_all_five_parts_with_the_committee_and_says_each_problem_once(pipeline):
    kit = make_kit(KitRequest("residence-life", "advanced", COMMITTEE), pipeline, "docx")
    assert [made.kind for made in kit.parts] == [
        "interview", "screening", "assessment", "ladder", "panel"]
    assert kit.members == ("Ana Diaz", "Lee Park")
    guide, matrix, panel = (docx_text(kit.parts[i].content) for i in (0, 1, 4))
    assert "I am Ana Diaz, and with me is Lee Park." in guide
    assert "Lee Park (Human Resources)" in matrix and "Ana Diaz (Chair)" in panel
    # The committee is shown by the guide, the matrix and the reference: not "unused".
    assert not [p for p in kit.problems if p.code == "unused-field"]


def test_one_guide_per_member_with_their_name_in_place_of_the_unnamed_one(pipeline):
    kit = make_kit(KitRequest("admissions", "journey", COMMITTEE, per_member=True), pipeline,
                   "md")
    guides = [made for made in kit.parts if made.kind == "interview"]
    assert len(guides) == 2 and len(kit.parts) == 6
    assert "**Panel member:** Ana Diaz" in guides[0].content.decode()
    names = zipfile.ZipFile(io.BytesIO(pack_zip(kit))).namelist()
    assert names[:2] == ["senior-admissions-counselor-interview-ana-diaz.md",
                         "senior-admissions-counselor-interview-lee-park.md"]
    assert "senior-admissions-counselor-panel.md" in names
    with pytest.raises(InputError, match="--per-member: the committee names nobody"):
        make_kit(KitRequest("admissions", "journey", {}, per_member=True), pipeline, "md")


def test_jdbuilder_kit_writes_one_pdf_with_every_part_and_the_names(cli, tmp_path, monkeypatch):
    needs_libreoffice()
    monkeypatch.chdir(tmp_path)
    result = cli(["kit", "-s", "reslife", "-l", "journey", "--set",
                  "committee=Ana Diaz (Chair); Lee Park (HR)"],
                 catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "for Ana Diaz, Lee Park" in result.output
    path = tmp_path / "senior-residence-life-coordinator-kit.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for heading in ("Structured Interview Guide", "Applicant Screening Matrix",
                    "Competency Assessment Worksheet", "Career Ladder", "Interviewer Reference"):
        assert heading in flat
    assert "Ana Diaz (Chair)" in flat and "Lee Park (HR)" in flat
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert "Hiring kit: Senior Residence Life Coordinator" in info


def test_kit_refuses_a_pdf_of_other_formats(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(["kit", "-s", "reslife", "-l", "journey", "--format",
                  "html"])
    assert result.exit_code == 2 and "name a .zip" in result.output


def test_the_bound_kit_is_one_docx_with_a_section_per_part_handed_to_the_converter(
        make_pipeline):
    import docx

    from jdbuilder.kitpack import bind_pdf, kit_stem
    from jdbuilder.pipeline import Sources

    converted = []

    def converter(document: bytes, created) -> bytes:  # LibreOffice's place: the .docx it gets
        converted.append(document)
        return b"%PDF-bound"

    pipeline = make_pipeline(Sources(), convert_pdf=converter)
    kit = make_kit(KitRequest("residence-life", "advanced", COMMITTEE), pipeline, "docx")
    assert bind_pdf(kit, pipeline) == b"%PDF-bound"
    (bound,) = converted
    book = docx.Document(io.BytesIO(bound))
    assert book.core_properties.title == f"Hiring kit: {kit.title}"
    sections = book.sections
    assert len(sections) == len(kit.parts)
    sideways = [section.page_width > section.page_height for section in sections]
    assert sideways == [made.model.landscape for made in kit.parts]
    text = docx_text(bound)
    for made in kit.parts:  # every part's own opening line is in it
        assert next(line for line in docx_text(made.content).splitlines() if line) in text
    assert kit_stem(kit) == f"{kit.title.lower().replace(' ', '-')}-kit"
