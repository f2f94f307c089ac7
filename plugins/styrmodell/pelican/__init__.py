"""The Pelican glue: the signal receivers, the generators and the Jinja environment.

This subpackage is the only code that imports Pelican. The receivers are
module-level functions, so blinker keeps a strong reference to them.
"""


def register() -> None:
    """Connect this plugin's receivers to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(init_jinja)


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
