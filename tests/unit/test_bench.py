"""The benchmark's report and JSON on made-up figures (no timing: speed is measured by ``make bench``)."""

from __future__ import annotations

import io
import json

from styrmodell.bench import ratios, report, targets, write_json


def build(name, wall, rss=100.0, pages=10, rendered=0, hits=0, median=2000, largest=9000, scale=None):
    figures = {"name": name, "code": 0, "wall_s": wall, "cpu_s": wall - 0.5, "peak_rss_mib": rss, "pages": pages,
               "charts_rendered": rendered, "cache_hits": hits, "page_gzip_median": median,
               "page_gzip_max": largest, "js_bytes": 1234}  # fmt: skip
    return figures if scale is None else {**figures, "scale": scale}


def figures():
    builds = [build("paketet kallt", 10.0, rendered=8), build("paketet varmt", 3.0, hits=8), build("bar Pelican", 1.0)]
    series = [build("Syntetkommun N=1", 5.0, scale=1), build("Syntetkommun N=2", 11.0, scale=2),
              build("Syntetkommun N=10", 80.0, rss=1100.0, largest=160_000, scale=10)]  # fmt: skip
    ratio = ratios(builds, series)
    return {"builds": builds + series, "ratios": ratio, "targets": targets(builds, series, ratio)}


def test_ratios_per_step_and_per_doubling():
    ratio = figures()["ratios"]
    assert ratio["warm_over_bare"] == 3.0
    assert ratio["steps"] == [
        {"from": 1, "to": 2, "ratio": 2.2, "per_doubling": 2.2},
        # 80 / 11 over a factor 5: (80 / 11) ** (log 2 / log 5) = 2.3503
        {"from": 2, "to": 10, "ratio": 7.273, "per_doubling": 2.35},
    ]


def test_which_targets_hold():
    verdicts = {t["key"]: (t["value"], t["holds"]) for t in figures()["targets"]}
    assert verdicts == {
        "warm_over_bare": (3.0, False),
        "package_cold_s": (10.0, False),
        "n10_cold_s": (80.0, False),
        "n10_rss_mib": (1100.0, False),
        "worst_doubling": (2.35, False),
        "page_gzip_median_kb": (2.0, True),
        "page_gzip_max_kb": (9.0, True),
    }


def test_a_target_not_measured_is_said_to_be_so():
    builds = [build("paketet kallt", 5.0), build("bar Pelican", 1.0)]
    ratio = ratios(builds, [])
    held = {t["key"]: t["holds"] for t in targets(builds, [], ratio)}
    assert held == {"warm_over_bare": None, "package_cold_s": True, "n10_cold_s": None, "n10_rss_mib": None,
                    "worst_doubling": None, "page_gzip_median_kb": True, "page_gzip_max_kb": True}  # fmt: skip


def test_the_report_is_one_short_table():
    out = io.StringIO()
    report(figures(), out)
    assert out.getvalue() == (
        "bygge               vägg s   cpu s  RSS MiB  sidor ritade  cache median gz   max gz    js B\n"
        "paketet kallt        10.00    9.50    100.0     10      8      0      2000     9000    1234\n"
        "paketet varmt         3.00    2.50    100.0     10      0      8      2000     9000    1234\n"
        "bar Pelican           1.00    0.50    100.0     10      0      0      2000     9000    1234\n"
        "Syntetkommun N=1      5.00    4.50    100.0     10      0      0      2000     9000    1234\n"
        "Syntetkommun N=2     11.00   10.50    100.0     10      0      0      2000     9000    1234\n"
        "Syntetkommun N=10    80.00   79.50   1100.0     10      0      0      2000   160000    1234\n"
        "Varmt / bar Pelican: 3.00\n"
        "Tid N=2 / N=1: 2.20 (per fördubbling 2.20)\n"
        "Tid N=10 / N=2: 7.27 (per fördubbling 2.35)\n"
        "Mål:\n"
        "  varmt / bar Pelican ≤ 1,5           3  håller inte\n"
        "  paketet kallt ≤ 8 s                10  håller inte\n"
        "  N=10 kallt ≤ 60 s                  80  håller inte\n"
        "  N=10 minne ≤ 1 GiB               1100  håller inte\n"
        "  tid per fördubbling ≤ 2,2        2.35  håller inte\n"
        "  mediansida ≤ 50 kB gzip             2  håller\n"
        "  största sida ≤ 150 kB gzip          9  håller\n"
    )


def test_the_json_file_has_every_figure(tmp_path):
    data = figures()
    write_json(data, tmp_path / "ny" / "bench.json")
    assert json.loads((tmp_path / "ny" / "bench.json").read_text(encoding="utf-8")) == data
