"""The styrmått pages: one styrmått's results, målnivåer, statuses and comparisons year by year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import fulfilment
from ..fulfilment import Trend, YearStatus
from ..package.model import Comparison, Goal, Indicator, Period, Source, Styrmodell
from ..settings import Settings
from .common import DIRECTION_TEXT, FREQUENCY_TEXT, MEASURE_TYPE_TEXT, Rows


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    status: YearStatus
    trend: Trend
    comparisons: tuple[Comparison, ...]

    @property
    def preliminary(self) -> bool:
        return bool(self.status.result and self.status.result.preliminary)

    @property
    def method_break(self) -> bool:
        """Whether the result was measured in a new way from this year."""
        return bool(self.status.result and self.status.result.method_break)

    @property
    def comparison_values(self) -> tuple[float | None, ...]:
        """One value per comparison area (None where the area has no figure for the year)."""
        return tuple(c.value if c else None for c in self.comparisons)


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    goal: Goal
    years: tuple[IndicatorYear, ...]
    current: YearStatus
    trend: Trend
    comparison_areas: tuple[tuple[str, str], ...]
    direction_text: str
    measure_type_text: str
    frequency_text: str
    example: bool
    sources: tuple[Source, ...]

    @property
    def years_newest_first(self) -> tuple[IndicatorYear, ...]:
        return tuple(reversed(self.years))

    @property
    def can_influence_text(self) -> str:
        return "Ja" if self.indicator.can_influence else "Bara delvis"

    @property
    def comparable_text(self) -> str:
        return "Ja" if self.indicator.comparable else "Nej"


def indicator_view(model: Styrmodell, indicator: Indicator, year: int, settings: Settings) -> IndicatorView:
    rows = Rows(model)
    rows.add(indicator)
    comparisons = model.comparisons_of(indicator.id)
    rows.extend(model.results_of(indicator.id))
    rows.extend(model.targets_of(indicator.id))
    rows.extend(comparisons)
    areas = tuple(sorted({(c.area, c.area_name) for c in comparisons}))
    years = tuple(
        IndicatorYear(
            year=y,
            status=fulfilment.status_for_year(model, indicator, y, settings.tolerance),
            trend=fulfilment.latest_trend(model, indicator, y),
            comparisons=tuple(next((c for c in comparisons if c.year == y and c.area == a), None) for a, _ in areas),
        )
        for y in fulfilment.indicator_years(model, indicator)
    )
    return IndicatorView(
        indicator=indicator,
        goal=model.goal(indicator.goal),
        years=years,
        current=fulfilment.status_for_year(model, indicator, year, settings.tolerance),
        trend=fulfilment.latest_trend(model, indicator, year),
        comparison_areas=areas,
        direction_text=DIRECTION_TEXT[indicator.direction],
        measure_type_text=MEASURE_TYPE_TEXT[indicator.measure_type],
        frequency_text=FREQUENCY_TEXT[indicator.frequency],
        example=rows.example,
        sources=rows.sources,
    )


@dataclass(frozen=True)
class IndicatorsPage:
    """The /styrmatt/ page: every styrmått with its status as of ``period``."""

    period: Period
    indicators: tuple[IndicatorView, ...]
    example: bool


def indicators_page(indicator_views: Iterable[IndicatorView], period: Period) -> IndicatorsPage:
    indicator_views = tuple(indicator_views)
    return IndicatorsPage(period, indicator_views, any(v.example for v in indicator_views))
