"""Charts: Altair specs rendered at build time to accessible inline SVG (and PNG) with vl-convert, cached on disk.

One module per concern:

- ``theme``: the registered Altair theme, colours, the Swedish locale, the wide and narrow widths;
- ``specs`` and ``money_specs``: the Altair spec of each chart (tests assert on its ``to_dict()``);
- ``describe``: each chart as a ``Draft``: its spec with title, Swedish summary, data table and CSV;
- ``chart``: the ``Draft`` and the rendered ``Chart`` that ``chart_figure(chart)`` prints;
- ``render``: the ``Renderer`` (cache keyed by spec hash, spawn pool, accessible SVG);
- ``site``: which charts the site has, rendered in one batch per generator.

A styrmått's chart is drawn from its view, so it shows the statuses its page prints. No Pelican import here.
"""
