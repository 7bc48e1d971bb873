"""One id per page: sphinx-exercise gives every exercise's body the id
``exercise-content`` and every solution's ``solution-content``, so a page with two
exercises repeats both, which HTML forbids (the Nu checker reports it) and which makes a
link to either land on the first. Nothing links to them; they become classes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

SHARED_IDS = ("exercise-content", "solution-content")


class SharedIdsToClasses(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for section in self.document.findall(nodes.section):
            for shared in SHARED_IDS:
                if shared in section["ids"]:
                    section["ids"].remove(shared)
                    section["classes"].append(shared)


def setup_exercise_ids(app: Sphinx) -> None:
    app.add_post_transform(SharedIdsToClasses)
