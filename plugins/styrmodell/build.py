"""One build: load the package, run Pelican into a staging folder, index it, swap it in.

Used by the command line (``python -m styrmodell build|validate``) and by the
benchmark, so both build exactly the same way. ``output/`` is replaced only
when every step succeeded.

The package and its snapshots are loaded (read, validated, typed) once, here, and handed
with the settings, the renderer and the caches to the one generator as
:class:`~styrmodell.site.Inputs` (the settings key ``STYRMODELL_INPUTS``). The generator
builds the :class:`~styrmodell.site.Site` from them and writes it; a plain ``pelican`` run,
which has no inputs, is refused with a message saying how to build.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from . import snapshots
from .cache import FileCache
from .charts.render import Renderer, renderer_from_settings
from .exports.sitefiles import expires_setting
from .municipality import require_own_package
from .package import Package, load
from .package.problems import PackageError
from .pelican.generators import INPUTS_SETTING
from .pelican.run import read_settings, run_pelican
from .progress import PROGRESS_SETTING, Progress
from .search import SearchIndexError, build_index
from .settings import Settings, build_cache, package_directory, validation_cache
from .site import Inputs

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
    try:
        plugin = Settings.from_mapping(settings.get("STYRMODELL", {}))
        expires = expires_setting(settings.get("SECURITY_TXT_EXPIRES"))
    except ValueError as error:
        print(f"Inställningarna i {settings_file} har fel: {error}", file=sys.stderr)
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    require_own_package(settings_file, settings, package)  # settings and package of one municipality
    package = load_reported(package or package_directory(settings), validation_cache(settings))
    if package is None:
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    progress = Progress()
    if renderer is None:
        renderer = renderer_from_settings(settings)
        renderer.progress = progress.charts
    inputs = Inputs(
        package=package,
        archive=snapshots.load_all(package.directory, validation_cache(settings)),
        settings=plugin,
        renderer=renderer,
        base=settings.get("SITEURL") or "",
        cache=FileCache(build_cache(settings, "files")),
        security_expires=expires,
    )
    templates = build_cache(settings, "jinja")
    templates.mkdir(parents=True, exist_ok=True)
    overrides = {
        INPUTS_SETTING: inputs,
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
        print("Bygget avbröts. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
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
