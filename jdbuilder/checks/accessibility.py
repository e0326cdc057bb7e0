"""Accessibility findings for a .docx or an .html file, ours or written elsewhere.

The checks read the file's structure (not the text model the wording checks use): document
language and title, heading order, table header rows, image text alternatives, link text,
text contrast where the document states its colours, and empty paragraphs used as spacing.
Each finding names the WCAG 2.1 success criterion it rests on
(https://www.w3.org/TR/WCAG21/); Section 508's checklists for Word ask for the same things
(built-in headings, a repeating header row, alt text, a document language and a Title property).

What is not checked here is left to the tools made for it: the HTML we write is also run through
axe-core in a browser by the test suite, which computes the full CSS cascade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from ..errors import InputError, JdbuilderError
from ..fileio import MAX_DOCUMENT_INPUT_BYTES, read_input_bytes
from ..safezip import read_zip
from .findings import ERROR, WARNING, Problem, finding

CHECK = "accessibility"
# WCAG 2.1 success criteria, as the findings cite them.
NON_TEXT_CONTENT = "WCAG 2.1 SC 1.1.1 Non-text Content (Level A)"
INFO_AND_RELATIONSHIPS = "WCAG 2.1 SC 1.3.1 Info and Relationships (Level A)"
CONTRAST_MINIMUM = "WCAG 2.1 SC 1.4.3 Contrast (Minimum) (Level AA)"
PAGE_TITLED = "WCAG 2.1 SC 2.4.2 Page Titled (Level A)"
LINK_PURPOSE = "WCAG 2.1 SC 2.4.4 Link Purpose (In Context) (Level A)"
LANGUAGE_OF_PAGE = "WCAG 2.1 SC 3.1.1 Language of Page (Level A)"

# SC 1.4.3: 4.5:1 for text, 3:1 for large text (at least 18 pt, or 14 pt bold).
CONTRAST_TEXT = 4.5
CONTRAST_LARGE_TEXT = 3.0
LARGE_TEXT_PT = 18.0
LARGE_BOLD_TEXT_PT = 14.0
# Link text that says nothing about where the link goes (WCAG technique F84 and G91).
VAGUE_LINK_TEXT = frozenset({"click here", "click", "here", "click this", "this link", "link",
                             "more", "read more", "learn more", "more info", "more information",
                             "go", "this", "details", "tap here", "press here"})
_BARE_URL = re.compile(r"^(?:https?://|ftp://|www\.|mailto:)\S+$|^\S+@\S+\.\w+$", re.I)
# The hardened parser every .docx part from outside goes through: no entities, DTDs or network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
ACCESSIBILITY_SUFFIXES = (".docx", ".html", ".htm")


def accessibility_findings(path: Path) -> list[Problem]:
    """The accessibility findings for one .docx or .html file; [] for any other kind."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return docx_findings(read_input_bytes(Path(path), InputError, MAX_DOCUMENT_INPUT_BYTES))
    if suffix in (".html", ".htm"):
        return html_findings(read_input_bytes(Path(path), InputError))
    return []


def _finding(severity: str, message: str, criterion: str, where: str = "whole document",
             text: str = "", code: str = "") -> Problem:
    return finding(CHECK, severity, message, where, text[:200], criterion, code=code)


# SC 2.4.4 lets the sentence around a link say where it goes ("Apply online at https://...");
# a bare address with fewer words than this around it says nothing but the address.
CONTEXT_WORDS = 2


def _link_problem(name: str, context: str = "") -> tuple[str, str, str] | None:
    """(severity, message, code) when a link's text does not say where it goes; `context` is the
    text of the paragraph, list item or cell around the link, the link's own text left out."""
    text = " ".join(name.split())
    if not text:
        return (ERROR, "a link has no text; give it text that says where it goes",
                "link-text-missing")
    folded = text.lower().strip(".:!»>→ ")
    if folded in VAGUE_LINK_TEXT:
        return ERROR, (f'link text "{text}" does not say where the link goes; name the '
                       'destination, e.g. "Apply on the careers site"'), "link-text-vague"
    if _BARE_URL.match(text) and len(re.findall(r"\w+", context)) < CONTEXT_WORDS:
        return WARNING, ("link text is the bare address and nothing around it says where it "
                         "goes; a screen reader spells it out: name the destination (e.g. "
                         '"Apply online at ...") and keep the address in the link'
                         ), "link-text-bare-address"
    return None


def _heading_skips(levels: Iterable[tuple[int, str, str]], tag: str) -> list[Problem]:
    """Levels (1 = top) in document order with where and text; 0 is a document title."""
    findings = []
    previous = 0
    for level, where, text in levels:
        if level > previous + 1:
            findings.append(_finding(
                WARNING, f"heading level skips from {tag}{previous} to {tag}{level}; use "
                         f"{tag}{previous + 1} here, or make the heading above it a level "
                         "higher" if previous else
                f"the first heading is {tag}{level}; start the outline at {tag}1",
                INFO_AND_RELATIONSHIPS, where, text, "heading-level-skipped"))
        previous = level
    return findings


def _empty_runs(flags: list[tuple[bool, str]]) -> list[Problem]:
    """One finding per run of empty paragraphs; `flags` is (empty, where) in document order."""
    findings = []
    run: list[str] = []
    for empty, where in [*flags, (False, "")]:
        if empty:
            run.append(where)
            continue
        if run:
            count = len(run)
            findings.append(_finding(
                WARNING, f"{count} empty paragraph{'s' if count > 1 else ''} used as spacing; "
                         "set space before or after in the paragraph style instead (a screen "
                         "reader announces each one as blank)",
                INFO_AND_RELATIONSHIPS, run[0], code="empty-paragraphs"))
            run = []
    return findings


# ---------------------------------------------------------------------------------------------
# colour


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


_NAMED = {"black": "000000", "white": "ffffff", "gray": "808080", "grey": "808080",
          "silver": "c0c0c0", "red": "ff0000", "maroon": "800000", "yellow": "ffff00",
          "olive": "808000", "lime": "00ff00", "green": "008000", "aqua": "00ffff",
          "cyan": "00ffff", "teal": "008080", "blue": "0000ff", "navy": "000080",
          "fuchsia": "ff00ff", "magenta": "ff00ff", "purple": "800080", "orange": "ffa500",
          "lightgray": "d3d3d3", "lightgrey": "d3d3d3", "darkgray": "a9a9a9",
          "darkgrey": "a9a9a9", "dimgray": "696969", "dimgrey": "696969"}
WHITE = (255, 255, 255)


def parse_colour(value: str | None) -> tuple[int, int, int] | None:
    """#rgb, #rrggbb, rrggbb (Word), rgb(r, g, b) or a basic colour name; None when unknown,
    transparent or 'auto'."""
    if not value:
        return None
    text = value.strip().lower()
    text = _NAMED.get(text, text)
    rgb = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", text)
    if rgb:
        if rgb.group(4) is not None and float(rgb.group(4)) < 1:
            return None  # see-through: the colour shown depends on what is behind
        return tuple(min(int(rgb.group(i)), 255) for i in (1, 2, 3))  # type: ignore[return-value]
    text = text.lstrip("#")
    if re.fullmatch(r"[0-9a-f]{3}", text):
        text = "".join(c * 2 for c in text)
    if re.fullmatch(r"[0-9a-f]{6}", text):
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    return None


def _contrast_finding(foreground: tuple[int, int, int], background: tuple[int, int, int],
                      large: bool, where: str, text: str, what: str) -> Problem | None:
    ratio = contrast_ratio(foreground, background)
    needed = CONTRAST_LARGE_TEXT if large else CONTRAST_TEXT
    if ratio >= needed:
        return None
    hex_of = "#{:02X}{:02X}{:02X}".format
    return _finding(ERROR, f"{what} {hex_of(*foreground)} on {hex_of(*background)} has contrast "
                           f"{ratio:.2f}:1, below {needed:g}:1 for {'large ' if large else ''}"
                           "text; darken the text or lighten the background",
                    CONTRAST_MINIMUM, where, text, "contrast-low")


# ---------------------------------------------------------------------------------------------
# HTML

_HEADING_TAG = re.compile(r"^h([1-6])$")
_DEFAULT_PX = {"h1": 32.0, "h2": 24.0, "h3": 18.72, "h4": 16.0, "h5": 13.28, "h6": 10.72}
_BOLD_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "th", "strong", "b"}
_LINK_CONTEXT_TAGS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
                      "caption", "figcaption", "blockquote"}
_NOT_SHOWN = {"head", "script", "style", "template", "noscript", "title", "meta", "link"}


def html_findings(content: bytes | str) -> list[Problem]:
    from lxml import html as lxml_html  # only HTML is checked with it: a posting's start-up skips it

    try:
        root = lxml_html.document_fromstring(content)
    except (etree.ParserError, ValueError) as exc:
        return [_finding(ERROR, f"cannot read the HTML ({exc})", INFO_AND_RELATIONSHIPS)]
    findings: list[Problem] = []
    html = root if root.tag == "html" else root.getroottree().getroot()
    if not (html.get("lang") or html.get("xml:lang") or "").strip():
        findings.append(_finding(ERROR, 'the page has no language; add lang="en" (or the '
                                        "page's language) to the <html> element",
                                 LANGUAGE_OF_PAGE, "<html>", code="language-missing"))
    title = root.find(".//title")
    if title is None or not (title.text_content() or "").strip():
        findings.append(_finding(ERROR, "the page has no title; add a <title> naming the "
                                        "document (e.g. the job title) to <head>",
                                 PAGE_TITLED, "<head>", code="title-missing"))
    body = root.find("body")
    scope = body if body is not None else root
    levels = []
    for element in scope.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        levels.append((int(element.tag[1]), _line(element), _text(element)))
    findings += _heading_skips(levels, "h")
    for table in scope.iter("table"):
        if (table.get("role") or "").lower() in ("presentation", "none"):
            continue
        if not any(True for _ in table.iter("th")) and not table.xpath(".//*[@scope]"):
            findings.append(_finding(ERROR, "a table has no header cells; mark its header row "
                                            "(or label column) with <th>",
                                     INFO_AND_RELATIONSHIPS, _line(table),
                                     " | ".join(_text(cell) for cell in table.iter("td"))[:80],
                                     "table-header-missing"))
    for element in scope.iter("img", "area", "input"):
        if element.tag == "input" and (element.get("type") or "").lower() != "image":
            continue
        if element.get("alt") is None and not (element.get("aria-label") or "").strip() \
                and (element.get("role") or "").lower() not in ("presentation", "none"):
            name = element.get("src") or element.get("href") or element.tag
            findings.append(_finding(ERROR, f"<{element.tag}> has no alt text; describe it "
                                            'with alt="...", or use alt="" if it is decorative',
                                     NON_TEXT_CONTENT, _line(element), name,
                                     "image-alt-missing"))
    for link in scope.iter("a"):
        if link.get("href") is None:
            continue
        name = (link.get("aria-label") or "").strip() or _text(link) or " ".join(
            image.get("alt") or "" for image in link.iter("img")).strip()
        block = next((a for a in link.iterancestors() if a.tag in _LINK_CONTEXT_TAGS), None)
        context = _text(block).replace(_text(link), " ", 1) if block is not None else ""
        problem = _link_problem(name, context)
        if problem:
            findings.append(_finding(problem[0], problem[1], LINK_PURPOSE, _line(link), name,
                                     problem[2]))
    findings += _empty_runs([(_is_empty_html_paragraph(p), _line(p)) for p in scope.iter("p")])
    findings += _html_contrast(root, scope)
    return findings


def _line(element) -> str:
    return f"line {element.sourceline}" if element.sourceline else f"<{element.tag}>"


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _is_empty_html_paragraph(paragraph) -> bool:
    if _text(paragraph).replace("\xa0", ""):
        return False
    return not any(child.tag in ("img", "input", "iframe", "object", "svg", "video", "audio")
                   for child in paragraph.iter())


@dataclass(frozen=True)
class _Rule:
    specificity: tuple[int, int, int]
    order: int
    tag: str | None
    classes: tuple[str, ...]
    element_id: str | None
    declarations: dict[str, str]


_SIMPLE_SELECTOR = re.compile(r"^(\*|[a-z][a-z0-9]*)?((?:\.[\w-]+)*)(#[\w-]+)?((?:\.[\w-]+)*)$",
                              re.I)


def _css_rules(css: str, start: int) -> list[_Rule]:
    """Rules with simple selectors (tag, .class, tag.class, #id, *). Descendant, child and
    pseudo selectors are skipped: this is a check of stated colours, not a browser."""
    rules = []
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)[^{}]*\}", "", css)
    for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", css), start):
        declarations = _declarations(body)
        if not declarations:
            continue
        for selector in selectors.split(","):
            match = _SIMPLE_SELECTOR.match(selector.strip())
            if not match or not selector.strip():
                continue
            tag = match.group(1) if match.group(1) not in (None, "*") else None
            classes = tuple(c for c in (match.group(2) + match.group(4)).split(".") if c)
            element_id = match.group(3)[1:] if match.group(3) else None
            specificity = (int(element_id is not None), len(classes), int(tag is not None))
            rules.append(_Rule(specificity, order, tag and tag.lower(), classes, element_id,
                               declarations))
    return rules


def _declarations(text: str) -> dict[str, str]:
    found = {}
    for declaration in text.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.replace("!important", "").strip()
        if name == "background" and value:
            colour = next((token for token in re.split(r"\s+(?![^(]*\))", value)
                           if parse_colour(token)), None)
            if colour:
                found["background-color"] = colour
        elif name in ("color", "background-color", "font-size", "font-weight") and value:
            found[name] = value
    return found


def _matches(rule: _Rule, element) -> bool:
    if rule.tag and element.tag != rule.tag:
        return False
    if rule.element_id and element.get("id") != rule.element_id:
        return False
    classes = set((element.get("class") or "").split())
    return all(c in classes for c in rule.classes)


def _font_px(value: str | None, inherited: float) -> float:
    if not value:
        return inherited
    number = re.fullmatch(r"([\d.]+)(px|pt|rem|em|%)", value.strip().lower())
    if not number:
        return inherited
    amount, unit = float(number.group(1)), number.group(2)
    return {"px": amount, "pt": amount * 4 / 3, "rem": amount * 16, "em": amount * inherited,
            "%": amount * inherited / 100}[unit]


def _html_contrast(root, scope) -> list[Problem]:
    css = "\n".join(style.text_content() for style in root.iter("style"))
    rules = sorted(_css_rules(css, 0), key=lambda rule: (rule.specificity, rule.order))
    if not rules and not root.xpath("//*[@style]"):
        return []
    findings: list[Problem] = []
    seen: set[tuple[tuple[int, int, int], tuple[int, int, int], bool]] = set()

    def visit(element, colour, background, stated, px, bold) -> None:
        if not isinstance(element.tag, str) or element.tag in _NOT_SHOWN:
            return
        declared: dict[str, str] = {}
        for rule in rules:
            if _matches(rule, element):
                declared.update(rule.declarations)
        declared.update(_declarations(element.get("style") or ""))
        own_colour = parse_colour(declared.get("color"))
        own_background = parse_colour(declared.get("background-color"))
        colour = own_colour or colour
        background = own_background or background
        stated = stated or own_colour is not None or own_background is not None
        px = _font_px(declared.get("font-size"), _DEFAULT_PX.get(element.tag, px))
        weight = declared.get("font-weight", "")
        bold = (element.tag in _BOLD_TAGS or bold or weight == "bold"
                or (weight.isdigit() and int(weight) >= 700))
        own_text = (element.text or "") + "".join(child.tail or "" for child in element)
        if stated and own_text.strip():
            points = px * 3 / 4
            large = points >= LARGE_TEXT_PT or (bold and points >= LARGE_BOLD_TEXT_PT)
            key = (colour, background, large)
            if key not in seen:
                found = _contrast_finding(colour, background, large, _line(element),
                                          " ".join(own_text.split()), "text")
                if found:
                    seen.add(key)
                    findings.append(found)
        for child in element:
            visit(child, colour, background, stated, px, bold)

    visit(scope, (0, 0, 0), WHITE, False, 16.0, False)
    return findings


# ---------------------------------------------------------------------------------------------
# Word

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    colour: str | None
    shading: str | None
    size: int | None  # half-points
    bold: bool | None
    outline: int | None


class _Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, _Style] = {}
        # table style id -> (part, colour, shading, bold) per conditional part (firstRow, ...)
        self.conditional: dict[str, list[tuple[str, str | None, str | None, bool]]] = {}
        self.default_paragraph: str | None = None
        self.default_language = None
        self.default_size: int | None = None
        if root is None:
            return
        defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        if defaults is not None:
            self.default_language = defaults.find("w:lang", NS)
            size = defaults.find("w:sz", NS)
            self.default_size = _int(size.get(_w("val"))) if size is not None else None
        for style in root.iterfind("w:style", NS):
            style_id = style.get(_w("styleId")) or ""
            name = style.find("w:name", NS)
            based = style.find("w:basedOn", NS)
            rpr = style.find("w:rPr", NS)
            ppr = style.find("w:pPr", NS)
            self.by_id[style_id] = _Style(
                (name.get(_w("val")) if name is not None else style_id) or style_id,
                based.get(_w("val")) if based is not None else None,
                _attr(rpr, "w:color"), _attr(ppr, "w:shd", "fill") or _attr(rpr, "w:shd", "fill"),
                _int(_attr(rpr, "w:sz")), _on(rpr, "w:b"), _int(_attr(ppr, "w:outlineLvl")))
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph = style_id
                if rpr is not None and rpr.find("w:lang", NS) is not None:
                    self.default_language = rpr.find("w:lang", NS)
            self.conditional[style_id] = [
                (part.get(_w("type")) or "", _attr(part.find("w:rPr", NS), "w:color"),
                 _attr(part.find("w:tcPr", NS), "w:shd", "fill"),
                 bool(_on(part.find("w:rPr", NS), "w:b")))
                for part in style.iterfind("w:tblStylePr", NS)]

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on

    def first(self, style_id: str | None, field: str):
        for style in self.chain(style_id):
            value = getattr(style, field)
            if value is not None:
                return value
        return None

    def heading_level(self, style_id: str | None) -> int | None:
        """0 for the Title style, N for 'heading N' (or an outline level N-1), else None."""
        for style in self.chain(style_id):
            name = style.name.strip().lower()
            if name == "title":
                return 0
            match = re.fullmatch(r"heading\s*([1-9])", name)
            if match:
                return int(match.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None


def _attr(element, path: str, attribute: str = "val") -> str | None:
    if element is None:
        return None
    found = element.find(path, NS)
    return found.get(_w(attribute)) if found is not None else None


def _on(element, path: str) -> bool | None:
    if element is None:
        return None
    found = element.find(path, NS)
    if found is None:
        return None
    return found.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _docx_text(element) -> str:
    return " ".join("".join(t.text or "" for t in element.iter(_w("t"))).split())


def _docx_parts(content: bytes) -> dict[str, bytes]:
    """The package's XML parts, opened as every .docx from outside is: through safezip's
    limits (entries, sizes, damage, encryption, unsafe names)."""
    package = read_zip(Path("document.docx"), InputError, data=content)
    return {name: data for name, data in package.members.items() if name.endswith(".xml")}


def _xml(data: bytes):
    return etree.fromstring(data, _PARSER)


def docx_findings(content: bytes) -> list[Problem]:
    try:
        parts = _docx_parts(content)
        document = _xml(parts["word/document.xml"])
        styles = _Styles(_xml(parts["word/styles.xml"]) if "word/styles.xml" in parts else None)
        core = _xml(parts["docProps/core.xml"]) if "docProps/core.xml" in parts else None
        others = {name: _xml(data) for name, data in parts.items()
                  if re.fullmatch(r"word/(header|footer)\d*\.xml", name)}
    except JdbuilderError as exc:
        return [_finding(ERROR, f"cannot read the Word document ({exc.problem.message})",
                         INFO_AND_RELATIONSHIPS)]
    except (KeyError, etree.XMLSyntaxError) as exc:
        return [_finding(ERROR, f"cannot read the Word document ({exc})",
                         INFO_AND_RELATIONSHIPS)]
    findings: list[Problem] = []
    language = core.findtext("dc:language", namespaces=NS) if core is not None else None
    default_language = (styles.default_language.get(_w("val"))
                        if styles.default_language is not None else None)
    if not (language or "").strip() and not (default_language or "").strip():
        findings.append(_finding(ERROR, "the document has no language; in Word set Review > "
                                        "Language for the whole text (or the Normal style)",
                                 LANGUAGE_OF_PAGE, code="language-missing"))
    title = core.findtext("dc:title", namespaces=NS) if core is not None else None
    if not (title or "").strip():
        findings.append(_finding(ERROR, "the document has no Title property; set it in File > "
                                        "Info > Properties > Title", PAGE_TITLED,
                                 code="title-missing"))
    body = document.find("w:body", NS)
    if body is None:
        return findings
    findings += _docx_structure(body, styles)
    for name, root in [("body", document), *sorted(others.items())]:
        where = "" if name == "body" else name.removeprefix("word/").removesuffix(".xml") + ": "
        findings += _docx_images(root, where)
        findings += _docx_links(root, where)
    findings += _docx_contrast(document, others, styles)
    return findings


def _docx_structure(body, styles: _Styles) -> list[Problem]:
    findings: list[Problem] = []
    children = [child for child in body if child.tag in (_w("p"), _w("tbl"))]
    levels = []
    empty_flags: list[tuple[bool, str]] = []
    paragraphs = tables = 0
    for index, child in enumerate(children):
        if child.tag == _w("tbl"):
            tables += 1
            findings += _docx_table(child, tables, styles)
            empty_flags.append((False, ""))
            if index and children[index - 1].tag == _w("tbl"):
                findings.append(_finding(
                    WARNING, f"tables {tables - 1} and {tables} touch, with nothing between "
                             "them: Word joins them into one table (the second under the "
                             "first's header); put a paragraph between them",
                    INFO_AND_RELATIONSHIPS, f"table {tables}", code="tables-adjacent"))
            continue
        paragraphs += 1
        where = f"paragraph {paragraphs}"
        style_id = _attr(child.find("w:pPr", NS), "w:pStyle") or styles.default_paragraph
        level = styles.heading_level(style_id)
        outline = _int(_attr(child.find("w:pPr", NS), "w:outlineLvl"))
        if level is None and outline is not None and outline < 9:
            level = outline + 1
        text = _docx_text(child)
        if level is not None and text:
            levels.append((level, where, text))
        previous = children[index - 1].tag if index else None
        following = children[index + 1].tag if index + 1 < len(children) else None
        # Word needs a paragraph after a table at the end of the document and between two
        # tables; such a paragraph is structure, not spacing.
        needed = previous == _w("tbl") and following in (None, _w("tbl"))
        empty_flags.append((_is_empty_docx_paragraph(child) and not needed, where))
    # The Title style is the document's title (level 0): the outline starts below it.
    findings += _heading_skips([entry for entry in levels if entry[0] > 0], "Heading ")
    findings += _empty_runs(empty_flags)
    findings += _typed_bullets(body)
    return findings


_TYPED_BULLET = re.compile(r"^\s*[•◦▪‣·●○■–*-]\s")


def _lines(paragraph) -> list[str]:
    """A paragraph's lines with text: its text split at its line breaks."""
    text = []
    for element in paragraph.iter(_w("t"), _w("br")):
        text.append("\n" if element.tag == _w("br") else element.text or "")
    return [line for line in "".join(text).split("\n") if line.strip()]


def _typed_bullets(body) -> list[Problem]:
    """Lists typed as '• ' at the start of paragraphs or of lines in a cell: a screen reader
    reads them as text, and their wrapped lines have no hanging indent. One finding per list
    in the body (by its paragraphs, counted as elsewhere) and one per table holding any."""
    findings = []

    def found(where: str) -> None:
        findings.append(_finding(
            WARNING, "a list typed with bullet characters, not a Word list: screen readers do "
                     "not announce it and its lines do not hang; select it and apply Home > "
                     "Bullets (the List Bullet style)",
            INFO_AND_RELATIONSHIPS, where, code="list-typed"))

    run: list[int] = []
    paragraphs = tables = 0
    for child in body:
        if child.tag == _w("tbl"):
            tables += 1
            cells = [_bullet_lines(paragraph) for paragraph in child.iter(_w("p"))]
            if any(count >= 2 for count in cells) or _longest_streak(cells) >= 2:
                found(f"table {tables}")
        if child.tag != _w("p"):
            continue
        paragraphs += 1
        if _bullet_lines(child) == 1 and len(_lines(child)) == 1:
            run.append(paragraphs)
            continue
        if len(run) >= 2:
            found(f"paragraphs {run[0]}-{run[-1]}")
        run = []
        if _bullet_lines(child) >= 2:
            found(f"paragraph {paragraphs}")
    if len(run) >= 2:
        found(f"paragraphs {run[0]}-{run[-1]}")
    return findings


def _bullet_lines(paragraph) -> int:
    return sum(1 for line in _lines(paragraph) if _TYPED_BULLET.match(line))


def _longest_streak(counts: list[int]) -> int:
    best = current = 0
    for count in counts:
        current = current + 1 if count == 1 else 0
        best = max(best, current)
    return best


def _labels_cell(cell, style_bold: bool) -> bool:
    if cell is None or not _docx_text(cell):
        return False
    runs = [run for run in cell.iter(_w("r")) if "".join(t.text or "" for t in run.iter(_w("t"))
                                                          ).strip()]
    return style_bold or all(_on(run.find("w:rPr", NS), "w:b") for run in runs)


def _docx_table(table, number: int, styles: _Styles) -> list[Problem]:
    rows = table.findall("w:tr", NS)
    if not rows:
        return []
    header_row = rows[0].find("w:trPr/w:tblHeader", NS) is not None and _on(
        rows[0].find("w:trPr", NS), "w:tblHeader") is not False
    look = table.find("w:tblPr/w:tblLook", NS)
    # A label/value table (a fact box, a form's header) has bold labels down its first column:
    # read row by row, each label comes with its value. Word has no column-header markup, so the
    # labels are recognised by their look: bold text, set directly or by the table style's
    # "First Column" formatting where the table turns that option on.
    mask = look.get(_w("val")) if look is not None else None
    first_column_on = look is not None and (look.get(_w("firstColumn")) in ("1", "true") or bool(
        mask and re.fullmatch(r"[0-9A-Fa-f]{4}", mask) and int(mask, 16) & 0x80))
    style_id = _attr(table.find("w:tblPr", NS), "w:tblStyle")
    style_bold_labels = first_column_on and any(
        part == "firstCol" and bold for part, _, _, bold in styles.conditional.get(style_id, []))
    label_column = all(_labels_cell(row.find("w:tc", NS), style_bold_labels) for row in rows)
    if header_row or label_column:
        return []
    return [_finding(ERROR, "a table has no header row; select its first row and set Table "
                            "Properties > Row > 'Repeat as header row at the top of each page' "
                            "(or, for labels down the side, Table Design > First Column)",
                     INFO_AND_RELATIONSHIPS, f"table {number}", _docx_text(rows[0])[:80],
                     "table-header-missing")]


def _is_empty_docx_paragraph(paragraph) -> bool:
    if _docx_text(paragraph):
        return False
    for element in paragraph.iter():
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if tag in ("drawing", "pict", "object", "fldSimple", "instrText", "sectPr", "tab"):
            return False
        if tag == "br" and element.get(_w("type")) in ("page", "column"):
            return False
    return True


def _docx_images(root, where: str) -> list[Problem]:
    findings = []
    for number, properties in enumerate(root.iter(f"{{{NS['wp']}}}docPr"), 1):
        described = (properties.get("descr") or properties.get("title") or "").strip()
        decorative = any(element.get("val") in ("1", "true")
                         for element in properties.iter(f"{{{_DECORATIVE}}}decorative"))
        if not described and not decorative:
            name = properties.get("name") or f"image {number}"
            findings.append(_finding(ERROR, f"image '{name}' has no alt text; right-click it > "
                                            "View Alt Text and describe it, or mark it "
                                            "decorative", NON_TEXT_CONTENT,
                                     f"{where}image {number}".strip(), code="image-alt-missing"))
    for number, shape in enumerate(root.iter(f"{{{NS['v']}}}shape"), 1):
        if shape.find("v:imagedata", NS) is not None and not (shape.get("alt") or "").strip():
            findings.append(_finding(ERROR, "an image has no alt text; add a description",
                                     NON_TEXT_CONTENT, f"{where}picture {number}".strip(),
                                     code="image-alt-missing"))
    return findings


def _docx_links(root, where: str) -> list[Problem]:
    findings = []
    for number, link in enumerate(root.iter(_w("hyperlink")), 1):
        name = _docx_text(link)
        paragraph = next((a for a in link.iterancestors() if a.tag == _w("p")), None)
        context = (_docx_text(paragraph).replace(name, " ", 1) if paragraph is not None
                   else "")
        problem = _link_problem(name, context)
        if problem:
            findings.append(_finding(problem[0], problem[1], LINK_PURPOSE,
                                     f"{where}link {number}", name, problem[2]))
    return findings


def _docx_contrast(document, others: dict, styles: _Styles) -> list[Problem]:
    """Stated colours: those of the styles the document uses (against their shading, or white)
    and of runs formatted directly (against run, paragraph or cell shading, or white)."""
    findings: list[Problem] = []
    used: set[str] = set()
    for root in [document, *others.values()]:
        for tag in ("pStyle", "rStyle", "tblStyle"):
            used.update(e.get(_w("val")) for e in root.iter(_w(tag)) if e.get(_w("val")))
    if styles.default_paragraph:
        used.add(styles.default_paragraph)
    seen: set[tuple] = set()

    def add(found: Problem | None, key: tuple) -> None:
        if found and key not in seen:
            seen.add(key)
            findings.append(found)

    for style_id in sorted(used):
        colour = parse_colour(styles.first(style_id, "colour"))
        size = styles.first(style_id, "size") or styles.default_size or 22
        bold = bool(styles.first(style_id, "bold"))
        large = _large_docx(size, bold)
        name = styles.by_id[style_id].name if style_id in styles.by_id else style_id
        if colour:
            background = parse_colour(styles.first(style_id, "shading")) or WHITE
            add(_contrast_finding(colour, background, large, f"style '{name}'", "",
                                  "the style's text"), (colour, background, large))
        for part, part_colour, fill, _ in styles.conditional.get(style_id, []):
            fg = parse_colour(part_colour) or colour
            bg = parse_colour(fill)
            if fg and bg:
                add(_contrast_finding(fg, bg, large, f"style '{name}' ({part})", "",
                                      "the table style's text"), (fg, bg, large))
    for root in [document, *others.values()]:
        for run in root.iter(_w("r")):
            rpr = run.find("w:rPr", NS)
            colour = parse_colour(_attr(rpr, "w:color"))
            if not colour:
                continue
            background = parse_colour(_attr(rpr, "w:shd", "fill"))
            ancestor = run.getparent()
            while background is None and ancestor is not None:
                if ancestor.tag == _w("p"):
                    background = parse_colour(_attr(ancestor.find("w:pPr", NS), "w:shd", "fill"))
                elif ancestor.tag == _w("tc"):
                    background = parse_colour(_attr(ancestor.find("w:tcPr", NS), "w:shd", "fill"))
                ancestor = ancestor.getparent()
            size = _int(_attr(rpr, "w:sz")) or styles.default_size or 22
            large = _large_docx(size, bool(_on(rpr, "w:b")))
            text = _docx_text(run)
            if text:
                add(_contrast_finding(colour, background or WHITE, large, "text run", text,
                                      "text"), (colour, background or WHITE, large))
    return findings


def _large_docx(half_points: int, bold: bool) -> bool:
    points = half_points / 2
    return points >= LARGE_TEXT_PT or (bold and points >= LARGE_BOLD_TEXT_PT)


# ---------------------------------------------------------------------------------------------
# A reference document, checked when it is loaded

_REFERENCE_STYLE = re.compile(r"title|subtitle|heading\s*[1-9]")


def reference_findings(content: bytes) -> list[Problem]:
    """What a reference .docx gives every document made with it, checked once when it is
    loaded: each Title, Subtitle and Heading N style whose text colour is under 4.5:1 (3:1 for
    large text) on its shading or white, named one by one, and each image in its header or
    footer without alt text. Warnings: the documents are still made."""
    try:
        parts = _docx_parts(content)
        styles = _Styles(_xml(parts["word/styles.xml"]) if "word/styles.xml" in parts else None)
        others = {name: _xml(data) for name, data in parts.items()
                  if re.fullmatch(r"word/(header|footer)\d*\.xml", name)}
    except (JdbuilderError, KeyError, etree.XMLSyntaxError):
        return []  # the reference loader says what is wrong with the file itself
    findings = []
    for style_id, style in styles.by_id.items():
        if not _REFERENCE_STYLE.fullmatch(style.name.strip().lower()):
            continue
        colour = parse_colour(styles.first(style_id, "colour"))
        if not colour:
            continue
        size = styles.first(style_id, "size") or styles.default_size or 22
        large = _large_docx(size, bool(styles.first(style_id, "bold")))
        background = parse_colour(styles.first(style_id, "shading")) or WHITE
        shown = _ui_name(style.name)
        found = _contrast_finding(colour, background, large, f"style '{shown}'", "",
                                  f"reference document: the {shown} style's text")
        if found:
            findings.append(replace(found, severity=WARNING))
    for name, root in sorted(others.items()):
        where = "reference document, " + name.removeprefix("word/").removesuffix(".xml") + ": "
        findings += [replace(found, severity=WARNING) for found in _docx_images(root, where)]
    return findings


def _ui_name(name: str) -> str:
    """Styles store a few built-in names in lower case ('heading 1'); Word shows 'Heading 1'."""
    return name[:1].upper() + name[1:]
