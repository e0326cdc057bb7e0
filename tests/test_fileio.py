"""Input files: regular files of sane size only; temporaries: only our own files are removed."""

from __future__ import annotations

from jdbuilder.fileio import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temporaries


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
