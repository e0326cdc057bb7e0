from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdbuilder.cli import main
from jdbuilder.errors import JdbuilderError
from jdbuilder.pipeline import Pipeline, Sources
from jdbuilder.profile import Profile, load_profile, resolve_profile_dir
from jdbuilder.render import Renderer, resolve_templates_dir, template_search_path
from jdbuilder.resources import builtin_profile_dir

_SEED_NAME = "student-services-specialist-competency-profile.txt"
_SHARED_SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / _SEED_NAME
# The published text lives in ../shared/seed; a copy travels with the tests for checkouts
# without it (test_seed_copy_is_current keeps the two equal where both exist).
SEED = _SHARED_SEED if _SHARED_SEED.is_file() else Path(__file__).parent / "data" / _SEED_NAME


class LoadedFolders:
    """A pipeline factory (jdbuilder.pipeline.PipelineFactory) handing the shells pipelines
    over the profiles and templates this session has already loaded: loading the profile is
    most of what a CLI or web test would otherwise cost, compiling a kind's template about 8 ms.
    A folder is known by its files' names, sizes and times, so one a test edits is loaded
    afresh; everything else about the pipeline is new for every command, as it is in use."""

    def __init__(self) -> None:
        self._profiles: dict[tuple, Profile] = {}
        self._renderers: dict[tuple, Renderer] = {}

    def __call__(self, sources: Sources, *, convert_pdf=None) -> Pipeline:
        profile = self.profile(sources.profile_dir)
        templates_dir = resolve_templates_dir(sources.templates_dir)
        return Pipeline(sources, profile, convert_pdf, renderer=self.renderer(templates_dir))

    def profile(self, directory: Path | None) -> Profile:
        try:
            key = _folder_key(resolve_profile_dir(directory))
        except (OSError, JdbuilderError):  # not a folder: loading it says so
            return load_profile(directory)
        if key not in self._profiles:
            self._profiles[key] = load_profile(directory)
        return self._profiles[key]

    def renderer(self, templates_dir: Path | None) -> Renderer:
        key = (str(templates_dir), _folder_key(*template_search_path(templates_dir)))
        if key not in self._renderers:
            self._renderers[key] = Renderer(templates_dir)
        return self._renderers[key]


def _folder_key(*folders: Path) -> tuple:
    return tuple((str(folder.resolve()), *((str(f), f.stat().st_size, f.stat().st_mtime_ns)
                                          for f in sorted(folder.rglob("*"))))
                 for folder in folders)


@pytest.fixture(scope="session")
def make_pipeline() -> LoadedFolders:
    return LoadedFolders()


@pytest.fixture(scope="session")
def cli(make_pipeline):
    """`jdbuilder ARGS` in this process, as the installed command runs it, with the session's
    loaded folders passed in as click's `obj`: cli(["posting", "-s", ...], input=...)."""
    runner = CliRunner()

    def invoke(args, **options):
        return runner.invoke(main, args, obj=make_pipeline, **options)

    return invoke


@pytest.fixture(scope="session")
def make_app(make_pipeline):
    """create_app(...) with the session's loaded folders passed in as its pipeline factory."""
    from jdbuilder.web import create_app

    return functools.partial(create_app, make_pipeline=make_pipeline)


@pytest.fixture(scope="session")
def profile(make_pipeline):
    return make_pipeline.profile(None)


@pytest.fixture(scope="session")
def pipeline(make_pipeline):
    return make_pipeline(Sources())


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
