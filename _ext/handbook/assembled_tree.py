"""Walking the LaTeX builder's assembled book, where each chapter is inlined in a
``start_of_file`` node."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

# Text in these is a moving argument in LaTeX (a heading, caption or term), which is
# expanded more than once; marks and page references are kept out of them.
FRAGILE_PLACES = (nodes.title, nodes.caption, nodes.term, nodes.rubric, nodes.subtitle)


def walk(node: nodes.Node, docname: str,
         fragile: bool = False) -> Iterator[tuple[nodes.Node, str, bool]]:
    """``(node, docname, fragile)`` for every node below *node*, top-down, with the
    included document it belongs to. Sphinx's inlining leaves the parent links of a
    document's top nodes pointing at the document it came from, so the document is
    tracked on the way down rather than looked up from a node's parents."""
    for child in node.children:
        child_doc = child.get("docname", docname) \
            if isinstance(child, addnodes.start_of_file) else docname
        child_fragile = fragile or isinstance(child, FRAGILE_PLACES)
        yield child, child_doc, child_fragile
        if isinstance(child, nodes.Element):
            yield from walk(child, child_doc, child_fragile)
