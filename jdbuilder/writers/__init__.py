"""One writer per output format, each reading the same block model; the table below is the one
place a format is declared (name, suffixes, whether it may go to standard output, its writer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..markup import DocumentModel
    from .docx import Reference


@dataclass(frozen=True)
class WriteJob:
    """What a writer may need besides the block model: the composed context, the document
    dates, and the reference document (loaded only by the formats that use it)."""

    context: dict[str, Any]
    created: dt.datetime  # document properties' date
    today: dt.date  # the build date (JSON-LD datePosted when no `posted`)
    reference: Callable[[], Reference] = field(repr=False)
    # .docx bytes -> PDF bytes; None: LibreOffice started for this document (writers.pdf). A
    # server passes its warm LibreOffice (writers.office); the bytes are the same.
    convert_pdf: Callable[[bytes, dt.datetime], bytes] | None = field(default=None, repr=False)


Writer = Callable[["DocumentModel", WriteJob], bytes]


def _docx(model: DocumentModel, job: WriteJob) -> bytes:
    from .docx import write_docx

    return write_docx(model, job.reference(), job.created)


def _pdf(model: DocumentModel, job: WriteJob) -> bytes:
    from .pdf import convert_docx

    return (job.convert_pdf or convert_docx)(_docx(model, job), job.created)


def _html(model: DocumentModel, job: WriteJob) -> bytes:
    from .html import write_html

    json_ld = None
    if job.context["kind"] == "posting" and job.context["address"]["country"]:
        from .jsonld import write_jsonld

        json_ld = write_jsonld(model, job.context, job.today)
    return write_html(model, json_ld).encode("utf-8")


def _markdown(model: DocumentModel, job: WriteJob) -> bytes:
    from .markdown import write_markdown

    return write_markdown(model).encode("utf-8")


def _text(model: DocumentModel, job: WriteJob) -> bytes:
    from .text import write_text

    return write_text(model).encode("utf-8")


def _jsonld(model: DocumentModel, job: WriteJob) -> bytes:
    from .jsonld import write_jsonld

    return write_jsonld(model, job.context, job.today).encode("utf-8")


def _fields(model: DocumentModel, job: WriteJob) -> bytes:
    from .fields import write_fields

    return write_fields(model, job.context).encode("utf-8")


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    write: Writer
    text: bool = True  # may go to standard output
    other_suffixes: tuple[str, ...] = ()  # also read as this format in an output name
    uses_reference: bool = False  # made from the reference document: its styles are checked
    # Converted from another format's bytes by an outside program: a build makes that format
    # and converts all such documents in one run (see build._Conversions).
    converted_from: str | None = None


REGISTRY: dict[str, Format] = {f.name: f for f in (
    Format("docx", ".docx", _docx, text=False, uses_reference=True),
    # Converted from the .docx by LibreOffice (writers.pdf batches many in one process).
    Format("pdf", ".pdf", _pdf, text=False, uses_reference=True, converted_from="docx"),
    Format("html", ".html", _html, other_suffixes=(".htm",)),
    Format("md", ".md", _markdown, other_suffixes=(".markdown",)),
    Format("txt", ".txt", _text),
    Format("jsonld", ".jsonld", _jsonld, other_suffixes=(".json",)),
    # An applicant tracking system's fields, as JSON (jdbuilder.writers.fields).
    Format("fields", ".fields.json", _fields),
)}
FORMATS = tuple(REGISTRY)
TEXT_FORMATS = tuple(name for name, entry in REGISTRY.items() if entry.text)
SUFFIXES = {name: entry.suffix for name, entry in REGISTRY.items()}
CONVERTED_FORMATS = tuple(name for name, entry in REGISTRY.items() if entry.converted_from)
_BY_SUFFIX = {suffix: entry.name for entry in REGISTRY.values()
              for suffix in (entry.suffix, *entry.other_suffixes)}


def format_for_suffix(suffix: str) -> str | None:
    return _BY_SUFFIX.get(suffix.lower())
