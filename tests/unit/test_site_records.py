"""One record per page: the pure build's :class:`~styrmodell.site.Site`, and what the command line does with it."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import MINI, ROOT, site_records
from styrmodell import build as build_module
from styrmodell import cli
from styrmodell.package import loader
from styrmodell.settings import write_settings_file
from styrmodell.site import assemble
from styrmodell.site.families import FAMILIES


@pytest.fixture(scope="module")
def mini_site_records(chart_cache):
    return site_records(MINI, base="https://kommun.example/sub", cache=chart_cache)


def test_each_address_has_exactly_one_record(mini_site_records):
    urls = Counter(page.url for page in mini_site_records.pages)
    assert [url for url, n in urls.items() if n > 1] == []


def test_a_page_has_one_title_for_its_title_tag_and_its_share_title(mini_site_records):
    """The start page used to say "Start" in <title> and "Mål och resultat" in og:title."""
    pages = mini_site_records.by_url()
    assert pages[""].title == "Så går det"  # the heading is "Så går det för <kommun>"; /mal/ is "Mål och resultat"
    with_head = [page for page in mini_site_records.pages if page.meta is not None]
    assert len(with_head) > 20
    assert [page.url for page in with_head if page.meta.title != page.title] == []


def test_every_written_page_but_embeds_and_404_has_a_head_and_a_sitemap_date(mini_site_records):
    for page in mini_site_records.written():
        if page.template in ("embed", "404"):
            assert page.meta is None
            assert not page.in_sitemap
        else:
            assert page.meta is not None, page.url
            assert page.lastmod is not None, page.url
            assert page.in_sitemap


def test_the_sitemap_lists_every_page_record_in_the_sitemap_and_nothing_else(mini_site_records):
    sitemap = mini_site_records.files["sitemap.xml"].decode("utf-8")
    listed = sorted(page.url for page in mini_site_records.pages if page.in_sitemap)
    assert sitemap.count("<url>") == len(listed)
    for url in listed:
        assert f"<loc>https://kommun.example/sub/{url}</loc>" in sitemap


def test_a_page_with_a_share_card_has_its_own_image_and_the_others_the_start_pages(mini_site_records):
    for page in mini_site_records.pages:
        if page.meta is None:
            continue
        own = page.card.url if page.card else ""
        assert page.meta.image == f"https://kommun.example/sub/{own}delningsbild.png"
        assert (own + "delningsbild.png") in mini_site_records.files


def test_the_goal_pages_carry_their_downloads(mini_site_records):
    goals = [page for page in mini_site_records.pages if page.template == "goal"]
    assert goals
    assert all(page.downloads is not None and page.downloads.downloads for page in goals)
    for page in goals:
        for download in page.downloads.downloads:
            assert download.url in mini_site_records.files


def test_every_family_yields_pages(mini_site_records):
    templates = {page.template for page in mini_site_records.pages}
    assert {"start", "goal", "indicator", "organisation", "period", "data", "skattepengar", "embed", "404"} <= templates
    assert len(FAMILIES) == len(set(FAMILIES))


def test_a_plain_pelican_run_is_refused_with_how_to_build(tmp_path: Path):
    settings = write_settings_file(
        tmp_path / "conf.py", ROOT / "kommuner" / "base.py", package=MINI, OUTPUT_PATH=tmp_path / "out"
    )
    run = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", str(settings)], capture_output=True, text=True, check=False
    )
    assert run.returncode != 0
    said = " ".join((run.stdout + run.stderr).split())
    assert "python -m styrmodell build" in said
    assert not (tmp_path / "out" / "index.html").exists()


def _broken_views(*args, **kwargs):
    raise KeyError("missing-key")


def test_an_unexpected_error_is_one_swedish_line_and_with_debug_the_traceback(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(assemble.views, "page_views", _broken_views)
    monkeypatch.delenv("CI", raising=False)
    argv = ["build", "--settings", str(ROOT / "pelicanconf.py"), "--package", str(MINI), "--output", str(tmp_path)]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "Ett oväntat fel stoppade build: KeyError: 'missing-key'" in err
    assert "Traceback" not in err
    assert "--debug" in err
    assert cli.main([*argv, "--debug"]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "_broken_views" in err  # where it happened
    assert not any(tmp_path.iterdir())  # the previous output (here: none) is untouched


def test_a_build_loads_and_validates_the_package_once(monkeypatch, tmp_path):
    loads, checks = [], []
    load, check = build_module.load, loader.frictionless_problems
    monkeypatch.setattr(build_module, "load", lambda *a, **k: loads.append(a) or load(*a, **k))
    monkeypatch.setattr(loader, "frictionless_problems", lambda *a, **k: checks.append(a) or check(*a, **k))
    conf = write_settings_file(
        tmp_path / "conf.py", ROOT / "kommuner" / "base.py", package=MINI, STYRMODELL_CACHE=tmp_path / "cache"
    )
    assert build_module.build(conf, tmp_path / "out") == 0
    assert len(loads) == 1
    assert len(checks) == 1  # an empty validation cache: frictionless runs once, for the one load
