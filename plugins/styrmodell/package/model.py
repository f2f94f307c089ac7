"""The typed, frozen model of one municipality's data package.

Templates and rules see only these classes, never raw CSV rows. Field names are
the column names of the data package (see ``data/<kommun>/datapackage.json``),
so the data dictionary and the code speak of the same things.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType

from .national import NATIONAL_RESOURCES, KoladaGroupMember, KoladaMunicipality, KoladaValue
from .units import DEFAULT_UNITS, Unit  # the units are part of the model; they live in units.py


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    url: str | None = None
    accessed: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Municipality:
    id: str
    name: str
    code: str
    licence: str
    source: str
    example: bool
    county: str | None = None
    website: str | None = None
    contact_email: str | None = None
    licence_url: str | None = None
    publisher: str | None = None  # who publishes the package (a snapshot frozen before the column existed has none)
    publisher_url: str | None = None
    publisher_is_municipality: bool = False
    comparison_area: str | None = None  # the area in comparisons the costs are set beside (None: riket)


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kind: str
    source: str
    example: bool
    short_name: str | None = None
    parent: str | None = None
    description: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    name: str
    plural: str
    order: int
    decided_by: str
    measurable: bool
    source: str
    example: bool
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Perspective:
    id: str
    name: str
    order: int
    source: str
    example: bool
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    id: str
    year: int
    name: str
    kind: str
    end_date: date
    source: str
    example: bool
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    level: str
    owner: str
    title: str
    source: str
    example: bool
    parent: str | None = None
    perspective: str | None = None
    description: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    replaces: str | None = None
    decision: str | None = None
    note: str | None = None
    #: The verksamhetsområde the goal is about (``spending.area``): its row on the tax receipt.
    area: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    goal: str
    name: str
    unit: str
    decimals: int
    measure_type: str
    direction: str
    frequency: str
    can_influence: bool
    comparable: bool
    source: str
    example: bool
    definition: str | None = None
    kolada_kpi: str | None = None
    note: str | None = None
    #: The unit's word and symbol, from the package's ``units`` rows or :data:`DEFAULT_UNITS` (not columns).
    unit_name: str | None = None
    unit_symbol: str | None = None

    def __post_init__(self) -> None:
        known = DEFAULT_UNITS.get(self.unit)
        if self.unit_name is None:
            object.__setattr__(self, "unit_name", known.name if known else self.unit)
        if self.unit_symbol is None and known is not None:
            object.__setattr__(self, "unit_symbol", known.symbol)

    @property
    def unit_title(self) -> str:
        """The unit's word as a chart's axis title."""
        name = self.unit_name or self.unit
        return name[:1].upper() + name[1:]


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str
    year: int
    source: str
    example: bool
    min: float | None = None
    max: float | None = None
    decision: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    indicator: str
    year: int
    value: float
    preliminary: bool
    method_break: bool
    source: str
    example: bool
    period: str | None = None
    note: str | None = None
    #: Where the row came from: ``kolada`` (written by ``import-kolada``, which may update it) or, when
    #: empty or ``hand``, entered by hand (never touched by an import).
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    indicator: str
    year: int
    area: str
    area_name: str
    value: float
    source: str
    example: bool
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class ComparisonGroupMember:
    """One municipality of a comparison group; the group's figures are rows in ``comparisons`` (area = group)."""

    group: str
    group_name: str
    code: str
    name: str
    source: str
    example: bool
    kolada_group: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    goal: str
    period: str
    status: str
    source: str
    example: bool
    analysis: str | None = None
    actions: str | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    goal: str
    owner: str
    title: str
    source: str
    example: bool
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ActivityStatus:
    activity: str
    period: str
    status: str
    source: str
    example: bool
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class BudgetRow:
    organisation: str
    year: int
    kind: str
    net_cost: float
    source: str
    example: bool
    period: str | None = None
    investments: float | None = None
    carried_over: float | None = None
    #: The unit of net_cost, investments and carried_over: kr, tkr or mnkr (a package without the column: mnkr).
    unit: str = "mnkr"


@dataclass(frozen=True, slots=True)
class FinancialResult:
    year: int
    share_percent: float
    source: str
    example: bool
    result_mnkr: float | None = None
    target_percent: float | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Spending:
    year: int
    area: str
    name: str
    owner: str
    unit: str
    value: float
    source: str
    example: bool
    kolada_kpi: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TaxRate:
    year: int
    scope: str
    rate: float
    source: str
    example: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Population:
    year: int
    area: str
    inhabitants: int
    source: str
    example: bool


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    type: str
    decided_by: str
    source: str
    example: bool
    decided: date | None = None
    review_by: date | None = None
    reference: str | None = None
    registration_number: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PlanningStep:
    id: str
    order: int
    title: str
    start_month: int
    end_month: int
    year_offset: int
    who: str
    source: str
    example: bool
    description: str | None = None
    note: str | None = None

    @property
    def end_offset(self) -> int:
        """The year the step ends in, counted as ``year_offset``: a step from December to January ends a year later."""
        return self.year_offset + (1 if self.end_month < self.start_month else 0)

    @property
    def first_month(self) -> int:
        """The step's first month on a timeline that starts in January of the year before the budget year (0-based)."""
        return 12 * self.year_offset + self.start_month - 1

    @property
    def last_month(self) -> int:
        """The month after the step's last on the same timeline, so that a one-month step is one month long."""
        return 12 * self.end_offset + self.end_month


#: Resource name in the data package → the class of its rows.
ROW_CLASSES: Mapping[str, type] = MappingProxyType(
    {
        "sources": Source,
        "municipality": Municipality,
        "organisation": Organisation,
        "levels": Level,
        "perspectives": Perspective,
        "periods": Period,
        "goals": Goal,
        "indicators": Indicator,
        "targets": Target,
        "results": Result,
        "comparisons": Comparison,
        "assessments": Assessment,
        "activities": Activity,
        "activity_status": ActivityStatus,
        "budget": BudgetRow,
        "financial_results": FinancialResult,
        "spending": Spending,
        "tax_rates": TaxRate,
        "population": Population,
        "documents": Document,
        "planning": PlanningStep,
        "comparison_groups": ComparisonGroupMember,
        "units": Unit,
        "kolada_municipalities": KoladaMunicipality,
        "kolada_values": KoladaValue,
        "kolada_groups": KoladaGroupMember,
    }
)
#: Resources a package may leave out (packages made before they existed stay valid): their rows are then none.
#: Without ``units`` the built-in :data:`DEFAULT_UNITS` apply.
#: The three ``kolada_*`` resources are written by import-kolada and init (Kolada's figures for every kommun).
OPTIONAL_RESOURCES = frozenset({"comparison_groups", "units", *NATIONAL_RESOURCES})


def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _index(rows: Iterable, key: str) -> Mapping:
    return MappingProxyType({getattr(row, key): row for row in rows})


def _group(rows: Iterable, key: str) -> Mapping[str, tuple]:
    grouped: dict = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


def _group_by(rows: Iterable, keys: tuple[str, ...]) -> Mapping[tuple, tuple]:
    grouped: dict = defaultdict(list)
    for row in rows:
        grouped[tuple(getattr(row, k) for k in keys)].append(row)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


@dataclass(frozen=True)
class Styrmodell:
    """One municipality's whole package, with lookups.

    Build it with :meth:`from_rows`; every tuple is sorted by primary key so
    iteration order, and therefore output, is stable.
    """

    municipality: Municipality
    sources: tuple[Source, ...]
    organisation: tuple[Organisation, ...]
    levels: tuple[Level, ...]
    perspectives: tuple[Perspective, ...]
    periods: tuple[Period, ...]
    goals: tuple[Goal, ...]
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]
    results: tuple[Result, ...]
    comparisons: tuple[Comparison, ...]
    assessments: tuple[Assessment, ...]
    activities: tuple[Activity, ...]
    activity_status: tuple[ActivityStatus, ...]
    budget: tuple[BudgetRow, ...]
    financial_results: tuple[FinancialResult, ...]
    spending: tuple[Spending, ...]
    tax_rates: tuple[TaxRate, ...]
    population: tuple[Population, ...]
    documents: tuple[Document, ...]
    planning: tuple[PlanningStep, ...]
    comparison_groups: tuple[ComparisonGroupMember, ...] = ()
    units: tuple[Unit, ...] = ()
    kolada_municipalities: tuple[KoladaMunicipality, ...] = ()
    kolada_values: tuple[KoladaValue, ...] = ()
    kolada_groups: tuple[KoladaGroupMember, ...] = ()
    index: Mapping[str, Mapping] = field(repr=False, compare=False, default_factory=dict)

    def example_flags(self) -> tuple[bool, ...]:
        """The ``example`` flag of every row that has one (the municipality row included; sources have none)."""
        tables = [getattr(self, f.name) for f in fields(self)]
        rows = [self.municipality, *(r for t in tables if isinstance(t, tuple) for r in t)]
        return tuple(r.example for r in rows if hasattr(r, "example"))

    @classmethod
    def from_rows(cls, rows: Mapping[str, Iterable]) -> Styrmodell:
        tables = {name: tuple(rows.get(name, ())) for name in ROW_CLASSES}
        tables["levels"] = tuple(sorted(tables["levels"], key=lambda lv: lv.order))
        tables["perspectives"] = tuple(sorted(tables["perspectives"], key=lambda p: (p.order, p.id)))
        tables["periods"] = tuple(sorted(tables["periods"], key=lambda p: (p.end_date, p.id)))
        tables["planning"] = tuple(sorted(tables["planning"], key=lambda s: (s.order, s.id)))
        municipality = tables.pop("municipality")[0]
        units = {**DEFAULT_UNITS, **{u.id: u for u in tables["units"]}}
        tables["indicators"] = tuple(
            replace(i, unit_name=units[i.unit].name, unit_symbol=units[i.unit].symbol) if i.unit in units else i
            for i in tables["indicators"]
        )
        index = {
            "source": _index(tables["sources"], "id"),
            "organisation": _index(tables["organisation"], "id"),
            "level": _index(tables["levels"], "id"),
            "perspective": _index(tables["perspectives"], "id"),
            "period": _index(tables["periods"], "id"),
            "goal": _index(tables["goals"], "id"),
            "indicator": _index(tables["indicators"], "id"),
            "activity": _index(tables["activities"], "id"),
            "document": _index(tables["documents"], "id"),
            "unit": MappingProxyType(units),
            "children": _group(tables["goals"], "parent"),
            "goals_by_owner": _group(tables["goals"], "owner"),
            "goals_by_level": _group(tables["goals"], "level"),
            "replaced_by": _group(tables["goals"], "replaces"),
            "indicators_by_goal": _group(tables["indicators"], "goal"),
            "targets": _group(tables["targets"], "indicator"),
            "results": _group(tables["results"], "indicator"),
            "results_by_year": _group_by(tables["results"], ("indicator", "year")),
            "target_by_year": MappingProxyType({(t.indicator, t.year): t for t in tables["targets"]}),
            "comparisons": _group(tables["comparisons"], "indicator"),
            "assessments": _group(tables["assessments"], "goal"),
            "activities_by_goal": _group(tables["activities"], "goal"),
            "activity_status": _group(tables["activity_status"], "activity"),
            "budget_by_organisation": _group(tables["budget"], "organisation"),
            "spending_by_owner": _group(tables["spending"], "owner"),
            "kolada_municipality": _index(tables["kolada_municipalities"], "code"),
            "kolada_values": _group_by(tables["kolada_values"], ("kpi", "year")),
            "kolada_group": _group(tables["kolada_groups"], "group"),
        }
        return cls(municipality=municipality, index=MappingProxyType(index), **tables)

    # Lookups used by rules and templates -------------------------------------------------

    def national_values(self, kpi: str, year: int) -> tuple[KoladaValue, ...]:
        """Kolada's values of ``kpi`` in ``year`` for every kommun that has one, in code order."""
        return self.index["kolada_values"].get((kpi, year), ())

    def kolada_group(self, group_id: str) -> tuple[KoladaGroupMember, ...]:
        """The members of a Kolada group in the package, in code order (empty if the package lacks it)."""
        return self.index["kolada_group"].get(group_id, ())

    def source(self, source_id: str) -> Source:
        return self.index["source"][source_id]

    def organ(self, org_id: str) -> Organisation:
        return self.index["organisation"][org_id]

    def level(self, level_id: str) -> Level:
        return self.index["level"][level_id]

    def perspective(self, perspective_id: str) -> Perspective:
        return self.index["perspective"][perspective_id]

    def period(self, period_id: str) -> Period:
        return self.index["period"][period_id]

    @property
    def known_units(self) -> tuple[str, ...]:
        """Every unit id a styrmått may name: the built-in ones, then the package's own."""
        return tuple(self.index["unit"])

    def unit(self, unit_id: str) -> Unit | None:
        """A unit by id: the package's own row, or a built-in one; None when neither knows it."""
        return self.index["unit"].get(unit_id, DEFAULT_UNITS.get(unit_id))

    def goal(self, goal_id: str) -> Goal:
        return self.index["goal"][goal_id]

    def indicator(self, indicator_id: str) -> Indicator:
        return self.index["indicator"][indicator_id]

    def children(self, goal_id: str | None) -> tuple[Goal, ...]:
        return self.index["children"].get(goal_id, ())

    def replaced_by(self, goal_id: str) -> tuple[Goal, ...]:
        return self.index["replaced_by"].get(goal_id, ())

    def goals_of(self, org_id: str) -> tuple[Goal, ...]:
        return self.index["goals_by_owner"].get(org_id, ())

    def goals_on(self, level_id: str) -> tuple[Goal, ...]:
        return self.index["goals_by_level"].get(level_id, ())

    def indicators_of(self, goal_id: str) -> tuple[Indicator, ...]:
        return self.index["indicators_by_goal"].get(goal_id, ())

    def targets_of(self, indicator_id: str) -> tuple[Target, ...]:
        return self.index["targets"].get(indicator_id, ())

    def results_of(self, indicator_id: str) -> tuple[Result, ...]:
        return self.index["results"].get(indicator_id, ())

    def results_in(self, indicator_id: str, year: int) -> tuple[Result, ...]:
        """The styrmått's values for ``year``: at most one per period (a delår value, the year's value)."""
        return self.index["results_by_year"].get((indicator_id, year), ())

    def target(self, indicator_id: str, year: int) -> Target | None:
        """The styrmått's målnivå for ``year``, if one was set."""
        return self.index["target_by_year"].get((indicator_id, year))

    def known_on(self, result: Result) -> date:
        """The day a value became known: the end of its period; a value with no period, the end of its year."""
        return self.period(result.period).end_date if result.period else date(result.year, 12, 31)

    def comparisons_of(self, indicator_id: str) -> tuple[Comparison, ...]:
        return self.index["comparisons"].get(indicator_id, ())

    def assessments_of(self, goal_id: str) -> tuple[Assessment, ...]:
        return self.index["assessments"].get(goal_id, ())

    def activities_of(self, goal_id: str) -> tuple[Activity, ...]:
        return self.index["activities_by_goal"].get(goal_id, ())

    def activity_statuses(self, activity_id: str) -> tuple[ActivityStatus, ...]:
        return self.index["activity_status"].get(activity_id, ())

    def budget_of(self, org_id: str) -> tuple[BudgetRow, ...]:
        return self.index["budget_by_organisation"].get(org_id, ())

    def chain(self, goal_id: str) -> tuple[Goal, ...]:
        """The goal and its ancestors, from the top (the vision) down to the goal."""
        chain: list[Goal] = []
        current: str | None = goal_id
        while current is not None:
            goal = self.goal(current)
            chain.append(goal)
            current = goal.parent
        return tuple(reversed(chain))

    def latest_period(self) -> Period:
        """The most recent reporting period (by end date)."""
        return self.periods[-1]

    def in_force(self, goal: Goal, year: int) -> bool:
        """Whether the goal applies in ``year`` (between its first and last valid year, both included)."""
        started = goal.valid_from is None or goal.valid_from <= year
        return started and not self.is_retired(goal, year)

    def is_retired(self, goal: Goal, year: int | None = None) -> bool:
        """A goal is retired when its last valid year is before ``year`` (default: latest period)."""
        year = self.latest_period().year if year is None else year
        return goal.valid_to is not None and goal.valid_to < year
