from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdbuilder import pipeline as pipeline_module
from jdbuilder.pipeline import Pipeline
from jdbuilder.profile import Profile, load_profile, resolve_profile_dir
from jdbuilder.render import Renderer, template_search_path
from jdbuilder.resources import builtin_profile_dir

_SEED_NAME = "student-services-specialist-competency-profile.txt"
_SHARED_SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / _SEED_NAME
# The published text lives in ../shared/seed; a copy travels with the tests for checkouts
# without it (test_seed_copy_is_current keeps the two equal where both exist).
SEED = _SHARED_SEED if _SHARED_SEED.is_file() else Path(__file__).parent / "data" / _SEED_NAME


@pytest.fixture(scope="session")
def loaded_profiles() -> dict[tuple, Profile]:
    """Every profile folder loaded this session, by its files' names, sizes and times."""
    return {}


@pytest.fixture(scope="session")
def made_renderers() -> dict[tuple, Renderer]:
    """Every template renderer made this session, by its folders' files, sizes and times."""
    return {}


@pytest.fixture(autouse=True)
def _one_load_per_profile(monkeypatch, loaded_profiles, made_renderers):
    """A pipeline made anywhere (a CLI run, a build) reuses the profile already loaded from
    the same, unchanged folder: loading it is most of what a CLI test would otherwise cost.
    A folder a test edits has new sizes or times, so it is loaded afresh. Likewise its
    renderer, whose templates are compiled once (about 8 ms each) and kept."""
    monkeypatch.setattr(pipeline_module, "load_profile",
                        lambda directory=None: _load_once(loaded_profiles, directory))
    monkeypatch.setattr(pipeline_module, "Renderer",
                        lambda user_dir=None: _renderer_once(made_renderers, user_dir))


def _folder_key(*folders: Path) -> tuple:
    return tuple((str(folder.resolve()), *((str(f), f.stat().st_size, f.stat().st_mtime_ns)
                                          for f in sorted(folder.rglob("*"))))
                 for folder in folders)


def _load_once(loaded: dict[tuple, Profile], directory: Path | str | None) -> Profile:
    folder = resolve_profile_dir(directory)
    try:
        key = _folder_key(folder)
    except OSError:
        return load_profile(directory)
    if key not in loaded:
        loaded[key] = load_profile(directory)
    return loaded[key]


def _renderer_once(made: dict[tuple, Renderer], user_dir: Path | None) -> Renderer:
    try:
        key = _folder_key(*template_search_path(user_dir))
    except OSError:
        return Renderer(user_dir)
    if key not in made:
        made[key] = Renderer(user_dir)
    return made[key]


@pytest.fixture(scope="session")
def profile(loaded_profiles):
    return _load_once(loaded_profiles, None)


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


@pytest.fixture(scope="session")
def full_org_file(tmp_path_factory) -> Path:
    """An organization file with everything a posting can use (website, location, apply)."""
    from .pdfs import FULL_ORG

    path = tmp_path_factory.mktemp("full-org") / "org.yaml"
    path.write_text(FULL_ORG, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def pdf_batch(pipeline, full_org_file):
    """Every PDF the tests read, from one LibreOffice run (tests/pdfs.py)."""
    from .pdfs import convert_once, needs_libreoffice

    needs_libreoffice()
    return convert_once(pipeline, pipeline.organization(full_org_file))


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for every browser test of the session (starting it costs ~1 s)."""
    from .browser import launched_chromium

    with launched_chromium() as launched:
        yield launched
