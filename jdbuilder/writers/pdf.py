"""PDF: the .docx we write, converted by LibreOffice running headless.

One `soffice` process converts a whole batch (a build's documents, or the one document a command
writes), with a private profile folder made for the run and removed after it, so it neither
waits for nor disturbs a LibreOffice the user has open. The export is a tagged PDF marked PDF/UA
(LibreOffice 7.2 and later), with the title, subject, author and language taken from the .docx,
the title shown in the window bar, and every font embedded (LibreOffice embeds subsets of the fonts
a document uses).

Determinism: LibreOffice stamps the PDF with the time of conversion (the Info dictionary and the
XMP packet) and derives the file identifier and checksum from it. Those stamps are replaced with
the document's creation date (clock.created_timestamp) and identifiers computed from the
content, all of the same length, so no offset moves. With the same LibreOffice version and the same fonts the
bytes are then identical run to run; another LibreOffice version or other installed fonts lay
the pages out differently, which no post-processing can undo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import JdbuilderError
from .pdftags import scope_row_headers

INSTALL_HINT = ("PDF output needs LibreOffice: install it (Debian/Ubuntu: apt-get install "
                "libreoffice-writer-nogui; macOS: brew install --cask libreoffice) or choose "
                "another --format")
# Per document, on top of a fixed start-up allowance: a slow machine converts a page in well
# under a second, so a conversion that takes this long has hung.
STARTUP_SECONDS = 120
SECONDS_PER_DOCUMENT = 30
EXPORT_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "UseLosslessCompression": {"type": "boolean", "value": "true"},
}
_CONVERT_TO = "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":"))


class ConverterError(JdbuilderError):
    """LibreOffice is missing or failed; exit code 2 like every other bad-setup error."""

    exit_code = 2


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConverterError(INSTALL_HINT)


class PdfBatch:
    """Documents gathered in a private scratch folder as they are made (so a big build holds
    none of them in memory), then converted by one LibreOffice run.

        with PdfBatch(created) as batch:
            number = batch.add(docx_bytes)
            for number, pdf_or_error in batch.convert(): ...
    """

    def __init__(self, created: dt.datetime, soffice: str | None = None,
                 convert: Callable[[bytes, dt.datetime], bytes] | None = None) -> None:
        self.created = created
        # A server's warm LibreOffice (writers.office) converts each document in turn instead.
        self.warm = convert
        self.program = "" if convert else soffice or find_soffice()  # refused before any work
        self._scratch = Path(tempfile.mkdtemp(prefix="jdbuilder-pdf-"))
        self._source = self._scratch / "in"
        self._source.mkdir()
        self._count = 0

    def __enter__(self) -> PdfBatch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)

    def __len__(self) -> int:
        return self._count

    def add(self, document: bytes) -> int:
        """Keep a .docx for the conversion; returns its number in the batch (0, 1, ...)."""
        (self._source / f"document-{self._count:06d}.docx").write_bytes(document)
        self._count += 1
        return self._count - 1

    def convert(self) -> Iterator[tuple[int, bytes | ConverterError]]:
        """Each document's PDF, or the error that kept it from being made, in order."""
        if not self._count:
            return
        if self.warm is not None:
            for number, path in enumerate(sorted(self._source.iterdir())):
                try:
                    yield number, self.warm(path.read_bytes(), self.created)
                except ConverterError as exc:
                    yield number, exc
            return
        target = self._scratch / "out"
        names = sorted(self._source.iterdir())
        command = [self.program, f"-env:UserInstallation={(self._scratch / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--convert-to", _CONVERT_TO,
                   "--outdir", str(target), *map(str, names)]
        timeout = STARTUP_SECONDS + SECONDS_PER_DOCUMENT * self._count
        try:
            # TZ=UTC: LibreOffice stamps local time, and UTC stamps have one length (see
            # stamp_pdf).
            finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                      stdin=subprocess.DEVNULL, env={**os.environ, "TZ": "UTC"})
        except FileNotFoundError:
            raise ConverterError(INSTALL_HINT) from None
        except subprocess.TimeoutExpired:
            raise ConverterError(f"LibreOffice did not finish converting {self._count} "
                                 f"document(s) to PDF within {timeout} s; close other "
                                 "LibreOffice windows or convert fewer at once") from None
        said = " ".join((finished.stderr or finished.stdout or "").split())[-200:]
        for number, path in enumerate(names):
            pdf = target / (path.stem + ".pdf")
            if pdf.is_file() and pdf.stat().st_size:
                yield number, stamp_pdf(pdf.read_bytes(), self.created)
                pdf.unlink()
            else:
                yield number, ConverterError(
                    f"LibreOffice ({self.program}) wrote no PDF for this document (exit code "
                    f"{finished.returncode}{': ' + said if said else ''}); check that the .docx "
                    "opens, e.g. with --format docx")


def convert_docx_batch(documents: Sequence[bytes], created: dt.datetime,
                       soffice: str | None = None) -> list[bytes]:
    """Each .docx in `documents` as a PDF, in order, from a single LibreOffice process."""
    if not documents:
        return []
    with PdfBatch(created, soffice) as batch:
        for document in documents:
            batch.add(document)
        pdfs = []
        for _, result in batch.convert():
            if isinstance(result, ConverterError):
                raise result
            pdfs.append(result)
        return pdfs


def convert_docx(document: bytes, created: dt.datetime, soffice: str | None = None) -> bytes:
    return convert_docx_batch([document], created, soffice)[0]


_INFO_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:\d{14}")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>"
                       rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_ID = re.compile(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}>")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}")


def stamp_pdf(pdf: bytes, created: dt.datetime) -> bytes:
    """Give row headers their row scope (pdftags), then replace the conversion-time stamps with
    `created`, and the identifiers with a hash of the stamped content. LibreOffice runs with
    TZ=UTC, so every stamp is UTC already, and each replacement has the length of what it
    replaces: no offset in the file moves."""
    pdf = scope_row_headers(pdf)
    moment = created.astimezone(dt.timezone.utc)
    info_date = moment.strftime("%Y%m%d%H%M%S").encode()
    xmp_date = moment.strftime("%Y-%m-%dT%H:%M:%S").encode()
    pdf = _INFO_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + info_date, pdf)
    pdf = _XMP_DATE.sub(lambda m: b"<xmp:" + m.group(1) + b">" + xmp_date, pdf)

    def identifiers(hex_digest: bytes, data: bytes) -> bytes:
        data = _ID.sub(lambda m: m.group(1) + hex_digest + m.group(2) + hex_digest + b">", data)
        return _CHECKSUM.sub(lambda m: m.group(1) + hex_digest, data)

    digest = hashlib.md5(identifiers(b"0" * 32, pdf), usedforsecurity=False).hexdigest()
    return identifiers(digest.upper().encode(), pdf)
