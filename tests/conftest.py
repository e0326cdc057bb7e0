from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdbuilder.pipeline import Pipeline
from jdbuilder.profile import load_profile
from jdbuilder.resources import builtin_profile_dir

_SEED_NAME = "student-services-specialist-competency-profile.txt"
_SHARED_SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / _SEED_NAME
# The published text lives in ../shared/seed; a copy travels with the tests for checkouts
# without it (test_seed_copy_is_current keeps the two equal where both exist).
SEED = _SHARED_SEED if _SHARED_SEED.is_file() else Path(__file__).parent / "data" / _SEED_NAME


@pytest.fixture(scope="session")
def profile():
    return load_profile()


@pytest.fixture(scope="session")
def pipeline(profile):
    return Pipeline(profile=profile)


@pytest.fixture
def profile_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in profile folder, to break in a test."""
    target = tmp_path / "profile"
    shutil.copytree(builtin_profile_dir(), target)
    return target


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch):
    for name in ("JDBUILDER_PROFILE_DIR", "JDBUILDER_TEMPLATES", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
