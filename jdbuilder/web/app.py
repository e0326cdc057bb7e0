"""`jdbuilder serve`: the page for hiring managers and the HTTP API behind it.

Flask routes only: each reads the request, calls the core (pipeline, preview, checks, build) and
turns the result or the one-line problem into a response. Uploads live in a temporary folder for
the length of the request; nothing else is written on the server.
"""

from __future__ import annotations

import atexit
import base64
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .. import __version__
from ..build import BuildOptions, BuildStopped, run_build
from ..checking import SPEC_SUFFIXES, check_files
from ..checks import reports_json
from ..compose import KIND_LABELS
from ..errors import InputError, JdbuilderError, SpecError
from ..listing import listing_json
from ..manifest import read_manifest
from ..org import (
    INHERITABLE_TEXTS,
    ORGANIZATION_FIELDS,
    ORGANIZATION_LABELS,
    Organization,
    organization_with,
)
from ..pipeline import Pipeline, PipelineFactory, Sources, make_document
from ..position import EMPLOYMENT_TYPES, FIELD_HELP, FIELD_KINDS, FIELD_LABELS, SALARY_PERIODS
from ..preview import Preview, preview_document
from ..spec import DOCUMENT_KINDS, command_line_defaults
from ..values import FLSA_VALUES
from ..writers import FORMATS, SUFFIXES
from ..writers.office import warm_pool
from ..zipout import Member, pack
from .findings import page_findings, page_line
from .guard import allowed_hosts, install_guard
from .hosting import AuditLog, Hosting, inputs_hash, install_request_log
from .limits import (
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_SECONDS,
    ServerBusy,
    WorkLimits,
    http_status,
)
from .params import DOCUMENT_PARAMETERS, PAGE_KEYS, document_params, single_values, split_job
from .positions import register_positions
from .uploads import client_name, request_folder, save_upload, shown_name

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a 5,000-row spec is a few MB
POSTING_SUFFIXES = (".docx", ".html", ".htm", ".md", ".txt")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "fields": "application/json; charset=utf-8",
    "pdf": "application/pdf",
}
FORMAT_LABELS = {"docx": "Word (.docx)", "html": "Web page (.html)", "md": "Markdown (.md)",
                 "txt": "Plain text (.txt)", "jsonld": "Google for Jobs (.jsonld)",
                 "fields": "ATS fields (.fields.json)",
                 "pdf": "PDF (.pdf)"}
FIELD_CHOICES = {"salary_period": SALARY_PERIODS, "employment_type": EMPLOYMENT_TYPES,
                 "flsa": FLSA_VALUES, "remote": ("yes", "no")}
DATE_FIELDS = ("posted", "closes")
LONG_ORGANIZATION_FIELDS = ("org_apply_instructions", "org_eeo_statement", "org_benefits",
                            "org_pay_transparency")


def create_app(sources: Sources | None = None, *, profile_dir: str | None = None,
               templates_dir: str | None = None, reference_docx: str | None = None,
               org_file: str | None = None, pdf_workers: int = 1,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               allowed_host: Iterable[str] = (), max_rows: int = DEFAULT_MAX_ROWS,
               max_seconds: float = DEFAULT_MAX_SECONDS, user_header: str | None = None,
               audit_log: str | None = None, request_log: bool = True,
               make_pipeline: PipelineFactory | None = None) -> Flask:
    """The web app. Give `sources`, or the folders and files by name (as a production server's
    factory call can: `jdbuilder.web:create_app(org_file='org.yaml')`). `org_file` is the
    organization every document uses unless the page's fields replace part of it.
    `pdf_workers` LibreOffices are kept running for PDFs (each started on its first use; 0:
    one started for each PDF, seconds slower). It answers the loopback names, `allowed_host`
    and JDBUILDER_ALLOWED_HOSTS only (web/guard.py). An uploaded spec may list `max_rows`
    documents and build for `max_seconds` (web/limits.py). With `user_header` ("REMOTE_USER"
    or a header the single sign-on proxy sets) every document built is recorded with its user
    in `audit_log` (JSON lines); `request_log` writes one JSON line per request to standard
    error (web/hosting.py). The profile and templates are loaded once, here, by `make_pipeline`
    (default Pipeline; a caller holding them loaded already passes its own)."""
    if sources is None:
        sources = Sources(Path(profile_dir) if profile_dir else None,
                          Path(templates_dir) if templates_dir else None,
                          Path(reference_docx) if reference_docx else None)
    # Specs come from clients here: their `org:` file names are refused.
    sources = Sources(sources.profile_dir, sources.templates_dir, sources.reference_docx,
                      org_files=False,
                      org_file=Path(org_file) if org_file else sources.org_file)
    office = warm_pool(pdf_workers)
    if office is not None:
        atexit.register(office.close)
    pipeline = (make_pipeline or Pipeline)(sources,
                                           convert_pdf=office.convert if office else None)
    if sources.reference_docx:
        pipeline.check_reference()  # a bad --reference-docx stops the server before it starts
    pipeline.organization()  # so does a bad organization file
    hosting = Hosting(user_header, AuditLog.opened(audit_log) if audit_log else None)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_upload_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = max_upload_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["jdbuilder"] = pipeline
    app.extensions["jdbuilder.office"] = office
    app.extensions["jdbuilder.limits"] = WorkLimits(max_rows, max_seconds)
    app.extensions["jdbuilder.hosting"] = hosting
    if request_log:
        install_request_log(app, hosting)
    _register_errors(app)
    install_guard(app, allowed_hosts(allowed_host), error_response)
    _register_api(app, pipeline)
    _register_pages(app, pipeline, max_upload_bytes)
    register_positions(app, pipeline, _page_context, MEDIA_TYPES)
    return app


# ---------------------------------------------------------------------------------------------
# Errors: one line, as the command line prints it; never a trace


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(message: str, status: int, problem: dict[str, Any] | None = None
                   ) -> Response | tuple[str, int]:
    line = f"Error: {' '.join(message.split())}"
    if _wants_json():
        body: dict[str, Any] = {"error": line}
        if problem:
            body["problem"] = problem
        response = jsonify(body)
        response.status_code = status
        return response
    return render_template("error.html", message=line, status=status), status


def _register_errors(app: Flask) -> None:
    @app.errorhandler(JdbuilderError)
    def jdbuilder_error(exc: JdbuilderError):
        # The user's input is wrong (400); a profile, template or reference document the server
        # was started with is the server's problem (500), still said in one line.
        status = http_status(exc, 400 if isinstance(exc, (InputError, SpecError)) else 500)
        return error_response(page_line(exc.problem), status, exc.problem.to_json())

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            413: f"the upload is larger than the {app.config['MAX_CONTENT_LENGTH']:,}-byte "
                 "limit; split the spec or ask the server's administrator for a larger "
                 "--max-upload-mb",
            404: f"no page or API at {request.path}; the API is under /api/ (see /api/profile)",
            405: f"{request.method} is not allowed for {request.path}",
        }
        return error_response(messages.get(exc.code or 500, exc.description or "failed"),
                              exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error")  # the trace goes to the server's log only
        return error_response("the server failed to answer this request (a bug); the "
                              "server's log has the details", 500)


# ---------------------------------------------------------------------------------------------
# The API


def _document_kind(kind: str) -> str:
    if kind not in DOCUMENT_KINDS:
        from ..errors import did_you_mean

        raise InputError(f"unknown document kind '{kind}'{did_you_mean(kind, DOCUMENT_KINDS)}; "
                         f"use one of {', '.join(DOCUMENT_KINDS)}")
    return kind


def _make_params(kind: str, pairs, default_format: str = "docx"):
    values = single_values(pairs, DOCUMENT_PARAMETERS)
    return document_params(_document_kind(kind), values, default_format)


def _preview(pipeline: Pipeline, kind: str, pairs) -> Preview:
    params = _make_params(kind, pairs, "html")
    organization = organization_with(pipeline.organization(), params.organization_fields)
    return preview_document(params.request, pipeline, organization)


def _preview_json(preview: Preview) -> dict[str, Any]:
    return {"kind": preview.kind, "title": preview.title, "stem": preview.stem,
            "html": preview.html, "problems": [p.to_json() | {"line": p.line()}
                                               for p in preview.problems],
            # The same problems in the page's words, each with the form field that fixes it.
            "findings": [finding.to_json() for finding in page_findings(preview.problems)],
            "figures": preview.figures}


def _upload(field: str):
    storage = request.files.get(field)
    if storage is None or not storage.filename:
        raise InputError(f"no file uploaded; send it as multipart/form-data field '{field}'",
                         option=field)
    return storage


def _register_api(app: Flask, pipeline: Pipeline) -> None:
    @app.get("/api/profile")
    def api_profile():
        profile = pipeline.profile
        return jsonify({
            "band": profile.title,
            "specializations": listing_json(profile, "specializations"),
            "levels": listing_json(profile, "levels"),
            "kinds": [{"id": kind, "name": KIND_LABELS[kind]} for kind in DOCUMENT_KINDS],
            "formats": list(FORMATS),
            "fields": FIELD_HELP,
            "organization_fields": {key: text for key, (_, text) in ORGANIZATION_FIELDS.items()},
        })

    @app.get("/api/documents/<kind>")
    def api_document(kind: str):
        params = _make_params(kind, request.args.items(multi=True))
        organization = organization_with(pipeline.organization(), params.organization_fields)
        made = make_document(params.request, pipeline, organization)
        hosting: Hosting = current_app.extensions["jdbuilder.hosting"]
        hosting.record(made.kind, made.format, inputs_hash(request.args.items(multi=True)),
                       made.filename)
        response = Response(made.content, content_type=MEDIA_TYPES.get(
            made.format, "application/octet-stream"))
        response.headers.set("Content-Disposition", "attachment", filename=made.filename)
        # What the command line prints as warnings for the same document.
        response.headers["X-Jdbuilder-Problems"] = str(len(made.problems))
        return response

    @app.get("/api/preview/<kind>")
    def api_preview(kind: str):
        return jsonify(_preview_json(_preview(pipeline, kind, request.args.items(multi=True))))

    @app.post("/api/check")
    def api_check():
        given = request.form.get("kind") or request.args.get("kind")
        # Without a kind, as `check`: the file's headings tell it.
        kind = _document_kind(given) if given else None
        return jsonify(_check_upload(pipeline, _upload("file"), kind))

    @app.post("/api/build")
    def api_build():
        storage = _upload("spec")
        fmt = request.form.get("format") or request.args.get("format") or None
        kind = request.form.get("kind") or request.args.get("kind") or None
        result = _build_upload(_typed_organization(pipeline), storage, fmt,
                               _document_kind(kind) if kind else None)
        response = Response(result["zip"], mimetype="application/zip")
        response.headers.set("Content-Disposition", "attachment", filename=result["zip_name"])
        response.headers["X-Jdbuilder-Summary"] = result["summary"]
        return response

    @app.get("/healthz")
    def health():
        """For a load balancer or monitor: answers while the server can make documents."""
        office = current_app.extensions.get("jdbuilder.office")
        hosting: Hosting = current_app.extensions["jdbuilder.hosting"]
        return jsonify({"status": "ok", "version": __version__,
                        "organization": pipeline.organization().name,
                        "pdf_workers": office.size if office is not None else 0,
                        "audit_log": hosting.audit is not None})


def _typed_organization(pipeline: Pipeline) -> Pipeline:
    """The pipeline with the request's organization fields (the page's, as on the document
    tab) over the server's organization, for the spec's rows that name none."""
    typed = {key: request.form.get(key, "") for key in ORGANIZATION_FIELDS}
    if not any(value.strip() for value in typed.values()):
        return pipeline
    return pipeline.with_organization(organization_with(pipeline.organization(), typed))


def _check_upload(pipeline: Pipeline, storage, kind: str | None = None) -> dict[str, Any]:
    """Findings for an uploaded document (any format check reads; `kind` as `check --kind`) or
    spec, as `check --json`: the same function `jdbuilder check` calls, accessibility included."""
    name = client_name(storage.filename, POSTING_SUFFIXES + SPEC_SUFFIXES,
                       "a posting or spec to check")
    with request_folder() as folder:
        path = save_upload(storage, folder, name)
        reports = check_files([path], pipeline, None, kind, names={str(path): name})
        # An upload that cannot be read at all is bad input (4xx), not a finding about a document.
        unreadable = [problem for report in reports for problem in report.findings
                      if problem.code == "read"]
        if unreadable:  # request_folder names the file as the user named it
            raise InputError(replace(unreadable[0], code="input"))
        return reports_json(reports)


def _build_upload(pipeline: Pipeline, storage, fmt: str | None,
                  kind: str | None = None, sheet: str | None = None) -> dict[str, Any]:
    """Build every document of an uploaded spec in a temporary folder: the .zip of what the
    build wrote there (documents, manifest.json, build-report.csv) and its per-row report.
    `kind` is for the rows that name none, as `build --kind`; `sheet` is the workbook's sheet
    to read, as `build --sheet`."""
    name = client_name(storage.filename, SPEC_SUFFIXES, "a spec")
    with request_folder() as folder:
        spec = save_upload(storage, folder, name)
        out_dir = folder / Path(name).stem
        # One job: a web server's worker is not the place to fork processes; bounded by the
        # server's limits on rows, seconds and builds at once (web/limits.py).
        limits: WorkLimits = current_app.extensions["jdbuilder.limits"]
        options = BuildOptions(out_dir, jobs=1, default_format=fmt, quality_checks=True,
                               sheet=sheet,
                               defaults=command_line_defaults(kind) if kind else None,
                               max_documents=limits.max_rows,
                               stop_when=limits.stop_when(request.environ), spec_name=name)
        with limits.build_slot():
            report = run_build(spec, pipeline, options)
        hosting: Hosting = current_app.extensions["jdbuilder.hosting"]
        for output, record in sorted(read_manifest(out_dir).items()):
            if record.get("status") == "complete":
                hosting.record(record["kind"], record["format"], record.get("inputs", ""),
                               output)
        rows = [{"row": row.row, "output": row.output, "status": row.status,
                 "errors": list(row.errors), "warnings": list(row.warnings)}
                for row in sorted(report.rows, key=lambda row: (row.number, row.output))]
        # Named as the user named them: the spec by its upload's name (spec_name), the files
        # written by their place in the zip.
        shown = shown_name(folder)
        body: dict[str, Any] = {
            "summary": report.summary(out_dir.name), "documents": report.documents,
            "built": report.built, "failed": report.failed, "rows": rows,
            "notes": [page_line(problem.renamed(shown)) for problem in report.notes],
            "warnings": [{"message": text, "documents": len(outputs)}
                         for text, outputs in sorted(report.warnings.items())]}
        members = []
        if out_dir.is_dir():
            for file in sorted(out_dir.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    data = file.read_bytes()
                    members.append(Member.from_bytes(file.relative_to(out_dir).as_posix(), data))
        body["zip"] = pack(members)
        body["zip_name"] = f"{Path(name).stem}.zip"
        return body


# ---------------------------------------------------------------------------------------------
# The page


def _roles(pipeline: Pipeline) -> list[dict[str, Any]]:
    """The built-in positions (each title at its own level), grouped by specialization: the
    position page's starter files."""
    profile = pipeline.profile
    return [{"name": spec.name, "options": [
        {"value": f"{spec.id}/{level.id}", "label": f"{spec.roles[level.id].title} "
                                                    f"({level.name})"}
        for level in profile.levels if level.id in spec.roles]}
        for spec in profile.specializations]


def _jobs(pipeline: Pipeline) -> list[dict[str, Any]]:
    """The position picker: per specialization, the specialization itself (the chosen level's
    own title) and each working title the band gives it, any of which may go with any level."""
    profile = pipeline.profile
    return [{"name": spec.name, "options": [
        {"value": spec.id, "label": f"{spec.name}: the title of the level chosen below",
         "title": ""},
        *({"value": f"{spec.id}/{level.id}", "label": spec.roles[level.id].title,
           "title": spec.roles[level.id].title}
          for level in profile.levels if level.id in spec.roles)]}
        for spec in profile.specializations]


def _titles(pipeline: Pipeline) -> dict[str, str]:
    return {option["value"]: option["title"] for group in _jobs(pipeline)
            for option in group["options"] if option["title"]}


def _default_level(pipeline: Pipeline) -> str:
    """The middle level (journey): the one most openings are posted at."""
    levels = pipeline.profile.levels
    return levels[len(levels) // 2].id


def _fields(kind: str) -> list[dict[str, Any]]:
    """The opening's fields as the page shows them; those the kind does not use are hidden (and
    not sent) until another kind is chosen."""
    return [{"key": key, "label": FIELD_LABELS[key], "help": help_text,
             "choices": FIELD_CHOICES.get(key),
             "type": "date" if key in DATE_FIELDS else "text",
             "kinds": " ".join(FIELD_KINDS.get(key, ())),
             "shown": kind in FIELD_KINDS.get(key, (kind,))}
            for key, help_text in FIELD_HELP.items()]


def _builtin_statements(pipeline: Pipeline, organization: Organization) -> list[str]:
    """The page's names of the statements that are the profile's built-in text (no
    organization file, or one that leaves them out)."""
    base = pipeline.base_organization()
    keys = {path: key for key, (path, _) in ORGANIZATION_FIELDS.items()}
    return [ORGANIZATION_LABELS[keys[text]] for text in INHERITABLE_TEXTS
            if base is not None and getattr(organization, text)
            and getattr(organization, text) == getattr(base, text)]


def _organization_values(organization: Organization) -> dict[str, str]:
    """The server's organization by the page's field names: what an empty field keeps."""
    values: dict[str, str] = {}
    for key, (path, _) in ORGANIZATION_FIELDS.items():
        value: Any = organization
        for part in path.split("."):
            value = getattr(value, part, None)
        if isinstance(value, str) and value.strip():
            values[key] = value
    return values


def _organization_fields(pipeline: Pipeline, organization: Organization
                         ) -> list[dict[str, Any]]:
    """The organization's fields as the page shows them. The system and public employer are
    choices, each saying what "not given" means for this server's organization: the built-in
    one's facts hold only under its own name (org.renamed)."""
    system = pipeline.profile.jurisdiction.system if pipeline.profile.jurisdiction else None
    choices = {"org_system": [(system, system)] if system else [],
               "org_public_employer": [("yes", "Yes"), ("no", "No")]}
    choices["org_system"].append(("none", "None (not a campus of a system)"))
    renamed = ", none under a name you type" if organization.builtin else ""
    public = {True: "yes", False: "no"}.get(organization.public_employer)
    kept = {"org_system": f"{organization.system or 'none'} (the server's){renamed}",
            "org_public_employer": (f"{public} (the server's){renamed}" if public
                                    else "public only when in a system")}
    fields = []
    for key, (_, help_text) in ORGANIZATION_FIELDS.items():
        if key in choices:
            help_text = f"{help_text}. Not given: {kept[key]}"
        fields.append({"key": key, "label": ORGANIZATION_LABELS[key], "help": help_text,
                       "long": key in LONG_ORGANIZATION_FIELDS, "choices": choices.get(key)})
    return fields


def _page_context(pipeline: Pipeline, kind: str = "posting") -> dict[str, Any]:
    organization = pipeline.organization()
    return {
        "roles": _roles(pipeline),
        "jobs": _jobs(pipeline),
        "levels": [(level.id, level.name) for level in pipeline.profile.levels],
        "kinds": [(kind, KIND_LABELS[kind]) for kind in DOCUMENT_KINDS],
        "formats": [(fmt, FORMAT_LABELS.get(fmt, fmt), SUFFIXES[fmt]) for fmt in FORMATS],
        "fields": _fields(kind),
        "organization_fields": _organization_fields(pipeline, organization),
        "organization": _organization_values(organization),
        "builtin_statements": _builtin_statements(pipeline, organization),
        "version": __version__,
        "band": pipeline.profile.title,
        "spec_suffixes": SPEC_SUFFIXES,
    }


def _register_pages(app: Flask, pipeline: Pipeline, max_upload_bytes: int) -> None:
    @app.get("/")
    def page():
        pairs = list(request.args.items(multi=True))
        values = single_values(pairs, (*DOCUMENT_PARAMETERS, *PAGE_KEYS)) if pairs else {}
        kind = values.pop("kind", "") or "posting"
        download = values.pop("download", "")
        if download:
            # The download buttons submit the page's form: send them to the API's address.
            chosen = split_job(dict(values), _titles(pipeline))
            arguments = {k: v for k, v in chosen.items() if v.strip()}
            return redirect(url_for("api_document", kind=_document_kind(kind), format=download,
                                    **arguments), 303)
        values.setdefault("job", pipeline.profile.specializations[0].id)
        values.setdefault("level", _default_level(pipeline))
        error, preview, status = None, None, 200
        try:
            preview = _preview(pipeline, kind, split_job(dict(values), _titles(pipeline)).items())
        except InputError as exc:
            error, status = f"Error: {page_line(exc.problem)}", 400
        findings = page_findings(preview.problems) if preview else []
        return render_template("index.html", values=values, kind=kind, preview=preview,
                               findings=findings, error=error,
                               **_page_context(pipeline, kind)), status

    @app.get("/spec")
    def spec_page():
        return render_template("spec.html", result=None, error=None, values={},
                               max_upload=max_upload_bytes, **_page_context(pipeline))

    @app.post("/spec")
    def spec_build():
        error, result, status = None, None, 200
        try:
            fmt = request.form.get("format") or None
            if fmt is not None and fmt not in FORMATS:
                abort(400)
            kind = request.form.get("kind") or None
            sheet = request.form.get("sheet", "").strip() or None
            result = _build_upload(_typed_organization(pipeline), _upload("spec"), fmt,
                                   _document_kind(kind) if kind else None, sheet)
            result["zip_href"] = ("data:application/zip;base64,"
                                  + base64.b64encode(result.pop("zip")).decode("ascii"))
        except (InputError, SpecError, BuildStopped, ServerBusy) as exc:
            error, status = f"Error: {page_line(exc.problem)}", http_status(exc, 400)
        values = {key: value for key, value in request.form.items()
                  if key in ORGANIZATION_FIELDS or key == "sheet"}
        return render_template("spec.html", result=result, error=error, values=values,
                               max_upload=max_upload_bytes, **_page_context(pipeline)), status
