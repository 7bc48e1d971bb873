"""The Sphinx extension: every feature connected, in order.

Each feature lives in a module of its own with a ``setup_<feature>(app)``; the four
larger concerns are packages: the untrusted-input policy (``untrusted``), the company
directory (``directory``), the PDF editions (``editions``), the EPUB edition (``epub``), the HTML edition on the web (``web``) and the
build-speed work (``speed``). The importer (``importer``) is not part of the extension.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.addresses_as_written import setup_addresses_as_written
from handbook.at_a_glance import setup_at_a_glance
from handbook.bibliography import setup_bibliography
from handbook.book_index import setup_book_index
from handbook.case_study import setup_case_study
from handbook.chapter_numbers import setup_chapter_numbers
from handbook.chemical_formulas import setup_chemical_formulas
from handbook.citation import setup_citation
from handbook.classroom import setup_classroom
from handbook.company_panel import setup_company_panel
from handbook.directory import setup_directory
from handbook.drawdown_table import setup_drawdown_table
from handbook.editions import setup_editions
from handbook.epub import setup_epub
from handbook.exercise_checks import setup_exercise_checks
from handbook.factors import setup_factors
from handbook.footnote_numbers import setup_footnote_numbers
from handbook.house_style import setup_house_style
from handbook.incremental_builds import setup_incremental_builds
from handbook.multiple_choice import setup_multiple_choice
from handbook.number_unit_ties import setup_number_unit_ties
from handbook.part_cards import setup_part_cards
from handbook.pdf_links import setup_pdf_links
from handbook.picture_credits import setup_picture_credits
from handbook.print_links import setup_print_links
from handbook.solutions_overview import setup_solutions_overview
from handbook.speed import setup_speed
from handbook.table_numbers import setup_table_numbers
from handbook.typographic_apostrophes import setup_typographic_apostrophes
from handbook.unit_powers import setup_unit_powers
from handbook.untrusted import setup_untrusted_input
from handbook.web import setup_web


def setup_extension(app: Sphinx) -> None:
    # The policy first: no feature sees what it refuses.
    setup_untrusted_input(app)
    setup_exercise_checks(app)
    setup_multiple_choice(app)
    setup_bibliography(app)
    setup_drawdown_table(app)
    setup_factors(app)
    setup_classroom(app)
    setup_company_panel(app)
    setup_case_study(app)
    setup_at_a_glance(app)
    setup_directory(app)
    setup_solutions_overview(app)
    setup_part_cards(app)
    setup_table_numbers(app)
    setup_chapter_numbers(app)
    setup_picture_credits(app)
    setup_citation(app)
    setup_pdf_links(app)
    setup_addresses_as_written(app)
    setup_book_index(app)
    setup_print_links(app)
    setup_footnote_numbers(app)
    setup_chemical_formulas(app)
    setup_unit_powers(app)
    setup_typographic_apostrophes(app)
    setup_number_unit_ties(app)
    setup_house_style(app)
    setup_editions(app)
    setup_epub(app)
    setup_incremental_builds(app)
    setup_web(app)
    setup_speed(app)
