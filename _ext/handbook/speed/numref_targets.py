"""A {numref} to a figure or table of its own page is numbered without reading the page
again.

To number a ``{numref}``, Sphinx's standard domain reads the target's whole page from
its pickle, only to learn what kind of node the target is and its id. Nearly every
{numref} of the book points into its own chapter, which is the page being resolved: at
93 chapters the book's 372 {numref}s read a chapter each (10 ms apiece, and more as the
book grows and each read feeds the garbage collector). Here the domain answers a
{numref} into its own page from that page, in the editions written page by page (HTML,
EPUB); any other goes to Sphinx as before. The pages come out the same
(``tests/test_navigation_cache.py`` compares builds with the speed work on and off).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment


class PageAtHand:
    """The build environment, except that the page being resolved is not read again."""

    def __init__(self, env: BuildEnvironment, docname: str, document: nodes.document):
        self._env, self._docname, self._document = env, docname, document

    def get_doctree(self, docname: str) -> nodes.document:
        if docname == self._docname:
            return self._document
        return self._env.get_doctree(docname)

    def __getattr__(self, name: str):
        return getattr(self._env, name)


def page_of(node: nodes.Node) -> nodes.document | None:
    while node.parent is not None:
        node = node.parent
    return node if isinstance(node, nodes.document) else None


def writes_page_by_page(builder) -> bool:
    """Whether the tree being resolved is one page: for the PDF, Sphinx resolves the whole
    book assembled into one tree, with ids of its own."""
    return builder.format == "html" and builder.name != "singlehtml"


class StandardDomainWithPageAtHand(StandardDomain):
    def _resolve_numref_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        docname, labelid = (self.labels.get(target) or self.anonlabels.get(target) or
                            ("", ""))[:2]
        page = page_of(node) if writes_page_by_page(builder) else None
        if docname == fromdocname and page is not None and labelid in page.ids:
            env = PageAtHand(env, fromdocname, page)
        return super()._resolve_numref_xref(env, fromdocname, builder, typ, target, node,
                                            contnode)


def connect_numref_targets(app: Sphinx) -> None:
    app.add_domain(StandardDomainWithPageAtHand, override=True)
