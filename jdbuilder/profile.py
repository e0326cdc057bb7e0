"""Load and validate the profile folder into frozen dataclasses.

The folder holds `<band>.yaml` (the competency profile, verbatim) and `specializations/*.yaml`.
Every problem is reported as one line naming the file, the line and the field.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .errors import ProfileError, did_you_mean
from .jurisdiction import Jurisdiction, state_code
from .resources import builtin_profile_dir
from .values import OCCUPATION_CODE, parse_flsa
from .vocabulary import Vocabulary, vocabulary_from
from .yamlsource import Located, read_yaml

if TYPE_CHECKING:
    from .kitdata import HiringKit, LadderSettings

PROFILE_DIR_ENV = "JDBUILDER_PROFILE_DIR"
PERCENT_STEP = 5
MAX_OTHER_DUTIES_PERCENT = 5


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    title_pattern: str | None = None  # every working title at this level matches it (a regex)
    title_reason: str | None = None  # why the titles follow that pattern


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    statements: Mapping[str, tuple[str, ...]]  # level id -> statements at that level
    # level id -> the statements in plain words for applicants (a paraphrase, never quoted)
    in_plain_words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    definition: str | None = None  # the profile's Definition column, where it has one


@dataclass(frozen=True)
class Regulation:
    name: str
    citation: str
    relevance: str
    only_in: str | None = None  # a state's law or a system's policy: left out elsewhere
    supply: str | None = None  # what an employer elsewhere should name in its place
    # (name, citation) for an employer known to be public or private, where the law differs
    # (the ADA's Title II or III); name and citation above hedge for an unknown one.
    public: tuple[str, str] | None = None
    private: tuple[str, str] | None = None

    def for_employer(self, public: bool | None) -> tuple[str, str]:
        """Name and citation for a public (True), private (False) or unknown (None) employer."""
        chosen = self.public if public is True else self.private if public is False else None
        return chosen or (self.name, self.citation)


@dataclass(frozen=True)
class Duty:
    title: str
    percent: int
    essential: bool
    description: str
    other: bool = False


@dataclass(frozen=True)
class Qualifications:
    education: str
    experience: str
    in_plain_words: str | None = None  # the same minimum as an applicant reads it
    # False where the experience line states that there is no minimum of experience: the
    # screening matrix then has no experience column, which no applicant could fail.
    experience_screened: bool = True


@dataclass(frozen=True)
class Occupation:
    """The O*NET-SOC occupation a position is classified under, for job boards
    (schema.org occupationalCategory): the code, O*NET's title, where it was looked up and why
    it fits. HR may override it per opening (`--set occupation=`)."""

    code: str
    title: str | None = None
    source: str | None = None
    why: str | None = None


@dataclass(frozen=True)
class LevelRole:
    """What a specialization looks like at one competency level."""

    title: str
    flsa: str
    summary: str
    purpose: str
    duties: tuple[Duty, ...]
    knowledge_skills_abilities: tuple[str, ...]
    minimum_qualifications: Qualifications | None  # the band's unless the level gives its own
    preferred_qualifications: tuple[str, ...]
    reports_to: str  # the supervisor's working title
    supervision_received: str
    supervision_exercised: str
    posting_duties: tuple[str, ...]  # the duties rewritten for applicants ("you")
    licenses: tuple[str, ...] = ()
    working_conditions: Mapping[str, object] = field(  # this level's own values
        default_factory=lambda: MappingProxyType({}))
    occupation: Occupation | None = None  # this level's own, where it differs


@dataclass(frozen=True)
class WorkingConditions:
    schedule: str
    environment: str
    physical_demands: tuple[str, ...]
    travel: str | None = None
    on_call: str | None = None
    live_in: str | None = None


@dataclass(frozen=True)
class Specialization:
    id: str
    name: str
    aliases: tuple[str, ...]
    unit_name: str
    office_blurb: str
    unit_purpose: str
    handles_health_information: bool
    key_competencies: tuple[str, ...]
    regulations: tuple[Regulation, ...]
    confidentiality: str
    working_conditions: WorkingConditions
    roles: Mapping[str, LevelRole]  # level id -> role
    source: Path
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # the field's words, for checks
    occupation: Occupation | None = None  # O*NET-SOC; a level may give its own

    def occupation_at(self, level_id: str) -> Occupation | None:
        return self.roles[level_id].occupation or self.occupation

    def working_title(self, level_id: str, given: str | None = None) -> str:
        """The one working-title rule: the title given for the opening, else the level's."""
        return given or self.roles[level_id].title

    def named(self, level_id: str, text: str, given: str | None = None) -> str:
        """The level's text as the position's: where it names the level's title ('The Senior
        Residence Life Coordinator is ...'), a position with another working title is named by
        its own."""
        return retitled(text, self.roles[level_id].title, self.working_title(level_id, given),
                        [role.title for role in self.roles.values()])


def retitled(text: str, standard: str, title: str, others: Iterable[str] = ()) -> str:
    """`text` with the title `standard` replaced by `title`. Plurals and the longer titles
    `others` that contain it ('Senior Residence Life Coordinator', another level's) are other
    positions, and a title containing the standard one ('Senior Residence Life Coordinator II')
    is not renamed twice: the longest title is matched first and only `standard` is replaced."""
    if title == standard:
        return text
    longest_first = sorted({title, standard, *others}, key=len, reverse=True)
    pattern = re.compile("(?<![\\w-])(?:" + "|".join(map(re.escape, longest_first))
                         + ")(?![\\w-])")
    return pattern.sub(lambda match: title if match.group(0) == standard else match.group(0),
                       text)


@dataclass(frozen=True)
class PrivacyLaws:
    """The laws protecting the records the band's work touches, in words for a sentence."""

    all_records: tuple[str, ...] = ()
    health_information: tuple[str, ...] = ()  # added where a specialization handles it

    def for_specialization(self, handles_health_information: bool) -> tuple[str, ...]:
        return self.all_records + (self.health_information if handles_health_information
                                   else ())


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    description_of_work: str
    competency_category: str
    levels: tuple[Level, ...]
    competencies: tuple[Competency, ...]
    specializations: tuple[Specialization, ...]
    directory: Path
    # Reads the hiring kit (interview questions and practice) when first asked for: a posting or
    # a description never pays for reading and screening the interview files.
    kit_loader: Callable[[], HiringKit | None] | None = field(default=None, repr=False,
                                                             compare=False)
    privacy_laws: PrivacyLaws = field(default_factory=PrivacyLaws)
    minimum_qualifications: Qualifications | None = None  # set for the band, every level
    campus_settings: Mapping[str, str] = field(  # name -> neutral default
        default_factory=lambda: MappingProxyType({}))
    jurisdiction: Jurisdiction | None = None  # whose rules the profile is written under

    @cached_property
    def kit(self) -> HiringKit | None:
        """The hiring kit, or None when the folder has no kit/ (loaded and validated once)."""
        return self.kit_loader() if self.kit_loader else None

    @cached_property
    def ladder(self) -> LadderSettings | None:
        """The career ladder's settings (kit/ladder.yaml), or None when the profile has none."""
        from .kitdata import load_ladder  # a posting never reads it

        return load_ladder(self.directory, [c.id for c in self.competencies])

    def specialization(self, value: str) -> Specialization:
        if not self.specializations:
            levels = self.levels[0].id if self.levels else "LEVEL"
            raise UnknownChoice("specialization", value, [], None, reason=(
                f"the {self.title} band in {self.directory} has no specializations, so "
                f"'{value}' names none; describe the position in a position file and give "
                f"--position FILE (`jdbuilder position new -l {levels}` writes one)"))
        return _lookup(value, self.specializations, "specialization",
                       lambda s: (s.id, s.name, *s.aliases))

    def level(self, value: str, specialization: Specialization | None = None) -> Level:
        """A level by id, name, or a working title a specialization gives it ('Financial Aid
        Counselor' is journey), so a user may name the job rather than the band's level. Given
        the specialization, a working title must be its own: another's would silently give this
        specialization's document under this specialization's title."""
        level = _lookup(value, self.levels, "level", lambda level: (
            level.id, level.name, *(spec.roles[level.id].title for spec in self.specializations
                                    if level.id in spec.roles)))
        if specialization is None or level.id not in specialization.roles:
            return level
        wanted = normalise_choice(value)
        own = specialization.roles[level.id].title
        if wanted in {normalise_choice(name) for name in (level.id, level.name, own)}:
            return level
        owner = next(spec for spec in self.specializations if level.id in spec.roles
                     and normalise_choice(spec.roles[level.id].title) == wanted)
        raise UnknownChoice("level", value, [item.id for item in self.levels], level.id,
                            reason=f"'{value}' is the {owner.name} ({owner.id}) working title; "
                                   f"for {specialization.name} give level {level.id} (its title "
                                   f"there: {own}), or specialization {owner.id}")

    def competency(self, competency_id: str) -> Competency:
        for competency in self.competencies:
            if competency.id == competency_id:
                return competency
        raise KeyError(competency_id)


def normalise_choice(value: str) -> str:
    """Case-insensitive, and spaces, hyphens and underscores count as one separator."""
    return re.sub(r"[\s_-]+", " ", str(value).strip().lower())


class UnknownChoice(LookupError):
    """A specialization or level that matches nothing; carries what would have matched."""

    def __init__(self, kind: str, value: str, valid: list[str], closest: str | None,
                 reason: str | None = None) -> None:
        hint = f" Did you mean '{closest}'?" if closest else ""
        super().__init__(reason or f"unknown {kind} '{value}'.{hint} Valid: {', '.join(valid)}.")
        self.kind, self.value, self.valid, self.closest = kind, value, valid, closest
        self.reason = reason  # set when the value is known but does not fit (no "unknown")


def _lookup(value, items, kind, names):
    wanted = normalise_choice(value)
    for item in items:
        if wanted in {normalise_choice(name) for name in names(item)}:
            return item
    spellings = {normalise_choice(name): item.id for item in items for name in names(item)}
    import difflib

    close = difflib.get_close_matches(wanted, list(spellings), n=1, cutoff=0.5)
    raise UnknownChoice(kind, value, [item.id for item in items], spellings[close[0]] if close else None)


# ----------------------------------------------------------------------------------------------
# Loading


def resolve_profile_dir(explicit: str | Path | None = None) -> Path:
    """--profile-dir, else $JDBUILDER_PROFILE_DIR, else the built-in profile."""
    chosen = explicit or os.environ.get(PROFILE_DIR_ENV) or None
    return Path(chosen) if chosen else builtin_profile_dir()


def load_profile(directory: str | Path | None = None, *,
                 require_specializations: bool = False) -> Profile:
    """The profile folder, validated. A band file alone (an imported band) loads with no
    specializations: its documents come from position files. `require_specializations`
    refuses such a folder."""
    directory = resolve_profile_dir(directory)
    if not directory.is_dir():
        raise ProfileError(f"profile folder not found; pass --profile-dir DIR or set "
                           f"{PROFILE_DIR_ENV} to a folder holding the band YAML", file=directory)
    band_files = sorted(p for p in directory.glob("*.yaml") if p.name != "organization.yaml")
    if len(band_files) != 1:
        found = ", ".join(p.name for p in band_files) or "none"
        raise ProfileError(f"expected exactly one competency profile YAML (besides "
                           f"organization.yaml), found {found}", file=directory)
    band = read_yaml(band_files[0], ProfileError)
    fields = band.mapping({"id", "title", "description_of_work", "levels", "competencies"},
                          {"privacy_laws", "competency_category", "minimum_qualifications", "campus_settings",
                           "jurisdiction"})
    levels = _levels(fields["levels"])
    level_ids = [level.id for level in levels]
    competencies = _competencies(fields["competencies"], level_ids)
    competency_ids = [c.id for c in competencies]
    band_minimum = (_qualifications(fields["minimum_qualifications"])
                    if "minimum_qualifications" in fields else None)
    settings = ({key: node.text() for key, node in fields["campus_settings"].items()}
                if "campus_settings" in fields else {})

    spec_dir = directory / "specializations"
    # .yml is read like .yaml: a file saved with either ending is never silently left out.
    spec_files = sorted([*spec_dir.glob("*.yaml"), *spec_dir.glob("*.yml")]) \
        if spec_dir.is_dir() else []
    if not spec_files and require_specializations:
        raise ProfileError("no specialization YAML files found", file=spec_dir)
    specializations = tuple(_specialization(f, levels, competency_ids, band_minimum, settings)
                            for f in spec_files)
    _check_unique_names(specializations)
    category = fields.get("competency_category")
    specialization_ids = [s.id for s in specializations]
    return Profile(
        id=fields["id"].text(),
        title=fields["title"].text(),
        description_of_work=fields["description_of_work"].text(),
        competency_category=category.text() if category else "",
        levels=levels,
        competencies=competencies,
        specializations=specializations,
        directory=directory,
        # A partial, not a lambda: a profile sent to a spawned worker must pickle.
        kit_loader=partial(_load_kit, directory, specialization_ids, level_ids, competency_ids),
        privacy_laws=(_privacy_laws(fields["privacy_laws"]) if "privacy_laws" in fields
                      else PrivacyLaws()),
        minimum_qualifications=band_minimum,
        campus_settings=MappingProxyType(settings),
        jurisdiction=_jurisdiction(fields["jurisdiction"]) if "jurisdiction" in fields else None,
    )


def _jurisdiction(node: Located) -> Jurisdiction:
    parts = node.mapping({"state"}, {"system"})
    state = state_code(parts["state"].text())
    if state is None:
        raise parts["state"].fail(f"'{parts['state'].value}' is not a US state; write its "
                                  "two-letter code, e.g. NC")
    return Jurisdiction(state, parts["system"].optional_text() if "system" in parts else None)


def _load_kit(directory: Path, specialization_ids: list[str], level_ids: list[str],
              competency_ids: list[str]) -> HiringKit | None:
    from .kitdata import KIT_DIR, load_kit  # imported with the kit: a posting needs neither

    if not specialization_ids and not (directory / KIT_DIR).is_dir():
        # A band of its own (imported): the built-in practice (topics never to ask about, the
        # law they rest on) holds for any band; the questions come from each position file.
        return load_kit(builtin_profile_dir(), [], level_ids, competency_ids,
                        with_interviews=False)
    return load_kit(directory, specialization_ids, level_ids, competency_ids)


def _privacy_laws(node: Located) -> PrivacyLaws:
    parts = node.mapping({"all_records"}, {"health_information"})
    health = parts.get("health_information")
    return PrivacyLaws(tuple(item.text() for item in parts["all_records"].sequence()),
                       tuple(item.text() for item in health.sequence()) if health else ())


def _identifier(node: Located) -> str:
    value = node.text()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise node.fail(f"'{value}' is not an id; use lower-case words joined by hyphens")
    return value


def _unique(nodes: list[Located], kind: str) -> list[str]:
    seen: list[str] = []
    for node in nodes:
        value = _identifier(node)
        if value in seen:
            raise node.fail(f"duplicate {kind} id '{value}'")
        seen.append(value)
    return seen


def _levels(node: Located) -> tuple[Level, ...]:
    entries = [item.mapping({"id", "name"}, {"title_pattern", "title_reason"})
               for item in node.sequence()]
    ids = _unique([entry["id"] for entry in entries], "level")
    levels = []
    for level_id, entry in zip(ids, entries):
        pattern = entry["title_pattern"].text() if "title_pattern" in entry else None
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise entry["title_pattern"].fail(f"'{pattern}' is not a regular expression "
                                                  f"({exc})") from None
        levels.append(Level(level_id, entry["name"].text(), pattern,
                            entry["title_reason"].text() if "title_reason" in entry else None))
    return tuple(levels)


def _competencies(node: Located, level_ids: list[str]) -> tuple[Competency, ...]:
    entries = [item.mapping({"id", "name", "statements"}, {"in_plain_words", "definition"})
               for item in node.sequence()]
    ids = _unique([entry["id"] for entry in entries], "competency")
    competencies = []
    for competency_id, entry in zip(ids, entries):
        by_level = entry["statements"].mapping(set(level_ids))
        statements = {level: by_level[level].texts() for level in level_ids}
        plain = {}
        if "in_plain_words" in entry:
            plain_nodes = entry["in_plain_words"].mapping(set(level_ids))
            plain = {level: plain_nodes[level].text() for level in level_ids}
        definition = entry["definition"].text() if "definition" in entry else None
        competencies.append(Competency(competency_id, entry["name"].text(),
                                       MappingProxyType(statements), MappingProxyType(plain),
                                       definition))
    return tuple(competencies)


_SPEC_REQUIRED = {"id", "name", "aliases", "unit_name", "office_blurb", "unit_purpose",
                  "handles_health_information",
                  "key_competencies", "regulations", "confidentiality", "working_conditions",
                  "levels"}
_ROLE_REQUIRED = {"title", "flsa", "summary", "purpose", "duties", "knowledge_skills_abilities",
                  "preferred_qualifications", "reports_to", "supervision_received",
                  "supervision_exercised", "posting_duties"}
_ROLE_OPTIONAL = {"minimum_qualifications", "licenses", "working_conditions", "occupation"}
POSTING_DUTIES_RANGE = (5, 7)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _specialization(file: Path, levels: tuple[Level, ...], competency_ids: list[str],
                    band_minimum: Qualifications | None, settings: Mapping[str, str]
                    ) -> Specialization:
    level_ids = [level.id for level in levels]
    root = read_yaml(file, ProfileError)
    check_placeholders(root, settings)
    fields = root.mapping(_SPEC_REQUIRED, {"vocabulary", "occupation"})
    spec_id = _identifier(fields["id"])
    if spec_id != file.stem:
        raise fields["id"].fail(f"id '{spec_id}' differs from the file name; name the file "
                                f"{spec_id}.yaml or change the id to '{file.stem}'")
    key_nodes = fields["key_competencies"].sequence()
    key_competencies: list[str] = []
    for node in key_nodes:
        value = node.text()
        if value not in competency_ids:
            raise node.fail(f"competency '{value}' is not defined in the profile"
                            f"{did_you_mean(value, competency_ids)}")
        if value in key_competencies:
            raise node.fail(f"competency '{value}' is listed twice")
        key_competencies.append(value)

    roles_node = fields["levels"]
    for level_id, node in roles_node.items():
        if level_id not in level_ids:
            raise node.fail(f"level '{level_id}' is not defined in the profile"
                            f"{did_you_mean(level_id, level_ids)}; defined: {', '.join(level_ids)}")
    role_nodes = roles_node.mapping(set(level_ids))
    roles = {}
    for level in levels:
        role = _role(role_nodes[level.id])
        if role.minimum_qualifications is None:
            if band_minimum is None:
                raise role_nodes[level.id].fail("missing required key 'minimum_qualifications' "
                                                "(the band file sets none for every level)")
            # The band sets the minimum for every level unless this level gives its own.
            role = dataclasses.replace(role, minimum_qualifications=band_minimum)
        if level.title_pattern and not re.search(level.title_pattern, role.title):
            reason = level.title_reason or "one title pattern per level"
            raise dict(role_nodes[level.id].items())["title"].fail(
                f"'{role.title}' does not follow the {level.name} title pattern "
                f"'{level.title_pattern}' set in the band file ({reason}); rename it or change "
                "the pattern")
        roles[level.id] = role
    return Specialization(
        id=spec_id,
        name=fields["name"].text(),
        aliases=fields["aliases"].texts() if fields["aliases"].value else (),
        unit_name=fields["unit_name"].text(),
        office_blurb=fields["office_blurb"].text(),
        unit_purpose=fields["unit_purpose"].text(),
        handles_health_information=fields["handles_health_information"].boolean(),
        key_competencies=tuple(key_competencies),
        regulations=tuple(_regulation(node) for node in fields["regulations"].sequence()),
        confidentiality=fields["confidentiality"].text(),
        working_conditions=_working_conditions(fields["working_conditions"]),
        roles=MappingProxyType(roles),
        source=file,
        vocabulary=vocabulary_from(fields.get("vocabulary")),
        occupation=_occupation(fields["occupation"]) if "occupation" in fields else None,
    )


def _occupation(node: Located) -> Occupation:
    fields = node.mapping({"code", "title", "source", "why"})
    code = fields["code"].text()
    if not OCCUPATION_CODE.match(code):
        raise fields["code"].fail(f"'{code}' is not an O*NET-SOC code; write it as 21-1012.00")
    return Occupation(code, fields["title"].text(), fields["source"].text(), fields["why"].text())


def _regulation(node: Located) -> Regulation:
    fields = node.mapping({"name", "citation", "relevance"},
                          {"only_in", "supply", "public", "private"})
    optional: dict = {key: fields[key].text() for key in ("only_in", "supply") if key in fields}
    for key in ("public", "private"):
        if key in fields:
            variant = fields[key].mapping({"name", "citation"})
            optional[key] = (variant["name"].text(), variant["citation"].text())
    return Regulation(fields["name"].text(), fields["citation"].text(), fields["relevance"].text(),
                      **optional)


_CONDITION_KEYS = {"schedule", "environment", "physical_demands", "travel", "on_call", "live_in"}


def _level_conditions(node: Located) -> Mapping[str, object]:
    """A level's own working conditions: each key given replaces the specialization's; null
    says the level has none (no travel, no on-call duty)."""
    fields = node.mapping(set(), _CONDITION_KEYS)
    values: dict[str, object] = {}
    for key, item in fields.items():
        if key == "physical_demands":
            values[key] = item.texts()
        elif key in {"schedule", "environment"}:
            values[key] = item.text()
        else:
            values[key] = item.optional_text()
    return MappingProxyType(values)


def _working_conditions(node: Located) -> WorkingConditions:
    fields = node.mapping({"schedule", "environment", "physical_demands"},
                          {"travel", "on_call", "live_in"})

    def optional(key: str) -> str | None:
        return fields[key].optional_text() if key in fields else None

    return WorkingConditions(
        schedule=fields["schedule"].text(),
        environment=fields["environment"].text(),
        physical_demands=fields["physical_demands"].texts(),
        travel=optional("travel"),
        on_call=optional("on_call"),
        live_in=optional("live_in"),
    )


def _qualifications(node: Located) -> Qualifications:
    fields = node.mapping({"education", "experience"}, {"in_plain_words", "experience_screened"})
    return Qualifications(fields["education"].text(), fields["experience"].text(),
                          fields["in_plain_words"].text() if "in_plain_words" in fields else None,
                          fields["experience_screened"].boolean()
                          if "experience_screened" in fields else True)


def check_placeholders(node: Located, settings: Mapping[str, str]) -> None:
    """Every {name} in a specialization's text must be a campus setting the band file declares."""
    value = node.value
    if isinstance(value, str):
        for name in _PLACEHOLDER.findall(value):
            if name not in settings:
                known = ", ".join(sorted(settings)) or "none"
                raise node.fail(f"{{{name}}} is not a campus setting{did_you_mean(name, settings)}"
                                f"; the band file's campus_settings declares: {known}")
    elif isinstance(value, dict):
        for _, child in node.items():
            check_placeholders(child, settings)
    elif isinstance(value, list):
        for child in node.sequence(non_empty=False):
            check_placeholders(child, settings)


def _role(node: Located) -> LevelRole:
    fields = node.mapping(_ROLE_REQUIRED, _ROLE_OPTIONAL)
    try:
        flsa = parse_flsa(fields["flsa"].text())
    except ValueError as exc:
        raise fields["flsa"].fail(f"not an FLSA status: {exc}") from None
    posting_duties = fields["posting_duties"].texts()
    low, high = POSTING_DUTIES_RANGE
    if not low <= len(posting_duties) <= high:
        raise fields["posting_duties"].fail(f"{len(posting_duties)} duties for applicants; write "
                                            f"{low} to {high}")
    return LevelRole(
        title=fields["title"].text(),
        flsa=flsa,
        summary=fields["summary"].text(),
        purpose=fields["purpose"].text(),
        duties=_duties(fields["duties"]),
        knowledge_skills_abilities=fields["knowledge_skills_abilities"].texts(),
        minimum_qualifications=(_qualifications(fields["minimum_qualifications"])
                                if "minimum_qualifications" in fields else None),
        preferred_qualifications=fields["preferred_qualifications"].texts(),
        reports_to=fields["reports_to"].text(),
        supervision_received=fields["supervision_received"].text(),
        supervision_exercised=fields["supervision_exercised"].text(),
        posting_duties=posting_duties,
        licenses=fields["licenses"].texts() if "licenses" in fields else (),
        working_conditions=(_level_conditions(fields["working_conditions"])
                            if "working_conditions" in fields else MappingProxyType({})),
        occupation=_occupation(fields["occupation"]) if "occupation" in fields else None,
    )


def _duties(node: Located) -> tuple[Duty, ...]:
    duties = []
    for item in node.sequence():
        fields = item.mapping({"title", "percent", "essential", "description"}, {"other"})
        percent = fields["percent"].integer()
        if percent <= 0 or percent % PERCENT_STEP:
            raise fields["percent"].fail(f"{percent} is not a positive multiple of {PERCENT_STEP}")
        duties.append(Duty(
            title=fields["title"].text(),
            percent=percent,
            essential=fields["essential"].boolean(),
            description=fields["description"].text(),
            other=fields["other"].boolean() if "other" in fields else False,
        ))
    total = sum(duty.percent for duty in duties)
    if total != 100:
        raise node.fail(f"percents total {total}, not 100; adjust the duties' percent values")
    other = sum(duty.percent for duty in duties if duty.other)
    if other > MAX_OTHER_DUTIES_PERCENT:
        raise node.fail(f"other duties take {other} percent; at most "
                        f"{MAX_OTHER_DUTIES_PERCENT} is allowed")
    return tuple(duties)


def _check_unique_names(specializations: tuple[Specialization, ...]) -> None:
    owner: dict[str, Specialization] = {}
    for spec in specializations:
        for name in (spec.id, spec.name, *spec.aliases):
            key = normalise_choice(name)
            if key in owner and owner[key] is not spec:
                raise ProfileError(f"name or alias '{name}' is already used by "
                                   f"{owner[key].source.name!r}; each name must choose one "
                                   "specialization", file=spec.source)
            owner[key] = spec
