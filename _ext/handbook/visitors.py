"""Node visitors shared by the features."""

from docutils import nodes


def skip_node(translator, node: nodes.Element) -> None:
    """For a builder that shows nothing of the node (a LaTeX-only mark in HTML, say)."""
    raise nodes.SkipNode
