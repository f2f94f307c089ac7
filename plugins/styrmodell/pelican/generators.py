"""The Pelican glue: load the package once, then write one page per goal, styrmått, nämnd and period.

Everything computed here comes from ``views``; this module only decides which
template renders which view at which URL. URLs are built from ids, never from
titles, so a renamed goal keeps its address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pelican.generators import Generator

from .. import views
from ..charts.render import renderer_of, write_files
from ..charts.site import site_charts
from ..package.model import Period, Styrmodell
from ..progress import PROGRESS_SETTING
from ..settings import PACKAGE_SETTING, Settings, project_directory, settings_package
from ..urls import (
    DOCUMENTS_URL,
    GOALS_URL,
    INDICATORS_URL,
    ORGANISATIONS_URL,
    PERIODS_URL,
    SEARCH_URL,
    URL_FUNCTIONS,
    goal_url,
    indicator_chart,
    indicator_url,
    organisation_url,
    page_file,
    period_url,
)
from ..views.pagemeta import page_metas, share_cards

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shared:
    """What the later generators read from the core generator; templates get :class:`~styrmodell.views.SiteView`."""

    model: Styrmodell
    settings: Settings
    latest: Period
    latest_view: views.PeriodView
    views: views.PageViews


class SiteGenerator(Generator):
    """Base for this plugin's generators: writes a page at a URL built from an id."""

    def write_page(self, writer, url: str, template: str, title: str, **context) -> None:
        """Render ``template`` to ``<url>index.html`` (``url`` ends with ``/``; ``""`` is the start page).

        ``page_downloads`` is the page's "Data och citat" (None when it has none): the open-data step
        computed it for every goal, styrmått, nämnd and report page.
        """
        progress = self.settings.get(PROGRESS_SETTING)
        if progress is not None:
            progress.page()
        writer.write_file(
            page_file(url),
            self.get_template(template),
            self.context,
            page_url=url,
            page_title=title,
            page_downloads=self.context.get("page_data", {}).get(url),
            **context,
        )


class StyrmodellGenerator(SiteGenerator):
    """Loads the data package in ``generate_context`` and writes its pages in ``generate_output``."""

    def generate_context(self) -> None:
        config = self.settings.get("STYRMODELL", {})
        settings = Settings.from_mapping(config)
        package = settings_package(self.settings)
        self.context[PACKAGE_SETTING] = package  # the later generators share this one load
        self.model = package.model
        self.config = settings
        latest = self.model.latest_period()
        page_views = views.page_views(self.model, settings)
        self.site = Shared(
            model=self.model,
            settings=settings,
            latest=latest,
            latest_view=page_views.periods[latest.id],
            views=page_views,
        )
        self.context["styrmodell"] = self.site  # for the other generators; templates print ``site``
        self.context["site"] = views.site_view(self.model, settings, page_views)
        # Each page's <head> (description, canonical, share card): base.html reads page_meta[page_url].
        cards = self.context["share_cards"] = share_cards(self.model, page_views, enabled=settings.share_images)
        self.context["page_meta"] = page_metas(self.model, page_views, cards, self.settings.get("SITEURL") or "")
        self.charts = site_charts(
            self.model,
            page_views.indicators,
            self.site.latest_view,
            renderer_of(self.settings, project_directory(self.settings)),
            indicator_path=indicator_chart,
            cards=cards,
        )
        self.context["site_charts"] = self.charts
        self.context.update(URL_FUNCTIONS)

    def generate_output(self, writer) -> None:
        site = self.site
        for chart in self.charts.all():
            write_files(chart, self.output_path)
        self.write_page(writer, "", "start", "Start", view=site.latest_view, example=site.latest_view.example)

        pages = site.views
        self.write_page(
            writer, GOALS_URL, "goals", "Mål och resultat", view=pages.goals_page, example=pages.goals_page.example
        )
        for goal_id, view in pages.goals.items():
            self.write_page(
                writer,
                goal_url(goal_id),
                "goal",
                view.goal.title,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        self.write_page(
            writer,
            INDICATORS_URL,
            "indicators",
            "Alla styrmått",
            view=pages.indicators_page,
            example=pages.indicators_page.example,
        )
        for view in pages.indicators.values():
            self.write_page(
                writer,
                indicator_url(view.indicator.id),
                "indicator",
                view.indicator.name,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        self.write_page(
            writer,
            ORGANISATIONS_URL,
            "organisations",
            "Nämnder och styrelse",
            view=pages.organs_page,
            example=pages.organs_page.example,
        )
        for view in pages.organs:
            self.write_page(
                writer,
                organisation_url(view.organ.id),
                "organisation",
                view.organ.name,
                view=view,
                example=view.example,
            )

        self.write_page(
            writer, PERIODS_URL, "periods", "Uppföljningar", view=pages.periods_page, example=pages.periods_page.example
        )
        for view in pages.periods.values():
            self.write_page(
                writer,
                period_url(view.period.id),
                "period",
                view.period.name,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        self.write_page(
            writer, DOCUMENTS_URL, "documents", "Styrdokument", view=pages.documents, example=pages.documents.example
        )
        self.write_page(writer, SEARCH_URL, "search", "Sök", view=pages.search, example=pages.search.example)
