"""Golden pages: the <main> of a few pages of the mini site, compared with committed copies.

A change to templates or rules that alters these pages shows up as a diff in review.
Chart SVGs are replaced by their title (their geometry is vl-convert's business and is
tested in test_charts.py). The test only compares; it never writes. To accept a
deliberate change, rebuild the copies as a separate step and review the diff:

    PYTHONPATH=plugins .venv/bin/python tests/site/test_golden.py --update
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = ["mal/bun-1/", "styrmatt/meritvarde/", "rapporter/2022-12/", "namnder/bun/"]
UPDATE = "PYTHONPATH=plugins .venv/bin/python tests/site/test_golden.py --update"


def normalised_main(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    for svg in main.find_all("svg"):
        title = svg.find("title")
        svg.replace_with(f"[diagram: {title.get_text(strip=True) if title else ''}]")
    return main.prettify()


def golden_path(url: str) -> Path:
    return GOLDEN / (url.strip("/").replace("/", "--") + ".html")


def page_main(site: Path, url: str) -> str:
    return normalised_main((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", PAGES)
def test_page_matches_its_golden_copy(mini_site, url):
    golden = golden_path(url)
    assert golden.is_file(), f"{golden} is missing: create it with {UPDATE}"
    assert page_main(mini_site, url) == golden.read_text(encoding="utf-8"), (
        f"{url} changed; if the change is deliberate, run {UPDATE} and review the diff"
    )


def update() -> None:
    """Build the mini site and overwrite the golden copies with its pages."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from conftest import MINI, build_site

    with tempfile.TemporaryDirectory() as folder:
        site = build_site(MINI, Path(folder) / "output")
        for url in PAGES:
            golden_path(url).write_text(page_main(site, url), encoding="utf-8")
            print(f"wrote {golden_path(url)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", required=True, help="rewrite the golden copies")
    parser.parse_args()
    update()
