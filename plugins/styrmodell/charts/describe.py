"""What each chart says in words: its title, a plain Swedish summary (the text alternative), its data table and CSV.

One function per chart returns a :class:`~styrmodell.charts.chart.Draft`: the
spec from ``specs`` in both widths, and everything the page prints beside it.
Nothing here renders; ``render.Renderer.render_many`` does, for all drafts at once.
A styrmått's statuses come from its view, the same ones its page prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from .. import fulfilment
from ..exports.tables import csv_text, whole_number
from ..formatting import MONTHS, measure, step_months, target_range
from ..formatting import kronor as format_kronor
from ..fulfilment import GoalStatus, Status
from ..grammar import agree
from ..money import exact_sum, in_kronor, money_scale
from ..package.model import BudgetRow, Indicator, PlanningStep
from .chart import DataTable, Draft, Recipe, fingerprint
from .money_specs import KIND_LABELS, ReceiptRow, budget_spec, receipt_spec
from .specs import RESULT, TARGET, IndicatorSeries, indicator_spec, planning_spec, rollup_spec, step_label
from .theme import to_spec, variants


def _recipe(make: Callable[..., object], *args: object) -> Recipe:
    """The specs of the Altair chart ``make(*args)`` in both variants, built only when the renderer asks;
    the fingerprint names the function and digests its arguments."""
    return Recipe(lambda: variants(to_spec(make(*args))), fingerprint(f"{make.__module__}.{make.__qualname__}", *args))


def _csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A chart's CSV: ``\\n`` line ends, and whole numbers written out in full (``98000``, never ``9.8e4``)."""
    return csv_text(header, rows, line_end="\n", number=whole_number)


# Indicator over time ----------------------------------------------------------------------------


def _with_unit(indicator: Indicator, value: float | None) -> str:
    return measure(value, indicator.unit_symbol, indicator.decimals)


def indicator_summary(series: IndicatorSeries) -> str:
    """One or two plain Swedish sentences about the latest result, its målnivå and the comparisons.

    ``"År 2022 var resultatet 219,8 poäng och målnivån 225–230 poäng: målet nåddes inte. Riket: 230,1 poäng."``
    The verdict is the status of the view's year.
    """
    indicator, results = series.indicator, series.results
    targets = {t.year: t for t in series.targets}
    if not results:
        text = "Det finns inga resultat ännu."
        if targets:
            t = targets[max(targets)]
            text += (
                f" Målnivån för {t.year} är {target_range(t.min, t.max, indicator.unit_symbol, indicator.decimals)}."
            )
        return text
    latest = results[-1]
    value = _with_unit(indicator, latest.value) + (" (preliminärt)" if latest.preliminary else "")
    target = targets.get(latest.year)
    if target is None or (target.min is None and target.max is None):
        text = f"År {latest.year} var resultatet {value}. Det fanns ingen målnivå för {latest.year}."
    else:
        status = series.status(latest.year)
        verdict = {Status.MET: "målet nåddes", Status.NEAR: "målet nåddes nästan"}.get(status, "målet nåddes inte")
        level = target_range(target.min, target.max, indicator.unit_symbol, indicator.decimals)
        text = f"År {latest.year} var resultatet {value} och målnivån {level}: {verdict}."
    later = [t for y, t in sorted(targets.items()) if y > latest.year and (t.min is not None or t.max is not None)]
    if later:
        t = later[-1]
        text += f" Målnivån för {t.year} är {target_range(t.min, t.max, indicator.unit_symbol, indicator.decimals)}."
    same_year = [c for c in series.comparisons if c.year == latest.year]
    if same_year:
        text += " " + " ".join(f"{c.area_name}: {_with_unit(indicator, c.value)}." for c in same_year)
    return text


def indicator_draft(series: IndicatorSeries, path: str, until: int | None = None) -> Draft:
    """The chart of one styrmått over time, with its files at ``path`` (e.g. ``styrmatt/<id>/diagram``)."""
    indicator, results, targets, comparisons = series.indicator, series.results, series.targets, series.comparisons
    areas = series.areas
    by_year: dict[int, dict] = {}
    for r in results:
        by_year.setdefault(r.year, {})["result"] = r
    for t in targets:
        by_year.setdefault(t.year, {})["target"] = t
    for c in comparisons:
        by_year.setdefault(c.year, {})[c.area] = c
    rows, table_rows = [], []
    for year in sorted(by_year):
        entry = by_year[year]
        r, t = entry.get("result"), entry.get("target")
        notes = []
        if r and r.preliminary:
            notes.append("preliminärt")
        if r and r.method_break:
            notes.append("nytt mätsätt")
        status = series.status(year)
        row = [
            year,
            r.value if r else None,
            t.min if t else None,
            t.max if t else None,
            status.label,
            *(entry[a].value if a in entry else None for a, _ in areas),
            "; ".join(notes),
            ";".join(sorted({x.source for x in (r, t, *(entry.get(a) for a, _ in areas)) if x})),
            any(x.example for x in (r, t, *(entry.get(a) for a, _ in areas)) if x),
        ]
        rows.append(row)
        value = _with_unit(indicator, r.value) if r else "–"
        if notes:
            value += f" ({', '.join(notes)})"
        table_rows.append(
            (
                str(year),
                value,
                target_range(t.min, t.max, indicator.unit_symbol, indicator.decimals) if t else "–",
                f"{status.symbol} {status.label}",
                *(_with_unit(indicator, entry[a].value) if a in entry else "–" for a, _ in areas),
            )
        )
    header = ["ar", "resultat", "malniva_min", "malniva_max", "status", *(a for a, _ in areas)]
    header += ["anmarkning", "kalla", "exempel"]
    shown = [*results, *targets, *comparisons]
    return Draft(
        key=f"diagram-{indicator.id}",
        path=path,
        title=indicator.name,
        summary=indicator_summary(series),
        recipe=_recipe(indicator_spec, series, until),
        table=DataTable(
            caption=f"Resultat och målnivåer per år: {indicator.name}",
            columns=("År", RESULT, TARGET, "Status", *(name for _, name in areas)),
            rows=tuple(table_rows),
        ),
        csv=_csv(header, rows),
        example=indicator.example or any(x.example for x in shown),
        sources=tuple(sorted({indicator.source, *(x.source for x in shown)})),
    )


# Goal fulfilment roll-up ---------------------------------------------------------------------------


def rollup_draft(
    groups: Sequence[tuple[str, Sequence]], title: str, path: str, example: bool = False, sources: Sequence[str] = ()
) -> Draft:
    """Goal fulfilment per level, nämnd and perspective (see :func:`rollup_spec` for ``groups``).

    The CSV has one row per group; its ``exempel`` column says whether the group's counts rest on
    example data (``Rollup.example``).
    """
    total = sum(r.total for r in groups[0][1]) if groups else 0
    met = sum(r.counts[GoalStatus.MET] for r in groups[0][1]) if groups else 0
    not_met = sum(r.counts[GoalStatus.NOT_MET] for r in groups[0][1]) if groups else 0
    partly = sum(r.counts[GoalStatus.PARTLY] for r in groups[0][1]) if groups else 0
    summary = (
        f"Av {total} mål är {met} {agree(met, 'uppnådd', 'mål')}, {partly} {agree(partly, 'delvis uppnådd', 'mål')} "
        f"och {not_met} {agree(not_met, 'inte uppnådd', 'mål')}; "
        f"{total - met - partly - not_met} kunde inte bedömas."
    )
    statuses = fulfilment.GOAL_STATUS_ORDER
    rows = tuple(
        (f"{group_title}: {r.name}", *(str(r.counts[s]) for s in statuses), str(r.total))
        for group_title, rollups in groups
        for r in rollups
    )
    csv_rows = (
        (group_title, r.key, r.name, *(r.counts[s] for s in statuses), r.total, r.example)
        for group_title, rollups in groups
        for r in rollups
    )
    return Draft(
        key="diagram-maluppfyllelse",
        path=path,
        title=title,
        summary=summary,
        recipe=_recipe(rollup_spec, groups),
        table=DataTable(
            caption=title,
            columns=("Grupp", *(f"{s.symbol} {s.label}" for s in statuses), "Totalt"),
            rows=rows,
        ),
        csv=_csv(["gruppering", "id", "namn", *(s.value for s in statuses), "totalt", "exempel"], csv_rows),
        example=example,
        sources=tuple(sorted(sources)),
    )


# Budget --------------------------------------------------------------------------------------------


def budget_draft(rows: Iterable[BudgetRow], names: Mapping[str, str], path: str = "ekonomi/diagram-budget") -> Draft:
    """Budget, utfall and prognos per nämnd and year.

    ``rows`` are :class:`~styrmodell.model.BudgetRow` (``model.budget`` or a filtered part of it:
    ``organisation``, ``year``, ``kind`` in budget/utfall/prognos, ``net_cost`` in the row's ``unit``,
    ``source``, ``example``). ``names`` maps organisation id → the name to show
    (``{o.id: o.name for o in model.organisation}``). The files go to ``path`` + ``.svg/.png/.csv``.
    Amounts are shown in the unit and with the decimals :func:`~styrmodell.money.money_scale` chooses
    for them and the summary's sums (added exactly, with :func:`~styrmodell.money.exact_sum`).
    """
    rows = sorted(
        rows,
        key=lambda r: (
            names.get(r.organisation, r.organisation),
            r.year,
            list(KIND_LABELS).index(r.kind) if r.kind in KIND_LABELS else 9,
        ),
    )
    amounts = {id(r): in_kronor(r.net_cost, r.unit) for r in rows}
    years = sorted({r.year for r in rows})
    latest = [r for r in rows if years and r.year == years[-1]]
    total = {k: exact_sum(amounts[id(r)] for r in latest if r.kind == k) for k in KIND_LABELS}
    scale = money_scale([*amounts.values(), *total.values()])
    summary = "Det finns inga budgetuppgifter."
    if latest:
        parts = [f"{KIND_LABELS[k].lower()} {scale.text(v)}" for k, v in total.items() if v is not None]
        summary = f"Nettokostnad för alla nämnder {years[-1]}: " + ", ".join(parts) + "."
    table_rows = tuple(
        (
            f"{names.get(r.organisation, r.organisation)} {r.year}",
            KIND_LABELS.get(r.kind, r.kind),
            scale.text(amounts[id(r)]),
        )
        for r in rows
    )
    csv_rows = (
        (
            r.organisation,
            names.get(r.organisation, r.organisation),
            r.year,
            r.kind,
            r.net_cost if r.unit == scale.unit.id else _exact_number(scale.value(amounts[id(r)])),
            r.source,
            r.example,
        )
        for r in rows
    )
    heading = f"{scale.unit.name} ({scale.unit.symbol})"
    return Draft(
        key="diagram-budget",
        path=path,
        title=f"Nettokostnad per nämnd och år, {heading}",
        summary=summary,
        recipe=_recipe(budget_spec, rows, names, scale),
        table=DataTable(
            f"Nettokostnad per nämnd och år, {scale.unit.name}", ("Nämnd och år", "Slag", "Nettokostnad"), table_rows
        ),
        csv=_csv(["organisation", "namn", "ar", "slag", f"nettokostnad_{scale.unit.id}", "kalla", "exempel"], csv_rows),
        example=any(r.example for r in rows),
        sources=tuple(sorted({r.source for r in rows})),
    )


def _exact_number(value: Decimal) -> str:
    """An amount in a chart's CSV as its exact decimal, without trailing zeros: ``312.45``, ``18``."""
    text = format(value.normalize(), "f")
    return text


# Tax receipt -------------------------------------------------------------------------------------------


def receipt_draft(rows: Iterable[ReceiptRow], income: int, path: str = "skattepengar/diagram-kvitto") -> Draft:
    """The tax receipt for ``income`` kronor a month.

    ``rows`` are :class:`ReceiptRow` (``name`` of the area, ``kronor`` per month that area gets from the
    municipal tax on ``income``, ``source`` and ``example`` of the spending row behind it). Compute the
    kronor in the money module; this function only draws and describes them.
    """
    rows = sorted(rows, key=lambda r: (-r.kronor, r.name))
    total = sum(r.kronor for r in rows)
    summary = "Det finns inga uppgifter om hur skatten fördelas."
    if rows:
        summary = (
            f"Med en inkomst på {format_kronor(income)} i månaden går {format_kronor(total)} i kommunalskatt; "
            f"mest, {format_kronor(rows[0].kronor)}, går till {rows[0].name.lower()}."
        )
    return Draft(
        key="diagram-kvitto",
        path=path,
        title=f"Så fördelas kommunalskatten på {format_kronor(income)} i månaden",
        summary=summary,
        recipe=_recipe(receipt_spec, rows),
        table=DataTable(
            "Kronor per månad och område",
            ("Område", "Kronor per månad"),
            tuple((r.name, format_kronor(r.kronor)) for r in rows),
        ),
        csv=_csv(
            ["omrade", "kronor_per_manad", "kalla", "exempel"],
            ((r.name, round(r.kronor, 2), r.source, r.example) for r in rows),
        ),
        example=any(r.example for r in rows),
        sources=tuple(sorted({r.source for r in rows if r.source})),
    )


# Årshjul -----------------------------------------------------------------------------------------------


def planning_draft(steps: Sequence[PlanningStep], current_month: int | None, path: str) -> Draft:
    """The årshjul of ``steps`` (``model.planning``), with files at ``path``."""
    steps = tuple(steps)

    def when(s: PlanningStep) -> str:
        return step_months(s.start_month, s.end_month, s.year_offset, s.end_offset)

    summary = "Det finns inga steg i årshjulet."
    if steps:
        summary = f"Arbetet med mål och budget har {len(steps)} steg, från {when(steps[0])} till {when(steps[-1])}."
        if current_month:
            summary += f" Den streckade linjen visar senaste uppföljningen, i {MONTHS[current_month - 1]}."
    return Draft(
        key="diagram-arshjul",
        path=path,
        title="Årshjulet: året med mål och budget",
        summary=summary,
        recipe=_recipe(planning_spec, steps, current_month),
        table=DataTable("Stegen i årshjulet", ("Steg", "När"), tuple((step_label(s), when(s)) for s in steps)),
        csv=_csv(
            ["ordning", "id", "steg", "startmanad", "slutmanad", "ar_efter", "kalla", "exempel"],
            ((s.order, s.id, s.title, s.start_month, s.end_month, s.year_offset, s.source, s.example) for s in steps),
        ),
        example=any(s.example for s in steps),
        sources=tuple(sorted({s.source for s in steps})),
    )
