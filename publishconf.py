"""Settings for publishing the default municipality, Karlskoga: the same site, with its public address.

Use it only to publish (``SITEURL=https://… python -m styrmodell build --settings publishconf.py``).
Local builds and the tests use pelicanconf.py, which needs no address. Each municipality has its
own ``kommuner/<kommun>/publishconf.py``; the checks of SITEURL are in ``kommuner/publish.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kommuner.karlskoga.publishconf import *  # noqa: F403
