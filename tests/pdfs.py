"""One LibreOffice run for every PDF the tests read: starting LibreOffice is most of a
conversion's cost, so the documents of test_libreoffice, test_writers_pdf and
test_output_accessibility are converted together, once per session, by the PDF writer itself.

The bulk build's test starts its own LibreOffice (the build's one run per build is what it tests)
and compares its PDF of the same posting with this batch's: conversion is deterministic across
LibreOffice processes. The `posting --format pdf` test gets this batch's PDF of the .docx the
command made (it must be one converted here).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field

import pytest

from jdbuilder.clock import created_timestamp
from jdbuilder.compose import Request
from jdbuilder.pipeline import MadeDocument, Pipeline
from jdbuilder.position import parse_position
from jdbuilder.spec import DOCUMENT_KINDS

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
KIT_KINDS = ("interview", "screening", "assessment", "ladder")
# A full organization: the posting's HTML then carries JSON-LD and the apply link.
FULL_ORG = """\
name: Example University
eeo_statement: Example University is an equal opportunity employer.
website: https://www.example.edu
location: {city: Raleigh, region: NC, country: US}
apply: {url: "https://jobs.example.edu/apply"}
"""
# Every kind, with the full organization, for the PDF accessibility tests.
ACCESSIBILITY_VARIANT = ("financial-aid", "advanced")


def needs_libreoffice() -> None:
    """Skip without LibreOffice and poppler; in CI (CI=true) fail instead."""
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)}; .ci/run installs them")
        pytest.skip(f"needs {', '.join(missing)} (apt-get install libreoffice-writer-nogui "
                    "poppler-utils)")


@dataclass
class Batch:
    """The documents converted in one `convert_docx_batch` call, and the processes it ran."""

    documents: dict[str, MadeDocument]  # name -> the .docx made
    pdfs: dict[str, bytes]  # name -> its PDF
    runs: list[list[str]] = field(default_factory=list)  # every command the batch ran

    def pdf_of(self, docx: bytes) -> bytes | None:
        """This batch's PDF of exactly these .docx bytes, if it converted them."""
        digest = hashlib.sha256(docx).digest()
        for name, made in self.documents.items():
            if hashlib.sha256(made.content).digest() == digest:
                return self.pdfs[name]
        return None


def documents_to_convert(pipeline: Pipeline, full_org) -> dict[str, MadeDocument]:
    builtin = pipeline.organization()

    def made(kind: str, specialization: str, level: str, organization=builtin, **fields: str):
        request = (Request(kind, specialization, level, parse_position(fields)) if fields
                   else Request(kind, specialization, level))
        return pipeline.build(request, "docx", organization)

    documents = {
        # test_libreoffice: what LibreOffice lays out, page by page
        "posting-with-pay": made("posting", "admissions", "journey", salary_min="45000",
                                 salary_max="52000",
                                 title="Senior Admissions Counselor & Recruiter"),
        "description-financial-aid": made("description", "financial-aid", "advanced"),
        **{kind: made(kind, "admissions", "journey") for kind in KIT_KINDS},
        # test_writers_pdf: tagging, titles, fonts; the same .docx twice gives the same bytes.
        # test_build: the build's own run of this posting must give the same bytes.
        "posting": made("posting", "admissions", "journey"),
        "posting-again": made("posting", "admissions", "journey"),
        "description": made("description", "admissions", "journey"),
        # test_cli: what `posting --set title=... -o job.pdf` converts
        "posting-titled": made("posting", "admissions", "journey", title="Admissions Counselor"),
    }
    # test_libreoffice: every interview guide, each question kept together on its page
    for specialization in pipeline.profile.specializations:
        for level in pipeline.profile.levels:
            documents[f"interview-{specialization.id}-{level.id}"] = made(
                "interview", specialization.id, level.id)
    # test_libreoffice: the assessment worksheet at every level, two competencies to a page
    for level in pipeline.profile.levels:
        documents[f"assessment-{level.id}"] = made("assessment", "residence-life", level.id)
    # test_output_accessibility: every kind, tagged, titled, in English
    for kind in DOCUMENT_KINDS:
        documents[f"accessibility-{kind}"] = made(kind, *ACCESSIBILITY_VARIANT, full_org)
    return documents


def convert_once(pipeline: Pipeline, full_org) -> Batch:
    from jdbuilder.writers import pdf as pdf_writer

    documents = documents_to_convert(pipeline, full_org)
    runs: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        runs.append(list(command))
        return real_run(command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_writer.subprocess, "run", counting_run)
        converted = pdf_writer.convert_docx_batch([made.content for made in documents.values()],
                                                  created_timestamp())
    return Batch(documents, dict(zip(documents, converted)), runs)
