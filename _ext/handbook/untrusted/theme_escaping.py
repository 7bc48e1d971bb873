"""The book theme's titles, escaped before its templates print them.

sphinx-book-theme puts the page's title (``pagetitle``, in the print header) and the
book's title (``root_title``, above the sidebar) into its templates as plain text,
unescaped: a chapter titled ``\\<script\\>…`` in Markdown (text, as written) would run
as a script in every reader's browser. Sphinx's own ``title`` is escaped; these two are
escaped here, after the theme has set them.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

UNESCAPED_BY_THE_THEME = ("pagetitle", "root_title")


def escape_theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree) -> None:
    for key in UNESCAPED_BY_THE_THEME:
        if isinstance(context.get(key), str):
            context[key] = escape(context[key])


def setup_theme_escaping(app: Sphinx) -> None:
    # The theme sets them at the default priority (500).
    app.connect("html-page-context", escape_theme_titles, priority=600)
