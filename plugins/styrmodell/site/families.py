"""Which pages the site has: one function per family of pages, each returning its :class:`Page` records.

This is the one place where a page type is added. A new page type is a function here that
yields its pages (address from :mod:`styrmodell.urls`, template, title, description, view), added
to :data:`FAMILIES`, and a template in ``theme/templates/``; the build gives every page its
``<head>``, share image, downloads and sitemap date from the record (``docs/arkitektur.md``
shows an example). No Pelican import here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ..charts.site import MoneyCharts, SiteCharts
from ..exports.opendata import OpenData
from ..formatting import count_phrase
from ..package.model import Styrmodell
from ..urls import (
    DATA_URL,
    DOCUMENTS_URL,
    ECONOMY_URL,
    GOALS_URL,
    INDICATORS_URL,
    ORGANISATIONS_URL,
    PERIODS_URL,
    RECEIPT_URL,
    SEARCH_URL,
    START_URL,
    snapshot_url,
)
from ..views import PageViews
from ..views.model_facts import genitive, goals_description
from ..views.money import EconomyPage, ReceiptPage
from ..views.pagemeta import (
    KIND_GOAL,
    KIND_INDICATOR,
    KIND_ORGAN,
    KIND_REPORT,
    ShareCard,
    goal_description,
    goal_status_words,
    indicator_description,
    organ_description,
    period_description,
    start_description,
)
from .page import Page


@dataclass(frozen=True)
class Parts:
    """What the page families read: the model, every view, the rendered charts and the open data."""

    model: Styrmodell
    views: PageViews
    charts: SiteCharts
    money_charts: MoneyCharts
    receipt: ReceiptPage
    economy: EconomyPage
    data: OpenData
    cards: Mapping[str, ShareCard]

    def card(self, url: str) -> ShareCard | None:
        return self.cards.get(url)


def start_and_lists(parts: Parts) -> Iterator[Page]:
    """The start page and the list pages of goals, styrmått, nämnder, reports, styrdokument and search."""
    views, name = parts.views, parts.model.municipality.name
    latest = views.periods[parts.model.latest_period().id]
    period = latest.period.name.lower()
    yield Page(
        START_URL,
        "Så går det",  # the heading says "Så går det för <kommun>"; the <title> adds the name
        "start",
        start_description(latest, name),
        view=latest,
        example=latest.example,
        card=parts.card(START_URL),
    )
    lists = (
        (
            GOALS_URL,
            "goals",
            "Mål och resultat",
            goals_description(parts.model, period),
            views.goals_page,
        ),
        (
            INDICATORS_URL,
            "indicators",
            "Alla styrmått",
            f"Alla {count_phrase(len(views.indicators), 'styrmått', 'styrmått')} som {name} följer upp sina mål med, "
            f"med resultat och målnivå vid {period}.",
            views.indicators_page,
        ),
        (
            ORGANISATIONS_URL,
            "organisations",
            "Nämnder och styrelse",
            f"{genitive(name)} nämnder och styrelse, deras mål och hur det går för dem.",
            views.organs_page,
        ),
        (
            PERIODS_URL,
            "periods",
            "Uppföljningar",
            f"Alla uppföljningar av {genitive(name)} mål, från delårsrapporter till årsredovisningar.",
            views.periods_page,
        ),
        (
            DOCUMENTS_URL,
            "documents",
            "Styrdokument",
            f"Register över {genitive(name)} styrdokument: vem som beslutade dem, när och när de ska ses över.",
            views.documents,
        ),
        (
            SEARCH_URL,
            "search",
            "Sök",
            "Sök bland mål, styrmått och sidor. Alla mål och styrmått finns också i en lista från A till Ö.",
            views.search,
        ),
    )
    for url, template, title, description, view in lists:
        yield Page(url, title, template, description, view=view, example=view.example)


def _view_page(parts: Parts, view, title: str, template: str, description: str, *, kind: str, **more) -> Page:
    """The record of a page that shows one view at the view's own address, with its share card."""
    return Page(
        view.url, title, template, description, view=view, example=view.example, kind=kind, card=parts.card(view.url),
        **more,
    )  # fmt: skip


def goals(parts: Parts) -> Iterator[Page]:
    """A page per goal, at its permanent address."""
    for view in parts.views.goals.values():
        status = goal_status_words(view)[0]
        yield _view_page(
            parts,
            view,
            view.goal.title,
            "goal",
            goal_description(view),
            kind=KIND_GOAL,
            sources=view.sources,
            status=status,
        )


def indicators(parts: Parts) -> Iterator[Page]:
    """A page per styrmått."""
    for view in parts.views.indicators.values():
        description = indicator_description(view)
        yield _view_page(
            parts, view, view.indicator.name, "indicator", description, kind=KIND_INDICATOR, sources=view.sources
        )


def organs(parts: Parts) -> Iterator[Page]:
    """A page per nämnd, styrelse or bolag with goals."""
    for view in parts.views.organs:
        yield _view_page(parts, view, view.organ.name, "organisation", organ_description(view), kind=KIND_ORGAN)


def reports(parts: Parts) -> Iterator[Page]:
    """A page per uppföljning."""
    name = parts.model.municipality.name
    for view in parts.views.periods.values():
        description = period_description(view, name)
        yield _view_page(parts, view, view.period.name, "period", description, kind=KIND_REPORT, sources=view.sources)


def open_data(parts: Parts) -> Iterator[Page]:
    """``/data/``, a page per frozen snapshot and a "Sedan förra uppföljningen" page per changed period."""
    model, data = parts.model, parts.data
    yield Page(
        DATA_URL,
        "Öppna data",
        "data",
        "Ladda ned alla uppgifter bakom webbplatsen: datapaket, CSV, Excel, SQLite och katalogdata.",
        example=data.example,
        sources=model.sources,
        extra={
            "package_downloads": data.package_downloads,
            "resources": data.resources,
            "snapshot_views": list(reversed(data.snapshot_views)),
            "catalogue_download": data.catalogue_download,
            "feed_download": data.feed_download,
            "changes": [data.changes[p.id] for p in reversed(model.periods) if p.id in data.changes],
            "licence": model.municipality,
            "jsonld": data.jsonld,
            "citation_example": data.citation,
        },
    )
    for view in data.snapshot_views:
        period = view.period
        yield Page(
            snapshot_url(period.id),
            f"Ögonblicksbild: {period.name}",
            "snapshot",
            f"Datapaketet som det publicerades vid {period.name.lower()}, fryst så att du kan hänvisa till det.",
            view=view,
            example=view.example,
            extra={"jsonld": view.jsonld},
        )
    for change in data.changes.values():
        yield Page(
            change.url,
            f"Sedan förra uppföljningen: {change.period.name}",
            "changes",
            f"Vad som har ändrats i mål och resultat från {change.digest.old_period.name.lower()} "
            f"till {change.period.name.lower()}.",
            view=change,
            example=change.digest.example,
            sources=change.sources,
            extra={"digest": change.digest},
        )


def money(parts: Parts) -> Iterator[Page]:
    """``/skattepengar/`` (the tax receipt) and ``/ekonomi/`` (budget, results, tax rates)."""
    receipt, economy, name = parts.receipt, parts.economy, parts.model.municipality.name
    yield Page(
        RECEIPT_URL,
        "Vad får jag för skattepengarna?",
        "skattepengar",
        f"Räkna ut hur mycket kommunalskatt du betalar till {name} och vilka verksamheter pengarna går till.",
        view=receipt,
        example=receipt.example,
        sources=receipt.sources,
        extra={"chart": parts.money_charts.receipt},
    )
    yield Page(
        ECONOMY_URL,
        "Kommunens ekonomi",
        "ekonomi",
        "Budget, utfall och prognos per nämnd, årets resultat mot det finansiella målet, skattesatsen "
        "och kostnader jämfört med riket.",
        view=economy,
        example=economy.example,
        sources=economy.sources,
        extra={"chart": parts.money_charts.budget},
    )


#: Every family of pages written from the data package, in the order they are built.
FAMILIES: tuple[Callable[[Parts], Iterator[Page]], ...] = (
    start_and_lists,
    goals,
    indicators,
    organs,
    reports,
    open_data,
    money,
)
