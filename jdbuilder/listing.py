"""`jdbuilder list`: the profile's specializations, levels and competencies as rows or JSON."""

from __future__ import annotations

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


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
              for row in rows]
    return "\n".join(lines)


def listing_rows(profile: Profile, what: str) -> str:
    if what == "specializations":
        return _table(["ID", "NAME", "ALIASES"],
                      [[s.id, s.name, ", ".join(s.aliases)] for s in profile.specializations])
    if what == "levels":
        return _table(["ID", "NAME"], [[level.id, level.name] for level in profile.levels])
    level_ids = [level.id for level in profile.levels]
    return _table(["ID", "NAME", *(f"{lid.upper()} STATEMENTS" for lid in level_ids)],
                  [[c.id, c.name, *(str(len(c.statements[lid])) for lid in level_ids)]
                   for c in profile.competencies])
