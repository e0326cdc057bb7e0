"""Money in a sentence: a pay range, a single figure, and what an amount is worth. Shared by
the pay check (is a range stated, does it make sense) and the FLSA check (is an exempt salary
at least the federal level), so both read "$45k" and "45,000 USD" alike."""

from __future__ import annotations

import re
from functools import lru_cache

from ..readers import TEXT_CACHE_SIZE

AMOUNT = (r"(?:(?:US|CA|AU|NZ)?\$|[€£¥])\s?\d[\d,.\s]*\d(?:\s?[kK]\b)?"
          r"|(?:(?:US|CA|AU|NZ)?\$|[€£¥])\s?\d(?:\s?[kK]\b)?"
          r"|\d{1,3}(?:,\d{3})+(?:\.\d{2})?\s?(?:[kK]\b)?(?:\s?(?:USD|CAD|EUR|GBP|AUD|dollars))?"
          r"|\d+(?:\.\d+)?\s?(?:USD|CAD|EUR|GBP|AUD)\b")
PAY_RANGE = re.compile(rf"({AMOUNT})\s*(?:-|–|—|to|and|through)\s*({AMOUNT}|\d[\d,.]*\d?\s?[kK]?)",
                       re.IGNORECASE)
SINGLE_AMOUNT = re.compile(rf"(?:{AMOUNT})", re.IGNORECASE)
PAY_WORDS = re.compile(r"\b(salary|pay|wage|compensation|hiring range|per (hour|year|annum|month)"
                       r"|hourly|annual(ly)?)\b", re.IGNORECASE)


@lru_cache(maxsize=TEXT_CACHE_SIZE)  # per distinct sentence: bulk builds repeat most of them
def pay_in(text: str) -> tuple[re.Match[str] | None, bool]:
    """(the first range in the sentence, whether it states a single pay figure)."""
    match = PAY_RANGE.search(text)
    return match, match is None and bool(SINGLE_AMOUNT.search(text) and PAY_WORDS.search(text))


def amount_value(text: str) -> float | None:
    """The value of one amount as written ("$45,000", "45k", "52.5K"), None if unreadable."""
    digits = re.sub(r"[^\d.kK]", "", text)
    thousands = digits[-1:].lower() == "k"
    digits = digits.rstrip("kK").rstrip(".")
    try:
        value = float(digits)
    except ValueError:
        return None
    return value * 1000 if thousands else value
