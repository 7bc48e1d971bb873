"""One ``#`` title per page.

Markdown lets a page have two ``# `` headings, and Sphinx then makes it two top-level
sections: two entries in the contents, two ``\\chapter`` in the PDF, and a "chapter"
whose second half belongs to no chapter. Every page of the book has exactly one, so a
second one is a warning at its line (``handbook.second-title``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.validation import warn


class OneTitlePerPage(SphinxTransform):
    default_priority = 420

    def apply(self) -> None:
        sections = [child for child in self.document.children
                    if isinstance(child, nodes.section)]
        if len(sections) < 2:
            return
        first = sections[0]
        for section in sections[1:]:
            title = section[0]
            warn(f"second top-level title {title.astext()!r}: a page has one '# ' title (here "
                 f"{first[0].astext()!r}, line {first[0].line or first.line}); make this one "
                 "a '## ' section", "second-title", title if title.line else section)


def setup_one_title(app: Sphinx) -> None:
    app.add_transform(OneTitlePerPage)
