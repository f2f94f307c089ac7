"""The tax receipt's arithmetic, and the money pages a resident and a journalist read.

The expected figures are computed here independently, from the CSV files and
exact fractions, so a mistake in ``money.py`` cannot hide behind itself.
"""

from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import KARLSKOGA, MINI, read_html
from styrmodell import money
from styrmodell.formatting import kronor, mnkr, swedish_sort_key
from styrmodell.fulfilment import Status
from styrmodell.money import IncomeError, apportion, municipal_tax, parse_income, tax_receipt
from styrmodell.package import load_package
from styrmodell.settings import Settings
from styrmodell.views import money as money_views
from styrmodell.views import period_view

# Arithmetic ------------------------------------------------------------------------------------


def test_municipal_tax_is_income_times_rate_in_whole_kronor():
    assert municipal_tax(30_000, 2200) == 6600
    assert municipal_tax(30_000, 2200, months=12) == 79_200
    assert municipal_tax(12_345, 2142) == 2644  # 2644.299 rounds down
    assert municipal_tax(25, 2200) == 6  # 5.5: a half krona rounds up
    assert municipal_tax(0, 2200) == 0


def test_largest_remainder_gives_the_left_over_kronor_to_the_largest_remainders():
    assert apportion(10, [1, 1, 1]) == (4, 3, 3)  # a tie goes to the first part
    assert apportion(10, [1, 2, 2]) == (2, 4, 4)
    assert apportion(100, [3, 3, 3, 1]) == (30, 30, 30, 10)
    assert apportion(7, [0, 5]) == (0, 7)
    assert apportion(0, [5, 3]) == (0, 0)


def test_apportion_refuses_what_it_cannot_split():
    with pytest.raises(ValueError, match="negativt"):
        apportion(-1, [1])
    with pytest.raises(ValueError, match="Vikterna"):
        apportion(10, [0, 0])


@pytest.mark.parametrize("income", [0, 1, 99, 12_345, 30_000, 45_678, 1_000_003, money.MAX_MONTHLY_INCOME])
def test_receipt_parts_add_up_exactly_and_stay_within_a_krona_of_the_exact_share(income):
    basis = money.receipt_basis(load_package(KARLSKOGA))
    receipt = tax_receipt(income, basis.rate, basis.weights)
    assert sum(line.month for line in receipt.lines) == receipt.month
    assert sum(line.year for line in receipt.lines) == receipt.year
    assert sum(line.per_100 for line in receipt.lines) == 100
    total_weight = sum(basis.weights)
    for line, weight in zip(receipt.lines, basis.weights, strict=True):
        assert abs(line.month - Fraction(receipt.month * weight, total_weight)) < 1
        assert abs(line.year - Fraction(receipt.year * weight, total_weight)) < 1
        assert abs(line.per_100 - Fraction(100 * weight, total_weight)) < 1


def test_random_incomes_add_up():
    rng = random.Random(1883)  # noqa: S311 - test data, not security; fixed seed: the same cases every run
    weights = [rng.randint(1, 10**11) for _ in range(11)]
    for _ in range(500):
        income = rng.randint(0, money.MAX_MONTHLY_INCOME)
        receipt = tax_receipt(income, rng.randint(1500, 2500), weights)
        assert sum(line.month for line in receipt.lines) == receipt.month
        assert sum(line.year for line in receipt.lines) == receipt.year


def test_zero_income_gives_zero_tax_everywhere_but_still_splits_100_kr():
    receipt = tax_receipt(0, 2200, [3, 1])
    assert (receipt.month, receipt.year) == (0, 0)
    assert [(line.month, line.year) for line in receipt.lines] == [(0, 0), (0, 0)]
    assert [line.per_100 for line in receipt.lines] == [75, 25]


def test_very_large_income_is_exact_and_above_the_limit_is_refused():
    receipt = tax_receipt(money.MAX_MONTHLY_INCOME, 2200, [1])
    assert receipt.month == 22_000_000
    assert receipt.year == 264_000_000
    with pytest.raises(IncomeError) as error:
        tax_receipt(money.MAX_MONTHLY_INCOME + 1, 2200, [1])
    assert error.value.code == "too-large"
    with pytest.raises(IncomeError):
        tax_receipt(-1, 2200, [1])


def test_weights_and_rates_are_read_exactly_from_the_data():
    assert money.integer_weights([1.5, 2]) == (15, 20)
    assert money.integer_weights([21712.959905, 708.798468]) == (21712959905, 708798468)
    assert money.rate_hundredths(22.0) == 2200
    assert money.rate_hundredths(21.42) == 2142
    with pytest.raises(ValueError, match="två decimaler"):
        money.rate_hundredths(22.005)


# Input -----------------------------------------------------------------------------------------

GOOD_INPUT = [
    ("30000", 30_000),
    ("30 000", 30_000),
    ("30\u00a0000 kr", 30_000),
    (" 45000kr ", 45_000),
    ("0", 0),
    ("100000000", 100_000_000),
]
BAD_INPUT = [
    ("", "empty"),
    ("   ", "empty"),
    ("-5", "negative"),
    ("\u22125000", "negative"),
    ("abc", "not-a-number"),
    ("30 000 euro", "not-a-number"),
    ("1e3", "not-a-number"),
    ("1e12", "too-large"),
    ("30000,50", "decimals"),
    ("30.000", "decimals"),
    ("100000001", "too-large"),
    ("1000000000000", "too-large"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_INPUT)
def test_income_is_read_the_way_people_type_it(text, expected):
    assert parse_income(text) == expected


@pytest.mark.parametrize(("text", "code"), BAD_INPUT)
def test_bad_income_gives_a_clear_swedish_message(text, code):
    with pytest.raises(IncomeError) as error:
        parse_income(text)
    assert error.value.code == code
    assert str(error.value) == money.INCOME_MESSAGES[code]
    assert "NaN" not in str(error.value)


# Economy aggregations --------------------------------------------------------------------------


def test_budget_deviation_is_exact_budget_minus_outcome():
    model = load_package(MINI)
    (year,) = money_views.budget_years(model)
    (line,) = year.lines
    assert year.year == 2022
    assert year.closed
    assert line.deviation == Decimal("-9.7")  # 500.5 − 510.2, with no float noise
    assert line.carried_over == -9.7
    assert year.example


def test_financial_goal_is_met_when_the_share_reaches_the_goal():
    model = load_package(MINI)
    (row,) = money_views.financial_goal_years(model, tolerance=0.05)
    assert row.status == Status.MET
    karlskoga = {f.row.year: f.status for f in money_views.financial_goal_years(load_package(KARLSKOGA), 0.05)}
    assert karlskoga[2016] == Status.MET  # 7.2 % against 2.0 %
    assert karlskoga[2022] == Status.NO_TARGET  # the sources give no goal for 2022


def test_karlskoga_receipt_uses_2022_costs_and_the_2022_rate():
    model = load_package(KARLSKOGA)
    basis = money.receipt_basis(model)
    assert basis.year == 2022
    assert basis.tax.year == 2022
    assert basis.rate == 2200
    assert {a.unit for a in basis.areas} == {"kr/inv"}
    assert not any(a.example for a in basis.areas)


def test_receipt_rows_show_the_owners_goals_and_key_indicators():
    model = load_package(KARLSKOGA)
    settings = Settings()
    page = money_views.receipt_page(model, period_view(model, model.latest_period(), settings), settings)
    for row in page.rows:
        assert row.owner.id == row.area.owner
        assert len(row.key_indicators) <= 2
        if row.rollup is not None:
            assert row.rollup.key == row.area.owner
        owned = {i.id for s in (row.rollup.goals if row.rollup else ()) for i in model.indicators_of(s.goal.id)}
        for k in row.key_indicators:
            same_kpi = row.area.kolada_kpi is not None and k.indicator.kolada_kpi == row.area.kolada_kpi
            assert same_kpi or (k.indicator.id in owned and money_views.relates_to_area(k.indicator, row.area)), k


def _receipt_keys() -> dict[str, list[str]]:
    model = load_package(KARLSKOGA)
    settings = Settings()
    page = money_views.receipt_page(model, period_view(model, model.latest_period(), settings), settings)
    return {row.area.area: [k.indicator.id for k in row.key_indicators] for row in page.rows}


def test_receipt_rows_show_styrmatt_about_their_own_area():
    keys = _receipt_keys()
    # The styrmått with the area's own Kolada KPI comes first.
    assert keys["individ-familj"][0] == "nettokostnad-ifo"
    assert keys["fritid"][0] == "nettokostnad-fritid"
    assert keys["kultur"][0] == "nettokostnad-kultur"
    # Socialnämnden's styrmått about särskilt boende belongs to äldreomsorgen, not to individ- och familjeomsorg.
    assert not [k for k in keys["individ-familj"] if "sarskilt-boende" in k]
    assert "nojdhet-idrott-fritid" in keys["fritid"]
    assert "nojdhet-bibliotek-kultur" in keys["kultur"]
    shown = [k for ids in keys.values() for k in ids]
    assert len(shown) == len(set(shown)), "the same styrmått on two rows"


def test_a_styrmatt_already_shown_gives_way_to_another():
    model = load_package(KARLSKOGA)
    settings = Settings()
    view = period_view(model, model.latest_period(), settings)
    kultur = next(s for s in money.receipt_basis(model).areas if s.area == "kultur")
    rollup = next(r for r in view.by_owner if r.key == kultur.owner)
    year = view.period.year
    (first,) = money_views.key_indicators(model, kultur, rollup, year, settings, count=1)
    assert first.indicator.id == "nettokostnad-kultur"
    (other,) = money_views.key_indicators(
        model, kultur, rollup, year, settings, count=1, taken=frozenset({first.indicator.id})
    )
    assert other.indicator.id == "nojdhet-bibliotek-kultur"
    # With nothing else to show, a styrmått already shown is shown again rather than nothing.
    both = money_views.key_indicators(
        model, kultur, rollup, year, settings, taken=frozenset({"nojdhet-bibliotek-kultur"})
    )
    assert [k.indicator.id for k in both] == ["nettokostnad-kultur", "nojdhet-bibliotek-kultur"]


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


@pytest.fixture(params=["mini_site", "karlskoga_site"])
def site_and_package(request):
    package = MINI if request.param == "mini_site" else KARLSKOGA
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


def test_receipt_says_which_year_and_what_is_left_out(karlskoga_site):
    html = read_html(karlskoga_site, "/skattepengar/")
    text = html.find("main").get_text(" ")
    assert "gäller år 2022" in text
    assert "22,00\u00a0%" in text
    for left_out in ("grundavdrag", "jobbskatteavdrag", "regionen", "avgifter", "statsbidrag", "begravningsavgift"):
        assert left_out in text.lower(), left_out
    assert html.find("a", href="/skattepengar/sa-raknade-vi/")


def test_every_receipt_row_links_to_the_responsible_namnd(karlskoga_site):
    html = read_html(karlskoga_site, "/skattepengar/")
    owners = {r["area"]: r["owner"] for r in _csv(KARLSKOGA, "spending") if r["year"] == "2022"}
    rows = html.select("table.receipt tbody tr")
    assert len(rows) == len(owners)
    for row in rows:
        area = row["id"].removeprefix("verksamhet-")
        link = row.find("a", href=f"/namnder/{owners[area]}/")
        assert link is not None, area
        assert (karlskoga_site / "namnder" / owners[area] / "index.html").is_file()
        badges = row.select(".rollup-inline .status")
        assert badges, f"{area}: no goal status for the nämnd"
        assert all(b.find("span", attrs={"aria-hidden": "true"}) and b.get_text(strip=True) for b in badges)


def test_receipt_rows_show_the_note_on_the_responsible_namnd(karlskoga_site):
    html = read_html(karlskoga_site, "/skattepengar/")
    notes = {r["area"]: r["note"] for r in _csv(KARLSKOGA, "spending") if r["year"] == "2022" and r["note"]}
    assert notes
    for area, note in notes.items():
        cell = html.select_one(f"#verksamhet-{area} .receipt-goals")
        assert cell.find(class_="receipt-note").get_text() == note, area


def test_receipt_cells_carry_their_column_name_for_the_narrow_layout(karlskoga_site):
    html = read_html(karlskoga_site, "/skattepengar/")
    table = html.select_one("table.receipt")
    headers = [th.get_text() for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        labels = [td["data-label"] for td in row.find_all("td")]
        assert labels[:3] == headers[1:4]
        assert headers[4].startswith(labels[3])


def test_example_statuses_on_the_receipt_carry_the_example_tag(mini_site):
    html = read_html(mini_site, "/skattepengar/")
    model = load_package(MINI)
    settings = Settings()
    page = money_views.receipt_page(model, period_view(model, model.latest_period(), settings), settings)
    for row in page.rows:
        tr = html.find("tr", id=f"verksamhet-{row.area.area}")
        if row.rollup is not None:
            for li in tr.select(".rollup-inline li"):
                assert bool(li.find(class_="tag-example")) == row.rollup.example, li
        for k, li in zip(row.key_indicators, tr.select(".key-indicators li"), strict=True):
            tags = li.find_all(class_="tag-example")
            assert len(tags) == k.indicator.example + k.status.example, li


def test_economy_tables_list_namnder_in_swedish_alphabetical_order(karlskoga_site):
    html = read_html(karlskoga_site, "/ekonomi/")
    for caption in ("Budget och", "Budget per nämnd och år"):
        names = [tr.th.get_text(strip=True) for tr in _table(html, caption).select("tbody tr")]
        assert names == sorted(names, key=swedish_sort_key), caption
        assert names[-1] == "Överförmyndarnämnd", caption


def test_pages_with_example_rows_show_the_example_notice(mini_site, karlskoga_site):
    # The mini package's budget rows are example data; its costs and tax rate are not.
    assert read_html(mini_site, "/ekonomi/").find(class_="notice-example")
    assert read_html(karlskoga_site, "/ekonomi/").find(class_="notice-example")


def test_economy_page_numbers_equal_the_source_rows(karlskoga_site):
    html = read_html(karlskoga_site, "/ekonomi/")
    text = html.find("main").get_text(" ")
    for row in _csv(KARLSKOGA, "budget"):
        assert mnkr(float(row["net_cost"])) in text, row
    for row in _csv(KARLSKOGA, "tax_rates"):
        assert f"{Decimal(row['rate']):.2f}".replace(".", ",") + "\u00a0%" in text, row
    table = _table(html, "Budget och utfall 2022")
    bun = table.find("a", href="/namnder/bun/").find_parent("tr").find_all("td")
    assert [td.get_text() for td in bun[:4]] == ["725,0\u00a0mnkr", "–", "731,9\u00a0mnkr", "\u22126,9\u00a0mnkr"]
    results = _table(html, "Årets resultat och det finansiella målet")
    row_2016 = results.find("th", string="2016").find_parent("tr").get_text(" ")
    assert "119,2\u00a0mnkr" in row_2016
    assert "7,2\u00a0%" in row_2016
    assert "Uppnådd" in row_2016


def test_economy_page_compares_costs_with_riket(karlskoga_site):
    html = read_html(karlskoga_site, "/ekonomi/")
    table = _table(html, "Kostnad per invånare")
    headers = [th.get_text() for th in table.select("thead th")]
    assert "Riket" in headers
    row = table.find("a", href="/styrmatt/nettokostnad-kultur/").find_parent("tr")
    comparisons = {r["indicator"]: r for r in _csv(KARLSKOGA, "comparisons") if r["year"] == "2022"}
    riket = Decimal(comparisons["nettokostnad-kultur"]["value"])
    assert f"{round(riket):,}".replace(",", "\u00a0") in row.get_text()


def test_method_page_exists_and_lists_sources(mini_site):
    html = read_html(mini_site, "/skattepengar/sa-raknade-vi/")
    assert html.find("h1").get_text() == "Så räknade vi skattekvittot och ekonomisiffrorna"
    headings = [h.get_text() for h in html.find_all("h2")]
    assert "Källor" in headings
    assert "Det här tar kvittot inte med" in headings


def test_money_pages_have_their_charts_with_downloadable_data(karlskoga_site):
    for url, key in (("/skattepengar/", "diagram-kvitto"), ("/ekonomi/", "diagram-budget")):
        figure = read_html(karlskoga_site, url).find("figure", id=key)
        assert figure is not None, url
        assert figure.find("svg", attrs={"role": "img"}) is not None
        for suffix in (".csv", ".svg", ".png"):
            assert (karlskoga_site / url.strip("/") / f"{key}{suffix}").is_file(), f"{url}{key}{suffix}"
    receipt_csv = (karlskoga_site / "skattepengar" / "diagram-kvitto.csv").read_text(encoding="utf-8")
    _, expected = _expected_receipt(KARLSKOGA, 30_000)
    assert f",{max(v[0] for v in expected.values())}," in receipt_csv
