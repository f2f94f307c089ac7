"""The broken-link checker itself: it must fail on what it is meant to catch."""

from __future__ import annotations

from pathlib import Path

from htmlcheck import broken_links


def test_broken_link_checker_finds_missing_pages_and_anchors(tmp_path: Path):
    (tmp_path / "mal").mkdir()
    (tmp_path / "mal" / "index.html").write_text('<h2 id="finns">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/mal/">ok</a><a href="/mal/#finns">ok</a><a href="mal/">ok</a><a href="https://x.se/">ok</a>'
        '<a href="/saknas/">1</a><a href="/mal/#saknas">2</a><a href="#inget">3</a><a href="/mal">4</a>'
        '<a href="javascript:alert(1)">5</a><img src="/bild.svg" alt="6"><a href="../../etc/passwd">7</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "/: <a href='/saknas/'>: /saknas/ does not exist",
        "/: <a href='/mal/#saknas'>: no element with id 'saknas' in /mal/",
        "/: <a href='#inget'>: no element with id 'inget' in /",
        "/: <a href='/mal'>: folder without a trailing /",
        "/: <a href='javascript:alert(1)'>: unexpected scheme 'javascript'",
        "/: <img src='/bild.svg'>: /bild.svg does not exist",
        # A browser resolves ../ above the root to the root, so this stays inside the site.
        "/: <a href='../../etc/passwd'>: etc/passwd does not exist",
    ]
