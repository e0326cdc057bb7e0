from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jdbuilder.values import (
    parse_choice,
    parse_currency,
    parse_date,
    parse_flsa,
    parse_money,
    parse_yes_no,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", True), ("TRUE", True), (" y ", True), ("1", True), (True, True),
    ("no", False), ("False", False), ("n", False), ("0", False), (False, False),
])
def test_one_yes_no_for_every_input(text, expected):
    assert parse_yes_no(text) is expected


def test_yes_no_refuses_anything_else():
    with pytest.raises(ValueError, match="'maybe' is not yes or no"):
        parse_yes_no("maybe")


def test_flsa_and_choices_ignore_case_and_separators():
    assert parse_flsa("non exempt") == parse_flsa("NON_EXEMPT") == "Non-exempt"
    assert parse_choice(("full-time", "part-time"))("Part Time") == "part-time"
    with pytest.raises(ValueError, match="did you mean 'exempt'"):
        parse_flsa("exemt")


def test_money_dates_and_currencies():
    assert parse_money("$52,000") == Decimal("52000")
    assert parse_money("24.50") == Decimal("24.50")
    for bad, reason in [("abc", "not a number"), ("0", "plausible"), ("1e12", "plausible"),
                        ("1.001", "two decimal places"), ("NaN", "plausible")]:
        with pytest.raises(ValueError, match=reason):
            parse_money(bad)
    assert parse_date(" 2027-01-15 ") == dt.date(2027, 1, 15)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("15/01/2027")
    assert parse_currency("usd") == "USD"
    with pytest.raises(ValueError, match="three-letter"):
        parse_currency("US$")


@pytest.mark.parametrize("text", ["2026W011", "2026-W01-1", "20260105", "2026-001"])
def test_week_ordinal_and_compact_dates_are_refused(text):
    # Python 3.11's date.fromisoformat takes all of these; a posting date is YYYY-MM-DD.
    with pytest.raises(ValueError, match="is not a date; write it as YYYY-MM-DD"):
        parse_date(text)
