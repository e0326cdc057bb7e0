"""The PDF writer: stamping (no LibreOffice needed), the missing-LibreOffice error, and a real
batch conversion (skipped without LibreOffice, except in CI)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from jdbuilder.clock import build_date
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


def test_a_batch_is_one_libreoffice_run_of_tagged_titled_pdfs(pdf_batch, tmp_path):
    # The session's batch (tests/pdfs.py) is one convert_docx_batch call over every document.
    assert len(pdf_batch.runs) == 1 and len(pdf_batch.pdfs) == len(pdf_batch.documents) > 2
    assert any(part.startswith("-env:UserInstallation=file://") for part in pdf_batch.runs[0])
    assert sum(part.endswith(".docx") for part in pdf_batch.runs[0]) == len(pdf_batch.documents)
    for name in ("posting", "description"):
        built, pdf = pdf_batch.documents[name], pdf_batch.pdfs[name]
        path = tmp_path / f"{built.kind}.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        assert re.search(rf"^Title:\s+{re.escape(built.model.title)}$", info, re.M)
        assert b"/Lang(en-US)" in pdf and b"pdfuaid:part" in pdf
        # No SOURCE_DATE_EPOCH here: created on the build date the pages print, at 00:00 UTC.
        day = build_date()
        assert re.search(rf"^CreationDate:.* {day:%b} +{day.day} 00:00:00 {day.year} UTC$",
                         info, re.M), info
        assert f"<xmp:CreateDate>{day:%Y-%m-%d}T00:00:00".encode() in pdf
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # "emb" column
    # Same LibreOffice, same fonts, same input: the same bytes (across two LibreOffice
    # processes: see test_build's PDF test).
    assert pdf_batch.documents["posting-again"].content == pdf_batch.documents["posting"].content
    assert pdf_batch.pdfs["posting-again"] == pdf_batch.pdfs["posting"]
