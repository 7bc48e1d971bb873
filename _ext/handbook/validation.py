"""Checks and warnings shared by the handbook's directives.

Every warning carries ``type="handbook"`` and a subtype, so that a user can
silence one kind with ``suppress_warnings = ["handbook.<subtype>"]``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

WARNING_TYPE = "handbook"

logger = logging.getLogger(__name__)


def warn(message: str, subtype: str, location) -> None:
    """Log a handbook warning at *location* (a node, ``(docname, line)`` or ``"path:line"``)."""
    if isinstance(location, nodes.Node):
        location = located_node(location)
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


def located_node(node: nodes.Node) -> nodes.Node:
    """*node*, or its nearest ancestor that knows its line: nodes that libraries make
    (a card's picture, say) often carry no line of their own."""
    current = node
    while current is not None and (not current.line or current.source is None):
        current = current.parent
    if current is not None and not isinstance(current, nodes.document):
        return current
    # No ancestor knows either: the last node before it in the document that does.
    last_located = node
    for other in node.document.findall() if node.document else ():
        if other is node:
            break
        if other.line and other.source is not None:
            last_located = other
    return last_located
