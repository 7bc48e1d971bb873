"""How to cite the book, written from ``CITATION.cff`` (``handbook_citation_file``)::

    ```{cite-this-book}
    ```

    <paragraph classes="hb-citation">
        The Climate Solutions Handbook contributors (2026). Climate Solutions Handbook, …
    <literal_block language="bibtex">
        @book{climatesolutionshandbook2026, …

The version and year come from the same file as the title page's, so they always agree.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.common.citation_file import CitationFileError, read_citation
from handbook.validation import warn


class CiteThisBookDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        path = self.config.handbook_citation_file
        if not path:
            warn("cite-this-book: no citation file is configured (handbook_citation_file)",
                 "citation", (self.env.docname, self.lineno))
            return []
        self.env.note_dependency(path)
        try:
            citation = read_citation(Path(path))
        except CitationFileError as error:
            warn(f"cite-this-book: {error}", "citation", (self.env.docname, self.lineno))
            return []
        text = nodes.paragraph("", citation.text(), classes=["hb-citation"])
        bibtex = nodes.literal_block(citation.bibtex(), citation.bibtex(), language="bibtex")
        for node in (text, bibtex):
            self.set_source_info(node)
        return [text, bibtex]


def setup_citation(app: Sphinx) -> None:
    app.add_config_value("handbook_citation_file", "", "env", types=[str])
    app.add_directive("cite-this-book", CiteThisBookDirective)
