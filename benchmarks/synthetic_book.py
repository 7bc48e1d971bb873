"""A synthetic book of N chapters shaped like ours, for the build benchmark.

Every chapter has the handbook's front matter (a real Drawdown solution, so the
At a glance box is built), a figure, a company panel, case studies, glossary links,
an exercise with its solution, and the usual sections; chapters are grouped in parts
of 20. The glossary, preface and directory pages come from the real book.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.common.drawdown_data import load_solutions

REPO = Path(__file__).resolve().parents[1]
PART_SIZE = 20

CHAPTER = """---
drawdown_solution: {solution}
sectors: [{sectors}]
---

# {title}

An opening paragraph about {solution_lower}, what it is and why it matters for the
climate. It explains the idea in two or three sentences, like every chapter does.

```{{figure}} ../figures/diagram.svg
:alt: A diagram for chapter {n}
:width: 60%

A diagram for chapter {n}.
```

:::{{company-panel}}
:jobs: https://jobs.example.org/search?q=chapter-{n}

- name: Shared Example Company
  url: https://shared.example.org
  description: Appears in every chapter of the synthetic book.
- name: Company {n} A
  url: https://a{n}.example.org
  description: The first example company of chapter {n}.
- name: Company {n} B
  url: https://b{n}.example.org
  description: The second example company of chapter {n}.
- name: Company {n} C
  url: https://c{n}.example.org
  description: The third example company of chapter {n}.
:::

## Overview

{paragraphs}

It relies on the {{term}}`heat pump` and the {{term}}`coefficient of performance <COP>`,
and on a {{term}}`refrigerant` with a low {{term}}`GWP`.

## Progress Made

1. **First step**: {sentence}
2. **Second step**: {sentence}
3. **Third step**: {sentence}

## Solutions by Sector

### Residential

- **Homes**: {sentence}

```{{rubric}} Case studies
```

:::{{case-study}} Project {n} North
:region: Europe
:sector: Residential
:link: https://north{n}.example.org
:company: Company {n} A

{sentence}
:::

:::{{case-study}} Project {n} South
:region: Sub-Saharan Africa
:sector: Residential
:link: https://south{n}.example.org

{sentence}
:::

### Commercial

:::{{case-study}} Project {n} East
:region: South Asia
:sector: Commercial
:link: https://east{n}.example.org
:company: Shared Example Company

{sentence}
:::

## Lessons Learned

{paragraphs}

## Challenges Ahead

{paragraphs}

## Best Path Forward

{paragraphs}

## For the classroom

:::{{exercise}} Chapter {n} arithmetic
:label: ex-synthetic-{n}

A house needs 12,000 kWh of heat a year. How much electricity does a heat pump with a
seasonal COP of 3 use?
:::

:::{{solution}} ex-synthetic-{n}
:class: dropdown

12,000 kWh / 3 = 4,000 kWh of electricity a year.
:::

## References

- Project Drawdown (2020). *Table of solutions*. Project Drawdown.
"""

SENTENCE = ("Buildings in many countries have adopted the approach, and costs have fallen as "
            "installers and manufacturers gained experience with it.")


def write_book(folder: Path, chapters: int) -> Path:
    """Write a book of *chapters* chapters into *folder*; returns the source folder."""
    source = folder / "book"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    for page in ("preface.md", "glossary.md", "companies.md", "case-studies.md"):
        shutil.copy(REPO / "book" / page, source / page)
    (source / "figures").mkdir()
    shutil.copy(REPO / "book" / "buildings" / "figures" / "heat-pump-cycle.svg",
                source / "figures" / "diagram.svg")
    solutions = list(load_solutions(REPO / "data" / "drawdown-solutions.csv").values())
    paragraphs = "\n\n".join([SENTENCE * 3] * 3)
    parts: dict[int, list[str]] = {}
    for n in range(1, chapters + 1):
        solution = solutions[(n - 1) % len(solutions)]
        part = (n - 1) // PART_SIZE + 1
        slug = f"chapter-{n:03d}"
        parts.setdefault(part, []).append(slug)
        folder_part = source / f"part-{part:02d}"
        folder_part.mkdir(exist_ok=True)
        (folder_part / f"{slug}.md").write_text(CHAPTER.format(
            solution=solution.name, solution_lower=solution.name.lower(),
            sectors=", ".join(f'"{sector}"' for sector in solution.sectors), title=f"Chapter {n}: {solution.name}", n=n,
            paragraphs=paragraphs, sentence=SENTENCE).replace("../figures/", "../figures/"),
            encoding="utf-8")
    for part, slugs in parts.items():
        entries = "\n".join(slugs)
        (source / f"part-{part:02d}" / "index.md").write_text(
            f"# Part {part}\n\nAn introduction to part {part}.\n\n```{{toctree}}\n:maxdepth: 1\n\n"
            f"{entries}\n```\n", encoding="utf-8")
    part_entries = "\n".join(f"part-{part:02d}/index" for part in parts)
    (source / "index.md").write_text(
        "# Synthetic Handbook\n\n```{toctree}\n:caption: Start here\n:hidden:\n\npreface\n```\n\n"
        f"```{{toctree}}\n:caption: Parts\n:hidden:\n\n{part_entries}\n```\n\n"
        "```{toctree}\n:caption: Reference\n:hidden:\n\nglossary\ncompanies\ncase-studies\n```\n",
        encoding="utf-8")
    return source
