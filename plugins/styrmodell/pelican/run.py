"""Run Pelican once, into a given folder, and collect what went wrong instead of raising.

Any warning or error Pelican or the plugin logs counts as a failure, as with
``pelican --fatal warnings``. :mod:`styrmodell.build` calls this; it is the only
place outside the generators that touches Pelican.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path


class _CountingHandler(logging.Handler):
    """Counts warnings and errors, so that a build with any of them fails (like pelican --fatal warnings)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def read_settings(settings_file: Path, override: Mapping[str, object] | None = None) -> dict:
    """Pelican's settings from ``settings_file`` (a ``.py`` file), with ``override`` on top."""
    from pelican.settings import read_settings as pelican_settings

    return pelican_settings(str(settings_file), override=dict(override) if override else None)


def run_pelican(settings_file: Path, output: Path, overrides: Mapping[str, object]) -> list[str]:
    """Build the site of ``settings_file`` into ``output``; return the failures (empty: success).

    ``overrides`` are settings passed to the generators unchanged, such as the loaded package
    and the chart renderer.
    """
    from pelican import Pelican

    handler = _CountingHandler()
    logging.getLogger().addHandler(handler)
    failures: list[str] = []
    try:
        settings = read_settings(
            settings_file, {"OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": False, **overrides}
        )
        Pelican(settings).run()
    except Exception as error:  # any failure is reported in Swedish by the caller; output/ stays untouched
        failures.append(f"ett fel uppstod när sidorna skrevs ({type(error).__name__}: {error})")
    finally:
        logging.getLogger().removeHandler(handler)
    return [record.getMessage() for record in handler.records] + failures
