"""A position file: one real position (its title at its level, its duties and percentages, its
supervisor and committee, its licences) as YAML, validated with file, line and field, and merged
over the built-in specialization at that level field by field.

`position.py` holds the position's facts that `--set` and spec columns also give (title,
supervisor, salary, ...); a position file gives those same fields through the same parser, and
adds the position's content (duties with their PD and applicant wording, qualifications,
working conditions, physical demands citing duties). What the file leaves out comes from the
built-in specialization and level.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ERROR, INFO, WARNING, InputError, Location, Problem, did_you_mean
from .fileio import read_input_bytes
from .position import SETTABLE_KEYS, Position, parse_position
from .profile import (
    MAX_OTHER_DUTIES_PERCENT,
    Duty,
    Level,
    LevelRole,
    Profile,
    Qualifications,
    Specialization,
    UnknownChoice,
    check_placeholders,
    normalise_choice,
)
from .yamlsource import Located, parse_yaml

if TYPE_CHECKING:
    from .kitdata import InterviewPlan

# A position file holds one position: tens of kilobytes at most. The limit refuses a wrong file
# (a spreadsheet, a log) before reading it, on the command line and on the web page alike.
MAX_POSITION_FILE_BYTES = 1024 * 1024
POSITION_SUFFIXES = (".yaml", ".yml")
MAX_DUTIES = 30
MAX_LIST_ITEMS = 40

CHOICE_KEYS = ("specialization", "level")
TEXT_KEYS = ("summary", "purpose", "supervision_received", "supervision_exercised")
# The unit's text and the band's competencies that matter most: a specialization's, which a
# position of a band without specializations (an imported band) gives itself.
UNIT_KEYS = ("unit_purpose", "about_the_office", "confidentiality")
CONTENT_KEYS = (*TEXT_KEYS, *UNIT_KEYS, "duties", "knowledge_skills_abilities",
                "preferred_qualifications", "licenses", "working_conditions", "physical_demands",
                "minimum_qualifications", "key_competencies", "interview")
# Fields of the position that `--set` also takes; `committee` is a list in a position file.
FIELD_KEYS = tuple(key for key in SETTABLE_KEYS if key != "committee")
POSITION_KEYS = CHOICE_KEYS + FIELD_KEYS + ("committee",) + CONTENT_KEYS
CONDITION_KEYS = ("environment", "travel", "on_call", "live_in")
DUTY_KEYS = ("title", "percent", "essential", "description", "posting", "other")

POSITION_FILE_HELP: dict[str, str] = {
    "specialization": "the built-in specialization the position belongs to (required; left "
                      "out for a band without specializations, e.g. one `band import` wrote)",
    "level": "its competency level: contributing, journey or advanced (required; the title "
             "never changes it)",
    "committee": "the search committee, chair first: a list of `name:` and `role:`",
    "summary": "the posting's summary of the role, for applicants",
    "purpose": "the position description's primary purpose of the position",
    "duties": "the duties: `title`, `percent` (whole numbers totalling 100), `essential` "
              "(true/false), `description` (the PD wording), `posting` (lines for applicants; "
              "[] leaves a duty out of the posting), `other: true` for 'other duties as "
              "assigned'",
    "knowledge_skills_abilities": "knowledge, skills and abilities, a list",
    "preferred_qualifications": "preferred qualifications, a list (replaces the level's)",
    "licenses": "licences or certifications required, a list ([] for none); each is screened "
                "and asked in the kit",
    "supervision_received": "supervision received, in the position description's words",
    "supervision_exercised": "supervision exercised, in the position description's words",
    "working_conditions": "environment, travel, on_call, live_in: text, null for none, or "
                          "`text:` with `duties:` it comes from",
    "physical_demands": "a list of `text:` with `duties:` (titles of this position's duties "
                        "the demand comes from)",
    "minimum_qualifications": "`education:` and `experience:`, replacing the band's minimum",
    "key_competencies": "the band's competencies that matter most in this position, at most "
                        "three: each an id or name (the posting quotes its statements), or "
                        "`competency:` with `in_plain_words:` (the posting's words instead)",
    "unit_purpose": "the primary purpose of the organizational unit (the position description)",
    "about_the_office": "a few sentences about the office, for applicants (the posting)",
    "confidentiality": "the confidential records the position handles (the position "
                       "description)",
    "interview": "the interview guide's `competencies:` (3 to 5 ids) and `questions:` (each "
                 "`competency:`, `question:`, `probes:`), in place of the kit's for the level",
}


@dataclass(frozen=True)
class PositionDuty:
    """One duty of the position: its PD wording and the same work in words for applicants."""

    title: str
    percent: int
    essential: bool
    description: str  # the position description's wording
    posting: tuple[str, ...]  # the posting's lines for this duty; empty leaves it out
    other: bool = False  # the "other duties as assigned" catch-all


@dataclass(frozen=True)
class Cited:
    """A working condition or physical demand and the duties it comes from (by title)."""

    text: str
    duties: tuple[str, ...] = ()

    def display(self) -> str:
        """The text as the PD prints it: the duties it comes from in brackets at the end."""
        if not self.duties:
            return self.text
        body = self.text[:-1] if self.text.endswith(".") else self.text
        return f"{body} ({'; '.join(self.duties)})."


@dataclass(frozen=True)
class PositionContent:
    """What a position does. None: not given, the built-in's stands (see `merged_content`)."""

    summary: str | None = None
    purpose: str | None = None
    supervision_received: str | None = None
    supervision_exercised: str | None = None
    knowledge_skills_abilities: tuple[str, ...] | None = None
    duties: tuple[PositionDuty, ...] | None = None
    preferred_qualifications: tuple[str, ...] | None = None
    licenses: tuple[str, ...] | None = None
    # (key, condition) for the conditions given; None says the position has none (no travel).
    # Pairs, not a mapping: a request holding this goes to build workers, so it must pickle.
    working_conditions: tuple[tuple[str, Cited | None], ...] = ()
    physical_demands: tuple[Cited, ...] | None = None
    unit_purpose: str | None = None
    about_the_office: str | None = None
    confidentiality: str | None = None
    minimum_qualifications: Qualifications | None = None
    key_competencies: tuple[str, ...] | None = None  # competency ids
    # (competency id, the position's plain words for applicants) where the file gives them
    in_plain_words: tuple[tuple[str, str], ...] = ()
    interview: InterviewPlan | None = None  # the guide's questions, in place of the kit's


@dataclass(frozen=True)
class PositionFile:
    """A loaded, validated position file. `content` is complete: merged over the built-in."""

    source: str  # the file's name as the user gave it (for messages)
    specialization: str  # id; "" for a band without specializations (the file says all)
    level: str  # id
    fields: Position  # title, supervisor, salary, committee, ...: what --set also gives
    content: PositionContent
    notes: tuple[Problem, ...] = ()  # worth saying, not wrong: a title another level has


# ---------------------------------------------------------------------------------------------
# The built-in position: a specialization at one level, as a position file would say it


_STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "for", "with", "on", "at", "by", "as",
    "your", "you", "their", "its", "is", "are", "be", "from", "that", "this", "it", "each",
    "into", "any", "all", "who"})
_CITATION = re.compile(r"^(?P<text>.*\S)\s*\((?P<duties>[^()]*)\)\.?$", re.S)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z]+", text.lower())
            if len(word) > 2 and word not in _STOP_WORDS}


def _posting_lines(role: LevelRole) -> dict[str, tuple[str, ...]]:
    """The level's applicant lines placed under the duty each best matches (words shared with
    the duty's title count double). The profile keeps them as one list, so this placement is
    a starting point the starter file asks the user to check; it is deterministic."""
    duties = [duty for duty in role.duties if not duty.other]
    placed: dict[str, list[str]] = {duty.title: [] for duty in role.duties}
    for line in role.posting_duties:
        words = _stems(line)

        def score(index: int, words: set[str] = words) -> tuple[float, int]:
            duty = duties[index]
            shared = 2 * len(words & _stems(duty.title)) + len(words & _stems(duty.description))
            return shared / (len(words) or 1), -index

        if duties:
            placed[duties[max(range(len(duties)), key=score)].title].append(line)
    return {title: tuple(lines) for title, lines in placed.items()}


def cited(text: str, duty_titles: set[str]) -> Cited:
    """A built-in demand whose closing brackets name duties ('... (Student Conduct).') as text
    and citations; brackets naming anything else stay part of the text."""
    match = _CITATION.match(text)
    if match:
        names = tuple(name.strip() for name in match.group("duties").split(";"))
        if names and all(name in duty_titles for name in names):
            return Cited(match.group("text").rstrip(".") + ".", names)
    return Cited(text)


def builtin_content(specialization: Specialization, level_id: str) -> PositionContent:
    """The built-in specialization at one level as complete position content."""
    role = specialization.roles[level_id]
    lines = _posting_lines(role)
    duties = tuple(PositionDuty(duty.title, duty.percent, duty.essential, duty.description,
                                lines[duty.title], duty.other) for duty in role.duties)
    conditions = _builtin_conditions(specialization, role)
    titles = {duty.title for duty in role.duties}
    demands = tuple(cited(text, titles) for text in conditions.pop("physical_demands"))
    return PositionContent(
        summary=role.summary,
        purpose=role.purpose,
        supervision_received=role.supervision_received,
        supervision_exercised=role.supervision_exercised,
        knowledge_skills_abilities=role.knowledge_skills_abilities,
        duties=duties,
        preferred_qualifications=role.preferred_qualifications,
        licenses=role.licenses,
        working_conditions=tuple((key, Cited(str(value)) if value else None)
                                 for key, value in conditions.items()),
        physical_demands=demands,
    )


def _builtin_conditions(specialization: Specialization, role: LevelRole) -> dict[str, object]:
    base = specialization.working_conditions
    merged: dict[str, object] = {"environment": base.environment, "travel": base.travel,
                                 "on_call": base.on_call, "live_in": base.live_in,
                                 "physical_demands": base.physical_demands}
    merged.update({key: value for key, value in role.working_conditions.items()
                   if key != "schedule"})
    return merged


# ---------------------------------------------------------------------------------------------
# Loading


def read_position_file(path: Path, profile: Profile, name: str | None = None) -> PositionFile:
    """Read and validate a position file; every problem is one InputError naming file, line
    and field (the file as `name` when given: as a spec wrote it)."""
    data = read_input_bytes(path, InputError, MAX_POSITION_FILE_BYTES)
    return parse_position_file(data, name or str(path), profile)


def parse_position_file(data: bytes, name: str, profile: Profile) -> PositionFile:
    """A position file's bytes (from disk or an upload) validated against the profile."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8", file=name
                         ) from None
    root = parse_yaml(text, Path(name), InputError)
    own_band = not profile.specializations  # an imported band: the file says everything
    if root.value is None:
        starter = "-l LEVEL" if own_band else "-s SPEC -l LEVEL"
        raise InputError(Problem("input", ERROR, f"the file is empty; `jdbuilder position new "
                                 f"{starter}` writes a starter", Location(file=name)))
    required = {"level"} if own_band else set(CHOICE_KEYS)
    nodes = root.mapping(required, set(POSITION_KEYS))
    # {name} in the file's text is a campus setting, as in the profile: a typo is said, never
    # printed in braces.
    check_placeholders(root, profile.campus_settings)
    if own_band and "specialization" in nodes:
        raise nodes["specialization"].fail(
            f"the {profile.title} band in {profile.directory} has no specializations; leave "
            "specialization: out and give the position's own text in this file")
    specialization = None if own_band else _specialization(nodes["specialization"], profile)
    level = _level(nodes["level"], profile)
    if specialization is not None and level.id not in specialization.roles:
        raise nodes["level"].fail(f"{specialization.name} has no {level.name} level")
    fields = _fields(nodes, name)
    given = _content(nodes, profile)
    base = (builtin_content(specialization, level.id) if specialization is not None
            else PositionContent(duties=(), physical_demands=()))
    content = merged_content(given, base, nodes)
    notes = (*_title_notes(fields.title, nodes.get("title"), specialization, level, profile),
             *(_own_text_notes(given, fields.title, nodes, specialization, level.id)
               if specialization is not None else ()))
    return PositionFile(name, specialization.id if specialization else "", level.id, fields,
                        content, notes)


def _own_text_notes(given: PositionContent, title: str | None, nodes: Mapping[str, Located],
                    specialization: Specialization, level_id: str) -> tuple[Problem, ...]:
    """The file's own summary or purpose, often the starter's, naming the level's title while
    title: says another: the documents name the position's title there, and the file should."""
    standard = specialization.roles[level_id].title
    if not title or title == standard:
        return ()
    return tuple(
        Problem("position-title", WARNING,
                f"the {key} names '{standard}', the level's title, but title: is '{title}'; "
                f"the documents say '{title}' there: write '{title}' in the {key} so the file "
                "reads as the documents do", nodes[key].location())
        for key in ("summary", "purpose")
        if getattr(given, key)
        and specialization.named(level_id, getattr(given, key), title) != getattr(given, key))


def _specialization(node: Located, profile: Profile) -> Specialization:
    try:
        return profile.specialization(node.text())
    except UnknownChoice as exc:
        raise node.fail(str(exc)) from None


def _level(node: Located, profile: Profile) -> Level:
    """A level by id or name only: in a position file the title never chooses the level."""
    wanted = normalise_choice(node.text())
    for level in profile.levels:
        if wanted in (normalise_choice(level.id), normalise_choice(level.name)):
            return level
    ids = [level.id for level in profile.levels]
    titled = [level for level in profile.levels for spec in profile.specializations
              if level.id in spec.roles and normalise_choice(spec.roles[level.id].title) == wanted]
    if titled:
        raise node.fail(f"'{node.value}' is a working title, not a level; put it under title: "
                        f"and give the level: {', '.join(ids)}")
    raise node.fail(f"unknown level '{node.value}'{did_you_mean(wanted, ids)}; give one of "
                    f"{', '.join(ids)}")


def _fields(nodes: dict[str, Located], name: str) -> Position:
    """The fields `--set` also takes, through its parser; `committee` from its list form."""
    raw: dict[str, object] = {}
    for key in FIELD_KEYS:
        if key not in nodes:
            continue
        node = nodes[key]
        if key == "position_number" and isinstance(node.value, int) \
                and not isinstance(node.value, bool):
            # YAML reads 00012345 as a number and drops the zeros (or reads it as octal).
            raise node.fail("YAML read this as a number, which loses leading zeros; put it in "
                            "quotes, e.g. position_number: \"00012345\"")
        if isinstance(node.value, (dict, list)):
            raise node.fail("expected text, got a list or mapping")
        raw[key] = "" if node.value is None else node.value
    if "committee" in nodes:
        raw["committee"] = _committee(nodes["committee"])

    def where(key: str) -> Location:
        node = nodes.get(key)
        return node.location() if node else Location(file=name, field=key)

    return parse_position(raw, where, empty_means_unset=False)


_COMMITTEE_MARKS = re.compile(r"[;()\n]")


def _committee(node: Located) -> str:
    """The committee list in the form the committee field reads: 'Name (Role); Name'."""
    members = []
    for item in node.sequence():
        parts = item.mapping({"name"}, {"role"})
        for key, part in parts.items():
            if part.value is not None and _COMMITTEE_MARKS.search(str(part.value)):
                raise part.fail(f"the {key} may not hold ';' or brackets; write the role under "
                                "role:")
        member = parts["name"].text()
        role = parts["role"].optional_text() if "role" in parts else None
        members.append(f"{member} ({role})" if role else member)
    return "; ".join(members)


def _content(nodes: dict[str, Located], profile: Profile) -> PositionContent:
    return PositionContent(
        **{key: nodes[key].text() for key in (*TEXT_KEYS, *UNIT_KEYS) if key in nodes},
        minimum_qualifications=(_minimum(nodes["minimum_qualifications"])
                                if "minimum_qualifications" in nodes else None),
        interview=_interview(nodes["interview"], profile) if "interview" in nodes else None,
        **(_key_competencies(nodes["key_competencies"], profile)
           if "key_competencies" in nodes else {}),
        knowledge_skills_abilities=(_texts(nodes["knowledge_skills_abilities"], non_empty=True)
                                    if "knowledge_skills_abilities" in nodes else None),
        duties=_duties(nodes["duties"]) if "duties" in nodes else None,
        preferred_qualifications=(_texts(nodes["preferred_qualifications"], non_empty=True)
                                  if "preferred_qualifications" in nodes else None),
        licenses=_texts(nodes["licenses"], non_empty=False) if "licenses" in nodes else None,
        working_conditions=(_conditions(nodes["working_conditions"])
                            if "working_conditions" in nodes else ()),
        physical_demands=(tuple(_cited(item, require_duties=True)
                                for item in _items(nodes["physical_demands"], non_empty=True))
                          if "physical_demands" in nodes else None),
    )


def _interview(node: Located, profile: Profile) -> InterviewPlan:
    from .kitdata import interview_plan  # read with the kit: most position files have none

    kit = profile.kit
    if kit is None:
        raise node.fail(f"the profile in {profile.directory} has no kit/ folder, so no topics "
                        "never to ask about to check the questions against; add "
                        "kit/practice.yaml")
    return interview_plan(node, [c.id for c in profile.competencies], kit.never_ask)


def _minimum(node: Located) -> Qualifications:
    parts = node.mapping({"education", "experience"})
    return Qualifications(parts["education"].text(), parts["experience"].text())


MAX_KEY_COMPETENCIES = 3  # the posting quotes them whole: more would bury the duties


def _key_competencies(node: Located, profile: Profile) -> dict[str, tuple]:
    """Each a competency's id or name, or `competency:` with `in_plain_words:`, the posting's
    words for applicants in place of the quoted statements."""
    chosen: list[str] = []
    plain: list[tuple[str, str]] = []
    names = {normalise_choice(name): competency.id for competency in profile.competencies
             for name in (competency.id, competency.name)}
    for entry in _items(node, non_empty=True):
        item, words = entry, None
        if isinstance(entry.value, dict):
            parts = entry.mapping({"competency"}, {"in_plain_words"})
            item = parts["competency"]
            words = parts["in_plain_words"].text() if "in_plain_words" in parts else None
        wanted = normalise_choice(item.text())
        if wanted not in names:
            ids = [competency.id for competency in profile.competencies]
            raise item.fail(f"'{item.value}' is not a competency of the {profile.title} band"
                            f"{did_you_mean(wanted, ids)}; give one of {', '.join(ids)}")
        if names[wanted] in chosen:
            raise item.fail(f"'{item.value}' is listed twice")
        chosen.append(names[wanted])
        if words:
            plain.append((names[wanted], words))
    if len(chosen) > MAX_KEY_COMPETENCIES:
        raise node.fail(f"{len(chosen)} competencies; name the {MAX_KEY_COMPETENCIES} that "
                        "matter most (the posting quotes each one's statements)")
    return {"key_competencies": tuple(chosen), "in_plain_words": tuple(plain)}


def _items(node: Located, non_empty: bool) -> list[Located]:
    if node.value is None and not non_empty:
        return []
    items = node.sequence(non_empty=non_empty)
    if len(items) > MAX_LIST_ITEMS:
        raise node.fail(f"{len(items)} items; at most {MAX_LIST_ITEMS}")
    return items


def _texts(node: Located, non_empty: bool) -> tuple[str, ...]:
    return tuple(item.text() for item in _items(node, non_empty))


def _cited(node: Located, require_duties: bool) -> Cited:
    if isinstance(node.value, str) and not require_duties:
        return Cited(node.text())
    if isinstance(node.value, str):
        raise node.fail("name the duties this demand comes from: write it as text: ... with "
                        "duties: [Duty title]")
    parts = node.mapping({"text", "duties"} if require_duties else {"text"}, {"duties"})
    duties = _texts(parts["duties"], non_empty=True) if "duties" in parts else ()
    return Cited(parts["text"].text(), duties)


def _conditions(node: Located) -> tuple[tuple[str, Cited | None], ...]:
    parts = node.mapping(set(), set(CONDITION_KEYS))
    values = {key: None if part.value is None else _cited(part, require_duties=False)
              for key, part in parts.items()}
    for key in ("environment",):
        if key in values and values[key] is None:
            raise parts[key].fail("every position has a work environment; describe it")
    return tuple(values.items())


def _duties(node: Located) -> tuple[PositionDuty | _PartialDuty, ...]:
    items = node.sequence()
    if len(items) > MAX_DUTIES:
        raise node.fail(f"{len(items)} duties; at most {MAX_DUTIES}")
    duties: list[_PartialDuty] = []
    for item in items:
        parts = item.mapping({"title"}, set(DUTY_KEYS))
        title = parts["title"].text()
        if any(normalise_choice(title) == normalise_choice(d.title) for d in duties):
            raise parts["title"].fail(f"duty '{title}' is listed twice; merge them or rename one")
        percent = None
        if "percent" in parts:
            percent = parts["percent"].integer()
            if not 1 <= percent <= 100:
                raise parts["percent"].fail(f"{percent} is not a percent of time from 1 to 100")
        duties.append(_PartialDuty(
            node=item, title=title, percent=percent,
            essential=parts["essential"].boolean() if "essential" in parts else None,
            description=parts["description"].text() if "description" in parts else None,
            posting=_texts(parts["posting"], non_empty=False) if "posting" in parts else None,
            other=parts["other"].boolean() if "other" in parts else None,
        ))
    return tuple(duties)


@dataclass(frozen=True)
class _PartialDuty:
    """A duty as the file wrote it; what it leaves out comes from the built-in duty of the same
    title (a duty with a new title must say everything)."""

    node: Located
    title: str
    percent: int | None
    essential: bool | None
    description: str | None
    posting: tuple[str, ...] | None
    other: bool | None


# ---------------------------------------------------------------------------------------------
# Merging over the built-in, then the checks across fields


def merged_content(given: PositionContent, base: PositionContent,
                   nodes: Mapping[str, Located] | None = None) -> PositionContent:
    """The file's content over the built-in's, field by field, checked as a whole: percents
    total 100, an essential function, every cited duty exists. `nodes` locate the errors."""
    nodes = nodes or {}
    duties = base.duties if given.duties is None else _complete_duties(given.duties, base)
    assert duties is not None and base.physical_demands is not None
    conditions = {**dict(base.working_conditions), **dict(given.working_conditions)}
    demands = base.physical_demands if given.physical_demands is None \
        else given.physical_demands
    texts = {key: getattr(base, key) if getattr(given, key) is None else getattr(given, key)
             for key in (*TEXT_KEYS, *UNIT_KEYS, "knowledge_skills_abilities",
                         "minimum_qualifications", "key_competencies")}
    texts["in_plain_words"] = given.in_plain_words or base.in_plain_words
    texts["interview"] = given.interview or base.interview
    content = PositionContent(
        **texts,
        duties=duties,
        preferred_qualifications=(base.preferred_qualifications
                                  if given.preferred_qualifications is None
                                  else given.preferred_qualifications),
        licenses=base.licenses if given.licenses is None else given.licenses,
        working_conditions=tuple(conditions.items()),
        physical_demands=demands,
    )
    if given.duties is not None:
        _check_duties(duties, nodes["duties"])
    _check_citations(content, given, nodes)
    return content


def _complete_duties(partial: tuple, base: PositionContent) -> tuple[PositionDuty, ...]:
    builtin = {normalise_choice(duty.title): duty for duty in base.duties or ()}
    complete = []
    for duty in partial:
        known = builtin.get(normalise_choice(duty.title))
        values = {}
        for key in ("percent", "essential", "description", "posting", "other"):
            value = getattr(duty, key)
            if value is None and known is not None:
                value = getattr(known, key)
            if value is None and key == "other":
                value = False
            if value is None:
                raise duty.node.fail(
                    f"duty '{duty.title}' is not one of the level's built-in duties, so it "
                    f"needs {key}:" + (" (the lines applicants read; [] leaves it out of the "
                                      "posting)" if key == "posting" else ""))
            values[key] = value
        complete.append(PositionDuty(title=duty.title, **values))
    return tuple(complete)


def _check_duties(duties: tuple[PositionDuty, ...], node: Located) -> None:
    total = sum(duty.percent for duty in duties)
    if total != 100:
        raise node.fail(f"the duties' percents total {total}, not 100; adjust their percent "
                        "values")
    if not any(duty.essential for duty in duties):
        raise node.fail("no duty is essential; mark the essential functions essential: true")
    other = sum(duty.percent for duty in duties if duty.other)
    if other > MAX_OTHER_DUTIES_PERCENT:
        raise node.fail(f"other duties take {other} percent; at most "
                        f"{MAX_OTHER_DUTIES_PERCENT} is allowed")
    if not any(duty.posting for duty in duties):
        raise node.fail("no duty has posting: lines, so the posting would list no duties; "
                        "give the main duties their lines for applicants")


def _check_citations(content: PositionContent, given: PositionContent,
                     nodes: Mapping[str, Located]) -> None:
    titles = {normalise_choice(duty.title): duty.title for duty in content.duties or ()}

    def check(item: Cited, node: Located | None, what: str) -> None:
        for name in item.duties:
            if normalise_choice(name) in titles:
                continue
            hint = did_you_mean(name, list(titles.values()))
            if node is None:
                # The citation is the built-in's: the file renamed or removed the duty.
                raise nodes["duties"].fail(
                    f"the built-in {what} cites duty '{name}', which this position no longer "
                    f"has{hint}; give {what} in the file, citing this position's duty titles")
            raise node.fail(f"cites duty '{name}', which this position does not have{hint}")

    demand_nodes = (_items(nodes["physical_demands"], non_empty=True)
                    if given.physical_demands is not None else None)
    for index, demand in enumerate(content.physical_demands or ()):
        node = demand_nodes[index] if demand_nodes else None
        check(demand, _duties_node(node), "physical_demands")
    condition_nodes = (dict(nodes["working_conditions"].items())
                       if "working_conditions" in nodes else {})
    for key, condition in content.working_conditions:
        if condition is not None:
            check(condition, _duties_node(condition_nodes.get(key)), f"working_conditions.{key}")


def _duties_node(node: Located | None) -> Located | None:
    if node is None:
        return None
    if isinstance(node.value, dict) and "duties" in node.value:
        return dict(node.items())["duties"]
    return node


def _title_notes(title: str | None, node: Located | None, specialization: Specialization | None,
                 level: Level, profile: Profile) -> tuple[Problem, ...]:
    """A working title the band gives another level is said, never taken as a level change."""
    if not title or node is None:
        return ()
    wanted = normalise_choice(title)
    where = node.location()
    for other in profile.levels:
        if other.id == level.id:
            continue
        owners = [spec for spec in profile.specializations if other.id in spec.roles
                  and normalise_choice(spec.roles[other.id].title) == wanted]
        if owners:
            owner = owners[0]
            return (Problem("position-title", INFO,
                            f"'{title}' is the band's {other.name} title"
                            + ("" if owner is specialization else f" in {owner.name}")
                            + f"; this position stays {level.name}, as level: says, with the "
                            f"{level.name} level's duties and purpose where the file gives "
                            "none (change level: if it is the other level's work)", where),)
    if level.title_pattern and not re.search(level.title_pattern, title):
        reason = f" ({level.title_reason})" if level.title_reason else ""
        return (Problem("position-title", INFO,
                        f"'{title}' does not follow the band's {level.name} title pattern"
                        f"{reason}; the position stays {level.name}", where),)
    return ()


# ---------------------------------------------------------------------------------------------
# The merged position as the documents read it


def tailored_role(role: LevelRole, content: PositionContent) -> LevelRole:
    """The level's role with this position's duties, applicant lines, qualifications and
    licences in place of the built-in's."""
    duties = content.duties or ()
    ordered = sorted(duties, key=lambda duty: (duty.other, not duty.essential))
    return dataclasses.replace(
        role,
        summary=content.summary or role.summary,
        purpose=content.purpose or role.purpose,
        supervision_received=content.supervision_received or role.supervision_received,
        supervision_exercised=content.supervision_exercised or role.supervision_exercised,
        knowledge_skills_abilities=(content.knowledge_skills_abilities
                                    or role.knowledge_skills_abilities),
        duties=tuple(Duty(d.title, d.percent, d.essential, d.description, d.other)
                     for d in duties),
        posting_duties=tuple(line for duty in ordered for line in duty.posting),
        preferred_qualifications=content.preferred_qualifications or (),
        licenses=content.licenses or (),
        minimum_qualifications=content.minimum_qualifications or role.minimum_qualifications,
    )


def tailored_specialization(specialization: Specialization, content: PositionContent
                            ) -> Specialization:
    """The specialization with the unit's text and key competencies the position file gives."""
    return dataclasses.replace(
        specialization,
        unit_purpose=content.unit_purpose or specialization.unit_purpose,
        office_blurb=content.about_the_office or specialization.office_blurb,
        confidentiality=content.confidentiality or specialization.confidentiality,
        key_competencies=content.key_competencies or specialization.key_competencies,
    )


def tailored_conditions(content: PositionContent) -> dict[str, object]:
    """Working conditions as compose reads them (schedule stays the position's field)."""
    conditions: dict[str, object] = {
        key: value.text if value else None for key, value in content.working_conditions}
    conditions["physical_demands"] = tuple(demand.display()
                                           for demand in content.physical_demands or ())
    return conditions


def summary(position: PositionFile, profile: Profile) -> str:
    """One line saying what the position is: 'Residence Life Coordinator (Residence Life and
    Housing, Journey): 7 duties totalling 100%, 5 essential'."""
    level = next(level for level in profile.levels if level.id == position.level)
    duties = position.content.duties or ()
    if position.specialization:
        specialization = profile.specialization(position.specialization)
        title = specialization.working_title(level.id, position.fields.title)
        area = specialization.name
    else:
        title = position.fields.title or "(no title: add title:)"
        area = position.fields.department or profile.title
    return (f"{title} ({area}, {level.name}): {len(duties)} duties totalling "
            f"{sum(duty.percent for duty in duties)}%, "
            f"{sum(duty.essential for duty in duties)} essential")
