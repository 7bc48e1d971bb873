"""The HTML edition's sidebar navigation, rendered once per build (its toggles named as
``sidebar_names.py`` names them).

For every page, the theme asks Sphinx (``toctree()`` in the page context) for
   the whole book's toctree and then rewrites it with BeautifulSoup, so a build costs
   chapters × pages. That HTML is the same on every page of a folder except for the marks
   of the current page ("current active" on it and its ancestors, their sub-lists open,
   "current" on the lists that hold it, its own link ``#``). With
   ``handbook_speedups`` (default) both are rendered once per build, without
   marks, their links rebased once per folder, and each page gets a copy with the
   marks put in:

   - ``toctree()`` (Sphinx) is wrapped at priority 400, before the theme's handlers;
   - the theme's sidebar template is swapped for ``handbook-sidebar-nav.html``, the same
     template calling ``handbook_sidebar_navigation`` instead of the theme's
     ``generate_toctree_html``.

   ``test_navigation_cache.py`` checks that the pages come out byte-identical to the
   theme's own.
"""

from __future__ import annotations

import posixpath
import re

from sphinx.application import Sphinx

from handbook.sidebar_names import name_the_toggles, name_theme_toggles

THEME_SIDEBAR, OUR_SIDEBAR = "sbt-sidebar-nav.html", "handbook-sidebar-nav.html"

_CURRENT_LI = re.compile(r'<li class="(toctree-l\d+) current"')
_CURRENT_LINK = '<a class="current reference internal" href="#">'
_LIST_TAG = re.compile(r"<ul\b[^>]*>|</ul>")
_INTERNAL_HREF = re.compile(r'(<a class="reference internal" href=")([^"#]+)')


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


def same_on_every_page(kwargs: dict) -> bool:
    """Whether a navigation with these arguments differs between pages only by its marks.

    ``collapse`` (Sphinx's default) prunes the tree to the current page's branch, and a
    ``startdepth`` other than 0 roots it at the page's ancestor: both are left to Sphinx
    and the theme, page by page."""
    return kwargs.get("collapse") is False and kwargs.get("startdepth", 0) == 0


def rebased(template: str, from_folder: str, to_folder: str) -> str:
    """The navigation rendered for a page in *from_folder*, as a page in *to_folder*
    links it: every internal link made relative to the new folder (as Sphinx would)."""
    if from_folder == to_folder:
        return template

    def move(link: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(from_folder, link.group(2)))
        return link.group(1) + posixpath.relpath(target, to_folder or ".")

    return _INTERNAL_HREF.sub(move, template)


class NavigationCache:
    """Navigation HTML without current-page marks: rendered once per (kind, arguments),
    then rebased once per folder."""

    def __init__(self, app: Sphinx):
        self.app = app
        self.rendered: dict[tuple, tuple[str, str]] = {}  # key → (folder, HTML)
        self.templates: dict[tuple, str] = {}  # (folder, key) → HTML
        self.parents: dict[str, str] | None = None

    def template(self, pagename: str, kind: str, kwargs: dict, render) -> str:
        """The unmarked navigation of *kind* with *kwargs* for *pagename*'s folder;
        *render()* makes it when no page has yet."""
        key = (kind, tuple(sorted(kwargs.items())))
        folder = posixpath.dirname(pagename)
        if (folder, key) not in self.templates:
            if key not in self.rendered:
                self.rendered[key] = (folder, render())
            first_folder, html_text = self.rendered[key]
            self.templates[folder, key] = rebased(html_text, first_folder, folder)
        return self.templates[folder, key]

    def parent_of(self, docname: str) -> str | None:
        if self.parents is None:
            self.parents = {}
            for parent, children in sorted(self.app.env.toctree_includes.items()):
                for child in children:
                    self.parents.setdefault(child, parent)
        return self.parents.get(docname)

    def own_href(self, pagename: str) -> str:
        return posixpath.basename(self.app.builder.get_target_uri(pagename))

    def ancestry(self, pagename: str):
        """(docname, href as written on *pagename*) for the page and its ancestors."""
        docname = pagename
        while docname is not None:
            href = self.own_href(pagename) if docname == pagename else \
                self.app.builder.get_relative_uri(pagename, docname)
            yield docname, href
            docname = self.parent_of(docname)

    def unmarked(self, pagename: str, rendered: str) -> str:
        """Sphinx's navigation as a page that is not in it would show it."""
        text = _CURRENT_LI.sub(r'<li class="\1"', rendered)
        text = text.replace(_CURRENT_LINK,
                            f'<a class="reference internal" href="{self.own_href(pagename)}">')
        return text.replace('<ul class="current">', "<ul>")

    def marked(self, pagename: str, template: str, theme: bool) -> str:
        """The navigation with *pagename* and its ancestors marked current: as Sphinx
        marks them, or (*theme*) as the theme's sidebar shows them (also "active", and
        the entry's sub-list opened)."""
        text = template
        for docname, href in self.ancestry(pagename):
            entry = re.compile(rf'<li class="(toctree-l\d+)( has-children)?">'
                               rf'<a class="reference internal" href="{re.escape(href)}">'
                               rf'(.*?</a>)(<details>)?')
            match = entry.search(text)
            if not match:
                continue
            level, children, title, details = match.groups()
            link = _CURRENT_LINK if docname == pagename else \
                f'<a class="reference internal" href="{href}">'
            marks = " current active" if theme else " current"
            opened = '<details open="open">' if details and theme else (details or "")
            replacement = f'<li class="{level}{marks}{children or ""}">{link}{title}{opened}'
            text = text[:match.start()] + replacement + text[match.end():]
        current_link = text.find(_CURRENT_LINK)
        if current_link < 0:
            return text  # a page outside the navigation (index, search)
        return mark_enclosing_lists(text, text.rfind("<li", 0, current_link))

    def toctree_template(self, pagename: str, sphinx_toctree, kwargs: dict) -> str:
        return self.template(pagename, "toctree", kwargs,
                             lambda: self.unmarked(pagename, sphinx_toctree(**kwargs)))

    def toctree(self, pagename: str, sphinx_toctree, kwargs: dict) -> str:
        """Sphinx's ``toctree()`` for *pagename*."""
        if not same_on_every_page(kwargs):
            return sphinx_toctree(**kwargs)
        template = self.toctree_template(pagename, sphinx_toctree, kwargs)
        return self.marked(pagename, template, theme=False)

    def sidebar(self, pagename: str, context: dict, sphinx_toctree, kwargs: dict) -> str:
        """The theme's ``generate_toctree_html(kind="sidebar", …)`` for *pagename*."""
        theme_render = context["generate_toctree_html"]
        if not same_on_every_page(kwargs):
            return name_the_toggles(str(theme_render(**kwargs)))

        def render() -> str:
            # The theme rewrites whatever toctree() returns: give it the unmarked one,
            # and bypass the theme's per-page cache, which would keep that for the page.
            page_toctree = context["toctree"]
            context["toctree"] = \
                lambda **arguments: self.toctree_template(pagename, sphinx_toctree, arguments)
            try:
                uncached = getattr(theme_render, "__wrapped__", theme_render)
                return name_the_toggles(str(uncached(**kwargs)))
            finally:
                context["toctree"] = page_toctree

        template = self.template(pagename, "sidebar", kwargs, render)
        return self.marked(pagename, template, theme=True)


def use_navigation_cache(app: Sphinx, pagename: str, templatename: str, context: dict,
                         doctree) -> None:
    """Before the theme's handlers (which already render the sidebar to test it)."""
    if "toctree" not in context:
        return
    # The 404 page is served at any address, so sphinx-notfound-page gives it a toctree()
    # with absolute links; the cache's links are relative to the page's folder.
    if pagename == getattr(app.config, "notfound_pagename", None):
        context["handbook_uncached_navigation"] = True
        return
    cache = app.builder.__dict__.setdefault("_handbook_navigation", NavigationCache(app))
    sphinx_toctree = context["toctree"]
    context["toctree"] = lambda **kwargs: cache.toctree(pagename, sphinx_toctree, kwargs)
    context["handbook_sidebar_navigation"] = \
        lambda **kwargs: cache.sidebar(pagename, context, sphinx_toctree, kwargs)
    sidebars = context.get("sidebars")
    if sidebars and THEME_SIDEBAR in sidebars:
        context["sidebars"] = [OUR_SIDEBAR if name == THEME_SIDEBAR else name for name in sidebars]


def name_uncached_toggles(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree) -> None:
    """The theme's own sidebar, where the cache is not used, names its toggles too."""
    if context.get("handbook_uncached_navigation"):
        name_theme_toggles(app, pagename, templatename, context, doctree)


def forget_navigation(app: Sphinx, env) -> None:
    """A new build (or a changed toctree) starts with an empty cache."""
    app.builder.__dict__.pop("_handbook_navigation", None)


def connect_navigation_cache(app: Sphinx) -> None:
    app.connect("html-page-context", use_navigation_cache, priority=400)
    # After the theme has put its renderer in the context (priority 500).
    app.connect("html-page-context", name_uncached_toggles, priority=900)
    app.connect("env-updated", forget_navigation)
