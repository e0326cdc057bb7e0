"""Output names and paths, for single documents and bulk builds alike: safe file names from
titles, the format a name implies, where a document goes (a named file, a folder under the
default name, or stdout), and the paths a spec may give under --out-dir."""

from __future__ import annotations

import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .fileio import write_atomic
from .writers import SUFFIXES, TEXT_FORMATS, format_for_suffix

MAX_STEM = 80
MANIFEST_NAME = "manifest.json"
REPORT_NAME = "build-report.csv"  # one row per document: what a spreadsheet user opens
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}


def slugify(text: str, fallback: str = "document") -> str:
    """ASCII, no reserved names, bounded length."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:MAX_STEM].strip("-")
    if not slug:
        slug = fallback
    if slug in _WINDOWS_RESERVED:
        slug += "-doc"
    return slug


def default_stem(title: str, kind: str, position_number: str | None = None) -> str:
    """A document's name without suffix, from what its row says and nothing else (never from
    which other rows share a title), so a name stays put when other rows change:
    admissions-counselor-ii-posting, or ...-posting-00045678 with a position number."""
    tag = slugify(position_number, fallback="") if position_number else ""
    return f"{slugify(title)}-{kind}" + (f"-{tag}" if tag else "")


class OutputProblem(ValueError):
    """Why an output name cannot be used; the caller adds where it was given."""


def format_of_output(name: str, fmt: str | None) -> str | None:
    """The format an output name implies, checked against `fmt` when given (None: no suffix).
    The one suffix rule for `-o` and a spec's `output`."""
    suffix = Path(name).suffix
    if not suffix:
        return None
    # A two-part suffix names its format first ("posting.fields.json" is fields, not JSON-LD).
    double = "".join(Path(name).suffixes[-2:])
    implied = format_for_suffix(double) or format_for_suffix(suffix)
    if implied is None:
        raise OutputProblem(f"'{suffix}' is not a format jdbuilder writes; end the name in "
                            f"{', '.join(SUFFIXES.values())}")
    if fmt and implied != fmt:
        raise OutputProblem(f"the suffix says {implied} but format says {fmt}; make them agree")
    return implied


@dataclass(frozen=True)
class Target:
    """`file` when the user named one; else `folder` for the default name (known once the
    title is); neither means standard output."""

    format: str
    file: Path | None = None
    folder: Path | None = None

    @property
    def to_stdout(self) -> bool:
        return self.file is None and self.folder is None


def resolve_output(output: str | None, fmt: str | None) -> Target:
    if output == "-":
        fmt = fmt or "txt"
        if fmt not in TEXT_FORMATS:
            raise InputError(f"a .{fmt} cannot go to standard output; choose --format txt, "
                             "md, html, jsonld or fields, or name a file", option="-o", value="-")
        return Target(fmt)
    if output is None:
        return Target(fmt or "docx", folder=Path("."))
    if not output.strip():
        raise InputError("the output name is empty; give a file name, a folder or -",
                         option="-o")
    path = Path(output)
    if _is_device_or_pipe(path):
        raise InputError("a device or pipe, not a file; write to standard output with -o -",
                         option="-o", value=output)
    if output.endswith(("/", "\\")) or _is_folder(path):
        return Target(fmt or "docx", folder=path)
    try:
        implied = format_of_output(output, fmt)
    except OutputProblem as exc:
        raise InputError(str(exc), option="-o", value=output) from None
    fmt = fmt or implied or "docx"
    if not path.suffix:
        path = path.with_name(path.name + SUFFIXES[fmt])
    return Target(fmt, file=path)


def _is_device_or_pipe(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def refuse_existing(path: Path, force: bool) -> None:
    """An existing file is left alone without --force; a folder is never replaced."""
    try:
        exists = path.exists() or path.is_symlink()
        folder = path.is_dir()
    except OSError as exc:
        raise InputError(f"cannot use this name ({exc.strerror})", file=path) from None
    if folder:
        raise InputError("is a folder; name a file, or end the name with / to write into the "
                         "folder", file=path)
    if exists and not force:
        raise InputError("already exists and was left alone; pass --force to overwrite it",
                         file=path)


def write_target(content: bytes, filename: str, target: Target, force: bool = False
                 ) -> Path | None:
    """Write atomically where `target` says; `filename` names it in a folder. Returns the path,
    None for standard output."""
    if target.to_stdout:
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise InputError("standard output is closed; name a file with -o, or run without "
                             ">&-", option="-o", value="-")
        try:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        except OSError as exc:
            raise InputError(f"cannot write to standard output ({exc.strerror})", option="-o",
                             value="-") from None
        return None
    if target.file is not None:
        path = target.file
    elif target.folder is None or str(target.folder) == ".":
        path = Path(filename)
    else:
        path = target.folder / filename
    refuse_existing(path, force)
    write_atomic(path, content)
    return path


# ---------------------------------------------------------------------------------------------
# Paths a spec gives, relative to --out-dir


def output_problem(output: str) -> str | None:
    """Why an output path given in a spec is refused, or None. Symbolic links are checked when
    building, against the real --out-dir."""
    text = output.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[0].isascii() and text[0].isalpha()
                                and text[1] == ":"):
        return f"'{output}' is an absolute path; give a path relative to --out-dir"
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        return f"'{output}' leaves --out-dir through '..'; give a path inside it"
    if not parts:
        return f"'{output}' names no file; give a file name such as counselor.docx"
    hidden = next((c for c in text if unicodedata.category(c) in ("Cf", "Cc")), None)
    if hidden is not None:
        # A right-to-left override shows 'cod.exe' for 'exe.doc'; no file name needs one.
        return (f"'{output}' holds the invisible character U+{ord(hidden):04X}, which can make a "
                "file name read as something else; remove it")
    if len(parts) == 1 and parts[0].casefold() in (MANIFEST_NAME, REPORT_NAME):
        return f"'{output}' is the build's own {parts[0].casefold()}; choose another name"
    return None


def normalise_output(output: str, fmt: str) -> str:
    """The output as a clean relative POSIX path, with the format's suffix when it has none."""
    parts = [part for part in output.replace("\\", "/").split("/") if part not in ("", ".")]
    path = "/".join(parts)
    return path if Path(parts[-1]).suffix else path + SUFFIXES[fmt]
