"""The HTML edition's sidebar navigation: accessible, and rendered once per build.

1. Accessible names. pydata-sphinx-theme renders each sidebar entry that has sub-pages as
   ``<a>Title</a><details><summary>…</summary>``: the ``summary`` is a control with no
   accessible name (axe: ``summary-name``, serious). We name it "Pages in <Title>".

2. Speed. For every page, the theme asks Sphinx (``toctree()`` in the page context) for
   the whole book's toctree, so a build costs chapters × pages. That HTML is the same on
   every page of a folder except for the marks of the current page ("current" on it and
   its ancestors and on the lists that hold it, its own link ``#``). With
   ``handbook_fast_navigation`` (default) Sphinx renders it once per folder and each page
   gets a copy with the marks moved to it. ``test_navigation_cache.py`` checks that the
   pages come out byte-identical to the theme's own.
"""

from __future__ import annotations

import html
import posixpath
import re

from sphinx.application import Sphinx

_TOGGLE = re.compile(r'(<a class="[^"]*reference internal" href="[^"]*">([^<]*)</a><details[^>]*>)<summary>')
_CURRENT_LI = re.compile(r'<li class="(toctree-l\d+) current"')
_CURRENT_LINK = '<a class="current reference internal" href="#">'
_LIST_TAG = re.compile(r"<ul\b[^>]*>|</ul>")


def name_the_toggles(toctree_html: str) -> str:
    return _TOGGLE.sub(
        lambda m: f'{m.group(1)}<summary aria-label="Pages in {html.escape(html.unescape(m.group(2)).strip())}">',
        toctree_html)


def mark_enclosing_lists(text: str, position: int) -> str:
    """Give class "current" to every list that contains the entry at *position*."""
    open_lists: list[re.Match] = []
    for tag in _LIST_TAG.finditer(text, 0, position):
        if tag.group().startswith("</"):
            open_lists.pop()
        else:
            open_lists.append(tag)
    for tag in reversed(open_lists):
        opening = tag.group()
        marked = '<ul class="current">' if opening == "<ul>" else \
            opening.replace('<ul class="', '<ul class="current ', 1)
        text = text[:tag.start()] + marked + text[tag.end():]
    return text


class NavigationCache:
    """Sidebar HTML per (folder, arguments), without current-page marks."""

    def __init__(self, app: Sphinx):
        self.app = app
        self.templates: dict[tuple, str] = {}
        self.parents: dict[str, str] | None = None

    def parent_of(self, docname: str) -> str | None:
        if self.parents is None:
            self.parents = {}
            for parent, children in sorted(self.app.env.toctree_includes.items()):
                for child in children:
                    self.parents.setdefault(child, parent)
        return self.parents.get(docname)

    def own_href(self, pagename: str) -> str:
        return posixpath.basename(self.app.builder.get_target_uri(pagename))

    def unmarked(self, pagename: str, rendered: str) -> str:
        """The navigation as a page that is not in it would show it."""
        text = _CURRENT_LI.sub(r'<li class="\1"', rendered)
        text = text.replace(_CURRENT_LINK,
                            f'<a class="reference internal" href="{self.own_href(pagename)}">')
        return text.replace('<ul class="current">', "<ul>")

    def marked(self, pagename: str, template: str) -> str:
        """The navigation with *pagename* and its ancestors marked current."""
        builder, text, docname = self.app.builder, template, pagename
        while docname is not None:
            href = builder.get_relative_uri(pagename, docname)
            if docname == pagename:
                href = self.own_href(pagename)
            pattern = re.compile(r'<li class="(toctree-l\d+)"><a class="reference internal" '
                                 rf'href="{re.escape(href)}">')
            match = pattern.search(text)
            if match:
                link = _CURRENT_LINK if docname == pagename else \
                    f'<a class="reference internal" href="{href}">'
                entry = f'<li class="{match.group(1)} current">{link}'
                text = text[:match.start()] + entry + text[match.end():]
            docname = self.parent_of(docname)
        current_link = text.find(_CURRENT_LINK)
        if current_link < 0:
            return text  # a page outside the navigation (index, search)
        return mark_enclosing_lists(text, text.rfind("<li", 0, current_link))

    def render(self, pagename: str, toctree, kwargs: dict) -> str:
        key = (posixpath.dirname(pagename), tuple(sorted(kwargs.items())))
        if key not in self.templates:
            self.templates[key] = self.unmarked(pagename, toctree(**kwargs))
        return self.marked(pagename, self.templates[key])


def cache_sphinx_toctree(app: Sphinx, pagename: str, templatename: str, context: dict,
                         doctree) -> None:
    """Before the theme's handlers (which already render the sidebar to test it)."""
    toctree = context.get("toctree")
    if toctree is None or not app.config.handbook_fast_navigation:
        return
    cache = app.builder.__dict__.setdefault("_handbook_navigation", NavigationCache(app))
    context["toctree"] = lambda **kwargs: cache.render(pagename, toctree, kwargs)


def wrap_toctree_renderer(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree) -> None:
    render = context.get("generate_toctree_html")
    if render is None:
        return

    def render_navigation(*args, **kwargs):
        return name_the_toggles(str(render(*args, **kwargs)))

    context["generate_toctree_html"] = render_navigation


def forget_navigation(app: Sphinx, env) -> None:
    """A new build (or a changed toctree) starts with an empty cache."""
    app.builder.__dict__.pop("_handbook_navigation", None)


def setup_html_navigation(app: Sphinx) -> None:
    app.add_config_value("handbook_fast_navigation", True, "html", types=[bool])
    app.connect("html-page-context", cache_sphinx_toctree, priority=400)
    # After the theme has put its renderer in the context (priority 500).
    app.connect("html-page-context", wrap_toctree_renderer, priority=900)
    app.connect("env-updated", forget_navigation)
