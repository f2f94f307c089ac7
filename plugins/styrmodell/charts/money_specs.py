"""The Altair specs of the money pages' charts: the budget per nämnd and the tax receipt.

Drawn in the site's theme like the charts in ``specs``; the figures come from
``money.py`` and the package's ``budget.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..formatting import kronor as format_kronor
from ..formatting import swedish_sort_key
from ..money import MoneyScale, in_kronor, money_scale
from ..package.model import BudgetRow
from .specs import line_count, wrap
from .theme import BAR_COLOUR, KIND_COLOURS, WIDE, WIDTHS, alt

# Budget --------------------------------------------------------------------------------------------

KIND_LABELS = {"budget": "Budget", "utfall": "Utfall", "prognos": "Prognos"}


def budget_spec(rows: Sequence[BudgetRow], names: Mapping[str, str], scale: MoneyScale | None = None) -> alt.FacetChart:
    """Net cost per nämnd in ``scale`` (one small chart each, own scale: the chart title names the unit)
    and year: budget, utfall, prognos side by side. Without ``scale``, the one the rows' amounts need."""
    scale = scale or money_scale(in_kronor(r.net_cost, r.unit) for r in rows)
    records = []
    for r in rows:
        amount = in_kronor(r.net_cost, r.unit)
        records.append(
            {
                "name": names.get(r.organisation, r.organisation),
                "year": str(r.year),
                "kind": KIND_LABELS.get(r.kind, r.kind),
                "net_cost": r.net_cost if r.unit == scale.unit.id else float(scale.value(amount)),
                "label": scale.text(amount),
            }
        )
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
    lines = line_count(r.name for r in rows)
    records = [
        {"name": r.name, "lines": wrap(r.name, lines), "kronor": r.kronor, "label": format_kronor(r.kronor)}
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
