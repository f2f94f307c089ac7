"""A starter package from init builds a whole site; its styrmått pages show the comparison group beside Riket."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import build_site, read_html
from kolada_server import KoladaServer
from styrmodell.kolada.client import KoladaClient
from styrmodell.kolada.starter import init


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("kolada-init")
    with KoladaServer() as server:
        package = init(
            "1883", work / "package", KoladaClient(server.url, retries=0), fetched_on=date(2026, 12, 1),
            website="https://www.kommunen.se",
        )  # fmt: skip
    return build_site(package, work / "output")


def test_the_styrmatt_page_shows_the_group_beside_riket(site):
    page = read_html(site, "styrmatt/n15507/")
    header = [th.get_text(strip=True) for th in page.select("table.indicator-table thead th")]
    assert header[-2:] == ["Övriga kommuner i Örebro län", "Riket"]
    group = page.select_one("section.comparison-group")
    assert [li.get_text() for li in group.select("li")] == ["Degerfors (1862)", "Nora (1884)"]
    assert "medelvärdet av de 2 kommunernas värden" in group.get_text()
    assert "Kolada, kommuner och regioner" in group.select_one(".source").get_text()
    assert "Övriga kommuner i Örebro län" in page.select_one("figure svg").get_text()


def test_the_example_goals_are_marked(site):
    page = read_html(site, "mal/")
    assert "Exempel" in page.get_text()
