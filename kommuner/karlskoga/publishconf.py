"""Settings for publishing the site of kommuner/karlskoga/: its own settings with the public address (see kommuner/publish.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kommuner.karlskoga.pelicanconf import *  # noqa: F403
from kommuner.publish import *  # noqa: F403
