"""The one set of value parsers: yes/no, FLSA status, dates, money, currencies and choices.

Each takes the text a user wrote (a `--set`, a spec cell, a YAML value) and returns the value or
raises ValueError with a message that says how to write it; the caller adds where it was given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from .errors import did_you_mean

MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal(100_000_000)  # far above any salary; bounds the work a typo can cause
FLSA_VALUES = ("Exempt", "Non-exempt")
_YES = frozenset({"yes", "true", "y", "1"})
_NO = frozenset({"no", "false", "n", "0"})

# An O*NET-SOC 2019 occupation code: two digits, a hyphen, four digits, a dot, two digits.
OCCUPATION_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"'{value}' is not yes or no (true or false)")


def parse_choice(options: tuple[str, ...]) -> Callable[[object], str]:
    """A parser accepting one of `options` in any case, with space, _ and - alike."""
    def parse(value: object) -> str:
        wanted = "-".join(str(value).replace("_", " ").split()).lower()
        for option in options:
            if option.lower() == wanted:
                return option
        raise ValueError(f"'{value}' is not one of {', '.join(options)}"
                         f"{did_you_mean(wanted, [o.lower() for o in options])}")
    return parse


parse_flsa = parse_choice(FLSA_VALUES)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value: object) -> dt.date:
    """YYYY-MM-DD, or month/day/year with a four-digit year as US spreadsheets write it
    (1/15/2027, 01/15/2027)."""
    text = str(value).strip()
    us_date = _US_DATE.fullmatch(text)
    if us_date:
        month, day, year = (int(part) for part in us_date.groups())
        if month > 12 and day <= 12:
            raise ValueError(f"'{value}' reads as day/month/year; slash dates are read "
                             "month/day/year, so write it as YYYY-MM-DD")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{value}' is not a date (month/day/year); write it as "
                             "YYYY-MM-DD") from None
    try:
        # Only YYYY-MM-DD: Python 3.11's fromisoformat also takes week dates (2026W011) and
        # compact forms (20260105) that nobody means in a posting.
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD or MM/DD/YYYY"
                         ) from None


def parse_money(value: object) -> Decimal:
    cleaned = "".join(ch for ch in str(value) if not ch.isspace() and ch not in ",$")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{value}' is not a number; write it like 52000 or 24.50") from None
    if not amount.is_finite() or not MIN_AMOUNT <= amount <= MAX_AMOUNT:
        raise ValueError(f"'{value}' is not a plausible amount; give one from {MIN_AMOUNT} to "
                         f"{MAX_AMOUNT:,}")
    if amount != amount.quantize(MIN_AMOUNT):
        raise ValueError(f"'{value}' has more than two decimal places")
    return amount


def parse_currency(value: object) -> str:
    code = str(value).strip().upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValueError(f"'{value}' is not a three-letter currency code such as USD")
    return code
