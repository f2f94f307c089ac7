"""Pelican settings of the default municipality, Karlskoga: ``make site`` builds it.

Every municipality has its own settings in ``kommuner/<kommun>/pelicanconf.py``
(``make site KOMMUN=exempelkommun``); this file is the same as Karlskoga's.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kommuner.karlskoga.pelicanconf import *  # noqa: F403
