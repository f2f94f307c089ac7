"""The money pages a resident and a journalist read: /skattepengar/ and /ekonomi/, in the built sites.

The expected figures are computed here independently, from the CSV files and
exact fractions, so a mistake in ``money.py`` cannot hide behind itself. The
arithmetic itself is tested without a build in ``tests/unit/test_money_figures.py``.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import EXEMPELKOMMUN, KARLSKOGA, KARLSKOGA_2022, MINI, read_html
from styrmodell import money
from styrmodell.formatting import kronor, mnkr, swedish_sort_key

# The pages -------------------------------------------------------------------------------------


def _csv(package: Path, name: str) -> list[dict]:
    with (package / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected_receipt(package: Path, income: int) -> tuple[int, dict[str, tuple[int, int, int]]]:
    """The worked example straight from the CSV rows, with exact fractions."""
    rates = {r["year"]: Fraction(r["rate"]) for r in _csv(package, "tax_rates") if r["scope"] == "kommun"}
    costs = [r for r in _csv(package, "spending") if r["unit"] == "kr/inv" and r["year"] in rates]
    year = max(r["year"] for r in costs)
    costs = [r for r in costs if r["year"] == year]
    weights = [Fraction(r["value"]) for r in costs]

    def rounded(x: Fraction) -> int:
        return int(x + Fraction(1, 2))  # half up, x ≥ 0

    def split(total: int) -> list[int]:
        exact = [total * w / sum(weights) for w in weights]
        parts = [int(e) for e in exact]
        by_remainder = sorted(range(len(exact)), key=lambda i: -(exact[i] - parts[i]))
        for i in by_remainder[: total - sum(parts)]:
            parts[i] += 1
        return parts

    month = rounded(income * rates[year] / 100)
    year_total = rounded(12 * income * rates[year] / 100)
    rows = zip(costs, split(month), split(year_total), split(100), strict=True)
    return int(year), {r["area"]: (m, y, p) for r, m, y, p in rows}


def _table(html, caption: str):
    """The table whose caption starts with ``caption``."""
    matches = [c for c in html.find_all("caption") if c.get_text().startswith(caption)]
    assert matches, f"no table with the caption {caption!r}"
    return matches[0].find_parent("table")


@pytest.fixture(params=["mini_site", "karlskoga_site", "exempelkommun_site"])
def site_and_package(request):
    package = {"mini_site": MINI, "karlskoga_site": KARLSKOGA, "exempelkommun_site": EXEMPELKOMMUN}[request.param]
    return request.getfixturevalue(request.param), package


def test_receipt_page_numbers_equal_the_source_rows(site_and_package):
    site, package = site_and_package
    html = read_html(site, "/skattepengar/")
    year, expected = _expected_receipt(package, 30_000)
    assert f"år {year}" in html.find("caption").get_text()
    for area, (month, per_year, per_100) in expected.items():
        cells = {td["data-field"]: td.get_text() for td in html.select(f'td[data-area="{area}"]')}
        assert cells == {"month": kronor(month), "year": kronor(per_year), "per_100": kronor(per_100)}, area
    assert html.select_one('td[data-field="total-month"]').get_text() == kronor(sum(v[0] for v in expected.values()))
    assert html.select_one('td[data-field="total-year"]').get_text() == kronor(sum(v[1] for v in expected.values()))


def test_receipt_page_works_without_javascript(mini_site):
    html = read_html(mini_site, "/skattepengar/")
    form = html.find("form", id="skattekvitto")
    field = form.find("input", id="inkomst")
    assert form.find("label", attrs={"for": "inkomst"}).get_text(strip=True)
    assert field["value"] == "30000"
    assert "30\u00a0000\u00a0kr" in html.find(id="kvitto-exempel").get_text()
    assert "6\u00a0600\u00a0kr i månaden" in html.find(id="kvitto-summa").get_text()
    assert html.find(id="kvitto-summa")["aria-live"] == "polite"
    assert "JavaScript" in html.find("noscript").get_text()
    scripts = html.find_all("script")
    executable = [s for s in scripts if s.get("type") != "application/json"]
    assert "/theme/js/skattekvitto.js" in [s.get("src") for s in executable]
    assert all(not s.get_text(strip=True) for s in executable), "inline script would break the CSP"
    data = json.loads(html.find("script", id="skattekvitto-data").get_text())
    assert data["rate_hundredths"] == 2200
    assert data["messages"] == money.INCOME_MESSAGES
    assert (mini_site / "theme" / "js" / "skattekvitto.js").is_file()


def test_receipt_says_which_year_and_what_is_left_out(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/skattepengar/")
    text = html.find("main").get_text(" ")
    assert "gäller år 2022" in text
    assert "22,00\u00a0%" in text
    for left_out in ("grundavdrag", "jobbskatteavdrag", "regionen", "avgifter", "statsbidrag", "begravningsavgift"):
        assert left_out in text.lower(), left_out
    assert html.find("a", href="/skattepengar/sa-raknade-vi/")


def test_every_receipt_row_links_to_the_responsible_namnd(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/skattepengar/")
    owners = {r["area"]: r["owner"] for r in _csv(KARLSKOGA_2022, "spending") if r["year"] == "2022"}
    rows = html.select("table.receipt tbody tr")
    assert len(rows) == len(owners)
    for row in rows:
        area = row["id"].removeprefix("verksamhet-")
        link = row.find("a", href=f"/namnder/{owners[area]}/")
        assert link is not None, area
        assert (karlskoga_2022_site / "namnder" / owners[area] / "index.html").is_file()
        badges = row.select(".rollup-inline .status")
        assert badges, f"{area}: no goal status for the nämnd"
        assert all(b.find("span", attrs={"aria-hidden": "true"}) and b.get_text(strip=True) for b in badges)


def test_receipt_rows_show_the_note_on_the_responsible_namnd(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/skattepengar/")
    notes = {r["area"]: r["note"] for r in _csv(KARLSKOGA_2022, "spending") if r["year"] == "2022" and r["note"]}
    assert notes
    for area, note in notes.items():
        cell = html.select_one(f"#verksamhet-{area} .receipt-goals")
        assert cell.find(class_="receipt-note").get_text() == note, area


def test_receipt_cells_carry_their_column_name_for_the_narrow_layout(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/skattepengar/")
    table = html.select_one("table.receipt")
    headers = [th.get_text() for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        labels = [td["data-label"] for td in row.find_all("td")]
        assert labels[:3] == headers[1:4]
        assert headers[4].startswith(labels[3])


def _example_tags(site: Path) -> dict[str, tuple[list[bool], list[int]]]:
    """Per receipt row: whether each roll-up status is tagged as example, and each key styrmått's example tags."""
    rows = read_html(site, "/skattepengar/").select("table.receipt tbody tr")
    return {
        tr["id"].removeprefix("verksamhet-"): (
            [bool(li.find(class_="tag-example")) for li in tr.select(".rollup-inline li")],
            [len(li.find_all(class_="tag-example")) for li in tr.select(".key-indicators li")],
        )
        for tr in rows
    }


def test_example_statuses_on_the_receipt_carry_the_example_tag(mini_site, karlskoga_2022_site):
    # Mini: bun's 2022 goals (bun-1 partly met, bun-3 not met, parent-bun not assessed) are example data;
    # ks has no goals; no styrmått.
    assert _example_tags(mini_site) == {"skola": ([True, True, True], []), "politik": ([], [])}
    # Karlskoga: one tag per key styrmått whose status rests on an example målnivå (targets.csv);
    # nettokostnad-aldre-funktionsnedsattning has none, so it carries no tag.
    karlskoga = _example_tags(karlskoga_2022_site)
    assert {area: keys for area, (_, keys) in karlskoga.items()} == {
        "forskola-skola": [1, 1],
        "aldre-funktionsnedsattning": [0, 1],
        "individ-familj": [1],
        "infrastruktur": [1],
        "fritid": [1, 1],
        "kultur": [1, 1],
        "arbetsmarknad": [],
        "politisk-verksamhet": [],
    }
    assert all(rollup and all(rollup) for rollup, _ in karlskoga.values()), karlskoga


def test_economy_tables_list_namnder_in_swedish_alphabetical_order(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/ekonomi/")
    for caption in ("Budget och", "Budget per nämnd och år"):
        names = [tr.th.get_text(strip=True) for tr in _table(html, caption).select("tbody tr")]
        assert names == sorted(names, key=swedish_sort_key), caption
        assert names[-1] == "Överförmyndarnämnd", caption


def test_pages_with_example_rows_show_the_example_notice(mini_site, karlskoga_2022_site):
    # The mini package's budget rows are example data; its costs and tax rate are not.
    assert read_html(mini_site, "/ekonomi/").find(class_="notice-example")
    assert read_html(karlskoga_2022_site, "/ekonomi/").find(class_="notice-example")


def test_economy_page_numbers_equal_the_source_rows(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/ekonomi/")
    text = html.find("main").get_text(" ")
    for row in _csv(KARLSKOGA_2022, "budget"):
        assert mnkr(float(row["net_cost"])) in text, row
    for row in _csv(KARLSKOGA_2022, "tax_rates"):
        assert f"{Decimal(row['rate']):.2f}".replace(".", ",") + "\u00a0%" in text, row
    table = _table(html, "Budget och utfall 2022")
    bun = table.find("a", href="/namnder/bun/").find_parent("tr").find_all("td")
    assert [td.get_text() for td in bun[:4]] == ["725,0\u00a0mnkr", "–", "731,9\u00a0mnkr", "\u22126,9\u00a0mnkr"]
    results = _table(html, "Årets resultat och det finansiella målet")
    row_2016 = results.find("th", string="2016").find_parent("tr").get_text(" ")
    assert "119,2\u00a0mnkr" in row_2016
    assert "7,2\u00a0%" in row_2016
    assert "Uppnådd" in row_2016


def test_economy_page_compares_costs_with_riket(karlskoga_2022_site):
    html = read_html(karlskoga_2022_site, "/ekonomi/")
    table = _table(html, "Kostnad per invånare")
    headers = [th.get_text() for th in table.select("thead th")]
    assert "Riket" in headers
    row = table.find("a", href="/styrmatt/nettokostnad-kultur/").find_parent("tr")
    comparisons = {r["indicator"]: r for r in _csv(KARLSKOGA_2022, "comparisons") if r["year"] == "2022"}
    riket = Decimal(comparisons["nettokostnad-kultur"]["value"])
    assert f"{round(riket):,}".replace(",", "\u00a0") in row.get_text()


def test_method_page_exists_and_lists_sources(mini_site):
    html = read_html(mini_site, "/skattepengar/sa-raknade-vi/")
    assert html.find("h1").get_text() == "Så räknade vi skattekvittot och ekonomisiffrorna"
    headings = [h.get_text() for h in html.find_all("h2")]
    assert "Källor" in headings
    assert "Det här tar kvittot inte med" in headings


def test_money_pages_have_their_charts_with_downloadable_data(karlskoga_2022_site):
    for url, key in (("/skattepengar/", "diagram-kvitto"), ("/ekonomi/", "diagram-budget")):
        figure = read_html(karlskoga_2022_site, url).find("figure", id=key)
        assert figure is not None, url
        assert figure.find("svg", attrs={"role": "img"}) is not None
        for suffix in (".csv", ".svg", ".png"):
            assert (karlskoga_2022_site / url.strip("/") / f"{key}{suffix}").is_file(), f"{url}{key}{suffix}"
    receipt_csv = (karlskoga_2022_site / "skattepengar" / "diagram-kvitto.csv").read_text(encoding="utf-8")
    _, expected = _expected_receipt(KARLSKOGA_2022, 30_000)
    assert f",{max(v[0] for v in expected.values())}," in receipt_csv
