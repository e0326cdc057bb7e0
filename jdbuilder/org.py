"""The hiring organization: name, location, how to apply, EEO and benefits text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, did_you_mean
from .values import parse_yes_no
from .yamlsource import Located, read_yaml

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


_KEYS = {"website", "location", "apply", "benefits", "pay_transparency", "logo", "silence"}


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


def load_organization(file: Path | None, profile_dir: Path) -> Organization:
    """--org FILE, else the profile folder's organization.yaml."""
    path = Path(file) if file else profile_dir / DEFAULT_ORG_FILE
    return organization_from(read_yaml(path, InputError))
