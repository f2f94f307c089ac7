"""How far a long build has come, on one line of a terminal: charts rendered N/M, pages written.

Silent unless the stream is a terminal and ``CI`` is not set, and silent for the first
couple of seconds, so a quick rebuild prints nothing more than before. The line is
rewritten in place (carriage return) and ended with a newline by :meth:`Progress.done`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

#: The settings key under which the build hands its progress line to the generators.
PROGRESS_SETTING = "STYRMODELL_PROGRESS"
#: Nothing is shown before a build has run this long (seconds).
QUIET_FOR = 2.0


class Progress:
    def __init__(
        self, stream: TextIO | None = None, environ: Mapping[str, str] | None = None, clock=time.monotonic
    ) -> None:
        self.stream = stream or sys.stderr
        environ = os.environ if environ is None else environ
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and not environ.get("CI")
        self.clock = clock
        self.started = clock()
        self.pages = 0
        self.shown = False

    def charts(self, done: int, total: int) -> None:
        """``done`` of ``total`` charts rendered (the renderer calls this after each one)."""
        self._show(f"Ritar diagram {done}/{total}")

    def page(self) -> None:
        """One more page written."""
        self.pages += 1
        self._show(f"Skriver sidor: {self.pages}")

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False

    def _show(self, text: str) -> None:
        if not self.enabled or self.clock() - self.started < QUIET_FOR:
            return
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()
        self.shown = True
