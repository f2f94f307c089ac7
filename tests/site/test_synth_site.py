"""Syntetkommun at scale 1 builds, and every page says it shows example data; ``bench`` runs end to end.

No timing is asserted here: speed is measured by ``make bench``.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, ROOT, build_site
from invariants import missing_pages, pages_with_unannounced_examples, unmarked_example_charts
from styrmodell.bench import bench
from styrmodell.package import load
from styrmodell.synth import synth


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synt")
    synth(1, folder / "paket")
    return load(folder / "paket").model, build_site(folder / "paket", folder / "output")


def test_every_goal_styrmatt_period_and_namnd_has_its_page(synthetic):
    model, site = synthetic
    assert missing_pages(model, site) == []


def test_every_chart_from_example_rows_carries_the_mark(synthetic):
    _, site = synthetic
    assert unmarked_example_charts(site) == []


#: Found by this package: the list of nämnder tags every organ "Exempel" but has no notice at the top. Karlskoga's
#: organisation rows are real, so its build does not show it. When the page is fixed, these tests pass: remove this.
NAMNDER_WITHOUT_NOTICE = pytest.mark.xfail(
    strict=True, reason="namnder/index.html tags example rows (nämnder) but has no example notice"
)


@NAMNDER_WITHOUT_NOTICE
def test_every_page_that_tags_example_rows_has_the_notice(synthetic):
    _, site = synthetic
    assert pages_with_unannounced_examples(site) == []


@NAMNDER_WITHOUT_NOTICE
def test_every_page_of_a_package_that_is_all_example_data_carries_the_notice(synthetic):
    _, site = synthetic
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    without = [
        str(p.relative_to(site))
        for p in pages
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select_one(".notice-example") is None
    ]
    assert len(pages) > 150
    assert without == []


def test_bench_on_the_mini_package_writes_every_figure(tmp_path, capsys):
    code = bench(ROOT / "pelicanconf.py", package=MINI, json_file=tmp_path / "bench.json", scales="1")
    assert code == 0
    figures = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert set(figures) == {"package", "cpus", "workers", "builds", "ratios", "targets"}
    names = [b["name"] for b in figures["builds"]]
    assert names == ["paketet kallt", "paketet varmt", "bar Pelican", "Syntetkommun N=1"]
    keys = {"name", "code", "wall_s", "cpu_s", "peak_rss_mib", "pages", "charts_rendered", "cache_hits",
            "page_gzip_median", "page_gzip_max", "js_bytes"}  # fmt: skip
    assert all(keys <= set(b) for b in figures["builds"])
    cold, warm, bare, synthetic = figures["builds"]
    assert cold["charts_rendered"] > 0
    assert cold["cache_hits"] == 0
    assert warm["charts_rendered"] == 0
    assert warm["cache_hits"] == cold["charts_rendered"]
    assert bare["charts_rendered"] == 0
    assert bare["pages"] >= warm["pages"]
    assert synthetic["scale"] == 1
    assert synthetic["pages"] > warm["pages"]
    assert figures["ratios"]["warm_over_bare"] > 0
    assert figures["ratios"]["steps"] == []
    assert [t["key"] for t in figures["targets"]] == [
        "warm_over_bare", "package_cold_s", "n10_cold_s", "n10_rss_mib", "worst_doubling",
        "page_gzip_median_kb", "page_gzip_max_kb",
    ]  # fmt: skip
    out = capsys.readouterr().out
    assert "Syntetkommun N=1" in out
    assert f"Siffrorna finns i {tmp_path / 'bench.json'}." in out
