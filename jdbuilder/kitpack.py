"""The hiring kit in one go: the interview guide, screening matrix, assessment worksheet, ladder
and interviewer reference of one position, each made by the one core (pipeline.make_document),
bound as one PDF or packed as one .zip of any format.

With `per_member`, each committee member gets their own copy of the interview guide with their
name on it (in place of the unnamed copy); the other parts, the interviewer reference above all,
are printed once per panel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import INFO, InputError, Location, Problem
from .kinds import KIT_KINDS
from .markup import DocumentModel
from .org import Organization
from .outputs import default_stem, slugify
from .pipeline import DocumentRequest, MadeDocument, Pipeline, created_timestamp, make_document
from .positionfile import PositionFile
from .writers import SUFFIXES
from .zipout import Member, pack

KIT_FORMATS = ("pdf", "docx", "html", "md", "txt")  # what the parts of a .zip may be


@dataclass(frozen=True)
class KitRequest:
    specialization: str
    level: str
    fields: Mapping[str, str]
    position_file: PositionFile | None = None
    per_member: bool = False  # one interview guide per committee member, with their name
    origin: str | None = "--set"


@dataclass(frozen=True)
class Kit:
    parts: tuple[MadeDocument, ...]  # in the kit's order
    problems: tuple[Problem, ...]  # each said once, however many parts it touched
    title: str  # the position's working title
    members: tuple[str, ...]  # the committee's names, chair first


def make_kit(request: KitRequest, pipeline: Pipeline, fmt: str,
             organization: Organization | None = None) -> Kit:
    """Every part of the kit in `fmt` (docx when they are to be bound into one PDF)."""
    def make(kind: str, extra: Mapping[str, str] | None = None) -> MadeDocument:
        return make_document(DocumentRequest(kind, request.specialization, request.level,
                                             {**request.fields, **(extra or {})}, fmt,
                                             origin=request.origin,
                                             position_file=request.position_file),
                             pipeline, organization)

    # A band without specializations has no ladder: its position file describes one level.
    own_band = request.position_file is not None and not request.position_file.specialization
    parts = [make(kind) for kind in KIT_KINDS if not (own_band and kind == "ladder")]
    guide = parts[0]
    members = tuple(member["name"] for member in _context(guide).get("committee", []))
    if request.per_member:
        if not members:
            raise InputError("the committee names nobody; give --set committee=\"Name (Role); "
                             "Name (Role)\" or a position file's committee",
                             option="--per-member")
        # Each member's own copy takes the place of the unnamed one.
        parts[0:1] = [make("interview", {"panel_member": name}) for name in members]
    problems = _problems(parts)
    if own_band:
        assert request.position_file is not None
        problems += (Problem("ladder", INFO, "the kit has no career ladder: the band has no "
                             "specializations, and a position file describes one level; the "
                             "assessment worksheet shows every level's statements",
                             Location(file=request.position_file.source)),)
    return Kit(tuple(parts), problems, guide.title, members)


def _context(made: MadeDocument) -> dict:
    return (made.context or {}).get("position", {})


def _problems(parts: list[MadeDocument]) -> tuple[Problem, ...]:
    """The parts' problems, each once. A field one part does not show is not unused when
    another part of the kit shows it (the committee is on the guide, not the ladder)."""
    seen: dict[str, Problem] = {}
    for made in parts:
        for problem in made.problems:
            if problem.code == "unused-field":
                continue
            seen.setdefault(problem.line(), problem)
    return tuple(seen.values())


def bind_pdf(kit: Kit, pipeline: Pipeline) -> bytes:
    """The kit's .docx parts as one document, a section each (turned sideways where the part
    is), converted to one PDF: page numbers run through the whole kit."""
    from .writers.docx import load_reference, write_docx
    from .writers.pdf import convert_docx

    models = tuple(made.model for made in kit.parts if made.model is not None)
    first = models[0]
    book = DocumentModel(
        blocks=(), title=f"Hiring kit: {kit.title}", subject="Hiring Kit",
        keywords=(*first.keywords[:-1], "Hiring Kit"), author=first.author,
        description=first.description, language=first.language)
    created = created_timestamp()
    document = write_docx(book, load_reference(pipeline.reference_path), created, models)
    return (pipeline.convert_pdf or convert_docx)(document, created)


def pack_zip(kit: Kit) -> bytes:
    """The parts as one .zip, named by title and kind (and member, for their copies)."""
    members = []
    for made in kit.parts:
        name = made.filename
        member = _context(made).get("panel_member")
        if member:
            stem = default_stem(made.title, made.kind, made.position_number)
            name = f"{stem}-{slugify(member)}{SUFFIXES[made.format]}"
        members.append(Member.from_bytes(name, made.content))
    return pack(members)


def kit_stem(kit: Kit) -> str:
    return f"{slugify(kit.title)}-kit"
