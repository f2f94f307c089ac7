"""Pelican plugin: a public site about a municipality's styrmodell, built from a data package.

Only :func:`register` lives here, and only the ``pelican`` subpackage imports
Pelican; everything else in the package is plain Python that can be used and
tested without building a site.
"""


def register() -> None:
    """Pelican's entry point (``PLUGINS = ["styrmodell"]``): connect the receivers of the glue."""
    from .pelican import register as connect_receivers

    connect_receivers()
