"""`band import`: a competency profile file to a profile folder in this project's format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .bandparse import ImportedBand, parse_bands
from .bandsource import read_source
from .errors import InputError
from .fileio import write_atomic


@dataclass(frozen=True)
class ImportResult:
    band: ImportedBand
    file: Path  # the band YAML written

    def summary(self) -> str:
        count = sum(len(s) for c in self.band.competencies for s in c.statements.values())
        return f"Wrote {self.file}: {self.band.title}, " + counts(
            len(self.band.competencies), len(self.band.levels), count)


def counts(competencies: int, levels: int, statements: int) -> str:
    def many(number: int, one: str, more: str) -> str:
        return f"{number} {one if number == 1 else more}"

    return ", ".join([many(competencies, "competency", "competencies"),
                      many(levels, "level", "levels"), many(statements, "statement", "statements")])


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "band"


def import_bands(source: Path, out_dir: Path | None) -> list[ImportResult]:
    """Every band in `source`, each written to `<out_dir>/<band-id>/<band-id>.yaml` (one band:
    to `out_dir` itself). Nothing is written unless every band reads."""
    return write_bands(read_bands(source), source, out_dir)


def read_bands(source: Path) -> list[ImportedBand]:
    """Every band (role) a competency profile file holds, read but not written."""
    return parse_bands(source, read_source(source))


def write_bands(bands: list[ImportedBand], source: Path, out_dir: Path | None
                ) -> list[ImportResult]:
    """The bands read from `source` written as profile folders; none when a folder is taken."""
    targets = []
    for band in bands:
        band_id = slug(band.title)
        folder = (out_dir or Path(band_id)) if len(bands) == 1 else \
            (out_dir or Path(".")) / band_id
        file = folder / f"{band_id}.yaml"
        existing = sorted(p.name for p in folder.glob("*.yaml")
                          if p.name != "organization.yaml") if folder.is_dir() else []
        if existing:
            raise InputError(f"already holds {', '.join(existing)}; import into a new folder "
                             "with -o DIR", file=folder)
        targets.append((band, band_id, file))
    results = []
    for band, band_id, file in targets:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, band_yaml(band, band_id, source).encode("utf-8"))
        results.append(ImportResult(band, file))
    return results


def band_yaml(band: ImportedBand, band_id: str, source: Path) -> str:
    document: dict[str, object] = {
        "id": band_id,
        "title": band.title,
        "description_of_work": band.description_of_work,
    }
    if band.category:
        document["competency_category"] = band.category
    document["levels"] = [{"id": slug(name), "name": name} for name in band.levels]
    document["competencies"] = [
        {"id": slug(c.name), "name": c.name,
         **({"definition": c.definition} if c.definition else {}),
         "statements": {slug(level): list(c.statements.get(level, ())) for level in band.levels}}
        for c in band.competencies]
    header = (f"# {band.title} competency profile, imported by `jdbuilder band import` from "
              f"{source.name}.\n# Statements are the published text, one sentence each; only "
              "missing final periods were added.\n")
    if band.role_descriptions:
        header += "# Role descriptions by competency level (kept here as the profile printed them):\n"
        for level, text in band.role_descriptions.items():
            header += f"#   {level}: {text}\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
