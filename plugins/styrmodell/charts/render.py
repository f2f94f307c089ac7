"""Rendering: Vega-Lite specs to accessible inline SVG (and PNG) with vl-convert, cached on disk, then to files.

:class:`Renderer` renders a batch of drafts in one call (:meth:`Renderer.render_many`):
each chart once, looked up first in a cache keyed by its recipe's fingerprint
(:func:`cache_key`: so a rebuild with unchanged data renders nothing and builds
no spec), the misses in this process or in a *spawn* process pool. The build creates one renderer from the Pelican settings
(:func:`renderer_from_settings`) and hands it to the generators under
``STYRMODELL_RENDERER``. No Pelican import here.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from ..cache import FileCache
from ..settings import build_cache, project_directory
from .chart import NARROW, WIDE, Chart, Draft

#: Bump when post-processing or the rendering call changes, so old cache entries are not reused.
RENDER_VERSION = "1"
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def _style_to_attributes(match: re.Match) -> str:
    """``style="fill: red; opacity: 0.5"`` → ``fill="red" opacity="0.5"`` (the CSP forbids style attributes)."""
    parts = []
    for declaration in match.group(1).split(";"):
        if ":" in declaration:
            name, value = (p.strip() for p in declaration.split(":", 1))
            if re.fullmatch(r"[a-z-]+", name) and '"' not in value:
                parts.append(f' {name}="{value}"')
    return "".join(parts)


def accessible_svg(svg: str, key: str, title: str, summary: str) -> str:
    """Make vl-convert's SVG fit for a strict-CSP, accessible page.

    Removes the generated English role/aria attributes and any ``style`` attribute, prefixes every id
    with ``key`` (so several charts on one page never collide), and gives the root ``role="img"``
    with a Swedish ``<title>`` and ``<desc>`` that ``aria-labelledby``/``aria-describedby`` point to.
    """
    svg = _ARIA.sub("", svg)
    svg = _STYLE.sub(_style_to_attributes, svg)
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{old}"', f'id="{key}-{old}"')
        svg = svg.replace(f"url(#{old})", f"url(#{key}-{old})").replace(f'href="#{old}"', f'href="#{key}-{old}"')
    head, rest = svg.split(">", 1)
    head += f' role="img" aria-labelledby="{key}-titel" aria-describedby="{key}-beskrivning" focusable="false">'
    return (
        f'{head}<title id="{key}-titel">{html.escape(title)}</title>'
        f'<desc id="{key}-beskrivning">{html.escape(summary)}</desc>{rest}'
    )


#: The modules whose code decides what a recipe's specs look like (status words and symbols, number formats
#: and the model's derived properties such as a unit's title included): a change to any of them is a new cache.
_SPEC_SOURCES = (
    "chart.py",
    "describe.py",
    "money_specs.py",
    "specs.py",
    "theme.py",
    "../formatting.py",
    "../fulfilment.py",
    "../package/model.py",
    "../package/units.py",
)


@functools.cache
def render_salt() -> str:
    """What every cache key also depends on: the versions of Altair and vl-convert, :data:`RENDER_VERSION`
    and the source of the modules that build specs (so editing a chart never reuses an old image)."""
    here = Path(__file__).parent
    sources = hashlib.sha256(b"".join((here / name).read_bytes() for name in _SPEC_SOURCES)).hexdigest()
    return f"{metadata.version('altair')}|{metadata.version('vl-convert-python')}|{RENDER_VERSION}|{sources}|"


def cache_key(draft: Draft, variant: str) -> str:
    """Where ``draft``'s ``variant`` lies in the cache: from its recipe's fingerprint, not from the spec,
    so a cached chart is found without building its spec."""
    text = f"{render_salt()}{draft.fingerprint}|{variant}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _spec_json(draft: Draft, variant: str) -> str:
    return json.dumps(draft.specs[variant])


def _rasterise(svg: str) -> bytes:
    """An SVG the build wrote itself as PNG at twice its size (in this process or a spawned worker)."""
    import vl_convert as vlc

    return vlc.svg_to_png(svg, scale=2)


def _render_raw(spec_json: str, png: bool) -> tuple[str, bytes]:
    """Render one spec; runs in this process or in a spawned worker (never a forked one)."""
    import vl_convert as vlc

    spec = json.loads(spec_json)
    svg = vlc.vegalite_to_svg(spec)
    return svg, (vlc.svg_to_png(svg, scale=2) if png else b"")


@dataclass(frozen=True)
class RenderRecord:
    path: str
    variant: str
    cached: bool
    seconds: float


class Renderer:
    """Renders specs to SVG (and PNG for the wide variant), with an on-disk cache keyed by :func:`cache_key`.

    ``workers`` > 1 renders the misses of a batch in a *spawn* process pool (vl-convert hangs in a
    forked one); with fewer than ``min_batch`` misses rendering stays in this process, where it is faster.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        workers: int = 1,
        min_batch: int = 12,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.store = FileCache(cache_dir)
        self.workers = workers
        self.min_batch = min_batch
        #: Called with (rendered so far, to render) after each render (see ``styrmodell.progress``).
        self.progress = progress or (lambda done, total: None)
        self.records: list[RenderRecord] = []
        self._pool: ProcessPoolExecutor | None = None

    def _pool_for(self, misses: int) -> ProcessPoolExecutor | None:
        """The process pool for ``misses`` renders, or None to render in this process.

        One pool serves every batch of the build (its workers start their engine once): it is started
        for the first batch of at least ``min_batch`` misses, and once started, also takes smaller ones.
        """
        if self._pool is None and self.workers > 1 and misses >= self.min_batch:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool if misses else None

    def close(self) -> None:
        """Stop the pool, if one was started (the build calls this when it is done)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _cached(self, digest: str) -> tuple[str, bytes] | None:
        svg, png = self.store.find(f"{digest}.svg"), self.store.find(f"{digest}.png")
        return (svg.decode("utf-8"), png) if svg is not None and png is not None else None

    def _store(self, digest: str, svg: str, png: bytes) -> None:
        self.store.put(f"{digest}.png", png)
        self.store.put(f"{digest}.svg", svg.encode("utf-8"))  # last: an entry counts once its SVG is there

    def _render(self, misses: Sequence[str], jobs: Mapping[str, tuple[Draft, str]]) -> dict[str, tuple[str, bytes]]:
        """Render the ``misses`` (cache keys into ``jobs``), each spec built just before it is handed on.

        In a pool, the workers render the first specs while this process builds the next ones.
        """
        done: dict[str, tuple[str, bytes]] = {}
        total = len(misses)
        pool = self._pool_for(total)
        if pool is not None:
            started = time.perf_counter()
            futures = {d: pool.submit(_render_raw, _spec_json(*jobs[d]), jobs[d][1] == WIDE) for d in misses}
            for count, (digest, future) in enumerate(futures.items(), 1):
                done[digest] = future.result()
                self.progress(count, total)
            each = (time.perf_counter() - started) / total
            for digest in misses:
                self.records.append(RenderRecord(jobs[digest][0].path, jobs[digest][1], False, each))
            return done
        for count, digest in enumerate(misses, 1):
            started = time.perf_counter()
            done[digest] = _render_raw(_spec_json(*jobs[digest]), jobs[digest][1] == WIDE)
            self.records.append(
                RenderRecord(jobs[digest][0].path, jobs[digest][1], False, time.perf_counter() - started)
            )
            self.progress(count, total)
        return done

    def rasterise_many(self, images: Sequence[tuple[str, str]]) -> list[bytes]:
        """The PNG of each ``(path, svg)``, at twice the SVG's size, in order; cached by the SVG's digest.

        For pictures drawn as SVG by hand (the share cards), which need no Vega-Lite: rasterising one
        costs a fifth of rendering a spec. Misses go to the pool like the charts'.
        """
        keys = [hashlib.sha256(f"{render_salt()}png|{svg}".encode()).hexdigest()[:32] for _, svg in images]
        done: dict[str, bytes] = {}
        misses: dict[str, tuple[str, str]] = {}
        for key, (path, svg) in zip(keys, images, strict=True):
            if key in done or key in misses:
                continue
            stored = self.store.find(f"{key}.png")
            if stored is not None:
                done[key] = stored
                self.records.append(RenderRecord(path, "png", True, 0.0))
            else:
                misses[key] = (path, svg)
        started = time.perf_counter()
        pool = self._pool_for(len(misses))
        if pool is not None:
            futures = {key: pool.submit(_rasterise, svg) for key, (_, svg) in misses.items()}
            for count, (key, future) in enumerate(futures.items(), 1):
                done[key] = future.result()
                self.progress(count, len(misses))
        else:
            for count, (key, (_, svg)) in enumerate(misses.items(), 1):
                done[key] = _rasterise(svg)
                self.progress(count, len(misses))
        each = (time.perf_counter() - started) / len(misses) if misses else 0.0
        for key, (path, _) in misses.items():
            self.records.append(RenderRecord(path, "png", False, each))
            self.store.put(f"{key}.png", done[key])
        return [done[key] for key in keys]

    def render_many(self, drafts: Sequence[Draft]) -> list[Chart]:
        """Every draft rendered, in order: both variants as accessible SVG, the wide one also as PNG."""
        jobs = {}  # cache key -> (draft, variant); the spec is built only for a miss
        for draft in drafts:
            for variant in (WIDE, NARROW):
                jobs.setdefault(cache_key(draft, variant), (draft, variant))
        done: dict[str, tuple[str, bytes]] = {}
        misses = []
        for digest, (draft, variant) in jobs.items():
            cached = self._cached(digest)
            if cached is None:
                misses.append(digest)
            else:
                done[digest] = cached
                self.records.append(RenderRecord(draft.path, variant, True, 0.0))
        done.update(self._render(misses, jobs))
        for digest in misses:
            self._store(digest, *done[digest])
        rendered = []
        for draft in drafts:
            wide_svg, png = done[cache_key(draft, WIDE)]
            narrow_svg, _ = done[cache_key(draft, NARROW)]
            # The SVG comes from vl-convert rendering our own spec; accessible_svg escapes title and summary.
            title, summary = draft.alternative
            rendered.append(
                Chart.of(
                    draft,
                    svg=Markup(accessible_svg(wide_svg, draft.key, title, summary)),  # noqa: S704
                    svg_narrow=Markup(accessible_svg(narrow_svg, f"{draft.key}-smal", title, summary)),  # noqa: S704
                    png=png,
                )
            )
        return rendered


#: At most this many render processes, however many cores: each one starts its own engine (about 0.8 s).
MAX_WORKERS = 4


def chart_workers(settings: Mapping) -> int:
    """``STYRMODELL_CHART_WORKERS``: a number, or ``"auto"`` (the default): one process per core this
    process may use, at most :data:`MAX_WORKERS`. A pool is started only for a batch of at least
    ``Renderer.min_batch`` misses, so a warm rebuild never starts one."""
    value = settings.get("STYRMODELL_CHART_WORKERS", "auto")
    if value != "auto":
        return max(1, int(value))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def renderer_from_settings(settings: Mapping) -> Renderer:
    """A renderer as the Pelican settings ask.

    ``STYRMODELL_CHART_CACHE`` is the cache folder (default ``charts`` in the build's cache folder,
    :func:`styrmodell.settings.build_cache`; a relative path is taken from the project folder; ``None``
    turns the cache off); :func:`chart_workers` gives the size of the process pool.
    """
    if "STYRMODELL_CHART_CACHE" not in settings:
        cache: Path | None = build_cache(settings, "charts")
    elif settings["STYRMODELL_CHART_CACHE"] is None:
        cache = None
    else:
        cache = project_directory(settings) / settings["STYRMODELL_CHART_CACHE"]
    return Renderer(cache, chart_workers(settings))
