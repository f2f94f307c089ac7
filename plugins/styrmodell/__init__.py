"""Pelican plugin: a public site about a municipality's styrmodell, built from a data package.

Only :func:`register` and its receivers touch Pelican; everything else in the
package is plain Python that can be used and tested without building a site.
"""


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(generator_init)


def get_generators(pelican_object):  # module level, so blinker keeps a strong reference
    """The core generator first: it loads the package that the others read from the context."""
    from .generator import StyrmodellGenerator
    from .pages_data import DataPagesGenerator
    from .pages_meta import SiteFilesGenerator
    from .pages_money import MoneyPagesGenerator

    return (StyrmodellGenerator, DataPagesGenerator, MoneyPagesGenerator, SiteFilesGenerator)


def generator_init(generator) -> None:
    from .generator import add_filters

    add_filters(generator)
