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
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .. import fulfilment
from ..formatting import integer_words, long_date
from ..fulfilment import GoalStatus, Status
from ..package.model import Municipality, Period, Styrmodell
from ..settings import Settings
from ..urls import DATA_URL, ECONOMY_URL, GOALS_URL, RECEIPT_URL, SEARCH_URL, STYRMODELL_URL
from .common import ordered_organs
from .goals import GoalsPage, GoalView, goal_view, goals_page, target_passed_notice
from .indicators import IndicatorsPage, IndicatorView, indicator_view, indicators_page
from .model_facts import ModelView, model_view
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
from .publisher import PublisherView, publisher_view
from .receipt_method import ReceiptMethodView, receipt_method_view
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
    built = settings.build_day(latest.end_date)
    organs = ordered_organs(o for o in model.organisation if model.goals_of(o.id) or o.kind in ("namnd", "styrelse"))
    goals = {
        g.id: replace(goal_view(model, g, latest, settings, built), target_notice=target_passed_notice(model, g, built))
        for g in model.goals
    }
    indicators = {i.id: indicator_view(model, i, latest.year, settings, built) for i in model.indicators}
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
        documents=documents_view(model, latest, built),
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
    publisher: PublisherView  # who publishes: the footer and the demonstration notice
    receipt_method: ReceiptMethodView  # where the money figures come from, on "Så räknade vi"
    latest: Period
    latest_view: PeriodView
    navigation: tuple[NavLink, ...]
    statuses: tuple[Status, ...]
    goal_statuses: tuple[GoalStatus, ...]
    vision: VisionView
    chain: ChainView
    planning: PlanningView
    rules: RulesView
    #: The shape of this package's styrmodell (levels, perspectives, rhythm, decision), on /styrmodell/.
    shape: ModelView | None = None
    #: The day the site was built (``SOURCE_DATE_EPOCH``, or the latest period's end).
    build_date: date | None = None
    #: In the frame of every page: how current the figures are and when the site was built.
    age_text: str = ""
    #: On the start page and the goal and styrmått pages when the figures are old; empty otherwise.
    stale_notice: str = ""


def site_view(model: Styrmodell, settings: Settings, pages: PageViews) -> SiteView:
    latest = model.latest_period()
    built = settings.build_day(latest.end_date)
    return SiteView(
        municipality=model.municipality,
        licence_url=model.municipality.licence_url or "",
        publisher=publisher_view(model),
        receipt_method=receipt_method_view(model),
        latest=latest,
        latest_view=pages.periods[latest.id],
        navigation=tuple(NavLink(url, label) for url, label in NAVIGATION),
        statuses=fulfilment.STATUS_ORDER,
        goal_statuses=fulfilment.GOAL_STATUS_ORDER,
        vision=vision_view(model),
        chain=chain_view(model),
        planning=planning_view(model),
        rules=rules_view(model, settings, pages.goals.values()),
        shape=model_view(model),
        build_date=built,
        age_text=age_text(latest, built),
        stale_notice=stale_notice(latest, built, settings.stale_after_months),
    )


# How old the figures are ---------------------------------------------------------------------------


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (31 December 2022 to 1 December 2026 is 47); never negative.

    Counted from the day after each (a period ends on a month's last day: 31 December to 30 April is
    four whole months).
    """
    start, end = start + timedelta(days=1), end + timedelta(days=1)
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def age_phrase(months: int) -> str:
    """How old, in plain Swedish: "fem månader", "ett år", "drygt två år", "två och ett halvt år", "nästan fyra år"."""
    if months < 12:
        return "en månad" if months == 1 else f"{integer_words(months)} månader"
    years, rest = divmod(months, 12)
    if rest >= 9:
        return f"nästan {integer_words(years + 1)} år"
    if rest == 0:
        return f"{integer_words(years)} år"
    if rest <= 4:
        return f"drygt {integer_words(years)} år"
    return f"{integer_words(years)} och ett halvt år"


def age_text(latest: Period, built: date) -> str:
    """The frame's line: which period the figures run to, and when the site was built."""
    return (
        f"Siffrorna gäller till och med {latest.name.lower()} ({long_date(latest.end_date)}). "
        f"Webbplatsen byggdes {long_date(built)}."
    )


def stale_notice(latest: Period, built: date, stale_after_months: int) -> str:
    """A plain warning when the newest period ended more than ``stale_after_months`` before the build."""
    months = months_between(latest.end_date, built)
    if months <= stale_after_months:
        return ""
    return (
        f"De senaste siffrorna är från {latest.name.lower()}, som slutade {long_date(latest.end_date)}. "
        f"När webbplatsen byggdes den {long_date(built)} var de {age_phrase(months)} gamla. "
        "Det som står här kan ha ändrats sedan dess."
    )
