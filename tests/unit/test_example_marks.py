"""The *Exempeldata* mark travels with the data: inside every chart image, in the feed and in the catalogue."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import pytest
from conftest import MINI
from styrmodell import exports, views
from styrmodell.charts import describe, specs
from styrmodell.charts.chart import EXAMPLE_MARK, NARROW, WIDE, with_example_mark
from styrmodell.charts.render import Renderer
from styrmodell.package import load_package
from styrmodell.package.model import ROW_CLASSES, Styrmodell
from styrmodell.settings import Settings

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def mini():
    return load_package(MINI)


@pytest.fixture(scope="module")
def real(mini):
    """Mini with every row real (example=false): its charts must carry no mark."""
    rows = {name: getattr(mini, name) for name in ROW_CLASSES if name != "municipality"}
    rows["municipality"] = (mini.municipality,)
    unmarked = {
        name: tuple(replace(r, example=False) if hasattr(r, "example") else r for r in table)
        for name, table in rows.items()
    }
    return Styrmodell.from_rows(unmarked)


def draft_of(model, indicator_id):
    view = views.indicator_view(model, model.indicator(indicator_id), model.latest_period().year, Settings())
    series = specs.indicator_series(view, model.comparisons_of(indicator_id))
    return describe.indicator_draft(series, f"styrmatt/{indicator_id}/diagram")


def has_mark(spec: dict) -> bool:
    return isinstance(spec.get("title"), dict) and spec["title"].get("text") == EXAMPLE_MARK


def test_the_mark_is_a_title_added_once_and_keeps_a_title_of_the_charts_own():
    marked = with_example_mark({"mark": "bar", "title": "Eget"})
    assert marked["title"]["text"] == "Exempeldata"
    assert marked["title"]["subtitle"] == ["Helt eller delvis påhittade siffror", "Eget"]
    assert with_example_mark(marked) is marked
    assert with_example_mark({"mark": "bar"})["title"]["subtitle"] == ["Helt eller delvis påhittade siffror"]


def test_a_draft_from_example_rows_has_the_mark_in_both_widths_and_a_real_one_has_none(mini, real):
    example = [d for d in (draft_of(mini, i.id) for i in mini.indicators) if d.example]
    assert example, "mini has styrmått with example rows"
    for draft in example:
        assert has_mark(draft.specs[WIDE]), draft.key
        assert has_mark(draft.specs[NARROW]), draft.key
    for draft in (draft_of(real, i.id) for i in real.indicators):
        assert not draft.example
        assert not any(has_mark(s) for s in draft.specs.values()), draft.key
        assert EXAMPLE_MARK not in json.dumps(draft.specs, ensure_ascii=False)


def test_every_chart_kind_from_example_rows_is_marked(mini):
    names = {o.id: o.name for o in mini.organisation}
    budget = describe.budget_draft(mini.budget, names)
    planning = describe.planning_draft(mini.planning, 12, "arshjul")
    rollup = describe.rollup_draft([], "Måluppfyllelse", "diagram-maluppfyllelse", example=True)
    assert budget.example
    assert rollup.example
    for draft in (budget, rollup, *([planning] if planning.example else [])):
        assert all(has_mark(s) for s in draft.specs.values()), draft.key
    unmarked = describe.rollup_draft([], "Måluppfyllelse", "diagram-maluppfyllelse", example=False)
    assert not any(has_mark(s) for s in unmarked.specs.values())


def test_the_rendered_image_and_its_text_alternative_say_exempeldata(mini, real):
    example = draft_of(mini, "meritvarde")
    assert example.example
    marked, plain = Renderer(None).render_many([example, draft_of(real, "meritvarde")])
    for svg, key in ((str(marked.svg), marked.key), (str(marked.svg_narrow), f"{marked.key}-smal")):
        assert ">Exempeldata</text>" in svg  # drawn in the image, so also in the PNG
        assert f'<title id="{key}-titel">{example.title} (exempeldata)</title>' in svg
        assert "Diagrammet bygger på exempeldata" in svg[svg.index("<desc") : svg.index("</desc>")]
    assert "xempeldata" not in str(plain.svg) + str(plain.svg_narrow)
    # The PNG is rendered from the same SVG (render._render_raw): the marked image is taller by the mark.
    assert marked.png.startswith(b"\x89PNG")
    assert int.from_bytes(marked.png[20:24]) > int.from_bytes(plain.png[20:24])


def test_a_feed_entry_from_example_data_says_so_first():
    entries = [
        exports.FeedEntry("/a", "/a", "Delårsrapport", date(2022, 8, 31), "3 nya resultat.", example=True),
        exports.FeedEntry("/b", "/b", "Årsredovisning", date(2022, 12, 31), "Inga ändringar."),
    ]
    root = ET.fromstring(  # noqa: S314 - our own output
        exports.atom_feed(feed_id="/f", self_url="/f", site_url="/", title="T", author="A", entries=entries)
    )
    summaries = {e.find(f"{ATOM}id").text: e.find(f"{ATOM}summary").text for e in root.iter(f"{ATOM}entry")}
    assert summaries["/a"].startswith("Innehåller exempeldata")
    assert summaries["/a"].endswith("3 nya resultat.")
    assert summaries["/b"] == "Inga ändringar."


def _dataset(example: bool, description_sv: str = "Datapaketet.") -> exports.DatasetInfo:
    return exports.DatasetInfo(
        key="k",
        landing_page="https://x.example/data/",
        title_sv="T",
        title_en="T",
        description_sv=description_sv,
        description_en="The package.",
        issued=None,
        modified=date(2022, 12, 31),
        start_year=None,
        end_year=None,
        keywords=(),
        distributions=(
            exports.Distribution(
                "https://x.example/data/dcat.ttl#fil-a", "https://x.example/data/a.csv", "A", "csv", 1, "ab" * 32
            ),
        ),
        example=example,
    )


def test_jsonld_and_dcat_of_a_dataset_with_example_rows_say_so():
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS

    marked, plain = _dataset(True), _dataset(False)
    catalogue = exports.CatalogueInfo(
        url="https://x.example/data/dcat.ttl#katalog",
        title_sv="K",
        title_en="C",
        description_sv="K",
        description_en="C",
        publisher_name="P",
        publisher_url="https://x.example",
        contact_email=None,
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        homepage="https://x.example/",
        modified=None,
        datasets=(replace(marked, key="https://x.example/data/dcat.ttl#a"),),
    )
    assert exports.dataset_jsonld(marked, catalogue)["description"].startswith("Datapaketet. Innehåller exempeldata")
    assert exports.dataset_jsonld(plain, catalogue)["description"] == "Datapaketet."
    graph = Graph().parse(data=exports.dcat_turtle(catalogue), format="turtle")
    descriptions = {str(d) for d in graph.objects(None, DCTERMS.description)}
    assert any(d.startswith("Datapaketet. Innehåller exempeldata") for d in descriptions)
    assert any(d.startswith("The package. Contains example data") for d in descriptions)
    assert Literal("K", lang="sv") in set(graph.objects(None, DCTERMS.description))
    # A description that already says so is not repeated.
    already = _dataset(True, "Rader med example=true är exempeldata.")
    assert already.descriptions[0] == "Rader med example=true är exempeldata."
