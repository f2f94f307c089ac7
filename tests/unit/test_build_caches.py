"""What a rebuild may skip, and that skipping never shows stale output.

Charts are found in the render cache by their recipe's fingerprint (no spec is built
for a hit), the workbook download and the search index are reused when their inputs
are byte for byte the same, and a warm build imports none of the slow libraries.
"""

from __future__ import annotations

import enum
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from conftest import KARLSKOGA, KARLSKOGA_2022, MINI, ROOT, build_site
from styrmodell import views
from styrmodell.cache import FileCache, key
from styrmodell.charts import describe, specs
from styrmodell.charts.chart import Draft, Recipe, canonical, fingerprint
from styrmodell.charts.render import NARROW, WIDE, Renderer, cache_key
from styrmodell.package import load_package
from styrmodell.package.model import ROW_CLASSES, Styrmodell
from styrmodell.progress import Progress
from styrmodell.search import build_index, index_key
from styrmodell.settings import Settings


class Colour(enum.Enum):
    RED = "röd"


@dataclass(frozen=True)
class Row:
    year: int
    value: float | None
    when: date


def test_canonical_data_is_plain_json_and_refuses_what_it_cannot_see_into():
    row = Row(2024, 1.5, date(2024, 12, 31))
    data = canonical((row, Colour.RED, {"b": 1, "a": 2}, {3, 1}))
    assert json.loads(json.dumps(data)) == data
    assert data[0] == {"~": "Row", "year": 2024, "value": 1.5, "when": "2024-12-31"}
    assert data[1] == "röd"
    with pytest.raises(TypeError):
        canonical(object())


def test_a_fingerprint_changes_with_any_input_and_only_then():
    row = Row(2024, 1.5, date(2024, 12, 31))
    assert fingerprint(row) == fingerprint(Row(2024, 1.5, date(2024, 12, 31)))
    assert fingerprint(row) != fingerprint(replace(row, value=1.6))
    assert fingerprint(row) != fingerprint(replace(row, value=None))
    assert fingerprint({"a": 1}) != fingerprint({"a": "1"})


def site_drafts(model: Styrmodell) -> list[Draft]:
    year = model.latest_period().year
    drafts = []
    for ind in model.indicators:
        view = views.indicator_view(model, ind, year, Settings())
        series = specs.indicator_series(view, model.comparisons_of(ind.id))
        drafts.append(describe.indicator_draft(series, f"styrmatt/{ind.id}/diagram", until=year))
    if model.planning:
        drafts.append(describe.planning_draft(model.planning, 8, "styrmodell/arshjul"))
    names = {o.id: o.name for o in model.organisation}
    if model.budget:
        drafts.append(describe.budget_draft(model.budget, names))
    return drafts


@pytest.mark.parametrize("package", [MINI, KARLSKOGA_2022], ids=["mini", "karlskoga-2022"])
def test_one_cache_key_never_stands_for_two_different_specs(package):
    """The cache is keyed without building specs; the key must still tell every different spec apart."""
    seen: dict[str, str] = {}
    model = load_package(package)
    drafts = site_drafts(model)
    for draft in drafts:
        for variant in (WIDE, NARROW):
            spec = json.dumps(draft.specs[variant], sort_keys=True)
            assert seen.setdefault(cache_key(draft, variant), spec) == spec, draft.key
    assert len(seen) == 2 * len(drafts)


def test_a_changed_result_gives_its_chart_a_new_key_and_leaves_the_others():
    model = load_package(MINI)
    year = model.latest_period().year

    def keys(m: Styrmodell) -> dict[str, str]:
        return {
            ind.id: cache_key(
                describe.indicator_draft(
                    specs.indicator_series(views.indicator_view(m, ind, year, Settings()), m.comparisons_of(ind.id)),
                    f"styrmatt/{ind.id}/diagram",
                    until=year,
                ),
                WIDE,
            )
            for ind in m.indicators
        }

    result = next(r for r in model.results if r.value is not None)
    rows = {name: getattr(model, name) for name in ROW_CLASSES if name != "municipality"}
    rows["municipality"] = (model.municipality,)
    rows["results"] = tuple(replace(r, value=r.value + 1) if r is result else r for r in model.results)
    before, after = keys(model), keys(Styrmodell.from_rows(rows))
    assert [i for i in before if before[i] != after[i]] == [result.indicator]


def test_a_cached_chart_is_rendered_without_building_its_spec(tmp_path):
    spec = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    built = []

    def build():
        built.append(1)
        return {WIDE: spec, NARROW: spec}

    def draft() -> Draft:
        return Draft(key="d", path="p/diagram", title="T", summary="S", recipe=Recipe(build, "fp"), table=None, csv="")

    Renderer(tmp_path).render_many([draft()])
    assert built == [1]
    again = Renderer(tmp_path)
    chart = again.render_many([draft()])[0]
    assert built == [1], "a cache hit must not build the spec"
    assert all(r.cached for r in again.records)
    assert chart.png.startswith(b"\x89PNG")


def test_the_file_cache_makes_once_and_keys_on_every_byte(tmp_path):
    made = []

    def make():
        made.append(1)
        return b"workbook"

    cache = FileCache(tmp_path / "files")
    k = key("xlsx", {"name": "p"}, {"a.csv": b"1"}, sources=[Path(__file__)], libraries=["openpyxl"])
    assert cache.get(k, make) == cache.get(k, make) == b"workbook"
    assert made == [1]
    assert k != key("xlsx", {"name": "p"}, {"a.csv": b"2"}, sources=[Path(__file__)], libraries=["openpyxl"])
    assert k != key("xlsx", {"name": "q"}, {"a.csv": b"1"}, sources=[Path(__file__)], libraries=["openpyxl"])
    assert FileCache(None).get(k, make) == b"workbook"
    assert made == [1, 1]


def test_a_reused_search_index_is_the_index_pagefind_writes(tmp_path):
    def site(name: str, text: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="sv"><head><title>T</title></head><body data-pagefind-body><p>{text}</p></body></html>',
            encoding="utf-8",
        )
        return folder

    cache = tmp_path / "search"
    fresh, first, second = site("fresh", "skolor"), site("first", "skolor"), site("second", "skolor")
    build_index(fresh)
    build_index(first, cache)
    assert (cache / index_key(first)).is_dir()
    build_index(second, cache)

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(second / "pagefind") == files(first / "pagefind") == files(fresh / "pagefind")
    assert index_key(site("other", "äldreomsorg")) != index_key(first)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_couple_of_seconds_and_never_in_ci():
    now = [0.0]
    shown = Terminal()
    progress = Progress(shown, environ={}, clock=lambda: now[0])
    progress.charts(1, 88)
    assert shown.getvalue() == ""  # a quick build prints nothing more than before
    now[0] = 3.0
    progress.charts(2, 88)
    progress.page()
    progress.done()
    assert shown.getvalue() == "\rRitar diagram 2/88\x1b[K\rSkriver sidor: 1\x1b[K\n"
    for stream, environ in ((Terminal(), {"CI": "true"}), (io.StringIO(), {})):
        quiet = Progress(stream, environ=environ, clock=lambda: 10.0)
        quiet.charts(1, 2)
        quiet.done()
        assert stream.getvalue() == ""


def test_a_warm_build_imports_none_of_the_slow_libraries(tmp_path):
    """Everything unchanged: no Altair, vl-convert, frictionless, pandas or openpyxl in the process."""
    output = build_site(MINI, tmp_path / "output")
    settings = tmp_path / "output-conf.py"
    probe = (
        "import sys; from pathlib import Path; from styrmodell.build import build\n"
        f"code = build(Path({str(settings)!r}), Path({str(output)!r}))\n"
        "slow = [m for m in ('altair', 'vl_convert', 'frictionless', 'pandas', 'openpyxl') if m in sys.modules]\n"
        "print('SLOW', slow); sys.exit(code)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "SLOW []" in done.stdout


def test_hand_drawn_svg_is_rasterised_once_at_twice_its_size(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" fill="#fff"/></svg>'
    other = svg.replace("#fff", "#000")
    first = Renderer(tmp_path)
    pngs = first.rasterise_many([("a/bild", svg), ("b/bild", other), ("c/bild", svg)])
    assert [r.cached for r in first.records] == [False, False]  # the same picture twice is rasterised once
    assert pngs[0] == pngs[2] != pngs[1]
    width, height = int.from_bytes(pngs[0][16:20], "big"), int.from_bytes(pngs[0][20:24], "big")
    assert (width, height) == (120, 60)
    again = Renderer(tmp_path)
    assert again.rasterise_many([("a/bild", svg)]) == [pngs[0]]
    assert [r.cached for r in again.records] == [True]
    pool = Renderer(None, workers=2, min_batch=1).rasterise_many([("a/bild", svg), ("b/bild", other)])
    assert pool == pngs[:2]


def test_a_verified_snapshot_is_not_checked_by_frictionless_again(monkeypatch):
    """A snapshot whose files match its manifest is the package freeze checked in full; the live one is checked."""
    from styrmodell import snapshots
    from styrmodell.package import loader

    checked = []
    monkeypatch.setattr(loader, "frictionless_problems", lambda directory, descriptor: checked.append(directory) or [])
    frozen = snapshots.load_all(KARLSKOGA)
    assert frozen, "the live package has at least one snapshot"
    assert checked == []
    loader.load(KARLSKOGA)
    assert checked == [KARLSKOGA]
