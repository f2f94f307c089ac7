"""On a built site, every chart image and feed entry drawn from example rows says so; the data files keep the column.

The PNG of a chart is rendered from the same SVG (``charts.render``); the mark is text drawn in the image, so
finding it in the SVG file proves it is in the PNG. ``tests/unit/test_example_marks.py`` checks the specs.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(params=["mini_site", "karlskoga_site", "exempelkommun_site"])
def built(request):
    return request.getfixturevalue(request.param)


def chart_files(site):
    """Every chart on the site: the SVG, PNG and CSV that share a name."""
    for svg in sorted(site.rglob("*.svg")):
        if svg.with_suffix(".png").exists() and svg.with_suffix(".csv").exists():
            yield svg, svg.with_suffix(".png"), svg.with_suffix(".csv")


def test_every_chart_from_example_rows_carries_the_mark_and_no_other_chart_does(built):
    marked = unmarked = 0
    for svg, png, data in chart_files(built):
        rows = list(csv.DictReader(io.StringIO(data.read_text(encoding="utf-8"))))
        example = any(r.get("exempel") == "true" for r in rows)
        text = svg.read_text(encoding="utf-8")
        assert png.read_bytes().startswith(b"\x89PNG")
        if example:
            marked += 1
            assert ">Exempeldata</text>" in text, f"{svg.relative_to(built)} shows example rows without the mark"
            assert "(exempeldata)</title>" in text
        else:
            unmarked += 1
            assert "xempeldata" not in text, f"{svg.relative_to(built)} has no example rows but carries the mark"
    assert marked, "the package has example rows, so some chart is marked"


def test_the_inline_charts_on_a_page_carry_the_mark_too(built):
    svg = next(s for s, _, c in chart_files(built) if "true" in c.read_text(encoding="utf-8").splitlines()[1])
    page = svg.parent / "index.html"
    if not page.exists():
        pytest.skip("the chart is not on its own folder's page")
    html = page.read_text(encoding="utf-8")
    assert html.count(">Exempeldata</text>") >= 2  # the wide and the narrow variant


def test_every_feed_entry_from_example_data_says_so(built):
    root = ET.fromstring((built / "rapporter" / "uppfoljningar.atom").read_bytes())  # noqa: S314 - our own output
    marked = 0
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary").text
        period = entry.find(f"{ATOM}id").text.split("rapporter/", 1)[1].split("/")[0]
        page = (built / "rapporter" / period / "index.html").read_text(encoding="utf-8")
        if 'class="notice notice-example"' in page or 'class="tag-example"' in page:
            marked += 1
            assert summary.startswith("Innehåller exempeldata"), period
        else:
            assert "exempeldata" not in summary.lower(), period
    assert marked


def test_the_catalogue_and_the_json_ld_say_the_package_holds_example_data(built):
    ttl = (built / "data" / "dcat.ttl").read_text(encoding="utf-8")
    assert "exempeldata" in ttl.lower()
    html = (built / "data" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    value = json.loads(html[start : html.index("</script>", start)])
    assert "exempeldata" in value["description"].lower()


def test_csv_and_xlsx_keep_the_example_column(built):
    descriptor = json.loads((built / "data" / "datapackage.json").read_text(encoding="utf-8"))
    with_column = [
        r["name"] for r in descriptor["resources"] if any(f["name"] == "example" for f in r["schema"]["fields"])
    ]
    assert with_column
    workbook = load_workbook(next((built / "data").glob("*.xlsx")), read_only=True)
    for name in with_column:
        header = (built / "data" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert "example" in header, name
        excel = (built / "data" / "excel" / f"{name}-excel.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        assert "example" in excel, name
        sheet = next(s for s in workbook.worksheets if s.title.startswith(name[:31]))
        assert "example" in [c.value for c in next(sheet.iter_rows(max_row=1))], name
