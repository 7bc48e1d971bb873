"""Chapter handouts (``handbook_latex_set = "handouts"``): one LaTeX document per chapter,
in the article-like ``howto`` class, with a title block of its own (book, chapter, date)
and pages numbered from 1. ``standalone.py`` finishes each one. ``handbook_handouts``
(``make handouts HANDOUTS="buildings/insulation buildings/smart-thermostats"``) names the
chapters wanted; empty, every chapter gets one."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from handbook.editions.book import BOOK_TITLE
from handbook.editions.book_sources import chapter_titles
from handbook.editions.settings import check_choice


def configure_handouts(app: Sphinx, config: Config) -> None:
    if config.handbook_latex_set != "handouts":
        return
    titles = chapter_titles(Path(app.srcdir))
    for chapter in config.handbook_handouts:
        check_choice("handbook_handouts", chapter, list(titles))
    if config.handbook_handouts:
        titles = {chapter: titles[chapter] for chapter in config.handbook_handouts}
    config.latex_documents = [
        (docname, f"{docname.split('/')[-1]}.tex", title, BOOK_TITLE, "howto", False)
        for docname, title in titles.items()]
    config.latex_toplevel_sectioning = "section"
    # A handout of a few pages needs neither a contents page nor an index.
    # Printed on both sides or not, a handout of a few pages has no rectos to open on.
    config.latex_elements = {**config.latex_elements, "tableofcontents": "",
                             "makeindex": "", "printindex": "",
                             "extraclassoptions": "openany,oneside"}


def setup_handouts(app: Sphinx) -> None:
    app.add_config_value("handbook_handouts", [], "env", types=[list])
    app.connect("config-inited", configure_handouts)
