"""Spec files (YAML, CSV) -> entries and problems: every problem at once, each located."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from jdbuilder.errors import Problem, SpecError
from jdbuilder.spec import SpecEntry, load_spec, read_spec

FULL_YAML = """\
defaults:
  org: org.yaml
  format: docx
documents:
  - kind: posting
    specialization: admissions
    level: journey
    title: Admissions Counselor II
    department: Office of Undergraduate Admissions
    position_number: "00045678"
    salary_min: 45000
    salary_max: 52000
    output: admissions/counselor-ii.docx
  - kind: description
    specialization: Financial Aid
    level: advanced
    position_number: 00012345
    supervisor: Director of Financial Aid
"""

ORG_YAML = """\
name: Example State University
eeo_statement: Example State University is an equal opportunity employer.
location: {city: Springfield, region: IL, country: US}
apply: {url: "https://jobs.example.edu"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(folder: Path, name: str, rows: list[list[str]]) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def messages(problems: list[Problem]) -> list[str]:
    return [problem.line() for problem in problems]


# ---------------------------------------------------------------------------------------------
# The documented example


def test_full_yaml_example_gives_resolved_entries(tmp_path, pipeline):
    write(tmp_path, "org.yaml", ORG_YAML)
    spec = write(tmp_path, "jobs.yaml", FULL_YAML)
    entries, problems = load_spec(spec, pipeline)
    assert problems == []
    first, second = entries
    assert isinstance(first, SpecEntry)
    assert (first.number, first.where) == (1, f"{spec}, line 5")
    assert first.request.kind == "posting"
    assert (first.request.specialization, first.request.level) == ("admissions", "journey")
    position = first.request.position
    assert position.title == "Admissions Counselor II"
    assert position.position_number == "00045678"
    assert (position.salary_min, position.salary_max) == (Decimal(45000), Decimal(52000))
    assert first.format == "docx"
    assert first.output == "admissions/counselor-ii.docx"
    assert first.organization.name == "Example State University"
    assert first.source["salary_min"] == "45000"
    assert "org" not in first.source  # the row as written: the default is not part of it
    # A name and an unquoted number with leading zeros: resolved, and the zeros kept.
    assert (second.number, second.where) == (2, f"{spec}, line 14")
    assert second.request.specialization == "financial-aid"
    assert second.request.position.position_number == "00012345"
    assert second.output is None


def test_default_output_names_come_from_titles(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
documents:
  - {kind: posting, specialization: admissions, level: journey, title: "Conseillère d’admission"}
  - {kind: description, specialization: registrar, level: contributing, format: md}
  - {kind: posting, specialization: admissions, level: journey, title: "CON"}
""")
    loaded = read_spec(spec, pipeline)
    assert loaded.problems == []
    assert loaded.outputs == {
        1: "conseillere-dadmission-posting.docx",  # Unicode folded to ASCII
        2: "registration-and-records-specialist-description.md",  # the level's working title
        3: "con-doc-posting.docx",  # no reserved Windows name
    }


# ---------------------------------------------------------------------------------------------
# YAML and CSV are the same data


def test_csv_and_yaml_give_identical_documents(tmp_path, pipeline):
    write(tmp_path, "org.yaml", ORG_YAML)
    yaml_spec = write(tmp_path, "jobs.yaml", """\
documents:
  - kind: posting
    specialization: Financial Aid
    level: journey
    title: Financial Aid Counselor & Advisor <II>
    position_number: 00012345
    salary_min: 48,000
    salary_max: 55000.50
    remote: yes
    closes: 2027-01-15
    org: org.yaml
  - kind: description
    specialization: reslife
    level: advanced
    supervisor: Director of Housing
    schedule: "Monday–Friday, 8–5"
""")
    csv_spec = write_csv(tmp_path, "jobs.csv", [
        ["kind", "specialization", "level", "title", "position_number", "salary_min",
         "salary_max", "remote", "closes", "org", "supervisor", "schedule"],
        ["posting", "Financial Aid", "journey", "Financial Aid Counselor & Advisor <II>",
         "00012345", "48,000", "55000.50", "yes", "2027-01-15", "org.yaml", "", ""],
        ["description", "reslife", "advanced", "", "", "", "", "", "", "",
         "Director of Housing", "Monday–Friday, 8–5"],
    ])
    from_yaml, yaml_problems = load_spec(yaml_spec, pipeline)
    from_csv, csv_problems = load_spec(csv_spec, pipeline)
    assert yaml_problems == csv_problems == []
    assert [(e.request, e.format, e.organization, e.output) for e in from_yaml] == \
        [(e.request, e.format, e.organization, e.output) for e in from_csv]
    for a, b in zip(from_yaml, from_csv):
        assert pipeline.build(a.request, a.format, a.organization).content == \
            pipeline.build(b.request, b.format, b.organization).content
    assert from_csv[1].where == f"{csv_spec}, row 3"


def test_csv_rows_are_numbered_as_lines_and_empty_cells_are_not_given(tmp_path, pipeline):
    spec = tmp_path / "jobs.csv"
    # A byte-order mark (spreadsheet export), a cell spanning two lines, a blank row.
    spec.write_text('\ufeffkind,specialization,level,department\n'
                    'posting,admissions,journey,"Office of\nAdmissions"\n'
                    '\n'
                    'posting,admisions,journey,\n', encoding="utf-8")
    loaded = read_spec(spec, pipeline)
    assert [e.request.position.department for e in loaded.entries] == ["Office of Admissions"]
    assert loaded.entries[0].source == {"kind": "posting", "specialization": "admissions",
                                         "level": "journey", "department": "Office of\nAdmissions"}
    assert messages(loaded.problems) == [
        f"{spec}, row 5, field 'specialization': unknown specialization 'admisions'; did you "
        "mean 'admissions'? (valid: admissions, financial-aid, registration, residence-life, "
        "student-center)"]
    assert loaded.document_count == 2


# ---------------------------------------------------------------------------------------------
# Every problem at once, each with its line or row and field


def test_every_problem_is_reported_with_line_and_field(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
documents:
  - kind: posting
    specialization: admissions
    level: journey
  - kind: posting
    specialization: admisions
    level: jouney
  - kind: posting
    specialization: admissions
    level: journey
    salary_min: 60000
    salary_max: 52000
  - kind: posting
    specialization: admissions
    level: journey
    titel: Counselor
  - kind: postings
    specialization: admissions
    level: journey
    format: rtf
  - specialization: admissions
    level: journey
  - kind: posting
    specialization: admissions
    level: journey
    salary_min: lots
    closes: 2027-13-01
    department: "A\\u0007B"
  - just a line of text
  - kind: description
    specialization: registrar
    level: advanced
""")
    entries, problems = load_spec(spec, pipeline)
    assert [entry.number for entry in entries] == [1, 9]
    assert messages(problems) == [
        f"{spec}, line 6, field 'specialization': unknown specialization 'admisions'; did you "
        "mean 'admissions'? (valid: admissions, financial-aid, registration, residence-life, "
        "student-center)",
        f"{spec}, line 7, field 'level': unknown level 'jouney'; did you mean 'journey'? "
        "(valid: contributing, journey, advanced)",
        f"{spec}, line 8, field 'salary_min': salary_min 60000 is above salary_max 52000; "
        "swap them",
        f"{spec}, line 16, field 'titel': unknown key (did you mean 'title'?)",
        f"{spec}, line 17, field 'kind': unknown kind 'postings' (did you mean 'posting'?); "
        "use posting or description or interview or screening or assessment or ladder or panel",
        f"{spec}, line 20, field 'format': unknown format 'rtf'; use docx, pdf, html, md, txt, "
        "jsonld, fields",
        f"{spec}, line 21, field 'kind': is missing; add kind: posting or description or "
        "interview or screening or assessment or ladder or panel",
        f"{spec}, line 26, field 'salary_min': 'lots' is not a number; write it like 52000 "
        "or 24.50",
        f"{spec}, line 27, field 'closes': '2027-13-01' is not a date; write it as YYYY-MM-DD or "
            "MM/DD/YYYY",
        f"{spec}, line 28, field 'department': contains the control character U+0007, which "
        "Word cannot store; remove it",
        f"{spec}, line 29: expected a document (kind, specialization, level, ...), got 'just a "
        "line of text'; write it as '- kind: posting' and so on",
    ]
    assert all("\n" not in message for message in messages(problems))


def test_a_level_given_as_another_specializations_title_is_refused(tmp_path, pipeline):
    spec = write_csv(tmp_path, "jobs.csv", [
        ["kind", "specialization", "level"],
        ["posting", "admissions", "Senior Financial Aid Counselor"],
        ["posting", "finaid", "Senior Financial Aid Counselor"]])
    entries, problems = load_spec(spec, pipeline)
    assert [(e.request.specialization, e.request.level) for e in entries] == [
        ("financial-aid", "journey")]
    assert messages(problems) == [
        f"{spec}, row 2, field 'level': 'Senior Financial Aid Counselor' is the Financial Aid "
        "(financial-aid) working title; for Undergraduate Admissions give level journey (its "
        "title there: Senior Admissions Counselor), or specialization financial-aid"]


def test_a_bad_default_is_reported_once_and_rows_may_override_it(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
defaults:
  level: jouney
  kind: posting
documents:
  - specialization: admissions
  - specialization: registrar
  - specialization: registrar
    level: advanced
""")
    loaded = read_spec(spec, pipeline)
    assert [entry.number for entry in loaded.entries] == [3]
    assert messages(loaded.problems) == [
        f"{spec}, line 2, field 'defaults.level': unknown level 'jouney'; did you mean "
        "'journey'? (valid: contributing, journey, advanced)"]
    assert loaded.invalid_count == 2


def test_csv_unknown_column_is_one_warning_and_its_cells_are_ignored(tmp_path, pipeline):
    spec = write_csv(tmp_path, "jobs.csv", [
        ["Kind", "Specialization", "Level", "titel", "Closing Dat", "Budget Code", "Notes", ""],
        ["posting", "admissions", "journey", "Counselor"],
        ["posting", "admissions", "contributing", "", "", ""],
        ["posting", "admissions", "advanced", "Senior Counselor"],
    ])
    loaded = read_spec(spec, pipeline)
    assert [entry.number for entry in loaded.entries] == [1, 2, 3]
    assert loaded.problems == []
    # A header like a field's is a warning with what it is like; the sheet's own columns one
    # note for all; never the list of every key.
    assert [(note.severity, note.line()) for note in loaded.notes] == [
        ("warning", f"{spec}, row 1: column D, 'titel', is not a column jdbuilder knows (did "
                    "you mean 'title'?); its cells are not read: rename the header"),
        ("warning", f"{spec}, row 1: column E, 'Closing Dat', is not a column jdbuilder knows "
                    "(did you mean 'Closing Date', the closes column?); its cells are not read: "
                    "rename the header"),
        ("info", f"{spec}, row 1: columns 'Budget Code', 'Notes' not read: no document field "
                 "is called that (`jdbuilder fields` lists them)")]
    with pytest.raises(SpecError, match=r"column D, 'titel', is not a column .* rename or "
                                        r"remove it"):
        read_spec(spec, pipeline, strict=True)


def test_csv_headers_match_as_people_type_them(tmp_path, pipeline):
    spec = write_csv(tmp_path, "jobs.csv", [
        ["KIND", "Specialization", "level", "Salary Min", "salary-max", "Position Number"],
        ["posting", "admissions", "journey", "45000", "52000", "00045678"],
    ])
    [entry] = read_spec(spec, pipeline).entries
    position = entry.request.position
    assert (position.salary_min, position.salary_max) == (Decimal(45000), Decimal(52000))
    assert position.position_number == "00045678"
    assert entry.source == {"KIND": "posting", "Specialization": "admissions", "level": "journey",
                            "Salary Min": "45000", "salary-max": "52000",
                            "Position Number": "00045678"}


def test_two_headers_naming_one_key_are_refused(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.csv", "kind,Salary Min,salary_min\nposting,1,2\n")
    with pytest.raises(SpecError, match=r"the column 'salary_min' and 'Salary Min' both name "
                                        r"salary_min; keep one"):
        read_spec(spec, pipeline)


def test_org_as_path_relative_to_spec_or_inline_mapping(tmp_path, pipeline):
    folder = tmp_path / "specs"
    folder.mkdir()
    write(folder, "org.yaml", ORG_YAML)
    spec = write(folder, "jobs.yaml", """\
defaults:
  org:
    name: Inline University
    eeo_statement: Inline University is an equal opportunity employer.
documents:
  - {kind: posting, specialization: admissions, level: journey}
  - {kind: posting, specialization: admissions, level: advanced, org: org.yaml}
  - {kind: posting, specialization: admissions, level: contributing, org: missing.yaml}
""")
    loaded = read_spec(spec, pipeline)
    assert [entry.organization.name for entry in loaded.entries] == \
        ["Inline University", "Example State University"]
    assert messages(loaded.problems) == [
        f"{spec}, line 8, field 'org': 'missing.yaml' not found; a path is relative to the "
        "spec file's folder"]


def test_specs_from_clients_cannot_name_organization_files(tmp_path, profile):
    from jdbuilder.pipeline import Pipeline, Sources

    write(tmp_path, "org.yaml", ORG_YAML)
    spec = write(tmp_path, "jobs.yaml", """\
documents:
  - {kind: posting, specialization: admissions, level: journey, org: org.yaml}
  - kind: posting
    specialization: admissions
    level: advanced
    org: {name: Inline University, eeo_statement: Inline University is an equal opportunity employer.}
""")
    loaded = read_spec(spec, Pipeline(Sources(org_files=False), profile=profile))
    assert [entry.organization.name for entry in loaded.entries] == ["Inline University"]
    assert messages(loaded.problems) == [
        f"{spec}, line 2, field 'org': an uploaded spec cannot name an organization file; give "
        "the organization inline (org: {name: ..., eeo_statement: ...}) or in the page's "
        "organization fields"]


def test_an_invalid_inline_org_names_its_own_line(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
defaults:
  org:
    name: Inline University
    eeo_statement: We hire fairly.
    website: inline.example.edu
documents:
  - {kind: posting, specialization: admissions, level: journey}
  - {kind: posting, specialization: admissions, level: advanced}
""")
    loaded = read_spec(spec, pipeline)
    assert loaded.entries == []
    assert messages(loaded.problems) == [
        f"{spec}, line 5, field 'defaults.org.website': 'inline.example.edu' is not a web "
        "address; start it with https://"]


def test_without_org_the_profile_organization_is_used(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml",
                 "documents:\n  - {kind: posting, specialization: admissions, level: journey}\n")
    (entry,), _ = load_spec(spec, pipeline)
    assert entry.organization == pipeline.organization()


# ---------------------------------------------------------------------------------------------
# Formats and outputs


def test_format_comes_from_row_then_output_suffix_then_defaults_then_option(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
defaults:
  format: html
documents:
  - {kind: posting, specialization: admissions, level: journey, format: md}
  - {kind: posting, specialization: admissions, level: advanced, output: a/b.txt}
  - {kind: posting, specialization: admissions, level: contributing}
  - {kind: posting, specialization: registrar, level: journey, output: plain, format: jsonld}
  - {kind: posting, specialization: registrar, level: advanced, output: x.md, format: docx}
  - {kind: posting, specialization: registrar, level: contributing, output: x.rtf}
""")
    loaded = read_spec(spec, pipeline, default_format="txt")
    assert [entry.format for entry in loaded.entries] == ["md", "txt", "html", "jsonld"]
    assert loaded.outputs[2] == "a/b.txt"
    assert loaded.outputs[4] == "plain.jsonld"
    assert messages(loaded.problems) == [
        f"{spec}, line 8, field 'output': the suffix says md but format says docx; make them "
        "agree",
        f"{spec}, line 9, field 'output': '.rtf' is not a format jdbuilder writes; end the "
        "name in .docx, .pdf, .html, .md, .txt, .jsonld, .fields.json",
    ]
    no_defaults = write(tmp_path, "plain.yaml",
                        "documents:\n  - {kind: posting, specialization: admissions, "
                        "level: journey}\n")
    assert read_spec(no_defaults, pipeline, default_format="md").entries[0].format == "md"
    assert read_spec(no_defaults, pipeline).entries[0].format == "docx"


@pytest.mark.parametrize(("output", "problem"), [
    ("../outside.docx", "'../outside.docx' leaves --out-dir through '..'; give a path inside it"),
    ("a/../../outside.docx", "'a/../../outside.docx' leaves --out-dir through '..'"),
    ("/etc/passwd.docx", "'/etc/passwd.docx' is an absolute path; give a path relative to "
                         "--out-dir"),
    ("C:\\\\Windows\\\\x.docx", "is an absolute path"),
    ("..\\\\outside.docx", "leaves --out-dir through '..'"),
    ("manifest.json", "'manifest.json' is the build's own manifest.json; choose another name"),
])
def test_outputs_leaving_the_out_dir_are_refused(tmp_path, pipeline, output, problem):
    spec = write(tmp_path, "jobs.yaml", f"""\
documents:
  - {{kind: posting, specialization: admissions, level: journey, output: "{output}"}}
  - {{kind: posting, specialization: admissions, level: advanced}}
""")
    loaded = read_spec(spec, pipeline)
    assert [entry.number for entry in loaded.entries] == [2]
    (found,) = loaded.problems
    assert found.location.without_field().text() == f"{spec}, line 2"
    assert found.location.field == "output"
    assert problem in found.message


def test_two_documents_aimed_at_one_path_are_both_refused(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
documents:
  - {kind: posting, specialization: admissions, level: journey, output: jobs/a.docx}
  - {kind: posting, specialization: admissions, level: advanced, output: b}
  - {kind: posting, specialization: registrar, level: journey, output: ./jobs/A.docx}
""")
    loaded = read_spec(spec, pipeline)
    assert [entry.number for entry in loaded.entries] == [2]
    assert messages(loaded.problems) == [
        f"{spec}, line 2, field 'output': 'jobs/a.docx' is also the output of {spec}, line 4; "
        "give each document its own output",
        f"{spec}, line 4, field 'output': 'jobs/A.docx' is also the output of {spec}, line 2; "
        "give each document its own output",
    ]


def test_default_names_come_from_the_row_alone_and_shared_ones_are_refused(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """\
documents:
  - {kind: posting, specialization: admissions, level: journey, title: Counselor,
     position_number: "00045678"}
  - {kind: posting, specialization: admissions, level: advanced, title: Counselor,
     position_number: "00045679"}
  - {kind: posting, specialization: admissions, level: contributing, title: Counselor}
  - {kind: posting, specialization: registrar, level: journey, title: Unique}
  - {kind: posting, specialization: registrar, level: advanced, title: Twin,
     position_number: "7"}
  - {kind: posting, specialization: registrar, level: contributing, title: Twin,
     position_number: "7"}
  - {kind: posting, specialization: registrar, level: contributing, output: given-posting.docx}
  - {kind: posting, specialization: registrar, level: advanced, title: Given}
""")
    loaded = read_spec(spec, pipeline)
    assert loaded.outputs == {
        1: "counselor-posting-00045678.docx",
        2: "counselor-posting-00045679.docx",
        3: "counselor-posting.docx",  # the same name whatever other rows say
        4: "unique-posting.docx",
    }
    assert messages(loaded.problems) == [
        f"{spec}, line 8: 'twin-posting-7.docx' is also the output of {spec}, line 10; give "
        "each its own position_number, title or output",
        f"{spec}, line 10: 'twin-posting-7.docx' is also the output of {spec}, line 8; give "
        "each its own position_number, title or output",
        f"{spec}, line 12, field 'output': 'given-posting.docx' is also the output of {spec}, "
        "line 13; give each document its own output",
        f"{spec}, line 13: 'given-posting.docx' is also the output of {spec}, line 12; give "
        "each its own position_number, title or output",
    ]


def test_fixing_one_row_renames_no_other_document(tmp_path, pipeline):
    rows = ("documents:\n"
            "  - {kind: posting, specialization: admissions, level: journey, title: A,"
            " position_number: '1'}\n"
            "  - {kind: posting, specialization: admissions, level: %s, title: A,"
            " position_number: '2'}\n")
    before = read_spec(write(tmp_path, "jobs.yaml", rows % "jouney"), pipeline)
    after = read_spec(write(tmp_path, "jobs.yaml", rows % "journey"), pipeline)
    assert before.outputs[1] == after.outputs[1] == "a-posting-1.docx"


# ---------------------------------------------------------------------------------------------
# Files that cannot be read at all: SpecError (exit 2)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("jobs.txt", "documents: []", "a spec is a .yaml, .yml, .csv or .xlsx file"),
    ("jobs.xls", "x", "the old Excel format (.xls)"),
    ("jobs.yaml", "documents:\n  - kind: [posting\n", "line 3: YAML syntax error"),
    ("jobs.yaml", "", "the file is empty"),
    ("jobs.yaml", "defaults: {format: md}\n", "missing required key 'documents'"),
    ("jobs.yaml", "documents: []\n", "field 'documents': the list is empty"),
    ("jobs.yaml", "documents: {kind: posting}\n", "field 'documents': expected a list"),
    ("jobs.yaml", "document:\n  - kind: posting\n", "unknown key 'document' (did you mean "
                                                    "'documents'?)"),
    ("jobs.yaml", "defaults: [x]\ndocuments:\n  - kind: posting\n",
     "field 'defaults': expected a mapping"),
    ("jobs.csv", "", "no header row"),
    ("jobs.csv", "kind,level,kind\nposting,journey,posting\n", "the column 'kind' appears twice"),
    ("jobs.csv", "kind,specialization,level\n", "row 1: no document rows under the header"),
    ("jobs.csv", "kind,specialization,level\n# only a comment\n\n", "no document rows"),
    ("jobs.csv", "posting,admissions,journey\nposting,finaid,advanced\n",
     "row 1: no column of the first row names a key jdbuilder knows"),
])
def test_unreadable_specs_raise_spec_error(tmp_path, pipeline, name, text, expected):
    spec = write(tmp_path, name, text)
    with pytest.raises(SpecError) as raised:
        load_spec(spec, pipeline)
    assert expected in raised.value.message
    assert raised.value.exit_code == 2
    assert "\n" not in raised.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("documents:\n  - {kind: posting, specialization: admissions, level: journey}\n"
     "defaults: {format: md}\n", "line 3, field 'defaults': put 'defaults:' before 'documents:'"),
    ("documents:\n  - {kind: posting, specialization: admissions, level: journey}\n---\n"
     "documents: []\n", "line 3: holds a second YAML document ('---'); keep one"),
    ("documents:\n  - {kind: posting, kind: description}\n",
     "line 2: YAML syntax error: duplicate key 'kind'"),
    ("documents:\n  - *nowhere\n", "YAML syntax error"),
])
def test_yaml_structure_problems_raise_spec_error(tmp_path, pipeline, text, expected):
    spec = write(tmp_path, "jobs.yaml", text)
    with pytest.raises(SpecError) as raised:
        load_spec(spec, pipeline)
    assert f"{spec}, " in raised.value.message
    assert expected in raised.value.message


def test_yaml_anchors_and_flow_style_work(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.yaml", """documents:
  - &first {kind: posting, specialization: admissions, level: journey, title: &t Counselor}
  - kind: description
    specialization: admissions
    level: journey
    title: *t
""")
    entries, problems = load_spec(spec, pipeline)
    assert problems == []
    assert [e.request.position.title for e in entries] == ["Counselor", "Counselor"]
    assert [e.request.kind for e in entries] == ["posting", "description"]


def test_missing_and_undecodable_specs_raise_spec_error(tmp_path, pipeline):
    with pytest.raises(SpecError, match=r"file not found"):
        load_spec(tmp_path / "nope.yaml", pipeline)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"kind,title\nposting,\x81\xff\n")  # 0x81 is no Windows-1252 byte
    with pytest.raises(SpecError, match=r"not UTF-8 text .* nor Windows-1252"):
        load_spec(garbage, pipeline)


def test_a_csv_row_with_too_many_cells_is_a_row_problem(tmp_path, pipeline):
    spec = write(tmp_path, "jobs.csv", "kind,specialization,level\n"
                                       "posting,admissions,journey,extra\n"
                                       "posting,admissions,advanced\n")
    loaded = read_spec(spec, pipeline)
    assert [entry.number for entry in loaded.entries] == [2]
    assert messages(loaded.problems) == [
        f"{spec}, row 2: has 4 cells but the header names 3 columns; remove the extra cells "
        "or name their column"]


def test_outputs_differing_only_by_unicode_normalization_clash(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n"
                    "  - {kind: posting, specialization: admissions, level: journey,"
                    " output: \"caf\\u00e9.docx\"}\n"
                    "  - {kind: posting, specialization: admissions, level: advanced,"
                    " output: \"cafe\\u0301.docx\"}\n", encoding="utf-8")
    loaded = read_spec(spec, pipeline)
    assert loaded.entries == []
    assert all("is also the output of" in problem.line() for problem in loaded.problems)


def test_an_output_name_with_a_bidi_override_is_refused(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, level: journey,"
                    " output: \"posting\\u202excod.exe\"}\n", encoding="utf-8")
    loaded = read_spec(spec, pipeline)
    assert loaded.entries == []
    assert "invisible character U+202E" in loaded.problems[0].line()


def test_a_ladder_row_needs_no_level_and_other_kinds_still_do(tmp_path, pipeline):
    spec = write_csv(tmp_path, "kit.csv", [
        ["kind", "specialization", "level"],
        ["ladder", "admissions", ""],
        ["interview", "admissions", ""],
        ["ladder", "finaid", "advanced"],
    ])
    loaded = read_spec(spec, pipeline)
    assert messages(loaded.problems) == [
        f"{spec}, row 3, field 'level': is missing; interview documents are made for one "
        "level: add level: contributing, journey, advanced"]
    ladder, focused = loaded.entries
    assert (ladder.request.kind, ladder.request.level) == ("ladder", "")
    assert focused.request.level == "advanced"
    # Named after the specialization, whichever level a row marks.
    assert [loaded.outputs[entry.number] for entry in loaded.entries] == [
        "undergraduate-admissions-ladder.docx", "financial-aid-ladder.docx"]
