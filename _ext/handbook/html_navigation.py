"""The HTML edition's navigation: accessible names for the sidebar's expand toggles.

pydata-sphinx-theme renders each sidebar entry that has sub-pages as
``<a>Title</a><details><summary><i class="fa-…"></i></summary>``: the ``summary`` is a
control with no accessible name (axe: ``summary-name``, serious). We name it after
its entry, e.g. "Pages in Buildings", by wrapping the theme's toctree function.
"""

from __future__ import annotations

import html
import re

from sphinx.application import Sphinx

_TOGGLE = re.compile(r'(<a class="[^"]*reference internal" href="[^"]*">([^<]*)</a><details[^>]*>)<summary>')


def name_the_toggles(toctree_html: str) -> str:
    return _TOGGLE.sub(
        lambda m: f'{m.group(1)}<summary aria-label="Pages in {html.escape(html.unescape(m.group(2)).strip())}">',
        toctree_html)


def wrap_toctree_renderer(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree) -> None:
    render = context.get("generate_toctree_html")
    if render is None:
        return

    def render_with_named_toggles(*args, **kwargs):
        return name_the_toggles(str(render(*args, **kwargs)))

    context["generate_toctree_html"] = render_with_named_toggles


def setup_html_navigation(app: Sphinx) -> None:
    # After the theme has put its renderer in the context (priority 500).
    app.connect("html-page-context", wrap_toctree_renderer, priority=900)
