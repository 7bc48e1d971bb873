"""`make live`: ``python -m handbook.live [--host H] [--port P] [--watch DIR ...]
<sphinx-build arguments>``.

sphinx-autobuild's server, watcher and reload script, with its builder swapped for
``LiveBuilder`` (see the package's docstring for why).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import uvicorn
import watchfiles
from sphinx.cmd.build import get_parser
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from handbook.common.book_layout import GENERATED
from handbook.live.preview_builder import LiveBuilder

NOT_SOURCES = (".git", ".venv", "node_modules", ".pytest_cache", ".ruff_cache")
NOT_SOURCE_PATTERNS = (r".*/__pycache__(/.*)?$", r".*\.py[co]$", r".*~$", r".*\.sw[px]$")


class BuildInThisProcess(RebuildServer):
    """sphinx-autobuild runs each build in a new process of a process pool, which would
    lose the worker's handle: here the build runs in a thread of the server's process."""

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(
                *self.paths, watch_filter=lambda _, path: not self.ignore(path)):
            changed = sorted(Path(path).resolve() for _, path in changes)
            await asyncio.to_thread(self.change_callback, changed_paths=changed)
            self.flag.set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook.live", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--watch", action="append", default=[], type=Path,
                        help="a folder whose changes rebuild the book (the source always does)")
    ours, sphinx_argv = parser.parse_known_args(argv)
    sphinx_args = get_parser().parse_args(sphinx_argv)  # exits with sphinx-build's message
    source = Path(sphinx_args.sourcedir).resolve()
    out = Path(sphinx_args.outputdir).resolve()
    doctrees = Path(sphinx_args.doctreedir).resolve() if sphinx_args.doctreedir else None
    builder = LiveBuilder(sphinx_argv, source)
    try:
        builder(changed_paths=())
        ignored = [*NOT_SOURCES, out, source / GENERATED, *([doctrees] if doctrees else [])]
        watcher = BuildInThisProcess([source, *ours.watch], IgnoreFilter(ignored, NOT_SOURCE_PATTERNS),
                                     change_callback=builder)
        address = f"{ours.host}:{ours.port}"
        app = Starlette(
            routes=[WebSocketRoute("/websocket-reload", watcher, name="reload"),
                    Mount("/", app=StaticFiles(directory=out, html=True), name="static")],
            middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=address)],
            lifespan=watcher.lifespan)
        print(f"[live] serving the book on http://{address}/", flush=True)
        uvicorn.run(app, host=ours.host, port=ours.port, log_level="warning")
    except KeyboardInterrupt:
        pass
    finally:
        builder.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
