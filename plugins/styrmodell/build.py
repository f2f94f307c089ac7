"""One build: load the package, run Pelican into a staging folder, index it, swap it in.

Used by the command line (``python -m styrmodell build|validate``) and by the
benchmark, so both build exactly the same way. ``output/`` is replaced only
when every step succeeded.

The package is loaded (read, validated, typed) once, here, and handed to the
generators through the settings key ``STYRMODELL_PACKAGE``; a site built with
``pelican`` directly has no such key, and the generators load it themselves
with :func:`settings_package`.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .package import Package, load
from .package.problems import PackageError
from .search import SearchIndexError, build_index

log = logging.getLogger(__name__)

#: The settings key that carries the loaded :class:`~styrmodell.package.Package` into the generators.
PACKAGE_SETTING = "STYRMODELL_PACKAGE"


def package_directory(settings: Mapping) -> Path:
    """The folder named by ``STYRMODELL["package"]``; a relative one is relative to the project folder.

    The project folder is the parent of ``PATH`` (the content folder), which Pelican has made
    absolute relative to the settings file: for ``pelicanconf.py`` and ``publishconf.py``
    (``PATH = "content"``) it is the settings file's own folder.
    """
    directory = Path(settings.get("STYRMODELL", {}).get("package", "data"))
    return directory if directory.is_absolute() else Path(settings["PATH"]).parent / directory


def settings_package(settings: Mapping) -> Package:
    """The package the build loaded, or, when Pelican runs on its own, the package loaded now."""
    package = settings.get(PACKAGE_SETTING)
    return package if package is not None else load(package_directory(settings))


def load_reported(directory: Path) -> Package | None:
    """Load the package, print how it went in Swedish (problems on stderr), and return it, or None if invalid."""
    try:
        package = load(directory)
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


class _CountingHandler(logging.Handler):
    """Counts warnings and errors, so that a build with any of them fails (like pelican --fatal warnings)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(settings_file: Path, output: Path | None = None) -> int:
    """Validate, build into a temporary folder, and replace ``output`` only if everything succeeded."""
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    package = load_reported(package_directory(settings))
    if package is None:
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    overrides = {PACKAGE_SETTING: package}

    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        failures = _build_into(settings_file, staging, overrides)
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


def _build_into(settings_file: Path, staging: Path, overrides: Mapping[str, object]) -> list[str]:
    """Run Pelican and the search indexer into ``staging``; return what went wrong (empty: success).

    ``overrides`` are settings passed to Pelican unchanged, such as the loaded package.

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
            override={"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False, **overrides},
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
