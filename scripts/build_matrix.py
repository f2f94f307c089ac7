"""Build the same sites the same way and write one sha256 line per output file.

A restructure that must change no published byte is proved by running this before and after
and comparing the two digest files (``diff``): the Karlskoga site as ``make site`` builds it,
the same site under a sub-path (publishconf.py with SITEURL), and the two test fixtures.

    python scripts/build_matrix.py DIR      # builds into DIR/<name>/ and writes DIR/digests.txt
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

SITES = {
    "karlskoga": (ROOT / "data" / "karlskoga", "pelicanconf.py", ""),
    "karlskoga-subpath": (ROOT / "data" / "karlskoga", "publishconf.py", "https://kommun.github.io/styrmodell"),
    "exempelkommun": (ROOT / "data" / "exempelkommun", "kommuner/exempelkommun/pelicanconf.py", ""),
    "mini": (FIXTURES / "mini", "pelicanconf.py", ""),
    "hostile": (FIXTURES / "hostile", "pelicanconf.py", ""),
}


def settings_file(target: Path, package: Path, base: str) -> Path:
    from styrmodell.settings import write_settings_file

    return write_settings_file(
        target.with_name(f"{target.name}-conf.py"),
        ROOT / base,
        package=package,
        PATH=ROOT / "content",
        THEME=ROOT / "theme",
        CACHE_PATH=target.with_name(target.name + "-cache"),
    )


def digest(tree: Path) -> list[str]:
    lines = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(tree.parent)}")
    return lines


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "plugins"))
    from styrmodell.build import build

    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for name, (package, base, siteurl) in SITES.items():
        target = out / name
        os.environ["SITEURL"] = siteurl
        if build(settings_file(target, package, base), target) != 0:
            print(f"{name}: the build failed", file=sys.stderr)
            return 1
        lines += digest(target)
    (out / "digests.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} files in {out / 'digests.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
