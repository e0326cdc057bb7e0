"""Click commands only: parse options, call the core, print. No document logic lives here."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import ERROR, INFO, InputError, JdbuilderError, Problem, QualityRefusal
from .kinds import DOCUMENT_KINDS, KINDS
from .writers import FORMATS

MAX_JOBS = 64
if TYPE_CHECKING:
    from .pipeline import Pipeline, PipelineFactory, Sources

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_INTERRUPTED = 130  # the shell's convention for a command stopped by Ctrl-C


class OneLineErrors(click.Group):
    """Every error, usage errors included, is one line starting `Error:`: Click would print the
    usage block first, which buries the one line that says what to fix."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra: Any):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            # `jdbuilder` or `jdbuilder templates` alone: the help, as asked, not an error.
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} -h')" if exc.ctx else ""
            message = " ".join(exc.format_message().split())  # Click wraps some lists
            click.echo(f"Error: {message}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted: stopped before finishing; what was written is complete.",
                       err=True)
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            _stdout_failed(exc)
        try:
            if sys.stdout is not None:  # None: started with standard output closed
                sys.stdout.flush()
        except OSError as exc:  # a full disk or closed pipe seen only at the final flush
            _stdout_failed(exc)
        sys.exit(result if isinstance(result, int) else 0)


# Writing to standard output fails these ways when it is a full disk (>/dev/full), a closed
# pipe (| head) or a closed descriptor (>&-).
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT}


def _stdout_failed(exc: OSError) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # Nothing more may reach the broken stream, not even Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    click.echo(f"Error: standard output: cannot write ({exc.strerror or exc})", err=True)
    sys.exit(2)


@dataclass
class App:
    """What the group options chose; the pipeline is created on first use."""

    profile_dir: Path | None = None
    templates_dir: Path | None = None
    reference_docx: Path | None = None
    verbosity: int = 0  # -1 with --quiet (errors only), 1 with --verbose
    make_pipeline: PipelineFactory | None = None  # None: Pipeline, loading the folders afresh
    _pipeline: Any = field(default=None, repr=False)

    def say(self, text: str, err: bool = False) -> None:
        """What the tool did (Wrote ..., notes, warnings): not with --quiet."""
        if self.verbosity >= 0:
            click.echo(text, err=err)

    def detail(self, text: str) -> None:
        """Where things came from: only with --verbose, on standard error."""
        if self.verbosity > 0:
            click.echo(text, err=True)

    @property
    def sources(self) -> Sources:
        from .pipeline import Sources

        return Sources(self.profile_dir, self.templates_dir, self.reference_docx)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from .pipeline import Pipeline

            self._pipeline = (self.make_pipeline or Pipeline)(self.sources)
        return self._pipeline


def _app(ctx: click.Context | None = None) -> App:
    ctx = ctx or click.get_current_context()
    app = ctx.find_object(App)
    if app is None:  # a subcommand invoked on its own, as in some tests
        app = App(make_pipeline=_given_factory(ctx.find_root().obj))
        ctx.obj = app
    return app


def _given_factory(obj: object) -> PipelineFactory | None:
    """The pipeline factory a caller passed as click's `obj` (`main(args, obj=factory)`), if
    any: every command then gets its pipeline from it."""
    return obj if callable(obj) else None  # type: ignore[return-value]


class ProfileChoice(click.ParamType):
    """A specialization or level given by id, name or alias (any case, space/-/_ alike)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.name = kind

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> str:
        from .profile import UnknownChoice, normalise_choice

        profile = _app(ctx).pipeline.profile
        try:
            found = (profile.specialization(value) if self.kind == "specialization"
                     else profile.level(value))
        except UnknownChoice as exc:
            raise InputError(str(exc), option=f"--{self.kind}") from None
        if self.kind == "level" and normalise_choice(value) not in {
                normalise_choice(found.id), normalise_choice(found.name)}:
            # A working title: the core checks it is the chosen specialization's own, which
            # -s, perhaps not parsed yet, cannot tell here.
            return value
        return found.id

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str):
        from click.shell_completion import CompletionItem

        try:
            profile = _app(ctx).pipeline.profile
        except JdbuilderError:
            return []
        items = profile.specializations if self.kind == "specialization" else profile.levels
        return [CompletionItem(item.id, help=item.name) for item in items
                if item.id.startswith(incomplete.lower())]


def choice_options(function, level_required: bool = True, position: bool = False):
    """-s and -l. With `position`, --position FILE may answer both, so Click does not require
    them; `required_choices` then does."""
    level_help = ("Competency level: contributing, journey or advanced." if level_required else
                  "Competency level to mark as this position's (default: none, all alike).")
    if position:
        level_help += " Not needed with --position."
    # No default at all when required: Click 8.4 counts an explicit default=None as given.
    optional = {} if level_required and not position else {"default": None}
    function = click.option("-l", "--level", required=level_required and not position,
                            type=ProfileChoice("level"), help=level_help, **optional)(function)
    extra = " Not needed with --position." if position else ""
    return click.option("-s", "--specialization", required=not position,
                        type=ProfileChoice("specialization"), default=None,
                        help="Specialization by id, name or alias (e.g. 'Financial Aid')."
                             + extra)(function)


def position_option(function):
    return click.option("--position", "position_path", default=None, metavar="FILE",
                        type=click.Path(path_type=Path, dir_okay=False),
                        help="A position file (`jdbuilder position new` writes one): its "
                             "specialization, level, title, duties and people.")(function)


def required_choices(specialization: str | None, level: str | None, position_path: Path | None,
                     level_required: bool = True) -> None:
    """Click's own 'Missing option' error, for -s and -l made optional by --position."""
    if position_path is not None:
        return
    if not specialization:
        raise click.UsageError("Missing option '-s' / '--specialization' (or give --position "
                               "FILE).")
    if level_required and not level:
        raise click.UsageError("Missing option '-l' / '--level' (or give --position FILE).")


def load_position(position_path: Path | None):
    """The position file --position names, validated, or None."""
    if position_path is None:
        return None
    from .positionfile import read_position_file

    return read_position_file(position_path, _app().pipeline.profile)


@click.group(cls=OneLineErrors, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="jdbuilder")
@click.option("--profile-dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              envvar="JDBUILDER_PROFILE_DIR", show_envvar=True,
              help="Your own profile folder (same layout as the built-in one).")
@click.option("--templates", "templates_dir",
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              envvar="JDBUILDER_TEMPLATES", show_envvar=True,
              help="Folder of your own templates; missing kinds fall back to the built-in ones.")
@click.option("--reference-docx", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A .docx whose styles, page setup, header and footer give the look.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also say which profile, templates, look and organization were used.")
@click.pass_context
def main(ctx: click.Context, profile_dir: Path | None, templates_dir: Path | None,
         reference_docx: Path | None, quiet: bool, verbose: bool) -> None:
    """Turn the Student Services Specialist competency profile into job postings, position
    descriptions and a hiring kit (interview guide, screening matrix, assessment, ladder).

    \b
    Examples:
      jdbuilder list specializations
      jdbuilder show -s "Financial Aid" -l journey
      jdbuilder posting -s admissions -l journey --set salary_min=45000 --set salary_max=52000
      jdbuilder description -s reslife -l advanced -o pd.docx
      jdbuilder init                       # your organization's name, place and apply link

    \b
    Exit codes: 0 done; 1 some documents failed or --strict refused one; 2 a usage or input
    error (nothing written); 130 stopped with Ctrl-C.
    """
    if quiet and verbose:
        raise click.UsageError("give -q/--quiet or -v/--verbose, not both: they contradict "
                               "each other")
    ctx.obj = App(profile_dir, templates_dir, reference_docx, -1 if quiet else int(verbose),
                  _given_factory(ctx.obj))


def _say_problem(problem: Problem, prefix: str = "") -> None:
    """A warning or note about the input, on standard error, one line; not with --quiet."""
    # "Error:" is kept for what stops the command; an error-level finding in a written
    # document is a warning that must be acted on before the document is published.
    label = {INFO: "Note: ", ERROR: "Warning: must fix before publishing: "}.get(
        problem.severity, "Warning: ")
    _app().say(f"{label}{prefix}{problem.line()}", err=True)


def _report_sources(pipeline: Pipeline, org_label: str) -> None:
    app = _app()
    app.detail(f"Profile: {pipeline.profile.directory}")
    app.detail(f"Templates: {pipeline.templates_dir or 'built-in'}")
    app.detail(f"Look: {pipeline.reference_path}")
    app.detail(f"Organization: {org_label}")


# ---------------------------------------------------------------------------------------------
# list / show


@main.command("list")
@click.argument("what", type=click.Choice(["specializations", "levels", "competencies"]))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_command(what: str, as_json: bool) -> None:
    """List the specializations, levels or competencies of the profile.

    \b
    Examples:
      jdbuilder list specializations
      jdbuilder list competencies --json
    """
    from .listing import listing_json, listing_rows

    profile = _app().pipeline.profile
    if as_json:
        click.echo(json.dumps(listing_json(profile, what), indent=2, ensure_ascii=False))
    else:
        click.echo(listing_rows(profile, what))


@main.command("show")
@position_option
@click.pass_context
def show_command(ctx: click.Context, specialization: str | None, level: str | None,
                 position_path: Path | None) -> None:
    """Print everything the profile says about one specialization at one level, or about
    your position (--position FILE).

    \b
    Examples:
      jdbuilder show -s "Financial Aid" -l journey
      jdbuilder show --position rlc.yaml
    """
    from .compose import Request
    from .pipeline import position_request

    required_choices(specialization, level, position_path)
    pipeline = _app().pipeline
    position = load_position(position_path)
    if position is not None:
        for note in position.notes:
            _say_problem(note)
        request = position_request("summary", position, specialization=specialization or "",
                                   level=level or "")
    else:
        request = Request("summary", specialization, level)
    # The summary names no employer; a band folder of its own has none to name.
    built = pipeline.build(request, "txt", pipeline.base_organization())
    click.echo(built.content.decode("utf-8"), nl=False)


show_command = choice_options(show_command, position=True)


# ---------------------------------------------------------------------------------------------
# posting / description


def document_options(kind: str):
    # A kind is offered only what does something for it (the table of kinds): --strict where
    # its quality findings may refuse it, JSON-LD where it is a JobPosting.
    entry = KINDS[kind]
    level_required = entry.needs_level
    formats = [fmt for fmt in FORMATS if (fmt != "jsonld" or entry.jsonld)
               and (fmt != "fields" or entry.ats_fields)]

    def decorate(function):
        options = [
            click.option("-o", "--output", type=str, default=None,
                         help="Output file, or '-' for standard output. Default: a name made "
                              "from the working title, in the current folder."),
            click.option("--format", "fmt", type=click.Choice(formats), default=None,
                         help="Output format. Default: from the output's suffix; txt for -o -; "
                              "else docx."),
            click.option("--org", "org_file",
                         type=click.Path(path_type=Path, dir_okay=False, exists=True),
                         help="Organization file (`jdbuilder init` writes one); what it leaves "
                              "out comes from the built-in one."),
            click.option("--org-name", default=None, metavar="NAME",
                         help="The organization's name (wins over --org's). Another name than "
                              "the built-in organization's is another employer: in no system "
                              "and not public unless --system or --public-employer says so."),
            click.option("--system", default=None, metavar="NAME",
                         help="The university system whose policy binds the employer, e.g. "
                              "'UNC System'; 'none' for none (wins over --org's system:)."),
            click.option("--public-employer/--private-employer", "public_employer",
                         default=None,
                         help="A public agency (only it may give compensatory time off "
                              "instead of overtime pay), or not (wins over --org's)."),
            click.option("--apply", "apply", default=None, metavar="URL|TEXT",
                         help="How to apply: a link (https://...) or instructions (wins over "
                              "--org's)."),
            click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
                         help="Set a field, e.g. --set salary_min=45000 (repeatable; "
                              "`jdbuilder fields` lists them)."),
            click.option("--force", is_flag=True, help="Overwrite an existing output file."),
        ]
        if entry.strict:
            options.append(click.option(
                "--strict", is_flag=True,
                help="Treat quality-check warnings as errors; write nothing then."))
        if entry.jsonld:  # a job ad: what an applicant tracking system adds itself may go
            options.append(click.option(
                "--omit", default=None, metavar="eeo,benefits,pay-statement",
                help="Leave out statements your applicant tracking system adds itself (wins "
                     "over --org's omit:); the checks then do not ask for them."))
        options.append(position_option)
        options.append(lambda f: choice_options(f, level_required, position=True))
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def _make_and_write(kind: str, specialization: str | None, level: str | None,
                    output: str | None, fmt: str | None, org_file: Path | None,
                    org_name: str | None, apply: str | None, assignments: tuple[str, ...],
                    force: bool, position_path: Path | None = None, strict: bool = False,
                    omit: str | None = None, system: str | None = None,
                    public_employer: bool | None = None) -> None:
    """The thin shell over the core: options in, problems printed, the gate, the write."""
    from . import pipeline as core
    from .kinds import needs_level
    from .org import inherited_note, with_overrides
    from .outputs import refuse_existing, resolve_output
    from .position import parse_assignments

    required_choices(specialization, level, position_path, needs_level(kind))
    fields = parse_assignments(assignments)
    target = resolve_output(output, fmt)
    if target.file is not None:
        refuse_existing(target.file, force)  # before building: no work when it would be refused
    pipeline = _app().pipeline
    organization = with_overrides(pipeline.organization(org_file), org_name, apply, omit=omit,
                                  system=system, public_employer=public_employer)
    _report_sources(pipeline, str(org_file) if org_file else "built-in")
    if org_file:
        note = inherited_note(organization, str(org_file), "the built-in organization")
    elif organization.inherited:  # the built-in organization under another name
        note = (f"{organization.name} gets the built-in organization's "
                f"{', '.join(organization.inherited)} text where it holds for it; give its own "
                "in an organization file (--org FILE; jdbuilder init writes one)")
    else:
        note = None
    if note:
        _app().say(f"Note: {note}", err=True)
    request = core.DocumentRequest(kind, specialization or "", level or "", fields,
                                   target.format, origin="--set",
                                   position_file=load_position(position_path))
    made = core.make_document(request, pipeline, organization)
    for problem in made.problems:
        # Advice, not failure: the document is still written unless --strict refuses it.
        _say_problem(problem, f"{problem.code}: ")
    refused = core.refusal(made, strict)
    if refused:
        raise QualityRefusal(refused)
    path = core.write_document(made, target, force=force)
    if path is not None:
        _app().say(f"Wrote {path}")
    missing = core.unpublishable(made.problems)
    if missing:
        from .errors import NotPublishable

        # Written, so HR can see and fix it, but said plainly: it may not be published as is.
        raise NotPublishable("written but not publishable, for what the law at its location "
                             "requires: " + "; ".join(problem.message for problem in missing),
                             file=path or None, place=None if path else "the posting")


@main.command("posting")
@document_options("posting")
def posting_command(**options: Any) -> None:
    """Write a job posting for one specialization and level.

    \b
    Examples:
      jdbuilder posting -s admissions -l journey
      jdbuilder posting -s finaid -l advanced --org org.yaml \\
          --set salary_min=62000 --set salary_max=75000 --set closes=2027-01-15
      jdbuilder posting -s registrar -l contributing -o - --format md
    """
    _make_and_write("posting", **options)


@main.command("description")
@document_options("description")
def description_command(**options: Any) -> None:
    """Write a position description (UNC-system SHRA shape) for one specialization and level.

    \b
    Examples:
      jdbuilder description -s residence-life -l journey
      jdbuilder pd -s "student center" -l advanced --set position_number=00012345
    """
    _make_and_write("description", **options)


@main.command("build")
@click.argument("spec", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the documents and manifest.json. Default: the spec's name "
                   "without its suffix (jobs.yaml -> jobs/).")
# Building is CPU-bound: workers beyond the cores only cost memory; a typo like -j 300 would
# otherwise fork 300 processes.
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help=f"Worker processes (1 to {MAX_JOBS}). Default: the CPU count.")
@click.option("--force", is_flag=True, help="Rebuild documents even when nothing changed.")
@click.option("--dry-run", is_flag=True, help="Print what would be built and where; write nothing.")
@click.option("--strict", is_flag=True,
              help="Build nothing when any document is invalid; skip postings with quality "
                   "findings.")
@click.option("--check/--no-check", "quality_checks", default=True, show_default=True,
              help="Run the posting quality checks on each posting built.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
              default=None, help="Format for documents whose row, output suffix or defaults "
                                 "do not say. Default: docx.")
@click.option("--sheet", default=None, metavar="NAME",
              help="The sheet of an .xlsx spec to read. Default: the first.")
@click.option("--prune", is_flag=True,
              help="Remove documents an earlier build wrote that no row produces now (only "
                   "files manifest.json records, unchanged since).")
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), default=None,
              help="Kind for every row that has no kind of its own.")
@click.option("--org", "org_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None, help="Organization file for every row that names none.")
@click.option("--apply", "apply", default=None, metavar="URL|TEXT",
              help="How to apply, for every row with no apply column of its own (wins over "
                   "the organization's).")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="A field for every row that leaves it empty, e.g. --set closes=2027-03-01 "
                   "(repeatable; `jdbuilder fields` lists them; specialization and level "
                   "too).")
def build_command(spec: Path, out_dir: Path | None, jobs: int | None, force: bool, dry_run: bool,
                  strict: bool, quality_checks: bool, fmt: str | None, sheet: str | None,
                  prune: bool, kind: str | None, org_file: Path | None, apply: str | None,
                  assignments: tuple[str, ...]) -> None:
    """Build every document a spec (.yaml, .csv or .xlsx) lists (exit 0: all built or unchanged; 1: some
    failed, the others are built; 2: the spec cannot be read, or nothing could be written).

    \b
    Examples:
      jdbuilder build jobs.yaml -o postings
      jdbuilder build jobs.csv --dry-run
      jdbuilder build openings.xlsx --sheet Fall
      jdbuilder build jobs.yaml -o postings --jobs 4 --strict
      jdbuilder build jobs.csv --prune     # also remove documents of rows deleted since
      jdbuilder build openings.xlsx --kind posting --org org.yaml --set closes=2027-03-01
    """
    from .build import MUST_FIX, BuildOptions, run_build, terminal_progress
    from .position import parse_assignments
    from .spec import command_line_defaults

    app = _app()
    defaults = command_line_defaults(kind, org_file, parse_assignments(assignments), apply)
    options = BuildOptions(out_dir or Path(spec.stem), jobs, force, dry_run, strict, fmt,
                           quality_checks, sheet, prune, defaults)
    _report_sources(app.pipeline, f"{org_file or 'built-in'}, unless a row's org says otherwise")
    progress = terminal_progress() if app.verbosity >= 0 else None
    report = run_build(spec, app.pipeline, options, progress=progress)
    for note in report.notes:
        _say_problem(note)
    for planned in report.planned:
        status = "unchanged" if planned.unchanged else "build"
        click.echo(f"{status:<9}  {planned.path}  ({planned.entry.request.kind}, "
                   f"{planned.entry.format}; {planned.entry.where})")
    for path in report.pruned:
        app.say(f"{'prune' if dry_run else 'Removed'}{'    ' if dry_run else ''}  {path}")
    for problem in report.prune_kept:
        _say_problem(problem)
    if report.stale and not prune:
        shown = ", ".join(str(path) for path in report.stale[:3])
        more = f" and {len(report.stale) - 3} more" if len(report.stale) > 3 else ""
        # While a row is invalid its document looks stale too, and --prune waits (see _prunable).
        valid, when = ("valid ", " once every row is valid") if report.invalid else ("", "")
        app.say(f"Note: {len(report.stale)} document(s) that no {valid}row produces now are "
                f"left ({shown}{more}); --prune removes them{when}", err=True)
    # What must be fixed before publishing first, then the rest.
    for warning, outputs in sorted(report.warnings.items(),
                                   key=lambda item: (not item[0].startswith(MUST_FIX), item[0])):
        app.say(f"Warning: {_documents(outputs)}: {warning}", err=True)
    for advice, outputs in sorted(report.advice.items()):
        app.say(f"Note: {_documents(outputs)}: {advice}", err=True)
    for failure in [*report.failures, *report.unrecorded]:
        click.echo(f"Error: {failure.line()}", err=True)
    if report.unpublishable:
        click.echo(f"Error: {_documents(sorted(report.unpublishable))}: written, but not "
                   "publishable: they lack what the pay-transparency law at their location "
                   "requires (the must-fix pay-transparency findings; build-report.csv)", err=True)
    app.say(report.summary())
    if report.exit_code:
        raise click.exceptions.Exit(report.exit_code)


DOCUMENTS_NAMED = 3  # a console summary names this many documents, then counts the rest


def _documents(outputs: list[str]) -> str:
    """'a.docx' / 'a.docx, b.docx' / '15 documents (a.docx, b.docx, c.docx and 12 more)'."""
    if len(outputs) <= DOCUMENTS_NAMED:
        return ", ".join(outputs)
    named = ", ".join(outputs[:DOCUMENTS_NAMED])
    return f"{len(outputs)} documents ({named} and {len(outputs) - DOCUMENTS_NAMED} more)"


@main.command("compare")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("-o", "--output", default=None, metavar="FILE|DIR|-",
              help="Where to write the redline (default: <new title>-description-redline.docx "
                   "here); '-' writes Markdown or HTML to standard output.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), default=None,
              help="docx (tracked changes Word and LibreOffice show as revisions), md or html "
                   "(<del>/<ins>). Default: from the -o suffix, else docx.")
@click.option("--org", "org_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Organization YAML (default: the profile's).")
@click.option("--author", default="jdbuilder compare", show_default=True,
              help="Who the tracked changes are from (Word's reviewer name).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def compare_command(old: str, new: str, output: str | None, fmt: str | None,
                    org_file: Path | None, author: str, force: bool) -> None:
    """Compare two versions of a position (reclassification, audit): write NEW's position
    description with every change from OLD marked (a Word document with tracked changes by
    default) and print a summary naming each change: working title, level, FLSA status,
    supervisor, duties added, removed or renamed and their percentages.

    OLD and NEW are position files, or the built-in position: builtin:SPECIALIZATION:LEVEL,
    or `builtin` alone for the built-in position the other side's file starts from. The
    changes are dated SOURCE_DATE_EPOCH when set, else now.

    \b
    Examples:
      jdbuilder compare builtin position.yaml
      jdbuilder compare old.yaml new.yaml -o redline.docx
      jdbuilder compare builtin:residence-life:journey new.yaml --format md -o -
    """
    from .compare import compare, read_sides
    from .outputs import default_stem, refuse_existing, resolve_output, write_target
    from .writers import REGISTRY

    target = resolve_output(output, fmt)
    if target.format not in ("docx", "md", "html"):
        raise InputError("a redline is written as .docx, .md or .html", option="-o",
                         value=output)
    if target.file is not None:
        refuse_existing(target.file, force)
    pipeline = _app().pipeline
    if target.format == "docx":
        pipeline.check_reference()
    sides = read_sides(old, new, pipeline.profile)
    for side in sides:
        position_file = side.request.position_file
        for note in position_file.notes if position_file else ():
            _say_problem(note)
    organization = pipeline.organization(org_file)
    result = compare(*sides, pipeline, organization, author=author)
    composed = pipeline.compose(sides[1].request, organization)
    content = pipeline.write(result.model, composed, target.format)
    app = _app()
    lines = [f"{len(result.changes)} change(s) from {sides[0].label} to {sides[1].label}:",
             *(f"  {change.line()}" for change in result.changes)]
    for line in lines:
        app.say(line, err=target.to_stdout)
    name = default_stem(composed.context["role"]["title"], "description") + "-redline" + \
        REGISTRY[target.format].suffix
    path = write_target(content, name, target, force)
    if path is not None:
        app.say(f"Wrote {path}")


@main.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a report.")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True,
              help="Show findings of this severity and worse: 'error' shows errors only.")
@click.option("--org", "org_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Organization YAML whose statements (EEO, benefits, pay transparency) are "
                   "not scored and whose `silence:` applies. Default: the profile's.")
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), default=None,
              help="What the files are (default: told by each file's headings, a posting when "
                   "they show nothing else): a posting gets every check; a position "
                   "description the wording checks, duty percentages and physical demands; a "
                   "kit document (a form or guide) none. .docx and .html files also get "
                   "accessibility.")
def check_command(files: tuple[Path, ...], as_json: bool, severity: str,
                  org_file: Path | None, kind: str | None) -> None:
    """Check postings (.docx, .html, .md, .txt, also ones written elsewhere) or every document a
    spec (.yaml, .csv) would build: gendered wording, readability, length, pay range, required
    sections, jargon; for .docx and .html also accessibility (WCAG 2.1: language, title, heading
    order, table headers, alt text, link text, contrast, empty paragraphs). A position
    description (known by its headings) gets its duty percentages recomputed (they must total
    100%) and each physical demand tied to a duty it lists. Exit 1 when any finding is an error.

    \b
    Examples:
      jdbuilder check posting.docx
      jdbuilder check pd.docx
      jdbuilder check pd.docx --kind description
      jdbuilder check jobs.yaml --severity error
      jdbuilder check jobs.yaml --json
    """
    from .checking import check_files
    from .checks import has_errors, reports_json, reports_text

    pipeline = _app().pipeline
    reports = check_files(files, pipeline, pipeline.organization(org_file), kind)
    if as_json:
        click.echo(json.dumps(reports_json(reports, severity), indent=2, ensure_ascii=False))
    else:
        click.echo(reports_text(reports, severity))
    if has_errors(reports):
        raise click.exceptions.Exit(1)


@main.command("interview")
@document_options("interview")
def interview_command(**options: Any) -> None:
    """Write a structured interview guide: opening and closing scripts, behavioural questions
    with probes, rating anchors from the competency profile, notes space, topics never to ask.

    \b
    Examples:
      jdbuilder interview -s admissions -l journey
      jdbuilder interview -s finaid -l contributing --org org.yaml -o guide.docx
    """
    _make_and_write("interview", **options)


@main.command("screening")
@document_options("screening")
def screening_command(**options: Any) -> None:
    """Write an applicant screening matrix: a column per minimum and preferred qualification,
    blank rows for applicants.

    \b
    Example:
      jdbuilder screening -s registrar -l journey --set position_number=00012345
    """
    _make_and_write("screening", **options)


@main.command("assessment")
@document_options("assessment")
def assessment_command(**options: Any) -> None:
    """Write a competency assessment worksheet (in-range adjustments, reclassification): all
    competencies with weights, the three levels' statements as rating columns.

    \b
    Examples:
      jdbuilder assessment -s residence-life -l journey
      jdbuilder assessment -s finaid -l advanced --set weights="decision-making=2"
    """
    _make_and_write("assessment", **options)


def ladder_command(**options: Any) -> None:
    """Write a career ladder: one specialization's levels side by side (titles, summary,
    supervision, duties, every competency statement per level).

    \b
    Examples:
      jdbuilder ladder -s admissions
      jdbuilder ladder -s "student center" -l journey --format md -o -
    """
    _make_and_write("ladder", **options)


# The one kind whose level is optional: without -l no level is marked as the position's.
ladder_command = main.command("ladder")(document_options("ladder")(
    ladder_command))
main.add_command(description_command, "pd")


@main.command("kit")
@click.option("-o", "--output", type=str, default=None,
              help="A .pdf (every part bound as one) or a .zip (every part as its own file). "
                   "Default: a PDF named from the working title, in the current folder.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "html", "md", "txt"]),
              default=None, help="The parts' format inside a .zip (default docx); a .pdf "
                                 "output is one PDF.")
@click.option("--per-member", is_flag=True,
              help="One interview guide per committee member, with the member's name on it.")
@click.option("--org", "org_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Organization file (`jdbuilder init` writes one).")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="Set a field, e.g. --set committee=\"Ana Diaz (Chair); Lee Park (HR)\".")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@position_option
@functools.partial(choice_options, level_required=True, position=True)
def kit_command(specialization: str | None, level: str | None, output: str | None,
                fmt: str | None, per_member: bool, org_file: Path | None,
                assignments: tuple[str, ...], force: bool, position_path: Path | None) -> None:
    """Write the whole hiring kit of one position in one go: interview guide, screening
    matrix, assessment worksheet, career ladder and the interviewer reference, with the
    committee's names, as one PDF (or one .zip of any format).

    \b
    Examples:
      jdbuilder kit -s admissions -l journey --set committee="Ana Diaz (Chair); Lee Park (HR)"
      jdbuilder kit --position reslife.yaml --per-member -o kit.zip --format docx
    """
    from . import kitpack
    from .fileio import write_atomic
    from .outputs import refuse_existing
    from .position import parse_assignments

    required_choices(specialization, level, position_path)
    bundle = "zip" if output and output.lower().endswith(".zip") else "pdf"
    if output and bundle == "pdf" and not output.lower().endswith(".pdf"):
        raise InputError("the kit is one .pdf or one .zip; name it so", option="-o",
                         value=output)
    if bundle == "pdf" and fmt not in (None, "pdf"):
        raise InputError(f"a .pdf output is one PDF; name a .zip (-o kit.zip) for {fmt} parts",
                         option="--format", value=fmt)
    fields = parse_assignments(assignments)
    if output:
        refuse_existing(Path(output), force)
    pipeline = _app().pipeline
    organization = pipeline.organization(org_file)
    request = kitpack.KitRequest(specialization or "", level or "", fields,
                                 load_position(position_path), per_member)
    kit = kitpack.make_kit(request, pipeline, "docx" if bundle == "pdf" else fmt or "docx",
                           organization)
    for problem in kit.problems:
        _say_problem(problem, f"{problem.code}: ")
    content = kitpack.bind_pdf(kit, pipeline) if bundle == "pdf" else kitpack.pack_zip(kit)
    path = Path(output) if output else Path(f"{kitpack.kit_stem(kit)}.{bundle}")
    refuse_existing(path, force)
    write_atomic(path, content)
    names = f" for {', '.join(kit.members)}" if kit.members else ""
    _app().say(f"Wrote {path} ({len(kit.parts)} parts{names})")


@main.command("panel")
@document_options("panel")
def panel_command(**options: Any) -> None:
    """Write the interviewer reference: the topics never to ask about and the sources the
    interview guide follows, printed once for the panel rather than with each candidate's guide.

    \b
    Examples:
      jdbuilder panel -s admissions -l journey --set committee="Ana Diaz (Chair); Lee Park (HR)"
    """
    _make_and_write("panel", **options)


@main.group("templates")
def templates_group() -> None:
    """Use your own templates and letterhead.

    \b
    Examples:
      jdbuilder templates export my-templates
      jdbuilder --templates my-templates templates list
      jdbuilder templates vars posting
    """


def _named_folder(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    # Path('') is the current folder: an empty argument (an unset shell variable) must not
    # quietly write there.
    if not value.strip():
        raise click.BadParameter("is empty; name a folder, for example my-templates")
    return Path(value)


@templates_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False), callback=_named_folder)
@click.option("--force", is_flag=True, help="Overwrite files already in DIRECTORY.")
def templates_export(directory: Path, force: bool) -> None:
    """Copy the built-in templates and reference.docx into DIRECTORY for editing.

    \b
    Example:
      jdbuilder templates export my-templates
      jdbuilder --templates my-templates posting -s admissions -l journey
    """
    from .customize import export_templates

    for path in export_templates(directory, force):
        click.echo(f"Wrote {path}")


@templates_group.command("list")
def templates_list() -> None:
    """Show which template file each document kind uses, and where it comes from.

    \b
    Example:
      jdbuilder --templates my-templates templates list
    """
    from .customize import template_uses

    pipeline = _app().pipeline
    uses = template_uses(pipeline.templates_dir, pipeline.reference_path)
    width = max(len(use.kind) for use in uses)
    for use in uses:
        click.echo(f"{use.kind.ljust(width)}  {use.origin.ljust(8)}  {use.path}")


@templates_group.command("vars")
@click.argument("kind")
def templates_vars(kind: str) -> None:
    """List the variables the template of KIND uses (the kinds `templates list` shows).

    \b
    Example:
      jdbuilder templates vars posting
    """
    from .customize import variables_for

    variables = variables_for(kind, _app().pipeline.templates_dir)
    width = max(map(len, variables), default=0)
    for name, text in variables.items():
        click.echo(f"{name.ljust(width)}  {text}")


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine's own address lets others "
                   "reach the page, which has no login.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a web browser.")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.1, max=1024), default=10,
              show_default=True, help="Largest upload (a spec or a posting to check) accepted; "
                                      "larger ones get HTTP 413.")
@click.option("--org", "org_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="The organization every document uses (`jdbuilder init` writes one); the "
                   "page shows it, and staff may replace parts of it per document.")
@click.option("--pdf-workers", type=click.IntRange(0, 16), default=1, show_default=True,
              help="LibreOffices kept running for PDFs (PDFs made at once); 0 starts one for "
                   "each PDF, seconds slower.")
@click.option("--max-rows", type=click.IntRange(1, 1_000_000), default=2_000, show_default=True,
              help="Most documents one uploaded spec may list; more get HTTP 413.")
@click.option("--max-seconds", type=click.FloatRange(1, 86_400), default=120, show_default=True,
              help="Longest one upload may build; then it stops with HTTP 503. A build also "
                   "stops when its browser goes away.")
@click.option("--allowed-host", "allowed_host", multiple=True, metavar="NAME",
              help="A host name the page is opened by, besides localhost and --host (behind a "
                   "proxy: its public name; '.example.edu' allows subdomains). Other names get "
                   "HTTP 400. Repeatable; also JDBUILDER_ALLOWED_HOSTS.")
@click.option("--trust-user-header", "user_header", metavar="NAME",
              help="Who is signed in, as the single sign-on proxy in front says it: REMOTE_USER "
                   "(set by the WSGI server) or a header such as X-Remote-User, which the proxy "
                   "must set on every request and drop when a browser sends it.")
@click.option("--audit-log", type=click.Path(path_type=Path, dir_okay=False),
              help="Append one JSON line per document built (when, who, kind, format, inputs' "
                   "hash, output name) to this file.")
def serve_command(host: str, port: int, no_browser: bool, max_upload_mb: float,
                  org_file: Path | None, pdf_workers: int, max_rows: int, max_seconds: float,
                  allowed_host: tuple[str, ...],
                  user_header: str | None = None, audit_log: Path | None = None) -> None:
    """Start the web page for hiring managers (and its HTTP API) on this machine.

    \b
    Examples:
      jdbuilder serve
      jdbuilder --reference-docx letterhead.docx serve --port 8080 --no-browser
      jdbuilder serve --org org.yaml --pdf-workers 2
    """
    from .web.server import serve

    if host not in LOCAL_HOSTS:
        click.echo(f"Warning: --host {host}: the page has no login; anyone who can reach this "
                   "address can use it. Put it behind the campus single sign-on proxy, and run "
                   "it under a production server (see docs/web.md).", err=True)
    serve(_app().sources, host, port, open_browser=not no_browser,
          make_pipeline=_app().make_pipeline,
          max_upload_bytes=int(max_upload_mb * 1024 * 1024),
          org_file=str(org_file) if org_file else None, pdf_workers=pdf_workers,
          allowed_host=allowed_host, max_rows=max_rows, max_seconds=max_seconds,
          user_header=user_header, audit_log=str(audit_log) if audit_log else None)


@main.command("fields")
def fields_command() -> None:
    """List the fields that --set, spec files and position files accept, and the keys only a
    position file has.

    \b
    Example:
      jdbuilder fields
    """
    from .position import FIELD_HELP
    from .positionfile import POSITION_FILE_HELP

    width = max(map(len, [*FIELD_HELP, *POSITION_FILE_HELP]))
    for key, text in FIELD_HELP.items():
        click.echo(f"{key.ljust(width)}  {text}")
    click.echo("\nA position file (--position FILE, a spec's position column) takes the fields "
               "above and these:")
    for key, text in POSITION_FILE_HELP.items():
        click.echo(f"{key.ljust(width)}  {text}")



# ---------------------------------------------------------------------------------------------
# position new / check


@main.group("position")
def position_group() -> None:
    """Your own position: a position file (YAML) with its title, duties, supervisor and
    committee, from which every document is made with --position FILE.

    \b
    Examples:
      jdbuilder position new -s reslife -l journey -o rlc.yaml
      jdbuilder position check rlc.yaml
      jdbuilder posting --position rlc.yaml
    """


@position_group.command("new")
@click.option("-s", "--specialization", type=ProfileChoice("specialization"), default=None,
              help="Specialization by id, name or alias (e.g. 'Financial Aid'). Left out for "
                   "a band without specializations (one `band import` wrote).")
@click.option("-l", "--level", required=True, type=ProfileChoice("level"),
              help="Competency level: contributing, journey or advanced.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write. Default: standard output.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def position_new(specialization: str | None, level: str, output: Path | None,
                 force: bool) -> None:
    """Write a starter position file holding the built-in specialization at LEVEL in full
    (duties, applicant lines, qualifications, conditions), commented, to edit. For a band
    without specializations, every key the documents need, commented out, to write.

    \b
    Examples:
      jdbuilder position new -s reslife -l journey -o rlc.yaml
      jdbuilder position new -s admissions -l contributing > counselor.yaml
      jdbuilder --profile-dir my-band position new -l journey -o coordinator.yaml
    """
    from .compose import Request, resolve_choice
    from .fileio import write_atomic
    from .outputs import refuse_existing
    from .positionstarter import band_starter_text, starter_text

    profile = _app().pipeline.profile
    if specialization is None and not profile.specializations:
        text = band_starter_text(profile, profile.level(level))
    elif specialization is None:
        raise click.UsageError("Missing option '-s' / '--specialization'.")
    else:
        found, chosen = resolve_choice(profile, Request("description", specialization, level))
        text = starter_text(profile, found, chosen)
    if output is None:
        click.echo(text, nl=False)
        return
    refuse_existing(output, force)
    write_atomic(output, text.encode("utf-8"))
    _app().say(f"Wrote {output}")
    _app().say(f"Check it: jdbuilder position check {output}")


@position_group.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def position_check(file: Path) -> None:
    """Validate a position file: known keys, percents totalling 100, an essential function,
    demands citing this position's duties. Also traceability: a posting line with no PD duty
    behind it is a warning naming the line (`show --position` shows every tie). Exit 2 with
    one `Error:` line when it is invalid.

    \b
    Example:
      jdbuilder position check rlc.yaml
    """
    from .pipeline import position_request
    from .positionfile import read_position_file, summary
    from .traceability import trace_problems

    pipeline = _app().pipeline
    position = read_position_file(file, pipeline.profile)
    for note in position.notes:
        _say_problem(note)
    # The employer plays no part in what is checked here; a band folder of its own has none.
    organization = pipeline.base_organization()
    if not position.specialization:
        from .bandposition import still_needed

        for note in still_needed(position, pipeline.profile, organization):
            _say_problem(note)
    # Traceability: every posting line has a PD duty behind it (warnings, not invalidity).
    context = pipeline.compose(position_request("summary", position), organization).context
    for problem in trace_problems(context["traceability"], str(file)):
        _say_problem(problem, "traceability: ")
    click.echo(f"{file}: valid: {summary(position, pipeline.profile)}")


@main.group("band")
def band_group() -> None:
    """Any career band: import its competency profile as HR receives it (.docx, .pdf, .txt)
    into a profile folder, and check a profile folder.

    \b
    Examples:
      jdbuilder band import "Accountant Competency Profile.docx" -o accountant
      jdbuilder band check accountant
    """


@band_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write (default: the band's id). A file with several roles "
                   "writes one folder per role inside it.")
@click.option("--worksheet", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="FILE", help="The band's Competency Assessment Worksheet (.docx, .pdf, "
                                   ".txt): each statement that differs from the profile's is "
                                   "a warning.")
@click.option("--strict", is_flag=True,
              help="With --worksheet: a difference refuses the import (exit 1, nothing "
                   "written).")
def band_import(file: Path, out_dir: Path | None, worksheet: Path | None, strict: bool) -> None:
    """Read a competency profile (layouts A, B and C; headers matched loosely, numbered items
    split, statements verbatim) and write it as a profile folder. Anything that could not be
    placed is listed. A file that is not a competency profile is refused (exit 2). With
    --worksheet, the band's worksheet is compared statement by statement: a statement missing
    from either, worded otherwise or under another competency or level is a warning.

    \b
    Examples:
      jdbuilder band import profile.docx -o my-band
      jdbuilder band import profile.docx --worksheet worksheet.docx -o my-band
    """
    from .bandimport import read_bands, write_bands

    bands = read_bands(file)
    if worksheet is not None:
        from .bandworksheet import compare_worksheet, profile_statements

        band, differences = compare_worksheet(bands, worksheet)
        for problem in differences:
            _say_problem(problem)
        count = len(profile_statements(band))
        _app().say(f"{worksheet}: " + (f"{len(differences)} difference(s) from the profile's "
                                         f"{count} statements" if differences else
                                         f"the same {count} statements as the profile"))
        if strict and differences:
            raise QualityRefusal(f"the worksheet differs from the profile in "
                                 f"{len(differences)} place(s); nothing was written",
                                 option="--strict")
    elif strict:
        raise InputError("refuses an import whose worksheet differs; give --worksheet FILE",
                         option="--strict")
    for result in write_bands(bands, file, out_dir):
        _app().say(result.summary())
        if result.band.role_descriptions:
            _app().say(f"  role descriptions for {', '.join(result.band.role_descriptions)} "
                       "kept as comments (the profile format has no field for them)")
        for item in result.band.not_placed:
            click.echo(f"  not placed: {item}", err=True)
        _app().say(f"Check it: jdbuilder band check {result.file.parent}")


@band_group.command("check")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
def band_check(directory: Path) -> None:
    """Validate a profile folder: the same validation the built-in profile gets at load.
    Specializations are checked when the folder has them. Exit 2 with one `Error:` line.

    \b
    Example:
      jdbuilder band check my-band
    """
    from .bandimport import counts
    from .profile import load_profile

    profile = load_profile(directory, require_specializations=False)
    count = sum(len(s) for c in profile.competencies for s in c.statements.values())
    click.echo(f"{directory}: valid: {profile.title}, "
               f"{counts(len(profile.competencies), len(profile.levels), count)}, "
               f"{len(profile.specializations)} specializations")


# ---------------------------------------------------------------------------------------------
# Getting started: init, spec example, completion


def _prompt_check(check):
    """A click prompt's value_proc: a refused answer is asked again, saying why."""
    def convert(value: str) -> str:
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return convert


def _ask(question: str, option: str, skipped: str | None = None, **prompt_options: Any) -> str:
    """click.prompt, except that standard input at its end (a script, `< /dev/null`) is not
    taken for Ctrl-C: an optional question is skipped (`skipped`, else as Enter skips it); a
    required one is an input error naming the option that answers it."""
    try:
        return click.prompt(question, **prompt_options)
    except click.Abort as exc:
        # click raises Abort for both; the EOFError it replaced is still its context.
        if not isinstance(exc.__context__, EOFError):
            raise
        if skipped is not None:
            return skipped
        if "default" in prompt_options:
            return prompt_options["default"]
        raise InputError(f"standard input ended before '{question}' was answered; give it "
                         "(or run init in a terminal to be asked)", option=option) from None


@main.command("init")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False),
                default="organization.yaml")
@click.option("--name", default=None, help="The organization's name.")
@click.option("--website", default=None, help="Its web site (https://...).")
@click.option("--location", default=None, metavar="'CITY, STATE'",
              help="Where the work is, e.g. 'Boone, NC' (a country may follow).")
@click.option("--apply", "apply", default=None, metavar="URL|TEXT",
              help="How to apply: a link or instructions.")
@click.option("--system", default=None, metavar="NAME",
              help="The university system whose policy binds it, e.g. 'UNC System'; "
                   "'' for none (a private college).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def init_command(file: Path, name: str | None, website: str | None, location: str | None,
                 apply: str | None, system: str | None, force: bool) -> None:
    """Write an organization file (default organization.yaml) from a few questions; options
    given are not asked. Press Enter to skip an optional question. The built-in equal
    employment opportunity, benefits and pay-transparency text stay unless you add your own.

    \b
    Examples:
      jdbuilder init
      jdbuilder init --name "Appalachian State University" --location "Boone, NC" \\
          --apply https://jobs.example.edu --website https://www.appstate.edu \\
          --system "UNC System"
    """
    from .fileio import write_atomic
    from .outputs import refuse_existing
    from .starters import check_location, check_website, organization_text

    refuse_existing(file, force)  # before asking anything
    if name is None:
        name = _ask("Organization name", "--name NAME")
    if website is None:
        website = _ask("Web site (https://..., optional)", "--website", default="",
                       show_default=False, value_proc=_prompt_check(check_website))
    if location is None:
        location = _ask("City and state, e.g. Boone, NC (optional)", "--location", default="",
                        show_default=False, value_proc=_prompt_check(check_location))
    if apply is None:
        apply = _ask("How to apply: a link or instructions (optional)", "--apply", default="",
                     show_default=False)
    if system is None:
        system = _ask("University system whose policy binds it, e.g. UNC System (Enter: none, "
                      "as for a private college)", "--system", default="none", show_default=False,
                      # Unasked (a script) is not an answer: the employer is asked again later.
                      skipped="")
    try:
        text = organization_text(name, website, location, apply,
                                 _app().pipeline.base_organization(), system)
    except ValueError as exc:
        raise InputError(str(exc), place="init") from None
    write_atomic(file, text.encode("utf-8"))
    _app().say(f"Wrote {file}")
    _app().say(f"Use it: jdbuilder posting -s admissions -l journey --org {file}")


@main.group("spec")
def spec_group() -> None:
    """Spec files for `jdbuilder build`.

    \b
    Examples:
      jdbuilder spec example > jobs.csv
      jdbuilder spec example --format xlsx -o jobs.xlsx
    """


@spec_group.command("example")
@click.option("--format", "fmt", type=click.Choice(["csv", "yaml", "xlsx"]), default=None,
              help="Default: from -o's suffix, else csv.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write. Default: standard output (csv and yaml only).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def spec_example(fmt: str | None, output: Path | None, force: bool) -> None:
    """Print (or write) a starter spec: every column, a comment and an example row per
    specialization. It builds as it is; edit the rows, delete the ones you do not need.

    \b
    Examples:
      jdbuilder spec example > jobs.csv && jdbuilder build jobs.csv
      jdbuilder spec example --format yaml -o jobs.yaml
      jdbuilder spec example -o jobs.xlsx
    """
    from .clock import created_timestamp
    from .fileio import write_atomic
    from .outputs import refuse_existing
    from .starters import example_spec

    suffix = output.suffix.lower().lstrip(".") if output else ""
    implied = {"yml": "yaml"}.get(suffix, suffix) if suffix in ("csv", "yaml", "yml", "xlsx") \
        else None
    if fmt and implied and fmt != implied:
        raise InputError(f"the suffix says {implied} but --format says {fmt}; make them agree",
                         option="-o", value=output)
    fmt = fmt or implied or "csv"
    if output is None and fmt == "xlsx":
        raise InputError("a workbook cannot go to standard output; name a file with -o, e.g. "
                         "-o jobs.xlsx", option="--format", value="xlsx")
    content = example_spec(_app().pipeline.profile, fmt, created_timestamp())
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    refuse_existing(output, force)
    write_atomic(output, content)
    _app().say(f"Wrote {output}")


_COMPLETION = {
    "bash": ('# add to ~/.bashrc:\neval "$(_JDBUILDER_COMPLETE=bash_source jdbuilder)"'),
    "zsh": ('# add to ~/.zshrc:\neval "$(_JDBUILDER_COMPLETE=zsh_source jdbuilder)"'),
    "fish": ("# add to ~/.config/fish/completions/jdbuilder.fish:\n"
             "_JDBUILDER_COMPLETE=fish_source jdbuilder | source"),
}


@main.command("completion")
@click.argument("shell", type=click.Choice(list(_COMPLETION)))
def completion_command(shell: str) -> None:
    """Print how to turn on tab completion (commands, options, specializations, levels) in
    SHELL.

    \b
    Examples:
      jdbuilder completion bash
      jdbuilder completion fish
    """
    click.echo(_COMPLETION[shell])
