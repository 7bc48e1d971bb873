"""Reader-side benchmark: what a chapter page costs a reader's browser.

Builds the real book's HTML edition twice, as `make html` does and with the theme's
default page assets (``-D handbook_light_pages=0``: Font Awesome's script and font, the
search code on every page, every extension's files on every page), serves each on a
loopback port as its host would, and opens a chapter page in Debian's Chromium several
times, each in a fresh context (nothing cached): requests, bytes (uncompressed, as
served) and DOMContentLoaded (median). It prints a Markdown table and writes it between
the READER-BENCHMARK markers of README.md. A record, not a test.

    make bench            (or: .venv/bin/python benchmarks/bench_reader.py)
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from browser import chromium, serve  # noqa: E402

PAGES = ["buildings/high-efficiency-heat-pumps.html", "solutions-at-a-glance.html", "index.html"]
VISITS = 9
README_START, README_END = "<!-- READER-BENCHMARK:START -->", "<!-- READER-BENCHMARK:END -->"
BUILDS = {"ours": [], "theme defaults": ["-D", "handbook_light_pages=0"]}


def build(folder: Path, options: list[str]) -> Path:
    """The book's HTML edition as `make html` builds it (on every core), in *folder*.
    Each build reads the chapters itself: some page assets are chosen as a page is read."""
    command = [str(REPO / ".venv" / "bin" / "sphinx-build"), "-q", "-c", str(REPO), "-W",
               "--keep-going", "-n", "-j", "auto", *options, "-b", "html", "-d",
               str(folder / "doctrees"), str(REPO / "book"), str(folder / "html")]
    subprocess.run(command, check=True, cwd=REPO)
    return folder / "html"


def visit(browser, url: str) -> tuple[int, int, float, float]:
    """Requests, bytes, DOMContentLoaded and first contentful paint (ms) of one visit.
    The first paint is measured too: a page's DOMContentLoaded waits for its deferred
    scripts, and moving a script past it (or blocking its first render) moves that
    number without the reader seeing the page any sooner."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(len(request.response().body())))
    page.goto(url, wait_until="networkidle")
    loaded, painted = page.evaluate("""() => [
        performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        performance.getEntriesByName('first-contentful-paint')[0].startTime]""")
    context.close()
    return len(sizes), sum(sizes), loaded, painted


def measure(sites: dict[str, Path]) -> dict[str, dict[str, tuple[int, int, float]]]:
    """Each page of each build, visited in turns (ours, stock, ours, …) after one visit
    of each that is not counted: the browser's first pages run its code and fill its font
    cache, and whichever build went first would pay for that."""
    visits: dict[str, dict[str, list]] = {label: {name: [] for name in PAGES} for label in sites}
    with contextlib.ExitStack() as stack:
        urls = {label: stack.enter_context(serve(html)) for label, html in sites.items()}
        browser = stack.enter_context(chromium())
        for label, base_url in urls.items():
            visit(browser, base_url + PAGES[0])
        for _ in range(VISITS):
            for name in PAGES:
                for label, base_url in urls.items():
                    visits[label][name].append(visit(browser, base_url + name))
    return {label: {name: (seen[-1][0], seen[-1][1], statistics.median(v[2] for v in seen),
                           statistics.median(v[3] for v in seen))
                    for name, seen in pages.items()} for label, pages in visits.items()}


def table(measured: dict[str, dict]) -> str:
    ours, stock = measured["ours"], measured["theme defaults"]
    lines = [f"Measured by `make bench` on this machine (2 cores, {time.strftime('%Y-%m-%d')}), "
             f"Chromium, median of {VISITS} visits with nothing cached.", "",
             "| page | requests (ours / theme defaults) | bytes (ours / theme defaults) | "
             "DOMContentLoaded (ours / theme defaults) | ratio | first paint (ours / theme defaults) | ratio |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name in PAGES:
        (r1, b1, d1, p1), (r2, b2, d2, p2) = ours[name], stock[name]
        lines.append(f"| {name} | {r1} / {r2} | {b1 / 1000:.0f} KB / {b2 / 1000:.0f} KB | "
                     f"{d1:.0f} ms / {d2:.0f} ms | {d1 / d2:.2f}× | "
                     f"{p1:.0f} ms / {p2:.0f} ms | {p1 / p2:.2f}× |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = REPO / "README.md"
    content = readme.read_text(encoding="utf-8")
    if README_START in content:
        before, rest = content.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        readme.write_text(f"{before}{README_START}\n{text}\n{README_END}{after}", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        sites = {label: build(Path(scratch) / label.replace(" ", "-"), options)
                 for label, options in BUILDS.items()}
        measured = measure(sites)
    text = table(measured)
    print(text)
    write_readme(text)


if __name__ == "__main__":
    main()
