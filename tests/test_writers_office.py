"""The warm LibreOffice: the same bytes as the converter that starts LibreOffice each time, one
LibreOffice for many documents, started anew when it dies, and no LibreOffice left behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from jdbuilder.pipeline import created_timestamp
from jdbuilder.writers.office import OfficePool, uno_python, warm_pool


@pytest.fixture(scope="module")
def pool():
    from .pdfs import needs_libreoffice

    needs_libreoffice()
    if uno_python() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs python3-uno; .ci/run installs it")
        pytest.skip("needs a Python that can import uno (apt-get install python3-uno)")
    found = OfficePool(1)
    yield found
    found.close()


def test_warm_pdfs_are_byte_identical_to_a_fresh_libreoffices(pool, pdf_batch):
    for name in ("posting", "interview", "description"):
        made = pdf_batch.documents[name]
        assert pool.convert(made.content, created_timestamp()) == pdf_batch.pdfs[name], name
    assert pool.offices[0].starts == 1  # one LibreOffice for all three


def test_a_libreoffice_that_died_is_started_anew(pool, pdf_batch):
    office = pool.offices[0]
    pool.convert(pdf_batch.documents["posting"].content, created_timestamp())
    started = office.starts
    os.killpg(office._office_group, signal.SIGKILL)
    made = pdf_batch.documents["posting"]
    assert pool.convert(made.content, created_timestamp()) == pdf_batch.pdfs["posting"]
    assert office.starts == started + 1


def test_closing_leaves_no_libreoffice_running(pool, pdf_batch):
    pool.convert(pdf_batch.documents["posting"].content, created_timestamp())
    group = pool.offices[0]._office_group
    pool.close()  # the module's pool: this test runs last
    assert group is not None and not _running_in_group(group)


def _running_in_group(group: int) -> list[str]:
    """The processes of a process group still running (zombies are ended, awaiting reaping)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            running.append(stat.parent.name)
    return running


def test_no_pool_without_workers():
    assert warm_pool(0) is None
