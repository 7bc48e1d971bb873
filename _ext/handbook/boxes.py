"""Visitors shared by the handbook's boxed nodes (company panel, case study, at a glance).

Such a node is a container whose children are ordinary docutils nodes, so every
builder renders its content; only the frame differs:

- HTML: a sphinx-design card (``sd-card``) with our ``hb-*`` classes;
- LaTeX: an environment of our own from ``handbook.sty`` (a breakable tcolorbox);
- text, man, texinfo: the content alone, as plain paragraphs.
"""

from __future__ import annotations

from docutils import nodes


def _html_visitors(tag: str, card_classes: str):
    def visit(self, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, "", CLASS=f"sd-card {card_classes}"))
        self.body.append('<div class="sd-card-body">\n')

    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"</div>\n</{tag}>\n")

    return visit, depart


def _latex_visitors(environment: str):
    def visit(self, node: nodes.Element) -> None:
        self.body.append(f"\n\\begin{{{environment}}}\n")
        # hypertarget_to() gives every id of the node a \label, so {ref} can land here.
        if node.get("ids"):
            self.body.append(self.hypertarget_to(node))

    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"\n\\end{{{environment}}}\n")

    return visit, depart


def _content_only(self, node: nodes.Element) -> None:
    pass


def box_visitors(*, card_classes: str, latex_environment: str) -> dict:
    """Visitors for ``app.add_node(node, **box_visitors(...))``: the frame in every builder."""
    plain = (_content_only, _content_only)
    return {
        "html": _html_visitors("div", card_classes),
        "latex": _latex_visitors(latex_environment),
        "text": plain,
        "man": plain,
        "texinfo": plain,
    }


def styled(classes: str, *children: nodes.Node) -> nodes.container:
    """A container with classes: a ``<div>`` in HTML, a ``sphinxclass<name>`` environment in LaTeX."""
    return nodes.container("", *children, classes=classes.split())


def give_unique_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    """Give *node* an id made from *base*, numbered if the page already has it."""
    base = nodes.make_id(base)
    anchor, n = base, 2
    while anchor in document.ids:
        anchor, n = f"{base}-{n}", n + 1
    node["ids"].append(anchor)
    document.ids[anchor] = node
    return anchor
