"""What the documents say of the employer holds for every employer: headings name what is under
them, the employer is named as the PDs name it, and no employer-specific fact is assumed."""

from __future__ import annotations

import pytest

from jdbuilder.compose import Request
from jdbuilder.org import with_overrides
from jdbuilder.position import parse_position

SALARY = {"salary_min": "45000", "salary_max": "52000"}


@pytest.fixture(scope="module")
def acme(pipeline):
    return with_overrides(pipeline.organization(), "Acme College")


def _md(pipeline, organization, kind, specialization="admissions", fields=None):
    request = Request(kind, specialization, "journey", parse_position(fields or {}))
    return pipeline.build(request, "md", organization).content.decode()


def _section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_pay_heading_names_what_is_under_it(pipeline, acme):
    builtin = _md(pipeline, pipeline.organization(), "posting", fields=SALARY)
    assert "## Pay and benefits" in builtin and "State Health Plan" in builtin
    college = _md(pipeline, acme, "posting", fields=SALARY)
    assert "\n## Pay\n" in college and "## Pay and benefits" not in college
    assert _section(college, "Pay").strip() == "The hiring range is $45,000 to $52,000 per year."
    # Nothing said of how this employer sets pay, which no input told.
    assert "similar roles" not in builtin + college
    without_range = _md(pipeline, acme, "posting")
    assert "## Pay" not in without_range


def test_the_pay_transparency_statement_stands_with_the_eeo_statements(pipeline, acme):
    for organization in (pipeline.organization(), acme):
        eeo = _section(_md(pipeline, organization, "posting"), "Equal employment opportunity")
        assert "equal opportunity employer" in eeo
        assert "disclosed their own pay" in eeo
    from dataclasses import replace
    alone = _md(pipeline, replace(acme, omit=("eeo",)), "posting")
    assert "## Equal employment opportunity" not in alone
    assert "disclosed their own pay" in _section(alone, "Pay transparency")


def test_the_interview_scripts_name_the_employer_as_the_pds_do(pipeline, acme):
    guide = _md(pipeline, pipeline.organization(), "interview")
    assert "position at the University." in guide
    assert "your interest in the University." in guide
    assert "The University" not in guide.split("\n", 3)[-1].replace("# ", "")
    assert "position at Acme College." in _md(pipeline, acme, "interview")


@pytest.mark.parametrize("specialization", ["residence-life", "student-center"])
def test_no_employer_is_said_to_have_its_own_police(pipeline, profile, acme, specialization):
    """Many private colleges have a campus security office, not a police department."""
    for level in profile.levels:
        for kind in ("description", "posting"):
            text = " ".join(pipeline.build(Request(kind, specialization, level.id), "md", acme)
                            .content.decode().split())
            assert "University Police" not in text
            assert text.count("police") == text.count("police or security")


def test_the_governors_orders_are_said_of_a_private_nc_employer_plainly(pipeline, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("name: Meredith Hall College\nlocation: Raleigh, NC\n", encoding="utf-8")
    private = _md(pipeline, pipeline.organization(path), "panel")
    assert private.count("does not apply to private employers") == 2
    assert "UNC System" not in private
    unc = _md(pipeline, pipeline.organization(), "panel")
    assert "binds agencies under the Governor, not UNC System institutions" in unc
    assert "it does not bind UNC System institutions" in unc
    assert "private employers" not in unc


def test_the_ada_title_is_the_employers_when_known(pipeline, acme, tmp_path):
    from dataclasses import replace
    hedge = "Title II (public institutions) or Title III (private institutions)"
    for specialization in ("admissions", "residence-life", "student-center"):
        def pd(organization, specialization=specialization):
            return _md(pipeline, organization, "description", specialization)
        unc = pd(pipeline.organization())
        assert "Title II" in unc and "Title III" not in unc and "§ 12181" not in unc
        private = pd(replace(acme, public_employer=False))
        assert "Title III" in private and "§ 12131" not in private and hedge not in private
        assert hedge in pd(acme) and "§ 12181" in pd(acme)  # not said: both, as before
