"""Sharing and findability without a site: page meta, share cards and their spec, embed addresses, site files."""

from __future__ import annotations

import struct
from datetime import date

import pytest
from conftest import MINI, site_records
from model_shapes import measured_top
from styrmodell.charts.chart import EXAMPLE_MARK
from styrmodell.charts.embed import chart_page, iframe_code
from styrmodell.charts.render import Renderer
from styrmodell.charts.share import TITLE_LINES, card_parts, share_images, share_svg, title_lines
from styrmodell.exports.sitefiles import headers_file, last_modified, sitemap_xml
from styrmodell.package import load
from styrmodell.package.model import Period
from styrmodell.settings import Settings
from styrmodell.urls import embed_url, share_image
from styrmodell.views import page_views
from styrmodell.views.model_facts import goals_description
from styrmodell.views.pagemeta import (
    KIND_GOAL,
    ShareCard,
    goal_description,
    indicator_description,
    share_cards,
)


@pytest.fixture(scope="module")
def mini():
    model = load(MINI).model
    pages = page_views(model, Settings.from_mapping({}, environ={}))
    return model, pages


def card(**changes) -> ShareCard:
    values = {
        "url": "mal/x/",
        "kicker": "Nämndmål · Socialnämnden",
        "title": "Fler hushåll klarar sig utan ekonomiskt bistånd",
        "status": "Delvis uppnått",
        "detail": "Beräknad status, årsredovisning 2022",
        "municipality": "Exempelkommun",
        "example": False,
        "tone": "delvis",
        "symbol": "◐",
    }
    return ShareCard(**(values | changes))


def texts(card: ShareCard) -> list[str]:
    return [t["text"] for t in card_parts(card)[0]]


@pytest.mark.parametrize(
    ("chart", "embed"),
    [
        ("styrmatt/x/diagram", "styrmatt/x/inbaddning/"),
        ("ekonomi/diagram-budget", "ekonomi/inbaddning/budget/"),
        ("diagram-maluppfyllelse", "inbaddning/maluppfyllelse/"),
        ("styrmodell/planeringsprocessen/diagram-arshjul", "styrmodell/planeringsprocessen/inbaddning/arshjul/"),
    ],
)
def test_every_chart_has_an_embed_address_under_its_page(chart, embed):
    assert embed_url(chart) == embed
    assert not embed.startswith("/")


def test_share_images_sit_in_their_pages_folder():
    assert share_image("mal/x/") == "mal/x/delningsbild.png"
    assert share_image("") == "delningsbild.png"


def test_the_card_shows_title_status_in_words_and_municipality():
    shown = texts(card())
    assert "Exempelkommun" in shown
    assert "◐" in shown
    assert "Delvis uppnått" in shown
    assert "Beräknad status, årsredovisning 2022" in shown
    assert EXAMPLE_MARK not in shown
    svg = share_svg(card())
    assert 'width="600" height="315"' in svg  # rasterised at scale 2: 1200×630
    assert all(f">{text}</text>" in svg for text in shown)


def test_a_card_from_example_rows_says_exempeldata_inside_the_image():
    assert EXAMPLE_MARK in texts(card(example=True))
    assert f">{EXAMPLE_MARK}</text>" in share_svg(card(example=True))
    assert "exempeldata" in card(example=True).alt


def test_long_titles_wrap_to_three_lines_and_end_with_an_ellipsis():
    lines = title_lines("Ord " * 60)
    assert len(lines) == TITLE_LINES
    assert lines[-1].endswith("…")
    assert title_lines("Kort") == ["Kort"]


def test_a_share_image_renders_at_1200_by_630():
    png = share_images([card(example=True)], Renderer(cache_dir=None))["mal/x/"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)


def test_card_text_is_escaped_in_the_svg():
    svg = share_svg(card(title="<b>x</b> & y"))
    assert "<b>" not in svg
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg


def test_goal_and_styrmatt_descriptions_come_from_the_view(mini):
    _model, pages = mini
    view = pages.goals["bun-1"]
    text = goal_description(view)
    assert text.startswith(f"{view.summary.level.name} för {view.summary.owner.name}.")
    assert f"Beräknad status vid {view.period.name.lower()}: {view.summary.computed.label.lower()}." in text
    indicator = pages.indicators["meritvarde"]
    assert indicator_description(indicator).startswith(f"Styrmått för målet ”{indicator.goal.title}”. ")


def test_every_page_of_the_core_generator_has_meta_and_only_those_with_a_card_have_their_own_image(mini, chart_cache):
    model, pages = mini
    cards = share_cards(model, pages)
    records = site_records(MINI, base="https://kommun.example/sub", cache=chart_cache).by_url()
    metas = {url: page.meta for url, page in records.items() if page.meta}
    assert {c.url for c in cards} == {
        "",
        *(f"mal/{g}/" for g in pages.goals),
        *(f"styrmatt/{i}/" for i in pages.indicators),
        *(f"namnder/{o.organ.id}/" for o in pages.organs),
        *(f"rapporter/{p}/" for p in pages.periods),
    }
    assert metas["mal/bun-1/"].url == "https://kommun.example/sub/mal/bun-1/"
    assert metas["mal/bun-1/"].image == "https://kommun.example/sub/mal/bun-1/delningsbild.png"
    assert metas["mal/"].image == "https://kommun.example/sub/delningsbild.png"  # the start page's card
    assert metas["mal/bun-1/"].kind == KIND_GOAL


def test_the_iframe_code_is_titled_and_escaped():
    code = iframe_code('https://x.example/a"b/', "Diagram: <b>")
    assert code.startswith('<iframe src="https://x.example/a&quot;b/" title="Diagram: &lt;b&gt;"')
    assert "script" not in code
    assert "style" not in code


def test_chart_page_is_the_folder_of_the_files():
    class C:
        path = "styrmatt/x/diagram"

    assert chart_page(C) == "styrmatt/x/"


@pytest.mark.parametrize(("site_url", "prefix"), [("", ""), ("https://org.example/styrmodell", "/styrmodell")])
def test_headers_refuse_frames_except_on_embed_pages_under_the_sites_path(site_url, prefix):
    text = headers_file(site_url)
    assert f"\n{prefix}/*\n  Content-Security-Policy: frame-ancestors 'none'\n" in text
    assert f"\n{prefix}/*/inbaddning/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n" in text
    assert f"\n{prefix}/inbaddning/*\n" in text


def _period(pid: str, end: date, published: date | None = None) -> Period:
    return Period(
        id=pid, year=end.year, name=pid, kind="helar", end_date=end, source="s", example=False, published=published
    )


def test_lastmod_comes_from_the_data_never_the_clock():
    periods = [_period("2021-12", date(2021, 12, 31), date(2022, 4, 20)), _period("2022-12", date(2022, 12, 31))]
    latest, own = last_modified(periods)
    assert latest == date(2022, 12, 31)
    assert own["rapporter/2021-12/"] == date(2022, 4, 20)
    assert own["data/2021-12/"] == date(2022, 4, 20)
    xml = sitemap_xml("https://k.example", [(url, own.get(url, latest)) for url in ("", "rapporter/2021-12/")])
    assert "<url><loc>https://k.example/</loc><lastmod>2022-12-31</lastmod></url>" in xml
    assert "<loc>https://k.example/rapporter/2021-12/</loc><lastmod>2022-04-20</lastmod>" in xml


def test_without_share_images_no_page_has_an_image_and_the_card_is_plain(mini, chart_cache):
    model, pages = mini
    assert share_cards(model, pages, enabled=False) == ()
    site = site_records(MINI, share_images=False, cache=chart_cache)
    metas = [page.meta for page in site.pages if page.meta]
    assert metas
    assert all(m.image == "" and m.twitter_card == "summary" for m in metas)
    assert not any(path.endswith("delningsbild.png") for path in site.files)
    assert Settings.from_mapping({"share_images": False}, environ={}).share_images is False
    with pytest.raises(ValueError, match="share_images"):
        Settings.from_mapping({"share_images": "nej"}, environ={})


def test_a_goal_of_a_bolag_is_not_described_with_the_namnds_assessment(tmp_path):
    model = load(measured_top(tmp_path / "paket")).model
    view = page_views(model, Settings.from_mapping({}, environ={})).goals["eb-1"]
    assert view.summary.assessed is not None  # the bolag has assessed its own goal
    text = goal_description(view)
    assert "Nämndens" not in text
    assert "Exempel Energi AB:s egen bedömning: " in text


def test_the_list_of_goals_is_described_by_the_package_levels(tmp_path):
    model = load(measured_top(tmp_path / "paket")).model
    text = goals_description(model, "Årsredovisning 2022")
    assert text == (
        "Alla Testkommuns mål, på nivån Mål, med beräknad status och ägarens egen bedömning vid årsredovisning 2022."
    )
    assert "vision" not in text
    assert "nämnd" not in text
