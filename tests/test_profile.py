from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdbuilder.errors import ProfileError
from jdbuilder.profile import UnknownChoice, load_profile

from .conftest import SEED

LEVELS = ["contributing", "journey", "advanced"]


def _seed_cells() -> dict[str, dict[str, list[str]]]:
    """Read the published seed text independently of the YAML: competency -> level -> sentences."""
    text = SEED.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = lines.index("Advanced") + 1
    cells: dict[str, list[str]] = {}
    current = None
    for line in lines[start:]:
        if len(line.split()) < 6 and not line.endswith("."):
            current = line
            cells[current] = []
        else:
            cells[current].append(line)
    result = {}
    for name, texts in cells.items():
        # First cell Contributing, second Journey, the rest Advanced (Coordination-Operation's
        # Advanced cell spans two lines).
        groups = [texts[:1], texts[1:2], texts[2:]]
        result[name] = {level: [s for cell in group for s in _sentences(cell)]
                        for level, group in zip(LEVELS, groups)}
    return result


def _sentences(cell: str) -> list[str]:
    parts = re.split(r"(?<=\.)\s+(?=[A-Z])", cell.strip())
    return [part if part.endswith(".") else part + "." for part in parts]


def test_seed_is_transcribed_verbatim(profile):
    seed = _seed_cells()
    assert [c.name for c in profile.competencies] == list(seed)
    for competency in profile.competencies:
        for level in LEVELS:
            assert list(competency.statements[level]) == seed[competency.name][level], (
                competency.name, level)


def test_coordination_operation_advanced_holds_both_sentences(profile):
    advanced = profile.competency("coordination-operation").statements["advanced"]
    assert [s.split()[0] for s in advanced] == ["Appropriately", "Develops"]


def test_band_description_is_the_seeds(profile):
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    assert profile.description_of_work in seed
    assert profile.title == "Student Services Specialist"
    assert [level.id for level in profile.levels] == LEVELS


def test_five_specializations_with_complete_roles(profile):
    assert {s.id for s in profile.specializations} == {
        "admissions", "financial-aid", "residence-life", "registration", "student-center"}
    for spec in profile.specializations:
        assert spec.regulations[0].name.startswith("Family Educational Rights")
        assert len(spec.key_competencies) == 7
        for level in LEVELS:
            role = spec.roles[level]
            assert sum(d.percent for d in role.duties) == 100
            assert all(d.percent % 5 == 0 for d in role.duties)
            assert sum(d.percent for d in role.duties if d.other) <= 5
        titles = [spec.roles[level].title for level in LEVELS]
        assert len(set(titles)) == 3, titles


def test_duties_are_not_competency_statements(profile):
    statements = {s for c in profile.competencies for lv in LEVELS for s in c.statements[lv]}
    for spec in profile.specializations:
        for level in LEVELS:
            for duty in spec.roles[level].duties:
                assert not any(s in duty.description for s in statements), duty.title


@pytest.mark.parametrize("typed, expected", [
    ("Financial Aid", "financial-aid"), ("financial_aid", "financial-aid"),
    ("finaid", "financial-aid"), ("student center", "student-center"),
    ("Student-Center", "student-center"), ("student_center", "student-center"),
    ("reslife", "residence-life"), ("Housing", "residence-life"),
    ("registrar", "registration"), ("ADMISSIONS", "admissions"),
])
def test_specializations_match_names_and_aliases(profile, typed, expected):
    assert profile.specialization(typed).id == expected


def test_unknown_choice_lists_valid_values_and_closest(profile):
    with pytest.raises(UnknownChoice) as caught:
        profile.specialization("admision")
    assert caught.value.closest == "admissions"
    assert "financial-aid" in str(caught.value)
    with pytest.raises(UnknownChoice) as caught:
        profile.level("jorney")
    assert caught.value.closest == "journey"


def test_a_working_title_names_a_level_of_its_own_specialization_only(profile):
    admissions, finaid = profile.specialization("admissions"), profile.specialization("finaid")
    assert profile.level("Senior Financial Aid Counselor", finaid).id == "journey"
    assert profile.level("JOURNEY", admissions).id == "journey"
    with pytest.raises(UnknownChoice) as caught:
        profile.level("Senior Financial Aid Counselor", admissions)
    message = str(caught.value)
    assert "Financial Aid (financial-aid) working title" in message
    assert "give level journey (its title there: Senior Admissions Counselor)" in message


# ---- bad profiles: each rejected with one line naming file, line and field ------------------


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _error(folder: Path) -> str:
    with pytest.raises(ProfileError) as caught:
        load_profile(folder)
    message = caught.value.format_message()
    assert "\n" not in message
    return message


def _first_percent_line(path: Path) -> tuple[str, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith("percent:"):
            return line, number
    raise AssertionError("no percent line")


def test_yaml_syntax_error_names_file_and_line(profile_copy):
    band = profile_copy / "student-services-specialist.yaml"
    _edit(band, "title: Student Services Specialist", "title: [Student Services")
    message = _error(profile_copy)
    assert "student-services-specialist.yaml, line" in message and "YAML syntax" in message


def test_unknown_key_suggests_the_right_one(profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    _edit(spec, "unit_purpose:", "unit_purpse:")
    message = _error(profile_copy)
    assert "admissions.yaml, line" in message
    assert "unknown key 'unit_purpse'" in message and "did you mean 'unit_purpose'" in message


def test_missing_field(profile_copy):
    spec = profile_copy / "specializations" / "registration.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(re.sub(r"^confidentiality:.*?(?=^\S)", "", text, flags=re.S | re.M),
                    encoding="utf-8")
    assert "missing required key 'confidentiality'" in _error(profile_copy)


def test_wrong_type(profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    _edit(spec, "handles_health_information: false", "handles_health_information: maybe")
    message = _error(profile_copy)
    assert "field 'handles_health_information'" in message and "true or false" in message


def test_percent_not_in_five_percent_steps(profile_copy):
    spec = profile_copy / "specializations" / "financial-aid.yaml"
    line, number = _first_percent_line(spec)
    _edit(spec, line, re.sub(r"\d+", "12", line))
    message = _error(profile_copy)
    assert f"line {number}" in message and "multiple of 5" in message
    assert "levels.contributing.duties[0].percent" in message


def test_duties_not_totalling_100(profile_copy):
    spec = profile_copy / "specializations" / "financial-aid.yaml"
    line, _ = _first_percent_line(spec)
    value = int(re.search(r"\d+", line).group())
    _edit(spec, line, line.replace(str(value), str(value + 5)))
    message = _error(profile_copy)
    assert "total 105, not 100" in message and "levels.contributing.duties" in message


def test_other_duties_over_five_percent(profile_copy):
    spec = profile_copy / "specializations" / "student-center.yaml"
    text = spec.read_text(encoding="utf-8")
    # Move 5 points from the first duty to the catch-all.
    line, _ = _first_percent_line(spec)
    value = int(re.search(r"\d+", line).group())
    text = text.replace(line, line.replace(str(value), str(value - 5)), 1)
    text = re.sub(r"percent: 5(\s+essential: false\s+other: true)", r"percent: 10\1", text,
                  count=1)
    spec.write_text(text, encoding="utf-8")
    assert "other duties take 10 percent" in _error(profile_copy)


def test_undefined_level(profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    _edit(spec, "  journey:\n", "  jorney:\n")
    message = _error(profile_copy)
    assert "level 'jorney' is not defined" in message and "did you mean 'journey'" in message


def test_undefined_competency(profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    _edit(spec, "- decision-making", "- decision-makin")
    message = _error(profile_copy)
    assert "competency 'decision-makin' is not defined" in message
    assert "field 'key_competencies[" in message


def test_duplicate_competency_id(profile_copy):
    band = profile_copy / "student-services-specialist.yaml"
    _edit(band, "id: decision-making", "id: managing-work-processes")
    assert "duplicate competency id 'managing-work-processes'" in _error(profile_copy)


def test_duplicate_level_id(profile_copy):
    band = profile_copy / "student-services-specialist.yaml"
    _edit(band, "id: journey", "id: contributing")
    assert "duplicate level id 'contributing'" in _error(profile_copy)


def test_raw_control_character_is_refused_with_its_line(profile_copy):
    spec = profile_copy / "specializations" / "residence-life.yaml"
    _edit(spec, "unit_purpose: >-\n  ", "unit_purpose: >-\n  \x0b")
    message = _error(profile_copy)
    assert "residence-life.yaml, line" in message and "U+000B" in message


def test_escaped_control_character_is_refused_with_its_field(profile_copy):
    spec = profile_copy / "specializations" / "residence-life.yaml"
    text = spec.read_text(encoding="utf-8")
    replacement = 'name: "Residence\\x0cLife"'  # a YAML escape: legal YAML, not for Word
    spec.write_text(re.sub(r"^name: .*$", lambda _: replacement, text, count=1, flags=re.M),
                    encoding="utf-8")
    message = _error(profile_copy)
    assert "U+000C" in message and "field 'name'" in message


def test_alias_claimed_twice(profile_copy):
    spec = profile_copy / "specializations" / "residence-life.yaml"
    _edit(spec, "  - reslife\n", "  - reslife\n  - finaid\n")
    assert "alias 'finaid' is already used" in _error(profile_copy)


def test_missing_folder():
    with pytest.raises(ProfileError, match="profile folder not found"):
        load_profile("/nonexistent/profile")


def test_seed_copy_is_current():
    copy = Path(__file__).parent / "data" / SEED.name
    assert copy.read_bytes() == SEED.read_bytes()


def test_a_specialization_saved_as_yml_is_read(profile_copy):
    folder = profile_copy / "specializations"
    (folder / "admissions.yaml").rename(folder / "admissions.yml")
    assert "admissions" in [s.id for s in load_profile(profile_copy).specializations]


def test_a_working_title_replaces_the_levels_title_only_where_it_names_this_position():
    from jdbuilder.profile import retitled

    senior = "Senior Residence Life Coordinator"
    assert retitled(f"The {senior} leads Residence Life Coordinators.", senior,
                    "Hall Director") == "The Hall Director leads Residence Life Coordinators."
    # A title containing the level's is not renamed twice; another level's longer title is kept.
    assert retitled(f"The {senior} II is the {senior}.", senior, f"{senior} II") \
        == f"The {senior} II is the {senior} II."
    assert retitled(f"The Residence Life Coordinator assists the {senior}.",
                    "Residence Life Coordinator", "Hall Assistant", [senior]) \
        == f"The Hall Assistant assists the {senior}."


def test_an_occupation_code_not_in_o_net_soc_form_names_its_line(profile_copy):
    spec = profile_copy / "specializations" / "admissions.yaml"
    text = spec.read_text()
    line = text.splitlines().index('  code: "21-1012.00"') + 1
    spec.write_text(text.replace('code: "21-1012.00"', 'code: "21-1012"'))
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_copy)
    assert caught.value.problem.location.line == line
    assert "write it as 21-1012.00" in caught.value.problem.message


def test_a_choice_is_compared_ignoring_case_and_how_words_are_joined(profile):
    from jdbuilder.profile import normalise_choice

    assert {normalise_choice(typed) for typed in ("Student Center", "student-center",
                                                  " STUDENT__center ", "student - center")} == {
        "student center"}
    assert profile.specialization("Student_Center").id == "student-center"
