"""The real book, built once per test run however many pytest-xdist workers share it.

The first process that needs the book starts its build in a background thread as soon as
the tests are collected, and goes on with tests that do not need it; any process then
waits for the build's status file. Later steps that make more of the book in its folder
(a course pack, say) run once too: `once` holds a lock while one process makes them.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from handbook.common.text_files import write_if_changed

# Longer than the book's build on two busy cores (about 7 minutes alone), so that only a
# process that died while building leaves the others waiting this long.
WAIT_SECONDS = 45 * 60


def write_status(path: Path, returncode: int, output: str) -> None:
    write_if_changed(path, json.dumps({"returncode": returncode, "output": output}))


def wait_for_status(path: Path, what: str) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: no result after {WAIT_SECONDS // 60} minutes ({path})")
        time.sleep(1)
    status = json.loads(path.read_text())
    if status["returncode"] != 0:
        pytest.fail(f"{what} failed:\n{status['output']}", pytrace=False)
    return status["output"]


class SharedBuild:
    """A build that one process runs in the background and every process can wait for.

    *steps* is called in the builder's thread with the build's folder; it returns the
    build's output, and may return a second step (run after the first's status is
    written, so that waiters need not wait for it), which writes a status of its own."""

    def __init__(self, root: Path, name: str,
                 steps: Callable[[Path], tuple[str, Callable[[], None] | None]]):
        self.folder = root / name
        self.status = root / f"{name}.status"
        self.started = root / f"{name}.started"
        self.steps = steps
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the build here unless another process already has."""
        try:
            os.close(os.open(self.started, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.thread = threading.Thread(target=self._run, name=f"build {self.folder.name}")
        self.thread.start()

    def _run(self) -> None:
        try:
            output, after = self.steps(self.folder)
        except Exception as error:  # the waiters report it, with the build's output
            write_status(self.status, 1, str(error))
            return
        write_status(self.status, 0, output)
        if after is not None:
            after()

    def wait(self) -> tuple[Path, str]:
        self.start()  # a run that started no build at collection (one test picked by name)
        return self.folder, wait_for_status(self.status, f"building {self.folder.name}")

    def finish(self) -> None:
        """At the end of this process's tests: the others may still need the build."""
        if self.thread is not None:
            self.thread.join()


@contextmanager
def locked(path: Path):
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def once(folder: Path, name: str, make: Callable[[], object]) -> None:
    """Run *make* (which writes into *folder*) unless a process already has; a process
    that comes while it runs waits for it. A failed run leaves no mark: the next tries."""
    done = folder / f".{name}.done"
    with locked(folder / f".{name}.lock"):
        if not done.exists():
            make()
            done.touch()


def run_in_background(args: list[str], log: Path, **options) -> subprocess.Popen:
    """A process whose output goes to *log*, so that no pipe fills while nobody reads it."""
    with open(log, "w") as output:
        return subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, text=True,
                                **options)
