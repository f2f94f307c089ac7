"""The one generator: build the :class:`~styrmodell.site.Site` once, then write every page and file of it.

``generate_context`` runs after Pelican has read the Markdown pages, so the build gets their
addresses, titles and summaries (:class:`~styrmodell.site.ProsePage`) with everything else it
needs from the settings (:data:`INPUTS_SETTING`, put there by :func:`styrmodell.build.build`).
``generate_output`` writes what the build returned: each page with its template, each file as it
is. Nothing is decided here.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from ..progress import PROGRESS_SETTING
from ..site import Inputs, ProsePage, Site, build_site
from ..urls import URL_FUNCTIONS

#: The settings key that carries the build's :class:`~styrmodell.site.Inputs` into Pelican.
INPUTS_SETTING = "STYRMODELL_INPUTS"


def inputs_of(settings) -> Inputs:
    """The build's inputs; a Pelican run without them is refused, in Swedish, with how to build."""
    inputs = settings.get(INPUTS_SETTING)
    if inputs is None:
        msg = (
            "webbplatsen byggs med python -m styrmodell build --settings <inställningsfil> (eller make site), "
            "inte med pelican direkt: bygget läser och kontrollerar datapaketet en gång, ritar diagrammen, "
            "bygger sökindexet och byter ut output/ först när allt har lyckats"
        )
        raise RuntimeError(msg)
    return inputs


class SiteGenerator(Generator):
    """Writes the site of the package in the settings: every :class:`~styrmodell.site.Page` and every file."""

    def generate_context(self) -> None:
        prose = self.context.get("pages", ())
        self.site: Site = build_site(
            inputs_of(self.settings),
            [ProsePage(p.url, p.title, Markup(p.summary or "").striptags()) for p in prose],  # noqa: S704 (only to strip tags)
        )
        records = self.site.by_url()
        for page in prose:
            page.record = records[page.url]  # page.html prints the page's <head> from its record
        self.context["site"] = self.site.view
        self.context["site_charts"] = self.site.charts
        self.context["embeds"] = self.site.embeds
        self.context.update(URL_FUNCTIONS)

    def generate_output(self, writer) -> None:
        output = Path(self.output_path).resolve()
        for path, content in sorted(self.site.files.items()):
            target = (output / path).resolve()
            if not target.is_relative_to(output):
                msg = f"Filen {path} skulle hamna utanför webbplatsens mapp"
                raise ValueError(msg)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        progress = self.settings.get(PROGRESS_SETTING)
        for page in self.site.written():
            if progress is not None:
                progress.page()
            writer.write_file(page.path, self.get_template(page.template), self.context, **page.context())
