"""Footnotes in the PDF editions count from 1 in each chapter, in the order their marks
come (the whole book's PDF: test_pdf_book_layout.py)."""

from __future__ import annotations

import re

CHAPTER = """\
# {title}

A first claim[^a] and a second one[^b], then the first again[^a].

See [the agency's page](https://agency.example.org/{name}) for more.

A third claim[^c].

[^a]: The first source.
[^b]: The second source.
[^c]: The third source.
"""

INDEX = """\
# Book

```{toctree}
one
two
```
"""


def footnote_numbers(tex: str) -> list[list[str]]:
    """The number of each footnote as set, chapter by chapter."""
    chapters = re.split(r"\\chapter\{", tex)[1:]
    return [re.findall(r"\\begin\{footnote\}\[(\d+)\]", chapter) for chapter in chapters]


def test_each_chapter_numbers_its_footnotes_from_one_in_reading_order(build_book):
    app, warnings = build_book(
        {"index.md": INDEX, "one.md": CHAPTER.format(title="One", name="one"),
         "two.md": CHAPTER.format(title="Two", name="two")},
        "latex", latex_show_urls="footnote")
    assert warnings == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    # a, b, the address's footnote, c: the repeated mark of a reuses its number
    assert footnote_numbers(tex) == [["1", "2", "3", "4"], ["1", "2", "3", "4"]]
    assert tex.count(r"\sphinxfootnotemark[1]") == 2
    assert "https://agency.example.org/one" in tex.split(r"\begin{footnote}[3]")[1][:400]
