"""Column headers as people write them: the synonym table and how a header is matched."""

from __future__ import annotations

import pytest

from jdbuilder.spec import DOCUMENT_KEYS
from jdbuilder.spec.headers import header_synonyms, header_table, normalise_header


def test_the_table_names_only_known_keys_and_no_header_twice():
    synonyms = header_synonyms()
    assert set(synonyms) <= set(DOCUMENT_KEYS)
    seen: dict[str, str] = {normalise_header(key): key for key in DOCUMENT_KEYS}
    for key, headers in synonyms.items():
        for header in headers:
            name = normalise_header(header)
            assert seen.setdefault(name, key) == key, f"'{header}' names {seen[name]} and {key}"
            assert header_table().key(header) == key


@pytest.mark.parametrize(("header", "key"), [
    ("Job Title", "title"), ("WORKING TITLE", "title"), ("Posting Title", "title"),
    ("Closing Date", "closes"), ("closing_date", "closes"), ("Close Date:", "closes"),
    ("Deadline", "closes"), ("Closing Date (mm/dd/yyyy)", "closes"),
    ("Position #", "position_number"), ("Position No.", "position_number"),
    ("position-number", "position_number"), ("Minimum Salary", "salary_min"),
    ("Salary Minimum", "salary_min"), ("Hiring Range Low", "salary_min"),
    ("Salary Min", "salary_min"), ("SALARY_MAX", "salary_max"), ("Reports To", "supervisor"),
    ("Exempt/Non-Exempt", "flsa"), ("Position File", "position"), ("PD file", "position"),
    ("Kind", "kind"), ("  Specialization ", "specialization"),
])
def test_a_header_is_matched_whatever_its_case_and_punctuation(header, key):
    assert header_table().key(header) == key


# "Position" is the position file's column (a title or number there is refused by its value,
# see test_positionfile).
@pytest.mark.parametrize("header", ["Budget Code", "Notes", "Type", "Date",
                                    "Organization", "Hiring Manager", ""])
def test_headers_that_could_mean_two_things_or_nothing_name_no_key(header):
    assert header_table().key(header) is None


def test_the_closest_header_is_said_as_the_table_writes_it():
    assert header_table().closest("Closing Dat") == ("Closing Date", "closes")
    assert header_table().closest("Salary Minumum") == ("Salary Minimum", "salary_min")
    assert header_table().closest("titel") == ("title", "title")
    assert header_table().closest("Budget Code") is None
