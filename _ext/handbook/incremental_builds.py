"""Incremental builds that equal clean builds.

Every HTML page shows the whole book's navigation (and the PDF is one document), so
when a chapter is added, removed or retitled, pages that were not edited change too:
their sidebar, and their links to a removed chapter (which must then warn, as a clean
build would). Sphinx rewrites only the pages it re-read; here, when the set of pages or
any title changes, every page is rewritten.

Editing the text of a chapter rewrites only that chapter and the pages that depend on
it. Sphinx would also rewrite the pages whose toctree lists the chapter (its part's
page and, through it, the front page); those show only its title (the part's list, the
sidebar), so when no title changed they are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class NavigationWatch:
    def __init__(self) -> None:
        self.titles_before: dict[str, str] = {}
        self.added: set[str] = set()
        self.removed: set[str] = set()
        self.titles_changed = True
        self.hidden_toctree_parents: dict[str, set[str]] | None = None

    def before_reading(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
        self.titles_before = {doc: title.astext() for doc, title in env.titles.items()}
        self.added, self.removed = set(added), set(removed)
        return []

    def after_reading(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        titles_now = {doc: title.astext() for doc, title in env.titles.items()}
        retitled = any(self.titles_before.get(doc, title) != title
                       for doc, title in titles_now.items())
        self.titles_changed = bool(self.added or self.removed or retitled)
        if not self.titles_changed:
            return []
        if app.builder.format == "html":
            forget_old_html(app, self.removed)
        return sorted(env.found_docs)


    def before_writing(self, app: Sphinx, builder) -> None:
        """Keep Sphinx from adding the toctree parents of the pages it writes."""
        if builder.format == "html" and not self.titles_changed:
            self.hidden_toctree_parents = builder.env.files_to_rebuild
            builder.env.files_to_rebuild = {}

    def after_writing(self, app: Sphinx, exception: Exception | None) -> None:
        if self.hidden_toctree_parents is not None:
            app.env.files_to_rebuild = self.hidden_toctree_parents
            self.hidden_toctree_parents = None


def forget_old_html(app: Sphinx, removed: set[str]) -> None:
    """Before a full rewrite: drop the pages of removed chapters."""
    for docname in removed:
        app.builder.get_outfilename(docname).unlink(missing_ok=True)


def setup_incremental_builds(app: Sphinx) -> None:
    watch = NavigationWatch()
    app.connect("env-get-outdated", watch.before_reading)
    app.connect("env-updated", watch.after_reading)
    app.connect("write-started", watch.before_writing)
    app.connect("build-finished", watch.after_writing)


class PagesFedByChapters:
    """Pages filled, when written, from what the chapters declare (the company directory
    from their panels, the answer key from their solutions): written again when a summary
    of what they show changed, not each time a chapter is read again.

    *summary* is taken before reading and again once the figures are numbered (the key
    prints exercise numbers); *pages* are the pages to write when the two differ."""

    def __init__(self, pages: Callable[[BuildEnvironment], list[str]],
                 summary: Callable[[BuildEnvironment], object]) -> None:
        self.pages, self.summary = pages, summary
        self.before: object = None

    def before_reading(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
        self.before = self.summary(env)
        return []

    def after_numbering(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return self.pages(env) if self.summary(env) != self.before else []

    def connect(self, app: Sphinx) -> None:
        app.connect("env-get-outdated", self.before_reading)
        app.connect("env-get-updated", self.after_numbering, priority=950)
