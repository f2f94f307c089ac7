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


def test_every_page_that_tags_example_rows_has_the_notice(synthetic):
    _, site = synthetic
    assert pages_with_unannounced_examples(site) == []


def test_every_page_with_figures_of_a_package_that_is_all_example_data_carries_the_notice(synthetic):
    """The start page and every goal, styrmått, nämnd and report page; prose pages without figures need none."""
    _, site = synthetic
    pages = [
        site / "index.html",
        *(p for part in ("mal", "styrmatt", "namnder", "rapporter") for p in sorted((site / part).rglob("*.html"))),
    ]
    without = [
        str(p.relative_to(site))
        for p in pages
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select_one(".notice-example") is None
    ]
    assert len(pages) > 100
    assert without == []
    notice = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
        ".notice-publisher"
    )
    assert "Alla uppgifter om Syntetkommun är påhittade." in notice.get_text(" ", strip=True)


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
