"""The hiring kit: interview guide, screening matrix, assessment worksheet, career ladder."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from jdbuilder.build import BuildOptions, run_build
from jdbuilder.compose import Request, context_doc, context_paths
from jdbuilder.errors import InputError, ProfileError
from jdbuilder.markup import Heading, Table, plain_text
from jdbuilder.pipeline import Pipeline
from jdbuilder.position import parse_position
from jdbuilder.profile import load_profile

from .helpers import docx_text

KIT_KINDS = ("interview", "screening", "assessment", "ladder")
COMBINATIONS = [(s, lv) for s in ("admissions", "financial-aid", "registration",
                                  "residence-life", "student-center")
                for lv in ("contributing", "journey", "advanced")]


def _context(pipeline, kind, specialization="admissions", level="journey", **fields):
    request = Request(kind, specialization, level, parse_position(fields))
    return pipeline.compose(request, pipeline.organization()).context


def _model_text(built) -> str:
    parts = []
    for block in built.model.blocks:
        if isinstance(block, Table):
            parts += [plain_text(cell.all_runs) for row in block.rows for cell in row]
        elif hasattr(block, "items"):
            parts += [plain_text(item) for item in block.items]
        else:
            parts.append(plain_text(block.runs))
    return "\n".join(parts)


# ------------------------------------------------------------------------------------------------
# Interview guide


@pytest.mark.parametrize(("specialization", "level"), COMBINATIONS)
def test_interview_names_competencies_questions_probes_and_verbatim_anchors(
        pipeline, profile, specialization, level):
    interview = _context(pipeline, "interview", specialization, level)["interview"]
    assert 3 <= len(interview["competencies"]) <= 5
    assert len(interview["questions"]) >= 8
    levels = [lv.id for lv in profile.levels]
    index = levels.index(level)
    for question in interview["questions"]:
        assert question["probes"]
        competency = profile.competency(question["competency_id"])
        developing, meets, exceeds = question["anchors"]
        assert meets["statements"] == list(competency.statements[level])
        below = competency.statements[levels[index - 1]] if index else []
        above = competency.statements[levels[index + 1]] if index + 1 < len(levels) else []
        assert developing["statements"] == list(below)
        assert exceeds["statements"] == list(above)
    built = pipeline.build(Request("interview", specialization, level), "txt")
    flat = " ".join(_model_text(built).split())
    for question in interview["questions"]:
        assert question["text"] in flat
        for statement in question["anchors"][1]["statements"]:
            assert statement in flat


def test_no_question_or_probe_touches_a_topic_never_to_ask_about(profile):
    phrases = [p for topic in profile.kit.never_ask for p in topic.phrases]
    assert {"your age", "married", "pregnant", "your religion", "where were you born",
            "your disability", "salary history", "culture fit", "hard time in your life",
            "outside commitments", "expunged", "type of discharge"} <= set(phrases)
    for spec, plans in profile.kit.interviews.items():
        for level, plan in plans.items():
            for question in plan.questions:
                for text in (question.text, *question.probes):
                    lowered = text.lower()
                    hits = [p for p in phrases if re.search(rf"\b{re.escape(p)}\b", lowered)]
                    assert not hits, (spec, level, text, hits)


def test_the_guide_holds_scripts_notes_requirements_and_the_never_ask_reminder(pipeline):
    built = pipeline.build(Request("interview", "residence-life", "journey"), "md")
    text = built.content.decode()
    for heading in ("Opening Script", "Closing Script", "Position Requirements",
                    "Rating Summary"):
        assert f"## {heading}" in text
    assert "Notes" in text and "Interviewer Reference" in text
    # The topics never to ask and the sources are the panel's reference, printed once.
    assert "Topics Never to Ask About" not in text
    reference = pipeline.build(Request("panel", "residence-life", "journey"), "md")
    panel = reference.content.decode()
    for heading in ("Topics Never to Ask About", "Sources"):
        assert f"## {heading}" in panel
    assert "Executive Order No. 93" in panel
    assert "Structured Interviews: A Practical Guide" in panel
    # Live-in and on-call duty come from the specialization's working conditions.
    assert "live-in requirement:" in text and "on-call duty" in text


def _question_tables(built) -> list[Table]:
    blocks = built.model.blocks
    return [next(b for b in blocks[index:] if isinstance(b, Table))
            for index, block in enumerate(blocks)
            if isinstance(block, Heading) and plain_text(block.runs).startswith("Question ")
            and "continued" not in plain_text(block.runs)]


def test_each_question_is_one_table_of_anchors_rating_and_at_least_3_inches_of_notes(pipeline):
    built = pipeline.build(Request("interview", "financial-aid", "journey"), "docx")
    tables = _question_tables(built)
    assert len(tables) == 8
    for table in tables:
        header, *anchors, notes = table.rows
        assert [plain_text(cell.runs) for cell in header] == [
            "Rating", "Anchor: what the example shows (competency profile)"]
        # The rating is circled beside the anchor the example shows.
        assert [plain_text(row[0].runs).split("\n")[:2] for row in anchors] == [
            ["1 · 2", "Developing"], ["3", "Meets"], ["4 · 5", "Exceeds"]]
        assert notes[0].header and plain_text(notes[0].runs).startswith("Notes:")
        assert not notes[1].all_runs and 3 <= table.heights[-1] <= 6
    heights = [table.heights[-1] for table in tables]
    # What the page leaves: the short questions more than 3 in, Program Management's least.
    assert max(heights) > 3.5 and min(heights) == heights[6] == 3.25


def test_notes_the_page_cannot_hold_have_the_next_page_to_themselves(pipeline, monkeypatch):
    from jdbuilder import kit

    monkeypatch.setattr(kit, "NOTES_LEAST_INCHES", 4.5)
    built = pipeline.build(Request("interview", "financial-aid", "journey"), "docx")
    apart = [block for block in built.model.blocks if isinstance(block, Heading)
             and plain_text(block.runs).endswith(", continued: notes")]
    assert apart and apart[0].new_page
    for table in _question_tables(built)[:len(apart)]:
        assert not plain_text(table.rows[-1][0].runs).startswith("Notes")
    continued = built.model.blocks[built.model.blocks.index(apart[0]) + 1]
    assert continued.heights[-1] == 6


def test_requirements_are_asked_with_accommodation_and_only_when_the_level_has_them(pipeline):
    journey = pipeline.build(Request("interview", "residence-life", "journey"), "md").content
    contributing = pipeline.build(Request("interview", "residence-life", "contributing"),
                                  "md").content.decode()
    assert journey.count(b"with or without reasonable accommodation?") >= 4
    # The Contributing level states "Not required": no candidate is asked whether they can meet it.
    assert "Live-in requirement" not in contributing and "on-call duty" in contributing


def test_edges_say_there_is_no_level_below_or_above(pipeline):
    first = pipeline.build(Request("interview", "admissions", "contributing"), "txt").content
    last = pipeline.build(Request("interview", "admissions", "advanced"), "txt").content
    assert b"band's first level" in first and b"band's highest level" not in first
    assert b"band's highest level" in last and b"band's first level" not in last


def _write_interview(profile_dir: Path, text: str) -> Path:
    file = profile_dir / "kit" / "interview" / "admissions.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def _replace_in_interview(profile_dir: Path, old: str, new: str) -> Path:
    file = profile_dir / "kit" / "interview" / "admissions.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    return _write_interview(profile_dir, text.replace(old, new, 1))


def _load_kit(profile_dir: Path):
    """The profile's hiring kit, read (and so validated) now: it is read when first asked for."""
    return load_profile(profile_dir).kit


def test_an_unknown_competency_names_file_line_field_and_the_closest_id(profile_copy):
    file = _replace_in_interview(profile_copy, "      - competency: client-customer-service",
                                 "      - competency: client-custmer-service")
    with pytest.raises(ProfileError) as caught:
        _load_kit(profile_copy)
    message = caught.value.message
    assert message.startswith(f"{file}, line ")
    assert "field 'levels.contributing.questions[0].competency'" in message
    assert "did you mean 'client-customer-service'" in message


def test_a_question_on_a_protected_topic_is_refused_at_load(profile_copy):
    _replace_in_interview(profile_copy, "- What questions did they have, and how did you check",
                          "- How old were you then, and how did you check")
    with pytest.raises(ProfileError, match=r"'how old' touches a topic never to ask about "
                                           r"\(Age or date of birth\)"):
        _load_kit(profile_copy)


def test_the_kit_is_read_only_for_kit_documents(profile_copy):
    # A posting never reads the interview files: one broken there stops only the interview.
    _replace_in_interview(profile_copy, "- What questions did they have, and how did you check",
                          "- How old were you then, and how did you check")
    pipeline = Pipeline(profile=load_profile(profile_copy))
    assert "kit" not in vars(pipeline.profile)
    assert pipeline.build(Request("posting", "admissions", "journey"), "txt").content
    with pytest.raises(ProfileError, match="'how old' touches a topic never to ask about"):
        pipeline.build(Request("interview", "admissions", "journey"), "txt")


def test_too_few_questions_and_a_competency_without_two_are_refused(profile_copy):
    file = profile_copy / "kit" / "interview" / "admissions.yaml"
    original = file.read_text(encoding="utf-8")
    # Drop the contributing level's last question: 7 left, and its competency has one.
    start = original.index("      - competency: information-records-administration\n"
                           "        question: >-\n          Describe a situation")
    end = original.index("  journey:")
    file.write_text(original[:start] + original[end:], encoding="utf-8")
    with pytest.raises(ProfileError, match="has 7 questions; write at least 8"):
        _load_kit(profile_copy)


def test_a_question_for_a_competency_the_level_does_not_list_is_refused(profile_copy):
    # The contributing level of admissions does not assess decision making.
    _replace_in_interview(profile_copy, "      - competency: client-customer-service\n",
                          "      - competency: decision-making\n")
    with pytest.raises(ProfileError, match="'decision-making' is not among this level's"):
        _load_kit(profile_copy)


def test_a_file_for_no_specialization_is_refused(profile_copy):
    (profile_copy / "kit" / "interview" / "admisions.yaml").write_text("levels: {}\n")
    with pytest.raises(ProfileError, match="no specialization 'admisions' in the profile "
                                           r"\(did you mean 'admissions'\?\)"):
        _load_kit(profile_copy)


def test_a_profile_without_a_kit_still_builds_postings_and_says_what_the_guide_needs(
        profile_copy):
    import shutil

    shutil.rmtree(profile_copy / "kit")
    pipeline = Pipeline(profile=load_profile(profile_copy))
    assert pipeline.build(Request("posting", "admissions", "journey"), "txt").content
    with pytest.raises(InputError, match="no kit/ folder"):
        pipeline.build(Request("interview", "admissions", "journey"), "txt")


# ------------------------------------------------------------------------------------------------
# Screening matrix, assessment worksheet, ladder


@pytest.mark.parametrize(("specialization", "level"), COMBINATIONS)
def test_screening_has_a_column_for_every_minimum_and_preferred_qualification(
        pipeline, profile, specialization, level):
    built = pipeline.build(Request("screening", specialization, level), "md")
    role = profile.specialization(specialization).roles[level]
    tables = [b for b in built.model.blocks if isinstance(b, Table)]
    key = next(t for t in tables if plain_text(t.rows[0][0].runs) == "Column")
    matrix = next(t for t in tables if plain_text(t.rows[0][0].runs) == "Applicant")
    texts = {plain_text(row[0].runs): plain_text(row[2].runs) for row in key.rows[1:]}
    preferred = role.preferred_qualifications
    # A licence the position requires is screened as a minimum (M2, ...); the band's experience
    # line says there is no minimum of experience, so it is no column every applicant meets.
    assert not role.minimum_qualifications.experience_screened
    assert texts == {"M1": role.minimum_qualifications.education,
                     **{f"M{i}": text for i, text in enumerate(role.licenses, start=2)},
                     **{f"P{i}": text for i, text in enumerate(preferred, start=1)}}
    header = [plain_text(cell.runs) for cell in matrix.rows[0]]
    assert header[1:1 + len(texts)] == list(texts)
    blank_rows = matrix.rows[1:]
    assert len(blank_rows) >= 10
    assert all(not cell.all_runs for row in blank_rows for cell in row)


def test_assessment_has_all_competencies_with_three_levels_and_the_rule(pipeline, profile):
    built = pipeline.build(Request("assessment", "financial-aid", "journey"), "txt")
    blocks = built.model.blocks
    headings = [i for i, b in enumerate(blocks) if getattr(b, "level", None) == 3
                and "· weight" in plain_text(b.runs)]
    assert [plain_text(blocks[i].runs) for i in headings] == [
        f"{c.name} · weight 1 (14% of the total)" for c in profile.competencies]
    for index, competency in zip(headings, profile.competencies):
        table = blocks[index + 1]
        assert [plain_text(c.runs) for c in table.rows[0]] == [
            "Contributing", "Journey (position's level)", "Advanced"]
        for cell, level in zip(table.rows[1], profile.levels):
            assert plain_text(cell.all_runs) == "\n".join(
                f"• {s}" for s in competency.statements[level.id])
        # A row to mark and a full-width evidence row with room to write.
        (mark,), (evidence,) = table.rows[2:]
        assert mark.span == evidence.span == 3
        assert plain_text(mark.runs) == ("Applies to this position: Yes / No · Level shown: "
                                         "Below / Contributing / Journey / Advanced")
        assert plain_text(evidence.runs).startswith("Evidence:") and table.heights[3] >= 1
    text = " ".join(built.content.decode().split())
    # A rating above the position's level counts as that level, and why is said.
    assert "A rating above the position's level, Journey, is circled" in text
    assert "counts as Journey (2) here" in text
    # The mean is rounded, a half up, not cut down; the arithmetic is shown.
    assert "Round the weighted result to the nearest whole number, a half rounding up" in text
    assert "A = 6 × 2 + 1 × 1 = 13, B = 7, and 13 ÷ 7 = 1.86, which rounds to 2: Journey" in text


@pytest.mark.parametrize("level", ["contributing", "journey", "advanced"])
def test_assessment_has_two_competencies_to_a_page_with_an_inch_or_more_of_evidence(
        pipeline, level):
    pages = _context(pipeline, "assessment", level=level)["assessment"]["pages"]
    # The band's seven: three pages of two and one of one; the first page's two under the
    # "Competencies" heading and sentence.
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    for page in pages:
        evidence = {competency["evidence_inches"] for competency in page}
        assert len(evidence) == 1 and 1 <= evidence.pop() <= 3
        for competency in page:
            assert sum(competency["widths"]) == 100 and min(competency["widths"]) >= 18
    # The longest list gets the widest column: Journey's nine statements of Program Management.
    program = next(c for page in pages for c in page if c["id"] == "program-management")
    assert program["widths"][1] == max(program["widths"]) > 40


def test_assessment_puts_a_competency_alone_when_two_leave_too_little_room(pipeline,
                                                                           monkeypatch):
    from jdbuilder import kit

    monkeypatch.setattr(kit, "EVIDENCE_LEAST_INCHES", 2.5)
    pages = _context(pipeline, "assessment")["assessment"]["pages"]
    assert [len(page) for page in pages] == [1] * 7
    assert all(page[0]["evidence_inches"] >= 2.5 for page in pages)


def test_assessment_weights_from_set_are_shown_and_unknown_ones_are_refused(pipeline):
    context = _context(pipeline, "assessment", weights="decision-making=3")
    weights = {c["id"]: (c["weight"], c["share"]) for c in context["assessment"]["competencies"]}
    assert weights["decision-making"] == ("3", "33%")
    assert weights["client-customer-service"] == ("1", "11%")
    assert context["assessment"]["weights_equal"] is False
    assert _context(pipeline, "assessment")["assessment"]["weights_equal"] is True
    with pytest.raises(InputError, match="unknown competency 'decision-makin' "
                                         r"\(did you mean 'decision-making'\?\)"):
        _context(pipeline, "assessment", weights="decision-makin=2")
    with pytest.raises(InputError, match="weight '2x' for decision-making is not a number"):
        parse_position({"weights": "decision-making=2x"})


def test_weights_on_another_kind_are_not_silently_dropped(pipeline):
    request = Request("interview", "admissions", "journey",
                      parse_position({"weights": "decision-making=2"}))
    built = pipeline.build(request, "txt")
    assert [p.line() for p in built.problems] == [
        "field 'weights': the interview does not show weights, only the assessment does; "
        "leave it out"]


def test_ladder_holds_every_statement_of_the_profile(pipeline, profile):
    built = pipeline.build(Request("ladder", "registration", ""), "md")
    text = _model_text(built)
    statements = [s for c in profile.competencies for lv in profile.levels
                  for s in c.statements[lv.id]]
    # 58 statements; the 61 counts the published text's sentences, three of which
    # the profile keeps joined to the next by "; " (its transcription keeps the published order).
    assert len(statements) == 58
    assert sum(s.count("; Provides") + s.count("; Applies") + s.count("; Utilizes")
               for s in statements) == 3
    for statement in statements:
        assert statement in text
    assert built.title == profile.specialization("registration").name
    assert "(this position)" not in text
    focused = pipeline.build(Request("ladder", "registration", "advanced"), "md")
    assert "Advanced (this position)" in focused.content.decode()


@pytest.mark.parametrize("kind", ["posting", "description", "interview", "screening",
                                  "assessment"])
def test_every_kind_but_the_ladder_needs_a_level(pipeline, kind):
    with pytest.raises(InputError) as raised:
        pipeline.build(Request(kind, "admissions", ""), "md")
    assert raised.value.problem.line() == (
        f"field 'level': is missing; {kind} documents are made for one level: give one of "
        "contributing, journey, advanced")


def test_ladder_shows_each_levels_title_supervision_and_duties(pipeline, profile):
    spec = profile.specialization("student-center")
    text = _model_text(pipeline.build(Request("ladder", "student-center", ""), "txt"))
    for level in profile.levels:
        role = spec.roles[level.id]
        assert role.title in text and role.supervision_received in text
        assert all(duty.title in text for duty in role.duties)


def _ladder_row(built, heading: str) -> list[str]:
    for block in built.model.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                if plain_text(row[0].all_runs) == heading:
                    return [plain_text(cell.all_runs) for cell in row[1:]]
    raise AssertionError(f"no row '{heading}'")


def test_ladder_decision_authority_quotes_the_named_competency_per_level(pipeline, profile):
    built = pipeline.build(Request("ladder", "financial-aid", ""), "txt")
    decision_making = profile.competency(profile.ladder.decision_authority)
    assert decision_making.name == "Decision Making"
    cells = _ladder_row(built, "Decision authority")
    assert len(cells) == len(profile.levels)
    for cell, level in zip(cells, profile.levels):
        statements = decision_making.statements[level.id]
        assert cell == "\n".join(f"• {statement}" for statement in statements)
    assert "quotes each level's Decision Making statements" in _model_text(built)


def test_ladder_without_settings_has_no_decision_authority_row(profile_copy):
    (profile_copy / "kit" / "ladder.yaml").unlink()
    pipeline = Pipeline(profile=load_profile(profile_copy))
    text = _model_text(pipeline.build(Request("ladder", "admissions", ""), "txt"))
    assert "Decision authority" not in text and "Supervision received" in text


def test_ladder_settings_naming_no_competency_are_refused_with_file_and_line(profile_copy):
    file = profile_copy / "kit" / "ladder.yaml"
    file.write_text("decision_authority: decision-makin\n", encoding="utf-8")
    pipeline = Pipeline(profile=load_profile(profile_copy))
    with pytest.raises(ProfileError) as caught:
        pipeline.build(Request("ladder", "admissions", ""), "txt")
    assert caught.value.message.startswith(f"{file}, line 1, field 'decision_authority': "
                                           "competency 'decision-makin' is not defined")
    assert "did you mean 'decision-making'" in caught.value.message


@pytest.mark.parametrize("kind", KIT_KINDS)
def test_every_kit_table_header_cell_has_text(pipeline, kind):
    # Screen readers announce a column by its header; an empty one is announced as nothing.
    built = pipeline.build(Request(kind, "residence-life", "contributing"), "txt")
    headers = [cell for block in built.model.blocks if isinstance(block, Table)
               for row in block.rows for cell in row if cell.header]
    assert headers and all(plain_text(cell.all_runs).strip() for cell in headers)


@pytest.mark.parametrize("kind", KIT_KINDS)
def test_documented_kit_variables_match_the_real_context(pipeline, kind):
    context = _context(pipeline, kind, salary_min="1", salary_max="2", committee="A B (Chair)")
    assert context_paths(context) == set(context_doc(kind))


# ------------------------------------------------------------------------------------------------
# Every format, specs, landscape pages, the commands


def _section(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = archive.read("word/document.xml").decode()
    return re.search(r"<w:sectPr.*</w:sectPr>", document).group()


def _part(content: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name).decode()


def test_wide_forms_are_landscape_and_the_guide_and_worksheet_portrait(pipeline):
    for kind in ("screening", "ladder"):
        content = pipeline.build(Request(kind, "admissions", "journey")).content
        section = _section(content)
        assert '<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>' in section, kind
        # The header's and footer's right-aligned text moves out to the wider right margin.
        for part in ("word/header1.xml", "word/footer1.xml"):
            assert '<w:tab w:val="right" w:pos="12960"/>' in _part(content, part)
    for kind in ("interview", "assessment"):
        content = pipeline.build(Request(kind, "admissions", "journey")).content
        assert '<w:pgSz w:w="12240" w:h="15840"/>' in _section(content), kind
        assert "<w:tabs>" not in _part(content, "word/header1.xml")
    html = pipeline.build(Request("ladder", "admissions", "journey"), "html").content.decode()
    assert "@page { size: landscape; }" in html


def test_every_kit_kind_builds_from_a_spec_in_every_format(tmp_path, pipeline):
    rows = "\n".join(
        f"  - {{kind: {kind}, specialization: admissions, level: journey, format: {fmt}}}"
        for kind in KIT_KINDS for fmt in ("docx", "html", "md", "txt"))
    spec = tmp_path / "kit.yaml"
    spec.write_text(f"documents:\n{rows}\n"
                    "  - {kind: assessment, specialization: finaid, level: advanced, "
                    "weights: 'decision-making=2', output: weighted.md}\n", encoding="utf-8")
    out = tmp_path / "out"
    report = run_build(spec, pipeline, BuildOptions(out, 1, False, False, False, None, True))
    assert report.exit_code == 0, report.failures
    names = sorted(p.name for p in out.iterdir() if p.name not in ("manifest.json", "build-report.csv"))
    assert len(names) == 17
    assert "undergraduate-admissions-ladder.docx" in names
    assert "senior-admissions-counselor-interview.html" in names
    assert "weight 2 (25% of the total)" in (out / "weighted.md").read_text(encoding="utf-8")
    docx = (out / "senior-admissions-counselor-screening.docx").read_bytes()
    assert "Applicant Screening Matrix" in docx_text(docx)


def test_jsonld_is_refused_for_kit_kinds(pipeline):
    with pytest.raises(InputError, match="--format jsonld: for postings only"):
        pipeline.build(Request("interview", "admissions", "journey"), "jsonld")


def test_kit_commands_write_their_documents(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(["ladder", "-s", "finaid"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "financial-aid-ladder.docx").is_file()
    result = cli(["assessment", "-s", "reslife", "-l", "advanced", "-o", "-",
                  "--format", "md", "--set", "weights=decision-making=2"])
    assert result.exit_code == 0, result.output
    assert "weight 2 (25% of the total)" in result.stdout
    result = cli(["interview", "-s", "admissions", "-l", "journey", "--set",
                  "weights=decison-making=2", "-o", "-", "--format", "txt"])
    assert result.exit_code == 0
    assert "does not show weights, only the assessment does" in result.stderr
    result = cli(["screening", "-s", "admissions"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: Missing option '-l' / '--level'")


def test_kit_kinds_through_the_web_api(make_app):

    client = make_app().test_client()
    for kind, title in (("interview", "# Structured Interview Guide"),
                        ("screening", "# Applicant Screening Matrix"),
                        ("assessment", "# Competency Assessment Worksheet"),
                        ("ladder", "# Career Ladder: Undergraduate Admissions")):
        response = client.get(f"/api/documents/{kind}?specialization=admissions&level=journey"
                              "&format=md")
        assert response.status_code == 200, response.data[:300]
        assert response.data.decode().startswith(title)
    weighted = client.get("/api/documents/assessment?specialization=admissions&level=journey"
                          "&format=md&weights=decision-making%3D2")
    assert b"Decision Making \xc2\xb7 weight 2 (25% of the total)" in weighted.data


# ------------------------------------------------------------------------------------------------
# The committee


def test_committee_is_parsed_in_order_with_optional_roles_and_commas_in_names():
    position = parse_position({"committee": "Ana Diaz (Chair); Park, Lee (HR)\nSam Ortiz"})
    assert [(m.name, m.role) for m in position.committee] == [
        ("Ana Diaz", "Chair"), ("Park, Lee", "HR"), ("Sam Ortiz", None)]
    for bad, message in [("(Chair)", "is not 'Name' or 'Name \\(Role\\)'"),
                         ("Ana; ana", "names ana twice"),
                         (" ; ", "names nobody"),
                         (";".join(f"M{i}" for i in range(21)), "at most 20")]:
        with pytest.raises(InputError, match=message):
            parse_position({"committee": bad})


def test_committee_names_the_panel_in_the_opening_script_and_the_sign_offs(pipeline):
    fields = {"committee": "Ana Diaz (Chair); Lee Park (HR); Sam Ortiz"}
    guide = _model_text(pipeline.build(Request("interview", "admissions", "journey",
                                               parse_position(fields)), "md"))
    assert "I am Ana Diaz, and with me are Lee Park and Sam Ortiz." in guide
    assert "Ana Diaz (Chair)" in guide and "Lee Park (HR)" in guide
    matrix = _model_text(pipeline.build(Request("screening", "admissions", "journey",
                                                parse_position(fields)), "md"))
    assert "Sam Ortiz" in matrix
    two = _model_text(pipeline.build(Request("interview", "admissions", "journey",
                                             parse_position({"committee": "A B; C D"})), "md"))
    assert "I am A B, and with me is C D." in two
    unnamed = _model_text(pipeline.build(Request("interview", "admissions", "journey"), "md"))
    assert "I am ________, and with me are ________." in unnamed
