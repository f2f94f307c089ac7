"""Share images: a 1200×630 PNG per page (``og:image``), drawn from the page's :class:`~styrmodell.views.pagemeta.ShareCard`.

One simple Vega-Lite spec (a few rects and one text layer) with each card's lines
swapped in as data, so building a spec costs almost nothing and the build's
:class:`~styrmodell.charts.render.Renderer` renders, caches and pools it with the
other charts. The spec is 600×315 and the renderer writes PNGs at scale 2, so the
image is 1200×630. The status is in words and symbol, never colour alone; a card
drawn from example rows says *Exempeldata* inside the image. No Pelican import here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

from ..fulfilment import GOAL_STATUS_ORDER, STATUS_ORDER
from ..urls import share_image
from ..views.pagemeta import ShareCard
from .chart import EXAMPLE_MARK, NARROW, WIDE, Chart, DataTable, Draft
from .theme import GOAL_STATUS_COLOURS, MUTED, TARGET_TEXT, TEXT

WIDTH, HEIGHT = 600, 315  # rendered at scale 2: 1200×630
MARGIN = 32
TITLE_SIZE, TITLE_LINE, TITLE_CHARS, TITLE_LINES = 25, 30, 36, 3
BRAND = "#1d4f91"
#: A styrmått status's colour: the goal scale's where the meaning is the same, grey otherwise.
_TONES = {
    **{s.value: GOAL_STATUS_COLOURS[s] for s in GOAL_STATUS_ORDER},
    **dict(
        zip((s.value for s in STATUS_ORDER[:3]), (GOAL_STATUS_COLOURS[s] for s in GOAL_STATUS_ORDER[:3]), strict=True)
    ),
}
_NEUTRAL = "#767676"


def title_lines(title: str) -> list[str]:
    """The title in at most three lines; a longer one ends with "…"."""
    lines = textwrap.wrap(title, TITLE_CHARS, break_long_words=True) or [""]
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = textwrap.shorten(lines[-1] + " …", TITLE_CHARS, placeholder=" …")
    return lines


def _text(
    x: float, y: float, text: str, size: int, colour: str, *, weight: str = "normal", align: str = "left"
) -> dict:
    return {"x": x, "y": y, "text": text, "size": size, "colour": colour, "weight": weight, "align": align}


#: One text layer per weight and alignment (Vega-Lite has no channel for either).
_STYLES = (("bold", "left"), ("normal", "left"), ("bold", "right"))


def _text_layer(texts: list[dict], weight: str, align: str) -> dict:
    return {
        "data": {"values": texts},
        "mark": {
            "type": "text",
            "baseline": "alphabetic",
            "align": align,
            "fontWeight": weight,
        },  # no "limit": measuring text to cut it costs more than the rest of the render (lines are cut above)
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "scale": None},
            "y": {"field": "y", "type": "quantitative", "scale": None},
            "text": {"field": "text"},
            "size": {"field": "size", "type": "quantitative", "scale": None},
            "color": {"field": "colour", "type": "nominal", "scale": None},
        },
    }


def share_spec(card: ShareCard) -> dict:
    """The Vega-Lite spec of one card: the municipality, what the page is, the title and the status."""
    lines = title_lines(card.title)
    texts = [
        _text(MARGIN, 40, card.municipality, 14, TEXT, weight="bold"),
        _text(MARGIN, 68, textwrap.shorten(card.kicker, 80, placeholder=" …"), 12, MUTED),
        *(_text(MARGIN, 104 + i * TITLE_LINE, line, TITLE_SIZE, TEXT, weight="bold") for i, line in enumerate(lines)),
    ]
    status_top = 104 + len(lines) * TITLE_LINE
    texts += [
        # The symbol apart from the words: a glyph the sans font lacks would otherwise pull the words
        # into the fallback font too.
        *([_text(MARGIN + 18, status_top + 26, card.symbol, 22, TEXT, weight="bold")] if card.symbol else []),
        _text(MARGIN + (46 if card.symbol else 18), status_top + 26, card.status, 22, TEXT, weight="bold"),
        _text(MARGIN + 18, status_top + 48, textwrap.shorten(card.detail, 70, placeholder=" …"), 13, MUTED),
    ]
    if card.note:
        texts.append(_text(MARGIN, HEIGHT - 30, textwrap.shorten(card.note, 75, placeholder=" …"), 13, MUTED))
    if card.example:
        texts.append(_text(WIDTH - MARGIN, 40, EXAMPLE_MARK, 16, TARGET_TEXT, weight="bold", align="right"))
    tone = _TONES.get(card.tone, _NEUTRAL)
    rects = [
        {"x": 0, "x2": WIDTH, "y": HEIGHT - 10, "y2": HEIGHT, "colour": BRAND},
        {"x": MARGIN, "x2": MARGIN + 6, "y": status_top + 6, "y2": status_top + 54, "colour": tone},
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH,
        "height": HEIGHT,
        "padding": 0,
        "autosize": "none",
        "background": "#ffffff",
        "config": {"view": {"stroke": None}},
        "layer": [
            {
                "data": {"values": rects},
                "mark": {"type": "rect"},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", "scale": None},
                    "x2": {"field": "x2"},
                    "y": {"field": "y", "type": "quantitative", "scale": None},
                    "y2": {"field": "y2"},
                    "color": {"field": "colour", "type": "nominal", "scale": None},
                },
            },
            *(_text_layer([t for t in texts if (t["weight"], t["align"]) == key], *key) for key in _STYLES),
        ],
    }


def share_draft(card: ShareCard) -> Draft:
    """The card as a draft for ``Renderer.render_many``: one spec for both variants (rendered once).

    The draft's ``example`` stays off on purpose: a chart's example mark is a title above the plot,
    which a fixed 1200×630 frame would cut off, so the card draws *Exempeldata* itself (top right).
    """
    spec = share_spec(card)
    return Draft(
        key=f"delning-{card.url.strip('/').replace('/', '-') or 'start'}",
        path=share_image(card.url).removesuffix(".png"),
        title=card.title,
        summary=card.alt,
        specs={WIDE: spec, NARROW: spec},
        table=DataTable(caption=card.title, columns=(), rows=()),
        csv="",
    )


def write_share_images(images: Mapping[str, Chart], output_path: str | Path) -> None:
    """Write each page's share image (only the PNG) under ``output_path``."""
    for url, chart in sorted(images.items()):
        target = Path(output_path) / share_image(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(chart.png)
