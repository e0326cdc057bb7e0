"""A document as the web page previews it: the core makes it (the same document, problems and
figures as `posting` and `check`), and this only presents it: the HTML writer's page with the
gender-coded words marked. Writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from .checks.wording import coded_spans
from .errors import Problem
from .org import Organization
from .outputs import default_stem
from .pipeline import DocumentRequest, Pipeline, make_parsed, parse_request
from .readers import normalise_sentence, split_sentences
from .writers.html import write_html

# The input that fixes a finding, by the finding's code: an opening's field or an organization
# file's key (each edge words it: the page as its form field).
FIXED_BY = {
    "pay-range-missing": "salary_min",
    "pay-single-figure": "salary_min",
    "pay-below-minimum-wage": "salary_min",
    "pay-range-wide": "salary_max",
    "pay-hourly-per-year": "salary_period",
    "benefits-missing": "benefits",
    "application-deadline-missing": "closes",
    "closing-date-past": "closes",
    "how-to-apply-missing": "apply.url",
    "eeo-statement-missing": "eeo_statement",
    "band-title": "title",
    "level-name": "title",
}

# Marks are told apart by colour and by the line under them (never colour alone, WCAG 1.4.1);
# both backgrounds keep the text above 7:1.
MARK_CSS = """
mark.coded { color: #222; padding: 0 .1em; border-radius: 2px; }
mark.masculine { background: #ffe7a3; border-bottom: 2px solid #8a5a00; }
mark.feminine { background: #d6ecff; border-bottom: 2px dotted #0b4f8a; }
"""


@dataclass(frozen=True)
class Preview:
    kind: str
    title: str
    stem: str  # the suggested file name without its suffix
    html: str  # a whole page, coded words inside <mark class="coded masculine|feminine">
    problems: tuple[Problem, ...]
    figures: dict[str, Any]


def preview_document(request: DocumentRequest, pipeline: Pipeline,
                     organization: Organization | None = None) -> Preview:
    """The preview of one document; invalid input raises the same errors as make_document."""
    parsed = parse_request(request)
    organization = organization or pipeline.organization()
    made = make_parsed(parsed, None, pipeline, organization)
    assert made.model is not None  # the core always keeps the model it made
    context = pipeline.check_context(organization, parsed.position.location or "")
    terms = context.vocabulary.terms_of_trade
    statements = context.statement_sentences

    def marked(text: str) -> str:
        sentences = split_sentences(text)
        if statements and sentences and all(normalise_sentence(sentence) in statements
                                            for sentence in sentences):
            # The organization's own statements are not scored, so nothing in them is marked.
            return escape(text, quote=False)
        out, position = [], 0
        for span in coded_spans(text, context.competency_names, terms):
            out.append(escape(text[position:span.start], quote=False))
            word = escape(text[span.start:span.end], quote=False)
            out.append(f'<mark class="coded {span.coding}" title="{span.coding}-coded '
                       f'({escape(span.stem)})">{word}</mark>')
            position = span.end
        out.append(escape(text[position:], quote=False))
        return "".join(out)

    page = write_html(made.model, inline_text=marked, extra_css=MARK_CSS)
    figures = made.report.figures if made.report else {}
    # Each finding with the input that fixes it, so the page can point at its field.
    return Preview(made.kind, made.title, default_stem(made.title, made.kind), page,
                   made.advice(FIXED_BY), figures)
