"""The real Karlskoga site, built once: every page exists, and none reuses the seed's sentences."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import KARLSKOGA
from seedcheck import seed_overlaps
from styrmodell.package import load_package


def test_every_goal_indicator_organ_and_period_has_a_page(karlskoga_site):
    model = load_package(KARLSKOGA)
    urls = (
        [f"mal/{g.id}" for g in model.goals]
        + [f"styrmatt/{i.id}" for i in model.indicators]
        + [f"rapporter/{p.id}" for p in model.periods]
        + [f"namnder/{o.id}" for o in model.organisation if o.kind in ("namnd", "styrelse")]
    )
    assert len(urls) > 80
    assert [u for u in urls if not (karlskoga_site / u / "index.html").is_file()] == []


def test_no_run_of_twelve_words_from_the_seed_on_any_page(karlskoga_site):
    found = {}
    for path in sorted(karlskoga_site.rglob("*.html")):
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
        overlaps = seed_overlaps(main.get_text(" ")) if main else []
        if overlaps:
            found[str(path.relative_to(karlskoga_site))] = overlaps[:2]
    assert found == {}


def test_the_worked_example_from_the_styrmodell_is_marked_as_example(karlskoga_site):
    model = load_package(KARLSKOGA)
    goal = next(g for g in model.goals if g.title == "God service och tillgänglighet")
    html = BeautifulSoup((karlskoga_site / "mal" / goal.id / "index.html").read_text("utf-8"), "html.parser")
    assert html.select_one(".notice-example")
    assert len(model.indicators_of(goal.id)) == 3


def test_every_page_has_lang_sv_one_h1_and_a_unique_title(karlskoga_site):
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


def test_every_page_with_an_example_tag_shows_the_example_notice(karlskoga_site):
    """Non-negotiable: a page that shows example rows says so visibly, at the top."""
    missing = []
    for path in sorted(karlskoga_site.rglob("*.html")):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = html.find("main")
        if main is None:
            continue
        tagged = [t for t in main.select(".tag-example") if not t.find_parent(class_="notice-example")]
        if tagged and main.select_one(".notice-example") is None:
            missing.append(str(path.relative_to(karlskoga_site)))
    assert missing == []
