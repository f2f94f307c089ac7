"""The pure build: one :class:`Page` record per address and a :class:`Site` of every page and file.

:func:`build_site` computes it from explicit :class:`Inputs`; :mod:`.families` says which pages
there are. The Pelican glue (``styrmodell.pelican``) only writes the result.
"""

from .assemble import Inputs, build_site, chart_files
from .page import Page, ProsePage, Site

__all__ = ["Inputs", "Page", "ProsePage", "Site", "build_site", "chart_files"]
