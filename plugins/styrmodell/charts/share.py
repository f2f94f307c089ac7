"""Share images: a 1200×630 PNG per page (``og:image``), drawn from the page's :class:`~styrmodell.views.pagemeta.ShareCard`.

Each card is a small SVG drawn here by hand (a few rectangles and lines of text), which
the build's :class:`~styrmodell.charts.render.Renderer` rasterises, caches and pools
like the charts (``rasterise_many``): no Vega-Lite is needed for it. The SVG is
600×315 and is rasterised at scale 2, so the image is 1200×630. The status is in words and symbol, never colour alone; a card
drawn from example rows says *Exempeldata* inside the image. No Pelican import here.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

from ..fulfilment import GOAL_STATUS_ORDER, STATUS_ORDER
from ..urls import share_image
from ..views.pagemeta import ShareCard
from .chart import EXAMPLE_MARK
from .render import Renderer
from .theme import FONT, GOAL_STATUS_COLOURS, MUTED, TARGET_TEXT, TEXT

WIDTH, HEIGHT = 600, 315  # rendered at scale 2: 1200×630
MARGIN = 32
TITLE_SIZE, TITLE_LINE, TITLE_CHARS, TITLE_LINES = 25, 30, 30, 3
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
    """The title in at most three lines; a longer one ends with "…".

    A line holds at most :data:`TITLE_CHARS` characters: 30 bold 25 px characters fit the card's 536 px
    even when they are wide ones (the card measures no text, which would cost more than drawing it).
    """
    lines = textwrap.wrap(title, TITLE_CHARS, break_long_words=True) or [""]
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        last = lines[-1]
        lines[-1] = (last if len(last) <= TITLE_CHARS - 2 else last[: TITLE_CHARS - 2].rstrip()) + " …"
    return lines


def _text(
    x: float, y: float, text: str, size: int, colour: str, *, weight: str = "normal", align: str = "left"
) -> dict:
    return {"x": x, "y": y, "text": text, "size": size, "colour": colour, "weight": weight, "align": align}


def card_parts(card: ShareCard) -> tuple[list[dict], list[dict]]:
    """The texts and rectangles of one card: the municipality, what the page is, the title and the status."""
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
    return texts, rects


def _svg_text(text: dict) -> str:
    anchor = ' text-anchor="end"' if text["align"] == "right" else ""
    return (
        f'<text x="{text["x"]}" y="{text["y"]}" font-family="{html.escape(FONT)}" font-size="{text["size"]}" '
        f'font-weight="{text["weight"]}" fill="{text["colour"]}"{anchor}>{html.escape(text["text"], quote=False)}</text>'
    )


def share_svg(card: ShareCard) -> str:
    """The card as SVG, 600×315 (rasterised at scale 2: 1200×630), drawn by hand: rectangles and text need no
    Vega-Lite, and rasterising this costs a fifth of rendering a spec. Every text is escaped."""
    texts, rects = card_parts(card)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *(
            f'<rect x="{r["x"]}" y="{r["y"]}" width="{r["x2"] - r["x"]}" height="{r["y2"] - r["y"]}" fill="{r["colour"]}"/>'
            for r in rects
        ),
        *(_svg_text(t) for t in texts),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def share_images(cards: Sequence[ShareCard], renderer: Renderer) -> dict[str, bytes]:
    """Each card's PNG by page address, rasterised (and cached, and pooled) by ``renderer``."""
    pngs = renderer.rasterise_many([(share_image(card.url), share_svg(card)) for card in cards])
    return {card.url: png for card, png in zip(cards, pngs, strict=True)}
