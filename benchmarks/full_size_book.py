"""Grow a copy of the book to all 93 Drawdown solutions, to measure it at full size.

Every solution without a chapter gets a copy of the book's longest chapter (the heat pump
chapter: about 4,700 words, seven case studies, two equations, a figure, tables and four
exercises, so the measurement errs on the heavy side), with its own title, front matter
and labels, in the folder of its part, listed in that part's page; every part gets its
page with its table of solutions. The result builds with zero warnings and passes the
chapter checks, so ``make test`` and ``make check`` can be timed on it::

    git clone -q . /tmp/full && .venv/bin/python benchmarks/full_size_book.py /tmp/full
    cd /tmp/full && time make test

It rewrites ``book/`` of the folder it is given, so it refuses to touch this repository.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from handbook.common.drawdown_data import load_solutions

REPO = Path(__file__).resolve().parents[1]
MODEL = Path("buildings/high-efficiency-heat-pumps.md")
MODEL_STEM = MODEL.stem


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


def yaml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def chapter_copy(model: str, stem: str, solution) -> str:
    """The model chapter as the chapter on *solution*: its own labels, title, front matter
    and companies; links and figures still pointing into the Buildings part."""
    text = model.split("\n---\n", 1)[1]  # without the model's front matter
    text = text.replace(MODEL_STEM, stem)
    text = re.sub(r"\b(case|tbl)-heat-pumps-", rf"\1-{stem}-", text)
    text = text.replace("fig-heat-pump-cycle", f"fig-{stem}-cycle")
    text = re.sub(r"\beq-cop\b", f"eq-{stem}-cop", text)
    text = text.replace("](figures/", "](../buildings/figures/")
    text = text.replace("{figure} figures/", "{figure} ../buildings/figures/")
    text = re.sub(r"\]\(([a-z-]+\.md)", r"](../buildings/\1", text)
    text = text.replace("# High-Efficiency Heat Pumps", f"# {solution.name}", 1)
    # Companies of their own, as real chapters have: the same five in 42 chapters would give
    # the directory five entries that run over pages, which no real book has.
    for name in re.findall(r"^- name: (.+)$", model, re.M):
        text = re.sub(rf"\b{re.escape(name)}\b", f"{name} of {solution.name}", text)
    return (f"---\ndrawdown_solution: {solution.name}\nsectors: {yaml_list(solution.sectors)}\n"
            f"---\n{text}")


def part_page(sector: str, intro: str, entries: list[str]) -> str:
    toctree = "\n".join(entries)
    return (f"# {sector}\n\n{intro}\n\n```{{drawdown-solutions-table}}\n:sector: {sector}\n```\n\n"
            f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n")


def grow(root: Path) -> int:
    book = root / "book"
    solutions = load_solutions(root / "data" / "drawdown-solutions.csv")
    covered = {re.search(r"^drawdown_solution: (.+)$", p.read_text(), re.M).group(1).strip()
               for p in book.glob("*/*.md") if p.name != "index.md"}
    model = (book / MODEL).read_text()
    added: dict[str, list[str]] = {}
    for solution in solutions.values():
        if solution.name in covered:
            continue
        folder = slug(solution.home_sector)
        stem = slug(solution.name)
        (book / folder).mkdir(exist_ok=True)
        (book / folder / f"{stem}.md").write_text(chapter_copy(model, stem, solution))
        added.setdefault(solution.home_sector, []).append(stem)
    index = (book / "index.md").read_text()
    for sector, stems in added.items():
        page = book / slug(sector) / "index.md"
        if page.exists():  # a part begun: add the new chapters to its toctree
            text = page.read_text()
            start = text.index("```{toctree}")
            end = text.index("```", start + 3)
            head = text[:end].rstrip("\n")
            gap = "\n\n" if head.splitlines()[-1].startswith(":") else "\n"  # options end
            page.write_text(head + gap + "\n".join(stems) + "\n" + text[end:])
        else:
            page.write_text(part_page(sector, f"The solutions whose home sector is {sector}.",
                                      stems))
        entry = f"{slug(sector)}/index"
        if entry not in index:  # at the end of the Parts toctree
            start = index.index(":caption: Parts")
            end = index.index("```", start)
            index = index[:end] + entry + "\n" + index[end:]
    (book / "index.md").write_text(index)
    return sum(len(stems) for stems in added.values())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: full_size_book.py <a copy of the repository>", file=sys.stderr)
        return 2
    root = Path(argv[0]).resolve()
    if root == REPO or not (root / "book" / MODEL).exists():
        print(f"{root}: give a copy of the repository (this one is never rewritten)",
              file=sys.stderr)
        return 2
    count = grow(root)
    total = len([p for p in (root / "book").glob("*/*.md") if p.name != "index.md"])
    print(f"{root / 'book'}: {count} chapters added, {total} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
