"""Figure numbers worked out again only when they can have changed.

After every read, Sphinx numbers the book's figures, tables, exercises and sections by
loading every page's doctree in reading order (about a second at 93 chapters), and
rewrites each page whose numbers differ from the last build's. ``chapter_numbers.py``
then renumbers them by chapter; so Sphinx, comparing its whole-book numbers with the
last build's by-chapter ones, found every page with a figure changed, and an edit to
one chapter rewrote 103 of the book's 111 pages.

Here Sphinx's numbering runs only when a number can change: a page added or removed, a
toctree changed, or a page read again whose numbered things (their kinds and ids, in
order) are not the ones numbered last time. The pages then rewritten are those whose
numbers, by chapter, changed, and the pages whose references ({numref}, or {ref} to an
exercise) print one of those numbers.
"""

from __future__ import annotations

from copy import deepcopy

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

from handbook.chapter_numbers import number_by_chapter
from handbook.per_document import PerDocumentNames

# docname -> labels its references to numbered things point at
NUMBER_REFERENCES = PerDocumentNames("handbook_number_references")


def figure_type(env: BuildEnvironment, node: nodes.Element) -> str | None:
    """The kind Sphinx numbers *node* as ("figure", "table", "exercise", "section"…),
    as its own numbering decides it: a standard-domain node only with a caption."""
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if isinstance(domain, StandardDomain) and not domain.get_numfig_title(node):
            continue
        if figtype:
            return figtype
    return None


def numbered_things(env: BuildEnvironment, doctree: nodes.document) -> dict[str, list[str]]:
    """Kind -> ids of the page's numbered things, in the order Sphinx numbers them."""
    found: dict[str, list[str]] = {}
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section):
            continue  # Sphinx numbers sections only under a :numbered: toctree, apart
        figtype = figure_type(env, node) if node["ids"] else None
        if figtype:
            found.setdefault(figtype, []).append(node["ids"][0])
    return found


def numbered_last_time(numbers: dict[str, dict[str, tuple]]) -> dict[str, list[str]]:
    return {figtype: sorted(by_id, key=by_id.__getitem__)
            for figtype, by_id in numbers.items() if by_id}


def note_number_references(app: Sphinx, doctree: nodes.document) -> None:
    NUMBER_REFERENCES.note(app.env, {ref["reftarget"] for ref in doctree.findall(addnodes.pending_xref)
                                     if ref.get("refdomain") == "std"
                                     and ref.get("reftype") in ("numref", "ref")})


def pages_referring_to(env: BuildEnvironment, pages: set[str]) -> set[str]:
    labels = env.domains.standard_domain.anonlabels
    return {docname for docname, targets in NUMBER_REFERENCES.of(env).items()
            if any(labels.get(target, ("",))[0] in pages for target in targets)}


class FigureNumbering:
    """Takes the place of the toctree collector's ``get_updated_docs``."""

    def __init__(self, collector: TocTreeCollector) -> None:
        self.collector = collector
        self.pages_added_or_removed = True
        self.toctrees_before: dict[str, list[str]] = {}
        self.numbers_before: dict[str, dict] = {}
        self.read: list[str] = []

    def before_reading(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
        self.pages_added_or_removed = bool(added or removed)
        self.toctrees_before = deepcopy(env.toctree_includes)
        # Reading a page again drops its numbers: keep them, to compare and to put back.
        self.numbers_before = deepcopy(env.toc_fignumbers)
        return []

    def note_read(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.read = list(docnames)

    def numbers_may_change(self, env: BuildEnvironment) -> bool:
        if self.pages_added_or_removed or env.toctree_includes != self.toctrees_before:
            return True
        return any(numbered_things(env, env.get_doctree(docname))
                   != numbered_last_time(self.numbers_before.get(docname, {}))
                   for docname in self.read)

    def updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        rewrite = self.collector.assign_section_numbers(env)
        if not env.config.numfig:
            return rewrite
        before = self.numbers_before
        if not self.numbers_may_change(env):
            env.toc_fignumbers = before
            return rewrite
        self.collector.assign_figure_numbers(env)
        number_by_chapter(app, env)  # again at its own turn: it gives the same numbers
        changed = {docname for docname in env.toc_fignumbers.keys() | before.keys()
                   if env.toc_fignumbers.get(docname) != before.get(docname)}
        # A removed page's numbers are gone too, and it has nothing left to write.
        return rewrite + sorted((changed | pages_referring_to(env, changed)) & env.found_docs)


def toctree_collector_listener(app: Sphinx):
    for listener in app.events.listeners["env-get-updated"]:
        if isinstance(getattr(listener.handler, "__self__", None), TocTreeCollector):
            return listener
    return None


def connect_figure_numbering(app: Sphinx) -> None:
    listener = toctree_collector_listener(app)
    if listener is None:  # another Sphinx: leave its numbering as it is
        return
    numbering = FigureNumbering(listener.handler.__self__)
    app.disconnect(listener.id)
    app.connect("env-get-updated", numbering.updated_docs, priority=listener.priority)
    app.connect("env-get-outdated", numbering.before_reading)
    app.connect("env-before-read-docs", numbering.note_read)
    app.connect("doctree-read", note_number_references)
    NUMBER_REFERENCES.connect(app)
