"""FLSA exemption: an exempt classification below the federal salary level is an error."""

from __future__ import annotations

import pytest

from jdbuilder.checks import ERROR, check_text
from jdbuilder.checks.flsa import exempt_salary_findings, salary_level
from jdbuilder.compose import Request
from jdbuilder.pipeline import make_parsed
from jdbuilder.position import parse_position
from jdbuilder.readers import FIELD, PARAGRAPH, PostingText, TextBlock


def document(status_label: str, status: str, pay: str) -> PostingText:
    return PostingText("test", (
        TextBlock(FIELD, f"{status_label}: {status}", "table 1, row 1", label=status_label),
        TextBlock(PARAGRAPH, pay, "line 3")))


def test_the_salary_level_is_data_with_its_source():
    level = salary_level()
    assert level.weekly == 684 and level.citation == "29 CFR 541.600(a)"
    assert "Texas v. U.S. Department of Labor" in level.source and "vacated" in level.source


@pytest.mark.parametrize(("pay", "below"), [
    ("The hiring range is $30,000 to $34,000 per year.", True),
    ("The hiring range is $35,568 to $40,000 per year.", False),  # exactly $684 a week
    ("Salary: $2,900 to $3,100 per month.", True),  # $669.23 a week
    ("Salary: $3,000 to $3,100 per month.", False),
    ("Pay: $650 to $700 per week.", True),
    ("Pay: $16.50 to $18.00 an hour.", True),  # $660 a week at 40 hours
    ("Pay: $130 to $140 per day.", True),  # $650 a week at 5 days
    ("Pay: $140 to $150 per day.", False),
])
def test_an_exempt_pay_is_converted_from_its_period_and_compared(pay, below):
    found = exempt_salary_findings(document("Overtime", "Not eligible for overtime (exempt)",
                                            pay))
    assert bool(found) is below
    if below:
        (problem,) = found
        assert problem.severity == ERROR and problem.name == "flsa-exempt-below-salary-level"
        assert "29 CFR 541.600(a)" in problem.message and "non-exempt" in problem.message
        assert "salary_min" in problem.message and problem.location.place == "line 3"


def test_a_non_exempt_or_unstated_classification_is_not_checked():
    low = "The hiring range is $30,000 to $34,000 per year."
    assert exempt_salary_findings(document("FLSA status", "Non-exempt", low)) == []
    assert exempt_salary_findings(document("Overtime", "Eligible for overtime (non-exempt)",
                                           low)) == []
    assert exempt_salary_findings(PostingText("t", (TextBlock(PARAGRAPH, low, "line 1"),))) == []


def test_a_position_description_stating_exempt_and_a_low_salary_gets_the_error():
    report = check_text(document("FLSA status", "Exempt", "Salary: $28,000 per year."),
                        kind="description")
    assert [p.name for p in report.findings if p.severity == ERROR] == [
        "flsa-exempt-below-salary-level"]


def test_a_posting_built_exempt_below_the_level_says_so(pipeline):
    def errors(flsa: str, salary_min: str) -> list[str]:
        position = parse_position({"flsa": flsa, "salary_min": salary_min,
                                   "salary_max": "40000"})
        made = make_parsed(Request("posting", "admissions", "journey", position), "md", pipeline)
        assert made.report is not None
        return [p.name for p in made.report.findings if p.code == "flsa"]

    assert errors("Exempt", "30000") == ["flsa-exempt-below-salary-level"]
    assert errors("Exempt", "36000") == []
    assert errors("Non-exempt", "30000") == []
