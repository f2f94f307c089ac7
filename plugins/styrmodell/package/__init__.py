"""The data package: read it, check it in three layers, and type it into the model.

``read`` holds the loader and the frictionless layer, ``checks`` the rules that
frictionless cannot express, ``problems`` the Swedish messages, ``model`` the
frozen dataclasses every other module works with.
"""

from .problems import PackageError, Problem
from .read import DESCRIPTOR, load_package, read_descriptor, read_tables, validate_package

__all__ = [
    "DESCRIPTOR",
    "PackageError",
    "Problem",
    "load_package",
    "read_descriptor",
    "read_tables",
    "validate_package",
]
