"""YAML reading: line numbers kept, and alias bombs, deep nesting and huge numbers refused in one line."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from jdbuilder.errors import InputError, ProfileError, SpecError
from jdbuilder.org import load_organization
from jdbuilder.profile import load_profile
from jdbuilder.spec import read_spec
from jdbuilder.yamlsource import MAX_YAML_DEPTH, parse_yaml, read_yaml


def alias_bomb_key() -> str:
    """The issue's 382-byte bomb: nine lists of nine aliases used as a mapping key (9**9 values)."""
    parts = ["&a [x, x, x, x, x, x, x, x, x]"]
    for previous, current in zip("abcdefgh", "bcdefghi"):
        parts.append(f"&{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "? [" + ", ".join(parts) + "]\n: x\n"


def _message(error: pytest.ExceptionInfo) -> str:
    message = error.value.format_message()
    assert "\n" not in message
    return message


def _quickly(action) -> None:
    """Refused within seconds and without growing memory by more than a few hundred MB."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    action()
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300_000  # KiB


def test_values_keep_their_lines(tmp_path):
    root = parse_yaml("a: 1\nb:\n  - x\n  - y\n", tmp_path / "f.yaml")
    fields = root.mapping({"a", "b"})
    assert fields["b"].sequence()[1].line == 4
    assert fields["a"].integer() == 1


def test_alias_bomb_key_in_an_org_file_is_refused(tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text(alias_bomb_key(), encoding="utf-8")

    def load() -> None:
        with pytest.raises(InputError) as caught:
            load_organization(org, tmp_path)
        message = _message(caught)
        assert f"{org}, line 1:" in message and "aliases" in message and len(message) < 300

    _quickly(load)


def test_alias_bomb_in_a_profile_file_is_refused(profile_copy: Path):
    spec = profile_copy / "specializations" / "admissions.yaml"
    spec.write_text(alias_bomb_key() + spec.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_copy)
    assert "admissions.yaml, line 1: aliases" in _message(caught)


def test_alias_bomb_in_a_spec_is_refused(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    bomb = alias_bomb_key().replace("\n", " ")
    spec.write_text(f"documents:\n  - {{{bomb}}}\n", encoding="utf-8")

    def load() -> None:
        with pytest.raises(SpecError) as caught:
            read_spec(spec, pipeline)
        assert "jobs.yaml, line 2: aliases" in _message(caught)

    _quickly(load)


def test_a_list_as_key_is_named_not_printed(tmp_path):
    with pytest.raises(InputError) as caught:
        parse_yaml("? [a, b, c]\n: x\n", tmp_path / "org.yaml", InputError)
    message = _message(caught)
    assert "keys must be text, got a list" in message and "'a'" not in message


def _refused_for_nesting(message: str) -> bool:
    """Ours, or libyaml's: the libyaml that PyYAML 6.0.4 bundles scans a run of '[' ahead of
    the events the budget counts and stops it at its own depth limit first."""
    return (f"nested more than {MAX_YAML_DEPTH} levels deep" in message
            or message.endswith("YAML syntax error: exceeded maximum nesting depth"))


@pytest.mark.parametrize("nested", ["[" * 100_000 + "]" * 100_000,
                                    "{a: " * 10_000 + "1" + "}" * 10_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path, nested):
    # libyaml's composer recurses per level and crashes the process near 100,000 levels.
    file = tmp_path / "deep.yaml"
    file.write_text(f"name: {nested}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(file, InputError)
    assert _refused_for_nesting(_message(caught))


def test_deep_nesting_in_a_spec_is_refused(tmp_path, pipeline):
    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        read_spec(spec, pipeline)
    assert _refused_for_nesting(_message(caught))


def test_a_number_beyond_pythons_digit_limit_stays_text(tmp_path):
    root = parse_yaml("name: 1" + "0" * 5000 + "\n", tmp_path / "org.yaml", InputError)
    name = root.mapping({"name"})["name"]
    with pytest.raises(InputError) as caught:
        name.integer()
    message = _message(caught)
    assert "expected a whole number" in message and "5,001 characters" in message


def test_fifo_and_device_are_refused_without_hanging(tmp_path):
    fifo = tmp_path / "org.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        start = time.monotonic()
        with pytest.raises(InputError) as caught:
            read_yaml(path, InputError)
        assert "not a regular file" in _message(caught)
        assert time.monotonic() - start < 2


def test_oversized_input_is_refused_before_reading(tmp_path, monkeypatch):
    import jdbuilder.fileio as fileio

    monkeypatch.setattr(fileio, "MAX_TEXT_INPUT_BYTES", 1000)
    file = tmp_path / "org.yaml"
    file.write_text("name: " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        fileio.read_input_bytes(file, InputError, fileio.MAX_TEXT_INPUT_BYTES)
    assert "more than the 1,000-byte limit" in _message(caught)

