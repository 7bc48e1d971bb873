"""The Climate Solutions Handbook's Sphinx extension.

Each feature lives in a module of its own with a ``setup_<feature>(app)``;
this ``setup()`` only wires them together.
"""

from sphinx.application import Sphinx

from .at_a_glance import setup_at_a_glance
from .bibliography import setup_bibliography
from .case_study import setup_case_study
from .chapter_parser import setup_chapter_parser
from .checked_icons import setup_checked_icons
from .classroom import setup_classroom
from .company_panel import setup_company_panel
from .control_characters import setup_control_characters
from .courses import setup_courses
from .directory_export import setup_directory_export
from .directory_pages import setup_directory_pages
from .drawdown_data import setup_drawdown_data
from .exercise_checks import setup_exercise_checks
from .factors import setup_factors
from .garbage_collection import setup_garbage_collection
from .html_mathml import setup_html_mathml
from .html_navigation import setup_html_navigation
from .html_template_cache import setup_html_template_cache
from .incremental_builds import setup_incremental_builds
from .invisible_characters import setup_invisible_characters
from .latex_book import setup_latex_book
from .latex_editions import setup_latex_editions
from .lean_environment import setup_lean_environment
from .markup_policy import setup_markup_policy
from .math_policy import setup_math_policy
from .one_title import setup_one_title
from .solutions_overview import setup_solutions_overview
from .source_files import setup_source_files
from .theme_escaping import setup_theme_escaping
from .untrusted_content import setup_untrusted_content

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    # One switch for the build-speed work (navigation rendered once, compiled templates
    # kept, garbage collection, lean environment); off only for the benchmark's baseline.
    app.add_config_value("handbook_speedups", True, "html", types=[bool])
    # Chapters are untrusted input: the policy first (see README, "Contributing chapters safely").
    setup_markup_policy(app)
    setup_chapter_parser(app)
    setup_checked_icons(app)
    setup_untrusted_content(app)
    setup_source_files(app)
    setup_control_characters(app)
    setup_invisible_characters(app)
    setup_one_title(app)
    setup_exercise_checks(app)
    setup_math_policy(app)
    setup_html_mathml(app)
    setup_theme_escaping(app)
    setup_bibliography(app)
    setup_drawdown_data(app)
    setup_factors(app)
    setup_classroom(app)
    setup_company_panel(app)
    setup_case_study(app)
    setup_at_a_glance(app)
    setup_directory_pages(app)
    setup_directory_export(app)
    setup_solutions_overview(app)
    setup_latex_book(app)
    setup_latex_editions(app)
    setup_courses(app)
    setup_html_navigation(app)
    setup_html_template_cache(app)
    setup_incremental_builds(app)
    setup_lean_environment(app)
    setup_garbage_collection(app)
    return {
        "version": __version__,
        "env_version": 4,
        # Cross-chapter data lives in the handbook domain, kept per document and merged
        # by merge_domaindata, so reading and writing in parallel is safe.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
