"""The uppföljning pages: goal statuses counted per level, nämnd and perspective, and in plain Swedish."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import fulfilment
from ..formatting import count_phrase, swedish_sort_key
from ..fulfilment import GoalStatus, Status
from ..package.model import Indicator, Period, Result, Source, Styrmodell
from ..settings import Settings
from ..urls import period_url
from .common import Rows
from .goals import GoalSummary, goal_summary


@dataclass(frozen=True)
class Rollup:
    """Counts of goal statuses for one group (a level, a nämnd, a perspective, or all)."""

    key: str
    name: str
    counts: Mapping[GoalStatus, int]
    goals: tuple[GoalSummary, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def example(self) -> bool:
        """Whether any counted status rests on example data."""
        return any(s.computed_example or s.goal.example for s in self.goals)

    @property
    def assessed(self) -> int:
        return self.total - self.counts[GoalStatus.NOT_ASSESSED]

    @property
    def ordered_counts(self) -> tuple[tuple[GoalStatus, int], ...]:
        """Every status with its count, in the usual order (met first, not assessed last)."""
        return tuple((s, self.counts[s]) for s in fulfilment.GOAL_STATUS_ORDER)

    @property
    def counts_present(self) -> tuple[tuple[GoalStatus, int], ...]:
        """The statuses at least one goal has, with their counts, in the usual order."""
        return tuple((s, n) for s, n in self.ordered_counts if n)

    @property
    def sentence(self) -> str:
        """The roll-up in plain Swedish (:func:`rollup_sentence`)."""
        return rollup_sentence(self)


def rollup_of(key: str, name: str, summaries: Iterable[GoalSummary]) -> Rollup:
    summaries = tuple(summaries)
    counts = dict.fromkeys(fulfilment.GOAL_STATUS_ORDER, 0)
    for summary in summaries:
        counts[summary.computed] += 1
    return Rollup(key, name, counts, summaries)


@dataclass(frozen=True)
class InterimValue:
    """A delår value a delårsrapport used, beside the value of the same period a year before."""

    indicator: Indicator
    status: fulfilment.YearStatus
    #: The value of the same period a year before (None: nothing to compare with).
    previous: Result | None
    trend: fulfilment.Trend

    @property
    def result(self) -> Result | None:
        """The delår value (always set: only values of the period are listed)."""
        return self.status.result


@dataclass(frozen=True)
class PeriodView:
    period: Period
    total: Rollup
    by_level: tuple[Rollup, ...]
    by_owner: tuple[Rollup, ...]
    by_perspective: tuple[Rollup, ...]
    indicator_counts: Mapping[Status, int]
    disagreements: tuple[GoalSummary, ...]
    example: bool
    sources: tuple[Source, ...]
    #: The status of every counted styrmått, as the period's report gives it (goal by goal, package order).
    indicator_statuses: tuple[fulfilment.YearStatus, ...] = ()
    #: How many styrmått had no value of the period's year when it ended and show the latest earlier one.
    earlier_count: int = 0
    #: In a delårsrapport, the delår values it used (goal by goal, package order); stays on its page
    #: once the year's value is in. Empty for an årsredovisning.
    interim: tuple[InterimValue, ...] = ()

    @property
    def url(self) -> str:
        """The report's page."""
        return period_url(self.period.id)

    @property
    def earlier_sentence(self) -> str:
        """Why some styrmått show an earlier year's value, or empty when none does."""
        if not self.earlier_count:
            return ""
        n = self.earlier_count
        return (
            f"{count_phrase(n, 'styrmått', 'styrmått')} hade inget värde för {self.period.year} när perioden slutade. "
            f"För {'det' if n == 1 else 'dem'} räknar vi med den senaste mätningen före perioden och målnivån för samma år."
        )


def period_view(model: Styrmodell, period: Period, settings: Settings) -> PeriodView:
    """Goal fulfilment as of ``period``: only goals valid that year, measurable levels only."""
    measurable = {lv.id for lv in model.levels if lv.measurable}
    summaries = [
        goal_summary(model, g, period, settings)
        for g in model.goals
        if g.level in measurable
        and not model.is_retired(g, period.year)
        and (g.valid_from is None or g.valid_from <= period.year)
    ]
    rows = Rows(model)
    rows.extend(s.goal for s in summaries)
    rows.extend(s.assessment for s in summaries if s.assessment)
    by_level = tuple(
        rollup_of(lv.id, lv.plural, (s for s in summaries if s.goal.level == lv.id))
        for lv in model.levels
        if lv.id in measurable
    )
    owners = sorted({s.goal.owner for s in summaries}, key=lambda o: swedish_sort_key(model.organ(o).name))
    by_owner = tuple(rollup_of(o, model.organ(o).name, (s for s in summaries if s.goal.owner == o)) for o in owners)
    by_perspective = tuple(
        rollup_of(p.id, p.name, (s for s in summaries if s.goal.perspective == p.id)) for p in model.perspectives
    )
    statuses = []
    earlier = 0
    for summary in summaries:
        for indicator in model.indicators_of(summary.goal.id):
            year_status = fulfilment.status_in_report(
                model, indicator, period.year, period.end_date, settings.tolerance
            )
            statuses.append(year_status)
            earlier += bool(year_status.earlier_text)
            rows.add(indicator, year_status.result, year_status.target)
    interim = tuple(_interim_value(model, ys, period) for ys in statuses if ys.result and ys.result.period == period.id)
    counted = [ys.status for ys in statuses]
    indicator_counts = {s: counted.count(s) for s in fulfilment.STATUS_ORDER}
    return PeriodView(
        period=period,
        total=rollup_of("alla", "Alla mål", summaries),
        by_level=by_level,
        by_owner=by_owner,
        by_perspective=by_perspective,
        indicator_counts=indicator_counts,
        disagreements=tuple(s for s in summaries if s.disagrees),
        example=rows.example,
        sources=rows.sources,
        indicator_statuses=tuple(statuses),
        earlier_count=earlier,
        interim=interim if period.kind == "delar" else (),
    )


def _interim_value(model: Styrmodell, year_status: fulfilment.YearStatus, period: Period) -> InterimValue:
    """``year_status``'s delår value beside the same period a year before, both known at ``period``'s end."""
    indicator, result = year_status.indicator, year_status.result
    known = fulfilment.results_known(model, indicator, period.end_date)
    return InterimValue(
        indicator=indicator,
        status=year_status,
        previous=fulfilment.compared_with(model, result, known),
        trend=fulfilment.result_trend(model, indicator, result, known),
    )


_STATUS_WORDS = (
    (GoalStatus.MET, "uppnått", "uppnådda"),
    (GoalStatus.PARTLY, "delvis uppnått", "delvis uppnådda"),
    (GoalStatus.NOT_MET, "inte uppnått", "inte uppnådda"),
)


def rollup_sentence(rollup: Rollup) -> str:
    """The roll-up in plain Swedish, with words that agree with their numbers and no "0 är …" clauses.

    ``Av 17 mål är 5 uppnådda, 8 delvis uppnådda och 1 inte uppnått. 3 mål kunde inte bedömas …``
    """
    if rollup.total == 0:
        return "Det finns inga gällande mål med styrmått att bedöma."
    parts = [
        f"{n}\u00a0{singular if n == 1 else plural}"
        for status, singular, plural in _STATUS_WORDS
        if (n := rollup.counts[status])
    ]
    reason = "eftersom det saknas mätvärden eller målnivåer för året"
    unassessed = rollup.counts[GoalStatus.NOT_ASSESSED]
    if unassessed == rollup.total:
        return (
            f"Inget av målen kunde bedömas, {reason}." if rollup.total > 1 else f"Målet kunde inte bedömas, {reason}."
        )
    if rollup.total == 1:
        status = next(s for s, *_ in _STATUS_WORDS if rollup.counts[s])
        return f"Målet är {next(w for s, w, _ in _STATUS_WORDS if s == status)}."
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"
    sentences = [f"Av {count_phrase(rollup.total, 'mål', 'mål')} är {listed}."]
    if unassessed:
        sentences.append(f"{count_phrase(unassessed, 'mål', 'mål')} kunde inte bedömas, {reason}.")
    return " ".join(sentences)


@dataclass(frozen=True)
class PeriodsPage:
    """The /rapporter/ page: every uppföljning, the latest first."""

    periods: tuple[PeriodView, ...]
    example: bool


def periods_page(period_views: Iterable[PeriodView]) -> PeriodsPage:
    period_views = tuple(period_views)
    return PeriodsPage(tuple(reversed(period_views)), any(v.example for v in period_views))
