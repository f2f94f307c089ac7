"""Money pages: /skattepengar/ and /ekonomi/ (issue: money)."""

from __future__ import annotations

from pelican.generators import Generator


class MoneyPagesGenerator(Generator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        self.site = self.context["styrmodell"]

    def generate_output(self, writer) -> None:
        pass
