"""Classroom material: teaching notes, shown only in the instructor edition.

Exercises and their solutions come from sphinx-exercise; the edition decides what a
reader sees (see conf.py): the HTML edition folds solutions behind a toggle, the
student PDF leaves them out, the instructor PDF prints them with the teaching notes.

Source::

    :::{teaching-note}
    Students often forget that a COP is a ratio of energies, not of powers.
    :::

Doctree (instructor edition only; nothing at all in the others)::

    <admonition classes="hb-teaching-note">
        <title> Teaching note
        <paragraph> Students often forget …

The exact doctree of the snippet ``tests/snippets/teaching-note.md`` is pinned in ``tests/snapshots/teaching-note.txt``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_exercise.nodes import exercise_enumerable_node


class TeachingNoteDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        if self.config.handbook_edition != "instructor":
            return []
        note = nodes.admonition(classes=["hb-teaching-note"])
        self.set_source_info(note)
        note += nodes.title("", "Teaching note")
        note += self.parse_content_to_nodes()
        return [note]


class LabelExercisesForSolutionLinks(SphinxPostTransform):
    """In the PDF, sphinx-exercise labels an exercise ``exercise:<label>`` but links its
    solution's heading to ``<docname>:<label>``: add that label too, so the link lands."""

    builders = ("latex",)
    default_priority = 900

    def run(self) -> None:
        for exercise in list(self.document.findall(exercise_enumerable_node)):
            for anchor in exercise["ids"]:
                exercise.parent.insert(exercise.parent.index(exercise),
                                       exercise_label(anchor=anchor))


class exercise_label(nodes.General, nodes.Element):
    """A LaTeX label before an exercise (a docutils target there would be skipped)."""


def visit_exercise_label(self, node: exercise_label) -> None:
    self.body.append(self.hypertarget(node["anchor"]))
    raise nodes.SkipNode


def setup_classroom(app: Sphinx) -> None:
    app.add_node(exercise_label, latex=(visit_exercise_label, None))
    app.add_post_transform(LabelExercisesForSolutionLinks)
    app.add_directive("teaching-note", TeachingNoteDirective)
