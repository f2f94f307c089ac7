"""Who publishes: the footer, the demonstration notice, citations, /data/, DCAT and the feed name the package's publisher."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import KARLSKOGA, MINI, build_site, read_html
from styrmodell.package import load_package
from styrmodell.views.publisher import KOLADA_CREDIT, publisher_view

ATOM = {"a": "http://www.w3.org/2005/Atom"}
NOTICE = (
    "Webbplatsen är en demonstration. Den bygger på offentliga uppgifter om Testkommun "
    "och ges ut av Testprojektet, inte av kommunen."
)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def page(site: Path, path: Path):
    return read_html(site, str(path.relative_to(site)))


def test_mini_footer_names_the_publisher_and_not_the_municipality_as_publisher(mini_site):
    footer = read_html(mini_site, "").select_one("footer p").get_text(" ", strip=True)
    assert footer.startswith(
        "Uppgifterna kommer från ett öppet datapaket om Testkommun. Det ges ut av Testprojektet, inte av kommunen."
    )


def test_mini_demonstration_notice_on_every_page(mini_site):
    missing = [p for p in pages(mini_site) if page(mini_site, p).select_one(".notice-publisher") is None]
    assert missing == []
    notice = read_html(mini_site, "").select_one(".notice-publisher p")
    assert notice.select_one("strong").get_text() == "Webbplatsen är en demonstration."
    assert notice.get_text(" ", strip=True) == f"{NOTICE} Om webbplatsen"


def test_mini_data_page_says_whom_to_credit(mini_site):
    text = read_html(mini_site, "data/").get_text(" ", strip=True)
    assert (
        "Ange Testprojektet som källa, inte Testkommun. För siffror från Kolada: skriv också ”Källa: Kolada (RKA)”."
        in text
    )


def test_mini_citations_name_the_publisher_and_credit_kolada_where_kolada_rows_are_shown(mini_site):
    meritvarde = read_html(mini_site, "styrmatt/meritvarde/").select_one(".page-data .citation").get_text()
    assert meritvarde.startswith("Testprojektet (2022). ")
    assert meritvarde.endswith(f"Hämtad [datum]. {KOLADA_CREDIT} Sidan innehåller exempeldata.")
    # the council page shows no Kolada rows: its goals have the source styrmodell
    kf = read_html(mini_site, "namnder/kf/").select_one(".page-data .citation").get_text()
    assert kf.startswith("Testprojektet (2022). ")
    assert KOLADA_CREDIT not in kf


def test_mini_dcat_and_jsonld_publisher(mini_site):
    turtle = (mini_site / "data" / "dcat.ttl").read_text(encoding="utf-8")
    assert '<https://projekt.example> a foaf:Agent ;\n    foaf:name "Testprojektet" .' in turtle
    assert "dcterms:publisher <https://projekt.example>" in turtle
    assert "LocalAuthority" not in turtle  # the package does not say what kind of organisation the project is
    data = read_html(mini_site, "data/")
    jsonld = json.loads(data.select_one('script[type="application/ld+json"]').string)
    assert jsonld["publisher"] == {"@type": "Organization", "name": "Testprojektet", "url": "https://projekt.example"}
    assert jsonld["spatialCoverage"] == {"@type": "Place", "name": "Testkommun"}


def test_mini_feed_author_is_the_publisher(mini_site):
    feed = ET.fromstring((mini_site / "rapporter" / "uppfoljningar.atom").read_bytes())  # noqa: S314 - own file
    assert [a.text for a in feed.findall("a:author/a:name", ATOM)] == ["Testprojektet"]


def test_karlskoga_demonstration_notice_on_every_page(karlskoga_site):
    missing = [p for p in pages(karlskoga_site) if page(karlskoga_site, p).select_one(".notice-publisher") is None]
    assert missing == []
    notice = read_html(karlskoga_site, "").select_one(".notice-publisher").get_text(" ", strip=True)
    assert "demonstration" in notice
    assert "Karlskoga kommun" in notice
    assert "inte av kommunen" in notice


@pytest.fixture(scope="module")
def own_site(tmp_path_factory) -> Path:
    """A copy of mini that the municipality publishes itself."""
    target = tmp_path_factory.mktemp("own") / "mini"
    shutil.copytree(MINI, target)
    path = target / "municipality.csv"
    text = path.read_text(encoding="utf-8")
    assert ",Testprojektet,https://projekt.example,false," in text
    path.write_text(
        text.replace(",Testprojektet,https://projekt.example,false,", ",Testkommun,,true,"), encoding="utf-8"
    )
    return build_site(target, tmp_path_factory.mktemp("own-site") / "output")


def test_no_demonstration_notice_when_the_municipality_publishes(own_site):
    assert [p for p in pages(own_site) if page(own_site, p).select_one(".notice-publisher")] == []
    footer = read_html(own_site, "").select_one("footer p").get_text(" ", strip=True)
    assert footer.startswith("Uppgifterna kommer från Testkommuns öppna datapaket. Testkommun ger ut det.")
    turtle = (own_site / "data" / "dcat.ttl").read_text(encoding="utf-8")
    assert "dcterms:type <http://purl.org/adms/publishertype/LocalAuthority>" in turtle
    cite = read_html(own_site, "styrmatt/meritvarde/").select_one(".page-data .citation").get_text()
    assert cite.startswith("Testkommun (2022). ")


def test_publisher_view_reads_the_package_columns(mini_copy):
    view = publisher_view(load_package(mini_copy))
    assert (view.name, view.is_municipality, view.url) == ("Testprojektet", False, "https://projekt.example")


def test_receipt_method_page_names_only_sources_the_package_holds(karlskoga_site):
    soup = read_html(karlskoga_site, "skattepengar/sa-raknade-vi/")
    package = load_package(KARLSKOGA)
    known = {f"kalla-{s.id}" for s in package.sources}
    listed = {li["id"] for li in soup.select(".sources li")}
    assert listed
    assert listed <= known
    linked = {a["href"].removeprefix("#") for a in soup.select(".figure-origins a")}
    assert linked <= listed
    text = soup.select_one("main").get_text(" ", strip=True)
    for absent in (
        "Skatteverket",
        "Statistiska centralbyrån",
        "kommunens budget, delårsrapporter och årsredovisningar",
    ):
        assert absent not in text
    budget = soup.select_one(".figure-origins li").get_text(" ", strip=True)
    assert budget.startswith("Budget, prognos och utfall per nämnd.")
    assert "Alla är exempeldata" in budget
