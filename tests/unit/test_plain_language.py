"""The site's prose must not reuse sentences from the styrmodell seed.

The seed (Karlskoga kommuns styrmodell, 2015) gives the facts; the sentences on
this site are written for the site. ``scripts/seed_shingles.py`` stored a short
SHA-256 digest of every run of 12 consecutive words of the seed in
``tests/fixtures/seed-shingles.txt``; the seed's text itself is not in the
repository, so these tests run in a fresh clone without ``../shared``.

``seed_overlaps`` can be reused on any text, for example the text of built HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from seedcheck import CONTENT, REPO, SHINGLES, _shingle, seed_overlaps

_MD_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def markdown_text(source: str) -> str:
    """Markdown source without link targets, so a URL cannot split a copied run."""
    return _MD_LINK_TARGET.sub("]", source)


def content_files() -> list[Path]:
    return sorted([*CONTENT.glob("**/*.md"), *(REPO / "kommuner").glob("*/content/**/*.md")])


def test_fixture_holds_digests_only():
    lines = SHINGLES.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1000, "fixturen verkar tom: kör scripts/seed_shingles.py"
    assert lines == sorted(set(lines)), "fixturen ska vara sorterad och utan dubbletter"
    pattern = re.compile(rf"^[0-9a-f]{{{_shingle.DIGEST_CHARS}}}$")
    bad = [line for line in lines if not pattern.match(line)]
    assert not bad, f"rader som inte är hexadecimala digests: {bad[:3]}"


def test_there_are_content_pages():
    assert content_files(), f"inga Markdown-filer under {CONTENT}"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_content_does_not_copy_the_seed(path: Path):
    overlaps = seed_overlaps(markdown_text(path.read_text(encoding="utf-8")))
    assert not overlaps, (
        f"{path.relative_to(REPO)} återanvänder {len(overlaps)} ordföljder om 12 ord "
        f"från styrmodellen 2015, till exempel: {overlaps[0]!r}. Skriv om meningen med egna ord."
    )


# One run of 12 consecutive words from the seed (the only quotation kept in the
# repository): it proves that the checker can fail.
SEED_QUOTE = "ett styrmått anger vad som ska mätas, vilken målnivå som ska nås"


def test_checker_finds_a_copied_sentence():
    text = f"Så här står det: {SEED_QUOTE.upper()}! Sedan kommer vår egen text."
    assert seed_overlaps(text) == [" ".join(_shingle.normalise(SEED_QUOTE))]


def test_checker_finds_a_longer_copy_with_other_punctuation():
    # 13 words give two overlapping 12-word runs, whatever the punctuation.
    text = "– " + SEED_QUOTE.replace(",", " …") + " och"
    assert len(seed_overlaps(text)) == 2


def test_checker_accepts_own_words():
    own = "Ett styrmått visar vad kommunen mäter, vilken nivå den siktar på och vilket år nivån ska vara nådd."
    assert seed_overlaps(own) == []


def test_normalisation_keeps_swedish_letters():
    assert _shingle.normalise("Målnivå, ÅÄÖ-test\n\t  är   bra") == [
        "målnivå",
        "åäö",
        "test",
        "är",
        "bra",
    ]
