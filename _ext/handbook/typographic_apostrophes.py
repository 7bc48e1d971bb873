"""One apostrophe through the book. docutils' smart quotes set ’ in running text, but
not in what directives and generated pages write from their arguments: case-study
titles, company names, the directory, the case-study index, the answer key and the
back-of-book index printed "China's" beside the text's "China’s" (issue 26's review
counted 436 such in the back matter). Code, math, raw output and web addresses keep
what was written (``chemical_formulas.left_alone``)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from handbook.chemical_formulas import rewrite_texts
from handbook.common.characters import typographic_apostrophes


def curl_apostrophes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    rewrite_texts(doctree, typographic_apostrophes)


def setup_typographic_apostrophes(app: Sphinx) -> None:
    # After the pages' own handlers have added their text, before the formulas (950).
    app.connect("doctree-resolved", curl_apostrophes, priority=940)
