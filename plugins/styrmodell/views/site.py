"""Every page's view, computed once per build, and what every template may use.

:func:`page_views` computes the views of the pages written from the data
package; the generators share them. :func:`site_view` computes the
:class:`SiteView`: the facts the frame of every page prints (the municipality,
the latest uppföljning, the main menu) and the data parts of the prose pages in
``content/pages/``, which Pelican writes and which therefore read their view
from the shared context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import fulfilment
from ..fulfilment import GoalStatus, Status
from ..package.model import Municipality, Period, Styrmodell
from ..settings import Settings
from ..urls import DATA_URL, ECONOMY_URL, GOALS_URL, RECEIPT_URL, SEARCH_URL, STYRMODELL_URL
from .common import ordered_organs
from .goals import GoalsPage, GoalView, goal_view, goals_page
from .indicators import IndicatorsPage, IndicatorView, indicator_view, indicators_page
from .organs import OrgansPage, OrganView, organ_view
from .periods import PeriodsPage, PeriodView, period_view, periods_page
from .prose import (
    ChainView,
    DocumentsView,
    PlanningView,
    RulesView,
    VisionView,
    chain_view,
    documents_view,
    planning_view,
    rules_view,
    vision_view,
)
from .search_page import SearchPage, search_page

#: The main menu: address and label.
NAVIGATION = (
    (STYRMODELL_URL, "Styrmodellen"),
    (GOALS_URL, "Mål och resultat"),
    (ECONOMY_URL, "Ekonomi"),
    (RECEIPT_URL, "Skattepengar"),
    (DATA_URL, "Öppna data"),
    (SEARCH_URL, "Sök"),
)


@dataclass(frozen=True)
class PageViews:
    """Every page's view, computed once per build and shared by all generators."""

    goals: Mapping[str, GoalView]
    indicators: Mapping[str, IndicatorView]
    organs: tuple[OrganView, ...]
    periods: Mapping[str, PeriodView]
    goals_page: GoalsPage
    indicators_page: IndicatorsPage
    organs_page: OrgansPage
    periods_page: PeriodsPage
    documents: DocumentsView
    search: SearchPage


def page_views(model: Styrmodell, settings: Settings) -> PageViews:
    latest = model.latest_period()
    organs = ordered_organs(o for o in model.organisation if model.goals_of(o.id) or o.kind in ("namnd", "styrelse"))
    goals = {g.id: goal_view(model, g, latest, settings) for g in model.goals}
    indicators = {i.id: indicator_view(model, i, latest.year, settings, latest.end_date) for i in model.indicators}
    organ_views = tuple(organ_view(model, o, latest, settings) for o in organs)
    periods = {p.id: period_view(model, p, settings) for p in model.periods}
    return PageViews(
        goals=goals,
        indicators=indicators,
        organs=organ_views,
        periods=periods,
        goals_page=goals_page(model, goals.values(), latest),
        indicators_page=indicators_page(indicators.values(), latest),
        organs_page=OrgansPage(organ_views),
        periods_page=periods_page(periods.values()),
        documents=documents_view(model, latest),
        search=search_page(model),
    )


@dataclass(frozen=True)
class NavLink:
    """An entry of the main menu."""

    url: str
    label: str

    def current(self, page_url: object) -> bool:
        """Whether the page at ``page_url`` is this entry or below it (the start page is below none)."""
        return isinstance(page_url, str) and bool(page_url) and page_url.startswith(self.url)


@dataclass(frozen=True)
class SiteView:
    """What every template may use: the frame of every page and the prose pages' data parts."""

    municipality: Municipality
    licence_url: str
    latest: Period
    latest_view: PeriodView
    navigation: tuple[NavLink, ...]
    statuses: tuple[Status, ...]
    goal_statuses: tuple[GoalStatus, ...]
    vision: VisionView
    chain: ChainView
    planning: PlanningView
    rules: RulesView


def site_view(model: Styrmodell, settings: Settings, pages: PageViews) -> SiteView:
    latest = model.latest_period()
    return SiteView(
        municipality=model.municipality,
        licence_url=model.municipality.licence_url or "",
        latest=latest,
        latest_view=pages.periods[latest.id],
        navigation=tuple(NavLink(url, label) for url, label in NAVIGATION),
        statuses=fulfilment.STATUS_ORDER,
        goal_statuses=fulfilment.GOAL_STATUS_ORDER,
        vision=vision_view(model),
        chain=chain_view(model),
        planning=planning_view(model),
        rules=rules_view(model, settings, pages.goals.values()),
    )
