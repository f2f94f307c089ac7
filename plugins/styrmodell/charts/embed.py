"""Embed pages: every chart on a minimal page (``…/inbaddning/``) that another site may show in an ``<iframe>``.

An embed page has the chart (both variants), its summary sentence, the source line,
the example mark where it applies and a link back to the chart's page. It loads only
the site's own stylesheet, so a framed chart still requests nothing from another
origin. Which pages may be framed is said in the host's header file
(:func:`styrmodell.exports.sitefiles.headers_file`); see ``docs/dela-och-hitta.md``.
No Pelican import here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..package.model import Source, Styrmodell
from ..urls import absolute, embed_url
from .chart import Chart

#: The iframe's height in the code to copy: the wide chart, its title and summary, the source line.
IFRAME_HEIGHT = 780


@dataclass(frozen=True)
class EmbedPage:
    """One chart's embed page, and the code that shows it on another site."""

    url: str  # the embed page's address (``styrmatt/x/inbaddning/``)
    chart: Chart
    back_url: str  # the chart's own page
    back_title: str
    sources: tuple[Source, ...]
    iframe: str  # the ``<iframe>`` code to copy, as text
    address: str  # the embed page's absolute address (its canonical link and the iframe's ``src``)

    @property
    def example(self) -> bool:
        return self.chart.example

    @property
    def source_line(self) -> str:
        """``Källa: Kolada (RKA); Exempelkommun, årsredovisning 2025.``"""
        names = [f"{s.title}, {s.publisher}" if s.publisher else s.title for s in self.sources]
        return f"Källa: {'; '.join(names)}." if names else ""


def chart_page(chart: Chart) -> str:
    """The address of the page a chart belongs to: the folder of its files (``styrmatt/x/diagram`` → ``styrmatt/x/``)."""
    folder = chart.path.rpartition("/")[0]
    return f"{folder}/" if folder else ""


def iframe_code(src: str, title: str) -> str:
    """The code to copy: a titled iframe (screen readers name it) with no script and no style."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
        f'height="{IFRAME_HEIGHT}" loading="lazy"></iframe>'
    )


def embed_pages(
    model: Styrmodell, charts: Iterable[Chart], page_titles: Mapping[str, str], base: str
) -> tuple[EmbedPage, ...]:
    """An embed page for every chart. ``page_titles`` gives each page's title by address; ``base`` is SITEURL."""
    pages = []
    for chart in charts:
        url, back = embed_url(chart.path), chart_page(chart)
        pages.append(
            EmbedPage(
                url=url,
                chart=chart,
                back_url=back,
                back_title=page_titles.get(back, chart.title),
                sources=tuple(model.source(s) for s in chart.sources),
                iframe=iframe_code(absolute(base, url), f"Diagram: {chart.title}"),
                address=absolute(base, url),
            )
        )
    return tuple(sorted(pages, key=lambda p: p.url))
