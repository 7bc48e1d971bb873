"""Handouts and course packs as documents that stand on their own.

A handout (``handouts.py``) or a course pack (``course_packs.py``) is part of the book read
on its own. Both of the book read on their own, so a post-transform finishes them: the
glossary entries their chapters use are added at the end (so every term link lands),
then, in the instructor edition, the answers to their exercises (``answer_key.py``);
links to chapters that are not in the document become plain text.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.chapter_numbers import chapter_numbers
from handbook.editions.answer_key import key_for, which_answers
from handbook.editions.book import unnumbered_chapter


def is_part_of_the_whole_book(config: Config) -> bool:
    return config.handbook_latex_set == "book" and not config.handbook_course_pack


class FinishStandaloneDocument(SphinxPostTransform):
    """Add the glossary entries a handout or pack uses; unlink chapters it leaves out."""

    builders = ("latex",)
    # Before references are resolved (10): term links are still pending. Before the
    # back-of-book index (book_index.py, 5) too, which drops a glossary's own index
    # entries: the key terms added here would otherwise index every term twice.
    default_priority = 4

    def run(self) -> None:
        if is_part_of_the_whole_book(self.config):
            return
        included = {start["docname"] for start in self.document.findall(addnodes.start_of_file)}
        included.add(self.document.get("docname", ""))
        self.unlink_absent_chapters(included)
        entries = self.glossary_entries_used()
        if entries:
            self.document += self.key_terms(entries)
        if which_answers(self.config) == "all":
            chapters = [doc for doc in dict.fromkeys(
                [self.document.get("docname", ""),
                 *(start["docname"] for start in self.document.findall(addnodes.start_of_file))])
                if doc in chapter_numbers(self.env)]
            key = key_for(self.env, chapters, "all")
            if key:
                chapter = unnumbered_chapter(title="Answers", level=self.level())
                chapter += key
                self.document += chapter

    def unlink_absent_chapters(self, included: set[str]) -> None:
        for xref in list(self.document.findall(addnodes.pending_xref)):
            target = self.doc_target(xref)
            if target and target not in included:
                xref.replace_self(nodes.inline("", "", *xref.children))

    def doc_target(self, xref: addnodes.pending_xref) -> str | None:
        if xref.get("reftype") == "doc":
            return xref["reftarget"].lstrip("/")
        if xref.get("reftype") == "myst":
            target = xref["reftarget"].split("#")[0]
            if target.endswith(".md"):
                base = Path(xref.get("refdoc", "")).parent
                return (base / target[:-3]).as_posix() if not target.startswith("/") \
                    else target[1:-3]
        return None

    def glossary_entries_used(self) -> list[nodes.definition_list_item]:
        """The glossary entries the document links to, and those their definitions link to."""
        terms = {name.lower(): location[1] for (kind, name), location
                 in self.env.domains.standard_domain.objects.items() if kind == "term"}
        items = {term_id: item
                 for item in self.env.get_doctree("glossary").findall(nodes.definition_list_item)
                 for term in item.findall(nodes.term) for term_id in term["ids"]}
        chosen: dict[int, nodes.definition_list_item] = {}
        pending = list(self.document.findall(addnodes.pending_xref))
        while pending:
            xref = pending.pop()
            if xref.get("refdomain") != "std" or xref.get("reftype") != "term":
                continue
            item = items.get(terms.get(xref["reftarget"].lower(), ""))
            if item is not None and id(item) not in chosen:
                chosen[id(item)] = item
                pending.extend(item.findall(addnodes.pending_xref))
        # In the glossary's own (alphabetical) order.
        order = list(dict.fromkeys(items.values()))
        return [item.deepcopy() for item in order if id(item) in chosen]

    def level(self) -> str:
        return "section" if self.config.latex_toplevel_sectioning == "section" else "chapter"

    def key_terms(self, entries: list[nodes.definition_list_item]) -> nodes.Element:
        terms = addnodes.glossary()
        terms += nodes.definition_list("", *entries, classes=["glossary"])
        chapter = unnumbered_chapter(title="Key terms", level=self.level())
        chapter += terms
        # Inside "glossary", so the terms keep the labels the term links point to.
        return addnodes.start_of_file("", chapter, docname="glossary")


def setup_standalone_documents(app: Sphinx) -> None:
    app.add_post_transform(FinishStandaloneDocument)
