"""The prose pages are printed unescaped (``page.content|safe`` in page.html): they must stay plain Markdown.

``content/`` is this repository's own text, written by the project or by the municipality that
adopts it, never data from the package. Raw HTML that could run or load anything would still be
printed as it is, so it is refused here: no script or style elements, no event handlers, no
``javascript:`` addresses, no frames or embedded objects.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"

ACTIVE_HTML = re.compile(
    r"<\s*(?:script|style|iframe|object|embed|form|link|meta)\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


#: The generic pages and every municipality's own (kommuner/<kommun>/content/).
PAGES = sorted([*CONTENT.rglob("*.md"), *CONTENT.parent.glob("kommuner/*/content/**/*.md")])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.parent.name}/{p.name}")
def test_prose_page_holds_no_active_html(page: Path):
    hits = [
        f"{page.name}:{number}: {line.strip()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if ACTIVE_HTML.search(line)
    ]
    assert hits == []


def test_the_check_finds_active_html():
    for text in ('<script src="x.js"></script>', '<a href="#" onclick="x()">', "[länk](javascript:alert(1))"):
        assert ACTIVE_HTML.search(text), text
    assert not ACTIVE_HTML.search("Läs mer om [styrmodellen]({filename}styrmodell.md) och online-tjänster.")
