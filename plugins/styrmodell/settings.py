"""The plugin's settings: ``STYRMODELL = {...}`` in pelicanconf.py, checked when the build starts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import fulfilment


@dataclass(frozen=True)
class Settings:
    """``STYRMODELL`` in pelicanconf.py, merged over these defaults (documented in the README)."""

    tolerance: float = 0.05
    rollup: str = "majority"
    example_income: int = 30000

    @classmethod
    def from_mapping(cls, values: Mapping) -> Settings:
        """Check every setting and raise one error that lists every problem, in Swedish."""
        problems = [
            f"okänd inställning STYRMODELL[{key!r}]; tillåtna är package, {', '.join(cls.__dataclass_fields__)}"
            for key in sorted(set(values) - {"package", *cls.__dataclass_fields__})
        ]
        rollup = values.get("rollup", cls.rollup)
        if rollup not in fulfilment.ROLLUPS:
            problems.append(f"STYRMODELL['rollup'] måste vara en av {', '.join(fulfilment.ROLLUPS)}, inte {rollup!r}")
        tolerance = values.get("tolerance", cls.tolerance)
        if not isinstance(tolerance, int | float) or not 0 <= tolerance < 1:
            problems.append(f"STYRMODELL['tolerance'] måste vara ett tal från 0 till under 1, inte {tolerance!r}")
        income = values.get("example_income", cls.example_income)
        if not isinstance(income, int) or income < 0:
            problems.append(f"STYRMODELL['example_income'] måste vara ett heltal i kronor, inte {income!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})
