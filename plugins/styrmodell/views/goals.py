"""The goal pages: a goal's chain, computed status beside the nämnd's assessment, styrmått and activities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import fulfilment
from ..fulfilment import GoalStatus
from ..package.model import (
    Activity,
    ActivityStatus,
    Assessment,
    Goal,
    Level,
    Organisation,
    Period,
    Perspective,
    Source,
    Styrmodell,
)
from ..settings import Settings
from ..urls import goal_url
from .common import ACTIVITY_TEXT, Rows, ordered_organs
from .indicators import IndicatorView, indicator_view, newest_year


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
    #: Said instead of a computed status for a goal in force on a level that is never measured
    #: ("Följs upp genom sina delmål"); empty for a goal on a measured level.
    status_text: str = ""

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

    @property
    def comment(self) -> str | None:
        """The comment of the latest status report, if any."""
        return self.status.comment if self.status else None


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
    #: When the goal applies, in a sentence: "från 2024 till och med 2027", "från 2024, tills vidare".
    validity_text: str = ""
    #: The years the goal applied, for a goal that does not apply now: "2020–2023" ("–2023" with no first year).
    validity_span: str = ""
    #: The replacements listed among the facts; a retired goal names them in its notice instead.
    replaced_by_fact: tuple[Goal, ...] = ()
    #: The parent goal the page's notice names: set for a goal in force whose parent goal no longer applies.
    parent_notice: Goal | None = None
    #: Said when the goal's last målnivå is for a year that ended before the build (see below).
    target_notice: str = ""

    @property
    def url(self) -> str:
        """The goal's page, at its permanent address (from its id, never its title)."""
        return goal_url(self.goal.id)

    @property
    def goal(self) -> Goal:
        return self.summary.goal


def goal_summary(model: Styrmodell, goal: Goal, period: Period, settings: Settings) -> GoalSummary:
    """A goal's computed status for the period's year beside the nämnd's assessment.

    A goal that does not apply that year (ended, or not yet started) is not
    assessed: a status for a goal that no longer applies would mislead. Neither is a
    goal on a level that is never measured (a vision): it is followed through its
    delmål, and ``status_text`` says so. Only what was known at the period's end
    counts (:func:`fulfilment.status_in_report`).
    """
    in_force = model.in_force(goal, period.year)
    level = model.level(goal.level)
    status_text = ""
    if in_force and not level.measurable:
        followed = any(model.in_force(child, period.year) for child in model.children(goal.id))
        status_text = "Följs upp genom sina delmål" if followed else "Mäts inte"
    if in_force and level.measurable:
        result = fulfilment.goal_status(
            model, goal.id, period.year, settings.tolerance, settings.rollup, as_of=period.end_date
        )
        computed, computed_example = result.status, result.example
    else:
        computed, computed_example = GoalStatus.NOT_ASSESSED, False
    assessment = next((a for a in model.assessments_of(goal.id) if a.period == period.id), None)
    return GoalSummary(
        goal=goal,
        level=level,
        owner=model.organ(goal.owner),
        perspective=model.perspective(goal.perspective) if goal.perspective else None,
        computed=computed,
        computed_example=computed_example,
        assessment=assessment,
        retired=model.is_retired(goal, period.year),
        in_force=in_force,
        year=period.year,
        status_text=status_text,
    )


def _parent_ended(model: Styrmodell, goal: Goal, year: int) -> Goal | None:
    """The parent goal, when this goal applies in ``year`` but its parent no longer does."""
    if goal.parent is None or not model.in_force(goal, year):
        return None
    parent = model.goal(goal.parent)
    return None if model.in_force(parent, year) else parent


def validity_text(goal: Goal) -> str:
    """When ``goal`` applies: "från 2024 till och med 2027", "från 2024, tills vidare", " till och med 2027"."""
    first = f"från {goal.valid_from}" if goal.valid_from else ""
    if goal.valid_to:
        return f"{first} till och med {goal.valid_to}"
    return f"{first}, tills vidare" if goal.valid_from else "tills vidare"


def validity_span(goal: Goal) -> str:
    """The years ``goal`` applies as a span: "2020–2023"; an open end is left empty ("2027–")."""
    return f"{goal.valid_from or ''}–{goal.valid_to or ''}"


def goal_view(model: Styrmodell, goal: Goal, period: Period, settings: Settings, as_of: date | None = None) -> GoalView:
    """The goal page: its status at ``period`` beside the assessment made then, and its styrmått as known
    on ``as_of`` (the build date; default the period's end), so a målnivå whose year has passed since
    without a result reads *ej uppföljd*."""
    rows = Rows(model)
    chain = model.chain(goal.id)
    rows.extend(chain)
    rows.add(model.organ(goal.owner), model.level(goal.level))
    indicators = tuple(
        indicator_view(model, ind, period.year, settings, as_of or period.end_date)
        for ind in model.indicators_of(goal.id)
    )
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
    summary = goal_summary(model, goal, period, settings)
    replaced_by = model.replaced_by(goal.id)
    parent_ended = _parent_ended(model, goal, period.year)
    return GoalView(
        summary=summary,
        chain=chain,
        children=children,
        indicators=indicators,
        rule=fulfilment.ROLLUP_RULES[settings.rollup],
        assessments=assessments,
        activities=tuple(activities),
        replaces=model.goal(goal.replaces) if goal.replaces else None,
        replaced_by=replaced_by,
        parent_ended=parent_ended,
        period=period,
        example=example,
        sources=sources,
        validity_text=validity_text(goal),
        validity_span=validity_span(goal),
        replaced_by_fact=() if summary.retired else replaced_by,
        parent_notice=None if summary.retired else parent_ended,
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


@dataclass(frozen=True)
class GoalsPage:
    """The /mal/ page: every goal by level and owner, with statuses as of ``period``."""

    period: Period
    groups: tuple[tuple[Level, tuple[tuple[Organisation, tuple[GoalSummary, ...]], ...]], ...]
    example: bool


def goals_page(model: Styrmodell, goal_views: Iterable[GoalView], period: Period) -> GoalsPage:
    goal_views = tuple(goal_views)
    return GoalsPage(
        period=period,
        groups=goals_by_level_and_owner(model, (v.summary for v in goal_views)),
        example=any(v.example for v in goal_views),
    )


# A goal whose målnivåer have run out ---------------------------------------------------------------


def last_target_year(model: Styrmodell, goal: Goal) -> int | None:
    """The latest year any of the goal's styrmått has a målnivå for, or None without målnivåer."""
    years = [t.year for i in model.indicators_of(goal.id) for t in model.targets_of(i.id)]
    return max(years, default=None)


def figures_until(model: Styrmodell, goal: Goal, built: date) -> int:
    """The newest year the goal's page shows figures for: the latest period's year, or a later year
    of a styrmått's value known on ``built`` (:func:`~.indicators.newest_year`, as its tables show it)."""
    latest = model.latest_period().year
    return max([latest, *(newest_year(model, i, latest, built) for i in model.indicators_of(goal.id))])


def target_passed_notice(model: Styrmodell, goal: Goal, built: date) -> str:
    """For a goal that still applies: its last målnivå is for a year that ended after the figures and before the build.

    A målnivå for a year the page has figures for is judged on the page. One for a later year that
    was over when the site was built (the 2025 målnivå of a site with figures to 2023, built in
    2026) would otherwise look as if it still lay ahead. The figures go as far as the newest year
    the page shows (:func:`figures_until`).
    """
    year = last_target_year(model, goal)
    until = figures_until(model, goal, built)
    if year is None or not until < year < built.year or model.is_retired(goal):
        return ""
    return (
        f"Målets sista målnivå gällde {year}. Det året är slut, men siffrorna här går bara till och med "
        f"{until}, så de visar inte om målnivån nåddes. "
        f"Datapaketet har inga målnivåer för åren efter {year}."
    )
