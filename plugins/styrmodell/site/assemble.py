"""One pure build: from the loaded package, its archive and the settings to a :class:`Site`.

:func:`build_site` takes everything it depends on as arguments (:class:`Inputs`: the package and
its frozen snapshots, the plugin's settings with the build date, the chart renderer, the site's
address, the file cache) and the prose pages Pelican read from Markdown, and returns every page
and every file of the site. It reads no clock, imports no Pelican and writes nothing but the
caches' entries: the Pelican glue only writes what it returns. In order:

1. every page's view (:mod:`styrmodell.views`) and share card;
2. the charts and share images, rendered in batches by the renderer;
3. the open-data files (:mod:`styrmodell.exports.opendata`);
4. the pages of every family (:mod:`.families`), each with its ``<head>``, downloads and sitemap date;
5. the prose pages' records, an embed page per chart, the 404 page and the site-wide files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from .. import snapshots, views
from ..cache import FileCache
from ..charts.chart import Chart
from ..charts.embed import embed_pages
from ..charts.render import Renderer
from ..charts.site import money_charts, site_charts
from ..exports.opendata import open_data
from ..exports.sitefiles import headers_file, last_modified, robots_txt, security_txt, sitemap_xml
from ..package import Package
from ..settings import Settings
from ..urls import (
    BUDGET_CHART,
    HEADERS_FILE,
    RECEIPT_CHART,
    ROBOTS_FILE,
    SECURITY_TXT,
    SITEMAP_FILE,
    indicator_chart,
    share_image,
)
from ..views import money
from ..views.model_facts import model_view, prose_facts
from ..views.pagemeta import MetaMaker, share_cards
from .families import FAMILIES, Parts
from .page import Page, ProsePage, Site


@dataclass(frozen=True)
class Inputs:
    """Everything one build depends on, besides the prose pages."""

    package: Package
    archive: tuple[snapshots.Frozen, ...]  # the verified snapshots, oldest first
    settings: Settings  # STYRMODELL, with the build date
    renderer: Renderer
    base: str = ""  # SITEURL: empty in a local build
    cache: FileCache = field(default_factory=lambda: FileCache(None))  # the slow open-data files
    security_expires: date | None = None  # SECURITY_TXT_EXPIRES

    @cached_property
    def facts(self) -> Mapping[str, str]:
        """The ``{data:…}`` facts of the prose pages (``views.model_facts.prose_facts``)."""
        model = self.package.model
        return prose_facts(model, model_view(model))

    @cached_property
    def left_out_pages(self) -> frozenset[str]:
        """The prose pages the package has nothing for (``views.model_facts.ModelView.left_out_pages``)."""
        return model_view(self.package.model).left_out_pages


def build_site(inputs: Inputs, prose: Iterable[ProsePage] = ()) -> Site:
    """Every page and every file of the site (see the module's docstring for the steps)."""
    model, settings, base = inputs.package.model, inputs.settings, inputs.base
    page_views = views.page_views(model, settings)
    site_view = views.site_view(model, settings, page_views)
    cards = share_cards(model, page_views, enabled=settings.share_images)
    charts = site_charts(
        model,
        page_views.indicators,
        site_view.latest_view,
        inputs.renderer,
        indicator_path=indicator_chart,
        cards=cards,
    )
    receipt = money.receipt_page(model, site_view.latest_view, settings, page_views.periods)
    economy = money.economy_page(model, settings)
    cash = money_charts(receipt, model, inputs.renderer, receipt_path=RECEIPT_CHART, budget_path=BUDGET_CHART)
    data = open_data(inputs.package, page_views, settings, inputs.archive, base, cache=inputs.cache)
    parts = Parts(model, page_views, charts, cash, receipt, economy, data, {c.url: c for c in cards})

    meta = MetaMaker(model, base, cards)
    default_date, own_dates = last_modified(model.periods)
    pages: list[Page] = []
    for family in FAMILIES:
        for page in family(parts):
            pages.append(
                replace(
                    page,
                    meta=meta(page.url, page.title, page.description, page.kind, page.status),
                    downloads=data.page_data.get(page.url),
                    lastmod=own_dates.get(page.url, default_date),
                )
            )
    for page in prose:
        record = Page(page.url, page.title, None, page.summary)
        pages.append(replace(record, meta=meta(page.url, page.title, page.summary), lastmod=default_date))

    all_charts = (*charts.all(), *cash.all())
    titles = {page.url: page.title for page in pages}
    embeds = embed_pages(model, all_charts, titles, base)
    pages.extend(
        Page(e.url, e.chart.title, "embed", extra={"embed": e}, example=e.example, in_sitemap=False) for e in embeds
    )
    pages.append(Page(None, "Sidan finns inte", "404", in_sitemap=False))

    sitemap = [(page.url, page.lastmod) for page in sorted(pages, key=_address) if page.in_sitemap]
    texts = {
        SITEMAP_FILE: sitemap_xml(base, sitemap),
        HEADERS_FILE: headers_file(base),
        ROBOTS_FILE: robots_txt(base),
        SECURITY_TXT: security_txt(model.municipality, model.latest_period(), base, inputs.security_expires),
    }
    files = {
        **{path: content for chart in all_charts for path, content in chart_files(chart).items()},
        **data.files,
        **{share_image(url): png for url, png in charts.share.items()},
        **{path: text.encode("utf-8") for path, text in texts.items()},
    }
    return Site(
        view=site_view,
        pages=tuple(pages),
        files=files,
        charts=charts,
        money_charts=cash,
        facts=inputs.facts,
        embeds={e.chart.path: e for e in embeds},
    )


def _address(page: Page) -> str:
    return page.url or ""


def chart_files(chart: Chart) -> dict[str, bytes]:
    """A chart's ``<path>.svg``, ``<path>.png`` and ``<path>.csv`` (same data, same bytes)."""
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(chart.svg) + "\n"
    return {
        f"{chart.path}.svg": svg.encode("utf-8"),
        f"{chart.path}.png": chart.png,
        f"{chart.path}.csv": chart.csv.encode("utf-8"),
    }
