"""Files the build makes from the package and remembers on disk, so a rebuild with unchanged data skips them.

A :class:`FileCache` maps a key to bytes. The key is a digest of everything the
bytes depend on (:func:`key`): the package's descriptor and files, the version of
the library that writes them and the source of the module that calls it. Only
a finished file is stored (written to a temporary name, then renamed), so an
interrupted build never leaves half a file to be reused. Without a folder the
cache remembers nothing, and every call makes its bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path


def key(
    kind: str,
    descriptor: Mapping,
    files: Mapping[str, bytes],
    *,
    sources: Iterable[Path],
    libraries: Iterable[str] = (),
) -> str:
    """A digest of ``kind``, the package (descriptor and every file), the given modules' source and library versions."""
    digest = hashlib.sha256(kind.encode("utf-8"))
    for library in libraries:
        digest.update(f"|{library}={metadata.version(library)}".encode())
    for source in sources:
        digest.update(b"|" + source.read_bytes())
    digest.update(json.dumps(descriptor, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for path in sorted(files):
        digest.update(f"|{path}|{len(files[path])}|".encode())
        digest.update(files[path])
    return digest.hexdigest()


class FileCache:
    """Bytes by key in ``directory`` (None: remember nothing)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def find(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None."""
        stored = self.directory / key if self.directory is not None else None
        return stored.read_bytes() if stored is not None and stored.is_file() else None

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``: written to a temporary name, then renamed."""
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = self.directory / f".{key}.tmp"
            temporary.write_bytes(data)
            temporary.replace(self.directory / key)
        except OSError:  # a cache that cannot be written only costs time
            pass

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``, or ``make()``'s, stored for next time."""
        data = self.find(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data
