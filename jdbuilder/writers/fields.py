"""A document as the fields of an applicant tracking system: each section as plain text and as
a small HTML fragment, plus the position's facts, in one JSON object.

Workday and PeopleAdmin take text per field (summary, duties, qualifications, ...) pasted into
their own editors, which want plain bullets; Oracle's bulk loader takes HTML per field. So each
field carries both: `text` (paragraphs apart by a blank line, list items as "• " lines) and
`html` using only p, ul, ol, li, a, strong and em. The sections are the document's own headings,
read from the same block model every writer reads, so a field holds exactly what the document
says there. A posting's benefits and pay-transparency statements are fields of their own, apart
from the hiring range and the EEO statement, since ATSs that add their own text keep them apart.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ERROR, InputError, Location, Problem
from ..kinds import KINDS
from ..markup import Cell, DocumentModel, Heading, ListBlock, Paragraph, Run, Table, plain_text

# A posting's headings -> the field an ATS has for them. Any other heading (a PD's, a template
# of the user's own) becomes a field named after it.
KNOWN_SECTIONS = {
    "about the role": "summary",
    "about the office": "about_office",
    "what you will do": "duties",
    "minimum qualifications": "minimum_qualifications",
    "preferred qualifications": "preferred_qualifications",
    "what success looks like": "success",
    "working conditions": "working_conditions",
    "pay and benefits": "pay",
    "pay": "pay",
    "benefits": "pay",
    "how to apply": "how_to_apply",
    "equal employment opportunity": "eeo",
    "pay transparency": "eeo",
}
# Parts of "Pay and benefits" and "Equal employment opportunity" that are the organization's
# standard statements, each its own field: (field id, label, the context key holding it).
STATEMENT_FIELDS = (("benefits", "Benefits", "benefits"),
                    ("pay_statement", "Pay transparency statement", "pay_transparency"))


@dataclass
class _Section:
    id: str
    label: str
    blocks: list[Paragraph | ListBlock | Table] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "section"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _sections(model: DocumentModel) -> list[_Section]:
    """The blocks after the first h2, grouped under their nearest heading. A heading with no
    text of its own ("What you bring", above its h3s) is no field."""
    sections: list[_Section] = []
    started = False
    for block in model.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                continue
            started = True
            label = plain_text(block.runs).strip()
            known = KNOWN_SECTIONS.get(label.casefold())
            section_id = known or _slug(label)
            taken = {section.id for section in sections}
            unique, number = section_id, 2
            while unique in taken:
                unique, number = f"{section_id}_{number}", number + 1
            sections.append(_Section(unique, label))
        elif started:
            sections[-1].blocks.append(block)
    return [section for section in sections if section.blocks]


def _split_statements(sections: list[_Section], organization: dict[str, Any]) -> list[_Section]:
    """'Pay and benefits' -> pay (the range), benefits; 'Equal employment opportunity' -> eeo and
    the pay transparency statement: each where the organization's own text stands."""
    result: list[_Section] = []
    for section in sections:
        if section.id not in ("pay", "eeo"):
            result.append(section)
            continue
        parts = {section_id: _Section(section_id, label) for section_id, label, _ in STATEMENT_FIELDS}
        rest = _Section(section.id, "Pay" if section.id == "pay" else section.label)
        for block in section.blocks:
            target = rest
            if isinstance(block, Paragraph):
                for section_id, _, key in STATEMENT_FIELDS:
                    statement = organization.get(key)
                    if statement and _same(plain_text(block.runs), statement):
                        target = parts[section_id]
            target.blocks.append(block)
        result.extend(part for part in (rest, *parts.values()) if part.blocks)
    return result


def _run_html(run: Run) -> str:
    text = html.escape(run.text, quote=False)
    if run.bold and text.strip():
        text = f"<strong>{text}</strong>"
    if run.italic and text.strip():
        text = f"<em>{text}</em>"
    if run.href and text.strip():
        text = f'<a href="{html.escape(run.href)}">{text}</a>'
    return (" " if run.line_break else "") + text


def _runs_html(runs: tuple[Run, ...]) -> str:
    return "".join(_run_html(run) for run in runs).strip()


def _runs_text(runs: tuple[Run, ...]) -> str:
    return " ".join(plain_text(runs).split())


def _cell_pair(row: tuple[Cell, ...]) -> tuple[str, str]:
    return _runs_text(row[0].all_runs), " ".join(_runs_text(cell.all_runs) for cell in row[1:])


def _block_text(block: Paragraph | ListBlock | Table) -> str:
    if isinstance(block, Paragraph):
        return _runs_text(block.runs)
    if isinstance(block, ListBlock):
        return "\n".join(f"{n}. {_runs_text(item)}" if block.ordered else f"• {_runs_text(item)}"
                         for n, item in enumerate(block.items, 1))
    return "\n".join(": ".join(filter(None, _cell_pair(row))) for row in block.rows)


def _block_html(block: Paragraph | ListBlock | Table) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_runs_html(block.runs)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_runs_html(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    # An ATS field has no tables: a table's rows become a list, "Label: value".
    items = "".join(f"<li>{html.escape(': '.join(filter(None, _cell_pair(row))), quote=False)}"
                    "</li>" for row in block.rows)
    return f"<ul>{items}</ul>"


def _facts(context: dict[str, Any]) -> dict[str, Any]:
    position, role, organization = context["position"], context["role"], context["organization"]
    salary = context.get("salary")
    facts: dict[str, Any] = {
        "title": role["title"],
        "organization": organization["name"],
        "department": position["department"],
        "position_number": position["position_number"],
        "location": position["location"],
        "remote": position["remote"],
        "employment_type": position["employment_type_id"],
        "appointment_type": position["appointment_type"],
        "flsa": role["flsa"],
        "salary": ({"min": salary["min"], "max": salary["max"], "currency": salary["currency"],
                    "period": salary["period"], "text": salary["text"]} if salary else None),
        "posted": position["posted"],
        "closes": position["closes"],
        "apply_url": organization["apply_url"],
    }
    occupation = context.get("occupation")
    if occupation:
        facts["occupation"] = {"code": occupation["code"], "title": occupation["title"],
                               "code_set": "O*NET-SOC 2019"}
    return facts


def ats_fields(model: DocumentModel, context: dict[str, Any]) -> dict[str, Any]:
    if not KINDS[context["kind"]].ats_fields:
        raise InputError(Problem("input", ERROR, "fields are made of postings and position "
                                 f"descriptions; a {KINDS[context['kind']].label.lower()} is a "
                                 "form: choose docx, pdf, html, md or txt",
                                 Location(option="--format")))
    sections = _sections(model)
    if context["kind"] == "posting":
        sections = _split_statements(sections, context["organization"])
    return {
        "kind": context["kind"],
        "title": context["role"]["title"],
        "facts": _facts(context),
        "fields": {section.id: {"label": section.label,
                                "text": "\n\n".join(_block_text(block) for block in section.blocks),
                                "html": "".join(_block_html(block) for block in section.blocks)}
                   for section in sections},
    }


def write_fields(model: DocumentModel, context: dict[str, Any]) -> str:
    return json.dumps(ats_fields(model, context), indent=2, ensure_ascii=False) + "\n"
