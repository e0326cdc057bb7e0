from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import textstat

from jdbuilder.checking import check_files
from jdbuilder.checks import (
    ERROR,
    INFO,
    LENGTH_MAX_WORDS,
    LENGTH_MIN_WORDS,
    WARNING,
    CheckContext,
    check_document,
    check_text,
    completeness_findings,
    gendered_counts,
    gendered_findings,
    jargon_findings,
    length_findings,
    readability_findings,
    readability_scores,
    repeated_sentences,
    stem_matches,
)
from jdbuilder.compose import Request
from jdbuilder.data.gendered_words import FEMININE_CODED, MASCULINE_CODED
from jdbuilder.pipeline import DocumentRequest, make_document
from jdbuilder.preview import preview_document
from jdbuilder.readers import PARAGRAPH, PostingText, TextBlock, from_model, read_plain_text


def posting_of(*paragraphs: str, headings: dict[int, str] | None = None) -> PostingText:
    """A posting from paragraphs; `headings` puts a heading before the paragraph at that index."""
    blocks = []
    for index, text in enumerate(paragraphs):
        if headings and index in headings:
            blocks.append(TextBlock("heading", headings[index], f"line {index}h", 2))
        blocks.append(TextBlock(PARAGRAPH, text, f"line {index}"))
    return PostingText("test", tuple(blocks))


def of_check(findings, check: str, severity: str | None = None):
    return [f for f in findings if f.code == check and (severity is None or
                                                          f.severity == severity)]


# --- the word lists --------------------------------------------------------------------------


def test_word_lists_are_the_papers_with_their_wildcards():
    assert len(MASCULINE_CODED) == 42 and len(FEMININE_CODED) == 40
    for stem in ("compet*", "domina*", "lead*", "analy*", "decide", "self-relian*"):
        assert stem in MASCULINE_CODED
    for stem in ("support*", "understand*", "respon*", "kind", "yield*"):
        assert stem in FEMININE_CODED
    assert not set(MASCULINE_CODED) & set(FEMININE_CODED)


def test_a_stem_with_a_star_matches_word_starts_and_one_without_only_the_whole_word():
    assert stem_matches("compet*", "Competitive") and stem_matches("compet*", "compete")
    assert stem_matches("decide", "Decide") and not stem_matches("decide", "decided")
    assert stem_matches("kind", "kind") and not stem_matches("kind", "kindergarten")
    # The paper lists 'analy*', so 'analytical' counts as masculine-coded.
    assert stem_matches("analy*", "analytical")


def test_no_hits_inside_unrelated_words():
    text = ("The workforce misleads nobody: kindergarten, undecided, nonsupporting, unyielding, "
            "principal, persistence, Kindle.")
    assert gendered_counts(posting_of(text).sentences()).hits == ()


def test_hyphenated_words_match_whole_or_part_by_part():
    text = "A self-confident, decision-making, non-competitive, co-operative team-leader."
    hits = gendered_counts(posting_of(text).sentences()).hits
    assert [(h.word, h.stem) for h in hits] == [
        ("self-confident", "self-confiden*"), ("decision", "decision*"),
        ("competitive", "compet*"), ("leader", "lead*")]


# --- gendered wording ------------------------------------------------------------------------

MASCULINE_AD = ("We want an ambitious, competitive and assertive leader. You will lead a dominant "
                "team, be decisive and work independently.")
NEUTRAL_AD = "You will lead campus tours and support visiting families. Plan events with us."


def test_masculine_coded_ad_counts_and_balance():
    counts, findings = gendered_findings(posting_of(MASCULINE_AD), CheckContext())
    assert sorted(h.word for h in counts.hits) == ["ambitious", "assertive", "competitive",
                                                   "decisive", "dominant", "independently",
                                                   "lead", "leader"]
    assert (counts.masculine, counts.feminine, counts.balance) == (8, 0, 8)
    assert counts.verdict == "masculine-coded"
    warning = of_check(findings, "gendered-wording", WARNING)
    assert len(warning) == 1 and "balance +8" in warning[0].message
    assert "Gaucher, Friesen & Kay (2011)" in warning[0].source
    # Each sentence with coded words is quoted, the words marked.
    pointers = [f for f in findings if f.name == "coded-words"]
    assert [f.quote for f in pointers] == [
        "We want an «ambitious», «competitive» and «assertive» «leader».",
        "You will «lead» a «dominant» team, be «decisive» and work «independently»."]
    assert pointers[0].message == "masculine-coded ambitious, competitive, assertive, leader"
    assert all(f.location.place == "line 0" and f.severity == INFO for f in pointers)


def test_neutral_ad_counts_and_balance():
    counts, findings = gendered_findings(posting_of(NEUTRAL_AD), CheckContext())
    assert (counts.masculine, counts.feminine, counts.balance) == (1, 1, 0)
    assert counts.verdict == "neutral"
    assert {f.severity for f in findings} == {INFO}
    assert "balance +0, neutral" in findings[0].message
    assert findings[1].quote == "You will «lead» campus tours and «support» visiting families."
    assert findings[1].message == "masculine-coded lead; feminine-coded support"


def test_words_only_inside_competency_names_are_info_not_warnings():
    context = CheckContext(competency_names=("Decision Making",))
    text = "Decision Making: Takes action consistent with available facts."
    counts, findings = gendered_findings(posting_of(text), context)
    assert (counts.masculine, counts.balance) == (0, 0)
    assert not of_check(findings, "gendered-wording", WARNING)
    assert any("not counted: decision" in f.message for f in of_check(findings,
                                                                        "gendered-wording", INFO))
    # Without the exemption the same word is a masculine-coded hit...
    counts, findings = gendered_findings(posting_of(text), CheckContext())
    assert counts.masculine == 1 and of_check(findings, "gendered-wording", WARNING)
    # ...and outside the name it still counts.
    counts, _ = gendered_findings(posting_of(text, "You will make decisions daily."), context)
    assert counts.masculine == 1 and counts.words("masculine") == {"decisions": 1}


def test_competency_names_come_from_the_profile_of_a_built_posting(pipeline):
    built = pipeline.build(Request("posting", "financial-aid", "journey"), "md",
                           pipeline.organization())
    assert "Decision Making" in built.content.decode()
    findings = check_document(built.model, CheckContext.from_profile(pipeline.profile)).findings
    assert any(f.message.startswith("not counted: decision") for f in findings)
    without = check_document(built.model, None).findings
    assert not any(f.message.startswith("not counted") for f in without)


# --- readability -----------------------------------------------------------------------------


def test_readability_uses_textstat_against_the_stated_target():
    easy = posting_of("We need help at the front desk. You will greet guests. You will answer "
                      "the phone. We train you.")
    figures, findings = readability_findings(easy)
    assert [f.severity for f in findings] == [INFO] and "within the target" in findings[0].message
    text = ("We need help at the front desk. You will greet guests. You will answer the phone. "
            "We train you.")
    assert figures["flesch_reading_ease"] == round(textstat.flesch_reading_ease(text), 1)
    hard = posting_of("The incumbent administers comprehensive institutional compliance "
                      "documentation, coordinating interdepartmental communication regarding "
                      "regulatory implementation considerations and organizational accountability "
                      "requirements, notwithstanding extraordinarily complicated circumstances.")
    figures, findings = readability_findings(hard)
    assert findings[0].severity == WARNING and "harder than the target" in findings[0].message
    assert "Flesch (1948)" in findings[0].source
    assert figures["flesch_kincaid_grade"] > 12
    assert findings[1].quote.startswith("The incumbent administers")  # the hardest sentence


def test_abbreviations_do_not_count_as_extra_sentences():
    # 'a.m.' and '$24.50' would be extra sentences to textstat's own splitter.
    text = "Hours run from 8:00 a.m. to 5:00 p.m. and pay is $24.50 per hour."
    figures, _ = readability_findings(posting_of(text))
    one_sentence, _ = readability_scores("Hours run from 8:00 am to 5:00 pm and pay is $2450 "
                                         "per hour.")
    assert figures["flesch_reading_ease"] == round(one_sentence, 1)
    assert textstat.sentence_count(text) > 1  # what it would have counted


# --- length, pay, completeness, jargon -------------------------------------------------------


def test_length_is_measured_in_words_against_a_cited_band():
    _, short = length_findings(posting_of("Too short."))
    assert short[0].severity == WARNING and "too short" in short[0].message
    assert "Textio" in short[0].source
    _, fine = length_findings(posting_of("word " * (LENGTH_MIN_WORDS + 10)))
    assert fine[0].severity == INFO and "within 300-700" in fine[0].message
    _, long = length_findings(posting_of("word " * (LENGTH_MAX_WORDS + 10)))
    assert long[0].severity == WARNING and "too long" in long[0].message


def test_a_1100_word_posting_gets_a_length_warning_though_under_10000_characters():
    text = "Plan the day. " * 367  # 1,101 words, 5,138 characters
    figures, findings = length_findings(posting_of(text))
    assert figures["words"] == 1101 and figures["characters"] < 10_000
    assert findings[0].severity == WARNING and "1,101 words" in findings[0].message


COMPLETE = """Records Specialist

Summary
Example University seeks a records specialist.

Responsibilities
- Keep records.

Qualifications
- A degree.

How to apply
Apply online at https://jobs.example.edu.

Example University is an equal opportunity employer.
"""


def test_sections_are_recognised_by_heading_wording_or_a_sentence():
    posting = PostingText("t", tuple(read_plain_text(COMPLETE)))
    assert completeness_findings(posting) == []
    no_eeo = PostingText("t", tuple(read_plain_text(COMPLETE.replace(
        "Example University is an equal opportunity employer.", ""))))
    findings = completeness_findings(no_eeo)
    assert [(f.severity, f.message.split(":")[0]) for f in findings] == [
        (ERROR, "missing EEO statement")]
    bare = PostingText("t", tuple(read_plain_text("Clerk\n\nFile papers.\n")))
    missing = {f.message.split(":")[0]: f.severity for f in completeness_findings(bare)}
    assert missing == {"missing summary": WARNING, "missing responsibilities": ERROR,
                       "missing qualifications": ERROR, "missing how to apply": ERROR,
                       "missing EEO statement": ERROR}


def test_jargon_internal_terms_and_unexpanded_acronyms():
    context = CheckContext(level_names=("Journey",))
    posting = posting_of(
        "This SHRA position is in the career band at the Journey level.",
        "FLSA status: Exempt.",
        "Knowledge of FERPA and of the Family Educational Rights and Privacy Act (FERPA) rules.",
        "Work with the NCAA and our GPA reports in NC.",
        "Position number 00012345.",
        "ABOUT THE JOB",
        "She used advanced level statistics.")
    findings = jargon_findings(posting, context)
    found = {f.message.split("'")[1]: f.severity for f in findings}
    assert found == {"SHRA": WARNING, "career band": WARNING, "Journey level": WARNING,
                     "FLSA": WARNING, "NCAA": INFO, "Position number": INFO}
    shra = next(f for f in findings if "SHRA" in f.message)
    assert shra.location.place == "line 0" and shra.quote.startswith("This «SHRA» position")


def test_repeated_sentences_normalised_for_case_and_space():
    texts = ["Keep records.  Answer the phone.", "keep   RECORDS. Greet guests.",
             "Answer the phone."]
    assert repeated_sentences(texts) == ["Keep records.", "Answer the phone."]
    assert repeated_sentences(["One sentence. Another one."]) == []


def test_built_postings_have_no_repeated_sentences(pipeline):
    for specialization in pipeline.profile.specializations:
        built = pipeline.build(Request("posting", specialization.id, "journey"), "md",
                               pipeline.organization())
        posting = from_model(built.model)
        assert repeated_sentences(b.text for b in posting.blocks) == [], specialization.id


def test_description_gets_only_the_wording_checks(pipeline):
    built = pipeline.build(Request("description", "registration", "journey"), "md",
                           pipeline.organization())
    report = check_text(from_model(built.model), CheckContext.from_profile(pipeline.profile),
                        "description")
    assert {f.code for f in report.findings} <= {"gendered-wording", "readability",
                                                  "repetition"}


# --- the command -----------------------------------------------------------------------------


@pytest.fixture
def run(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda *args: cli(list(args), catch_exceptions=False)


def write_complete_docx(path: Path) -> Path:
    """A complete, accessible posting written with python-docx alone: a Title property, and
    Heading 2 darkened (the blank template's #4F81BD at 13 pt is 4.03:1, under WCAG's 4.5:1)."""
    document = docx.Document()
    document.core_properties.title = "Records Specialist"
    document.styles["Heading 2"].font.color.rgb = docx.shared.RGBColor(0x1F, 0x38, 0x64)
    document.add_heading("Records Specialist", 1)
    document.add_heading("About the role", 2)
    document.add_paragraph("You will keep student records accurate and help students with "
                           "forms. The pay is $40,000 to $46,000 per year.")
    document.add_heading("Responsibilities", 2)
    document.add_paragraph("Keep records up to date.", style="List Bullet")
    document.add_heading("Qualifications", 2)
    document.add_paragraph("A high school diploma and two years of office work.")
    document.add_heading("How to apply", 2)
    document.add_paragraph("Apply online at https://jobs.example.edu by June 1.")
    document.add_paragraph("We are an equal opportunity employer.")
    document.save(path)
    return path


def test_check_a_python_docx_posting_exit_0_without_errors(run, tmp_path):
    write_complete_docx(tmp_path / "job.docx")
    result = run("check", "job.docx")
    assert result.exit_code == 0, result.output
    assert "job.docx" in result.output and "0 errors" in result.output
    assert "length: too short" in result.output  # a warning, which does not fail the check
    data = json.loads(run("check", "job.docx", "--json").output)
    assert data["summary"]["error"] == 0 and data["summary"]["documents"] == 1
    figures = data["documents"][0]["figures"]
    assert {"flesch_reading_ease", "flesch_kincaid_grade", "characters", "masculine_coded",
            "feminine_coded", "balance"} <= set(figures)


def test_check_exits_1_on_an_error_finding_and_points_at_it(run, tmp_path):
    (tmp_path / "job.md").write_text("# Clerk\n\nFile papers. Contact HR.\n")
    result = run("check", "job.md", "--json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["documents"][0]["findings"]
    assert findings[0]["severity"] == "error"  # worst first
    assert {"missing responsibilities", "missing EEO statement"} <= {
        f["message"].split(":")[0] for f in findings if f["check"] == "completeness"}


def test_check_unreadable_file_is_an_error_finding_the_others_still_checked(run, tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"no zip")
    write_complete_docx(tmp_path / "good.docx")
    result = run("check", "bad.docx", "good.docx", "--json")
    assert result.exit_code == 1
    documents = json.loads(result.output)["documents"]
    unreadable = documents[0]["findings"][0]
    assert unreadable["message"].startswith("not a Word document")  # the file is its place
    assert unreadable["where"] == "bad.docx"
    assert documents[1]["summary"]["error"] == 0
    missing = run("check", "nothing.md")
    assert missing.exit_code == 2 and "does not exist" in missing.output


SPEC = """\
defaults:
  org: org.yaml
documents:
  - kind: posting
    specialization: admissions
    level: journey
    salary_min: 45000
    salary_max: 52000
  - kind: posting
    specialization: financial-aid
    level: advanced
    format: jsonld
    org:
      name: Nowhere College
      eeo_statement: We are an equal opportunity employer.
  - kind: description
    specialization: registration
    level: contributing
  - kind: posting
    specialization: astronomy
    level: journey
"""

ORG = """\
name: Example University
eeo_statement: Example University is an equal opportunity employer.
location: {city: Raleigh, region: NC, country: US}
apply: {url: "https://jobs.example.edu"}
"""


def test_check_a_spec_checks_every_document_it_would_build(run, tmp_path):
    (tmp_path / "org.yaml").write_text(ORG)
    (tmp_path / "jobs.yaml").write_text(SPEC)
    result = run("check", "jobs.yaml", "--json")
    assert result.exit_code == 1
    documents = json.loads(result.output)["documents"]
    # The spec's own problem, then one report per valid document.
    assert documents[0]["findings"][0]["check"] == "spec"
    assert "astronomy" in documents[0]["findings"][0]["message"]
    assert documents[0]["findings"][0]["where"] == "jobs.yaml, line 20, field 'specialization'"
    sources = [d["source"] for d in documents[1:]]
    assert sources == ["jobs.yaml, line 4 (Senior Admissions Counselor, posting)",
                       "jobs.yaml, line 9 (Assistant Director of Financial Aid, posting)",
                       "jobs.yaml, line 16 (Registration and Records Specialist, description)"]
    admissions, finaid, description = documents[1:]
    assert admissions["summary"]["error"] == 0
    assert not [f for f in admissions["findings"] if f["check"] == "pay-transparency"]
    # No country: the JSON-LD this entry asks for could not be built.
    assert finaid["findings"][0]["check"] == "structured-data"
    assert "addressCountry" in finaid["findings"][0]["message"]
    assert {f["check"] for f in description["findings"]} <= {"gendered-wording", "readability",
                                                             "repetition"}
    text = run("check", "jobs.yaml").output
    assert "4 document(s) checked" in text


# --- posting runs the checks -----------------------------------------------------------------


def test_posting_prints_check_warnings_and_strict_writes_nothing(run, tmp_path):
    # A posting template far too short for any posting: findings whatever the profile says.
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "posting.html.j2").write_text(
        "<h1>{{ role.title }}</h1>\n<p>Apply.</p>\n", encoding="utf-8")
    result = run("--templates", "templates", "posting", "-s", "admissions", "-l", "journey",
                 "-o", "p.md")
    assert result.exit_code == 0 and (tmp_path / "p.md").exists()
    assert "Warning: length: too short" in result.stderr
    assert "Warning: jargon" not in result.stderr
    strict = run("--templates", "templates", "posting", "-s", "admissions", "-l", "journey",
                 "-o", "q.md", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "q.md").exists()
    assert "Error: --strict: quality findings" in strict.output


@pytest.mark.parametrize("fields", [{"salary_min": "45000"}, {"salary_max": "52000"}, {},
                                    {"salary_min": "45000", "salary_max": "52000"}])
def test_a_made_posting_reports_every_finding_check_reports_for_its_file(pipeline, tmp_path,
                                                                         fields):
    request = DocumentRequest("posting", "admissions", "journey", fields, "md")
    made = make_document(request, pipeline)
    (tmp_path / "p.md").write_bytes(made.content)
    (report,) = check_files([tmp_path / "p.md"], pipeline)
    checked = {(f.code, f.message) for f in report.findings if f.severity in (ERROR, WARNING)}
    reported = {(problem.code, problem.message) for problem in made.problems}
    assert checked and checked <= reported
    if len(fields) == 1:  # one side of the range only: the pay finding is never dropped
        assert any(code == "pay-transparency" for code, _ in reported)


def test_a_description_gets_the_same_wording_checks_from_the_command_and_the_web(
        run, tmp_path, pipeline):
    result = run("description", "-s", "admissions", "-l", "journey", "-o", "pd.md")
    assert result.exit_code == 0 and (tmp_path / "pd.md").exists()
    printed = {line.split(": ", 2)[2] for line in result.stderr.splitlines()
               if line.startswith("Warning: ")}
    shown = preview_document(DocumentRequest("description", "admissions", "journey"), pipeline)
    on_the_web = {problem.message for problem in shown.problems if problem.severity == WARNING}
    assert printed == on_the_web and any("Flesch" in line for line in printed)
    # the job ad's checks are not a description's: no pay, length or how-to-apply findings
    assert {problem.code for problem in shown.problems} <= {"gendered-wording", "readability",
                                                            "repetition"}
    # advice on the profile's own language, which --strict does not refuse
    refused = run("description", "-s", "admissions", "-l", "journey", "--strict")
    assert refused.exit_code == 2 and "No such option '--strict'" in refused.stderr


def test_kit_documents_are_forms_not_prose_and_get_no_quality_checks(run, pipeline):
    result = run("interview", "-s", "admissions", "-l", "journey", "-o", "guide.md")
    assert result.exit_code == 0 and "Warning" not in result.stderr
    shown = preview_document(DocumentRequest("interview", "admissions", "journey"), pipeline)
    assert not shown.problems and not shown.figures


# --- precision: the field's words, the organization's statements, silences -------------------

YIELD_POSTING = ("Plan yield events for admitted students. Track yield each week. Report yield "
                 "to the director. Run the spring yield season. Lead campus tours.")


def test_admissions_yield_is_a_term_of_the_trade_not_feminine_coding(pipeline):
    posting = posting_of(YIELD_POSTING)
    admissions = CheckContext.from_profile(pipeline.profile)
    counts, findings = gendered_findings(posting, admissions)
    assert (counts.masculine, counts.feminine) == (1, 0)  # "lead" only
    assert any("not counted: yield ×4" in f.message and "terms of the trade" in f.message
               for f in findings)
    counts, _ = gendered_findings(posting, CheckContext())  # without the profile's vocabulary
    assert counts.feminine == 4


def test_challenge_course_alone_no_longer_makes_a_masculine_warning(pipeline):
    posting = posting_of("Inspect the challenge course before each group. Support trip staff.")
    center = CheckContext.from_profile(pipeline.profile)
    counts, findings = gendered_findings(posting, center)
    assert counts.masculine == 0 and not of_check(findings, "gendered-wording", WARNING)
    counts, findings = gendered_findings(posting, CheckContext())
    assert counts.masculine == 1 and counts.balance == 0  # challenge against support


def test_an_eeo_statement_changes_no_figure(pipeline):
    organization = pipeline.organization()
    context = CheckContext.from_profile(pipeline.profile, organization=organization)
    body = ["You will plan campus visits and answer questions from families. "
            "You will lead small groups and keep records."]
    with_eeo = posting_of(*body, organization.eeo_statement)
    plain = check_text(posting_of(*body), context)
    both = check_text(with_eeo, context)
    for figure in ("masculine_coded", "feminine_coded", "balance", "flesch_reading_ease",
                   "flesch_kincaid_grade"):
        assert both.figures[figure] == plain.figures[figure], figure
    # Without the organization the statement is still known for what it is, by its wording.
    alone = check_text(with_eeo, CheckContext())
    assert alone.figures["masculine_coded"] == check_text(posting_of(*body),
                                                           CheckContext()).figures[
        "masculine_coded"]


def test_standard_statements_of_a_posting_written_elsewhere_leave_the_figures_alone():
    """An EEO or benefits section found by its heading, or an EEO sentence by its wording, is
    set text: its 'individuals' and 'decisions' do not make the job ad masculine-coded."""
    body = ("You will plan campus visits and answer questions from families. You will keep "
            "records and help new staff learn the work.")
    eeo = ("We make hiring decisions on the merits. Individuals are considered without regard to "
           "race, color, religion, sex, national origin, age, disability or veteran status.")
    benefits = "Our benefits are competitive and decisive for individuals who lead active lives."
    written = posting_of(body, eeo, benefits,
                         headings={1: "Equal Employment Opportunity", 2: "Benefits"})
    plain = check_text(posting_of(body), CheckContext())
    both = check_text(written, CheckContext())
    assert both.figures["masculine_coded"] == plain.figures["masculine_coded"]
    # The same words in the job's own text are counted.
    own = check_text(posting_of(body, "We want individuals who make decisions and lead."),
                     CheckContext())
    assert own.figures["masculine_coded"] > plain.figures["masculine_coded"]


def test_every_wording_finding_quotes_its_sentence_with_the_word_marked():
    posting = posting_of(MASCULINE_AD, "Make decisions daily. Decide fast.", "ABC rules apply.")
    report = check_text(posting, CheckContext(level_names=("Journey",)))
    wording = [f for f in report.findings
               if f.name in ("coded-words", "acronym-not-spelled-out", "internal-term")
               and not f.message.startswith("not counted")]
    assert len(wording) >= 4
    for finding in wording:
        assert finding.quote and "«" in finding.quote and finding.location.place.startswith("line")


def test_a_silenced_finding_is_reported_as_silenced_and_counts_for_nothing():
    posting = posting_of("Too short.")
    context = CheckContext(silenced=(("length", "our job board adds the details"),))
    report = check_text(posting, context)
    length = of_check(report.findings, "length")[0]
    assert length.severity == WARNING and length.silenced == "our job board adds the details"
    assert report.count(WARNING) == check_text(posting, CheckContext()).count(WARNING) - 1
    assert length.to_json()["silenced"] == "our job board adds the details"


def test_an_organization_file_silences_by_name_and_refuses_unknown_names(tmp_path):
    from jdbuilder.errors import JdbuilderError
    from jdbuilder.org import load_organization

    org = tmp_path / "org.yaml"
    org.write_text("name: U\neeo_statement: We are an equal opportunity employer.\n"
                   "silence:\n  how-to-apply-missing: the job board adds the apply button\n")
    assert load_organization(org, tmp_path).silenced == (
        ("how-to-apply-missing", "the job board adds the apply button"),)
    org.write_text("name: U\neeo_statement: EEO.\nsilence:\n  lenght: too long is fine\n")
    with pytest.raises(JdbuilderError, match=r"org.yaml.*line 4.*'lenght'.*did you mean 'length'"):
        load_organization(org, tmp_path)


# --- recall: how to apply, band titles, internal codes, product names -------------------------

STATUS_ONLY = """Records Clerk

About the role
You will keep records for the registrar.

Responsibilities
- Answers telephone, email and walk-in questions about application status.

Qualifications
- A high school diploma.

The University is an equal opportunity employer.
"""


def test_a_posting_without_how_to_apply_is_an_error_even_when_it_mentions_applications():
    posting = PostingText("t", tuple(read_plain_text(STATUS_ONLY)))
    found = {f.name: f.severity for f in completeness_findings(posting)}
    assert found == {"how-to-apply-missing": ERROR}
    linked = STATUS_ONLY.replace("- A high school diploma.",
                                 "- A high school diploma.\n\nApply at https://jobs.example.edu.")
    assert completeness_findings(PostingText("t", tuple(read_plain_text(linked)))) == []


def test_jargon_knows_band_titles_internal_codes_and_leaves_product_names_alone(pipeline):
    context = CheckContext.from_profile(pipeline.profile)
    posting = posting_of("Financial Aid Counselor",
                         "This Student Services Specialist role runs R2T4 and clears C codes.",
                         "Schedule rooms in EMS.")
    findings = jargon_findings(posting, context)
    found = {f.message.split("'")[1]: f.name for f in findings}
    assert found["Student Services Specialist"] == "band-title"
    assert found["R2T4"] == "internal-term" and found["C codes"] == "internal-term"
    assert "EMS" not in found  # a product name in the student center's vocabulary...
    plain = {f.message.split("'")[1]: f.name for f in jargon_findings(posting, CheckContext())}
    assert plain["EMS"] == "acronym-not-spelled-out"  # ...else an acronym to spell out
    assert plain["R2T4"] == "acronym-not-spelled-out"  # a code with digits is still seen
    # A posting titled with the band title may say it.
    titled = PostingText("t", (TextBlock("heading", "Student Services Specialist", "line 0", 1),
                               TextBlock(PARAGRAPH, "A Student Services Specialist plans.", "l1")))
    assert not [f for f in jargon_findings(titled, context) if f.name == "band-title"]


def test_the_stem_index_finds_what_a_scan_of_the_lists_finds():
    from jdbuilder.checks.syllables import _syllable_table
    from jdbuilder.checks.wording import coded_stem

    def scanned(word: str, hyphenated: bool) -> tuple[str, str] | None:
        for coding, stems in (("masculine", MASCULINE_CODED), ("feminine", FEMININE_CODED)):
            for stem in stems:
                if ("-" in stem) == hyphenated and stem_matches(stem, word):
                    return stem, coding
        return None

    words = [line.split(b" ")[0].decode() for line in _syllable_table().split(b"\n")[::40] if line]
    words += ["Dominant", "dominating", "self-reliant", "self-confidence", "Leaders", "yielding"]
    for word in words:
        for hyphenated in (False, True):
            assert coded_stem(word, hyphenated) == scanned(word, hyphenated), word


def test_check_severity_shows_only_that_level_and_worse_but_counts_all(run, tmp_path):
    (tmp_path / "job.md").write_text("# Clerk\n\nFile papers. Contact HR. We are an equal "
                                     "opportunity employer.\n")
    everything = run("check", "job.md")
    errors = run("check", "job.md", "--severity", "error")
    assert errors.exit_code == everything.exit_code == 1
    assert "  error    completeness: missing responsibilities" in errors.output
    assert "warning " not in errors.output and "info " not in errors.output
    assert "warning " in everything.output and "info " in everything.output
    assert errors.output.splitlines()[-1] == everything.output.splitlines()[-1]  # the counts
    data = json.loads(run("check", "job.md", "--json", "--severity", "warning").output)
    severities = {f["severity"] for f in data["documents"][0]["findings"]}
    assert severities == {"error", "warning"} and data["summary"]["info"] > 0


def test_check_with_an_org_file_silences_and_says_so(run, tmp_path):
    (tmp_path / "job.md").write_text("# Clerk\n\nFile papers.\n")
    (tmp_path / "org.yaml").write_text(
        "name: U\neeo_statement: We are an equal opportunity employer.\n"
        "silence:\n  length: the job board shows our standard text beside it\n")
    result = run("check", "job.md", "--org", "org.yaml")
    assert "  silenced length: too short" in result.output
    assert "silenced: the job board shows our standard text beside it" in result.output


def test_a_position_description_checked_as_one_gets_no_posting_checks(tmp_path, pipeline):
    made = make_document(DocumentRequest("description", "admissions", "journey", {}, "md"),
                         pipeline)
    (tmp_path / "pd.md").write_bytes(made.content)
    (as_posting,) = check_files([tmp_path / "pd.md"], pipeline, kind="posting")
    (as_description,) = check_files([tmp_path / "pd.md"], pipeline, kind="description")
    (recognised,) = check_files([tmp_path / "pd.md"], pipeline)  # by its headings
    assert "completeness" in {finding.code for finding in as_posting.findings}
    checks = {finding.code for finding in as_description.findings}
    assert "completeness" not in checks and "pay-transparency" not in checks
    assert "readability" in checks  # the wording checks still run
    assert recognised.findings == as_description.findings


def test_check_kind_option_reaches_the_checks(cli, tmp_path, pipeline):
    made = make_document(DocumentRequest("description", "admissions", "journey", {}, "md"),
                         pipeline)
    (tmp_path / "pd.md").write_bytes(made.content)
    result = cli(["check", str(tmp_path / "pd.md"), "--kind", "description",
                  "--severity", "error"])
    assert result.exit_code == 0, result.output
    assert "missing how to apply" not in result.output


def test_reports_as_json_show_findings_of_the_severity_asked_and_count_them_all():
    from jdbuilder.checks import Report, has_errors, reports_json
    from jdbuilder.errors import Location, Problem

    error = Problem("pay-transparency", ERROR, "no salary range", Location(line=3))
    note = Problem("length", INFO, "long", source="Textio")
    quiet = Problem("wording", WARNING, "coded", silenced="our board adds it")
    reports = [Report("a.md", (error, note), {"words": 310}), Report("b.md", (quiet,))]
    everything = reports_json(reports)
    assert everything["summary"] == {"documents": 2, ERROR: 1, WARNING: 0, INFO: 1}
    first, second = everything["documents"]
    assert first["source"] == "a.md" and first["figures"] == {"words": 310}
    assert [(f["check"], f["where"]) for f in first["findings"]] == [
        ("pay-transparency", "line 3"), ("length", "whole document")]
    assert second["findings"][0]["silenced"] == "our board adds it"  # shown, counted for nothing
    errors_only = reports_json(reports, ERROR)
    assert [len(d["findings"]) for d in errors_only["documents"]] == [1, 0]
    assert errors_only["summary"] == everything["summary"]  # what is counted does not change
    assert has_errors(reports) and not has_errors(reports[1:])
