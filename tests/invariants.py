"""What holds for every package and its built site, whatever its figures: used on ``data/karlskoga`` and its copies.

Each function returns what is wrong (an empty list when all is well), so a test can say ``assert ... == []``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bs4 import BeautifulSoup
from styrmodell.package.model import Styrmodell


def missing_pages(model: Styrmodell, site: Path) -> list[str]:
    """Every goal, styrmått, period and nämnd without its page."""
    urls = (
        [f"mal/{g.id}" for g in model.goals]
        + [f"styrmatt/{i.id}" for i in model.indicators]
        + [f"rapporter/{p.id}" for p in model.periods]
        + [f"namnder/{o.id}" for o in model.organisation if o.kind in ("namnd", "styrelse")]
    )
    return [u for u in urls if not (site / u / "index.html").is_file()]


def pages_with_unannounced_examples(site: Path) -> list[str]:
    """Every page that tags example rows but has no example notice at the top."""
    missing = []
    for path in sorted(site.rglob("*.html")):
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
        if main is None:
            continue
        tagged = [t for t in main.select(".tag-example") if not t.find_parent(class_="notice-example")]
        if tagged and main.select_one(".notice-example") is None:
            missing.append(str(path.relative_to(site)))
    return missing


def unmarked_example_charts(site: Path) -> list[str]:
    """Every chart whose CSV has example rows but whose image lacks the *Exempeldata* mark (or the reverse)."""
    wrong = []
    for svg in sorted(site.rglob("*.svg")):
        data = svg.with_suffix(".csv")
        if not (data.exists() and svg.with_suffix(".png").exists()):
            continue
        example = any(r.get("exempel") == "true" for r in csv.DictReader(io.StringIO(data.read_text("utf-8"))))
        if example != (">Exempeldata</text>" in svg.read_text(encoding="utf-8")):
            wrong.append(str(svg.relative_to(site)))
    return wrong
