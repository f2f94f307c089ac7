"""Which charts the site has: the core pages' charts and the money pages' charts, each set rendered in one batch.

:func:`site_charts` draws every styrmått from its
:class:`~styrmodell.views.IndicatorView` (the statuses its page prints), the start
page's roll-up from the latest :class:`~styrmodell.views.PeriodView`, and the
årshjul; :func:`money_charts` the tax receipt and the budget. Both hand their
drafts to the build's renderer in one ``render_many`` call; the generators only
write the results. No Pelican import here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..package.model import Styrmodell
from ..urls import PLANNING_CHART, ROLLUP_CHART
from ..views import IndicatorView, PeriodView
from ..views.money import ReceiptPage
from ..views.pagemeta import ShareCard
from .chart import Chart, Draft
from .describe import budget_draft, indicator_draft, planning_draft, receipt_draft, rollup_draft
from .money_specs import ReceiptRow
from .render import Renderer
from .share import share_images
from .specs import indicator_series


@dataclass(frozen=True)
class SiteCharts:
    """Every chart the core pages show: templates read it as ``site_charts``."""

    indicators: Mapping[str, Chart]
    rollup: Chart
    planning: Chart | None
    #: Each page's share image (``og:image``, PNG bytes) by page address; not a chart, so not in ``all()``.
    share: Mapping[str, bytes] = field(default_factory=dict)

    def all(self) -> tuple[Chart, ...]:
        return (*self.indicators.values(), self.rollup, *([self.planning] if self.planning else []))


def site_charts(
    model: Styrmodell,
    indicator_views: Mapping[str, IndicatorView],
    period_view: PeriodView,
    renderer: Renderer,
    *,
    indicator_path: Callable[[str], str],
    planning_path: str = PLANNING_CHART,
    rollup_path: str = ROLLUP_CHART,
    cards: Sequence[ShareCard] = (),
) -> SiteCharts:
    """The charts of the styrmått pages, the start page's roll-up and the årshjul, rendered by ``renderer``.

    ``indicator_views`` are the styrmått pages' views by id; ``period_view`` is the latest period's;
    ``indicator_path(id)`` gives the files' path of a styrmått's chart (``styrmatt/<id>/diagram``);
    ``cards`` are the pages' share cards, rasterised by the same renderer.
    """
    year = period_view.period.year
    drafts = [
        indicator_draft(
            indicator_series(indicator_views[ind.id], model.comparisons_of(ind.id)), indicator_path(ind.id), until=year
        )
        for ind in model.indicators
    ]
    groups = [("Per nivå", period_view.by_level), ("Per nämnd", period_view.by_owner)]
    groups.append(("Per perspektiv", tuple(r for r in period_view.by_perspective if r.total)))
    drafts.append(
        rollup_draft(
            groups,
            f"Måluppfyllelse, {period_view.period.name.lower()}",
            rollup_path,
            example=period_view.example,
            sources=[s.id for s in period_view.sources],
        )
    )
    if model.planning:
        drafts.append(planning_draft(model.planning, period_view.period.end_date.month, planning_path))
    rendered = renderer.render_many(drafts)
    count = len(model.indicators)
    return SiteCharts(
        indicators={ind.id: chart for ind, chart in zip(model.indicators, rendered[:count], strict=True)},
        rollup=rendered[count],
        planning=rendered[count + 1] if model.planning else None,
        share=share_images(cards, renderer),
    )


# The money pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyCharts:
    """The tax receipt of /skattepengar/ and the budget of /ekonomi/; ``None`` where the package has no data."""

    receipt: Chart | None
    budget: Chart | None

    def all(self) -> tuple[Chart, ...]:
        return tuple(c for c in (self.receipt, self.budget) if c is not None)


def receipt_chart(page: ReceiptPage, path: str) -> Draft | None:
    """The worked example's kronor per month and area, as a bar chart."""
    if page.receipt is None:
        return None
    rows = [
        ReceiptRow(name=row.area.name, kronor=row.line.month, source=row.area.source, example=row.area.example)
        for row in page.rows
    ]
    return receipt_draft(rows, page.receipt.income, path=path)


def budget_chart(model: Styrmodell, path: str) -> Draft | None:
    """Budget, prognos and utfall per nämnd and year, as small bar charts."""
    if not model.budget:
        return None
    names = {o.id: o.name for o in model.organisation}
    return budget_draft(model.budget, names, path=path)


def money_charts(
    page: ReceiptPage, model: Styrmodell, renderer: Renderer, receipt_path: str, budget_path: str
) -> MoneyCharts:
    """The money pages' charts, rendered by ``renderer``; files at ``receipt_path`` and ``budget_path``."""
    receipt, budget = receipt_chart(page, receipt_path), budget_chart(model, budget_path)
    rendered = iter(renderer.render_many([d for d in (receipt, budget) if d is not None]))
    return MoneyCharts(
        receipt=next(rendered) if receipt is not None else None, budget=next(rendered) if budget is not None else None
    )
