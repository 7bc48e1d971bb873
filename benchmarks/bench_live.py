"""Live preview: the time from saving a chapter to the browser showing it again.

Starts the live preview (handbook.live) as `make live` does (the same watched folders, here with the
benchmark's build options and output folders, on a free loopback port), opens the
chapter in Debian's Chromium, then adds a sentence to one of its paragraphs, EDITS
times: each time, the seconds from writing the file to the 'load' event of the reload
that the reload script asks for, with the new sentence on the page. Returns the
median. Used by bench_build.py on a book it has just built, so that the server's first
build only finds nothing to do.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from browser import chromium  # noqa: E402

EDITS = 3
WATCHED = ("_ext", "_static", "data", "courses", "conf.py")  # as the Makefile's live target
START_TIMEOUT = 600  # seconds: the server's first build of a whole book, on a busy machine


def add_sentence(chapter: Path, sentence: str) -> None:
    """Append *sentence* to the chapter's first paragraph, and save it as an editor does."""
    text = chapter.read_text(encoding="utf-8")
    start = text.index("\n\n", text.index("\n# ")) + 2
    end = text.index("\n\n", start)
    chapter.write_text(f"{text[:end]}\n{sentence}{text[end:]}", encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen) -> None:
    """Wait for the server's first build (it serves only once that is done)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the live preview stopped; see its log")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the live preview did not serve {url} in {START_TIMEOUT} s")


def save_to_reload(source: Path, out: Path, options: list[str], chapter: Path) -> float:
    """Median seconds from saving *chapter* (a file under *source*) to its page reloaded;
    *out* holds the build's html and doctrees folders."""
    port = free_port()
    watch = [arg for folder in WATCHED for arg in ("--watch", str(REPO / folder))]
    log = (out / "live.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "handbook.live", *options, "-d", str(out / "doctrees"), "--host", "127.0.0.1",
         "--port", str(port), *watch, str(source), str(out / "html")],
        stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    page_url = f"http://127.0.0.1:{port}/{chapter.relative_to(source).with_suffix('.html').as_posix()}"
    try:
        wait_until_served(page_url, server)
        times = []
        with chromium() as browser:
            page = browser.new_page()
            page.goto(page_url, wait_until="load")
            for edit in range(1, EDITS + 1):
                sentence = f"The live benchmark added sentence number {edit} to this paragraph."
                with page.expect_event("load", timeout=START_TIMEOUT * 1000):
                    start = time.perf_counter()
                    add_sentence(chapter, sentence)
                times.append(time.perf_counter() - start)
                if sentence not in page.content():
                    raise RuntimeError(f"the reloaded page does not show the edit: {page_url}")
                time.sleep(1)  # let the watcher settle before the next save
        return statistics.median(times)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
