"""Money pages: /skattepengar/ (the tax receipt) and /ekonomi/ (budget, results, tax rates).

The figures come from :mod:`styrmodell.money` and the charts from
:mod:`styrmodell.charts`; this module only writes them.
"""

from __future__ import annotations

from .. import charts, money
from ..urls import BUDGET_CHART, ECONOMY_URL, RECEIPT_CHART, RECEIPT_URL
from .generators import SiteGenerator


def receipt_chart(page: money.ReceiptPage) -> charts.Chart | None:
    """The worked example's kronor per month and area, as a bar chart."""
    if page.receipt is None:
        return None
    rows = [
        charts.ReceiptRow(name=row.area.name, kronor=row.line.month, source=row.area.source, example=row.area.example)
        for row in page.rows
    ]
    return charts.receipt_chart(rows, page.receipt.income, path=RECEIPT_CHART)


def budget_chart(model) -> charts.Chart | None:
    """Budget, prognos and utfall per nämnd and year, as small bar charts."""
    if not model.budget:
        return None
    names = {o.id: o.name for o in model.organisation}
    return charts.budget_chart(model.budget, names, path=BUDGET_CHART)


class MoneyPagesGenerator(SiteGenerator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        site = self.context["styrmodell"]
        self.receipt = money.receipt_page(site.model, site.latest_view, site.settings)
        self.economy = money.economy_page(site.model, site.settings)
        # The core generator has configured the chart renderer in its own generate_context, which runs first.
        self.receipt_chart = receipt_chart(self.receipt)
        self.budget_chart = budget_chart(site.model)

    def generate_output(self, writer) -> None:
        for chart in (self.receipt_chart, self.budget_chart):
            if chart is not None:
                charts.write_files(chart, self.output_path)
        self.write_page(
            writer,
            RECEIPT_URL,
            "skattepengar",
            "Vad får jag för skattepengarna?",
            view=self.receipt,
            chart=self.receipt_chart,
            example=self.receipt.example,
            sources=self.receipt.sources,
        )
        self.write_page(
            writer,
            ECONOMY_URL,
            "ekonomi",
            "Kommunens ekonomi",
            view=self.economy,
            chart=self.budget_chart,
            example=self.economy.example,
            sources=self.economy.sources,
        )
