"""The core: the one way a document is made and written.

request -> compose -> render -> parse -> write (bytes) -> findings -> gate -> atomic write.
`make_document` does everything up to the bytes and the problems, touching no file;
`refusal` is the one gate deciding whether those problems stop the document; `write_document`
writes it atomically. `posting`, `description`, `build` and the web page all call these.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .clock import build_date, created_timestamp
from .compose import MADE_GENERAL, Composed, Request, compose
from .errors import ERROR, SEVERITIES, WARNING, InputError, Location, Problem, TemplateError
from .kinds import KINDS, kind_title
from .markup import DocumentModel, parse_markup
from .org import DEFAULT_ORG_FILE, Organization, load_organization
from .outputs import Target, default_stem, write_target
from .position import Position, parse_position
from .positionfile import PositionFile
from .profile import Profile, load_profile
from .render import Renderer, resolve_templates_dir
from .resources import builtin_profile_dir, builtin_templates_dir
from .writers import FORMATS, REGISTRY, SUFFIXES, WriteJob

if TYPE_CHECKING:
    from .checks.findings import CheckContext, Report

REFERENCE_NAME = "reference.docx"
BLOCKING = (ERROR, WARNING)  # what --strict refuses to write with
# Warnings --strict lets pass: which sections were made general for an employer under other
# rules is for the person to read, and no input clears it (the text is the employer's to add),
# so refusing it would refuse every document for an employer outside the profile's state.
NOT_REFUSED = frozenset({MADE_GENERAL})
_CHECK_CONTEXTS_KEPT = 256  # organizations x locations; a spec rarely has more


@dataclass(frozen=True)
class Sources:
    """Where data, templates and the look come from; None means the built-in default."""

    profile_dir: Path | None = None
    templates_dir: Path | None = None
    reference_docx: Path | None = None
    # False when specs come from a web client: an `org:` file name in one is refused, so no
    # path a client sends ever reaches the server's file system.
    org_files: bool = True
    # The organization used when none is named (`serve --org FILE`): laid over the profile's
    # own organization.yaml like any --org file.
    org_file: Path | None = None


@dataclass(frozen=True)
class DocumentRequest:
    """One document as a user asks for it: fields are text, as typed (`--set`, a form)."""

    kind: str
    specialization: str
    level: str
    fields: Mapping[str, str] = field(default_factory=dict)
    format: str = "docx"
    origin: str | None = None  # how the fields were given ("--set"), to name them in errors
    # A position file (--position, an upload): its specialization, level, fields and content;
    # `fields` given as well win over its fields.
    position_file: PositionFile | None = None


@dataclass(frozen=True)
class MadeDocument:
    kind: str
    format: str | None  # None: made to be looked at (a preview, a check), not written
    content: bytes
    title: str
    # What the commands print: input warnings, then the quality findings at BLOCKING severity
    # that are not silenced (a finding supersedes the input warning about the same gap).
    problems: tuple[Problem, ...] = ()
    model: DocumentModel | None = field(default=None, repr=False, compare=False)
    position_number: str | None = None
    # Every quality finding (information and silenced ones too) and the figures behind them;
    # None when the kind is not quality-checked (the table of kinds) or checks were turned off.
    report: Report | None = field(default=None, compare=False)
    inputs: tuple[Problem, ...] = ()  # the input warnings alone
    context: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    def advice(self, fixed_by: Mapping[str, str] | None = None) -> tuple[Problem, ...]:
        """Every problem worth showing beside the document (the web preview): input warnings
        and every quality finding not silenced, information included, worst first; `fixed_by`
        names the input field that fixes a finding, by the finding's code."""
        order = {severity: index for index, severity in enumerate(SEVERITIES)}
        problems = _combined(self.inputs, self.report, SEVERITIES, fixed_by or {})
        return tuple(sorted(problems, key=lambda problem: order[problem.severity]))

    @property
    def filename(self) -> str:
        """The suggested file name: the working title, and the position number when given."""
        return default_stem(self.title, self.kind, self.position_number) + SUFFIXES[self.format]


class PipelineFactory(Protocol):
    """Makes the pipeline a command or a server works with, from its sources. `Pipeline`
    itself is one; a program running many commands in one process (the test suite) passes its
    own to the shells (click's `obj`, create_app's `make_pipeline`) to hand out folders it has
    already loaded instead of loading them for every command."""

    def __call__(self, sources: Sources, *,
                 convert_pdf: Callable[[bytes, dt.datetime], bytes] | None = None) -> Pipeline:
        ...


class Pipeline:
    """Holds what is loaded once (profile, templates, reference document) for many documents."""

    def __init__(self, sources: Sources | None = None, profile: Profile | None = None,
                 convert_pdf: Callable[[bytes, dt.datetime], bytes] | None = None, *,
                 renderer: Renderer | None = None) -> None:
        """`profile` and `renderer`, when given, are the sources' own, already loaded (a build's
        workers share the parent's; a caller making many pipelines loads each folder once)."""
        self.sources = sources or Sources()
        # .docx -> PDF; None: LibreOffice started per document (a server keeps one warm).
        self.convert_pdf = convert_pdf
        # A band without specializations (an imported one) makes documents from position files.
        self.profile = profile or load_profile(self.sources.profile_dir)
        self.templates_dir = resolve_templates_dir(self.sources.templates_dir)
        if renderer is not None and renderer.user_dir != self.templates_dir:
            raise ValueError(f"the renderer reads {renderer.user_dir or 'the built-in templates'}"
                             f", not {self.templates_dir or 'the built-in templates'}")
        self.renderer = renderer or Renderer(self.templates_dir)
        self._organizations: dict[Path | None, Organization] = {}
        # The organization used when none is named, in place of the sources' (with_organization).
        self._preset_organization: Organization | None = None
        self._reference_checked = False
        self._reference_findings: tuple[Problem, ...] | None = None
        self._check_contexts: dict[tuple[Organization, str], CheckContext] = {}

    @property
    def reference_path(self) -> Path:
        if self.sources.reference_docx:
            path = Path(self.sources.reference_docx)
            if not path.is_file():
                raise TemplateError("reference document not found", option="--reference-docx",
                                    value=path)
            return path
        if self.templates_dir and (self.templates_dir / REFERENCE_NAME).is_file():
            return self.templates_dir / REFERENCE_NAME
        return builtin_templates_dir() / REFERENCE_NAME

    def check_reference(self) -> None:
        """Refuse a reference document lacking a style every document needs, once, before any
        work: a bulk build then fails up front rather than once per document."""
        if self._reference_checked:
            return
        from .writers.docx import REQUIRED_STYLES, load_reference, missing_styles_problem

        reference = load_reference(self.reference_path)
        missing = reference.missing_styles(set(REQUIRED_STYLES))
        if missing:
            raise InputError(missing_styles_problem(reference.path, missing))
        self._reference_checked = True

    def reference_warnings(self) -> tuple[Problem, ...]:
        """The reference document's own accessibility, checked once when it is loaded: a
        Title, Subtitle or Heading style too pale to read, an image in its header or footer
        without alt text. Said with every document made from it, naming each style."""
        if self._reference_findings is None:
            from .checks.accessibility import reference_findings

            found = reference_findings(self.reference_path.read_bytes())
            self._reference_findings = tuple(
                finding.at(file=str(self.reference_path)) for finding in found)
        return self._reference_findings

    def organization(self, org_file: Path | None = None) -> Organization:
        """--org FILE (or the sources' org_file) merged over the profile's organization.yaml
        (its EEO, benefits and pay-transparency text stay unless the file replaces them), else
        that file alone."""
        if org_file is None and self._preset_organization is not None:
            return self._preset_organization
        chosen = org_file or self.sources.org_file
        key = Path(chosen) if chosen else None
        if key is None and not (self.profile.directory / DEFAULT_ORG_FILE).is_file():
            # A band folder of its own (one `band import` wrote) names no employer: the
            # documents name only the one an organization file gives.
            raise InputError(
                f"has no {DEFAULT_ORG_FILE}, so the documents have no employer to name; give "
                f"--org FILE (`jdbuilder init` writes one) or put your {DEFAULT_ORG_FILE} in "
                "that folder", file=self.profile.directory)
        if key not in self._organizations:
            self._organizations[key] = load_organization(key, self.profile.directory,
                                                         self.base_organization())
        return self._organizations[key]

    def with_organization(self, organization: Organization) -> Pipeline:
        """This pipeline with `organization` used wherever none is named (the web page's
        organization fields over the server's, for one spec): profile, templates and the
        loaded organizations are shared, nothing is loaded again."""
        chosen = copy.copy(self)
        chosen._preset_organization = organization
        return chosen

    def base_organization(self) -> Organization | None:
        """The profile's own organization; for a folder without organization.yaml (an
        imported band) the built-in profile's, which an organization file is laid over as
        usual (its statements true only in the UNC System are then left out unless the file
        says `system: UNC System`)."""
        if None not in self._organizations:
            folder = self.profile.directory
            if not (folder / DEFAULT_ORG_FILE).is_file():
                folder = builtin_profile_dir()
            self._organizations[None] = load_organization(None, folder)
        return self._organizations[None]

    def check_context(self, organization: Organization, location: str = "") -> CheckContext:
        """What the checks know about a document made here: the band's vocabulary, the
        organization's statements and silences, the opening's location. Kept per organization
        and location, since a bulk build asks for the same one row after row."""
        key = (organization, location)
        if key not in self._check_contexts:
            from .checks import CheckContext

            if len(self._check_contexts) >= _CHECK_CONTEXTS_KEPT:
                self._check_contexts.clear()
            self._check_contexts[key] = CheckContext.from_profile(self.profile, organization,
                                                                  location)
        return self._check_contexts[key]

    def compose(self, request: Request, organization: Organization) -> Composed:
        return compose(self.profile, request, organization)

    def model(self, composed: Composed) -> DocumentModel:
        context = composed.context
        markup, source = self.renderer.render(context["kind"], context)
        blocks = parse_markup(markup, source)
        spec = composed.specialization
        title = context.get("document_title") or context["role"]["title"]
        return DocumentModel(
            blocks=blocks,
            title=kind_title(context["kind"], context["kind_label"], title),
            running_title=title,
            subject=context["kind_label"],
            keywords=(self.profile.title, context["level"]["name"], spec.name,
                      context["kind_label"]),
            author=context["organization"]["name"],
            description=context["role"]["summary" if context["kind"] == "posting" else "purpose"],
            landscape=KINDS[context["kind"]].landscape,
        )

    def build(self, request: Request, fmt: str | None = "docx",
              organization: Organization | None = None) -> MadeDocument:
        """The document's bytes (none when `fmt` is None) and its input warnings; no quality
        checks, no files."""
        if fmt is not None and fmt not in FORMATS:
            raise InputError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
        composed = self.compose(request, organization or self.organization())
        model = self.model(composed)
        content = self.write(model, composed, fmt) if fmt is not None else b""
        warnings = composed.warnings
        if fmt in ("docx", "pdf"):
            from .writers.docx import load_reference

            warnings += load_reference(self.reference_path).warnings + self.reference_warnings()
        return MadeDocument(request.kind, fmt, content, model.running_title, warnings, model,
                            request.position.position_number, inputs=warnings,
                            context=composed.context)

    def write(self, model: DocumentModel, composed: Composed, fmt: str) -> bytes:
        job = WriteJob(composed.context, created_timestamp(), build_date(), self._reference,
                       self.convert_pdf)
        return REGISTRY[fmt].write(model, job)

    def _reference(self):
        from .writers.docx import load_reference

        return load_reference(self.reference_path)


# ---------------------------------------------------------------------------------------------
# The seam: make, gate, write


def parse_request(request: DocumentRequest) -> Request:
    """The typed fields validated; a typed `key=` with nothing after it is refused."""
    def where(key: str) -> Location:
        return Location(option=f"{request.origin} {key}") if request.origin else Location(field=key)

    position = parse_position(request.fields, where, empty_means_unset=False)
    tailored = request.position_file
    if tailored is None:
        return Request(request.kind, request.specialization, request.level, position)
    return position_request(request.kind, tailored, position, set(request.fields),
                            request.specialization, request.level)


def position_request(kind: str, tailored: PositionFile, overrides: Position | None = None,
                     overridden: set[str] | frozenset[str] = frozenset(),
                     specialization: str = "", level: str = "") -> Request:
    """A request for a document of a position file; the `overridden` fields of `overrides`
    (typed with --set) win over the file's. A specialization or level given besides the file
    must agree with it: two answers to one question would be a silent choice."""
    for option, given, own in (("specialization", specialization, tailored.specialization),
                               ("level", level, tailored.level)):
        if given and given != own:
            raise InputError(Problem("input", ERROR, f"is {given}, but the position file says "
                                     f"{own}; leave it out or change the file",
                                     Location(option=f"--{option}")))
    fields = tailored.fields
    if overrides is not None and overridden:
        fields = replace(fields, **{key: getattr(overrides, key) for key in overridden})
    return Request(kind, tailored.specialization, tailored.level, fields, tailored)


def make_document(request: DocumentRequest, pipeline: Pipeline,
                  organization: Organization | None = None, *, quality_checks: bool = True
                  ) -> MadeDocument:
    """Make one document in memory: its bytes, suggested name and every problem (input
    warnings and quality findings alike). Writes nothing."""
    return make_parsed(parse_request(request), request.format, pipeline, organization,
                       quality_checks=quality_checks)


def make_parsed(request: Request, fmt: str | None, pipeline: Pipeline,
                organization: Organization | None = None, *, quality_checks: bool = True
                ) -> MadeDocument:
    """make_document for a request whose fields are already validated (a spec's rows). With
    `fmt` None nothing is written, not even to bytes: the document is made to be looked at
    (the web preview, `check` on a spec). The kind's quality checks are the table of kinds'."""
    organization = organization or pipeline.organization()
    if fmt in REGISTRY and REGISTRY[fmt].uses_reference:
        pipeline.check_reference()
    made = pipeline.build(request, fmt, organization)
    if not quality_checks or not KINDS[made.kind].checked or made.model is None:
        return made
    from .checks import check_document

    location = request.position.location or ""
    report = check_document(made.model, pipeline.check_context(organization, location), made.kind)
    return replace(made, problems=_combined(made.inputs, report, BLOCKING, {}), report=report)


def _combined(inputs: tuple[Problem, ...], report: Report | None, severities: tuple[str, ...],
              fixed_by: Mapping[str, str]) -> tuple[Problem, ...]:
    """The input warnings, then the report's findings of `severities` that are not silenced.
    A check that reports a gap supersedes the input warning about the same gap (the input
    warning's code is the check's name or the finding's own code); every finding is kept, so a
    command says all that `check` says about the same document."""
    if report is None:
        return inputs
    found = [finding for finding in report.findings
             if finding.severity in severities and not finding.silenced]
    codes = {finding.code for finding in found} | {finding.name for finding in found}
    return (tuple(problem for problem in inputs if problem.code not in codes)
            + tuple(finding.at(field=fixed_by.get(finding.name)) for finding in found))


def refusal(made: MadeDocument, strict: bool) -> Problem | None:
    """The gate: why a document must not be written, or None. A made document's problems are
    advice (invalid input never gets this far: it raises); `strict` turns every error- and
    warning-level one into a refusal: the input warnings of every kind (but NOT_REFUSED), and
    the quality findings of a kind the table of kinds lets them refuse (a posting's)."""
    problems = made.problems if KINDS[made.kind].strict else made.inputs
    blocking = [problem for problem in problems
                if problem.severity in BLOCKING and problem.code not in NOT_REFUSED]
    if not strict or not blocking:
        return None
    codes = ", ".join(sorted({problem.code for problem in blocking}))
    return Problem("strict", ERROR, f"quality findings ({codes}); nothing was written "
                   "(`jdbuilder check` explains each)", Location(option="--strict"))


# The findings that say a posting lacks what a law at its location requires (a pay range, a
# benefits description, a closing date): the document is written, but not publishable.
LAW_REQUIRES = "pay-transparency"


def unpublishable(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """What a law at the posting's location requires and the posting lacks."""
    return tuple(problem for problem in problems
                 if problem.code == LAW_REQUIRES and problem.severity == ERROR)


def write_document(made: MadeDocument, target: Target, force: bool = False) -> Path | None:
    """Write atomically where `target` says (a file, a folder under the suggested name, or
    standard output); returns the path written, None for standard output."""
    return write_target(made.content, made.filename, target, force)


def build_document(kind: str, specialization: str, level: str, *, fmt: str = "docx",
                   fields: Mapping[str, object] | None = None, org_file: Path | None = None,
                   sources: Sources | None = None) -> MadeDocument:
    """Make one document from Python, e.g.
    `build_document("posting", "admissions", "journey", fields={"salary_min": 45000})`."""
    pipeline = Pipeline(sources)
    typed = {key: str(value) for key, value in (fields or {}).items() if value is not None}
    return make_document(DocumentRequest(kind, specialization, level, typed, fmt), pipeline,
                         pipeline.organization(org_file))
