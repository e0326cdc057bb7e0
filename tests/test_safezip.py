"""Any .docx we open: limits from the central directory and while reading; damage in one line."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from jdbuilder import safezip
from jdbuilder.errors import InputError
from jdbuilder.readers import read_posting
from jdbuilder.safezip import read_zip, unsafe_member_name

from .zipkit import reference_members, write_zip


def _refused(path: Path) -> str:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_zip(path, InputError)
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300_000  # KiB
    message = caught.value.format_message()
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def test_a_member_larger_than_the_limit_is_refused_from_the_directory(tmp_path, monkeypatch):
    monkeypatch.setattr(safezip, "MAX_MEMBER_BYTES", 1024 * 1024)
    members = reference_members() | {"word/media/zeros.bin": bytes(2 * 1024 * 1024)}
    message = _refused(write_zip(tmp_path / "bomb.docx", members))
    assert "'word/media/zeros.bin' unpacks to 2,097,152 bytes" in message


def test_the_total_unpacked_size_is_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 1024 * 1024)
    members = reference_members() | {f"word/media/z{i}.bin": bytes(300_000) for i in range(4)}
    assert "unpacks to more than the 1,048,576-byte limit" in _refused(
        write_zip(tmp_path / "bomb.docx", members))


def test_a_member_that_inflates_past_its_directory_entry_is_refused(tmp_path):
    path = write_zip(tmp_path / "liar.docx", {"a.xml": bytes(100_000)})
    data = bytearray(path.read_bytes())
    # Both headers say 10 bytes: reading stops there and the checksum then fails.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)
        data[at + offset:at + offset + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "'a.xml' is damaged" in _refused(path)


def test_too_many_entries_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(safezip, "MAX_ENTRIES", 100)
    members = {f"x/{i}.xml": b"<a/>" for i in range(101)}
    assert "holds 101 entries, more than the 100 allowed" in _refused(
        write_zip(tmp_path / "many.docx", members))


def test_a_corrupt_deflate_stream_is_one_line(tmp_path):
    path = write_zip(tmp_path / "corrupt.docx", {"word/styles.xml": b"<styles>" * 5000})
    data = bytearray(path.read_bytes())
    start = data.index(b"word/styles.xml") + len("word/styles.xml")
    data[start + 10:start + 40] = b"\xff" * 30
    path.write_bytes(bytes(data))
    assert "'word/styles.xml' is damaged" in _refused(path)


def test_an_encrypted_member_is_one_line(tmp_path):
    path = write_zip(tmp_path / "secret.docx", {"word/document.xml": b"<a/>"})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1  # the 'encrypted' flag
    path.write_bytes(bytes(data))
    assert "'word/document.xml' is encrypted" in _refused(path)


def test_an_unsupported_compression_method_is_one_line(tmp_path):
    path = write_zip(tmp_path / "odd.docx", {"word/document.xml": b"<a/>"})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.index(signature)
        data[at + offset:at + offset + 2] = (97).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    assert "uses compression method 97" in _refused(path)


def test_not_a_zip_and_a_truncated_zip_are_one_line(tmp_path):
    (tmp_path / "text.docx").write_text("hello")
    assert "not a Word document (.docx) that can be opened" in _refused(tmp_path / "text.docx")
    whole = write_zip(tmp_path / "whole.docx", reference_members()).read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    _refused(tmp_path / "cut.docx")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/x", "word/../../x", "a\\b.xml", "C:x",
                                  "word/./x.xml"])
def test_names_pointing_outside_the_package_are_unsafe(name):
    assert unsafe_member_name(name)


def test_ordinary_names_are_safe():
    assert not any(unsafe_member_name(name) for name in reference_members())


def test_unsafe_members_are_not_read_but_named(tmp_path):
    path = write_zip(tmp_path / "x.docx", {"word/document.xml": b"<a/>", "../evil.xml": b"x"})
    package = read_zip(path, InputError)
    assert list(package.members) == ["word/document.xml"]
    assert package.unsafe_names == ["../evil.xml"]


def test_check_reads_a_damaged_docx_as_one_error(tmp_path):
    path = write_zip(tmp_path / "posting.docx", {"word/document.xml": b"<a/>"})
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 10:at + 12] = (97).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        read_posting(path)
    assert "posting.docx: member 'word/document.xml' uses compression method 97" in \
        caught.value.format_message()


def test_a_refusal_names_the_file_in_its_location_not_in_its_message(tmp_path):
    path = tmp_path / "posting.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(InputError) as caught:
        read_zip(path, InputError)
    problem = caught.value.problem
    assert problem.location.file == str(path) and str(path) not in problem.message
    assert problem.line().startswith(f"{path}: not a Word document")  # the edge's one line
