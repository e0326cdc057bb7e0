"""Input files: regular files of sane size only; temporaries: only our own files are removed."""

from __future__ import annotations

import errno
import os

import pytest

from jdbuilder import fileio
from jdbuilder.errors import InputError
from jdbuilder.fileio import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temporaries, write_atomic_under


def test_only_stale_temporary_files_are_removed_not_folders_or_links_named_alike(tmp_path):
    stale = tmp_path / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}"
    stale.write_bytes(b"half a document")
    folder = tmp_path / f"{TEMP_PREFIX}folder{TEMP_SUFFIX}"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    target = tmp_path / "precious.txt"
    target.write_text("keep")
    (tmp_path / f"{TEMP_PREFIX}link{TEMP_SUFFIX}").symlink_to(target)
    assert remove_stale_temporaries(tmp_path) == 1
    assert not stale.exists() and (folder / "keep.txt").exists() and target.exists()


def test_a_second_build_into_a_locked_folder_is_refused_at_once(tmp_path, pipeline):
    import pytest

    from jdbuilder.build import BuildOptions, run_build
    from jdbuilder.errors import InputError
    from jdbuilder.fileio import folder_lock

    spec = tmp_path / "jobs.yaml"
    spec.write_text("documents:\n  - {kind: posting, specialization: admissions, level: journey,"
                    " format: txt}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f"{TEMP_PREFIX}other-build{TEMP_SUFFIX}"
    stale.write_bytes(b"being written by the other build")
    with folder_lock(out), pytest.raises(InputError) as caught:
        run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1))
    assert "another jdbuilder build is writing there" in caught.value.format_message()
    assert stale.exists() and sorted(p.name for p in out.iterdir()) == [stale.name]
    report = run_build(spec, pipeline, BuildOptions(out_dir=out, jobs=1))  # released: builds
    assert report.built == 1


# ---------------------------------------------------------------------------------------------
# Writing under the out-dir: never outside it, whatever a folder on the way became


def test_a_subfolder_that_is_a_link_outside_is_not_written_through(tmp_path):
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError) as caught:
        write_atomic_under(out, "sub/deeper/x.docx", b"document")
    assert caught.value.problem.location.file == str(out / "sub" / "deeper" / "x.docx")
    assert "its folder 'sub' is a symbolic link leading outside the output folder" in \
        caught.value.problem.message
    assert list(outside.iterdir()) == []  # not even the folder 'deeper'


def test_a_link_that_stays_inside_and_the_out_dir_itself_as_a_link_are_fine(tmp_path):
    real = tmp_path / "real"
    (real / "inside").mkdir(parents=True)
    (real / "alias").symlink_to(real / "inside", target_is_directory=True)
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    write_atomic_under(tmp_path / "out", "alias/new/x.txt", b"text")
    assert (real / "inside" / "new" / "x.txt").read_bytes() == b"text"
    assert oct((real / "inside" / "new" / "x.txt").stat().st_mode & 0o777) == "0o644"


def test_a_file_in_place_of_a_folder_is_named(tmp_path):
    (tmp_path / "blocked").write_text("a file")
    with pytest.raises(InputError, match=r"blocked/x.txt: cannot write it \(its folder 'blocked' "
                                         r"is a file\)"):
        write_atomic_under(tmp_path, "blocked/x.txt", b"text")


def test_a_full_disk_leaves_no_temporary_and_says_so(tmp_path, monkeypatch):
    def full(descriptor, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio, "write_out", full)
    with pytest.raises(InputError) as caught:
        write_atomic_under(tmp_path, "sub/x.txt", b"text")
    assert caught.value.format_message() == (f"{tmp_path / 'sub' / 'x.txt'}: cannot write it "
                                             "(No space left on device)")
    assert list((tmp_path / "sub").iterdir()) == []


def test_write_atomic_writes_bytes_or_pieces_and_leaves_no_temporary(tmp_path):
    from jdbuilder.fileio import write_atomic

    target = tmp_path / "new" / "folder" / "posting.md"
    write_atomic(target, b"# First\n")
    assert target.read_bytes() == b"# First\n"
    write_atomic(target, iter([b"# Second", b"\n"]))  # replaces it whole
    assert target.read_bytes() == b"# Second\n"
    assert [p.name for p in target.parent.iterdir()] == ["posting.md"]


def test_write_atomic_stopped_midway_keeps_the_old_file_and_no_temporary(tmp_path):
    from jdbuilder.fileio import write_atomic

    target = tmp_path / "posting.md"
    target.write_bytes(b"old")

    def pieces():
        yield b"half"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, pieces())
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["posting.md"]
