"""Build-speed benchmark: synthetic books of 25, 100 and 400 chapters shaped like ours.

For each size it measures, on this machine, with our extension's speed work and with a
stock configuration side by side (``handbook_speedups=0``: the theme's own navigation
rendering, Python's default garbage collection, templates compiled every run, and the
pure-Python stemmer; our directives still registered):

- full HTML build (-j 1), and ours with -j auto;
- incremental HTML rebuild after editing one chapter (wall time, pages rewritten);
- PDF: Sphinx's LaTeX writer and latexmk separately, the LuaLaTeX runs latexmk needed,
  pages and time per page (25 and 100 chapters; the 400-chapter PDF is left out to keep
  the run under ten minutes);
- peak memory of each sphinx-build (maximum resident set size).

It prints a Markdown table and writes it between the BENCHMARK markers of README.md.
Timings are a record, not a test: `make bench` always succeeds if the builds do.

    make bench            (or: .venv/bin/python benchmarks/bench_build.py [sizes...])
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_book import write_book  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPHINX = [str(REPO / ".venv" / "bin" / "sphinx-build"), "-q", "-c", str(REPO), "-W",
          "--keep-going", "-n", "-D", "handbook_courses_dir=", "-D", "handbook_check_unused=0"]
STOCK = ["-D", "handbook_speedups=0"]
PDF_SIZES = (25, 100)
README_START, README_END = "<!-- BENCHMARK:START -->", "<!-- BENCHMARK:END -->"


def timed(command: list[str], env: dict | None = None, cwd: Path | None = None,
          output: list[str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of *command*, which must succeed; its output is
    appended to *output* when given."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                            text=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark build failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    if output is not None:
        output.append(result.stdout + result.stderr)
    return elapsed, peak_kb / 1024


def stock_env() -> dict:
    return os.environ | {"PYTHONPATH": str(Path(__file__).parent / "stock")}


def html(source: Path, out: Path, *options: str, env: dict | None = None) -> tuple[float, float]:
    return timed([*SPHINX, "-b", "html", "-d", str(out / "doctrees"), *options, str(source),
                  str(out / "html")], env=env)


def rewritten_pages(out: Path, since: float) -> int:
    return sum(1 for page in (out / "html").rglob("*.html") if page.stat().st_mtime >= since)


def measure(size: int, work: Path) -> dict:
    source = write_book(work / f"book-{size}", size)
    row: dict = {"chapters": size}
    row["ours"], row["ours_mem"] = html(source, work / f"ours-{size}", "-j", "1")
    row["stock"], row["stock_mem"] = html(source, work / f"stock-{size}", "-j", "1", *STOCK,
                                          env=stock_env())
    row["parallel"], _ = html(source, work / f"par-{size}", "-j", "auto")
    # Incremental: edit one chapter, build again without cleaning.
    chapter = source / "part-01" / "chapter-001.md"
    chapter.write_text(chapter.read_text().replace("An opening paragraph", "An edited paragraph"))
    os.utime(chapter, (time.time() + 5, time.time() + 5))
    before = time.time()
    row["incremental"], _ = html(source, work / f"ours-{size}", "-j", "1")
    row["rewritten"] = rewritten_pages(work / f"ours-{size}", before)
    if size in PDF_SIZES:
        latex = work / f"latex-{size}"
        row["latex"], row["latex_mem"] = timed(
            [*SPHINX, "-b", "latex", "-d", str(latex / "doctrees"), "-D", "hide_solutions=1",
             str(source), str(latex)])
        latexmk_output: list[str] = []
        row["latexmk"], _ = timed(["make", "-C", str(latex), "LATEXMKOPTS=-silent",
                                   "LATEXOPTS=-no-shell-escape -halt-on-error", "all-pdf"],
                                  output=latexmk_output)
        # Sphinx's latexmkrc names the LuaLaTeX rule 'pdflatex'.
        row["runs"] = len(re.findall(r"Run number \d+ of rule 'pdflatex'", latexmk_output[0]))
        info = subprocess.run(["pdfinfo", str(latex / "climate-solutions-handbook.pdf")],
                              capture_output=True, text=True, check=True).stdout
        row["pages"] = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return row


def table(rows: list[dict]) -> str:
    base = next((r for r in rows if r["chapters"] == 100), rows[0])
    lines = [
        "| chapters | full HTML (ours) | full HTML (stock) | ours / stock | -j auto | "
        "incremental, 1 chapter edited (pages rewritten) | HTML per chapter | peak memory (ours / stock) | "
        "LaTeX writer | latexmk (LuaLaTeX runs) | PDF pages | PDF s/page |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        pdf = (f"{r['latex']:.1f} s | {r['latexmk']:.1f} s ({r['runs']}) | {r['pages']} | "
               f"{r['latexmk'] / r['pages']:.3f}") if "latex" in r else "– | – | – | –"
        lines.append(
            f"| {r['chapters']} | {r['ours']:.1f} s | {r['stock']:.1f} s | "
            f"{r['ours'] / r['stock']:.2f}× | {r['parallel']:.1f} s | {r['incremental']:.1f} s "
            f"({r['rewritten']}) | {r['ours'] / r['chapters']:.3f} s | "
            f"{r['ours_mem']:.0f} / {r['stock_mem']:.0f} MB | {pdf} |")
    growth = [r for r in rows if r["chapters"] == 400]
    if growth:
        lines.append("")
        lines.append(f"Growth: the 400-chapter full HTML build takes "
                     f"{growth[0]['ours'] / base['ours']:.2f}× the 100-chapter one (ours), "
                     f"{growth[0]['stock'] / base['stock']:.2f}× (stock).")
    return "\n".join(lines)


def write_to_readme(text: str) -> None:
    readme = REPO / "README.md"
    content = readme.read_text()
    if README_START in content and README_END in content:
        before, rest = content.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        readme.write_text(f"{before}{README_START}\n{text}\n{README_END}{after}")


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [25, 100, 400]
    machine = f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}"
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        rows = []
        for size in sizes:
            print(f"building {size} chapters…", flush=True)
            rows.append(measure(size, Path(folder)))
    result = f"Measured by `make bench` on this machine ({machine}).\n\n{table(rows)}"
    print(result)
    if sizes == [25, 100, 400]:
        write_to_readme(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
