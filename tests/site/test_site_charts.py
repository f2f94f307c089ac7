"""Charts in the built site: figures, ids, downloads, no style or script, and a second build that renders nothing."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from conftest import MINI, build_site, read_html
from styrmodell import views
from styrmodell.charts.render import Renderer
from styrmodell.fulfilment import GOAL_STATUS_ORDER
from styrmodell.package import load_package
from styrmodell.settings import Settings


def test_indicator_page_shows_chart_summary_table_and_downloads(mini_site):
    page = read_html(mini_site, "/styrmatt/meritvarde/")
    figure = page.select_one("figure.chart")
    svg = figure.select_one(".chart-wide svg")
    assert svg["role"] == "img"
    assert page.find(id=svg["aria-labelledby"]).get_text() == "Meritvärde i årskurs 9 (exempeldata)"
    summary = figure.select_one(".chart-summary").get_text()
    assert page.find(id=svg["aria-describedby"]).get_text().startswith(summary)
    assert summary.startswith("År 2022 var resultatet 219,8")
    # the page's own table of the same numbers follows the figure, so the figure has none of its own
    assert figure.select_one("details") is None
    table = figure.find_next("table")
    assert [th.get_text() for th in table.select("thead th[scope=col]")][:3] == ["År", "Resultat", "Målnivå"]
    body = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert sorted(row[:2] for row in body) == [
        ["2020", "215,5\u00a0poäng"],
        ["2021", "221,2\u00a0poäng"],
        ["2022", "219,8\u00a0poäng"],
    ]
    links = [a["href"] for a in figure.select(".chart-downloads a")]
    assert links == [f"/styrmatt/meritvarde/diagram.{ext}" for ext in ("csv", "svg", "png")]
    for ext in ("csv", "svg", "png"):
        assert (mini_site / f"styrmatt/meritvarde/diagram.{ext}").stat().st_size > 0


def test_goal_page_has_one_chart_per_styrmatt_with_unique_ids(mini_site):
    page = read_html(mini_site, "/mal/bun-1/")
    keys = [f["id"] for f in page.select("figure.chart")]
    assert keys == ["diagram-meritvarde", "diagram-kostnad-elev"]
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_start_page_shows_the_rollup_and_the_planning_page_the_arshjul(mini_site):
    start = read_html(mini_site, "/")
    figure = start.select_one("figure#diagram-maluppfyllelse")
    assert figure.select_one("svg[role=img]")
    table = figure.select_one("details table")
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == [
        "Grupp",
        "✔ Uppnått",
        "◐ Delvis uppnått",
        "✖ Ej uppnått",
        "○ Ej bedömt",
        "Totalt",
    ]
    view = views.period_view(load_package(MINI), load_package(MINI).latest_period(), Settings())
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    for level in view.by_level:
        expected = [str(level.counts[s]) for s in GOAL_STATUS_ORDER] + [str(level.total)]
        assert rows[f"Per nivå: {level.name}"] == expected
    assert (mini_site / "diagram-maluppfyllelse.csv").is_file()
    planning = read_html(mini_site, "/styrmodell/planeringsprocessen/")
    assert planning.select_one("figure#diagram-arshjul svg[role=img]")


def test_no_chart_has_style_attributes_scripts_or_other_origins(mini_site):
    svgs = list(mini_site.rglob("diagram*.svg"))
    assert svgs
    for path in svgs:
        text = path.read_text(encoding="utf-8")
        assert "style=" not in text
        assert "<script" not in text
        assert not re.search(r'(?:href|src)="(?:https?:)?//', text)
    for path in mini_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*(?:vega|//)", text, flags=re.IGNORECASE)
        for svg in re.findall(r"<svg.*?</svg>", text, flags=re.DOTALL):
            assert "style=" not in svg


def test_second_build_renders_nothing_and_gives_the_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    cold, warm = Renderer(tmp_path / "cache"), Renderer(tmp_path / "cache")
    first = build_site(MINI, tmp_path / "a" / "output", renderer=cold)
    assert any(not r.cached for r in cold.records)
    second = build_site(MINI, tmp_path / "b" / "output", renderer=warm)
    assert warm.records
    assert [r for r in warm.records if not r.cached] == []

    def chart_files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("diagram*.*"))}

    assert chart_files(first) == chart_files(second)
    assert chart_files(first)
    for page in ("index.html", "styrmatt/meritvarde/index.html", "mal/bun-1/index.html"):
        assert (first / page).read_bytes() == (second / page).read_bytes()


def test_rollup_csv_says_which_counts_rest_on_example_data(mini_site):
    # Mini's latest period is 2022-12: kf-1 is partly met, bun-1 partly and bun-3 not met, all on example rows;
    # parent-bun has no styrmått and is not assessed.
    text = (mini_site / "diagram-maluppfyllelse.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(text))) == [
        ["gruppering", "id", "namn", "uppnatt", "delvis", "ej-uppnatt", "ej-bedomt", "totalt", "exempel"],
        ["Per nivå", "fullmaktigemal", "Fullmäktigemål", "0", "1", "0", "0", "1", "true"],
        ["Per nivå", "namndmal", "Nämndmål", "0", "1", "1", "1", "3", "true"],
        ["Per nämnd", "bun", "Barn- och utbildningsnämnden", "0", "1", "1", "1", "3", "true"],
        ["Per nämnd", "kf", "Kommunfullmäktige", "0", "1", "0", "0", "1", "true"],
        ["Per perspektiv", "medborgare", "Medborgar- och brukarperspektiv", "0", "2", "0", "0", "2", "true"],
        ["Per perspektiv", "medarbetare", "Medarbetarperspektiv", "0", "0", "1", "1", "2", "true"],
    ]
