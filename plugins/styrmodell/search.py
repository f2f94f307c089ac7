"""The search page's fallback: every goal and styrmått page from A to Ö.

Full-text search on /sok/ is Pagefind (indexed after the build, run in the
browser). Without JavaScript the page still helps: it lists every goal and
styrmått, grouped by first letter in Swedish alphabetical order (… X Y Z Å Ä Ö),
so a reader can find a page with the browser's own find function.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from itertools import groupby
from pathlib import Path

from .formatting import swedish_sort_key
from .package.model import Styrmodell

__all__ = ["AZEntry", "AZGroup", "a_to_z", "build_index", "initial", "swedish_sort_key"]

DIGITS_GROUP = "0–9"


@dataclass(frozen=True, slots=True)
class AZEntry:
    """One page in the A–Ö list."""

    title: str
    url: str
    kind: str  # what the page is, e.g. "Nämndmål" or "Styrmått"
    example: bool
    retired: bool = False


@dataclass(frozen=True, slots=True)
class AZGroup:
    letter: str
    entries: tuple[AZEntry, ...]


def initial(text: str) -> str:
    """The heading a title is listed under: its first letter in upper case, or "0–9"."""
    first = text.strip()[:1].upper()
    if first.isdigit():
        return DIGITS_GROUP
    return first.translate(str.maketrans("ÁÀÂÉÈÊËÍÌÎÏÓÒÔÚÙÛÝÜ", "AAAEEEEIIIIOOOUUUYY")) or "–"


def a_to_z(model: Styrmodell, goal_url, indicator_url) -> tuple[AZGroup, ...]:
    """Every goal and styrmått page, grouped by initial and sorted the Swedish way."""
    entries = [
        AZEntry(
            title=g.title,
            url=goal_url(g.id),
            kind=model.level(g.level).name,
            example=g.example,
            retired=model.is_retired(g),
        )
        for g in model.goals
    ]
    entries += [
        AZEntry(title=i.name, url=indicator_url(i.id), kind="Styrmått", example=i.example) for i in model.indicators
    ]
    entries.sort(key=lambda e: (_group_key(initial(e.title)), swedish_sort_key(e.title), e.url))
    return tuple(
        AZGroup(letter=letter, entries=tuple(group))
        for letter, group in groupby(entries, key=lambda e: initial(e.title))
    )


def _group_key(letter: str) -> tuple[int, tuple[str, str]]:
    return (0 if letter == DIGITS_GROUP else 1, swedish_sort_key(letter))


#: Left out of the index: column headings repeat on every page and glue together in excerpts
#: ("MålAnsvarigBeräknad status"). Pages opt in with data-pagefind-body (on <main> in base.html).
EXCLUDE = "thead"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


def index_key(site: Path) -> str:
    """What the index depends on: Pagefind's version, how it is run, and every page's path and bytes."""
    digest = hashlib.sha256(f"{metadata.version('pagefind')}|{EXCLUDE}|".encode())
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        digest.update(f"|{page.relative_to(site).as_posix()}|{len(data)}|".encode())
        digest.update(data)
    return digest.hexdigest()


def build_index(site: Path, cache: Path | None = None) -> Path:
    """Index the built ``site`` with Pagefind (writes ``site/pagefind/``) and return that folder.

    Runs ``python -m pagefind`` from this interpreter, so the pinned ``pagefind[bin]``
    in the same environment is used. Raises :class:`SearchIndexError` with the
    tool's own output when indexing fails, so that the caller can keep the old site.
    With a ``cache`` folder, an index of exactly the same pages (:func:`index_key`) is
    copied from there instead of being built again: Pagefind writes the same bytes for them.
    """
    bundle = site / "pagefind"
    stored = cache / index_key(site) if cache is not None else None
    if stored is not None and (stored / "pagefind.js").is_file():
        shutil.copytree(stored, bundle)
        return bundle
    _run_pagefind(site)
    if stored is not None:
        temporary = stored.with_name(f".{stored.name}.tmp")
        try:
            shutil.rmtree(temporary, ignore_errors=True)
            shutil.copytree(bundle, temporary)
            temporary.rename(stored)
        except OSError:  # another build stored it first, or the cache cannot be written: only costs time
            shutil.rmtree(temporary, ignore_errors=True)
    return bundle


def _run_pagefind(site: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet", "--exclude-selectors", EXCLUDE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as error:
        msg = f"Pagefind gick inte att köra ({error}). Installera beroendena igen med `make site`."
        raise SearchIndexError(msg) from error
    if done.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        output = (done.stderr or done.stdout).strip()
        msg = f"Pagefind kunde inte bygga sökindexet (kod {done.returncode}): {output}"
        raise SearchIndexError(msg)
