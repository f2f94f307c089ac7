"""Markdown from the data package, rendered and sanitised.

Free-text fields (goal descriptions, the nämnd's analysis) may use Markdown.
Whatever HTML the editor or an attacker puts there is removed by nh3 after
rendering, so only a small set of harmless tags reaches the page.
"""

from __future__ import annotations

import re

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "code", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "http"}


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = md.markdown(text, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    # nh3 drops a javascript: href but keeps the <a>; an <a> without href is invalid HTML,
    # so keep only its text.
    clean = _LINK_WITHOUT_HREF.sub(r"\1", clean)
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


_LINK_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
