"""What a browser or an API client sends (query string or form) -> the core's DocumentRequest and
organization fields. Only reading and naming the parameters: every value is validated by the core,
which raises the same one-line errors the command line prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import InputError, did_you_mean
from ..kinds import needs_level
from ..org import ORGANIZATION_FIELDS
from ..pipeline import DocumentRequest
from ..position import SETTABLE_KEYS
from ..writers import FORMATS

CHOICE_KEYS = ("specialization", "level")
# `job` is the page's position picker: a specialization ("residence-life": the level's own
# title) or one of its working titles ("residence-life/contributing": the title the band gives
# that level, whatever level is chosen); the level is chosen on its own.
PAGE_KEYS = ("job", "kind", "download")
DOCUMENT_PARAMETERS = (*CHOICE_KEYS, "format", *SETTABLE_KEYS, *ORGANIZATION_FIELDS)


@dataclass(frozen=True)
class DocumentParams:
    request: DocumentRequest
    organization_fields: dict[str, str]


def single_values(pairs: Iterable[tuple[str, str]], allowed: tuple[str, ...]) -> dict[str, str]:
    """Parameters as one value each: an unknown name or a name given twice is refused, never
    dropped (as `--set` refuses them)."""
    values: dict[str, str] = {}
    for key, value in pairs:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or f"; known: {', '.join(allowed)}"
            raise InputError(f"unknown parameter '{key}'{hint}")
        if key in values:
            raise InputError(f"given twice ('{values[key]}' and '{value}'); keep one", option=key)
        values[key] = value
    return values


def split_role(values: dict[str, str]) -> dict[str, str]:
    """A built-in position's `role` ("admissions/journey": its title at its level) as
    specialization and level (the position page's starter file)."""
    role = values.pop("role", "")
    if role.strip():
        specialization, _, level = role.partition("/")
        values.setdefault("specialization", specialization)
        values.setdefault("level", level)
    return values


def split_job(values: dict[str, str], titles: Mapping[str, str]) -> dict[str, str]:
    """The page's `job` as the specialization and, when a title was picked, that title (unless
    one was typed). `titles` maps "specialization/level" to the band's title for it."""
    job = values.pop("job", "").strip()
    if job:
        specialization, _, titled = job.partition("/")
        values.setdefault("specialization", specialization)
        if titled and not values.get("title", "").strip():
            if job not in titles:
                raise InputError(f"no working title '{job}'; choose one from the list",
                                 option="job")
            values["title"] = titles[job]
    return values


def document_params(kind: str, values: dict[str, str], default_format: str = "docx"
                    ) -> DocumentParams:
    """A document request from one-valued parameters. An empty value means "not given": a form
    sends every field, filled in or not."""
    given = {key: value for key, value in values.items() if value.strip()}
    for key in CHOICE_KEYS:
        if key not in given and (key != "level" or needs_level(kind)):
            raise InputError(f"missing; `GET /api/profile` lists the {key}s", option=key)
    fmt = given.get("format", default_format)
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'{did_you_mean(fmt, FORMATS)}; use one of "
                         f"{', '.join(FORMATS)}", option="format")
    fields = {key: value for key, value in given.items() if key in SETTABLE_KEYS}
    organization = {key: value for key, value in given.items() if key in ORGANIZATION_FIELDS}
    request = DocumentRequest(kind, given["specialization"], given.get("level", ""), fields,
                              fmt)
    return DocumentParams(request, organization)
