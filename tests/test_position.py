"""position.py directly: the typed fields of one opening as --set, a form or a spec gives them."""

from __future__ import annotations

import pytest

from jdbuilder.errors import InputError
from jdbuilder.position import (
    MAX_COMMITTEE,
    parse_assignments,
    parse_committee,
    parse_occupation,
    parse_position,
)


def test_assignments_are_split_at_the_first_equals_sign_and_keep_the_value_as_typed():
    assert parse_assignments(("title=Aid Lead", "salary_min = 45000", "apply=https://x.edu/?a=1",
                              "department=")) == {
        "title": "Aid Lead", "salary_min": " 45000", "apply": "https://x.edu/?a=1",
        "department": ""}
    assert parse_assignments(()) == {}


@pytest.mark.parametrize("pairs", [("title",), ("=Aid Lead",), (" =x",),
                                   ("title=a", "title=b")])
def test_an_assignment_without_a_key_or_a_key_given_twice_is_refused(pairs):
    # Keeping one of two values, or guessing a key, would drop what the user typed.
    with pytest.raises(InputError):
        parse_assignments(pairs)


def test_a_committee_keeps_its_order_roles_and_commas_in_names():
    members = parse_committee("Ana Diaz (Chair); Park, Lee (HR)\n  Sam   Ortiz ;")
    assert [(m.name, m.role) for m in members] == [("Ana Diaz", "Chair"), ("Park, Lee", "HR"),
                                                   ("Sam Ortiz", None)]


@pytest.mark.parametrize("value", ["", " ; ", "Ana (Chair) (HR)", "Ana Diaz; ana diaz",
                                   "x" * 121, "; ".join(f"M{i}" for i in range(MAX_COMMITTEE + 1))])
def test_a_committee_naming_nobody_twice_or_too_many_is_refused(value):
    with pytest.raises(ValueError):
        parse_committee(value)


def test_an_occupation_is_an_o_net_soc_code():
    assert parse_occupation(" 21-1012.00 ") == "21-1012.00"
    with pytest.raises(ValueError, match="O\\*NET-SOC"):
        parse_occupation("Admissions counselor")


def test_typed_fields_become_the_positions_values():
    position = parse_position({"salary_min": "45,000", "salary_max": "52000", "title": "Aid Lead",
                               "committee": "Ana Diaz (Chair)", "occupation": "13-2071.00"})
    assert (position.salary_min, position.salary_max) == (45000, 52000)
    assert position.title == "Aid Lead" and position.occupation == "13-2071.00"
    assert [m.name for m in position.committee] == ["Ana Diaz"]
