"""The Pelican glue: load the package once, then write one page per goal, styrmått, nämnd and period.

Everything computed here comes from ``views``; this module only decides which
template renders which view at which URL. URLs are built from ids, never from
titles, so a renamed goal keeps its address.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from .. import charts, fulfilment, search, views
from ..build import PACKAGE_SETTING, settings_package
from ..package.model import Period, Styrmodell
from ..settings import Settings
from ..urls import URL_FUNCTIONS, goal_url, indicator_url, organisation_url, period_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    """What every template may use: the model, the settings, the latest period and helpers."""

    model: Styrmodell
    settings: Settings
    latest: Period
    latest_view: views.PeriodView
    views: views.PageViews
    statuses: tuple
    goal_statuses: tuple
    rule: str
    examples: tuple
    example_goal: views.GoalView | None
    content_examples: Mapping[str, bool]


class SiteGenerator(Generator):
    """Base for this plugin's generators: writes a page at a URL built from an id."""

    def write_page(self, writer, url: str, template: str, title: str, **context) -> None:
        """Render ``template`` to ``<url>index.html`` (``url`` ends with ``/``; ``""`` is the start page)."""
        writer.write_file(
            f"{url}index.html",
            self.get_template(template),
            self.context,
            page_url=url,
            page_title=title,
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
        examples = views.worked_examples(self.model, settings)
        example_goal = views.example_goal(self.model, latest, settings)
        page_views = views.page_views(self.model, settings)
        self.site = Site(
            model=self.model,
            settings=settings,
            latest=latest,
            latest_view=page_views.periods[latest.id],
            views=page_views,
            statuses=fulfilment.STATUS_ORDER,
            goal_statuses=fulfilment.GOAL_STATUS_ORDER,
            rule=fulfilment.ROLLUP_RULES[settings.rollup],
            examples=examples,
            example_goal=example_goal,
            content_examples=views.content_page_examples(self.model, examples, example_goal),
        )
        self.context["styrmodell"] = self.site
        charts.configure_from_settings(self.settings, Path(self.path).parent)
        self.charts = charts.site_charts(
            self.model, self.site.latest_view, settings.tolerance, lambda i: f"{indicator_url(i)}diagram"
        )
        self.context["site_charts"] = self.charts
        self.context.update(URL_FUNCTIONS)

    def generate_output(self, writer) -> None:
        model, site = self.model, self.site
        for chart in self.charts.all():
            charts.write_files(chart, self.output_path)
        latest = site.latest
        self.write_page(writer, "", "start", "Start", view=site.latest_view, example=site.latest_view.example)

        goal_views = site.views.goals
        self.write_page(
            writer,
            "mal/",
            "goals",
            "Mål och resultat",
            goal_views=goal_views,
            groups=views.goals_by_level_and_owner(model, [v.summary for v in goal_views.values()]),
            view=site.latest_view,
            example=any(v.example for v in goal_views.values()),
        )
        for goal_id, view in goal_views.items():
            self.write_page(
                writer,
                goal_url(goal_id),
                "goal",
                view.goal.title,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        indicator_views = list(site.views.indicators.values())
        self.write_page(
            writer,
            "styrmatt/",
            "indicators",
            "Alla styrmått",
            indicator_views=indicator_views,
            example=any(v.example for v in indicator_views),
        )
        for view in indicator_views:
            self.write_page(
                writer,
                indicator_url(view.indicator.id),
                "indicator",
                view.indicator.name,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        organ_views = site.views.organs
        self.write_page(
            writer,
            "namnder/",
            "organisations",
            "Nämnder och styrelse",
            organs=[v.organ for v in organ_views],
            kinds=views.KIND_TEXT,
        )
        for view in organ_views:
            self.write_page(
                writer,
                organisation_url(view.organ.id),
                "organisation",
                view.organ.name,
                organ=view.organ,
                summaries=view.summaries,
                rollup=view.rollup,
                example=view.example,
                kinds=views.KIND_TEXT,
            )

        period_views = list(site.views.periods.values())
        self.write_page(
            writer,
            "rapporter/",
            "periods",
            "Uppföljningar",
            period_views=list(reversed(period_views)),
            example=any(v.example for v in period_views),
        )
        for view in period_views:
            self.write_page(
                writer,
                period_url(view.period.id),
                "period",
                view.period.name,
                view=view,
                example=view.example,
                sources=view.sources,
            )

        documents = sorted(model.documents, key=lambda d: (d.type, d.title))
        self.write_page(
            writer,
            "styrdokument/",
            "documents",
            "Styrdokument",
            documents=documents,
            types=views.DOCUMENT_TYPE_TEXT,
            review_date=latest.end_date,
            example=any(d.example for d in documents),
        )

        az = search.a_to_z(model, goal_url, indicator_url)
        self.write_page(
            writer,
            "sok/",
            "search",
            "Sök",
            az=az,
            example=any(e.example for group in az for e in group.entries),
        )
