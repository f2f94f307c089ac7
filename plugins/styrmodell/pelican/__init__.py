"""The Pelican glue: the signal receivers, the generators and the Jinja environment.

This subpackage is the only code that imports Pelican. The receivers are
module-level functions, so blinker keeps a strong reference to them.
"""


def register() -> None:
    """Connect this plugin's receivers to Pelican's signals."""
    from pelican import signals

    signals.initialized.connect(check_inputs)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(init_jinja)
    signals.content_object_init.connect(site_links)
    signals.page_generator_init.connect(own_pages)


def check_inputs(pelican_object) -> None:
    """Receiver for ``initialized``: a plain ``pelican`` run, without the build's inputs, stops here with how to build."""
    from .generators import inputs_of

    inputs_of(pelican_object.settings)


def get_generators(pelican_object):
    """The one generator: it builds the site from the build's inputs and writes every page and file of it."""
    from .generators import SiteGenerator

    return SiteGenerator


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

    from ..views.model_facts import fill_facts
    from .generators import inputs_of

    text, unknown = fill_facts(content._content, inputs_of(content.settings).facts)
    content._content = text
    for name in unknown:
        logging.getLogger(__name__).error(
            "%s: {data:%s} är ingen uppgift som webbplatsen känner till. Så rättar du: använd en av "
            "uppgifterna i docs/infora-i-en-kommun.md, till exempel {data:kommun}",
            content.source_path,
            name,
        )


def own_pages(generator) -> None:
    """Receiver for ``page_generator_init``: a municipality's own page replaces the generic one.

    ``PAGE_PATHS`` is ``["pages", <own folder>]``: the generic pages in ``PATH/pages`` and the
    municipality's own (``kommuner/<kommun>/content/pages``). A generic page whose file name is also
    in the own folder is left out, so only the municipality's own is read and written. A page the
    package has nothing for (``vision.md`` without a vision) is left out of both.
    """
    from pathlib import Path

    from .generators import inputs_of

    paths = generator.settings["PAGE_PATHS"]
    own = [Path(p) for p in paths if Path(p).is_absolute() and Path(p).is_dir()]
    left_out = inputs_of(generator.settings).left_out_pages
    if not own and not left_out:
        return
    replaced = {f.name for folder in own for f in folder.glob("*.md")} | left_out
    expanded: list[str] = []
    for entry in paths:
        folder = Path(generator.settings["PATH"]) / entry
        skip = left_out if Path(entry).is_absolute() else replaced
        if not folder.is_dir() or not any(f.name in skip for f in folder.rglob("*.md")):
            expanded.append(entry)
            continue
        expanded.extend(
            f"{entry}/{f.relative_to(folder).as_posix()}" for f in sorted(folder.rglob("*.md")) if f.name not in skip
        )
    generator.settings["PAGE_PATHS"] = expanded
