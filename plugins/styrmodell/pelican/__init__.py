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
    from .site_files import SiteFilesGenerator

    return (StyrmodellGenerator, DataPagesGenerator, MoneyPagesGenerator, SiteFilesGenerator)


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
        _fill_facts(content)


def _fill_facts(content) -> None:
    """``{data:kommun}`` and the other facts of ``views.model_facts`` in a prose page, from the package.

    A name that is not a fact is logged as an error, which fails the build (every warning does).
    """
    if "{data:" not in content._content:
        return
    import logging

    from ..settings import settings_package
    from ..views.model_facts import fill_facts, model_view, prose_facts

    model = settings_package(content.settings).model
    text, unknown = fill_facts(content._content, prose_facts(model, model_view(model)))
    content._content = text
    for name in unknown:
        logging.getLogger(__name__).error(
            "%s: {data:%s} är ingen uppgift som webbplatsen känner till. Så rättar du: använd en av "
            "uppgifterna i docs/infora-i-en-kommun.md, till exempel {data:kommun}",
            content.source_path,
            name,
        )
