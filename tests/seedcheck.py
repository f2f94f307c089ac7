"""Whether a text reuses a sentence of the styrmodell seed: a run of 12 words, compared by digest.

Shared by the prose test (``unit/test_plain_language.py``) and the built-site test
(``site/test_karlskoga_site.py``).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHINGLES = REPO / "tests" / "fixtures" / "seed-shingles.txt"
CONTENT = REPO / "content"


def _load_shingle_module():
    path = REPO / "scripts" / "seed_shingles.py"
    spec = importlib.util.spec_from_file_location("seed_shingles", path)
    assert spec is not None, f"{path} saknas"
    assert spec.loader is not None, f"{path} saknas"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_shingle = _load_shingle_module()


@cache
def seed_digests() -> frozenset[str]:
    """The digests of the seed's 12-word runs, read from the fixture."""
    lines = SHINGLES.read_text(encoding="utf-8").split()
    return frozenset(lines)


def seed_overlaps(text: str) -> list[str]:
    """Return every normalised 12-word run of ``text`` that also occurs in the seed.

    Normalisation is the one used for the fixture: NFKC, lower case, word
    characters only (å, ä, ö included), whitespace collapsed. An empty list
    means the text shares no run of 12 consecutive words with the seed.
    """
    known = seed_digests()
    return [w for w in _shingle.windows(_shingle.normalise(text)) if _shingle.digest(w) in known]
