"""Who sees the worked solutions: the edition decides (``handbook_edition``, ``make html
EDITION=…``).

- ``public`` (the default): the HTML edition folds each solution behind a toggle; the
  reader's PDF leaves them out (the Makefile sets ``hide_solutions`` for it).
- ``student``: no worked solution anywhere in the output, the HTML search index
  included: sphinx-exercise's ``hide_solutions`` drops them when a page is read.
- ``instructor``: every solution open, without a toggle, and the teaching notes
  (``classroom.py``).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import solution_node

INSTRUCTOR_NOTICE = "Instructor edition: worked solutions and teaching notes are shown."


def configure_edition(app: Sphinx, config: Config) -> None:
    if config.handbook_edition == "student":
        config.hide_solutions = True
    elif config.handbook_edition == "instructor":
        # A printed or projected page says whose it is, before a student sees it (in the
        # book theme's announcement bar; other themes have none).
        if config.html_theme in ("sphinx_book_theme", "pydata_sphinx_theme"):
            config.html_theme_options = {**config.html_theme_options,
                                         "announcement": INSTRUCTOR_NOTICE}
        config.latex_elements = {**config.latex_elements, "preamble":
                                 config.latex_elements.get("preamble", "")
                                 + "\n\\renewcommand{\\HandbookEdition}"
                                 f"{{Version {config.release}, instructor edition}}"}


class OpenSolutionsForInstructors(SphinxPostTransform):
    """A solution written ``:class: dropdown`` is folded by sphinx-togglebutton; an
    instructor reading in class wants it open."""

    builders = ("html", "dirhtml", "singlehtml")
    default_priority = 400

    def run(self) -> None:
        if self.config.handbook_edition != "instructor":
            return
        for solution in self.document.findall(solution_node):
            solution["classes"] = [c for c in solution["classes"] if c != "dropdown"]


def setup_answers_shown(app: Sphinx) -> None:
    # After the settings are checked (priority 100), before anything reads them.
    app.connect("config-inited", configure_edition, priority=150)
    app.add_post_transform(OpenSolutionsForInstructors)
