"""The Pelican glue: the signal receivers, the generators and the Jinja environment.

This subpackage is the only code that imports Pelican. The receivers are
module-level functions, so blinker keeps a strong reference to them.
"""


def register() -> None:
    """Connect this plugin's receivers to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(init_jinja)
    signals.content_object_init.connect(site_links)


def get_generators(pelican_object):
    """The core generator first: it loads the package that the others read from the context."""
    from .data_pages import DataPagesGenerator
    from .generators import StyrmodellGenerator
    from .money_pages import MoneyPagesGenerator
    from .sharing import SharingGenerator
    from .site_files import SiteFilesGenerator

    return (StyrmodellGenerator, DataPagesGenerator, MoneyPagesGenerator, SharingGenerator, SiteFilesGenerator)


def init_jinja(generator) -> None:
    """Receiver for ``generator_init``: the Swedish filters and URL helpers in every Jinja environment."""
    from .jinja import add_filters

    add_filters(generator)


def site_links(content) -> None:
    """Receiver for ``content_object_init``: ``[text]({site}mal/)`` in a prose page links under SITEURL.

    Pelican's ``{filename}`` links reach only other Markdown pages; the pages written from the data
    package (``mal/``, ``data/`` …) are linked as ``{site}<address>``, where the address is one from
    ``styrmodell.urls``. The link becomes ``SITEURL/<address>``, like every link in the templates,
    so it stays under the site's address also when that has a path.
    """
    from ..urls import site_link

    if getattr(content, "_content", None):
        content._content = site_link(content._content, content.settings.get("SITEURL", ""))
