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
