"""Run Pelican once, into a given folder, and collect the warnings and errors it logged.

Any warning or error Pelican or the plugin logs counts as a failure, as with
``pelican --fatal warnings``, and so does a template that does not exist (a page in
``content/`` that names one with ``Template:`` is the editor's to mend). Any other exception
is not caught here: it reaches the command line, which prints it in one Swedish line (with
``--debug``, and in CI, the whole traceback). :mod:`styrmodell.build` calls this; it is the only place outside the
generator that touches Pelican.
"""

from __future__ import annotations

import logging
import re
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


def _template_name(message: str) -> str:
    """The template's name in Pelican's "unable to load finns-inte[.html] from [...]"."""
    found = re.search(r"unable to load (\S+?)(?:\[\.html\])? from", message)
    return found.group(1) if found else message


def run_pelican(settings_file: Path, output: Path, overrides: Mapping[str, object]) -> list[str]:
    """Build the site of ``settings_file`` into ``output``; return the failures (empty: success).

    ``overrides`` are settings passed to the generator unchanged: the build's inputs and its progress.
    """
    from jinja2 import TemplateNotFound
    from pelican import Pelican
    from pelican.generators import PelicanTemplateNotFound

    handler = _CountingHandler()
    logging.getLogger().addHandler(handler)
    try:
        settings = read_settings(
            settings_file, {"OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": False, **overrides}
        )
        Pelican(settings).run()
    except (TemplateNotFound, PelicanTemplateNotFound) as error:
        name = getattr(error, "name", None) or _template_name(str(error))
        missing = (
            f"Mallen {name!r} finns inte i temat (theme/templates/). En sida i content/ anger den med "
            f"raden 'Template: {name}'; rätta namnet eller ta bort raden, och bygg igen."
        )
        return [*(record.getMessage() for record in handler.records), missing]
    finally:
        logging.getLogger().removeHandler(handler)
    return [record.getMessage() for record in handler.records]
