"""Incremental builds that equal clean builds.

Every HTML page shows the whole book's navigation (and the PDF is one document), so
when a chapter is added, removed or retitled, pages that were not edited change too:
their sidebar, and their links to a removed chapter (which must then warn, as a clean
build would). Sphinx rewrites only the pages it re-read; here, when the set of pages or
any title changes, every page is rewritten. Editing the text of a chapter still
rewrites only that chapter and the pages that depend on it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class NavigationWatch:
    def __init__(self) -> None:
        self.titles_before: dict[str, str] = {}
        self.added: set[str] = set()
        self.removed: set[str] = set()

    def before_reading(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
        self.titles_before = {doc: title.astext() for doc, title in env.titles.items()}
        self.added, self.removed = set(added), set(removed)
        return []

    def after_reading(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        titles_now = {doc: title.astext() for doc, title in env.titles.items()}
        retitled = any(self.titles_before.get(doc, title) != title
                       for doc, title in titles_now.items())
        if not (self.added or self.removed or retitled):
            return []
        if app.builder.format == "html":
            forget_old_html(app, self.removed)
        return sorted(env.found_docs)


def forget_old_html(app: Sphinx, removed: set[str]) -> None:
    """Before a full rewrite: drop the pages of removed chapters, and the old search
    index, which Sphinx would otherwise prune in place, leaving empty entries behind."""
    builder = app.builder
    for docname in removed:
        builder.get_outfilename(docname).unlink(missing_ok=True)
    (builder.outdir / builder.searchindex_filename).unlink(missing_ok=True)


def setup_incremental_builds(app: Sphinx) -> None:
    watch = NavigationWatch()
    app.connect("env-get-outdated", watch.before_reading)
    app.connect("env-updated", watch.after_reading)
