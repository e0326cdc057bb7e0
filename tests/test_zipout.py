"""zipout.py directly: members compressed once, packed into the same bytes every time."""

from __future__ import annotations

import io
import zipfile

from jdbuilder.zipout import Member, pack


def test_packed_members_read_back_in_order_with_their_bytes():
    members = [Member.from_bytes("[Content_Types].xml", b"<Types/>" * 50),
               Member.from_bytes("word/document.xml", "é".encode() * 1000),
               Member.from_bytes("empty.txt", b"")]
    with zipfile.ZipFile(io.BytesIO(pack(members))) as archive:
        assert archive.testzip() is None  # every CRC matches
        assert archive.namelist() == ["[Content_Types].xml", "word/document.xml", "empty.txt"]
        assert archive.read("word/document.xml") == "é".encode() * 1000
        assert archive.read("empty.txt") == b""
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_same_members_same_bytes_and_a_member_reused_as_compressed():
    styles = Member.from_bytes("word/styles.xml", b"<w:styles/>" * 200)
    first = pack([styles, Member.from_bytes("a.xml", b"1")])
    assert first == pack([styles, Member.from_bytes("a.xml", b"1")])
    assert len(styles.compressed) < styles.size  # compressed once, copied as is
    assert first != pack([styles, Member.from_bytes("a.xml", b"2")])


def test_a_non_ascii_name_is_stored_as_utf8():
    with zipfile.ZipFile(io.BytesIO(pack([Member.from_bytes("résumé.txt", b"x")]))) as archive:
        assert archive.namelist() == ["résumé.txt"]
