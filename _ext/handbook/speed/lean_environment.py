"""Keep the build environment that Sphinx pickles small.

sphinx-exercise keeps every exercise and solution node in
``env.sphinx_exercise_registry``. Those nodes still point at their chapter's document,
so the pickled environment carried a whole copy of every chapter with an exercise
(4.9 MB of 5 for 100 synthetic chapters), and each incremental build loads it and each
parallel reader sends it back. The registry only needs the nodes themselves (type,
attributes, titles, which its post-transforms read): we keep detached copies.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def detached(node: nodes.Element) -> nodes.Element:
    """A copy of *node* that refers to no document and no parent."""
    copy = node.deepcopy()
    for descendant in copy.findall():
        descendant.document = None
    copy.parent = None
    return copy


def detach_exercise_nodes(app: Sphinx, doctree: nodes.document) -> None:
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    for entry in registry.values():
        if entry.get("docname") == app.env.docname:
            entry["node"] = detached(entry["node"])


def connect_lean_environment(app: Sphinx) -> None:
    app.connect("doctree-read", detach_exercise_nodes)
