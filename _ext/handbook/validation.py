"""Checks and warnings shared by the handbook's directives.

Every warning carries ``type="handbook"`` and a subtype, so that a user can
silence one kind with ``suppress_warnings = ["handbook.<subtype>"]``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx.util import logging

WARNING_TYPE = "handbook"
WEB_SCHEMES = ("http", "https")

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


def web_url_problem(url: str) -> str | None:
    """Why *url* is not a usable web address, or None when it is one."""
    if not url:
        return "the URL is empty"
    if any(ch.isspace() for ch in url):
        return f"the URL {url!r} contains white space"
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket: "https://[x"
        return f"the URL {url!r} is malformed"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"the URL {url!r} is not an http(s) address"
    if not parts.netloc:
        return f"the URL {url!r} has no host name"
    return None
