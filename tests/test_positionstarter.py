"""The starter position file: the built-in level in full, loading back to the same content."""

from __future__ import annotations

from jdbuilder.positionfile import builtin_content, parse_position_file
from jdbuilder.positionstarter import WIDTH, starter_text


def test_every_starter_loads_back_to_the_built_in_level_unchanged(profile):
    for specialization in profile.specializations:
        for level in profile.levels:
            text = starter_text(profile, specialization, level)
            assert max(len(line) for line in text.splitlines()) <= WIDTH
            position = parse_position_file(text.encode(), "starter.yaml", profile)
            assert position.content == builtin_content(specialization, level.id)
            assert (position.specialization, position.level) == (specialization.id, level.id)
            assert position.fields.title == specialization.roles[level.id].title
            assert not position.notes


def test_the_starter_holds_the_real_text_with_comments(profile):
    specialization = profile.specialization("admissions")
    text = starter_text(profile, specialization, profile.levels[1])
    role = specialization.roles["journey"]
    assert text.startswith("# Position file: one real position, from the built-in "
                           "Undergraduate Admissions specialization")
    assert "\nspecialization: admissions\nlevel: journey" in text
    for duty in role.duties:
        assert f"  - title: {duty.title}\n" in text
    assert "  - A valid driver's license, for recruitment travel by car\n" in text
    assert "# committee:" in text and "# position_number: \"00012345\"" in text


def test_position_new_writes_the_same_bytes_each_time_and_keeps_existing_files(cli, tmp_path):
    target = tmp_path / "rlc.yaml"
    result = cli(["position", "new", "-s", "reslife", "-l", "journey", "-o",
                  str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {target}\n")
    printed = cli(["position", "new", "-s", "Residence Life", "-l", "Journey"])
    assert printed.stdout.encode() == target.read_bytes()
    again = cli(["position", "new", "-s", "reslife", "-l", "journey", "-o",
                 str(target)])
    assert again.exit_code == 2 and "already exists" in again.output
    checked = cli(["position", "check", str(target)])
    assert checked.exit_code == 0 and ": valid: Senior Residence Life Coordinator" in checked.output


def test_a_starter_retitled_names_its_new_title_in_the_purpose_and_warns(profile, pipeline):
    from jdbuilder.compose import Request
    from jdbuilder.errors import WARNING

    specialization = profile.specialization("residence-life")
    text = starter_text(profile, specialization, profile.levels[1]).replace(
        "\ntitle: Senior Residence Life Coordinator\n", "\ntitle: Residence Life Coordinator\n")
    position = parse_position_file(text.encode(), "p.yaml", profile)
    request = Request("description", position.specialization, position.level, position.fields,
                      position)
    purpose = pipeline.compose(request, pipeline.organization()).context["role"]["purpose"]
    assert purpose.startswith("The Residence Life Coordinator is the live-in professional")
    assert "Senior Residence Life Coordinator" not in purpose
    # The Contributing staff the position leads keep their own (plural) title.
    assert "lead work direction to Residence Life Coordinators" in purpose
    (warning,) = [note for note in position.notes if note.severity == WARNING]
    assert warning.location.field == "purpose"
    assert "names 'Senior Residence Life Coordinator'" in warning.message
