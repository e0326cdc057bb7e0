"""The hiring organization: name, location, how to apply, EEO and benefits text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ERROR, InputError, Problem, did_you_mean
from .errors import Location as Where
from .values import parse_yes_no
from .yamlsource import LineDict, Located, describe_yaml_value, read_yaml

DEFAULT_ORG_FILE = "organization.yaml"


@dataclass(frozen=True)
class Location:
    city: str | None = None
    region: str | None = None
    country: str | None = None

    def display(self) -> str:
        return ", ".join(part for part in (self.city, self.region, self.country) if part)


@dataclass(frozen=True)
class Apply:
    url: str | None = None
    instructions: str | None = None
    direct: bool | None = None  # can an applicant apply right on the posting's page? None: unknown


@dataclass(frozen=True)
class Organization:
    name: str
    eeo_statement: str
    website: str | None = None
    location: Location = Location()
    apply: Apply = Apply()
    benefits: str | None = None
    pay_transparency: str | None = None
    logo: str | None = None
    silenced: tuple[tuple[str, str], ...] = ()  # (quality finding name, the reason given)
    name_in_text: str | None = None  # the name inside a sentence ("the University of X")
    veterans_preference: str | None = None  # e.g. NC G.S. 126-80 for SHRA positions
    background_check: str | None = None
    # campus settings (systems' names, ...) as (name, value) pairs: picklable for build workers
    campus: tuple[tuple[str, str], ...] = ()
    minimum_education: str | None = None  # replaces the band's minimum where a campus differs
    minimum_experience: str | None = None
    # Which texts came from the built-in organization rather than the user's file.
    inherited: tuple[str, ...] = ()
    # The system of institutions whose policy binds the employer ("UNC System"); None or "":
    # none. Never inherited from the built-in organization: an employer is in a system only
    # when its own file says so.
    system: str | None = None
    # A public agency (a state university, a community college): only it may give compensatory
    # time off instead of overtime pay (29 U.S.C. § 207(o)). None: not said, which is taken as
    # public only for an employer in a system.
    public_employer: bool | None = None
    # Standard statements left out of postings because the applicant tracking system adds its
    # own (OMITTABLE): the checks then do not report them missing.
    omit: tuple[str, ...] = ()
    # The profile's own organization.yaml as it is: a stand-in for a campus of the profile's
    # system, whose EMPLOYER_FACTS hold only under its own name (see `renamed`).
    builtin: bool = False

    def name_mid_sentence(self) -> str:
        """The name as it reads after 'the policies of': 'The University' -> 'the University',
        'University of North Carolina Wilmington' -> 'the University of North Carolina
        Wilmington'; `name_in_text` decides when given."""
        if self.name_in_text:
            return self.name_in_text
        name = self.name
        if name.startswith("The "):
            return "the " + name[4:]
        first = name.split(" ", 1)[0]
        if first in _TAKES_THE or re.match(r"(University|College|Institute) of ", name):
            return "the " + name
        return name


    def institution_word(self) -> str:
        """What the documents call the employer in running text, as the profile's "the
        University" does: 'College', 'Institute' or 'School' when the name says it is one and
        not a university ('Acme College' -> 'College'), else 'University'."""
        words = set(re.findall(r"[A-Za-z]+", self.name))
        if "University" in words:
            return "University"
        return next((word for word in ("College", "Institute", "School") if word in words),
                    "University")


# Names of this shape read with "the" in running text; others ("Duke University", "UNC
# Wilmington") do not.
_TAKES_THE = {"University", "College", "Institute", "Office", "Department", "School"}

_KEYS = {"website", "location", "apply", "benefits", "pay_transparency", "logo", "silence", "omit",
         "name_in_text", "veterans_preference", "background_check", "campus",
         "minimum_qualifications", "system", "public_employer"}


# The texts an organization file may leave to the built-in organization, named once when it does.
INHERITABLE_TEXTS = ("eeo_statement", "benefits", "pay_transparency")
_TEXT_KEYS = ("name", "eeo_statement", "website", "benefits", "pay_transparency", "logo",
              "name_in_text", "veterans_preference", "background_check")
_ROOT_EXAMPLE = ("name: Appalachian State University / location: Boone, NC / "
                 "apply: https://jobs.example.edu/postings/123")
_LOCATION_EXAMPLE = ("location: Boone, NC (City, Region[, Country]) or "
                     "location: {city: Boone, region: NC, country: US}")
_APPLY_EXAMPLE = ("apply: https://jobs.example.edu/postings/123, apply: Send a letter and "
                  "resume to hr@example.edu, or apply: {url: https://..., instructions: ...}")


def organization_from(node: Located, base: Organization | None = None) -> Organization:
    """Validate an organization mapping (a file's root or a spec's inline `org:`). With a
    `base` (the built-in organization), every key but the name is optional and what is left
    out comes from the base; without one, name and eeo_statement are required."""
    if not isinstance(node.value, dict):
        raise node.fail(f"expected 'key: value' lines, got {describe_yaml_value(node.value)}; "
                        f"for example {_ROOT_EXAMPLE}")
    # The name is always the file's own: a posting never names the built-in placeholder
    # organization because a line was forgotten.
    required = {"name"} if base is not None else {"name", "eeo_statement"}
    fields = node.mapping(required, (_KEYS | {"eeo_statement"}) - required)

    def given_here(key: str) -> bool:
        return key in fields and fields[key].value is not None

    given: dict[str, Any] = {key: fields[key].text() for key in _TEXT_KEYS if given_here(key)}
    given["name"] = fields["name"].text()
    if given_here("location"):
        given["location"] = _location(fields["location"])
    if given_here("apply"):
        given["apply"] = _apply(fields["apply"])
    for key in ("website", "logo"):
        value = given.get(key)
        if value and not value.startswith(("https://", "http://")):
            raise fields[key].fail(f"'{value}' is not a web address; start it with https://")
    if given_here("system"):
        system = fields["system"].text()
        given["system"] = "" if system.casefold() == "none" else system
    if given_here("public_employer"):
        given["public_employer"] = _yes_no(fields["public_employer"])
    if given_here("campus"):
        given["campus"] = tuple((key, child.text()) for key, child in fields["campus"].items())
    if given_here("minimum_qualifications"):
        parts = fields["minimum_qualifications"].mapping(set(), {"education", "experience"})
        given.update({f"minimum_{key}": child.text() for key, child in parts.items()})
    if "silence" in fields:
        given["silenced"] = _silenced(fields["silence"])
    if given_here("omit"):
        node_omit = fields["omit"]
        values = (node_omit.texts() if isinstance(node_omit.value, list) else node_omit.text())
        try:
            given["omit"] = parse_omit(values)
        except ValueError as exc:
            raise node_omit.fail(str(exc)) from None
    if base is None:
        return Organization(**given)
    inherited = tuple(key for key in INHERITABLE_TEXTS
                      if key not in given and getattr(base, key))
    given.setdefault("system", None)
    given.setdefault("public_employer", None)
    return replace(base, **given, inherited=inherited, builtin=False)


# What an organization states about the employer itself rather than about the text it offers:
# whose policy binds it and whether it is a public agency. The built-in organization's are true
# of the campus it stands for only.
EMPLOYER_FACTS = ("system", "public_employer")


def renamed(organization: Organization, name: str) -> Organization:
    """The organization under `name` (a command line's or a form's). Another name than the
    built-in organization's is another employer: the built-in's EMPLOYER_FACTS (a UNC System
    campus, a public employer) are not said of it, so the documents give it no system's policy
    or state-employee benefits until an input says so. An organization file's facts carry
    over: someone wrote them about their own employer, and the name only relabels it."""
    if name == organization.name:
        return organization
    if not organization.builtin:
        return replace(organization, name=name)
    # Its statements stand under the new name where they hold (said once, as for a file that
    # leaves them out), its facts do not.
    inherited = tuple(key for key in INHERITABLE_TEXTS if getattr(organization, key))
    return replace(organization, name=name, builtin=False, inherited=inherited,
                   **{fact: None for fact in EMPLOYER_FACTS})


# What --omit (or an organization's `omit:`) may leave out of a posting, and the statement each
# names: an applicant tracking system such as Workday adds its own EEO, benefits and pay text.
OMITTABLE = {"eeo": "eeo_statement", "benefits": "benefits", "pay-statement": "pay_transparency"}


def parse_omit(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """'eeo, benefits' (or a list) -> ('eeo', 'benefits'), each checked against OMITTABLE."""
    items = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    for item in items:
        name = item.strip().lower().replace("_", "-")
        if not name:
            continue
        if name not in OMITTABLE:
            raise ValueError(f"'{name}' cannot be omitted{did_you_mean(name, OMITTABLE)}; "
                             f"choose from {', '.join(OMITTABLE)}")
        if name not in names:
            names.append(name)
    return tuple(names)


def _location(node: Located) -> Location:
    if isinstance(node.value, str):
        parts = [part.strip() for part in node.text().split(",") if part.strip()]
        if len(parts) > 3:
            raise node.fail(f"'{node.value}' has more than three parts; write {_LOCATION_EXAMPLE}")
        return Location(*parts, *([None] * (3 - len(parts))))
    if not isinstance(node.value, dict):
        raise node.fail(f"expected a place, got {describe_yaml_value(node.value)}; write "
                        f"{_LOCATION_EXAMPLE}")
    parts = node.mapping(set(), {"city", "region", "country"})
    return Location(*(parts[k].optional_text() if k in parts else None
                      for k in ("city", "region", "country")))


def _apply(node: Located) -> Apply:
    if isinstance(node.value, str):
        text = node.text()
        if text.startswith(("https://", "http://", "mailto:")):
            return Apply(url=text)
        return Apply(instructions=text)
    if not isinstance(node.value, dict):
        raise node.fail(f"expected a link or instructions, got "
                        f"{describe_yaml_value(node.value)}; write {_APPLY_EXAMPLE}")
    parts = node.mapping(set(), {"url", "instructions", "direct"})
    apply = Apply(*(parts[k].optional_text() if k in parts else None
                    for k in ("url", "instructions")),
                  direct=_yes_no(parts["direct"]) if "direct" in parts else None)
    if apply.url and not apply.url.startswith(("https://", "http://", "mailto:")):
        raise node.fail(f"apply.url '{apply.url}' is not a web address; start it with https:// "
                        "(or mailto:)")
    return apply


def _silenced(node: Located) -> tuple[tuple[str, str], ...]:
    """`silence: {finding-name: reason}`; a name no check reports, or no reason, is refused."""
    from .findingnames import SILENCEABLE

    if node.value is None:
        return ()
    entries = []
    for name, child in node.items():
        if name not in SILENCEABLE:
            raise child.fail(f"'{name}' names no quality finding{did_you_mean(name, SILENCEABLE)}; "
                             f"use a check ({', '.join(SILENCEABLE[:9])}) or a finding's code "
                             "as `jdbuilder check --json` prints it")
        entries.append((name, child.text()))
    return tuple(entries)


def _yes_no(node: Located) -> bool | None:
    """true/false from a YAML file, or the text yes/no/true/false (spec files read text)."""
    if node.value is None:
        return None
    try:
        return parse_yes_no(node.value)
    except ValueError as exc:
        raise node.fail(str(exc)) from None


# The organization as flat fields, for a form or query string: field -> (path in the
# organization file, what it means).
ORGANIZATION_FIELDS: dict[str, tuple[str, str]] = {
    "org_name": ("name", "the employer's name"),
    "org_website": ("website", "the employer's web site, https://..."),
    "org_city": ("location.city", "city"),
    "org_region": ("location.region", "state or region, e.g. NC"),
    "org_country": ("location.country", "country code, e.g. US"),
    "org_apply_url": ("apply.url", "where to apply, https://... or mailto:"),
    "org_apply_instructions": ("apply.instructions", "how to apply, in a sentence or two"),
    "org_eeo_statement": ("eeo_statement", "equal employment opportunity statement"),
    "org_benefits": ("benefits", "benefits summary"),
    "org_pay_transparency": ("pay_transparency", "pay-transparency statement"),
    "org_system": ("system", "whose policy and state-employee benefits bind the employer "
                             "(UNC System), or none"),
    "org_public_employer": ("public_employer", "yes for a public agency (a state or community "
                                               "college): only it may give compensatory time "
                                               "off instead of overtime pay"),
}
# What a form calls each organization field; a test keeps it in step with ORGANIZATION_FIELDS.
ORGANIZATION_LABELS: dict[str, str] = {
    "org_name": "Organization name", "org_website": "Web site", "org_city": "City",
    "org_region": "State or region", "org_country": "Country", "org_apply_url": "Apply at",
    "org_apply_instructions": "How to apply", "org_eeo_statement": "EEO statement",
    "org_benefits": "Benefits", "org_pay_transparency": "Pay-transparency statement",
    "org_system": "University system", "org_public_employer": "Public employer",
}


def organization_with(base: Organization, fields: Mapping[str, str]) -> Organization:
    """`base` with some of its values replaced by flat ORGANIZATION_FIELDS, validated by the
    same rules as an organization file. A field left empty keeps the base's value."""
    given = {key: value for key, value in fields.items() if value and value.strip()}
    for key in given:
        if key not in ORGANIZATION_FIELDS:
            raise InputError(Problem("input", ERROR, f"unknown organization field '{key}'"
                                     f"{did_you_mean(key, ORGANIZATION_FIELDS)}",
                                     Where(field=key)))
    if not given:
        return base
    # Only what was given is validated (with the base's name and EEO statement, which an
    # organization must have), then laid over the base.
    tree: dict[str, Any] = {"name": base.name, "eeo_statement": base.eeo_statement}
    for key, value in given.items():
        *parents, leaf = ORGANIZATION_FIELDS[key][0].split(".")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    try:
        checked = organization_from(Located(_line_dicts(tree), Path("organization"), "", None,
                                            InputError))
    except InputError as exc:
        # Name the form field, not the path inside an organization file.
        path = exc.problem.location.field
        field = next((key for key, (dotted, _) in ORGANIZATION_FIELDS.items()
                      if path and (dotted == path or dotted.startswith(f"{path}."))), path)
        raise InputError(Problem("input", ERROR, exc.problem.message, Where(field=field))
                         ) from None
    # A name first: another employer's does not keep the built-in's facts (`renamed`), and
    # what else was typed then lays over it, a system or public employer among them.
    organization = renamed(base, checked.name) if "org_name" in given else base
    changes: dict[str, Any] = {}
    for key in given:
        *parents, leaf = ORGANIZATION_FIELDS[key][0].split(".")
        if parents:
            part = parents[0]
            current = changes.get(part, getattr(organization, part))
            changes[part] = replace(current, **{leaf: getattr(getattr(checked, part), leaf)})
        elif leaf != "name":
            changes[leaf] = getattr(checked, leaf)
    return replace(organization, **changes) if changes else organization


def _line_dicts(value: Any) -> Any:
    """Plain dicts as the LineDict that Located reads (no lines: not from a file)."""
    if isinstance(value, dict):
        mapping = LineDict({key: _line_dicts(item) for key, item in value.items()
                            if item is not None})
        mapping.lines = {}
        return mapping
    return value


def with_overrides(organization: Organization, name: str | None = None,
                   apply: str | None = None, option_names: tuple[str, str] = ("--org-name",
                                                                             "--apply"),
                   omit: str | None = None, system: str | None = None,
                   public_employer: bool | None = None) -> Organization:
    """The organization with a name, how to apply, what to omit, its system or whether it is
    a public employer given on the command line (or a form). A name is `renamed`: another
    employer's keeps no fact of the built-in organization's; `system` ('none': in none) and
    `public_employer` given with it say its own."""
    changes: dict[str, object] = {}
    if omit is not None:
        try:
            changes["omit"] = parse_omit(omit)
        except ValueError as exc:
            raise InputError(Problem("input", ERROR, str(exc), Where(option="--omit"))) from None
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise InputError("the name is empty; give the organization's name",
                             option=option_names[0])
        organization = renamed(organization, name)
    if system is not None:
        system = " ".join(system.split())
        if not system:
            raise InputError(Problem("input", ERROR, "the system is empty; give its name (e.g. "
                                     "'UNC System') or 'none'", Where(option="--system")))
        changes["system"] = "" if system.casefold() == "none" else system
    if public_employer is not None:
        changes["public_employer"] = public_employer
    if apply is not None:
        apply = " ".join(apply.split())
        if not apply:
            raise InputError("empty; give a link (https://...) or instructions",
                             option=option_names[1])
        changes["apply"] = (replace(organization.apply, url=apply, instructions=None)
                            if apply.startswith(("https://", "http://", "mailto:"))
                            else replace(organization.apply, url=None, instructions=apply))
    return replace(organization, **changes) if changes else organization  # type: ignore[arg-type]


def inherited_note(organization: Organization, source: str, builtin: str) -> str | None:
    """'org.yaml gives no eeo_statement, benefits; ...' once, or None when nothing is inherited."""
    if not organization.inherited:
        return None
    keys = ", ".join(organization.inherited)
    return (f"{source} gives no {keys}: the text of {builtin} is used; add {keys} to the "
            "file to replace it")


def load_organization(file: Path | None, profile_dir: Path,
                      base: Organization | None = None) -> Organization:
    """--org FILE merged over `base` (the profile's own organization), else the profile
    folder's organization.yaml itself."""
    if file:
        return organization_from(read_yaml(Path(file), InputError), base)
    return replace(organization_from(read_yaml(profile_dir / DEFAULT_ORG_FILE, InputError)),
                   builtin=True)
