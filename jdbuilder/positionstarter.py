"""The starter position file (`jdbuilder position new`): the built-in specialization at one
level written out in full as a position file, with comments saying what each part is, so
editing starts from the real text. Deterministic: the same profile gives the same bytes."""

from __future__ import annotations

import textwrap

import yaml

from .position import FIELD_HELP
from .positionfile import Cited, PositionContent, builtin_content
from .profile import Level, Profile, Specialization

WIDTH = 96  # the starter's lines stay this short, so it reads well in any editor


def _scalar(value: object) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it."""
    # str(): a profile line marked as true only under one state's rules (LocalText) is
    # written as its text; the position file is one real position at one employer.
    plain = str(value) if isinstance(value, str) else value
    text = yaml.safe_dump(plain, allow_unicode=True, width=float("inf"))
    return text.removesuffix("\n...\n").rstrip("\n")


def _text(key: str, value: str, indent: int, first: str = "") -> list[str]:
    """`key: value`, folded over several lines (`>-`) when it would run past WIDTH."""
    lead = " " * indent
    line = f"{lead}{first}{key}: {_scalar(value)}"
    if len(line) <= WIDTH:
        return [line]
    # The folded lines sit deeper than the key, which sits after any "- ".
    body_lead = " " * (indent + len(first) + 2)
    body = textwrap.wrap(value, WIDTH - len(body_lead), break_long_words=False,
                         break_on_hyphens=False)
    return [f"{lead}{first}{key}: >-", *(f"{body_lead}{part}" for part in body)]


def _items(values: tuple[str, ...], indent: int) -> list[str]:
    lead = " " * indent
    lines = []
    for value in values:
        line = f"{lead}- {_scalar(value)}"
        if len(line) <= WIDTH:
            lines.append(line)
        else:
            body = textwrap.wrap(value, WIDTH - indent - 2, break_long_words=False,
                                 break_on_hyphens=False)
            lines += [f"{lead}- >-", *(f"{lead}  {part}" for part in body)]
    return lines


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(text, WIDTH - 2)]


def _list(key: str, values: tuple[str, ...], indent: int = 0) -> list[str]:
    if not values:
        return [f"{' ' * indent}{key}: []"]
    return [f"{' ' * indent}{key}:", *_items(values, indent + 2)]


def _cited(key: str, item: Cited | None, indent: int) -> list[str]:
    if item is None:
        return [f"{' ' * indent}{key}: null"]
    return _text(key, item.text, indent)


_FIELD_EXAMPLES = {
    "position_number": '"00012345"',
    "salary_min": "48000",
    "salary_max": "56000",
    "employment_type": "full-time",
    "appointment_type": "Permanent, full-time",
    "location": "City, ST",
    "posted": "YYYY-MM-DD",
    "closes": "YYYY-MM-DD",
}
# Fields the starter does not offer: the page's --set and spec columns cover them, and they
# are rarely the position's own (currency, remote, weights).
_FIELDS_LEFT_OUT = {"title", "supervisor", "flsa", "schedule", "committee", "salary_period",
                    "currency", "remote", "weights"}


def starter_text(profile: Profile, specialization: Specialization, level: Level) -> str:
    """The starter position file for one specialization at one level."""
    role = specialization.roles[level.id]
    content = builtin_content(specialization, level.id)
    schedule = role.working_conditions.get("schedule") or specialization.working_conditions.schedule
    lines = [
        *_comment(f"Position file: one real position, from the built-in {specialization.name} "
                  f"specialization at the {level.name} level. Everything below is the built-in "
                  "text: edit what differs for your position. A key you delete comes back from "
                  "the built-in specialization and level."),
        "#   Check it:  jdbuilder position check FILE",
        "#   Use it:    jdbuilder posting --position FILE  (also description, interview, "
        "screening, ...)",
        "# `jdbuilder fields` explains every key. A word in braces, such as {housing_system}, is "
        "a campus",
        "# setting: the organization file's value (or a neutral default) takes its place.",
        "",
        f"specialization: {specialization.id}",
        f"level: {level.id}  # {', '.join(lv.id for lv in profile.levels)}; the title never "
        "changes it",
        "",
        *_comment("The position's facts. Uncomment and fill in what you know; what is left "
                  "out stays blank or the level's. The title may be any working title."),
        *_text("title", role.title, 0),
        f"# supervisor: NAME, {role.reports_to}",
        f"flsa: {role.flsa}",
    ]
    lines += _text("schedule", str(schedule), 0)
    lines.append(f"# department: {specialization.unit_name}")
    lines += _optional_fields()
    lines += [
        "# committee:  # the search committee, chair first, named on the interview guide",
        "#   - name: NAME",
        "#     role: Chair",
        "#   - name: NAME",
        "#     role: Human Resources",
        "",
        *_comment("summary is the posting's opening, for applicants; purpose is the position "
                  "description's."),
        *_text("summary", content.summary or "", 0),
        *_text("purpose", content.purpose or "", 0),
        "",
        *_duties(content),
        "",
        *_list("knowledge_skills_abilities", content.knowledge_skills_abilities or ()),
        "",
        "# Preferred qualifications: each is a column of the screening matrix.",
        *_list("preferred_qualifications", content.preferred_qualifications or ()),
        "",
        "# Licences or certifications required ([] for none): each is in the posting, screened "
        "and asked.",
        *_list("licenses", content.licenses or ()),
        "",
        *_text("supervision_received", content.supervision_received or "", 0),
        *_text("supervision_exercised", content.supervision_exercised or "", 0),
        "",
        "# Working conditions: text, or null when the position has none.",
        "working_conditions:",
    ]
    for key, condition in content.working_conditions:
        lines += _cited(key, condition, 2)
    lines += [
        "",
        "# Physical demands: each names the duties (titles above) it comes from.",
        "physical_demands:",
    ]
    for demand in content.physical_demands or ():
        lines += _text("text", demand.text, 2, first="- ")
        lines += _list("duties", demand.duties, 4)
    return "\n".join(lines) + "\n"


def _duties(content: PositionContent) -> list[str]:
    lines = [
        *_comment("Duties: percents are whole numbers totalling 100; at least one is essential. "
                  "description is the position description's wording; posting is the lines "
                  "applicants read (the built-in lines are placed under the duty they best "
                  "match: check them; [] leaves a duty out of the posting). A duty keeping a "
                  "built-in title may leave out what it does not change."),
        "duties:",
    ]
    for duty in content.duties or ():
        lines += _text("title", duty.title, 2, first="- ")
        lines.append(f"    percent: {duty.percent}")
        lines.append(f"    essential: {'true' if duty.essential else 'false'}")
        if duty.other:
            lines.append("    other: true  # the 'other duties as assigned' catch-all")
        lines += _text("description", duty.description, 4)
        lines += _list("posting", duty.posting, 4)
    return lines


def band_starter_text(profile: Profile, level: Level) -> str:
    """The starter position file for a band without specializations (one `band import`
    wrote): the band gives its competency statements; every other key is the position's own,
    commented out until written, so nothing unwritten reaches a document."""
    levels = ", ".join(lv.id for lv in profile.levels)
    lines = [
        *_comment(f"Position file for the {profile.title} band in {profile.directory}, at the "
                  f"{level.name} level. The band gives its description of work and its "
                  "competency statements; this file gives everything else about the position. "
                  "Uncomment each key and write the position's own text. `jdbuilder position "
                  "check FILE` says which keys each document still needs; `jdbuilder fields` "
                  "explains every key."),
        f"#   Use it:    jdbuilder --profile-dir {profile.directory} posting --position FILE "
        "--org ORG.yaml",
        "",
        f"level: {level.id}  # {levels}; the title never changes it",
        "",
        "# The position's facts.",
        "# title: WORKING TITLE",
        "# department: THE OFFICE OR DEPARTMENT",
        "# supervisor: NAME, TITLE",
        "# flsa: Exempt  # or Non-exempt",
        "# schedule: Monday through Friday, 8:00 a.m. to 5:00 p.m.",
    ]
    lines += _optional_fields()
    lines += [
        "",
        "# For the posting: the summary of the role and a few sentences about the office, to",
        "# applicants; the band's competencies that matter most (at most three), whose",
        "# statements the posting quotes unless in_plain_words gives your words for applicants.",
        "# The band's competencies (id: name):",
        *(f"#   {c.id}: {c.name}" for c in profile.competencies),
        "# summary: >-",
        "#   ...",
        "# about_the_office: >-",
        "#   ...",
        "# key_competencies:",
        f"#   - competency: {profile.competencies[0].id if profile.competencies else '...'}",
        "#     in_plain_words: ...",
        "",
        "# For the position description.",
        "# purpose: >-",
        "#   ...",
        "# unit_purpose: >-",
        "#   ...",
        "# supervision_received: ...",
        "# supervision_exercised: ...",
        "# knowledge_skills_abilities:",
        "#   - ...",
    ]
    minimum = profile.minimum_qualifications
    if minimum is None:
        lines += ["# minimum_qualifications:", "#   education: ...", "#   experience: ..."]
    else:
        lines.append("# minimum_qualifications:  # the band's, unless the position's differ")
        lines += ["# " + line for line in _text("education", minimum.education, 2)]
        lines += ["# " + line for line in _text("experience", minimum.experience, 2)]
    lines += [
        "# preferred_qualifications:  # each is a column of the screening matrix",
        "#   - ...",
        "# licenses: []  # licences or certifications required: each is in the posting, "
        "screened and asked",
        "# confidentiality: ...  # the confidential records the position handles, if any",
        "",
        "# Duties: percents are whole numbers totalling 100; at least one is essential.",
        "# description is the position description's wording; posting is the lines applicants",
        "# read ([] leaves a duty out of the posting).",
        "# duties:",
        "#   - title: DUTY",
        "#     percent: 95",
        "#     essential: true",
        "#     description: ...",
        "#     posting:",
        "#       - ...",
        "#   - title: Other Duties as Assigned",
        "#     percent: 5",
        "#     essential: false",
        "#     other: true",
        "#     description: Performs other related duties as assigned.",
        "#     posting: []",
        "",
        "# Working conditions: text, or null when the position has none. Physical demands: each",
        "# names the duties (titles above) it comes from.",
        "# working_conditions:",
        "#   environment: ...",
        "#   travel: null",
        "#   on_call: null",
        "#   live_in: null",
        "# physical_demands:",
        "#   - text: ...",
        "#     duties: [DUTY]",
    ]
    return "\n".join(lines) + "\n"


def _optional_fields() -> list[str]:
    """The optional position fields (department aside: each starter says it its own way),
    commented out with an example value."""
    return [f"# {key}: {_FIELD_EXAMPLES.get(key, '...')}" for key in FIELD_HELP
            if key not in _FIELDS_LEFT_OUT and key != "department"]
