"""The lines of text a reader sees on each page of a PDF, with their font and size.

pypdf reports every run of text with its font and position; runs on one baseline make a
line. The text inside figures (drawn as form XObjects, with their own coordinates) is left
out, and so are the running head and the folio: what is left is the page's own text, top
to bottom, as a typesetter would judge its page breaks.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader

# A4 in points: the running head sits above this line, the folio below the other.
HEAD_ABOVE, FOLIO_BELOW = 780, 55
BODY_SIZE = 9.5  # body text and box text are 10 pt or more; footnotes and URLs 9 pt


@dataclass(frozen=True)
class Line:
    y: float
    fonts: tuple[str, ...]  # font of each run, left to right, without the subset prefix
    size: float  # of the first run
    text: str

    @property
    def bold(self) -> bool:
        return all(font.endswith("-Bold") for font in self.fonts)

    @property
    def footnote_start(self) -> bool:
        """The first line of a footnote: its mark, a small raised number, comes first."""
        return self.size < 7 and bool(re.match(r"\d", self.text))


@dataclass(frozen=True)
class PrintedPage:
    head: str  # the running head, "" on a page without one
    lines: list[Line]  # the page's own text, top to bottom


def read_page(page: PageObject) -> PrintedPage:
    inside_figure = 0
    runs = []

    def before(operator, *_):
        nonlocal inside_figure
        inside_figure += operator == b"Do"

    def after(operator, *_):
        nonlocal inside_figure
        inside_figure -= operator == b"Do"

    def visit(text, cm, tm, font, size):
        if text.strip() and font and not inside_figure:
            y = round(tm[5] * cm[3] + cm[5])
            x = tm[4] * cm[0] + cm[4]
            name = font.get("/BaseFont", "").split("+")[-1]
            runs.append((y, x, name, size * tm[3] * cm[3], text))

    page.extract_text(visitor_text=visit, visitor_operand_before=before,
                      visitor_operand_after=after)
    by_baseline = defaultdict(list)
    for y, x, font, size, text in runs:
        by_baseline[y].append((x, font, size, text))
    head, lines = "", []
    for y in sorted(by_baseline, reverse=True):
        line = sorted(by_baseline[y])
        text = "".join(run[3] for run in line).strip()
        if y >= HEAD_ABOVE:
            head = text
        elif y > FOLIO_BELOW:
            lines.append(Line(y, tuple(run[1] for run in line), round(line[0][2], 1), text))
    return PrintedPage(head, lines)


def read_page_range(pdf: Path, start: int, stop: int) -> list[PrintedPage]:
    pages = PdfReader(pdf).pages
    return [read_page(pages[index]) for index in range(start, stop)]


def read_pages(pdf: Path) -> list[PrintedPage]:
    """Every page of *pdf*, read on every core (pypdf takes about a tenth of a second a
    page, and the book has some 1,300)."""
    count = len(PdfReader(pdf).pages)
    workers = os.cpu_count() or 1
    bounds = [count * share // workers for share in range(workers + 1)]
    with ProcessPoolExecutor(workers) as pool:
        shares = pool.map(read_page_range, [pdf] * workers, bounds[:-1], bounds[1:])
        return [page for share in shares for page in share]
