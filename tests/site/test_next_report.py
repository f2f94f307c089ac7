"""The README's routine "Så publiceras en ny uppföljning", on a copy of data/karlskoga, with a realistic next year.

Next year's delår and helår (2023-08 and 2023-12 while the package ends with 2022), results, spending and
the municipal tax rate, then ``python -m styrmodell freeze 2023-12 --package COPY``: the copy validates,
builds, its new helår is the latest report on the start page, and the invariants that ``make test`` checks
on data/karlskoga hold. The year follows the package, so the test still works after the next real report.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import KARLSKOGA, build_site
from invariants import missing_pages, pages_with_unannounced_examples, unmarked_example_charts
from nextreport import TWICE, add_next_year, copy_package, styrmodell
from styrmodell import money
from styrmodell.money import tax_receipt
from styrmodell.package import load_package

#: The year after the live package's latest period: 2023 while data/karlskoga ends with årsredovisning 2022.
NEXT = load_package(KARLSKOGA).latest_period().year + 1


def publish_next_year(tmp_path, duplicate: bool):
    package = copy_package(KARLSKOGA, tmp_path / "karlskoga")
    add_next_year(package, NEXT, duplicate=duplicate)
    validated = styrmodell("validate", str(package))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    # frozen in the spring after the year, as the routine does: today may lie before the year has ended
    frozen = styrmodell("freeze", f"{NEXT}-12", "--package", str(package), "--frozen-on", f"{NEXT + 1}-04-20")
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    assert (package / "archive" / f"{NEXT}-12" / "datapackage.json").is_file()
    return package, build_site(package, tmp_path / "output")


def check_published(package, site):
    model = load_package(package)
    assert model.latest_period().id == f"{NEXT}-12"
    start = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert start.find(id="lage").get_text(strip=True) == f"Läget vid årsredovisning {NEXT}"
    for url in (f"rapporter/{NEXT}-08", f"rapporter/{NEXT}-12", f"data/{NEXT}-12"):
        assert (site / url / "index.html").is_file(), url
    # make test's invariants over data/karlskoga hold on the copy too.
    assert missing_pages(model, site) == []
    assert pages_with_unannounced_examples(site) == []
    assert unmarked_example_charts(site) == []
    basis = money.receipt_basis(model)
    assert basis.year == NEXT  # the new spending and tax rate are the receipt's
    receipt = tax_receipt(30_000, basis.rate, basis.weights)
    assert sum(line.month for line in receipt.lines) == receipt.month
    assert sum(line.per_100 for line in receipt.lines) == 100
    return model


def test_a_next_year_with_one_value_per_styrmatt_and_year_is_published_by_the_readme_routine(tmp_path):
    package, site = publish_next_year(tmp_path, duplicate=False)
    model = check_published(package, site)
    assert [r.period for r in model.results_of(TWICE) if r.year == NEXT] == [f"{NEXT}-12"]


def test_a_next_year_with_a_delar_and_a_helar_value_of_one_styrmatt_is_published_by_the_readme_routine(tmp_path):
    package, site = publish_next_year(tmp_path, duplicate=True)
    model = check_published(package, site)
    assert sorted(r.period for r in model.results_of(TWICE) if r.year == NEXT) == [f"{NEXT}-08", f"{NEXT}-12"]
