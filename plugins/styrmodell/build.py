"""One build: validate the package, run Pelican into a staging folder, index it, swap it in.

Used by the command line (``python -m styrmodell build|validate``) and by the
benchmark, so both build exactly the same way. ``output/`` is replaced only
when every step succeeded.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from .charts.render import RENDERER_SETTING, Renderer, renderer_from_settings
from .package import load_package
from .package.problems import PackageError
from .search import SearchIndexError, build_index

log = logging.getLogger(__name__)


def validate(directory: Path) -> int:
    try:
        model = load_package(directory)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    print(
        f"Datapaketet i {directory} är giltigt: {len(model.goals)} mål, {len(model.indicators)} styrmått, "
        f"{len(model.results)} resultat, {len(model.periods)} uppföljningar."
    )
    return 0


class _CountingHandler(logging.Handler):
    """Counts warnings and errors, so that a build with any of them fails (like pelican --fatal warnings)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(settings_file: Path, output: Path | None = None, *, renderer: Renderer | None = None) -> int:
    """Validate, build into a temporary folder, and replace ``output`` only if everything succeeded.

    Charts are rendered by ``renderer``, by default one made from the settings (its cache and workers).
    """
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    package_dir = Path(settings["STYRMODELL"]["package"])
    if not package_dir.is_absolute():
        package_dir = settings_file.parent / package_dir
    if validate(package_dir) != 0:
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1

    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        failures = _build_into(
            settings_file, staging, renderer or renderer_from_settings(settings, settings_file.parent)
        )
    except BaseException:  # also Ctrl-C: never leave a half-built staging folder behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
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


def _build_into(settings_file: Path, staging: Path, renderer: Renderer) -> list[str]:
    """Run Pelican and the search indexer into ``staging``; return what went wrong (empty: success).

    Any warning from Pelican or the plugin counts as a failure, as with ``pelican --fatal warnings``.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    handler = _CountingHandler()
    logging.getLogger().addHandler(handler)
    failures: list[str] = []
    try:
        settings = read_settings(
            str(settings_file),
            override={"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False, RENDERER_SETTING: renderer},
        )
        Pelican(settings).run()
    except Exception as error:  # any failure is reported in Swedish below; output/ stays untouched
        failures.append(f"ett fel uppstod när sidorna skrevs ({type(error).__name__}: {error})")
    finally:
        logging.getLogger().removeHandler(handler)
    failures[:0] = [record.getMessage() for record in handler.records]
    if failures:
        return failures
    try:
        build_index(staging)  # the search index is part of the site: no index, no new site
    except SearchIndexError as error:
        return [str(error)]
    return []
