"""Where the money figures come from, for the page *Så räknade vi skattekvittot och ekonomisiffrorna*.

The page's prose explains the method; which sources the figures have, and how many rows are
example data, comes from the package (``sources.csv`` and each row's ``source`` and ``example``),
so the page can never name a source the package does not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..formatting import number
from ..package.model import Source, Styrmodell


@dataclass(frozen=True)
class FigureOrigin:
    label: str  # what the figures are, e.g. "Budget, prognos och utfall per nämnd"
    rows_text: str  # how many rows, and how many of them are example data
    sources: tuple[Source, ...]  # the sources of those rows, from sources.csv
    example: bool

    @property
    def sources_label(self) -> str:
        return "Källa" if len(self.sources) == 1 else "Källor"


@dataclass(frozen=True)
class ReceiptMethodView:
    figures: tuple[FigureOrigin, ...]
    sources: tuple[Source, ...]  # every source of the figures, for the page's source list
    example: bool


def rows_text(rows: Sequence) -> str:
    """``"60 rader. Alla är exempeldata …"``: what the rows are, in words."""
    total = len(rows)
    if not total:
        return "Datapaketet har inga sådana rader."
    invented = sum(1 for r in rows if r.example)
    counted = "1 rad" if total == 1 else f"{number(total, 0)} rader"
    if invented == total and total == 1:
        return f"{counted}. Den är exempeldata: påhittad för att visa hur sidan fungerar, inte kommunens siffra."
    if invented == total:
        return f"{counted}. Alla är exempeldata: påhittade för att visa hur sidan fungerar, inte kommunens siffror."
    if invented:
        return f"{counted}, varav {number(invented, 0)} exempeldata. De är märkta Exempel på sidorna."
    return f"{counted}, inga exempeldata."


def receipt_method_view(model: Styrmodell) -> ReceiptMethodView:
    groups = (
        ("Budget, prognos och utfall per nämnd", model.budget),
        ("Årets resultat och det finansiella målet", model.financial_results),
        ("Skattesatserna", model.tax_rates),
        ("Kostnad per invånare och verksamhet", model.spending),
    )
    figures = []
    for label, rows in groups:
        ids = sorted({r.source for r in rows})
        figures.append(
            FigureOrigin(
                label=label,
                rows_text=rows_text(rows),
                sources=tuple(model.source(i) for i in ids),
                example=any(r.example for r in rows),
            )
        )
    every = sorted({s.id for f in figures for s in f.sources})
    return ReceiptMethodView(
        figures=tuple(figures),
        sources=tuple(model.source(i) for i in every),
        example=any(f.example for f in figures),
    )
