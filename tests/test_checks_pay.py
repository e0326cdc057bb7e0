"""Pay and dates: ranges, the pay-transparency law table, plausibility, closing dates."""

from __future__ import annotations

import datetime as dt

import pytest

from jdbuilder.checks import ERROR, WARNING, CheckContext
from jdbuilder.checks.pay import (
    closing_date_findings,
    find_date,
    pay_findings,
    pay_law_table,
    posting_location,
)
from jdbuilder.readers import FIELD, PARAGRAPH, PostingText, TextBlock

TODAY = dt.date(2026, 11, 29)


def posting(*paragraphs: str, location: str = "", closes: str = "") -> PostingText:
    blocks = [TextBlock(FIELD, location, "table 1, row 1", label="Location")] if location else []
    if closes:
        blocks.append(TextBlock(FIELD, closes, "table 1, row 2", label="Applications close"))
    blocks += [TextBlock(PARAGRAPH, text, f"line {i}") for i, text in enumerate(paragraphs)]
    return PostingText("test", tuple(blocks))


BODY = "You will plan visits. We offer State Health Plan benefits."


@pytest.mark.parametrize("text", [
    "The hiring range is $45,000 to $52,000 per year.",
    "Pay: $18.50–$22.00 per hour",
    "Salary 45,000 - 52,000 USD annually.",
    "Between $60k and $70k.",
])
def test_a_salary_range_satisfies_pay_transparency(text):
    assert pay_findings(posting(text), CheckContext(), TODAY) == []


def test_colorado_posting_without_a_range_is_an_error_naming_the_law():
    findings = pay_findings(posting(BODY, location="Denver, CO"), CheckContext(), TODAY)
    assert [(f.severity, f.name) for f in findings] == [(ERROR, "pay-range-missing"),
                                                        (ERROR, "application-deadline-missing")]
    assert "Colorado Equal Pay for Equal Work Act" in findings[0].message
    assert "C.R.S. 8-5-201" in findings[0].message and findings[0].source.startswith("https://")
    # The law is named with each thing it requires, not only the range.
    assert "which requires pay range, benefits and application deadline" in findings[0].message


def test_what_colorado_adds_is_checked_without_a_range_too():
    findings = pay_findings(posting("You will plan visits.", location="Denver, CO"),
                            CheckContext(), TODAY)
    assert [f.name for f in findings] == ["pay-range-missing", "benefits-missing",
                                          "application-deadline-missing"]


@pytest.mark.parametrize("text", [
    "Pay and benefits",  # a heading's word is not a description of the benefits
    "You will certify VA education benefits for students.",
    "Ask us about benefits.",
])
def test_the_word_benefits_is_not_a_benefits_statement(text):
    blocks = posting(text, "The salary is $45,000 to $52,000 per year.", location="Denver, CO",
                     closes="January 15, 2027")
    assert [f.name for f in pay_findings(blocks, CheckContext(), TODAY)] == ["benefits-missing"]


def test_a_heading_benefits_with_no_statement_under_it_is_missing():
    from jdbuilder.readers import HEADING

    blocks = (TextBlock(FIELD, "Denver, CO", "table 1, row 1", label="Location"),
              TextBlock(FIELD, "January 15, 2027", "table 1, row 2", label="Applications close"),
              TextBlock(HEADING, "Pay and benefits", "line 1"),
              TextBlock(PARAGRAPH, "The hiring range is $45,000 to $52,000 per year.", "line 2"))
    found = pay_findings(PostingText("t", blocks), CheckContext(), TODAY)
    assert [f.name for f in found] == ["benefits-missing"]


def test_the_table_as_corrected():
    laws = {law.state + (law.places[0] if law.places else ""): law for law in pay_law_table().laws}
    virginia = laws["VA"]
    assert virginia.citation == "Va. Code 40.1-28.7:12"
    assert virginia.effective == dt.date(2026, 7, 1) and virginia.source.startswith("https://")
    assert laws["ME"].effective == dt.date(2026, 7, 13)
    assert "governmental agencies are excluded" in laws["NY"].employers
    assert laws["VT"].remote is False
    assert "benefits" in laws["OHCleveland"].requires
    assert pay_findings(posting(BODY, location="Richmond, VA"), CheckContext(),
                        dt.date(2026, 7, 1))[0].severity == ERROR
    assert pay_findings(posting(BODY, location="Richmond, VA"), CheckContext(),
                        dt.date(2026, 6, 30))[0].severity == WARNING


def test_north_carolina_posting_without_a_range_is_a_warning():
    findings = pay_findings(posting(BODY, location="Chapel Hill, NC"), CheckContext(), TODAY)
    assert [(f.severity, f.name) for f in findings] == [(WARNING, "pay-range-missing")]
    assert "no pay-transparency law in the table covers Chapel Hill, NC" in findings[0].message
    assert str(pay_law_table().as_of) in findings[0].source


def test_the_location_comes_from_the_context_when_the_text_has_none():
    context = CheckContext(location="Seattle, Washington")
    assert posting_location(posting(BODY), context) == "Seattle, Washington"
    findings = pay_findings(posting(BODY), context, TODAY)
    assert findings[0].severity == ERROR and "RCW 49.58.110" in findings[0].message


@pytest.mark.parametrize(("location", "law"), [
    ("New York, NY", "New York City salary transparency law"),
    ("Ithaca, New York", "Ithaca salary transparency law"),
    ("Jersey City, NJ", "Jersey City pay transparency ordinance"),
    ("Cleveland, OH", "Cleveland salary ordinance"),
    ("Washington, DC", "District of Columbia Wage Transparency"),
])
def test_city_laws_are_named_with_their_state_laws(location, law):
    message = pay_findings(posting(BODY, location=location), CheckContext(), TODAY)[0].message
    assert law in message


def test_a_law_not_yet_in_force_does_not_apply():
    delaware = posting(BODY, location="Dover, DE")
    assert pay_findings(delaware, CheckContext(), TODAY)[0].severity == WARNING
    assert pay_findings(delaware, CheckContext(), dt.date(2027, 10, 1))[0].severity == ERROR


def test_a_remote_posting_with_no_state_meets_every_law_reaching_remote_work():
    findings = pay_findings(posting(BODY, location="Remote"), CheckContext(), TODAY)
    assert findings[0].severity == ERROR
    assert "a remote posting naming no state ('Remote') could be filled where 11 laws reach " \
        "remote jobs: Colorado Equal Pay for Equal Work Act;" in findings[0].message
    assert "Cleveland" not in findings[0].message and "Delaware" not in findings[0].message
    limited = pay_findings(posting(BODY, location="Remote (North Carolina)"), CheckContext(), TODAY)
    assert limited[0].severity == WARNING


def test_a_covered_posting_with_a_range_still_needs_what_the_law_adds():
    text = "The salary is $45,000 to $52,000 per year."
    findings = pay_findings(posting(text, location="Denver, CO"), CheckContext(), TODAY)
    assert {f.name for f in findings} == {"benefits-missing", "application-deadline-missing"}
    complete = pay_findings(posting(text, BODY, location="Denver, CO", closes="January 15, 2027"),
                            CheckContext(), TODAY)
    assert complete == []


def test_twenty_to_twenty_five_dollars_per_year_is_a_warning():
    findings = pay_findings(posting("Salary range: $20 to $25 per year"), CheckContext(), TODAY)
    assert [(f.severity, f.name) for f in findings] == [(WARNING, "pay-hourly-per-year")]
    assert findings[0].quote == "Salary range: «$20 to $25» per year"


def test_pay_below_the_federal_minimum_wage_for_its_period():
    findings = pay_findings(posting("Pay: $5.00 to $6.00 per hour"), CheckContext(), TODAY)
    assert [f.name for f in findings] == ["pay-below-minimum-wage"]
    assert "29 U.S.C. 206" in findings[0].source
    yearly = pay_findings(posting("Salary: $12,000 to $14,000 per year"), CheckContext(), TODAY)
    assert [f.name for f in yearly] == ["pay-below-minimum-wage"]
    fine = pay_findings(posting("Salary: $42,000 to $52,000 per year"), CheckContext(), TODAY)
    assert fine == []


def test_a_maximum_far_above_the_minimum_is_a_warning():
    findings = pay_findings(posting("Salary: $40,000 to $120,000 per year"), CheckContext(), TODAY)
    assert [f.name for f in findings] == ["pay-range-wide"]
    assert "3.0 times" in findings[0].message


@pytest.mark.parametrize(("text", "expected"), [
    ("Applications close January 15, 2020.", dt.date(2020, 1, 15)),
    ("Apply by 2020-01-15", dt.date(2020, 1, 15)),
    ("Deadline: 1/15/2020", dt.date(2020, 1, 15)),
    ("Open until 15 Jan 2020", dt.date(2020, 1, 15)),
])
def test_dates_in_the_usual_forms(text, expected):
    assert find_date(text)[0] == expected


def test_a_past_closing_date_is_a_warning_and_a_future_one_is_not():
    past = closing_date_findings(posting(BODY, closes="January 15, 2020"), TODAY)
    assert [(f.severity, f.name) for f in past] == [(WARNING, "closing-date-past")]
    assert past[0].quote == "«January 15, 2020»" and past[0].location.place == "table 1, row 2"
    assert closing_date_findings(posting(BODY, closes="January 15, 2027"), TODAY) == []
    in_prose = closing_date_findings(posting("Applications close on March 1, 2026."), TODAY)
    assert in_prose and in_prose[0].location.place == "line 0"


def test_every_law_row_names_its_citation_source_and_date():
    table = pay_law_table()
    assert table.as_of <= dt.date.today()
    assert len(table.laws) >= 17
    for law in table.laws:
        assert law.citation and law.source.startswith(("http://", "https://")) and law.requires
        assert law.state in table.state_names and "pay range" in law.requires
