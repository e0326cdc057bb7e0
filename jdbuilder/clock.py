"""The one clock: every date a document or a check uses comes from here, so SOURCE_DATE_EPOCH
fixes all of them (reproducible builds) and nothing else reads the time."""

from __future__ import annotations

import datetime as dt
import os

from .errors import InputError

# Document dates when SOURCE_DATE_EPOCH is not set: one fixed moment, for byte-identical output.
FIXED_CREATED = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


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
    """Document dates: SOURCE_DATE_EPOCH when set, else one fixed moment (byte-identical output)."""
    return source_date() or FIXED_CREATED
