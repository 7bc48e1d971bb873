"""The PDF editions beyond the whole book: chapter handouts and course packs.

- Handouts (``handbook_latex_set = "handouts"``): one LaTeX document per chapter, in the
  article-like ``howto`` class: a title block of its own (book, chapter, date), pages
  numbered from 1.
- Course packs (``handbook_course_pack = "<name>"``, see courses.py): one ``manual``
  document whose root lists the course's chapters in order, with a contents page.

Both are parts of the book read on their own, so a post-transform finishes them: the
glossary entries their chapters use are added at the end (so every term link lands),
and links to chapters that are not in the document become plain text.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from .courses import PACK_ROOTS, Course, chapter_titles
from .latex_book import unnumbered_chapter

LATEX_SETS = ("book", "handouts")
BOOK_TITLE = "Climate Solutions Handbook"


def configure_handouts(app: Sphinx, config: Config) -> None:
    if config.handbook_latex_set != "handouts":
        return
    titles = chapter_titles(Path(app.srcdir))
    config.latex_documents = [
        (docname, f"{docname.split('/')[-1]}.tex", title, BOOK_TITLE, "howto", False)
        for docname, title in titles.items()]
    config.latex_toplevel_sectioning = "section"
    # A handout of a few pages needs neither a contents page nor an index.
    config.latex_elements = {**config.latex_elements, "tableofcontents": "",
                             "makeindex": "", "printindex": ""}


def configure_course_pack(config: Config, course: Course) -> None:
    root = f"{PACK_ROOTS.as_posix()}/{course.name}"
    config.root_doc = root
    config.latex_documents = [(root, f"{course.name}.tex", course.title,
                               course.instructor or BOOK_TITLE, "manual", True)]
    config.latex_toplevel_sectioning = "chapter"
    subtitle = course.subtitle or f"A course pack of the {BOOK_TITLE}"
    # The pack's own title page names the course (texescape happens in the sty macro arg).
    from sphinx.util.texescape import escape
    config.latex_elements = {**config.latex_elements, "preamble":
                             config.latex_elements.get("preamble", "")
                             + f"\n\\renewcommand{{\\HandbookSubtitle}}{{{escape(subtitle)}}}"
                             + f"\n\\hypersetup{{pdftitle={{{escape(course.title)}}}}}"}
    # Pages of the book outside the pack are not in its toctree, and need not be.
    config.suppress_warnings = [*config.suppress_warnings, "toc.not_included"]


def is_part_of_the_whole_book(config: Config) -> bool:
    return config.handbook_latex_set == "book" and not config.handbook_course_pack


class FinishStandaloneDocument(SphinxPostTransform):
    """Add the glossary entries a handout or pack uses; unlink chapters it leaves out."""

    builders = ("latex",)
    default_priority = 5  # before references are resolved: term links are still pending

    def run(self) -> None:
        if is_part_of_the_whole_book(self.config):
            return
        included = {start["docname"] for start in self.document.findall(addnodes.start_of_file)}
        included.add(self.document.get("docname", ""))
        self.unlink_absent_chapters(included)
        entries = self.glossary_entries_used()
        if entries:
            self.document += self.key_terms(entries)

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

    def key_terms(self, entries: list[nodes.definition_list_item]) -> nodes.Element:
        terms = addnodes.glossary()
        terms += nodes.definition_list("", *entries, classes=["glossary"])
        level = "section" if self.config.latex_toplevel_sectioning == "section" else "chapter"
        chapter = unnumbered_chapter(title="Key terms", level=level)
        chapter += terms
        # Inside "glossary", so the terms keep the labels the term links point to.
        return addnodes.start_of_file("", chapter, docname="glossary")


def setup_latex_editions(app: Sphinx) -> None:
    app.add_config_value("handbook_latex_set", "book", "env", types=[str])
    app.connect("config-inited", configure_handouts)
    app.add_post_transform(FinishStandaloneDocument)
