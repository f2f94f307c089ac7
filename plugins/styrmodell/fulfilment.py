"""Goal fulfilment: status per styrmått and year, trends, and goal roll-ups.

Pure functions over plain values and model objects; no Pelican, no I/O. The rules
are explained in plain Swedish on the page "Så bedömer vi måluppfyllelse"; the
labels and sentences a page prints for a status or a trend are the properties of
:class:`Status`, :class:`GoalStatus` and :class:`Trend` defined here, so the page and
the rule cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .package.model import Indicator, Result, Styrmodell, Target


class Status(StrEnum):
    """Status of one styrmått in one year."""

    MET = "uppnadd"
    NEAR = "nara"
    NOT_MET = "ej-uppnadd"
    NOT_MEASURED = "ej-matt"
    NOT_FOLLOWED_UP = "ej-uppfoljd"
    NO_TARGET = "malniva-saknas"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self]


class GoalStatus(StrEnum):
    """Status of a goal: the same scale the nämnder use in their own assessment."""

    MET = "uppnatt"
    PARTLY = "delvis"
    NOT_MET = "ej-uppnatt"
    NOT_ASSESSED = "ej-bedomt"

    @property
    def label(self) -> str:
        return GOAL_LABELS[self]

    @property
    def symbol(self) -> str:
        return GOAL_SYMBOLS[self]


STATUS_LABELS = {
    Status.MET: "Uppnådd",
    Status.NEAR: "Nära",
    Status.NOT_MET: "Ej uppnådd",
    Status.NOT_MEASURED: "Ej mätt",
    Status.NOT_FOLLOWED_UP: "Ej uppföljd",
    Status.NO_TARGET: "Målnivå saknas",
}
STATUS_SYMBOLS = {
    Status.MET: "✔",
    Status.NEAR: "◐",
    Status.NOT_MET: "✖",
    Status.NOT_MEASURED: "○",
    Status.NOT_FOLLOWED_UP: "⊘",
    Status.NO_TARGET: "–",
}
GOAL_LABELS = {
    GoalStatus.MET: "Uppnått",
    GoalStatus.PARTLY: "Delvis uppnått",
    GoalStatus.NOT_MET: "Ej uppnått",
    GoalStatus.NOT_ASSESSED: "Ej bedömt",
}
GOAL_SYMBOLS = {
    GoalStatus.MET: "✔",
    GoalStatus.PARTLY: "◐",
    GoalStatus.NOT_MET: "✖",
    GoalStatus.NOT_ASSESSED: "○",
}

#: The order in which statuses are listed and counted.
STATUS_ORDER = (
    Status.MET,
    Status.NEAR,
    Status.NOT_MET,
    Status.NOT_MEASURED,
    Status.NOT_FOLLOWED_UP,
    Status.NO_TARGET,
)
GOAL_STATUS_ORDER = (GoalStatus.MET, GoalStatus.PARTLY, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED)

ROLLUPS = ("majority", "all", "worst")


def _shortfall(direction: str, value: float, low: float | None, high: float | None) -> float:
    """How far ``value`` is on the wrong side of the målnivå (0 when it is met)."""
    if direction == "higher":
        return max(0.0, (low if low is not None else value) - value)
    if direction == "lower":
        return max(0.0, value - (high if high is not None else value))
    below = (low - value) if low is not None and value < low else 0.0
    above = (value - high) if high is not None and value > high else 0.0
    return max(below, above)


def indicator_status(
    direction: str, value: float | None, low: float | None, high: float | None, tolerance: float
) -> Status:
    """Status of one result against one målnivå.

    ``direction`` is ``higher`` (the result must reach ``low``), ``lower`` (it must
    stay at or under ``high``) or ``band`` (between both). A miss by no more
    than ``tolerance`` times the målnivå counts as :attr:`Status.NEAR`.
    """
    if value is None:
        return Status.NOT_MEASURED
    if low is None and high is None:
        return Status.NO_TARGET
    missed = _shortfall(direction, value, low, high)
    if missed == 0:
        return Status.MET
    bound = low if (direction == "higher" or (direction == "band" and low is not None and value < low)) else high
    # A tiny allowance so that binary floating point does not move a result
    # that is exactly on the tolerance boundary (1.9 against 2 ± 5 %) outside it.
    if bound is not None and missed <= abs(bound) * tolerance + 1e-9 * max(1.0, abs(bound)):
        return Status.NEAR
    return Status.NOT_MET


@dataclass(frozen=True, slots=True)
class YearStatus:
    """The status of one styrmått for ``year``, as known on one day.

    ``result`` is the value the status rests on: normally one of ``year`` (a
    delår value or the year's value), in a report that has no value of its own
    year yet, the latest earlier year's (see :func:`status_in_report`); then
    ``target`` is that year's målnivå too.
    """

    indicator: Indicator
    year: int
    result: Result | None
    target: Target | None
    status: Status

    @property
    def value(self) -> float | None:
        return self.result.value if self.result else None

    @property
    def example(self) -> bool:
        """Whether the status rests on example data (an example result or målnivå)."""
        return bool((self.result and self.result.example) or (self.target and self.target.example))

    @property
    def measured_year(self) -> int | None:
        """The year of the value the status rests on (None without a value)."""
        return self.result.year if self.result else None

    @property
    def earlier_text(self) -> str:
        """ "senaste mätning 2017" when the status rests on an earlier year's value, else empty."""
        if self.result is None or self.result.year == self.year:
            return ""
        return f"senaste mätning {self.result.year}"


#: How many years apart a styrmått is measured, by ``frequency``; one measured at every period has no
#: earlier year to fall back on (its own period's value, or nothing).
MEASURED_EVERY = {"arligen": 1, "vartannat-ar": 2}


def year_end(year: int) -> date:
    return date(year, 12, 31)


def known_results(model: Styrmodell, indicator: Indicator, as_of: date) -> tuple[Result, ...]:
    """The styrmått's values known on ``as_of``, one per year (the one known last), oldest year first.

    A value is known when its period ended on or before ``as_of``; a value with no
    period when its year ended on or before ``as_of``. In a year with a delår value
    and the year's value, the year's value replaces the delår value once it is known.
    """
    by_year: dict[int, Result] = {}
    for result in model.results_of(indicator.id):
        known = model.known_on(result)
        if known > as_of:
            continue
        current = by_year.get(result.year)
        if current is None or model.known_on(current) < known:
            by_year[result.year] = result
    return tuple(by_year[y] for y in sorted(by_year))


def known_value(model: Styrmodell, indicator: Indicator, year: int, as_of: date) -> Result | None:
    """The value of ``year`` known on ``as_of``: the one whose period ended last, or None."""
    known = [r for r in model.results_in(indicator.id, year) if model.known_on(r) <= as_of]
    return max(known, key=model.known_on, default=None)


def judge(
    indicator: Indicator, result: Result | None, target: Target | None, tolerance: float, *, passed: bool = False
) -> Status:
    """The status of ``result`` against ``target``; ``passed``: the målnivå's year ended before the day judged."""
    if result is None:
        return Status.NOT_FOLLOWED_UP if target is not None and passed else Status.NOT_MEASURED
    if target is None:
        return Status.NO_TARGET
    return indicator_status(indicator.direction, result.value, target.min, target.max, tolerance)


def status_for_year(
    model: Styrmodell, indicator: Indicator, year: int, tolerance: float, as_of: date | None = None
) -> YearStatus:
    """The status of ``year``'s own value as known on ``as_of`` (default: the end of ``year``).

    A målnivå whose year ended before ``as_of`` with no value is *ej uppföljd*;
    otherwise no value is *ej mätt*.
    """
    as_of = year_end(year) if as_of is None else as_of
    result = known_value(model, indicator, year, as_of)
    target = model.target(indicator.id, year)
    status = judge(indicator, result, target, tolerance, passed=year_end(year) < as_of)
    return YearStatus(indicator, year, result, target, status)


def status_in_report(model: Styrmodell, indicator: Indicator, year: int, as_of: date, tolerance: float) -> YearStatus:
    """The status a report for ``year`` that ends on ``as_of`` gives the styrmått.

    The value of ``year`` known by then (a delår value in a delår report); otherwise,
    for a styrmått measured once a year (or every other year), the latest year completed
    by then, within its interval (the year before; for every other year, the two years
    before), judged against that year's målnivå ("senaste mätning 2022"); *ej mätt* when
    nothing was known, *ej uppföljd* when ``year``'s målnivå has passed without a value.
    """
    own = status_for_year(model, indicator, year, tolerance, as_of)
    interval = MEASURED_EVERY.get(indicator.frequency)
    if own.result is not None or own.status is Status.NOT_FOLLOWED_UP or interval is None:
        return own
    earlier = [r for r in known_results(model, indicator, as_of) if year - interval <= r.year < year]
    if not earlier:
        return own
    result = earlier[-1]
    target = model.target(indicator.id, result.year)
    return YearStatus(indicator, year, result, target, judge(indicator, result, target, tolerance))


def indicator_years(model: Styrmodell, indicator: Indicator, as_of: date | None = None) -> list[int]:
    """Every year that has a result (known on ``as_of``, when given) or a målnivå, ascending."""
    results = model.results_of(indicator.id)
    if as_of is not None:
        results = known_results(model, indicator, as_of)
    years = {r.year for r in results} | {t.year for t in model.targets_of(indicator.id)}
    return sorted(years)


class Trend(StrEnum):
    BETTER = "battre"
    SAME = "oforandrat"
    WORSE = "samre"
    UNKNOWN = "okand"
    #: A delår value with no value of the same period a year before: nothing alike to compare with.
    NO_SAME_PERIOD = "ingen-jamforelse"

    @property
    def arrow(self) -> str:
        return {"battre": "↗", "oforandrat": "→", "samre": "↘"}.get(self.value, "")

    @property
    def label(self) -> str:
        return {
            "battre": "bättre",
            "oforandrat": "oförändrat",
            "samre": "sämre",
            "okand": "går inte att jämföra",
            "ingen-jamforelse": "inget att jämföra med",
        }[self.value]

    @property
    def note(self) -> str:
        """What a page says where there is no arrow, or empty: only for a delår value with nothing alike before it."""
        return self.label if self is Trend.NO_SAME_PERIOD else ""


def trend(direction: str, previous: float | None, current: float | None, same_within: float = 0.0) -> Trend:
    """Compare a result with the previous measurement, taking the direction into account.

    For ``band`` indicators neither higher nor lower is better in general, so the
    trend is only ``oförändrat`` or ``går inte att jämföra``.
    """
    if previous is None or current is None:
        return Trend.UNKNOWN
    change = current - previous
    if abs(change) <= abs(previous) * same_within:
        return Trend.SAME
    if direction == "band":
        return Trend.UNKNOWN
    improved = change > 0 if direction == "higher" else change < 0
    return Trend.BETTER if improved else Trend.WORSE


def period_kind(model: Styrmodell, result: Result) -> int | None:
    """What a value is alike with: the month its delårsrapport ends in, or None for the year's value.

    A value with no period or with the årsredovisning's period is the year's value.
    """
    if result.period is None:
        return None
    period = model.period(result.period)
    return period.end_date.month if period.kind == "delar" else None


def compared_with(model: Styrmodell, result: Result, candidates: Iterable[Result]) -> Result | None:
    """The value among ``candidates`` that ``result`` is compared with: like with like.

    A delår value is compared with the value of the same period a year before (the delårsrapport
    of the year before that ends in the same month), never with a year's value: 4 480 by August
    is compared with the 4 125 of August the year before, not with the 6 850 of the whole year.
    A year's value is compared with the latest earlier year's value (not necessarily the year
    before). None when there is nothing alike.
    """
    kind = period_kind(model, result)
    alike = [r for r in candidates if r.year < result.year and period_kind(model, r) == kind]
    if kind is not None:
        alike = [r for r in alike if r.year == result.year - 1]
    return max(alike, key=lambda r: r.year, default=None)


def result_trend(model: Styrmodell, indicator: Indicator, result: Result | None, candidates: Iterable[Result]) -> Trend:
    """The trend of ``result`` against the value alike before it (:func:`compared_with`), direction aware.

    *Går inte att jämföra* without a value, with a new way of measuring, or for a year's value with
    no earlier year; *inget att jämföra med* for a delår value with no value of the same period a
    year before.
    """
    if result is None or result.method_break:
        return Trend.UNKNOWN
    previous = compared_with(model, result, candidates)
    if previous is None:
        return Trend.NO_SAME_PERIOD if period_kind(model, result) is not None else Trend.UNKNOWN
    return trend(indicator.direction, previous.value, result.value)


def results_known(model: Styrmodell, indicator: Indicator, as_of: date) -> tuple[Result, ...]:
    """Every value of the styrmått known on ``as_of``, delår values included (unlike :func:`known_results`)."""
    return tuple(r for r in model.results_of(indicator.id) if model.known_on(r) <= as_of)


def latest_trend(model: Styrmodell, indicator: Indicator, year: int, as_of: date | None = None) -> Trend:
    """Trend of the value of ``year`` known on ``as_of`` (default: the end of ``year``) against the value
    alike before it, known then too (:func:`result_trend`)."""
    as_of = year_end(year) if as_of is None else as_of
    result = known_value(model, indicator, year, as_of)
    return result_trend(model, indicator, result, results_known(model, indicator, as_of))


# Goals --------------------------------------------------------------------------------

_AS_INDICATOR = {
    GoalStatus.MET: Status.MET,
    GoalStatus.PARTLY: Status.NEAR,
    GoalStatus.NOT_MET: Status.NOT_MET,
}

ROLLUP_RULES = {
    "majority": "Målet är uppnått när mer än hälften av de mätta styrmåtten och delmålen är uppnådda, "
    "och ej uppnått när mer än hälften har statusen Ej uppnådd. Annars är det delvis uppnått. "
    "Ett styrmått som är Nära räknas alltså varken som uppnått eller som ej uppnått.",
    "all": "Målet är uppnått när alla mätta styrmått och delmål är uppnådda, och ej uppnått när inget av dem "
    "är uppnått eller nära. Annars är det delvis uppnått.",
    "worst": "Målet får samma status som det sämsta mätta styrmåttet eller delmålet: ett enda som inte är "
    "uppnått gör målet ej uppnått.",
}


def rollup(statuses: Iterable[Status], rule: str = "majority") -> GoalStatus:  # noqa: PLR0911 - one return per rule and outcome
    """Roll the statuses of a goal's styrmått (and child goals, as :class:`Status`) up to the goal."""
    measured = [s for s in statuses if s in (Status.MET, Status.NEAR, Status.NOT_MET)]
    if not measured:
        return GoalStatus.NOT_ASSESSED
    count = Counter(measured)
    met, near, missed = count[Status.MET], count[Status.NEAR], count[Status.NOT_MET]
    if rule == "majority":
        if met * 2 > len(measured):
            return GoalStatus.MET
        if missed * 2 > len(measured):
            return GoalStatus.NOT_MET
        return GoalStatus.PARTLY
    if rule == "all":
        if met == len(measured):
            return GoalStatus.MET
        if met + near == 0:
            return GoalStatus.NOT_MET
        return GoalStatus.PARTLY
    if rule == "worst":
        if missed:
            return GoalStatus.NOT_MET
        return GoalStatus.PARTLY if near else GoalStatus.MET
    msg = f"Okänd regel för måluppfyllelse: {rule!r}. Välj en av {', '.join(ROLLUPS)}."
    raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class GoalResult:
    status: GoalStatus
    indicators: tuple[YearStatus, ...]
    children: tuple[tuple[str, GoalResult], ...]
    example: bool


def goal_status(
    model: Styrmodell, goal_id: str, year: int, tolerance: float, rule: str, *, as_of: date | None = None
) -> GoalResult:
    """A goal's computed status for ``year`` as known on ``as_of`` (default: the end of ``year``), from its
    own styrmått (:func:`status_in_report`) and the child goals in force that year.

    ``example`` is true when any status that counted rests on example data, or a
    child goal that counted is itself example data: a computed status is only as
    real as its inputs.
    """
    measured = (Status.MET, Status.NEAR, Status.NOT_MET)
    as_of = year_end(year) if as_of is None else as_of
    own = tuple(status_in_report(model, ind, year, as_of, tolerance) for ind in model.indicators_of(goal_id))
    children = tuple(
        (child.id, goal_status(model, child.id, year, tolerance, rule, as_of=as_of))
        for child in model.children(goal_id)
        if model.in_force(child, year)
    )
    counted_children = [(cid, r) for cid, r in children if r.status in _AS_INDICATOR]
    inputs = [ys.status for ys in own] + [_AS_INDICATOR[r.status] for _, r in counted_children]
    example = any(ys.example for ys in own if ys.status in measured) or any(
        r.example or model.goal(cid).example for cid, r in counted_children
    )
    return GoalResult(rollup(inputs, rule), own, children, example)
