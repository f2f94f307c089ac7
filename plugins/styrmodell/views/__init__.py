"""What each page shows, computed in Python so templates only loop and print.

A view is a frozen dataclass built from the model and the settings. Every view
knows which rows it shows, so it can say whether the page shows example data
and which sources to list. One module per page family:

- :mod:`.common`: texts for codes, the order organs are listed in, ``Rows``;
- :mod:`.goals`, :mod:`.indicators`, :mod:`.periods`, :mod:`.organs`: the pages of the data package;
- :mod:`.prose`: the data parts of the prose pages and the register of styrdokument;
- :mod:`.money`: the tax receipt and the economy page;
- :mod:`.data`: the open-data pages and downloads;
- :mod:`.site`: every page's view at once, and what every template may use.
"""

from __future__ import annotations

from .common import (
    ACTIVITY_TEXT,
    DIRECTION_TEXT,
    DOCUMENT_TYPE_TEXT,
    FREQUENCY_TEXT,
    KIND_ORDER,
    KIND_TEXT,
    MEASURE_TYPE_TEXT,
    Rows,
    ordered_organs,
)
from .goals import (
    ActivityView,
    GoalsPage,
    GoalSummary,
    GoalView,
    goal_summary,
    goal_view,
    goals_by_level_and_owner,
)
from .indicators import IndicatorsPage, IndicatorView, IndicatorYear, indicator_view
from .organs import OrgansPage, OrganView, organ_view
from .periods import PeriodsPage, PeriodView, Rollup, period_view, rollup_of, rollup_sentence
from .prose import (
    ChainNode,
    ChainView,
    DocumentRow,
    DocumentsView,
    PlanningStepView,
    PlanningView,
    RulesView,
    Vision,
    VisionView,
    WorkedExample,
    example_goal,
    worked_examples,
)
from .site import NavLink, PageViews, SiteView, page_views, site_view

__all__ = [
    "ACTIVITY_TEXT",
    "DIRECTION_TEXT",
    "DOCUMENT_TYPE_TEXT",
    "FREQUENCY_TEXT",
    "KIND_ORDER",
    "KIND_TEXT",
    "MEASURE_TYPE_TEXT",
    "ActivityView",
    "ChainNode",
    "ChainView",
    "DocumentRow",
    "DocumentsView",
    "GoalSummary",
    "GoalView",
    "GoalsPage",
    "IndicatorView",
    "IndicatorYear",
    "IndicatorsPage",
    "NavLink",
    "OrganView",
    "OrgansPage",
    "PageViews",
    "PeriodView",
    "PeriodsPage",
    "PlanningStepView",
    "PlanningView",
    "Rollup",
    "Rows",
    "RulesView",
    "SiteView",
    "Vision",
    "VisionView",
    "WorkedExample",
    "example_goal",
    "goal_summary",
    "goal_view",
    "goals_by_level_and_owner",
    "indicator_view",
    "ordered_organs",
    "organ_view",
    "page_views",
    "period_view",
    "rollup_of",
    "rollup_sentence",
    "site_view",
    "worked_examples",
]
