"""A reference .docx reduced to the parts that make the look, before anything is copied from it.

Everything a reference holds is copied into every document written with it, so only what the
look needs is kept: styles, numbering, theme, settings, the font table (and embedded fonts),
headers and footers with their images, and the core properties. Its body and whatever the body
uses (images, comments, custom XML, app properties) are left out. Links to outside the package
(external images, hyperlinks, a remote attached template, a mail-merge source) and member names
that point outside the package (`../x`) are dropped with a warning naming the reference file.
Styles, numbering and settings are renamed to Word's usual part names, so a reference that
saved them under other valid names still works.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from ..errors import InputError

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "word/document.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
# Relationship types (the last part of the type URI) kept from the document part...
_DOCUMENT_PARTS = {"styles", "numbering", "theme", "settings", "fontTable", "header", "footer"}
# ... and from those parts: their images and embedded fonts.
_PART_RESOURCES = {"image", "font"}
_PACKAGE_PARTS = {"officeDocument", "core-properties"}
_USUAL_NAMES = {"styles": "word/styles.xml", "numbering": "word/numbering.xml",
                "settings": "word/settings.xml"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def reduce_reference(members: dict[str, bytes], unsafe_names: list[str], path: Path
                     ) -> tuple[dict[str, bytes], list[str]]:
    """The members to keep (some renamed or rewritten) and one warning per thing dropped."""
    reducer = _Reducer(members, path)
    if unsafe_names:
        reducer.warn(f"left out {len(unsafe_names)} member(s) whose names point outside the "
                     f"package: {_names(unsafe_names)}")
    return reducer.run(), reducer.warnings


class _Reducer:
    def __init__(self, members: dict[str, bytes], path: Path) -> None:
        self.members = members
        self.path = path
        self.kept: dict[str, bytes] = {}
        self.renamed: dict[str, str] = {}  # old part name -> new
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.path}: reference document: {message}")

    def run(self) -> dict[str, bytes]:
        if _CONTENT_TYPES not in self.members or _DOCUMENT not in self.members:
            raise InputError(f"not a Word document (no {_DOCUMENT}); save it from Word as "
                             ".docx", file=self.path)
        self.kept[_DOCUMENT] = self.members[_DOCUMENT]
        self._package_relationships()
        for name, kind in self._relationships(_DOCUMENT, _DOCUMENT_PARTS):
            if kind in ("header", "footer", "theme", "fontTable"):
                self._relationships(name, _PART_RESOURCES)
            elif kind == "settings":
                self._settings(name)
        self.kept[_CONTENT_TYPES] = self._content_types()
        # The package's order, content types and package relationships first as Word writes them.
        original = {self.renamed.get(name, name): index for index, name in enumerate(self.members)}
        first = {_CONTENT_TYPES: -2, _PACKAGE_RELS: -1}
        order = sorted(self.kept, key=lambda name: first.get(name, original.get(name, 0)))
        return {name: self.kept[name] for name in order}

    # -- relationships --------------------------------------------------------------------------
    def _package_relationships(self) -> None:
        root = self._xml(_PACKAGE_RELS) if _PACKAGE_RELS in self.members else None
        kept = []
        for relationship in list(root) if root is not None else []:
            kind = relationship.get("Type", "").rsplit("/", 1)[-1]
            target = relationship.get("Target", "").lstrip("/")
            if relationship.get("TargetMode") == "External":
                self.warn(f"dropped a link to {_quote(target)} outside the document")
            elif kind in _PACKAGE_PARTS and target in self.members:
                if kind != "officeDocument":
                    self.kept[target] = self.members[target]
                kept.append(relationship)
                continue
            root.remove(relationship)
        if not any(r.get("Type", "").endswith("/officeDocument") for r in kept):
            raise InputError(f"not a Word document (its package does not name {_DOCUMENT}); "
                             "save it from Word as .docx", file=self.path)
        self.kept[_PACKAGE_RELS] = _serialize(root)

    def _relationships(self, part: str, kept_kinds: set[str]) -> list[tuple[str, str]]:
        """Keep `part`'s relationships of `kept_kinds` and their targets; the part names kept."""
        rels_name = posixpath.join(posixpath.dirname(part), "_rels",
                                   posixpath.basename(part) + ".rels")
        if rels_name not in self.members:
            return []
        root = self._xml(rels_name)
        folder = posixpath.dirname(part)
        found: list[tuple[str, str]] = []
        dropped: set[str] = set()
        for relationship in list(root):
            kind = relationship.get("Type", "").rsplit("/", 1)[-1]
            target = relationship.get("Target", "")
            if relationship.get("TargetMode") == "External":
                self.warn(f"dropped a link to {_quote(target)} outside the document "
                          f"(from {part})")
            else:
                name = _part_name(folder, target)
                if kind in kept_kinds and name in self.members:
                    new_name = _USUAL_NAMES.get(kind, name) if part == _DOCUMENT else name
                    if new_name != name and new_name in self.members:
                        new_name = name  # the usual name is taken by an unrelated part
                    if new_name != name:
                        self.renamed[name] = new_name
                        relationship.set("Target", posixpath.relpath(new_name, folder))
                    self.kept[new_name] = self.members[name]
                    found.append((new_name, kind))
                    continue
                if part != _DOCUMENT:  # the body is replaced; its parts go quietly
                    self.warn(f"dropped {kind or 'a part'} {_quote(target)} used by {part}")
            dropped.add(relationship.get("Id", ""))
            root.remove(relationship)
        self.kept[rels_name] = _serialize(root)
        if dropped and part != _DOCUMENT:
            self.kept[part] = _without_references(self.kept[part], dropped, self.path)
        return found

    def _settings(self, name: str) -> None:
        """Settings link to an attached template or a mail-merge source only: both dropped."""
        rels_name = posixpath.join(posixpath.dirname(name), "_rels",
                                   posixpath.basename(name) + ".rels")
        if rels_name in self.members:
            for relationship in self._xml(rels_name):
                kind = relationship.get("Type", "").rsplit("/", 1)[-1]
                what = "the attached template" if kind == "attachedTemplate" else "a link to"
                self.warn(f"dropped {what} {_quote(relationship.get('Target', ''))}")
        root = etree.fromstring(self.kept[name], _PARSER)
        removed = False
        for tag in ("attachedTemplate", "mailMerge"):
            for element in root.findall(f"{{{_W_NS}}}{tag}"):
                root.remove(element)
                removed = True
        if removed:
            self.kept[name] = _serialize(root)

    def _content_types(self) -> bytes:
        root = self._xml(_CONTENT_TYPES)
        for override in root.findall(f"{{{_TYPES_NS}}}Override"):
            name = override.get("PartName", "").lstrip("/")
            name = self.renamed.get(name, name)
            if name in self.kept:
                override.set("PartName", "/" + name)
            else:
                root.remove(override)
        return _serialize(root)

    def _xml(self, name: str) -> etree._Element:
        try:
            return etree.fromstring(self.members[name], _PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"the part {name} is not valid XML ({exc.msg}); save it again "
                             "from Word as .docx", file=self.path) from None


def _part_name(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _without_references(data: bytes, dropped: set[str], path: Path) -> bytes:
    """The part with every r:id / r:link / r:embed naming a dropped relationship removed."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"a part of the document is not valid XML ({exc.msg})", file=path
                         ) from None
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            if attribute.startswith(f"{{{_R_NS}}}") and value in dropped:
                del element.attrib[attribute]
    return _serialize(root)


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= 80 else f"'{text[:77]}...'"


def _names(names: list[str]) -> str:
    shown = ", ".join(_quote(name) for name in names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")
