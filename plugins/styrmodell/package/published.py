"""The package as it is published: its descriptor with each file's size and checksum.

Both the site's downloads (``exports``) and the frozen snapshots (``snapshots``) publish the
descriptor this way, so it is written once, here, below both of them.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping


def sha256(data: bytes) -> str:
    """The hex sha256 of ``data``: the checksum every download and every snapshot file is listed with."""
    return hashlib.sha256(data).hexdigest()


def published_descriptor(descriptor: Mapping, files: Mapping[str, bytes]) -> bytes:
    """``datapackage.json`` as published: the package's descriptor with ``bytes`` and ``hash`` per resource.

    The hash uses the Data Package form ``sha256:<hex>``, which frictionless checks on validation.
    """
    published = copy.deepcopy(dict(descriptor))
    for resource in published["resources"]:
        data = files[resource["path"]]
        resource["bytes"] = len(data)
        resource["hash"] = f"sha256:{sha256(data)}"
    return (json.dumps(published, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
