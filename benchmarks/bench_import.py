"""How long ``handbook import`` takes for 100 pages (the target: well under two seconds).

Generates 100 Docusaurus pages from the samples of the old site (../shared/upstream,
or the test fixtures when the samples are not there): 20 copies of each of the five
samples under their own file names, so that each becomes a chapter of its own. The
sector page is given a solution's title, so that its cards, JSX and comments are
converted as a chapter too. Each run imports the 100 pages into a fresh copy of the
book (reading, converting, writing chapters, pictures and toctrees) and is timed; the
best of three runs is printed, then one run of the console script (with Python's
start-up) for comparison.

    .venv/bin/python benchmarks/bench_import.py

This is not a test: it prints its result and always exits 0.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UPSTREAM = REPO.parent / "shared" / "upstream"
FIXTURES = REPO / "tests" / "fixtures" / "docusaurus" / "docs"
PAGES = 100
RUNS = 3

sys.path.insert(0, str(REPO / "_ext"))
from handbook.importer.cli import main  # noqa: E402


def samples() -> list[Path]:
    folder = UPSTREAM if UPSTREAM.is_dir() else FIXTURES
    return sorted(p for p in folder.glob("*.md") if p.name != "README.md"
                  and p.name != "unplaced-page.md")


def generate_pages(folder: Path) -> list[Path]:
    sources = samples()
    pages = []
    for n in range(PAGES):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        if re.search(r"^title:\s*Buildings\s*$", text, re.M):
            text = re.sub(r"^title:\s*Buildings\s*$", "title: Smart Thermostats", text, flags=re.M)
        stem = re.sub(r"^(solution|sector)-", "", source.stem)
        page = folder / f"solution-{stem}-{n:03d}.md"
        page.write_text(text, encoding="utf-8")
        pages.append(page)
    return pages


def fresh_book(folder: Path) -> Path:
    book = folder / "book"
    if book.exists():
        shutil.rmtree(book)
    shutil.copytree(REPO / "book", book, ignore=shutil.ignore_patterns("_generated"))
    return book


def timed_run(pages: list[Path], book: Path) -> tuple[float, int]:
    args = ["import", *map(str, pages), "--into", str(book), "--force"]
    with redirect_stdout(StringIO()):
        start = time.perf_counter()
        status = main(args)
        elapsed = time.perf_counter() - start
    return elapsed, status


def main_benchmark() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        site.mkdir()
        pages = generate_pages(site)
        times = []
        for _ in range(RUNS):
            book = fresh_book(tmp)
            before = sum(1 for _ in book.rglob("*.md"))
            elapsed, status = timed_run(pages, book)
            times.append(elapsed)
        chapters = sum(1 for _ in book.rglob("*.md")) - before
        best = min(times)
        print(f"samples: {len(samples())} pages from {samples()[0].parent}")
        print(f"imported {len(pages)} pages into a copy of the book ({chapters} new files), "
              f"exit status {status}")
        print(f"best of {RUNS}: {best:.3f} s ({best / len(pages) * 1000:.1f} ms per page); "
              f"all runs: {', '.join(f'{t:.3f}' for t in times)} s")

        book = fresh_book(tmp)
        script = Path(sys.executable).parent / "handbook"
        start = time.perf_counter()
        subprocess.run([str(script), "import", *map(str, pages), "--into", str(book), "--force"],
                       capture_output=True, check=False)
        print(f"console script, Python start-up included: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main_benchmark()
