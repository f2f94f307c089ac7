"""What a page gets from a chart: a :class:`Draft` (recipe, title, summary, table, CSV) and, rendered, a :class:`Chart`.

Every chart is built as a draft by ``describe`` and rendered with the others of its
pages in one ``Renderer.render_many`` call (``render``). ``chart_figure(chart)`` in
``theme/templates/chart.html`` prints a :class:`Chart`.

A draft does not hold its Vega-Lite specs but a :class:`Recipe` for them: a function
and its arguments, with a :func:`fingerprint` of those arguments. The renderer looks
the chart up in its cache by that fingerprint, so Altair builds a spec only for a
chart that has to be rendered (building one costs about as much as rendering it).
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date

from markupsafe import Markup

#: The two variants of every chart: ``wide`` for screens wider than about 40em, ``narrow`` for phones.
WIDE, NARROW = "wide", "narrow"

#: The mark inside every chart image drawn from example rows (it survives in the SVG and the PNG files).
EXAMPLE_MARK = "Exempeldata"
EXAMPLE_NOTE = "Helt eller delvis påhittade siffror"
#: What the SVG's text alternative adds for such a chart.
EXAMPLE_ALTERNATIVE = "Diagrammet bygger på exempeldata: helt eller delvis påhittade siffror."
#: Dark orange (5.9:1 against white, as the target text in ``theme.py``), and bold, so the mark is seen.
_MARK_COLOUR = "#A04000"


def with_example_mark(spec: dict) -> dict:
    """``spec`` with *Exempeldata* as its top title (a note under it), so the rendered image says so.

    Idempotent: a spec that already has the mark is returned as it is. A title of the chart's own
    stays, under the mark.
    """
    title = spec.get("title")
    if isinstance(title, dict) and title.get("text") == EXAMPLE_MARK:
        return spec
    marked = copy.deepcopy(dict(spec))
    own = title.get("text") if isinstance(title, dict) else title
    note = [EXAMPLE_NOTE, *([own] if isinstance(own, str) else own or [])]
    marked["title"] = {
        "text": EXAMPLE_MARK,
        "subtitle": note,
        "anchor": "start",
        "color": _MARK_COLOUR,
        "fontWeight": "bold",
        "fontSize": 15,
        "subtitleColor": "#1a1a1a",
        "subtitleFontSize": 13,
        "offset": 12,
    }
    return marked


def canonical(value: object) -> object:
    """``value`` as plain JSON data, the same for equal values in every process: dataclasses field by field
    (an object may say what counts with a ``fingerprint_data()`` method), enums by value, sets sorted.

    Anything else raises ``TypeError``, so a fingerprint never rests on an object's ``repr``.
    """
    if hasattr(value, "fingerprint_data"):
        value = value.fingerprint_data()
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "~": type(value).__qualname__,
            **{f.name: canonical(getattr(value, f.name)) for f in fields(value)},
        }
    if isinstance(value, Mapping):
        return {"~map": sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=json.dumps)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return {"~set": sorted((canonical(v) for v in value), key=json.dumps)}
    raise TypeError(f"Kan inte ta ett fingeravtryck av {type(value).__qualname__}")


def fingerprint(*parts: object) -> str:
    """A digest of ``parts`` (see :func:`canonical`): equal for equal inputs, different when any input differs."""
    text = json.dumps(canonical(parts), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Recipe:
    """How a chart's specs are made: ``build()`` returns them by variant; ``fingerprint`` digests its inputs.

    ``describe`` makes them from a spec function and its arguments.
    """

    build: Callable[[], Mapping[str, dict]] = field(compare=False, repr=False)
    fingerprint: str


@dataclass(frozen=True)
class DataTable:
    """The chart's data as a table: the first column holds row headers (``<th scope="row">``)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Draft:
    """One chart before rendering: the recipe of its Vega-Lite specs (``wide`` and ``narrow``) and what the
    page says about it.

    ``key`` is unique on a page and prefixes every id in the SVG; ``path`` is where
    the files go, without extension (``styrmatt/invanare/diagram`` gives
    ``/styrmatt/invanare/diagram.svg``, ``.png`` and ``.csv``).
    """

    key: str
    path: str
    title: str
    summary: str
    recipe: Recipe = field(repr=False)
    table: DataTable = field(repr=False)
    csv: str = field(repr=False)
    example: bool = False
    sources: tuple[str, ...] = ()

    @property
    def specs(self) -> Mapping[str, dict]:
        """The Vega-Lite specs by variant, built on first use (Altair runs here, and only here)."""
        built = self.__dict__.get("_specs")
        if built is None:
            built = dict(self.recipe.build())
            # A chart drawn from example rows says so inside the image, whoever built the draft.
            if self.example:
                built = {variant: with_example_mark(spec) for variant, spec in built.items()}
            object.__setattr__(self, "_specs", built)
        return built

    @property
    def fingerprint(self) -> str:
        """What the specs depend on: the recipe's inputs and whether the example mark is drawn."""
        return f"{self.recipe.fingerprint}{'-exempel' if self.example else ''}"

    @property
    def alternative(self) -> tuple[str, str]:
        """The SVG's ``<title>`` and ``<desc>``: the title and summary, and for example data a sentence saying so."""
        if not self.example:
            return self.title, self.summary
        return f"{self.title} ({EXAMPLE_MARK.lower()})", f"{self.summary} {EXAMPLE_ALTERNATIVE}"


@dataclass(frozen=True)
class Chart(Draft):
    """A rendered draft: the accessible SVG of both variants and the PNG of the wide one."""

    svg: Markup = field(kw_only=True, repr=False)
    svg_narrow: Markup = field(kw_only=True, repr=False)
    png: bytes = field(kw_only=True, repr=False)

    @classmethod
    def of(cls, draft: Draft, svg: Markup, svg_narrow: Markup, png: bytes) -> Chart:
        return cls(**{f.name: getattr(draft, f.name) for f in fields(Draft)}, svg=svg, svg_narrow=svg_narrow, png=png)
