"""The Jinja environment of every generator: Swedish filters and the URL helpers."""

from __future__ import annotations

from .. import views
from ..formatting import FILTERS
from ..sanitize import render_markdown
from ..urls import URL_FUNCTIONS


def add_filters(generator) -> None:
    """Receiver for ``generator_init``: give every Jinja environment the Swedish filters and URL helpers."""
    generator.env.filters.update(FILTERS)
    generator.env.filters["markdown"] = render_markdown
    generator.env.filters["rollup_sentence"] = views.rollup_sentence
    generator.env.filters["direction_text"] = views.DIRECTION_TEXT.__getitem__
    generator.env.globals.update(URL_FUNCTIONS)
