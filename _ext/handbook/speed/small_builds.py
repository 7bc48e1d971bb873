"""A build that reads only a few files reads and writes them in one process.

With ``-j`` (``make html`` uses every core), Sphinx reads in worker processes even when
one chapter changed, and each worker sends the whole environment of the book back
through a pipe to be merged: at 93 chapters that costs more than reading the chapter.
Below ``SERIAL_BELOW`` files the build runs in one process; Sphinx decides whether to
write in parallel after reading, so the few pages to write are written there too. The
bytes are the same either way (``tests/test_reproducible.py``).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

SERIAL_BELOW = 8  # files: about four seconds of reading at one process


class SmallBuilds:
    """One process for this build; the processes asked for again for the next (the
    worker of `make live` builds many times)."""

    def __init__(self) -> None:
        self.jobs: int | None = None

    def before_reading(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.jobs = app.parallel
        if len(docnames) < SERIAL_BELOW:
            app.parallel = 1

    def after_building(self, app: Sphinx, exception: Exception | None) -> None:
        if self.jobs is not None:
            app.parallel = self.jobs


def connect_small_builds(app: Sphinx) -> None:
    builds = SmallBuilds()
    app.connect("env-before-read-docs", builds.before_reading)
    app.connect("build-finished", builds.after_building)
