"""The data parts of the prose pages and the register of styrdokument.

The pages in ``content/pages/`` explain the styrmodell in words and show a part
of the data package below the text: the visions (``vision``), the chain of
goals (``malkedjan``), the planning year (``planering``) and the rules with
worked examples (``maluppfyllelse``). Each view here knows the rows it shows,
so it says itself whether its page shows example data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import fulfilment
from ..formatting import step_months
from ..fulfilment import Status, YearStatus
from ..package.model import Document, Goal, Level, Organisation, Period, PlanningStep, Source, Styrmodell
from ..settings import Settings
from .common import DIRECTION_TEXT, DOCUMENT_TYPE_TEXT, Rows
from .goals import GoalView, goal_view

# The vision page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Vision:
    """A goal on the top level, with the goals that contribute to it."""

    goal: Goal
    retired: bool
    children: tuple[Goal, ...]


@dataclass(frozen=True)
class VisionView:
    visions: tuple[Vision, ...]
    example: bool
    sources: tuple[Source, ...]

    @property
    def current(self) -> tuple[Goal, ...]:
        """The visions that still apply (the start page names them)."""
        return tuple(v.goal for v in self.visions if not v.retired)


def vision_view(model: Styrmodell) -> VisionView:
    """Every goal on the top level; retired as of the latest period."""
    rows = Rows(model)
    visions = []
    for goal in model.goals_on(model.levels[0].id):
        children = model.children(goal.id)
        rows.add(goal)
        rows.extend(children)
        visions.append(Vision(goal, model.is_retired(goal), children))
    return VisionView(tuple(visions), rows.example, rows.sources)


# The chain of goals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainNode:
    """One goal in the tree of goals, with the goals below it."""

    goal: Goal
    level_text: str
    owner_text: str
    retired: bool
    children: tuple[ChainNode, ...]


@dataclass(frozen=True)
class ChainView:
    municipality_name: str
    levels: tuple[Level, ...]
    roots: tuple[ChainNode, ...]
    example: bool
    sources: tuple[Source, ...]


def owner_text(organ: Organisation) -> str:
    """An owner's name inside a sentence: in lower case, except a company's name, which is a proper name."""
    return organ.name if organ.kind == "bolag" else organ.name.lower()


def _chain_nodes(model: Styrmodell, parent: str | None) -> tuple[ChainNode, ...]:
    return tuple(
        ChainNode(
            goal=g,
            level_text=model.level(g.level).name.lower(),
            owner_text=owner_text(model.organ(g.owner)),
            retired=model.is_retired(g),
            children=_chain_nodes(model, g.id),
        )
        for g in model.children(parent)
    )


def chain_view(model: Styrmodell) -> ChainView:
    """The levels and every goal as a tree from the goals without a parent down; retired as of the latest period."""
    rows = Rows(model)
    rows.extend(model.levels)
    rows.extend(model.goals)
    return ChainView(
        municipality_name=model.municipality.name,
        levels=model.levels,
        roots=_chain_nodes(model, None),
        example=any(g.example for g in model.goals),
        sources=rows.sources,
    )


# The planning year -------------------------------------------------------------------------------


def step_when(step: PlanningStep) -> str:
    """When a step happens: ``Oktober``, ``Januari–mars``, ``Februari året därpå`` or ``December–januari året därpå``."""
    text = step_months(step.start_month, step.end_month, step.year_offset, step.end_offset)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class PlanningStepView:
    step: PlanningStep
    when: str
    who: str


@dataclass(frozen=True)
class PlanningView:
    steps: tuple[PlanningStepView, ...]
    example: bool
    sources: tuple[Source, ...]


def planning_view(model: Styrmodell) -> PlanningView:
    """The steps of the planning year, in package order."""
    rows = Rows(model)
    rows.extend(model.planning)
    steps = tuple(PlanningStepView(s, step_when(s), model.organ(s.who).name) for s in model.planning)
    return PlanningView(steps, rows.example, rows.sources)


# The rules page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkedExample:
    """A real case for one status: the year's result, målnivå and status of one styrmått."""

    case: YearStatus
    direction_text: str


@dataclass(frozen=True)
class RulesView:
    """The rules the site applies, each status by name, with real cases from the data."""

    met: Status
    near: Status
    not_met: Status
    not_measured: Status
    not_followed_up: Status
    no_target: Status
    tolerance_percent: float
    rule: str
    examples: tuple[WorkedExample, ...]
    example_goal: GoalView | None
    example: bool
    sources: tuple[Source, ...]


def worked_examples(model: Styrmodell, settings: Settings) -> tuple[YearStatus, ...]:
    """One real case from the data for each indicator status, for the page that explains the rules.

    The latest year with a result is preferred, so the examples are current; the
    choice is deterministic (indicators in package order, newest year first). Each case
    is judged as the styrmått pages judge it, on the build date, so a målnivå whose year
    has passed since without a result is *ej uppföljd* on both pages.
    """
    as_of = settings.build_day(model.latest_period().end_date)
    found: dict[Status, YearStatus] = {}
    for indicator in model.indicators:
        for year in reversed(fulfilment.indicator_years(model, indicator, as_of)):
            status = fulfilment.status_for_year(model, indicator, year, settings.tolerance, as_of)
            current = found.get(status.status)
            if current is None or year > current.year:
                found[status.status] = status
    return tuple(found[s] for s in fulfilment.STATUS_ORDER if s in found)


def first_rollup_example(goal_views: Iterable[GoalView]) -> GoalView | None:
    """The first goal in force with at least two measured styrmått, to show how a roll-up is computed."""
    for view in goal_views:
        measured = [iv for iv in view.indicators if iv.current.status in (Status.MET, Status.NEAR, Status.NOT_MET)]
        if len(measured) >= 2 and not view.summary.retired:
            return view
    return None


def example_goal(model: Styrmodell, period: Period, settings: Settings) -> GoalView | None:
    """A goal with at least two measured styrmått as of ``period``, in package order."""
    return first_rollup_example(goal_view(model, g, period, settings) for g in model.goals)


def rules_view(model: Styrmodell, settings: Settings, goal_views: Iterable[GoalView]) -> RulesView:
    """The rules page's data part, for the configured tolerance and roll-up rule.

    ``goal_views`` are the goals' views in package order (as of the latest period), one of which is the example.
    """
    cases = worked_examples(model, settings)
    goal = first_rollup_example(goal_views)
    rows = Rows(model)
    for case in cases:
        rows.add(case.indicator, case.result, case.target)
    sources = {*rows.sources, *(goal.sources if goal else ())}
    return RulesView(
        met=Status.MET,
        near=Status.NEAR,
        not_met=Status.NOT_MET,
        not_measured=Status.NOT_MEASURED,
        not_followed_up=Status.NOT_FOLLOWED_UP,
        no_target=Status.NO_TARGET,
        tolerance_percent=settings.tolerance * 100,
        rule=fulfilment.ROLLUP_RULES[settings.rollup],
        examples=tuple(WorkedExample(c, DIRECTION_TEXT[c.indicator.direction]) for c in cases),
        example_goal=goal,
        example=rows.example or bool(goal and goal.example),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
    )


# The register of styrdokument ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    type_text: str
    decision: str  # who decided, and the reference: "KF § 150", never "KF KF § 150"
    overdue: bool  # the review date had passed on the day the site was built


@dataclass(frozen=True)
class DocumentsView:
    rows: tuple[DocumentRow, ...]
    period: Period
    example: bool
    sources: tuple[Source, ...]
    #: The day review dates are judged at: the build date.
    judged_on: date | None = None


def decision_text(model: Styrmodell, document: Document) -> str:
    """The deciding organ (its short name if it has one) and the reference, naming the organ once."""
    organ = model.organ(document.decided_by)
    who = organ.short_name or organ.name
    reference = document.reference
    if reference and reference.startswith(who):
        return reference
    return f"{who} {reference}" if reference else who


def documents_view(model: Styrmodell, period: Period, built: date | None = None) -> DocumentsView:
    """Every styrdokument by type and title; overdue when its review date is before ``built``, the build date.

    Without a build date, review dates are judged at the end of ``period``.
    """
    judged_on = built or period.end_date
    documents = sorted(model.documents, key=lambda d: (d.type, d.title))
    rows = Rows(model)
    rows.extend(documents)
    return DocumentsView(
        rows=tuple(
            DocumentRow(
                document=d,
                type_text=DOCUMENT_TYPE_TEXT[d.type],
                decision=decision_text(model, d),
                overdue=d.review_by is not None and d.review_by < judged_on,
            )
            for d in documents
        ),
        period=period,
        example=any(d.example for d in documents),
        sources=rows.sources,
        judged_on=judged_on,
    )
