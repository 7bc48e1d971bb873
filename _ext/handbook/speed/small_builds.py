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


def read_few_in_one_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if len(docnames) < SERIAL_BELOW:
        app.parallel = 1


def connect_small_builds(app: Sphinx) -> None:
    app.connect("env-before-read-docs", read_few_in_one_process)
