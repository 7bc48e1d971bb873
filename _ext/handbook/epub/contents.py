"""What the EPUB leaves out: the pages for the HTML edition only (``handbook_html_only``:
the Courses page, which tells a teacher how to build a pack, and the pages it lists),
as the reader's PDF does (``editions/book.py``), and the web edition's static files.

They are excluded from the build, so the contents, spine and manifest never see them.
The toctree that lists them then reports "reference to excluded document": in this
build that is the intended outcome, so that one warning is silenced here; the HTML
edition, built with every check, still reports a real one.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.builders import is_e_book


def leave_out_html_only_pages(app: Sphinx) -> None:
    if not is_e_book(app.builder):
        return
    config = app.config
    pages = list(config.handbook_html_only)
    # A page and the folder of pages it lists (_generated/courses/, editions/courses.py).
    config.exclude_patterns = [*config.exclude_patterns, *(f"{page}.*" for page in pages),
                               *(f"_generated/{page}/**" for page in pages)]
    # The web edition's files (scripts, icons, the LaTeX style) are not the e-book's.
    config.html_static_path = list(config.handbook_epub_static)
    config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]


def setup_epub_contents(app: Sphinx) -> None:
    app.connect("builder-inited", leave_out_html_only_pages)
