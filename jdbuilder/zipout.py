"""Deterministic ZIP writing with members that can be compressed once and reused.

A .docx is a ZIP; most of its members (styles, theme, fonts, headers) are the same in every
document made from one reference. Compressing them once and copying the bytes saves most of
the per-document cost. Entry dates are fixed, so equal inputs give equal bytes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_FIXED_DOS_TIME = 0  # 00:00:00
_FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_DEFLATED = 8
_VERSION = 20
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Member:
    name: str
    crc: int
    size: int
    compressed: bytes

    @classmethod
    def from_bytes(cls, name: str, data: bytes, level: int = 6) -> Member:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        return cls(name, zlib.crc32(data), len(data), packed)


def pack(members: list[Member]) -> bytes:
    """The ZIP file holding `members`, in order."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        header = struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", _VERSION, _UTF8_FLAG, _DEFLATED, _FIXED_DOS_TIME,
            _FIXED_DOS_DATE, member.crc, len(member.compressed), member.size, len(name), 0)
        chunks += [header, name, member.compressed]
        central.append(struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", _VERSION, _VERSION, _UTF8_FLAG, _DEFLATED,
            _FIXED_DOS_TIME, _FIXED_DOS_DATE, member.crc, len(member.compressed), member.size,
            len(name), 0, 0, 0, 0, 0, offset) + name)
        offset += len(header) + len(name) + len(member.compressed)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(directory), offset, 0)
    return b"".join(chunks) + directory + end
