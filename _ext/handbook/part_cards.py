""""The book's parts as cards on the front page of the HTML edition, with the downloads::

    ```{part-cards}
    ```

Each card names a part (linked), says how many chapters it has, gives its first sentence
and the part's Project Drawdown total (its solutions' Scenario 1 and 2 sums), so a reader
sees the whole book at once. The parts are the root page's entries whose page is a
folder's ``index``; counts and links are filled when the page is written, so they follow
the toctrees. The print edition has its own contents: there the directive makes nothing.

The doctree is pinned in ``tests/snapshots/part-cards.txt``.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.builders import is_web_edition
from handbook.drawdown_table import load_book_solutions
from handbook.solutions_overview import drawdown_table
from handbook.web.page_descriptions import first_paragraph

PDF_NAME = "climate-solutions-handbook.pdf"
EPUB_NAME = "climate-solutions-handbook.epub"


class part_cards(nodes.General, nodes.Element):
    """Placeholder, filled when the page is written (HTML) or removed (other builders)."""


class PartCardsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(self.config.handbook_drawdown_csv)
        # A chapter added to a part changes the part's page: the card's count follows.
        for part_page in sorted(Path(self.env.srcdir).glob("*/index.md")):
            self.env.note_dependency(str(part_page))
        node = part_cards()
        self.set_source_info(node)
        return [node]


def first_sentence(env, docname: str) -> str:
    text = first_paragraph(env.get_doctree(docname)) or ""
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def part_sector(env, part: str) -> str | None:
    """The sector whose solutions the part holds: the one its table of solutions names
    (the part's title may spell it otherwise: "Food, Agriculture and Land Use")."""
    table = next(iter(env.get_doctree(part).findall(drawdown_table)), None)
    return table["sector"] if table is not None and table["sector"] else None


def part_card(builder, docname: str, part: str, solutions) -> nodes.list_item:
    env = builder.env
    title = env.titles[part].astext()
    chapters = [doc for doc in env.toctree_includes.get(part, []) if doc in env.found_docs]
    sector = part_sector(env, part)
    mine = [s for s in solutions.values() if sector and s.home_sector == sector]
    scenario_1 = sum(s.scenario_1 or 0.0 for s in mine)
    scenario_2 = sum(s.scenario_2 or 0.0 for s in mine)
    link = nodes.reference("", title, internal=True, refuri=builder.get_relative_uri(docname, part))
    item = nodes.list_item(classes=["hb-part-card"])
    item += nodes.paragraph("", "", nodes.strong("", "", link), classes=["hb-part-title"])
    item += nodes.paragraph("", first_sentence(env, part), classes=["hb-part-text"])
    count = f"{len(chapters)} chapter{'s' if len(chapters) != 1 else ''}"
    if mine:
        figures = (f"Drawdown: {scenario_1:.1f} Gt CO2e (Scenario 1), "
                   f"{scenario_2:.1f} Gt (Scenario 2)")
        item += nodes.paragraph("", f"{count} \u00b7 {figures}", classes=["hb-part-figures"])
    else:
        item += nodes.paragraph("", count, classes=["hb-part-figures"])
    return item


def fill_part_cards(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(part_cards))
    if not placeholders:
        return
    if app.builder.format != "html":
        for node in placeholders:
            node.parent.remove(node)
        return
    solutions = load_book_solutions(app.config)
    parts = [doc for doc in app.env.toctree_includes.get(docname, []) if doc.endswith("/index")]
    for node in placeholders:
        cards = nodes.bullet_list(classes=["hb-part-cards"])
        cards += [part_card(app.builder, docname, part, solutions) for part in parts]
        downloads = nodes.paragraph("", "Take the book with you: ", classes=["hb-downloads"])
        # Files of the edition itself (make book copies them in): internal links.
        root = "../" * docname.count("/")
        downloads += nodes.reference("", "the PDF handbook", internal=True, refuri=root + PDF_NAME)
        downloads += nodes.Text(" (A4, for printing) or ")
        downloads += nodes.reference("", "the EPUB e-book", internal=True, refuri=root + EPUB_NAME)
        downloads += nodes.Text(" (for e-readers and phones).")
        # The e-book is the download: it offers none.
        node.replace_self([cards, downloads] if is_web_edition(app.builder) else [cards])


def setup_part_cards(app: Sphinx) -> None:
    app.add_directive("part-cards", PartCardsDirective)
    app.add_node(part_cards)
    app.connect("doctree-resolved", fill_part_cards)
