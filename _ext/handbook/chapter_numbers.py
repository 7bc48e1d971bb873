"""Figures, tables and exercises numbered by chapter, "Figure 3.2", "Exercise 3.2", the
same in every edition: the book, a course pack that holds chapters 3 and 7, and the
handout of chapter 3.

The PDF numbers the chapters through the book (the chapters of every part, in order;
the preface and the back matter are unnumbered: ``editions/book.py``) and LaTeX numbers
a chapter's figures and tables after it (``handbook.sty``). Sphinx's own numbers, which
the HTML edition prints and sphinx-exercise writes into every edition, run through the
whole book instead, since no toctree is ``:numbered:`` (that would number the parts
too, "2.3", unlike the PDF). So, after Sphinx has numbered them, each figure, table and
exercise is renumbered as in the PDF: the book's chapter number and its place in the
chapter; on a part's opening page, the part's Roman number and its place ("Table II.1");
on another page that is not a chapter (the preface, the back matter), its place on it.

A course pack has a root of its own, so the chapter numbers are read from the book's
root (``handbook_book_root``, kept by ``editions/course_packs.py``), and each chapter
of a pack or handout tells LaTeX its number in the book (``\\HandbookChapterNumber``).
Other numbered things (equations, code) keep Sphinx's numbers.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

BY_CHAPTER = ("figure", "table", "exercise")


def book_root(env: BuildEnvironment) -> str:
    return env.config.handbook_book_root or env.config.root_doc


def chapter_numbers(env: BuildEnvironment) -> dict[str, int]:
    """Docname -> chapter number, as the book's PDF numbers them: the documents that the
    book root's parts (top-level documents with a toctree) list, in reading order."""
    numbers: dict[str, int] = {}
    for top in env.toctree_includes.get(book_root(env), []):
        for chapter in env.toctree_includes.get(top, []):
            numbers.setdefault(chapter, len(numbers) + 1)
    return numbers


def part_numerals(env: BuildEnvironment) -> dict[str, str]:
    """Docname -> the part's number in Roman numerals, as the PDF's \\part prints it: the
    top-level documents that list chapters, in order."""
    parts = [top for top in env.toctree_includes.get(book_root(env), [])
             if env.toctree_includes.get(top) and top not in env.config.handbook_html_only]
    return {part: roman(number) for number, part in enumerate(parts, 1)}


def roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def number_by_chapter(app: Sphinx, env: BuildEnvironment) -> list[str]:
    chapters = chapter_numbers(env)
    parts = part_numerals(env)
    for docname, by_type in env.toc_fignumbers.items():
        # A part's opening page (its Drawdown table) numbers by the part: "Table II.1".
        prefix = ((chapters[docname],) if docname in chapters
                  else (parts[docname],) if docname in parts else ())
        for figtype in BY_CHAPTER:
            numbered = by_type.get(figtype, {})
            in_order = sorted(numbered, key=numbered.__getitem__)
            by_type[figtype] = {ids: (*prefix, place) for place, ids in enumerate(in_order, 1)}
    # A page's numbers change only when the page or a toctree does, and then Sphinx
    # rewrites it anyway.
    return []


def number_mark(number: int) -> nodes.raw:
    return nodes.raw("", f"\n\\HandbookChapterNumber{{{number}}}\n", format="latex")


class ChapterNumbersInLatex(SphinxPostTransform):
    """Each chapter of the assembled LaTeX document starts by setting its book number:
    LaTeX would otherwise count a course pack's chapters from 1."""

    builders = ("latex",)
    default_priority = 400

    def run(self) -> None:
        chapters = chapter_numbers(self.env)
        if self.env.docname in chapters:  # a handout: the chapter is the document
            self.document.insert(0, number_mark(chapters[self.env.docname]))
        for start in list(self.document.findall(addnodes.start_of_file)):
            if start["docname"] in chapters:
                start.insert(0, number_mark(chapters[start["docname"]]))


def label_chapter_heading(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """"Chapter 17" above a chapter's title in HTML, as the PDF's chapter opener has it:
    a reader told to "do Exercise 17.2" can see which chapter is 17."""
    if app.builder.format != "html":
        return
    number = chapter_numbers(app.env).get(docname)
    title = next(iter(doctree.findall(nodes.title)), None)
    if number is not None and title is not None:
        title.insert(0, nodes.inline("", f"Chapter {number} ", classes=["hb-chapter-number"]))


def setup_chapter_numbers(app: Sphinx) -> None:
    app.add_config_value("handbook_book_root", "", "env", types=[str])
    # After Sphinx's own numbering (the toctree collector, priority 500).
    app.connect("env-get-updated", number_by_chapter, priority=900)
    app.add_post_transform(ChapterNumbersInLatex)
    app.connect("doctree-resolved", label_chapter_heading)
