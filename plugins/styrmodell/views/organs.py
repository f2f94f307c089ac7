"""The nämnd pages: an organ's goals, their statuses and the roll-up of those in force."""

from __future__ import annotations

from dataclasses import dataclass

from ..package.model import Organisation, Period, Styrmodell
from ..settings import Settings
from ..urls import organisation_url
from .common import KIND_TEXT
from .goals import GoalSummary, goal_summary
from .periods import Rollup, rollup_of


@dataclass(frozen=True)
class OrganView:
    """A nämnd's (or the board's) page: its goals, their statuses and the roll-up of those in force."""

    organ: Organisation
    summaries: tuple[GoalSummary, ...]
    rollup: Rollup
    kind_text: str = ""
    period: Period | None = None

    @property
    def url(self) -> str:
        """The nämnd's page."""
        return organisation_url(self.organ.id)

    @property
    def example(self) -> bool:
        return self.organ.example or any(s.goal.example or s.computed_example for s in self.summaries)


def organ_view(model: Styrmodell, organ: Organisation, period: Period, settings: Settings) -> OrganView:
    summaries = tuple(goal_summary(model, g, period, settings) for g in model.goals_of(organ.id))
    in_force = [s for s in summaries if s.level.measurable and s.in_force]
    return OrganView(organ, summaries, rollup_of(organ.id, organ.name, in_force), KIND_TEXT[organ.kind], period)


@dataclass(frozen=True)
class OrgansPage:
    """The /namnder/ page: the organs with goals, and every nämnd and the board, in reading order."""

    organs: tuple[OrganView, ...]

    @property
    def example(self) -> bool:
        """Whether a listed organ is an example row: the list tags it, so the page carries the notice."""
        return any(v.organ.example for v in self.organs)
