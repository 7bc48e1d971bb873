"""The builds of `make live`: one Sphinx application kept in a worker process.

A build in the worker reuses what the last one loaded (Python, Sphinx, the extensions,
the environment), so a saved chapter costs only reading it and writing its pages. The
worker is a fresh interpreter (the "spawn" start method), so a new worker imports the
extension's code as it is now; ``LiveBuilder`` starts one whenever something other than
a chapter's text changed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
import traceback
from argparse import Namespace
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.cmd.build import get_parser
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils

from handbook.web.search_index import index_site

BUILD, STOP = "build", "stop"
FAILED = 2  # the status sphinx-build exits with when a build stops on an error


def sphinx_application(args: Namespace) -> Sphinx:
    """The application ``sphinx-build`` would make of *args*, with the search index left
    to the worker (it is written after the browser has been told to reload)."""
    overrides: dict[str, object] = dict(define.partition("=")[::2] for define in args.define)
    if args.nitpicky:
        overrides["nitpicky"] = True
    overrides["handbook_search_index_later"] = True
    return Sphinx(
        srcdir=args.sourcedir, confdir=args.confdir or args.sourcedir, outdir=args.outputdir,
        doctreedir=args.doctreedir or Path(args.outputdir) / ".doctrees",
        buildername=args.builder, confoverrides=overrides,
        status=None if args.quiet or args.really_quiet else sys.stdout,
        warning=None if args.really_quiet else sys.stderr, freshenv=args.freshenv,
        warningiserror=args.warningiserror, tags=args.tags, verbosity=args.verbosity,
        parallel=args.jobs)


class KeptApplication:
    """One Sphinx application, built again as often as asked, each build as a fresh
    ``sphinx-build`` would make it."""

    def __init__(self, args: Namespace) -> None:
        self.app = sphinx_application(args)
        # Pages add scripts of their own (the theme: the page's name) with app.add_js_file,
        # which also lists them among the scripts of every page of the next build. Each
        # build starts from the lists a fresh sphinx-build has.
        self.assets = [list(assets) for assets in self.asset_lists()]

    def asset_lists(self) -> tuple[list, ...]:
        registry, builder = self.app.registry, self.app.builder
        return (registry.css_files, registry.js_files, builder._css_files, builder._js_files)

    def build(self) -> int:
        """Build what changed since the last build; the exit status sphinx-build gives."""
        for assets, at_start in zip(self.asset_lists(), self.assets, strict=True):
            assets[:] = at_start
        self.app._warncount = 0  # counted per build, as each sphinx-build run counts them
        self.app.statuscode = 0
        self.app.build()  # a saved chapter in one process (speed/small_builds.py)
        return self.app.statuscode


def next_request(connection: Connection) -> str:
    try:
        return connection.recv()
    except EOFError:
        return STOP


def serve_builds(argv: Sequence[str], connection: Connection) -> None:
    """The worker: build on each request, answer with the status, then index the site.
    It ends when asked to, when the server has gone (its end of the pipe closed), or after
    a build that stopped on an error (Sphinx then drops its saved environment, and the
    next worker starts afresh)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    args, kept = get_parser().parse_args(list(argv)), None
    with patch_docutils(args.confdir or args.sourcedir), docutils_namespace():
        while next_request(connection) == BUILD:
            try:
                kept = kept or KeptApplication(args)
                status = kept.build()
            except SphinxError as error:  # the message says what and where
                print(f"{error.category}: {error}", file=sys.stderr)
                connection.send(FAILED)
                return
            except Exception:  # noqa: BLE001 (a fault of ours: the whole story)
                traceback.print_exc()
                connection.send(FAILED)
                return
            connection.send(status)
            index_site(kept.app)


class LiveBuilder:
    """The server's side: asks the worker for builds, and replaces it when needed."""

    def __init__(self, argv: Sequence[str], source: Path) -> None:
        self.argv, self.source = list(argv), source.resolve()
        self.worker: multiprocessing.Process | None = None
        self.connection: Connection | None = None

    def is_chapter_text(self, path: Path) -> bool:
        return path.suffix == ".md" and path.resolve().is_relative_to(self.source)

    def __call__(self, *, changed_paths: Sequence[Path]) -> int:
        if changed_paths:
            names = ", ".join(str(path) for path in changed_paths[:5])
            if not all(self.is_chapter_text(path) for path in changed_paths):
                print(f"[live] {names} changed: starting a fresh build process", flush=True)
                self.stop()
            else:
                print(f"[live] {names} changed", flush=True)
        start = time.perf_counter()
        status = self.build()
        outcome = "built" if status == 0 else f"build failed (status {status})"
        print(f"[live] {outcome} in {time.perf_counter() - start:.1f} s", flush=True)
        return status

    def build(self) -> int:
        if self.worker is None or not self.worker.is_alive():
            self.start()
        try:
            self.connection.send(BUILD)
            return self.connection.recv()
        except (EOFError, OSError):  # the worker died (killed, out of memory): start again
            self.worker = None
            return FAILED

    def start(self) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.connection, theirs = spawn.Pipe()
        # Not a daemon: Sphinx reads and writes with processes of its own (-j).
        self.worker = spawn.Process(target=serve_builds, args=(self.argv, theirs),
                                    name="handbook-live-builder")
        self.worker.start()

    def stop(self) -> None:
        """Let the worker finish what it is doing (a search index), then end it."""
        if self.worker is None:
            return
        with contextlib.suppress(OSError):
            self.connection.send(STOP)
        self.worker.join(timeout=60)
        if self.worker.is_alive():
            self.worker.terminate()
        self.worker = self.connection = None
