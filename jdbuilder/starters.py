"""Files a new user starts from: an organization file from a few answers (`jdbuilder init`)
and a starter spec with every column and an example row per specialization (`jdbuilder spec
example`). Everything in them comes from the answers or the profile; nothing is made up."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import yaml

from .csvcells import safe_row
from .errors import InputError
from .org import INHERITABLE_TEXTS, Organization, organization_from
from .position import FIELD_HELP
from .profile import Profile
from .spec import DOCUMENT_KEYS
from .yamlsource import parse_yaml
from .zipout import Member, pack

STARTER_FORMATS = ("csv", "yaml", "xlsx")
_WEB_PREFIXES = ("https://", "http://")


# ---------------------------------------------------------------------------------------------
# jdbuilder init


def check_website(value: str) -> str:
    value = value.strip()
    if value and not value.startswith(_WEB_PREFIXES):
        raise ValueError(f"'{value}' is not a web address; start it with https://")
    return value


def check_location(value: str) -> str:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if value.strip() and not 2 <= len(parts) <= 3:
        raise ValueError(f"'{value}' is not 'City, State' (or 'City, State, Country'), "
                         "e.g. Boone, NC")
    return ", ".join(parts)


def organization_text(name: str, website: str = "", location: str = "", apply: str = "",
                      base: Organization | None = None, system: str = "") -> str:
    """The organization file for these answers: a name, and the rest only when given. It
    says which texts still come from the built-in organization and how to replace them."""
    name = " ".join(name.split())
    if not name:
        raise InputError("the organization's name is empty; give it", option="--name")
    values = {"name": name, "website": check_website(website),
              "location": check_location(location), "apply": " ".join(apply.split()),
              "system": " ".join(system.split())}
    lines = ["# Your organization, for --org FILE (or `org:` in a spec). Written by `jdbuilder "
             "init`;", "# edit it freely."]
    if base is not None:
        kept = [key for key in INHERITABLE_TEXTS if getattr(base, key)]
        lines += [f"# Left out here, so the built-in organization's text is used: "
                  f"{', '.join(kept)}.",
                  "# To use your own, add a line such as",
                  f"#   eeo_statement: {name} is an equal opportunity employer ..."]
    # "none" is an answer (a private college): written, so later runs need not ask again.
    in_no_system = values["system"].casefold() == "none"
    for key, value in values.items():
        if value and not (key == "system" and in_no_system):
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=1000,
                                        sort_keys=False).rstrip("\n"))
    if not values["apply"]:
        lines.append("# apply: https://jobs.example.edu/postings/123   (or instructions: "
                     "'Send a letter and resume to ...')")
    if in_no_system:
        lines.append("system: none   # in no university system (a UNC campus: system: UNC System)")
    elif not values["system"]:
        # Without it no system's policy or state-employee benefits are assumed.
        lines.append("# system: UNC System   (only if it is a campus of a university system)")
    text = "\n".join(lines) + "\n"
    # What is written must load: the same check every later run makes.
    organization_from(parse_yaml(text, Path("organization.yaml"), InputError), base)
    return text


# ---------------------------------------------------------------------------------------------
# jdbuilder spec example


def _example_rows(profile: Profile) -> list[tuple[str, dict[str, str]]]:
    """(comment, row) per specialization: a posting at one level, cycling through the levels,
    with the level's working title; every other column empty for the user to fill in."""
    rows = []
    levels = profile.levels
    for index, specialization in enumerate(profile.specializations):
        level = levels[index % len(levels)]
        titles = "; ".join(f"{other.id}: {specialization.roles[other.id].title}"
                           for other in levels if other.id in specialization.roles)
        comment = f"{specialization.name} ({specialization.id}) - levels {titles}"
        rows.append((comment, {"kind": "posting", "specialization": specialization.name,
                               "level": level.id,
                               "title": specialization.roles[level.id].title}))
    return rows


def starter_columns() -> tuple[str, ...]:
    """Every column, in the order a person fills them in: what, then the facts, then where."""
    first = ("kind", "specialization", "level")
    last = ("format", "org", "apply", "output")
    return first + tuple(key for key in DOCUMENT_KEYS if key not in first + last) + last


def _column_help() -> dict[str, str]:
    control = {
        "kind": "posting or description (or a hiring-kit kind)",
        "specialization": "id, name or alias (jdbuilder list specializations)",
        "level": "contributing, journey or advanced, or a working title",
        "position": "a position file, relative to this spec (`jdbuilder position new`); it "
                    "gives specialization, level and the position's duties and people",
        "format": "docx, pdf, html, md, txt, jsonld or fields (default docx)",
        "org": "organization file, relative to this spec (default: the built-in one)",
        "apply": "how to apply to this opening: its link (https://...) or instructions "
                 "(default: the organization's)",
        "output": "file to write, relative to the out-dir (default: from the title)",
    }
    return {key: control.get(key) or FIELD_HELP.get(key, "") for key in starter_columns()}


def example_csv(profile: Profile) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = starter_columns()
    writer.writerow(columns)
    writer.writerow(["# A row whose first cell starts with # is a comment. An empty cell means "
                     "'not given'. `jdbuilder fields` explains the columns."])
    for comment, row in _example_rows(profile):
        writer.writerow([f"# {comment}"])
        writer.writerow(safe_row(row.get(key, "") for key in columns))
    return out.getvalue()


def example_yaml(profile: Profile) -> str:
    help_text = _column_help()
    lines = ["# A jdbuilder spec: one entry under `documents` per document to build.",
             "# Keys under `defaults` apply to every document (a document's own value wins).",
             "# Every key a document may hold:"]
    width = max(map(len, help_text))
    lines += [f"#   {key.ljust(width)}  {help_text[key]}" for key in help_text]
    lines += ["defaults:", "  format: docx", "documents:"]
    for comment, row in _example_rows(profile):
        lines.append(f"  # {comment}")
        first = True
        for key, value in row.items():
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=1000).rstrip("\n")
            lines.append(f"  {'- ' if first else '  '}{dumped}")
            first = False
    return "\n".join(lines) + "\n"


def example_xlsx(profile: Profile, moment: dt.datetime) -> bytes:
    """The CSV starter as a workbook, the same bytes for the same profile and moment."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Openings"
    for row in csv.reader(io.StringIO(example_csv(profile))):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, key in enumerate(starter_columns(), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = \
            max(12, len(key) + 4)
    sheet.freeze_panes = "A2"
    naive = moment.replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = naive
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps each ZIP entry, and the core properties' modified date, with the current
    # time whatever we set: repack with fixed dates and the moment as the modified date.
    stamped = naive.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = [Member.from_bytes(info.filename, _modified_at(archive.read(info), stamped)
                                     if info.filename == "docProps/core.xml"
                                     else archive.read(info))
                   for info in archive.infolist()]
    return pack(members)


def _modified_at(core: bytes, stamped: bytes) -> bytes:
    start = core.find(b">", core.find(b"<dcterms:modified")) + 1
    end = core.find(b"</dcterms:modified>", start)
    return core[:start] + stamped + core[end:] if 0 < start <= end else core


def example_spec(profile: Profile, fmt: str, moment: dt.datetime) -> bytes:
    if fmt == "csv":
        return example_csv(profile).encode("utf-8")
    if fmt == "yaml":
        return example_yaml(profile).encode("utf-8")
    return example_xlsx(profile, moment)
