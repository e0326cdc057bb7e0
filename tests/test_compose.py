"""compose.py directly: the specialization and level a request names, resolved once."""

from __future__ import annotations

import pytest

from jdbuilder.compose import Request, resolve_choice
from jdbuilder.errors import InputError


def test_a_request_resolves_to_its_specialization_and_level_by_any_name(profile):
    specialization, level = resolve_choice(profile, Request("posting", "Financial Aid", "JOURNEY"))
    assert (specialization.id, level.id) == ("financial-aid", "journey")


def test_a_level_given_as_the_specializations_working_title_is_that_level(profile):
    spec = profile.specialization("residence-life")
    title = spec.roles["advanced"].title
    _, level = resolve_choice(profile, Request("posting", "residence-life", title))
    assert level.id == "advanced"


@pytest.mark.parametrize(("specialization", "level"), [("astronomy", "journey"),
                                                       ("admissions", "expert")])
def test_an_unknown_specialization_or_level_is_an_input_error(profile, specialization, level):
    with pytest.raises(InputError):
        resolve_choice(profile, Request("posting", specialization, level))
