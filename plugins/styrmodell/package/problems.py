"""Problems found in a data package, reported in Swedish for the data editor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can.

    ``row`` counts lines the way a spreadsheet does: the header is row 1, the
    first data row is row 2 (the same convention as frictionless).
    ``type`` is a machine-readable error type; where frictionless found the
    problem it is frictionless' own type (``foreign-key``, ``type-error`` …).
    """

    file: str
    message: str
    fix: str
    type: str
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f"kolumn {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}. Så rättar du: {self.fix} [{self.type}]"

    def sort_key(self) -> tuple:
        return (self.file, self.row or 0, self.column or "", self.type, self.message)


class PackageError(Exception):
    """The data package cannot be used; ``problems`` says why, one entry per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        count = len(self.problems)
        super().__init__(f"{count} fel i datapaketet" if count != 1 else "1 fel i datapaketet")

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{len(self.problems)} fel. Inget har publicerats.")
        return "\n".join(lines)
