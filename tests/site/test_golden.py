"""Golden pages: the <main> of a few pages of the mini site, compared with committed copies.

A change to templates or rules that alters these pages shows up as a diff in review.
Chart SVGs are replaced by their title (their geometry is vl-convert's business and is
tested in test_charts.py). To accept a deliberate change:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = ["mal/bun-1/", "styrmatt/meritvarde/", "rapporter/2022-12/", "namnder/bun/"]


def normalised_main(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    for svg in main.find_all("svg"):
        title = svg.find("title")
        svg.replace_with(f"[diagram: {title.get_text(strip=True) if title else ''}]")
    return main.prettify()


@pytest.mark.parametrize("url", PAGES)
def test_page_matches_its_golden_copy(mini_site, url):
    actual = normalised_main((mini_site / url / "index.html").read_text(encoding="utf-8"))
    golden = GOLDEN / (url.strip("/").replace("/", "--") + ".html")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert actual == golden.read_text(encoding="utf-8"), f"{url} changed; review the diff, then UPDATE_GOLDEN=1"
