"""Figures and tables numbered by chapter, "Figure 3.2", the same in every edition.

The PDF numbers the chapters through the book (the chapters of every part, in order;
the preface and the back matter are unnumbered: ``editions/book.py``) and LaTeX numbers
a chapter's figures and tables after it (``handbook.sty``). Sphinx's own numbers, which
the HTML edition prints, run through the whole book instead, since no toctree is
``:numbered:`` (that would number the parts too, "2.3", unlike the PDF). So, after
Sphinx has numbered them, each figure and table is renumbered as in the PDF: chapter
number and its place in the chapter; on a page that is not a chapter, its place on
that page. Other numbered things (exercises, equations) keep Sphinx's numbers.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

BY_CHAPTER = ("figure", "table")


def chapter_numbers(env: BuildEnvironment) -> dict[str, int]:
    """Docname -> chapter number, as the PDF numbers them: the documents that the root's
    parts (top-level documents with a toctree) list, in reading order."""
    numbers: dict[str, int] = {}
    for top in env.toctree_includes.get(env.config.root_doc, []):
        for chapter in env.toctree_includes.get(top, []):
            numbers.setdefault(chapter, len(numbers) + 1)
    return numbers


def number_by_chapter(app: Sphinx, env: BuildEnvironment) -> list[str]:
    chapters = chapter_numbers(env)
    for docname, by_type in env.toc_fignumbers.items():
        prefix = (chapters[docname],) if docname in chapters else ()
        for figtype in BY_CHAPTER:
            numbered = by_type.get(figtype, {})
            in_order = sorted(numbered, key=numbered.__getitem__)
            by_type[figtype] = {ids: (*prefix, place) for place, ids in enumerate(in_order, 1)}
    # A page's numbers change only when the page or a toctree does, and then Sphinx
    # rewrites it anyway.
    return []


def setup_chapter_numbers(app: Sphinx) -> None:
    # After Sphinx's own numbering (the toctree collector, priority 500).
    app.connect("env-get-updated", number_by_chapter, priority=900)
