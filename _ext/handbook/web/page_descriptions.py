"""Each page's description for search results and link previews: its first paragraph
(a chapter's opening paragraph), cut at a word, as ``<meta name="description">`` and
``og:description``. A chapter is an ``article``, other pages the ``website``.

sphinxext-opengraph writes the tags; left to itself it starts the description with the
page's heading, "Chapter 1 High-Efficiency Heat Pumps:", since the chapter label makes
the heading differ from the page title. It takes page fields named ``og:…`` as given,
so chapters (untrusted) may not set those: the book decides what previews show.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from handbook.chapter_numbers import chapter_numbers

LENGTH = 200  # search engines show about 155–160 characters, previews a little more


def first_paragraph(doctree: nodes.document) -> str | None:
    """The text of the first paragraph that stands in the page's own flow (not in a
    box, panel or list)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if all(isinstance(parent, (nodes.section, nodes.document))
               for parent in _ancestors(paragraph)):
            return " ".join(paragraph.astext().split())
    return None


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def shortened(text: str, length: int = LENGTH) -> str:
    if len(text) <= length:
        return text
    return text[:length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    # A copy: the fields are the environment's own and must stay as the chapter wrote them.
    fields = {key: value for key, value in (context.get("meta") or {}).items()
              if not key.startswith(("og:", "ogp_"))}
    if doctree is not None:
        text = first_paragraph(doctree)
        if text:
            description = shortened(text)
            # sphinxext-opengraph escapes only the quotes of what it is given.
            fields["og:description"] = html.escape(description, quote=False)
            context["metatags"] += f'<meta name="description" content="{html.escape(description)}" />\n'
        if pagename in chapter_numbers(app.env):
            fields["og:type"] = "article"
    context["meta"] = fields


def setup_page_descriptions(app: Sphinx) -> None:
    # Before sphinxext-opengraph (priority 500) reads the fields.
    app.connect("html-page-context", describe_page, priority=450)
