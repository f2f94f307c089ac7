"""Each municipality's real site, built once: invariants only (every page exists, every example row is marked, none
reuses the seed's sentences), never today's figures; those are tested on ``tests/fixtures/karlskoga-2022``.

The same checks run on every municipality in kommuner/ (``municipality_site``; ``make test KOMMUN=<id>`` runs
them on that one only)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import KARLSKOGA_2022, municipality_package
from invariants import missing_pages, pages_with_unannounced_examples, unmarked_example_charts
from seedcheck import seed_overlaps
from styrmodell.package import load_package


def test_every_goal_indicator_organ_and_period_has_a_page(municipality_site):
    kommun, site = municipality_site
    model = load_package(municipality_package(kommun))
    assert model.goals
    assert model.indicators
    assert missing_pages(model, site) == []


def test_no_run_of_twelve_words_from_the_seed_on_any_page(municipality_site):
    _, karlskoga_site = municipality_site
    found = {}
    for path in sorted(karlskoga_site.rglob("*.html")):
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
        overlaps = seed_overlaps(main.get_text(" ")) if main else []
        if overlaps:
            found[str(path.relative_to(karlskoga_site))] = overlaps[:2]
    assert found == {}


def test_the_worked_example_from_the_styrmodell_is_marked_as_example(karlskoga_2022_site):
    model = load_package(KARLSKOGA_2022)
    goal = next(g for g in model.goals if g.title == "God service och tillgänglighet")
    html = BeautifulSoup((karlskoga_2022_site / "mal" / goal.id / "index.html").read_text("utf-8"), "html.parser")
    assert html.select_one(".notice-example")
    assert len(model.indicators_of(goal.id)) == 3


def test_every_page_has_lang_sv_one_h1_and_a_unique_title(municipality_site):
    _, karlskoga_site = municipality_site
    titles: dict[str, str] = {}
    for path in sorted(karlskoga_site.rglob("*.html")):
        if "pagefind" in path.parts or path.name == "404.html":
            continue
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = str(path.relative_to(karlskoga_site))
        assert html.html.get("lang") == "sv", name
        assert len(html.find_all("h1")) == 1, name
        title = html.title.get_text(strip=True)
        assert title not in titles, f"{name} and {titles.get(title)} share the title {title!r}"
        titles[title] = name


def test_every_page_with_an_example_tag_shows_the_example_notice(municipality_site):
    """Non-negotiable: a page that shows example rows says so visibly, at the top."""
    assert pages_with_unannounced_examples(municipality_site[1]) == []


def test_every_chart_from_example_rows_says_so_in_the_image(municipality_site):
    assert unmarked_example_charts(municipality_site[1]) == []
