"""Money pages: /skattepengar/ (the tax receipt) and /ekonomi/ (budget, results, tax rates).

The pages' views come from :mod:`styrmodell.views.money` and the charts from
:mod:`styrmodell.charts.site`; this module only writes them.
"""

from __future__ import annotations

from ..charts.render import renderer_of, write_files
from ..charts.site import money_charts
from ..settings import project_directory
from ..urls import BUDGET_CHART, ECONOMY_URL, RECEIPT_CHART, RECEIPT_URL
from ..views import money
from ..views.pagemeta import money_metas
from .generators import SiteGenerator


class MoneyPagesGenerator(SiteGenerator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        site = self.context["styrmodell"]
        self.receipt = money.receipt_page(site.model, site.latest_view, site.settings, site.views.periods)
        self.economy = money.economy_page(site.model, site.settings)
        self.charts = money_charts(
            self.receipt,
            site.model,
            renderer_of(self.settings, project_directory(self.settings)),
            receipt_path=RECEIPT_CHART,
            budget_path=BUDGET_CHART,
        )
        self.context["money_charts"] = self.charts  # the embed pages show these too
        base = self.settings.get("SITEURL") or ""
        self.context["page_meta"].update(money_metas(site.model, self.context["share_cards"], base))

    def generate_output(self, writer) -> None:
        for chart in self.charts.all():
            write_files(chart, self.output_path)
        self.write_page(
            writer,
            RECEIPT_URL,
            "skattepengar",
            "Vad får jag för skattepengarna?",
            view=self.receipt,
            chart=self.charts.receipt,
            example=self.receipt.example,
            sources=self.receipt.sources,
        )
        self.write_page(
            writer,
            ECONOMY_URL,
            "ekonomi",
            "Kommunens ekonomi",
            view=self.economy,
            chart=self.charts.budget,
            example=self.economy.example,
            sources=self.economy.sources,
        )
