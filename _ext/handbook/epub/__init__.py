"""The EPUB edition: the reader's book for e-readers, from Sphinx's EPUB 3 builder.

``builder`` adapts the builder (Sphinx's own epub theme, no scripts, accessibility
metadata), ``cover`` draws the cover at build time, ``contents`` leaves out what is not
for readers, and ``accessibility`` holds the metadata the European Accessibility Act
expects of an e-book.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.epub.builder import HandbookEpubBuilder
from handbook.epub.contents import setup_epub_contents
from handbook.epub.cover import setup_epub_cover


def setup_epub(app: Sphinx) -> None:
    app.add_config_value("handbook_epub_subjects", [], "epub", types=[list])
    app.add_config_value("handbook_epub_static", [], "epub", types=[list])
    app.add_builder(HandbookEpubBuilder, override=True)
    setup_epub_contents(app)
    setup_epub_cover(app)
