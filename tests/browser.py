"""A real browser for the HTML tests: Debian's chromium driven by Playwright, and a
loopback HTTP server for the built HTML edition, serving it as its host would: at the
path of its canonical address (Read the Docs: /en/latest/), with its 404 page for any
address that is not a file."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
# A phone's and a desktop's viewport, as the HTML tests look at pages.
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# Flags for a closed network: no background connections, no first-run or sync traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    site_path = "/"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.site_path):
            return str(Path(self.directory) / "\0outside the site")
        return super().translate_path("/" + path[len(self.site_path):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_path(directory: Path) -> str:
    """The path the edition says it is published at (its front page's canonical link)."""
    front = directory / "index.html"
    found = re.search(r'<link rel="canonical" href="([^"]+)"', front.read_text(encoding="utf-8")) \
        if front.is_file() else None
    return urlsplit(found.group(1)).path.rsplit("/", 1)[0] + "/" if found else "/"


@contextlib.contextmanager
def serve(directory: Path):
    """Serve *directory* on a free loopback port where it says it lives; yields its URL."""
    path = site_path(directory)
    handler = functools.partial(type("Handler", (_SiteHandler,), {"site_path": path}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def pagefind_search(page, query: str) -> list[str]:
    """The addresses Pagefind's index (web/search_index.py) finds for *query*, best first,
    asked through its own script on *page*, an open page of the edition."""
    return page.evaluate("""async (query) => {
        const root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
        const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
        const search = await pagefind.search(query);
        return Promise.all(search.results.map(async (result) => (await result.data()).url));
    }""", query)
