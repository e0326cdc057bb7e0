"""`jdbuilder list`: the profile's specializations, levels and competencies as rows or JSON."""

from __future__ import annotations

import textwrap
from typing import Any

from .profile import Profile


def listing_json(profile: Profile, what: str) -> list[dict[str, Any]]:
    if what == "specializations":
        return [{"id": s.id, "name": s.name, "aliases": list(s.aliases),
                 "titles": {level: role.title for level, role in s.roles.items()}}
                for s in profile.specializations]
    if what == "levels":
        return [{"id": level.id, "name": level.name} for level in profile.levels]
    return [{"id": c.id, "name": c.name,
             "statements": {level: list(items) for level, items in c.statements.items()}}
            for c in profile.competencies]


WRAP_LAST_COLUMN = 48


def _table(header: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; the last column wraps so the table stays narrow."""
    wrapped = [[*row[:-1], textwrap.wrap(row[-1], WRAP_LAST_COLUMN) or [""]] for row in rows]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)]
    last = max([len(header[-1])] + [len(line) for row in wrapped for line in row[-1]])
    widths.append(last)
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    for row in wrapped:
        for index, part in enumerate(row[-1]):
            cells = row[:-1] if index == 0 else [""] * (len(row) - 1)
            lines.append("  ".join(str(cell).ljust(width)
                                   for cell, width in zip([*cells, part], widths)).rstrip())
    return "\n".join(lines)


def listing_rows(profile: Profile, what: str) -> str:
    if what == "specializations":
        return _table(["ID", "NAME", "ALIASES"],
                      [[s.id, s.name, ", ".join(s.aliases)] for s in profile.specializations])
    if what == "levels":
        return _table(["ID", "NAME"], [[level.id, level.name] for level in profile.levels])
    counts = [", ".join(f"{level.name} {len(c.statements[level.id])}" for level in profile.levels)
              for c in profile.competencies]
    return _table(["ID", "NAME", "STATEMENTS PER LEVEL"],
                  [[c.id, c.name, count] for c, count in zip(profile.competencies, counts)])
