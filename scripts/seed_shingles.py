"""Write hashed 12-word shingles of the styrmodell seed to a test fixture.

The seed document (the municipality's styrmodell from 2015) gives the site its
facts, but its sentences must not appear on the site. The repository must not
hold the seed's text either, so this script stores only a short SHA-256 digest
of every run of WINDOW consecutive words. ``tests/test_plain_language.py``
compares the site's text with these digests.

Usage (from the repository root)::

    python3 scripts/seed_shingles.py [SEED] [OUT]

SEED defaults to ``../shared/seed/karlskoga-styrmodell-2015.txt`` beside the
repository and OUT to ``tests/fixtures/seed-shingles.txt``. Only the text after
the line ``Transkript:`` is used; everything before it is unrelated.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

WINDOW = 12
DIGEST_CHARS = 16
MARKER = "Transkript:"

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO.parent / "shared" / "seed" / "karlskoga-styrmodell-2015.txt"
DEFAULT_OUT = REPO / "tests" / "fixtures" / "seed-shingles.txt"

_WORD = re.compile(r"\w+")
# Page footers such as "3 (11)" sit in the middle of sentences in the transcript.
_PAGE_FOOTER = re.compile(r"\b\d{1,2} \(11\)")


def normalise(text: str) -> list[str]:
    """Return the words of ``text``: NFKC, lower case, word characters only.

    ``\\w`` is Unicode-aware, so å, ä and ö are kept; punctuation, hyphens and
    Markdown syntax become word breaks, and any run of whitespace counts once.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def windows(words: list[str], size: int = WINDOW) -> Iterable[str]:
    """Yield every run of ``size`` consecutive words, joined by one space."""
    for start in range(len(words) - size + 1):
        yield " ".join(words[start : start + size])


def digest(window: str) -> str:
    """Short SHA-256 hex digest of one normalised word window."""
    return hashlib.sha256(window.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def transcript(raw: str) -> str:
    """The part of the seed file after the line ``Transkript:``."""
    _, found, after = raw.partition(MARKER)
    if not found:
        msg = f"Raden {MARKER!r} finns inte i filen: kan inte hitta transkriptet."
        raise ValueError(msg)
    return _PAGE_FOOTER.sub(" ", after)


def shingles(text: str) -> list[str]:
    """Sorted, unique digests of every word window of ``text``."""
    return sorted({digest(w) for w in windows(normalise(text))})


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    digests = shingles(transcript(seed.read_text(encoding="utf-8")))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(d + "\n" for d in digests), encoding="utf-8")
    print(f"{len(digests)} shingles skrivna till {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
