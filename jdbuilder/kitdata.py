"""Load and validate the hiring kit's data: `kit/practice.yaml` (interview practice, topics never
to ask about, sources), `kit/interview/<specialization>.yaml` (questions per level) and
`kit/ladder.yaml` (the career ladder's decision authority row).

Every question is tied to a competency the profile has and screened against the phrases of the
topics never to ask about, so an edit that strays into a protected topic is refused at load time
with the file, line and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .errors import ProfileError, did_you_mean
from .jurisdiction import state_code
from .topicscreen import Meaning, TopicScreen, compile_meaning, phrase_pattern
from .yamlsource import Located, read_yaml

KIT_DIR = "kit"
PRACTICE_FILE = "practice.yaml"
LADDER_FILE = "ladder.yaml"
INTERVIEW_DIR = "interview"
MIN_COMPETENCIES = 3
MAX_COMPETENCIES = 5
MIN_QUESTIONS = 8
MIN_QUESTIONS_PER_COMPETENCY = 2


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    only_in: str | None = None  # a state's law: cited only for an employer there


@dataclass(frozen=True)
class StateRule:
    """What one state's law adds to a topic never to ask about, for an employer there."""

    state: str  # two-letter code
    topic: str  # the ProtectedTopic it adds to
    rule: str | None  # what it says, or None when it only adds sources to the basis
    sources: tuple[str, ...]
    # A rule worded for one system's employers (only_in: "UNC System") and what the state's
    # other employers read instead (None: nothing).
    only_in: str | None = None
    elsewhere: str | None = None

    def text_for(self, applies: bool) -> str | None:
        """What the guide says for an employer of the state, `applies` when of `only_in`."""
        return self.rule if self.only_in is None or applies else self.elsewhere


@dataclass(frozen=True)
class ProtectedTopic:
    topic: str
    guidance: str
    sources: tuple[str, ...]  # Source ids
    phrases: tuple[str, ...]  # lower-case phrases a question must never contain
    meanings: tuple[Meaning, ...] = ()  # ways of asking it beyond the fixed phrases
    ask_instead: str | None = None  # the lawful question, where there is one


@dataclass(frozen=True)
class InterviewQuestion:
    competency: str
    text: str
    probes: tuple[str, ...]


@dataclass(frozen=True)
class InterviewPlan:
    """One specialization at one level: the competencies assessed and the questions asked."""

    competencies: tuple[str, ...]
    questions: tuple[InterviewQuestion, ...]
    source: Path


@dataclass(frozen=True)
class HiringKit:
    sources: tuple[Source, ...]
    never_ask: tuple[ProtectedTopic, ...]
    interviews: Mapping[str, Mapping[str, InterviewPlan]]  # specialization id -> level id -> plan
    directory: Path
    state_rules: tuple[StateRule, ...] = ()

    def states(self) -> frozenset[str]:
        """The states whose rules the kit carries (beyond federal law)."""
        return frozenset(rule.state for rule in self.state_rules)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def interview(self, specialization_id: str, level_id: str) -> InterviewPlan:
        try:
            return self.interviews[specialization_id][level_id]
        except KeyError:
            raise ProfileError(
                f"not found; the interview guide for '{specialization_id}' needs its questions "
                "there (copy another specialization's file and write its questions)",
                file=self.directory / INTERVIEW_DIR / f"{specialization_id}.yaml") from None


def load_kit(profile_dir: Path, specialization_ids: list[str], level_ids: list[str],
             competency_ids: list[str], with_interviews: bool = True) -> HiringKit | None:
    """The kit of a profile folder, or None when the folder has no `kit/` (a profile made for
    postings and descriptions only). Without `with_interviews`, its practice alone (the
    practice a band without specializations borrows: its questions are the positions')."""
    directory = profile_dir / KIT_DIR
    if not directory.is_dir():
        return None
    practice = directory / PRACTICE_FILE
    if not practice.is_file():
        raise ProfileError("not found; the hiring kit needs its practice file (sources and "
                           "topics never to ask about)", file=practice)
    root = read_yaml(practice, ProfileError)
    fields = root.mapping({"sources", "never_ask"}, {"state_rules"})
    sources = _sources(fields["sources"])
    source_ids = [s.id for s in sources]
    never_ask = tuple(_topic(node, source_ids) for node in fields["never_ask"].sequence())
    state_rules = (tuple(_state_rule(node, source_ids, [t.topic for t in never_ask])
                         for node in fields["state_rules"].sequence())
                   if "state_rules" in fields else ())
    screen = _screen(never_ask)

    interviews: dict[str, Mapping[str, InterviewPlan]] = {}
    folder = directory / INTERVIEW_DIR
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() and with_interviews else []:
        if file.stem not in specialization_ids:
            raise ProfileError(f"no specialization '{file.stem}' in the profile"
                               f"{did_you_mean(file.stem, specialization_ids)}; name the file "
                               f"after one of {', '.join(specialization_ids)}", file=file)
        interviews[file.stem] = _interview_file(file, level_ids, competency_ids, screen)
    return HiringKit(sources, never_ask, MappingProxyType(interviews), directory, state_rules)


@dataclass(frozen=True)
class LadderSettings:
    """What the career ladder takes from the band beyond the statements of every competency."""

    decision_authority: str  # the competency whose statements state each level's authority


def load_ladder(profile_dir: Path, competency_ids: list[str]) -> LadderSettings | None:
    """`kit/ladder.yaml`, or None when the profile has none (the ladder then has no decision
    authority row). Read on its own, so a broken interview file never stops a ladder."""
    file = profile_dir / KIT_DIR / LADDER_FILE
    if not file.is_file():
        return None
    fields = read_yaml(file, ProfileError).mapping({"decision_authority"})
    return LadderSettings(_competency_id(fields["decision_authority"], competency_ids))


def _sources(node: Located) -> tuple[Source, ...]:
    found: list[Source] = []
    for item in node.sequence():
        fields = item.mapping({"id", "title", "url"}, {"only_in"})
        source_id = fields["id"].text()
        if source_id in [s.id for s in found]:
            raise fields["id"].fail(f"duplicate source id '{source_id}'")
        url = fields["url"].text()
        if not url.startswith("https://"):
            raise fields["url"].fail(f"'{url}' is not an https:// address")
        found.append(Source(source_id, fields["title"].text(), url,
                            fields["only_in"].text() if "only_in" in fields else None))
    return tuple(found)


def _cited(node: Located, source_ids: list[str]) -> tuple[str, ...]:
    cited = []
    for item in node.sequence():
        value = item.text()
        if value not in source_ids:
            raise item.fail(f"source '{value}' is not listed under 'sources'"
                            f"{did_you_mean(value, source_ids)}")
        cited.append(value)
    return tuple(cited)


def _state_rule(node: Located, source_ids: list[str], topics: list[str]) -> StateRule:
    fields = node.mapping({"state", "topic", "sources"}, {"rule", "only_in", "elsewhere"})
    state = state_code(fields["state"].text())
    if state is None:
        raise fields["state"].fail(f"'{fields['state'].value}' is not a US state; write its "
                                   "two-letter code, e.g. CO")
    topic = fields["topic"].text()
    if topic not in topics:
        raise fields["topic"].fail(f"'{topic}' is not a topic under never_ask"
                                   f"{did_you_mean(topic, topics)}")
    if "elsewhere" in fields and "only_in" not in fields:
        raise fields["elsewhere"].fail("elsewhere is the text for employers outside only_in; "
                                       "give only_in (e.g. 'UNC System') too")
    return StateRule(state, topic, fields["rule"].text() if "rule" in fields else None,
                     _cited(fields["sources"], source_ids),
                     fields["only_in"].text() if "only_in" in fields else None,
                     fields["elsewhere"].text() if "elsewhere" in fields else None)


def _topic(node: Located, source_ids: list[str]) -> ProtectedTopic:
    fields = node.mapping({"topic", "guidance", "sources", "phrases"},
                          {"meanings", "ask_instead"})
    cited = _cited(fields["sources"], source_ids)
    phrases = tuple(phrase.lower() for phrase in fields["phrases"].texts())
    meanings = (tuple(_meaning(item) for item in fields["meanings"].sequence())
                if "meanings" in fields else ())
    ask_instead = fields["ask_instead"].text() if "ask_instead" in fields else None
    return ProtectedTopic(fields["topic"].text(), fields["guidance"].text(), cited, phrases,
                          meanings, ask_instead)


def _meaning(node: Located) -> Meaning:
    if isinstance(node.value, str):
        says, unless = node.text(), ()
    else:
        fields = node.mapping({"says"}, {"unless"})
        says = fields["says"].text()
        unless = tuple(fields["unless"].texts()) if "unless" in fields else ()
    try:
        return compile_meaning(says, unless)
    except ValueError as error:
        raise node.fail(f"{error}; see the pattern words in the file's header") from None


_Screen = tuple[TopicScreen, dict[str, str | None]]


def _screen(topics: tuple[ProtectedTopic, ...]) -> _Screen:
    screen = TopicScreen(tuple((t.topic, tuple(phrase_pattern(p) for p in t.phrases), t.meanings)
                               for t in topics))
    return screen, {t.topic: t.ask_instead for t in topics}


def _screened(node: Located, screen: _Screen) -> str:
    text = node.text()
    topics, instead = screen
    hit = topics.hit(text)
    if hit is not None:
        words, topic = hit
        lawful = instead[topic]
        advice = (f'ask instead "{lawful}", or rewrite the question about the work' if lawful
                  else "rewrite the question about the work")
        raise node.fail(f"'{words}' touches a topic never to ask about ({topic}); {advice}")
    return text


def _interview_file(file: Path, level_ids: list[str], competency_ids: list[str],
                    screen: _Screen) -> Mapping[str, InterviewPlan]:
    root = read_yaml(file, ProfileError)
    fields = root.mapping({"levels"})
    levels = fields["levels"]
    for level_id, node in levels.items():
        if level_id not in level_ids:
            raise node.fail(f"level '{level_id}' is not defined in the profile"
                            f"{did_you_mean(level_id, level_ids)}; defined: "
                            f"{', '.join(level_ids)}")
    nodes = levels.mapping(set(level_ids))
    return MappingProxyType({level: _plan(nodes[level], competency_ids, screen, file)
                             for level in level_ids})


def _plan(node: Located, competency_ids: list[str],
          screen: _Screen, file: Path) -> InterviewPlan:
    fields = node.mapping({"competencies", "questions"})
    chosen: list[str] = []
    for item in fields["competencies"].sequence():
        chosen.append(_competency_id(item, competency_ids, chosen))
    if not MIN_COMPETENCIES <= len(chosen) <= MAX_COMPETENCIES:
        raise fields["competencies"].fail(
            f"lists {len(chosen)} competencies; a structured interview assesses "
            f"{MIN_COMPETENCIES} to {MAX_COMPETENCIES}, the most central to the work")
    questions = []
    for item in fields["questions"].sequence():
        question = item.mapping({"competency", "question", "probes"})
        competency = _competency_id(question["competency"], competency_ids)
        if competency not in chosen:
            raise question["competency"].fail(
                f"competency '{competency}' is not among this level's competencies "
                f"({', '.join(chosen)}); add it there or tie the question to one of them")
        probes = tuple(_screened(probe, screen) for probe in question["probes"].sequence())
        questions.append(InterviewQuestion(competency, _screened(question["question"], screen),
                                           probes))
    if len(questions) < MIN_QUESTIONS:
        raise fields["questions"].fail(f"has {len(questions)} questions; write at least "
                                       f"{MIN_QUESTIONS}")
    for competency in chosen:
        count = sum(q.competency == competency for q in questions)
        if count < MIN_QUESTIONS_PER_COMPETENCY:
            raise fields["questions"].fail(
                f"competency '{competency}' has {count} question(s); give each competency at "
                f"least {MIN_QUESTIONS_PER_COMPETENCY}")
    # Questions are asked grouped by competency, in the order the competencies are listed.
    ordered = sorted(questions, key=lambda q: chosen.index(q.competency))
    return InterviewPlan(tuple(chosen), tuple(ordered), file)


def interview_plan(node: Located, competency_ids: list[str],
                   never_ask: tuple[ProtectedTopic, ...]) -> InterviewPlan:
    """One level's competencies and questions as a position file gives them (`interview:`),
    held to the rules of kit/interview/ files and screened against the topics never to ask."""
    return _plan(node, competency_ids, _screen(never_ask), node.file)


def _competency_id(node: Located, competency_ids: list[str], seen: list[str] | None = None
                   ) -> str:
    value = node.text()
    if value not in competency_ids:
        raise node.fail(f"competency '{value}' is not defined in the profile"
                        f"{did_you_mean(value, competency_ids)}")
    if seen is not None and value in seen:
        raise node.fail(f"competency '{value}' is listed twice")
    return value
