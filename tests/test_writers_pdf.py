"""The PDF writer: stamping (no LibreOffice needed), the missing-LibreOffice error, and a real
batch conversion (skipped without LibreOffice, except in CI)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest

from jdbuilder.compose import Request
from jdbuilder.writers import pdf as pdf_writer
from jdbuilder.writers.pdf import ConverterError, convert_docx_batch, stamp_pdf

WHEN = dt.datetime(2026, 3, 1, 12, 30, 5, tzinfo=dt.timezone.utc)

LIBREOFFICE_PDF = (
    b"%PDF-1.6\n1 0 obj\n<</Producer(LibreOffice 7.4)/CreationDate(D:20261129033745Z')>>\n"
    b"endobj\n2 0 obj\n<xmp:CreateDate>2026-11-29T03:37:45Z</xmp:CreateDate>\nendobj\n"
    b"trailer\n<</Size 3/ID [ <D4DBB287DEF5E668BADB0FF4836724D9>\n"
    b"<D4DBB287DEF5E668BADB0FF4836724D9> ]\n/DocChecksum /5C382430A58FBC8E1C91387879696C5B\n>>\n")


def test_stamps_become_the_document_date_and_content_hashes():
    stamped = stamp_pdf(LIBREOFFICE_PDF, WHEN)
    assert len(stamped) == len(LIBREOFFICE_PDF)  # no offset in the xref table moves
    assert b"/CreationDate(D:20260301123005Z')" in stamped
    assert b"<xmp:CreateDate>2026-03-01T12:30:05Z</xmp:CreateDate>" in stamped
    ids = re.findall(rb"<([0-9A-F]{32})>", stamped)
    assert len(ids) == 2 and ids[0] == ids[1] and ids[0] != b"D4DBB287DEF5E668BADB0FF4836724D9"
    checksum = re.search(rb"/DocChecksum /([0-9A-F]{32})", stamped).group(1)
    assert checksum == ids[0]
    # A conversion at another moment, with other identifiers, stamps to the same bytes.
    later = (LIBREOFFICE_PDF.replace(b"20261129033745", b"20261130101010")
             .replace(b"2026-11-29T03:37:45", b"2026-11-30T10:10:10")
             .replace(b"D4DBB287DEF5E668BADB0FF4836724D9", b"0123456789ABCDEF0123456789ABCDEF"))
    assert stamp_pdf(later, WHEN) == stamped
    # Different content, different identifier.
    other = stamp_pdf(LIBREOFFICE_PDF.replace(b"7.4", b"7.5"), WHEN)
    assert re.findall(rb"<([0-9A-F]{32})>", other)[0] != ids[0]


def test_without_libreoffice_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConverterError) as caught:
        convert_docx_batch([b"not converted"], WHEN)
    assert "apt-get install libreoffice-writer-nogui" in caught.value.message
    assert caught.value.exit_code == 2


@pytest.fixture(scope="module")
def soffice():
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        if os.environ.get("CI"):
            pytest.fail("CI needs soffice and pdfinfo; .ci/run installs them")
        pytest.skip("needs LibreOffice and poppler (apt-get install libreoffice-writer-nogui "
                    "poppler-utils)")
    return shutil.which("soffice")


def test_a_batch_is_one_libreoffice_run_of_tagged_titled_pdfs(pipeline, soffice, monkeypatch,
                                                             tmp_path):
    documents = [pipeline.build(Request(kind, "admissions", "journey"), "docx",
                                pipeline.organization()) for kind in ("posting", "description")]
    runs = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        runs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(pdf_writer.subprocess, "run", counting_run)
    pdfs = convert_docx_batch([built.content for built in documents], WHEN)
    assert len(runs) == 1 and len(pdfs) == 2
    assert any(part.startswith("-env:UserInstallation=file://") for part in runs[0])
    for built, pdf in zip(documents, pdfs):
        path = tmp_path / f"{built.kind}.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        assert re.search(rf"^Title:\s+{re.escape(built.title)}$", info, re.M)
        assert b"/Lang(en-US)" in pdf and b"pdfuaid:part" in pdf
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # "emb" column
    # Same LibreOffice, same fonts, same input: the same bytes.
    monkeypatch.setattr(pdf_writer.subprocess, "run", real_run)
    assert convert_docx_batch([documents[0].content], WHEN)[0] == pdfs[0]
