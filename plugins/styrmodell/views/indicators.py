"""The styrmått pages: one styrmått's results, målnivåer, statuses and comparisons year by year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import fulfilment
from ..fulfilment import Trend, YearStatus
from ..package.model import Comparison, ComparisonGroupMember, Goal, Indicator, Period, Result, Source, Styrmodell
from ..settings import Settings
from ..urls import indicator_url
from .common import DIRECTION_TEXT, FREQUENCY_TEXT, MEASURE_TYPE_TEXT, Rows


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    status: YearStatus
    trend: Trend
    comparisons: tuple[Comparison, ...]
    #: Whether the value is a delår value (its period is a delårsrapport): the year was not over yet.
    interim: bool = False
    #: The row's name in the table: the year, or for a delår value kept beside the year's value, its period's name.
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", str(self.year))

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
class GroupView:
    """A comparison group as the styrmått page lists it: its members, its source and what the page shows of it."""

    id: str
    name: str
    members: tuple[ComparisonGroupMember, ...]
    sources: tuple[Source, ...]
    #: How the group's value is made, or that the package has none for this styrmått, in plain Swedish.
    text: str
    example: bool

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(f"{m.name} ({m.code})" for m in self.members)


def group_views(model: Styrmodell, comparisons: Iterable[Comparison]) -> tuple[GroupView, ...]:
    """Every comparison group of the package, with whether this styrmått has figures for it."""
    shown = {c.area for c in comparisons}
    groups: dict[str, list[ComparisonGroupMember]] = {}
    for member in model.comparison_groups:
        groups.setdefault(member.group, []).append(member)
    views = []
    for group_id, members in sorted(groups.items()):
        kolada = members[0].kolada_group
        how = (
            f"Gruppens värde är Koladas medelvärde för gruppen {kolada}"
            if kolada
            else f"Gruppens värde är medelvärdet av de {len(members)} kommunernas värden, där varje kommun väger lika"
        )
        if group_id in shown:
            text = f"{how}. Det står bredvid Riket i diagrammet och i tabellen."
        else:
            text = "Datapaketet har ännu inga värden för gruppen för det här styrmåttet."
        ids = sorted({m.source for m in members})
        views.append(
            GroupView(
                id=group_id,
                name=members[0].group_name,
                members=tuple(members),
                sources=tuple(model.source(i) for i in ids),
                text=text,
                example=any(m.example for m in members),
            )
        )
    return tuple(views)


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
    #: The package's comparison groups, members listed (empty: the package names none).
    groups: tuple[GroupView, ...] = ()
    #: The table's rows, oldest first: every year of ``years`` and, after a year, its delår values that
    #: the year's row no longer shows (empty: the same as ``years``).
    rows: tuple[IndicatorYear, ...] = ()

    @property
    def url(self) -> str:
        """The styrmått's page."""
        return indicator_url(self.indicator.id)

    @property
    def years_newest_first(self) -> tuple[IndicatorYear, ...]:
        return tuple(reversed(self.years))

    @property
    def rows_newest_first(self) -> tuple[IndicatorYear, ...]:
        """The table, newest first: a year's row above the delår values of the same year."""
        return tuple(reversed(self.rows or self.years))

    @property
    def can_influence_text(self) -> str:
        return "Ja" if self.indicator.can_influence else "Bara delvis"

    @property
    def comparable_text(self) -> str:
        return "Ja" if self.indicator.comparable else "Nej"


def _interim(model: Styrmodell, result: Result | None) -> bool:
    return bool(result and result.period and model.period(result.period).kind == "delar")


def _table_rows(
    model: Styrmodell,
    indicator: Indicator,
    years: tuple[IndicatorYear, ...],
    known: tuple[Result, ...],
    settings: Settings,
) -> tuple[IndicatorYear, ...]:
    """``years`` with, after each, the year's delår values known by then that its row does not show.

    Each delår value is judged as the report of its period judged it (against the year's målnivå)
    and compared with the same period a year before.
    """
    rows = []
    for year in years:
        shown = year.status.result
        interim = sorted(
            (r for r in known if r.year == year.year and r != shown and _interim(model, r)), key=model.known_on
        )
        for result in interim:
            period = model.period(result.period)
            rows.append(
                IndicatorYear(
                    year=year.year,
                    status=fulfilment.status_for_year(model, indicator, year.year, settings.tolerance, period.end_date),
                    trend=fulfilment.result_trend(model, indicator, result, known),
                    comparisons=tuple(None for _ in year.comparisons),
                    interim=True,
                    label=period.name,
                )
            )
        rows.append(year)
    return tuple(rows)


def newest_year(model: Styrmodell, indicator: Indicator, year: int, as_of: date) -> int:
    """The year a styrmått's page leads with: ``year``, or a later year whose value was known on ``as_of``
    (a value with no period for a year after the latest uppföljning), so the headline, its share card
    and the table's newest row say the same year."""
    return max([year, *(r.year for r in fulfilment.known_results(model, indicator, as_of))])


def indicator_view(
    model: Styrmodell, indicator: Indicator, year: int, settings: Settings, as_of: date | None = None
) -> IndicatorView:
    """The styrmått as known on ``as_of`` (default: the end of ``year``): only values known by then are shown,
    each year judged on its own value, and ``current`` as a report for ``year`` would judge it (or for the
    newest year with a value known by then, when that is later: :func:`newest_year`).

    Each value is compared with the value alike before it (:func:`fulfilment.result_trend`): a delår
    value with the same period a year before, the year's value with the year's value before it.
    """
    as_of = fulfilment.year_end(year) if as_of is None else as_of
    rows = Rows(model)
    rows.add(indicator)
    comparisons = model.comparisons_of(indicator.id)
    every_known = fulfilment.results_known(model, indicator, as_of)
    rows.extend(every_known)
    rows.extend(model.targets_of(indicator.id))
    rows.extend(comparisons)
    rows.extend(model.comparison_groups)
    areas = tuple(sorted({(c.area, c.area_name) for c in comparisons}))
    years = tuple(
        IndicatorYear(
            year=y,
            status=(status := fulfilment.status_for_year(model, indicator, y, settings.tolerance, as_of)),
            trend=fulfilment.result_trend(model, indicator, status.result, every_known),
            comparisons=tuple(next((c for c in comparisons if c.year == y and c.area == a), None) for a, _ in areas),
            interim=_interim(model, status.result),
        )
        for y in fulfilment.indicator_years(model, indicator, as_of)
    )
    current = fulfilment.status_in_report(
        model, indicator, newest_year(model, indicator, year, as_of), as_of, settings.tolerance
    )
    return IndicatorView(
        indicator=indicator,
        goal=model.goal(indicator.goal),
        years=years,
        current=current,
        trend=fulfilment.result_trend(model, indicator, current.result, every_known),
        comparison_areas=areas,
        direction_text=DIRECTION_TEXT[indicator.direction],
        measure_type_text=MEASURE_TYPE_TEXT[indicator.measure_type],
        frequency_text=FREQUENCY_TEXT[indicator.frequency],
        example=rows.example,
        sources=rows.sources,
        groups=group_views(model, comparisons),
        rows=_table_rows(model, indicator, years, every_known, settings),
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
