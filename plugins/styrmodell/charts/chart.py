"""What a page gets from a chart: a :class:`Draft` (specs, title, summary, table, CSV) and, rendered, a :class:`Chart`.

Every chart is built as a draft by ``describe`` and rendered with the others of its
pages in one ``Renderer.render_many`` call (``render``). ``chart_figure(chart)`` in
``theme/templates/chart.html`` prints a :class:`Chart`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from markupsafe import Markup

#: The two variants of every chart: ``wide`` for screens wider than about 40em, ``narrow`` for phones.
WIDE, NARROW = "wide", "narrow"


@dataclass(frozen=True)
class DataTable:
    """The chart's data as a table: the first column holds row headers (``<th scope="row">``)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Draft:
    """One chart before rendering: its Vega-Lite specs (``wide`` and ``narrow``) and what the page says about it.

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


@dataclass(frozen=True)
class Chart(Draft):
    """A rendered draft: the accessible SVG of both variants and the PNG of the wide one."""

    svg: Markup = field(kw_only=True, repr=False)
    svg_narrow: Markup = field(kw_only=True, repr=False)
    png: bytes = field(kw_only=True, repr=False)

    @classmethod
    def of(cls, draft: Draft, svg: Markup, svg_narrow: Markup, png: bytes) -> Chart:
        return cls(**{f.name: getattr(draft, f.name) for f in fields(Draft)}, svg=svg, svg_narrow=svg_narrow, png=png)
