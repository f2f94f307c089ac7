"""The Atom feed with one entry per reporting period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FeedEntry:
    id: str
    url: str
    title: str
    updated: date
    summary: str
    example: bool = False  # whether the entry's figures rest on example rows

    @property
    def text(self) -> str:
        """The summary the feed prints: for an entry built from example data, a sentence saying so first."""
        return f"{EXAMPLE_NOTE} {self.summary}" if self.example else self.summary


#: The first sentence of every entry built from example data.
EXAMPLE_NOTE = "Innehåller exempeldata: en del av siffrorna är påhittade."


def atom_feed(
    *, feed_id: str, self_url: str, site_url: str, title: str, author: str, entries: Sequence[FeedEntry]
) -> bytes:
    """An Atom 1.0 feed (RFC 4287) with plain-text summaries, newest entry first; dates at midnight UTC."""
    from xml.sax.saxutils import escape, quoteattr

    def stamp(value: date) -> str:
        return f"{value.isoformat()}T00:00:00Z"

    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    updated = ordered[0].updated if ordered else date(1970, 1, 1)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{stamp(updated)}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(site_url)}/>',
    ]
    for entry in ordered:
        parts += [
            "  <entry>",
            f"    <id>{escape(entry.id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <updated>{stamp(entry.updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
            f'    <summary type="text">{escape(entry.text)}</summary>',
            "  </entry>",
        ]
    parts.append("</feed>")
    return ("\n".join(parts) + "\n").encode("utf-8")
