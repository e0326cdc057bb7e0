"""listing.py directly: what `jdbuilder list` prints and /api/profile sends, from the profile."""

from __future__ import annotations

from jdbuilder.listing import WRAP_LAST_COLUMN, listing_json, listing_rows


def test_specializations_as_json_carry_ids_names_aliases_and_each_levels_title(profile):
    data = listing_json(profile, "specializations")
    assert [item["id"] for item in data] == [s.id for s in profile.specializations]
    aid = next(item for item in data if item["id"] == "financial-aid")
    spec = profile.specialization("financial-aid")
    assert aid["name"] == spec.name and aid["aliases"] == list(spec.aliases)
    assert aid["titles"] == {level: role.title for level, role in spec.roles.items()}
    assert set(aid["titles"]) == {level.id for level in profile.levels}


def test_levels_as_json_in_the_bands_order(profile):
    assert listing_json(profile, "levels") == [
        {"id": "contributing", "name": "Contributing"}, {"id": "journey", "name": "Journey"},
        {"id": "advanced", "name": "Advanced"}]


def test_competencies_as_json_carry_every_statement_of_every_level(profile):
    data = listing_json(profile, "competencies")
    assert [item["id"] for item in data] == [c.id for c in profile.competencies]
    for item, competency in zip(data, profile.competencies):
        assert item["statements"] == {k: list(v) for k, v in competency.statements.items()}


def test_the_table_has_a_header_a_rule_and_wraps_its_last_column_under_itself(profile):
    lines = listing_rows(profile, "specializations").splitlines()
    assert lines[0].split() == ["ID", "NAME", "ALIASES"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    start = lines[0].index("ALIASES")
    assert all(len(line) - start <= WRAP_LAST_COLUMN for line in lines[2:])
    rows = [line for line in lines[2:] if line[:1] != " "]
    assert [row.split()[0] for row in rows] == [s.id for s in profile.specializations]
    # every alias is there once the wrapped lines under a row are joined again
    admissions = profile.specialization("admissions")
    first = lines.index(rows[0])
    wrapped = " ".join(line[start:] for line in lines[first:lines.index(rows[1])])
    assert " ".join(wrapped.split()) == ", ".join(admissions.aliases)


def test_the_competency_table_counts_statements_per_level(profile):
    lines = listing_rows(profile, "competencies").splitlines()
    assert lines[0].split() == ["ID", "NAME", "STATEMENTS", "PER", "LEVEL"]
    for competency, line in zip(profile.competencies, lines[2:]):
        counts = ", ".join(f"{level.name} {len(competency.statements[level.id])}"
                           for level in profile.levels)
        assert line.split()[0] == competency.id and line.endswith(counts)
