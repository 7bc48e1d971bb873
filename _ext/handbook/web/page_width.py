"""Pages with one section or none get no "Contents" column.

The theme keeps its right-hand column for a page's contents while the page has a section
or more; on "Solutions at a glance", whose one section is a note under the table, that
column takes a quarter of the width from the 93-row table it would help no one find.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

REMOVE = "html_theme.sidebar_secondary.remove"  # the theme's page field


def sections_listed(toc: str) -> int:
    """Sections in the page's local contents (its first link is the page itself)."""
    return max(toc.count('class="reference internal"') - 1, 0)


def drop_short_contents(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree) -> None:
    if "toc" in context and sections_listed(context["toc"]) < 2:
        context["meta"] = {**(context.get("meta") or {}), REMOVE: True}


def setup_page_width(app: Sphinx) -> None:
    # Before the theme (priority 500) decides on the column from the page's fields.
    app.connect("html-page-context", drop_short_contents, priority=460)
