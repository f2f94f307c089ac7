"""Findability and sharing on built sites: share cards, canonical addresses, embed pages, JSON-LD, search meta.

Built from the mini fixture (behaviour) and the live Karlskoga package (invariants only: every page
has what it must, never which figures it shows), and once from mini under a sub-path.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, ROOT, read_html
from styrmodell.package import load
from styrmodell.settings import write_settings_file

SUB = "https://kommun.example/styrmodell"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

#: The schema.org properties the site may use, per type (a subset of https://schema.org/<Type>).
#: Dataset and WebPage inherit CreativeWork's properties; every name here is one schema.org defines.
SCHEMA = {
    "Dataset": {
        "@context", "@type", "@id", "name", "alternateName", "description", "url", "inLanguage",
        "isAccessibleForFree", "license", "creator", "publisher", "spatialCoverage", "keywords",
        "includedInDataCatalog", "distribution", "temporalCoverage", "datePublished", "dateModified", "version",
    },
    "DataDownload": {"@type", "name", "contentUrl", "encodingFormat", "contentSize", "sha256"},
    "GovernmentOrganization": {"@type", "name", "url"},
    "Organization": {"@type", "name", "url"},
    "Place": {"@type", "name"},
    "DataCatalog": {"@type", "name", "url"},
    "WebPage": {"@context", "@type", "@id", "url", "name", "description", "inLanguage", "isBasedOn"},
}  # fmt: skip
#: What a styrmått page's Dataset must say (the issue: name, description, licence, creator, publisher,
#: temporal coverage, a distribution with the CSV link).
DATASET_REQUIRED = {"name", "description", "license", "creator", "publisher", "temporalCoverage", "distribution"}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def pages(site: Path, folder: str) -> list[Path]:
    """The pages directly under ``folder`` (``mal/x/index.html``), not its list page or embed pages."""
    return sorted(p for p in (site / folder).glob("*/index.html"))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def jsonld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def check_schema(value: dict) -> None:
    """Every object's properties are schema.org properties of its type (recursively)."""
    kind = value["@type"]
    assert kind in SCHEMA, f"unexpected schema.org type {kind}"
    assert set(value) <= SCHEMA[kind], f"{kind} has properties schema.org does not define: {set(value) - SCHEMA[kind]}"
    for item in value.values():
        for child in item if isinstance(item, list) else [item]:
            if isinstance(child, dict):
                check_schema(child)


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    """Mini published under a sub-path: SITEURL with a path."""
    from styrmodell.build import build

    output = tmp_path_factory.mktemp("find-sub") / "output"
    settings = write_settings_file(
        output.parent / "conf.py",
        ROOT / "pelicanconf.py",
        package=MINI,
        # A published build checks that the package is the settings' municipality's: the mini package's code.
        KOMMUNKOD="9999",
        PATH=ROOT / "content",
        CACHE_PATH=output.parent / "cache",
        SITEURL=SUB,
        RELATIVE_URLS=False,
    )
    assert build(settings, output) == 0
    return output


@pytest.mark.parametrize("site_name", ["mini_site", "karlskoga_site"])
def test_every_goal_page_has_an_og_image_that_exists_and_is_1200_by_630(site_name, request):
    site = request.getfixturevalue(site_name)
    goal_pages = pages(site, "mal")
    assert goal_pages
    for path in goal_pages:
        image = meta(soup_of(path), "og:image")
        assert image, f"{path}: no og:image"
        file = site / image.lstrip("/")
        assert file.is_file(), f"{path}: og:image {image} does not exist"
        assert png_size(file) == (1200, 630), f"{image} is not 1200×630"


@pytest.mark.parametrize("site_name", ["mini_site", "karlskoga_site"])
def test_goal_and_styrmatt_pages_have_canonical_og_title_and_og_description(site_name, request):
    site = request.getfixturevalue(site_name)
    for path in [*pages(site, "mal"), *pages(site, "styrmatt"), *pages(site, "namnder"), *pages(site, "rapporter")]:
        soup = soup_of(path)
        address = "/" + path.parent.relative_to(site).as_posix() + "/"
        assert soup.find("link", rel="canonical")["href"] == address, path
        assert meta(soup, "og:url") == address
        assert meta(soup, "og:title") == soup.h1.get_text(" ", strip=True) or meta(soup, "og:title"), path
        assert meta(soup, "og:description") == meta(soup, "description"), path
        assert len(meta(soup, "description")) > 40, f"{path}: the description is not a sentence"
        assert meta(soup, "og:locale") == "sv_SE"
        assert meta(soup, "twitter:card") == "summary_large_image"
        assert (site / meta(soup, "og:image").lstrip("/")).is_file()


def test_every_page_the_start_page_included_has_its_own_description(mini_site):
    seen: dict[str, str] = {}
    for path in sorted(mini_site.rglob("index.html")):
        descriptions = soup_of(path).find_all("meta", attrs={"name": "description"})
        assert len(descriptions) == 1, f"{path}: {len(descriptions)} descriptions"
        text = descriptions[0]["content"]
        assert text.strip(), path
        if "/inbaddning/" not in path.as_posix():  # an embed page repeats its chart's summary
            assert text not in seen, f"{path} has the same description as {seen.get(text)}"
            seen[text] = path
    start = read_html(mini_site, "/")
    assert "mål" in meta(start, "description")


def test_the_goal_description_says_the_status_in_words(mini_site):
    soup = read_html(mini_site, "/mal/bun-1/")
    description = meta(soup, "description")
    assert description.startswith("Nämndmål för ")
    assert "Beräknad status vid " in description
    main = soup.find("main")
    assert main["data-pagefind-meta"] == "typ:Mål"
    (status,) = main.select("[data-pagefind-meta^='status:']")
    assert status["data-pagefind-meta"].removeprefix("status:").lower() in description


@pytest.mark.parametrize(
    ("url", "kind"),
    [("/styrmatt/meritvarde/", "Styrmått"), ("/namnder/bun/", "Nämnd"), ("/om/", "Sida"), ("/mal/", "Sida")],
)
def test_search_results_know_what_each_page_is(mini_site, url, kind):
    main = read_html(mini_site, url).find("main")
    assert main["data-pagefind-meta"] == f"typ:{kind}"


def test_share_images_of_example_data_say_so_inside_the_image(mini_site):
    # The PNG is a raster: the spec behind it is checked in tests/unit/test_sharing.py. Here: a goal
    # with example rows gets an image of its own, different from a goal without.
    assert (mini_site / "mal" / "bun-1" / "delningsbild.png").read_bytes() != (
        mini_site / "mal" / "kf-1" / "delningsbild.png"
    ).read_bytes()
    alt = meta(read_html(mini_site, "/mal/bun-1/"), "og:image:alt")
    assert "exempeldata" in alt


@pytest.mark.parametrize("site_name", ["mini_site", "karlskoga_site"])
def test_each_styrmatt_page_links_to_an_existing_embed_page(site_name, request):
    site = request.getfixturevalue(site_name)
    for path in pages(site, "styrmatt"):
        soup = soup_of(path)
        address = "/" + path.parent.relative_to(site).as_posix() + "/"
        embed = address + "inbaddning/"
        assert soup.find("a", href=embed), f"{path}: no link to {embed}"
        code = soup.select_one(".embed-code pre code").get_text()
        assert code.startswith(f'<iframe src="{embed}"')
        assert 'title="Diagram: ' in code
        page = soup_of(site / embed.strip("/") / "index.html")
        assert page.find("figure", class_="chart").find("svg")
        assert page.select_one(".chart-summary").get_text(strip=True)
        assert page.select_one(".embed-source").get_text().startswith("Källa: ")
        assert page.find("a", href=address, target="_top"), "the embed page links back to the chart's page"
        assert meta(page, "robots") == "noindex"


def test_an_embed_page_marks_example_data_and_loads_nothing_from_elsewhere(mini_site):
    for path in sorted(mini_site.rglob("inbaddning/**/index.html")):
        page = soup_of(path)
        chart = (mini_site / page.select_one(".embed-back a[download]")["href"].lstrip("/")).read_text("utf-8")
        example = any(row["exempel"] == "true" for row in csv.DictReader(io.StringIO(chart)))
        notice = page.select_one(".notice-example")
        assert (notice is not None) == example, path
        assert ("Exempeldata" in page.find("svg").get_text()) == example, path
        assert page.find("script") is None
        for tag in page.find_all(["link", "img", "script", "iframe"]):
            ref = tag.get("href") or tag.get("src") or ""
            assert not ref.startswith(("http:", "https:", "//")), ref


def test_other_charts_have_embed_pages_too(mini_site):
    for url in ("/inbaddning/maluppfyllelse/", "/ekonomi/inbaddning/budget/", "/skattepengar/inbaddning/kvitto/"):
        page = read_html(mini_site, url)
        assert page.find("svg"), url


def test_frames_are_refused_except_on_embed_pages(mini_site):
    headers = (mini_site / "_headers").read_text(encoding="utf-8")
    rules = [block.splitlines() for block in headers.split("\n\n")]
    everything = next(r for r in rules if "/*" in r)
    assert "  Content-Security-Policy: frame-ancestors 'none'" in everything
    assert "  X-Frame-Options: DENY" in everything
    embeds = [r for r in rules if any("/inbaddning/" in line for line in r[:3])]
    assert len(embeds) == 2
    for rule in embeds:
        assert "  ! X-Frame-Options" in rule
        assert "  ! Content-Security-Policy" in rule


def test_styrmatt_pages_describe_their_data_as_a_schema_org_dataset(mini_site):
    package = load(MINI)
    for indicator in package.model.indicators:
        url = f"/styrmatt/{indicator.id}/"
        (dataset,) = jsonld(read_html(mini_site, url))
        check_schema(dataset)
        assert dataset["@type"] == "Dataset"
        assert set(dataset) >= DATASET_REQUIRED, f"{url}: missing {DATASET_REQUIRED - set(dataset)}"
        assert dataset["@id"] == f"{url}#data"
        assert dataset["creator"]["name"] == dataset["publisher"]["name"]
        assert dataset["license"].startswith("https://")
        start, end = dataset["temporalCoverage"].split("/")
        assert int(start) <= int(end)
        csv = next(d for d in dataset["distribution"] if d["encodingFormat"] == "text/csv")
        assert csv["@type"] == "DataDownload"
        assert csv["contentUrl"] == f"{url}data.csv"
        assert (mini_site / csv["contentUrl"].lstrip("/")).is_file()


def test_goal_pages_link_to_their_styrmatts_datasets(mini_site):
    package = load(MINI)
    for goal in package.model.goals:
        (page,) = jsonld(read_html(mini_site, f"/mal/{goal.id}/"))
        check_schema(page)
        assert page["@type"] == "WebPage"
        expected = [f"/styrmatt/{i.id}/#data" for i in package.model.indicators_of(goal.id)]
        assert [d["@id"] for d in page["isBasedOn"]] == expected


def test_the_data_pages_keep_one_unified_dataset(mini_site):
    for url in ("/data/",):
        (dataset,) = jsonld(read_html(mini_site, url))
        check_schema(dataset)
        assert dataset["@type"] == "Dataset"


def test_sitemap_dates_come_from_the_data(mini_site):
    model = load(MINI).model
    tree = ET.parse(mini_site / "sitemap.xml")  # noqa: S314 - our own build output
    dates = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text for u in tree.getroot()}
    latest = model.latest_period()
    assert dates["/"] == (latest.published or latest.end_date).isoformat()
    for period in model.periods:
        assert dates[f"/rapporter/{period.id}/"] == (period.published or period.end_date).isoformat()
    assert not any("/inbaddning/" in loc for loc in dates), "embed pages say noindex and stay out of the sitemap"


def test_under_a_sub_path_every_share_address_is_absolute_with_the_sub_path(sub_site):
    for url in ("/", "/mal/bun-1/", "/styrmatt/meritvarde/", "/om/", "/data/"):
        soup = read_html(sub_site, url)
        assert soup.find("link", rel="canonical")["href"] == f"{SUB}{url}"
        assert meta(soup, "og:url") == f"{SUB}{url}"
        assert meta(soup, "og:image").startswith(f"{SUB}/")
    (dataset,) = jsonld(read_html(sub_site, "/styrmatt/meritvarde/"))
    assert dataset["distribution"][0]["contentUrl"].startswith(f"{SUB}/styrmatt/meritvarde/")
    code = read_html(sub_site, "/styrmatt/meritvarde/").select_one(".embed-code pre code").get_text()
    assert f'src="{SUB}/styrmatt/meritvarde/inbaddning/"' in code
    headers = (sub_site / "_headers").read_text(encoding="utf-8")
    assert "/styrmodell/*\n" in headers
    assert "/styrmodell/*/inbaddning/*\n" in headers


def test_no_share_card_writes_into_its_right_margin(karlskoga_site):
    """Titles are wrapped by length, not measured: no line may run past the 32 px margin (64 px at scale 2)."""
    from pngcheck import has_ink

    cards = sorted(karlskoga_site.rglob("delningsbild.png"))
    assert cards
    # Below the top line (the municipality and the right-aligned *Exempeldata* mark end at the margin),
    # above the brand bar at the bottom.
    overflowing = [
        str(c.relative_to(karlskoga_site)) for c in cards if has_ink(c.read_bytes(), range(1140, 1200), range(100, 600))
    ]
    assert overflowing == []
