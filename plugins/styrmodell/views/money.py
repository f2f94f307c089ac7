"""The money pages: /skattepengar/ (the tax receipt, area by area) and /ekonomi/ (budget, results, tax rates).

The receipt's arithmetic is :mod:`styrmodell.money`; this module chooses what the
pages show beside it (the nämnd's goals, the styrmått that say most about an area)
and the economy tables. Sums of money are :class:`~decimal.Decimal`, never floats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from .. import fulfilment
from ..formatting import kronor, percent, swedish_sort_key
from ..fulfilment import Status, YearStatus
from ..money import (
    INCOME_MESSAGES,
    MAX_MONTHLY_INCOME,
    MONEY_UNITS,
    MoneyScale,
    MoneyUnit,
    Receipt,
    ReceiptBasis,
    ReceiptLine,
    exact,
    exact_sum,
    in_kronor,
    money_scale,
    receipt_basis,
    rounding_differs,
    tax_receipt,
)
from ..package.model import (
    BudgetRow,
    Comparison,
    FinancialResult,
    Indicator,
    Organisation,
    Result,
    Source,
    Spending,
    Styrmodell,
    TaxRate,
)
from ..settings import Settings
from .common import Rows
from .periods import PeriodView, Rollup, rollup_of

# The receipt page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyIndicator:
    indicator: Indicator
    status: YearStatus


@dataclass(frozen=True)
class ReceiptRow:
    area: Spending
    line: ReceiptLine
    owner: Organisation
    #: The goals whose ``area`` is the row's area, or else the goals of the nämnd responsible for it.
    rollup: Rollup | None
    key_indicators: tuple[KeyIndicator, ...]
    by_area: bool = False

    @property
    def goals_heading(self) -> str:
        """What the row calls its goals: the area's own (``goals.area``) or the responsible nämnd's."""
        return "Mål för verksamheten:" if self.by_area else "Nämndens mål:"

    @property
    def goals_label(self) -> str:
        """The accessible name of the row's list of goals."""
        return f"Mål för {self.area.name if self.by_area else self.owner.name}"


@dataclass(frozen=True)
class ReceiptPage:
    basis: ReceiptBasis | None
    receipt: Receipt | None
    rows: tuple[ReceiptRow, ...]
    period_name: str
    summary: str
    summary_template: str
    script_data: dict
    example: bool
    sources: tuple[Source, ...]


#: What the receipt heading says once the resident has typed an income (the browser script fills it in).
LABEL_TEMPLATE = "Uträkning för en inkomst på {income} i månaden före skatt."
SUMMARY_TEMPLATE = "Med en inkomst på {income} i månaden blir kommunalskatten {month} i månaden och {year} om året."

_STATUS_RANK = {Status.MET: 0, Status.NEAR: 0, Status.NOT_MET: 0, Status.NO_TARGET: 1, Status.NOT_MEASURED: 2}
_TYPE_RANK = {"resultat": 0, "process": 1, "resurs": 2}
_WORD = re.compile(r"[^\W\d_]+")
#: Words in area names too general to tie a styrmått to an area.
_GENERIC_WORDS = frozenset({"kommun", "kommunens", "kostnad", "nettokostnad", "verksamhet", "övrig", "övriga"})


def _area_words(name: str) -> frozenset[str]:
    """The words of an area's name that can tie a styrmått to it: five letters or more, not generic."""
    return frozenset(w for w in _WORD.findall(name.casefold()) if len(w) >= 5 and w not in _GENERIC_WORDS)


def relates_to_area(indicator: Indicator, area: Spending) -> bool:
    """Whether the styrmått's name or definition has a word that starts with a word of the area's name.

    ``Fritid`` relates to "Nöjdhet med … fritidsverksamhet", ``Individ- och
    familjeomsorg`` to "Nettokostnad individ- och familjeomsorg"; prefixes catch
    Swedish compounds and endings.
    """
    area_words = _area_words(area.name)
    text = f"{indicator.name} {indicator.definition or ''}".casefold()
    return any(w.startswith(a) for w in _WORD.findall(text) for a in area_words)


def key_indicators(
    model: Styrmodell,
    area: Spending,
    rollup: Rollup | None,
    year: int,
    settings: Settings,
    *,
    count: int = 2,
    taken: frozenset[str] = frozenset(),
    by_area: bool = False,
) -> tuple[KeyIndicator, ...]:
    """The styrmått that say most about what the money for ``area`` achieved.

    Candidates are the styrmått with the area's Kolada KPI (any nämnd), and the
    styrmått of the responsible nämnd's goals (``rollup``) whose name or
    definition relates to the area (:func:`relates_to_area`). A nämnd's other
    styrmått are not shown on the row: they belong to other areas. When ``rollup``
    holds the goals tied to the area itself (``goals.area``), every styrmått of theirs is a candidate. Order:
    styrmått not in ``taken`` (already shown on another row) first, then the KPI
    match, then styrmått with both a result and a målnivå for ``year``, then
    result before process and resource measures, then package order.
    """
    matched = [i for i in model.indicators if area.kolada_kpi and i.kolada_kpi == area.kolada_kpi]
    owned = [i for s in (rollup.goals if rollup else ()) for i in model.indicators_of(s.goal.id)]
    related = [i for i in owned if by_area or relates_to_area(i, area)]
    candidates = {}
    for position, (tier, indicator) in enumerate([(0, i) for i in matched] + [(1, i) for i in related]):
        if indicator.id in candidates:
            continue
        status = fulfilment.status_for_year(model, indicator, year, settings.tolerance)
        rank = (
            indicator.id in taken,
            tier,
            _STATUS_RANK[status.status],
            _TYPE_RANK.get(indicator.measure_type, 3),
            position,
        )
        candidates[indicator.id] = (rank, KeyIndicator(indicator, status))
    return tuple(k for _, k in sorted(candidates.values(), key=lambda rk: rk[0])[:count])


def report_of_year(periods: Mapping[str, PeriodView], year: int, fallback: PeriodView) -> PeriodView:
    """The last report of ``year``, so that the receipt's kronor and the goals' statuses beside them are of
    the same year; ``fallback`` (the latest report) when there is no report of that year."""
    same = [v for v in periods.values() if v.period.year == year]
    return max(same, key=lambda v: v.period.end_date) if same else fallback


def receipt_page(
    model: Styrmodell, period_view: PeriodView, settings: Settings, periods: Mapping[str, PeriodView] | None = None
) -> ReceiptPage:
    """Everything /skattepengar/ shows, with the worked example for ``settings.example_income``.

    ``period_view`` is the latest report; with ``periods`` (every report's view) the statuses come from the
    last report of the spending year instead (:func:`report_of_year`).
    """
    basis = receipt_basis(model)
    rows_seen = Rows(model)
    if basis is None:
        return ReceiptPage(None, None, (), period_view.period.name, "", SUMMARY_TEMPLATE, {}, False, ())
    if periods:
        period_view = report_of_year(periods, basis.year, period_view)
    receipt = tax_receipt(settings.example_income, basis.rate, basis.weights)
    rows_seen.add(basis.tax)
    rows_seen.extend(basis.areas)
    by_owner = {r.key: r for r in period_view.by_owner}
    rows = []
    shown: set[str] = set()
    for area, line in zip(basis.areas, receipt.lines, strict=True):
        tied = [s for s in period_view.total.goals if s.goal.area == area.area]
        rollup = rollup_of(area.area, area.name, tied) if tied else by_owner.get(area.owner)
        year = period_view.period.year
        keys = key_indicators(model, area, rollup, year, settings, taken=frozenset(shown), by_area=bool(tied))
        shown.update(k.indicator.id for k in keys)
        owner = model.organ(area.owner)
        rows_seen.add(owner)
        if rollup is not None:
            rows_seen.extend(s.goal for s in rollup.goals)
        for key in keys:
            rows_seen.add(key.indicator, key.status.result, key.status.target)
        rows.append(ReceiptRow(area, line, owner, rollup, keys, by_area=bool(tied)))
    script_data = {
        "year": basis.year,
        "rate_hundredths": basis.rate,
        "max_income": MAX_MONTHLY_INCOME,
        "example_income": settings.example_income,
        "areas": [{"id": a.area, "weight": str(w)} for a, w in zip(basis.areas, basis.weights, strict=True)],
        "messages": INCOME_MESSAGES,
        "summary": SUMMARY_TEMPLATE,
        "label": LABEL_TEMPLATE,
    }
    summary = SUMMARY_TEMPLATE.format(
        income=kronor(receipt.income), month=kronor(receipt.month), year=kronor(receipt.year)
    )
    return ReceiptPage(
        basis=basis,
        receipt=receipt,
        rows=tuple(rows),
        period_name=period_view.period.name,
        summary=summary,
        summary_template=SUMMARY_TEMPLATE,
        script_data=script_data,
        example=rows_seen.example,
        sources=rows_seen.sources,
    )


# The economy page -------------------------------------------------------------------------------


def _by_name(organisations: Sequence[Organisation]) -> list[Organisation]:
    """Nämnder in Swedish alphabetical order (å, ä, ö after z), as a reader looks for them."""
    return sorted(organisations, key=lambda o: swedish_sort_key(o.name))


def _amount(row: BudgetRow | None, column: str = "net_cost") -> Decimal | None:
    """One amount of a budget row in exact kronor (budget.csv says its unit in the column ``unit``)."""
    return None if row is None else in_kronor(getattr(row, column), row.unit)


#: How a table shows amounts until :func:`budget_years` has chosen its scale: millions, one decimal.
MNKR = MoneyScale(MONEY_UNITS["mnkr"], 1)

#: The columns of a budget year's table that have a sum, in the table's order.
BUDGET_COLUMNS = ("Budget", "Prognos", "Utfall", "Avvikelse", "Förs över", "Investeringar")


@dataclass(frozen=True)
class BudgetLine:
    """One nämnd's budget year: budget, the latest prognos or the utfall, and the difference (in kronor)."""

    organisation: Organisation
    budget: BudgetRow | None
    prognos: BudgetRow | None
    utfall: BudgetRow | None

    @property
    def outcome(self) -> BudgetRow | None:
        """The utfall when the year is closed, otherwise the prognos."""
        return self.utfall or self.prognos

    @property
    def deviation(self) -> Decimal | None:
        """Budget minus outcome, in kronor: above 0 is a surplus (the nämnd spent less than its budget)."""
        if self.budget is None or self.outcome is None:
            return None
        return _amount(self.budget) - _amount(self.outcome)

    @property
    def carried_over(self) -> Decimal | None:
        """What is carried over to the next year, in kronor: from the utfall, else the prognos, else the budget."""
        row = next((r for r in (self.utfall, self.prognos, self.budget) if r and r.carried_over is not None), None)
        return _amount(row, "carried_over")

    @property
    def investments(self) -> Decimal | None:
        """The outcome's investments, in kronor."""
        return _amount(self.outcome, "investments")

    @property
    def amounts(self) -> tuple[Decimal | None, ...]:
        """The line's amounts in kronor, one per :data:`BUDGET_COLUMNS`."""
        return (
            _amount(self.budget),
            _amount(self.prognos),
            _amount(self.utfall),
            self.deviation,
            self.carried_over,
            self.investments,
        )

    @property
    def rows(self) -> tuple[BudgetRow, ...]:
        return tuple(r for r in (self.budget, self.prognos, self.utfall) if r is not None)


def rounding_note(scale: MoneyScale, columns: Sequence[str]) -> str:
    """What a table says under it when the rounded rows of ``columns`` do not add up to their Summa."""
    if not columns:
        return ""
    names = columns[0] if len(columns) == 1 else f"{', '.join(columns[:-1])} och {columns[-1]}"
    where = f"kolumnen {names}" if len(columns) == 1 else f"kolumnerna {names}"
    return (
        f"Beloppen är avrundade var för sig. Summan är räknad på de exakta beloppen, "
        f"därför blir de avrundade beloppen i {where} tillsammans inte exakt lika mycket som summan."
    )


def _differing(scale: MoneyScale, columns: Sequence[tuple[str, Sequence[Decimal | None], Decimal | None]]) -> str:
    return rounding_note(scale, [name for name, rows, total in columns if rounding_differs(scale, rows, total)])


@dataclass(frozen=True)
class BudgetYear:
    year: int
    lines: tuple[BudgetLine, ...]
    closed: bool  # every nämnd has an utfall
    #: How the year's table shows amounts (:func:`styrmodell.money.money_scale`).
    scale: MoneyScale = MNKR

    @property
    def outcome_word(self) -> str:
        """What the outcome column shows: the utfall of a closed year, otherwise the prognos."""
        return "utfall" if self.closed else "prognos"

    def column(self, index: int) -> tuple[Decimal | None, ...]:
        """Every line's amount in the column :data:`BUDGET_COLUMNS` ``[index]``, in kronor."""
        return tuple(line.amounts[index] for line in self.lines)

    @property
    def totals(self) -> tuple[Decimal | None, ...]:
        """The Summa of every column, in kronor (exact: rows are added before they are rounded)."""
        return tuple(exact_sum(self.column(i)) for i in range(len(BUDGET_COLUMNS)))

    @property
    def total_budget(self) -> Decimal | None:
        return self.totals[0]

    @property
    def amounts(self) -> tuple[Decimal | None, ...]:
        """Every amount the table shows, rows and sums, in kronor."""
        return tuple(a for line in self.lines for a in line.amounts) + self.totals

    @property
    def rounding_note(self) -> str:
        """Which columns' rounded rows do not add up to their Summa, or empty when all do."""
        columns = [(name, self.column(i), self.totals[i]) for i, name in enumerate(BUDGET_COLUMNS)]
        return _differing(self.scale, columns)

    @property
    def example(self) -> bool:
        return any(r.example for line in self.lines for r in line.rows)


def budget_unit(model: Styrmodell) -> MoneyUnit:
    """The unit the economy page shows budgets in: chosen by the largest amount in budget.csv."""
    amounts = [_amount(r, c) for r in model.budget for c in ("net_cost", "investments", "carried_over")]
    return money_scale(amounts).unit


def budget_years(model: Styrmodell) -> tuple[BudgetYear, ...]:
    """Budget, prognos and utfall per nämnd, one table per year, the latest year first."""
    unit = budget_unit(model)
    years = sorted({r.year for r in model.budget}, reverse=True)
    result = []
    for year in years:
        lines = []
        for organ in _by_name(model.organisation):
            kinds = {r.kind: r for r in model.budget_of(organ.id) if r.year == year}
            if kinds:
                lines.append(BudgetLine(organ, kinds.get("budget"), kinds.get("prognos"), kinds.get("utfall")))
        table = BudgetYear(year, tuple(lines), closed=all(line.utfall is not None for line in lines))
        result.append(replace(table, scale=money_scale(table.amounts, unit)))
    return tuple(result)


@dataclass(frozen=True)
class PlanRow:
    organisation: Organisation
    budgets: tuple[BudgetRow | None, ...]

    @property
    def amounts(self) -> tuple[Decimal | None, ...]:
        """The budget of every year, in kronor."""
        return tuple(_amount(b) for b in self.budgets)


@dataclass(frozen=True)
class BudgetPlan:
    """The budget per nämnd over several years (the multi-year plan); amounts in kronor."""

    years: tuple[int, ...]
    rows: tuple[PlanRow, ...]
    totals: tuple[Decimal | None, ...]
    scale: MoneyScale = MNKR

    @property
    def example(self) -> bool:
        return any(b is not None and b.example for row in self.rows for b in row.budgets)

    @property
    def rounding_note(self) -> str:
        """Which years' rounded budgets do not add up to their Summa, or empty when all do."""
        columns = [
            (str(year), [row.amounts[i] for row in self.rows], self.totals[i]) for i, year in enumerate(self.years)
        ]
        return _differing(self.scale, columns)


def budget_plan(model: Styrmodell) -> BudgetPlan:
    years = tuple(sorted({r.year for r in model.budget if r.kind == "budget"}))
    rows = []
    for organ in _by_name(model.organisation):
        budgets = {r.year: r for r in model.budget_of(organ.id) if r.kind == "budget"}
        if budgets:
            rows.append(PlanRow(organ, tuple(budgets.get(y) for y in years)))
    totals = tuple(exact_sum(row.amounts[i] for row in rows) for i in range(len(years)))
    scale = money_scale([a for row in rows for a in row.amounts] + list(totals), budget_unit(model))
    return BudgetPlan(years, tuple(rows), totals, scale)


@dataclass(frozen=True)
class FinancialGoalYear:
    row: FinancialResult
    status: Status

    @property
    def target_text(self) -> str:
        """The financial goal for the year: "minst 2,0 %", or that the source has none."""
        target = self.row.target_percent
        return "Saknas i källan" if target is None else f"minst {percent(target, 1)}"


def financial_goal_years(model: Styrmodell, tolerance: float) -> tuple[FinancialGoalYear, ...]:
    """Årets resultat against the financial goal, the latest year first.

    The goal is met when the result's share of tax revenue and general state
    grants is at least the goal; a year without a goal in the data gets
    "målnivå saknas".
    """
    rows = sorted(model.financial_results, key=lambda r: r.year, reverse=True)
    return tuple(
        FinancialGoalYear(r, fulfilment.indicator_status("higher", r.share_percent, r.target_percent, None, tolerance))
        for r in rows
    )


@dataclass(frozen=True)
class TaxYear:
    year: int
    municipal: TaxRate | None
    region: TaxRate | None

    @property
    def total(self) -> Decimal | None:
        if self.municipal is None or self.region is None:
            return None
        return exact(self.municipal.rate) + exact(self.region.rate)


def tax_years(model: Styrmodell) -> tuple[TaxYear, ...]:
    """The municipal and regional tax rate per year, the latest year first."""
    by_key = {(t.year, t.scope): t for t in model.tax_rates}
    years = sorted({t.year for t in model.tax_rates}, reverse=True)
    return tuple(TaxYear(y, by_key.get((y, "kommun")), by_key.get((y, "region"))) for y in years)


@dataclass(frozen=True)
class CostComparison:
    """A cost per inhabitant beside the same figure for other areas (riket, länet …), for one year."""

    indicator: Indicator
    year: int
    result: Result
    comparisons: tuple[Comparison | None, ...]  # one per area in CostTable.areas
    difference_percent: Decimal | None  # against CostTable.reference


@dataclass(frozen=True)
class CostTable:
    areas: tuple[tuple[str, str], ...]
    rows: tuple[CostComparison, ...]
    #: The area the difference is computed against (``municipality.comparison_area``), and its name.
    reference: str | None = None
    reference_name: str | None = None


def comparison_area(model: Styrmodell) -> str | None:
    """The area costs are compared with: the package's ``comparison_area``, else riket if the package has it."""
    chosen = model.municipality.comparison_area
    if chosen:
        return chosen
    return "riket" if any(c.area == "riket" for c in model.comparisons) else None


def cost_comparisons(model: Styrmodell, unit: str = "kr/inv", reference: str | None = None) -> CostTable:
    """Every styrmått in ``unit`` with a comparison, for its latest year with both a result and a comparison.

    The difference is computed against ``reference``, by default :func:`comparison_area`.
    """
    reference = reference or comparison_area(model)
    candidates = []
    for indicator in model.indicators:
        if indicator.unit != unit:
            continue
        results = {r.year: r for r in model.results_of(indicator.id)}
        compared = model.comparisons_of(indicator.id)
        years = sorted({c.year for c in compared} & set(results), reverse=True)
        if years:
            candidates.append((indicator, years[0], results[years[0]], [c for c in compared if c.year == years[0]]))
    areas = tuple(sorted({(c.area, c.area_name) for *_, cs in candidates for c in cs}))
    rows = []
    for indicator, year, result, compared in candidates:
        by_area = {c.area: c for c in compared}
        ref = by_area.get(reference) if reference else None
        difference = None
        if ref is not None and ref.value:
            share = (exact(result.value) - exact(ref.value)) / exact(ref.value) * 100
            difference = share.quantize(Decimal(1), rounding=ROUND_HALF_UP) + 0  # + 0 turns -0 into 0
        rows.append(CostComparison(indicator, year, result, tuple(by_area.get(a) for a, _ in areas), difference))
    names = dict(areas)
    return CostTable(areas, tuple(rows), reference, names.get(reference) if reference else None)


@dataclass(frozen=True)
class HundredShare:
    """The municipality's own split of 100 tax kronor (``spending`` rows with unit ``kr-per-100``)."""

    year: int
    rows: tuple[Spending, ...]

    @property
    def total(self) -> Decimal:
        return exact_sum(r.value for r in self.rows) or Decimal(0)


def hundred_shares(model: Styrmodell) -> tuple[HundredShare, ...]:
    years = sorted({s.year for s in model.spending if s.unit == "kr-per-100"}, reverse=True)
    return tuple(
        HundredShare(
            y,
            tuple(
                sorted(
                    (s for s in model.spending if s.year == y and s.unit == "kr-per-100"),
                    key=lambda s: (-exact(s.value), s.area),
                )
            ),
        )
        for y in years
    )


@dataclass(frozen=True)
class EconomyPage:
    budget_years: tuple[BudgetYear, ...]
    plan: BudgetPlan
    financial: tuple[FinancialGoalYear, ...]
    taxes: tuple[TaxYear, ...]
    costs: CostTable
    hundred: tuple[HundredShare, ...]
    example: bool
    sources: tuple[Source, ...]
    #: The unit the budget tables show (each table chooses its decimals).
    budget_unit: MoneyUnit = MONEY_UNITS["mnkr"]


def economy_page(model: Styrmodell, settings: Settings) -> EconomyPage:
    """Everything /ekonomi/ shows."""
    years = budget_years(model)
    plan = budget_plan(model)
    financial = financial_goal_years(model, settings.tolerance)
    taxes = tax_years(model)
    costs = cost_comparisons(model)
    hundred = hundred_shares(model)
    rows = Rows(model)
    rows.extend(model.budget)
    rows.extend(f.row for f in financial)
    rows.extend(t for y in taxes for t in (y.municipal, y.region) if t is not None)
    for row in costs.rows:
        rows.add(row.indicator, row.result, *row.comparisons)
    rows.extend(s for h in hundred for s in h.rows)
    return EconomyPage(
        years, plan, financial, taxes, costs, hundred, rows.example, rows.sources, budget_unit=budget_unit(model)
    )
