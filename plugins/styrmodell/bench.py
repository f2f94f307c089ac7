"""``python -m styrmodell bench``: build the site and report chart renders, cache hits and timings.

A rebuild with unchanged data must render 0 charts: every chart then comes from the
cache under ``.cache/charts/``. ``--cold`` builds with an empty, temporary cache to
measure rendering itself; ``--workers`` sets the size of the spawn process pool.
The benchmark makes the build's renderer itself and reports from its records.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .build import build
from .charts.render import Renderer, RenderRecord, renderer_from_settings
from .pelican.run import read_settings
from .settings import project_directory


def bench(settings_file: Path, output: Path | None = None, cold: bool = False, workers: int | None = None) -> int:
    settings = read_settings(settings_file)
    configured = renderer_from_settings(settings, project_directory(settings))
    with tempfile.TemporaryDirectory(prefix="styrmodell-bench-") as empty:
        renderer = Renderer(
            Path(empty) if cold else configured.cache_dir, workers if workers is not None else configured.workers
        )
        started = time.perf_counter()
        code = build(settings_file, output, renderer=renderer)
        seconds = time.perf_counter() - started
    if code != 0:
        return code
    report(renderer, seconds)
    return 0


def report(renderer: Renderer, build_seconds: float, out=sys.stdout) -> None:
    per_chart: dict[str, list[RenderRecord]] = defaultdict(list)
    for record in renderer.records:
        per_chart[record.path].append(record)
    rendered = sum(1 for r in renderer.records if not r.cached)
    hits = sum(1 for r in renderer.records if r.cached)
    render_seconds = sum(r.seconds for r in renderer.records)
    print(f"Bygget tog {build_seconds:.2f} s.", file=out)
    print(f"Diagram: {len(per_chart)} ({len(renderer.records)} renderingar: bred och smal variant).", file=out)
    print(f"Renderade nu: {rendered}. Från cachen: {hits}. Cache: {renderer.cache_dir or 'av'}.", file=out)
    print(f"Renderingstid totalt: {render_seconds:.2f} s, {renderer.workers} processer.", file=out)
    print("Renderingstid per diagram (ms, bred + smal; 0 = från cachen):", file=out)
    for path, records in sorted(per_chart.items(), key=lambda kv: -sum(r.seconds for r in kv[1])):
        status = "cache" if all(r.cached for r in records) else "renderat"
        print(f"  {sum(r.seconds for r in records) * 1000:8.1f}  {status:8}  {path}", file=out)
