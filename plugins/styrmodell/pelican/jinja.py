"""The Jinja environment of every generator: Swedish filters and the URL helpers."""

from __future__ import annotations

from ..formatting import FILTERS
from ..sanitize import render_markdown
from ..urls import URL_FUNCTIONS


def add_filters(generator) -> None:
    """Receiver for ``generator_init``: give every Jinja environment the Swedish filters and URL helpers."""
    generator.env.filters.update(FILTERS)
    generator.env.filters["markdown"] = render_markdown
    generator.env.globals.update(URL_FUNCTIONS)
