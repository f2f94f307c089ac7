"""Pelican plugin: a public site about a municipality's styrmodell, built from a data package.

Only :func:`register` lives here, and only the ``pelican`` subpackage imports
Pelican; everything else in the package is plain Python that can be used and
tested without building a site.
"""


def register() -> None:
    from pelican import signals

    from .pelican import get_generators, init_jinja

    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(init_jinja)
