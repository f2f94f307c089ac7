"""The Altair spec of each chart: what is drawn, from which rows, in the site's theme.

One function per chart: :func:`indicator_spec` (a styrmått over time),
:func:`rollup_spec` (goal fulfilment per group) and :func:`planning_spec` (the
årshjul); the money pages' charts are in ``money_specs``. Each returns an Altair
chart; ``theme.to_spec`` turns it into the Vega-Lite dict that is rendered and
that the tests assert on. A styrmått's chart is drawn from
its :class:`~styrmodell.views.IndicatorView`, so it shows the statuses the page prints.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import fulfilment
from ..formatting import MONTHS, NBSP, later_year
from ..fulfilment import Status
from ..package.model import Comparison, Indicator, PlanningStep, Result, Target
from ..views import IndicatorView
from .theme import (
    BAR_COLOUR,
    COMPARISON_COLOURS,
    GOAL_STATUS_COLOURS,
    MUTED,
    RESULT_COLOUR,
    TARGET_COLOUR,
    TARGET_TEXT,
    TEXT,
    WIDE,
    WIDTHS,
    alt,
)

#: Characters per line of a label written above its bar: about 240 px at 13 px, the narrow plot width.
WRAP = 28


def wrap(text: str, lines: int = 1) -> list[str]:
    """A label as lines (Vega draws a list as multi-line text), so it fits a phone without being cut.

    Padded at the top with empty lines to ``lines``, so that every label ends just above its bar.
    """
    wrapped = textwrap.wrap(text, WRAP) or [""]
    return [NBSP] * (lines - len(wrapped)) + wrapped  # Vega drops empty lines


def line_count(texts: Iterable[str]) -> int:
    return max([1, *(len(wrap(t)) for t in texts)])


# Indicator over time ----------------------------------------------------------------------------

RESULT = "Resultat"
TARGET = "Målnivå"


@dataclass(frozen=True)
class IndicatorSeries:
    """What a styrmått's chart shows: the view's years (with the statuses the page prints) and the comparisons.

    ``comparisons`` lie between the first and the last year with a result or a målnivå, ordered by
    area and year; a count (``antal``) has none, as the whole country's number would flatten the
    municipality's line. Build it with :func:`indicator_series`.
    """

    view: IndicatorView
    comparisons: tuple[Comparison, ...]

    @property
    def indicator(self) -> Indicator:
        return self.view.indicator

    @property
    def results(self) -> tuple[Result, ...]:
        return tuple(y.status.result for y in self.view.years if y.status.result is not None)

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(y.status.target for y in self.view.years if y.status.target is not None)

    @property
    def span(self) -> tuple[int, int]:
        """The first and the last year with a result or a målnivå (``(0, 0)`` when there is none)."""
        years = [y.year for y in self.view.years]
        return (years[0], years[-1]) if years else (0, 0)

    @property
    def areas(self) -> list[tuple[str, str]]:
        """The comparison areas drawn, as ``(area, area_name)``."""
        return sorted({(c.area, c.area_name) for c in self.comparisons})

    def status(self, year: int) -> Status:
        """The view's status for ``year``; a year with only comparisons has no result: not measured."""
        return next((y.status.status for y in self.view.years if y.year == year), Status.NOT_MEASURED)

    def fingerprint_data(self) -> tuple:
        """All the chart is drawn from (``chart.fingerprint``): the view counts only through its years' statuses."""
        statuses = tuple((y.year, y.status.status) for y in self.view.years)
        return (self.indicator, self.results, self.targets, self.comparisons, statuses)


def indicator_series(view: IndicatorView, comparisons: Iterable[Comparison]) -> IndicatorSeries:
    """The series of ``view``'s styrmått; ``comparisons`` are all of its comparisons (``model.comparisons_of``).

    The view's years hold only the comparisons of years with a result or a målnivå, and the line
    of a comparison also runs through the years between them.
    """
    indicator = view.indicator
    years = [y.year for y in view.years]
    shown = ()
    if indicator.unit != "antal" and years:
        shown = tuple(
            sorted((c for c in comparisons if years[0] <= c.year <= years[-1]), key=lambda c: (c.area, c.year))
        )
    return IndicatorSeries(view, shown)


def _indicator_marks(series: IndicatorSeries, until: int) -> tuple[list, ...]:
    """The data of each layer: lines (a method break starts a new segment), target ticks and bands,
    ``ej mätt`` (or ``ej uppföljd``, the page's status) years and method breaks."""
    indicator, results, targets, comparisons = series.indicator, series.results, series.targets, series.comparisons
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
    missing = [
        {"year": y, "label": "ej uppföljd" if series.status(y) is Status.NOT_FOLLOWED_UP else "ej mätt"}
        for y in sorted(gaps - measured)
        if y <= until
    ]
    breaks = [{"year": r.year - 0.5, "label": "Nytt mätsätt"} for r in results if r.method_break]
    return lines, ticks, bands, missing, breaks


#: Up to this many years, the axis has a tick at every year; a longer series gets Vega's round years.
EVERY_YEAR_UP_TO = 10


def year_axis(first: int, last: int) -> alt.Axis:
    """An axis of years with one tick per label and no label twice.

    Left to Vega, a short series gets ticks at half years too, and the format ``d`` prints 2021,5 as
    2022: a single year read 2021, 2022, 2022, 2023, 2023. A short series therefore gets a tick at each
    of its years and nowhere else; a long one Vega's ticks at least a year apart (1994, 1996, … or
    2000, 2010, 2020), labels that would overlap left out.
    """
    if last - first < EVERY_YEAR_UP_TO:
        return alt.Axis(format="d", values=list(range(first, last + 1)) if first else [])
    return alt.Axis(format="d", tickMinStep=1)


def indicator_spec(series: IndicatorSeries, until: int | None = None) -> alt.LayerChart:
    """Results as line and points, målnivåer per year as ticks (one bound) or bars (a range),
    comparisons (Riket, länet…) as dashed lines, method breaks as a dashed rule, and
    ``ej mätt`` written under years up to ``until`` that have a målnivå or lie between results but no result.
    """
    (first, last), areas = series.span, series.areas
    until = last if until is None else until
    domain = [first - 1, last + 1] if first == last else [first - 0.5, last + 0.5]
    names = [RESULT, TARGET, *(name for _, name in areas)]
    colours = [RESULT_COLOUR, TARGET_COLOUR, *COMPARISON_COLOURS[: len(areas)]]
    dashes = [[1, 0], [1, 0], *([[6, 3]] * len(areas))]
    lines, ticks, bands, missing, breaks = _indicator_marks(series, until)

    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=domain, nice=False), axis=year_axis(first, last))
    y_title = series.indicator.unit_title
    colour = alt.Color(
        "series:N", title=None, scale=alt.Scale(domain=names, range=colours), legend=alt.Legend(symbolType="stroke")
    )
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=names, range=dashes), legend=None)
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
    lines = line_count(r.name for _, rollups in groups for r in rollups)
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
            alt.Chart(alt.Data(values=[{"name": n, "lines": wrap(n, lines)} for n in names]))
            .mark_text(align="left", baseline="top", yOffset=8 - step / 2, lineHeight=16)
            .encode(y=y, x=alt.XValue(0), text="lines:N")
        )
        blocks.append(
            alt.layer(bars, labels, names_above).properties(
                title=group_title, width=WIDTHS[WIDE] - 20, height=alt.Step(step)
            )
        )
    return alt.vconcat(*blocks, spacing=24).resolve_scale(x="independent")


# Årshjul -----------------------------------------------------------------------------------------------


def step_label(step: PlanningStep) -> str:
    return f"{step.order}. {step.title}"


def planning_spec(steps: Sequence[PlanningStep], current_month: int | None = None) -> alt.LayerChart:
    """The planning year as a linear timeline: one bar per step from its first to its last month.

    Months of later years (``year_offset`` 1, 2 …, and a step that ends in an earlier month than it
    starts, which crosses the new year) continue after december. ``current_month``
    (1–12) is marked with a dashed rule; pass the month of the latest reporting period, never today.
    """
    records = [
        {
            "step": step_label(s),
            "lines": wrap(step_label(s), line_count(step_label(s) for s in steps)),
            "start": s.first_month,
            "end": s.last_month,
        }
        for s in steps
    ]
    span = max([12, *(r["end"] for r in records)])
    step = 30 + 16 * max((len(r["lines"]) for r in records), default=1)
    order = [step_label(s) for s in steps]
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
        years = [{"x": 12 * k, "label": f"{later_year(k)} →"} for k in range(1, (span - 1) // 12 + 1)]
        following = alt.Chart(alt.Data(values=years)).encode(x=alt.X("x:Q"))
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
