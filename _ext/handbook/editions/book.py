"""The PDF edition's book structure: parts by sector, unnumbered front and back chapters.

With ``latex_toplevel_sectioning = "part"`` every document in the root toctree becomes
a ``\\part``. That is right for the sector pages, whose toctrees hold the chapters, but
not for the preface or the glossary. This post-transform turns each top-level document
that lists no chapters into an ``unnumbered_chapter``: ``\\chapter*`` with a contents
line and running heads, its own subsections one level down as they should be.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.editions.book_sources import source_texts
from handbook.visitors import skip_node

BOOK_TITLE = "Climate Solutions Handbook"


class unnumbered_chapter(nodes.General, nodes.Element):
    """A chapter without a number (LaTeX only); ``title`` holds its plain-text title and
    ``level`` is "chapter" (the default) or "section" (in a handout, which has no chapters)."""


class UnnumberedFrontAndBackChapters(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 400

    def run(self) -> None:
        if self.config.latex_toplevel_sectioning != "part":
            return  # handouts and course packs have no parts
        root = self.config.root_doc
        top_level = set(self.env.toctree_includes.get(root, []))
        for start in list(self.document.findall(addnodes.start_of_file)):
            docname = start.get("docname")
            if docname not in top_level or self.env.toctree_includes.get(docname):
                continue
            section = next((child for child in start.children
                            if isinstance(child, nodes.section)), None)
            if section is None:
                continue
            title = section[0]
            chapter = unnumbered_chapter(title=title.astext(), ids=section["ids"])
            chapter.extend(section.children[1:])
            section.replace_self(chapter)


class LeaveOutHtmlOnlyPages(SphinxPostTransform):
    """Pages for the HTML edition only (``handbook_html_only``: the Courses page, which
    tells a teacher how to build a pack) are left out of every PDF, with the pages they
    list: nothing in a reader's book tells the reader to run a command."""

    builders = ("latex",)
    default_priority = 390  # before the front and back chapters are made

    def run(self) -> None:
        html_only = set(self.config.handbook_html_only)
        for start in list(self.document.findall(addnodes.start_of_file)):
            if start.get("docname") in html_only and start.parent is not None:
                start.parent.remove(start)


def visit_unnumbered_chapter(self, node: unnumbered_chapter) -> None:
    title = self.encode(node["title"])
    level = node.get("level", "chapter")
    # Back matter (the glossary) sits at the root of the PDF outline, not under the last part.
    self.body.append("\n\\bookmarksetup{startatroot}")
    self.body.append(
        f"\n\\{level}*{{{title}}}\\addcontentsline{{toc}}{{{level}}}{{{title}}}"
        f"\\markboth{{{title}}}{{{title}}}\\HandbookUnnumberedBegin\n")
    self.body.append(self.hypertarget_to(node))
    # Its subsections sit one level below its own heading, whatever the translator's
    # count says at this point.
    node["outer_level"] = self.sectionlevel
    self.sectionlevel = self.sectionnames.index(level)


def depart_unnumbered_chapter(self, node: unnumbered_chapter) -> None:
    self.sectionlevel = node["outer_level"]
    self.body.append("\n\\HandbookUnnumberedEnd\n")



# Han, kana, hangul and CJK punctuation: text that needs the (slow to load) CJK font.
_CJK = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def flag_cjk_text(app: Sphinx, config) -> None:
    """Tell handbook.sty to load the CJK fallback font only when some page needs it."""
    # Only a hint for the preamble: a page that is not UTF-8 is reported when it is read.
    if any(_CJK.search(text) for text in source_texts(Path(app.srcdir)).values()):
        config.latex_elements = {**config.latex_elements, "preamble":
                                 "\\def\\HandbookWithCJK{}\n"
                                 + config.latex_elements.get("preamble", "")}


def setup_latex_book(app: Sphinx) -> None:
    app.add_config_value("handbook_html_only", [], "env", types=[list])
    app.add_post_transform(LeaveOutHtmlOnlyPages)
    app.connect("config-inited", flag_cjk_text)
    app.add_node(unnumbered_chapter,
                 latex=(visit_unnumbered_chapter, depart_unnumbered_chapter),
                 html=(skip_node, None), text=(skip_node, None))
    app.add_post_transform(UnnumberedFrontAndBackChapters)
