"""Sharing and embedding: each page's share image, the prose pages' meta, and an embed page per chart.

Runs after the core, open-data and money generators (their charts and ``page_meta`` are in
the context). The share images were rendered with the core charts (``charts.site``); the
embed pages come from :mod:`styrmodell.charts.embed`. This module only gathers and writes.
"""

from __future__ import annotations

from markupsafe import Markup

from ..charts.embed import embed_pages
from ..charts.share import write_share_images
from ..views.pagemeta import prose_metas
from .generators import SiteGenerator


class SharingGenerator(SiteGenerator):
    """Reads ``styrmodell``, ``site_charts``, ``money_charts``, ``share_cards`` and ``page_meta`` from the context."""

    def generate_context(self) -> None:
        site = self.context["styrmodell"]
        base = self.settings.get("SITEURL") or ""
        metas = self.context["page_meta"]
        prose = [
            (page.url, page.title, Markup(page.summary or "").striptags())  # noqa: S704 (only to strip tags)
            for page in self.context.get("pages", ())
        ]
        metas.update(prose_metas(site.model, self.context["share_cards"], base, prose))
        charts = (*self.context["site_charts"].all(), *self.context["money_charts"].all())
        titles = {url: meta.title for url, meta in metas.items()}
        self.embeds = embed_pages(site.model, charts, titles, base)
        self.context["embeds"] = {page.chart.path: page for page in self.embeds}

    def generate_output(self, writer) -> None:
        write_share_images(self.context["site_charts"].share, self.output_path)
        for page in self.embeds:
            self.write_page(writer, page.url, "embed", page.chart.title, embed=page, example=page.example)
