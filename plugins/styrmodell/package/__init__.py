"""The data package: read it once, check it in three layers, and type it into the model.

``load`` reads, validates and types the package into a :class:`Package`; ``read``
holds the file and frictionless layers, ``checks`` the rules that frictionless
cannot express, ``problems`` the Swedish messages, ``model`` the frozen
dataclasses every other module works with.
"""

from .loader import Package, Table, load, load_package, read_tables, typed_rows, validate_package
from .problems import PackageError, Problem
from .read import CONTRACT, DESCRIPTOR, read_descriptor

__all__ = [
    "CONTRACT",
    "DESCRIPTOR",
    "Package",
    "PackageError",
    "Problem",
    "Table",
    "load",
    "load_package",
    "read_descriptor",
    "read_tables",
    "typed_rows",
    "validate_package",
]
