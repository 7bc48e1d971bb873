"""The sidebar's toggles have accessible names.

pydata-sphinx-theme renders each sidebar entry that has sub-pages as
``<a>Title</a><details><summary>…</summary>``: the ``summary`` is a control with no
accessible name (axe: ``summary-name``, serious). We name it "Pages in <Title>". The
navigation cache (``speed/navigation.py``) names the toggles of what it renders; without
it, the theme's own renderer is wrapped here.
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


def name_theme_toggles(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree) -> None:
    """Without the cache, the theme's own sidebar template still gets named toggles."""
    render = context.get("generate_toctree_html")
    if render is None:
        return
    context["generate_toctree_html"] = \
        lambda *args, **kwargs: name_the_toggles(str(render(*args, **kwargs)))


def connect_toggle_names(app: Sphinx) -> None:
    """Only without the cache, which names the toggles itself."""
    # After the theme has put its renderer in the context (priority 500).
    app.connect("html-page-context", name_theme_toggles, priority=900)
