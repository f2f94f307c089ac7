"""Charts: Altair specs, rendered at build time to accessible inline SVG with vl-convert, cached on disk.

A chart is built in two steps. A *spec function* (``indicator_spec``,
``rollup_spec``, ``budget_spec``, ``receipt_spec``, ``planning_spec``) returns an
Altair chart in the registered Swedish theme; tests assert on its ``to_dict()``.
A *chart function* (``indicator_chart``, ``rollup_chart``, ``budget_chart``,
``receipt_chart``, ``planning_chart``) wraps that spec with everything a page
needs: a title, a one-sentence Swedish summary (the text alternative), a data
table, the CSV of the chart's data, and whether it shows example data. The
chart functions return a :class:`Chart` rendered by the current
:class:`Renderer`; ``chart_figure(chart)`` in ``theme/templates/chart.html``
prints it and :func:`write_files` writes its SVG, PNG and CSV next to the page.

Every chart is rendered twice: ``wide`` (for screens wider than about 40em) and
``narrow`` (for phones), so that its text stays legible instead of being scaled
down. Renders are cached under ``.cache/charts/`` by a hash of the spec, so a
rebuild with unchanged data renders nothing. No Pelican import here.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import html
import io
import json
import logging
import multiprocessing
import os
import re
import textwrap
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import altair as alt
import vl_convert as vlc
from markupsafe import Markup

from .. import fulfilment
from ..formatting import MINUS, MONTHS, NBSP, measure, mnkr, swedish_sort_key, target_range
from ..formatting import kronor as format_kronor
from ..fulfilment import GoalStatus, Status
from ..package.model import BudgetRow, Indicator, PlanningStep, Styrmodell

log = logging.getLogger(__name__)

# Theme ---------------------------------------------------------------------------------------

THEME = "styrmodell"
#: DejaVu Sans first: it has the status symbols (✔ ◐ ✖ ○), and where it is missing the browser falls back
#: to narrower fonts, so text measured by vl-convert never overflows.
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"

#: Series colours (Okabe–Ito based, each at least 3:1 against white; see tests/test_charts.py).
RESULT_COLOUR = "#0072B2"
TARGET_COLOUR = "#D55E00"
#: Text in the target colour needs 4.5:1 (normal-size text), so it is a darker shade.
TARGET_TEXT = "#A04000"
COMPARISON_COLOURS = ("#555555", "#AA4499", "#117733")
KIND_COLOURS = {"budget": "#555555", "utfall": "#0072B2", "prognos": "#D55E00"}
BAR_COLOUR = "#0072B2"
#: Goal status colours: blue/red is the pair colour-blind readers tell apart best; never colour alone.
GOAL_STATUS_COLOURS = {
    GoalStatus.MET: "#005AB5",
    GoalStatus.PARTLY: "#994F00",
    GoalStatus.NOT_MET: "#DC3220",
    GoalStatus.NOT_ASSESSED: "#767676",
}
PALETTE = (RESULT_COLOUR, TARGET_COLOUR, *COMPARISON_COLOURS)

#: d3 locales for Swedish. Thousands are grouped with a no-break space (U+00A0), the same
#: as Babel in formatting.py, so a figure reads the same in the chart and in the table.
NUMBER_LOCALE = {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", f"{NBSP}kr"], "minus": MINUS}
TIME_LOCALE = {
    "dateTime": "%A den %-d %B %Y %X",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
    "months": list(MONTHS),
    "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}

WIDE, NARROW = "wide", "narrow"
#: Plot width in pixels per variant (the SVG adds axes and padding around it): the narrow SVG
#: is at most about 290 px wide, the content width of a 320 px screen.
WIDTHS = {WIDE: 560, NARROW: 210}


@alt.theme.register(THEME, enable=False)
def styrmodell_theme() -> alt.theme.ThemeConfig:
    """The one theme of the site: Swedish locale inside the spec, legible sizes, accessible colours."""
    return {
        "config": {
            "locale": {"number": NUMBER_LOCALE, "time": TIME_LOCALE},
            "aria": False,
            "background": "#ffffff",
            "padding": 8,
            "font": FONT,
            "view": {"stroke": None},
            "range": {"category": list(PALETTE)},
            "title": {"fontSize": 15, "color": TEXT, "anchor": "start"},
            "axis": {
                "labelFontSize": 13,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "labelColor": TEXT,
                "titleColor": TEXT,
                "domainColor": MUTED,
                "tickColor": MUTED,
                "gridColor": "#dddddd",
            },
            "legend": {
                "labelFontSize": 13,
                "titleFontSize": 13,
                "labelColor": TEXT,
                "orient": "bottom",
                "direction": "horizontal",
                "columns": 2,
                "labelLimit": 0,
                "symbolStrokeWidth": 3,
            },
            "header": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": TEXT},
            "text": {"fontSize": 13, "color": TEXT},
        }
    }


def to_spec(chart: alt.TopLevelMixin, validate: bool = False) -> dict:
    """The Vega-Lite dict of ``chart`` in the site's theme (the locale travels inside the spec)."""
    with alt.theme.enable(THEME):
        return chart.to_dict(validate=validate)


# What a page gets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DataTable:
    """The chart's data as a table: the first column holds row headers (``<th scope="row">``)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One chart, ready for ``chart_figure(chart)``.

    ``key`` is unique on a page and prefixes every id in the SVG; ``path`` is where
    the files go, without extension (``styrmatt/invanare/diagram`` gives
    ``/styrmatt/invanare/diagram.svg``, ``.png`` and ``.csv``).
    """

    key: str
    path: str
    title: str
    summary: str
    specs: Mapping[str, dict] = field(repr=False)
    table: DataTable = field(repr=False)
    csv: str = field(repr=False)
    example: bool = False
    sources: tuple[str, ...] = ()
    svg: Markup = field(default=Markup(""), repr=False)
    svg_narrow: Markup = field(default=Markup(""), repr=False)
    png: bytes = field(default=b"", repr=False)

    @property
    def rendered(self) -> bool:
        return bool(self.svg)


#: Characters per line of a label written above its bar: about 240 px at 13 px, the narrow plot width.
WRAP = 28


def _wrap(text: str, lines: int = 1) -> list[str]:
    """A label as lines (Vega draws a list as multi-line text), so it fits a phone without being cut.

    Padded at the top with empty lines to ``lines``, so that every label ends just above its bar.
    """
    wrapped = textwrap.wrap(text, WRAP) or [""]
    return [NBSP] * (lines - len(wrapped)) + wrapped  # Vega drops empty lines


def _line_count(texts: Iterable[str]) -> int:
    return max([1, *(len(_wrap(t)) for t in texts)])


def _csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    return buffer.getvalue()


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _variants(spec: dict) -> dict[str, dict]:
    """The wide spec as built, and a narrow copy with a smaller plot and fewer ticks."""
    narrow = copy.deepcopy(spec)
    ratio = WIDTHS[NARROW] / WIDTHS[WIDE]

    def shrink(node):
        if isinstance(node, dict):
            if isinstance(node.get("width"), int | float) and node.get("width") >= 100:
                node["width"] = round(node["width"] * ratio)
            for value in node.values():
                shrink(value)
        elif isinstance(node, list):
            for value in node:
                shrink(value)

    shrink(narrow)
    config = narrow.setdefault("config", {})
    config.setdefault("axis", {})["labelLimit"] = 120
    config.setdefault("axisX", {})["tickCount"] = 4
    config.setdefault("legend", {})["columns"] = 1
    return {WIDE: spec, NARROW: narrow}


# Indicator over time ----------------------------------------------------------------------------

UNIT_TITLES = {
    "procent": "Procent",
    "kr/inv": "Kronor per invånare",
    "kr/elev": "Kronor per elev",
    "kr/barn": "Kronor per barn",
    "antal": "Antal",
    "index": "Index",
    "dagar": "Dagar",
    "poang": "Poäng",
}
RESULT = "Resultat"
TARGET = "Målnivå"


def _indicator_rows(model: Styrmodell, indicator: Indicator) -> tuple[list, list, list, tuple[int, int]]:
    results = sorted(model.results_of(indicator.id), key=lambda r: r.year)
    targets = sorted(model.targets_of(indicator.id), key=lambda t: t.year)
    years = [r.year for r in results] + [t.year for t in targets]
    first, last = (min(years), max(years)) if years else (0, 0)
    # Absolute numbers (inhabitants of the whole country) would flatten the municipality's line.
    comparisons = []
    if indicator.unit != "antal":
        comparisons = sorted(
            (c for c in model.comparisons_of(indicator.id) if first <= c.year <= last),
            key=lambda c: (c.area, c.year),
        )
    return results, targets, comparisons, (first, last)


def _indicator_marks(indicator: Indicator, results, targets, comparisons, until: int) -> tuple[list, ...]:
    """The data of each layer: lines (a method break starts a new segment), target ticks and bands,
    ``ej mätt`` years and method breaks."""
    segment = 0
    lines = []
    for r in results:
        segment += r.method_break
        lines.append({"year": r.year, "series": RESULT, "value": r.value, "segment": f"r{segment}"})
    lines += [{"year": c.year, "series": c.area_name, "value": c.value, "segment": c.area} for c in comparisons]
    ticks, bands = [], []
    for t in targets:
        if t.min is not None and t.max is not None and t.min != t.max:
            bands.append({"year": t.year, "series": TARGET, "low": t.min, "high": t.max})
        elif t.min is not None or t.max is not None:
            ticks.append({"year": t.year, "series": TARGET, "value": t.min if t.min is not None else t.max})
    measured = {r.year for r in results}
    gaps = set()
    if indicator.frequency == "arligen" and results:
        gaps |= set(range(results[0].year, results[-1].year + 1))
    gaps |= {t.year for t in targets}
    missing = [{"year": y, "label": "ej mätt"} for y in sorted(gaps - measured) if y <= until]
    breaks = [{"year": r.year - 0.5, "label": "Nytt mätsätt"} for r in results if r.method_break]
    return lines, ticks, bands, missing, breaks


def indicator_spec(model: Styrmodell, indicator: Indicator, until: int | None = None) -> alt.LayerChart:
    """Results as line and points, målnivåer per year as ticks (one bound) or bars (a range),
    comparisons (Riket, länet…) as dashed lines, method breaks as a dashed rule, and
    ``ej mätt`` written under years up to ``until`` that have a målnivå or lie between results but no result.
    """
    results, targets, comparisons, (first, last) = _indicator_rows(model, indicator)
    until = last if until is None else until
    domain = [first - 1, last + 1] if first == last else [first - 0.5, last + 0.5]
    areas = sorted({(c.area, c.area_name) for c in comparisons})
    series = [RESULT, TARGET, *(name for _, name in areas)]
    colours = [RESULT_COLOUR, TARGET_COLOUR, *COMPARISON_COLOURS[: len(areas)]]
    dashes = [[1, 0], [1, 0], *([[6, 3]] * len(areas))]
    lines, ticks, bands, missing, breaks = _indicator_marks(indicator, results, targets, comparisons, until)

    x = alt.X(
        "year:Q", title=None, scale=alt.Scale(domain=domain, nice=False), axis=alt.Axis(format="d", tickMinStep=1)
    )
    y_title = UNIT_TITLES.get(indicator.unit, indicator.unit)
    colour = alt.Color(
        "series:N", title=None, scale=alt.Scale(domain=series, range=colours), legend=alt.Legend(symbolType="stroke")
    )
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=series, range=dashes), legend=None)
    width, height = WIDTHS[WIDE], 260
    layers = []
    if bands:
        layers.append(
            alt.Chart(alt.Data(values=bands))
            .mark_bar(width=16, opacity=0.45)
            .encode(x=x, y=alt.Y("low:Q", title=y_title), y2="high:Q", color=colour)
        )
    if ticks:
        layers.append(
            alt.Chart(alt.Data(values=ticks))
            .mark_tick(orient="horizontal", thickness=4, size=20)
            .encode(x=x, y=alt.Y("value:Q", title=y_title), color=colour)
        )
    if lines:
        layers.append(
            alt.Chart(alt.Data(values=lines))
            .mark_line(point=alt.OverlayMarkDef(filled=True, size=50), strokeWidth=3)
            .encode(
                x=x,
                y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
                color=colour,
                strokeDash=dash,
                detail="segment:N",
            )
        )
    latest_result = max((r["year"] for r in lines if r["series"] == RESULT), default=None)
    future = [t for t in (*ticks, *bands) if latest_result is None or t["year"] > latest_result]
    if future:  # a målnivå for a year still to come (32 000 invånare 2025) gets its name beside it
        latest_target = max(future, key=lambda t: t["year"])
        label = {"year": latest_target["year"], "label": f"{TARGET} {latest_target['year']}"}
        label["value"] = latest_target.get("value", latest_target.get("low"))
        layers.append(
            alt.Chart(alt.Data(values=[label]))
            .mark_text(align="right", baseline="middle", dx=-14, color=TARGET_TEXT, fontWeight="bold")
            .encode(x=x, y=alt.Y("value:Q"), text="label:N")
        )
    if breaks:
        base = alt.Chart(alt.Data(values=breaks)).encode(x=x)
        layers.append(base.mark_rule(strokeDash=[4, 4], color=MUTED, strokeWidth=1.5))
        layers.append(
            base.mark_text(align="left", baseline="top", dx=4, color=TEXT).encode(text="label:N", y=alt.YValue(2))
        )
    if missing:
        layers.append(
            alt.Chart(alt.Data(values=missing))
            .mark_text(angle=270, align="left", baseline="middle", color=MUTED)
            .encode(x=x, text="label:N", y=alt.YValue(height - 4))
        )
    if not layers:
        layers.append(alt.Chart(alt.Data(values=[{"year": first}])).mark_point(opacity=0).encode(x=x))
    return alt.layer(*layers).properties(width=width, height=height)


def _with_unit(indicator: Indicator, value: float | None) -> str:
    return measure(value, indicator.unit, indicator.decimals)


def indicator_summary(model: Styrmodell, indicator: Indicator, tolerance: float = 0.05) -> str:
    """One or two plain Swedish sentences about the latest result, its målnivå and the comparisons.

    ``"År 2022 var resultatet 219,8 poäng och målnivån 225–230 poäng: målet nåddes inte. Riket: 230,1 poäng."``
    """
    results = sorted(model.results_of(indicator.id), key=lambda r: r.year)
    targets = {t.year: t for t in model.targets_of(indicator.id)}
    if not results:
        text = "Det finns inga resultat ännu."
        if targets:
            t = targets[max(targets)]
            text += f" Målnivån för {t.year} är {target_range(t.min, t.max, indicator.unit, indicator.decimals)}."
        return text
    latest = results[-1]
    value = _with_unit(indicator, latest.value) + (" (preliminärt)" if latest.preliminary else "")
    target = targets.get(latest.year)
    if target is None or (target.min is None and target.max is None):
        text = f"År {latest.year} var resultatet {value}. Det fanns ingen målnivå för {latest.year}."
    else:
        status = fulfilment.indicator_status(indicator.direction, latest.value, target.min, target.max, tolerance)
        verdict = {Status.MET: "målet nåddes", Status.NEAR: "målet nåddes nästan"}.get(status, "målet nåddes inte")
        level = target_range(target.min, target.max, indicator.unit, indicator.decimals)
        text = f"År {latest.year} var resultatet {value} och målnivån {level}: {verdict}."
    later = [t for y, t in sorted(targets.items()) if y > latest.year and (t.min is not None or t.max is not None)]
    if later:
        t = later[-1]
        text += f" Målnivån för {t.year} är {target_range(t.min, t.max, indicator.unit, indicator.decimals)}."
    _, _, comparisons, _ = _indicator_rows(model, indicator)
    same_year = [c for c in comparisons if c.year == latest.year]
    if same_year:
        text += " " + " ".join(f"{c.area_name}: {_with_unit(indicator, c.value)}." for c in same_year)
    return text


def indicator_chart(
    model: Styrmodell, indicator: Indicator, path: str, until: int | None = None, tolerance: float = 0.05
) -> Chart:
    """The chart of one styrmått over time, with its files at ``path`` (e.g. ``styrmatt/<id>/diagram``)."""
    results, targets, comparisons, _ = _indicator_rows(model, indicator)
    areas = sorted({(c.area, c.area_name) for c in comparisons})
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
        status = fulfilment.status_for_year(model, indicator, year, tolerance).status
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
                target_range(t.min, t.max, indicator.unit, indicator.decimals) if t else "–",
                f"{status.symbol} {status.label}",
                *(_with_unit(indicator, entry[a].value) if a in entry else "–" for a, _ in areas),
            )
        )
    header = ["ar", "resultat", "malniva_min", "malniva_max", "status", *(a for a, _ in areas)]
    header += ["anmarkning", "kalla", "exempel"]
    shown = [*results, *targets, *comparisons]
    spec = to_spec(indicator_spec(model, indicator, until))
    return Chart(
        key=f"diagram-{indicator.id}",
        path=path,
        title=indicator.name,
        summary=indicator_summary(model, indicator, tolerance),
        specs=_variants(spec),
        table=DataTable(
            caption=f"Resultat och målnivåer per år: {indicator.name}",
            columns=("År", RESULT, TARGET, "Status", *(name for _, name in areas)),
            rows=tuple(table_rows),
        ),
        csv=_csv_text(header, rows),
        example=indicator.example or any(x.example for x in shown),
        sources=tuple(sorted({indicator.source, *(x.source for x in shown)})),
    )


# Goal fulfilment roll-up ---------------------------------------------------------------------------


def _rollup_records(groups: Sequence[tuple[str, Sequence]]) -> list[dict]:
    records = []
    for group_title, rollups in groups:
        for rollup in rollups:
            for status in fulfilment.GOAL_STATUS_ORDER:
                count = rollup.counts[status]
                records.append(
                    {
                        "group": group_title,
                        "name": rollup.name,
                        "status": f"{status.symbol} {status.label}",
                        "order": fulfilment.GOAL_STATUS_ORDER.index(status),
                        "count": count,
                        "label": f"{status.symbol} {count}",
                        "short": str(count),
                    }
                )
    return records


def rollup_spec(groups: Sequence[tuple[str, Sequence]]) -> alt.VConcatChart:
    """Stacked horizontal bars: number of goals per status, one block per grouping.

    ``groups`` is a sequence of ``(title, rollups)``, e.g. ``("Per nivå", view.by_level)``,
    where each rollup has ``name`` and ``counts`` (a mapping from :class:`GoalStatus` to a count).
    Every segment carries a direct label: the status symbol and the count.
    """
    records = _rollup_records(groups)
    statuses = [f"{s.symbol} {s.label}" for s in fulfilment.GOAL_STATUS_ORDER]
    colour = alt.Color(
        "status:N",
        title=None,
        scale=alt.Scale(domain=statuses, range=[GOAL_STATUS_COLOURS[s] for s in fulfilment.GOAL_STATUS_ORDER]),
        legend=alt.Legend(symbolType="square"),
    )
    lines = _line_count(r.name for _, rollups in groups for r in rollups)
    step = 32 + 16 * lines
    blocks = []
    for group_title, rollups in groups:
        names = [r.name for r in rollups]
        most = max([1, *(r.total for r in rollups)])
        base = alt.Chart(alt.Data(values=records)).transform_filter(alt.datum.group == group_title)
        y = alt.Y("name:N", title=None, sort=names, axis=None)
        scale = alt.Scale(domain=[0, most], nice=False)
        x = alt.X(
            "sum(count):Q", title="Antal mål", stack="zero", scale=scale, axis=alt.Axis(tickMinStep=1, format="d")
        )
        bars = base.mark_bar(height=20, yOffset=step / 2 - 12).encode(
            y=y, x=x, color=colour, order=alt.Order("order:Q")
        )
        # Symbol and count inside each segment; only the count where the segment is too narrow for both.
        labels = (
            base.transform_filter(alt.datum.count > 0)
            .transform_stack(stack="count", groupby=["name"], sort=[alt.SortField("order")], as_=["x0", "x1"])
            .transform_calculate(
                mid="(datum.x0 + datum.x1) / 2", text=f"datum.count * width / {most} >= 34 ? datum.label : datum.short"
            )
            .mark_text(color="#ffffff", fontWeight="bold", yOffset=step / 2 - 12)
            .encode(y=y, x=alt.X("mid:Q", scale=scale), text="text:N")
        )
        # The group's name above its bar (not on an axis), so long names are never cut on a phone.
        names_above = (
            alt.Chart(alt.Data(values=[{"name": n, "lines": _wrap(n, lines)} for n in names]))
            .mark_text(align="left", baseline="top", yOffset=8 - step / 2, lineHeight=16)
            .encode(y=y, x=alt.XValue(0), text="lines:N")
        )
        blocks.append(
            alt.layer(bars, labels, names_above).properties(
                title=group_title, width=WIDTHS[WIDE] - 20, height=alt.Step(step)
            )
        )
    return alt.vconcat(*blocks, spacing=24).resolve_scale(x="independent")


def rollup_chart(
    groups: Sequence[tuple[str, Sequence]], title: str, path: str, example: bool = False, sources: Sequence[str] = ()
) -> Chart:
    """Goal fulfilment per level, nämnd and perspective (see :func:`rollup_spec` for ``groups``).

    The CSV has one row per group; its ``exempel`` column says whether the group's counts rest on
    example data (``Rollup.example``).
    """
    total = sum(r.total for r in groups[0][1]) if groups else 0
    met = sum(r.counts[GoalStatus.MET] for r in groups[0][1]) if groups else 0
    not_met = sum(r.counts[GoalStatus.NOT_MET] for r in groups[0][1]) if groups else 0
    partly = sum(r.counts[GoalStatus.PARTLY] for r in groups[0][1]) if groups else 0
    summary = (
        f"Av {total} mål är {met} uppnådda, {partly} delvis uppnådda och {not_met} inte uppnådda; "
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
    return Chart(
        key="diagram-maluppfyllelse",
        path=path,
        title=title,
        summary=summary,
        specs=_variants(to_spec(rollup_spec(groups))),
        table=DataTable(
            caption=title,
            columns=("Grupp", *(f"{s.symbol} {s.label}" for s in statuses), "Totalt"),
            rows=rows,
        ),
        csv=_csv_text(["gruppering", "id", "namn", *(s.value for s in statuses), "totalt", "exempel"], csv_rows),
        example=example,
        sources=tuple(sorted(sources)),
    )


# Budget --------------------------------------------------------------------------------------------

KIND_LABELS = {"budget": "Budget", "utfall": "Utfall", "prognos": "Prognos"}


def budget_spec(rows: Sequence[BudgetRow], names: Mapping[str, str]) -> alt.FacetChart:
    """Net cost in mnkr per nämnd (one small chart each, own scale: the chart title names the unit)
    and year: budget, utfall, prognos side by side."""
    records = [
        {
            "name": names.get(r.organisation, r.organisation),
            "year": str(r.year),
            "kind": KIND_LABELS.get(r.kind, r.kind),
            "net_cost": r.net_cost,
            "label": mnkr(r.net_cost),
        }
        for r in rows
    ]
    kinds = [KIND_LABELS[k] for k in KIND_LABELS if any(r.kind == k for r in rows)]
    order = sorted({rec["name"] for rec in records}, key=swedish_sort_key)
    colour = alt.Color(
        "kind:N", title=None, scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k.lower()] for k in kinds])
    )
    base = alt.Chart().encode(
        y=alt.Y("year:N", title=None, axis=alt.Axis(ticks=False)),
        yOffset=alt.YOffset("kind:N", sort=kinds),
        x=alt.X("net_cost:Q", title=None, axis=alt.Axis(format=",~f", tickCount=3)),
    )
    bars = base.mark_bar(height=10).encode(color=colour)
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(text="label:N")
    return (
        alt.layer(bars, labels, data=alt.Data(values=records))
        .properties(width=WIDTHS[WIDE] - 120, height=alt.Step(12))
        .facet(
            row=alt.Row(
                "name:N",
                title=None,
                sort=order,
                header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top"),
            )
        )
        .resolve_scale(x="independent")
    )


def budget_chart(rows: Iterable[BudgetRow], names: Mapping[str, str], path: str = "ekonomi/diagram-budget") -> Chart:
    """Budget, utfall and prognos per nämnd and year, rendered.

    ``rows`` are :class:`~styrmodell.model.BudgetRow` (``model.budget`` or a filtered part of it:
    ``organisation``, ``year``, ``kind`` in budget/utfall/prognos, ``net_cost`` in mnkr, ``source``,
    ``example``). ``names`` maps organisation id → the name to show (``{o.id: o.name for o in model.organisation}``).
    The files are written to ``path`` + ``.svg/.png/.csv`` by :func:`write_files`.
    """
    rows = sorted(
        rows,
        key=lambda r: (
            names.get(r.organisation, r.organisation),
            r.year,
            list(KIND_LABELS).index(r.kind) if r.kind in KIND_LABELS else 9,
        ),
    )
    years = sorted({r.year for r in rows})
    latest = [r for r in rows if years and r.year == years[-1]]
    total = {k: sum(r.net_cost for r in latest if r.kind == k) for k in KIND_LABELS}
    summary = "Det finns inga budgetuppgifter."
    if latest:
        parts = [f"{KIND_LABELS[k].lower()} {mnkr(v)}" for k, v in total.items() if any(r.kind == k for r in latest)]
        summary = f"Nettokostnad för alla nämnder {years[-1]}: " + ", ".join(parts) + "."
    table_rows = tuple(
        (f"{names.get(r.organisation, r.organisation)} {r.year}", KIND_LABELS.get(r.kind, r.kind), mnkr(r.net_cost))
        for r in rows
    )
    csv_rows = (
        (r.organisation, names.get(r.organisation, r.organisation), r.year, r.kind, r.net_cost, r.source, r.example)
        for r in rows
    )
    return render(
        Chart(
            key="diagram-budget",
            path=path,
            title="Nettokostnad per nämnd och år, miljoner kronor (mnkr)",
            summary=summary,
            specs=_variants(to_spec(budget_spec(rows, names))),
            table=DataTable(
                "Nettokostnad per nämnd och år, miljoner kronor", ("Nämnd och år", "Slag", "Nettokostnad"), table_rows
            ),
            csv=_csv_text(["organisation", "namn", "ar", "slag", "nettokostnad_mnkr", "kalla", "exempel"], csv_rows),
            example=any(r.example for r in rows),
            sources=tuple(sorted({r.source for r in rows})),
        )
    )


# Tax receipt -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptRow:
    """One line of the tax receipt: an area and the kronor per month it gets from the example income."""

    name: str
    kronor: float
    source: str = ""
    example: bool = False


def receipt_spec(rows: Sequence[ReceiptRow]) -> alt.LayerChart:
    """Horizontal bars, largest first, each with its amount written after the bar."""
    lines = _line_count(r.name for r in rows)
    records = [
        {"name": r.name, "lines": _wrap(r.name, lines), "kronor": r.kronor, "label": format_kronor(r.kronor)}
        for r in rows
    ]
    order = [r.name for r in sorted(rows, key=lambda r: (-r.kronor, r.name))]
    step = 30 + 16 * lines
    base = alt.Chart(alt.Data(values=records)).encode(
        y=alt.Y("name:N", title=None, sort=order, axis=None),
        x=alt.X("kronor:Q", title="Kronor per månad", axis=alt.Axis(format=",~f", tickCount=4)),
    )
    # The area's name above its bar (not on an axis), so long names are never cut on a phone.
    return alt.layer(
        base.mark_bar(color=BAR_COLOUR, height=14, yOffset=step / 2 - 10),
        base.mark_text(align="left", dx=4, yOffset=step / 2 - 10).encode(text="label:N"),
        base.mark_text(align="left", baseline="top", yOffset=10 - step / 2, lineHeight=16).encode(
            x=alt.XValue(0), text="lines:N"
        ),
    ).properties(width=WIDTHS[WIDE] - 20, height=alt.Step(step))


def receipt_chart(rows: Iterable[ReceiptRow], income: int, path: str = "skattepengar/diagram-kvitto") -> Chart:
    """The tax receipt for ``income`` kronor a month, rendered.

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
    return render(
        Chart(
            key="diagram-kvitto",
            path=path,
            title=f"Så fördelas kommunalskatten på {format_kronor(income)} i månaden",
            summary=summary,
            specs=_variants(to_spec(receipt_spec(rows))),
            table=DataTable(
                "Kronor per månad och område",
                ("Område", "Kronor per månad"),
                tuple((r.name, format_kronor(r.kronor)) for r in rows),
            ),
            csv=_csv_text(
                ["omrade", "kronor_per_manad", "kalla", "exempel"],
                ((r.name, round(r.kronor, 2), r.source, r.example) for r in rows),
            ),
            example=any(r.example for r in rows),
            sources=tuple(sorted({r.source for r in rows if r.source})),
        )
    )


# Årshjul -----------------------------------------------------------------------------------------------


def _step_label(step: PlanningStep) -> str:
    return f"{step.order}. {step.title}"


def planning_spec(steps: Sequence[PlanningStep], current_month: int | None = None) -> alt.LayerChart:
    """The planning year as a linear timeline: one bar per step from its first to its last month.

    Months of the following year (``year_offset`` 1) continue after december. ``current_month``
    (1–12) is marked with a dashed rule; pass the month of the latest reporting period, never today.
    """
    records = [
        {
            "step": _step_label(s),
            "lines": _wrap(_step_label(s), _line_count(_step_label(s) for s in steps)),
            "start": s.start_month + 12 * s.year_offset - 1,
            "end": s.end_month + 12 * s.year_offset,
        }
        for s in steps
    ]
    span = max([12, *(r["end"] for r in records)])
    step = 30 + 16 * max((len(r["lines"]) for r in records), default=1)
    order = [_step_label(s) for s in steps]
    month_axis = alt.Axis(
        values=list(range(span)),
        labelExpr=f"{json.dumps([m[:3] for m in MONTHS])}[datum.value % 12]",
        labelAlign="left",
        title=None,
        grid=True,
        orient="top",
    )
    x = alt.X("start:Q", scale=alt.Scale(domain=[0, span], nice=False), axis=month_axis)
    y = alt.Y("step:N", title=None, sort=order, axis=None)
    base = alt.Chart(alt.Data(values=records)).encode(y=y)
    # Each step's title above its bar (not on an axis), so long titles are never cut on a phone.
    # Rules go first so that text is drawn over them.
    layers = [
        base.mark_bar(color=BAR_COLOUR, height=12, cornerRadius=2, yOffset=step / 2 - 10).encode(x=x, x2="end:Q"),
        base.mark_text(align="left", baseline="top", yOffset=10 - step / 2, lineHeight=16).encode(
            x=alt.XValue(0), text="lines:N"
        ),
    ]
    height = step * len(records)
    if span > 12:
        following = alt.Chart(alt.Data(values=[{"x": 12, "label": "året därpå →"}])).encode(x=alt.X("x:Q"))
        layers.insert(0, following.mark_rule(color=MUTED, strokeWidth=2))
        layers.append(
            following.mark_text(align="left", baseline="top", dx=3, color=MUTED).encode(
                text="label:N", y=alt.YValue(height + 4)
            )
        )
    if current_month:
        marker = alt.Chart(alt.Data(values=[{"x": current_month - 0.5, "label": "senaste uppföljning"}])).encode(
            x=alt.X("x:Q")
        )
        layers.insert(0, marker.mark_rule(color=TARGET_COLOUR, strokeWidth=3, strokeDash=[6, 3]))
        layers.append(
            marker.mark_text(align="right", baseline="top", dx=-4, color=TARGET_TEXT, fontWeight="bold").encode(
                text="label:N", y=alt.YValue(height + 4)
            )
        )
    return alt.layer(*layers).properties(width=WIDTHS[WIDE] - 20, height=height)


def planning_chart(steps: Sequence[PlanningStep], current_month: int | None, path: str) -> Chart:
    """The årshjul of ``steps`` (``model.planning``), with files at ``path``."""
    steps = tuple(steps)

    def when(s: PlanningStep) -> str:
        text = (
            MONTHS[s.start_month - 1]
            if s.start_month == s.end_month
            else f"{MONTHS[s.start_month - 1]}–{MONTHS[s.end_month - 1]}"
        )
        return text + (" året därpå" if s.year_offset else "")

    summary = "Det finns inga steg i årshjulet."
    if steps:
        summary = f"Arbetet med mål och budget har {len(steps)} steg, från {when(steps[0])} till {when(steps[-1])}."
        if current_month:
            summary += f" Den streckade linjen visar senaste uppföljningen, i {MONTHS[current_month - 1]}."
    return Chart(
        key="diagram-arshjul",
        path=path,
        title="Årshjulet: året med mål och budget",
        summary=summary,
        specs=_variants(to_spec(planning_spec(steps, current_month))),
        table=DataTable("Stegen i årshjulet", ("Steg", "När"), tuple((_step_label(s), when(s)) for s in steps)),
        csv=_csv_text(
            ["ordning", "id", "steg", "startmanad", "slutmanad", "ar_efter", "kalla", "exempel"],
            ((s.order, s.id, s.title, s.start_month, s.end_month, s.year_offset, s.source, s.example) for s in steps),
        ),
        example=any(s.example for s in steps),
        sources=tuple(sorted({s.source for s in steps})),
    )


# Rendering -------------------------------------------------------------------------------------------------

#: Bump when post-processing or the rendering call changes, so old cache entries are not reused.
RENDER_VERSION = "1"
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def _style_to_attributes(match: re.Match) -> str:
    """``style="fill: red; opacity: 0.5"`` → ``fill="red" opacity="0.5"`` (the CSP forbids style attributes)."""
    parts = []
    for declaration in match.group(1).split(";"):
        if ":" in declaration:
            name, value = (p.strip() for p in declaration.split(":", 1))
            if re.fullmatch(r"[a-z-]+", name) and '"' not in value:
                parts.append(f' {name}="{value}"')
    return "".join(parts)


def accessible_svg(svg: str, key: str, title: str, summary: str) -> str:
    """Make vl-convert's SVG fit for a strict-CSP, accessible page.

    Removes the generated English role/aria attributes and any ``style`` attribute, prefixes every id
    with ``key`` (so several charts on one page never collide), and gives the root ``role="img"``
    with a Swedish ``<title>`` and ``<desc>`` that ``aria-labelledby``/``aria-describedby`` point to.
    """
    svg = _ARIA.sub("", svg)
    svg = _STYLE.sub(_style_to_attributes, svg)
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{old}"', f'id="{key}-{old}"')
        svg = svg.replace(f"url(#{old})", f"url(#{key}-{old})").replace(f'href="#{old}"', f'href="#{key}-{old}"')
    head, rest = svg.split(">", 1)
    head += f' role="img" aria-labelledby="{key}-titel" aria-describedby="{key}-beskrivning" focusable="false">'
    return (
        f'{head}<title id="{key}-titel">{html.escape(title)}</title>'
        f'<desc id="{key}-beskrivning">{html.escape(summary)}</desc>{rest}'
    )


def spec_hash(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    salt = f"{vlc.__version__}|{RENDER_VERSION}|"
    return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[:32]


def _render_raw(spec_json: str, png: bool) -> tuple[str, bytes]:
    """Render one spec; runs in this process or in a spawned worker (never a forked one)."""
    spec = json.loads(spec_json)
    svg = vlc.vegalite_to_svg(spec)
    return svg, (vlc.svg_to_png(svg, scale=2) if png else b"")


@dataclass(frozen=True)
class RenderRecord:
    path: str
    variant: str
    cached: bool
    seconds: float


class Renderer:
    """Renders specs to SVG (and PNG for the wide variant), with an on-disk cache keyed by spec hash.

    ``workers`` > 1 renders the misses of a batch in a *spawn* process pool (vl-convert hangs in a
    forked one); with fewer than ``min_batch`` misses rendering stays in this process, where it is faster.
    """

    def __init__(self, cache_dir: Path | None = None, workers: int = 1, min_batch: int = 12) -> None:
        self.cache_dir = cache_dir
        self.workers = workers
        self.min_batch = min_batch
        self.records: list[RenderRecord] = []

    def _cached(self, digest: str) -> tuple[str, bytes] | None:
        if self.cache_dir is None:
            return None
        svg_file, png_file = self.cache_dir / f"{digest}.svg", self.cache_dir / f"{digest}.png"
        if svg_file.exists() and png_file.exists():
            return svg_file.read_text(encoding="utf-8"), png_file.read_bytes()
        return None

    def _store(self, digest: str, svg: str, png: bytes) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for suffix, write in (
            (".png", lambda p: p.write_bytes(png)),
            (".svg", lambda p: p.write_text(svg, encoding="utf-8")),
        ):
            temporary = self.cache_dir / f".{digest}{suffix}.tmp"
            write(temporary)
            temporary.replace(self.cache_dir / f"{digest}{suffix}")

    def render_many(self, charts: Sequence[Chart]) -> list[Chart]:
        jobs = {}  # digest -> (spec, wants png, chart path, variant)
        for chart in charts:
            for variant, spec in chart.specs.items():
                jobs.setdefault(spec_hash(spec), (spec, variant == WIDE, chart.path, variant))
        done: dict[str, tuple[str, bytes]] = {}
        misses = []
        for digest, (_spec, _png, path, variant) in jobs.items():
            cached = self._cached(digest)
            if cached is None:
                misses.append(digest)
            else:
                done[digest] = cached
                self.records.append(RenderRecord(path, variant, True, 0.0))
        if self.workers > 1 and len(misses) >= self.min_batch:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
                started = time.perf_counter()
                futures = {d: pool.submit(_render_raw, json.dumps(jobs[d][0]), jobs[d][1]) for d in misses}
                for digest, future in futures.items():
                    done[digest] = future.result()
                each = (time.perf_counter() - started) / len(misses)
                for digest in misses:
                    self.records.append(RenderRecord(jobs[digest][2], jobs[digest][3], False, each))
        else:
            for digest in misses:
                started = time.perf_counter()
                done[digest] = _render_raw(json.dumps(jobs[digest][0]), jobs[digest][1])
                self.records.append(
                    RenderRecord(jobs[digest][2], jobs[digest][3], False, time.perf_counter() - started)
                )
        for digest in misses:
            self._store(digest, *done[digest])
        rendered = []
        for chart in charts:
            wide_svg, png = done[spec_hash(chart.specs[WIDE])]
            narrow_svg, _ = done[spec_hash(chart.specs[NARROW])]
            # The SVG comes from vl-convert rendering our own spec; accessible_svg escapes title and summary.
            rendered.append(
                replace(
                    chart,
                    svg=Markup(accessible_svg(wide_svg, chart.key, chart.title, chart.summary)),  # noqa: S704
                    svg_narrow=Markup(  # noqa: S704
                        accessible_svg(narrow_svg, f"{chart.key}-smal", chart.title, chart.summary)
                    ),
                    png=png,
                )
            )
        return rendered


_renderer = Renderer()


def configure(cache_dir: Path | None, workers: int = 1) -> Renderer:
    """Set the renderer the chart functions use (the generator calls this once per build)."""
    global _renderer  # noqa: PLW0603 - one renderer per build, shared by every generator
    _renderer = Renderer(cache_dir, workers)
    return _renderer


def current_renderer() -> Renderer:
    return _renderer


def render(chart: Chart) -> Chart:
    return _renderer.render_many([chart])[0]


def render_many(charts: Sequence[Chart]) -> list[Chart]:
    return _renderer.render_many(charts)


def write_files(chart: Chart, output_path: str | Path) -> None:
    """Write ``<path>.svg``, ``<path>.png`` and ``<path>.csv`` under ``output_path`` (same data, same bytes)."""
    base = Path(output_path) / chart.path
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".svg").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + str(chart.svg) + "\n", encoding="utf-8"
    )
    base.with_suffix(".png").write_bytes(chart.png)
    base.with_suffix(".csv").write_text(chart.csv, encoding="utf-8")


# The charts of the site ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteCharts:
    """Every chart the core pages show, rendered in one batch: templates read it as ``site_charts``."""

    indicators: Mapping[str, Chart]
    rollup: Chart
    planning: Chart | None

    def all(self) -> tuple[Chart, ...]:
        return (*self.indicators.values(), self.rollup, *([self.planning] if self.planning else []))


def site_charts(
    model: Styrmodell,
    period_view,
    tolerance: float,
    indicator_path: Callable[[str], str],
    planning_path: str = "styrmodell/planeringsprocessen/diagram-arshjul",
) -> SiteCharts:
    """Build and render the charts of the styrmått pages, the start page's roll-up and the årshjul.

    ``period_view`` is the latest :class:`~styrmodell.views.PeriodView`; ``indicator_path(id)`` gives the
    files' path of a styrmått's chart (``styrmatt/<id>/diagram``).
    """
    year = period_view.period.year
    drafts = [
        indicator_chart(model, ind, indicator_path(ind.id), until=year, tolerance=tolerance) for ind in model.indicators
    ]
    groups = [("Per nivå", period_view.by_level), ("Per nämnd", period_view.by_owner)]
    groups.append(("Per perspektiv", tuple(r for r in period_view.by_perspective if r.total)))
    drafts.append(
        rollup_chart(
            groups,
            f"Måluppfyllelse, {period_view.period.name.lower()}",
            "diagram-maluppfyllelse",
            example=period_view.example,
            sources=[s.id for s in period_view.sources],
        )
    )
    if model.planning:
        drafts.append(planning_chart(model.planning, period_view.period.end_date.month, planning_path))
    rendered = render_many(drafts)
    count = len(model.indicators)
    return SiteCharts(
        indicators={ind.id: chart for ind, chart in zip(model.indicators, rendered[:count], strict=True)},
        rollup=rendered[count],
        planning=rendered[count + 1] if model.planning else None,
    )


def configure_from_settings(settings: Mapping, project_dir: Path) -> Renderer:
    """Use ``STYRMODELL_CHART_CACHE`` (default ``<project>/.cache/charts``; ``None`` turns the cache off)
    and ``STYRMODELL_CHART_WORKERS`` (default 1: measured, a spawn pool of 2 was slower here) from the Pelican settings. Environment variables of the
    same names win over the settings (``python -m styrmodell bench --cold`` uses them)."""
    cache = os.environ.get("STYRMODELL_CHART_CACHE") or settings.get(
        "STYRMODELL_CHART_CACHE", project_dir / ".cache" / "charts"
    )
    workers = int(os.environ.get("STYRMODELL_CHART_WORKERS") or settings.get("STYRMODELL_CHART_WORKERS", 1))
    return configure(Path(cache) if cache is not None else None, workers)
