"""The PDF's back-of-book index: entries where the text uses a thing, not where it is defined.

Sphinx indexes a glossary term at its definition, so every page number of the index
pointed into the glossary. For the LaTeX builders this post-transform instead indexes,
on the chapters' own pages (the parts' folders):

- every glossary term where a chapter uses it (``{term}``), under the glossary's spelling;
- every company, in its chapter's company panel and wherever ``{company}`` names it;
- every case study under its title and under each country it took place in;
- each chapter under its title.

The glossary's own entries are dropped: the glossary is its own alphabetical list. An
author's ``{index}`` marks stay as they are. It runs before references are resolved
(priority below ``ReferencesResolver``'s 10) to see each ``{term}`` and ``{company}``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.assembled_tree import walk
from handbook.case_study import case_study
from handbook.common.book_layout import GENERATED
from handbook.common.characters import typographic_apostrophes
from handbook.company_panel import company_panel


def entry(text: str, subentry: str | None = None) -> addnodes.index:
    value = typographic_apostrophes(f"{text}; {subentry}" if subentry else text)
    return addnodes.index(entries=[("single", value, "", "", None)], inline=True)


def glossary_spellings(env) -> dict[str, str]:
    """Each glossary term's lower-case form -> the term as the glossary writes it."""
    return {name.lower(): name
            for name, _disp, kind, *_rest in env.domains.standard_domain.get_objects()
            if kind == "term"}


def is_indexed(docname: str) -> bool:
    """The chapters and part pages (a part's folder) are indexed; the front and back
    matter and the course pages the build writes are not."""
    return "/" in docname and not docname.startswith(GENERATED)


class BackOfBookIndex(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 5

    def run(self, **kwargs) -> None:
        spellings = glossary_spellings(self.env)
        # (node, where, entries) and the glossaries: changed after the walk, not under it
        marks, glossaries = [], []
        for node, docname, fragile in walk(self.document, self.env.docname):
            if isinstance(node, addnodes.glossary):
                glossaries.append(node)
            if not is_indexed(docname):
                continue
            if isinstance(node, addnodes.pending_xref) and not fragile:
                kind = (node.get("refdomain"), node.get("reftype"))
                target = node.get("reftarget", "")
                if kind == ("std", "term"):
                    marks.append((node, "before", [entry(spellings.get(target.lower(), target))]))
                elif kind == ("handbook", "company"):
                    marks.append((node, "before", [entry(target)]))
            elif isinstance(node, company_panel):
                for item in node.findall(nodes.list_item):
                    if item.get("company") and item.children:
                        marks.append((item[0], "inside", [entry(item["company"])]))
            elif isinstance(node, case_study) and node.children:
                title = node["title"]
                places = [entry(country, title) for country, _iso in node["countries"]]
                marks.append((node[0], "inside", [entry(title), *places]))
            elif isinstance(node, addnodes.start_of_file) and is_indexed(node["docname"]):
                self.mark_chapter_title(node, marks)
        for glossary in glossaries:
            self.drop_glossary_entries(glossary)
        for node, where, entries in marks:
            if where == "inside":
                node[0:0] = entries
            else:
                node.parent[node.parent.index(node):node.parent.index(node)] = entries

    @staticmethod
    def drop_glossary_entries(glossary: addnodes.glossary) -> None:
        for mark in list(glossary.findall(addnodes.index)):
            mark.parent.remove(mark)

    def mark_chapter_title(self, start: addnodes.start_of_file, marks: list) -> None:
        if self.env.toctree_includes.get(start["docname"]):
            return  # a part page: its title is a part, not a subject
        section = next((child for child in start.children
                        if isinstance(child, nodes.section)), None)
        opening = next(section.findall(nodes.paragraph), None) if section else None
        if opening is not None:  # the chapter's opening paragraph, on its first page
            marks.append((opening, "inside", [entry(section[0].astext())]))


def setup_book_index(app: Sphinx) -> None:
    app.add_post_transform(BackOfBookIndex)
