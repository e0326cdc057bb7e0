"""The one clock: every date a document or a check uses comes from here, so SOURCE_DATE_EPOCH
fixes all of them (reproducible builds) and nothing else reads the time."""

from __future__ import annotations

import datetime as dt
import os

from .errors import InputError


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    moment = source_date()
    return moment.date() if moment else dt.date.today()


LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: document dates have four-digit years


def source_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC moment, None when unset; a bad value is a clear error."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    if not epoch.strip().isdigit() or int(epoch) > LAST_EPOCH:
        raise InputError(f"SOURCE_DATE_EPOCH '{epoch}' must be whole seconds since 1970-01-01 "
                         f"UTC, from 0 to {LAST_EPOCH}")
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)


def created_timestamp() -> dt.datetime:
    """A file's creation date (the .docx core properties, the PDF's Info and XMP): the moment
    SOURCE_DATE_EPOCH names when set, else the build date the documents print, at 00:00 UTC.
    The same inputs on the same day give byte-identical files, SOURCE_DATE_EPOCH across days,
    and the file's date never disagrees with the date on its pages."""
    moment = source_date()
    if moment:
        return moment
    return dt.datetime.combine(build_date(), dt.time(), tzinfo=dt.timezone.utc)
