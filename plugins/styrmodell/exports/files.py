"""A file to publish, with the download entry that the pages print for it."""

from __future__ import annotations

from dataclasses import dataclass

from ..package.published import sha256
from ..views.data import Download
from .tables import MEDIA_TYPES


@dataclass(frozen=True)
class File:
    """A file to publish and its download entry (address, label, format, size, checksum)."""

    download: Download
    data: bytes


def file(path: str, data: bytes, label: str, fmt: str) -> File:
    """The file at ``path`` (relative to the site root) and its entry: size, sha256 and media type."""
    return File(Download(path, label, fmt, len(data), sha256(data), MEDIA_TYPES[fmt]), data)
