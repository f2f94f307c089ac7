"""One build: load the package, run Pelican into a staging folder, index it, swap it in.

Used by the command line (``python -m styrmodell build|validate``) and by the
benchmark, so both build exactly the same way. ``output/`` is replaced only
when every step succeeded.

The package is loaded (read, validated, typed) once, here, and handed to the
generators through the settings key ``STYRMODELL_PACKAGE``; a site built with
``pelican`` directly has no such key, and the generators load it themselves
with :func:`styrmodell.settings.settings_package`.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from .charts.render import RENDERER_SETTING, Renderer, renderer_from_settings
from .package import Package, load
from .package.problems import PackageError
from .pelican.run import read_settings, run_pelican
from .progress import PROGRESS_SETTING, Progress
from .search import SearchIndexError, build_index
from .settings import PACKAGE_SETTING, build_cache, package_directory, project_directory, validation_cache

log = logging.getLogger(__name__)


def load_reported(directory: Path, cache: Path | None = None) -> Package | None:
    """Load the package, print how it went in Swedish (problems on stderr), and return it, or None if invalid.

    ``cache`` is the validation cache (see :func:`styrmodell.package.load`); ``validate`` checks in full.
    """
    try:
        package = load(directory, cache=cache)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return None
    model = package.model
    print(
        f"Datapaketet i {directory} är giltigt: {len(model.goals)} mål, {len(model.indicators)} styrmått, "
        f"{len(model.results)} resultat, {len(model.periods)} uppföljningar."
    )
    return package


def validate(directory: Path) -> int:
    """``python -m styrmodell validate``: 0 if the package is valid, 1 (with every problem listed) if not."""
    return 0 if load_reported(directory) is not None else 1


def build(
    settings_file: Path, output: Path | None = None, *, renderer: Renderer | None = None, package: Path | None = None
) -> int:
    """Validate, build into a temporary folder, and replace ``output`` only if everything succeeded.

    Charts are rendered by ``renderer``, by default one made from the settings (its cache and workers).
    ``package`` replaces the settings' ``STYRMODELL["package"]`` (``make site PACKAGE=…``).
    """
    settings = read_settings(settings_file)
    package = load_reported(package or package_directory(settings), validation_cache(settings))
    if package is None:
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    progress = Progress()
    if renderer is None:
        renderer = renderer_from_settings(settings, project_directory(settings))
        renderer.progress = progress.charts
    templates = build_cache(settings, "jinja")
    templates.mkdir(parents=True, exist_ok=True)
    overrides = {
        PACKAGE_SETTING: package,
        RENDERER_SETTING: renderer,
        PROGRESS_SETTING: progress,
        # Compiled templates are kept between builds (Jinja checks each template's source before reuse).
        "JINJA_ENVIRONMENT": {
            **settings["JINJA_ENVIRONMENT"],
            "bytecode_cache": FileSystemBytecodeCache(str(templates)),
        },
    }

    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        failures = _build_into(settings_file, staging, overrides, build_cache(settings, "search"))
    except BaseException:  # also Ctrl-C: never leave a half-built staging folder behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        renderer.close()  # the render pool, if a cold build started one
        progress.done()
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        print("Bygget misslyckades:", file=sys.stderr)
        for failure in failures:
            print(f"- {failure}", file=sys.stderr)
        print("Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    previous = output.with_name(f".{output.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Webbplatsen är byggd i {output}.")
    return 0


def _build_into(settings_file: Path, staging: Path, overrides: dict[str, object], search_cache: Path) -> list[str]:
    """Run Pelican and the search indexer into ``staging``; return what went wrong (empty: success)."""
    failures = run_pelican(settings_file, staging, overrides)
    if failures:
        return failures
    try:
        build_index(staging, search_cache)  # the search index is part of the site: no index, no new site
    except SearchIndexError as error:
        return [str(error)]
    return []
