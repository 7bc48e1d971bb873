"""Build-speed benchmark: synthetic books of 25, 93 and 400 chapters shaped like the real
ones (synthetic_book.py), and the real book.

For each book it measures, on this machine, our build (the extension's speed work on) and,
side by side in the same run, a stock configuration (``handbook_speedups=0``: the theme's
own navigation rendering, Python's default garbage collection, templates compiled every
run, figures numbered on every build; our directives still registered):

- clean HTML build, ours and stock (-j 1), and ours as `make html` runs it (-j auto);
- incremental HTML build after adding a sentence to one chapter's paragraph (the file
  saved as an editor saves it), with the number of pages it rewrote;
- `make live`: from saving a chapter to the browser showing it reloaded (bench_live.py);
- peak memory of each clean -j 1 build (maximum resident set size);
- the PDF as `make pdf` makes it: Sphinx's LaTeX writer, then latexmk's LuaLaTeX runs
  (`make latex-run`), pages and pages per second.

What each book gets is in PLAN, chosen to keep `make bench` under ten minutes on two
cores; a dash in the table is a measurement left out. It prints a Markdown table and, for
the full run, writes it between the BENCHMARK markers of README.md. Timings are a record,
not a test: `make bench` succeeds whenever the builds do.

    make bench          (or: .venv/bin/python benchmarks/bench_build.py)
    .venv/bin/python benchmarks/bench_build.py --sizes 3 5 --book buildings --all

The second form is a quick check at small sizes: every measurement for every book (the
real book cut to the parts named), printed and not written to the README.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_live import add_sentence, save_to_reload  # noqa: E402
from synthetic_book import write_book  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPHINX_BUILD = str(Path(sys.executable).parent / "sphinx-build")
OPTIONS = ["-q", "-c", str(REPO), "-W", "--keep-going", "-n"]
SYNTHETIC = ["-D", "handbook_courses_dir=", "-D", "handbook_check_unused=0"]  # no course packs
STOCK = ["-D", "handbook_speedups=0"]
PDF = ["-D", "hide_solutions=1", "-D", "latex_elements.papersize=a4paper"]  # as `make pdf`
SIZES = (25, 93, 400)
# What each book gets besides our clean and incremental builds. On two cores a clean HTML
# build of real-shaped chapters takes about 0.5 s a chapter (stock: about twice that), and
# the book's PDF about 4½ minutes: the goals (at 93 chapters: against stock, the
# incremental and live times; the growth to 400; the full PDF) come first.
PLAN = {25: {"stock"}, 93: {"stock", "parallel", "live"}, "the book": {"pdf"}, 400: set()}
GOALS_AT = 93
README_START, README_END = "<!-- BENCHMARK:START -->", "<!-- BENCHMARK:END -->"


@dataclass
class Book:
    name: str  # "25", "the book", …
    source: Path
    options: list[str]
    chapter: Path  # the one the incremental build and the live preview edit
    chapters: int
    measure: set[str]
    row: dict = field(default_factory=dict)

    @property
    def folder(self) -> str:  # for file names: "the-book-buildings"
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and output of *command*, which must succeed."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                            text=True, env=env, cwd=REPO)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024, result.stdout


def html(book: Book, out: Path, *options: str, env: dict | None = None) -> tuple[float, float]:
    seconds, memory, _ = timed([SPHINX_BUILD, *OPTIONS, *book.options, *options, "-b", "html",
                                "-d", str(out / "doctrees"), str(book.source), str(out / "html")], env)
    return seconds, memory


def chapter_files(source: Path) -> list[Path]:
    return sorted(p for p in source.glob("*/*.md") if p.name != "index.md")


def synthetic(size: int, work: Path, measure: set[str]) -> Book:
    source = write_book(work / f"book-{size}", size)
    chapters = chapter_files(source)
    return Book(str(size), source, SYNTHETIC, chapters[len(chapters) // 2], len(chapters), measure)


def real_book(work: Path, parts: list[str], measure: set[str]) -> Book:
    """A copy of book/, or of the parts named (as tests/conftest.py's copy_of_book)."""
    source = work / "the-book" / "book"
    shutil.copytree(REPO / "book", source, ignore=shutil.ignore_patterns("_generated"))
    index = source / "index.md"
    for folder in sorted(p for p in source.iterdir() if (p / "index.md").is_file()):
        if parts and folder.name not in parts:
            shutil.rmtree(folder)
            index.write_text(index.read_text().replace(f"{folder.name}/index\n", ""))
    chapters = chapter_files(source)
    name = "the book" + (f" ({', '.join(parts)})" if parts else "")
    options = ["-D", "handbook_check_unused=0"] if parts else []  # a part cites little
    return Book(name, source, options, chapters[len(chapters) // 2], len(chapters), measure)


def pdf(book: Book, work: Path) -> None:
    """`make pdf`, in its two steps: Sphinx's LaTeX writer, then latexmk (LuaLaTeX)."""
    latex = work / f"latex-{book.folder}"
    row = book.row
    row["latex"], row["latex_mem"], _ = timed([SPHINX_BUILD, *OPTIONS, *book.options, *PDF,
                                               "-b", "latex", "-d", str(latex / "doctrees"),
                                               str(book.source), str(latex)])
    row["latexmk"], _, output = timed(["make", "--no-print-directory", "-C", str(REPO),
                                       "latex-run", f"TEXDIR={latex}"])
    row["runs"] = len(re.findall(r"LuaLaTeX pass \d+ of climate-solutions-handbook", output))
    info = subprocess.run(["pdfinfo", str(latex / "climate-solutions-handbook.pdf")],
                          capture_output=True, text=True, check=True).stdout
    row["pages"] = int(re.search(r"Pages:\s+(\d+)", info).group(1))


def pdf_beside(book: Book, work: Path, failures: list[str]) -> None:
    """pdf() in a thread of its own: a failed step's message is kept for the main thread."""
    try:
        pdf(book, work)
    except SystemExit as stop:
        failures.append(str(stop))


def measure(book: Book, work: Path) -> dict:
    row, out = book.row, work / f"ours-{book.folder}"
    row["ours"], row["ours_mem"] = html(book, out, "-j", "1")
    if "stock" in book.measure:
        row["stock"], row["stock_mem"] = html(book, work / f"stock-{book.folder}", "-j", "1",
                                              *STOCK)
    if "parallel" in book.measure:  # as `make html` builds (HTML_JOBS)
        row["parallel"], _ = html(book, work / f"parallel-{book.folder}", "-j", "auto")
    # Incremental: one sentence more in one chapter, saved normally, and build again.
    before = time.time()
    add_sentence(book.chapter, "This sentence was added to measure an incremental build.")
    row["incremental"], _ = html(book, out, "-j", "auto")  # as `make html`
    row["rewritten"] = sum(1 for page in (out / "html").rglob("*.html")
                           if page.stat().st_mtime >= before)
    if "live" in book.measure:
        row["live"] = save_to_reload(book.source, out, [*OPTIONS, *book.options, "-j", "auto"],
                                     book.chapter)
    return row


# -- the report -----------------------------------------------------------------------------
def seconds(row: dict, key: str) -> str:
    return f"{row[key]:.1f} s" if key in row else "–"


def table(books: list[Book]) -> str:
    lines = [
        "| book | chapters | clean HTML, ours (-j 1) | clean HTML, stock (-j 1) | ours / stock | "
        "`make html` (-j auto) | `make html` / stock | "
        "incremental, one chapter edited (pages rewritten) | `make live`, save to reload | "
        "clean HTML per chapter (-j 1) | peak memory, ours / stock (-j 1) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for book in books:
        r = book.row
        ratio = f"{r['ours'] / r['stock']:.2f}×" if "stock" in r else "–"
        make_ratio = f"{r['parallel'] / r['stock']:.2f}×" if {"stock", "parallel"} <= r.keys() else "–"
        stock_mem = f"{r['stock_mem']:.0f}" if "stock_mem" in r else "–"
        lines.append(
            f"| {book.name} | {book.chapters} | {seconds(r, 'ours')} | {seconds(r, 'stock')} | "
            f"{ratio} | {seconds(r, 'parallel')} | {make_ratio} | "
            f"{r['incremental']:.1f} s ({r['rewritten']}) | "
            f"{seconds(r, 'live')} | {r['ours'] / book.chapters:.2f} s | "
            f"{r['ours_mem']:.0f} / {stock_mem} MB |")
    printed = [book for book in books if "pages" in book.row]
    if printed:
        lines += ["", "| PDF (`make pdf`) | chapters | LaTeX writer | latexmk (LuaLaTeX runs) | "
                  "in all | pages | pages per second |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for book in printed:
            r = book.row
            total = r["latex"] + r["latexmk"]
            lines.append(f"| {book.name} | {book.chapters} | {r['latex']:.1f} s | "
                         f"{r['latexmk']:.1f} s ({r['runs']}) | {total:.1f} s | {r['pages']} | "
                         f"{r['pages'] / total:.1f} |")
    return "\n".join(lines + ["", *goals(books)])


def goals(books: list[Book]) -> list[str]:
    """Issue 22's goals, at 93 chapters, against what was measured."""
    by_name = {book.name: book.row for book in books}
    at, big = by_name.get(str(GOALS_AT)), by_name.get("400")
    if at is None:
        return []

    def line(goal: str, value: str, met: bool) -> str:
        return f"- {goal}: {value} ({'met' if met else 'not met'})"

    found = [f"Goals at {GOALS_AT} chapters (issue 22):", ""]
    if {"stock", "parallel"} <= at.keys():
        found.append(line("clean HTML (`make html`) at most 0.5× stock",
                          f"{at['parallel'] / at['stock']:.2f}×", at["parallel"] <= 0.5 * at["stock"]))
    found.append(line("incremental `make html` at most 1.5 s", f"{at['incremental']:.1f} s",
                      at["incremental"] <= 1.5))
    if "live" in at:
        found.append(line("`make live`, save to reload, at most 2 s", f"{at['live']:.1f} s",
                          at["live"] <= 2))
    if big is not None:
        growth = big["ours"] / at["ours"]
        found.append(line("clean HTML (-j 1) from 93 to 400 chapters at most 4.5×", f"{growth:.2f}×",
                          growth <= 4.5))
    return found


def write_to_readme(text: str) -> None:
    readme = REPO / "README.md"
    content = readme.read_text(encoding="utf-8")
    if README_START in content and README_END in content:
        before, rest = content.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        readme.write_text(f"{before}{README_START}\n{text}\n{README_END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                        help="synthetic books' chapter counts (default: 25 93 400)")
    parser.add_argument("--book", nargs="*", metavar="PART",
                        help="the real book's row only with these parts (default: the whole book)")
    parser.add_argument("--all", action="store_true", help="every measurement for every book")
    parser.add_argument("--readme", action="store_true",
                        help="write the table to README.md (the default run always does)")
    args = parser.parse_args()
    full_run = args.sizes == list(SIZES) and args.book is None and not args.all
    started = time.perf_counter()
    everything = {"stock", "parallel", "live", "pdf"}
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        work = Path(folder)
        books = []
        for size in args.sizes:
            books.append(synthetic(size, work, everything if args.all else PLAN.get(size, set())))
        books.append(real_book(work, args.book or [], everything if args.all else PLAN["the book"]))
        printing, failures = [], []
        for book in sorted(books, key=lambda b: b.chapters):
            if "pdf" in book.measure:
                # LuaLaTeX keeps one core busy for minutes and the HTML builds (-j 1) take
                # the other: the PDF is made beside the builds that follow, not after them.
                printing.append(threading.Thread(target=pdf_beside, args=(book, work, failures)))
                printing[-1].start()
            step = time.perf_counter()
            print(f"measuring {book.name} ({book.chapters} chapters)…", flush=True)
            measure(book, work)
            print(f"  {time.perf_counter() - step:.0f} s: "
                  + ", ".join(f"{key} {value:.1f}" for key, value in book.row.items()), flush=True)
        for thread in printing:
            thread.join()
        if failures:
            sys.exit("\n".join(failures))
    total = time.perf_counter() - started
    machine = f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}"
    how = "by `make bench`" if full_run else (
        f"by a small check, not the full benchmark (`bench_build.py {' '.join(sys.argv[1:])}`)")
    result = (f"Measured {how} on this machine ({machine}); the run took {total / 60:.1f} min."
              f"\n\n{table(books)}")
    print(result)
    if full_run or args.readme:
        write_to_readme(result)
    print(f"bench_build.py took {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
