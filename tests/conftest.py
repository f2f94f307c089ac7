"""Shared fixtures: a tiny site built once per test session from tests/fixtures/mini."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
#: The live package: tests over it check invariants only (it validates and builds, every page exists, ...).
KARLSKOGA = ROOT / "data" / "karlskoga"
#: The fictional second municipality, whose model differs from the default in every way the contract allows.
EXEMPELKOMMUN = ROOT / "data" / "exempelkommun"
#: Every municipality in the repository: each folder kommuner/<id>/ with its settings (pelicanconf.py names its package).
MUNICIPALITIES = tuple(sorted(p.parent.name for p in (ROOT / "kommuner").glob("*/pelicanconf.py")))
#: ``make test KOMMUN=<id>`` (the environment variable KOMMUN): the tests over every municipality's site
#: (``municipality_site``) build and check only that one. Without it, every folder in kommuner/.
SELECTED = os.environ.get("KOMMUN", "").strip()
if SELECTED and SELECTED not in MUNICIPALITIES:
    raise pytest.UsageError(
        f"KOMMUN={SELECTED!r}: kommuner/{SELECTED}/pelicanconf.py finns inte. Kommunerna i förrådet är "
        f"{', '.join(MUNICIPALITIES)}; gör en ny med python -m styrmodell ny-kommun {SELECTED} --paket data/<kommun>."
    )
SITE_MUNICIPALITIES = (SELECTED,) if SELECTED else MUNICIPALITIES
#: A frozen copy of the live package at årsredovisning 2022, for tests that need a realistic package's figures.
KARLSKOGA_2022 = FIXTURES / "karlskoga-2022"
ACCESSIBILITY_STATEMENT = ROOT / "content" / "pages" / "tillganglighet.md"


def missing(reason: str) -> None:
    """Skip on a developer's machine without a tool; fail in CI (``CI=true``), where it must be there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test must run; .ci/run installs what is missing)")
    pytest.skip(reason)


def build_site(
    package: Path, output: Path, content: Path | None = None, renderer=None, kommun: str | None = None
) -> Path:
    """Build a site from ``package`` into ``output`` the way ``make site`` does, and return ``output``.

    Settings come from ``kommuner/<kommun>/pelicanconf.py`` (with that municipality's own pages), or,
    without ``kommun``, from the shared settings with the generic pages only; the package and paths
    are overridden, so tests never write into the source tree.
    """
    from styrmodell.build import build
    from styrmodell.settings import write_settings_file

    base = ROOT / "kommuner" / kommun / "pelicanconf.py" if kommun else ROOT / "kommuner" / "base.py"
    settings_file = write_settings_file(
        output.parent / f"{output.name}-conf.py",
        base,
        package=package,
        PATH=content or ROOT / "content",
        CACHE_PATH=output.parent / f"{output.name}-cache",
    )
    code = build(settings_file, output, renderer=renderer)
    assert code == 0, f"the build of {package} failed with exit code {code}"
    return output


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    return build_site(MINI, tmp_path_factory.mktemp("mini") / "output")


@functools.cache
def municipality_package(kommun: str) -> Path:
    """The package that ``kommuner/<kommun>/pelicanconf.py`` names (``STYRMODELL["package"]``)."""
    from styrmodell.pelican.run import read_settings
    from styrmodell.settings import package_directory

    return package_directory(read_settings(ROOT / "kommuner" / kommun / "pelicanconf.py"))


@pytest.fixture(scope="session")
def municipality_builds(tmp_path_factory):
    """Build a municipality's site with its own settings, pages and package, once per test run; return its folder."""
    built: dict[str, Path] = {}

    def site(kommun: str) -> Path:
        if kommun not in built:
            output = tmp_path_factory.mktemp(kommun) / "output"
            built[kommun] = build_site(municipality_package(kommun), output, kommun=kommun)
        return built[kommun]

    return site


@pytest.fixture(scope="session")
def karlskoga_site(municipality_builds) -> Path:
    return municipality_builds("karlskoga")


@pytest.fixture(scope="session")
def exempelkommun_site(municipality_builds) -> Path:
    """Exempelkommun built with its own settings and pages: three levels, four reports a year, a bolag with goals."""
    return municipality_builds("exempelkommun")


@pytest.fixture(scope="session", params=SITE_MUNICIPALITIES)
def municipality_site(request, municipality_builds) -> tuple[str, Path]:
    """Each municipality's site (every folder in kommuner/, or only KOMMUN's): the same tests must pass for all."""
    return request.param, municipality_builds(request.param)


@pytest.fixture(scope="session")
def karlskoga_2022_site(tmp_path_factory) -> Path:
    """The frozen Karlskoga package of 2022 built: page-level tests of figures read this, never the live site."""
    return build_site(KARLSKOGA_2022, tmp_path_factory.mktemp("karlskoga-2022") / "output")


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A writable copy of the mini package, for tests that break it."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def statement_metadata() -> dict[str, str]:
    """The metadata lines at the top of the tillgänglighetsredogörelse (``Assessed: 2026-…`` → ``assessed``)."""
    head = ACCESSIBILITY_STATEMENT.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {key.strip().lower(): value.strip() for key, value in (line.split(":", 1) for line in head.splitlines())}


def read_html(site: Path, url: str):
    from bs4 import BeautifulSoup

    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url.lstrip("/")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


sys.path.insert(0, str(ROOT))

# The tests choose their own build date: a SOURCE_DATE_EPOCH from the shell or from the publishing
# workflow (which sets it to the commit's time) would otherwise put an "old figures" notice on the
# fixtures' pages. Tests of the build date pass it explicitly.
os.environ.pop("SOURCE_DATE_EPOCH", None)


def site_records(package: Path = MINI, *, base: str = "", share_images: bool = True, cache: Path | None = None):
    """The :class:`~styrmodell.site.Site` of ``package`` as the pure build makes it, without Pelican.

    ``cache`` is the chart cache (None: render everything); prose pages are left out.
    """
    from styrmodell import snapshots
    from styrmodell.charts.render import Renderer
    from styrmodell.package import load
    from styrmodell.settings import Settings
    from styrmodell.site import Inputs, build_site

    settings = Settings.from_mapping({"share_images": share_images}, environ={})
    return build_site(Inputs(load(package), snapshots.load_all(package), settings, Renderer(cache), base=base))


@pytest.fixture(scope="session")
def chart_cache(tmp_path_factory) -> Path:
    """One chart cache for the tests that build records: each chart is rendered once per test run."""
    return tmp_path_factory.mktemp("chart-cache")
