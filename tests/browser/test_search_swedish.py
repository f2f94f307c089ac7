"""Swedish search in a real Chromium: inflected words find their base form, results say what each page is.

Pagefind stems Swedish because every page says ``lang="sv"``. The site is the frozen Karlskoga
package of 2022 (``tests/fixtures/karlskoga-2022``), so the expected first results, all goal,
styrmått and nämnd names, stay the same when the live package gets a new report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser

#: An inflected query, the page it must find first, and the word in that page's name it matches.
QUERIES = [
    ("skolor", "/styrmatt/nojdhet-skola-ak8/", "skola"),
    ("äldreomsorgen", "/styrmatt/kostnad-hemtjanst/", "äldreomsorg"),
    ("parkerna", "/mal/sbn-gator-och-parker/", "parker"),
    ("väntetiden", "/styrmatt/vantetid-forsorjningsstod/", "Väntetid"),
    ("studieron", "/mal/bun-fm-studiero/", "studiero"),
    ("socialnämndens", "/namnder/sn/", "Socialnämnden"),
    ("företagarnas", "/mal/ttn-foretagsklimat/", "Företagarna"),
]


@pytest.fixture(scope="module")
def served_2022(karlskoga_2022_site) -> Iterator[str]:
    with serve(karlskoga_2022_site) as origin:
        yield origin


@pytest.fixture(scope="module")
def search(browser, served_2022):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def run(query: str) -> list[tuple[str, str, str]]:
        page.goto(f"{served_2022}/sok/?q={query}")
        page.wait_for_selector(".search-results li")
        return page.eval_on_selector_all(
            ".search-results li",
            "els => els.map(e => [e.querySelector('a').getAttribute('href'), e.querySelector('a').textContent,"
            " (e.querySelector('.search-kind') || {}).textContent || ''])",
        )

    yield run
    context.close()


@pytest.mark.parametrize(("query", "first", "word"), QUERIES)
def test_an_inflected_swedish_word_finds_its_base_form_first(search, query, first, word):
    results = search(query)
    href, title, _ = results[0]
    assert href == first, f"{query!r} found {[r[0] for r in results[:3]]}"
    assert word in title
    assert query not in title.lower(), "the hit must come from stemming, not from the same word form"


def test_results_say_what_each_page_is_and_a_goals_status(search):
    kinds = {href: kind for href, _, kind in search("skolor")}
    assert kinds["/styrmatt/nojdhet-skola-ak8/"] == "Styrmått"
    assert kinds["/mal/bun-nojda-elever/"].startswith("Mål · ")
    assert kinds["/mal/bun-nojda-elever/"].removeprefix("Mål · ") in {
        "Uppnått",
        "Delvis uppnått",
        "Ej uppnått",
        "Ej bedömt",
    }
    assert search("socialnämndens")[0][2] == "Nämnd"
