"""A spec's entries held packed: a build keeps every entry of its spec until it ends, and an
entry as objects takes about 1.2 KB (50,000 rows: 60 MB); pickled, with the objects many
entries share (organizations, position files) kept once and pickled by number, and compressed
against the first entry, it takes under 200 bytes. Each is unpacked when it is used."""

from __future__ import annotations

import io
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from ..org import Organization
from ..positionfile import PositionFile
from .model import SpecEntry

# Shared by many entries, and large: pickled once, then referred to by number.
_SHARED_TYPES = (Organization, PositionFile)


class PackedEntries(Sequence[SpecEntry]):
    """Entries in spec order, each unpacked as it is read (a new object every time)."""

    def __init__(self, entries: Iterable[SpecEntry] = ()) -> None:
        self._packed: list[bytes] = []
        self.numbers: list[int] = []  # each entry's document number, without unpacking it
        self._shared: list[object] = []
        self._shared_index: dict[int, int] = {}  # id(object) -> its number in _shared
        self._dictionary: bytes | None = None
        for entry in entries:
            self.append(entry)

    def append(self, entry: SpecEntry) -> None:
        self._packed.append(self._pack(entry))
        self.numbers.append(entry.number)

    def packed(self, index: int) -> bytes:
        """The entry as bytes, for `unpack` in another process that inherited this one."""
        return self._packed[index]

    def unpack(self, data: bytes) -> SpecEntry:
        assert self._dictionary is not None
        pickled = zlib.decompressobj(-15, self._dictionary).decompress(data)
        unpickler = pickle.Unpickler(io.BytesIO(pickled))
        unpickler.persistent_load = self._shared.__getitem__  # type: ignore[assignment]
        return unpickler.load()

    def without(self, numbers: set[int]) -> PackedEntries:
        """These entries less those with the given document numbers (as they are: not
        unpacked and packed again)."""
        kept = PackedEntries()
        kept._shared, kept._shared_index = self._shared, self._shared_index
        kept._dictionary = self._dictionary
        for data, number in zip(self._packed, self.numbers):
            if number not in numbers:
                kept._packed.append(data)
                kept.numbers.append(number)
        return kept

    def _pack(self, entry: SpecEntry) -> bytes:
        stream = io.BytesIO()
        pickler = pickle.Pickler(stream, pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = self._shared_id  # type: ignore[assignment]
        pickler.dump(entry)
        pickled = stream.getvalue()
        if self._dictionary is None:
            self._dictionary = pickled  # the next entries differ from it in a few values
        compressor = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY,
                                      self._dictionary)
        return compressor.compress(pickled) + compressor.flush()

    def _shared_id(self, value: object) -> int | None:
        if not isinstance(value, _SHARED_TYPES):
            return None
        number = self._shared_index.get(id(value))
        if number is None:
            number = self._shared_index[id(value)] = len(self._shared)
            self._shared.append(value)  # held, so its id is never another object's
        return number

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> SpecEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[SpecEntry]: ...

    def __getitem__(self, index: int | slice) -> SpecEntry | list[SpecEntry]:
        if isinstance(index, slice):
            return [self.unpack(data) for data in self._packed[index]]
        return self.unpack(self._packed[index])

    def __iter__(self) -> Iterator[SpecEntry]:
        return (self.unpack(data) for data in self._packed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PackedEntries, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
