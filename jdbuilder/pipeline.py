"""The one way a document is built: profile -> compose -> template -> markup -> writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .compose import Composed, Request, build_date, compose, source_date
from .errors import InputError, TemplateError
from .markup import DocumentModel, parse_markup
from .naming import default_stem
from .org import Organization, load_organization
from .position import Position, parse_position
from .profile import Profile, load_profile
from .render import Renderer, resolve_templates_dir
from .resources import builtin_templates_dir
from .writers import FORMATS, SUFFIXES

REFERENCE_NAME = "reference.docx"
_FIXED_CREATED = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Sources:
    """Where data, templates and the look come from; None means the built-in default."""

    profile_dir: Path | None = None
    templates_dir: Path | None = None
    reference_docx: Path | None = None


@dataclass(frozen=True)
class BuiltDocument:
    kind: str
    format: str
    content: bytes
    title: str
    warnings: tuple[str, ...] = ()
    model: DocumentModel | None = field(default=None, repr=False, compare=False)

    @property
    def default_filename(self) -> str:
        return default_stem(self.title, self.kind) + SUFFIXES[self.format]


def created_timestamp() -> dt.datetime:
    """Document dates: SOURCE_DATE_EPOCH when set, else one fixed moment (byte-identical output)."""
    return source_date() or _FIXED_CREATED


class Pipeline:
    """Holds what is loaded once (profile, templates, reference document) for many documents."""

    def __init__(self, sources: Sources | None = None, profile: Profile | None = None) -> None:
        self.sources = sources or Sources()
        self.profile = profile or load_profile(self.sources.profile_dir)
        self.templates_dir = resolve_templates_dir(self.sources.templates_dir)
        self.renderer = Renderer(self.templates_dir)
        self._organizations: dict[Path | None, Organization] = {}

    @property
    def reference_path(self) -> Path:
        if self.sources.reference_docx:
            path = Path(self.sources.reference_docx)
            if not path.is_file():
                raise TemplateError(f"{path}: reference document not found (--reference-docx)")
            return path
        if self.templates_dir and (self.templates_dir / REFERENCE_NAME).is_file():
            return self.templates_dir / REFERENCE_NAME
        return builtin_templates_dir() / REFERENCE_NAME

    def check_reference(self) -> None:
        """Load the reference document and refuse it now if it lacks a style every document
        needs, so a bulk build fails before writing anything rather than once per document."""
        from .writers.docx import REQUIRED_STYLES, load_reference, missing_styles_message

        reference = load_reference(self.reference_path)
        missing = reference.missing_styles(set(REQUIRED_STYLES))
        if missing:
            raise TemplateError(missing_styles_message(reference.path, missing))

    def organization(self, org_file: Path | None = None) -> Organization:
        key = Path(org_file) if org_file else None
        if key not in self._organizations:
            self._organizations[key] = load_organization(key, self.profile.directory)
        return self._organizations[key]

    def compose(self, request: Request, organization: Organization) -> Composed:
        return compose(self.profile, request, organization)

    def model(self, composed: Composed) -> DocumentModel:
        context = composed.context
        markup, source = self.renderer.render(context["kind"], context)
        blocks = parse_markup(markup, source)
        spec = composed.specialization
        return DocumentModel(
            blocks=blocks,
            title=context["role"]["title"],
            subject=context["kind_label"],
            keywords=(self.profile.title, context["level"]["name"], spec.name,
                      context["kind_label"]),
            author=context["organization"]["name"],
            description=context["role"]["summary" if context["kind"] == "posting" else "purpose"],
        )

    def build(self, request: Request, fmt: str = "docx", organization: Organization | None = None
              ) -> BuiltDocument:
        if fmt not in FORMATS:
            raise InputError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
        composed = self.compose(request, organization or self.organization())
        model = self.model(composed)
        content = self.write(model, composed, fmt)
        return BuiltDocument(request.kind, fmt, content, model.title, composed.warnings, model)

    def write(self, model: DocumentModel, composed: Composed, fmt: str) -> bytes:
        if fmt == "docx":
            from .writers.docx import load_reference, write_docx

            return write_docx(model, load_reference(self.reference_path), created_timestamp())
        if fmt == "html":
            from .writers.html import write_html

            json_ld = None
            if composed.context["kind"] == "posting" and composed.context["address"]["country"]:
                from .writers.jsonld import write_jsonld

                json_ld = write_jsonld(model, composed.context, build_date())
            return write_html(model, json_ld).encode("utf-8")
        if fmt == "md":
            from .writers.markdown import write_markdown

            return write_markdown(model).encode("utf-8")
        if fmt == "txt":
            from .writers.text import write_text

            return write_text(model).encode("utf-8")
        from .writers.jsonld import write_jsonld

        return write_jsonld(model, composed.context, build_date()).encode("utf-8")


def build_document(kind: str, specialization: str, level: str, *, fmt: str = "docx",
                   fields: Mapping[str, object] | None = None, org_file: Path | None = None,
                   sources: Sources | None = None) -> BuiltDocument:
    """Build one document from Python, e.g.
    `build_document("posting", "admissions", "journey", fields={"salary_min": 45000})`."""
    position = parse_position(fields or {}) if fields else Position()
    pipeline = Pipeline(sources)
    return pipeline.build(Request(kind, specialization, level, position), fmt,
                          pipeline.organization(org_file))
