"""One record per page, and the site as a whole: what the Pelican glue writes, and nothing more.

A :class:`Page` holds everything its address needs: the template and the names it prints, the
one title (``<title>`` and ``og:title``), the description and the rest of ``<head>``
(:class:`~styrmodell.views.pagemeta.PageMeta`), its share card, its "Data och citat" and its
date in the sitemap. A :class:`Site` is every page and every file of one build. Both are
frozen; nothing here imports Pelican.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..charts.site import MoneyCharts, SiteCharts
from ..urls import NOT_FOUND, page_file
from ..views import SiteView
from ..views.data import PageData
from ..views.pagemeta import KIND_PAGE, PageMeta, ShareCard


@dataclass(frozen=True)
class Page:
    """One page of the site, by address.

    ``template`` is None for a page Pelican writes itself from Markdown (``content/pages``): it has a
    record for its ``<head>`` and the sitemap, but the glue does not write it. ``description`` is None
    for a page without a ``<head>`` of its own (an embed page, the 404 page).
    """

    url: str | None  # "" is the start page; None only for the 404 page, which has no address of its own
    title: str
    template: str | None
    description: str | None = None
    view: object = None  # what the template prints as ``view``
    example: bool = False  # the page shows example rows: the example notice
    sources: tuple = ()  # the sources listed at the foot of the page
    kind: str = KIND_PAGE  # the type in the search index
    status: str = ""  # a goal's status in words, in the search index
    card: ShareCard | None = None  # the page's own share image, if it has one
    #: Further names the template prints (``chart``, ``jsonld``, ``resources`` …).
    extra: Mapping[str, object] = field(default_factory=dict)
    #: Filled in by the build: the ``<head>``, the downloads, the sitemap date.
    meta: PageMeta | None = None
    downloads: PageData | None = None
    lastmod: date | None = None
    in_sitemap: bool = True

    @property
    def path(self) -> str:
        """The file the page is written to (``mal/x/`` → ``mal/x/index.html``)."""
        return NOT_FOUND if self.url is None else page_file(self.url)

    def context(self) -> dict[str, object]:
        """The names the page's template prints, besides the shared ones (``site``, ``SITEURL`` …)."""
        names: dict[str, object] = {
            "record": self,
            "page_url": self.url,
            "page_title": self.title,
            "page_downloads": self.downloads,
            "example": self.example,
        }
        if self.view is not None:
            names["view"] = self.view
        if self.sources:
            names["sources"] = self.sources
        return names | dict(self.extra)


@dataclass(frozen=True)
class ProsePage:
    """What the build needs of a page Pelican read from Markdown: its address, title and summary as text."""

    url: str
    title: str
    summary: str


@dataclass(frozen=True)
class Site:
    """Every page and every file of one build, and what every template may use.

    ``files`` are written as they are (charts, downloads, share images, sitemap …), by path relative to
    the output folder. ``embeds`` gives each chart's embed page by the chart's path (``chart.html``
    shows its code). ``facts`` are the ``{data:…}`` values of the prose pages.
    """

    view: SiteView
    pages: tuple[Page, ...]
    files: Mapping[str, bytes]
    charts: SiteCharts
    money_charts: MoneyCharts
    facts: Mapping[str, str]
    embeds: Mapping[str, object] = field(default_factory=dict)

    def by_url(self) -> dict[str, Page]:
        """Every page with an address, by address."""
        return {page.url: page for page in self.pages if page.url is not None}

    def written(self) -> tuple[Page, ...]:
        """The pages the glue writes with their template (Pelican writes the Markdown pages itself)."""
        return tuple(page for page in self.pages if page.template is not None)
