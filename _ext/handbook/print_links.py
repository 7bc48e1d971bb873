"""Links that survive print: in the PDF editions a link shows where it goes.

- An external link whose text is not its address ("Jobs in this solution", a Learn More
  item) gets its address in a footnote (Sphinx's ``latex_show_urls = "footnote"``),
  except where the address is already printed: a source's entry (itself a footnote,
  with its DOI or URL), and a company panel's entries, which print the company's address
  under its name (the name is then plain text on paper).
- A link to another chapter or page of the book is followed by its page number,
  "(p. 37)", where the page first links there: a worked solution that uses one factor
  four times names its page once. Company names (the directory lists their pages) and
  glossary terms get none.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import NodeMatcher

from handbook.assembled_tree import walk
from handbook.company_panel import company_panel
from handbook.visitors import skip_node

HIDDEN_URI = "hb_print_refuri"  # where a link's address waits while Sphinx adds footnotes
PAGES_LISTED = "hb-pages-listed"  # a link followed by its own list of pages (the directory)
NOT_PAGE_REFERENCED = {"hb-company-ref", "std-term", PAGES_LISTED}


class page_reference(nodes.Inline, nodes.Element):
    """" (p. N)" after a link to another page of the book (LaTeX only); ``target`` is
    the LaTeX label of the link's target."""


def external(reference: nodes.reference) -> bool:
    return "://" in reference.get("refuri", "") or reference.get("refuri", "").startswith(
        "mailto:")


class AddressesAlreadyPrinted(SphinxPostTransform):
    """Runs before Sphinx's footnotes for addresses (``ShowUrlsTransform``, priority 400)."""
    builders = ("latex",)
    default_priority = 390

    def run(self, **kwargs) -> None:
        for note in self.document.findall(NodeMatcher(nodes.footnote, nodes.citation)):
            for reference in note.findall(nodes.reference):
                if external(reference):
                    reference[HIDDEN_URI] = reference.attributes.pop("refuri")
        for panel in self.document.findall(company_panel):
            for item in panel.findall(nodes.list_item):
                if not item.get("company"):
                    continue
                for reference in list(item.findall(nodes.reference)):
                    if external(reference) and reference.astext() != reference["refuri"]:
                        reference.replace_self(nodes.inline("", "", *reference.children))


class RestoreAddresses(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 410

    def run(self, **kwargs) -> None:
        for reference in self.document.findall(nodes.reference):
            if HIDDEN_URI in reference:
                reference["refuri"] = reference.attributes.pop(HIDDEN_URI)


def add_page_numbers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """" (p. N)" after each link to another page. A ``doctree-resolved`` handler that runs
    after the others, so that tables filled in then (Solutions at a glance) get theirs."""
    if app.builder.format != "latex":
        return
    additions, referenced = [], set()
    for node, in_doc, fragile in walk(doctree, docname):
        if not isinstance(node, nodes.reference) or fragile:
            continue
        target = label_of(node)
        if target is None or target[0] == in_doc or (in_doc, target[1]) in referenced:
            continue  # not a page of the book, a place on the same page, or said already
        classes = {cls for child in [node, *node.children]
                   if isinstance(child, nodes.Element) for cls in child["classes"]}
        if not classes & NOT_PAGE_REFERENCED:
            additions.append((node, page_reference(target=target[1])))
            referenced.add((in_doc, target[1]))
    for reference, page in additions:
        parent = reference.parent
        parent.insert(parent.index(reference) + 1, page)


def label_of(reference: nodes.reference) -> tuple[str, str] | None:
    """(target docname, LaTeX label) of a link within the book, as Sphinx's LaTeX
    writer labels it: ``%docname`` -> ``docname::doc``, ``%doc#id`` -> ``doc:id``."""
    uri = reference.get("refuri", "")
    if not uri.startswith("%"):
        return None
    docname, _hash, anchor = uri[1:].partition("#")
    return docname, f"{docname}:{anchor}" if anchor else f"{docname}::doc"


def visit_page_reference(self, node: page_reference) -> None:
    self.body.append(rf"\HandbookPageReference{{{self.idescape(node['target'])}}}")
    raise nodes.SkipNode


def setup_print_links(app: Sphinx) -> None:
    app.add_node(page_reference, html=(skip_node, None), latex=(visit_page_reference, None),
                 text=(skip_node, None))
    app.add_post_transform(AddressesAlreadyPrinted)
    app.add_post_transform(RestoreAddresses)
    app.connect("doctree-resolved", add_page_numbers, priority=900)
