"""The web page's own-position part: download a starter position file for a specialization and
level, and make any document from an uploaded position file. Routes only; the position file is
read and validated by the same core as `--position FILE`, with the same size limit."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify, render_template, request

from ..compose import Request, resolve_choice
from ..errors import InputError, did_you_mean
from ..pipeline import DocumentRequest, Pipeline, make_document
from ..position import SETTABLE_KEYS
from ..positionfile import (
    MAX_POSITION_FILE_BYTES,
    POSITION_SUFFIXES,
    PositionFile,
    parse_position_file,
    summary,
)
from ..positionstarter import starter_text
from ..spec import DOCUMENT_KINDS
from ..writers import FORMATS
from .findings import page_line
from .hosting import inputs_hash
from .params import single_values, split_role
from .uploads import client_name

YAML_TYPE = "application/yaml; charset=utf-8"
# What a form may send with a position file: the document, and fields that win over the file's.
POSITION_FORM_KEYS = ("kind", "format", *SETTABLE_KEYS)


def uploaded_position(pipeline: Pipeline) -> PositionFile:
    """The `position` upload, read up to its limit and validated: a bad one is one InputError
    naming the file as the client named it, its line and field."""
    storage = request.files.get("position")
    if storage is None or not storage.filename:
        raise InputError("no file uploaded; send the position file as multipart/form-data "
                         "field 'position'", option="position")
    name = client_name(storage.filename, POSITION_SUFFIXES, "a position file")
    data = storage.stream.read(MAX_POSITION_FILE_BYTES + 1)
    if len(data) > MAX_POSITION_FILE_BYTES:
        raise InputError(f"more than the {MAX_POSITION_FILE_BYTES:,}-byte limit for a position "
                         "file", file=name)
    return parse_position_file(data, name, pipeline.profile)


def starter(pipeline: Pipeline, values: dict[str, str]) -> Response:
    """The starter position file for `role` (or specialization and level), as a download."""
    values = split_role(values)
    for key in ("specialization", "level"):
        if not values.get(key, "").strip():
            raise InputError(f"missing; `GET /api/profile` lists the {key}s", option=key)
    profile = pipeline.profile
    specialization, level = resolve_choice(
        profile, Request("description", values["specialization"], values["level"]))
    response = Response(starter_text(profile, specialization, level).encode("utf-8"),
                        content_type=YAML_TYPE)
    response.headers.set("Content-Disposition", "attachment",
                         filename=f"{specialization.id}-{level.id}.yaml")
    return response


def position_document(pipeline: Pipeline, media_types: dict[str, str], kind: str | None = None
                      ) -> Response:
    """The document the form asks for (its `kind`, or the address's), made from the uploaded
    position file; the form's fields win over the file's."""
    allowed = POSITION_FORM_KEYS if kind is None else POSITION_FORM_KEYS[1:]
    values = single_values(request.form.items(multi=True), allowed)
    kind = kind or values.pop("kind", "") or "posting"
    if kind not in DOCUMENT_KINDS:
        raise InputError(f"unknown document kind '{kind}'{did_you_mean(kind, DOCUMENT_KINDS)}; "
                         f"use one of {', '.join(DOCUMENT_KINDS)}", option="kind")
    fmt = values.pop("format", "") or "docx"
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'{did_you_mean(fmt, FORMATS)}; use one of "
                         f"{', '.join(FORMATS)}", option="format")
    fields = {key: value for key, value in values.items() if value.strip()}
    position = uploaded_position(pipeline)
    made = make_document(DocumentRequest(kind, "", "", fields, fmt, position_file=position),
                         pipeline)
    stream = request.files["position"].stream
    stream.seek(0)  # read once, within its limit, by uploaded_position
    current_app.extensions["jdbuilder.hosting"].record(
        made.kind, made.format,
        inputs_hash(request.form.items(multi=True), [stream.read(MAX_POSITION_FILE_BYTES)]),
        made.filename)
    response = Response(made.content, content_type=media_types.get(
        made.format, "application/octet-stream"))
    response.headers.set("Content-Disposition", "attachment", filename=made.filename)
    response.headers["X-Jdbuilder-Problems"] = str(len(made.problems))
    return response


def register_positions(app: Flask, pipeline: Pipeline, page_context: Callable[..., dict],
                       media_types: dict[str, str]) -> None:
    @app.get("/api/position")
    def api_position_starter():
        return starter(pipeline, single_values(request.args.items(multi=True),
                                               ("role", "specialization", "level")))

    @app.post("/api/position/check")
    def api_position_check():
        position = uploaded_position(pipeline)
        return jsonify({"valid": True, "summary": summary(position, pipeline.profile),
                        "notes": [note.line() for note in position.notes]})

    @app.post("/api/position/documents/<kind>")
    def api_position_document(kind: str):
        return position_document(pipeline, media_types, kind)

    @app.get("/position")
    def position_page():
        return render_template("position.html", error=None,
                               max_position=MAX_POSITION_FILE_BYTES, **page_context(pipeline))

    @app.get("/position/starter")
    def position_starter():
        return starter(pipeline, single_values(request.args.items(multi=True), ("role",)))

    @app.post("/position")
    def position_make():
        try:
            return position_document(pipeline, media_types)
        except InputError as exc:
            return render_template("position.html", error=f"Error: {page_line(exc.problem)}",
                                   max_position=MAX_POSITION_FILE_BYTES,
                                   **page_context(pipeline)), 400
