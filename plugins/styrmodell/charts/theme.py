"""The one look of every chart: the registered Altair theme, the colours, the Swedish locale, the two widths.

Colours are Okabe–Ito based, each mark at least 3:1 and each text at least 4.5:1
against white (``tests/unit/test_charts.py`` checks). The locale travels inside
every spec, so vl-convert writes ``1 234,5`` and ``−5`` as the page text does
(see ``formatting.py``). Every chart is drawn twice: ``wide`` for screens and
``narrow`` for phones, so that its text stays legible instead of being scaled down.
"""

from __future__ import annotations

import copy
import importlib

from ..formatting import MINUS, MONTHS, NBSP
from ..fulfilment import GoalStatus
from .chart import NARROW, WIDE

THEME = "styrmodell"
#: DejaVu Sans first: it has the status symbols (✔ ◐ ✖ ○), and where it is missing the browser falls back
#: to narrower fonts, so text measured by vl-convert never overflows.
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"

#: Series colours (Okabe–Ito based, each at least 3:1 against white).
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

#: Plot width in pixels per variant (the SVG adds axes and padding around it): the narrow SVG
#: is at most about 290 px wide, the content width of a 320 px screen.
WIDTHS = {WIDE: 560, NARROW: 210}


class _Altair:
    """Altair, imported on first use, with the site's theme registered: a build whose charts all come
    from the render cache never imports it (about 0.2 s) nor builds a spec (see ``chart.Recipe``)."""

    _module = None

    def __getattr__(self, name: str) -> object:
        module = _Altair._module
        if module is None:
            module = importlib.import_module("altair")
            module.theme.register(THEME, enable=False)(styrmodell_theme)
            _Altair._module = module
        return getattr(module, name)


#: Use as ``from .theme import alt``, in place of ``import altair as alt``.
alt = _Altair()


def styrmodell_theme() -> dict:
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


def variants(spec: dict) -> dict[str, dict]:
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
