"""``python -m styrmodell bench`` (``make bench``): how long a build takes, how much memory, how heavy the pages.

In one run it builds, each in its own process so that wall time, CPU time and peak RSS belong to that
build alone (``os.wait4`` gives the child's rusage):

1. the package (by default the one the settings name) cold, with an empty temporary chart cache,
   then warm, from the cache the cold build filled (``--cold`` leaves the warm build out);
2. bare Pelican (the same Pelican, its default theme) on a throwaway project with as many trivial
   Markdown pages as the warm build wrote;
3. Syntetkommun (``styrmodell.synth``) at each ``--scales`` N, cold.

It prints one table, the ratios warm/bare and, for each step of the series, time(N₂)/time(N₁) and the
same per doubling, ``(t₂/t₁) ** (log 2 / log(N₂/N₁))``, and which targets hold; the figures are written
to ``--json`` (default ``.cache/bench.json``) so two commits can be compared. Speed is measured here,
never asserted in tests.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .charts.render import chart_workers
from .pelican.run import read_settings
from .settings import package_directory, write_settings_file

KB = 1000
#: (key, text, limit): the targets of the issue; each figure must be at most its limit.
TARGETS = (
    ("warm_over_bare", "varmt / bar Pelican ≤ 1,5", 1.5),
    ("package_cold_s", "paketet kallt ≤ 8 s", 8.0),
    ("n10_cold_s", "N=10 kallt ≤ 60 s", 60.0),
    ("n10_rss_mib", "N=10 minne ≤ 1 GiB", 1024.0),
    ("worst_doubling", "tid per fördubbling ≤ 2,2", 2.2),
    ("page_gzip_median_kb", "mediansida ≤ 50 kB gzip", 50.0),
    ("page_gzip_max_kb", "största sida ≤ 150 kB gzip", 150.0),
)
#: The child's own peak RSS in KiB: VmHWM is reset at exec, whereas ``ru_maxrss`` also counts the parent's
#: memory at fork time. None where there is no /proc (then the rusage figure is used).
_PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
"""
_CHILD = (
    _PEAK
    + """
import json, sys
from pathlib import Path
from styrmodell.build import build
from styrmodell.charts.render import Renderer
settings, output, cache, workers, result = sys.argv[1:6]
renderer = Renderer(Path(cache), int(workers))
code = build(Path(settings), Path(output), renderer=renderer)
rendered = sum(1 for r in renderer.records if not r.cached)
heavy = [m for m in ("altair", "vl_convert", "frictionless", "pandas", "openpyxl") if m in sys.modules]
Path(result).write_text(json.dumps({"code": code, "charts_rendered": rendered, "peak_kib": peak_kib(),
    "cache_hits": len(renderer.records) - rendered, "imported": heavy}), encoding="utf-8")
sys.exit(code)
"""
)
_PELICAN = (
    _PEAK
    + """
import json, runpy, sys
result, sys.argv = sys.argv[1], ["pelican", *sys.argv[2:]]
try:
    runpy.run_module("pelican", run_name="__main__")
    code = 0
except SystemExit as stop:
    code = stop.code or 0
with open(result, "w", encoding="utf-8") as out:
    json.dump({"code": code, "peak_kib": peak_kib()}, out)
sys.exit(code)
"""
)


def measure(command: list[str], log: Path, result: Path, env: dict | None = None) -> dict:
    """Run ``command`` in a child process: its exit code, wall and CPU seconds, peak RSS (MiB) and what it
    wrote to ``result`` (a JSON object)."""
    started = time.perf_counter()
    with log.open("wb") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)  # noqa: S603 -- our own interpreter
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    recorded = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    peak = recorded.pop("peak_kib", None) or usage.ru_maxrss
    return {
        **recorded,
        "code": child.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mib": round(peak / 1024, 1),
    }


def page_weight(site: Path) -> dict:
    """HTML pages written, median and largest page in gzip bytes, and all JavaScript in bytes."""
    sizes = sorted(len(gzip.compress(p.read_bytes(), mtime=0)) for p in site.rglob("*.html"))
    return {
        "pages": len(sizes),
        "page_gzip_median": int(statistics.median(sizes)) if sizes else 0,
        "page_gzip_max": sizes[-1] if sizes else 0,
        "js_bytes": sum(p.stat().st_size for p in site.rglob("*.js")),
    }


def _settings_for(settings_file: Path, package: Path, work: Path) -> Path:
    """A settings file that is ``settings_file`` with the package replaced (absolute paths throughout)."""
    settings = read_settings(settings_file)
    return write_settings_file(
        work / f"conf-{package.name}.py",
        settings_file,
        package=package,
        PATH=str(settings["PATH"]),
        THEME=str(settings["THEME"]),
        # Every cache of the build (templates, files, search index) starts empty here, not in the project.
        STYRMODELL_CACHE=work / f"caches-{package.name}",
    )


def build_once(name: str, settings_file: Path, output: Path, *, cache: Path, workers: int, work: Path) -> dict:
    """One site build in a child process, with the renderer's records and the pages' weight."""
    result = work / f"{name}.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[1]), *sys.path]))
    command = [sys.executable, "-c", _CHILD, str(settings_file), str(output), str(cache), str(workers), str(result)]
    figures = {"name": name, **measure(command, work / f"{name}.log", result, env)}
    if figures["code"] != 0 or "charts_rendered" not in figures:
        raise RuntimeError(f"Bygget {name} misslyckades; se loggen:\n{(work / f'{name}.log').read_text('utf-8')}")
    return {**figures, **page_weight(output)}


def bare_pelican(pages: int, work: Path) -> dict:
    """Bare Pelican on ``pages`` trivial Markdown pages, measured like the builds."""
    project = work / "bare"
    content = project / "content" / "pages"
    content.mkdir(parents=True)
    for i in range(pages):
        (content / f"sida-{i:04d}.md").write_text(f"Title: Sida {i}\n\nEn enkel sida nummer {i}.\n", encoding="utf-8")
    (project / "conf.py").write_text(
        'SITENAME = "Bar Pelican"\nPATH = "content"\nTIMEZONE = "Europe/Stockholm"\nDEFAULT_LANG = "sv"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        encoding="utf-8",
    )
    output = project / "output"
    command = [sys.executable, "-c", _PELICAN, str(work / "bare.json"), str(project / "content")]
    command += ["-s", str(project / "conf.py"), "-o", str(output), "-q"]
    figures = {"name": "bar Pelican", **measure(command, work / "bare.log", work / "bare.json")}
    if figures["code"] != 0:
        raise RuntimeError(f"Bar Pelican misslyckades:\n{(work / 'bare.log').read_text('utf-8')}")
    return {**figures, "charts_rendered": 0, "cache_hits": 0, **page_weight(output)}


def ratios(builds: list[dict], series: list[dict]) -> dict:
    """Warm/bare and, per step of the synthetic series, the ratio of times and the same per doubling."""
    by_name = {b["name"]: b for b in builds}
    warm, bare = by_name.get("paketet varmt"), by_name.get("bar Pelican")
    steps = []
    for small, large in itertools.pairwise(series):
        ratio = large["wall_s"] / small["wall_s"]
        doubling = ratio ** (math.log(2) / math.log(large["scale"] / small["scale"]))
        steps.append({"from": small["scale"], "to": large["scale"], "ratio": round(ratio, 3),
                      "per_doubling": round(doubling, 3)})  # fmt: skip
    return {
        "warm_over_bare": round(warm["wall_s"] / bare["wall_s"], 3) if warm and bare else None,
        "steps": steps,
    }


def targets(builds: list[dict], series: list[dict], ratio: dict) -> list[dict]:
    """Each target with its figure (None when this run did not measure it) and whether it holds."""
    cold = next((b for b in builds if b["name"] == "paketet kallt"), None)
    ten = next((b for b in series if b["scale"] == 10), None)
    figure = {
        "warm_over_bare": ratio["warm_over_bare"],
        "package_cold_s": cold["wall_s"] if cold else None,
        "n10_cold_s": ten["wall_s"] if ten else None,
        "n10_rss_mib": ten["peak_rss_mib"] if ten else None,
        "worst_doubling": max((s["per_doubling"] for s in ratio["steps"]), default=None),
        "page_gzip_median_kb": round(cold["page_gzip_median"] / KB, 1) if cold else None,
        "page_gzip_max_kb": round(cold["page_gzip_max"] / KB, 1) if cold else None,
    }
    return [
        {"key": key, "text": text, "limit": limit, "value": figure[key],
         "holds": None if figure[key] is None else figure[key] <= limit}
        for key, text, limit in TARGETS
    ]  # fmt: skip


def report(figures: dict, out=None) -> None:
    """The figures as a short Swedish table (on standard output unless ``out`` is given)."""
    out = out or sys.stdout
    print(f"{'bygge':<18}{'vägg s':>8}{'cpu s':>8}{'RSS MiB':>9}{'sidor':>7}{'ritade':>7}{'cache':>7}"
          f"{'median gz':>10}{'max gz':>9}{'js B':>8}", file=out)  # fmt: skip
    for b in figures["builds"]:
        print(f"{b['name']:<18}{b['wall_s']:>8.2f}{b['cpu_s']:>8.2f}{b['peak_rss_mib']:>9.1f}{b['pages']:>7}"
              f"{b['charts_rendered']:>7}{b['cache_hits']:>7}{b['page_gzip_median']:>10}{b['page_gzip_max']:>9}"
              f"{b['js_bytes']:>8}", file=out)  # fmt: skip
    for b in figures["builds"]:
        if "imported" in b:
            print(
                f"{b['name']} importerade: {', '.join(b['imported']) or 'inget av altair, vl_convert, frictionless, pandas, openpyxl'}",
                file=out,
            )
    ratio = figures["ratios"]
    if ratio["warm_over_bare"] is not None:
        print(f"Varmt / bar Pelican: {ratio['warm_over_bare']:.2f}", file=out)
    for step in ratio["steps"]:
        print(f"Tid N={step['to']} / N={step['from']}: {step['ratio']:.2f} (per fördubbling {step['per_doubling']:.2f})",
              file=out)  # fmt: skip
    print("Mål:", file=out)
    for t in figures["targets"]:
        verdict = {True: "håller", False: "håller inte", None: "ej mätt"}[t["holds"]]
        value = "–" if t["value"] is None else f"{t['value']:g}"
        print(f"  {t['text']:<28} {value:>8}  {verdict}", file=out)


def write_json(figures: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _scales(text: str) -> list[int]:
    scales = sorted({int(part) for part in text.split(",") if part.strip()})
    if any(n < 1 for n in scales):
        raise ValueError(text)
    return scales


def bench(
    settings_file: Path,
    output: Path | None = None,
    *,
    cold: bool = False,
    workers: int | None = None,
    package: Path | None = None,
    json_file: Path = Path(".cache/bench.json"),
    scales: str = "1,2,5,10",
) -> int:
    from .synth import DEFAULT_SEED, synth

    try:
        series_scales = _scales(scales)
    except ValueError:
        print(f"--scales {scales!r} ska vara heltal från 1, skilda med komma, till exempel 1,2,5,10.", file=sys.stderr)
        return 1
    workers = workers or chart_workers(read_settings(settings_file))
    package = package or package_directory(read_settings(settings_file))
    builds, series = [], []
    with tempfile.TemporaryDirectory(prefix="styrmodell-bench-") as temporary:
        work = Path(temporary)
        conf = _settings_for(settings_file, package, work)
        site = Path(output).resolve() if output else work / "site"
        try:
            builds.append(build_once("paketet kallt", conf, site, cache=work / "cache", workers=workers, work=work))
            if not cold:
                builds.append(build_once("paketet varmt", conf, site, cache=work / "cache", workers=workers, work=work))
            builds.append(bare_pelican(builds[-1]["pages"], work))
            for n in series_scales:
                synth(n, work / f"synt-{n}", DEFAULT_SEED)
                conf_n = _settings_for(settings_file, work / f"synt-{n}", work)
                site_n, cache_n = work / f"site-{n}", work / f"cache-{n}"
                built = build_once(f"Syntetkommun N={n}", conf_n, site_n, cache=cache_n, workers=workers, work=work)
                series.append({**built, "scale": n})
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    ratio = ratios(builds, series)
    figures = {
        "package": str(package),
        "cpus": os.cpu_count(),
        "workers": workers,
        "builds": builds + series,
        "ratios": ratio,
        "targets": targets(builds, series, ratio),
    }
    report(figures)
    write_json(figures, json_file)
    print(f"Siffrorna finns i {json_file}.")
    return 0
