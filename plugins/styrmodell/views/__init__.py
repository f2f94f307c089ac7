"""What each page shows, computed in Python so templates only loop and print.

A view is a frozen dataclass built from the model and the settings. Every view
knows which rows it shows, so it can say whether the page shows example data
and which sources to list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import fulfilment
from ..formatting import count_phrase, swedish_sort_key
from ..fulfilment import GoalStatus, Status, Trend, YearStatus
from ..package.model import (
    Activity,
    ActivityStatus,
    Assessment,
    Comparison,
    Goal,
    Indicator,
    Level,
    Organisation,
    Period,
    Perspective,
    Source,
    Styrmodell,
)
from ..settings import Settings

DIRECTION_TEXT = {
    "higher": "Ju högre desto bättre",
    "lower": "Ju lägre desto bättre",
    "band": "Ska ligga inom ett intervall",
}
MEASURE_TYPE_TEXT = {"resurs": "Resursmått", "process": "Processmått", "resultat": "Resultatmått"}
FREQUENCY_TEXT = {"arligen": "Varje år", "vartannat-ar": "Vartannat år", "per-period": "Vid varje uppföljning"}
ACTIVITY_TEXT = {"ej-paborjad": "Ej påbörjad", "pagar": "Pågår", "klar": "Klar", "installd": "Inställd"}
KIND_TEXT = {
    "fullmaktige": "Fullmäktige",
    "styrelse": "Styrelse",
    "namnd": "Nämnd",
    "bolag": "Bolag",
    "forbund": "Kommunalförbund",
    "forvaltning": "Förvaltning",
}
DOCUMENT_TYPE_TEXT = {
    "vision": "Vision",
    "mal-och-budget": "Mål och budget",
    "program": "Program",
    "policy": "Policy",
    "riktlinje": "Riktlinje",
    "styrmodell": "Styrmodell",
    "reglemente": "Reglemente",
    "plan": "Plan",
}


#: The order organs are listed in: the council, the executive board, the committees, then the rest.
KIND_ORDER = ("fullmaktige", "styrelse", "namnd", "forvaltning", "forbund", "bolag")


def ordered_organs(organs: Iterable[Organisation]) -> list[Organisation]:
    """Fullmäktige and styrelse first, then the nämnder and the rest, each group in Swedish alphabetical order."""
    return sorted(organs, key=lambda o: (KIND_ORDER.index(o.kind), swedish_sort_key(o.name)))


class Rows:
    """Collects the rows a page shows, for its example notice and its source list."""

    def __init__(self, model: Styrmodell) -> None:
        self.model = model
        self._rows: list = []

    def add(self, *rows) -> None:
        self._rows.extend(r for r in rows if r is not None)

    def extend(self, rows: Iterable) -> None:
        self._rows.extend(rows)

    @property
    def example(self) -> bool:
        return any(getattr(r, "example", False) for r in self._rows)

    @property
    def sources(self) -> tuple[Source, ...]:
        ids = sorted({r.source for r in self._rows if getattr(r, "source", None)})
        return tuple(self.model.source(i) for i in ids)


# Indicators ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    status: YearStatus
    trend: Trend
    comparisons: tuple[Comparison, ...]


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


# Goals ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalSummary:
    """A goal in a list: its computed status beside the nämnd's own assessment."""

    goal: Goal
    level: Level
    owner: Organisation
    perspective: Perspective | None
    computed: GoalStatus
    computed_example: bool
    assessment: Assessment | None
    retired: bool
    in_force: bool
    year: int

    @property
    def disagrees(self) -> bool:
        return (
            self.assessment is not None
            and GoalStatus.NOT_ASSESSED not in (self.assessment.status, self.computed)
            and self.assessment.status != self.computed
        )

    @property
    def assessed(self) -> GoalStatus | None:
        return GoalStatus(self.assessment.status) if self.assessment else None


@dataclass(frozen=True)
class ActivityView:
    activity: Activity
    status: ActivityStatus | None
    status_text: str


@dataclass(frozen=True)
class GoalView:
    summary: GoalSummary
    chain: tuple[Goal, ...]
    children: tuple[GoalSummary, ...]
    indicators: tuple[IndicatorView, ...]
    rule: str
    assessments: tuple[tuple[Period, Assessment], ...]
    activities: tuple[ActivityView, ...]
    replaces: Goal | None
    replaced_by: tuple[Goal, ...]
    parent_ended: Goal | None
    period: Period
    example: bool
    sources: tuple[Source, ...]

    @property
    def goal(self) -> Goal:
        return self.summary.goal


def goal_summary(model: Styrmodell, goal: Goal, period: Period, settings: Settings) -> GoalSummary:
    """A goal's computed status for the period's year beside the nämnd's assessment.

    A goal that does not apply that year (ended, or not yet started) is not
    assessed: a status for a goal that no longer applies would mislead.
    """
    in_force = model.in_force(goal, period.year)
    if in_force:
        result = fulfilment.goal_status(model, goal.id, period.year, settings.tolerance, settings.rollup)
        computed, computed_example = result.status, result.example
    else:
        computed, computed_example = GoalStatus.NOT_ASSESSED, False
    assessment = next((a for a in model.assessments_of(goal.id) if a.period == period.id), None)
    return GoalSummary(
        goal=goal,
        level=model.level(goal.level),
        owner=model.organ(goal.owner),
        perspective=model.perspective(goal.perspective) if goal.perspective else None,
        computed=computed,
        computed_example=computed_example,
        assessment=assessment,
        retired=model.is_retired(goal, period.year),
        in_force=in_force,
        year=period.year,
    )


def _parent_ended(model: Styrmodell, goal: Goal, year: int) -> Goal | None:
    """The parent goal, when this goal applies in ``year`` but its parent no longer does."""
    if goal.parent is None or not model.in_force(goal, year):
        return None
    parent = model.goal(goal.parent)
    return None if model.in_force(parent, year) else parent


def goal_view(model: Styrmodell, goal: Goal, period: Period, settings: Settings) -> GoalView:
    rows = Rows(model)
    chain = model.chain(goal.id)
    rows.extend(chain)
    rows.add(model.organ(goal.owner), model.level(goal.level))
    indicators = tuple(indicator_view(model, ind, period.year, settings) for ind in model.indicators_of(goal.id))
    children = tuple(goal_summary(model, child, period, settings) for child in model.children(goal.id))
    rows.extend(c.goal for c in children)
    assessments = tuple(
        sorted(((model.period(a.period), a) for a in model.assessments_of(goal.id)), key=lambda pa: pa[0].end_date)
    )
    rows.extend(a for _, a in assessments)
    activities = []
    for activity in model.activities_of(goal.id):
        statuses = sorted(model.activity_statuses(activity.id), key=lambda s: model.period(s.period).end_date)
        latest = statuses[-1] if statuses else None
        activities.append(ActivityView(activity, latest, ACTIVITY_TEXT[latest.status] if latest else "Ingen uppgift"))
        rows.add(activity, latest)
    example = rows.example or any(iv.example for iv in indicators)
    sources = tuple(sorted({*rows.sources, *(s for iv in indicators for s in iv.sources)}, key=lambda s: s.id))
    return GoalView(
        summary=goal_summary(model, goal, period, settings),
        chain=chain,
        children=children,
        indicators=indicators,
        rule=fulfilment.ROLLUP_RULES[settings.rollup],
        assessments=assessments,
        activities=tuple(activities),
        replaces=model.goal(goal.replaces) if goal.replaces else None,
        replaced_by=model.replaced_by(goal.id),
        parent_ended=_parent_ended(model, goal, period.year),
        period=period,
        example=example,
        sources=sources,
    )


# Roll-ups --------------------------------------------------------------------------------------


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


def rollup_of(key: str, name: str, summaries: Iterable[GoalSummary]) -> Rollup:
    summaries = tuple(summaries)
    counts = dict.fromkeys(fulfilment.GOAL_STATUS_ORDER, 0)
    for summary in summaries:
        counts[summary.computed] += 1
    return Rollup(key, name, counts, summaries)


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
    for summary in summaries:
        for indicator in model.indicators_of(summary.goal.id):
            year_status = fulfilment.status_for_year(model, indicator, period.year, settings.tolerance)
            statuses.append(year_status.status)
            rows.add(indicator, year_status.result, year_status.target)
    indicator_counts = {s: statuses.count(s) for s in fulfilment.STATUS_ORDER}
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
    )


def _perspective_order(summary: GoalSummary) -> tuple[int, str]:
    return (summary.perspective.order if summary.perspective else 0, summary.goal.id)


def goals_by_level_and_owner(
    model: Styrmodell, summaries: Iterable[GoalSummary]
) -> tuple[tuple[Level, tuple[tuple[Organisation, tuple[GoalSummary, ...]], ...]], ...]:
    """Goals grouped for the /mal/ page: by level (top first), then by owner (in package order), then by perspective."""
    summaries = tuple(summaries)
    groups = []
    for level in model.levels:
        on_level = [s for s in summaries if s.goal.level == level.id]
        owners = tuple(
            (organ, tuple(sorted((s for s in on_level if s.goal.owner == organ.id), key=_perspective_order)))
            for organ in ordered_organs(model.organisation)
            if any(s.goal.owner == organ.id for s in on_level)
        )
        groups.append((level, owners))
    return tuple(groups)


def worked_examples(model: Styrmodell, settings: Settings) -> tuple[YearStatus, ...]:
    """One real case from the data for each indicator status, for the page that explains the rules.

    The latest year with a result is preferred, so the examples are current; the
    choice is deterministic (indicators in package order, newest year first).
    """
    found: dict[Status, YearStatus] = {}
    for indicator in model.indicators:
        for year in reversed(fulfilment.indicator_years(model, indicator)):
            status = fulfilment.status_for_year(model, indicator, year, settings.tolerance)
            current = found.get(status.status)
            if current is None or year > current.year:
                found[status.status] = status
    return tuple(found[s] for s in fulfilment.STATUS_ORDER if s in found)


def example_goal(model: Styrmodell, period: Period, settings: Settings) -> GoalView | None:
    """A goal with at least two measured styrmått, to show how a roll-up is computed."""
    for goal in model.goals:
        view = goal_view(model, goal, period, settings)
        measured = [iv for iv in view.indicators if iv.current.status in (Status.MET, Status.NEAR, Status.NOT_MET)]
        if len(measured) >= 2 and not view.summary.retired:
            return view
    return None


def content_page_examples(
    model: Styrmodell, examples: Iterable[YearStatus], goal: GoalView | None
) -> Mapping[str, bool]:
    """For the prose pages that also show data: does the data part show example rows? Keyed by template."""
    top = model.levels[0].id
    shown_examples = [e.indicator for e in examples] + [e.result for e in examples] + [e.target for e in examples]
    return {
        "malkedjan": any(g.example for g in model.goals),
        "planering": any(s.example for s in model.planning),
        "vision": any(g.example for v in model.goals_on(top) for g in (v, *model.children(v.id))),
        "maluppfyllelse": any(getattr(r, "example", False) for r in shown_examples) or bool(goal and goal.example),
    }


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
class OrganView:
    """A nämnd's (or the board's) page: its goals, their statuses and the roll-up of those in force."""

    organ: Organisation
    summaries: tuple[GoalSummary, ...]
    rollup: Rollup

    @property
    def example(self) -> bool:
        return self.organ.example or any(s.goal.example or s.computed_example for s in self.summaries)


def organ_view(model: Styrmodell, organ: Organisation, period: Period, settings: Settings) -> OrganView:
    summaries = tuple(goal_summary(model, g, period, settings) for g in model.goals_of(organ.id))
    in_force = [s for s in summaries if s.level.measurable and s.in_force]
    return OrganView(organ, summaries, rollup_of(organ.id, organ.name, in_force))


@dataclass(frozen=True)
class PageViews:
    """Every page's view, computed once per build and shared by all generators."""

    goals: Mapping[str, GoalView]
    indicators: Mapping[str, IndicatorView]
    organs: tuple[OrganView, ...]
    periods: Mapping[str, PeriodView]


def page_views(model: Styrmodell, settings: Settings) -> PageViews:
    latest = model.latest_period()
    organs = ordered_organs(o for o in model.organisation if model.goals_of(o.id) or o.kind in ("namnd", "styrelse"))
    return PageViews(
        goals={g.id: goal_view(model, g, latest, settings) for g in model.goals},
        indicators={i.id: indicator_view(model, i, latest.year, settings) for i in model.indicators},
        organs=tuple(organ_view(model, o, latest, settings) for o in organs),
        periods={p.id: period_view(model, p, settings) for p in model.periods},
    )
