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
from .yamlsource import LineDict, Located, read_yaml

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


# Names of this shape read with "the" in running text; others ("Duke University", "UNC
# Wilmington") do not.
_TAKES_THE = {"University", "College", "Institute", "Office", "Department", "School"}

_KEYS = {"website", "location", "apply", "benefits", "pay_transparency", "logo", "silence",
         "name_in_text", "veterans_preference", "background_check", "campus",
         "minimum_qualifications"}


def organization_from(node: Located) -> Organization:
    """Validate an organization mapping (a file's root or a spec's inline `org:`)."""
    fields = node.mapping({"name", "eeo_statement"}, _KEYS)

    def text(key: str) -> str | None:
        return fields[key].optional_text() if key in fields else None

    location = Location()
    if "location" in fields and fields["location"].value is not None:
        parts = fields["location"].mapping(set(), {"city", "region", "country"})
        location = Location(*(parts[k].optional_text() if k in parts else None
                              for k in ("city", "region", "country")))
    apply = Apply()
    if "apply" in fields and fields["apply"].value is not None:
        parts = fields["apply"].mapping(set(), {"url", "instructions", "direct"})
        apply = Apply(*(parts[k].optional_text() if k in parts else None
                        for k in ("url", "instructions")),
                      direct=_yes_no(parts["direct"]) if "direct" in parts else None)
    for key in ("website", "logo"):
        value = text(key)
        if value and not value.startswith(("https://", "http://")):
            raise fields[key].fail(f"'{value}' is not a web address; start it with https://")
    if apply.url and not apply.url.startswith(("https://", "http://", "mailto:")):
        raise fields["apply"].fail(f"apply.url '{apply.url}' is not a web address; "
                                   "start it with https:// (or mailto:)")
    campus: dict[str, str] = {}
    if "campus" in fields and fields["campus"].value is not None:
        campus = {key: node.text() for key, node in fields["campus"].items()}
    minimum: dict[str, str | None] = {"education": None, "experience": None}
    if "minimum_qualifications" in fields and fields["minimum_qualifications"].value is not None:
        parts = fields["minimum_qualifications"].mapping(set(), {"education", "experience"})
        minimum.update({key: node.text() for key, node in parts.items()})
    return Organization(
        name=fields["name"].text(),
        eeo_statement=fields["eeo_statement"].text(),
        website=text("website"),
        location=location,
        apply=apply,
        benefits=text("benefits"),
        pay_transparency=text("pay_transparency"),
        logo=text("logo"),
        silenced=_silenced(fields["silence"]) if "silence" in fields else (),
        name_in_text=text("name_in_text"),
        veterans_preference=text("veterans_preference"),
        background_check=text("background_check"),
        campus=tuple(campus.items()),
        minimum_education=minimum["education"],
        minimum_experience=minimum["experience"],
    )


def _silenced(node: Located) -> tuple[tuple[str, str], ...]:
    """`silence: {finding-name: reason}`; a name no check reports, or no reason, is refused."""
    from .checks.findings import SILENCEABLE

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
    changes: dict[str, Any] = {}
    for key in given:
        *parents, leaf = ORGANIZATION_FIELDS[key][0].split(".")
        if parents:
            part = parents[0]
            current = changes.get(part, getattr(base, part))
            changes[part] = replace(current, **{leaf: getattr(getattr(checked, part), leaf)})
        else:
            changes[leaf] = getattr(checked, leaf)
    return replace(base, **changes)


def _line_dicts(value: Any) -> Any:
    """Plain dicts as the LineDict that Located reads (no lines: not from a file)."""
    if isinstance(value, dict):
        mapping = LineDict({key: _line_dicts(item) for key, item in value.items()
                            if item is not None})
        mapping.lines = {}
        return mapping
    return value


def load_organization(file: Path | None, profile_dir: Path) -> Organization:
    """--org FILE, else the profile folder's organization.yaml."""
    path = Path(file) if file else profile_dir / DEFAULT_ORG_FILE
    return organization_from(read_yaml(path, InputError))
