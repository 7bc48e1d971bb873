"""Each page loads the scripts and style sheets it uses, not every one any page uses.

Extensions add their files to every page: sphinx-design its tab script, Sphinx its code
colours and search-term highlighting, ours the table sorter. A chapter has no tabs, no
code and no sortable table, and each file is a request before the page settles. A file
listed here is kept on a page only when the page's body has what it works on, and scripts
that wait for the page anyway are deferred.
"""

from __future__ import annotations

from typing import Any, Callable

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

Needs = Callable[[str, str], bool]  # (page name, body HTML) -> whether the page uses it

USED_WHERE: dict[str, Needs] = {
    "design-tabs.js": lambda page, body: "sd-tab-set" in body,
    "pygments.css": lambda page, body: 'class="highlight' in body,
    "sortable-table.js": lambda page, body: "hb-sortable" in body,
    "directory-filter.js": lambda page, body: "hb-directory" in body or "hb-case-index" in body,
    "togglebutton.js": lambda page, body: "toggle" in body or "dropdown" in body,
    "togglebutton.css": lambda page, body: "toggle" in body or "dropdown" in body,
    "exercise.css": lambda page, body: "exercise" in body or "solution" in body,
    # Sphinx's search-term highlighting (and the helpers it needs): the search page only.
    "doctools.js": lambda page, body: page == "search",
    "sphinx_highlight.js": lambda page, body: page == "search",
}


# Scripts that wait for the page anyway (DOMContentLoaded): deferred, they no longer hold
# up its first paint. Sphinx's documentation_options.js stays as it is: the small inline
# scripts after it set its fields as they run.
DEFERRED = {"togglebutton.js", "sphinx-book-theme.js", "sortable-table.js", "design-tabs.js",
            "directory-filter.js"}


def _deferred(asset: Any) -> Any:
    if _file_name(asset) not in DEFERRED or not isinstance(asset, _JavaScript):
        return asset
    return _JavaScript(asset.filename, priority=asset.priority,
                       **{**asset.attributes, "defer": "defer"})


def _file_name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "").rsplit("/", 1)[-1].split("?")[0]


def _used(asset: Any, pagename: str, body: str) -> bool:
    needs = USED_WHERE.get(_file_name(asset))
    return needs is None or needs(pagename, body)


def keep_used_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree) -> None:
    if not app.config.handbook_light_pages:
        return
    body = context.get("body") or ""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [_deferred(asset) for asset in context[key]
                            if _used(asset, pagename, body)]


def setup_page_assets(app: Sphinx) -> None:
    # After the extensions have added their files (some do so per page).
    app.connect("html-page-context", keep_used_assets, priority=800)
